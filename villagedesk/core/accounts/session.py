"""Logging in: the password unwraps the database key, the key opens the database, the account must be in
it and in use (docs/SECURITY.md "Roles and permissions").

Wrong passwords are noted in the key file (the database cannot be written without the key) and slow
the next try down: a few free tries, then a wait that doubles with each further failure, counted per
login from the newest failure by the program's clock (:func:`delay_after`).  The next successful
login moves them into the audit, where the 主任/书记 sees them on the home page.  A refused login
changes nothing else.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from villagedesk import clock
from villagedesk.core.accounts import messages
from villagedesk.core.accounts.accounts import (
    LOGIN,
    LOGIN_FAILED,
    Account,
    check_password,
    existing,
    get,
    normal_login,
    set_password,
)
from villagedesk.core.accounts.roles import Action, Role, label, require
from villagedesk.core.common import records
from villagedesk.errors import UserError
from villagedesk.store import Store, open_store
from villagedesk.store.database import WrongKey
from villagedesk.store.keys import Keyring, WrongPassword, database_key

# The slow-down: this many wrong passwords in a row cost nothing (a typo, Caps Lock) ...
FREE_TRIES = 3
# ... then the next try waits this long, doubling with every further failure, up to the cap.
FIRST_WAIT = 15
MAX_WAIT = 300


class LoginDelayed(UserError):
    """Too many wrong passwords: the next try is taken only after ``seconds`` (the window counts down)."""

    def __init__(self, message: str, seconds: int):
        super().__init__(message, field="password")
        self.seconds = seconds


class KeyMismatch(UserError):
    """The key a password unwrapped does not open the database: a key file of another database, or a
    database file damaged where SQLCipher checks the key (its first page): `villagedesk restore`'s case."""


class BadLogin(WrongPassword):
    """A wrong password (or an unknown login), noted; ``seconds`` is the wait before the next try (0: none)."""

    def __init__(self, message: str, seconds: int):
        UserError.__init__(self, message, field="password")  # WrongPassword's own sentence is the plain one
        self.seconds = seconds


def delay_after(failures: int) -> int:
    """Seconds the next try waits after ``failures`` wrong passwords in a row."""
    if failures < FREE_TRIES:
        return 0
    return min(FIRST_WAIT * 2 ** (failures - FREE_TRIES), MAX_WAIT)


