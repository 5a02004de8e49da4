"""Keys and the township card: the card a township writes, what a village refuses, joining and replacing."""

from __future__ import annotations

import json
import re

import pytest

from tests.helpers.factories import valid_uscc
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.core.township import keys, merge
from villagedesk.core.township import messages as township_messages
from villagedesk.errors import UserError
from villagedesk.store import open_store


def make_township(path, name="天门乡", county="新化县"):
    with open_store(path) as store:
        save_profile(store, Profile(name, valid_uscc(), name, county, "王干事", "07381234567"))
        merge.set_township(store, True)
    return path


def card_text(path) -> str:
    with open_store(path, write=False) as store:
        card, signature = keys.township_card(store)
    return card.to_json(signature)


@pytest.fixture
def card_file(tmp_path, township_db):
    path = tmp_path / "card.json"
    path.write_text(card_text(township_db), encoding="utf-8")
    return path


@pytest.fixture
def other_card_file(tmp_path):
    path = tmp_path / "other.json"
    path.write_text(card_text(make_township(tmp_path / "other.sqlite3", "桑梓镇", "新化县")), encoding="utf-8")
    return path


def _edited(path, **changes):
    found = json.loads(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            del found[key]
        else:
            found[key] = value
    path.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    return path


def _audit(store) -> list[tuple[str, str]]:
    return [(r["action"], r["table_name"]) for r in store.rows("SELECT * FROM audit WHERE table_name = "
                                                                "'township_cards' ORDER BY id")]


# --- the card -------------------------------------------------------------------------------

def test_a_fingerprint_is_eight_groups_of_four_hex_digits():
    found = keys.fingerprint("one", "two")
    assert re.fullmatch(r"([0-9A-F]{4} ){7}[0-9A-F]{4}", found)
    assert found == keys.fingerprint("one", "two") != keys.fingerprint("two", "one")


def test_the_card_goes_round_and_is_the_townships(township_db, card_file):
    card, text = keys.read_card_file(card_file)
    assert text == card_file.read_text(encoding="utf-8")
    assert (card.township, card.county) == ("天门乡", "新化县")
    with open_store(township_db, write=False) as store:
        made, _signature = keys.township_card(store)
        assert card == made == keys.read_card(card_file)
        assert card.recipient == str(keys.township_identity(store).to_public())
        assert card.fingerprint == keys.fingerprint(keys.public_key(store, keys.TOWNSHIP_SIGNING),
                                                    keys.public_key(store, keys.TOWNSHIP_SEALING))
        # Made again, the same card: a township hands out one card however often it is written.
        assert keys.township_card(store)[0] == card


def test_a_village_database_has_no_card(profiled_store):
    with pytest.raises(UserError) as refused:
        keys.township_card(profiled_store)
    assert str(refused.value) == township_messages.NOT_A_TOWNSHIP_KEY


def test_a_township_without_a_name_has_no_card(store):
    merge.set_township(store, True)
    with pytest.raises(UserError) as refused:
        keys.township_card(store)
    assert str(refused.value) == township_messages.CARD_NEEDS_PROFILE


def test_a_database_made_a_village_again_writes_no_card_and_may_join(tmp_path, store, card_file):
    merge.set_township(store, True)
    merge.set_township(store, False)  # a click on the wrong menu item, taken back: the keys stay
    with pytest.raises(UserError):
        keys.township_card(store)
    card, text = keys.read_card_file(card_file)
    assert keys.join_township(store, card, text) == keys.trusted_township(store) == card


TAMPERED = {
    "the township renamed": {"township": "桑梓镇"},
    "the county renamed": {"county": "隆回县"},
    "another fingerprint": {"fingerprint": "0000 0000 0000 0000 0000 0000 0000 0000"},
    "another recipient": {"recipient": "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"},
    "a recipient that is none": {"recipient": "age1nothing"},
    "another signing key": {"signing_key": "A" * 43 + "="},
    "a signing key that is text": {"signing_key": "乡镇的钥匙"},
    "the signature removed": {"signature": None},
    "an empty signature": {"signature": ""},
    "a signature that is not base64": {"signature": "签名"},
}


@pytest.mark.parametrize("changes", TAMPERED.values(), ids=TAMPERED.keys())
def test_a_changed_card_is_refused(card_file, changes):
    _edited(card_file, **changes)
    with pytest.raises(UserError) as refused:
        keys.read_card(card_file)
    assert "card.json" in str(refused.value)
    assert str(refused.value) in (township_messages.CARD_TAMPERED.format(card="乡镇卡片", issuer="乡镇", name="card.json"),
                                  township_messages.CARD_UNREADABLE.format(card="乡镇卡片", issuer="乡镇", command="township-card", name="card.json"))


def test_an_impostors_card_reads_well_under_another_fingerprint(tmp_path, card_file):
    """What no signature can catch, and the fingerprint compared by phone does: a whole card made by someone
    else for the same township, signed with their own key."""
    impostor = tmp_path / "impostor.json"
    impostor.write_text(card_text(make_township(tmp_path / "impostor.sqlite3", "天门乡", "新化县")), encoding="utf-8")
    genuine, forged = keys.read_card(card_file), keys.read_card(impostor)
    assert (forged.township, forged.county) == (genuine.township, genuine.county)
    assert forged.fingerprint != genuine.fingerprint


def test_the_fingerprint_of_another_card_under_this_one_is_refused(card_file, other_card_file):
    other = json.loads(other_card_file.read_text(encoding="utf-8"))
    _edited(card_file, fingerprint=other["fingerprint"], signature=other["signature"])
    with pytest.raises(UserError, match="被人改动过"):
        keys.read_card(card_file)


NOT_CARDS = {
    "not JSON": b"township: tianmen\n",
    "empty": b"",
    "a list": b"[1, 2, 3]",
    "another kind": json.dumps({"kind": "something-else"}).encode(),
    "nested too deep": b"[" * 60_000,
    "not UTF-8": "{\"kind\": \"村\"}".encode("gbk"),
    "huge": b" " * (64 << 10) + b"{}",
}


@pytest.mark.parametrize("content", NOT_CARDS.values(), ids=NOT_CARDS.keys())
def test_a_file_that_is_no_card_is_refused_in_one_sentence(tmp_path, content):
    path = tmp_path / "card.json"
    path.write_bytes(content)
    with pytest.raises(UserError) as refused:
        keys.read_card(path)
    assert str(refused.value) == township_messages.CARD_UNREADABLE.format(card="乡镇卡片", issuer="乡镇", command="township-card", name="card.json")


@pytest.mark.parametrize("version", [2, True, "1", 1.0, None])
def test_a_card_of_another_version_is_refused(card_file, version):
    _edited(card_file, version=version)
    with pytest.raises(UserError, match="版"):
        keys.read_card(card_file)


def test_a_missing_card_or_a_folder_is_named(tmp_path):
    for path in (tmp_path / "nothing.json", tmp_path):
        with pytest.raises(UserError) as refused:
            keys.read_card(path)
        assert str(refused.value) == township_messages.CARD_NO_FILE.format(card="乡镇卡片", path=path)


# --- joining ------------------------------------------------------------------------------

def test_a_village_joins_once_and_again_changes_nothing(profiled_store, card_file):
    assert keys.trusted_township(profiled_store) is None
    card, text = keys.read_card_file(card_file)
    assert keys.join_township(profiled_store, card, text) == card
    assert keys.trusted_township(profiled_store) == card
    (row,) = profiled_store.rows("SELECT * FROM township_cards")
    assert row["card"] == text and row["replaced_at"] is None
    assert keys.parse_card(row["card"]) == card  # the kept card still proves itself
    assert _audit(profiled_store) == [("insert", "township_cards")]

    keys.join_township(profiled_store, card, text)
    keys.join_township(profiled_store, card, text, replace=True)
    assert profiled_store.scalar("SELECT count(*) FROM township_cards") == 1
    assert len(_audit(profiled_store)) == 1


def test_another_card_needs_replace_and_the_old_one_is_kept(profiled_store, card_file, other_card_file,
                                                           stopped_clock):
    card, text = keys.read_card_file(card_file)
    other, other_text = keys.read_card_file(other_card_file)
    keys.join_township(profiled_store, card, text)
    with pytest.raises(UserError) as refused:
        keys.join_township(profiled_store, other, other_text)
    assert str(refused.value) == township_messages.ALREADY_JOINED.format(us="本村", joined="天门乡", level="乡镇",
                                                                           fingerprint=card.fingerprint)
    assert keys.trusted_township(profiled_store) == card

    assert keys.join_township(profiled_store, other, other_text, replace=True) == other
    assert keys.trusted_township(profiled_store) == other
    rows = profiled_store.rows("SELECT township, replaced_at FROM township_cards ORDER BY id")
    assert rows == [{"township": "天门乡", "replaced_at": stopped_clock.at.isoformat()},
                    {"township": "桑梓镇", "replaced_at": None}]
    assert _audit(profiled_store) == [("insert", "township_cards"), ("replace-township", "township_cards"),
                                      ("insert", "township_cards")]

    # And back to the first township: a card taken before is taken again as a new row.
    keys.join_township(profiled_store, card, text, replace=True)
    assert keys.trusted_township(profiled_store) == card
    assert profiled_store.scalar("SELECT count(*) FROM township_cards WHERE replaced_at IS NULL") == 1


def test_a_township_database_joins_no_township(township_db, other_card_file):
    other, text = keys.read_card_file(other_card_file)
    with open_store(township_db) as store:
        with pytest.raises(UserError) as refused:
            keys.join_township(store, other, text)
        assert str(refused.value) == keys.wrong_database(keys.CARD_KIND)
        assert store.scalar("SELECT count(*) FROM township_cards") == 0


def test_a_village_fingerprint_is_its_signing_keys(profiled_store):
    assert keys.village_fingerprint(profiled_store) == keys.fingerprint(keys.public_key(profiled_store))


def test_signatures_check_the_data_and_the_key(profiled_store):
    signature = keys.sign(profiled_store, b"manifest")
    public = keys.public_key(profiled_store)
    assert keys.signature_valid(public, b"manifest", signature)
    assert not keys.signature_valid(public, b"manifest!", signature)
    assert not keys.signature_valid("乡镇", b"manifest", signature)
    assert not keys.signature_valid(public, b"manifest", "not base64!")
