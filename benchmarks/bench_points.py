"""Points figures on the large demo village, each the median of several runs.

    python benchmarks/bench_points.py [--runs N] [--db LARGE_DEMO.sqlite3]

Prints one row per figure: median, the runs, the target (issue 4, "Performance").
Without --db the large demo is built (and timed) first; with it, a copy of that
file is used and the build is not timed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from villagedesk import clock  # noqa: E402
from villagedesk.core.common import periods  # noqa: E402
from villagedesk.core.points import ledger, ranking  # noqa: E402
from villagedesk.demo.village import build_demo  # noqa: E402
from villagedesk.store import open_store  # noqa: E402

rows: list[tuple[str, float, list[float], str]] = []


def report(name: str, samples: list[float], target: str, unit: str = "ms") -> None:
    median = statistics.median(samples)
    rows.append((name, median, samples, target))
    places = 2 if unit != "ms" else 1 if max(samples) < 10 else 0  # a statement takes about a millisecond
    shown = ", ".join(f"{s:.{places}f}" for s in samples)
    print(f"{name:<46} median {median:>8.{places}f} {unit:<3} "
          f"[{shown}]  target {target}", flush=True)


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def bench_demo(folder: Path, runs: int) -> Path:
    samples, keep = [], None
    for i in range(runs):
        path = folder / f"demo-{i}.sqlite3"
        with open_store(path) as store:
            samples.append(timed(lambda store=store: build_demo(store, size="large", seed=1)))
        if keep is not None:
            keep.unlink()  # ≈ 0.5 GB each
        keep = path
    report("large demo built (register, committee, points)", samples, "< 60 s", "s")
    return keep


def bench_small_demo(folder: Path, runs: int) -> None:
    samples = []
    for i in range(runs):
        path = folder / f"small-{i}.sqlite3"
        with open_store(path) as store:
            samples.append(timed(lambda store=store: build_demo(store, size="small", seed=1)))
    report("small demo built (300 households, 2 years)", samples, "< 5 s", "s")


def bench_reading(db: Path, runs: int) -> None:
    with open_store(db, write=False) as store:
        entries = store.scalar("SELECT count(*) FROM point_entries")
        print(f"{'(ledger: ' + format(entries, ',') + ' entries)':<46}", flush=True)
        last = store.scalar("SELECT max(entry_date) FROM point_entries")  # the day the demo was built up to
        today = date.fromisoformat(last) if last else clock.today()
        quarter = periods.of(today, "quarter")
        quarters = [quarter]
        while len(quarters) < 5:  # this quarter and the four before it
            quarters.append(periods.of(quarters[-1].start - timedelta(days=1), "quarter"))
        samples = [timed(lambda code=q.code: ranking.ranking(store, code)) * 1000 for q in quarters
                   for _ in range(runs)]
        report("ranking of a quarter (3,000 households)", samples, "< 100 ms")
        year = str(today.year - 1)
        samples = [timed(lambda: ranking.ranking(store, year)) * 1000 for _ in range(runs)]
        report(f"ranking of a year ({year}, four quarters)", samples, "< 100 ms")
        households = [r["id"] for r in store.rows("SELECT id FROM households ORDER BY id")]
        chosen = random.Random(1).sample(households, 20)
        samples = [timed(lambda h=h: ranking.statement(store, h, year)) * 1000 for h in chosen]
        report("a household's statement for a year", samples, "< 50 ms")
        samples = [timed(lambda: ledger.chain_problems(store)) for _ in range(max(1, runs // 3))]
        report("chain verified (villagedesk check, chain part)", samples, "(reference)", "s")


def bench_ledger_view(db: Path, runs: int) -> None:
    """The ledger tab as the clerk opens it: shown, then 'Go to the end', painted."""
    from PySide6.QtWidgets import QApplication

    from villagedesk.ui.kit.application import make_app
    from villagedesk.ui.points.ledger import LedgerTab

    app = make_app([])
    samples = []
    with open_store(db, write=False) as store:
        for _ in range(runs):
            def open_and_jump() -> None:
                tab = LedgerTab(store)
                tab.resize(1200, 700)
                tab.show()
                QApplication.processEvents()
                tab.view.scrollToBottom()
                tab.view.viewport().repaint()
                QApplication.processEvents()
                assert tab.view.rowAt(tab.view.viewport().height() - 2) == tab.model.rowCount() - 1
                tab.close()
                tab.deleteLater()

            samples.append(timed(open_and_jump) * 1000)
            app.processEvents()
    report("ledger view opened and jumped to its last page", samples, "< 200 ms")


def bench_documents(db: Path, folder: Path, runs: int) -> None:
    from villagedesk.documents.excel.points import ENTRIES
    from villagedesk.documents.excel.workbook import export_workbook
    from villagedesk.documents.pdf.ranking import print_ranking

    with open_store(db, write=False) as store:
        last = store.scalar("SELECT max(entry_date) FROM point_entries")
        quarter = periods.of(date.fromisoformat(last), "quarter")
        previous = periods.of(quarter.start - timedelta(days=1), "quarter").code
        samples = [timed(lambda: print_ranking(store, folder / "board.pdf", previous)) for _ in range(runs)]
        report(f"ranking PDF ({previous}, 3,000 households)", samples, "< 5 s", "s")
        samples = [timed(lambda: export_workbook(store, folder / "entries.xlsx", sheets=[ENTRIES]))]
        rows = store.scalar("SELECT count(*) FROM point_entries")
        report(f"Excel 积分明细 ({rows:,} rows, one run)", samples, "(reference; was ≈440 s)", "s")


def bench_approve(db: Path, folder: Path, runs: int) -> None:
    work = folder / "approve.sqlite3"
    shutil.copy(db, work)
    with open_store(work, backup_on_open=False) as store:
        honour = store.scalar("SELECT id FROM point_rules WHERE item = '获村级表彰' AND valid_to IS NULL")
        households = [r["id"] for r in store.rows("SELECT id FROM households WHERE archived = 0 ORDER BY id")][:1000]
        day = clock.today()
        samples = []
        for _ in range(runs):
            pending = ledger.record_batch(store, household_ids=households, rule_id=honour, day=day,
                                          note="基准测试")
            ids = [e["id"] for e in pending]
            samples.append(timed(lambda ids=ids: ledger.approve(store, ids, "审核员", day)))
        assert ledger.chain_head(store)[0] == store.scalar(
            "SELECT count(*) FROM point_entries WHERE status = 'approved'")
    report("approve 1,000 pending entries (chain included)", samples, "< 1 s", "s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", help="an existing large demo (not changed; the build is not timed)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_small_demo(folder, args.runs)
        if args.db:
            db = folder / "given.sqlite3"
            with open_store(args.db, write=False) as source:
                source.backup(db)
        else:
            db = bench_demo(folder, max(3, args.runs // 2))
        bench_reading(db, args.runs)
        bench_ledger_view(db, args.runs)
        bench_documents(db, folder, args.runs)
        bench_approve(db, folder, args.runs)
    print(f"(on {clock.today().isoformat()}, {os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
