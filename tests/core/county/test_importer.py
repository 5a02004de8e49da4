"""Township packages taken into the county (core.county.importer; docs/COUNTY.md "Importing township packages").

The whole chain with real parts: village files → their townships (real signed, sealed village packages)
→ township packages signed and sealed for the county → a real county database on PostgreSQL.  Every
refusal is checked to leave the county exactly as it was (every county table read back whole).
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from psycopg import sql

from tests.core.township.test_merge import approve
from tests.helpers import county as filled
from tests.helpers.packages import forged_member, repackaged, without_figures
from villagedesk import clock
from villagedesk.core.common.village import get_profile, save_profile
from villagedesk.core.county.importer import NewTownship, NewTownshipKey
from villagedesk.core.township import keys
from villagedesk.documents.package.county_import import import_township_package
from villagedesk.documents.package.importer import import_package
from villagedesk.documents.package.writer import write_package
from villagedesk.errors import UserError
from villagedesk.store import open_store
from villagedesk.store.postgres.connection import county_database

# Real packages at two levels and a real PostgreSQL server.
pytestmark = [pytest.mark.slow, pytest.mark.postgres]

TABLES = ("townships", "township_keys", "township_packages", "villages", "village_keys", "rows", "events",
          "village_packages", "audit")


def state(url: str) -> dict[str, list[tuple]]:
    """Every row of every county table: what "the county unchanged" is compared by."""
    with county_database(url) as conn:
        return {table: conn.execute(sql.SQL("SELECT * FROM county.{} ORDER BY 1, 2, 3").format(
            sql.Identifier(table))).fetchall() for table in TABLES}


def one(url: str, query: str, *args):
    with county_database(url) as conn:
        return conn.execute(query, args).fetchone()


def refused(url: str, package: Path, match: str, **kw) -> str:
    before = state(url)
    with pytest.raises(UserError, match=match) as caught:
        filled.import_into(url, package, **kw)
    assert state(url) == before
    return str(caught.value)


@pytest.fixture
def two(county, tmp_path):
    """天门乡 with two villages and 白溪镇 with one, each township's first package imported."""
    return filled.filled_county(county, tmp_path)


def test_two_townships_villages_land_in_the_county_with_their_records(two):
    tianmen, baixi = two.townships["天门乡"], two.townships["白溪镇"]
    assert [(v.village_name, v.new_village, v.already) for v in tianmen.result.villages] == [
        ("油溪桥村", True, False), ("大熊山村", True, False)]
    assert tianmen.result.new_township and "已导入天门乡第 1 号" in tianmen.result.summary()
    with county_database(two.url) as conn:
        villages = conn.execute("SELECT t.name, v.name, v.last_sequence, v.figures->>'households' "
                                "FROM county.villages v JOIN county.townships t ON t.id = v.township_id "
                                "ORDER BY t.name, v.name").fetchall()
        assert villages == [("天门乡", "大熊山村", 1, "2"), ("天门乡", "油溪桥村", 1, "2"), ("白溪镇", "油溪桥村", 1, "2")]
        # Each village's records as it sent them, under its own code: two villages' HH001 do not collide.
        assert conn.execute("SELECT count(*), count(DISTINCT village_code) FROM county.rows "
                            "WHERE table_name = 'households' AND data->>'code' = 'HH001'").fetchone() == (3, 3)
        taken = conn.execute("SELECT p.village_code, p.sequence, p.file_name, tp.sequence FROM county.village_packages p "
                             "JOIN county.township_packages tp ON tp.id = p.township_package_id ORDER BY 1").fetchall()
        assert [(code, seq, tp) for code, seq, _name, tp in taken] == [
            (filled.village_code(1, 1), 1, 1), (filled.village_code(1, 2), 1, 1), (filled.village_code(2, 1), 1, 1)]
        assert conn.execute("SELECT name, last_sequence FROM county.townships ORDER BY name").fetchall() == [
            ("天门乡", 1), ("白溪镇", 1)]
        # Who did it: the server's own name for the login, in the same transaction.
        assert conn.execute("SELECT count(*) FROM county.audit WHERE action = 'import-package' "
                            "AND who = current_user").fetchone() == (2,)
    assert baixi.result.villages[0].village_code == filled.village_code(2, 1)


def test_the_same_file_again_changes_nothing(two):
    before = state(two.url)
    again = filled.import_into(two.url, two.townships["天门乡"].package)
    assert again.already and "已经导入过，没有任何改动" in again.summary()
    assert state(two.url) == before


