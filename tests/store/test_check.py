"""store/check.py: SQLite's own checks with another check beside them, and readers that share a long read.

Real files; the check that runs beside SQLite's is a plain function here (the points chain is
tests/core/points/test_chain_check.py's).
"""

from __future__ import annotations

import threading

import pytest

from villagedesk.core.register import people
from villagedesk.store import open_store
from villagedesk.store.check import check_problems, on_readers
from villagedesk.store.driver import sqlite3


def _village(db_path) -> None:
    with open_store(db_path) as store:
        for n in range(1, 30):
            household = people.add_household(store, code=f"HH{n:03}")
            people.add_person(store, household["id"], name=f"户主{n}", relation="户主")


def _raw(db_path) -> sqlite3.Connection:
    return sqlite3.connect(db_path, isolation_level=None)


def test_readers_run_at_once_each_on_its_own_connection(db_path):
    _village(db_path)
    seen: list[tuple[int, int]] = []

    def job(n):
        def run(conn: sqlite3.Connection) -> int:
            seen.append((n, id(conn)))
            return conn.execute("SELECT count(*) FROM households WHERE id <= ?", (n,)).fetchone()[0]
        return run

    with open_store(db_path, write=False) as store:
        assert on_readers(store, [job(n) for n in (3, 1, 7, 29)]) == [3, 1, 7, 29]
        connections = dict(seen)
        assert connections[3] == id(store.conn)  # the first runs on the store's own connection
        assert len(set(connections.values())) == 4
        assert on_readers(store, [job(5)]) == [5] and on_readers(store, []) == []


def test_a_readers_failure_is_the_callers(db_path):
    _village(db_path)

    def fails(conn):
        conn.execute("SELECT * FROM no_such_table")

    with open_store(db_path, write=False) as store:
        with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
            on_readers(store, [lambda conn: 1, fails])


def test_a_sound_file_says_what_the_check_beside_says(db_path):
    _village(db_path)
    beside: list = []

    def also(other):
        beside.append((other, threading.current_thread() is not threading.main_thread()))
        return [f"{other.scalar('SELECT count(*) FROM households')} 户"]

    with open_store(db_path, write=False) as store:
        assert check_problems(store, also) == ["29 户"]
        ((other, on_a_thread),) = beside
        assert other is not store and on_a_thread  # beside integrity_check, on a connection of its own
        assert check_problems(store, lambda other: []) == []


def test_a_broken_reference_is_told_before_the_check_beside(db_path):
    _village(db_path)
    conn = _raw(db_path)
    conn.execute("UPDATE persons SET household_id = 999 WHERE id = 1")
    conn.close()
    with open_store(db_path, write=False) as store:
        problems = check_problems(store, lambda other: ["链"])
    assert problems == ["表 persons 第 1 行引用了不存在的 households 记录"]


def test_a_damaged_file_tells_only_what_sqlite_found(db_path):
    _village(db_path)
    with open_store(db_path, write=False) as store:
        pages = store.scalar("PRAGMA page_count")
        root = store.scalar("SELECT rootpage FROM sqlite_master WHERE name = 'persons'")
    assert pages > root
    data = bytearray(db_path.read_bytes())
    data[(root - 1) * 4096 + 100:root * 4096] = b"\xff" * (4096 - 100)
    db_path.write_bytes(bytes(data))

    def trips(other):
        other.scalar("SELECT count(*), sum(length(name)) FROM persons")
        return ["链"]

    with open_store(db_path, write=False) as store:
        problems = check_problems(store, trips)
    assert problems and all("损坏" in p for p in problems)
