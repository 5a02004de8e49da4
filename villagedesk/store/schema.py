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


@migrations(name="0003_points")
def _v3(db: Database) -> None:
    statements = [
        f"""CREATE TABLE point_scheme (
            {RECORD_COLUMNS},
            period_kind TEXT NOT NULL CHECK (period_kind IN ('month', 'quarter', 'year')),
            base_points INTEGER NOT NULL CHECK (base_points >= 0),
            pass_line INTEGER NOT NULL,
            star_thresholds TEXT NOT NULL,
            reset_each_period INTEGER NOT NULL CHECK (reset_each_period IN (0, 1)),
            base_redeemable INTEGER NOT NULL CHECK (base_redeemable IN (0, 1)),
            objection_days INTEGER NOT NULL CHECK (objection_days BETWEEN 1 AND 60)
        )""",
        # One row per version of a rule; rule_key stays the same across versions.
        f"""CREATE TABLE point_rules (
            {RECORD_COLUMNS},
            rule_key TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version > 0),
            category TEXT NOT NULL,
            item TEXT NOT NULL,
            points INTEGER NOT NULL CHECK (points != 0),
            unit TEXT NOT NULL,
            cap_per_period INTEGER CHECK (cap_per_period IS NULL OR cap_per_period > 0),
            valid_from TEXT NOT NULL,
            valid_to TEXT,
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (rule_key, version),
            CHECK (valid_to IS NULL OR valid_to >= valid_from)
        )""",
        f"""CREATE TABLE point_entries (
            {RECORD_COLUMNS},
            household_id INTEGER NOT NULL REFERENCES households(id),
            rule_id INTEGER NOT NULL REFERENCES point_rules(id),
            entry_date TEXT NOT NULL,
            period TEXT NOT NULL,
            quantity INTEGER NOT NULL CHECK (quantity != 0),
            points INTEGER NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            evidence TEXT NOT NULL DEFAULT '',
            recorded_by TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
            reviewer TEXT,
            reviewed_at TEXT,
            reject_reason TEXT NOT NULL DEFAULT '',
            reverses_id INTEGER REFERENCES point_entries(id),
            reverse_reason TEXT NOT NULL DEFAULT '',
            seq INTEGER UNIQUE,
            prev_hash TEXT,
            hash TEXT
        )""",
        "CREATE INDEX point_entries_ranking ON point_entries(status, entry_date, household_id, points)",
        "CREATE INDEX point_entries_household ON point_entries(household_id, entry_date)",
        "CREATE INDEX point_entries_rule ON point_entries(rule_id, household_id, period)",
        "CREATE INDEX point_entries_reverses ON point_entries(reverses_id)",
        # The ledger is append-only once approved: the program itself cannot change
        # or drop an approved entry; a change made behind its back breaks the chain.
        """CREATE TRIGGER point_entries_approved_fixed BEFORE UPDATE ON point_entries
           WHEN OLD.status = 'approved'
           BEGIN SELECT RAISE(ABORT, 'approved point entries are never changed'); END""",
        """CREATE TRIGGER point_entries_never_deleted BEFORE DELETE ON point_entries
           BEGIN SELECT RAISE(ABORT, 'point entries are never deleted'); END""",
        f"""CREATE TABLE point_periods (
            {RECORD_COLUMNS},
            period TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL CHECK (status IN ('open', 'posted', 'locked')),
            posted_on TEXT,
            objection_until TEXT,
            locked_on TEXT,
            note TEXT NOT NULL DEFAULT ''
        )""",
        f"""CREATE TABLE point_objections (
            {RECORD_COLUMNS},
            entry_id INTEGER NOT NULL REFERENCES point_entries(id),
            raised_by TEXT NOT NULL,
            received_on TEXT NOT NULL,
            content TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'upheld', 'dismissed')),
            resolution TEXT NOT NULL DEFAULT '',
            resolved_on TEXT
        )""",
        f"""CREATE TABLE shop_goods (
            {RECORD_COLUMNS},
            name TEXT NOT NULL,
            price INTEGER NOT NULL CHECK (price > 0),
            stock INTEGER NOT NULL CHECK (stock >= 0),
            archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
        )""",
        f"""CREATE TABLE redemptions (
            {RECORD_COLUMNS},
            household_id INTEGER NOT NULL REFERENCES households(id),
            goods_id INTEGER NOT NULL REFERENCES shop_goods(id),
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            points INTEGER NOT NULL CHECK (points > 0),
            redeemed_on TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX redemptions_household ON redemptions(household_id, redeemed_on)",
    ]
    for sql in statements:
        db.execute(sql)
    _stamp(db, 3)


SCHEMA_VERSION = 3
