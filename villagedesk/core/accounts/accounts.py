"""Accounts: added, disabled, enabled and given new passwords by a 主任/书记; never deleted.

An account is a row of ``accounts`` (store/migrations/v0013_accounts.py); its password lives only in
the key file beside the database, where it wraps the database key (store.keys.Keyring): setting a
password is wrapping the key again, and checking one is unwrapping it (docs/SECURITY.md "Roles and
permissions").  Every change is an audit row of the table ``accounts``, named by the acting
account (``store.actor``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from villagedesk import clock
from villagedesk.core.accounts import messages
from villagedesk.core.accounts.roles import Action, Role, label, parse_role, require
from villagedesk.core.common import records
from villagedesk.core.common.village import is_township
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.store.keys import Keyring

MIN_PASSWORD = 8
MAX_NAME = 20
_LOGIN = re.compile(r"[a-z][a-z0-9._-]{1,31}")


@dataclass(frozen=True)
class Account:
    id: int
    login: str
    name: str
    role: Role
    person_id: int | None
    disabled: bool

    @classmethod
    def from_row(cls, row: dict) -> Account:
        return cls(row["id"], row["login"], row["name"], Role(row["role"]), row["person_id"],
                   row["disabled_at"] is not None)


_COLUMNS = "id, login, name, role, person_id, disabled_at"


def list_accounts(store: Store) -> list[Account]:
    """Every account, the ones in use first, then by when they were added."""
    return [Account.from_row(r) for r in store.rows(
        f"SELECT {_COLUMNS} FROM accounts ORDER BY disabled_at IS NOT NULL, id")]


def get(store: Store, login: str) -> Account | None:
    row = store.row(f"SELECT {_COLUMNS} FROM accounts WHERE login = ?", (normal_login(login),))
    return Account.from_row(row) if row else None


def existing(store: Store, login: str) -> Account:
    account = get(store, login)
    if account is None:
        raise UserError(messages.NO_SUCH_ACCOUNT.format(login=login.strip()), field="login")
    return account


def has_accounts(store: Store) -> bool:
    return bool(store.scalar("SELECT EXISTS(SELECT 1 FROM accounts)"))


# --- checks of what is typed ---------------------------------------------------------------

def normal_login(text: str) -> str:
    return (text or "").strip().lower()


def check_login(text: str) -> str:
    """The login as kept (lower case), or a refusal: plain letters, so it is typed alike on every keyboard
    and in a script's environment (VILLAGEDESK_USER)."""
    login = normal_login(text)
    if not _LOGIN.fullmatch(login):
        raise UserError(messages.LOGIN_FORMAT.format(text=text), field="login")
    return login


def check_name(text: str) -> str:
    name = " ".join((text or "").split())
    if not name:
        raise UserError(messages.NAME_MISSING, field="name")
    if len(name) > MAX_NAME:
        raise UserError(messages.NAME_TOO_LONG.format(limit=MAX_NAME), field="name")
    return name


def check_password(password: str, login: str) -> str:
    """A password long enough to stand Argon2id's slow guessing for years, and not the login itself."""
    if len(password) < MIN_PASSWORD:
        raise UserError(messages.PASSWORD_SHORT.format(length=MIN_PASSWORD, count=len(password)),
                        field="password")
    if password.strip().lower() == login:
        raise UserError(messages.PASSWORD_IS_LOGIN, field="password")
    return password


def check_role(store: Store, role: Role | str) -> Role:
    """``role`` (a Role, its code or its Chinese name) if this kind of database holds it."""
    return parse_role(role, township=is_township(store))


def _check_person(store: Store, person_id: int | None) -> None:
    if person_id is None:
        return
    person = store.row("SELECT name FROM persons WHERE id = ?", (person_id,))
    if person is None:
        raise UserError(messages.NO_SUCH_PERSON.format(person_id=person_id), field="person")
    taken = store.row("SELECT login FROM accounts WHERE person_id = ? AND disabled_at IS NULL", (person_id,))
    if taken:
        raise UserError(messages.PERSON_TAKEN.format(person=person["name"], login=taken["login"]), field="person")


def checked_new_account(store: Store, login: str, name: str, role: Role | str, password: str | None,
                        person_id: int | None) -> dict:
    """The row of a new account as it will be written, or the first refusal (nothing written); the
    password is checked too unless None (the command line checks the rest before asking for it)."""
    login = check_login(login)
    name = check_name(name)
    found = get(store, login)
    if found is not None:
        raise UserError(messages.LOGIN_TAKEN.format(login=login, name=found.name), field="login")
    role = check_role(store, role)
    if password is not None:
        check_password(password, login)
    _check_person(store, person_id)
    return {"login": login, "name": name, "role": role.value, "person_id": person_id, "disabled_at": None,
            "created_by": store.actor, "last_login_at": None}


