"""The villagers' requests ledger (民情台账): each 诉求 from intake until it is closed.

A request is raised by a person of the register or by a name, at a meeting or
directly, and handled one of three ways: solved on the spot (当场解决), taken on
with a deadline (限期办理), or referred to a department (转交部门).  Its status runs

    待办 → 办理中 → 已办结        or        待办 / 办理中 → 已转交 → 已办结

Closing needs the result and the feedback to the villager (date, how) and the
villager's satisfaction; 不满意 does not close it but sends it back to 办理中 (重办),
counted on the request and written to its handling log.  A request is overdue
while it is not closed and its deadline lies before today (a deadline of today is
not overdue yet).  Every step is written to ``request_log``, which is never
rewritten, as well as to the audit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from villagedesk import clock
from villagedesk.core.common import codes, fields, periods, records
from villagedesk.core.common import messages as common_messages
from villagedesk.core.common.checks import allowed
from villagedesk.core.common.dates import day_field
from villagedesk.core.meetings.minutes import get_meeting
from villagedesk.core.requests import messages
from villagedesk.errors import UserError
from villagedesk.store import Store

CATEGORIES = ("基础设施", "环境卫生", "矛盾纠纷", "政策咨询", "民生救助", "其他")
ON_THE_SPOT, WITH_DEADLINE, REFERRED = "当场解决", "限期办理", "转交部门"
HANDLINGS = (ON_THE_SPOT, WITH_DEADLINE, REFERRED)


class RequestStatus(StrEnum):
    """Where a request stands (requests.status): 待办 → 办理中 → 已办结, or 已转交 on the way."""

    TODO = "待办"
    IN_HAND = "办理中"
    CLOSED = "已办结"
    HANDED_OVER = "已转交"


# The earlier names, kept for the tests and benchmarks that spell them so.
TODO, IN_HAND, CLOSED = RequestStatus.TODO, RequestStatus.IN_HAND, RequestStatus.CLOSED
HANDED_OVER = RequestStatus.HANDED_OVER
STATUSES = tuple(RequestStatus)
OPEN_STATUSES = (RequestStatus.TODO, RequestStatus.IN_HAND, RequestStatus.HANDED_OVER)
SATISFIED, FAIRLY_SATISFIED, DISSATISFIED = "满意", "基本满意", "不满意"
SATISFACTION = (SATISFIED, FAIRLY_SATISFIED, DISSATISFIED)
ON_THE_SPOT_FEEDBACK = "当场答复"
CODE = codes.REQUEST.printf

_CONTENT_MAX = 500


def request_code(request_id: int) -> str:
    """诉求编号 (SQ000123), as the board, the ledger printout and the Excel sheet name it."""
    return codes.REQUEST(request_id)


def request_id_from(text) -> int | None:
    return codes.REQUEST.parse(text)


def get_request(store: Store, request_id: int) -> dict | None:
    return store.row(f"SELECT r.*, {codes.REQUEST.sql('r.id')} AS code FROM requests r WHERE r.id = ?", (request_id,))


def find_request(store: Store, text) -> dict:
    request_id = request_id_from(text)
    found = get_request(store, request_id) if request_id else None
    if found is None:
        raise UserError(messages.NO_SUCH_REQUEST_CODE.format(
            shown=str(text or "").strip() or common_messages.EMPTY_VALUE))
    return found


def _request(store: Store, request_id: int) -> dict:
    found = get_request(store, request_id) if request_id else None
    if found is None:
        raise UserError(messages.NO_SUCH_REQUEST.format(request_id=request_id))
    return found


def is_overdue(request: dict, today: date | None = None) -> bool:
    """Not closed, and the deadline is before ``today`` (default: today)."""
    day = (today or clock.today()).isoformat()
    return request["status"] != RequestStatus.CLOSED and bool(request["deadline"]) and request["deadline"] < day


def _log(store: Store, request_id: int, day: date | str, action: str, status: str, note: str = "") -> None:
    records.insert(store, "request_log", {"request_id": request_id, "day": str(day), "action": action,
                                          "status": status, "note": note})


def handling_log(store: Store, request_id: int) -> list[dict]:
    """The request's steps (办理过程) in order: day, action, status after it, note."""
    return store.rows("SELECT * FROM request_log WHERE request_id = ? ORDER BY day, id", (request_id,))


# --- intake --------------------------------------------------------------------------

_INTAKE_FIELDS = ("raised_on", "raised_by_id", "raised_by", "group_name", "meeting_id", "category", "content",
                  "handling", "department", "owner_id", "owner", "deadline")


