"""Meeting minutes (会议记录): 屋场会 and the village's other meetings (docs/DOMAIN.md §3.1).

A meeting is a draft while the clerk writes it up: its header, who came, the agenda
with the discussion of each item, and the resolutions with their votes.  Finalising
(定稿) needs a date, a chair, a recorder and at least one attendee, and locks the
minutes for good — the database itself refuses to change them.  A later correction
is an amendment (更正说明) appended with its date, author and reason.

Attendees and absentees are persons of the register; their name and 村民小组 are
kept as they were on the day, so minutes read the same after someone moves house.
Guests (列席, e.g. township staff) are named with their unit.  Quorum and majority
rules are in :mod:`villagedesk.core.meetings.votes`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from villagedesk import clock
from villagedesk.core.accounts import signatures
from villagedesk.core.accounts.accounts import Account
from villagedesk.core.accounts.roles import Action
from villagedesk.core.common import codes, fields, records
from villagedesk.core.common import messages as common_messages
from villagedesk.core.common.checks import allowed
from villagedesk.core.common.dates import day_field, parse_date
from villagedesk.core.meetings import messages
from villagedesk.core.meetings.votes import (
    KINDS,
    PARTY_MEMBERS,
    RULES,
    VILLAGERS,
    Attendance,
    Verdict,
    Votes,
    judge,
)
from villagedesk.errors import UserError
from villagedesk.store import Store


class MeetingStatus(StrEnum):
    """Minutes are a draft until finalised (定稿), then locked for good (meetings.status)."""

    DRAFT = "草稿"
    FINAL = "已定稿"


# The earlier names, kept for the tests that spell them so.
DRAFT, FINAL = MeetingStatus.DRAFT, MeetingStatus.FINAL
PRESENT, ABSENT, GUEST = "出席", "缺席", "列席"
CODE = codes.MEETING.printf
ADULT_AGE = 18

# Sorts 村民小组 in the register's order: by the first household entered in each.
GROUP_ORDER = "coalesce((SELECT min(gh.id) FROM households gh WHERE gh.group_name = {g}), 1000000000)"
_TIME = re.compile(r"^(\d{1,2})\s*[:：点时]\s*(\d{1,2})?\s*分?$")
_TITLE_MAX = 60


def meeting_code(meeting_id: int) -> str:
    """会议编号 of a meeting (HY0012), as the minutes, the Excel sheets and the CLI name it."""
    return codes.MEETING(meeting_id)


def meeting_id_from(text) -> int | None:
    """HY0012, hy12 or 12 → 12; None when ``text`` is no meeting number."""
    return codes.MEETING.parse(text)


def find_meeting(store: Store, text) -> dict:
    """The meeting a user named by its code or number; a UserError naming what was typed otherwise."""
    meeting_id = meeting_id_from(text)
    meeting = get_meeting(store, meeting_id) if meeting_id else None
    if meeting is None:
        shown = str(text or "").strip() or common_messages.EMPTY_VALUE
        raise UserError(messages.NO_SUCH_MEETING_CODE.format(shown=shown))
    return meeting


_MEETING_ROW = f"""
    SELECT m.*, {codes.MEETING.sql("m.id")} AS code, c.name AS chair_name, r.name AS recorder_name
    FROM meetings m LEFT JOIN persons c ON c.id = m.chair_id LEFT JOIN persons r ON r.id = m.recorder_id
