"""密钥指纹登记表: one A4 page with this database's fingerprints, the township card, lines to sign."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from tests.helpers.factories import county_card, valid_uscc
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.core.township import county, keys, merge
from villagedesk.documents.pdf import messages
from villagedesk.documents.pdf.keys import print_keys
from villagedesk.errors import UserError
from villagedesk.store import open_store


def _township_card(path, name):
    with open_store(path) as store:
        save_profile(store, Profile(name, valid_uscc(), name, "新化县", "王干事", "07381234567"))
        merge.set_township(store, True)
        card, signature = keys.township_card(store)
    return card, card.to_json(signature)


def _text(path) -> str:
    (page,) = PdfReader(path).pages  # one page
    return page.extract_text()


def _printed(text: str, fingerprint: str) -> bool:
    """The fingerprint as the sheet prints it: two lines of four groups."""
    groups = fingerprint.split()
    return f"{' '.join(groups[:4])}\n{' '.join(groups[4:])}" in text


def _embedded_only(path) -> None:
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object(), font["/BaseFont"]


def test_a_village_sheet_names_its_key_its_township_and_the_one_replaced(tmp_path, profiled_store):
    first, first_text = _township_card(tmp_path / "t1.sqlite3", "桑梓镇")
    keys.join_township(profiled_store, first, first_text)
    card, card_text = _township_card(tmp_path / "t2.sqlite3", "天门乡")
    keys.join_township(profiled_store, card, card_text, replace=True)
    out = print_keys(profiled_store, tmp_path / "keys.pdf")
    text = _text(out)
    assert "密钥指纹登记表" in text and "新化县天门乡油溪桥村" in text and "村级数据库" in text
    assert _printed(text, keys.village_fingerprint(profiled_store))
    assert _printed(text, card.fingerprint)
    assert "本村加入的乡镇" in text and "天门乡" in text and "加入日期" in text and "2026-11-16" in text
    # The card it replaced, in the table below (its fingerprint may wrap in the cell).
    assert "已更换" in text and "桑梓镇" in text
    assert first.fingerprint.replace(" ", "") in re.sub(r"\s+", "", text)
    assert "经办人（签字）" in text and "核对人（签字）" in text
    assert "打印日期：2026年11月16日" in text
    _embedded_only(out)


def test_a_village_that_has_not_joined_is_told_how(tmp_path, profiled_store):
    text = _text(print_keys(profiled_store, tmp_path / "keys.pdf"))
    assert "本村还没有加入乡镇" in text and "join-township" in text
    assert _printed(text, keys.village_fingerprint(profiled_store))


def test_a_township_sheet_has_its_card_fingerprint(tmp_path):
    card, _text_of_card = _township_card(tmp_path / "t.sqlite3", "天门乡")
    with open_store(tmp_path / "t.sqlite3", write=False) as store:
        out = print_keys(store, tmp_path / "keys.pdf")
        mine = keys.village_fingerprint(store)
    text = _text(out)
    assert "乡镇汇总数据库" in text and "乡镇卡片指纹" in text
    assert "新化县天门乡" in text and "天门乡天门乡" not in text  # the township named once
    assert _printed(text, card.fingerprint) and _printed(text, mine)
    assert "本村加入的乡镇" not in text
    _embedded_only(out)


def test_a_township_sheet_names_the_county_it_joined_and_the_one_replaced(tmp_path):
    _township_card(tmp_path / "t.sqlite3", "天门乡")
    with open_store(tmp_path / "t.sqlite3", write=False) as store:
        text = _text(print_keys(store, tmp_path / "before.pdf"))
    assert "本乡镇还没有加入县" in text and "join-county" in text
    first, first_text, _ = county_card("隆回县")
    card, card_text, _ = county_card("新化县")
    with open_store(tmp_path / "t.sqlite3") as store:
        county.join_county(store, first, first_text)
        county.join_county(store, card, card_text, replace=True)
        out = print_keys(store, tmp_path / "keys.pdf")
    text = _text(out)  # still one page
    assert "三、本乡镇加入的县" in text and "县卡片指纹" in text and _printed(text, card.fingerprint)
    assert "以前加入过的县" in text and "隆回县" in text
    assert first.fingerprint.replace(" ", "") in re.sub(r"\s+", "", text)
    _embedded_only(out)


def test_a_township_made_on_the_command_line_prints_its_sheet_by_the_names_it_was_made_with(tmp_path):
    # `villagedesk township --name 天门乡 --county 新化县`: names, no profile; its card carries those names.
    with open_store(tmp_path / "t.sqlite3") as store:
        merge.set_township(store, True)
        keys.set_township_names(store, "天门乡", "新化县")
        card, _signature = keys.township_card(store)
        out = print_keys(store, tmp_path / "keys.pdf")
    text = _text(out)
    assert "新化县天门乡" in text and "天门乡天门乡" not in text and "乡镇汇总数据库" in text
    assert _printed(text, card.fingerprint)
    _embedded_only(out)


def test_no_profile_no_sheet(tmp_path, store):
    with pytest.raises(UserError) as refused:
        print_keys(store, tmp_path / "keys.pdf")
    assert str(refused.value) == messages.NO_PROFILE
    assert not (tmp_path / "keys.pdf").exists()


# --- a county database's sheet ---------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.postgres
def test_the_county_sheet_has_its_card_and_every_township_key_and_a_reader_prints_it(county, tmp_path, capsys,
                                                                                     postgres_server):
    from tests.cli.test_keys import run
    from tests.helpers import county as filled
    from villagedesk.core.county.keys import card_fingerprint
    from villagedesk.store.postgres.connection import county_database

    made = filled.filled_county(county, tmp_path)
    with county_database(county) as conn:
        card = card_fingerprint(conn)
        pinned = dict(conn.execute("SELECT name, fingerprint FROM county.townships").fetchall())
    database = county.rsplit("/", 1)[1].split("?")[0]
    with postgres_server.login_role("villagedesk_reader") as reader:  # public halves only: any county role
        out = tmp_path / "keys.pdf"
        code, _said, err = run(capsys, "print", "keys", "-o", str(out), "--db", postgres_server.url(database, reader))
    assert (code, err) == (0, "")
    text = _text(out)
    assert "新化县" in text and "县卡片指纹" in text and _printed(text, card)
    assert sorted(pinned) == sorted(made.townships)
    for name, fingerprint in pinned.items():
        assert name in text and fingerprint in text.replace("\n", " ")
    _embedded_only(out)
