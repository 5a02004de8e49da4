"""`villagedesk check` on the large demo village (issue 16: the chain part under 3 s, the whole check
at most 1.3× SQLite's own PRAGMA integrity_check on the same file, both measured in one run).

    python benchmarks/bench_check.py --db LARGE_DEMO.sqlite3 [--runs 3]

The large demo (villagedesk demo --size large: about a million points entries) is only read.
Figures, each the median of the runs, the three measured in turn within each run so that a busy
machine weighs on all of them alike:
- PRAGMA integrity_check alone, on a connection opened as `check` opens it;
- the chain part alone: every approved entry's hash recomputed and the ledger compared with every
  package sent and board posted (ledger.chain_problems), in wall time and in CPU time summed over
  its readers (the process's, every thread counted): on a machine other work shares, the wall
  time says as much about the others as about the walk, the CPU time what the walk costs;
- the whole `villagedesk check` as the command runs it (opening the file, SQLite's checks, the chain);
- the ratio of the whole to integrity_check alone.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.measure import report, timed  # noqa: E402
from villagedesk.cli import main  # noqa: E402
from villagedesk.core.points import ledger  # noqa: E402
from villagedesk.store import open_store  # noqa: E402


def integrity_alone(db: Path) -> float:
    with open_store(db, write=False) as store:
        found: list = []
        seconds = timed(lambda: found.extend(store.conn.execute("PRAGMA integrity_check").fetchall()))
    if found != [("ok",)]:
        raise SystemExit(f"integrity_check: {found[:3]}")
    return seconds


def chain_alone(db: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (every reader thread's) of the chain part."""
    with open_store(db, write=False) as store:
        found: list = []
        cpu = time.process_time()
        seconds = timed(lambda: found.extend(ledger.chain_problems(store)))
        cpu = time.process_time() - cpu
    if found:
        raise SystemExit(f"chain: {found[:3]}")
    return seconds, cpu


def whole_check(db: Path) -> float:
    out = io.StringIO()
    code: list[int] = []
    with contextlib.redirect_stdout(out):
        seconds = timed(lambda: code.append(main(["check", "--db", str(db)])))
    if code != [0]:
        raise SystemExit(f"check: {out.getvalue()[:300]}")
    return seconds


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="the large demo (villagedesk demo --size large); only read")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    db = Path(args.db)
    with open_store(db, write=False) as store:
        entries = store.scalar("SELECT count(*) FROM point_entries WHERE seq IS NOT NULL")
        sent = store.scalar("SELECT count(*) FROM packages WHERE chain_count IS NOT NULL")
        posted = store.scalar("SELECT count(*) FROM point_periods WHERE chain_count IS NOT NULL")
    print(f"{db}: {db.stat().st_size / 1e6:.0f} MB, {entries:,} approved entries, "
          f"{sent} packages and {posted} boards with a chain position", flush=True)
    integrity: list[float] = []
    chain: list[float] = []
    chain_cpu: list[float] = []
    whole: list[float] = []
    whole_check(db)  # warm the page cache once, as every run after it finds it
    for _ in range(args.runs):
        integrity.append(integrity_alone(db))
        seconds, cpu = chain_alone(db)
        chain.append(seconds)
        chain_cpu.append(cpu)
        whole.append(whole_check(db))
    base = report("PRAGMA integrity_check alone", integrity, "(the yardstick)", unit="s")
    report("chain part alone (ledger.chain_problems)", chain, "< 3 s", unit="s")
    report("chain part alone, CPU of all its readers", chain_cpu, "(what the walk costs)", unit="s")
    total = report("whole villagedesk check", whole, "<= 1.3x integrity_check", unit="s")
    ratios = ", ".join(f"{w / i:.2f}" for w, i in zip(whole, integrity))
    print(f"{'whole / integrity_check':<46} median {total / base:>8.2f} x  [{ratios}]  target <= 1.30", flush=True)


if __name__ == "__main__":
    main_bench()