"""


def get_meeting(store: Store, meeting_id: int) -> dict | None:
    """The meeting row with ``code``, ``chair_name`` and ``recorder_name``; None when there is none."""
    return store.row(f"{_MEETING_ROW} WHERE m.id = ?", (meeting_id,))


def require_meeting(store: Store, meeting_id: int) -> dict:
    meeting = get_meeting(store, meeting_id) if meeting_id else None
    if meeting is None:
        raise UserError(messages.NO_SUCH_MEETING.format(meeting_id=meeting_id))
    return meeting


def _check_draft(meeting: dict) -> None:
    """Only a draft is changed, finalised or thrown away; finalised minutes are told the way out."""
    if meeting["status"] == MeetingStatus.FINAL:
        raise UserError(messages.MEETING_LOCKED.format(
            code=meeting["code"], finalised_at=meeting["finalised_at"][:10]))


def _check_final(meeting: dict) -> None:
    """Only finalised minutes take amendments: a draft is simply corrected."""
    if meeting["status"] != MeetingStatus.FINAL:
        raise UserError(messages.MEETING_DRAFT_NO_AMENDMENT.format(code=meeting["code"]))


def can_edit(meeting: dict) -> bool:
    """Whether the minutes ``meeting`` (a row with ``code``, ``status``, ``finalised_at``) can still be
    changed, finalised or deleted: a draft.  Finalising and deleting check more when attempted."""
    return allowed(_check_draft, meeting)


def can_amend(meeting: dict) -> bool:
    """Whether an amendment (更正说明) can be added: finalised minutes."""
    return allowed(_check_final, meeting)


def _draft(store: Store, meeting_id: int) -> dict:
    """The meeting, refused with the way out when it is already finalised."""
    meeting = require_meeting(store, meeting_id)
    _check_draft(meeting)
    return meeting


# --- values as clerks type them -------------------------------------------------


def parse_time(value, what: str = "时间", field: str = "start_time") -> str | None:
    """9:30, 09：30, 9点30, 9点 → '09:30' / '09:00'; empty → None."""
    text = str(value or "").strip()
    if not text:
        return None
    found = _TIME.match(text)
    hour, minute = (int(found.group(1)), int(found.group(2) or 0)) if found else (99, 99)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise UserError(messages.TIME_UNREADABLE.format(what=what, text=text), field=field)
    return f"{hour:02d}:{minute:02d}"


def _count(value, what: str, field: str) -> int | None:
    text = fields.text(value)
    if not text:
        return None
    try:
        number = int(text)
    except ValueError:
        raise UserError(messages.NOT_INTEGER.format(what=what), field=field) from None
    if number <= 0:
        raise UserError(messages.NOT_POSITIVE.format(what=what), field=field)
    return number


def _register_person(store: Store, person_id, what: str, field: str) -> dict:
    person = records.get(store, "persons", person_id) if person_id else None
    if person is None:
        raise UserError(messages.PERSON_MISSING.format(what=what), field=field)
    return person


# --- the meeting's header ---------------------------------------------------------

_HEADER_FIELDS = ("kind", "title", "meeting_date", "start_time", "end_time", "place", "chair_id", "recorder_id",
                  "eligible", "eligible_households", "note")


def _clean_header(store: Store, values: dict) -> dict:
    unknown = set(values) - set(_HEADER_FIELDS)
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    kind = fields.choice(values.get("kind"), KINDS, messages.KIND_CHOICES, "kind")
    title = fields.required_text(values.get("title"), _TITLE_MAX, messages.TITLE_MISSING, messages.TITLE_TOO_LONG,
                                 "title")
    day = day_field(values.get("meeting_date"), messages.DATE_INVALID.format(what="会议日期"), "meeting_date", required=False)
    start = parse_time(values.get("start_time"), "开始时间", "start_time")
    end = parse_time(values.get("end_time"), "结束时间", "end_time")
    if start and end and end <= start:
        raise UserError(messages.END_BEFORE_START.format(end=end, start=start), field="end_time")
    if end and not start:
        raise UserError(messages.END_WITHOUT_START, field="start_time")
    chair = values.get("chair_id") or None
    recorder = values.get("recorder_id") or None
    if chair:
        _register_person(store, chair, "主持人", "chair")
    if recorder:
        _register_person(store, recorder, "记录人", "recorder")
    if chair and chair == recorder:
        raise UserError(messages.CHAIR_IS_RECORDER, field="recorder")
    eligible = _count(values.get("eligible"), "应到人数", "eligible")
    households = _count(values.get("eligible_households"), "应到户数", "eligible_households")
    if households and kind != VILLAGERS:
        raise UserError(messages.HOUSEHOLD_QUORUM_ONLY_VILLAGERS, field="eligible_households")
    return {"kind": kind, "title": title, "meeting_date": day.isoformat() if day else None,
            "start_time": start, "end_time": end, "place": fields.text(values.get("place")),
            "chair_id": chair, "recorder_id": recorder, "eligible": eligible,
            "eligible_households": households, "note": fields.text(values.get("note"))}


def create_meeting(store: Store, **values) -> dict:
    """A new draft: ``kind``, ``title`` and any of meeting_date, start_time, end_time, place,
    chair_id, recorder_id, eligible (应到人数), eligible_households (村民会议), note.

    Returns the meeting as :func:`get_meeting` reads it.
    """
    with store.atomic():
        clean = _clean_header(store, values)
        row = records.insert(store, "meetings", {**clean, "status": MeetingStatus.DRAFT, "finalised_at": None,
                                                 "finalised_by": None})
        _seat_officers(store, require_meeting(store, row["id"]))
    return require_meeting(store, row["id"])


def update_meeting(store: Store, meeting_id: int, **values) -> dict:
    """Change a draft's header; fields not given keep their value."""
    with store.atomic():
        current = _draft(store, meeting_id)
        merged = {**{k: current[k] for k in _HEADER_FIELDS}, **values}
        records.update(store, "meetings", meeting_id, _clean_header(store, merged))
        _seat_officers(store, require_meeting(store, meeting_id))
    return require_meeting(store, meeting_id)


