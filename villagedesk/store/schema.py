"""Versioned schema migrations.

Each step runs in its own transaction through sqlite-utils ``Migrations`` and stamps
``PRAGMA user_version`` with the version it reached, so the file itself says which
program version can read it.  Steps are append-only: never edit a released one.
"""

from __future__ import annotations

import json
import zlib

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


# Minutes are locked once finalised (status '已定稿'): the rows of a finalised meeting
# and of its attendance, agenda and resolutions never change again; corrections are
# amendments, which are append-only like the requests' handling log.
_MEETING_PARTS = ("meeting_people", "meeting_agenda", "meeting_resolutions")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    """``column`` is one of ``values``, as a CHECK: an OR chain, since SQLite builds a temporary
    table to evaluate ``IN`` with three or more values on every row written (measured:
    ≈ 4 µs a row, 0.5 s for the large demo's attendance)."""
    return "(" + " OR ".join(f"{column} = '{v}'" for v in values) + ")"


def _locked_part_triggers(table: str) -> list[str]:
    checks = {"insert": "NEW", "update": "OLD", "delete": "OLD"}
    return [f"""CREATE TRIGGER {table}_{event}_final BEFORE {event.upper()} ON {table}
                WHEN (SELECT status FROM meetings WHERE id = {row}.meeting_id) = '已定稿'
                BEGIN SELECT RAISE(ABORT, 'finalised minutes are never changed'); END"""
            for event, row in checks.items()]


