"""Every workbook the program writes prints, and nothing in it is taken for a formula.

Each sheet of the village workbook, a notice's exported table, the rules export
and the township workbook carries its page set-up (A4, landscape where wide, one
page wide, the header row repeated, 第 x 页，共 y 页, 内部资料 on sheets with full
ID numbers or phones); text that starts with = + - @ stays text.  LibreOffice
(headless, from the distribution's packages) turns each workbook into a PDF,
which is read back with pdftotext: one page per sheet (nothing spills to a second
page across), 内部资料 exactly on the pages of such sheets, and a cell that began
with "=" shown as typed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.documents.excel.test_notices import board  # noqa: F401  (the notices' village, as a fixture)
from tests.documents.test_township_outputs import township_db  # noqa: F401  (a township that took two villages)
from villagedesk.core import notices
from villagedesk.core.notices import tables
from villagedesk.core.register import people
from villagedesk.documents.excel import workbook as excel
from villagedesk.documents.excel.notice_table import SHEET_TITLE, export_notice_table
from villagedesk.documents.excel.page_setup import PORTRAIT_WIDTH
from villagedesk.documents.excel.township import export_township_workbook
from villagedesk.documents.imports.rules import export_rules
from villagedesk.store import open_store

# The sheets that hold full ID numbers or phones (and a township's merged copies of them).
INTERNAL = {"户", "人员", "两委成员", "公开表格行"}
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")


@pytest.fixture
def tricky(board):  # noqa: F811  (the fixture imported above)
    """The notices' village with text that looks like formulas: a free table headed =户主, an address, a reason."""
    store = board.store
    home = people.add_household(store, code="HH100", group_name="=一组", address="=HYPERLINK(\"x\")")
    people.add_person(store, home["id"], name="@王", relation="户主")
    board.free = notices.create_notice(store, category="村务公开", title="=评比结果", table=tables.free_table(
        ["=户主", "+得分", "备注"], [["张三", "-3", "@所有人"], ["=SUM(A1:A3)", "96", "正常"]]))
    return board


def workbooks(village, folder: Path) -> dict[str, Path]:
    """Every workbook a village writes: the whole workbook, a notice's table (masked, and the free table),
    the rules catalogue."""
    made = {"village": folder / "村务.xlsx", "notice": folder / "名单.xlsx", "free": folder / "评比.xlsx",
            "rules": folder / "细则.xlsx"}
    excel.export_workbook(village.store, made["village"])
    export_notice_table(village.store, made["notice"], village.june["code"])
    export_notice_table(village.store, made["free"], village.free["code"])
    export_rules(village.store, made["rules"])
    return made


def header_row(ws) -> int:
    """The row of the column headers: the first in bold at the normal size (lead lines are larger)."""
    for row in ws.iter_rows(min_row=1, max_row=6):
        first = row[0]
        if first.value is not None and first.font.bold and (first.font.size or 11) <= 11:
            return first.row
    raise AssertionError(f"{ws.title}: no header row")


def printed_width(ws) -> float:
    last = re.search(r"\$([A-Z]+)\$\d+$", ws.print_area).group(1)
    return sum(ws.column_dimensions[col].width for col in ws.column_dimensions if len(col) <= len(last)
               and (len(col), col) <= (len(last), last))


def check_page_setup(ws, internal: bool) -> None:
    setup = ws.page_setup
    top = header_row(ws)
    assert str(setup.paperSize) == "9", ws.title  # A4
    assert setup.orientation == ("landscape" if printed_width(ws) > PORTRAIT_WIDTH else "portrait"), ws.title
    assert ws.sheet_properties.pageSetUpPr.fitToPage and (setup.fitToWidth, setup.fitToHeight) == (1, 0), ws.title
    assert ws.print_title_rows == f"${top}:${top}", ws.title
    assert ws.print_area.startswith("'") and "!$A$1:" in ws.print_area, ws.title
    footer = ws.oddFooter.center.text
    assert "&P" in footer and "&N" in footer and footer.startswith("第"), ws.title
    assert (ws.oddHeader.right.text == "内部资料") == internal, ws.title


def test_every_sheet_of_every_village_workbook_prints_one_page_wide(tricky, tmp_path):
    made = workbooks(tricky, tmp_path)
    seen = []
    for kind, path in made.items():
        book = load_workbook(path)
        for ws in book.worksheets:
            internal = ws.title in INTERNAL or (kind == "notice" and tricky.june["full_numbers"])
            check_page_setup(ws, internal)
            seen.append(ws.title)
    assert set(INTERNAL) < set(seen) and SHEET_TITLE in seen and "积分细则" in seen
    # Every sheet name is Chinese: no GK0012 or Sheet1 for a clerk to puzzle over.
    assert all(re.search(r"[\u4e00-\u9fff]", title) for title in seen), seen


def test_a_notice_table_with_full_numbers_is_internal_and_a_masked_one_is_not(tricky, tmp_path):
    path = tmp_path / "名单.xlsx"
    export_notice_table(tricky.store, path, tricky.listed["code"])
    masked = load_workbook(path)[SHEET_TITLE]
    check_page_setup(masked, internal=False)
    notices.allow_full_numbers(tricky.store, tricky.listed["id"], approved_by="王主任")
    export_notice_table(tricky.store, path, tricky.listed["code"])
    check_page_setup(load_workbook(path)[SHEET_TITLE], internal=True)


