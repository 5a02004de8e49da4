"""The posting period (公示期) of a notice: from the day it goes up, for so many days.

The rule itself is shared with the points boards and lives in
:mod:`villagedesk.core.common.workdays` (docs/DOMAIN.md §4.2): a period of N days
counts the posting day as the first (7 days from 1 July end on 7 July); a period
in working days (低保 lists: 7 working days) follows the State Council's holidays
and 调休 days, from the chinese-calendar library or a year the clerk loaded from the
township's file.  A year known to neither is refused for working days: the clerk
loads its calendar or gives the end date itself (:func:`days_between`).
"""

from __future__ import annotations

from datetime import date

from villagedesk.core.common.workdays import (
    WorkCalendar,
    days_between,
    period_label,
    period_text,
    posting_end,
)
from villagedesk.core.common.workdays import calendar as work_calendar

MAX_DAYS = 90
DEFAULT_DAYS = 7


def is_working_day(day: date, work: WorkCalendar | None = None) -> bool:
    return (work or WorkCalendar()).is_working_day(day)


def notice_period_text(notice: dict) -> str:
    """公示期 of a posted notice as it is printed: 2026年10月8日至2026年10月14日（共 7 天）."""
    return period_text(notice["posted_on"], notice["posting_end"], notice["posting_days"],
                       bool(notice["working_days"]))


__all__ = ["DEFAULT_DAYS", "MAX_DAYS", "days_between", "is_working_day", "notice_period_text", "period_label",
           "posting_end", "work_calendar"]
