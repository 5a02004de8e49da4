"""Home page figures on a village database, each the median of several runs.

    python benchmarks/bench_home.py --db COPY_OF_LARGE_DEMO.sqlite3 [--runs N]

Give it a copy of the large demo: the window opens it as the program does (without
the backup on open), which may write to it.  Prints one row per figure: median,
the runs, the target (issue 8, "Performance").  "window shown → home page fully
shown" is the time from ``show()`` until the events it queued (the home page's
refresh on showing, its charts, the first paint) are processed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from measure import report, timed  # noqa: E402

from villagedesk import clock  # noqa: E402
from villagedesk.core.home import attention  # noqa: E402
from villagedesk.store import open_store  # noqa: E402


def bench_core(store, runs: int) -> None:
    today = clock.today()
    found = attention.items(store, today)
    print(f"({len(found):,} lines need attention on {today})", flush=True)
    report("attention.items", [timed(lambda: attention.items(store, today)) for _ in range(runs)], "(part of 300 ms)")
    report("attention.glance", [timed(lambda: attention.glance(store, today)) for _ in range(runs)],
           "(part of 300 ms)")


def bench_window(store, runs: int) -> None:
    from villagedesk.ui.kit.application import make_app
    from villagedesk.ui.main_window import MainWindow

    app = make_app([])
    built, shown, refreshed = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        window = MainWindow(store)
        window.resize(1280, 800)
        built.append(time.perf_counter() - start)

        def show(window=window) -> None:
            window.show()
            app.processEvents()
            app.processEvents()  # what the first round posted (layouts, the chart scenes)

        shown.append(timed(show))
        assert window.pages.currentWidget() is window.home and window.home.attention.count() > 0
        refreshed.append(timed(window.home.refresh))
        window.close()
        window.deleteLater()
        app.processEvents()
    report("window built (every page, before it appears)", built, "(reference)")
    report("window shown → home page fully shown", shown, "< 300 ms")
    report("home page refresh alone", refreshed, "(reference)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", required=True, help="a copy of the large demo")
    args = parser.parse_args()
    with open_store(Path(args.db), backup_on_open=False) as store:
        households = store.scalar("SELECT count(*) FROM households")
        entries = store.scalar("SELECT count(*) FROM point_entries")
        print(f"({households:,} households, {entries:,} point entries)", flush=True)
        bench_core(store, args.runs)
        bench_window(store, args.runs)
    print(f"(on {clock.today().isoformat()}, {os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
