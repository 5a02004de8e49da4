"""Dates as clerks type them, and a form's date field checked in one place."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal, overload

from villagedesk.errors import UserError


def parse_date(value) -> date | None:
    """Dates as clerks write them: 1980-01-02, 1980/1/2, 1980.01, 198001, 19800102."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value if not hasattr(value, "date") else value.date()
    text = str(value).strip().replace("年", "-").replace("月", "-").replace("日", "")
    text = re.sub(r"[./]", "-", text).strip("-")
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    elif re.fullmatch(r"\d{6}", text):
        text = f"{text[:4]}-{text[4:]}"
    parts = text.split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 2:
            numbers.append(1)
        if len(numbers) != 3:
            return None
        return date(*numbers)
    except ValueError:
        return None


@overload
def day_field(value, message: str, field: str, required: Literal[True] = True) -> date: ...
@overload
def day_field(value, message: str, field: str, required: bool) -> date | None: ...
def day_field(value, message: str, field: str, required: bool = True) -> date | None:
    """A form's date: None when left empty and not required, else the day or ``message`` on ``field``."""
    if value in (None, "") and not required:
        return None
    day = parse_date(value)
    if day is None:
        raise UserError(message, field=field)
    return day


BLANK_DATE = "　　　　年　　月　　日"  # a date to be written in by hand


def chinese_date(day: date | str | None, blank: str = "") -> str:
    """2026-10-08 → 2026年10月8日: how every public item (boards, notices, minutes, statements) writes
    a day, so the same fact reads the same wherever it is printed; ``blank`` when there is none."""
    if day is None or day == "":
        return blank
    # A timestamp (its date part) or a datetime is written as its day.
    found = date.fromisoformat(day[:10]) if isinstance(day, str) else parse_date(day)
    assert found is not None
    return f"{found.year}年{found.month}月{found.day}日"


def chinese_span(first: date | str, last: date | str) -> str:
    """2026年10月8日至2026年10月14日: a range of days as public items write it."""
    return f"{chinese_date(first)}至{chinese_date(last)}"
