"""The meetings list as a :class:`~villagedesk.core.common.listing.ListQuery`.

Each filter the window offers is a small WHERE clause with its parameters
(``meeting_filter``), passed to ``fetch``/``count`` as ``extra``/``params`` (or
to the table model's ``set_filter``), so paging, sorting and filtering all
happen in SQL.
"""

from __future__ import annotations

from datetime import date

from villagedesk.core.common import codes, periods
from villagedesk.core.common.listing import CODE_LIKE, DATE_PREFIX, Column, ListQuery, like_escape
from villagedesk.core.meetings.minutes import (
    ABSENT,
    ADULT_AGE,
    GUEST,
    PRESENT,
    MeetingStatus,
    meeting_id_from,
)


def _count(table: str, where: str) -> str:
    return f"(SELECT count(*) FROM {table} WHERE {where})"


def _meeting_search(text: str) -> tuple[str, list]:
    if DATE_PREFIX.match(text):
        return "m.meeting_date LIKE ? ESCAPE '\\'", [like_escape(text) + "%"]
    number = meeting_id_from(text)
    if number is not None and CODE_LIKE.match(text):
        return "m.id = ?", [number]
    inner = "%" + like_escape(text) + "%"
    return ("(m.title LIKE ? ESCAPE '\\' OR m.place LIKE ? ESCAPE '\\' OR m.kind LIKE ? ESCAPE '\\')",
            [inner, inner, inner])


MEETINGS = ListQuery(
    source="meetings m",
    columns=(
        Column("code", codes.MEETING.sql("m.id")),
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


def meeting_filter(*, kind: str | None = None, status: str | None = None, period=None, place: str | None = None,
                   person_id: int | None = None) -> tuple[str, tuple]:
    """The ``extra`` WHERE clause and params of MEETINGS: a kind, 草稿/已定稿, a period
    (2026, 2026-Q3, 2026-07 or a Period), a place (屋场; part of the name), or the
    meetings one person attended."""
    clauses: list[str] = []
    params: list[str | int] = []
    if kind:
        clauses.append("m.kind = ?")
        params.append(kind)
    if status:
        clauses.append("m.status = ?")
        params.append(status)
    if period:
        chosen = periods.coerce(period)
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


__all__ = ["MEETINGS", "agenda_items", "final_meetings_of", "group_member_ids", "meeting_choices", "meeting_filter",
           "meeting_label", "meeting_years", "meetings_with_requests", "recent_places"]


def meeting_choices(store, *, where: str = "m.meeting_date IS NOT NULL", params: tuple = (),
                    limit: int | None = None) -> list[dict]:
    """Meetings to choose from in a form (id, code, meeting_date, title), newest first.

    ``where`` narrows them: finalised minutes of a stage's kinds, the meetings
    where requests were raised, …
    """
    return store.rows(f"SELECT m.id, {codes.MEETING.sql('m.id')} AS code, m.meeting_date, m.title "
                      f"FROM meetings m WHERE {where} ORDER BY m.meeting_date DESC, m.id DESC"
                      + (" LIMIT ?" if limit else ""), (*params, limit) if limit else params)


def final_meetings_of(store, kinds, limit: int = 200) -> list[dict]:
    """Finalised minutes of the meeting ``kinds`` (a 四议两公开 stage's), newest first."""
    marks = ", ".join("?" * len(kinds))
    return meeting_choices(store, where=f"m.status = ? AND m.kind IN ({marks})",
                           params=(MeetingStatus.FINAL, *kinds), limit=limit)


def meetings_with_requests(store) -> list[dict]:
    """The meetings at which requests were raised, newest first."""
    return meeting_choices(store, where="m.id IN (SELECT DISTINCT meeting_id FROM requests "
                                        "WHERE meeting_id IS NOT NULL)")


def meeting_years(store) -> list[str]:
    """The years that have dated minutes, newest first (2026, 2025, …)."""
    return [r["year"] for r in store.rows("SELECT DISTINCT substr(meeting_date, 1, 4) AS year FROM meetings "
                                          "WHERE meeting_date IS NOT NULL ORDER BY year DESC")]


def recent_places(store, limit: int = 60) -> list[str]:
    """Where meetings were held (屋场), the most recently used first."""
    return [r["place"] for r in store.rows(
        "SELECT place, max(meeting_date) AS last FROM meetings WHERE place != '' GROUP BY place "
        "ORDER BY last DESC LIMIT ?", (limit,))]


def agenda_items(store, meeting_id: int) -> list[dict]:
    """A meeting's agenda items (id, seq, topic) in order."""
    return store.rows("SELECT id, seq, topic FROM meeting_agenda WHERE meeting_id = ? ORDER BY seq", (meeting_id,))


def group_member_ids(store, group_name: str, adults_on: date | None = None) -> list[int]:
    """Everyone of a 村民小组 in the register, by code (aged 18 on ``adults_on``, when given; an
    unknown birth date counts as grown up, as for the quorum)."""
    cutoff = None
    if adults_on is not None:
        try:
            cutoff = adults_on.replace(year=adults_on.year - ADULT_AGE).isoformat()
        except ValueError:  # 29 February
            cutoff = adults_on.replace(year=adults_on.year - ADULT_AGE, day=28).isoformat()
    return [r["id"] for r in store.rows(
        "SELECT p.id FROM persons p JOIN households h ON h.id = p.household_id "
        "WHERE h.group_name = ? AND p.archived = 0 AND (? IS NULL OR p.birth_date IS NULL OR p.birth_date <= ?) "
        "ORDER BY p.code", (group_name, cutoff, cutoff))]


def meeting_label(meeting: dict) -> str:
    """HY0012　2026-07-10　杨家湾屋场会: data, as the clerk reads it in a chooser."""
    return "　".join(p for p in (meeting["code"], meeting["meeting_date"] or "", meeting["title"]) if p)