def _moment(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _failures_of(keyring: Keyring, login: str) -> list[datetime]:
    return [_moment(f["at"]) for f in keyring.failures() if f["login"] == login]


def seconds_to_wait(keyring: Keyring, login: str) -> int:
    """How long ``login`` must still wait before its password is tried again (0: it may try now)."""
    failures = _failures_of(keyring, login)
    if not failures:
        return 0
    wait = delay_after(len(failures))
    left = wait - (clock.now() - max(failures)).total_seconds()
    # A clock set back (a flat BIOS battery) makes the newest failure look like the future: never longer
    # than the wait itself.
    return max(0, min(wait, math.ceil(left)))


def _refuse_while_waiting(keyring: Keyring, login: str) -> None:
    wait = seconds_to_wait(keyring, login)
    if wait:
        raise LoginDelayed(messages.WAIT.format(seconds=wait), wait)


def _failed(keyring: Keyring, login: str) -> BadLogin:
    """Note a wrong password; the refusal says the wait it earned."""
    keyring.note_failure(login, clock.now())
    count = len(_failures_of(keyring, login))
    wait = delay_after(count)
    if wait:
        return BadLogin(messages.WRONG_PASSWORD_WAIT.format(count=count, seconds=wait), wait)
    return BadLogin(messages.WRONG_PASSWORD, 0)


def _unlock(keyring: Keyring, login: str, password: str) -> bytes:
    """The database key ``login``'s password unwraps; a wrong one is noted and refused."""
    _refuse_while_waiting(keyring, login)
    if not keyring.has(login):
        if not keyring.logins():
            raise UserError(messages.NOT_IN_KEY_FILE.format(login=login, keys=keyring.path))
        raise _failed(keyring, login)
    try:
        return keyring.unlock(login, password)
    except WrongPassword:
        raise _failed(keyring, login) from None


@dataclass
class Session:
    """An open database and the account that logged in to it (``store.actor`` is its login)."""

    store: Store
    account: Account

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def login(path: Path | str, login: str, password: str, *, write: bool = True,
          backup_on_open: bool = False, action: Action | None = None) -> Session:
    """Log ``login`` in to the encrypted database at ``path``.

    A writer records the login (and the failures noted since) in the audit; a reader (``write=False``,
    a printout from the command line) changes nothing.  The window backs up in the background once it
    is shown, so by default no backup is taken here (a command line writer asks for one:
    ``backup_on_open``, docs/ARCHITECTURE.md "Data rules").  ``action``: what the session is opened
    for (a command line command); an account whose role may not take it is refused before anything is
    written (roles.require).
    """
    path = Path(path).expanduser().absolute()
    login = normal_login(login)
    keyring = Keyring.load(path)
    key = _unlock(keyring, login, password)
    try:
        store = open_store(path, key=key, write=write, backup_on_open=backup_on_open)
    except WrongKey:
        raise KeyMismatch(messages.KEY_MISMATCH.format(login=login, keys=keyring.path)) from None
    try:
        account = get(store, login)
        if account is None:
            raise UserError(messages.NOT_IN_DATABASE.format(login=login))
        if account.disabled:
            raise UserError(messages.DISABLED.format(login=account.login, name=account.name))
        if action is not None:
            require(account, action)
        store.actor = account.login
        if store.writable:
            _record_login(store, account, keyring)
    except BaseException:
        store.close()
        raise
    return Session(store, account)


def unlock(path: Path | str, login: str, password: str) -> bytes:
    """The database key ``login``'s password unwraps, with the slow-down and the noting of a login, for a
    database that cannot be opened to look the account up (a damaged file restored from a backup)."""
    return _unlock(Keyring.load(Path(path).expanduser().absolute()), normal_login(login), password)


def _record_login(store: Store, account: Account, keyring: Keyring) -> None:
    noted = keyring.failures()
    with store.atomic():
        for failure in noted:
            row = records.audit_row(store, LOGIN_FAILED, "accounts", _uid_of(store, failure["login"]), None,
                                    {"login": failure["login"]})
            row["at"] = _moment(failure["at"]).isoformat(timespec="seconds")
            row["actor"] = failure["login"]
            store.db.table("audit").insert(row)
        # Every login is a row, even a second one within the same second (records.update would write
        # nothing for a value that did not change).
        now = clock.timestamp()
        store.conn.execute("UPDATE accounts SET last_login_at = ? WHERE id = ?", (now, account.id))
        store.db.table("audit").insert(records.audit_row(store, LOGIN, "accounts", _uid_of(store, account.login),
                                                         None, {"login": account.login, "at": now}))
    if noted:
        # After the commit: a key file that cannot be written keeps them, to be moved once more, never lost.
        keyring.clear_failures()


def _uid_of(store: Store, login: str) -> str:
    """The account a failure names, or the login typed when there is no such account."""
    return store.scalar("SELECT uid FROM accounts WHERE login = ?", (login,)) or login


def verify(store: Store, login: str, password: str) -> Account:
    """A second signature at the same desk: the account's own password, checked through the key file.

    The account must be in use; a wrong password is noted and slows down like a login's
    (store.keys.WrongPassword)."""
    account = existing(store, login)
    if account.disabled:
        raise UserError(messages.DISABLED.format(login=account.login, name=account.name))
    keyring = Keyring.load(store.path)
    key = _unlock(keyring, account.login, password)
    if store.key is not None and key != store.key:
        raise KeyMismatch(messages.KEY_MISMATCH.format(login=account.login, keys=keyring.path))
    return account


def recover(path: Path | str, recovery_text: str, login: str, new_password: str) -> Account:
    """A 主任/书记's password set again with the recovery key: it opens the database even when every
    password, or the whole key file, is lost (docs/SECURITY.md "Roles and permissions")."""
    key = database_key(recovery_text)  # a mistyped key is refused before anything is opened
    login = normal_login(login)
    check_password(new_password, login)
    try:
        store = open_store(Path(path), key=key)
    except WrongKey:
        raise UserError(messages.RECOVERY_WRONG) from None
    with store:
        account = existing(store, login)
        if account.role is not Role.HEAD:
            raise UserError(messages.RECOVER_NOT_HEAD.format(name=account.name, role=label(account.role)))
        if account.disabled:
            raise UserError(messages.DISABLED.format(login=account.login, name=account.name))
        store.actor = account.login
        # A damaged key file is put aside (kept) and a new one begun: this is the way back from it.
        set_password(store, account, new_password, "recover", Keyring.load(store.path, set_aside_damaged=True))
    return account


__all__ = ["LOGIN", "BadLogin", "KeyMismatch", "LoginDelayed", "Session", "delay_after", "login", "recover",
           "seconds_to_wait", "unlock", "verify"]
