"""The figures a township compares villages by, computed from a village's replica (see township.build_replica).

Each figure is the village's own report, run on what the village sent: the
committee checks, the points ranking of the current scheme period, the
requests' outcomes.  They are computed when a package is taken, as of the day
it was taken, and kept with the village.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

from villagedesk.core import committee, records, township
from villagedesk.core.scoring import periods, ranking
from villagedesk.core.scoring.rules import get_scheme
from villagedesk.store import Store


def figures(replica: Store, today: date) -> dict:
    """What the township's villages page shows for one village."""
    serving = committee.serving_posts(replica, today)
    vacant = [f"{body}{committee.HEAD[body]}" for body in committee.BODIES
              if not any(p["body"] == body and p["role"] == committee.HEAD[body] for p in serving)]
    current = periods.of(today, get_scheme(replica).period_kind)
    standings = ranking.ranking(replica, current.code)
    scored = sum(1 for s in standings if s.entries)
    found = {
        "as_of": today.isoformat(),
        "households": replica.scalar("SELECT count(*) FROM households WHERE archived = 0"),
        "persons": replica.scalar("SELECT count(*) FROM persons WHERE archived = 0"),
        "committee_members": len({p["person_id"] for p in serving}),
        "vacant_heads": vacant,
        "both_heads": len(committee.both_heads(serving)),
        "points_period": current.label,
        "participation": round(scored / len(standings), 3) if standings else 0.0,
    }
    found.update(_requests(replica, today))
    found.update(_notices(replica, today))
    return found


def _requests(replica: Store, today: date) -> dict:
    from villagedesk.core import requests  # the meetings area; a township may run before a village has it

    made = requests.outcomes(replica, None, today=today)
    return {"requests_open": made.in_hand + made.handed_over, "requests_overdue": made.overdue,
            "requests_closed_share": round(made.closed_share, 3), "requests_total": made.total}


def _notices(replica: Store, today: date) -> dict:
    """The disclosure calendar as it stands: items posted for their current period, overdue, still due."""
    from villagedesk.core import notices

    states = [s.state for s in notices.calendar(replica, today)]
    return {"notices_posted": states.count("已公开"), "notices_overdue": states.count("已逾期"),
            "notices_due": states.count("待公开")}


def refresh_figures(store: Store, code: str, today: date | None = None) -> dict:
    """Rebuild village ``code``'s figures from its records here and keep them with the village."""
    today = today or records.today()
    with tempfile.TemporaryDirectory(prefix="villagedesk-replica-") as scratch:
        replica = township.build_replica(store, code, Path(scratch) / "village.sqlite3")
        try:
            found = figures(replica, today)
        finally:
            replica.close()
    village = store.row("SELECT id FROM tw_villages WHERE code = ?", (code,))
    records.update(store, "tw_villages", village["id"], {"figures": json.dumps(found, ensure_ascii=False)},
                   action="figures")
    return found


__all__ = ["figures", "refresh_figures"]
