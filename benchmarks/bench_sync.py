"""USB package and township figures (issues 7 and 16, "Performance"), each the median of its runs.

    python benchmarks/bench_sync.py [--villages 50] [--runs N] [--large LARGE_DEMO.sqlite3]

- 50 small-demo villages (one demo copied, each copy given its own name and code,
  joined to the township, each writing its own signed and sealed full package)
  verified and imported into one township database the way ``villagedesk
  import-package *.vdpkg`` does: total time (issue 16: < 60 s); then the township
  summary over them.
- An incremental package after 100 changes, on a small demo and (with --large) on a
  copy of the large demo, with and without sealing (issue 16: signing and sealing
  add at most 0.3 s).
- With --large: a full package of the large demo, and, in the same run, openpyxl's
  write-only mode alone writing the same sheets' rows (the reference the package
  must stay within 1.5× of); the same full package with its zip streamed onto the
  stick unsealed (issue 16: sealing adds at most 10 %), each in a process of its
  own so its peak memory is its own (streamed: the sealed one stays as flat).

"Without sealing" is the same writer with its sealing step replaced by a plain
streamed copy of the zip (the manifest is still signed: signing one manifest is
timed on its own, a fraction of a millisecond).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import measure  # noqa: E402
from measure import timed  # noqa: E402
from villages import build_small_demo, join, make_township, village_package_task  # noqa: E402

from villagedesk import clock  # noqa: E402
from villagedesk.core.register import people  # noqa: E402
from villagedesk.core.township import keys  # noqa: E402
from villagedesk.core.township.summary import summary_rows  # noqa: E402
from villagedesk.documents.package import writer  # noqa: E402
from villagedesk.documents.package.importer import ImportSession, import_order  # noqa: E402
from villagedesk.documents.package.writer import write_package  # noqa: E402
from villagedesk.store import open_store  # noqa: E402


def report(name: str, seconds: list[float], target: str, unit: str = "s") -> None:
    measure.report(name, seconds, target, unit, width=58)


@contextlib.contextmanager
def without_sealing():
    """write_package with its sealing step replaced by a plain streamed copy of the zip onto the stick."""
    def copy(source, target, _recipient, *, tick=None):
        digest = hashlib.sha256()
        while chunk := source.read(1 << 16):
            digest.update(chunk)
            target.write(chunk)
        return digest.hexdigest()

    real = writer.seal
    writer.seal = copy
    try:
        yield
    finally:
        writer.seal = real


def _write_stick(folder: Path, count: int) -> list[Path]:
    """The demo, an empty township (``township-empty.sqlite3``) and ``count`` villages' packages for it in
    ``folder``/stick: made once, kept by ``--folder`` so that a later run times the import alone."""
    demo, stick, empty = folder / "demo.sqlite3", folder / "stick", folder / "township-empty.sqlite3"
    packages = sorted(stick.glob("*.vdpkg")) if stick.is_dir() else []
    if len(packages) == count and demo.exists() and empty.exists():
        print(f"({count} full packages from an earlier run, in {stick})", flush=True)
        return packages
    for old in [demo, empty, *packages]:
        old.unlink(missing_ok=True)
    build_small_demo(demo)
    stick.mkdir(exist_ok=True)
    card = make_township(empty)
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        packages = list(pool.map(village_package_task, [(demo, n, stick, card) for n in range(count)]))
    print(f"({count} full packages written, signed and sealed in {time.perf_counter() - start:.0f} s, "
          f"{sum(p.stat().st_size for p in packages) / 1e6:.0f} MB)", flush=True)
    return packages


def bench_villages(folder: Path, count: int) -> None:
    packages = _write_stick(folder, count)
    target = folder / "township.sqlite3"
    for old in folder.glob("township.sqlite3*"):
        old.unlink()
    shutil.copy(folder / "township-empty.sqlite3", target)

    each = []

    def take_all() -> None:
        with open_store(target) as store, ImportSession(store) as session:
            queue = import_order(packages)
            for n, queued in enumerate(queue):
                following = queue[n + 1].path if n + 1 < len(queue) else None
                # Each village's first package: its key is pinned (what the officer confirms).
                each.append(timed(lambda q=queued, f=following: session.take(q.path, then=f,
                                                                              accept_new_village=True)))
    total = timed(take_all)
    report(f"verify and import {count} small villages' full packages", [total], "< 60 s")
    report("  one village's package (median of the above)", each, "—")
    from villagedesk.documents.package.reader import read_package

    def opened(path: Path) -> None:
        with open_store(target, write=False) as store:
            read_package(path, store).close()
    # The part of each import that opens the seal and checks the zip, its checksums and signature (the
    # township's own checks and the merge are the rest).
    report("  of which opening and verifying one (read_package)", [timed(lambda p=p: opened(p)) for p in packages[:9]],
           "—")

    with open_store(target, write=False) as store:
        samples = [timed(lambda: summary_rows(store, clock.today())) for _ in range(9)]
        assert len(summary_rows(store, clock.today())) == count
    report(f"township summary over {count} villages", samples, "< 200 ms", "ms")
    print(f"(township file {target.stat().st_size / 1e6:.0f} MB)", flush=True)


def _incremental_pair(store, stick: Path, round_: int) -> tuple[float, float]:
    """(sealed, unsealed): an incremental package after 100 changes, written each way in turn."""
    times = []
    for plain in (False, True):
        for house in store.rows("SELECT id FROM households ORDER BY id LIMIT 100"):
            people.update_household(store, house["id"], phone=f"13{round_ * 2 + plain:1d}{house['id']:08d}")
        with without_sealing() if plain else contextlib.nullcontext():
            times.append(timed(lambda: write_package(store, stick)))
    return times[0], times[1]


def report_incremental(label: str, sealed: list[float], plain: list[float]) -> None:
    report(f"incremental package after 100 changes, {label}", sealed, "< 2 s")
    report("  the same, without sealing", plain, "—")
    import statistics

    added = statistics.median(sealed) - statistics.median(plain)
    print(f"  signing and sealing add: {added:+.3f} s  (target ≤ +0.3 s)", flush=True)


def bench_incremental(source: Path, label: str, folder: Path, runs: int) -> None:
    path = folder / "incremental.sqlite3"
    shutil.copy(source, path)
    stick = folder / "stick-incremental"
    stick.mkdir()
    sealed, plain = [], []
    with open_store(path, backup_on_open=False) as store:
        join(store, make_township(folder / "township-incremental.sqlite3"))
        write_package(store, stick, full=True)
        for i in range(runs):
            with_seal, without = _incremental_pair(store, stick, i)
            sealed.append(with_seal)
            plain.append(without)
        manifest = b"x" * 20_000
        signing = [timed(lambda: keys.sign(store, manifest)) for _ in range(9)]
    report_incremental(label, sealed, plain)
    report("  signing one manifest (20 kB)", signing, "—", "ms")


def child_full_package(db: Path, stick: Path, plain: bool) -> None:
    """In a process of its own: one full package; prints its seconds and the process's peak memory (JSON)."""
    import resource

    with open_store(db, backup_on_open=False) as store:
        with without_sealing() if plain else contextlib.nullcontext():
            seconds = timed(lambda: write_package(store, stick, full=True))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(json.dumps({"seconds": seconds, "peak_mb": peak}), flush=True)


