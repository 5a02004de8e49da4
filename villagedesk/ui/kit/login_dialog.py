"""Logging in: pick your name from the accounts of the key file, type your password.

An ENCRYPTED database opens only through an account (docs/SECURITY.md "The window"): the window
starts on :class:`LoginDialog`, which asks core.accounts.session to unlock the key and open the
store. A wrong password gives one message, whatever was wrong (a name that is not there, a disabled
account, a typo), and the Log in button waits out the delay core imposes before the next try
(core.accounts.session: the slow-down lives there, the window only shows it). The idle lock
(ui/kit/idle_lock.py) asks the same way, for the account logged in.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk.core.accounts import session
from villagedesk.core.common import passwords
from villagedesk.errors import UserError
from villagedesk.store.keys import Keyring
from villagedesk.ui.kit.dialogs import Dialog
from villagedesk.ui.kit.messages import fmt

#: Checks a login and password: returns what logging in gives (a Session), or raises UserError.
Check = Callable[[str, str], Any]
#: How many seconds the next try of a login must wait (core's slow-down).
Delay = Callable[[str], float]


class LoginDialog(Dialog):
    """Accounts to pick from, a password, one message and the wait; ``outcome`` is what ``check`` gave."""

    def __init__(self, accounts: list[tuple[str, str]], check: Check, delay: Delay, parent: QWidget | None = None,
                 *, intro: str = ""):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log in — VillageDesk"))
        self.outcome: Any = None
        self._check = check
        self._delay = delay
        self._left = 0  # seconds still to wait before the next try

        self.intro = QLabel(intro, self)
        self.intro.setObjectName("login_intro")
        self.intro.setWordWrap(True)
        self.account = QComboBox(self)
        self.account.setObjectName("login_account")
        for login, name in accounts:
            self.account.addItem(name if name == login else f"{name}（{login}）", login)
        self.password = QLineEdit(self)
        self.password.setObjectName("login_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setObjectName("login_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        self.message.hide()

        self.buttons = QDialogButtonBox(self)
        self.ok = QPushButton(self.ok_text(), self)
        self.ok.setObjectName("login_ok")
        self.ok.setDefault(True)
        self.buttons.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel = self.buttons.addButton(self.cancel_text(), QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel.setObjectName("login_cancel")
        self.ok.clicked.connect(self.try_login)
        self.cancel.clicked.connect(self.reject)

        self.form = QFormLayout()
        self.form.addRow(self.tr("Your name"), self.account)
        self.form.addRow(self.tr("Password"), self.password)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.intro)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.message)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.intro.setVisible(bool(intro))

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.password.textChanged.connect(lambda _="": self.message.hide() if not self._left else None)
        self.account.currentIndexChanged.connect(lambda _=0: self._start_wait())

    def ok_text(self) -> str:
        return self.tr("Log in")

    def cancel_text(self) -> str:
        return self.tr("Cancel")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.password.setFocus()
        self._start_wait()

    @property
    def login(self) -> str | None:
        return self.account.currentData()

    @login.setter
    def login(self, login: str) -> None:
        index = self.account.findData(login)
        if index >= 0:
            self.account.setCurrentIndex(index)

    def try_login(self) -> None:
        """Ask core; on a refusal show its one message, empty the password and wait as core says."""
        login = self.login
        if login is None or self._left:
            return
        try:
            self.outcome = self._check(login, self.password.text())
        except UserError as err:
            self.password.clear()
            self.message.setStyleSheet("color: #c0392b;")
            self.message.setText(str(err))
            self.message.show()
            self._start_wait()
            return
        self.password.clear()
        self.accept()

    # --- the slow-down --------------------------------------------------------------------------
    def _start_wait(self) -> None:
        login = self.login
        self._left = max(0, round(self._delay(login))) if login is not None else 0
        self._show_wait()
        if self._left:
            self.timer.start()

    def _tick(self) -> None:
        self._left = max(0, self._left - 1)
        self._show_wait()

    def _show_wait(self) -> None:
        waiting = self._left > 0
        self.ok.setEnabled(not waiting and self.login is not None)
        self.ok.setText(fmt(self.tr("Wait %1 s"), self._left) if waiting else self.ok_text())
        if not waiting:
            self.timer.stop()


class RecoverDialog(Dialog):
    """A 主任/书记's forgotten password set anew with the recovery key (core.accounts.session.recover).

    The recovery key opens the database even when the key file is lost, so the login is typed or
    picked; the new password is typed twice. Core refuses a mistyped key, another database's key and
    an account that is not a 主任's, each in one sentence, and changes nothing then.
    """

    def __init__(self, path: Path, logins: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.path = path
        self.recovered: Any = None
        self.setWindowTitle(self.tr("Forgot the password"))
        intro = QLabel(self.tr("A village head or party secretary sets a new password with the recovery key from "
                               "the recovery sheet in the archive cabinet (or the township's copy). Then they log "
                               "in and set new passwords for the others on the Accounts page."), self)
        intro.setWordWrap(True)
        self.key = QLineEdit(self)
        self.key.setObjectName("recovery_key")
        self.key.setPlaceholderText(self.tr("The groups of letters and digits on the sheet"))
        self.account = QComboBox(self)
        self.account.setObjectName("recover_login")
        self.account.setEditable(True)
        for login, name in logins:
            self.account.addItem(login, login)
            self.account.setItemData(self.account.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit(self)
        self.password_again.setObjectName("password_again")
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setObjectName("recover_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Set the new password"))
        self.buttons.accepted.connect(self.try_recover)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Recovery key"), self.key)
        form.addRow(self.tr("Login of the head"), self.account)
        form.addRow(self.tr("New password"), self.password)
        form.addRow(self.tr("Password again"), self.password_again)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    @property
    def login(self) -> str:
        return self.account.currentText().strip()

    def try_recover(self) -> None:
        try:
            password = passwords.typed_twice(self.password.text(), self.password_again.text(), str)
        except UserError as err:
            self.password_again.clear()
            self._say(str(err))
            return
        try:
            self.recovered = session.recover(self.path, self.key.text(), self.login, password)
        except UserError as err:
            self._say(str(err))
            return
        self.accept()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


def login_dialog(path: Path, parent: QWidget | None = None) -> LoginDialog:
    """The login of the encrypted database at ``path``: its key file's accounts, core's session and wait."""
    dialog = LoginDialog(Keyring.load(path).logins(), lambda login, password: session.login(path, login, password),
                         lambda login: session.seconds_to_wait(Keyring.load(path), login), parent)
    dialog.intro.setText(fmt(QCoreApplication.translate("LoginDialog", "Database: %1"), str(path)))
    dialog.intro.show()
    forgot = dialog.buttons.addButton(QCoreApplication.translate("LoginDialog", "Forgot the password…"),
                                      QDialogButtonBox.ButtonRole.ResetRole)
    forgot.setObjectName("login_forgot")
    forgot.clicked.connect(lambda: recover(dialog, path))
    return dialog


def recover(dialog: LoginDialog, path: Path) -> bool:
    """The recovery dialog over the login; once a password is set, the login is ready for it."""
    recovering = RecoverDialog(path, Keyring.load(path).logins(), dialog)
    if dialog.login is not None:
        recovering.account.setCurrentText(dialog.login)
    if recovering.exec() != QDialog.DialogCode.Accepted:
        return False
    if dialog.account.findData(recovering.recovered.login) < 0:  # a key file made anew
        dialog.account.addItem(recovering.recovered.name, recovering.recovered.login)
    dialog.login = recovering.recovered.login
    dialog.message.setText(fmt(QCoreApplication.translate("LoginDialog", "%1 has a new password: log in with it."),
                               recovering.recovered.name))
    dialog.message.setStyleSheet("color: #1e7e34;")
    dialog.message.show()
    dialog.password.setFocus()
    return True


__all__ = ["Check", "Delay", "LoginDialog", "RecoverDialog", "login_dialog", "recover"]
