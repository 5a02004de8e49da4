"""Crash safety: a writer killed with SIGKILL loses nothing it confirmed and leaves a sound file.

A short run of tools/stress_kill.py (the full run does 200 kills); its checks are shown to
catch a lost record and a damaged file, so a passing run means something.
"""

from __future__ import annotations

import importlib.util
import os
import random
import sys
from collections import Counter
from itertools import islice

import pytest

from tests.helpers import ROOT
from villagedesk.store import open_store
from villagedesk.store.driver import sqlite3

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="SIGKILL is POSIX")

_SCRIPT = ROOT / "tools" / "stress_kill.py"


@pytest.fixture(scope="module")
def stress_kill():
    spec = importlib.util.spec_from_file_location("stress_kill", _SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["stress_kill"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_killed_writers_lose_nothing_confirmed(stress_kill, tmp_path):
    kills, seed, after = 8, 7, 3
    # Each writer is killed at a random moment once it has confirmed `after` operations: what it did is
    # counted, not timed, so a busy machine gives the same kinds of work (the seed fixes their order).
    planned = Counter(kind for n in range(kills) for kind in islice(stress_kill.plan(seed * 100_000 + n), after))
    assert set(planned) == set(stress_kill.OPERATIONS), "the seed must plan every kind of write"
    outcome = stress_kill.stress(tmp_path / "run", kills=kills, seed=seed, max_delay=0.8, log=None, after=after)
    assert outcome.problems == []
    assert (outcome.survived, outcome.tried, outcome.lost) == (kills, kills, [])
    # The writers really worked between the kills: entries, approvals, imports and packages.
    assert all(outcome.operations.get(kind, 0) >= count for kind, count in planned.items()), outcome.operations
    assert outcome.confirmed >= planned["entry"] + planned["import"] + planned["package"]
    db = tmp_path / "run" / "village.sqlite3"
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*) FROM point_entries WHERE seq IS NOT NULL").fetchone()[0] > 0
        assert conn.execute("SELECT count(*) FROM persons WHERE id_number IS NOT NULL").fetchone()[0] > 0
        assert conn.execute("SELECT count(*) FROM packages").fetchone()[0] > 0
    finally:
        conn.close()


@pytest.mark.slow
def test_the_checks_see_a_lost_record_and_a_damaged_file(stress_kill, tmp_path):
    db = stress_kill.prepare(tmp_path / "run")
    # Seed 18 writes an entry, approves it, then writes a package: killed once those three are confirmed.
    assert list(islice(stress_kill.plan(18), 3)) == ["entry", "approve", "package"]
    lines, _ = stress_kill.kill_once(db, seed=18, delay=0.1, after=3)
    confirmed = [words for words in lines if words[0] != "begin"]
    assert [words[0] for words in confirmed[:3]] == ["entry", "approve", "package"]
    assert stress_kill.missing(db, confirmed) == []
    assert stress_kill.file_problems(db) == []

    lost = stress_kill.missing(db, [*confirmed, ["entry", "no-such-uid"], ["import", "431322195001011234"]])
    assert lost == ["entry no-such-uid", "imported person 431322195001011234"]
    package = confirmed[2]
    (db.parent / "usb" / package[2]).write_bytes(b"half a zip")
    assert stress_kill.missing(db, [package]) == [f"package {package[2]}"]

    # An approved entry changed behind the program's back (its guard dropped): `villagedesk check` fails.
    with open_store(db) as store:
        entry = stress_kill._operate(store, "entry", random.Random(1), tmp_path, tmp_path)
        stress_kill._operate(store, "approve", random.Random(1), tmp_path, tmp_path)
    conn = sqlite3.connect(db)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                "AND tbl_name = 'point_entries'").fetchall():
        conn.execute(f"DROP TRIGGER [{name}]")
    conn.execute("UPDATE point_entries SET points = points + 100 WHERE uid = ?", entry)
    conn.commit()
    conn.close()
    assert any("villagedesk check" in p for p in stress_kill.file_problems(db))
    # A damaged page: integrity_check fails.
    with open(db, "r+b") as fh:
        fh.seek(4096 * 3)
        fh.write(b"\xff" * 4096)
    assert stress_kill.file_problems(db)
