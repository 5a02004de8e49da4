"""The township card in the window: a village joins its township, a township writes its card.

A village takes the card once (docs/PACKAGES.md, "The township card"): the
dialog shows the card's township and its fingerprint in large letters and asks
the clerk to compare it with the township by phone before confirming.
:class:`TownshipBox` sits on the 导出与打印 page with the township in force, its
fingerprint, 加入乡镇…/更换乡镇… and the printed key sheet.  A township database
writes its card with :func:`export_township_card` and prints its key sheet with
:func:`print_key_sheet` (the township page calls them).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk import clock
from villagedesk.core.common.village import get_profile
from villagedesk.core.township import keys
from villagedesk.documents.atomic import atomic_output
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.kit import print_preview
from villagedesk.ui.kit.dialogs import Dialog
from villagedesk.ui.kit.file_dialogs import ask_open, ask_save, remember_save_folder
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.widgets import push_button
from villagedesk.ui.kit.workers import Job


def fingerprint_label(fingerprint: str, parent: QWidget, size: int = 20) -> QLabel:
    """A fingerprint as a clerk reads it out: large, fixed-width, two lines of four groups, selectable."""
    groups = fingerprint.split()
    label = QLabel("\n".join(" ".join(groups[i:i + 4]) for i in range(0, len(groups), 4)), parent)
    label.setObjectName("fingerprint")
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(size)
    font.setWeight(QFont.Weight.Bold)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("background: #f3f3f3; border: 1px solid #999; padding: 8px;")
    return label


class JoinTownshipDialog(Dialog):
    """The card's township and fingerprint, to compare with the township before the village takes it."""

    def __init__(self, card: keys.Card, current: keys.Card | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change township") if current else self.tr("Join township"))
        heading = QLabel(fmt(self.tr("Township card of %1"), f"{card.county}{card.township}"), self)
        heading.setObjectName("township")
        big = heading.font()
        big.setPointSize(big.pointSize() + 4)
        big.setBold(True)
        heading.setFont(big)
        explain = QLabel(self.tr("Call the township and ask them to read out the fingerprint of their card "
                                 "(it is also on their printed key sheet). Compare every group: join only if "
                                 "all eight are the same. A card that someone swapped on the way has another "
                                 "fingerprint, and the township could not open your packages."), self)
        explain.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(QLabel(self.tr("Fingerprint:"), self))
        layout.addWidget(fingerprint_label(card.fingerprint, self))
        layout.addWidget(explain)
        if current is not None:
            replacing = QLabel(fmt(self.tr("This replaces the township joined before: %1 (fingerprint %2). "
                                           "The old card is kept in the records."),
                                   f"{current.county}{current.township}", current.fingerprint), self)
            replacing.setObjectName("replacing")
            replacing.setWordWrap(True)
            layout.addWidget(replacing)
        buttons = QDialogButtonBox(self)
        confirm = buttons.addButton(self.tr("The fingerprint matches: join"), QDialogButtonBox.ButtonRole.AcceptRole)
        confirm.setObjectName("confirm")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        # Nothing is taken by pressing Enter: the clerk confirms having compared, with a click.
        confirm.setAutoDefault(False)
        cancel.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)


def join_from_file(parent: QWidget, store: Store) -> keys.Card | None:
    """Choose a card file, show it, and on confirmation take it (replacing the township in force)."""
    title = QCoreApplication.translate("TownshipCard", "Join township")
    path = ask_open(parent, title, QCoreApplication.translate("TownshipCard", "Township cards (*.json);;All files (*)"))
    if path is None:
        return None
    try:
        card, text = keys.read_card_file(path)
    except UserError as err:
        QMessageBox.warning(parent, title, str(err))
        return None
    current = keys.trusted_township(store)
    if current == card:
        QMessageBox.information(parent, title, fmt(QCoreApplication.translate(
            "TownshipCard", "This village already joined %1 with this card (fingerprint %2). Nothing was changed."),
            f"{card.county}{card.township}", card.fingerprint))
        return current
    if JoinTownshipDialog(card, current, parent).exec() != QDialog.DialogCode.Accepted:
        return None
    try:
        keys.join_township(store, card, text, replace=current is not None)
    except UserError as err:
        QMessageBox.warning(parent, title, str(err))
        return None
    QMessageBox.information(parent, title, fmt(QCoreApplication.translate(
        "TownshipCard", "Joined %1. From now on only this township can open the village's packages."),
        f"{card.county}{card.township}"))
    return card


