"""Schema version 3: Points scoring: the rule catalogue, schemes, the chained ledger, the shop.

Released: never edit this step; a change is a new version."""

from __future__ import annotations

from sqlite_utils import Database

from villagedesk.store.migrations.base import RECORD_COLUMNS, stamp

NAME = "0003_points"


def migrate(db: Database) -> None:
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
    stamp(db, 3)


# Minutes are locked once finalised (status '已定稿'): the rows of a finalised meeting
# and of its attendance, agenda and resolutions never change again; corrections are
# amendments, which are append-only like the requests' handling log.
