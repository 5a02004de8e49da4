"""A second signature at the same desk: another account chooses itself and types its own password.

A review (points, notices), locking a points period and finalising minutes need a second person
(docs/SECURITY.md "Signatures"): the review dialogs put this widget in their form. It offers the
enabled accounts whose role may do ``action`` (core.accounts.roles), less the account logged in
(``store.actor``) and any other account that must not sign (the recorder of the entry), and a
password field. :meth:`SecondSignature.verified` checks the password through the key file
(core.accounts.session.verify) and gives the signing ``Account``; a wrong password is a
``UserError`` naming :data:`PASSWORD_FIELD`, so a FormDialog shows it under the form::

    self.signature = SecondSignature(store, Action.REVIEW_POINTS, self, exclude=[entry_author])
    ...
    def save(self, values):
        reviewer = self.signature.verified()
        return points.approve(self.store, entry_id, reviewer)
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from villagedesk.core.accounts import accounts as account_core
from villagedesk.core.accounts import roles, session
from villagedesk.core.accounts.accounts import Account
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.kit.messages import fmt

#: The object names of the two fields: a FormDialog marks them when a UserError names them.
ACCOUNT_FIELD = "signer"
PASSWORD_FIELD = "signer_password"


def signers(store: Store, action: roles.Action, exclude: Iterable[str] = ()) -> list[Account]:
    """The accounts that may sign ``action`` here: enabled, allowed by their role, and not excluded
    (the account logged in never signs its own work twice)."""
    excluded = {store.actor, *exclude}
    return [a for a in account_core.list_accounts(store)
            if not a.disabled and roles.may(a.role, action) and a.login not in excluded]


def account_text(account: Account) -> str:
    """How an account is named in a list: 王五（村务监督委员会成员）."""
    return f"{account.name}（{roles.label(account.role)}）"


class SecondSignature(QWidget):
    """The signer's account and password; :meth:`verified` returns the checked account."""

    changed = Signal()  # the account chosen or the password typed changed

    def __init__(self, store: Store, action: roles.Action, parent: QWidget | None = None, *,
                 exclude: Iterable[str] = ()):
        super().__init__(parent)
        self.store = store
        self.action = action
        self.accounts = signers(store, action, exclude)

        self.account_box = QComboBox(self)
        self.account_box.setObjectName(ACCOUNT_FIELD)
        for account in self.accounts:
            self.account_box.addItem(account_text(account), account.login)
        self.password = QLineEdit(self)
        self.password.setObjectName(PASSWORD_FIELD)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("The signer types their own password"))
        self.note = QLabel(self)
        self.note.setObjectName("signer_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #666666;")

        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(self.tr("Signed by"), self.account_box)
        layout.addRow(self.tr("Signer's password"), self.password)
        layout.addRow(self.note)
        if self.accounts:
            self.note.setText(self.tr("The person who signs sits at this desk and types the password; "
                                      "it is checked, not stored."))
        else:
            self.note.setText(self.tr("No other account may sign this. A village head or party secretary "
                                      "adds one on the Accounts page."))
            self.account_box.setEnabled(False)
            self.password.setEnabled(False)
        self.account_box.currentIndexChanged.connect(lambda _=0: self._changed())
        self.password.textChanged.connect(lambda _="": self._changed())

    @property
    def login(self) -> str | None:
        """The chosen account's login (None when nobody may sign)."""
        return self.account_box.currentData()

    @login.setter
    def login(self, login: str) -> None:
        index = self.account_box.findData(login)
        if index >= 0:
            self.account_box.setCurrentIndex(index)

    def ready(self) -> bool:
        """An account chosen and a password typed: worth asking the key file."""
        return self.login is not None and bool(self.password.text())

    def verified(self) -> Account:
        """The chosen account, its password checked; UserError (naming the field) otherwise.

        A wrong password empties the field, so the next try starts clean.
        """
        login = self.login
        if login is None:
            raise UserError(self.tr("No other account may sign this."), field=ACCOUNT_FIELD)
        if not self.password.text():
            raise UserError(fmt(self.tr("%1 types their password to sign."), self.account_box.currentText()),
                            field=PASSWORD_FIELD)
        try:
            return session.verify(self.store, login, self.password.text())
        except UserError as err:
            self.password.clear()
            raise UserError(str(err), field=PASSWORD_FIELD) from err

    def clear(self) -> None:
        self.password.clear()

    def _changed(self) -> None:
        self.password.setStyleSheet("")
        self.changed.emit()


__all__ = ["ACCOUNT_FIELD", "PASSWORD_FIELD", "SecondSignature", "account_text", "signers"]
