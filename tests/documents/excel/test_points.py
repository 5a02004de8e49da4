"""The points sheets of the Excel export, reopened with openpyxl as the township will."""

from __future__ import annotations

import tracemalloc
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from tests.documents.pdf.test_points import HEADS, Q3, TODAY, build_points, rule_id
from villagedesk import clock
from villagedesk.core.common import records
from villagedesk.core.points import ledger, rules
from villagedesk.documents.excel import points as excel_points
from villagedesk.documents.excel import workbook as excel

RULE_HEADERS = ["细则编号", "版本", "类别", "事项", "分值", "计分单位", "每期上限", "生效日期", "停用日期", "状态",
                "备注", "唯一标识", "更新时间"]
ENTRY_HEADERS = ["积分编号", "户编号", "户主", "日期", "期间", "细则编号", "版本", "事项", "数量", "分值", "状态",
                 "审核人", "审核日期", "驳回理由", "冲正的积分编号", "冲正原因", "链序号", "校验值", "唯一标识",
                 "更新时间"]
RANKING_HEADERS = ["期间", "期间名称", "公示状态", "名次", "户编号", "户主", "村民小组", "本期得分", "总分", "星级",
                   "是否合格", "积分条数"]
REDEMPTION_HEADERS = ["兑换编号", "户编号", "户主", "兑换日期", "商品编号", "商品", "数量", "用去积分", "备注",
                      "商品唯一标识", "唯一标识", "更新时间"]
SHEETS = {"积分细则": RULE_HEADERS, "积分明细": ENTRY_HEADERS, "积分排名": RANKING_HEADERS,
          "积分兑换": REDEMPTION_HEADERS}


@pytest.fixture
def store(store):
    """tests/conftest.py's, on TODAY."""
    clock.set(TODAY)
    return store


@pytest.fixture
def points(store):
    return build_points(store)


def by_header(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_points_sheets_follow_the_committee_with_pinned_headers(store, points, tmp_path):
    out = tmp_path / "村务.xlsx"
    counts = excel.export_workbook(store, out)
    assert list(counts)[6:10] == list(SHEETS)
    assert counts["积分细则"] == 25 and counts["积分明细"] == 14 and counts["积分兑换"] == 1
    assert counts["积分排名"] == 14  # 2026-Q3 (posted) and 2026-Q4 (current, has approved points): 7 + 7
    wb = load_workbook(out)
    assert wb.sheetnames[6:10] == list(SHEETS)
    assert wb.sheetnames[:6] == ["户", "人员", "两委成员", "届次", "培训记录", "年度考核"]
    for title, headers in SHEETS.items():
        ws = wb[title]
        assert [c.value for c in ws[1]] == headers, title
        assert all(c.font.bold for c in ws[1])
        assert ws.freeze_panes == "A2"
        assert ws.max_row == counts[title] + 1
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(headers)).column_letter}{ws.max_row}"
    assert [s.title for s in excel.default_sheets()][6:10] == list(SHEETS)
    assert excel_points.ENTRIES.headers == tuple(ENTRY_HEADERS)


def test_one_row_per_entry_with_keys_status_reviewer_and_chain(store, points, tmp_path):
    out = tmp_path / "a.xlsx"
    excel.export_workbook(store, out, sheets=[excel_points.ENTRIES])
    rows = by_header(load_workbook(out)["积分明细"])
    db = {r["uid"]: r for r in store.rows("SELECT * FROM point_entries")}
    assert len(rows) == len(db) == 14
    assert {r["唯一标识"] for r in rows} == set(db)
    codes = [r["积分编号"] for r in rows]
    assert len(set(codes)) == 14 and codes == sorted(codes)  # in the ledger's order
    for row in rows:
        entry = db[row["唯一标识"]]
        assert row["积分编号"] == f"JF{entry['id']:07d}"
        assert row["日期"] == datetime.fromisoformat(entry["entry_date"])  # a real date, not text
        assert row["期间"] == entry["period"]
        assert (row["分值"], row["数量"], row["链序号"], row["校验值"]) == (
            entry["points"], entry["quantity"], entry["seq"], entry["hash"])
        assert isinstance(row["更新时间"], datetime)
    honour = next(r for r in rows if r["唯一标识"] == points["honour"]["uid"])
    assert (honour["户编号"], honour["户主"], honour["细则编号"], honour["版本"], honour["事项"]) == (
        "HH001", "张建国", "R020", 1, "获国家级荣誉")
    assert (honour["状态"], honour["审核人"], honour["审核日期"]) == ("已审核", "王审核", datetime(2026, 9, 25))
    fix = next(r for r in rows if r["唯一标识"] == points["reversal"]["uid"])
    assert fix["冲正的积分编号"] == f"JF{points['wrong']['id']:07d}" and fix["冲正原因"] == "重复登记"
    assert (fix["分值"], fix["数量"]) == (-10, -1)
    rejected = next(r for r in rows if r["唯一标识"] == points["rejected"]["uid"])
    assert (rejected["状态"], rejected["驳回理由"], rejected["链序号"], rejected["校验值"]) == (
        "已驳回", "当天未到场", None, None)
    pending = next(r for r in rows if r["唯一标识"] == points["pending"]["uid"])
    assert (pending["状态"], pending["审核人"], pending["审核日期"]) == ("待审核", None, None)
    assert sorted(r["链序号"] for r in rows if r["链序号"]) == list(range(1, 13))
    last = max((r for r in rows if r["链序号"]), key=lambda r: r["链序号"])
    assert last["校验值"] == ledger.chain_head(store)[1]