# --- changes -------------------------------------------------------------------------------

def _keyring(store: Store) -> tuple[Keyring, bytes]:
    """The key file and the database key new passwords wrap: there is one only once the first account
    encrypted the database (core.accounts.setup)."""
    if store.key is None:
        raise UserError(messages.NOT_ENCRYPTED_YET)
    return Keyring.load(store.path), store.key


def insert_account(store: Store, row: dict) -> Account:
    """Write an account row checked by :func:`checked_new_account`, audited (setup and :func:`add`)."""
    written = records.insert(store, "accounts", row)
    return Account.from_row(written)


def add(store: Store, by: Account, login: str, name: str, role: Role | str, password: str,
        person_id: int | None = None) -> Account:
    """A new account, its password wrapping the database key; only a 主任/书记 adds one."""
    require(by, Action.MANAGE_ACCOUNTS)
    row = checked_new_account(store, login, name, role, password, person_id)
    keyring, key = _keyring(store)
    with store.atomic():
        account = insert_account(store, row)
        # Last inside the transaction: a key file that cannot be written leaves no account without a
        # password; an entry written for a row whose commit then fails is refused at login as unknown.
        keyring.set_password(account.login, account.name, password, key)
    return account


def _may_manage(store: Store, by: Account, login: str) -> Account:
    require(by, Action.MANAGE_ACCOUNTS)
    return existing(store, login)


def _audit(store: Store, account: Account, action: str) -> None:
    """An audit row for a change that is not a column of the row (a password set)."""
    row = store.row("SELECT * FROM accounts WHERE id = ?", (account.id,))
    assert row is not None
    store.db.table("audit").insert(records.audit_row(store, action, "accounts", row["uid"], None,
                                                     {"login": account.login, "by": store.actor}))


def disable(store: Store, by: Account, login: str) -> Account:
    """Stop an account: it can no longer log in or sign.  Its entry leaves the key file, so its password
    no longer opens the database, not even a copy taken with the key file (docs/SECURITY.md "Roles and
    permissions"), and it is no longer offered at login; enabling it again sets a new password."""
    account = _may_manage(store, by, login)
    if account.disabled:
        raise UserError(messages.ALREADY_DISABLED.format(login=account.login, name=account.name))
    if account.role is Role.HEAD and not store.scalar(
            "SELECT count(*) FROM accounts WHERE role = ? AND disabled_at IS NULL AND id != ?",
            (Role.HEAD.value, account.id)):
        raise UserError(messages.LAST_HEAD.format(name=account.name, role=label(Role.HEAD)))
    keyring, _key = _keyring(store)
    with store.atomic():
        records.update(store, "accounts", account.id, {"disabled_at": clock.timestamp()}, action="disable")
        keyring.remove(account.login)
    return existing(store, account.login)


def check_enable(store: Store, by: Account, login: str) -> Account:
    """The disabled account ``by`` may enable, or the refusal :func:`enable` would give (asked before a
    new password is typed)."""
    account = _may_manage(store, by, login)
    if not account.disabled:
        raise UserError(messages.ALREADY_ENABLED.format(login=account.login, name=account.name))
    if account.person_id is not None:
        _check_person_free(store, account)
    return account


def enable(store: Store, by: Account, login: str, new_password: str) -> Account:
    """Use a disabled account again, with a new password (disabling threw the old one away)."""
    account = check_enable(store, by, login)
    check_password(new_password, account.login)
    keyring, key = _keyring(store)
    with store.atomic():
        records.update(store, "accounts", account.id, {"disabled_at": None}, action="enable")
        keyring.set_password(account.login, account.name, new_password, key)
    return existing(store, account.login)


def _check_person_free(store: Store, account: Account) -> None:
    taken = store.row("SELECT a.login, p.name FROM accounts a JOIN persons p ON p.id = a.person_id "
                      "WHERE a.person_id = ? AND a.disabled_at IS NULL AND a.id != ?",
                      (account.person_id, account.id))
    if taken:
        raise UserError(messages.PERSON_TAKEN.format(person=taken["name"], login=taken["login"]), field="person")


