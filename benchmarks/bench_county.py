"""The county on PostgreSQL (issue 20, "Performance"): one run's figures, medians where a step is repeated.

    python benchmarks/bench_county.py [--folder DIR] [--db URL] [--townships 30] [--villages 20] [--make-only]

A county of 30 townships × 20 small villages (600), made once into ``--folder`` and reused from there
(a run stopped half-way goes on from the townships it finished).  One small demo village is built; in
each township, its first village is a copy of the demo with its own name, code and signing key, joined
to the township, writing its own signed and sealed full package by the program's writer; the other 19
villages' packages are derived from that one, each with its own name and code in its profile and
manifest, signed with a key of its own and sealed for the township (benchmarks/villages.py: writing the
same records out 600 times would take hours on two cores, and the records are the demo's either way).
Each township takes its 20 villages' packages (verified and merged as ``villagedesk import-package``
does), joins the county and writes its full township package.  Then, on the PostgreSQL server:

- all township packages imported into a fresh county database (issue 20: < 10 min);
- the same imported again: nothing changes (counts checked), < 1/10 of the first;
- the county summary for a period over the 600 villages (< 1 s) and a village's drill-down (< 200 ms);
- five clients at once, each a process with its own connection: the last four townships taken out of the
  county again, then two clients importing their packages once more, three reading (summary, drill-down,
  browsing) in a loop until the imports are done: every import completes, the readers' longest wait
  < 1 s, and the county ends exactly as the whole import left it (counted: none doubled, none lost).

The server is a throwaway cluster the benchmark starts itself (tests/helpers/postgres.py, as the tests
do), or, with ``--db URL``, a server already running: the URL's user must be able to create databases,
and the benchmark makes its own (``vdbench_…``) there and drops them at the end.  The county's keys are
kept in the folder beside the packages sealed for them: each fresh county database is made by
``create_county`` and given those keys back, as a county restored onto a new server would be.  The
server needs room for the county: about 33 MB a small village (20 GB for 600).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import measure  # noqa: E402
from measure import timed  # noqa: E402
from villages import COUNTY, build_small_demo, derived_package, make_township, village_package  # noqa: E402

from villagedesk import clock  # noqa: E402

TOWNSHIP_NAMES = ("天门乡 白溪镇 洋溪镇 槎溪镇 孟公镇 科头乡 坐石乡 游家镇 吉庆镇 金凤乡 琅塘镇 田坪镇 水车镇 圳上镇 "
                  "温塘镇 桑梓镇 荣华乡 炉观镇 奉家镇 维山乡 油溪乡 西河镇 石冲口镇 上团乡 曹家镇 文田镇 隘口乡 "
                  "天门山乡 鹅塘乡 大熊山乡").split()
MADE = "made.json"  # the townships finished so far


def report(name: str, seconds: list[float], target: str, unit: str = "s") -> float:
    return measure.report(name, seconds, target, unit, width=60)


# --- the county made once into the folder -------------------------------------------------------------

def _township_package(args: tuple[Path, int, int, Path, str]) -> tuple[str, float, float, float]:
    """Township ``t`` with its ``villages`` villages (copies of ``demo``), each village's full package taken,
    joined to the county of ``county_card`` and its full township package written into folder/townships.
    Returns (the package's name, seconds writing its first village's package, seconds deriving each of the
    others' from it (median), seconds taking one (median))."""
    from villagedesk.core.township import county, keys
    from villagedesk.documents.package.importer import ImportSession, import_order
    from villagedesk.documents.package.township_writer import write_township_package
    from villagedesk.store import open_store

    folder, t, villages, demo, county_card = args
    name = TOWNSHIP_NAMES[t]
    work = folder / "work" / f"township-{t:02d}"
    shutil.rmtree(work, ignore_errors=True)
    stick = work / "stick"
    stick.mkdir(parents=True)
    path = work / "township.sqlite3"
    card = make_township(path, name, 900_000 + t)
    with open_store(path, write=False) as store:
        identity = keys.township_identity(store)
    start = time.perf_counter()
    first = village_package(demo, t * villages, stick, card, name)
    written = time.perf_counter() - start
    packages, derived = [first], []
    for v in range(1, villages):
        start = time.perf_counter()
        packages.append(derived_package(first, t * villages + v, stick, card, identity, name))
        derived.append(time.perf_counter() - start)
    taken = []
    with open_store(path) as store:
        with ImportSession(store) as session:
            for queued in import_order(packages):
                # Each village's first package: its key pinned (what the officer confirms).
                taken.append(timed(lambda q=queued: session.take(q.path, accept_new_village=True)))
        county.join_county(store, keys.parse_card(county_card, kind=keys.COUNTY_CARD_KIND), county_card)
        out = write_township_package(store, folder / "townships", full=True)
    shutil.rmtree(work)
    return out.path.name, written, statistics.median(derived or [0]), statistics.median(taken)


def make_county(folder: Path, databases: Databases, townships: int, villages: int) -> dict:
    """The county's keys and its townships' packages in ``folder``: what an earlier run made is kept (a
    run stopped half-way goes on from the townships it finished), the rest made now.

    ``county.json`` holds the county's name, keys and card, made first: every package is sealed for them.
    ``made.json`` lists the townships finished, each as soon as it is."""
    county_file, made_file = folder / "county.json", folder / MADE
    (folder / "townships").mkdir(parents=True, exist_ok=True)
    if not county_file.exists():
        shutil.rmtree(folder / "townships")
        (folder / "townships").mkdir()
        made_file.unlink(missing_ok=True)
        # The county, its keys and card: made by the program on the server, kept for every fresh county database.
        from villagedesk.core.county.keys import county_card

        with databases.county() as url, county_connection(url) as conn:
            card, signature = county_card(conn)
            keys_ = {role: [private, public] for role, private, public in
                     conn.execute("SELECT role, private, public FROM county.keys")}
        county_file.write_text(json.dumps({"county": COUNTY, "card": card.to_json(signature), "keys": keys_},
                                          ensure_ascii=False), encoding="utf-8")
    county = json.loads(county_file.read_text(encoding="utf-8"))
    made = json.loads(made_file.read_text(encoding="utf-8")) if made_file.exists() else {"villages": villages}
    if made["villages"] != villages:
        raise SystemExit(f"{folder} holds townships of {made['villages']} villages each: give another --folder")
    done = {int(t): name for t, name in made.get("townships", {}).items()
            if (folder / "townships" / name).exists()}
    missing = [t for t in range(townships) if t not in done]
    if missing:
        _make_townships(folder, county["card"], villages, missing, done)
    else:
        print(f"({townships} township packages of {townships * villages} villages from an earlier run, in "
              f"{folder / 'townships'})", flush=True)
    return {**county, "townships": townships, "villages": villages,
            "packages": [done[t] for t in range(townships)]}


def _make_townships(folder: Path, card_json: str, villages: int, missing: list[int], done: dict[int, str]) -> None:
    demo = folder / "demo.sqlite3"
    if not demo.exists():
        print(f"building the small demo, {timed(lambda: build_small_demo(demo)):.0f} s", flush=True)
    shutil.rmtree(folder / "work", ignore_errors=True)
    start = time.perf_counter()
    writing, deriving, taking = [], [], []
    # Township by township, on every core: each builds its villages, takes them, writes its package and
    # removes its own files (a township's file with its 20 villages' kept packages is about 0.8 GB).
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {pool.submit(_township_package, (folder, t, villages, demo, card_json)): t for t in missing}
        for future in as_completed(futures):
            t = futures[future]
            name, written, derived, taken = future.result()
            done[t] = name
            writing.append(written)
            deriving.append(derived)
            taking.append(taken)
            (folder / MADE).write_text(json.dumps({"villages": villages, "townships": done}, ensure_ascii=False,
                                                  indent=1), encoding="utf-8")
            print(f"  township {t + 1} {TOWNSHIP_NAMES[t]}: {name} ({len(writing)}/{len(missing)}, "
                  f"{time.perf_counter() - start:.0f} s so far)", flush=True)
    seconds = time.perf_counter() - start
    shutil.rmtree(folder / "work", ignore_errors=True)
    size = sum((folder / "townships" / n).stat().st_size for n in done.values())
    print(f"(made {len(missing)} townships × {villages} villages in {seconds:.0f} s on {os.cpu_count()} processes: "
          f"a township's first village {statistics.median(writing):.1f} s copying the demo and writing its package, "
          f"each other village's package derived from it in {statistics.median(deriving):.2f} s; each taken by "
          f"its township in {statistics.median(taking):.1f} s; township packages {size / 1e9:.1f} GB)", flush=True)


# --- the server and the county databases ----------------------------------------------------------------

STUCK = 1800  # seconds a client may go without a word before the benchmark gives up on it (a hang, not a figure)


def database_name(url: str) -> str:
    from psycopg.conninfo import conninfo_to_dict

    return str(conninfo_to_dict(url)["dbname"])


@contextmanager
def county_connection(url: str):
    from villagedesk.store.postgres.connection import county_database

    with county_database(url) as conn:
        yield conn


class Databases:
    """Fresh databases on the server: the throwaway cluster of tests/helpers/postgres.py, or ``--db``'s."""

    def __init__(self, url: str | None):
        self._server = None
        self._url = url
        if url is None:
            from tests.helpers import postgres

            self._server = postgres.start()
        self._count = 0

    def admin_url(self) -> str:
        return self._server.url() if self._server else self._url

    def url(self, database: str) -> str:
        if self._server:
            return self._server.url(database)
        return urlsplit(self._url)._replace(path="/" + quote(database, safe="")).geturl()

    def create(self) -> str:
        import psycopg
        from psycopg import sql

        self._count += 1
        name = f"vdbench_{os.getpid()}_{self._count}"
        with psycopg.connect(self.admin_url(), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return name

    def drop(self, name: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.admin_url(), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    @contextmanager
    def county(self, made: dict | None = None):
        """A fresh county database (its URL), dropped afterwards; with ``made``, given the folder's county keys."""
        from villagedesk.core.county.keys import county_card
        from villagedesk.core.county.profile import create_county
        from villagedesk.store.postgres.connection import county_database

        name = self.create()
        try:
            url = self.url(name)
            with county_database(url, upgrade=False) as conn:
                create_county(conn, made["county"] if made else COUNTY)
                if made:
                    with conn.transaction():
                        for role, (private, public) in made["keys"].items():
                            conn.execute("UPDATE county.keys SET private = %s, public = %s WHERE role = %s",
                                         (private, public, role))
                    card, signature = county_card(conn)
                    assert card.to_json(signature) == made["card"], "the county's keys were not given back"
            yield url
        finally:
            self.drop(name)

    def stop(self) -> None:
        if self._server:
            self._server.stop()


# --- what is measured -----------------------------------------------------------------------------------

def held(conn) -> dict:
    """Everything the county holds, counted: each village's rows (not deleted) and every table's rows."""
    rows = dict(conn.execute("SELECT village_code, count(*) FROM county.rows WHERE NOT deleted "
                             "GROUP BY village_code").fetchall())
    tables = {table: conn.execute(f"SELECT count(*) FROM county.{table}").fetchone()[0]
              for table in ("townships", "township_keys", "township_packages", "villages", "village_keys",
                            "village_packages", "rows", "events", "audit")}
    return {"rows": rows, "tables": tables}


def import_each(conn, packages: list[Path], say: bool = False) -> tuple[list[float], list]:
    """Each township package imported in turn on ``conn`` (a township's first: its key pinned, as the officer
    confirms): the seconds each took and what each did (``say``: each printed as it is done)."""
    from villagedesk.documents.package.county_import import import_township_package

    seconds, results = [], []
    for path in packages:
        start = time.perf_counter()
        results.append(import_township_package(conn, path, accept_new_township=True))
        seconds.append(time.perf_counter() - start)
        if say:
            print(f"  ({results[-1].township}: {len(results[-1].villages)} villages in {seconds[-1]:.1f} s)",
                  flush=True)
    return seconds, results


def import_command(url: str, packages: list[Path], again: bool = False) -> tuple[float, int]:
    """All ``packages`` imported as the command line imports several files (documents.package.county_import.
    import_packages: each township's in order, townships side by side on worker processes); the seconds it
    took and how many workers.  ``again``: every one must say it was taken before."""
    from villagedesk.documents.package.county_import import Refused, import_packages

    jobs = min(os.cpu_count() or 1, 4)
    start = time.perf_counter()
    said = list(import_packages(url, packages, jobs=jobs, accept_new_township=True))
    seconds = time.perf_counter() - start
    refused = [one for one in said if isinstance(one, Refused)]
    assert not refused, refused[0].message
    assert len(said) == len(packages)
    assert all(("已经导入过" in text) == again for _path, text in said)
    return seconds, jobs


def drill_down(conn, code: str) -> int:
    """What the county window shows of one village: the village, its tables, the first page of its first."""
    from villagedesk.core.county import browse

    browse.village(conn, code)
    tables = browse.village_tables(conn, code)
    return len(browse.rows_page(conn, code, tables[0]["table"]))


def browsing(conn, rng: random.Random) -> int:
    """Browsing as the window does: the townships, one township's villages, one village's tables."""
    from villagedesk.core.county import browse

    townships = browse.townships(conn)
    villages = browse.villages(conn, rng.choice(townships)["id"])
    return len(browse.village_tables(conn, rng.choice(villages)["code"]))


def summary_period():
    """The period the county's summary is printed for first (this quarter)."""
    from villagedesk.core.township.summary import summary_periods

    return summary_periods(clock.today())[0]


def measure_county(folder: Path, databases: Databases, made: dict, clients: bool = True) -> None:
    from villagedesk.core.county.summary import summary_rows

    packages = [folder / "townships" / name for name in made["packages"]]
    total = made["townships"] * made["villages"]
    later = packages[-4:]  # what the two importers of the five clients import again
    with databases.county(made) as url:
        with county_connection(url) as conn:
            # As `villagedesk import-package *.vdpkg --db URL` does it: townships side by side on worker processes.
            first, done = import_command(url, packages)
            whole = held(conn)
            assert len(whole["rows"]) == total and whole["tables"]["township_packages"] == len(packages)
            report(f"import {len(packages)} township packages ({total} villages) into a fresh county "
                   f"(import-package, {done} worker processes)", [first], "< 600 s")
            print(f"  (county database {database_size(conn) / 1e9:.1f} GB, {whole['tables']['rows']:,} rows)",
                  flush=True)

            again, _ = import_command(url, packages, again=True)
            assert held(conn) == whole
            report("the same again: nothing changes", [again], f"< {first / 10:.0f} s (1/10)")
            print(f"  ratio again / first: {again / first:.3f}  (target < 0.1)", flush=True)

            period = summary_period()
            assert len(summary_rows(conn, clock.today(), period)) == total
            report(f"county summary for {period.label} over {total} villages",
                   [timed(lambda: summary_rows(conn, clock.today(), period)) for _ in range(9)], "< 1 s", "ms")
            rng = random.Random(20)
            codes = rng.sample(sorted(whole["rows"]), 9)
            drill_down(conn, codes[0])  # the village tables' layout, made once per process, made before timing
            report("a village's drill-down (village, tables, first page)",
                   [timed(lambda c=c: drill_down(conn, c)) for c in codes], "< 200 ms", "ms")
            forget(conn, [name for (name,) in conn.execute(
                "SELECT t.name FROM county.township_packages p JOIN county.townships t ON t.id = p.township_id "
                "WHERE p.file_name = ANY(%s)", ([p.name for p in later],))])
        if clients:
            five_clients(url, later, whole)


def forget(conn, townships: list[str]) -> None:
    """The county as it was before ``townships`` were imported: everything of theirs taken out again (the
    benchmark's own doing, as the database's owner: the program never deletes), so that the five clients
    import them once more into a county of the full size without a copy of it (a 600-village county is
    about 20 GB).  Imported again, the county must be the very one it was (counted)."""
    with conn.transaction():
        ids = [i for (i,) in conn.execute("SELECT id FROM county.townships WHERE name = ANY(%s)", (townships,))]
        codes = [c for (c,) in conn.execute("SELECT code FROM county.villages WHERE township_id = ANY(%s)", (ids,))]
        for table, column, keys_ in (("rows", "village_code", codes), ("village_packages", "village_code", codes),
                                     ("village_keys", "village_code", codes), ("events", "village_code", codes),
                                     ("events", "township_id", ids), ("villages", "code", codes),
                                     ("township_packages", "township_id", ids), ("township_keys", "township_id", ids),
                                     ("townships", "id", ids)):
            conn.execute(f"DELETE FROM county.{table} WHERE {column} = ANY(%s)", (keys_,))
        conn.execute("DELETE FROM county.audit WHERE action = 'import-package' AND split_part(record_key, '#', 1) "
                     "= ANY(%s)", (townships,))


def database_size(conn) -> int:
    return int(conn.execute("SELECT pg_database_size(current_database())").fetchone()[0])


# --- five clients at once -------------------------------------------------------------------------------

READERS = ("summary", "drill-down", "browsing")


def _client(url: str, role: str, packages: list[Path], ready, stop, results) -> None:
    """One person at the county, in a process of their own with their own connection: imports ``packages``
    (role "import"), or reads in a loop (role in READERS) until ``stop``; puts what it did on ``results``."""
    try:
        with county_connection(url) as conn:
            if role == "import":
                ready.wait()
                seconds, done = import_each(conn, packages)
                results.put((role, seconds, [(r.township, r.already, len(r.villages)) for r in done]))
                return
            from villagedesk.core.county.summary import summary_rows

            rng = random.Random(role)
            codes = [code for (code,) in conn.execute("SELECT code FROM county.villages")]
            period = summary_period()
            read = {"summary": lambda: len(summary_rows(conn, clock.today(), period)),
                    "drill-down": lambda: drill_down(conn, rng.choice(codes)),
                    "browsing": lambda: browsing(conn, rng)}[role]
            read()  # this process's first reading loads the code and makes the tables' layout: not a wait
            ready.wait()
            seconds = []
            while not stop.is_set():
                seconds.append(timed(read))
            results.put((role, seconds, None))
    except BaseException as exc:
        results.put((role, None, f"{type(exc).__name__}: {exc}"))
        raise


def five_clients(url: str, later: list[Path], whole: dict) -> None:

    context = multiprocessing.get_context("spawn")  # each a process of its own, as five people's PCs are
    ready, stop, results = context.Barrier(5, timeout=STUCK), context.Event(), context.Queue()
    importers = [context.Process(target=_client, args=(url, "import", later[n::2], ready, stop, results))
                 for n in range(2)]
    readers = [context.Process(target=_client, args=(url, role, [], ready, stop, results)) for role in READERS]
    start = time.perf_counter()
    for process in readers + importers:
        process.start()
    found = []
    try:
        while sum(1 for role, seconds, _ in found if role == "import" or seconds is None) < len(importers):
            found.append(results.get(timeout=STUCK))
        importing = time.perf_counter() - start
    finally:
        stop.set()  # the readers stop once the imports are done, or one of the five failed
    found += [results.get(timeout=STUCK) for _ in range(len(importers) + len(readers) - len(found))]
    for process in readers + importers:
        process.join()
    failed = [(role, error) for role, seconds, error in found if seconds is None]
    assert not failed, failed
    imported = [outcome for role, _, outcomes in found if role == "import" for outcome in outcomes]
    reads = {role: seconds for role, seconds, _ in found if role in READERS}
    print(f"five clients at once: 2 importing {len(later)} township packages, 3 reading "
          f"({', '.join(f'{role} ×{len(seconds)}' for role, seconds in reads.items())}), {importing:.0f} s", flush=True)
    assert len(imported) == len(later) and not any(already for _, already, _ in imported)
    for role, seconds in reads.items():
        ordered = sorted(seconds)
        print(f"  {role + ' while importing':<40} median {statistics.median(ordered) * 1000:7.1f} ms, "
              f"95th percentile {ordered[int(len(ordered) * 0.95)] * 1000:7.1f} ms, longest {ordered[-1] * 1000:7.1f} ms "
              f"of {len(ordered)}  target < 1 s", flush=True)
    longest = max(max(seconds) for seconds in reads.values())
    print(f"  readers' longest wait {longest * 1000:.0f} ms  (target < 1000 ms)", flush=True)
    with county_connection(url) as conn:
        after = held(conn)
    # Every row of the whole import, none doubled, none lost: the same county as the one imported in turn.
    assert after == whole, "the county after the five clients differs from the one imported one package at a time"
    print(f"  every import completed; the county is exactly as the whole import left it "
          f"({after['tables']['rows']:,} rows, {len(after['rows'])} villages)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, help="keep the county's township packages here and reuse them in a "
                                                     "later run (default: a temporary folder)")
    parser.add_argument("--db", help="a PostgreSQL server to use (a postgresql:// URL whose user may create "
                                     "databases) instead of a throwaway cluster")
    parser.add_argument("--townships", type=int, default=30)
    parser.add_argument("--villages", type=int, default=20, help="villages per township")
    parser.add_argument("--make-only", action="store_true", help="make the county's packages, measure nothing")
    parser.add_argument("--no-clients", action="store_true", help="leave out the five clients at once")
    args = parser.parse_args()
    print(f"VillageDesk county benchmark, {clock.today()}, {os.cpu_count()} CPUs", flush=True)
    databases = Databases(args.db)
    try:
        with tempfile.TemporaryDirectory(prefix="vd-bench-county-") as scratch:
            folder = args.folder or Path(scratch)
            folder.mkdir(parents=True, exist_ok=True)
            made = make_county(folder, databases, args.townships, args.villages)
            if not args.make_only:
                measure_county(folder, databases, made, clients=not args.no_clients)
    finally:
        databases.stop()


if __name__ == "__main__":
    clock.today()  # the clock the figures use, loaded before timing
    main()