def test_dates_carry_a_date_format(store, points, tmp_path):
    out = tmp_path / "a.xlsx"
    excel.export_workbook(store, out, sheets=excel_points.points_sheets(TODAY))
    wb = load_workbook(out)
    ws = wb["积分明细"]
    headers = [c.value for c in ws[1]]
    assert ws.cell(2, headers.index("日期") + 1).number_format == "yyyy-mm-dd"
    assert ws.cell(2, headers.index("更新时间") + 1).number_format == "yyyy-mm-dd hh:mm:ss"
    ws = wb["积分兑换"]
    assert ws.cell(2, 4).is_date and ws.cell(2, 4).number_format == "yyyy-mm-dd"


def test_rules_sheet_has_every_version_and_its_state(store, points, tmp_path):
    honour = rule_id(store, "获国家级荣誉")
    rules.revise_rule(store, honour, valid_from="2026-10-01", points=60)
    litter = rule_id(store, "乱倒垃圾")
    rules.revise_rule(store, litter, valid_from="2027-01-01", points=-8)
    out = tmp_path / "a.xlsx"
    excel.export_workbook(store, out, sheets=[excel_points.rules_sheet(TODAY)])
    rows = by_header(load_workbook(out)["积分细则"])
    assert len(rows) == 27
    assert [r["细则编号"] for r in rows][:3] == ["R001", "R002", "R003"]
    versions = [(r["版本"], r["分值"], r["生效日期"], r["停用日期"], r["状态"]) for r in rows if r["细则编号"] == "R020"]
    assert versions == [(1, 50, datetime(2026, 1, 1), datetime(2026, 9, 30), "已停用"),
                        (2, 60, datetime(2026, 10, 1), None, "在用")]
    versions = [(r["版本"], r["状态"]) for r in rows if r["细则编号"] == "R006"]
    assert versions == [(1, "在用"), (2, "未生效")]
    oil = next(r for r in rows if r["细则编号"] == "R010")
    assert (oil["类别"], oil["事项"], oil["计分单位"], oil["每期上限"]) == ("公益参与", "参加义务劳动（义务工）", "每人每次", 30)
    assert next(r for r in rows if r["细则编号"] == "R016")["每期上限"] is None


def test_ranking_sheet_posted_and_current_periods(store, points, tmp_path):
    out = tmp_path / "a.xlsx"
    excel.export_workbook(store, out, sheets=[excel_points.ranking_sheet(TODAY)])
    rows = by_header(load_workbook(out)["积分排名"])
    q3 = [r for r in rows if r["期间"] == Q3]
    q4 = [r for r in rows if r["期间"] == "2026-Q4"]
    assert len(q3) == len(q4) == len(HEADS) and rows == q3 + q4
    assert {r["期间名称"] for r in q3} == {"2026 年第三季度"} and {r["公示状态"] for r in q3} == {"公示中"}
    assert {r["公示状态"] for r in q4} == {"未公示"}
    got = [(r["名次"], r["户编号"], r["户主"], r["本期得分"], r["总分"], r["星级"], r["是否合格"], r["积分条数"])
           for r in q3]
    assert got == [(1, "HH001", "张建国", 50, 150, 5, "合格", 3),
                   (2, "HH002", "李红梅", 25, 125, 3, "合格", 2),
                   (2, "HH003", "王志强", 25, 125, 3, "合格", 1),
                   (4, "HH004", "赵丽", 0, 100, 1, "合格", 0),
                   (5, "HH005", "刘洋", -25, 75, 0, "合格", 2),
                   (6, "HH006", "陈明", -40, 60, 0, "合格", 1),
                   (7, "HH007", "孙德胜", -60, 40, 0, "不合格", 2)]
    assert q4[0]["户编号"] == "HH004" and q4[0]["本期得分"] == 5  # the pending +5 of HH003 does not count

    ledger.lock_period(store, Q3, date(2026, 10, 18))
    later = tmp_path / "b.xlsx"
    # In 2027-Q1 nothing has been scored yet: only the locked Q3 is ranked (Q4 was never posted).
    excel.export_workbook(store, later, sheets=[excel_points.ranking_sheet(date(2027, 1, 5))])
    rows = by_header(load_workbook(later)["积分排名"])
    assert {(r["期间"], r["公示状态"]) for r in rows} == {(Q3, "已锁定")} and len(rows) == 7


