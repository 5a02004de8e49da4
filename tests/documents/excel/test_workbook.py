"""Excel export: reopened with openpyxl, as the township will open it."""

from __future__ import annotations

import tempfile
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from villagedesk.core.common import ids
from villagedesk.core.register import people
from villagedesk.documents.excel import workbook as excel
from villagedesk.documents.excel.spec import Col, SheetSpec
from villagedesk.errors import Cancelled, UserError

HOUSEHOLD_HEADERS = ["户编号", "户主", "村民小组", "住址", "联系电话", "在册人数", "状态", "归档原因",
                     "唯一标识", "更新时间"]
PERSON_HEADERS = ["人员编号", "户编号", "姓名", "性别", "民族", "出生日期", "身份证号", "与户主关系",
                  "联系电话", "文化程度", "政治面貌", "状态", "归档原因", "唯一标识", "更新时间"]



def areas_empty() -> dict[str, int]:
    """The sheets after the register's (each area tests its own: tests/test_excel_committee.py, …), all empty."""
    return {spec.title: 0 for spec in excel.default_sheets()[2:]}

HEAD_ID = ids.make_id_number("431322", date(1970, 3, 5), 11)
WIFE_ID = ids.make_id_number("431322", date(1972, 8, 1), 22)
GONE_ID = ids.make_id_number("431322", date(1950, 1, 9), 31)


@pytest.fixture
def village(store):
    """Two households: one in the register, one archived (moved away)."""
    one = people.add_household(store, code="HH001", group_name="一组", address="枫树湾 3 号",
                                phone="13800000001")
    people.add_person(store, one["id"], name="张三", relation="户主", id_number=HEAD_ID,
                      ethnicity="汉族", phone="13800000001", education="初中", political="中共党员")
    people.add_person(store, one["id"], name="李四", relation="配偶", id_number=WIFE_ID)
    people.add_person(store, one["id"], name="张小妹", relation="女", gender="女", birth_date="2012-06-01")
    two = people.add_household(store, code="HH002", group_name="二组", address="河边 8 号")
    people.add_person(store, two["id"], name="王五", relation="户主", id_number=GONE_ID)
    people.archive_household(store, two["id"], "整户迁出")
    return store


def by_header(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def cell_of(ws, header: str, row: int):
    headers = [c.value for c in ws[1]]
    return ws.cell(row=row, column=headers.index(header) + 1)


def test_headers_are_pinned_bold_and_frozen(village, tmp_path):
    out = tmp_path / "村务.xlsx"
    assert excel.export_workbook(village, out) == {"户": 2, "人员": 4, **areas_empty()}
    wb = load_workbook(out)
    assert wb.sheetnames == ["户", "人员", *areas_empty()]
    for title, expected in (("户", HOUSEHOLD_HEADERS), ("人员", PERSON_HEADERS)):
        ws = wb[title]
        assert [c.value for c in ws[1]] == expected
        assert all(c.font.bold for c in ws[1])
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(expected)).column_letter}{ws.max_row}"
    widths = wb["人员"].column_dimensions
    assert widths["G"].width >= 18  # 身份证号 shows all 18 characters
    assert widths["N"].width >= 36  # 唯一标识 shows the whole UUID


def test_values_dates_and_text_ids(village, tmp_path):
    out = tmp_path / "村务.xlsx"
    excel.export_workbook(village, out)
    wb = load_workbook(out)
    persons = wb["人员"]
    rows = {r["姓名"]: r for r in by_header(persons)}
    assert set(rows) == {"张三", "李四", "张小妹", "王五"}
    head = rows["张三"]
    assert head["人员编号"] == "HH001-P01" and head["户编号"] == "HH001"
    assert head["身份证号"] == HEAD_ID and head["性别"] == "男" and head["政治面貌"] == "中共党员"
    assert head["出生日期"] == datetime(1970, 3, 5)
    assert head["状态"] == "在册" and head["归档原因"] is None
    assert rows["张小妹"]["身份证号"] is None and rows["张小妹"]["出生日期"] == datetime(2012, 6, 1)
    assert rows["王五"]["状态"] == "已归档" and rows["王五"]["归档原因"] == "整户迁出"
    assert isinstance(head["更新时间"], datetime)

    birth = cell_of(persons, "出生日期", 2)
    assert birth.data_type == "d" and birth.number_format == "yyyy-mm-dd"
    number = cell_of(persons, "身份证号", 2)
    assert number.data_type == "s" and number.value == HEAD_ID
    assert number.number_format == "@"  # stays text when retyped in Excel
    phone = cell_of(persons, "联系电话", 2)
    assert phone.data_type == "s" and phone.value == "13800000001"

    households = {r["户编号"]: r for r in by_header(wb["户"])}
    assert households["HH001"]["户主"] == "张三"
    assert households["HH001"]["在册人数"] == 3
    assert households["HH001"]["住址"] == "枫树湾 3 号" and households["HH001"]["状态"] == "在册"
    # An archived household still names its (archived) head.
    assert households["HH002"]["户主"] == "王五"
    assert households["HH002"]["在册人数"] == 0
    assert households["HH002"]["状态"] == "已归档" and households["HH002"]["归档原因"] == "整户迁出"
    uids = {r["uid"] for r in village.rows("SELECT uid FROM households")}
    assert {r["唯一标识"] for r in households.values()} == uids