def _clean_intake(store: Store, values: dict, today: date) -> dict:
    """The intake fields checked and completed: names and 组 from the register, the meeting's date."""
    unknown = set(values) - set(_INTAKE_FIELDS)
    if unknown:
        raise TypeError(f"unknown request fields: {sorted(unknown)}")
    meeting = None
    if values.get("meeting_id"):
        meeting = get_meeting(store, values["meeting_id"])
        if meeting is None:
            raise UserError(messages.NO_SUCH_MEETING, field="meeting")
    raised = day_field(values.get("raised_on") or (meeting and meeting["meeting_date"]), messages.DATE_INVALID.format(what="诉求日期"), "raised_on")
    if raised > today:
        raise UserError(messages.RAISED_IN_FUTURE, field="raised_on")
    if meeting and meeting["meeting_date"] and raised.isoformat() != meeting["meeting_date"]:
        raise UserError(messages.RAISED_NOT_ON_MEETING_DAY.format(
            meeting_date=meeting["meeting_date"]), field="raised_on")
    name, group = fields.text(values.get("raised_by")), fields.text(values.get("group_name"))
    if values.get("raised_by_id"):
        person = store.row("SELECT p.name, h.group_name FROM persons p JOIN households h ON h.id = p.household_id "
                           "WHERE p.id = ?", (values["raised_by_id"],))
        if person is None:
            raise UserError(messages.RAISER_NOT_IN_REGISTER, field="raised_by")
        name, group = person["name"], group or person["group_name"]
    if not name:
        raise UserError(messages.RAISER_MISSING, field="raised_by")
    category = fields.choice(values.get("category"), CATEGORIES, messages.CATEGORY_CHOICES, "category")
    content = fields.required_text(values.get("content"), _CONTENT_MAX, messages.CONTENT_MISSING,
                                   messages.CONTENT_TOO_LONG, "content")
    handling = fields.text(values.get("handling"))
    if handling not in HANDLINGS:
        raise UserError(messages.HANDLING_CHOICES.format(
            choices=common_messages.LIST_SEPARATOR.join(HANDLINGS)), field="handling")
    department = fields.text(values.get("department"))
    if handling == REFERRED and not department:
        raise UserError(messages.DEPARTMENT_MISSING_FOR_REFERRAL, field="department")
    deadline = day_field(values.get("deadline"), messages.DATE_INVALID.format(what="办理期限"), "deadline", required=handling == WITH_DEADLINE)
    if deadline and deadline < raised:
        raise UserError(messages.DEADLINE_BEFORE_RAISED.format(
            deadline=deadline, raised=raised), field="deadline")
    owner, owner_id = fields.text(values.get("owner")), values.get("owner_id") or None
    if owner_id:
        person = records.get(store, "persons", owner_id)
        if person is None:
            raise UserError(messages.OWNER_NOT_IN_REGISTER, field="owner")
        owner = person["name"]
    if handling == WITH_DEADLINE and not owner:
        raise UserError(messages.OWNER_MISSING, field="owner")
    return {"raised_on": raised.isoformat(), "raised_by_id": values.get("raised_by_id") or None, "raised_by": name,
            "group_name": group, "meeting_id": meeting["id"] if meeting else None, "category": category,
            "content": content, "handling": handling, "department": department if handling == REFERRED else "",
            "owner_id": owner_id, "owner": owner, "deadline": deadline.isoformat() if deadline else None}


def raise_request(store: Store, *, result: str = "", satisfaction: str | None = None,
                  feedback_how: str = "", today: date | None = None, **values) -> dict:
    """Register a request; returns the row (with ``code``).

    ``values``: raised_on (default: the meeting's date), raised_by_id (a person of the
    register) or raised_by (a name), group_name (default: the person's 组), meeting_id,
    category, content, handling, department (转交部门), owner_id or owner, deadline
    (限期办理 needs one, not before raised_on).

    当场解决 closes it at once: it needs ``result`` and the villager's ``satisfaction``
    (not 不满意 — one who is not satisfied was not helped on the spot);
    ``feedback_how`` defaults to 当场答复.  转交部门 starts as 已转交, 限期办理 as 待办.
    """
    today = today or clock.today()
    with store.atomic():
        clean = _clean_intake(store, values, today)
        closing: dict[str, Any] = {"result": "", "feedback_on": None, "feedback_how": "", "satisfaction": None, "closed_on": None,
                   "reopened": 0}
        status = {ON_THE_SPOT: RequestStatus.CLOSED, WITH_DEADLINE: RequestStatus.TODO,
                  REFERRED: RequestStatus.HANDED_OVER}[clean["handling"]]
        if clean["handling"] == ON_THE_SPOT:
            result = fields.text(result)
            if not result:
                raise UserError(messages.ON_THE_SPOT_RESULT_MISSING, field="result")
            if satisfaction not in (SATISFIED, FAIRLY_SATISFIED):
                raise UserError(messages.ON_THE_SPOT_NOT_SATISFIED, field="satisfaction")
            closing.update(result=result, feedback_on=clean["raised_on"],
                           feedback_how=fields.text(feedback_how) or ON_THE_SPOT_FEEDBACK, satisfaction=satisfaction,
                           closed_on=clean["raised_on"])
        row = records.insert(store, "requests", {**clean, "status": status, **closing})
        if clean["handling"] == REFERRED:
            _log(store, row["id"], clean["raised_on"], "转交", RequestStatus.HANDED_OVER, clean["department"])
        if clean["handling"] == ON_THE_SPOT:
            _log(store, row["id"], clean["raised_on"], "当场解决", RequestStatus.CLOSED, closing["result"])
    return _request(store, row["id"])


