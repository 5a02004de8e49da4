"""The first account: it makes the key file and encrypts the plain database in place (docs/SECURITY.md
"Roles and permissions").

In order, so that a power cut at any point leaves a way on and loses nothing: the account is written
into the still plain database (with its audit row), the key file gets its password, then
store.encryption.encrypt_in_place turns the file into an encrypted one (whole or not at all).  Until that
last step the database stays plain and opens as before; the set-up is simply made again, and the
account written the first time is taken over.  A key file found beside a plain database belongs to no
database any more (an unfinished set-up, or a plain copy put in the encrypted one's place): it is put
aside, never read again, and kept only for whoever wants to look at it.
"""

from __future__ import annotations

import os
from pathlib import Path

from villagedesk import clock
from villagedesk.core.accounts import messages
from villagedesk.core.accounts.accounts import (
    SETUP,
    check_login,
    check_name,
    check_password,
    check_role,
    checked_new_account,
    get,
    insert_account,
)
from villagedesk.core.accounts.roles import Action, Role, find_role, label, may
from villagedesk.core.common import records
from villagedesk.errors import UserError
from villagedesk.store import open_store
from villagedesk.store.database import is_encrypted
from villagedesk.store.encryption import encrypt_in_place
from villagedesk.store.keys import Keyring, database_key, new_recovery_key


def first_account(path: Path | str, login: str, name: str, role: Role | str, password: str,
                  person_id: int | None = None) -> str:
    """Make the first account of a plain database and encrypt it; returns the recovery key's text, to be
    shown and printed once (it is kept nowhere)."""
    path = Path(path).expanduser().absolute()
    if path.exists() and is_encrypted(path):
        raise UserError(messages.ALREADY_SET_UP)
    login, name = check_login(login), check_name(name)
    check_password(password, login)
    named = find_role(role)
    if named is None or not may(named, Action.MANAGE_ACCOUNTS):
        raise UserError(messages.FIRST_ROLE.format(role=label(Role.HEAD)), field="role")
    with open_store(path, backup_on_open=False) as store:
        role = check_role(store, role)
        store.actor = login
        with store.atomic():
            found = get(store, login)
            if found is None:
                account = insert_account(store, checked_new_account(store, login, name, role, password, person_id))
            else:  # written by a set-up cut short, or by the copy this file was made from: taken over
                records.update(store, "accounts", found.id, {"name": name, "role": role.value,
                                                              "person_id": person_id, "disabled_at": None})
                account = found
            uid = store.scalar("SELECT uid FROM accounts WHERE id = ?", (account.id,))
            store.db.table("audit").insert(records.audit_row(store, SETUP, "accounts", uid, None,
                                                             {"login": login, "name": name}))
    _put_aside_stale_key_file(path)
    recovery = new_recovery_key()
    key = database_key(recovery)
    Keyring.load(path).set_password(login, name, password, key)
    encrypt_in_place(path, key)
    return recovery


def _put_aside_stale_key_file(path: Path) -> None:
    stale = Keyring.load(path).path
    if stale.exists():
        os.replace(stale, stale.with_name(f"{stale.name}.{clock.now():%Y%m%d-%H%M%S}.old"))
