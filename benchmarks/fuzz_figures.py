"""Bad files against every importer (issue 9, point 4): what each one answered, how long it took, peak memory.

    python benchmarks/fuzz_figures.py [--rows 100000] [--bomb-mb 256] [--only households|rules|packages]

Every file of tests/bad_files.py at full size (a 256 MB shared-strings bomb,
a sheet formatted down to Excel's last row), a valid roster and rule catalogue
of ``--rows`` rows (the roster read and imported, the catalogue read), and the bad packages plus a package
whose one member inflates to 1 GB.  Each file is read in a child process of
its own, so its peak resident memory (``VmHWM``) is that file's alone; the
child's memory after its imports, before reading, is printed beside it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_CHILD = r"""
import json, resource, shutil, sys, time
from pathlib import Path
kind, path, db, apply = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4] == "apply"
from villagedesk.errors import UserError
from villagedesk.store import open_store
from villagedesk.documents.imports.households import read_roster
from villagedesk.documents.imports.rules import read_rules
from villagedesk.documents.package.importer import import_package
def rss():
    # VmHWM starts afresh at exec; ru_maxrss would carry the parent's peak from before the fork.
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
base, start = rss(), time.perf_counter()
try:
    with open_store(db, backup_on_open=False) as store:
        if kind == "packages":
            result = import_package(store, path, accept_new_village=True)
            outcome = "imported " + result.summary().splitlines()[0]
        else:
            plan = (read_roster if kind == "households" else read_rules)(store, path)
            outcome = f"plan, {len(plan.problems)} rows with problems"
            if apply and not plan.problems:
                plan.apply(store)
                outcome += ", imported"
except UserError as err:
    outcome = "refused: " + str(err)
except Exception as err:  # a traceback is the finding this script exists for
    outcome = f"CRASH {type(err).__name__}: {err}"
print(json.dumps({"outcome": outcome, "seconds": time.perf_counter() - start, "base_mb": base, "peak_mb": rss()}))
"""


def run_one(kind: str, path: Path, db: Path, scratch: Path, apply: bool = False) -> dict:
    copy = scratch / f"work-{kind}.sqlite3"
    shutil.copy(db, copy)
    done = subprocess.run([sys.executable, "-c", _CHILD, kind, str(path), str(copy), "apply" if apply else "read"],
                          capture_output=True, text=True, cwd=ROOT, timeout=1800)
    if done.returncode != 0:
        return {"outcome": f"CHILD FAILED ({done.returncode}): {done.stderr.strip()[-300:]}", "seconds": 0,
                "base_mb": 0, "peak_mb": 0}
    return json.loads(done.stdout.strip().splitlines()[-1])


def village(path: Path) -> Path:
    from tests.helpers.factories import valid_id, valid_uscc
    from villagedesk.core.common.village import Profile, save_profile
    from villagedesk.core.points import rules
    from villagedesk.core.points.rules import Scheme
    from villagedesk.core.register import people
    from villagedesk.store import open_store

    with open_store(path) as store:
        save_profile(store, Profile("油溪桥村", valid_uscc(), "天门乡", "新化县", "李文书", "13812341234"))
        house = people.add_household(store, code="HH001", group_name="一组")
        people.add_person(store, house["id"], name="老户主", relation="户主", id_number=valid_id(serial=1))
        rules.save_scheme(store, Scheme())
        rules.install_default_catalogue(store, date(2026, 1, 1))
    return path


def township(path: Path) -> Path:
    from tests.helpers.factories import valid_uscc
    from villagedesk.core.common.village import Profile, save_profile
    from villagedesk.core.township import merge as tw
    from villagedesk.store import open_store

    with open_store(path) as store:
        save_profile(store, Profile("天门乡", valid_uscc("54431322MJ7654321"), "天门乡", "新化县", "王干事",
                                    "07381234567"))
        tw.set_township(store, True)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--bomb-mb", type=int, default=256)
    parser.add_argument("--only", choices=("households", "rules", "packages"))
    args = parser.parse_args()

    from tests.documents.imports.test_fuzz import (
        ROSTER_GOOD,
        ROSTER_HEADER,
        RULES_GOOD,
        RULES_HEADER,
        roster_row,
        rule_row,
    )
    from tests.helpers.bad_files import bad_packages, bad_workbooks, big_workbook, package_bomb
    from tests.helpers.factories import join, package_village
    from tests.helpers.packages import sealed, unsealed
    from villagedesk.documents.package.writer import write_package
    from villagedesk.store import open_store

    kinds = [args.only] if args.only else ["households", "rules", "packages"]
    tried: dict[str, int] = {}
    worst: tuple[float, str] = (0.0, "")
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        village_db, township_db = village(scratch / "village.sqlite3"), township(scratch / "township.sqlite3")
        for kind in kinds:
            if kind == "packages":
                source = scratch / "package-village.sqlite3"
                package_village(source)
                join(source, township_db)
                stick = scratch / "usb"
                stick.mkdir()
                with open_store(source) as store:
                    good = write_package(store, stick)
                files = {name: path for name, (path, _) in bad_packages(good, scratch / "bad-packages",
                                                                         township_db, source).items()}
                bomb = package_bomb(unsealed(good, township_db, scratch / "good.zip"), scratch / "bomb-1g.zip",
                                    "data/households.jsonl", 1 << 30)
                files["member inflating to 1 GB"] = sealed(bomb, township_db, scratch / "bomb-1g.vdpkg")
                files["the genuine package"] = good
                db, big = township_db, {}
            else:
                header, good_row, row = ((ROSTER_HEADER, ROSTER_GOOD, roster_row) if kind == "households"
                                         else (RULES_HEADER, RULES_GOOD, rule_row))
                print(f"making {kind} files …", flush=True)
                files = bad_workbooks(scratch / kind, header, good_row, bomb=args.bomb_mb << 20)
                # A roster that long is a big village's, read and imported; no village has 100,000 rules,
                # so the catalogue is only read (writing them one rule at a time is not what is measured).
                label = "read and imported" if kind == "households" else "read"
                big = {f"{args.rows:,} rows, valid ({label})":
                       big_workbook(scratch / f"{kind}-big.xlsx", header, row, args.rows)}
                db = village_db
            print(f"\n{kind}: {len(files) + len(big)} files", flush=True)
            for name, path in [*files.items(), *big.items()]:
                got = run_one(kind, path, db, scratch, apply=name in big and kind == "households")
                size = path.stat().st_size / 1024
                print(f"  {name:<52} {size:>9.0f} KB {got['seconds']:>7.2f} s  peak {got['peak_mb']:>6.0f} MB "
                      f"(base {got['base_mb']:.0f})  {got['outcome'][:110]}", flush=True)
                tried[kind] = tried.get(kind, 0) + (name != "the genuine package" and name not in big)
                if got["peak_mb"] > worst[0]:
                    worst = (got["peak_mb"], f"{kind}: {name}")
    print("\nbad files tried: " + ", ".join(f"{kind} {n}" for kind, n in tried.items()))
    print(f"highest peak memory: {worst[0]:.0f} MB ({worst[1]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
