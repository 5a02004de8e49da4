"""Township outputs: the summary lines, the township workbook (summary + merged sheets with a 村 column),
the printed summary for a period, from the CLI and from the window.

Real village and township files, real packages, the workbook reopened with
openpyxl and the PDF read back with pypdf.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import msoffcrypto
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.helpers import WAIT_MS
from tests.helpers.factories import valid_uscc
from tests.helpers.ui import PreviewRecorder, when_modal
from tests.ui.township.test_page import _package, _village
from villagedesk import clock
from villagedesk.cli import main
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.core.register import people
from villagedesk.core.township import merge as township
from villagedesk.core.township.summary import summary_periods, summary_rows
from villagedesk.documents.excel.township import export_township_workbook
from villagedesk.documents.package.importer import ImportSession
from villagedesk.documents.pdf.summary import print_summary
from villagedesk.documents.protect import OpenPassword
from villagedesk.errors import UserError
from villagedesk.store import open_store

A = valid_uscc("54431322MJ1234601")
B = valid_uscc("54431322MJ1234602")


@pytest.fixture
def township_db(tmp_path) -> Path:
    """A township that took two villages: 白沙村 (two households) and 石门村 (three, one of them new)."""
    stick = tmp_path / "usb"
    stick.mkdir()
    path = tmp_path / "township.sqlite3"
    with open_store(path) as store:
        save_profile(store, Profile("天门乡人民政府", valid_uscc("11431322MB1234567"), "天门乡", "新化县",
                                    "王干事", "07381234567"))
        township.set_township(store, True)
    a = _village(tmp_path / "a.sqlite3", A, "白沙村", path)
    b = _village(tmp_path / "b.sqlite3", B, "石门村", path)
    packages = [_package(a, stick), _package(b, stick),
                _package(b, stick, lambda s: people.add_household(s, code="HH003", group_name="二组"))]
    with open_store(path) as store:
        session = ImportSession(store)
        for package in packages:
            session.take(package, accept_new_village=True)
    return path


@pytest.mark.slow
def test_summary_lines_come_from_what_each_village_sent(township_db):
    today = clock.today()
    with open_store(township_db, write=False) as store:
        rows = summary_rows(store, today)
        quarter = summary_periods(today)[0]
        chosen = summary_rows(store, today, quarter)
        old = summary_rows(store, today, summary_periods(today)[-1])
    assert [(r["name"], r["households"], r["last_sequence"], r["age"]) for r in rows] == [
        ("白沙村", 2, 1, 0), ("石门村", 3, 2, 0)]
    assert all(r["committee"] for r in rows)  # no heads recorded in these villages: both vacancies named
    assert [r["points_period"] for r in chosen] == [quarter.label] * 2
    assert [r["participation"] for r in chosen] == [0.0, 0.0]  # sent for this quarter: nobody scored yet
    assert [r["requests_total"] for r in old] == [0, 0]  # last year: sent too, and empty


@pytest.mark.slow
def test_every_summary_figure_says_which_period_it_covers(township_db, tmp_path):
    """Request counts stood all-time beside a quarter's 积分期 with nothing to say so."""
    today = clock.today()
    quarter = summary_periods(today)[0]
    out, pdf = tmp_path / "township.xlsx", tmp_path / "summary.pdf"
    with open_store(township_db, write=False) as store:
        current = summary_rows(store, today)
        chosen = summary_rows(store, today, quarter)
        export_township_workbook(store, out)
        print_summary(store, pdf, quarter.code)
    all_time = f"累计（截至 {today.isoformat()}）"
    assert [(r["points_period"], r["requests_period"]) for r in current] == [(quarter.label, all_time)] * 2
    assert [(r["points_period"], r["requests_period"]) for r in chosen] == [(quarter.label, quarter.label)] * 2
    header, *rows = load_workbook(out, read_only=True)["各村汇总"].iter_rows(values_only=True)
    sheet = [dict(zip(header, row)) for row in rows]
    assert [(r["积分期"], r["诉求统计期"], r["数字截至"].date()) for r in sheet] == [(quarter.label, all_time, today)] * 2
    text = "".join("".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert f"积分参与率、诉求总数、在办、逾期、办结率为{quarter.label.replace(' ', '')}的数字" in text


@pytest.mark.slow
def test_the_township_workbook_has_the_summary_and_every_village_merged(township_db, tmp_path):
    out = tmp_path / "township.xlsx"
    with open_store(township_db, write=False) as store:
        written = export_township_workbook(store, out)
    assert written["各村汇总"] == 2
    book = load_workbook(out, read_only=True)
    summary = list(book["各村汇总"].iter_rows(values_only=True))
    assert summary[0][:3] == ("村", "统一社会信用代码", "最后数据包")
    assert [(r[0], r[1], r[2], r[5]) for r in summary[1:]] == [("白沙村", A, 1, 2), ("石门村", B, 2, 3)]
    households = list(book[book.sheetnames[1]].iter_rows(values_only=True))
    assert households[0][0] == "村" and written[book.sheetnames[1]] == 5
    codes = sorted((r[0], r[1]) for r in households[1:])
    assert codes == [("白沙村", "HH001"), ("白沙村", "HH002"), ("石门村", "HH001"), ("石门村", "HH002"),
                     ("石门村", "HH003")]
    book.close()


@pytest.mark.slow
def test_the_township_workbook_takes_an_opening_password(township_db, tmp_path):
    """The villages' registers are merged into it, full ID numbers and all (documents/protect.py)."""
    out = tmp_path / "township.xlsx"
    with open_store(township_db, write=False) as store:
        export_township_workbook(store, out, password=OpenPassword("Tianmen-2026"))
    with open(out, "rb") as fh:
        office = msoffcrypto.OfficeFile(fh)
        office.load_key(password="Tianmen-2026")
        plain = io.BytesIO()
        office.decrypt(plain)
    assert load_workbook(plain, read_only=True).sheetnames[0] == "各村汇总"


@pytest.mark.slow
def test_cli_export_excel_in_township_mode_and_print_summary(township_db, tmp_path, capsys):
    out, pdf = tmp_path / "out.xlsx", tmp_path / "summary.pdf"
    assert main(["export", "excel", "--db", str(township_db), "-o", str(out)]) == 0
    assert load_workbook(out, read_only=True).sheetnames[0] == "各村汇总"
    period = summary_periods(clock.today())[0]
    assert main(["print", "summary", period.code, "--db", str(township_db), "-o", str(pdf)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    for expected in ("各村村务汇总表", period.label, "白沙村", "石门村", "合计（2 村）", "最后一次数据包当日"):
        assert expected in text
    capsys.readouterr()
    bad = tmp_path / "bad.pdf"
    assert main(["print", "summary", "2026-Q9", "--db", str(township_db), "-o", str(bad)]) == 1
    assert capsys.readouterr().err.count("\n") == 1 and not bad.exists()


def test_a_village_database_prints_no_summary(tmp_path, capsys):
    village = _village(tmp_path / "v.sqlite3", A, "白沙村")
    out = tmp_path / "s.pdf"
    assert main(["print", "summary", "2026", "--db", str(village), "-o", str(out)]) == 1
    assert "村级数据库，不能打印各村汇总表" in capsys.readouterr().err and not out.exists()


@pytest.mark.slow
def test_a_period_no_village_sent_prints_dashes_and_says_why(township_db, tmp_path):
    pdf = tmp_path / "old.pdf"
    with open_store(township_db, write=False) as store:
        print_summary(store, pdf, "2020-Q1")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "白沙村、石门村的数据包中没有2020 年第一季度的数字" in text.replace("\n", "")


def test_an_empty_township_has_nothing_to_export_or_print(tmp_path):
    path = tmp_path / "empty.sqlite3"
    with open_store(path) as store:
        save_profile(store, Profile("天门乡人民政府", valid_uscc("11431322MB1234567"), "天门乡", "新化县",
                                    "王干事", "07381234567"))
        township.set_township(store, True)
        with pytest.raises(UserError, match="还没有导入任何村"):
            export_township_workbook(store, tmp_path / "x.xlsx")
        with pytest.raises(UserError, match="还没有导入任何村"):
            print_summary(store, tmp_path / "x.pdf", "2026")
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "x.pdf").exists()


@pytest.mark.slow
@pytest.mark.usefixtures("vd_app")
def test_the_township_page_exports_and_prints_the_summary(qtbot, township_db, tmp_path, monkeypatch):
    from villagedesk.ui.main_window import MainWindow

    out = tmp_path / "from-window.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    with open_store(township_db) as store:
        window = MainWindow(store)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        page = window.township
        said = []
        # No opening password this time (tests/ui/kit/test_open_password.py sets one), then the saved message.
        when_modal(lambda d: d.try_accept(), lambda d: (said.append(d.text()), d.accept()))
        qtbot.mouseClick(page.buttons["export_excel"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(said), timeout=WAIT_MS)
        assert str(out) in said[0] and load_workbook(out, read_only=True).sheetnames[0] == "各村汇总"

        page.period.setCurrentIndex(page.period.findData(summary_periods(clock.today())[0].code))
        previews = PreviewRecorder()
        monkeypatch.setattr("villagedesk.ui.kit.print_preview.PrintPreviewDialog", previews)
        qtbot.mouseClick(page.buttons["print_summary"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(previews), timeout=WAIT_MS)
        text, suggested = previews[0]
        assert "各村村务汇总表" in text and "石门村" in text and suggested.endswith(".pdf")
        figures = json.loads(township.villages(store)[0]["figures"])
        assert figures["as_of"] == clock.today().isoformat()


@pytest.mark.slow
def test_a_township_made_on_the_command_line_prints_without_a_profile(tmp_path, capsys):
    """`villagedesk township` leaves no profile: the summary is headed with the township its villages name."""
    stick = tmp_path / "usb"
    stick.mkdir()
    target, pdf = tmp_path / "t.sqlite3", tmp_path / "s.pdf"
    assert main(["township", "--db", str(target)]) == 0
    package = _package(_village(tmp_path / "a.sqlite3", A, "白沙村", target), stick)
    assert main(["import-package", str(package), "--db", str(target), "--accept-new-village"]) == 0
    assert main(["print", "summary", str(clock.today().year), "--db", str(target), "-o", str(pdf)]) == 0
    text = PdfReader(pdf).pages[0].extract_text()
    assert "新化县天门乡" in text and "白沙村" in text and "新化县天门乡天门乡" not in text


@pytest.mark.slow
def test_the_township_summary_stays_on_a4_with_its_total_line(township_db, tmp_path):
    """The county's summary (one column more) moved to A3; the township's, printed by the same code, did not."""
    pdf = tmp_path / "summary.pdf"
    with open_store(township_db, write=False) as store:
        print_summary(store, pdf, summary_periods(clock.today())[0].code)
    page = PdfReader(pdf).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    text = "".join(page.extract_text().split())
    assert "合计（2村）5" in text and "各村村务汇总表" in text and "乡镇" not in text.split("各村村务汇总表")[-1][:40]
