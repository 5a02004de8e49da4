"""A page reads again only when what it shows may have changed (issue 18, "Performance")."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from villagedesk import clock
from villagedesk.core.register import people
from villagedesk.ui.kit.freshness import Freshness


def _read(freshness: Freshness) -> Freshness:
    freshness.reading()
    return freshness


def test_never_read_is_stale_and_read_with_nothing_changed_is_not(store):
    freshness = Freshness(store)
    assert freshness.stale()
    freshness.reading()
    assert not freshness.stale()
    store.rows("SELECT * FROM households")  # a read changes nothing
    assert not freshness.stale()


def test_a_write_through_the_window_makes_it_stale(store):
    freshness = _read(Freshness(store))
    people.add_household(store, code="HH001", group_name="第一村民小组")
    assert freshness.stale()
    freshness.reading()
    assert not freshness.stale()


def test_a_write_by_another_program_makes_it_stale(store):
    freshness = _read(Freshness(store))
    with sqlite3.connect(store.path) as other:  # what another process commits into the same file
        other.execute("INSERT INTO settings (key, value) VALUES ('elsewhere', '1')")
    assert freshness.stale()


def test_the_day_turning_makes_it_stale(store):
    freshness = _read(Freshness(store))
    clock.set(clock.today() + timedelta(days=1))
    assert freshness.stale()


def test_what_the_page_names_besides_makes_it_stale(store):
    newest = ["2026-11-01"]
    freshness = _read(Freshness(store, lambda: newest[0]))
    newest[0] = "2026-11-16"
    assert freshness.stale()


def test_forget_reads_again_and_a_closed_store_reads_nothing(store):
    freshness = _read(Freshness(store))
    freshness.forget()
    assert freshness.stale()
    store.close()
    assert not freshness.stale()


# --- what the pages built on it share in their tests ----------------------------------------------

def statements_run(store, action) -> list[str]:
    """The SQL statements ``action`` runs on the window's connection."""
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        action()
    finally:
        store.conn.set_trace_callback(None)
    return seen


def reads_nothing(statements: list[str]) -> bool:
    """Only the change stamp was asked: the page shown again read none of its data."""
    return all(s.strip().upper() == "PRAGMA DATA_VERSION" for s in statements)


def test_the_helpers_see_a_read(store):
    assert not reads_nothing(statements_run(store, lambda: store.rows("SELECT * FROM households")))
    assert reads_nothing(statements_run(store, lambda: Freshness(store).stale()))
