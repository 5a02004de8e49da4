"""Working days as the State Council fixes them: public holidays and the weekend days worked
in their place (调休), year by year (docs/DOMAIN.md §4.2, §4.7).

The years the chinese-calendar library knows come from it; a year past its data is
loaded by the clerk from the file the township hands out (:func:`load_calendar_file`,
the format in docs/DOMAIN.md §4.7) and kept in ``holiday_calendars``; a loaded year
takes precedence over the library's.  A year known to neither is *uncovered*: counting
working days through it would silently treat 春节 or 国庆 as working days, so
:func:`require_covered` refuses it and :func:`coverage_warning` says so where a period
is set.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from villagedesk.core.common import messages, records
from villagedesk.core.common.dates import chinese_span
from villagedesk.errors import UserError
from villagedesk.store import Store

HOLIDAY, WORKDAY = "休", "班"  # a day off (法定节假日), a weekend day worked (调休上班)
HEADER = ("日期", "类型", "名称")
MAX_FILE_BYTES = 64 * 1024
MAX_ROWS = 366
NAME_MAX = 20
FIRST_YEAR, LAST_YEAR = 2000, 2100
WEEKDAYS = "一二三四五六日"


def library_years() -> range:
    """The years the bundled chinese-calendar release has the State Council's arrangements for."""
    from chinese_calendar import constants  # type: ignore[import-untyped]  # loads the holiday tables: not at start-up

    years = {d.year for d in constants.holidays} | {d.year for d in constants.workdays}
    return range(min(years), max(years) + 1)


@functools.cache
def _library_days(year: int) -> tuple[frozenset[date], frozenset[date]]:
    from chinese_calendar import constants  # loads the holiday tables: not at start-up

    return (frozenset(d for d in constants.holidays if d.year == year),
            frozenset(d for d in constants.workdays if d.year == year))


@dataclass
class WorkCalendar:
    """Which days are worked: the library's years, the loaded ones over them, Monday–Friday elsewhere."""

    loaded: dict[int, tuple[frozenset[date], frozenset[date]]] = field(default_factory=dict)
    known: range = field(default_factory=library_years)

    def covers(self, year: int) -> bool:
        return year in self.loaded or year in self.known

    def _days(self, year: int) -> tuple[frozenset[date], frozenset[date]]:
        if year in self.loaded:
            return self.loaded[year]
        if year in self.known:
            return _library_days(year)
        return frozenset(), frozenset()

    def is_working_day(self, day: date) -> bool:
        holidays, workdays = self._days(day.year)
        if day in workdays:
            return True
        return day.weekday() < 5 and day not in holidays

    def uncovered(self, first: date, last: date) -> list[int]:
        """The years from ``first`` to ``last`` that neither the library nor a loaded file knows."""
        return [y for y in range(first.year, last.year + 1) if not self.covers(y)]


def calendar(store: Store | None = None) -> WorkCalendar:
    """The working-day calendar: the library's years and, with ``store``, the years loaded into it."""
    loaded = {}
    if store is not None:
        for row in store.rows("SELECT year, days FROM holiday_calendars"):
            days = json.loads(row["days"])
            loaded[row["year"]] = (frozenset(date.fromisoformat(d) for d, kind, _ in days if kind == HOLIDAY),
                                   frozenset(date.fromisoformat(d) for d, kind, _ in days if kind == WORKDAY))
    return WorkCalendar(loaded)


def _years_text(years: Iterable[int]) -> str:
    return messages.LIST_SEPARATOR.join(str(y) for y in years)


def coverage_warning(work: WorkCalendar, first: date, last: date) -> str | None:
    """What the clerk is told where a period from ``first`` to ``last`` is set, when a year in it
    has no holiday calendar; None when every year is known."""
    missing = work.uncovered(first, last)
    return messages.CALENDAR_MISSING_YEAR.format(years=_years_text(missing)) if missing else None


def require_covered(work: WorkCalendar, first: date, last: date, field_name: str = "days") -> None:
    warning = coverage_warning(work, first, last)
    if warning:
        raise UserError(warning, field=field_name)


# --- the posting period (公示期): one rule for notices and points boards ----------------------

def posting_end(start: date, days: int, working_days: bool = False, work: WorkCalendar | None = None) -> date:
    """The last day of a period of ``days`` (working) days that begins on ``start``.

    The posting day is the first of the ``days``: 7 days from 8 October end on
    14 October.  Working days follow ``work`` (the library's calendar when not given);
    posted on a day off, the count starts on the next working day.
    """
    if days < 1:
        raise ValueError("a posting period lasts at least one day")
    if not working_days:
        return start + timedelta(days=days - 1)
    work = work or WorkCalendar()
    day, counted = start, 0
    while True:
        if work.is_working_day(day):
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


def period_text(first: date | str, last: date | str, days: int | None = None, working_days: bool = False) -> str:
    """公示期 as every public item prints it: 2026年10月8日至2026年10月14日（共 7 天）.

    ``days`` is the length the period was set with (None: counted from the dates).
    """
    first = date.fromisoformat(first) if isinstance(first, str) else first
    last = date.fromisoformat(last) if isinstance(last, str) else last
    length = period_label(days or days_between(first, last), bool(working_days and days))
    return f"{chinese_span(first, last)}（共 {length}）"


