"""Rows streamed past openpyxl: text that XML cannot hold as it is, and values that are not what their column says."""

from __future__ import annotations

import zipfile

from openpyxl import load_workbook

from villagedesk.documents.excel import workbook as excel
from villagedesk.documents.excel.rows import MAX_CELL_TEXT
from villagedesk.documents.excel.spec import Col, SheetSpec


def export(store, tmp_path, sql: str, columns) -> list:
    spec = SheetSpec(title="测试", columns=tuple(columns), sql=sql, count_sql="SELECT 1")
    out = tmp_path / "t.xlsx"
    excel.export_workbook(store, out, sheets=[spec])
    return out


def test_markup_control_characters_spaces_and_long_text(store, tmp_path):
    cols = [Col("甲", "a"), Col("乙", "b"), Col("丙", "c"), Col("丁", "d")]
    store.conn.execute("CREATE TEMP TABLE t (a, b, c, d)")
    store.conn.execute("INSERT INTO t VALUES (?, ?, ?, ?)",
                       ("<b>张&李</b> > 3", "响铃\x07字符\x00", "  两头空格  ", "长" * (MAX_CELL_TEXT + 10)))
    out = export(store, tmp_path, "SELECT a, b, c, d FROM t", cols)
    ws = load_workbook(out)["测试"]
    assert [c.value for c in ws[2]] == ["<b>张&李</b> > 3", "响铃字符", "  两头空格  ", "长" * MAX_CELL_TEXT]


def test_blank_cells_keep_later_cells_in_their_columns(store, tmp_path):
    cols = [Col("甲", "a"), Col("乙", "b", "int"), Col("丙", "c", "date"), Col("丁", "d")]
    out = export(store, tmp_path, "SELECT NULL AS a, '' AS b, NULL AS c, '末列' AS d", cols)
    ws = load_workbook(out)["测试"]
    assert [c.value for c in ws[2]] == [None, None, None, "末列"]
    assert ws["D2"].value == "末列"


def test_a_value_not_of_its_column_kind_is_shown_as_text(store, tmp_path):
    cols = [Col("整数", "n", "int"), Col("小数", "f", "number"), Col("时间", "t", "datetime")]
    out = export(store, tmp_path, "SELECT '七' AS n, 'x1.5' AS f, '昨天' AS t", cols)
    ws = load_workbook(out)["测试"]
    assert [c.value for c in ws[2]] == ["七", "x1.5", "昨天"]


def test_rows_are_numbered_and_the_sheet_is_one_well_formed_part(store, tmp_path):
    cols = [Col("序号", "n", "int"), Col("日期", "d", "date")]
    sql = ("WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 2500) "
           "SELECT n, date('2024-01-01', '+' || n || ' days') AS d FROM s")
    out = export(store, tmp_path, sql, cols)
    ws = load_workbook(out, read_only=True)["测试"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 2500 and rows[0][0] == 1 and rows[-1][0] == 2500
    assert rows[-1][1].date().isoformat() == "2030-11-05"  # 2024-01-01 + 2500 days
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
        sheet = z.read("xl/worksheets/sheet1.xml")
    assert sheet.count(b"<sheetData>") == 1 and sheet.count(b"</sheetData>") == 1
    assert b'<row r="2501">' in sheet and b'<row r="2502">' not in sheet
