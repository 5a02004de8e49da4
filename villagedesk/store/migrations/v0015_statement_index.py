"""Schema version 15: a household's points read from one stretch of the index (issue 17, "Performance").

A household's statement reads every entry of the household in a period.  With the index on
(household_id, entry_date) alone, each entry was then fetched from the table, where a year's forty
entries lie on forty pages spread over a million rows; in an encrypted file (docs/SECURITY.md) each
of those pages is decrypted and its HMAC checked on the first reading, which made the statement
1.4× slower than in a plain file.  The index now carries the columns the statement shows, so the
entries come from a few neighbouring index pages instead.  It replaces the narrower index: its
leading columns are the same, so every query that used the old one uses this one.

Released: never edit this step; a change is a new version."""

from __future__ import annotations

from sqlite_utils import Database

from villagedesk.store.migrations.base import stamp

NAME = "0015_statement_index"


def migrate(db: Database) -> None:
    db.execute("DROP INDEX IF EXISTS point_entries_household")
    db.execute("CREATE INDEX point_entries_household ON point_entries(household_id, entry_date, rule_id, quantity, "
               "points, status, reverses_id, reverse_reason, reject_reason, note)")
    stamp(db, 15)
