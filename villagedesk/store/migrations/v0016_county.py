"""Schema version 16: township → county (issue 20): the county card a township took, what it keeps to
forward, and the township packages it wrote (docs/PACKAGES.md "The county card", "A township package").

Released: never edit this step; a change is a new version."""

from __future__ import annotations

from sqlite_utils import Database

from villagedesk.store.migrations.base import RECORD_COLUMNS, stamp

NAME = "0016_county"


def migrate(db: Database) -> None:
    statements = [
        # A township: the county cards it took, as a village keeps its township cards; the one in
        # force has no replaced_at.  A county card names no township.
        f"""CREATE TABLE county_cards (
            {RECORD_COLUMNS},
            county TEXT NOT NULL,
            signing_key TEXT NOT NULL,
            recipient TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            card TEXT NOT NULL,
            replaced_at TEXT
        )""",
        # A township: each village package it took, as the village made it (its signed zip, opened
        # from the seal), to forward to the county.  Not a record table: the bytes are no one's edit,
        # and an audit row holding them would double the file.  sent_in: the township package that
        # carried it, NULL until one did.
        """CREATE TABLE tw_payloads (
            id INTEGER PRIMARY KEY,
            village_code TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            full INTEGER NOT NULL CHECK (full IN (0, 1)),
            sha256 TEXT NOT NULL,
            bytes INTEGER NOT NULL,
            data BLOB NOT NULL,
            taken_at TEXT NOT NULL,
            sent_in INTEGER,
            UNIQUE (village_code, sequence)
        )""",
        "CREATE INDEX tw_payloads_unsent ON tw_payloads (sent_in, village_code, sequence)",
        # A township: the packages it wrote for its county.
        f"""CREATE TABLE county_packages (
            {RECORD_COLUMNS},
            sequence INTEGER NOT NULL UNIQUE CHECK (sequence > 0),
            previous INTEGER,
            full INTEGER NOT NULL CHECK (full IN (0, 1)),
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            sealed_for TEXT NOT NULL,
            counts TEXT NOT NULL
        )""",
    ]
    for sql in statements:
        db.execute(sql)
    stamp(db, 16)
