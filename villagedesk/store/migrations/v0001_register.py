"""Schema version 1: The register: the village profile, households, persons and the audit table.

Released: never edit this step; a change is a new version."""

from __future__ import annotations

from sqlite_utils import Database

from villagedesk.store.migrations.base import RECORD_COLUMNS, stamp

NAME = "0001_register"


def migrate(db: Database) -> None:
    statements = [
        f"""CREATE TABLE village (
            {RECORD_COLUMNS},
            name TEXT NOT NULL,
            code TEXT NOT NULL,
            township TEXT NOT NULL,
            county TEXT NOT NULL,
            clerk TEXT NOT NULL,
            phone TEXT NOT NULL
        )""",
        """CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
        f"""CREATE TABLE households (
            {RECORD_COLUMNS},
            code TEXT NOT NULL UNIQUE,
            group_name TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
            archived_reason TEXT NOT NULL DEFAULT ''
        )""",
        f"""CREATE TABLE persons (
            {RECORD_COLUMNS},
            code TEXT NOT NULL UNIQUE,
            household_id INTEGER NOT NULL REFERENCES households(id),
            name TEXT NOT NULL,
            initials TEXT NOT NULL DEFAULT '',
            gender TEXT NOT NULL DEFAULT '',
            ethnicity TEXT NOT NULL DEFAULT '',
            birth_date TEXT,
            id_number TEXT,
            relation TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            education TEXT NOT NULL DEFAULT '',
            political TEXT NOT NULL DEFAULT '',
            archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
            archived_reason TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE UNIQUE INDEX persons_id_number ON persons(id_number) WHERE id_number IS NOT NULL",
        "CREATE UNIQUE INDEX persons_one_head ON persons(household_id) "
        "WHERE relation = '户主' AND archived = 0",
        "CREATE INDEX persons_household ON persons(household_id)",
        "CREATE INDEX persons_name ON persons(name)",
        "CREATE INDEX persons_initials ON persons(initials)",
        "CREATE INDEX households_group ON households(group_name)",
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            table_name TEXT NOT NULL,
            record_uid TEXT NOT NULL,
            before TEXT,
            after TEXT
        )""",
        "CREATE INDEX audit_record ON audit(table_name, record_uid)",
        "CREATE INDEX audit_at ON audit(at)",
    ]
    for sql in statements:
        db.execute(sql)
    stamp(db, 1)