def _check_open(found: dict) -> None:
    """A closed request is not changed: the villager's dissatisfaction reopens it instead."""
    if found["status"] == RequestStatus.CLOSED:
        raise UserError(messages.REQUEST_CLOSED.format(code=found["code"], closed_on=found["closed_on"]))


def _check_startable(found: dict) -> None:
    _check_open(found)
    if found["status"] != RequestStatus.TODO:
        raise UserError(messages.REQUEST_NOT_WAITING.format(code=found["code"], status=found["status"]))


def _check_referable(found: dict) -> None:
    _check_open(found)
    if found["status"] == RequestStatus.HANDED_OVER:
        raise UserError(messages.REQUEST_ALREADY_REFERRED.format(
            code=found["code"], department=found["department"]))


def _check_reopenable(found: dict) -> None:
    if found["status"] != RequestStatus.CLOSED:
        raise UserError(messages.REQUEST_NOT_CLOSED.format(code=found["code"], status=found["status"]))


def can_edit(request: dict) -> bool:
    """Whether the intake of ``request`` (a row with ``code``, ``status``, …) can be corrected, or the
    request closed: it is not closed yet."""
    return allowed(_check_open, request)


def can_start(request: dict) -> bool:
    """Whether 开始办理 is offered: a 待办 request."""
    return allowed(_check_startable, request)


def can_refer(request: dict) -> bool:
    """Whether 转交 is offered: open and not handed over yet."""
    return allowed(_check_referable, request)


def can_close(request: dict) -> bool:
    """Whether 办结 (result and feedback) is offered: the request is not closed."""
    return allowed(_check_open, request)


def can_reopen(request: dict) -> bool:
    """Whether 重新办理 is offered: a closed request."""
    return allowed(_check_reopenable, request)


def _open(store: Store, request_id: int) -> dict:
    found = _request(store, request_id)
    _check_open(found)
    return found


def update_request(store: Store, request_id: int, *, today: date | None = None, **values) -> dict:
    """Correct the intake of an open request (content, category, owner, deadline …); fields
    not given keep their value.  The handling is changed with :func:`refer_request`."""
    today = today or clock.today()
    with store.atomic():
        current = _open(store, request_id)
        if "handling" in values and values["handling"] != current["handling"]:
            raise UserError(messages.HANDLING_NOT_EDITED_HERE, field="handling")
        merged = {**{k: current[k] for k in _INTAKE_FIELDS}, **values}
        if "raised_by_id" in values and values["raised_by_id"] != current["raised_by_id"] and "group_name" not in values:
            merged["group_name"] = ""  # taken from the newly chosen person
        records.update(store, "requests", request_id, _clean_intake(store, merged, today))
    return _request(store, request_id)


def _step_day(value, request: dict, today: date, what: str) -> date:
    day = day_field(value, messages.DATE_INVALID.format(what=what), "day", required=False) or today
    if day.isoformat() < request["raised_on"]:
        raise UserError(messages.DATE_BEFORE_RAISED.format(
            what=what, raised_on=request["raised_on"]), field="day")
    if day > today:
        raise UserError(messages.DATE_IN_FUTURE.format(what=what), field="day")
    return day


