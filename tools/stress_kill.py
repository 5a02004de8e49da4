"""Crash safety under SIGKILL: no confirmed record lost, no damaged file.

    python tools/stress_kill.py [--kills 200] [--seed 1] [--dir FOLDER] [--max-delay 1.0] [--after 0]

A writer subprocess does what the clerk does, through the program's own code: points
entries recorded and approved, households imported from an Excel 花名册, USB packages
written.  After each operation the program confirmed (its transaction committed) the writer
prints one line.  The parent kills it with SIGKILL at a random moment (``--after N``: only
once it has confirmed N operations, so even a busy machine sees work done), then checks the file:
``PRAGMA integrity_check`` is ok, ``villagedesk check`` passes (foreign keys and the points
chain), every confirmed change is there, every package file confirmed is whole, and every
rotating backup is a sound database.  A fresh writer then opens the same file and goes on.

Prints the kills survived / tried and the records lost (must be 0); exit status 1 otherwise.
tests/store/test_crash_safety.py runs the same machinery with a few kills.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from villagedesk import clock  # noqa: E402
from villagedesk.core.common import ids  # noqa: E402
from villagedesk.core.common.village import Profile, save_profile  # noqa: E402
from villagedesk.core.points import ledger, rules  # noqa: E402
from villagedesk.core.points.rules import Scheme  # noqa: E402
from villagedesk.core.register import people  # noqa: E402
from villagedesk.core.township import keys, merge  # noqa: E402
from villagedesk.documents.package.writer import write_package  # noqa: E402
from villagedesk.store import open_store  # noqa: E402
from villagedesk.store.backup import list_backups  # noqa: E402

# How often the writer picks each operation: imports and packages take ~15 times as long as an
# entry, so these weights spread the kills over all four kinds of write.
OPERATIONS = {"entry": 60, "approve": 30, "import": 5, "package": 5}
ROSTER_HEADER = ["与户主关系", "姓名", "身份证号码", "户主姓名", "组别", "家庭住址"]
_DIGITS = "零一二三四五六七八九"


def _uscc() -> str:
    prefix = "54431322MJ1234567"
    return prefix + ids.uscc_check_char(prefix)


def _township(folder: Path) -> tuple[keys.Card, str]:
    """The township the village sends its packages to, and its card (``villagedesk township-card``)."""
    with open_store(folder / "township.sqlite3") as store:
        prefix = "11431322MB1234567"
        save_profile(store, Profile("天门乡人民政府", prefix + ids.uscc_check_char(prefix), "天门乡", "新化县",
                                    "王干事", "07381234567"))
        merge.set_township(store, True)
        card, signature = keys.township_card(store)
    return card, card.to_json(signature)


def prepare(folder: Path) -> Path:
    """A village with a profile, four households, the default points catalogue, a township joined and its first
    package."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "usb").mkdir(exist_ok=True)
    db = folder / "village.sqlite3"
    card, card_text = _township(folder)
    with open_store(db) as store:
        save_profile(store, Profile("油溪桥村", _uscc(), "天门乡", "新化县", "李文书", "13812341234"))
        keys.join_township(store, card, card_text)  # a package is sealed for the township the village joined
        for n in range(1, 5):
            house = people.add_household(store, code=f"HH00{n}", group_name="一组" if n < 3 else "二组")
            people.add_person(store, house["id"], name=f"户主{_DIGITS[n]}", relation="户主")
        rules.save_scheme(store, Scheme())
        rules.install_default_catalogue(store, date(clock.today().year, 1, 1))
        # The first package holds everything and takes a second; the writers send changes, as a village does.
        write_package(store, folder / "usb")
    return db


# --- the writer (a subprocess) -------------------------------------------------------