# --- the township's file ------------------------------------------------------------------

@dataclass(frozen=True)
class YearCalendar:
    year: int
    days: list[tuple[str, str, str]]  # (ISO date, 休 / 班, name), by date
    sha256: str

    @property
    def holidays(self) -> int:
        return sum(1 for _, kind, _ in self.days if kind == HOLIDAY)

    @property
    def workdays(self) -> int:
        return sum(1 for _, kind, _ in self.days if kind == WORKDAY)


def _decode(data: bytes, name: str) -> str:
    # Saved by Excel or WPS on a Chinese Windows the CSV is GBK; by anything else UTF-8 (with a BOM or not).
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise UserError(messages.CALENDAR_FILE_ENCODING.format(name=name))


def _clean_name(text: str, line: int) -> str:
    name = text.strip()
    if not name or len(name) > NAME_MAX or any(unicodedata.category(c)[0] == "C" for c in name):
        raise UserError(messages.CALENDAR_NAME.format(line=line, limit=NAME_MAX))
    return name


def parse_calendar(data: bytes, name: str) -> YearCalendar:
    """Check a holiday calendar file (docs/DOMAIN.md §4.7) completely; refuse it with the first fault."""
    if len(data) > MAX_FILE_BYTES:
        raise UserError(messages.CALENDAR_FILE_TOO_LARGE.format(name=name, size=len(data), limit=MAX_FILE_BYTES))
    lines = _decode(data, name).splitlines()
    if len(lines) > MAX_ROWS + 1:
        raise UserError(messages.CALENDAR_TOO_MANY_ROWS.format(name=name, limit=MAX_ROWS))
    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    header = tuple(c.strip() for c in rows[0]) if rows else ()
    if header != HEADER:
        raise UserError(messages.CALENDAR_HEADER.format(name=name, header=",".join(HEADER),
                                                        found=",".join(header)[:40]))
    seen: dict[date, int] = {}
    days: list[tuple[str, str, str]] = []
    for line, row in enumerate(rows[1:], 2):
        if not any(c.strip() for c in row):
            continue  # a blank line, as spreadsheets leave at the end
        if len(row) != 3:
            raise UserError(messages.CALENDAR_COLUMNS.format(line=line, count=len(row)))
        text, kind, label = (c.strip() for c in row)
        try:
            day = date.fromisoformat(text) if len(text) == 10 else None
        except ValueError:
            day = None
        if day is None:
            raise UserError(messages.CALENDAR_DATE.format(line=line, text=text[:20]))
        if kind not in (HOLIDAY, WORKDAY):
            raise UserError(messages.CALENDAR_KIND.format(line=line, text=kind[:10]))
        if day in seen:
            raise UserError(messages.CALENDAR_DUPLICATE.format(line=line, day=day.isoformat()))
        if kind == WORKDAY and day.weekday() < 5:
            raise UserError(messages.CALENDAR_WORKDAY_ON_WEEKDAY.format(
                line=line, day=day.isoformat(), weekday=WEEKDAYS[day.weekday()]))
        seen[day] = line
        days.append((day.isoformat(), kind, _clean_name(label, line)))
    years = sorted({d.year for d in seen})
    if len(years) > 1:
        raise UserError(messages.CALENDAR_YEARS.format(years=_years_text(years)))
    if not any(kind == HOLIDAY for _, kind, _ in days):
        raise UserError(messages.CALENDAR_NO_HOLIDAY.format(name=name))
    year = years[0]
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UserError(messages.CALENDAR_YEAR_RANGE.format(year=year, first=FIRST_YEAR, last=LAST_YEAR))
    return YearCalendar(year, sorted(days), hashlib.sha256(data).hexdigest())


def load_calendar_file(store: Store, path: Path | str) -> YearCalendar:
    """Read, check and keep the holiday calendar of one year from the township's file; a year loaded
    before is replaced (audited).  Nothing is written unless the whole file is sound."""
    path = Path(path)
    try:
        if not path.is_file():
            raise UserError(messages.CALENDAR_FILE_MISSING.format(name=str(path)))
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UserError(messages.CALENDAR_FILE_TOO_LARGE.format(name=path.name, size=size, limit=MAX_FILE_BYTES))
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UserError(messages.CALENDAR_FILE_UNREADABLE.format(name=path.name, reason=exc.strerror or exc)) from None
    year = parse_calendar(data, path.name)
    values = {"year": year.year, "days": json.dumps(year.days, ensure_ascii=False), "source": path.name[:200],
              "sha256": year.sha256, "loaded_by": store.actor}
    with store.atomic():
        existing = store.row("SELECT id FROM holiday_calendars WHERE year = ?", (year.year,))
        if existing:
            records.update(store, "holiday_calendars", existing["id"], values, action="load-calendar")
        else:
            records.insert(store, "holiday_calendars", values)
    return year


def loaded_message(year: YearCalendar, name: str) -> str:
    return messages.CALENDAR_LOADED.format(year=year.year, holidays=year.holidays, workdays=year.workdays, name=name)


def loaded_years(store: Store) -> list[dict]:
    """The years loaded from files: year, source, loaded_by, updated_at."""
    return store.rows("SELECT year, source, loaded_by, updated_at FROM holiday_calendars ORDER BY year")