def start_request(store: Store, request_id: int, *, day=None, note: str = "", today: date | None = None) -> dict:
    """待办 → 办理中."""
    today = today or clock.today()
    with store.atomic():
        found = _request(store, request_id)
        _check_startable(found)
        day = _step_day(day, found, today, "开始办理日期")
        records.update(store, "requests", request_id, {"status": RequestStatus.IN_HAND}, action="start")
        _log(store, request_id, day.isoformat(), "开始办理", RequestStatus.IN_HAND, fields.text(note))
    return _request(store, request_id)


def refer_request(store: Store, request_id: int, *, department: str, deadline=None, day=None, note: str = "",
                  today: date | None = None) -> dict:
    """待办 / 办理中 → 已转交 to ``department`` (the handling becomes 转交部门)."""
    today = today or clock.today()
    department = fields.text(department)
    with store.atomic():
        found = _request(store, request_id)
        _check_referable(found)
        if not department:
            raise UserError(messages.DEPARTMENT_MISSING, field="department")
        day = _step_day(day, found, today, "转交日期")
        due = day_field(deadline, messages.DATE_INVALID.format(what="办理期限"), "deadline", required=False)
        if due and due.isoformat() < found["raised_on"]:
            raise UserError(messages.DUE_BEFORE_RAISED.format(
                due=due, raised_on=found["raised_on"]), field="deadline")
        changes = {"status": RequestStatus.HANDED_OVER, "handling": REFERRED, "department": department}
        if due:
            changes["deadline"] = due.isoformat()
        records.update(store, "requests", request_id, changes, action="refer")
        _log(store, request_id, day.isoformat(), "转交", RequestStatus.HANDED_OVER, messages.LOG_NOTE_SEPARATOR.join(t for t in (department, fields.text(note)) if t))
    return _request(store, request_id)


def close_request(store: Store, request_id: int, *, result: str, feedback_on, feedback_how: str, satisfaction: str,
                  today: date | None = None) -> dict:
    """Record the result and the feedback to the villager: 已办结 when satisfied.

    不满意 does not close it: the request goes back to 办理中 (重办), its reopen count
    grows and the log says so; the result and feedback stay recorded.
    """
    today = today or clock.today()
    result, how = fields.text(result), fields.text(feedback_how)
    with store.atomic():
        found = _open(store, request_id)
        if not result:
            raise UserError(messages.CLOSE_RESULT_MISSING, field="result")
        if feedback_on in (None, ""):
            raise UserError(messages.CLOSE_FEEDBACK_DATE_MISSING, field="feedback_on")
        day = _step_day(feedback_on, found, today, "反馈日期")
        if not how:
            raise UserError(messages.CLOSE_FEEDBACK_HOW_MISSING, field="feedback_how")
        if satisfaction not in SATISFACTION:
            raise UserError(messages.SATISFACTION_CHOICES.format(
                choices=common_messages.LIST_SEPARATOR.join(SATISFACTION)), field="satisfaction")
        changes = {"result": result, "feedback_on": day.isoformat(), "feedback_how": how, "satisfaction": satisfaction}
        if satisfaction == DISSATISFIED:
            records.update(store, "requests", request_id,
                           {**changes, "status": RequestStatus.IN_HAND, "reopened": found["reopened"] + 1}, action="reopen")
            _log(store, request_id, day.isoformat(), "群众不满意，重新办理", RequestStatus.IN_HAND, result)
        else:
            records.update(store, "requests", request_id,
                           {**changes, "status": RequestStatus.CLOSED, "closed_on": day.isoformat()}, action="close")
            _log(store, request_id, day.isoformat(), "办结", RequestStatus.CLOSED,
                 messages.LOG_CLOSED_NOTE.format(result=result, how=how, satisfaction=satisfaction))
    return _request(store, request_id)


def reopen_request(store: Store, request_id: int, *, reason: str, day=None, today: date | None = None) -> dict:
    """A closed request the villager comes back about, not satisfied: back to 办理中 (重办)."""
    today = today or clock.today()
    reason = fields.text(reason)
    with store.atomic():
        found = _request(store, request_id)
        _check_reopenable(found)
        if not reason:
            raise UserError(messages.REOPEN_REASON_MISSING, field="reason")
        day = _step_day(day, found, today, "重新办理日期")
        if day.isoformat() < found["closed_on"]:
            raise UserError(messages.REOPEN_BEFORE_CLOSED.format(closed_on=found["closed_on"]), field="day")
        records.update(store, "requests", request_id, {
            "status": RequestStatus.IN_HAND, "satisfaction": DISSATISFIED, "closed_on": None, "reopened": found["reopened"] + 1},
            action="reopen")
        _log(store, request_id, day.isoformat(), "群众不满意，重新办理", RequestStatus.IN_HAND, reason)
    return _request(store, request_id)


