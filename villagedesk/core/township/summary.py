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
    rows = []
    for village in township.villages(store):
        figures = json.loads(village["figures"] or "{}")
        created = (village["last_created_at"] or "")[:10]
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
        rows.append(row)
    return rows


def summary_periods(today: date) -> list[periods.Period]:
    """The periods a summary is printed for, newest first: this quarter back to last year's first, then the years.

    Villages send the figures of these (township_figures.sent_periods) whatever
    their own scheme.
    """
    return [*reversed(township_figures.recent_periods(today, "quarter")[:-2]),
            periods.parse(str(today.year)), periods.parse(str(today.year - 1))]


__all__ = ["SHORT_HEADS", "STALE_DAYS", "all_time", "summary_periods", "summary_rows"]
