"""Schema version 5: Public notices: the disclosure calendar, notices with their tables (frozen once reviewed), objections.

Released: never edit this step; a change is a new version."""

from __future__ import annotations

from sqlite_utils import Database

from villagedesk.store.migrations.base import RECORD_COLUMNS, one_of, stamp

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


NAME = "0005_notices"


def migrate(db: Database) -> None:
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _NOTICE_CONTENT)
    statements = [
        # The village's disclosure calendar: what it must post, and how often.
        f"""CREATE TABLE disclosure_items (
            {RECORD_COLUMNS},
            name TEXT NOT NULL,
            category TEXT NOT NULL,
            frequency TEXT NOT NULL CHECK {one_of("frequency", ("每月", "每季度", "每年", "事项发生时"))},
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
            table_kind TEXT NOT NULL CHECK {one_of("table_kind", ("无", "表格", "财务收支", "名单"))},
            table_title TEXT NOT NULL DEFAULT '',
            table_headers TEXT,
            opening_fen INTEGER,
            item_id INTEGER REFERENCES disclosure_items(id),
            source TEXT NOT NULL DEFAULT '',
            replaces_id INTEGER REFERENCES notices(id),
            status TEXT NOT NULL CHECK {one_of("status", ("草稿", "已审核", "已张贴", "已归档", "已被替换"))},
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
            side TEXT NOT NULL CHECK {one_of("side", ("收入", "支出"))},
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
    stamp(db, 5)
