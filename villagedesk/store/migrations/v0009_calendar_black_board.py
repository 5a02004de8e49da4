"""Schema version 9: the holiday calendars loaded from the township's files; the scheme's 黑榜 rule.

Released: never edit this step; a change is a new version."""

from __future__ import annotations

from sqlite_utils import Database

from villagedesk.store.migrations.base import RECORD_COLUMNS, stamp

NAME = "0009_calendar_black_board"


def migrate(db: Database) -> None:
    statements = [
        # One row per year loaded from a file (docs/DOMAIN.md §4.7): its days as JSON
        # [["2027-01-01", "休", "元旦"], …], checked whole before it is written.  Local to the village.
        f"""CREATE TABLE holiday_calendars (
            {RECORD_COLUMNS},
            year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
            days TEXT NOT NULL CHECK (json_valid(days)),
            source TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            loaded_by TEXT NOT NULL
        )""",
        # The 黑榜 (docs/DOMAIN.md §2.3): whether the village posts one, and below which score a
        # household is named on it (NULL: the pass line).
        "ALTER TABLE point_scheme ADD COLUMN black_board INTEGER NOT NULL DEFAULT 1 CHECK (black_board IN (0, 1))",
        "ALTER TABLE point_scheme ADD COLUMN black_line INTEGER",
    ]
    for sql in statements:
        db.execute(sql)
    stamp(db, 9)