def delete_draft(store: Store, meeting_id: int) -> None:
    """Throw away a draft typed by mistake, with what hangs on it; audited row by row.

    Refused for a finalised meeting, and while requests or a 四议两公开 matter point at it.
    """
    with store.atomic():
        meeting = _draft(store, meeting_id)
        raised = store.scalar("SELECT count(*) FROM requests WHERE meeting_id = ?", (meeting_id,))
        if raised:
            raise UserError(messages.MEETING_HAS_REQUESTS.format(code=meeting["code"], raised=raised))
        if store.scalar("SELECT count(*) FROM matters WHERE ? IN (proposal_meeting_id, discussion_meeting_id, "
                        "review_meeting_id, decision_meeting_id)", (meeting_id,)):
            raise UserError(messages.MEETING_IS_A_STAGE.format(code=meeting["code"]))
        for table in ("meeting_resolutions", "meeting_agenda", "meeting_people"):
            for row in store.rows(f"SELECT * FROM {table} WHERE meeting_id = ?", (meeting_id,)):
                records.delete(store, table, row)
        records.delete(store, "meetings", records.get_existing(store, "meetings", meeting_id))


# --- who came ---------------------------------------------------------------------

def _people_of(store: Store, person_ids: list[int]) -> dict[int, dict]:
    if not person_ids:
        return {}
    found: dict[int, dict] = {}
    for start in range(0, len(person_ids), 500):  # SQLite's limit on parameters
        part = person_ids[start:start + 500]
        for row in store.rows(
                f"SELECT p.id, p.name, p.archived, h.group_name FROM persons p JOIN households h "
                f"ON h.id = p.household_id WHERE p.id IN ({','.join('?' * len(part))})", part):
            found[row["id"]] = row
    return found


def _officers(meeting: dict) -> list[tuple[str, int, str]]:
    return [(role, person_id, name) for role, person_id, name in (
        ("主持人", meeting["chair_id"], meeting["chair_name"]),
        ("记录人", meeting["recorder_id"], meeting["recorder_name"])) if person_id]


def _seat_officers(store: Store, meeting: dict) -> None:
    """The chair and the recorder were there: they are listed as present unless they already are listed."""
    listed = {r["person_id"] for r in store.rows(
        "SELECT person_id FROM meeting_people WHERE meeting_id = ? AND person_id IS NOT NULL", (meeting["id"],))}
    missing = list(dict.fromkeys(i for _, i, _ in _officers(meeting) if i not in listed))
    if missing:
        people = _people_of(store, missing)
        records.insert_many(store, "meeting_people", [
            {"meeting_id": meeting["id"], "attendance": PRESENT, "person_id": i, "name": people[i]["name"],
             "group_name": people[i]["group_name"], "note": ""} for i in missing])


