"""The county answers the township's checks as the township does (core.county.held, core.township.held):
the rows of tests/core/township/test_held.py held by a township (SQLite, tw_rows) and by a county
(PostgreSQL, county.rows, the record as JSONB) give the same answer to every question, odd rows too."""

from __future__ import annotations

import json

import pytest

from tests.core.township.test_held import (
    CODE,
    KEYS,
    NEVER,
    OTHER,
    ROWS,
    SEQS,
    UIDS,
    VILLAGES,
)
from villagedesk import clock
from villagedesk.core.county.held import CountyHeld
from villagedesk.core.township.held import Receiver, TownshipHeld
from villagedesk.store.postgres.connection import county_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def county_conn(county):
    now = clock.now().replace(microsecond=0)
    with county_database(county) as conn:
        with conn.transaction():
            township_id = conn.execute(
                "INSERT INTO county.townships (name, county, signing_key, fingerprint, created_at, updated_at) "
                "VALUES ('天门乡', '新化县', 'T', 'TTTT', %s, %s) RETURNING id", (now, now)).fetchone()[0]
            for n, (code, last, count, head) in enumerate(VILLAGES):
                conn.execute("INSERT INTO county.villages (code, township_id, name, last_sequence, chain_count, "
                             "chain_head, created_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                             (code, township_id, f"村{n}", last, count, head, now, now))
            for n, (public, fingerprint, retired) in enumerate(KEYS):
                conn.execute("INSERT INTO county.village_keys (village_code, public_key, fingerprint, first_sequence, "
                             "retired_at, created_at) VALUES (%s, %s, %s, %s, %s, %s)",
                             (CODE, public, fingerprint, n + 1, now if retired else None, now))
            with conn.cursor() as cursor:
                cursor.executemany("INSERT INTO county.rows (village_code, table_name, uid, data, deleted, "
                                   "package_sequence) VALUES (%s, %s, %s, %s::jsonb, %s, 1)",
                                   [(code, table, data["uid"], json.dumps(data), deleted)
                                    for code, table, data, deleted in ROWS])
        yield conn


def _same(township, county_conn, code: str, ask) -> object:
    """``ask(held)`` of the township's and the county's: the one answer both give."""
    at_township, at_county = ask(TownshipHeld(township, code)), ask(CountyHeld(county_conn, code))
    assert at_county == at_township
    return at_township


CODES = [CODE, OTHER, NEVER]


def test_the_county_names_itself_in_the_checks_refusals(county_conn):
    assert CountyHeld(county_conn, CODE).receiver == Receiver("本县", "县里")


@pytest.mark.parametrize("code", CODES)
def test_the_village_its_key_and_its_last_chained_entry(township, county_conn, code):
    for ask in (lambda h: h.code, lambda h: h.village(), lambda h: h.pinned_key() and h.pinned_key()[1:],
                lambda h: h.last_chained()):
        _same(township, county_conn, code, ask)


@pytest.mark.parametrize("code", CODES)
def test_every_chained_entry_in_order(township, county_conn, code):
    _same(township, county_conn, code, lambda h: list(h.chained_entries()))


@pytest.mark.parametrize("code", CODES)
def test_entries_at_sequences_with_their_types(township, county_conn, code):
    found = _same(township, county_conn, code, lambda h: h.entries_at(SEQS))
    # 3.0 stays a float, false an int: compared by type as well as by value.
    _same(township, county_conn, code, lambda h: {k: tuple(map(type, e)) for k, e in h.entries_at(SEQS).items()})
    assert code != CODE or len(found) > 100  # type: ignore[arg-type]
    _same(township, county_conn, code, lambda h: h.entries_at([]))


@pytest.mark.parametrize("code", CODES)
def test_whether_some_uids_are_chained_entries(township, county_conn, code):
    _same(township, county_conn, code, lambda h: [h.sequenced_among(uids) for uids in UIDS])


@pytest.mark.parametrize("code", CODES)
def test_a_tables_rows_with_named_fields_and_their_types(township, county_conn, code):
    for table, fields in (("households", ("archived",)), ("point_scheme", ("id", "period_kind", "reset_each_period")),
                          ("persons", ("archived",)), ("households", ())):
        rows = _same(township, county_conn, code, lambda h, t=table, f=fields: sorted(h.rows(t, f)))
        assert [tuple(map(type, r)) for r in rows] == [  # type: ignore[attr-defined]
            tuple(map(type, r)) for r in sorted(CountyHeld(county_conn, code).rows(table, fields))]


@pytest.mark.parametrize("code", CODES)
def test_the_months_of_approved_entries(township, county_conn, code):
    _same(township, county_conn, code, lambda h: h.approved_months())


def test_an_entry_list_stopped_early_leaves_the_connection_as_it_was(county_conn):
    with county_conn.transaction():
        entries = CountyHeld(county_conn, CODE).chained_entries()
        assert next(entries).uid == "e1"
        entries.close()
        assert CountyHeld(county_conn, CODE).last_chained().seq == 1299  # type: ignore[union-attr]
    both = CountyHeld(county_conn, CODE).chained_entries(), CountyHeld(county_conn, CODE).chained_entries()
    assert [next(entries).uid for entries in both] == ["e1", "e1"]
    for entries in both:
        entries.close()
    assert county_conn.info.transaction_status.name == "IDLE"
