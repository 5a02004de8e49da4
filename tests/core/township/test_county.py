"""A township and its county: the county card (read, refused, joined, replaced) and the village packages
the township keeps to forward (docs/PACKAGES.md "The county card", "A township package")."""

from __future__ import annotations

import json

import pytest

from tests.helpers.factories import county_card
from villagedesk.core.township import county, keys
from villagedesk.core.township import messages as township_messages
from villagedesk.errors import UserError
from villagedesk.store import open_store


@pytest.fixture
def county_file(tmp_path):
    card, text, _identity = county_card()
    path = tmp_path / "county.json"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def township_card_file(tmp_path, township_db):
    with open_store(township_db, write=False) as store:
        card, signature = keys.township_card(store)
    path = tmp_path / "township.json"
    path.write_text(card.to_json(signature), encoding="utf-8")
    return path


def _audit(store) -> list[str]:
    return [r["action"] for r in store.rows("SELECT action FROM audit WHERE table_name = 'county_cards' ORDER BY id")]


# --- the card -----------------------------------------------------------------------------

def test_a_county_card_reads_back_as_itself_with_no_township(county_file):
    card, text = keys.read_card_file(county_file, keys.COUNTY_CARD_KIND)
    assert card.kind == keys.COUNTY_CARD_KIND and card.township == "" and card.county == "新化县"
    assert "township" not in json.loads(text)
    assert card == keys.parse_card(text, "county.json", keys.COUNTY_CARD_KIND)


def test_a_card_of_the_other_kind_is_named_as_such(county_file, township_card_file):
    with pytest.raises(UserError) as refused:
        keys.read_card(county_file)  # a county card given to join-township
    assert str(refused.value) == ("county.json 是县卡片，不是乡镇卡片。县卡片要在乡镇汇总数据库中导入"
                                  "（villagedesk join-county）。")
    with pytest.raises(UserError) as refused:
        keys.read_card(township_card_file, keys.COUNTY_CARD_KIND)
    assert str(refused.value) == ("township.json 是乡镇卡片，不是县卡片。乡镇卡片要在村级数据库中导入"
                                  "（villagedesk join-township）。")


@pytest.mark.parametrize("change", [{"county": "别的县"}, {"signature": "AAAA"}, {"kind": "something-else"},
                                    {"version": 2}])
def test_a_changed_county_card_is_refused_in_the_county_cards_words(county_file, change):
    found = json.loads(county_file.read_text(encoding="utf-8"))
    found.update(change)
    county_file.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(UserError, match="县卡片") as refused:
        keys.read_card(county_file, keys.COUNTY_CARD_KIND)
    assert "乡镇卡片" not in str(refused.value)


def test_a_missing_county_card_file_says_which_card(tmp_path):
    with pytest.raises(UserError) as refused:
        keys.read_card(tmp_path / "none.json", keys.COUNTY_CARD_KIND)
    assert str(refused.value).startswith("找不到县卡片文件：")


# --- joining --------------------------------------------------------------------------------

def test_a_township_joins_its_county_once_and_replaces_it_keeping_the_old(township_db, county_file, tmp_path):
    card, text = keys.read_card_file(county_file, keys.COUNTY_CARD_KIND)
    other, other_text, _ = county_card("隆回县")
    with open_store(township_db) as store:
        assert county.trusted_county(store) is None
        assert county.join_county(store, card, text) == county.trusted_county(store) == card
        audited = store.scalar("SELECT count(*) FROM audit")
        assert county.join_county(store, card, text) == card  # the same card again: nothing changes
        assert store.scalar("SELECT count(*) FROM audit") == audited
        with pytest.raises(UserError) as refused:
            county.join_county(store, other, other_text)
        assert str(refused.value) == township_messages.ALREADY_JOINED.format(
            us="本乡镇", joined="新化县", level="县", fingerprint=card.fingerprint)
        assert county.join_county(store, other, other_text, replace=True) == county.trusted_county(store) == other
        rows = store.rows("SELECT * FROM county_cards ORDER BY id")
        assert [(r["county"], r["replaced_at"] is None) for r in rows] == [("新化县", False), ("隆回县", True)]
        assert keys.parse_card(rows[0]["card"], kind=keys.COUNTY_CARD_KIND) == card  # kept whole, still proves itself
        assert _audit(store) == ["insert", "replace-county", "insert"]
        # The village's side is untouched.
        assert keys.trusted_township(store) is None