def test_redemptions_sheet(store, points, tmp_path):
    out = tmp_path / "a.xlsx"
    excel.export_workbook(store, out, sheets=[excel_points.REDEMPTIONS])
    (row,) = by_header(load_workbook(out)["积分兑换"])
    goods = store.row("SELECT * FROM shop_goods")
    assert row["兑换编号"] == f"DH{points['redemption']['id']:06d}"
    assert (row["户编号"], row["户主"], row["兑换日期"], row["商品"], row["数量"], row["用去积分"], row["备注"]) == (
        "HH002", "李红梅", datetime(2026, 9, 20), "食用油（5 升）", 1, 20, "中秋")
    assert row["商品编号"] == f"SP{goods['id']:04d}" and row["商品唯一标识"] == goods["uid"]
    assert row["唯一标识"] == points["redemption"]["uid"]


def test_empty_points_area_gives_header_rows(store, tmp_path):
    out = tmp_path / "a.xlsx"
    assert excel.export_workbook(store, out, sheets=excel_points.POINTS_SHEETS) == {t: 0 for t in SHEETS}
    wb = load_workbook(out)
    for title, headers in SHEETS.items():
        assert [c.value for c in wb[title][1]] == headers and wb[title].max_row == 1


def _bulk_entries(store, count: int) -> None:
    """``count`` approved entries straight into the table (the chain is not what is tested here)."""
    rule = store.row("SELECT id, points FROM point_rules LIMIT 1")
    households = [r["id"] for r in store.rows("SELECT id FROM households")]
    now = clock.timestamp()
    first = store.scalar("SELECT max(seq) FROM point_entries") + 1
    with store.atomic():
        store.conn.executemany(
            "INSERT INTO point_entries (uid, created_at, updated_at, household_id, rule_id, entry_date, period, "
            "quantity, points, recorded_by, status, reviewer, reviewed_at, seq, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, '2026-08-01', '2026-Q3', 1, ?, '李文书', 'approved', '王审核', '2026-09-01', "
            "?, ?, ?)",
            [(records.new_uid(), now, now, households[n % len(households)], rule["id"], rule["points"],
              first + n, "0" * 64, f"{n:064x}") for n in range(count)])


@pytest.mark.slow
def test_entries_are_streamed_in_bounded_memory(store, points):
    # Python memory while reading the sheet's rows does not grow with the ledger: 2,000 or 20,000 rows alike
    # (holding 20,000 rows at once would take over 10 MB).
    def peak(count: int) -> tuple[int, int]:
        _bulk_entries(store, count)
        tracemalloc.start()
        try:
            n = sum(1 for _ in excel_points.ENTRIES.rows(store))
            return n, tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(0)  # first use: caches, compiled statements
    small_rows, small = peak(2_000)
    large_rows, large = peak(18_000)
    assert (small_rows, large_rows) == (2_014, 20_014)
    assert large < 500_000 and large < small + 100_000, (small, large)


def test_a_sheet_longer_than_excel_allows_goes_on_in_a_continuation(store, points, tmp_path, monkeypatch):
    monkeypatch.setattr(excel, "MAX_ROWS", 6)  # a header and five rows per sheet
    out = tmp_path / "a.xlsx"
    assert excel.export_workbook(store, out, sheets=[excel_points.ENTRIES]) == {"积分明细": 14}
    wb = load_workbook(out)
    assert wb.sheetnames == ["积分明细", "积分明细（续1）", "积分明细（续2）"]
    parts = [by_header(wb[t]) for t in wb.sheetnames]
    assert [len(p) for p in parts] == [5, 5, 4]
    for title in wb.sheetnames:
        ws = wb[title]
        assert [c.value for c in ws[1]] == ENTRY_HEADERS and ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:T{ws.max_row}"
    codes = [r["积分编号"] for part in parts for r in part]
    assert codes == sorted(codes) and len(set(codes)) == 14