def check_reset(store: Store, by: Account, login: str) -> Account:
    """The account ``by`` may give a new password, or the refusal :func:`reset_password` would give."""
    account = _may_manage(store, by, login)
    if account.disabled:
        raise UserError(messages.DISABLED_NO_RESET.format(login=account.login, name=account.name))
    return account


def reset_password(store: Store, by: Account, login: str, new_password: str) -> None:
    """A 主任/书记 gives an account a new password (the old one forgotten)."""
    account = check_reset(store, by, login)
    check_password(new_password, account.login)
    set_password(store, account, new_password, "reset-password")


def set_password(store: Store, account: Account, new_password: str, action: str,
                 keyring: Keyring | None = None) -> None:
    """Wrap the database key under ``new_password`` for ``account``, audited as ``action``."""
    found, key = _keyring(store)
    keyring = keyring or found
    with store.atomic():
        _audit(store, account, action)
        keyring.set_password(account.login, account.name, new_password, key)


def change_password(store: Store, account: Account, old: str, new: str) -> None:
    """An account changes its own password, proving the old one first (store.keys.WrongPassword)."""
    keyring, _key = _keyring(store)
    keyring.unlock(account.login, old)
    check_password(new, account.login)
    set_password(store, account, new, "change-password")


def note_plain_export(store: Store, dest: Path) -> None:
    """An unencrypted copy of the whole database was written (store.encryption.export_plain): kept in the
    audit, and shown to the 主任/书记 with the account changes."""
    uid = store.scalar("SELECT uid FROM accounts WHERE login = ?", (store.actor,)) or store.actor
    with store.atomic():
        store.db.table("audit").insert(records.audit_row(store, PLAIN_EXPORT, "accounts", uid, None,
                                                         {"login": store.actor, "file": str(dest)}))


# --- what happened to the accounts ---------------------------------------------------------

@dataclass(frozen=True)
class AccountEvent:
    at: str
    actor: str
    action: str
    text: str


# Audit actions of the table ``accounts`` besides insert, update, disable and enable.
LOGIN, LOGIN_FAILED, PLAIN_EXPORT, SETUP = "login", "login-failed", "export-plain", "setup"
_EVENTS = {"insert": messages.EVENT_INSERT, "disable": messages.EVENT_DISABLE, "enable": messages.EVENT_ENABLE,
           "reset-password": messages.EVENT_RESET, "change-password": messages.EVENT_CHANGE,
           "recover": messages.EVENT_RECOVER, "login-failed": messages.EVENT_FAILED, SETUP: messages.EVENT_SETUP,
           PLAIN_EXPORT: messages.EVENT_EXPORT}


def account_events(store: Store, since_id: int = 0) -> list[AccountEvent]:
    """Account changes and failed logins after the audit row ``since_id``, newest first."""
    found = []
    township = is_township(store)
    for row in store.rows("SELECT at, actor, action, after FROM audit WHERE table_name = 'accounts' AND id > ? "
                          "AND action != ? ORDER BY id DESC", (since_id, LOGIN)):
        after = json.loads(row["after"]) if row["after"] else {}
        template = _EVENTS.get(row["action"])
        if template is None:
            continue
        role = after.get("role")
        text = template.format(login=after.get("login", ""), name=after.get("name", ""), file=after.get("file", ""),
                               role=label(role, township=township) if role else "")
        found.append(AccountEvent(row["at"], row["actor"], row["action"], text))
    return found


def since_last_head_login(store: Store, current: Account | None = None) -> list[AccountEvent]:
    """What a 主任/书记 should see on the home page: account changes and failed logins since a 主任/书记
    last logged in, this login of ``current`` aside (docs/SECURITY.md "Roles and permissions")."""
    logins = [r["id"] for r in store.rows(
        "SELECT audit.id, accounts.login FROM audit JOIN accounts ON accounts.uid = audit.record_uid "
        "WHERE audit.table_name = 'accounts' AND audit.action = ? AND accounts.role = ? ORDER BY audit.id DESC "
        "LIMIT 2", (LOGIN, Role.HEAD.value))]
    if current is not None and current.role is Role.HEAD and logins:
        logins = logins[1:]
    return account_events(store, logins[0] if logins else 0)


def person_id_of(store: Store, code: str) -> int:
    """The register's person with ``code`` (RK…), whom an account is tied to."""
    found = store.scalar("SELECT id FROM persons WHERE code = ?", (code.strip().upper(),))
    if found is None:
        raise UserError(messages.NO_PERSON_CODE.format(code=code.strip()), field="person")
    return found