def set_attendance(store: Store, meeting_id: int, *, present: Iterable[int],
                   absent: Mapping[int, str] | Iterable[tuple[int, str]] = (),
                   guests: Iterable[tuple[str, str]] = ()) -> Attendance:
    """Set who attended a draft: ``present`` person ids, ``absent`` {person id: reason},
    ``guests`` [(name, unit or role)].  Replaces the lists; rows that stay are not rewritten.

    The chair and the recorder are always present.  A person already on the list keeps
    the name and group recorded for the meeting; a newly added one must be in the
    register and not archived.  Returns the counts.
    """
    present_ids = list(dict.fromkeys(int(i) for i in present))
    absent_map = {int(k): fields.text(v) for k, v in (absent.items() if isinstance(absent, Mapping) else absent)}
    both = set(present_ids) & set(absent_map)
    with store.atomic():
        meeting = _draft(store, meeting_id)
        for role, person_id, name in _officers(meeting):
            if person_id in absent_map:
                raise UserError(messages.OFFICER_ABSENT.format(role=role, name=name), field="attendees")
            if person_id not in present_ids:
                present_ids.append(person_id)
        existing = store.rows("SELECT * FROM meeting_people WHERE meeting_id = ? ORDER BY id", (meeting_id,))
        kept = {r["person_id"]: r for r in existing if r["person_id"] is not None}
        people = _people_of(store, [i for i in [*present_ids, *absent_map] if i not in kept])
        if both:
            name = (people.get(min(both)) or kept[min(both)])["name"]
            raise UserError(messages.PRESENT_AND_ABSENT.format(name=name), field="attendees")
        for person_id in [*present_ids, *absent_map]:
            if person_id in kept:
                continue
            person = people.get(person_id)
            if person is None:
                raise UserError(messages.ATTENDEE_NOT_IN_REGISTER, field="attendees")
            if person["archived"]:
                raise UserError(messages.ATTENDEE_ARCHIVED.format(name=person["name"]), field="attendees")
        wanted_guests = []
        for name, note in guests:
            name, note = fields.text(name), fields.text(note)
            if not name:
                raise UserError(messages.GUEST_NAME_MISSING, field="guests")
            wanted_guests.append((name, note))

        wanted = {i: (PRESENT, "") for i in present_ids} | {i: (ABSENT, r) for i, r in absent_map.items()}
        for person_id, row in kept.items():
            if person_id not in wanted:
                records.delete(store, "meeting_people", row)
            elif (row["attendance"], row["note"]) != wanted[person_id]:
                came, note = wanted[person_id]
                records.update(store, "meeting_people", row["id"], {"attendance": came, "note": note})
        fresh = []
        for person_id, (came, note) in wanted.items():
            if person_id not in kept:
                person = people[person_id]
                fresh.append({"meeting_id": meeting_id, "attendance": came, "person_id": person_id,
                              "name": person["name"], "group_name": person["group_name"], "note": note})
        old_guests = [r for r in existing if r["person_id"] is None]
        for row in old_guests:
            key = (row["name"], row["note"])
            if key in wanted_guests:
                wanted_guests.remove(key)
            else:
                records.delete(store, "meeting_people", row)
        fresh += [{"meeting_id": meeting_id, "attendance": GUEST, "person_id": None, "name": name,
                   "group_name": "", "note": note} for name, note in wanted_guests]
        if fresh:
            records.insert_many(store, "meeting_people", fresh)
    return attendance(store, meeting_id)


def _eligible_default(store: Store, meeting: dict, present: int, absent: int) -> tuple[int | None, int | None]:
    """应到 (and 应到户数) when the clerk left them empty, from the register as it stands."""
    if meeting["kind"] == PARTY_MEMBERS:
        members = store.scalar("SELECT count(*) FROM persons WHERE archived = 0 AND political = '中共党员'")
        return members or None, None
    if meeting["kind"] == VILLAGERS:
        day = parse_date(meeting["meeting_date"]) or clock.today()
        try:
            cutoff = day.replace(year=day.year - ADULT_AGE)
        except ValueError:  # 29 February
            cutoff = day.replace(year=day.year - ADULT_AGE, day=28)
        # Someone whose birth date is not on file is counted as an adult: the quorum is
        # then harder to reach, never easier.
        adults = store.scalar("SELECT count(*) FROM persons WHERE archived = 0 AND "
                              "(birth_date IS NULL OR birth_date <= ?)", (cutoff.isoformat(),))
        households = store.scalar("SELECT count(*) FROM households WHERE archived = 0")
        return adults or None, households or None
    if RULES[meeting["kind"]].quorum is None:
        return None, None
    return (present + absent) or None, None


def attendance(store: Store, meeting_id: int) -> Attendance:
    """应到 / 实到 / 缺席 / 列席 of a meeting; for 村民会议 also the households.

    应到 is what the clerk entered, else (and frozen at finalising) a default: the
    register's 正式党员 for 党员大会, its adults and households for 村民会议, and
    those listed as present or absent for the other kinds with a quorum.
    """
    meeting = require_meeting(store, meeting_id)
    counts = dict(store.conn.execute(
        "SELECT attendance, count(*) FROM meeting_people WHERE meeting_id = ? GROUP BY attendance", (meeting_id,)))
    present, absent, guests = (counts.get(k, 0) for k in (PRESENT, ABSENT, GUEST))
    eligible, households = meeting["eligible"], meeting["eligible_households"]
    if meeting["status"] == MeetingStatus.DRAFT:
        default, default_households = _eligible_default(store, meeting, present, absent)
        eligible, households = eligible or default, households or default_households
    households_present = None
    if meeting["kind"] == VILLAGERS:
        households_present = store.scalar(
            "SELECT count(DISTINCT p.household_id) FROM meeting_people a JOIN persons p ON p.id = a.person_id "
            "WHERE a.meeting_id = ? AND a.attendance = ?", (meeting_id, PRESENT))
    return Attendance(present, absent, guests, eligible, households_present, households)


