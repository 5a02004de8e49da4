"""The disclosure calendar (公开目录): what the village must post, and how often.

村民委员会组织法 Art. 30: routine affairs at least quarterly, finances monthly,
major matters at once.  Each item has a frequency and, optionally, a fixed day
of the period's first month (20 → the 20th of January, April, July, October
for a quarterly item; day 31 of a 30-day month means its last day).

A notice posted for an item (``item_id``) within a period covers that period.
On a given day an item is:

- 已公开 — posted in the current period;
- 待公开 — not yet, and the period's deadline (the fixed day, else the period's
  last day) has not passed;
- 已逾期 — not yet, and the deadline has passed;
- 事项发生时 — items posted when something happens have no schedule: the
  calendar shows when they were last posted.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from villagedesk import clock
from villagedesk.core.common import messages as common_messages
from villagedesk.core.common import periods, records
from villagedesk.core.notices import messages
from villagedesk.core.notices.model import CATEGORIES, notice_code
from villagedesk.errors import UserError
from villagedesk.store import Store

MONTHLY, QUARTERLY, YEARLY, ON_EVENT = "每月", "每季度", "每年", "事项发生时"
FREQUENCIES = (MONTHLY, QUARTERLY, YEARLY, ON_EVENT)
_KIND = {MONTHLY: "month", QUARTERLY: "quarter", YEARLY: "year"}

DONE, DUE, OVERDUE, WHEN_IT_HAPPENS = "已公开", "待公开", "已逾期", "事项发生时"
NAME_MAX = 40


@dataclass(frozen=True)
class CalendarState:
    """Where one calendar item stands on a day."""

    item: dict
    state: str  # 已公开 / 待公开 / 已逾期 / 事项发生时
    period: periods.Period | None  # the current period (None for 事项发生时)
    deadline: date | None  # by when the current period's posting is due
    last_posted: date | None  # the latest posting of this item, any period
    last_notice: str | None  # its 公开编号
    days_overdue: int = 0
    days_left: int | None = None  # until the deadline, while 待公开

    @property
    def schedule(self) -> str:
        """每季度（首月 20 日前）, 每月, 事项发生时 — the rule in words."""
        item = self.item
        return schedule_label(item["frequency"], item["due_day"])


def schedule_label(frequency: str, due_day: int | None) -> str:
    if frequency == ON_EVENT or not due_day:
        return frequency
    if frequency == MONTHLY:
        return f"每月 {due_day} 日前"
    if frequency == QUARTERLY:
        return f"每季度首月 {due_day} 日前"
    return f"每年 1 月 {due_day} 日前"


def deadline(period: periods.Period, due_day: int | None) -> date:
    """The fixed day in the period's first month (clamped to that month), else the period's last day."""
    if not due_day:
        return period.end
    first = period.start
    return first.replace(day=min(due_day, monthrange(first.year, first.month)[1]))


def _clean(values: dict) -> dict:
    name = str(values.get("name") or "").strip()
    if not name:
        raise UserError(messages.ITEM_NAME_MISSING, field="name")
    if len(name) > NAME_MAX:
        raise UserError(messages.ITEM_NAME_TOO_LONG.format(limit=NAME_MAX), field="name")
    category = str(values.get("category") or "").strip()
    if category not in CATEGORIES:
        raise UserError(messages.CATEGORY_CHOICES.format(
            choices=common_messages.LIST_SEPARATOR.join(CATEGORIES)), field="category")
    frequency = str(values.get("frequency") or "").strip()
    if frequency not in FREQUENCIES:
        raise UserError(messages.ITEM_FREQUENCY_CHOICES.format(
            choices=common_messages.LIST_SEPARATOR.join(FREQUENCIES)), field="frequency")
    raw = str(values.get("due_day") if values.get("due_day") is not None else "").strip()
    due_day = None
    if raw:
        if frequency == ON_EVENT:
            raise UserError(messages.ITEM_NO_DUE_DAY, field="due_day")
        try:
            due_day = int(raw)
        except ValueError:
            raise UserError(messages.ITEM_DUE_DAY_RANGE, field="due_day") from None
        if not 1 <= due_day <= 31:
            raise UserError(messages.ITEM_DUE_DAY_RANGE, field="due_day")
    return {"name": name, "category": category, "frequency": frequency, "due_day": due_day,
            "note": str(values.get("note") or "").strip()}


def save_item(store: Store, *, name: str, category: str, frequency: str, due_day=None, note: str = "",
              item_id: int | None = None) -> dict:
    """Add a calendar item, or change item ``item_id``; the same name may not be listed twice."""
    clean = _clean({"name": name, "category": category, "frequency": frequency, "due_day": due_day, "note": note})
    with store.atomic():
        same = store.row("SELECT id FROM disclosure_items WHERE name = ? AND archived = 0 AND id != ?",
                         (clean["name"], item_id or 0))
        if same:
            raise UserError(messages.ITEM_NAME_TAKEN.format(name=clean["name"]), field="name")
        if item_id is None:
            return records.insert(store, "disclosure_items", {**clean, "archived": 0})
        if records.get(store, "disclosure_items", item_id) is None:
            raise UserError(messages.NO_SUCH_ITEM)
        return records.update(store, "disclosure_items", item_id, clean)


def archive_item(store: Store, item_id: int) -> dict:
    """Take an item off the calendar; notices posted for it keep their link."""
    item = records.get(store, "disclosure_items", item_id) if item_id else None
    if item is None:
        raise UserError(messages.NO_SUCH_ITEM)
    return records.update(store, "disclosure_items", item_id, {"archived": 1}, action="archive")


def items(store: Store, include_archived: bool = False) -> list[dict]:
    where = "" if include_archived else "WHERE archived = 0"
    order = " ".join(f"WHEN '{f}' THEN {n}" for n, f in enumerate(FREQUENCIES))
    return store.rows(f"SELECT * FROM disclosure_items {where} ORDER BY CASE frequency {order} END, id")


def item_state(store: Store, item: dict, today: date | None = None) -> CalendarState:
    today = today or clock.today()
    day = today.isoformat()
    last = store.row("SELECT id, posted_on FROM notices WHERE item_id = ? AND posted_on IS NOT NULL "
                     "AND posted_on <= ? ORDER BY posted_on DESC, id DESC LIMIT 1", (item["id"], day))
    last_posted = date.fromisoformat(last["posted_on"]) if last else None
    last_code = notice_code(last["id"]) if last else None
    if item["frequency"] == ON_EVENT:
        return CalendarState(item, WHEN_IT_HAPPENS, None, None, last_posted, last_code)
    period = periods.of(today, _KIND[item["frequency"]])
    due = deadline(period, item["due_day"])
    if last_posted is not None and last_posted >= period.start:
        return CalendarState(item, DONE, period, due, last_posted, last_code)
    if today > due:
        return CalendarState(item, OVERDUE, period, due, last_posted, last_code, days_overdue=(today - due).days)
    return CalendarState(item, DUE, period, due, last_posted, last_code, days_left=(due - today).days)


def calendar(store: Store, today: date | None = None) -> list[CalendarState]:
    """Every item on the calendar with its state on ``today``, in the calendar's order."""
    return [item_state(store, item, today) for item in items(store)]