def export_township_card(parent: QWidget, store: Store) -> Path | None:
    """A township: write its card where the officer chooses and show the fingerprint to give the villages."""
    title = QCoreApplication.translate("TownshipCard", "Export township card")
    try:
        card, signature = keys.township_card(store)
    except UserError as err:
        QMessageBox.warning(parent, title, str(err))
        return None
    path = ask_save(parent, title, f"{card.township}-乡镇卡片.json",
                    QCoreApplication.translate("TownshipCard", "Township cards (*.json)"), ".json")
    if path is None:
        return None
    try:
        with atomic_output(path) as fh:
            fh.write(card.to_json(signature).encode("utf-8") + b"\n")
    except UserError as err:
        QMessageBox.warning(parent, title, str(err))
        return None
    remember_save_folder(path)
    QMessageBox.information(parent, title, fmt(QCoreApplication.translate(
        "TownshipCard", "Township card saved to %1.\n\nFingerprint: %2\n\nGive the card to the villages and tell "
        "each village clerk this fingerprint (by phone, or on the printed key sheet) to compare when joining."),
        path, card.fingerprint))
    return path


class TownshipBox(QGroupBox):
    """A village's township: the one in force and its fingerprint; join or change; the printed key sheet."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Township"))
        self.setObjectName("township_box")
        self.store = store
        self.job: Job | None = None  # the last printing job (tests wait for it)
        self.printer = print_preview.BackgroundPrint(self, store)
        self.buttons: dict[str, QPushButton] = {}
        self.status = QLabel(self)
        self.status.setObjectName("township_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        for key, slot in (("join_township", self.join), ("print_keys", self.print_keys)):
            row.addWidget(push_button(self, key, "", slot, self.buttons))
            self.buttons[key].setMinimumWidth(220)  # as the page's other buttons
        self.buttons["print_keys"].setText(self.tr("Print key sheet…"))
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self.show_township()

    def show_township(self) -> None:
        current = keys.trusted_township(self.store)
        if current is None:
            self.status.setText(self.tr("Not joined to a township yet: packages can be written once the village "
                                        "has taken its township's card (ask the township for it)."))
            self.buttons["join_township"].setText(self.tr("Join township…"))
        else:
            self.status.setText(fmt(self.tr("Packages are sealed for %1. Card fingerprint: %2"),
                                    f"{current.county}{current.township}", current.fingerprint))
            self.buttons["join_township"].setText(self.tr("Change township…"))

    def join(self) -> None:
        if join_from_file(self, self.store) is not None:
            self.show_township()

    def print_keys(self) -> None:
        self.job = print_key_sheet(self.printer)


def print_key_sheet(printer: print_preview.BackgroundPrint) -> Job | None:
    """Print the key sheet of the printer's database (village or township) off the GUI thread, then preview it."""
    profile = get_profile(printer.store)
    if profile is None:
        QMessageBox.warning(printer.owner, QCoreApplication.translate("TownshipCard", "Print"),
                            QCoreApplication.translate("TownshipCard", "Fill in the village profile first."))
        return None
    from villagedesk.documents.pdf.keys import print_keys  # loads reportlab: not at start-up

    suggested = f"{profile.name}-密钥指纹登记表-{clock.today():%Y%m%d}.pdf"
    return printer.show(QCoreApplication.translate("TownshipCard", "Preparing the key sheet"), "keys", suggested,
                        lambda reader, pdf, progress: print_keys(reader, pdf, progress=progress))


__all__ = ["JoinTownshipDialog", "TownshipBox", "export_township_card", "fingerprint_label", "join_from_file",
           "print_key_sheet"]
