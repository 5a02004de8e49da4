"""The guided first hour: the four steps a new village takes, each ticked off from the data.

A step is done when the database shows it done, not when a button was pressed: a
roster imported from the command line, or points entered by someone else, count too.
"""

from __future__ import annotations

from dataclasses import dataclass

from villagedesk.core.common.village import get_profile
from villagedesk.store import Store

#: The steps in their order (the window names them and opens what each needs).
STEPS = ("profile", "roster", "points", "notice")


@dataclass(frozen=True)
class Progress:
    done: dict[str, bool]

    @property
    def finished(self) -> bool:
        return all(self.done.values())

    @property
    def next_step(self) -> str | None:
        return next((step for step in STEPS if not self.done[step]), None)


def _any(store: Store, table: str) -> bool:
    # The first row of the primary key: no count over a large register.
    return store.scalar(f"SELECT EXISTS (SELECT 1 FROM [{table}])") == 1


def progress(store: Store) -> Progress:
    """Which of the first steps the village has taken: profile, roster (a household), points (an
    entry, approved or not), notice (a notice, draft or not)."""
    return Progress({
        "profile": get_profile(store) is not None,
        "roster": _any(store, "households"),
        "points": _any(store, "point_entries"),
        "notice": _any(store, "notices"),
    })