# --- agenda and resolutions ---------------------------------------------------------

def save_agenda_item(store: Store, meeting_id: int, *, topic: str, discussion: str = "",
                     item_id: int | None = None) -> dict:
    """Add an agenda item (议题) at the end, or change item ``item_id``; ``discussion`` holds the
    notes of what was said.  Returns the row."""
    topic, discussion = fields.text(topic), fields.text(discussion)
    if not topic:
        raise UserError(messages.AGENDA_TOPIC_MISSING, field="topic")
    with store.atomic():
        _draft(store, meeting_id)
        if item_id is None:
            seq = store.scalar("SELECT coalesce(max(seq), 0) + 1 FROM meeting_agenda WHERE meeting_id = ?",
                               (meeting_id,))
            return records.insert(store, "meeting_agenda", {"meeting_id": meeting_id, "seq": seq, "topic": topic,
                                                            "discussion": discussion})
        _part(store, "meeting_agenda", item_id, meeting_id, "议题")
        return records.update(store, "meeting_agenda", item_id, {"topic": topic, "discussion": discussion})


def remove_agenda_item(store: Store, item_id: int) -> None:
    """Remove an agenda item of a draft; the items after it move up."""
    with store.atomic():
        item = _part(store, "meeting_agenda", item_id, None, "议题")
        _draft(store, item["meeting_id"])
        if store.scalar("SELECT count(*) FROM meeting_resolutions WHERE agenda_id = ?", (item_id,)):
            raise UserError(messages.AGENDA_HAS_RESOLUTIONS.format(topic=item["topic"]))
        records.delete(store, "meeting_agenda", item)
        _renumber(store, "meeting_agenda", item["meeting_id"])


def move_agenda_item(store: Store, item_id: int, steps: int) -> None:
    """Move an agenda item up (negative ``steps``) or down in the draft's order."""
    with store.atomic():
        item = _part(store, "meeting_agenda", item_id, None, "议题")
        _draft(store, item["meeting_id"])
        ids = [r["id"] for r in store.rows("SELECT id FROM meeting_agenda WHERE meeting_id = ? ORDER BY seq",
                                           (item["meeting_id"],))]
        ids.remove(item_id)
        ids.insert(max(0, min(len(ids), item["seq"] - 1 + steps)), item_id)
        _renumber(store, "meeting_agenda", item["meeting_id"], ids)


def _renumber(store: Store, table: str, meeting_id: int, order: list[int] | None = None) -> None:
    """Number the rows 1, 2, … in ``order`` (default: their present order); audited as 'renumber'."""
    rows = {r["id"]: r for r in store.rows(f"SELECT * FROM [{table}] WHERE meeting_id = ? ORDER BY seq",
                                           (meeting_id,))}
    moved = [(seq, rid) for seq, rid in enumerate(order or list(rows), 1) if rows[rid]["seq"] != seq]
    # (meeting_id, seq) is unique at every step: the moving rows wait on numbers no row has.
    parked = max((r["seq"] for r in rows.values()), default=0) + 1
    for n, (_, record_id) in enumerate(moved):
        store.conn.execute(f"UPDATE [{table}] SET seq = ? WHERE id = ?", (parked + n, record_id))
    stamp = clock.timestamp()
    for seq, record_id in moved:
        store.conn.execute(f"UPDATE [{table}] SET seq = ?, updated_at = ? WHERE id = ?", (seq, stamp, record_id))
        before = rows[record_id]
        store.db.table("audit").insert(records.audit_row(store, "renumber", table, before["uid"], before,
                                                   {**before, "seq": seq, "updated_at": stamp}))


def _part(store: Store, table: str, record_id: int, meeting_id: int | None, what: str) -> dict:
    row = records.get(store, table, record_id) if record_id else None
    if row is None or (meeting_id is not None and row["meeting_id"] != meeting_id):
        raise UserError(messages.NO_SUCH_ROW.format(what=what))
    return row


