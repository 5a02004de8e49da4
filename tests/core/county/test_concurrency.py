"""Several people at the county at once (docs/COUNTY.md "Several people at once"; issue 20).

Real township packages (tests.helpers.county: real villages, taken by real townships), imported into a
real county database from several connections on threads, each logged in as a person of its own.
Nothing here times anything: which import waits on which is proven by ordering.  A connection of the
test's own holds a SHARE lock on ``county.audit``, the import's last write (core.county.importer), so an
import runs all its work and then stops, its transaction still open, until the test lets it go; the
server's own view of who is waiting on which lock (``pg_stat_activity``) says where each one stands.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import SimpleNamespace

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from tests.helpers.county import forward, make_township, make_village, send, village_code
from villagedesk import clock
from villagedesk.cli import main
from villagedesk.core.county import browse
from villagedesk.core.county.summary import summary_rows
from villagedesk.documents.package.county_import import import_township_package
from villagedesk.errors import UserError
from villagedesk.store import open_store
from villagedesk.store.postgres.connection import county_database
from villagedesk.store.postgres.migrations.v0001_county import READER, WRITER

# Real packages at two levels and a real PostgreSQL server.
pytestmark = [pytest.mark.slow, pytest.mark.postgres]

# How long a step may take before the test gives up waiting for it: a hung test fails instead of
# hanging the run, it never decides an outcome (the order of events does).
STUCK = 120


def _townships(county: str, folder: Path, townships: dict[str, int]) -> SimpleNamespace:
    """``townships`` (name → villages) made, their villages' first packages taken, each township's package
    for the county written: nothing imported yet."""
    made = SimpleNamespace(url=county, townships={})
    for t, (name, count) in enumerate(townships.items(), start=1):
        place = folder / f"township-{t}"
        place.mkdir(parents=True)
        db = make_township(place / "township.sqlite3", name, t, county)
        for v in range(1, count + 1):
            send(make_village(place / f"village-{v}.sqlite3", db, village_code(t, v), f"第{v}村", name),
                 db, place / "stick")
        made.townships[name] = SimpleNamespace(db=db, package=forward(db, place / "to-county"))
    return made


@pytest.fixture
def two(county, tmp_path) -> SimpleNamespace:
    return _townships(county, tmp_path, {"天门乡": 2, "白溪镇": 1})


def _database(url: str) -> str:
    return str(conninfo_to_dict(url)["dbname"])


@pytest.fixture
def people(postgres_server, county) -> Iterator[SimpleNamespace]:
    """Three people of the county, each with a login of their own: two who import, one who only reads."""
    with postgres_server.login_role(WRITER) as zhao, postgres_server.login_role(WRITER) as qian, \
            postgres_server.login_role(READER) as wang:
        url = {name: postgres_server.url(_database(county), user=name) for name in (zhao, qian, wang)}
        yield SimpleNamespace(writers=(url[zhao], url[qian]), reader=url[wang])


# --- what the county holds, and what it should --------------------------------------------------

def held(url: str) -> dict:
    """Everything the county holds, counted: per village its rows not deleted; and every table's rows."""
    with psycopg.connect(url, autocommit=True) as conn:
        rows = dict(conn.execute("SELECT village_code, count(*) FROM county.rows WHERE NOT deleted "
                                 "GROUP BY village_code").fetchall())
        tables = {table: conn.execute(f"SELECT count(*) FROM county.{table}").fetchone()[0]
                  for table in ("townships", "township_keys", "township_packages", "villages", "village_keys",
                                "village_packages", "rows", "events", "audit")}
        # The rows' own key (village, table, uid) is the primary key: a doubled row would be a second
        # package or village row, counted above, never a second copy of a record.
        per_township = dict(conn.execute("SELECT t.name, count(p.id) FROM county.townships t "
                                         "LEFT JOIN county.township_packages p ON p.township_id = t.id "
                                         "GROUP BY t.name").fetchall())
    return {"rows": rows, "tables": tables, "packages": per_township}