@migrations(name="0004_meetings")
def _v4(db: Database) -> None:
    statements = [
        f"""CREATE TABLE meetings (
            {RECORD_COLUMNS},
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            meeting_date TEXT,
            start_time TEXT,
            end_time TEXT,
            place TEXT NOT NULL DEFAULT '',
            chair_id INTEGER REFERENCES persons(id),
            recorder_id INTEGER REFERENCES persons(id),
            eligible INTEGER CHECK (eligible IS NULL OR eligible > 0),
            eligible_households INTEGER CHECK (eligible_households IS NULL OR eligible_households > 0),
            note TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK {_one_of("status", ("草稿", "已定稿"))},
            finalised_at TEXT,
            finalised_by TEXT,
            CHECK (start_time IS NULL OR end_time IS NULL OR start_time < end_time),
            CHECK (status = '草稿' OR (meeting_date IS NOT NULL AND chair_id IS NOT NULL
                                       AND recorder_id IS NOT NULL AND finalised_at IS NOT NULL))
        )""",
        "CREATE INDEX meetings_date ON meetings(meeting_date)",
        "CREATE INDEX meetings_kind ON meetings(kind, meeting_date)",
        # Attendees and absentees come from the register (name and group as on the day);
        # guests (列席, e.g. township staff) may be named without a register entry.
        f"""CREATE TABLE meeting_people (
            {RECORD_COLUMNS},
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            attendance TEXT NOT NULL CHECK {_one_of("attendance", ("出席", "缺席", "列席"))},
            person_id INTEGER REFERENCES persons(id),
            name TEXT NOT NULL,
            group_name TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            CHECK (attendance = '列席' OR person_id IS NOT NULL),
            UNIQUE (meeting_id, person_id)
        )""",
        "CREATE INDEX meeting_people_person ON meeting_people(person_id)",
        f"""CREATE TABLE meeting_agenda (
            {RECORD_COLUMNS},
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            seq INTEGER NOT NULL CHECK (seq > 0),
            topic TEXT NOT NULL,
            discussion TEXT NOT NULL DEFAULT '',
            UNIQUE (meeting_id, seq)
        )""",
        f"""CREATE TABLE meeting_resolutions (
            {RECORD_COLUMNS},
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            agenda_id INTEGER REFERENCES meeting_agenda(id),
            seq INTEGER NOT NULL CHECK (seq > 0),
            text TEXT NOT NULL,
            voted INTEGER NOT NULL CHECK (voted IN (0, 1)),
            votes_for INTEGER,
            votes_against INTEGER,
            votes_abstain INTEGER,
            UNIQUE (meeting_id, seq),
            CHECK ((voted = 1 AND votes_for >= 0 AND votes_against >= 0 AND votes_abstain >= 0)
                   OR (voted = 0 AND votes_for IS NULL AND votes_against IS NULL AND votes_abstain IS NULL))
        )""",
        "CREATE INDEX meeting_resolutions_agenda ON meeting_resolutions(agenda_id)",
        f"""CREATE TABLE meeting_amendments (
            {RECORD_COLUMNS},
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            amended_on TEXT NOT NULL,
            author TEXT NOT NULL,
            reason TEXT NOT NULL,
            text TEXT NOT NULL
        )""",
        "CREATE INDEX meeting_amendments_meeting ON meeting_amendments(meeting_id)",
        """CREATE TRIGGER meeting_amendments_only_when_final BEFORE INSERT ON meeting_amendments
           WHEN (SELECT status FROM meetings WHERE id = NEW.meeting_id) != '已定稿'
           BEGIN SELECT RAISE(ABORT, 'only finalised minutes take amendments'); END""",
        """CREATE TRIGGER meeting_amendments_fixed BEFORE UPDATE ON meeting_amendments
           BEGIN SELECT RAISE(ABORT, 'amendments are never changed'); END""",
        """CREATE TRIGGER meeting_amendments_never_deleted BEFORE DELETE ON meeting_amendments
           BEGIN SELECT RAISE(ABORT, 'amendments are never deleted'); END""",
        """CREATE TRIGGER meetings_final_fixed BEFORE UPDATE ON meetings WHEN OLD.status = '已定稿'
           BEGIN SELECT RAISE(ABORT, 'finalised minutes are never changed'); END""",
        """CREATE TRIGGER meetings_final_never_deleted BEFORE DELETE ON meetings WHEN OLD.status = '已定稿'
           BEGIN SELECT RAISE(ABORT, 'finalised minutes are never deleted'); END""",
        *(sql for table in _MEETING_PARTS for sql in _locked_part_triggers(table)),
        # 四议两公开: one major matter through its four meetings, then posted twice.
        f"""CREATE TABLE matters (
            {RECORD_COLUMNS},
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            proposal_meeting_id INTEGER REFERENCES meetings(id),
            discussion_meeting_id INTEGER REFERENCES meetings(id),
            review_meeting_id INTEGER REFERENCES meetings(id),
            decision_meeting_id INTEGER REFERENCES meetings(id),
            resolution_posted_on TEXT,
            result TEXT NOT NULL DEFAULT '',
            result_posted_on TEXT
        )""",
        f"""CREATE TABLE requests (
            {RECORD_COLUMNS},
            raised_on TEXT NOT NULL,
            raised_by_id INTEGER REFERENCES persons(id),
            raised_by TEXT NOT NULL,
            group_name TEXT NOT NULL DEFAULT '',
            meeting_id INTEGER REFERENCES meetings(id),
            category TEXT NOT NULL,
            content TEXT NOT NULL,
            handling TEXT NOT NULL CHECK {_one_of("handling", ("当场解决", "限期办理", "转交部门"))},
            department TEXT NOT NULL DEFAULT '',
            owner_id INTEGER REFERENCES persons(id),
            owner TEXT NOT NULL DEFAULT '',
            deadline TEXT,
            status TEXT NOT NULL CHECK {_one_of("status", ("待办", "办理中", "已办结", "已转交"))},
            result TEXT NOT NULL DEFAULT '',
            feedback_on TEXT,
            feedback_how TEXT NOT NULL DEFAULT '',
            satisfaction TEXT CHECK (satisfaction IS NULL OR {_one_of("satisfaction", ("满意", "基本满意", "不满意"))}),
            closed_on TEXT,
            reopened INTEGER NOT NULL DEFAULT 0 CHECK (reopened >= 0),
            CHECK (deadline IS NULL OR deadline >= raised_on),
            CHECK (handling != '限期办理' OR deadline IS NOT NULL),
            CHECK (handling != '转交部门' OR department != ''),
            CHECK (status != '已办结' OR (result != '' AND feedback_on IS NOT NULL AND closed_on IS NOT NULL
                                         AND coalesce(satisfaction, '不满意') != '不满意'))
        )""",
        # The requests board filters by each of these; the open ones by their deadline.
        "CREATE INDEX requests_raised ON requests(raised_on)",
        "CREATE INDEX requests_status ON requests(status, deadline)",
        "CREATE INDEX requests_group ON requests(group_name, raised_on)",
        "CREATE INDEX requests_category ON requests(category, raised_on)",
        "CREATE INDEX requests_owner ON requests(owner_id)",
        "CREATE INDEX requests_owner_name ON requests(owner)",
        "CREATE INDEX requests_meeting ON requests(meeting_id)",
        "CREATE INDEX requests_raised_by ON requests(raised_by_id)",
        # How each request was handled, step by step (办理过程); never rewritten.
        f"""CREATE TABLE request_log (
            {RECORD_COLUMNS},
            request_id INTEGER NOT NULL REFERENCES requests(id),
            day TEXT NOT NULL,
            action TEXT NOT NULL,
            status TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX request_log_request ON request_log(request_id, day)",
        """CREATE TRIGGER request_log_fixed BEFORE UPDATE ON request_log
           BEGIN SELECT RAISE(ABORT, 'the request log is never changed'); END""",
        """CREATE TRIGGER request_log_never_deleted BEFORE DELETE ON request_log
           BEGIN SELECT RAISE(ABORT, 'the request log is never deleted'); END""",
    ]
    for sql in statements:
        db.execute(sql)
    _stamp(db, 4)


# Public notices (村务公开).  Once a notice has been posted its content never changes
# (a correction is a new notice that replaces it), and its table rows are fixed as soon
# as it leaves the draft stage; the database refuses both, whatever the program does.
_NOTICE_ROWS = ("notice_free_rows", "notice_finance_lines", "notice_recipients")
_NOTICE_CONTENT = ("category", "title", "body", "issuer", "issued_on", "table_kind", "table_title",
                   "table_headers", "opening_fen", "replaces_id", "reviewer_id", "reviewer", "reviewed_on",
                   "posted_on", "posting_days", "working_days", "posting_end", "full_numbers",
                   "full_numbers_by", "full_numbers_at")


def _draft_rows_triggers(table: str) -> list[str]:
    checks = {"insert": "NEW", "update": "OLD", "delete": "OLD"}
    return [f"""CREATE TRIGGER {table}_{event}_fixed BEFORE {event.upper()} ON {table}
                WHEN (SELECT status FROM notices WHERE id = {row}.notice_id) != '草稿'
                BEGIN SELECT RAISE(ABORT, 'only a draft notice''s table may change'); END"""
            for event, row in checks.items()]


@migrations(name="0005_notices")
def _v5(db: Database) -> None:
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _NOTICE_CONTENT)
    statements = [
        # The village's disclosure calendar: what it must post, and how often.
        f"""CREATE TABLE disclosure_items (
            {RECORD_COLUMNS},
            name TEXT NOT NULL,
            category TEXT NOT NULL,
            frequency TEXT NOT NULL CHECK {_one_of("frequency", ("每月", "每季度", "每年", "事项发生时"))},
            due_day INTEGER CHECK (due_day IS NULL OR due_day BETWEEN 1 AND 31),
            note TEXT NOT NULL DEFAULT '',
            archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
        )""",
        f"""CREATE TABLE notices (
            {RECORD_COLUMNS},
            category TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL DEFAULT '',
            issuer TEXT NOT NULL,
            issued_on TEXT NOT NULL,
            table_kind TEXT NOT NULL CHECK {_one_of("table_kind", ("无", "表格", "财务收支", "名单"))},
            table_title TEXT NOT NULL DEFAULT '',
            table_headers TEXT,
            opening_fen INTEGER,
            item_id INTEGER REFERENCES disclosure_items(id),
            source TEXT NOT NULL DEFAULT '',
            replaces_id INTEGER REFERENCES notices(id),
            status TEXT NOT NULL CHECK {_one_of("status", ("草稿", "已审核", "已张贴", "已归档", "已被替换"))},
            reviewer_id INTEGER REFERENCES persons(id),
            reviewer TEXT,
            reviewed_on TEXT,
            posted_on TEXT,
            posting_days INTEGER CHECK (posting_days IS NULL OR posting_days > 0),
            working_days INTEGER NOT NULL DEFAULT 0 CHECK (working_days IN (0, 1)),
            posting_end TEXT,
            posted_by TEXT,
            full_numbers INTEGER NOT NULL DEFAULT 0 CHECK (full_numbers IN (0, 1)),
            full_numbers_by TEXT,
            full_numbers_at TEXT,
            archived_on TEXT,
            archived_reason TEXT NOT NULL DEFAULT '',
            CHECK (status IN ('草稿', '已归档') OR reviewed_on IS NOT NULL),
            CHECK (status NOT IN ('已张贴', '已被替换') OR posted_on IS NOT NULL),
            CHECK (posted_on IS NULL OR (reviewed_on IS NOT NULL AND posting_end >= posted_on
                                         AND posted_on >= reviewed_on)),
            CHECK (full_numbers = 0 OR (full_numbers_by IS NOT NULL AND full_numbers_at IS NOT NULL))
        )""",
        "CREATE INDEX notices_status ON notices(status, posting_end)",
        "CREATE INDEX notices_category ON notices(category, issued_on)",
        "CREATE INDEX notices_item ON notices(item_id, posted_on)",
        "CREATE INDEX notices_replaces ON notices(replaces_id)",
        f"""CREATE TRIGGER notices_posted_fixed BEFORE UPDATE ON notices
           WHEN OLD.posted_on IS NOT NULL AND ({changed})
           BEGIN SELECT RAISE(ABORT, 'a posted notice is never changed'); END""",
        """CREATE TRIGGER notices_never_deleted BEFORE DELETE ON notices
           BEGIN SELECT RAISE(ABORT, 'notices are never deleted'); END""",
        # A free table: the headers are a JSON list on the notice, each row a JSON list here.
        f"""CREATE TABLE notice_free_rows (
            {RECORD_COLUMNS},
            notice_id INTEGER NOT NULL REFERENCES notices(id),
            seq INTEGER NOT NULL CHECK (seq > 0),
            cells TEXT NOT NULL,
            UNIQUE (notice_id, seq)
        )""",
        # Amounts in fen (分): exact sums, never floating point.
        f"""CREATE TABLE notice_finance_lines (
            {RECORD_COLUMNS},
            notice_id INTEGER NOT NULL REFERENCES notices(id),
            seq INTEGER NOT NULL CHECK (seq > 0),
            side TEXT NOT NULL CHECK {_one_of("side", ("收入", "支出"))},
            item TEXT NOT NULL,
            amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (notice_id, seq)
        )""",
        # Name, group and ID number as on the day the list was made, even when taken from the register.
        f"""CREATE TABLE notice_recipients (
            {RECORD_COLUMNS},
            notice_id INTEGER NOT NULL REFERENCES notices(id),
            seq INTEGER NOT NULL CHECK (seq > 0),
            person_id INTEGER REFERENCES persons(id),
            name TEXT NOT NULL,
            group_name TEXT NOT NULL DEFAULT '',
            id_number TEXT NOT NULL DEFAULT '',
            amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
            reason TEXT NOT NULL DEFAULT '',
            UNIQUE (notice_id, seq)
        )""",
        "CREATE INDEX notice_recipients_person ON notice_recipients(person_id)",
        *(sql for table in _NOTICE_ROWS for sql in _draft_rows_triggers(table)),
        f"""CREATE TABLE notice_objections (
            {RECORD_COLUMNS},
            notice_id INTEGER NOT NULL REFERENCES notices(id),
            received_on TEXT NOT NULL,
            raised_by TEXT NOT NULL,
            content TEXT NOT NULL,
            reply_due TEXT NOT NULL,
            reply TEXT NOT NULL DEFAULT '',
            replied_on TEXT,
            replied_by TEXT NOT NULL DEFAULT '',
            CHECK (reply_due > received_on),
            CHECK (replied_on IS NULL OR (reply != '' AND replied_on >= received_on))
        )""",
        "CREATE INDEX notice_objections_notice ON notice_objections(notice_id)",
        "CREATE INDEX notice_objections_open ON notice_objections(replied_on, reply_due)",
        """CREATE TRIGGER notice_objections_replied_fixed BEFORE UPDATE ON notice_objections
           WHEN OLD.replied_on IS NOT NULL
           BEGIN SELECT RAISE(ABORT, 'an answered objection is never changed'); END""",
        """CREATE TRIGGER notice_objections_never_deleted BEFORE DELETE ON notice_objections
           BEGIN SELECT RAISE(ABORT, 'objections are never deleted'); END""",
    ]
    for sql in statements:
        db.execute(sql)
    _stamp(db, 5)


@migrations(name="0006_sync")
def _v6(db: Database) -> None:
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
    _stamp(db, 6)


@migrations(name="0007_package_audit")
def _v7(db: Database) -> None:
    """Each package's audit kept whole and compressed with the package, not as one row per change;
    the township's rows in a table that takes a package's lines in the order they come.

    A village's history is most of what a package carries (a small village sends
    50,000 audit rows); as rows it was most of an import's time and of the
    township file.  What a township took before moves to the village's last package.
    """
    db.execute("ALTER TABLE tw_packages ADD COLUMN audit BLOB")
    villages = [code for (code,) in db.execute(
        "SELECT DISTINCT village_code FROM tw_rows WHERE table_name = 'audit'").fetchall()]
    for code in villages:
        lines = []
        for (data,) in db.execute("SELECT data FROM tw_rows WHERE village_code = ? AND table_name = 'audit' "
                                  "ORDER BY CAST(json_extract(data, '$.id') AS INTEGER)", [code]).fetchall():
            row = json.loads(data)
            row.pop("uid", None)  # the key the township once made up for it
            lines.append(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        history = packer.compress("".join(lines).encode("utf-8")) + packer.flush()
        db.execute("UPDATE tw_packages SET audit = ? WHERE village_code = ? AND sequence = "
                   "(SELECT max(sequence) FROM tw_packages WHERE village_code = ?)", [history, code, code])
    # Rows in arrival order with a small key beside them: a package's lines are appended instead of
    # being threaded one by one into a tree ordered by their random uids (half the time of an import).
    statements = [
        """CREATE TABLE tw_rows_v7 (
            id INTEGER PRIMARY KEY,
            village_code TEXT NOT NULL,
            table_name TEXT NOT NULL,
            uid TEXT NOT NULL,
            data TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            package_sequence INTEGER NOT NULL
        )""",
        "INSERT INTO tw_rows_v7 (village_code, table_name, uid, data, deleted, package_sequence) "
        "SELECT village_code, table_name, uid, data, deleted, package_sequence FROM tw_rows "
        "WHERE table_name != 'audit' ORDER BY village_code, table_name, uid",
        "DROP TABLE tw_rows",
        "ALTER TABLE tw_rows_v7 RENAME TO tw_rows",
        "CREATE UNIQUE INDEX tw_rows_key ON tw_rows (village_code, table_name, uid)",
    ]
    for sql in statements:
        db.execute(sql)
    _stamp(db, 7)


SCHEMA_VERSION = 7