def _votes(votes) -> Votes | None:
    if votes is None:
        return None
    if isinstance(votes, Votes):
        votes = (votes.votes_for, votes.against, votes.abstain)
    try:
        numbers = [int(str(v).strip() or 0) for v in votes]
    except ValueError:
        raise UserError(messages.VOTES_NOT_INTEGERS, field="votes") from None
    if len(numbers) != 3 or any(n < 0 for n in numbers):
        raise UserError(messages.VOTES_NEGATIVE, field="votes")
    return Votes(*numbers)


def save_resolution(store: Store, meeting_id: int, *, text: str, votes=None, agenda_id: int | None = None,
                    resolution_id: int | None = None) -> dict:
    """Add a resolution (决议) at the end, or change ``resolution_id``.

    ``votes`` is (for, against, abstain) when it was put to a vote, None when not;
    ``agenda_id`` the agenda item it settles.  The votes cast may not exceed those
    present (checked again when finalising, when the attendance is complete).
    """
    text = fields.text(text)
    if not text:
        raise UserError(messages.RESOLUTION_TEXT_MISSING, field="text")
    counted = _votes(votes)
    with store.atomic():
        _draft(store, meeting_id)
        if agenda_id is not None:
            _part(store, "meeting_agenda", agenda_id, meeting_id, "议题")
        present = attendance(store, meeting_id).present
        if counted and present and counted.cast > present:
            raise UserError(messages.VOTES_EXCEED_PRESENT.format(
                cast=counted.cast, present=present), field="votes")
        values = {"text": text, "agenda_id": agenda_id, "voted": int(counted is not None),
                  "votes_for": counted.votes_for if counted else None,
                  "votes_against": counted.against if counted else None,
                  "votes_abstain": counted.abstain if counted else None}
        if resolution_id is None:
            seq = store.scalar("SELECT coalesce(max(seq), 0) + 1 FROM meeting_resolutions WHERE meeting_id = ?",
                               (meeting_id,))
            return records.insert(store, "meeting_resolutions", {"meeting_id": meeting_id, "seq": seq, **values})
        _part(store, "meeting_resolutions", resolution_id, meeting_id, "决议")
        return records.update(store, "meeting_resolutions", resolution_id, values)


def remove_resolution(store: Store, resolution_id: int) -> None:
    with store.atomic():
        row = _part(store, "meeting_resolutions", resolution_id, None, "决议")
        _draft(store, row["meeting_id"])
        records.delete(store, "meeting_resolutions", row)
        _renumber(store, "meeting_resolutions", row["meeting_id"])


def resolution_votes(row: dict) -> Votes | None:
    return Votes(row["votes_for"], row["votes_against"], row["votes_abstain"]) if row["voted"] else None


# --- finalise and amend -----------------------------------------------------------------

def check_finalise(store: Store, meeting_id: int, today: date | None = None) -> None:
    """Refuse, with the first thing to put right, unless :func:`finalise_meeting` would lock the minutes now.

    Needs a draft with a date (not in the future), a chair, a recorder and at least one
    attendee besides them (they always count as present).  Votes may not exceed those
    present, and those present not the 应到 entered.  Reads only: the window asks it
    before asking the clerk to confirm (docs/ARCHITECTURE.md "The GUI asks, core decides").
    """
    today = today or clock.today()
    meeting = _draft(store, meeting_id)
    if not meeting["meeting_date"]:
        raise UserError(messages.FINALISE_DATE_MISSING, field="meeting_date")
    if meeting["meeting_date"] > today.isoformat():
        raise UserError(messages.FINALISE_DATE_IN_FUTURE.format(
            meeting_date=meeting["meeting_date"]), field="meeting_date")
    if not meeting["chair_id"]:
        raise UserError(messages.FINALISE_CHAIR_MISSING, field="chair")
    if not meeting["recorder_id"]:
        raise UserError(messages.FINALISE_RECORDER_MISSING, field="recorder")
    listed = {r["person_id"]: r["attendance"] for r in store.rows(
        "SELECT person_id, attendance FROM meeting_people WHERE meeting_id = ? AND person_id IS NOT NULL",
        (meeting_id,))}
    officers = {meeting["chair_id"], meeting["recorder_id"]}
    if not any(a == PRESENT and i not in officers for i, a in listed.items()):
        raise UserError(messages.FINALISE_NO_ATTENDEES, field="attendees")
    for role, person_id, name in _officers(meeting):
        if listed.get(person_id) == ABSENT:
            raise UserError(messages.FINALISE_OFFICER_ABSENT.format(
                role=role, name=name), field="attendees")
    if meeting["kind"] == PARTY_MEMBERS:
        _only_full_members(store, meeting_id)
    counts = attendance(store, meeting_id)
    # Officers not yet listed are seated by finalise_meeting: count them as it will.
    present = counts.present + sum(1 for i in officers if i not in listed)
    if counts.eligible and present > counts.eligible:
        raise UserError(messages.FINALISE_PRESENT_EXCEEDS_ELIGIBLE.format(
            present=present, eligible=counts.eligible), field="eligible")
    for row in store.rows("SELECT seq, voted, votes_for, votes_against, votes_abstain FROM meeting_resolutions "
                          "WHERE meeting_id = ? AND voted = 1 ORDER BY seq", (meeting_id,)):
        cast = Votes(row["votes_for"], row["votes_against"], row["votes_abstain"]).cast
        if cast > present:
            raise UserError(messages.FINALISE_VOTES_EXCEED_PRESENT.format(
                seq=row["seq"], cast=cast, present=present), field="votes")


