"""The county database on the command line: county, county-card; a county URL where a file is wanted;
every failure to reach the server one line and exit 1 (a real PostgreSQL server, docs/COUNTY.md)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.cli.test_keys import one_line, run
from villagedesk.core.township import keys
from villagedesk.store.postgres.connection import county_database
from villagedesk.store.postgres.migrations.v0001_county import READER

pytestmark = pytest.mark.postgres


def test_county_makes_the_county_once(county_url, capsys):
    code, out, err = run(capsys, "county", "--db", county_url, "--name", "新化县")
    assert code == 0 and err == ""
    assert "已建立新化县的县级数据库" in out and "county-card" in out
    with county_database(county_url) as conn:
        assert conn.execute("SELECT name FROM county.profile").fetchall() == [("新化县",)]
    code, out, err = run(capsys, "county", "--db", county_url, "--name", "隆回县")
    assert code == 1 and "已经是新化县的县级数据库" in one_line(err)


def test_county_card_is_written_and_reads_back_as_the_county_s_card(county, tmp_path, capsys):
    output = tmp_path / "新化县-县卡片.json"
    code, out, err = run(capsys, "county-card", "--db", county, "-o", str(output))
    assert code == 0 and err == ""
    card = keys.read_card(output, keys.COUNTY_CARD_KIND)
    assert (card.county, card.township, card.kind) == ("新化县", "", keys.COUNTY_CARD_KIND)
    assert f"已生成县卡片：{output}" in out and f"新化县　指纹：{card.fingerprint}" in out
    assert "township" not in json.loads(output.read_text(encoding="utf-8"))
    # The county's card again replaces the old one; so would any card. Anything else needs --force.
    code, _, _ = run(capsys, "county-card", "--db", county, "-o", str(output))
    assert code == 0 and keys.read_card(output, keys.COUNTY_CARD_KIND) == card
    sheet = tmp_path / "名单.xlsx"
    sheet.write_bytes(b"PK\x03\x04 a workbook")
    code, _, err = run(capsys, "county-card", "--db", county, "-o", str(sheet))
    assert code == 1 and "已经存在，而且不是县卡片" in one_line(err)
    assert sheet.read_bytes() == b"PK\x03\x04 a workbook"
    code, _, _ = run(capsys, "county-card", "--db", county, "-o", str(sheet), "--force")
    assert code == 0 and keys.read_card(sheet, keys.COUNTY_CARD_KIND) == card
    code, _, err = run(capsys, "county-card", "--db", county, "-o", str(tmp_path))
    assert code == 1 and "是一个文件夹" in one_line(err) and "县卡片.json" in err


def test_county_card_in_a_database_that_is_no_county(county_url, tmp_path, capsys):
    code, _, err = run(capsys, "county-card", "--db", county_url, "-o", str(tmp_path / "card.json"))
    assert code == 1 and "还不是县级数据库" in one_line(err)
    assert not (tmp_path / "card.json").exists()


def test_county_card_by_a_reader_is_refused(county, postgres_server, tmp_path, capsys):
    with postgres_server.login_role(READER) as person:
        url = postgres_server.url(county.rsplit("/", 1)[1], person)
        code, _, err = run(capsys, "county-card", "--db", url, "-o", str(tmp_path / "card.json"))
    assert code == 1 and f"用户 {person} 不能生成" in one_line(err)
    assert not (tmp_path / "card.json").exists()


@pytest.mark.parametrize("url, said", [
    ("postgresql://127.0.0.1:1/county", "连不上县级数据库服务器 127.0.0.1:1"),
    ("postgresql://wang:secret@127.0.0.1:1/county", "数据库地址中不要写密码"),
    ("postgresql://[::1/county", "县级数据库的地址写得不对"),
])
def test_a_county_that_cannot_be_reached_is_one_line(url, said, capsys):
    for argv in (["county", "--db", url, "--name", "新化县"], ["county-card", "--db", url, "-o", "card.json"]):
        code, out, err = run(capsys, *argv)
        assert code == 1 and out == "" and said in one_line(err)
        assert "secret" not in err


def test_no_such_database_is_one_line(postgres_server, capsys):
    code, _, err = run(capsys, "county", "--db", postgres_server.url("no_county_here"), "--name", "新化县")
    assert code == 1 and "没有数据库 no_county_here" in one_line(err)


def test_county_commands_need_a_url(tmp_path, capsys):
    code, _, err = run(capsys, "county", "--name", "新化县")
    assert code == 1 and "请用 --db 写明县级数据库的地址" in one_line(err)
    code, _, err = run(capsys, "county-card", "--db", str(tmp_path / "t.sqlite3"), "-o", str(tmp_path / "c.json"))
    assert code == 1 and "要以 postgresql:// 开头" in one_line(err)
    assert not (tmp_path / "t.sqlite3").exists()


@pytest.mark.parametrize(("argv", "said"), [
    (["check"], "完整性由 PostgreSQL 服务器自己保证"), (["backup"], "pg_dump"), (["restore", "backup.sqlite3"], "pg_dump"),
    (["export", "sqlite", "-o", "x.sqlite3"], "pg_dump"), (["account", "list"], "PostgreSQL 的用户"),
    (["account", "disable", "wang"], "PostgreSQL 的用户"), (["print", "households", "-o", "x.pdf"], "村里或乡镇用的命令"),
    (["package", "-o", "usb"], "村里或乡镇用的命令"), (["township"], "村里或乡镇用的命令"),
    (["demo"], "村里或乡镇用的命令"), (["print", "ranking", "2026", "-o", "x.pdf"], "村里或乡镇用的命令"),
])
def test_a_county_url_where_a_file_is_wanted_is_one_line(argv, said, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv, "--db", "postgresql://county-server/county")
    assert code == 1
    line = one_line(err)
    assert said in line and line.endswith("能用的：窗口（不写命令）、county、county-card、import-package、print summary、"
                                          "print keys、export excel。")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_the_program_says_one_line_and_no_traceback(tmp_path):
    for argv in (["county", "--db", "postgresql://127.0.0.1:1/county", "--name", "新化县"],
                 ["check", "--db", "postgresql://127.0.0.1:1/county"]):
        done = subprocess.run([sys.executable, "-m", "villagedesk", *argv], capture_output=True, text=True,
                              timeout=120, cwd=tmp_path)
        assert done.returncode == 1 and done.stdout == ""
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


@pytest.mark.parametrize("argv", [["county", "--name", "新化县"], ["county-card", "-o", "card.json"]])
def test_without_the_driver_a_county_command_says_how_to_install_it(argv, tmp_path, capsys, monkeypatch):
    # The offline bundle for village laptops leaves psycopg out (tools/villagedesk.spec): as if not installed.
    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv, "--db", "postgresql://county-server/villagedesk")
    assert code == 1 and out == "" and "pip" in one_line(err)
    assert list(tmp_path.iterdir()) == []