# --- counts by outcome -----------------------------------------------------------------

@dataclass(frozen=True)
class Outcomes:
    """What townships report: requests raised in a period, by how they were handled and where they stand."""

    total: int
    on_the_spot: int
    with_deadline: int
    referred: int
    closed: int
    in_hand: int  # 待办 and 办理中
    handed_over: int
    overdue: int
    reopened: int
    satisfied: int
    fairly_satisfied: int
    dissatisfied: int

    @property
    def closed_share(self) -> float:
        return self.closed / self.total if self.total else 0.0

    @property
    def closed_percent(self) -> str:
        """81% — a whole percent, as the township's tables give it."""
        return f"{round(self.closed_share * 100)}%"

    def sentence(self) -> str:
        return messages.OUTCOMES_SENTENCE.format(
            total=self.total, on_the_spot=self.on_the_spot, with_deadline=self.with_deadline,
            referred=self.referred, closed=self.closed, closed_percent=self.closed_percent)


def outcomes(store: Store, period: periods.Period | str | None = None, *, today: date | None = None,
             meeting_id: int | None = None) -> Outcomes:
    """Counts of the requests raised in ``period`` (a Period or 2026 / 2026-Q3 / 2026-07; None: all),
    or at one meeting; overdue and satisfaction as they stand ``today``."""
    if isinstance(period, str):
        period = periods.parse(period)
    day = (today or clock.today()).isoformat()
    where: list[str] = []
    args: list[str | int] = []
    if period is not None:
        where.append("raised_on BETWEEN ? AND ?")
        args += [period.start.isoformat(), period.end.isoformat()]
    if meeting_id is not None:
        where.append("meeting_id = ?")
        args.append(meeting_id)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    # An aggregate without GROUP BY always gives exactly one row.
    row = store.rows(f"""
        SELECT count(*) AS total,
               coalesce(sum(handling = '{ON_THE_SPOT}'), 0) AS on_the_spot,
               coalesce(sum(handling = '{WITH_DEADLINE}'), 0) AS with_deadline,
               coalesce(sum(handling = '{REFERRED}'), 0) AS referred,
               coalesce(sum(status = '{RequestStatus.CLOSED}'), 0) AS closed,
               coalesce(sum(status IN ('{RequestStatus.TODO}', '{RequestStatus.IN_HAND}')), 0) AS in_hand,
               coalesce(sum(status = '{RequestStatus.HANDED_OVER}'), 0) AS handed_over,
               coalesce(sum(status != '{RequestStatus.CLOSED}' AND deadline < ?), 0) AS overdue,
               coalesce(sum(reopened > 0), 0) AS reopened,
               coalesce(sum(satisfaction = '{SATISFIED}' AND status = '{RequestStatus.CLOSED}'), 0) AS satisfied,
               coalesce(sum(satisfaction = '{FAIRLY_SATISFIED}' AND status = '{RequestStatus.CLOSED}'), 0) AS fairly_satisfied,
               coalesce(sum(satisfaction = '{DISSATISFIED}'), 0) AS dissatisfied
        FROM requests {clause}""", [day, *args])[0]
    return Outcomes(**row)


def in_period(store: Store, period: periods.Period) -> list[dict]:
    """The requests raised in ``period``, oldest first, with ``code`` and the meeting's code."""
    return store.rows(f"SELECT r.*, {codes.REQUEST.sql('r.id')} AS code, "
                      f"CASE WHEN r.meeting_id IS NOT NULL THEN {codes.MEETING.sql('r.meeting_id')} END AS meeting_code, "
                      "m.title AS meeting_title FROM requests r LEFT JOIN meetings m ON m.id = r.meeting_id "
                      "WHERE r.raised_on BETWEEN ? AND ? ORDER BY r.raised_on, r.id",
                      (period.start.isoformat(), period.end.isoformat()))


__all__ = ["CATEGORIES", "CLOSED", "CODE", "DISSATISFIED", "FAIRLY_SATISFIED", "HANDED_OVER", "HANDLINGS", "IN_HAND",
           "ON_THE_SPOT", "OPEN_STATUSES", "REFERRED", "SATISFACTION", "SATISFIED", "STATUSES", "TODO", "WITH_DEADLINE",
           "Outcomes", "RequestStatus", "can_close", "can_edit", "can_refer", "can_reopen", "can_start",
           "close_request", "find_request", "get_request", "handling_log", "in_period", "is_overdue",
           "outcomes", "raise_request", "refer_request", "reopen_request", "request_code", "request_id_from",
           "start_request", "update_request"]
