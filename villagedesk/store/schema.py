"""Versioned schema migrations.

Each step runs in its own transaction through sqlite-utils ``Migrations`` and stamps
``PRAGMA user_version`` with the version it reached, so the file itself says which
program version can read it.  Steps are append-only: never edit a released one.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("villagedesk")

# Columns every record table carries (DESIGN.md "Data").
RECORD_COLUMNS = """
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
"""


def _stamp(db: Database, version: int) -> None:
    db.execute(f"PRAGMA user_version = {int(version)}")


@migrations(name="0001_register")
def _v1(db: Database) -> None:
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
    _stamp(db, 1)


@migrations(name="0002_committee")
def _v2(db: Database) -> None:
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
    _stamp(db, 2)


SCHEMA_VERSION = 2
