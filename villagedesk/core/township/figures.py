"""The figures a township compares villages by: each village's own reports, run on its records.

The village computes them when it writes a package, from its own database, and
they travel in the package (``figures.json``): the committee checks, the points
ranking, the requests' outcomes and the disclosure calendar, as of the day the
package was made, with the points participation and requests of each recent
period for the township's summary of a chosen period.  A package that carries
no figures (an older village program) has them computed at the township from
its records (see :func:`refresh_figures`).
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

from villagedesk import clock
from villagedesk.core import notices
from villagedesk.core.committee import roster as committee
from villagedesk.core.common import periods, records
from villagedesk.core.points import ranking
from villagedesk.core.points.rules import get_scheme
from villagedesk.core.requests import ledger as requests
from villagedesk.core.township import merge as township
from villagedesk.store import Store

# What village_figures() reads (build_replica adds the tables these point at); a test holds it to the full copy.
FIGURE_TABLES = ("households", "persons", "terms", "posts", "point_scheme", "point_entries", "requests",
                 "disclosure_items", "notices")


def village_figures(store: Store, today: date) -> dict:
    """What the township's villages page and summary show for one village, as of ``today``."""
    serving = committee.serving_posts(store, today)
    vacant = [f"{body}{committee.HEAD[body]}" for body in committee.BODIES
              if not any(p["body"] == body and p["role"] == committee.HEAD[body] for p in serving)]
    kind = get_scheme(store).period_kind
    current = periods.of(today, kind)
    found = {
        "as_of": today.isoformat(),
        "households": store.scalar("SELECT count(*) FROM households WHERE archived = 0"),
        "persons": store.scalar("SELECT count(*) FROM persons WHERE archived = 0"),
        "committee_members": len({p["person_id"] for p in serving}),
        "vacant_heads": vacant,
        "both_heads": len(committee.both_heads(serving)),
        "points_period": current.label,
        "participation": _participation(store, current),
    }
    found.update(_requests(store, None, today))
    found.update(_notices(store, today))
    found["periods"] = {p.code: {"label": p.label, "participation": _participation(store, p),
                                 **_requests(store, p, today)} for p in sent_periods(today, kind)}
    return found


def recent_periods(today: date, kind: str) -> list[periods.Period]:
    """The scheme periods from the start of last year to today's, and those two years: what a summary may ask for."""
    years = [periods.parse(str(today.year - 1)), periods.parse(str(today.year))]
    parts = [p for year in years for p in periods.split(year, kind) if p.start <= today]
    return parts + ([] if kind == "year" else years)


def sent_periods(today: date, kind: str) -> list[periods.Period]:
    """The periods a village sends figures for: its own scheme's (``kind``) and the quarters and years the
    township's summary is printed for (summary.summary_periods), whatever the village's scheme: a village
    scoring by month still shows in a quarter's summary."""
    found = {p.code: p for p in [*recent_periods(today, kind), *recent_periods(today, "quarter")]}
    return list(found.values())


def _participation(store: Store, period: periods.Period) -> float:
    """The share of households with at least one points entry counted in ``period``."""
    standings = ranking.ranking(store, period.code)
    return round(sum(1 for s in standings if s.entries) / len(standings), 3) if standings else 0.0


def _requests(store: Store, period: periods.Period | None, today: date) -> dict:
    made = requests.outcomes(store, period, today=today)
    return {"requests_open": made.in_hand + made.handed_over, "requests_overdue": made.overdue,
            "requests_closed_share": round(made.closed_share, 3), "requests_total": made.total}


def _notices(store: Store, today: date) -> dict:
    """The disclosure calendar as it stands: items posted for their current period, overdue, still due."""
    states = [s.state for s in notices.calendar(store, today)]
    return {"notices_posted": states.count("已公开"), "notices_overdue": states.count("已逾期"),
            "notices_due": states.count("待公开")}


def keep_figures(store: Store, code: str, found: dict) -> None:
    """Keep ``found`` with village ``code`` (what its package carried, or what refresh_figures computed)."""
    village_id = store.scalar("SELECT id FROM tw_villages WHERE code = ?", (code,))
    records.update(store, "tw_villages", village_id, {"figures": json.dumps(found, ensure_ascii=False)},
                   action="figures")


def refresh_figures(store: Store, code: str, today: date | None = None) -> dict:
    """Compute village ``code``'s figures from its records here and keep them with the village."""
    found = computed_figures(store, code, today)
    keep_figures(store, code, found)
    return found


def computed_figures(source: Store | township.RowsSource, code: str, today: date | None = None) -> dict:
    """Village ``code``'s figures computed from the records ``source`` holds of it (a township's file, or
    the county's rows): what a package that carried none (an older village program) is shown by."""
    today = today or clock.today()
    with tempfile.TemporaryDirectory(prefix="villagedesk-replica-") as scratch:
        replica = township.build_replica(source, code, Path(scratch) / "village.sqlite3", FIGURE_TABLES)
        try:
            return village_figures(replica, today)
        finally:
            replica.close()


__all__ = ["FIGURE_TABLES", "computed_figures", "keep_figures", "recent_periods", "refresh_figures", "sent_periods", "village_figures"]
