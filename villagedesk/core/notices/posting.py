"""The posting period (公示期): from the day a notice goes up, for so many days.

A period of N days counts the posting day itself as the first: 7 days from
1 July end on 7 July.  A period in working days (低保 lists: 7 working days)
counts Monday to Friday only; posted on a Saturday or Sunday, the count starts
on the Monday.  Public holidays and the weekend days worked in their place
(调休) are fixed by the State Council year by year and the program has no
table of them: over 国庆 or 春节 the clerk gives a longer period, or the end
date itself (:func:`days_between`).
"""

from __future__ import annotations

from datetime import date, timedelta

MAX_DAYS = 90
DEFAULT_DAYS = 7


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def posting_end(start: date, days: int, working_days: bool = False) -> date:
    """The last day of a period of ``days`` (working) days that begins on ``start``."""
    if days < 1:
        raise ValueError("a posting period lasts at least one day")
    if not working_days:
        return start + timedelta(days=days - 1)
    day, counted = start, 0
    while True:
        if is_working_day(day):
            counted += 1
            if counted == days:
                return day
        day += timedelta(days=1)


def days_between(start: date, end: date) -> int:
    """How many calendar days a period from ``start`` to ``end`` (both included) lasts."""
    return (end - start).days + 1


def period_label(days: int, working_days: bool) -> str:
    """7, True → 7 个工作日; 5, False → 5 天."""
    return f"{days} 个工作日" if working_days else f"{days} 天"
