"""The meetings list and the requests board as :class:`~villagedesk.core.listing.ListQuery` objects.

Each filter the window offers is a small WHERE clause with its parameters
(``meeting_filter``, ``request_filter``), passed to ``fetch``/``count`` as
``extra``/``params`` (or to the table model's ``set_filter``), so paging,
sorting and filtering all happen in SQL.  Whether a request is overdue depends
on the day, so the board is made for a day: :func:`request_board`.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from villagedesk.core import codes, records
from villagedesk.core.listing import Column, ListQuery, like_escape
from villagedesk.core.meetings import ABSENT, GROUP_ORDER, GUEST, PRESENT, meeting_id_from
from villagedesk.core.requests import CLOSED, STATUSES, request_id_from
from villagedesk.core.scoring import periods
from villagedesk.errors import UserError

OPEN = "未办结"  # every status but 已办结, as one choice of the status filter

_ASCII = re.compile(r"^[A-Za-z0-9\-]+$")
_DATEISH = re.compile(r"^\d{4}(-\d{1,2}){0,2}$")


def _count(table: str, where: str) -> str:
    return f"(SELECT count(*) FROM {table} WHERE {where})"


def _meeting_search(text: str) -> tuple[str, list]:
    if _DATEISH.match(text):
        return "m.meeting_date LIKE ? ESCAPE '\\'", [like_escape(text) + "%"]
    number = meeting_id_from(text)
    if number is not None and _ASCII.match(text):
        return "m.id = ?", [number]
    inner = "%" + like_escape(text) + "%"
    return ("(m.title LIKE ? ESCAPE '\\' OR m.place LIKE ? ESCAPE '\\' OR m.kind LIKE ? ESCAPE '\\')",
            [inner, inner, inner])


MEETINGS = ListQuery(
    source="meetings m",
    columns=(
        Column("code", "printf('HY%04d', m.id)"),
        Column("meeting_date", "m.meeting_date"),
        Column("start_time", "m.start_time"),
        Column("end_time", "m.end_time"),
        Column("kind", "m.kind"),
        Column("title", "m.title"),
        Column("place", "m.place"),
        Column("chair_name", "(SELECT c.name FROM persons c WHERE c.id = m.chair_id)"),
        Column("recorder_name", "(SELECT r.name FROM persons r WHERE r.id = m.recorder_id)"),
        Column("present", _count("meeting_people a", f"a.meeting_id = m.id AND a.attendance = '{PRESENT}'")),
        Column("absent", _count("meeting_people a", f"a.meeting_id = m.id AND a.attendance = '{ABSENT}'")),
        Column("guests", _count("meeting_people a", f"a.meeting_id = m.id AND a.attendance = '{GUEST}'")),
        Column("resolutions", _count("meeting_resolutions s", "s.meeting_id = m.id")),
        Column("requests", _count("requests q", "q.meeting_id = m.id")),
        Column("amendments", _count("meeting_amendments x", "x.meeting_id = m.id")),
        Column("status", "m.status"),
        Column("finalised_at", "m.finalised_at"),
    ),
    search=_meeting_search,
    archived_expr="0",  # minutes are never archived
    # A draft without a date yet is the newest.
    default_order="coalesce(m.meeting_date, '9999-12-31')",
    id_expr="m.id",
)


def _period(period) -> periods.Period:
    return periods.parse(period) if isinstance(period, str) else period


def meeting_filter(*, kind: str | None = None, status: str | None = None, period=None, place: str | None = None,
                   person_id: int | None = None) -> tuple[str, tuple]:
    """The ``extra`` WHERE clause and params of MEETINGS: a kind, 草稿/已定稿, a period
    (2026, 2026-Q3, 2026-07 or a Period), a place (屋场; part of the name), or the
    meetings one person attended."""
    clauses, params = [], []
    if kind:
        clauses.append("m.kind = ?")
        params.append(kind)
    if status:
        clauses.append("m.status = ?")
        params.append(status)
    if period:
        chosen = _period(period)
        clauses.append("m.meeting_date BETWEEN ? AND ?")
        params += [chosen.start.isoformat(), chosen.end.isoformat()]
    if place:
        clauses.append("m.place LIKE ? ESCAPE '\\'")
        params.append("%" + like_escape(place.strip()) + "%")
    if person_id:
        clauses.append(f"m.id IN (SELECT a.meeting_id FROM meeting_people a WHERE a.person_id = ? "
                       f"AND a.attendance = '{PRESENT}')")
        params.append(person_id)
    return " AND ".join(clauses), tuple(params)


def _request_search(text: str) -> tuple[str, list]:
    if _DATEISH.match(text):
        return "r.raised_on LIKE ? ESCAPE '\\'", [like_escape(text) + "%"]
    if _ASCII.match(text):
        number = request_id_from(text)
        if number is not None and text[:2].upper() == "SQ":
            return "r.id = ?", [number]
        # Pinyin initials of whoever raised it or is in charge of it.
        prefix = like_escape(text.lower()) + "%"
        return ("(r.raised_by_id IN (SELECT p.id FROM persons p WHERE p.initials LIKE ? ESCAPE '\\') "
                "OR r.owner_id IN (SELECT p.id FROM persons p WHERE p.initials LIKE ? ESCAPE '\\'))", [prefix, prefix])
    inner = "%" + like_escape(text) + "%"
    return ("(r.content LIKE ? ESCAPE '\\' OR r.raised_by LIKE ? ESCAPE '\\' OR r.owner LIKE ? ESCAPE '\\' "
            "OR r.department LIKE ? ESCAPE '\\' OR r.result LIKE ? ESCAPE '\\' OR r.group_name LIKE ? ESCAPE '\\')",
            [inner] * 6)


@lru_cache(maxsize=4)
def _board(day: str) -> ListQuery:
    return ListQuery(
        source="requests r",
        columns=(
            Column("code", "printf('SQ%06d', r.id)"),
            Column("raised_on", "r.raised_on"),
            Column("raised_by", "r.raised_by"),
            Column("group_name", "r.group_name"),
            Column("category", "r.category"),
            Column("content", "r.content"),
            Column("handling", "r.handling"),
            Column("department", "r.department"),
            Column("owner", "r.owner"),
            Column("deadline", "r.deadline"),
            Column("status", "r.status"),
            # 1 for an overdue request, so the board can make it stand out (and sort by it).
            Column("overdue", f"(r.status != '{CLOSED}' AND coalesce(r.deadline < '{day}', 0))"),
            Column("result", "r.result"),
            Column("feedback_on", "r.feedback_on"),
            Column("feedback_how", "r.feedback_how"),
            Column("satisfaction", "r.satisfaction"),
            Column("closed_on", "r.closed_on"),
            Column("reopened", "r.reopened"),
            Column("meeting_code", "CASE WHEN r.meeting_id IS NOT NULL THEN printf('HY%04d', r.meeting_id) END"),
            Column("meeting_title", "(SELECT m.title FROM meetings m WHERE m.id = r.meeting_id)"),
            Column("meeting_id", "r.meeting_id"),
            Column("raised_by_id", "r.raised_by_id"),
            Column("owner_id", "r.owner_id"),
        ),
        search=_request_search,
        archived_expr="0",  # requests are never archived
        default_order="r.raised_on",
        id_expr="r.id",
    )


def request_board(today: date | None = None) -> ListQuery:
    """The requests board, its ``overdue`` column as on ``today`` (default: today)."""
    return _board((today or records.today()).isoformat())


def request_filter(*, status: str | None = None, overdue: bool = False, owner_id: int | None = None,
                   owner: str | None = None, group: str | None = None, category: str | None = None,
                   meeting_id: int | None = None, direct: bool = False, handling: str | None = None, period=None,
                   today: date | None = None) -> tuple[str, tuple]:
    """The ``extra`` WHERE clause and params of the requests board.

    ``status`` is one of 待办/办理中/已办结/已转交 or 未办结 (all but 已办结);
    ``overdue`` keeps those open past their deadline as on ``today``; ``owner_id``
    (a person) or ``owner`` (a name) the one in charge; ``group`` a 村民小组;
    ``meeting_id`` one meeting's requests, ``direct`` those raised outside any
    meeting; ``period`` when they were raised (2026, 2026-Q3, 2026-07).
    """
    clauses, params = [], []
    if status == OPEN:
        clauses.append(f"r.status != '{CLOSED}'")
    elif status:
        if status not in STATUSES:
            raise UserError(f"没有“{status}”这个办理状态。")
        clauses.append("r.status = ?")
        params.append(status)
    if overdue:
        clauses.append(f"r.status != '{CLOSED}' AND r.deadline < ?")
        params.append((today or records.today()).isoformat())
    if owner_id:
        clauses.append("r.owner_id = ?")
        params.append(owner_id)
    if owner:
        clauses.append("r.owner = ?")
        params.append(owner)
    if group:
        clauses.append("r.group_name = ?")
        params.append(group)
    if category:
        clauses.append("r.category = ?")
        params.append(category)
    if meeting_id:
        clauses.append("r.meeting_id = ?")
        params.append(meeting_id)
    if direct:
        # ``+``: walking the raised_on index for a page beats sorting a quarter of the board.
        clauses.append("+r.meeting_id IS NULL")
    if handling:
        clauses.append("r.handling = ?")
        params.append(handling)
    if period:
        chosen = _period(period)
        clauses.append("r.raised_on BETWEEN ? AND ?")
        params += [chosen.start.isoformat(), chosen.end.isoformat()]
    return " AND ".join(clauses), tuple(params)


def owners(store) -> list[dict]:
    """Everyone in charge of at least one request (for the owner filter): owner_id, owner, open count."""
    return store.rows(f"SELECT owner_id, owner, sum(status != '{CLOSED}') AS open FROM requests WHERE owner != '' "
                      "GROUP BY owner_id, owner ORDER BY owner")


def groups(store) -> list[str]:
    """The 村民小组 requests came from, for the group filter."""
    return [r["group_name"] for r in store.rows(
        f"SELECT group_name FROM (SELECT DISTINCT group_name FROM requests WHERE group_name != '') "
        f"ORDER BY {GROUP_ORDER.format(g='group_name')}, group_name")]


__all__ = ["MEETINGS", "OPEN", "groups", "meeting_filter", "owners", "request_board", "request_filter"]


def meeting_choices(store, *, where: str = "m.meeting_date IS NOT NULL", params: tuple = (),
                    limit: int | None = None) -> list[dict]:
    """Meetings to choose from in a form (id, code, meeting_date, title), newest first.

    ``where`` narrows them: finalised minutes of a stage's kinds, the meetings
    where requests were raised, …
    """
    return store.rows(f"SELECT m.id, printf('{codes.MEETING.printf}', m.id) AS code, m.meeting_date, m.title "
                      f"FROM meetings m WHERE {where} ORDER BY m.meeting_date DESC, m.id DESC"
                      + (" LIMIT ?" if limit else ""), (*params, limit) if limit else params)