def test_a_village_database_cannot_join_a_county(village_db, county_file):
    card, text = keys.read_card_file(county_file, keys.COUNTY_CARD_KIND)
    with open_store(village_db) as store:
        with pytest.raises(UserError) as refused:
            county.join_county(store, card, text)
        assert str(refused.value) == ("这是村级数据库，不能加入县。县卡片要在乡镇汇总数据库中导入"
                                      "（villagedesk join-county）。")
        assert store.scalar("SELECT count(*) FROM county_cards") == 0
        with pytest.raises(UserError, match="这是村级数据库，不能生成给县里的乡镇数据包"):
            county.require_county(store)


def test_a_township_card_cannot_be_joined_as_a_county(township_db, township_card_file):
    card, text = keys.read_card_file(township_card_file)
    with open_store(township_db) as store, pytest.raises(UserError, match="不能加入乡镇"):
        county.join_county(store, card, text)


def test_no_county_package_before_the_township_joined(township_db):
    with open_store(township_db) as store, pytest.raises(UserError) as refused:
        county.require_county(store)
    assert str(refused.value) == township_messages.COUNTY_NOT_JOINED
    assert "villagedesk county-card" in str(refused.value) and "join-county" in str(refused.value)


# --- what is kept to forward ----------------------------------------------------------------

def _village(store, code: str, name: str) -> None:
    store.conn.execute("INSERT INTO tw_villages (uid, created_at, updated_at, code, name, township, county, "
                       "last_sequence, last_created_at, last_imported_at) VALUES (?, '', '', ?, ?, '天门乡', '新化县', "
                       "1, '', '')", (f"uid-{code}", code, name))


def test_a_full_package_supersedes_what_was_kept_of_its_village(township_db):
    with open_store(township_db) as store:
        _village(store, "A1", "甲村")
        _village(store, "B2", "乙村")
        county.keep_payload(store, "A1", 1, True, b"one")
        county.keep_payload(store, "A1", 2, False, b"two")
        county.keep_payload(store, "B2", 1, True, b"b-one")
        county.keep_payload(store, "A1", 3, True, b"three")
        kept = store.rows("SELECT village_code, sequence, full, bytes FROM tw_payloads ORDER BY village_code, sequence")
        assert [(r["village_code"], r["sequence"], r["full"], r["bytes"]) for r in kept] == [
            ("A1", 3, 1, 5), ("B2", 1, 1, 5)]
        out = county.outgoing(store)
        assert (out.sequence, out.previous, out.full) == (1, None, True)
        assert [(p.village_code, p.village_name, p.sequence) for p in out.payloads] == [("A1", "甲村", 3),
                                                                                       ("B2", "乙村", 1)]
        assert county.payload_data(store, out.payloads[0]) == b"three"


def test_what_was_sent_is_not_sent_again_unless_full(township_db):
    with open_store(township_db) as store:
        _village(store, "A1", "甲村")
        county.keep_payload(store, "A1", 1, True, b"one")
        first = county.outgoing(store)
        county.record_sent(store, first, file_name="VT-1.vdpkg", sha256="0" * 64, sealed_for="F")
        county.keep_payload(store, "A1", 2, False, b"two")
        second = county.outgoing(store)
        assert (second.sequence, second.previous, second.full) == (2, 1, False)
        assert [p.sequence for p in second.payloads] == [2]
        assert [p.sequence for p in county.outgoing(store, full=True).payloads] == [1, 2]
        county.record_sent(store, second, file_name="VT-2.vdpkg", sha256="1" * 64, sealed_for="F")
        assert store.rows("SELECT sequence, sent_in FROM tw_payloads ORDER BY sequence") == [
            {"sequence": 1, "sent_in": 1}, {"sequence": 2, "sent_in": 2}]
        history = county.county_packages(store)
        assert [(h["sequence"], h["full"], h["counts"]["payloads"]) for h in history] == [(2, 0, 1), (1, 1, 1)]
        assert [r["action"] for r in store.rows(
            "SELECT action FROM audit WHERE table_name = 'county_packages'")] == ["insert", "insert"]


def test_a_village_merged_before_payloads_were_kept_waits_for_a_full_package(township_db):
    with open_store(township_db) as store:
        _village(store, "A1", "甲村")
        _village(store, "B2", "乙村")
        county.keep_payload(store, "A1", 1, True, b"one")
        county.keep_payload(store, "B2", 7, False, b"b-seven")  # its full package came before this program
        out = county.outgoing(store)
        assert [p.village_code for p in out.payloads] == ["A1"] and out.waiting == ["乙村"]
        county.keep_payload(store, "B2", 8, True, b"b-eight")
        out = county.outgoing(store)
        assert [(p.village_code, p.sequence) for p in out.payloads] == [("A1", 1), ("B2", 8)] and out.waiting == []
