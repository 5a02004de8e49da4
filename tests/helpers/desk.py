"""The window's side of an encrypted village: the accounts of tests/helpers/factories.add_accounts over 油溪桥村, and
the steps (for tests.helpers.ui.when_modal) a clerk takes through the first start and the login."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.factories import (
    ACCOUNT_NAMES,
    SECOND_SUPERVISOR,
    add_accounts,
    package_village,
    password_of,
)
from tests.helpers.factories import log_in as log_in

#: login -> (name, role, password) of the accounts add_accounts makes.
PEOPLE = {**{login: (ACCOUNT_NAMES[login], role, password_of(login))
             for login, role in (("zhuren", "head"), ("wenshu", "clerk"), ("jiandu", "supervisor"))},
          SECOND_SUPERVISOR[0]: (SECOND_SUPERVISOR[1], "supervisor", SECOND_SUPERVISOR[2])}


def password(login: str) -> str:
    return password_of(login)


def encrypted_village(path: Path) -> str:
    """油溪桥村 (two households, tests.helpers.factories.package_village) at ``path`` with the accounts of
    PEOPLE, encrypted by the first (zhuren); returns the recovery key."""
    package_village(path)
    return add_accounts(path, second_supervisor=True)


def fill_first_account(dialog, login: str = "zhuren", **profile: str) -> None:
    """Fill the first start's form (ui/setup/first_start.FirstStartDialog): ``profile`` fields as given, the
    account of ``login`` (PEOPLE) with its password typed twice; then OK."""
    name, _role, secret = PEOPLE[login]
    for field, value in {**profile, "account_name": name, "login": login, "password": secret,
                         "password_again": secret}.items():
        dialog.field(field).setText(value)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()


def keep_recovery_key(dialog, seen: list[str] | None = None) -> None:
    """The recovery key dialog: note the key shown (in ``seen``), tick that it is kept, Continue."""
    if seen is not None:
        seen.append(dialog.key.text())
    dialog.kept.setChecked(True)
    dialog.ok.click()


def first_start_steps(login: str = "zhuren", seen: list[str] | None = None, **profile: str) -> list:
    """The steps of a first start on a plain database: the form, then the recovery key."""
    return [lambda d: fill_first_account(d, login, **profile), lambda d: keep_recovery_key(d, seen)]


def login_step(login: str):
    """The step of the login dialog: ``login`` with its right password."""
    def step(dialog) -> None:
        dialog.login = login
        dialog.password.setText(password(login))
        dialog.ok.click()
    return step
