"""Foundation figures on the large demo village, each the median of several runs.

    python benchmarks/bench_foundation.py [--runs N]

Prints one row per figure: median, the runs, the target.  Later areas add their rows.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from villagedesk.demo.village import build_demo  # noqa: E402
from villagedesk.store import open_store  # noqa: E402

rows: list[tuple[str, float, list[float], str]] = []


def report(name: str, samples: list[float], target: str, unit: str = "ms") -> None:
    median = statistics.median(samples)
    rows.append((name, median, samples, target))
    shown = ", ".join(f"{s:.0f}" if unit == "ms" else f"{s:.2f}" for s in samples)
    print(f"{name:<46} median {median:>8.{0 if unit == 'ms' else 2}f} {unit:<3} "
          f"[{shown}]  target {target}", flush=True)


def bench_demo(folder: Path, runs: int) -> Path:
    samples = []
    keep = None
    for i in range(runs):
        path = folder / f"demo-{i}.sqlite3"
        start = time.perf_counter()
        with open_store(path) as store:
            build_demo(store, size="large", seed=1)
        samples.append(time.perf_counter() - start)
        keep = path
    report("large demo built (3,000 households)", samples, "< 30 s", "s")
    return keep


_STARTER = textwrap.dedent("""
    import sys, time
    t0 = float(sys.argv[1])
    from PySide6.QtCore import QTimer
    if sys.argv[2] == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow
        app = QApplication([])
        window = QMainWindow()
        window.show()
    else:
        from pathlib import Path
        from villagedesk.ui.app import make_app, open_window
        app = make_app([])
        window = open_window(Path(sys.argv[2]))
    def shown():
        print(time.time() - t0)
        app.quit()
    QTimer.singleShot(0, shown)  # the first turn of the event loop: painted and usable
    app.exec()
""")


def bench_start(db: Path, runs: int) -> None:
    for label, arg, target in (("bare PySide6 QMainWindow shown", "bare", "(reference)"),
                               ("VillageDesk window usable, large demo", str(db), "< 1000 ms")):
        samples = []
        for _ in range(runs):
            out = subprocess.run([sys.executable, "-c", _STARTER, repr(time.time()), arg],
                                 capture_output=True, text=True, check=True, cwd=ROOT)
            samples.append(float(out.stdout.strip().splitlines()[-1]) * 1000)
        report(label, samples, target)


def bench_search(db: Path, runs: int) -> None:
    from villagedesk.ui.kit.application import make_app
    from villagedesk.ui.main_window import MainWindow

    make_app([])
    with open_store(db, write=False) as store:
        window = MainWindow(store)
        page = window.households
        typed = ["z", "zh", "zha", "w", "wj", "l", "ly", "刘", "刘建", "曾", "曾国", "4313", "43132219",
                 "HH01", "HH012", "138"]
        samples = []
        for _ in range(runs):
            for text in typed:
                start = time.perf_counter()
                page.search.setText(text)
                for model in (page.persons, page.households):
                    for row in range(min(30, model.rowCount())):  # the rows a screen shows
                        model.data(model.index(row, 1))
                samples.append((time.perf_counter() - start) * 1000)
            page.search.clear()
        count = page.persons.rowCount()
        window.close()
    report(f"search as you type over {count:,} persons", samples[:15] if len(samples) < 15 else samples,
           "< 50 ms")


def bench_import(folder: Path, runs: int) -> None:
    import openpyxl

    from villagedesk.core.common import ids
    from villagedesk.documents.imports.households import read_roster

    book = folder / "roster-10k.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    ws.append(["户编号", "姓名", "性别", "身份证号", "与户主关系", "村民小组", "联系电话"])
    serial = 0
    for h in range(1, 2501):
        for relation in ("户主", "配偶", "子", "女"):
            serial += 1
            born = date(1950 + serial % 50, 1 + serial % 12, 1 + serial % 28)
            number = ids.make_id_number("431322", born, serial % 1000)
            ws.append([f"HH{h:04d}", f"村民{serial}", ids.id_gender(number), number, relation,
                       f"第{1 + h % 12}组", f"138{serial:08d}"])
    wb.save(book)
    samples = []
    for i in range(runs):
        with open_store(folder / f"import-{i}.sqlite3") as store:
            start = time.perf_counter()
            plan = read_roster(store, book)
            assert not plan.problems, plan.problems[:3]
            plan.apply(store)
            samples.append(time.perf_counter() - start)
    report("import 10,000-row roster (check + write)", samples, "< 10 s", "s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = bench_demo(folder, max(3, args.runs // 2))
        bench_start(db, args.runs)
        bench_search(db, args.runs)
        bench_import(folder, max(3, args.runs // 2))
    bare = next(r[1] for r in rows if r[0].startswith("bare"))
    ours = next(r[1] for r in rows if r[0].startswith("VillageDesk window"))
    print(f"{'window start / bare QMainWindow':<46} ratio  {ours / bare:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