def _roster(path: Path, first: int, size: int) -> list[str]:
    """A 花名册 with one new household of ``size`` persons; returns their ID numbers."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append(ROSTER_HEADER)
    numbers = []
    head = "张" + "".join(_DIGITS[int(d)] for d in str(first))
    for k in range(first, first + size):
        # (birth day, serial) differs for every k: the ID numbers never repeat.
        number = ids.make_id_number("431322", date(1950, 1, 1) + timedelta(days=k // 900), k % 900 + 1)
        name = head if k == first else head + _DIGITS[(k - first) % 10] + "儿"
        sheet.append(["户主" if k == first else "子", name, number, head, "三组", "新屋场"])
        numbers.append(number)
    book.save(path)
    return numbers


def _operate(store, kind: str, rng: random.Random, scratch: Path, usb: Path) -> list[str]:
    """Do one operation; returns the keys of what it committed (printed only after it returned)."""
    if kind == "entry":
        household = rng.choice(store.rows("SELECT id FROM households WHERE archived = 0"))
        rule = rng.choice(store.rows("SELECT id FROM point_rules WHERE cap_per_period IS NULL AND valid_to IS NULL"))
        entry = ledger.record_entry(store, household_id=household["id"], rule_id=rule["id"],
                                    day=clock.today(), note="压力测试")
        return [entry["uid"]]
    if kind == "approve":
        pending = store.rows("SELECT id, uid FROM point_entries WHERE status = 'pending' ORDER BY id LIMIT 30")
        if not pending:
            return []
        ledger.approve(store, [p["id"] for p in pending], "审核员")
        return [p["uid"] for p in pending]
    if kind == "import":
        from villagedesk.documents.imports.households import read_roster

        first = 1000 + store.scalar("SELECT count(*) FROM persons")
        path = scratch / "roster.xlsx"
        numbers = _roster(path, first, rng.randint(1, 4))
        plan = read_roster(store, path)
        if plan.problems:
            raise SystemExit(f"the stress roster has problems: {plan.problems}")
        plan.apply(store)
        return numbers
    if kind == "package":
        path = write_package(store, usb)
        sequence = store.scalar("SELECT max(sequence) FROM packages")
        return [str(sequence), path.name, _sha256(path)]
    raise ValueError(kind)


def plan(seed: int) -> Iterator[str]:
    """The kinds of operation the writer with ``seed`` does, in order: fixed by the seed alone.

    Apart from what the operations themselves draw, so that the first N are the same however
    the database looks and however fast the machine is.
    """
    rng = random.Random(f"plan {seed}")  # not the operations' own generator: they draw as they need
    kinds, weights = list(OPERATIONS), list(OPERATIONS.values())
    while True:
        yield rng.choices(kinds, weights)[0]


def writer(db: Path, seed: int) -> None:
    """Open the database as the window does and work until killed."""
    # Loaded before "ready", as a window has them loaded after its first import and package: the
    # kills then land in the work, not in the imports.
    import villagedesk.documents.excel.workbook  # noqa: F401
    import villagedesk.documents.imports.households  # noqa: F401
    import villagedesk.documents.package.changes  # noqa: F401

    rng = random.Random(seed)
    usb = db.parent / "usb"
    with tempfile.TemporaryDirectory(prefix="vd-stress-") as scratch, open_store(db) as store:
        print("ready", flush=True)
        for kind in plan(seed):
            print("begin", kind, flush=True)
            keys = _operate(store, kind, rng, Path(scratch), usb)
            print(kind, *keys, flush=True)


# --- the parent: kill, then check ----------------------------------------------------

@dataclass
class Outcome:
    tried: int = 0
    survived: int = 0
    confirmed: int = 0  # records the writers confirmed
    operations: dict[str, int] = field(default_factory=dict)  # operations the writers confirmed, by kind
    lost: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    during: dict[str, int] = field(default_factory=dict)  # what the writer was doing when killed

    def summary(self) -> str:
        during = ", ".join(f"{k} {v}" for k, v in sorted(self.during.items()))
        return (f"kills survived / tried: {self.survived} / {self.tried}; confirmed records {self.confirmed}, "
                f"records lost {len(self.lost)}; killed during: {during}")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _start_writer(db: Path, seed: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--writer", str(db), "--seed", str(seed)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def kill_once(db: Path, seed: int, delay: float, ready_timeout: float = 60.0, after: int = 0,
              after_timeout: float = 600.0) -> tuple[list[list[str]], str]:
    """Run one writer, SIGKILL it ``delay`` seconds after it is ready and has confirmed ``after``
    operations; its lines (confirmed and begun), and stderr.

    ``after`` counts what the writer did rather than timing it: on a busy machine the writer
    starts late and works slowly, and a kill timed from the start alone could find it idle.
    """
    proc = _start_writer(db, seed)
    lines: list[list[str]] = []
    ready, enough = threading.Event(), threading.Event()
    done = 0

    def read() -> None:
        nonlocal done
        for line in proc.stdout:
            if not line.endswith("\n"):
                break  # cut short by the kill: never confirmed
            words = line.split()
            if words == ["ready"]:
                ready.set()
            elif words:
                lines.append(words)
                done += words[0] != "begin"
            if done >= after and ready.is_set():
                enough.set()
        ready.set()  # the writer ended on its own (an error): stop waiting
        enough.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    ready.wait(ready_timeout)
    if after:
        enough.wait(after_timeout)
    time.sleep(delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    reader.join()
    return lines, proc.stderr.read()


def missing(db: Path, confirmed: list[list[str]]) -> list[str]:
    """What a writer confirmed and the file does not hold."""
    lost = []
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        for kind, *keys in confirmed:
            if kind == "entry":
                if not conn.execute("SELECT 1 FROM point_entries WHERE uid = ?", keys).fetchone():
                    lost.append(f"entry {keys[0]}")
            elif kind == "approve":
                for uid in keys:
                    got = conn.execute("SELECT status, seq FROM point_entries WHERE uid = ?", (uid,)).fetchone()
                    if got is None or got[0] != "approved" or got[1] is None:
                        lost.append(f"approval of {uid}")
            elif kind == "import":
                for number in keys:
                    if not conn.execute("SELECT 1 FROM persons WHERE id_number = ?", (number,)).fetchone():
                        lost.append(f"imported person {number}")
            elif kind == "package":
                sequence, name, sha = keys
                row = conn.execute("SELECT file_name, sha256 FROM packages WHERE sequence = ?",
                                   (int(sequence),)).fetchone()
                path = db.parent / "usb" / name
                if row != (name, sha) or not path.exists() or _sha256(path) != sha:
                    lost.append(f"package {name}")
    finally:
        conn.close()
    return lost


def file_problems(db: Path) -> list[str]:
    """integrity_check, then `villagedesk check` (foreign keys, points chain), then every backup."""
    from villagedesk.cli import main

    problems = []
    conn = sqlite3.connect(db)
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        result = [str(exc)]
    finally:
        conn.close()
    if result != ["ok"]:
        problems.append(f"integrity_check: {result[:3]}")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "--db", str(db)])
    if code != 0:
        problems.append(f"villagedesk check: {out.getvalue()}{err.getvalue()}".strip())
    for backup in list_backups(db):
        conn = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                problems.append(f"backup {backup.name} is damaged")
        except sqlite3.DatabaseError as exc:
            problems.append(f"backup {backup.name} cannot be read: {exc}")
        finally:
            conn.close()
    return problems


def stress(folder: Path, kills: int, seed: int = 1, max_delay: float = 1.0, log=print, after: int = 0) -> Outcome:
    """``kills`` writers killed at random moments (each after ``after`` confirmed operations), the file
    checked after each."""
    db = prepare(folder)
    rng = random.Random(seed)
    outcome = Outcome()
    confirmed: list[list[str]] = []
    for n in range(kills):
        lines, stderr = kill_once(db, seed * 100_000 + n, rng.uniform(0, max_delay), after=after)
        outcome.tried += 1
        done = [words for words in lines if words[0] != "begin"]
        confirmed += done
        for kind, *_ in done:
            outcome.operations[kind] = outcome.operations.get(kind, 0) + 1
        if lines and lines[-1][0] == "begin":
            doing = lines[-1][1]
        else:
            doing = "between operations" if lines else "starting"
        outcome.during[doing] = outcome.during.get(doing, 0) + 1
        problems = file_problems(db)
        if "Traceback" in stderr:
            problems.append(f"the writer failed on its own: {stderr.strip().splitlines()[-1]}")
        lost = missing(db, confirmed)
        outcome.lost = lost
        if problems or lost:
            outcome.problems += [f"kill {n + 1}: {p}" for p in problems + lost]
        else:
            outcome.survived += 1
        if log and (n + 1) % 20 == 0:
            log(f"{n + 1} kills: {outcome.survived} survived, {len(lost)} lost", flush=True)
    outcome.confirmed = sum(len(keys) - (2 if kind == "package" else 0) for kind, *keys in confirmed)
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=1.0, help="longest wait before a kill, seconds")
    parser.add_argument("--after", type=int, default=0, help="kill a writer only after it confirmed this many operations")
    parser.add_argument("--dir", help="work folder (default: a temporary one, removed afterwards)")
    parser.add_argument("--writer", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.writer:
        writer(Path(args.writer), args.seed)
        return 0
    with contextlib.ExitStack() as stack:
        folder = Path(args.dir) if args.dir else Path(stack.enter_context(tempfile.TemporaryDirectory()))
        started = time.perf_counter()
        outcome = stress(folder, args.kills, args.seed, args.max_delay, after=args.after)
        for line in outcome.problems[:20]:
            print(line)
        print(outcome.summary())
        print(f"{time.perf_counter() - started:.0f} s")
    return 0 if outcome.survived == outcome.tried and not outcome.lost else 1


if __name__ == "__main__":
    sys.exit(main())
