"""The program's one clock: settable, running on, shared with the programs it starts, the only one asked.

Every rule that depends on the day (terms in office, posting periods, overdue requests) goes
through villagedesk.clock, so a test sets the day and never depends on when it runs
(docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.helpers import ROOT
from villagedesk import clock

# What asks the system for this moment instead of the program's clock.
_NOW_CALLS = {
    ("date", "today"), ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"),
    ("time", "time"), ("time", "time_ns"), ("QDate", "currentDate"), ("QDateTime", "currentDateTime"),
    ("QDateTime", "currentDateTimeUtc"), ("QDateTime", "currentMSecsSinceEpoch"),
    ("QDateTime", "currentSecsSinceEpoch"), ("QTime", "currentTime"),
}
# These read the system clock only when called without an argument.
_NOW_WITHOUT_ARGUMENT = {("time", "localtime"), ("time", "gmtime"), ("time", "ctime"), ("time", "asctime")}


_NAMES = "|".join(sorted({name for _, name in _NOW_CALLS | _NOW_WITHOUT_ARGUMENT}))
_OWNERS = "|".join(sorted({owner for owner, _ in _NOW_CALLS | _NOW_WITHOUT_ARGUMENT}))
_CALLED = re.compile(rf"\b(?:{_OWNERS})\s*\.\s*(?:{_NAMES})\s*\(")


def _system_clock_calls(source: str) -> list[str]:
    """``line: call`` for every call in ``source`` that reads the system's date or time of day."""
    if not _CALLED.search(source):
        return []  # parsing is what takes the time; most files call none of these names
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner = node.func.value
        # `date.today()` and `datetime.date.today()` alike: the last name before the call.
        owner_name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else None
        call = (owner_name, node.func.attr)
        if call in _NOW_CALLS or (call in _NOW_WITHOUT_ARGUMENT and not node.args):
            found.append(f"{node.lineno}: {owner_name}.{node.func.attr}()")
    return found


def _python_files(folder: Path, *, but: set[Path]) -> list[Path]:
    return [path for path in sorted(folder.rglob("*.py")) if path.resolve() not in but]


# --- the clock itself ---------------------------------------------------------------------------

def test_a_set_clock_starts_at_the_moment_and_runs_on():
    moment = datetime(2031, 2, 28, 12, 30)
    clock.set(moment)
    first = clock.now()
    time.sleep(0.01)
    second = clock.now()
    assert moment <= first < second, "the clock runs on from the moment it was set"
    # However slow the machine, it runs at the pace of the real clock, not a day a second.
    assert second - moment < timedelta(hours=1)
    assert clock.today() == date(2031, 2, 28) and clock.timestamp().startswith("2031-02-28T12:")
    assert os.environ[clock.ENV] == "2031-02-28T12:30:00"


def test_a_day_starts_at_eight_and_none_gives_the_system_clock_back():
    clock.set(date(2030, 1, 7))
    assert clock.today() == date(2030, 1, 7)
    assert clock.now().replace(microsecond=0) >= datetime(2030, 1, 7, 8)
    clock.set(None)
    assert clock.ENV not in os.environ
    assert abs(clock.now() - datetime.now()) < timedelta(minutes=1)


def test_fixed_sets_the_clock_for_a_block_then_gives_back_the_one_before():
    clock.set(date(2026, 7, 20))
    with clock.fixed(date(2027, 3, 1)):
        assert clock.today() == date(2027, 3, 1)
        assert os.environ[clock.ENV] == "2027-03-01T08:00:00"
    assert clock.today() == date(2026, 7, 20)
    assert os.environ[clock.ENV] == "2026-07-20T08:00:00"


def test_every_test_runs_on_the_same_day_whatever_the_real_date():
    from tests.conftest import TEST_DAY

    assert clock.today() == TEST_DAY.date()
    assert os.environ[clock.ENV] == TEST_DAY.isoformat(timespec="seconds")


# --- the programs it starts ---------------------------------------------------------------------

_SHOW_CLOCK = "from villagedesk import clock; print(clock.today().isoformat(), clock.now().hour)"


def _child_clock(env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-c", _SHOW_CLOCK], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_program_started_by_this_one_reads_the_same_clock():
    clock.set(date(2031, 2, 28))
    assert _child_clock(dict(os.environ)) == "2031-02-28 8"


@pytest.mark.parametrize("setting", ["", "not a date"])
def test_without_a_valid_setting_a_program_goes_by_the_system_clock(setting):
    env = {**os.environ, clock.ENV: setting}
    before = datetime.now().date()
    shown = _child_clock(env).split()[0]
    assert before.isoformat() <= shown <= datetime.now().date().isoformat()


# --- nothing else asks the system -----------------------------------------------------------------

def test_the_finder_sees_each_way_of_asking_the_system():
    source = ("import datetime, time\nfrom datetime import date\n"
              "a = date.today()\nb = datetime.datetime.now()\nc = time.time()\nd = time.localtime()\n"
              "e = QDate.currentDate()\nf = time.localtime(0)\ng = clock.today()\nh = time.monotonic()\n")
    assert _system_clock_calls(source) == [
        "3: date.today()", "4: datetime.now()", "5: time.time()", "6: time.localtime()", "7: QDate.currentDate()"]


def test_only_the_clock_module_asks_the_system_for_the_date():
    package = ROOT / "villagedesk"
    found = {str(path.relative_to(ROOT)): calls
             for path in _python_files(package, but={(package / "clock.py").resolve()})
             if (calls := _system_clock_calls(path.read_text(encoding="utf-8")))}
    assert found == {}, "use villagedesk.clock (now, today, timestamp) instead"


def test_no_test_asks_the_system_for_the_date():
    tests = ROOT / "tests"
    found = {str(path.relative_to(ROOT)): calls
             for path in _python_files(tests, but={Path(__file__).resolve()})
             if (calls := _system_clock_calls(path.read_text(encoding="utf-8")))}
    assert found == {}, "set the program's clock (clock.set, clock.fixed) instead"
