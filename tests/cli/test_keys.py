"""The township card on the command line: township-card, join-township, print keys; exit codes and one line."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from pypdf import PdfReader

from tests.helpers.factories import valid_uscc
from villagedesk.cli import main
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.core.township import keys, merge
from villagedesk.store import open_store


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("villagedesk: ")
    return lines[0]


class Terminal(io.StringIO):
    """What the clerk types at a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def village(tmp_path):
    path = tmp_path / "village.sqlite3"
    with open_store(path) as store:
        save_profile(store, Profile("油溪桥村", valid_uscc(), "天门乡", "新化县", "李文书", "13812341234"))
    return path


@pytest.fixture
def card(tmp_path, township_db, capsys):
    path = tmp_path / "card.json"
    assert run(capsys, "township-card", "--db", str(township_db), "-o", str(path))[0] == 0
    return path


@pytest.fixture
def other_card(tmp_path, capsys):
    db = tmp_path / "other.sqlite3"
    with open_store(db) as store:
        save_profile(store, Profile("桑梓镇", valid_uscc(), "桑梓镇", "新化县", "赵干事", "07381234568"))
        merge.set_township(store, True)
    path = tmp_path / "other.json"
    assert run(capsys, "township-card", "--db", str(db), "-o", str(path))[0] == 0
    return path


def _trusted(path):
    with open_store(path, write=False) as store:
        return keys.trusted_township(store), store.scalar("SELECT count(*) FROM audit")


# --- township-card ------------------------------------------------------------------------

def test_township_card_writes_the_card_and_says_its_fingerprint(tmp_path, township_db, capsys):
    path = tmp_path / "card.json"
    code, out, err = run(capsys, "township-card", "--db", str(township_db), "-o", str(path))
    assert code == 0 and err == ""
    card = keys.read_card(path)
    assert card.fingerprint in out and "新化县天门乡" in out
    assert json.loads(path.read_text(encoding="utf-8"))["kind"] == keys.CARD_KIND
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left

    # Written again over the old card: no question, the same card.
    assert run(capsys, "township-card", "--db", str(township_db), "-o", str(path))[0] == 0
    assert keys.read_card(path) == card


def test_township_card_keeps_a_file_that_is_no_card_unless_forced(tmp_path, township_db, capsys):
    path = tmp_path / "table.xlsx"
    path.write_bytes(b"the clerk's spreadsheet")
    code, _out, err = run(capsys, "township-card", "--db", str(township_db), "-o", str(path))
    assert code == 1 and "--force" in one_line(err)
    assert path.read_bytes() == b"the clerk's spreadsheet"
    assert run(capsys, "township-card", "--db", str(township_db), "-o", str(path), "--force")[0] == 0
    assert keys.read_card(path).township == "天门乡"


def test_township_card_is_refused_in_a_village_database(tmp_path, village, capsys):
    path = tmp_path / "card.json"
    code, out, err = run(capsys, "township-card", "--db", str(village), "-o", str(path))
    assert code == 1 and out == "" and "村级数据库" in one_line(err)
    assert not path.exists()


def test_township_card_into_a_folder_that_is_not_there(tmp_path, township_db, capsys):
    code, _out, err = run(capsys, "township-card", "--db", str(township_db), "-o", str(tmp_path / "no" / "c.json"))
    assert code == 1 and one_line(err)


# --- join-township ------------------------------------------------------------------------

def test_join_with_yes_then_again_changes_nothing(village, card, capsys):
    fingerprint = keys.read_card(card).fingerprint
    code, out, err = run(capsys, "join-township", str(card), "--db", str(village), "--yes")
    assert code == 0 and err == ""
    assert fingerprint in out and "已加入新化县天门乡" in out
    trusted, audit = _trusted(village)
    assert trusted.fingerprint == fingerprint

    before = village.read_bytes()
    code, out, err = run(capsys, "join-township", str(card), "--db", str(village), "--yes")
    assert code == 0 and "没有任何改动" in out and err == ""
    assert _trusted(village) == (trusted, audit)
    assert village.read_bytes() == before


