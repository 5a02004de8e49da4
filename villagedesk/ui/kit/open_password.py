"""设置打开密码: an opening password for an export that carries full ID numbers.

The household register, the internal roster and the workbooks hold villagers' full ID numbers
(docs/DOMAIN.md §4.5).  Their export and print dialogs offer a check box that writes the file
encrypted (documents/protect.py, which also checks the password: typed the same twice, long
enough, plain ASCII; its one Chinese sentence is shown under the fields, the dialog staying
open).  :class:`OpenPasswordBox` is that check box and the two fields, placed in any dialog;
:class:`OpenPasswordDialog` is a dialog of its own around it, for an export that has no other
choices to make (the workbook, the register).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from villagedesk.documents import protect
from villagedesk.errors import UserError
from villagedesk.ui.kit.dialogs import Dialog
from villagedesk.ui.kit.messages import fmt


class OpenPasswordBox(QWidget):
    """The check box 设置打开密码 and, enabled while it is ticked, the password typed twice."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("open_password_box")
        self.check = QCheckBox(self.tr("Set a password to open the file"), self)
        self.check.setObjectName("set_open_password")
        self.first = self._field("open_password")
        self.second = self._field("open_password_again")
        self.hint = QLabel(fmt(self.tr("At least %1 characters: English letters, digits and symbols. Excel, WPS and "
                                       "PDF readers ask for it before they show the file. Keep it safe: without it "
                                       "the file cannot be opened, by anyone."), protect.MIN_LENGTH), self)
        self.hint.setObjectName("open_password_hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666666;")
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addRow(self.check)
        layout.addRow(self.tr("Password"), self.first)
        layout.addRow(self.tr("Password again"), self.second)
        layout.addRow(self.hint)
        self.check.toggled.connect(self._ticked)
        self._ticked(False)

    def _field(self, name: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def _ticked(self, on: bool) -> None:
        for field in (self.first, self.second):
            field.setEnabled(on)
            if not on:
                field.clear()  # a password not wanted is not kept
        if on:
            self.first.setFocus()

    def set_available(self, available: bool) -> None:
        """Offer the password only for an output with full ID numbers (the roster's internal version)."""
        if not available:
            self.check.setChecked(False)
        self.check.setEnabled(available)

    def password(self) -> protect.OpenPassword | None:
        """None unless ticked; else the password, or UserError (one Chinese sentence) when it will not do."""
        if not self.check.isChecked():
            return None
        try:
            return protect.OpenPassword.confirmed(self.first.text(), self.second.text())
        except UserError:
            self.second.clear()
            self.first.selectAll()
            self.first.setFocus()
            raise


class OpenPasswordDialog(Dialog):
    """Asked before an export with full ID numbers is written: ``password`` is the choice once accepted."""

    def __init__(self, title: str, what: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.password: protect.OpenPassword | None = None
        explanation = QLabel(fmt(self.tr("%1 holds villagers' full ID numbers and phones and is marked internal. "
                                         "With a password, a copy lost or left on a USB stick stays closed to "
                                         "others."), what), self)
        explanation.setObjectName("explanation")
        explanation.setWordWrap(True)
        self.box = OpenPasswordBox(self)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.box)
        layout.addStretch(1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        for field in (self.box.first, self.box.second):
            field.textChanged.connect(self.error_label.hide)
        self.box.check.toggled.connect(self.error_label.hide)

    def try_accept(self) -> None:
        try:
            self.password = self.box.password()
        except UserError as err:
            self.error_label.setText(str(err))
            self.error_label.show()
            # The message takes room the dialog did not have: grow rather than squeeze the hint.
            self.resize(self.width(), max(self.height(), self.layout().totalHeightForWidth(self.width())))
            return
        self.accept()


def ask_open_password(parent: QWidget, title: str, what: str) -> tuple[bool, protect.OpenPassword | None]:
    """Ask before writing ``what`` (an export with full ID numbers): (go on?, the password or None)."""
    dialog = OpenPasswordDialog(title, what, parent)
    go = dialog.exec() == QDialog.DialogCode.Accepted
    return go, dialog.password if go else None


def saved_text(path, password: protect.OpenPassword | None) -> str:
    """What the clerk is told once the export is written to ``path``."""
    if password is None:
        return fmt(QCoreApplication.translate("OpenPasswordDialog", "Saved to %1"), path)
    return fmt(QCoreApplication.translate("OpenPasswordDialog", "Saved to %1, with a password to open it."), path)


__all__ = ["OpenPasswordBox", "OpenPasswordDialog", "ask_open_password", "saved_text"]