def test_codes_sort_by_number_not_text(store, tmp_path):
    for code in ("HH1000", "HH010", "HH002"):
        people.add_household(store, code=code)
    out = tmp_path / "x.xlsx"
    excel.export_workbook(store, out)
    codes = [r["户编号"] for r in by_header(load_workbook(out)["户"])]
    assert codes == ["HH002", "HH010", "HH1000"]


def test_empty_database_gives_header_rows(store, tmp_path):
    out = tmp_path / "empty.xlsx"
    assert excel.export_workbook(store, out) == {"户": 0, "人员": 0, **areas_empty()}
    wb = load_workbook(out)
    assert [c.value for c in wb["人员"][1]] == PERSON_HEADERS and wb["人员"].max_row == 1


def test_generic_sheet_spec_kinds(store, tmp_path):
    spec = SheetSpec(
        title="测试",
        columns=(
            Col("文字", "t"), Col("日期", "d", "date"), Col("坏日期", "bad", "date"),
            Col("整数", "n", "int"), Col("小数", "f", "number"), Col("号码", "i", "id"),
            Col("金额", "m", "money"),
        ),
        sql="SELECT 'x' AS t, '2024-02-29' AS d, '2024-02-30' AS bad, '7' AS n, 2.5 AS f, "
            "'0738' AS i, 330 AS m",
        count_sql="SELECT 1",
    )
    out = tmp_path / "g.xlsx"
    assert excel.export_workbook(store, out, sheets=[spec]) == {"测试": 1}
    ws = load_workbook(out)["测试"]
    values = [c.value for c in ws[2]]
    # A malformed stored date is shown as the text it is rather than dropped.
    assert values == ["x", datetime(2024, 2, 29), "2024-02-30", 7, 2.5, "0738", 330]
    assert ws["E2"].data_type == "n" and ws["F2"].data_type == "s"
    assert ws["G2"].data_type == "n" and ws["G2"].number_format == "0.00"  # 330.00, as the notices print it
    with pytest.raises(ValueError):
        Col("x", "x", "yuan")


def test_cancel_leaves_old_file_and_no_temp_files(village, tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where openpyxl buffers sheets
    monkeypatch.setattr(excel, "_REPORT_EVERY", 1)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "村务.xlsx"
    out.write_bytes(b"older export")
    calls = []

    def progress(done, total):
        calls.append((done, total))
        if done >= 3:  # cancelled mid-way through the rows
            raise Cancelled

    with pytest.raises(Cancelled):
        excel.export_workbook(village, out, progress=progress)
    assert calls[0] == (0, 6) and calls[-1] == (3, 6)
    assert out.read_bytes() == b"older export"
    assert list(out_dir.iterdir()) == [out]
    assert list(scratch.iterdir()) == []


def test_progress_reaches_total(village, tmp_path):
    calls = []
    excel.export_workbook(village, tmp_path / "x.xlsx", progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, 6) and calls[-1] == (6, 6)


@pytest.mark.slow
def test_unwritable_target_is_a_user_error(village, tmp_path):
    with pytest.raises(UserError, match="无法保存文件"):
        excel.export_workbook(village, tmp_path / "no-such-folder" / "x.xlsx")
    folder = tmp_path / "a-folder.xlsx"
    folder.mkdir()
    with pytest.raises(UserError, match="无法保存文件"):
        excel.export_workbook(village, folder)
    assert list(tmp_path.glob(".*.tmp")) == [] and list(folder.iterdir()) == []