def test_the_same_package_brought_as_another_copy_changes_nothing(two, tmp_path):
    # The same sealed file under another name: known by its content, not its name.
    copy = tmp_path / "copy" / two.townships["天门乡"].package.name
    copy.parent.mkdir()
    shutil.copy(two.townships["天门乡"].package, copy)
    before = state(two.url)
    assert filled.import_into(two.url, copy).already
    assert state(two.url) == before


def test_the_next_package_carries_what_the_villages_sent_since(two):
    tianmen = two.townships["天门乡"]
    first = tianmen.villages[0]
    approve(first, 3)
    filled.send(first, tianmen.db, tianmen.folder / "stick")
    package = filled.forward(tianmen.db, tianmen.folder / "to-county")
    result = filled.import_into(two.url, package)
    assert (result.sequence, result.full, len(result.villages)) == (2, False, 1)
    code = filled.village_code(1, 1)
    assert one(two.url, "SELECT last_sequence, chain_count FROM county.villages WHERE code = %s", code) == (2, 3)
    assert one(two.url, "SELECT count(*) FROM county.rows WHERE village_code = %s AND table_name = 'point_entries' "
                        "AND data->>'status' = 'approved'", code) == (3,)
    assert "新增" in result.summary()
    # The other village of the township and the other township are as they were.
    assert one(two.url, "SELECT last_sequence FROM county.villages WHERE code = %s", filled.village_code(1, 2)) == (1,)


def test_a_full_township_package_after_all_was_taken_changes_no_record(two):
    tianmen = two.townships["天门乡"]
    package = filled.forward(tianmen.db, tianmen.folder / "to-county", full=True)
    rows = state(two.url)["rows"]
    result = filled.import_into(two.url, package)
    assert result.full and not result.already and all(v.already for v in result.villages)
    assert state(two.url)["rows"] == rows


def test_a_township_s_first_package_waits_for_the_officer_to_compare_its_fingerprint(county, tmp_path):
    township = filled.make_township(tmp_path / "t.sqlite3", "天门乡", 1, county)
    village = filled.make_village(tmp_path / "v.sqlite3", township, filled.village_code(1, 1), "油溪桥村", "天门乡")
    filled.send(village, township, tmp_path / "stick")
    package = filled.forward(township, tmp_path / "out")
    with open_store(township, write=False) as store:
        fingerprint = keys.township_card(store)[0].fingerprint
    message = refused(county, package, "第一个数据包", accept_new_township=False)
    assert fingerprint in message
    with pytest.raises(NewTownship) as caught:
        filled.import_into(county, package, accept_new_township=False)
    assert caught.value.flag == "--accept-new-township"
    assert filled.import_into(county, package).new_township


def test_an_older_package_is_refused_naming_the_newest_taken(county, tmp_path):
    township = filled.make_township(tmp_path / "t.sqlite3", "天门乡", 1, county)
    village = filled.make_village(tmp_path / "v.sqlite3", township, filled.village_code(1, 1), "油溪桥村", "天门乡")
    filled.send(village, township, tmp_path / "stick")
    first = filled.forward(township, tmp_path / "out")
    approve(village, 2)
    filled.send(village, township, tmp_path / "stick")
    second = filled.forward(township, tmp_path / "out2", full=True)
    filled.import_into(county, second)  # a full package may come first
    message = refused(county, first, "更早")
    assert "第 2 号" in message


def test_a_package_with_one_missing_before_it_is_refused(county, tmp_path):
    township = filled.make_township(tmp_path / "t.sqlite3", "天门乡", 1, county)
    village = filled.make_village(tmp_path / "v.sqlite3", township, filled.village_code(1, 1), "油溪桥村", "天门乡")
    filled.send(village, township, tmp_path / "stick")
    first = filled.forward(township, tmp_path / "out")
    approve(village, 1)
    filled.send(village, township, tmp_path / "stick")
    second = filled.forward(township, tmp_path / "out2")
    approve(village, 1)
    filled.send(village, township, tmp_path / "stick")
    third = filled.forward(township, tmp_path / "out3")
    filled.import_into(county, first)
    refused(county, third, "缺少天门乡第 2 号")
    assert filled.import_into(county, second).sequence == 2
    assert filled.import_into(county, third).sequence == 3