def can_finalise(store: Store, meeting_id: int, today: date | None = None) -> bool:
    """Whether :func:`finalise_meeting` would lock the minutes now (its own check, see :func:`check_finalise`)."""
    return allowed(check_finalise, store, meeting_id, today)


def _finaliser(store: Store, meeting: dict, signer: Account | None) -> signatures.Signer:
    """Who signs the minutes: where the database has accounts, the chair's or the recorder's own
    account (its password checked at the desk); in a plain one the name the audit names
    (docs/SECURITY.md "Signatures", docs/DOMAIN.md §3.1)."""
    signed = signatures.signer(store, store.actor if signer is None else signer, Action.FINALISE_MINUTES,
                               missing=messages.FINALISER_MISSING, field="signer")
    if signed.account is not None and signed.account.person_id not in {meeting["chair_id"], meeting["recorder_id"]}:
        officers = common_messages.LIST_SEPARATOR.join(name for _, _, name in _officers(meeting))
        raise UserError(messages.FINALISER_NOT_OFFICER.format(name=signed.text, officers=officers), field="signer")
    return signed


def finaliser_ids(store: Store, meeting_id: int) -> set[int]:
    """The persons who may sign the minutes of ``meeting_id``: its chair and its recorder."""
    meeting = require_meeting(store, meeting_id)
    return {i for i in (meeting["chair_id"], meeting["recorder_id"]) if i}


def finalise_meeting(store: Store, meeting_id: int, *, signer: Account | None = None,
                     today: date | None = None) -> dict:
    """定稿: check the minutes are complete (:func:`check_finalise`), freeze 应到, and lock them for good,
    signed by the chair or the recorder (:func:`_finaliser`), whose name the minutes keep."""
    with store.atomic():
        check_finalise(store, meeting_id, today)
        signed = _finaliser(store, require_meeting(store, meeting_id), signer)
        _seat_officers(store, require_meeting(store, meeting_id))
        counts = attendance(store, meeting_id)
        records.update(store, "meetings", meeting_id, {
            "eligible": counts.eligible, "eligible_households": counts.households_eligible,
            "status": MeetingStatus.FINAL, "finalised_at": clock.timestamp(), "finalised_by": signed.text},
            action="finalise")
    return require_meeting(store, meeting_id)


def _only_full_members(store: Store, meeting_id: int) -> None:
    """A 党员大会 counts its quorum and majority on the members with a vote (正式党员): anyone else
    present, 预备党员 included, is 列席 (docs/DOMAIN.md §3.2)."""
    others = [r["name"] for r in store.rows(
        "SELECT a.name FROM meeting_people a JOIN persons p ON p.id = a.person_id WHERE a.meeting_id = ? "
        "AND a.attendance = ? AND p.political != '中共党员' ORDER BY a.id", (meeting_id, PRESENT))]
    if others:
        raise UserError(messages.PARTY_MEETING_NON_MEMBERS.format(
            names=common_messages.LIST_SEPARATOR.join(others[:5])), field="attendees")


