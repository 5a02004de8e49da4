"""The program's one clock: the day and time every rule, record and printout goes by.

Nothing in the program asks the system for the date itself; it asks here.  Tests
set the clock (:func:`set`), and so can a demonstration or a training session on
an old copy: ``VILLAGEDESK_CLOCK=2026-07-20T08:00`` starts the clock at that
moment for the process and the programs it starts.  A set clock runs on from the
moment it was set, so records written one after another keep their order.

It sits beside ``errors`` and ``paths`` rather than in ``core`` because the store,
below core, names its backups by it too (docs/ARCHITECTURE.md "The one clock").
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

ENV = "VILLAGEDESK_CLOCK"

# (the moment the clock was set to, time.monotonic() then); None: the system's clock.
_set: tuple[datetime, float] | None = None


def _from_env() -> tuple[datetime, float] | None:
    text = os.environ.get(ENV, "").strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text), time.monotonic()
    except ValueError:
        return None  # a mistyped setting must not stop the program; the system's clock then


def now() -> datetime:
    """This moment (naive local time, to the microsecond)."""
    if _set is None:
        return datetime.now()
    moment, at = _set
    return moment + timedelta(seconds=time.monotonic() - at)


def today() -> date:
    return now().date()


def timestamp() -> str:
    """This moment as records store it: ISO 8601 to the second."""
    return now().isoformat(timespec="seconds")


def set(moment: date | datetime | None) -> None:  # noqa: A001 - the clock's own verb
    """Set the clock to ``moment`` (a day starts at 08:00) and let it run on; None: the system's clock."""
    global _set
    if moment is None:
        _set = None
        os.environ.pop(ENV, None)
        return
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day, 8)
    _set = (moment, time.monotonic())
    # Programs this one starts (the command line in tests, the bundle's smoke run) read the same clock.
    os.environ[ENV] = moment.isoformat(timespec="seconds")



@contextmanager
def fixed(moment: date | datetime) -> Iterator[None]:
    """The clock set to ``moment`` for a ``with`` block, then back to what it was."""
    global _set
    before, env = _set, os.environ.get(ENV)
    set(moment)
    try:
        yield
    finally:
        _set = before
        if env is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = env


_set = _from_env()
