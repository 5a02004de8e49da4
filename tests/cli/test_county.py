"""Township → county on the command line: join-county, and package in a township database; one line on errors."""

from __future__ import annotations

import io
import sys

import pytest

from tests.cli.test_keys import Terminal, one_line, run
from tests.documents.package.test_package import take, write
from tests.helpers.factories import county_card
from villagedesk.core.township import county, keys
from villagedesk.documents.package.township_reader import read_township_package
from villagedesk.store import open_store


@pytest.fixture
def made(tmp_path):
    card, text, identity = county_card()
    path = tmp_path / "新化县-县卡片.json"
    path.write_text(text, encoding="utf-8")
    return card, path, identity


def _trusted(db):
    with open_store(db, write=False) as store:
        return county.trusted_county(store), store.scalar("SELECT count(*) FROM audit")


def test_join_county_with_yes_then_again_changes_nothing(township_db, made, capsys):
    card, path, _identity = made
    code, out, err = run(capsys, "join-county", str(path), "--db", str(township_db), "--yes")
    assert code == 0 and err == ""
    assert "县：新化县" in out and card.fingerprint in out and "已加入新化县" in out
    trusted, audit = _trusted(township_db)
    assert trusted == card
    code, out, err = run(capsys, "join-county", str(path), "--db", str(township_db), "--yes")
    assert code == 0 and "本乡镇已经加入新化县" in out and "没有任何改动" in out
    assert _trusted(township_db) == (trusted, audit)


def test_join_county_asks_at_a_terminal_and_needs_yes_without_one(township_db, made, capsys, monkeypatch):
    card, path, _identity = made
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    code, out, err = run(capsys, "join-county", str(path), "--db", str(township_db))
    assert code == 1 and "--yes" in one_line(err) and "没有加入县" in err and card.fingerprint in out
    assert _trusted(township_db)[0] is None
    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
    code, out, err = run(capsys, "join-county", str(path), "--db", str(township_db))
    assert code == 1 and "已取消，没有加入县" in one_line(err) and _trusted(township_db)[0] is None
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    assert run(capsys, "join-county", str(path), "--db", str(township_db))[0] == 0
    assert _trusted(township_db)[0] == card


def test_join_county_replace_keeps_the_old_card(township_db, made, tmp_path, capsys):
    _card, path, _identity = made
    other, text, _ = county_card("隆回县")
    other_path = tmp_path / "隆回县.json"
    other_path.write_text(text, encoding="utf-8")
    assert run(capsys, "join-county", str(path), "--db", str(township_db), "--yes")[0] == 0
    code, _out, err = run(capsys, "join-county", str(other_path), "--db", str(township_db), "--yes")
    assert code == 1 and "--replace" in one_line(err) and "本乡镇已经加入新化县" in err
    code, out, _err = run(capsys, "join-county", str(other_path), "--db", str(township_db), "--yes", "--replace")
    assert code == 0 and "将替换现在的县：新化县" in out
    assert _trusted(township_db)[0] == other


def test_join_county_in_a_village_database_says_so_in_one_line(village_db, made, capsys):
    _card, path, _identity = made
    code, out, err = run(capsys, "join-county", str(path), "--db", str(village_db), "--yes")
    assert code == 1 and out == ""
    assert one_line(err) == ("villagedesk: 这是村级数据库，不能加入县。县卡片要在乡镇汇总数据库中导入"
                             "（villagedesk join-county）。")


def test_a_card_of_the_other_kind_is_refused_before_the_database_is_opened(village_db, township_db, made,
                                                                          tmp_path, capsys):
    _card, path, _identity = made
    code, _out, err = run(capsys, "join-township", str(path), "--db", str(village_db), "--yes")
    assert code == 1 and "是县卡片，不是乡镇卡片" in one_line(err)
    township_card = tmp_path / "乡镇卡片.json"
    assert run(capsys, "township-card", "--db", str(township_db), "-o", str(township_card))[0] == 0
    code, _out, err = run(capsys, "join-county", str(township_card), "--db", str(township_db), "--yes")
    assert code == 1 and "是乡镇卡片，不是县卡片" in one_line(err)
    with open_store(village_db, write=False) as store:
        assert keys.trusted_card(store, keys.CARD_KIND) is not None  # the village's own card, untouched


@pytest.mark.slow
def test_package_in_a_township_writes_the_county_package(township_db, village_db, made, stick, tmp_path, capsys):
    card, path, identity = made
    take(township_db, write(village_db, stick))
    out_dir = tmp_path / "to-county"
    out_dir.mkdir()
    code, out, err = run(capsys, "package", "--db", str(township_db), "-o", str(out_dir))
    assert code == 1 and "本乡镇还没有加入县" in one_line(err) and list(out_dir.iterdir()) == []
    assert run(capsys, "join-county", str(path), "--db", str(township_db), "--yes")[0] == 0
    code, out, err = run(capsys, "package", "--db", str(township_db), "-o", str(out_dir))
    assert code == 0 and err == ""
    (written,) = out_dir.iterdir()
    assert written.name.startswith("VT-") and str(written) in out and "含 1 个村的 1 个村级数据包" in out
    with read_township_package(written, identity, own=card.fingerprint) as package:
        assert len(package.payloads) == 1
    # A village merged before payloads were kept: named on a line of its own, the package written all the same.
    with open_store(township_db) as store, store.atomic():
        store.conn.execute("DELETE FROM tw_payloads")
    code, out, err = run(capsys, "package", "--db", str(township_db), "-o", str(out_dir), "--full")
    assert code == 0 and "第 2 号全量数据包，含 0 个村的 0 个村级数据包" in out
    assert err.count("\n") == 1 and "油溪桥村" in err and "villagedesk package --full" in err
