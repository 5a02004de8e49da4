"""The township's summary: one line per village, from its last package and the figures that came with it.

What the villages page shows, the summary sheet of the township workbook and
the printed summary all read these lines, so the three always agree.  Figures
are the village's own, as of the day its package was made (``as_of``); for a
chosen period the points participation and the requests raised in it come from
the figures the village sent for that period (None when it sent none).

Each line names the period its figures cover, so no count stands beside a
heading it does not belong to: ``points_period`` for the points participation,
``requests_period`` for the requests (all of them, 累计, until a period is
chosen), and ``as_of`` for the rest (households, committee, disclosure calendar).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date

from villagedesk.core.committee import roster as committee
from villagedesk.core.common import periods
from villagedesk.core.township import figures as township_figures
from villagedesk.core.township import merge as township
from villagedesk.core.township import messages
from villagedesk.store import Store

# A village whose last package is older than this many days stands out.
STALE_DAYS = 30
# The heads' usual short names, so three vacancies fit a column (core says 村民委员会主任).
SHORT_HEADS = {f"{committee.PARTY}书记": "党组织书记", f"{committee.VILLAGE}主任": "村委会主任",
               f"{committee.SUPERVISION}主任": "监委会主任"}
_FIGURES = ("households", "persons", "committee_members", "both_heads", "points_period", "participation",
            "requests_open", "requests_overdue", "requests_closed_share", "requests_total", "notices_posted",
            "notices_overdue", "notices_due", "as_of")
# The counts a total adds up (totals()).
SUMMED = ("households", "persons", "committee_members", "both_heads", "requests_total", "requests_open",
          "requests_overdue", "notices_posted", "notices_overdue", "notices_due")
_PERIOD_FIGURES = ("participation", "requests_open", "requests_overdue", "requests_closed_share", "requests_total")


def all_time(as_of: str | None) -> str:
    """What the requests figures of a village's current figures cover: every request it has, to ``as_of``."""
    return messages.REQUESTS_ALL_TIME.format(as_of=as_of) if as_of else messages.REQUESTS_ALL


def summary_rows(store: Store, today: date, period: periods.Period | None = None) -> list[dict]:
    """One line per village, by name: its last package, its age in days, and its figures.

    With ``period``, the points and requests figures are those of that period
    (``points_period`` and ``requests_period`` name it); without, the points
    participation of the village's current scheme period and all its requests.
    """
    return [summary_line(village, json.loads(village["figures"] or "{}"), today, period)
            for village in township.villages(store)]


def summary_line(village: Mapping, figures: dict, today: date, period: periods.Period | None = None) -> dict:
    """The summary line of one village: ``village`` its record where it is held (code, name, last_sequence,
    last_created_at: the township's tw_villages or the county's county.villages), ``figures`` the figures its
    newest package carried (core.township.figures.village_figures; empty when none came)."""
    created = str(village["last_created_at"] or "")[:10]  # text in SQLite, a datetime from PostgreSQL
    age = (today - date.fromisoformat(created)).days if created else None
    vacant = figures.get("vacant_heads")
    row = {
        "code": village["code"], "name": village["name"], "last_sequence": village["last_sequence"],
        "last_created": created, "age": age, "stale": age is not None and age > STALE_DAYS,
        **{key: figures.get(key) for key in _FIGURES},
        "vacant_heads": vacant or [],
        # None: no figures yet (an older township took the package before figures travelled).
        "committee": None if vacant is None else "、".join(SHORT_HEADS.get(v, v) for v in vacant),
        "requests_period": all_time(figures.get("as_of")),
    }
    if period is not None:
        chosen = (figures.get("periods") or {}).get(period.code) or {}
        row.update({key: chosen.get(key) for key in _PERIOD_FIGURES}, points_period=period.label,
                   requests_period=period.label)
    return row


def totals(lines: Sequence[dict]) -> dict:
    """The figures of ``lines`` taken together (a township's villages, a county's): the counts summed,
    ``villages``, ``vacant_villages`` (villages with a head's post vacant) and the two shares averaged.

    The shares are weighted, not a plain mean of the villages' shares: participation is a share of
    households, so a village of 600 households weighs 20 times one of 30 (weighted by ``households``),
    and the closed share a share of requests (weighted by ``requests_total``).  The result is then the
    share of all the households (requests) together, as if they were one village.  Villages that sent
    no share for the period count in neither part (the share is None when none did).
    """
    found = {key: sum(line[key] or 0 for line in lines) for key in SUMMED}
    return {**found, "villages": len(lines), "vacant_villages": sum(1 for line in lines if line["committee"]),
            "participation": _weighted(lines, "participation", "households"),
            "requests_closed_share": _weighted(lines, "requests_closed_share", "requests_total")}


def _weighted(lines: Sequence[dict], share: str, weight: str) -> float | None:
    counted = [line for line in lines if line[share] is not None and line[weight]]
    if not counted:
        return None
    return round(sum(line[share] * line[weight] for line in counted) / sum(line[weight] for line in counted), 3)


def summary_periods(today: date) -> list[periods.Period]:
    """The periods a summary is printed for, newest first: this quarter back to last year's first, then the years.

    Villages send the figures of these (township_figures.sent_periods) whatever
    their own scheme.
    """
    return [*reversed(township_figures.recent_periods(today, "quarter")[:-2]),
            periods.parse(str(today.year)), periods.parse(str(today.year - 1))]


__all__ = ["SHORT_HEADS", "STALE_DAYS", "SUMMED", "all_time", "summary_line", "summary_periods", "summary_rows", "totals"]
