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
