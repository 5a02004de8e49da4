"""Schema version 2: The committees: terms, posts, training and appraisals.

Released: never edit this step; a change is a new version."""

from __future__ import annotations

from sqlite_utils import Database

from villagedesk.store.migrations.base import RECORD_COLUMNS, stamp

NAME = "0002_committee"


def migrate(db: Database) -> None:
    statements = [
        f"""CREATE TABLE terms (
            {RECORD_COLUMNS},
            number INTEGER NOT NULL UNIQUE CHECK (number > 0),
            election_date TEXT,
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            CHECK (start_date < end_date)
        )""",
        f"""CREATE TABLE posts (
            {RECORD_COLUMNS},
            person_id INTEGER NOT NULL REFERENCES persons(id),
            term_id INTEGER NOT NULL REFERENCES terms(id),
            body TEXT NOT NULL,
            role TEXT NOT NULL,
            start_date TEXT NOT NULL,
            end_date TEXT,
            end_reason TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            CHECK (end_date IS NULL OR end_date >= start_date)
        )""",
        "CREATE INDEX posts_person ON posts(person_id)",
        "CREATE INDEX posts_term ON posts(term_id)",
        f"""CREATE TABLE trainings (
            {RECORD_COLUMNS},
            date TEXT NOT NULL,
            topic TEXT NOT NULL,
            hours REAL NOT NULL CHECK (hours > 0),
            organiser TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT ''
        )""",
        f"""CREATE TABLE training_attendees (
            {RECORD_COLUMNS},
            training_id INTEGER NOT NULL REFERENCES trainings(id),
            person_id INTEGER NOT NULL REFERENCES persons(id),
            UNIQUE (training_id, person_id)
        )""",
        "CREATE INDEX training_attendees_person ON training_attendees(person_id)",
        f"""CREATE TABLE appraisals (
            {RECORD_COLUMNS},
            person_id INTEGER NOT NULL REFERENCES persons(id),
            year INTEGER NOT NULL,
            result TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (person_id, year)
        )""",
    ]
    for sql in statements:
        db.execute(sql)
    stamp(db, 2)
