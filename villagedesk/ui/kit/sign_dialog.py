"""Signing in a form: the signer's account and own password where a name was typed or picked.

Where the database has accounts, a review of points or of a notice, a points period's lock and the
finalising of minutes are signed at the same desk by another account (docs/SECURITY.md
"Signatures"): :func:`add_signature` puts the shared :class:`SecondSignature` into a dialog's form in
place of the rows that named the reviewer; :class:`SignDialog` asks for a signature alone, for an
action that had only a yes/no question before. In a plain database (no accounts) both leave the
dialogs as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from villagedesk.core.accounts import signatures
from villagedesk.core.accounts.accounts import Account
from villagedesk.core.accounts.roles import Action
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import FormDialog
from villagedesk.ui.kit.second_signature import SecondSignature


def signing(store: Store) -> bool:
    """Whether actions are signed by an account here (the database has accounts)."""
    return signatures.has_accounts(store)


def add_signature(dialog: FormDialog, action: Action, *, exclude: Iterable[str] = (),
                  replacing: Iterable[str] = ()) -> SecondSignature | None:
    """The signer's account and password as the last row of ``dialog``'s form (a QFormLayout),
    the rows of the fields ``replacing`` hidden; None in a plain database.

    ``exclude``: logins that may not sign this (the recorder or drafter of the work)."""
    if not signing(dialog.store):
        return None
    layout: QFormLayout = dialog.form.layout()
    for name in replacing:
        layout.setRowVisible(dialog.field(name), False)
    signature = SecondSignature(dialog.store, action, dialog.form, exclude=exclude)
    layout.addRow(signature)
    signature.changed.connect(dialog.error_label.hide)
    signature.password.setFocus()
    return signature


def hide_typed_names(dialog: FormDialog, *names: str) -> None:
    """Where the database has accounts, hide the fields ``names`` in which a clerk typed who did
    something: core writes the account at the desk instead (core.accounts.signatures.author)."""
    if signing(dialog.store):
        layout: QFormLayout = dialog.form.layout()
        for name in names:
            layout.setRowVisible(dialog.field(name), False)


def signed_by(signature: SecondSignature | None) -> Account | None:
    """The account that signed (its password checked), or None in a plain database."""
    return signature.verified() if signature is not None else None


class SignDialog(FormDialog):
    """What is about to be done, and who signs it; OK runs ``run(account)`` (None in a plain database)."""

    form_file = "sign_form.ui"

    def __init__(self, store: Store, title: str, explanation: str, action: Action,
                 run: Callable[[Account | None], Any], *, exclude: Iterable[str] = (), parent: QWidget | None = None):
        super().__init__(store, parent)
        self.setWindowTitle(title)
        self.form.findChild(QLabel, "explanation").setText(explanation)
        self.signature = add_signature(self, action, exclude=exclude)
        self._run = run

    def save(self, values: dict[str, str]) -> Any:
        return self._run(signed_by(self.signature))


__all__ = ["SignDialog", "add_signature", "hide_typed_names", "signed_by", "signing"]
