"""Schema version 4: Meetings and requests: minutes with their people, agenda and resolutions (locked once final), the requests ledger, 四议两公开 matters.

Released: never edit this step; a change is a new version."""

from __future__ import annotations

from sqlite_utils import Database

from villagedesk.store.migrations.base import RECORD_COLUMNS, one_of, stamp

_MEETING_PARTS = ("meeting_people", "meeting_agenda", "meeting_resolutions")




def _locked_part_triggers(table: str) -> list[str]:
    checks = {"insert": "NEW", "update": "OLD", "delete": "OLD"}
    return [f"""CREATE TRIGGER {table}_{event}_final BEFORE {event.upper()} ON {table}
                WHEN (SELECT status FROM meetings WHERE id = {row}.meeting_id) = '已定稿'
                BEGIN SELECT RAISE(ABORT, 'finalised minutes are never changed'); END"""
            for event, row in checks.items()]


NAME = "0004_meetings"


def migrate(db: Database) -> None:
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
            status TEXT NOT NULL CHECK {one_of("status", ("草稿", "已定稿"))},
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
            attendance TEXT NOT NULL CHECK {one_of("attendance", ("出席", "缺席", "列席"))},
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
            handling TEXT NOT NULL CHECK {one_of("handling", ("当场解决", "限期办理", "转交部门"))},
            department TEXT NOT NULL DEFAULT '',
            owner_id INTEGER REFERENCES persons(id),
            owner TEXT NOT NULL DEFAULT '',
            deadline TEXT,
            status TEXT NOT NULL CHECK {one_of("status", ("待办", "办理中", "已办结", "已转交"))},
            result TEXT NOT NULL DEFAULT '',
            feedback_on TEXT,
            feedback_how TEXT NOT NULL DEFAULT '',
            satisfaction TEXT CHECK (satisfaction IS NULL OR {one_of("satisfaction", ("满意", "基本满意", "不满意"))}),
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
    stamp(db, 4)


# Public notices (村务公开).  Once a notice has been posted its content never changes
# (a correction is a new notice that replaces it), and its table rows are fixed as soon
# as it leaves the draft stage; the database refuses both, whatever the program does.