def sent(made: SimpleNamespace, *names: str) -> dict[str, int]:
    """Per village of townships ``names``: the records its township holds of it, which the county must hold."""
    found: dict[str, int] = {}
    for name in names:
        with open_store(made.townships[name].db, write=False) as store:
            found.update(store.conn.execute("SELECT village_code, count(*) FROM tw_rows WHERE deleted = 0 "
                                            "GROUP BY village_code").fetchall())
    return found


# --- several connections, each on a thread of its own -------------------------------------------

class Client(threading.Thread):
    """One person's connection doing ``work(conn)`` on a thread; ``result`` or ``error`` when done."""

    def __init__(self, url: str, work: Callable[[psycopg.Connection], object]):
        super().__init__(daemon=True)
        self._stack = ExitStack()
        self.conn = self._stack.enter_context(county_database(url))
        self.pid = self.conn.info.backend_pid
        self.work, self.result, self.error = work, None, None

    def run(self) -> None:
        try:
            self.result = self.work(self.conn)
        except BaseException as exc:  # handed to the test, which says what it was
            self.error = exc
        finally:
            self._stack.close()

    def outcome(self) -> object:
        self.join(STUCK)
        assert not self.is_alive(), "still running"
        if self.error is not None:
            raise self.error
        return self.result


def importing(path: Path) -> Callable[[psycopg.Connection], object]:
    return lambda conn: import_township_package(conn, path, accept_new_township=True)


@contextmanager
def paused_before_commit(url: str) -> Iterator[psycopg.Connection]:
    """Every import that starts in this block stops at its last write, its transaction open with all it
    wrote, until the block ends: a SHARE lock on county.audit, which reading does not conflict with.
    Yields a connection of the test's own, to look at the server with."""
    with psycopg.connect(url, autocommit=True) as holder, psycopg.connect(url, autocommit=True) as looking:
        with holder.transaction():
            holder.execute("LOCK TABLE county.audit IN SHARE MODE")
            yield looking


def waiting_on(looking: psycopg.Connection, client: Client) -> str | None:
    """The kind of lock ``client``'s connection is waiting for ('relation', 'advisory', …), None if none."""
    row = looking.execute("SELECT wait_event FROM pg_stat_activity WHERE pid = %s AND wait_event_type = 'Lock'",
                          (client.pid,)).fetchone()
    return None if row is None else str(row[0])


def until(looking: psycopg.Connection, done: Callable[[], bool], clients: list[Client]) -> None:
    """Wait until ``done()``; a client that ended meanwhile ends the wait with what it did or raised."""
    deadline = time.monotonic() + STUCK
    while not done():
        for client in clients:
            if not client.is_alive():
                raise AssertionError(f"a client ended before it was meant to: {client.error or client.result!r}")
        assert time.monotonic() < deadline, "the clients never reached the point the test waits for"
        time.sleep(0.02)


# --- the tests ---------------------------------------------------------------------------------------

def test_two_townships_imported_at_once_both_land_whole(two, people):
    packages = [two.townships[name].package for name in ("天门乡", "白溪镇")]
    with paused_before_commit(two.url) as looking:
        clients = [Client(url, importing(path)) for url, path in zip(people.writers, packages, strict=True)]
        for client in clients:
            client.start()
        # Both reach their last write with their transactions open at the same time: neither import
        # waited for the other to commit (each waits only on the test's lock, on county.audit).
        until(looking, lambda: all(waiting_on(looking, c) == "relation" for c in clients), clients)
        # Until they commit nobody sees any of it.
        assert held(two.url)["tables"]["villages"] == 0
    results = [client.outcome() for client in clients]
    assert [(r.township, r.already, len(r.villages)) for r in results] == [("天门乡", False, 2), ("白溪镇", False, 1)]
    found = held(two.url)
    assert found["rows"] == sent(two, "天门乡", "白溪镇") and len(found["rows"]) == 3
    assert found["packages"] == {"天门乡": 1, "白溪镇": 1}
    assert {k: found["tables"][k] for k in ("townships", "township_keys", "villages", "village_keys",
                                            "village_packages", "events")} == {
        "townships": 2, "township_keys": 2, "villages": 3, "village_keys": 3, "village_packages": 3, "events": 0}