def test_a_wide_sheet_prints_landscape_without_its_matching_columns(tricky, tmp_path):
    out = tmp_path / "村务.xlsx"
    excel.export_workbook(tricky.store, out)
    book = load_workbook(out)
    entries, terms = book["积分明细"], book["届次"]
    assert entries.page_setup.orientation == "landscape" and terms.page_setup.orientation == "portrait"
    # 链序号 is printed; 校验值, 唯一标识 and 更新时间 (for the township's matching) are not.
    headers = [c.value for c in entries[1]]
    last = re.search(r":\$([A-Z]+)\$", entries.print_area).group(1)
    assert headers[-4:] == ["链序号", "校验值", "唯一标识", "更新时间"]
    assert last == entries.cell(1, headers.index("链序号") + 1).column_letter


@pytest.mark.slow
def test_every_sheet_of_the_township_workbook_prints_one_page_wide(township_db, tmp_path):  # noqa: F811
    out = tmp_path / "township.xlsx"
    with open_store(township_db, write=False) as store:
        export_township_workbook(store, out)
    book = load_workbook(out)
    assert book.sheetnames[0] == "各村汇总"
    for ws in book.worksheets:
        check_page_setup(ws, ws.title in INTERNAL)


def test_text_that_looks_like_a_formula_stays_text(tricky, tmp_path):
    made = workbooks(tricky, tmp_path)
    for path in made.values():
        with zipfile.ZipFile(path) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
            assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets), path
    found = {}
    for path in made.values():
        for ws in load_workbook(path).worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                        assert cell.data_type == "s" and cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
                        found.setdefault(cell.value, set()).add(ws.title)
    free = load_workbook(made["free"])[SHEET_TITLE]
    assert [c.value for c in free[header_row(free)]] == ["=户主", "+得分", "备注"]
    assert free.cell(1, 1).value == "=评比结果"
    assert {"=户主", "=SUM(A1:A3)", "-3", "@所有人", "=一组", "@王", '=HYPERLINK("x")'} <= set(found)
    assert {"户", "人员"} <= found["@王"] and "户" in found["=一组"]
    # 公开表格行 writes a free table's cells as 列标题：内容, so the first starts with =户主 too.
    rows = [c.value for c in load_workbook(made["village"])["公开表格行"]["L"]]
    assert "=户主：张三；+得分：-3；备注：@所有人" in rows


# --- LibreOffice ------------------------------------------------------------------------------

def test_ci_has_libreoffice_and_pdftotext():
    """CI installs them (.ci/run): there the PDF checks below must run, never be skipped."""
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        assert SOFFICE and PDFTOTEXT, "CI lacks soffice or pdftotext: .ci/run installs libreoffice-calc-nogui"


def to_pdf(workbook: Path, scratch: Path) -> Path:
    """``workbook`` as LibreOffice prints it, with a profile of its own (tests run side by side)."""
    profile = scratch / "lo-profile"
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(scratch), str(workbook)],
        capture_output=True, text=True, timeout=300, check=False)
    pdf = scratch / workbook.with_suffix(".pdf").name
    assert done.returncode == 0 and pdf.is_file(), done.stdout + done.stderr
    return pdf


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]  # one form feed after each page


@pytest.mark.slow
@pytest.mark.skipif(not (SOFFICE and PDFTOTEXT), reason="LibreOffice (soffice) or pdftotext is not installed here; "
                    "CI installs libreoffice-calc-nogui and poppler-utils (.ci/run)")
def test_libreoffice_prints_each_village_workbook_one_page_a_sheet(tricky, tmp_path):
    made = workbooks(tricky, tmp_path)
    for kind, path in made.items():
        sheets = load_workbook(path, read_only=True).sheetnames
        pdf = to_pdf(path, tmp_path)
        pages = page_texts(pdf)
        assert len(PdfReader(pdf).pages) == len(pages) == len(sheets), (kind, len(pages), sheets)
        for title, page in zip(sheets, pages):
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            # The header names the sheet; the footer counts the pages.
            assert lines[0].startswith(title), (kind, title, lines[:2])
            assert f"第 {sheets.index(title) + 1} 页，共 {len(sheets)} 页" in page, (kind, title)
            assert ("内部资料" in page) == (title in INTERNAL), (kind, title)
            assert "#NAME" not in page and "Err:" not in page, (kind, title)
    free = page_texts(to_pdf(made["free"], tmp_path))[0]
    assert "=评比结果" in free and "=户主" in free and "=SUM(A1:A3)" in free and "@所有人" in free
    notice = page_texts(to_pdf(made["notice"], tmp_path))[0]
    assert "公示期：2026年7月1日至2026年7月7日（共 7 天）" in notice and "期末余额" in notice


@pytest.mark.slow
@pytest.mark.skipif(not (SOFFICE and PDFTOTEXT), reason="LibreOffice (soffice) or pdftotext is not installed here; "
                    "CI installs libreoffice-calc-nogui and poppler-utils (.ci/run)")
def test_libreoffice_prints_the_township_workbook(township_db, tmp_path):  # noqa: F811
    out = tmp_path / "township.xlsx"
    with open_store(township_db, write=False) as store:
        export_township_workbook(store, out)
    sheets = load_workbook(out, read_only=True).sheetnames
    pages = page_texts(to_pdf(out, tmp_path))
    assert len(pages) == len(sheets)
    for title, page in zip(sheets, pages):
        assert page.strip().startswith(title) and ("内部资料" in page) == (title in INTERNAL), title
    assert "白沙村" in pages[0] and "石门村" in pages[0] and "诉求统计期" in pages[0]
