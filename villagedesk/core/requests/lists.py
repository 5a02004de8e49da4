"""The requests board as a :class:`~villagedesk.core.common.listing.ListQuery`.

Each filter the window offers is a small WHERE clause with its parameters
(``request_filter``), passed to ``fetch``/``count`` as ``extra``/``params`` (or
to the table model's ``set_filter``), so paging, sorting and filtering all
happen in SQL.  Whether a request is overdue depends on the day, so the board
is made for a day: :func:`request_board`.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from villagedesk import clock
from villagedesk.core.common import codes, periods
from villagedesk.core.common.listing import CODE_LIKE, DATE_PREFIX, Column, ListQuery, like_escape
from villagedesk.core.meetings.minutes import GROUP_ORDER
from villagedesk.core.requests import messages
from villagedesk.core.requests.ledger import RequestStatus, request_id_from
from villagedesk.errors import UserError

OPEN = "未办结"  # every status but 已办结, as one choice of the status filter


def _request_search(text: str) -> tuple[str, list]:
    if DATE_PREFIX.match(text):
        return "r.raised_on LIKE ? ESCAPE '\\'", [like_escape(text) + "%"]
    if CODE_LIKE.match(text):
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
            Column("code", codes.REQUEST.sql("r.id")),
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
            Column("overdue", f"(r.status != '{RequestStatus.CLOSED}' AND coalesce(r.deadline < '{day}', 0))"),
            Column("result", "r.result"),
            Column("feedback_on", "r.feedback_on"),
            Column("feedback_how", "r.feedback_how"),
            Column("satisfaction", "r.satisfaction"),
            Column("closed_on", "r.closed_on"),
            Column("reopened", "r.reopened"),
            Column("meeting_code", f"CASE WHEN r.meeting_id IS NOT NULL THEN {codes.MEETING.sql('r.meeting_id')} END"),
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
    return _board((today or clock.today()).isoformat())


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
    clauses: list[str] = []
    params: list[str | int] = []
    if status == OPEN:
        clauses.append(f"r.status != '{RequestStatus.CLOSED}'")
    elif status:
        if status not in tuple(RequestStatus):
            raise UserError(messages.NO_SUCH_STATUS.format(status=status))
        clauses.append("r.status = ?")
        params.append(status)
    if overdue:
        clauses.append(f"r.status != '{RequestStatus.CLOSED}' AND r.deadline < ?")
        params.append((today or clock.today()).isoformat())
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
        chosen = periods.coerce(period)
        clauses.append("r.raised_on BETWEEN ? AND ?")
        params += [chosen.start.isoformat(), chosen.end.isoformat()]
    return " AND ".join(clauses), tuple(params)


def owners(store) -> list[dict]:
    """Everyone in charge of at least one request (for the owner filter): owner_id, owner, open count."""
    return store.rows(f"SELECT owner_id, owner, sum(status != '{RequestStatus.CLOSED}') AS open FROM requests "
                      "WHERE owner != '' GROUP BY owner_id, owner ORDER BY owner")


def groups(store) -> list[str]:
    """The 村民小组 requests came from, for the group filter."""
    return [r["group_name"] for r in store.rows(
        f"SELECT group_name FROM (SELECT DISTINCT group_name FROM requests WHERE group_name != '') "
        f"ORDER BY {GROUP_ORDER.format(g='group_name')}, group_name")]


def departments(store) -> list[str]:
    """The departments requests were handed over to so far, by name."""
    return [r["department"] for r in store.rows(
        "SELECT DISTINCT department FROM requests WHERE department != '' ORDER BY department")]


def first_day(store) -> str | None:
    """The day the first request was raised (ISO), None before any."""
    return store.scalar("SELECT min(raised_on) FROM requests")


__all__ = ["OPEN", "departments", "first_day", "groups", "owners", "request_board", "request_filter"]
