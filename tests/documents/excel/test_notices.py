"""The notices sheets (公开事项, 公开表格行, 公开异议, 公开目录) and one notice's table, reopened with openpyxl."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from tests.core.notices.test_notices import TODAY, build_village, finance, posted
from villagedesk import clock
from villagedesk.core import notices
from villagedesk.core.notices import disclosure, tables
from villagedesk.documents.excel.notice_table import SHEET_TITLE, export_notice_table
from villagedesk.documents.excel.notices import (
    CALENDAR_COLUMNS,
    NOTICE_COLUMNS,
    NOTICE_SHEETS,
    OBJECTION_COLUMNS,
    ROW_COLUMNS,
    notice_sheets,
)
from villagedesk.documents.excel.workbook import export_workbook
from villagedesk.errors import UserError


@pytest.fixture
def board(profiled_store, monkeypatch):
    clock.set(TODAY)
    board = build_village(profiled_store)
    store = board.store
    item = notices.save_item(store, name="村级财务收支", category="财务公开", frequency=disclosure.MONTHLY, due_day=10)
    notices.save_item(store, name="工程项目", category="工程项目", frequency=disclosure.ON_EVENT)
    june = posted(board, start=date(2026, 7, 1), item_id=item["id"],
                  table=finance((tables.INCOME, "租金", "0.10"), (tables.EXPENSE, "水费", "0.20"), opening="5"))
    objection = notices.add_objection(store, june["id"], raised_by="张三", content="水费偏高", received_on="2026-07-02")
    notices.reply_objection(store, objection["id"], reply="按表计费。", replied_by="周监委", replied_on="2026-07-05")
    notices.add_objection(store, june["id"], raised_by="李四", content="租金偏低", received_on="2026-07-03")
    listed = notices.create_notice(store, category="惠民政策", title="低保名单", table=tables.recipient_list(
        store, [{"person_id": board.villagers[0]["id"], "amount": "330", "reason": "年老体弱，电话13912345678"}]))
    notices.create_notice(store, category="村务公开", title="评比结果",
                          table=tables.free_table(["户主", "得分"], [["张三", "96"], ["李四", ""]]))
    board.june, board.listed = june, listed
    return board


def sheet_rows(path, title: str) -> list[tuple]:
    return list(load_workbook(path, read_only=True)[title].iter_rows(values_only=True))


def test_the_sheets_with_their_headers_and_one_row_per_record(board, tmp_path):
    path = tmp_path / "公开.xlsx"
    written = export_workbook(board.store, path, sheets=NOTICE_SHEETS)
    assert written == {"公开事项": 3, "公开表格行": 5, "公开异议": 2, "公开目录": 2}
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["公开事项", "公开表格行", "公开异议", "公开目录"]
    for title, columns in (("公开事项", NOTICE_COLUMNS), ("公开表格行", ROW_COLUMNS), ("公开异议", OBJECTION_COLUMNS),
                           ("公开目录", CALENDAR_COLUMNS)):
        assert next(book[title].iter_rows(values_only=True)) == tuple(c.header for c in columns)


def test_each_notice_with_its_dates_and_its_stage_on_the_day(board, tmp_path):
    path = tmp_path / "公开.xlsx"
    export_workbook(board.store, path, sheets=notice_sheets(TODAY))
    header, *rows = sheet_rows(path, "公开事项")
    first = dict(zip(header, rows[0]))
    assert (first["公开编号"], first["类别"], first["表格类型"], first["表格行数"], first["状态"]) == (
        "GK0001", "财务公开", "财务收支", 2, "公示期满")
    assert first["张贴日期"] == datetime(2026, 7, 1) and first["公示截止日期"] == datetime(2026, 7, 7)
    assert (first["公示天数"], first["按工作日计"], first["审核人"], first["公开目录事项"]) == (7, "否", "周监委", "村级财务收支")
    assert (first["异议数"], first["未答复异议数"], first["完整公开身份证号"]) == (2, 1, "否")
    assert [dict(zip(header, r))["状态"] for r in rows[1:]] == ["草稿", "草稿"]
    assert dict(zip(header, rows[1]))["按工作日计"] is None  # not posted: no period yet
    export_workbook(board.store, path, sheets=notice_sheets(date(2026, 7, 7)))
    assert dict(zip(header, sheet_rows(path, "公开事项")[1]))["状态"] == "已张贴"


def test_table_rows_with_amounts_as_numbers_and_full_id_numbers_for_the_township(board, tmp_path):
    path = tmp_path / "公开.xlsx"
    export_workbook(board.store, path, sheets=NOTICE_SHEETS)
    header, *rows = sheet_rows(path, "公开表格行")
    found = [dict(zip(header, r)) for r in rows]
    assert [(r["公开编号"], r["序号"], r["收支"], r["收支项目"], r["金额（元）"]) for r in found[:2]] == [
        ("GK0001", 1, "收入", "租金", 0.1), ("GK0001", 2, "支出", "水费", 0.2)]
    person = board.villagers[0]
    assert (found[2]["姓名"], found[2]["身份证号"], found[2]["人员编号"], found[2]["金额（元）"]) == (
        "张三", person["id_number"], person["code"], 330)
    assert found[2]["原因或备注"] == "年老体弱，电话13912345678"  # internal: as recorded
    assert [r["表格内容"] for r in found[3:]] == ["户主：张三；得分：96", "户主：李四"]
    cell = load_workbook(path)["公开表格行"]["H4"]
    assert cell.value == person["id_number"] and cell.number_format == "@"


def test_objections_and_the_calendar_as_on_the_day(board, tmp_path):
    path = tmp_path / "公开.xlsx"
    export_workbook(board.store, path, sheets=notice_sheets(date(2026, 7, 14)))
    header, *rows = sheet_rows(path, "公开异议")
    states = [(r[header.index("异议人")], r[header.index("答复期限")], r[header.index("状态")]) for r in rows]
    assert states == [("张三", datetime(2026, 7, 12), "已答复"), ("李四", datetime(2026, 7, 13), "已逾期")]
    header, *rows = sheet_rows(path, "公开目录")
    calendar = [dict(zip(header, r)) for r in rows]
    assert (calendar[0]["公开事项"], calendar[0]["公开要求"], calendar[0]["状态"], calendar[0]["本期"]) == (
        "村级财务收支", "每月 10 日前", "已公开", "2026年7月")
    assert calendar[0]["最近公开日期"] == datetime(2026, 7, 1) and calendar[0]["最近公开编号"] == "GK0001"
    assert (calendar[1]["公开事项"], calendar[1]["状态"], calendar[1]["本期"]) == ("工程项目", "事项发生时", None)
    export_workbook(board.store, path, sheets=notice_sheets(date(2026, 8, 14)))
    header, *rows = sheet_rows(path, "公开目录")
    august = dict(zip(header, rows[0]))
    assert (august["状态"], august["本期"], august["本期截止日期"], august["逾期天数"]) == (
        "已逾期", "2026年8月", datetime(2026, 8, 10), 4)


def table_rows(path) -> list[tuple]:
    """The table of a notice export, below its title, 公开编号 and 公示期 lines."""
    rows = sheet_rows(path, SHEET_TITLE)
    return rows[next(n for n, row in enumerate(rows) if row[0] in ("序号", "户主")):]


def test_one_notices_table_as_the_poster_prints_it(board, tmp_path):
    store = board.store
    path = tmp_path / "表.xlsx"
    assert export_notice_table(store, path, "GK0001") == 2 + 5
    assert load_workbook(path).sheetnames == ["公示表格"]
    rows = table_rows(path)
    assert rows[0] == ("序号", "收支", "收支项目", "金额（元）", "备注")
    assert rows[1][:4] == (1, "收入", "租金", 0.1)
    assert rows[-1][1:4] == ("合计", "期末余额（上期结余＋本期收支结余）", 4.9)
    export_notice_table(store, path, board.listed["code"])
    header, listed, total = table_rows(path)
    number = board.villagers[0]["id_number"]
    assert listed[3] == f"{number[:6]}********{number[-4:]}" and listed[5] == "年老体弱，电话139****5678"
    assert total[1:3] == ("合计", "共 1 人") and total[4] == 330
    export_notice_table(store, path, "GK0003")
    assert [row[:2] for row in table_rows(path)] == [("户主", "得分"), ("张三", "96"), ("李四",)]
    no_table = notices.create_notice(store, category="其他", title="通知", body="开会。")
    with pytest.raises(UserError, match="没有表格"):
        export_notice_table(store, tmp_path / "无.xlsx", no_table["code"])
    assert not (tmp_path / "无.xlsx").exists()


def test_a_notice_export_says_what_it_is_above_the_table(board, tmp_path):
    """Title, 公开编号 and 公示期 with its length above the header, which prints on every page;
    amounts show two decimals."""
    path = tmp_path / "表.xlsx"
    export_notice_table(board.store, path, "GK0001")
    ws = load_workbook(path)[SHEET_TITLE]
    june = board.june
    assert june["posted_on"] == "2026-07-01" and [ws.cell(n, 1).value for n in (1, 2, 3)] == [june["title"], "公开编号：GK0001",
                                                        "公示期：2026年7月1日至2026年7月7日（共 7 天）"]
    assert ws.cell(4, 1).value == "序号" and ws.freeze_panes == "A5" and ws.print_title_rows == "$4:$4"
    assert ws.auto_filter.ref.startswith("A4:")
    assert "A1:E1" in {str(r) for r in ws.merged_cells.ranges}
    amounts = [ws.cell(row, 4) for row in range(5, ws.max_row + 1)]
    assert amounts and all(c.number_format == "0.00" for c in amounts if c.value is not None)
    # Not posted yet: said so; a 通知 has no 公示期 at all; a title that looks like a formula stays text.
    export_notice_table(board.store, path, board.listed["code"])
    ws = load_workbook(path)[SHEET_TITLE]
    assert [ws.cell(n, 1).value for n in (1, 2, 3)] == ["低保名单", f"公开编号：{board.listed['code']}",
                                                        "公示期：尚未张贴"]
    notice = notices.create_notice(board.store, category="村务公开", title="=关于召开村民代表会议的通知",
                                   table=tables.free_table(["户主"], [["张三"]]))
    export_notice_table(board.store, path, notice["code"])
    ws = load_workbook(path)[SHEET_TITLE]
    assert [ws.cell(n, 1).value for n in (1, 2, 3)] == ["=关于召开村民代表会议的通知", f"公开编号：{notice['code']}",
                                                        "户主"]
    assert ws.cell(1, 1).data_type == "s" and ws.cell(1, 1).quotePrefix


def test_cli_exports_one_notices_table_or_says_why_not(board, tmp_path, capsys):
    from villagedesk.cli import main

    store = board.store
    db = str(store.path)
    code = board.listed["code"]
    store.close()  # the command opens the file itself
    out = tmp_path / "名单.xlsx"
    assert main(["export", "notice", code, "--db", db, "-o", str(out)]) == 0
    assert "隐去" in capsys.readouterr().out and table_rows(out)[0][0] == "序号"
    assert main(["export", "notice", "GK9999", "--db", db, "-o", str(tmp_path / "x.xlsx")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "GK9999" in err and not (tmp_path / "x.xlsx").exists()
