"""Browsing the county read-only (core.county.browse): townships → villages → a village's records.

A real village writes a real package, a real township takes it and sends its own, the county imports
that (tests.helpers.county); everything is then read back on a real PostgreSQL server, also as a role of
the reader group.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.core.township.test_merge import approve
from tests.helpers.county import forward, import_into, make_township, make_village, send, village_code
from tests.helpers.factories import valid_id
from villagedesk.core.common import ids
from villagedesk.core.county import browse
from villagedesk.core.register import people
from villagedesk.store import open_store
from villagedesk.store.postgres.connection import county_database

# A village and a township written, sealed and imported (seconds), on a real PostgreSQL server.
pytestmark = [pytest.mark.slow, pytest.mark.postgres]

ID_NUMBER, PHONE = valid_id(), "13912345678"


def seeded_county(county_url: str, folder: Path, *, entries: int = 5) -> SimpleNamespace:
    """The county at ``county_url`` after importing 天门乡's first package, which carried 油溪桥村: its two
    households, their heads and a person with an ID number and a phone, and ``entries`` approved points entries."""
    township_db = make_township(folder / "township.sqlite3", "天门乡", 1, county_url)
    code = village_code(1, 1)
    village_db = make_village(folder / "village.sqlite3", township_db, code, "油溪桥村", "天门乡")
    with open_store(village_db) as store:
        house = store.row("SELECT id FROM households WHERE code = 'HH001'")
        people.update_household(store, house["id"], phone=PHONE, address=f"油溪桥（联系 {PHONE}）")
        people.add_person(store, house["id"], name="李四", relation="子", id_number=ID_NUMBER, phone=PHONE)
    approve(village_db, entries)
    send(village_db, township_db, folder / "stick")
    import_into(county_url, forward(township_db, folder / "to-county"))
    return SimpleNamespace(url=county_url, code=code)


@pytest.fixture
def held(county, tmp_path):
    return seeded_county(county, tmp_path, entries=5)


def test_townships_count_their_villages(held):
    with county_database(held.url) as conn:
        found = browse.townships(conn)
        assert [(t["name"], t["villages"]) for t in found] == [("天门乡", 1)]
        listed = browse.villages(conn, found[0]["id"])
        assert [(v["code"], v["name"], v["last_sequence"]) for v in listed] == [(held.code, "油溪桥村", 1)]
        assert browse.villages(conn, found[0]["id"] + 1000) == []


def test_a_village_names_its_township_and_its_tables_with_their_counts(held):
    with county_database(held.url) as conn:
        village = browse.village(conn, held.code)
        assert village["township"] == "天门乡" and village["name"] == "油溪桥村"
        assert village["last_sequence"] == 1
        # The newest package the county took of it, and the township package that carried it.
        assert village["package_sequence"] == 1 and village["township_sequence"] == 1
        assert village["package_imported_by"] == conn.info.user
        assert browse.village(conn, "no such code") is None
        tables = {t["table"]: t for t in browse.village_tables(conn, held.code)}
    assert tables["households"]["rows"] == 2 and tables["households"]["label"] == "户"
    assert tables["point_entries"]["rows"] == 5
    # In the program's order: the register before the points.
    order = list(tables)
    assert order.index("households") < order.index("persons") < order.index("point_entries")


def test_a_page_of_points_entries_in_the_villages_order_with_their_household(held):
    with county_database(held.url) as conn:
        first = browse.rows_page(conn, held.code, "point_entries", 0, 3)
        rest = browse.rows_page(conn, held.code, "point_entries", 3, 3)
        beyond = browse.rows_page(conn, held.code, "point_entries", 10, 3)
    assert len(first) == 3 and len(rest) == 2 and beyond == []
    ids = [r["id"] for r in first + rest]
    assert ids == sorted(ids) and len(set(ids)) == 5
    # The household a points entry belongs to travels as its uid: shown as the household's number.
    assert {r["household_id"] for r in first} == {"HH001"}
    # The rule an entry was scored by: its number and item.
    assert all(r["rule_id"].endswith("测试加分") for r in first)
    # The record's own columns first, what the program writes by itself last.
    shown = browse.columns("point_entries", first)
    assert shown[0] == "id" and shown[-5:] == ["uid", "created_at", "updated_at", "prev_hash", "hash"]


def test_id_numbers_and_phones_are_masked(held):
    with county_database(held.url) as conn:
        persons = browse.rows_page(conn, held.code, "persons")
        households = browse.rows_page(conn, held.code, "households")
    person = next(p for p in persons if p["name"] == "李四")
    assert person["id_number"] == ids.mask_id(ID_NUMBER) and person["id_number"] != ID_NUMBER
    assert person["phone"] == "139****5678"
    assert PHONE not in str(persons) and ID_NUMBER not in str(persons)
    assert PHONE not in str(households)
    assert "139****5678" in next(h["address"] for h in households if h["code"] == "HH001")


def test_a_reader_browses_everything(held, postgres_server):
    with postgres_server.login_role("villagedesk_reader") as reader:
        url = held.url.replace(f"{postgres_server.user}@", f"{reader}@", 1)
        with county_database(url) as conn:
            assert conn.info.user == reader
            township = browse.townships(conn)[0]
            assert browse.villages(conn, township["id"])
            assert browse.village(conn, held.code)["name"] == "油溪桥村"
            assert browse.village_tables(conn, held.code)
            assert len(browse.rows_page(conn, held.code, "point_entries")) == 5


def test_a_table_only_a_newer_program_knows_shows_the_columns_it_came_with():
    assert browse.layout("solar_panels").columns == ()
    assert browse.columns("solar_panels", [{"id": 1, "uid": "x", "watts": 300}]) == ["id", "watts", "uid"]
    assert browse.table_label("solar_panels") == "solar_panels"
