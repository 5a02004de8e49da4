"""`villagedesk print minutes ID` and `villagedesk print requests PERIOD` on the demo village."""

from __future__ import annotations

import sqlite3

import pytest
from pypdf import PdfReader

from villagedesk import clock
from villagedesk.cli import main
from villagedesk.store import open_store


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite3"
    assert main(["demo", "--db", str(path), "--seed", "5", "--plain"]) == 0  # read back with plain sqlite3
    return path


def text_of(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def first_house_meeting(path) -> tuple[int, str]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT id, title FROM meetings m WHERE kind = '屋场会' AND EXISTS "
                            "(SELECT 1 FROM requests r WHERE r.meeting_id = m.id) ORDER BY id LIMIT 1").fetchone()
    finally:
        conn.close()


@pytest.mark.slow
def test_print_minutes_by_code_or_number(demo_db, tmp_path, capsys):
    meeting_id, title = first_house_meeting(demo_db)
    for typed in (f"HY{meeting_id:04d}", str(meeting_id)):
        pdf = tmp_path / f"{typed}.pdf"
        code, out, err = run(capsys, "print", "minutes", typed, "--db", str(demo_db), "-o", str(pdf))
        assert (code, err) == (0, "") and str(pdf) in out
        text = text_of(pdf)
        assert title in text and f"HY{meeting_id:04d}" in text and "SQ" in text and "内部资料" in text


@pytest.mark.slow
def test_print_requests_for_a_year_and_a_month(demo_db, tmp_path, capsys):
    year = str(clock.today().year - 1)  # the demo's two years always cover all of last year
    for period in (year, f"{year}-01"):
        pdf = tmp_path / f"{period}.pdf"
        code, out, err = run(capsys, "print", "requests", period, "--db", str(demo_db), "-o", str(pdf))
        assert (code, err) == (0, "") and str(pdf) in out
        text = text_of(pdf)
        assert "民情台账" in text and "办结率" in text and "SQ" in text


@pytest.mark.slow
@pytest.mark.parametrize("argv, message", [
    (("minutes", "HY9999"), "没有编号为 HY9999 的会议记录"),
    (("minutes", "第一次"), "没有编号为 第一次 的会议记录"),
    (("requests", "2026-13"), "月份应在 01 到 12 之间"),
    (("requests", "明年"), "写法不对"),
])
def test_a_bad_id_or_period_is_one_line_and_no_file(demo_db, tmp_path, capsys, argv, message):
    pdf = tmp_path / "x.pdf"
    code, out, err = run(capsys, "print", *argv, "--db", str(demo_db), "-o", str(pdf))
    assert code == 1 and out == "" and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and message in err
    assert not pdf.exists()


@pytest.mark.slow
@pytest.mark.parametrize("argv", [("minutes",), ("requests",), ("minutes", "HY0001")])
def test_a_missing_argument_is_wrong_usage(demo_db, argv):
    with pytest.raises(SystemExit) as stop:
        main(["print", *argv, "--db", str(demo_db)])
    assert stop.value.code == 2


def test_without_a_village_profile(tmp_path, capsys):
    db = tmp_path / "empty.sqlite3"
    open_store(db).close()
    for argv in (("minutes", "1"), ("requests", "2026")):
        code, _out, err = run(capsys, "print", *argv, "--db", str(db), "-o", str(tmp_path / "x.pdf"))
        assert code == 1 and "村庄信息" in err
    assert not (tmp_path / "x.pdf").exists()
