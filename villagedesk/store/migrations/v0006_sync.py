"""Schema version 6: USB packages: the village's package history and the township's merged rows and figures.

Released: never edit this step; a change is a new version."""

from __future__ import annotations

from sqlite_utils import Database

from villagedesk.store.migrations.base import RECORD_COLUMNS, stamp

NAME = "0006_sync"


def migrate(db: Database) -> None:
    statements = [
        # A village's record of every USB package it wrote (issue 7).
        f"""CREATE TABLE packages (
            {RECORD_COLUMNS},
            sequence INTEGER NOT NULL UNIQUE CHECK (sequence > 0),
            previous INTEGER,
            full INTEGER NOT NULL CHECK (full IN (0, 1)),
            since TEXT,
            audit_max INTEGER NOT NULL,
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            counts TEXT NOT NULL
        )""",
        # A township database: the villages it merges, the packages it took, and
        # every village row as the village sent it (JSON keyed by uid).
        f"""CREATE TABLE tw_villages (
            {RECORD_COLUMNS},
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            township TEXT NOT NULL,
            county TEXT NOT NULL,
            clerk TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            last_sequence INTEGER NOT NULL,
            last_created_at TEXT NOT NULL,
            last_imported_at TEXT NOT NULL,
            figures TEXT NOT NULL DEFAULT '{{}}'
        )""",
        f"""CREATE TABLE tw_packages (
            {RECORD_COLUMNS},
            village_code TEXT NOT NULL REFERENCES tw_villages(code),
            sequence INTEGER NOT NULL,
            previous INTEGER,
            full INTEGER NOT NULL CHECK (full IN (0, 1)),
            package_created_at TEXT NOT NULL,
            app_version TEXT NOT NULL,
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            counts TEXT NOT NULL,
            UNIQUE (village_code, sequence)
        )""",
        """CREATE TABLE tw_rows (
            village_code TEXT NOT NULL,
            table_name TEXT NOT NULL,
            uid TEXT NOT NULL,
            data TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            package_sequence INTEGER NOT NULL,
            PRIMARY KEY (village_code, table_name, uid)
        ) WITHOUT ROWID""",
    ]
    for sql in statements:
        db.execute(sql)
    stamp(db, 6)
