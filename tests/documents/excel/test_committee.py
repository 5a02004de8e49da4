"""The committee sheets of the Excel export, reopened with openpyxl as the township will."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from tests.documents.pdf.test_roster import MEMBERS, TODAY, build_committee
from villagedesk import clock
from villagedesk.core.committee import roster as committee
from villagedesk.documents.excel import committee as excel_committee
from villagedesk.documents.excel import workbook as excel
from villagedesk.documents.excel.register import HOUSEHOLD_SHEETS
from villagedesk.documents.excel.spec import Col, SheetSpec

POST_HEADERS = ["职务编号", "人员编号", "姓名", "性别", "民族", "出生年月", "身份证号", "政治面貌", "文化程度",
                "机构", "职务", "届次", "任职时间", "离任时间", "离任原因", "状态", "联系电话", "住址",
                "是否一肩挑", "唯一标识", "更新时间"]
TERM_HEADERS = ["届次", "选举日期", "任期开始", "任期结束", "备注", "唯一标识", "更新时间"]
TRAINING_HEADERS = ["培训编号", "日期", "培训内容", "学时", "组织单位", "人员编号", "姓名", "备注", "培训唯一标识",
                    "唯一标识", "更新时间"]
APPRAISAL_HEADERS = ["人员编号", "姓名", "年度", "考核结果", "备注", "唯一标识", "更新时间"]
SHEETS = {"两委成员": POST_HEADERS, "届次": TERM_HEADERS, "培训记录": TRAINING_HEADERS, "年度考核": APPRAISAL_HEADERS}


@pytest.fixture
def made(store) -> dict:
    """The two terms of tests/documents/pdf/test_roster.py, two trainings and three appraisals, as on TODAY."""
    clock.set(TODAY)
    made = build_committee(store)
    p = made["persons"]
    made["training"] = committee.add_training(
        store, day="2026-04-12", topic="村级财务管理培训", hours="1.5", organiser="天门乡党委",
        attendee_ids=[p["张建国"], p["赵丽"], p["陈明"]])
    committee.add_training(store, day="2026-09-01", topic="换届后新任干部培训", hours=6, organiser="新化县委组织部",
                           attendee_ids=[p["刘洋"]])
    committee.set_appraisal(store, person_id=p["张建国"], year=2024, result="优秀")
    committee.set_appraisal(store, person_id=p["孙德胜"], year=2024, result="称职", note="年度述职")
    committee.set_appraisal(store, person_id=p["张建国"], year=2025, result="称职")
    return made


@pytest.fixture
def built(store, made):
    return store


def export(store, path, today=None) -> dict:
    sheets = (*HOUSEHOLD_SHEETS, *excel_committee.committee_sheets(today)) if today else None
    return excel.export_workbook(store, path, sheets=sheets)


def by_header(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def cell_of(ws, header: str, row: int):
    headers = [c.value for c in ws[1]]
    return ws.cell(row=row, column=headers.index(header) + 1)


def test_sheets_follow_the_register_with_pinned_headers(built, tmp_path):
    out = tmp_path / "村务.xlsx"
    counts = export(built, out)
    later = {spec.title: 0 for spec in excel.default_sheets()[6:]}  # the later areas' sheets follow, empty here
    assert list(later)[:4] == ["积分细则", "积分明细", "积分排名", "积分兑换"]
    assert counts == {"户": 4, "人员": 7, "两委成员": 11, "届次": 2, "培训记录": 4, "年度考核": 3, **later}
    wb = load_workbook(out)
    assert wb.sheetnames == ["户", "人员", "两委成员", "届次", "培训记录", "年度考核", *later]
    for title, headers in SHEETS.items():
        ws = wb[title]
        assert [c.value for c in ws[1]] == headers, title
        assert all(c.font.bold for c in ws[1])
        assert ws.freeze_panes == "A2"
        assert ws.max_row == counts[title] + 1
    assert [s.title for s in excel.default_sheets()] == wb.sheetnames
    assert excel_committee.POSTS.headers == tuple(POST_HEADERS)


def test_one_row_per_post_with_stable_keys(built, tmp_path):
    export(built, tmp_path / "a.xlsx", TODAY)
    export(built, tmp_path / "b.xlsx", TODAY)
    first = by_header(load_workbook(tmp_path / "a.xlsx")["两委成员"])
    second = by_header(load_workbook(tmp_path / "b.xlsx")["两委成员"])
    assert len(first) == built.scalar("SELECT count(*) FROM posts") == 11
    codes = [r["职务编号"] for r in first]
    assert len(set(codes)) == 11 and all(c.startswith("ZW") for c in codes)
    assert codes == [r["职务编号"] for r in second]
    assert {r["唯一标识"] for r in first} == {r["uid"] for r in built.rows("SELECT uid FROM posts")}
    zhang = [r for r in first if r["姓名"] == "张建国"]
    assert len(zhang) == 3 and len({r["人员编号"] for r in zhang}) == 1
    assert {(r["届次"], r["机构"], r["职务"]) for r in zhang} == {
        (11, "村民委员会", "主任"), (12, "村党组织", "书记"), (12, "村民委员会", "主任")}
    # Term by term, the party organisation first.
    assert [r["届次"] for r in first] == sorted(r["届次"] for r in first)
    term12 = [r for r in first if r["届次"] == 12]
    assert term12[0]["机构"] == "村党组织" and term12[0]["职务"] == "书记"
    assert term12[-1]["机构"] == "村务监督委员会"


def test_values_full_id_numbers_as_text_and_real_dates(built, made, tmp_path):
    out = tmp_path / "x.xlsx"
    export(built, out, TODAY)
    ws = load_workbook(out)["两委成员"]
    rows = by_header(ws)
    chen = next(r for r in rows if r["姓名"] == "陈明")
    assert chen["身份证号"] == MEMBERS["陈明"].id_number  # the full number: an internal sheet
    assert chen["联系电话"] == "0738-3456789"
    assert chen["出生年月"] == datetime(1965, 9, 9) and chen["任职时间"] == datetime(2026, 3, 1)
    assert chen["性别"] == "男" and chen["民族"] == "汉族" and chen["政治面貌"] == "群众"
    assert chen["届次"] == 12 and chen["住址"] == "河边 4 号"
    assert isinstance(chen["更新时间"], datetime)
    row = 2 + rows.index(chen)
    number = cell_of(ws, "身份证号", row)
    assert number.data_type == "s" and number.number_format == "@"
    phone = cell_of(ws, "联系电话", row)
    assert phone.data_type == "s" and phone.number_format == "@"
    for header in ("出生年月", "任职时间"):
        cell = cell_of(ws, header, row)
        assert cell.is_date and cell.number_format == "yyyy-mm-dd", header
    assert cell_of(ws, "届次", row).data_type == "n"

    terms = {r["届次"]: r for r in by_header(load_workbook(out)["届次"])}
    assert terms[11]["任期开始"] == datetime(2021, 3, 1) and terms[11]["任期结束"] == datetime(2026, 2, 28)
    assert terms[12]["选举日期"] == datetime(2026, 1, 15) and terms[12]["任期结束"] == datetime(2031, 2, 28)
    assert terms[12]["唯一标识"] == made["new"]["uid"]


def _status(path) -> dict[tuple, tuple]:
    rows = by_header(load_workbook(path)["两委成员"])
    return {(r["姓名"], r["届次"], r["职务"]): (r["状态"], r["离任时间"], r["离任原因"]) for r in rows}


@pytest.mark.slow
def test_status_follows_from_the_dates_on_the_given_day(built, tmp_path):
    export(built, tmp_path / "mid.xlsx", TODAY)  # 2028-05-10
    mid = _status(tmp_path / "mid.xlsx")
    assert mid[("张建国", 12, "书记")] == ("在任", None, None)
    assert mid[("刘洋", 12, "委员")] == ("离任", datetime(2027, 6, 30), "辞职")
    # A post that ran to the end of its term without an end date left with the term: 届满,
    # the same as one whose end the clerk recorded.
    assert mid[("张建国", 11, "主任")] == ("离任", datetime(2026, 2, 28), "届满")
    assert mid[("孙德胜", 11, "书记")] == ("离任", datetime(2026, 2, 28), "届满")

    export(built, tmp_path / "before.xlsx", date(2026, 2, 1))  # term 11 still running
    before = _status(tmp_path / "before.xlsx")
    assert before[("张建国", 11, "主任")] == ("在任", None, None)
    assert before[("孙德胜", 11, "书记")] == ("在任", datetime(2026, 2, 28), "届满")  # recorded ahead
    assert before[("张建国", 12, "书记")] == ("未到任", None, None)
    assert before[("刘洋", 12, "委员")][0] == "未到任"

    # Edge days: the last day of a post still counts, the day after does not.
    assert _status_on(built, tmp_path, date(2027, 6, 30))[("刘洋", 12, "委员")][0] == "在任"
    assert _status_on(built, tmp_path, date(2027, 7, 1))[("刘洋", 12, "委员")][0] == "离任"
    assert _status_on(built, tmp_path, date(2026, 2, 28))[("孙德胜", 11, "书记")][0] == "在任"
    assert _status_on(built, tmp_path, date(2026, 3, 1))[("孙德胜", 11, "书记")][0] == "离任"


def _status_on(store, tmp_path, day):
    out = tmp_path / f"{day}.xlsx"
    export(store, out, day)
    return _status(out)


@pytest.mark.slow
def test_default_export_uses_todays_date(built, tmp_path, monkeypatch):
    clock.set(date(2026, 2, 1))
    out = tmp_path / "x.xlsx"
    excel.export_workbook(built, out)
    assert _status(out)[("张建国", 12, "主任")][0] == "未到任"


def test_both_heads_marks_the_two_head_posts_held_together(built, tmp_path):
    out = tmp_path / "x.xlsx"
    export(built, out, TODAY)
    rows = by_header(load_workbook(out)["两委成员"])
    marked = {(r["姓名"], r["届次"], r["机构"], r["职务"]) for r in rows if r["是否一肩挑"] == "是"}
    assert marked == {("张建国", 12, "村党组织", "书记"), ("张建国", 12, "村民委员会", "主任")}
    assert {r["是否一肩挑"] for r in rows} == {"是", "否"}


def test_trainings_one_row_per_attendee_keyed_to_the_training(built, made, tmp_path):
    out = tmp_path / "x.xlsx"
    export(built, out, TODAY)
    ws = load_workbook(out)["培训记录"]
    rows = by_header(ws)
    assert len(rows) == 4
    first = [r for r in rows if r["培训内容"] == "村级财务管理培训"]
    assert {r["姓名"] for r in first} == {"张建国", "赵丽", "陈明"}
    assert len({r["培训编号"] for r in first}) == 1 and first[0]["培训编号"].startswith("PX")
    assert {r["培训唯一标识"] for r in first} == {made["training"]["uid"]}
    assert len({r["唯一标识"] for r in rows}) == 4
    assert first[0]["日期"] == datetime(2026, 4, 12) and first[0]["学时"] == 1.5
    assert first[0]["组织单位"] == "天门乡党委"
    assert cell_of(ws, "日期", 2).is_date and cell_of(ws, "学时", 2).data_type == "n"
    assert [r["培训内容"] for r in rows] == ["村级财务管理培训"] * 3 + ["换届后新任干部培训"]  # by date
    other = next(r for r in rows if r["姓名"] == "刘洋")
    assert other["培训编号"] != first[0]["培训编号"] and other["学时"] == 6
    codes = {r["姓名"]: r["人员编号"] for r in by_header(load_workbook(out)["两委成员"])}
    assert all(r["人员编号"] == codes[r["姓名"]] for r in rows)


@pytest.mark.slow
def test_appraisals_by_year(built, tmp_path):
    out = tmp_path / "x.xlsx"
    export(built, out, TODAY)
    rows = by_header(load_workbook(out)["年度考核"])
    assert [(r["姓名"], r["年度"], r["考核结果"]) for r in rows] == [
        ("张建国", 2024, "优秀"), ("孙德胜", 2024, "称职"), ("张建国", 2025, "称职")]
    assert rows[1]["备注"] == "年度述职" and rows[0]["备注"] is None
    assert all(r["人员编号"].startswith("HH") for r in rows)


def test_a_derive_hook_adds_values_and_missing_keys_are_caught(store, tmp_path):
    spec = SheetSpec(title="派生", columns=(Col("数", "n", "int"), Col("双倍", "twice", "int")),
                           sql="SELECT 3 AS n UNION ALL SELECT 4", count_sql="SELECT 2",
                           derive=lambda row: {"twice": row["n"] * 2})
    out = tmp_path / "d.xlsx"
    assert excel.export_workbook(store, out, sheets=[spec]) == {"派生": 2}
    assert [r["双倍"] for r in by_header(load_workbook(out)["派生"])] == [6, 8]
    broken = SheetSpec(title="坏", columns=(Col("双倍", "twice", "int"),), sql="SELECT 3 AS n",
                             count_sql="SELECT 1", derive=lambda row: {"thrice": 9})
    with pytest.raises(ValueError, match="twice"):
        excel.export_workbook(store, tmp_path / "e.xlsx", sheets=[broken])
    assert not (tmp_path / "e.xlsx").exists()
