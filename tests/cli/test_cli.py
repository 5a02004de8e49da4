"""The command line as users and scripts call it: exit codes, one-line errors, real files."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from tests.helpers.factories import valid_id, valid_uscc, wrong_check
from villagedesk import __version__, clock
from villagedesk.cli import main
from villagedesk.store import open_store
from villagedesk.store.migrations import SCHEMA_VERSION


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_db(tmp_path, capsys):
    path = tmp_path / "demo.sqlite3"
    # Plain (no accounts): these tests are of the commands on a file as it was before accounts; the
    # encrypted demo and the commands' logging in are tests/cli/test_accounts.py's.
    assert run(capsys, "demo", "--db", str(path), "--seed", "3", "--plain")[0] == 0
    return path


def _counts(path):
    conn = sqlite3.connect(path)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("households", "persons", "audit"))
    finally:
        conn.close()


def test_version_and_module_entry_point():
    out = subprocess.run([sys.executable, "-m", "villagedesk", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == f"villagedesk {__version__}"


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["print", "nothing-like-this"])
    assert stop.value.code == 2


@pytest.mark.slow
def test_demo_then_refuses_a_second_time(demo_db, capsys):
    households, persons, _ = _counts(demo_db)
    assert 250 <= households <= 350 and 800 <= persons <= 1200
    code, _out, err = run(capsys, "demo", "--db", str(demo_db))
    assert code == 1 and "空数据库" in err and len(err.strip().splitlines()) == 1
    assert _counts(demo_db)[:2] == (households, persons)


@pytest.mark.slow
def test_export_and_print_from_the_demo(demo_db, tmp_path, capsys):
    xlsx, pdf = tmp_path / "out.xlsx", tmp_path / "out.pdf"
    assert run(capsys, "export", "excel", "--db", str(demo_db), "-o", str(xlsx))[0] == 0
    book = load_workbook(xlsx, read_only=True)
    persons = _counts(demo_db)[1]
    assert sum(1 for _ in book["人员"].iter_rows()) == persons + 1
    assert run(capsys, "print", "households", "--db", str(demo_db), "-o", str(pdf))[0] == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_print_without_profile_is_a_user_error(tmp_path, capsys):
    db = tmp_path / "empty.sqlite3"
    open_store(db).close()
    code, _out, err = run(capsys, "print", "households", "--db", str(db), "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and "村庄信息" in err
    assert not (tmp_path / "x.pdf").exists()


def _roster(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["村民花名册"])
    ws.append(["户编号", "姓名", "与户主关系", "身份证号", "联系电话"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.mark.slow
def test_import_dry_run_then_real(tmp_path, capsys):
    db = tmp_path / "v.sqlite3"
    good = _roster(tmp_path / "good.xlsx", [["HH001", "张三", "户主", valid_id(), "13812345678"],
                                            ["HH001", "李四", "配偶", "", ""]])
    code, out, _err = run(capsys, "import", "households", str(good), "--db", str(db), "--dry-run")
    assert code == 0 and "2" in out
    assert not db.exists()
    code, out, _err = run(capsys, "import", "households", str(good), "--db", str(db))
    assert code == 0 and "导入完成" in out
    assert _counts(db)[:2] == (1, 2)


def test_import_with_a_bad_row_writes_nothing(tmp_path, capsys):
    db = tmp_path / "v.sqlite3"
    bad = _roster(tmp_path / "bad.xlsx", [["HH001", "张三", "户主", wrong_check(valid_id()), ""],
                                          ["HH002", "王五", "户主", "", ""]])
    code, out, err = run(capsys, "import", "households", str(bad), "--db", str(db))
    assert code == 1
    assert "第 3 行" in out and "校验位" in out
    assert len(err.strip().splitlines()) == 1 and "未导入" in err
    assert _counts(db)[:2] == (0, 0)
    code, _out, _err = run(capsys, "import", "households", str(bad), "--db", str(db), "--only-valid")
    assert code == 0 and _counts(db)[:2] == (1, 1)


def test_import_of_a_file_that_is_not_excel(tmp_path, capsys):
    fake = tmp_path / "roster.xlsx"
    fake.write_text("姓名,身份证号\n张三,1\n", encoding="utf-8")
    code, _out, err = run(capsys, "import", "households", str(fake), "--db", str(tmp_path / "v.sqlite3"))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize("command", [["check"], ["export", "excel", "-o", "x.xlsx"], ["demo"]])
def test_a_file_that_is_not_sqlite_is_refused_unchanged(tmp_path, capsys, command, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bogus = tmp_path / "photo.sqlite3"
    bogus.write_bytes(b"\x89PNG not a database at all" * 100)
    before = bogus.read_bytes()
    code, _out, err = run(capsys, *command, "--db", str(bogus))
    assert code == 1 and "不是村务通数据库" in err and len(err.strip().splitlines()) == 1
    assert bogus.read_bytes() == before


def test_a_newer_database_is_refused(tmp_path, capsys):
    db = tmp_path / "new.sqlite3"
    open_store(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    code, _out, err = run(capsys, "demo", "--db", str(db))
    assert code == 1 and "更新版本" in err
    assert _counts(db)[:2] == (0, 0)


@pytest.mark.slow
def test_a_locked_database_is_refused(demo_db, capsys):
    with open_store(demo_db):
        code, _out, err = run(capsys, "demo", "--db", str(demo_db))
    assert code == 1 and "正在被另一个" in err


@pytest.mark.slow
def test_backup_restore_and_check(demo_db, tmp_path, capsys):
    copy = tmp_path / "copy.sqlite3"
    code, out, _ = run(capsys, "backup", "--db", str(demo_db), "-o", str(copy))
    assert code == 0 and copy.exists()
    with open_store(demo_db) as store:
        store.conn.execute("UPDATE persons SET name = '改过的' WHERE id = 1")
        store.conn.commit()
    code, out, _ = run(capsys, "restore", str(copy), "--db", str(demo_db))
    assert code == 0 and "恢复前的数据已备份到" in out
    with open_store(demo_db, write=False) as store:
        assert store.scalar("SELECT name FROM persons WHERE id = 1") != "改过的"
    assert run(capsys, "check", "--db", str(demo_db))[0] == 0


@pytest.mark.slow
def test_restore_refuses_a_file_that_is_not_a_backup(demo_db, tmp_path, capsys):
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    before = _counts(demo_db)
    code, _out, err = run(capsys, "restore", str(other), "--db", str(demo_db))
    assert code == 1 and "不是村务通的备份文件" in err
    assert _counts(demo_db) == before


@pytest.mark.slow
def test_check_names_a_broken_reference(demo_db, capsys):
    conn = sqlite3.connect(demo_db)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE persons SET household_id = 999999 WHERE id = 1")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "check", "--db", str(demo_db))
    assert code == 1 and "persons" in out and "检查未通过" in err


def test_check_on_a_missing_file(tmp_path, capsys):
    code, _out, err = run(capsys, "check", "--db", str(tmp_path / "nothing.sqlite3"))
    assert code == 1 and "不存在" in err
    assert not (tmp_path / "nothing.sqlite3").exists()


# --- print roster ------------------------------------------------------------------

@pytest.fixture
def committee_db(tmp_path, monkeypatch):
    """Two terms of the committee (tests/test_roster_pdf.py) and a village profile; today is in term 12."""
    from tests.documents.pdf.test_roster import TODAY, build_committee
    from villagedesk.core.common import village

    clock.set(TODAY)
    path = tmp_path / "committee.sqlite3"
    with open_store(path) as store:
        village.save_profile(store, village.Profile("油溪桥村", valid_uscc(), "天门乡", "新化县", "李文书",
                                                    "13800001111"))
        build_committee(store)
    return path


def _pdf_text(path):
    return "".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.slow
def test_print_roster_public_and_internal(committee_db, tmp_path, capsys):
    from tests.documents.pdf.test_roster import MEMBERS

    public, internal = tmp_path / "公开.pdf", tmp_path / "内部.pdf"
    code, out, err = run(capsys, "print", "roster", "--db", str(committee_db), "-o", str(public))
    assert code == 0 and str(public) in out and err == ""
    text = _pdf_text(public)
    assert "张建国" in text and "138****5678" in text and "现任" in text
    assert MEMBERS["张建国"].id_number not in text and "13812345678" not in text
    assert "刘洋" not in text  # resigned before today

    code, out, _err = run(capsys, "print", "roster", "--internal", "--term", "12", "--db", str(committee_db),
                          "-o", str(internal))
    assert code == 0 and str(internal) in out
    text = _pdf_text(internal)
    assert MEMBERS["张建国"].id_number in text and "13812345678" in text and "内部资料" in text
    assert "刘洋" in text and "第十二届" in text


def test_print_roster_of_an_unknown_term_is_one_line(committee_db, tmp_path, capsys):
    pdf = tmp_path / "r.pdf"
    code, out, err = run(capsys, "print", "roster", "--term", "99", "--db", str(committee_db), "-o", str(pdf))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "没有第 99 届的记录" in err and "Traceback" not in err
    assert not pdf.exists()


def test_print_roster_without_profile_or_committee(tmp_path, capsys):
    db = tmp_path / "empty.sqlite3"
    open_store(db).close()
    pdf = tmp_path / "r.pdf"
    code, _out, err = run(capsys, "print", "roster", "--db", str(db), "-o", str(pdf))
    assert code == 1 and "村庄信息" in err
    with open_store(db) as store:
        from villagedesk.core.common import village

        village.save_profile(store, village.Profile("油溪桥村", valid_uscc(), "天门乡", "新化县", "李文书",
                                                    "13800001111"))
    code, _out, err = run(capsys, "print", "roster", "--db", str(db), "-o", str(pdf))
    assert code == 1 and "还没有登记两委成员" in err and len(err.strip().splitlines()) == 1
    assert not pdf.exists()


def test_print_roster_term_must_be_a_number(committee_db, tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["print", "roster", "--term", "十二", "--db", str(committee_db), "-o", str(tmp_path / "r.pdf")])
    assert stop.value.code == 2


# --- print ranking and statement ---------------------------------------------------

@pytest.fixture
def points_db(tmp_path, monkeypatch):
    """The scored village of tests/test_points_pdf.py (2026-Q3 posted); today is 2026-10-20."""
    from tests.documents.pdf.test_points import TODAY, build_points

    clock.set(TODAY)
    path = tmp_path / "points.sqlite3"
    with open_store(path) as store:
        build_points(store)
    return path


@pytest.mark.slow
def test_print_ranking_and_statement(points_db, tmp_path, capsys):
    from villagedesk.core.points import ledger

    board, a3 = tmp_path / "榜.pdf", tmp_path / "榜A3.pdf"
    code, out, err = run(capsys, "print", "ranking", "2026-Q3", "--db", str(points_db), "-o", str(board))
    assert code == 0 and str(board) in out and err == ""
    text = _pdf_text(board)
    with open_store(points_db, write=False) as store:
        count, head = ledger.chain_head(store)
    assert "2026 年第三季度积分公示榜" in text and "公示期：2026年10月8日至2026年10月14日（共 7 天）" in text
    assert f"积分台账共 {count} 条已审核记录，末条校验值 {head[:16]}" in text
    # Three households gained points that quarter: the caption counts whom the board names, not its size.
    assert "红榜（本期得分最高的 3 户）" in text

    code, _out, _err = run(capsys, "print", "ranking", "2026-q3", "--size", "a3", "--board", "3",
                           "--db", str(points_db), "-o", str(a3))
    assert code == 0 and "红榜（本期得分最高的 3 户）" in _pdf_text(a3)
    assert round(float(PdfReader(a3).pages[0].mediabox.height)) == 1191

    statement = tmp_path / "明细.pdf"
    code, out, err = run(capsys, "print", "statement", "HH002", "--period", "2026-Q3", "--db", str(points_db),
                         "-o", str(statement))
    assert code == 0 and str(statement) in out and err == ""
    text = _pdf_text(statement)
    assert "积分明细" in text and "李红梅" in text and "2026 年第三季度" in text and "已兑换" in text
    code, _out, _err = run(capsys, "print", "statement", "hh003", "--db", str(points_db), "-o", str(statement))
    assert code == 0 and "2026 年第四季度" in _pdf_text(statement)  # default: this year, quarter by quarter


@pytest.mark.parametrize(("argv", "message"), [
    (["ranking", "2026Q3"], "写法不对"),
    (["ranking", "2026-13"], "月份"),
    (["ranking", "2019"], "还没有已审核的积分"),
    (["ranking", "2026-Q3", "--board", "0"], "1 到 100"),
    (["statement", "HH999"], "HH999"),
    (["statement", "HH001", "--period", "去年"], "写法不对"),
])
def test_print_ranking_or_statement_refused_in_one_line(points_db, tmp_path, capsys, argv, message):
    pdf = tmp_path / "x.pdf"
    code, out, err = run(capsys, "print", *argv, "--db", str(points_db), "-o", str(pdf))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err
    assert not pdf.exists()


@pytest.mark.parametrize("argv", [
    ["ranking", "2026-Q3", "--size", "A5"],
    ["ranking", "2026-Q3", "--board", "十"],
    ["ranking"],
    ["statement"],
])
def test_print_ranking_or_statement_wrong_usage_exits_2(points_db, tmp_path, argv):
    with pytest.raises(SystemExit) as stop:
        main(["print", *argv, "--db", str(points_db), "-o", str(tmp_path / "x.pdf")])
    assert stop.value.code == 2


def test_print_ranking_without_profile(tmp_path, capsys):
    db = tmp_path / "empty.sqlite3"
    open_store(db).close()
    code, _out, err = run(capsys, "print", "ranking", "2026-Q3", "--db", str(db), "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and "村庄信息" in err and len(err.strip().splitlines()) == 1


@pytest.mark.slow
@pytest.mark.parametrize("command", [["export", "excel"], ["print", "roster"], ["print", "households"]])
def test_an_output_onto_the_database_is_refused(demo_db, capsys, command):
    before = demo_db.read_bytes()
    code, _out, err = run(capsys, *command, "--db", str(demo_db), "-o", str(demo_db))
    assert code == 1 and "数据库文件" in err and len(err.strip().splitlines()) == 1
    assert demo_db.read_bytes() == before


def _damage(path):
    """Overwrite a few pages in the middle, as a power cut on a bad disk might."""
    data = bytearray(path.read_bytes())
    for page in range(3, 8):
        data[page * 4096:(page + 1) * 4096] = b"\xff" * 4096
    path.write_bytes(bytes(data))


@pytest.mark.slow
def test_a_damaged_database_is_named_and_restored_from_a_backup(demo_db, tmp_path, capsys):
    good = tmp_path / "good.sqlite3"
    assert run(capsys, "backup", "--db", str(demo_db), "-o", str(good))[0] == 0
    persons = _counts(good)[1]
    _damage(demo_db)
    code, _out, err = run(capsys, "check", "--db", str(demo_db))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "损坏" in err
    code, out, err = run(capsys, "restore", str(good), "--db", str(demo_db))
    assert code == 0, err
    assert _counts(demo_db)[1] == persons
    assert run(capsys, "check", "--db", str(demo_db))[0] == 0
    kept = list((demo_db.parent / "backups").glob("*-damaged.sqlite3"))
    assert len(kept) == 1 and str(kept[0]) in out
    assert not list((demo_db.parent / "backups").glob("*.part"))


def test_check_on_an_empty_file_changes_nothing(tmp_path, capsys):
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    code, _out, err = run(capsys, "check", "--db", str(empty))
    assert code == 1 and "空文件" in err
    assert empty.read_bytes() == b""


def test_a_refused_file_keeps_no_lock_file_beside_it(tmp_path, capsys):
    text = tmp_path / "notes.txt"
    text.write_text("我的笔记" * 100, encoding="utf-8")
    assert run(capsys, "demo", "--db", str(text))[0] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_dry_run_with_problems_says_so_on_stderr(tmp_path, capsys):
    bad = _roster(tmp_path / "bad.xlsx", [["HH001", "张三", "户主", wrong_check(valid_id()), ""]])
    code, out, err = run(capsys, "import", "households", str(bad), "--db", str(tmp_path / "v.sqlite3"),
                         "--dry-run")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "试运行" in err
    assert out.count("校验位") == 1
