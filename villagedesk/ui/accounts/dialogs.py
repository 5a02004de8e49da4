"""The account forms: a new account (name, login, role, password twice, the person in the register)
and a new password.

Core decides (core.accounts.accounts): who may add or reset (a 主任 or 书记), what a login and a
password must be. The form checks only that the password was typed the same twice, which is about
typing, not a rule. The first start's form (ui/setup/first_start.py) is this one with the village
profile above it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from villagedesk.core.accounts import accounts as account_core
from villagedesk.core.accounts import roles
from villagedesk.core.accounts.accounts import Account
from villagedesk.core.common import passwords
from villagedesk.core.common.village import is_township
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import FormDialog, WidgetFieldsDialog
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.person_picker import PersonPicker


def typed_password(dialog: FormDialog, values: dict[str, str]) -> str:
    """The password typed twice in ``dialog``'s ``password`` and ``password_again`` (core.common.passwords, as
    an export's opening password); UserError when they differ, the second field emptied to type again."""
    try:
        return passwords.typed_twice(values["password"], values["password_again"], str)
    except UserError:
        dialog.field("password_again").clear()
        raise


@contextmanager
def account_fields() -> Iterator[None]:
    """Core's refusals of an account, naming this form's fields: core calls the account's name ``name``,
    which in the first start's form is the village's (the profile form above the account's)."""
    try:
        yield
    except UserError as err:
        if err.field == "name":
            raise UserError(err.message, field="account_name") from err
        raise


class AccountDialog(WidgetFieldsDialog):
    """A new account, made by ``by`` (a 主任 or 书记); ``saved`` is the new Account."""

    form_file = "account_form.ui"
    fields = ("account_name", "login", "role", "password", "password_again")
    widget_fields = ("person",)

    def __init__(self, store: Store, by: Account | None, parent: QWidget | None = None,
                 *, offered: tuple[roles.Role, ...] | None = None):
        super().__init__(store, parent)
        self.by = by
        self.township = is_township(store)
        role_box = self.field("role")
        for role in offered or roles.roles_of_database(self.township):
            role_box.addItem(roles.label(role, township=self.township), role.value)
        box = self.field("person_box")
        self.picker = PersonPicker(store, box, visible_rows=4)
        self.picker.setObjectName("person")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picker)
        self.picker.personChanged.connect(self._person_chosen)
        hint: QLabel = self.form.findChild(QLabel, "account_hint")
        hint.setText(self.tr("Choose the person in the register when there is one: the name is taken from there. "
                             "The password is at least 8 characters; the person types it here themselves."))
        hint.setStyleSheet("color: #666666;")

    def field_widget(self, name: str) -> QWidget:
        return self.picker if name == "person" else self.field(name)

    def _person_chosen(self, person_id: int | None) -> None:
        chosen = self.picker.chosen()
        if person_id is not None and chosen and not self.field("account_name").text().strip():
            self.field("account_name").setText(chosen[0]["name"])

    @property
    def role(self) -> roles.Role:
        return roles.Role(self.field("role").currentData())

    def account_values(self, values: dict[str, str]) -> dict[str, Any]:
        """What core takes for a new account, the password checked to be typed twice the same."""
        password = typed_password(self, values)
        return {"login": values["login"].strip(), "name": values["account_name"].strip(), "role": self.role,
                "password": password, "person_id": self.picker.person_id}

    def save(self, values: dict[str, str]) -> Account:
        if self.by is None:
            raise UserError(self.tr("Log in as a village head or party secretary to add accounts."))
        with account_fields():
            return account_core.add(self.store, self.by, **self.account_values(values))


class PasswordDialog(FormDialog):
    """A new password for ``account``, typed twice and handed to ``action`` (a reset, or enabling a disabled
    account, whose old password was thrown away when it was disabled)."""

    form_file = "password_form.ui"
    fields = ("password", "password_again")

    def __init__(self, store: Store, account: Account, action: Callable[[str], Any], parent: QWidget | None = None):
        super().__init__(store, parent)
        self.account = account
        self._action = action
        self.setWindowTitle(fmt(self.tr("New password for %1"), account.name))
        explanation: QLabel = self.form.findChild(QLabel, "explanation")
        explanation.setText(fmt(self.tr("%1 (%2) logs in with this password from now on: let them type it here "
                                        "themselves, or tell it to them in person. Any old password no longer "
                                        "works."), account.name, account.login))

    def save(self, values: dict[str, str]) -> Any:
        return self._action(typed_password(self, values))


__all__ = ["AccountDialog", "PasswordDialog", "typed_password"]
