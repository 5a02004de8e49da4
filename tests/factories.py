"""Valid identifiers for tests, computed rather than copied."""

from __future__ import annotations

from datetime import date

from villagedesk.core import ids


def valid_uscc(prefix: str = "54431322MJ1234567") -> str:
    return prefix + ids.uscc_check_char(prefix)


def valid_id(born: date = date(1970, 3, 5), serial: int = 123, area: str = "431322") -> str:
    return ids.make_id_number(area, born, serial)


def wrong_check(number: str) -> str:
    """The same number with a check character that cannot be right."""
    return number[:-1] + ("0" if number[-1] != "0" else "1")
