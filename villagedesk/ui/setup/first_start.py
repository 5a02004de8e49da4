"""The first start: the village profile and the first account in one form, then the recovery key.

A new database, or one from an older version that has no accounts yet (PLAIN), is set up before the
window opens (docs/SECURITY.md "The window"): the profile every printout carries and the account of
the 主任 or 书记 who will add the others. Making that account encrypts the file
(core.accounts.setup.first_account); :class:`RecoveryKeyDialog` then shows the recovery key once and
prints the 恢复密钥单 (documents/pdf/recovery_sheet.py) for the archive cabinet and the township.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk.core.accounts import accounts as account_core
from villagedesk.core.accounts import roles
from villagedesk.core.common.village import Profile, get_profile, validate
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.accounts.dialogs import AccountDialog, account_fields
from villagedesk.ui.kit import print_preview
from villagedesk.ui.kit.dialogs import Dialog
from villagedesk.ui.kit.forms import load_form
from villagedesk.ui.kit.messages import fmt

PROFILE_FIELDS = ("name", "code", "township", "county", "clerk", "phone")
ACCOUNT_FIELDS = ("account_name", "login", "role", "password", "password_again")


def encrypted_text(removed: int) -> str:
    """What the window says once after an older database was encrypted (store.upgrade.Encrypted)."""
    return fmt(QCoreApplication.translate(
        "RecoveryKeyDialog", "The database is now encrypted. %1 old backups, which were not encrypted, were "
                             "removed; every backup from now on is encrypted too."), removed)


class FirstStartDialog(AccountDialog):
    """The profile (as ui/profile_dialog.py asks it) above the first account (a 主任 or 书记).

    ``save`` checks everything and keeps the profile and the account's values in ``profile`` and
    ``account``; the caller then closes the plain store and makes the account, which encrypts the file
    (it cannot be made through a store that is open).
    """

    fields = ACCOUNT_FIELDS  # the profile's join them once its form is in (see __init__)

    def __init__(self, store: Store, parent: QWidget | None = None, *, older: bool = False):
        super().__init__(store, None, parent, offered=(roles.Role.HEAD,))
        self.setWindowTitle(self.tr("Set up VillageDesk"))
        self.profile: Profile | None = None
        self.account: dict | None = None
        intro = QLabel(self.intro_text(older), self.form)
        intro.setObjectName("first_start_intro")
        intro.setWordWrap(True)
        profile_box = QGroupBox(self.tr("The village"), self.form)
        QVBoxLayout(profile_box).addWidget(load_form("profile_form.ui", profile_box))
        heading = QLabel(self.tr("The first account: the village head's or party secretary's"), self.form)
        heading.setStyleSheet("font-weight: bold;")
        # Above the account's rows: the introduction, the profile, the account's heading.
        layout: QFormLayout = self.form.layout()
        for row, widget in enumerate((intro, profile_box, heading)):
            layout.insertRow(row, widget)
        self.fields = PROFILE_FIELDS + ACCOUNT_FIELDS
        for name in PROFILE_FIELDS:
            widget = self.field(name)
            widget.textChanged.connect(lambda _=None, w=widget: self._clear_mark(w))
        profile = get_profile(store)
        if profile is not None:
            self.set_values(vars(profile))
        self.field("role").setEnabled(False)

    def intro_text(self, older: bool) -> str:
        if older:
            return self.tr("From this version on, everyone who works with VillageDesk logs in with an account, and the "
                           "village's file is encrypted. Check the village's details, then make the first account: "
                           "the village head's or party secretary's, who adds the others. The file is encrypted as "
                           "soon as it is made; nothing in it is changed or lost.")
        return self.tr("Welcome. Fill in the village's details and the first account: the village head's or party "
                       "secretary's, who adds the others. The village's file is encrypted from the start.")

    def save(self, values: dict[str, str]) -> dict:
        profile = validate(Profile(**{k: values[k] for k in PROFILE_FIELDS}))
        account = self.account_values(values)
        # Every check of the new account (login, name, password, person) before anything is changed.
        with account_fields():
            account_core.checked_new_account(self.store, **account)
        self.profile, self.account = profile, account
        return account


class RecoveryKeyDialog(Dialog):
    """The recovery key, shown this once, with the 恢复密钥单 to print; Continue once it is kept."""

    def __init__(self, recovery_text: str, profile: Profile, database: Path, parent: QWidget | None = None, *,
                 removed_backups: int | None = None):
        super().__init__(parent)
        # loads reportlab: not at start-up
        from villagedesk.documents.pdf.recovery_sheet import key_groups

        self.setWindowTitle(self.tr("The recovery key"))
        self.recovery_text, self.profile, self.database = recovery_text, profile, database
        self.printed = False
        layout = QVBoxLayout(self)
        if removed_backups is not None:
            done = QLabel(encrypted_text(removed_backups), self)
            done.setObjectName("encrypted_note")
            done.setWordWrap(True)
            done.setStyleSheet("color: #1e7e34;")
            layout.addWidget(done)
        explain = QLabel(self.tr("This recovery key opens the village's file and every backup when all passwords are "
                                 "forgotten or the password file is lost. It is shown only now and VillageDesk does "
                                 "not keep it: print the recovery sheet, put it in the archive cabinet and give a "
                                 "copy to the township."), self)
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.key = QLabel(key_groups(recovery_text), self)
        self.key.setObjectName("recovery_key")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(20)
        font.setWeight(QFont.Weight.Bold)
        self.key.setFont(font)
        self.key.setWordWrap(True)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key.setStyleSheet("background: #eeeeee; padding: 12px;")
        layout.addWidget(self.key)
        self.print_button = QPushButton(self.tr("Print the recovery sheet…"), self)
        self.print_button.setObjectName("print_recovery_sheet")
        self.print_button.clicked.connect(self.print_sheet)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.kept = QCheckBox(self.tr("The recovery sheet is printed (or the key written down) and put away"), self)
        self.kept.setObjectName("recovery_kept")
        layout.addWidget(self.kept)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Continue"))
        self.ok.setEnabled(False)
        self.kept.toggled.connect(self.ok.setEnabled)
        self.buttons.accepted.connect(self.accept)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def reject(self) -> None:
        # Esc would lose the only sight of the key: Continue, once it is kept, is the way on.
        return

    def sheet(self, folder: Path) -> Path:
        """Write the 恢复密钥单 into ``folder`` and return it."""
        # loads reportlab: not at start-up
        from villagedesk.documents.pdf.recovery_sheet import print_recovery_sheet

        return print_recovery_sheet(folder / "恢复密钥单.pdf", profile=self.profile,
                                    recovery_text=self.recovery_text, database=self.database)

    def print_sheet(self) -> None:
        """The sheet in the print preview; the file (which holds the key) is gone once the preview closes."""
        with tempfile.TemporaryDirectory(prefix="vd-recovery-") as folder:
            try:
                pdf = self.sheet(Path(folder))
            except UserError as err:
                QMessageBox.warning(self, self.windowTitle(), str(err))
                return
            print_preview.PrintPreviewDialog(pdf, self, "恢复密钥单.pdf").exec()
        self.printed = True
        self.kept.setChecked(True)


__all__ = ["FirstStartDialog", "RecoveryKeyDialog", "encrypted_text"]