def test_join_without_a_terminal_needs_yes(village, card, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # piped in: not a person at a terminal
    code, out, err = run(capsys, "join-township", str(card), "--db", str(village))
    assert code == 1 and "--yes" in one_line(err)
    assert keys.read_card(card).fingerprint in out  # shown all the same, to compare
    assert _trusted(village)[0] is None


@pytest.mark.parametrize(("answer", "joined"), [("y\n", True), ("是\n", True), ("n\n", False), ("\n", False),
                                                ("", False)])
def test_join_at_a_terminal_asks(village, card, capsys, monkeypatch, answer, joined):
    monkeypatch.setattr(sys, "stdin", Terminal(answer))
    code, out, err = run(capsys, "join-township", str(card), "--db", str(village))
    assert "请与乡镇核对指纹" in out and "确认加入？[y/N]" in out
    assert (_trusted(village)[0] is not None) == joined
    if joined:
        assert code == 0 and err == ""
    else:
        assert code == 1 and "已取消" in one_line(err)


def test_another_card_needs_replace_which_keeps_the_old_one(village, card, other_card, capsys):
    assert run(capsys, "join-township", str(card), "--db", str(village), "--yes")[0] == 0
    first = keys.read_card(card)
    code, _out, err = run(capsys, "join-township", str(other_card), "--db", str(village), "--yes")
    assert code == 1 and "天门乡" in one_line(err) and first.fingerprint in err and "--replace" in err
    assert _trusted(village)[0] == first

    code, out, err = run(capsys, "join-township", str(other_card), "--db", str(village), "--yes", "--replace")
    assert code == 0 and err == ""
    assert "将替换现在的乡镇：新化县天门乡" in out and "已加入新化县桑梓镇" in out
    assert _trusted(village)[0] == keys.read_card(other_card)
    with open_store(village, write=False) as store:
        assert [(r["township"], r["replaced_at"] is None) for r in
                store.rows("SELECT * FROM township_cards ORDER BY id")] == [("天门乡", False), ("桑梓镇", True)]
        assert store.scalar("SELECT count(*) FROM audit WHERE action = 'replace-township'") == 1


@pytest.mark.parametrize("changes", [{"township": "桑梓镇"}, {"fingerprint": "0" * 4 + " 0000" * 7},
                                     {"signature": None}])
def test_a_tampered_card_is_one_line_and_changes_nothing(village, card, capsys, changes):
    found = json.loads(card.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            del found[key]
        else:
            found[key] = value
    card.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    before = village.read_bytes()
    code, out, err = run(capsys, "join-township", str(card), "--db", str(village), "--yes")
    assert code == 1 and out == "" and "card.json" in one_line(err)
    assert village.read_bytes() == before


def test_join_in_a_township_database_is_refused(township_db, other_card, capsys):
    before = township_db.read_bytes()
    code, out, err = run(capsys, "join-township", str(other_card), "--db", str(township_db), "--yes")
    assert code == 1 and out == "" and "乡镇汇总数据库" in one_line(err)
    assert township_db.read_bytes() == before


def test_join_a_card_that_is_not_there(village, tmp_path, capsys):
    code, _out, err = run(capsys, "join-township", str(tmp_path / "none.json"), "--db", str(village), "--yes")
    assert code == 1 and "找不到乡镇卡片文件" in one_line(err)


def test_join_help_says_yes_is_needed_without_a_terminal(capsys):
    with pytest.raises(SystemExit):
        main(["join-township", "--help"])
    out = capsys.readouterr().out
    assert "--yes" in out and "没有终端" in out and "--replace" in out


@pytest.mark.slow
def test_join_as_a_script_runs_it(village, card):
    """The way a script calls it: a child process whose stdin is no terminal."""
    argv = [sys.executable, "-m", "villagedesk", "join-township", str(card), "--db", str(village)]
    refused = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1 and "--yes" in refused.stderr
    joined = subprocess.run([*argv, "--yes"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert joined.returncode == 0 and joined.stderr == ""
    assert _trusted(village)[0] == keys.read_card(card)


# --- print keys ---------------------------------------------------------------------------

def test_print_keys_of_a_village_and_its_township(tmp_path, village, card, township_db, capsys):
    assert run(capsys, "join-township", str(card), "--db", str(village), "--yes")[0] == 0
    for db in (village, township_db):
        pdf = tmp_path / f"{db.stem}.pdf"
        code, out, err = run(capsys, "print", "keys", "--db", str(db), "-o", str(pdf))
        assert code == 0 and str(pdf) in out and err == ""
        (page,) = PdfReader(pdf).pages
        text = page.extract_text()
        groups = keys.read_card(card).fingerprint.split()
        assert " ".join(groups[:4]) in text and " ".join(groups[4:]) in text
        with open_store(db, write=False) as store:
            mine = keys.village_fingerprint(store).split()
        assert " ".join(mine[:4]) in text


def test_print_keys_without_a_profile_is_one_line(tmp_path, capsys):
    db = tmp_path / "empty.sqlite3"
    open_store(db).close()
    code, _out, err = run(capsys, "print", "keys", "--db", str(db), "-o", str(tmp_path / "keys.pdf"))
    assert code == 1 and "村庄信息" in one_line(err)
    assert not (tmp_path / "keys.pdf").exists()


def test_a_township_made_on_the_command_line_names_itself_for_its_card(tmp_path, capsys):
    db, card = tmp_path / "township.sqlite3", tmp_path / "card.json"
    code, out, _err = run(capsys, "--db", str(db), "township")
    assert code == 0 and "--name 乡镇名 --county 县名" in out
    code, _out, err = run(capsys, "--db", str(db), "township-card", "-o", str(card))
    assert code == 1 and "villagedesk township --name" in one_line(err) and not card.exists()
    code, _out, err = run(capsys, "--db", str(db), "township", "--name", "天门乡")
    assert code == 1 and "--county" in one_line(err)
    code, out, _err = run(capsys, "--db", str(db), "township", "--name", "天门乡", "--county", "新化县")
    assert code == 0 and "township-card" in out
    assert run(capsys, "--db", str(db), "township-card", "-o", str(card))[0] == 0
    taken = keys.read_card(card)
    assert (taken.township, taken.county) == ("天门乡", "新化县")
    with open_store(db) as store:
        assert keys.township_names(store) == ("天门乡", "新化县")
        # A profile set in the window later takes the place of the names given on the command line.
        save_profile(store, Profile("天门镇", valid_uscc(), "天门镇", "新化县", "王干事", "07381234567"))
        assert keys.township_card(store)[0].township == "天门镇"
