"""The numbers behind the home page's three charts (and the monthly report, which prints them).

Points by 村民小组 and households by star rating are read off one
:func:`~villagedesk.core.points.ranking.ranking` of the period, so the charts
count points exactly as the ranking board does.  Requests opened and closed
are counted per month straight from the ledger.  No Qt here: the window draws
these, the report prints them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from villagedesk.core.common import periods
from villagedesk.core.home import messages
from villagedesk.core.points import ranking
from villagedesk.core.points.rules import Scheme, get_scheme
from villagedesk.errors import UserError
from villagedesk.store import Store

UNGROUPED = "（未分组）"  # as ranking.groups names households in no group
STAR_LABELS = ("无星", "一星", "二星", "三星", "四星", "五星")
MONTHS = 12  # the requests chart spans the year ending with the chosen month
NO_DATA = messages.NO_DATA  # what a chart of nothing but zeros says (the report prints it too)


@dataclass(frozen=True)
class GroupBar:
    group: str  # the households' group_name ('' for those in no group)
    label: str  # as shown: the name, or （未分组）
    points: int  # points counted for the period, summed over the group's households
    households: int


@dataclass(frozen=True)
class StarCounts:
    period: periods.Period
    graded: bool  # False: the period is not one scheme period, so nobody has stars in it
    counts: tuple[int, ...]  # households with 0 … 5 stars; empty when not graded

    @property
    def labels(self) -> tuple[str, ...]:
        return STAR_LABELS

    @property
    def why_not(self) -> str:
        """What the chart says instead of drawing zeros."""
        if self.graded:
            return ""
        return messages.NOT_A_FULL_PERIOD.format(label=self.period.label)


@dataclass(frozen=True)
class MonthCounts:
    month: str  # 2026-07: the code the requests page filters by
    label: str  # 7月
    opened: int  # raised in the month
    closed: int  # closed (办结) in the month and still closed


@dataclass(frozen=True)
class PeriodCharts:
    period: periods.Period
    groups: list[GroupBar]
    stars: StarCounts


def current_period(store: Store, day: date) -> periods.Period:
    """The scheme period ``day`` falls in: the one the home page charts."""
    return periods.of(day, get_scheme(store).period_kind)


def month(code: str) -> periods.Period:
    """A month written 2026-11; anything else (a quarter, a year, nonsense) is a UserError."""
    period = periods.parse(code)
    if period.kind != "month":
        raise UserError(messages.NOT_A_MONTH.format(code=code, year=period.start.year))
    return period


def points_by_group(standings: list[ranking.Standing]) -> list[GroupBar]:
    """Counted points summed by 村民小组, the groups in the register's order (first household entered)."""
    totals: dict[str, list[int]] = {}  # group → [points, households, first household id]
    for standing in standings:
        found = totals.setdefault(standing.group_name, [0, 0, standing.household_id])
        found[0] += standing.points
        found[1] += 1
        found[2] = min(found[2], standing.household_id)
    ordered = sorted(totals.items(), key=lambda item: (item[0] == "", item[1][2]))
    return [GroupBar(name, name or UNGROUPED, points, households) for name, (points, households, _) in ordered]


def star_counts(scheme: Scheme, period: periods.Period, standings: list[ranking.Standing]) -> StarCounts:
    if not ranking.graded(scheme, period):
        return StarCounts(period, False, ())
    counts = [0] * len(STAR_LABELS)
    for standing in standings:
        counts[standing.stars or 0] += 1
    return StarCounts(period, True, tuple(counts))


def for_period(store: Store, code: str) -> PeriodCharts:
    """The points and stars charts of a period (2026-Q3 …), from one ranking."""
    period = periods.parse(code)
    standings = ranking.ranking(store, period.code)
    return PeriodCharts(period, points_by_group(standings), star_counts(get_scheme(store), period, standings))


def months_ending(last: periods.Period, count: int = MONTHS) -> list[periods.Period]:
    """``count`` months, oldest first, the last of them ``last``."""
    index = last.start.year * 12 + last.start.month - 1
    return [periods.parse(f"{n // 12}-{n % 12 + 1:02d}") for n in range(index - count + 1, index + 1)]


def requests_by_month(store: Store, last_month: str, count: int = MONTHS) -> list[MonthCounts]:
    """Requests opened and closed in each of the ``count`` months ending with ``last_month`` (2026-11)."""
    spanned = months_ending(month(last_month), count)
    first, last = spanned[0].start.isoformat(), spanned[-1].end.isoformat()
    # closed_on is cleared when a request is reopened: a month counts what stayed closed.
    found = {row["month"]: row for row in store.rows("""
        SELECT month, sum(opened) AS opened, sum(closed) AS closed FROM (
            SELECT substr(raised_on, 1, 7) AS month, 1 AS opened, 0 AS closed FROM requests
            WHERE raised_on BETWEEN :first AND :last
            UNION ALL
            SELECT substr(closed_on, 1, 7), 0, 1 FROM requests WHERE closed_on BETWEEN :first AND :last)
        GROUP BY month""", {"first": first, "last": last})}
    return [MonthCounts(p.code, f"{p.start.month}月", found[p.code]["opened"] if p.code in found else 0,
                        found[p.code]["closed"] if p.code in found else 0) for p in spanned]


__all__ = ["MONTHS", "NO_DATA", "STAR_LABELS", "UNGROUPED", "GroupBar", "MonthCounts", "PeriodCharts", "StarCounts",
           "current_period", "for_period", "month", "months_ending", "points_by_group", "requests_by_month",
           "star_counts"]