def amend_meeting(store: Store, meeting_id: int, *, author: str, reason: str, text: str,
                  day=None, today: date | None = None) -> dict:
    """Append a correction (更正说明) to finalised minutes: when, by whom, why, and what."""
    today = today or clock.today()
    # With accounts the author is the account at the desk (docs/SECURITY.md "Signatures").
    author = signatures.author(store, fields.text(author), default=False)
    reason, text = fields.text(reason), fields.text(text)
    with store.atomic():
        meeting = require_meeting(store, meeting_id)
        _check_final(meeting)
        amended = day_field(day, messages.DATE_INVALID.format(what="更正日期"), "day", required=False) or today
        if amended.isoformat() < meeting["meeting_date"] or amended > today:
            raise UserError(messages.AMENDMENT_DATE_RANGE.format(
                meeting_date=meeting["meeting_date"]), field="day")
        if not author:
            raise UserError(messages.AMENDMENT_AUTHOR_MISSING, field="author")
        if not reason:
            raise UserError(messages.AMENDMENT_REASON_MISSING, field="reason")
        if not text:
            raise UserError(messages.AMENDMENT_TEXT_MISSING, field="text")
        return records.insert(store, "meeting_amendments", {
            "meeting_id": meeting_id, "amended_on": amended.isoformat(), "author": author, "reason": reason,
            "text": text})


# --- the minutes as read and printed ----------------------------------------------------

@dataclass(frozen=True)
class Resolution:
    row: dict
    agenda_topic: str
    verdict: Verdict


@dataclass(frozen=True)
class Minutes:
    """Everything the minutes say, in print order."""

    meeting: dict
    present: list[dict]
    absent: list[dict]
    guests: list[dict]
    agenda: list[dict]
    resolutions: list[Resolution]
    amendments: list[dict]
    requests: list[dict]
    attendance: Attendance

    @property
    def code(self) -> str:
        return self.meeting["code"]

    @property
    def final(self) -> bool:
        """Finalised: read as they are, only amendments added (see :func:`can_edit`)."""
        return not can_edit(self.meeting)


def minutes(store: Store, meeting_id: int) -> Minutes:
    """The whole record of one meeting.  People by 村民小组 then name order of the register."""
    meeting = require_meeting(store, meeting_id)
    # Groups in the register's order (the order their first household was entered), not by
    # their names' code points, which would put 第七 before 第三.
    people = store.rows(f"SELECT a.*, p.code AS person_code FROM meeting_people a LEFT JOIN persons p "
                        f"ON p.id = a.person_id WHERE a.meeting_id = ? ORDER BY {GROUP_ORDER.format(g='a.group_name')}, "
                        f"length(p.code), p.code, a.id", (meeting_id,))
    agenda = store.rows("SELECT * FROM meeting_agenda WHERE meeting_id = ? ORDER BY seq", (meeting_id,))
    topics = {a["id"]: a["topic"] for a in agenda}
    counts = attendance(store, meeting_id)
    resolutions = [Resolution(r, topics.get(r["agenda_id"], ""), judge(meeting["kind"], counts, resolution_votes(r)))
                   for r in store.rows("SELECT * FROM meeting_resolutions WHERE meeting_id = ? ORDER BY seq",
                                       (meeting_id,))]
    amendments = store.rows("SELECT * FROM meeting_amendments WHERE meeting_id = ? ORDER BY amended_on, id",
                            (meeting_id,))
    raised = store.rows(f"SELECT r.*, {codes.REQUEST.sql('r.id')} AS code FROM requests r WHERE r.meeting_id = ? "
                        "ORDER BY r.id", (meeting_id,))
    return Minutes(meeting, [p for p in people if p["attendance"] == PRESENT],
                   [p for p in people if p["attendance"] == ABSENT],
                   [p for p in people if p["attendance"] == GUEST], agenda, resolutions, amendments, raised, counts)


__all__ = ["ABSENT", "CODE", "DRAFT", "FINAL", "GUEST", "KINDS", "PRESENT", "MeetingStatus", "Minutes", "Resolution",
           "amend_meeting", "can_amend", "can_edit", "can_finalise", "check_finalise",
           "attendance", "create_meeting", "delete_draft", "finalise_meeting", "find_meeting", "get_meeting",
           "meeting_code", "meeting_id_from", "minutes", "move_agenda_item", "parse_time", "remove_agenda_item",
           "remove_resolution", "require_meeting", "resolution_votes", "save_agenda_item", "save_resolution",
           "set_attendance"]
