"""Backup figures on the large demo village (issue 9: a backup of the large demo in < 5 s).

    python benchmarks/bench_backup.py --db LARGE_DEMO.sqlite3 [--runs 5] [--work FOLDER]

The large demo is copied first (never opened in place).  Figures, each the median of the runs:
a backup through the program (online backup API, quick_check of the copy, fsync, rename), and
the same backup taken by a second connection while the window's connection keeps writing points
entries (what `villagedesk backup` does while the window is open); the copy is then checked
whole: integrity_check ok and the points chain intact.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.measure import report, timed  # noqa: E402
from villagedesk import clock  # noqa: E402
from villagedesk.core.points import ledger  # noqa: E402
from villagedesk.store import open_store  # noqa: E402

TARGET = "< 5 s"


def _copy_large(source: Path, folder: Path) -> Path:
    db = folder / "large.sqlite3"
    shutil.copyfile(source, db)
    # The first open migrates an older demo and takes its own backups: not timed.
    open_store(db, backup_on_open=False).close()
    for old in (folder / "backups").glob("*"):
        old.unlink()
    return db


def plain_backups(db: Path, folder: Path, runs: int) -> list[float]:
    seconds = []
    with open_store(db, backup_on_open=False) as store:
        for n in range(runs):
            dest = folder / f"copy-{n}.sqlite3"
            seconds.append(timed(lambda: store.backup(dest)))  # noqa: B023 - called at once
            dest.unlink()
    return seconds


def backups_while_writing(db: Path, folder: Path, runs: int) -> tuple[list[float], int]:
    """A reader's backups while the window's connection records an entry after another."""
    stop = threading.Event()
    written = [0]

    def write() -> None:
        with open_store(db, backup_on_open=False) as window:
            household = window.scalar("SELECT min(id) FROM households WHERE archived = 0")
            rule = window.scalar("SELECT id FROM point_rules WHERE cap_per_period IS NULL AND valid_to IS NULL "
                                 "ORDER BY id LIMIT 1")
            while not stop.is_set():
                ledger.record_entry(window, household_id=household, rule_id=rule, day=clock.today(), note="备份时写入")
                written[0] += 1

    writer = threading.Thread(target=write)
    writer.start()
    seconds = []
    try:
        with open_store(db, write=False) as reader:
            for n in range(runs):
                dest = folder / f"busy-{n}.sqlite3"
                seconds.append(timed(lambda: reader.backup(dest)))  # noqa: B023 - called at once
                if n == runs - 1:
                    with open_store(dest, write=False) as copy:
                        assert copy.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                        assert ledger.chain_problems(copy) == []
                dest.unlink()
    finally:
        stop.set()
        writer.join()
    return seconds, written[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the large demo (copied, never opened in place)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", help="folder for the copy (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.work) as scratch:
        folder = Path(scratch)
        db = _copy_large(Path(args.db), folder)
        size = db.stat().st_size / 1_048_576
        print(f"large demo copy: {size:.0f} MB", flush=True)
        report("backup of the large demo", plain_backups(db, folder, args.runs), TARGET, unit="s")
        seconds, written = backups_while_writing(db, folder, args.runs)
        report("backup while the window writes", seconds, TARGET, unit="s")
        print(f"entries committed by the window during those backups: {written}; last copy checked whole")


if __name__ == "__main__":
    main()