def _full_in_child(db: Path, stick: Path, plain: bool) -> dict:
    command = [sys.executable, __file__, "--child-full", str(db), str(stick)] + (["--plain"] if plain else [])
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_large(large: Path, folder: Path) -> None:
    from openpyxl import Workbook

    from villagedesk.documents.excel.spec import MAX_ROWS
    from villagedesk.documents.excel.workbook import default_sheets

    path = folder / "large.sqlite3"
    shutil.copy(large, path)
    stick = folder / "stick-large"
    stick.mkdir()
    with open_store(path, backup_on_open=False) as store:
        join(store, make_township(folder / "township-large.sqlite3"))
        rows = sum(spec.count(store) for spec in default_sheets())
    # Sealed first: the cold start, if any, counts against sealing, not for it.
    sealed = _full_in_child(path, stick, plain=False)
    plain = _full_in_child(path, stick, plain=True)
    with open_store(path, backup_on_open=False) as store:
        def reference() -> None:
            wb = Workbook(write_only=True)
            for spec in default_sheets():
                keys_, ws, written = [c.key for c in spec.columns], None, 0
                for row in spec.rows(store):
                    if ws is None or written % (MAX_ROWS - 1) == 0:
                        ws = wb.create_sheet(spec.title[:28] + str(written // (MAX_ROWS - 1) or ""))
                        ws.append([c.header for c in spec.columns])
                    ws.append([row[k] for k in keys_])
                    written += 1
            wb.save(folder / "reference.xlsx")
        alone = timed(reference)
    sizes = sorted((p.stat().st_size for p in stick.iterdir()), reverse=True)
    report(f"full package of the large demo ({rows:,} sheet rows)", [sealed["seconds"]], "—")
    report("  the same, without sealing", [plain["seconds"]], "—")
    report("  openpyxl write-only alone, the same rows", [alone], "—")
    print(f"  ratio sealed / without sealing: {sealed['seconds'] / plain['seconds']:.2f}  (target ≤ 1.10)",
          flush=True)
    print(f"  ratio package / openpyxl alone: {sealed['seconds'] / alone:.2f}  (target ≤ 1.5)", flush=True)
    print(f"  peak memory: sealed {sealed['peak_mb']:.0f} MB, without sealing {plain['peak_mb']:.0f} MB; "
          f"package {sizes[0] / 1e6:.0f} MB", flush=True)
    sealed_runs, plain_runs = [], []
    with open_store(path, backup_on_open=False) as store:
        for i in range(3):
            with_seal, without = _incremental_pair(store, stick, i)
            sealed_runs.append(with_seal)
            plain_runs.append(without)
    report_incremental("large demo", sealed_runs, plain_runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--large", type=Path, help="a large demo database (copied, never changed)")
    parser.add_argument("--skip-villages", action="store_true", help="only the incremental and large rows")
    parser.add_argument("--folder", type=Path, help="keep the demo, the township and the villages' packages here "
                                                     "and reuse them in a later run (default: a temporary folder)")
    parser.add_argument("--child-full", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--plain", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_full:
        child_full_package(*args.child_full, plain=args.plain)
        return
    print(f"VillageDesk sync benchmark, {clock.today()}, {os.cpu_count()} CPUs", flush=True)
    with tempfile.TemporaryDirectory(prefix="vd-bench-sync-") as scratch:
        folder = Path(scratch)
        if args.skip_villages:
            demo = folder / "demo.sqlite3"
            build_small_demo(demo)
        else:
            kept = args.folder or folder
            kept.mkdir(parents=True, exist_ok=True)
            bench_villages(kept, args.villages)
            demo = kept / "demo.sqlite3"
        bench_incremental(demo, "small demo", folder, args.runs)
        if args.large:
            bench_large(args.large, folder)

if __name__ == "__main__":
    clock.today()  # the clock the figures use, loaded before timing
    main()
