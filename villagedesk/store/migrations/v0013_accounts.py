"""Schema version 13: accounts, one for each person who works with the program (issue 17).

An account names its login, its display name, its role and, where the person is in the register,
that person.  Passwords are not here: each account's password wraps the database key in the key
file beside the database (docs/SECURITY.md "Roles and permissions").  Accounts are disabled, never
deleted, so every audit row keeps naming someone who can be found; account changes and logins are
audit rows of the table ``accounts``.  The table stays in the village (core.township.merge
LOCAL_TABLES): a township keeps accounts of its own.

Released: never edit this step; a change is a new version."""

from __future__ import annotations

from sqlite_utils import Database

from villagedesk.store.migrations.base import RECORD_COLUMNS, one_of, stamp

NAME = "0013_accounts"

# core.accounts.roles.Role as this version knows it: 文书, 主任/书记, 监委会成员, 乡镇.
ROLES = ("clerk", "head", "supervisor", "township")


def migrate(db: Database) -> None:
    statements = [
        f"""CREATE TABLE accounts (
            {RECORD_COLUMNS},
            login TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK {one_of('role', ROLES)},
            person_id INTEGER REFERENCES persons(id),
            disabled_at TEXT,
            created_by TEXT NOT NULL,
            last_login_at TEXT
        )""",
        """CREATE TRIGGER accounts_never_deleted BEFORE DELETE ON accounts
           BEGIN SELECT RAISE(ABORT, 'accounts are never deleted'); END""",
        # A login never changes: the audit and every signature name it.
        """CREATE TRIGGER accounts_login_fixed BEFORE UPDATE OF login ON accounts
           WHEN NEW.login IS NOT OLD.login
           BEGIN SELECT RAISE(ABORT, 'an account login never changes'); END""",
    ]
    for sql in statements:
        db.execute(sql)
    stamp(db, 13)
