"""USB package and township figures (issue 7, "Performance"), each the median of its runs.

    python benchmarks/bench_sync.py [--villages 50] [--runs N] [--large LARGE_DEMO.sqlite3]

- 50 small-demo villages (one demo copied, each copy given its own name and code,
  each writing its own full package) imported into one township database the way
  ``villagedesk import-package *.zip`` does: total time; then the township summary
  over them.
- An incremental package after 100 changes, on a small demo and (with --large) on a
  copy of the large demo.
- With --large: a full package of the large demo, and, in the same run, openpyxl's
  write-only mode alone writing the same sheets' rows (the reference the package
  must stay within 1.5× of).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import measure  # noqa: E402
from measure import timed  # noqa: E402

from villagedesk import clock  # noqa: E402
from villagedesk.core.common.ids import uscc_check_char  # noqa: E402
from villagedesk.core.common.village import Profile, get_profile, save_profile  # noqa: E402
from villagedesk.core.register import people  # noqa: E402
from villagedesk.core.township import merge as township  # noqa: E402
from villagedesk.core.township.summary import summary_rows  # noqa: E402
from villagedesk.demo.village import build_demo  # noqa: E402
from villagedesk.documents.package.importer import ImportSession, import_order  # noqa: E402
from villagedesk.documents.package.writer import write_package  # noqa: E402
from villagedesk.store import open_store  # noqa: E402

NAMES = "青溪桥 油溪桥 白沙 石门 枫木 桃花 竹山 龙塘 茶园 高坪".split()


def report(name: str, seconds: list[float], target: str, unit: str = "s") -> None:
    measure.report(name, seconds, target, unit, width=58)


def _code(n: int) -> str:
    first17 = f"54431322MF8{n:06d}"
    return first17 + uscc_check_char(first17)


def _village_package(args: tuple[Path, int, Path]) -> Path:
    """Copy the demo as village ``n`` (its own name and code) and write its full package."""
    demo, n, stick = args
    path = demo.with_name(f"village-{n:02d}.sqlite3")
    shutil.copy(demo, path)
    with open_store(path, backup_on_open=False) as store:
        own = get_profile(store)
        save_profile(store, Profile(f"{NAMES[n % 10]}{n // 10 + 1}村", _code(n), own.township, own.county,
                                    own.clerk, own.phone))
        written = write_package(store, stick, full=True)
    path.unlink()
    return written


def bench_villages(folder: Path, count: int) -> None:
    demo = folder / "demo.sqlite3"
    with open_store(demo) as store:
        build_demo(store, size="small", seed=1)
    stick = folder / "stick"
    stick.mkdir()
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        packages = list(pool.map(_village_package, [(demo, n, stick) for n in range(count)]))
    print(f"({count} full packages written in {time.perf_counter() - start:.0f} s, "
          f"{sum(p.stat().st_size for p in packages) / 1e6:.0f} MB)", flush=True)

    target = folder / "township.sqlite3"
    with open_store(target) as store:
        save_profile(store, Profile("天门乡", _code(999), "天门乡", "新化县", "王干事", "07381234567"))
        township.set_township(store, True)
    each = []

    def take_all() -> None:
        with open_store(target) as store:
            session = ImportSession(store)
            for queued in import_order(packages):
                each.append(timed(lambda q=queued: session.take(q.path)))
    total = timed(take_all)
    report(f"import {count} small villages' full packages, in total", [total], "< 60 s")
    report("  one village's package (median of the above)", each, "—")

    with open_store(target, write=False) as store:
        samples = [timed(lambda: summary_rows(store, clock.today())) for _ in range(9)]
        assert len(summary_rows(store, clock.today())) == count
    report(f"township summary over {count} villages", samples, "< 200 ms", "ms")
    print(f"(township file {target.stat().st_size / 1e6:.0f} MB)", flush=True)


def _hundred_changes(store) -> None:
    for house in store.rows("SELECT id FROM households ORDER BY id LIMIT 100"):
        people.update_household(store, house["id"], phone=f"139{house['id']:08d}")


def bench_incremental(source: Path, label: str, folder: Path, runs: int) -> None:
    samples = []
    for i in range(runs):
        path = folder / f"incremental-{i}.sqlite3"
        shutil.copy(source, path)
        stick = folder / f"stick-incremental-{i}"
        stick.mkdir()
        with open_store(path, backup_on_open=False) as store:
            if not store.scalar("SELECT count(*) FROM packages"):
                write_package(store, stick, full=True)
            _hundred_changes(store)
            samples.append(timed(lambda store=store, stick=stick: write_package(store, stick)))
        path.unlink()
        shutil.rmtree(stick)
    report(f"incremental package after 100 changes, {label}", samples, "< 2 s")


def bench_large(large: Path, folder: Path) -> None:
    from openpyxl import Workbook

    from villagedesk.documents.excel.spec import MAX_ROWS
    from villagedesk.documents.excel.workbook import default_sheets

    path = folder / "large.sqlite3"
    shutil.copy(large, path)
    stick = folder / "stick-large"
    stick.mkdir()
    with open_store(path, backup_on_open=False) as store:
        rows = sum(spec.count(store) for spec in default_sheets())
        package = timed(lambda: write_package(store, stick, full=True))

        def reference() -> None:
            wb = Workbook(write_only=True)
            for spec in default_sheets():
                keys, ws, written = [c.key for c in spec.columns], None, 0
                for row in spec.rows(store):
                    if ws is None or written % (MAX_ROWS - 1) == 0:
                        ws = wb.create_sheet(spec.title[:28] + str(written // (MAX_ROWS - 1) or ""))
                        ws.append([c.header for c in spec.columns])
                    ws.append([row[k] for k in keys])
                    written += 1
            wb.save(folder / "reference.xlsx")
        alone = timed(reference)
    report(f"full package of the large demo ({rows:,} sheet rows)", [package], "—")
    report("  openpyxl write-only alone, the same rows", [alone], "—")
    print(f"  ratio package / openpyxl alone: {package / alone:.2f}  (target ≤ 1.5)", flush=True)
    with open_store(path, backup_on_open=False) as store:
        _hundred_changes(store)
        report("incremental package after 100 changes, large demo",
               [timed(lambda: write_package(store, stick))], "< 2 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--large", type=Path, help="a large demo database (copied, never changed)")
    args = parser.parse_args()
    print(f"VillageDesk sync benchmark, {clock.today()}, {os.cpu_count()} CPUs", flush=True)
    with tempfile.TemporaryDirectory(prefix="vd-bench-sync-") as scratch:
        folder = Path(scratch)
        bench_villages(folder, args.villages)
        bench_incremental(folder / "demo.sqlite3", "small demo", folder, args.runs)
        if args.large:
            bench_large(args.large, folder)


if __name__ == "__main__":
    clock.today()  # the clock the figures use, loaded before timing
    main()