def test_a_township_that_reinstalled_is_taken_only_when_confirmed_and_recorded(two, tmp_path):
    # The same township made again (a new database, new keys), its village joining it again.
    tianmen = two.townships["天门乡"]
    again = filled.make_township(tmp_path / "again.sqlite3", "天门乡", 1, two.url)
    village = tianmen.villages[1]
    with open_store(again, write=False) as store:
        card, signature = keys.township_card(store)
    with open_store(village) as store:
        keys.join_township(store, card, card.to_json(signature), replace=True)
    filled.send(village, again, tmp_path / "stick", full=True)
    package = filled.forward(again, tmp_path / "out", full=True)
    message = refused(two.url, package, "换了签名密钥")
    assert card.fingerprint in message
    with pytest.raises(NewTownshipKey):
        filled.import_into(two.url, package)
    result = filled.import_into(two.url, package, accept_new_township_key=True)
    assert any("换了签名密钥" in event for event in result.events)
    assert one(two.url, "SELECT count(*) FROM county.township_keys k JOIN county.townships t ON t.id = k.township_id "
                        "WHERE t.name = '天门乡' AND k.retired_at IS NOT NULL") == (1,)
    assert one(two.url, "SELECT kind FROM county.events WHERE village_code IS NULL") == ("new-key",)


def test_a_township_of_another_county_is_refused(two, tmp_path):
    # A township whose card says another county, sealed for this county's card all the same.
    other = filled.make_township(tmp_path / "other.sqlite3", "天门乡", 7, two.url)
    with open_store(other) as store:
        profile = get_profile(store)
        save_profile(store, dataclasses.replace(profile, county="隆回县"))
    village = filled.make_village(tmp_path / "v.sqlite3", other, filled.village_code(7, 1), "油溪桥村", "天门乡")
    filled.send(village, other, tmp_path / "stick")
    package = filled.forward(other, tmp_path / "out")
    refused(two.url, package, "隆回县天门乡，不是本县")


def test_a_key_another_township_holds_is_refused(two, tmp_path):
    # 天门乡's own database renamed 新安乡: its package would pass for a new township with a known key.
    tianmen = two.townships["天门乡"]
    copy = tmp_path / "renamed.sqlite3"
    shutil.copy(tianmen.db, copy)
    with open_store(copy) as store:
        profile = get_profile(store)
        save_profile(store, dataclasses.replace(profile, name="新安乡", township="新安乡"))
    package = filled.forward(copy, tmp_path / "out", full=True)
    refused(two.url, package, "属于天门乡，却自称新安乡")


def test_a_changed_byte_is_refused_and_the_county_unchanged(two, tmp_path):
    tianmen = two.townships["天门乡"]
    approve(tianmen.villages[0], 1)
    filled.send(tianmen.villages[0], tianmen.db, tianmen.folder / "stick")
    package = filled.forward(tianmen.db, tianmen.folder / "to-county")
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad = tmp_path / package.name
    bad.write_bytes(bytes(data))
    refused(two.url, bad, package.name)
    assert filled.import_into(two.url, package).sequence == 2


def test_a_village_that_moved_township_moves_at_the_county_and_is_recorded(two, tmp_path):
    tianmen, baixi = two.townships["天门乡"], two.townships["白溪镇"]
    village = tianmen.villages[1]
    with open_store(baixi.db, write=False) as store:
        card, signature = keys.township_card(store)
    with open_store(village) as store:
        keys.join_township(store, card, card.to_json(signature), replace=True)
        profile = get_profile(store)
        save_profile(store, dataclasses.replace(profile, township="白溪镇"))
    filled.send(village, baixi.db, tmp_path / "stick", full=True)
    package = filled.forward(baixi.db, baixi.folder / "to-county")
    result = filled.import_into(two.url, package)
    assert "从天门乡转到白溪镇" in result.summary()
    code = filled.village_code(1, 2)
    assert one(two.url, "SELECT t.name FROM county.villages v JOIN county.townships t ON t.id = v.township_id "
                        "WHERE v.code = %s", code) == ("白溪镇",)
    assert one(two.url, "SELECT kind, detail::jsonb->>'from' FROM county.events WHERE village_code = %s", code) == (
        "moved", "天门乡")


def test_a_reader_cannot_import_and_is_told_in_one_line(two, postgres_server, county_url):
    tianmen = two.townships["天门乡"]
    approve(tianmen.villages[0], 1)
    filled.send(tianmen.villages[0], tianmen.db, tianmen.folder / "stick")
    package = filled.forward(tianmen.db, tianmen.folder / "to-county")
    database = two.url.rsplit("/", 1)[1].split("?")[0]
    with postgres_server.login_role("villagedesk_reader") as reader:
        before = state(two.url)
        with county_database(postgres_server.url(database, user=reader)) as conn, \
                pytest.raises(UserError, match="没有权限") as caught:
            import_township_package(conn, package)
        assert "\n" not in str(caught.value)
        assert state(two.url) == before


