"""Rule catalogue to Excel and back: round trip, revisions, retirements, new rules, and refusals that write nothing."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from tests.core.points.test_helpers import CLEAN_YARD, LABOUR, fix_today, make_village, record, snapshot
from villagedesk.core.points import rules
from villagedesk.documents.imports.rules import export_rules, read_rules
from villagedesk.errors import UserError
from villagedesk.store import open_store


@pytest.fixture
def village(store, monkeypatch):
    fix_today(monkeypatch)
    return make_village(store)


def exported(store, tmp_path):
    """The exported catalogue reopened for editing: (workbook, sheet, header → column number)."""
    path = tmp_path / "细则.xlsx"
    export_rules(store, path, today=date(2026, 8, 20))
    wb = load_workbook(path)
    ws = wb["积分细则"]
    return path, wb, ws, {c.value: c.column for c in ws[1]}


def row_of(ws, cols, item: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, cols["事项"]).value == item)


def test_the_export_reads_back_unchanged(store, village, tmp_path):
    path, *_ = exported(store, tmp_path)
    plan = read_rules(store, path)
    assert (plan.rows_read, plan.unchanged, plan.steps, plan.problems) == (25, 25, [], [])
    before = snapshot(store)
    assert plan.apply(store)["backup"] is None  # nothing to write, not even a backup
    assert snapshot(store) == before


def test_a_changed_row_with_a_later_date_is_a_new_version(store, village, tmp_path):
    path, wb, ws, cols = exported(store, tmp_path)
    r = row_of(ws, cols, LABOUR)
    ws.cell(r, cols["分值"]).value = 8
    ws.cell(r, cols["生效日期"]).value = date(2026, 10, 1)
    wb.save(path)
    plan = read_rules(store, path)
    assert [(s.kind, s.row) for s in plan.steps] == [("revise", r)] and plan.unchanged == 24
    assert plan.apply(store)["revise"] == 1
    versions = store.rows("SELECT version, points, valid_from, valid_to FROM point_rules WHERE item = ? "
                          "ORDER BY version", (LABOUR,))
    assert versions == [{"version": 1, "points": 5, "valid_from": "2026-01-01", "valid_to": "2026-09-30"},
                        {"version": 2, "points": 8, "valid_from": "2026-10-01", "valid_to": None}]
    # and the new export is again a file that changes nothing
    path, *_ = exported(store, tmp_path)
    assert read_rules(store, path).steps == []


def test_a_change_without_a_new_date_is_refused_and_nothing_is_written(store, village, tmp_path):
    path, wb, ws, cols = exported(store, tmp_path)
    ws.cell(row_of(ws, cols, LABOUR), cols["分值"]).value = 8
    wb.save(path)
    plan = read_rules(store, path)
    assert len(plan.problems) == 1 and "新版本的生效日期" in plan.problems[0][1]
    before = snapshot(store)
    with pytest.raises(UserError, match="没有导入任何细则"):
        plan.apply(store)
    assert snapshot(store) == before


def test_filling_in_the_last_day_retires_the_rule(store, village, tmp_path):
    path, wb, ws, cols = exported(store, tmp_path)
    ws.cell(row_of(ws, cols, CLEAN_YARD), cols["停用日期"]).value = date(2026, 12, 31)
    wb.save(path)
    plan = read_rules(store, path)
    assert [s.kind for s in plan.steps] == ["retire"]
    plan.apply(store)
    assert rules.catalogue(store, include_history=True)[3]["valid_to"] == "2026-12-31"


def test_retiring_before_points_scored_under_the_rule_is_refused(store, village, tmp_path):
    record(store, village["HH001"], CLEAN_YARD, day=date(2026, 7, 10))
    path, wb, ws, cols = exported(store, tmp_path)
    ws.cell(row_of(ws, cols, CLEAN_YARD), cols["停用日期"]).value = date(2026, 7, 9)
    wb.save(path)
    plan = read_rules(store, path)
    before = snapshot(store)
    with pytest.raises(UserError, match="第 .* 行：细则 R004 已有 2026-07-10"):
        plan.apply(store)
    assert snapshot(store) == before


def test_new_rules_with_and_without_numbers_and_history_is_not_edited(store, village, tmp_path):
    path, wb, ws, cols = exported(store, tmp_path)
    ws.append([])  # a blank line in between is skipped
    new_row = ws.max_row + 1
    ws.cell(new_row, cols["类别"]).value = "公益参与"
    ws.cell(new_row, cols["事项"]).value = "参加森林防火巡查"
    ws.cell(new_row, cols["分值"]).value = 3
    ws.cell(new_row, cols["计分单位"]).value = "每人每次"
    ws.cell(new_row, cols["生效日期"]).value = "2026-09-01"
    numbered = new_row + 1
    for header, value in {"细则编号": "R100", "版本": 1, "类别": "平安建设", "事项": "私拉乱接电线",
                          "分值": -10, "计分单位": "每次", "生效日期": "2026-09-01"}.items():
        ws.cell(numbered, cols[header]).value = value
    wb.save(path)
    plan = read_rules(store, path)
    assert [(s.kind, s.key) for s in plan.steps] == [("new", ""), ("new", "R100")]
    plan.apply(store)
    added = {r["item"]: r for r in rules.catalogue(store)}
    assert added["参加森林防火巡查"]["rule_key"] == "R026"  # the next number; it stands above R100
    assert added["私拉乱接电线"]["rule_key"] == "R100" and added["私拉乱接电线"]["points"] == -10
    # Importing the same file again changes nothing: the rows now name rules the village has.
    assert read_rules(store, path).steps == []


def test_a_superseded_version_cannot_be_edited(store, village, tmp_path):
    labour = next(r for r in rules.catalogue(store) if r["item"] == LABOUR)
    rules.revise_rule(store, labour["id"], valid_from="2026-10-01", points=6)
    path, wb, ws, cols = exported(store, tmp_path)
    first = next(r for r in range(2, ws.max_row + 1)
                 if ws.cell(r, cols["事项"]).value == LABOUR and ws.cell(r, cols["版本"]).value == 1)
    ws.cell(first, cols["备注"]).value = "改历史"
    wb.save(path)
    assert "历史版本不能修改" in read_rules(store, path).problems[0][1]


def test_a_foreign_catalogue_without_numbers_matches_rules_by_category_and_item(store, village, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["考评类别", "考评内容", "分数", "单位", "上限", "生效日期"])
    ws.append(["公益参与", LABOUR, 5, "每人每次", 30, "2026-01-01"])  # the village's own R010
    ws.append(["环境卫生", "庭院美化", "abc", "每月", None, "2026-01-01"])
    path = tmp_path / "邻村.xlsx"
    wb.save(path)
    plan = read_rules(store, path)
    assert plan.unchanged == 1 and plan.steps == []
    assert plan.problems == [(3, "分值应为整数，加分写正数，扣分写负数（如 -5）。")]
    assert "第 3 行：分值应为整数" in plan.summary()


@pytest.mark.parametrize("content, message", [
    (None, "空表格"),
    ([["姓名", "身份证号"], ["张三", "1"]], "找不到细则表头"),
    ([["事项", "分值"]], "只有表头"),
])
def test_files_that_are_no_catalogue(store, village, tmp_path, content, message):
    wb = Workbook()
    for line in content or []:
        wb.active.append(line)
    path = tmp_path / "x.xlsx"
    wb.save(path)
    with pytest.raises(UserError, match=message):
        read_rules(store, path)


def test_a_text_file_is_not_excel(store, village, tmp_path):
    path = tmp_path / "rules.xlsx"
    path.write_text("not a workbook")
    with pytest.raises(UserError, match="不是 Excel"):
        read_rules(store, path)


@pytest.mark.slow
def test_cli_round_trip_and_a_refused_file(tmp_path, capsys, monkeypatch):
    from villagedesk.cli import main

    fix_today(monkeypatch)
    db = str(tmp_path / "cli.sqlite3")
    with open_store(db) as store:  # closed again: the command takes the writer's lock itself
        make_village(store)
    out = tmp_path / "细则.xlsx"
    assert main(["export", "rules", "--db", db, "-o", str(out)]) == 0
    assert main(["import", "rules", str(out), "--db", db]) == 0
    assert "未变 25 条" in capsys.readouterr().out
    wb = load_workbook(out)
    wb["积分细则"]["E2"] = "很多"  # 分值
    wb.save(out)
    assert main(["import", "rules", str(out), "--db", db]) == 1
    captured = capsys.readouterr()
    assert "第 2 行：分值应为整数" in captured.out
    assert captured.err.count("\n") == 1 and "没有导入任何细则" in captured.err