def test_the_same_package_imported_from_two_connections_at_once_lands_once(two, people):
    package = two.townships["天门乡"].package
    with paused_before_commit(two.url) as looking:
        first = Client(people.writers[0], importing(package))
        first.start()
        until(looking, lambda: waiting_on(looking, first) == "relation", [first])
        second = Client(people.writers[1], importing(package))
        second.start()
        # The second waits for the first's lock on the township (core.county.importer), not for anything of
        # the test's: it cannot read the township as it was before the first commits.
        until(looking, lambda: waiting_on(looking, second) == "advisory", [first, second])
    taken, again = first.outcome(), second.outcome()
    assert (taken.already, len(taken.villages)) == (False, 2)
    assert again.already and (again.township, again.sequence) == ("天门乡", 1)
    assert "已经导入过" in again.summary()
    found = held(two.url)
    assert found["rows"] == sent(two, "天门乡") and found["packages"] == {"天门乡": 1}
    assert (found["tables"]["villages"], found["tables"]["village_packages"], found["tables"]["village_keys"]) == (2, 2, 2)


def test_a_reader_reads_another_township_while_an_import_is_open(two, people):
    with county_database(people.writers[0]) as conn:
        import_township_package(conn, two.townships["天门乡"].package, accept_new_township=True)
    today = clock.today()

    def read(conn: psycopg.Connection) -> dict:
        townships = browse.townships(conn)
        (tianmen,) = [t for t in townships if t["name"] == "天门乡"]
        villages = browse.villages(conn, tianmen["id"])
        code = villages[0]["code"]
        tables = browse.village_tables(conn, code)
        page = browse.rows_page(conn, code, tables[0]["table"])
        return {"townships": [t["name"] for t in townships], "villages": len(villages), "tables": len(tables),
                "page": len(page), "summary": [line["township"] for line in summary_rows(conn, today)]}

    with paused_before_commit(two.url) as looking:
        writer = Client(people.writers[1], importing(two.townships["白溪镇"].package))
        writer.start()
        until(looking, lambda: waiting_on(looking, writer) == "relation", [writer])
        reader = Client(people.reader, read)
        reader.start()
        # The reader finishes while the import is stopped inside its open transaction; had it waited on any
        # lock of the import's, the server would show it waiting and the test would say so.
        until(looking, lambda: not reader.is_alive() or waiting_on(looking, reader) is not None, [writer])
        assert waiting_on(looking, reader) is None
        seen = reader.outcome()
        assert writer.is_alive() and waiting_on(looking, writer) == "relation"
    # It read what was committed: the township being imported is not there yet, all of 天门乡 is.
    assert seen["townships"] == ["天门乡"] and seen["summary"] == ["天门乡", "天门乡"]
    assert seen["villages"] == 2 and seen["tables"] > 0 and seen["page"] > 0
    assert not writer.outcome().already
    with county_database(people.reader) as conn:
        assert sorted(t["name"] for t in browse.townships(conn)) == sorted(["天门乡", "白溪镇"])


def test_a_reader_cannot_import(two, people, capsys):
    before = held(two.url)
    package = two.townships["天门乡"].package
    with county_database(people.reader) as conn:
        with pytest.raises(UserError) as refused:
            import_township_package(conn, package, accept_new_township=True)
        # Nor write past the program: the server refuses the reader's role any change.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO county.audit (at, action, table_name) VALUES (now(), 'x', 'x')")
    said = str(refused.value)
    assert "\n" not in said and "villagedesk_writer" in said and "没有权限" in said
    # The command line says the same in one line and exits 1.
    assert main(["import-package", str(package), "--db", people.reader, "--accept-new-township"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "没有权限" in err and "Traceback" not in err
    assert held(two.url) == before