def test_a_nul_character_postgresql_cannot_hold_becomes_a_replacement_character(two):
    # SQLite holds a NUL in a text (a pasted or imported address); PostgreSQL's texts cannot.  A backslash,
    # a tab and a line break go through the server's bulk copy as they are.
    tianmen = two.townships["天门乡"]
    with open_store(tianmen.villages[0]) as store, store.atomic():
        store.conn.execute("UPDATE households SET address = ? WHERE code = 'HH001'", ("油溪\x00桥\\后\t街\r\n",))
    filled.send(tianmen.villages[0], tianmen.db, tianmen.folder / "stick", full=True)
    result = filled.import_into(two.url, filled.forward(tianmen.db, tianmen.folder / "to-county"))
    assert not result.villages[0].already
    assert one(two.url, "SELECT data->>'address' FROM county.rows WHERE village_code = %s AND table_name = "
                        "'households' AND data->>'code' = 'HH001'", filled.village_code(1, 1)) == ("油溪\ufffd桥\\后\t街\r\n",)


def test_a_full_package_marks_what_the_village_no_longer_has_and_writes_nothing_else(two):
    tianmen = two.townships["天门乡"]
    code = filled.village_code(1, 1)
    with open_store(tianmen.villages[0]) as store, store.atomic():
        gone = store.row("SELECT uid FROM persons ORDER BY id DESC LIMIT 1")["uid"]
        store.conn.execute("DELETE FROM persons WHERE uid = ?", (gone,))
    with county_database(two.url) as conn:
        untouched = conn.execute("SELECT uid, xmin::text FROM county.rows WHERE village_code = %s AND uid <> %s",
                                 (code, gone)).fetchall()
    filled.send(tianmen.villages[0], tianmen.db, tianmen.folder / "stick", full=True)
    result = filled.import_into(two.url, filled.forward(tianmen.db, tianmen.folder / "to-county"))
    (village,) = result.villages
    assert village.replaced and village.counts["persons"]["deleted"] == 1
    assert one(two.url, "SELECT deleted FROM county.rows WHERE village_code = %s AND uid = %s", code, gone) == (True,)
    # What the window lists for the village (villages.table_rows) counts the person gone, as the rows do.
    with open_store(tianmen.villages[0]) as store:
        persons = store.scalar("SELECT count(*) FROM persons")
    assert one(two.url, "SELECT table_rows->'persons' FROM county.villages WHERE code = %s", code) == (persons,)
    assert one(two.url, "SELECT count(*) FROM county.rows WHERE village_code = %s AND table_name = 'persons' "
                        "AND NOT deleted", code) == (persons,)
    with county_database(two.url) as conn:
        # The rows it still has, unchanged, were not written again (the same row versions).
        assert conn.execute("SELECT uid, xmin::text FROM county.rows WHERE village_code = %s AND uid <> %s",
                            (code, gone)).fetchall() == untouched


def _township_with_a_village_package_changed(county: str, tmp_path: Path, change) -> Path:
    """天门乡 of ``county`` holding one village's first package, its members changed by ``change`` (for
    tests.helpers.packages.repackaged) and signed again by the village itself: the township's file."""
    township = filled.make_township(tmp_path / "t.sqlite3", "天门乡", 1, county)
    village = filled.make_village(tmp_path / "v.sqlite3", township, filled.village_code(1, 1), "油溪桥村", "天门乡")
    (tmp_path / "stick").mkdir()
    with open_store(village) as store:
        good = write_package(store, tmp_path / "stick")
    (tmp_path / "changed").mkdir()
    path = repackaged(good, tmp_path / "changed" / good.name, township, change, signer=village)
    with open_store(township) as store:
        import_package(store, path, accept_new_village=True)
    return township


def test_a_village_package_without_figures_has_them_computed_at_the_county(county, tmp_path):
    # What an older village program wrote: no figures.json (signed by the village all the same).
    township = _township_with_a_village_package_changed(county, tmp_path, without_figures)
    filled.import_into(county, filled.forward(township, tmp_path / "out"))
    figures = one(county, "SELECT figures FROM county.villages WHERE code = %s", filled.village_code(1, 1))[0]
    assert (figures["households"], figures["persons"], figures["as_of"]) == (2, 2, clock.today().isoformat())


def test_a_uid_sent_twice_in_a_village_s_first_package_is_refused_and_the_county_unchanged(county, tmp_path):
    # A village's first package at the county goes straight into county.rows (no staging): a record the
    # village signed twice is refused by the county's key there, as the merge refuses it later.
    def twice(data: bytes) -> bytes:
        return data + data.split(b"\n")[0] + b"\n"

    township = _township_with_a_village_package_changed(county, tmp_path, forged_member("data/persons.jsonl", twice))
    message = refused(county, filled.forward(township, tmp_path / "out"), "县级数据库存不下",
                      accept_new_township=True)
    assert "油溪桥村" in message
