"""Scoring periods: PERIOD is written 2026, 2026-Q3 or 2026-07 (docs/DOMAIN.md §6)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from villagedesk.core.common import messages
from villagedesk.errors import UserError

KINDS = ("month", "quarter", "year")
KIND_LABEL = {"month": "月", "quarter": "季度", "year": "年"}
_PATTERN = re.compile(r"^(\d{4})(?:-(Q[1-4]|\d{2}))?$")


@dataclass(frozen=True)
class Period:
    code: str
    kind: str
    start: date
    end: date  # inclusive

    @property
    def label(self) -> str:
        """2026 年 / 2026 年第三季度 / 2026 年 7 月, as printed."""
        year = self.start.year
        if self.kind == "year":
            return f"{year} 年"
        if self.kind == "quarter":
            return f"{year} 年第{'一二三四'[(self.start.month - 1) // 3]}季度"
        return f"{year} 年 {self.start.month} 月"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def _month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def coerce(period: Period | str) -> Period:
    """A Period as it is, or read from its code."""
    return parse(period) if isinstance(period, str) else period


def parse(text: str) -> Period:
    """``2026`` / ``2026-Q3`` / ``2026-07`` → Period; anything else is a UserError."""
    found = _PATTERN.match((text or "").strip().upper())
    if not found:
        raise UserError(messages.PERIOD_FORMAT.format(text=text))
    year, part = int(found.group(1)), found.group(2)
    if not 2000 <= year <= 2100:
        raise UserError(messages.PERIOD_BAD_YEAR.format(year=year))
    if part is None:
        return Period(f"{year}", "year", date(year, 1, 1), date(year, 12, 31))
    if part.startswith("Q"):
        quarter = int(part[1])
        first = 3 * (quarter - 1) + 1
        return Period(f"{year}-Q{quarter}", "quarter", date(year, first, 1), _month_end(year, first + 2))
    month = int(part)
    if not 1 <= month <= 12:
        raise UserError(messages.PERIOD_BAD_MONTH.format(text=text))
    return Period(f"{year}-{month:02d}", "month", date(year, month, 1), _month_end(year, month))


def of(day: date, kind: str) -> Period:
    """The period of ``kind`` that ``day`` falls in."""
    if kind == "year":
        return parse(f"{day.year}")
    if kind == "quarter":
        return parse(f"{day.year}-Q{(day.month - 1) // 3 + 1}")
    return parse(f"{day.year}-{day.month:02d}")


def split(period: Period, kind: str) -> list[Period]:
    """The scheme periods of ``kind`` inside ``period`` (a year holds four quarters)."""
    parts, day = [], period.start
    while day <= period.end:
        part = of(day, kind)
        parts.append(part)
        day = part.end + timedelta(days=1)
    return parts
