"""Rankings (ties, groups, boards), base points over several periods, carry-over, statements."""

from __future__ import annotations

from datetime import date

import pytest

from tests.core.points.test_helpers import (
    CLUTTER,
    GAMBLING,
    MEETING,
    TODAY,
    VILLAGE_HONOUR,
    approved,
    fix_today,
    make_village,
    record,
)
from villagedesk.core.points import ledger, ranking, shop
from villagedesk.core.points.rules import Scheme, get_scheme, save_scheme
from villagedesk.core.register import people
from villagedesk.errors import UserError

Q2, Q3 = "2026-Q2", "2026-Q3"
JULY, MAY = date(2026, 7, 10), date(2026, 5, 10)


@pytest.fixture
def village(store, monkeypatch):
    fix_today(monkeypatch)
    return make_village(store)


def honours(store, village, **quantities):
    """Approved 获村级表彰 (+5 each) for the households named, e.g. HH001=6 → 30 points."""
    for code, quantity in quantities.items():
        approved(store, village[code], VILLAGE_HONOUR, JULY, quantity=quantity)


def table(standings) -> list[tuple]:
    return [(s.rank, s.code, s.points, s.score) for s in standings]


def test_ties_share_a_rank(store, village):
    honours(store, village, HH001=6, HH002=4, HH003=4, HH004=2)
    assert table(ranking.ranking(store, Q3)) == [
        (1, "HH001", 30, 130), (2, "HH002", 20, 120), (2, "HH003", 20, 120), (4, "HH004", 10, 110)]


def test_a_ranking_row_says_who_where_and_how_well(store, village):
    honours(store, village, HH001=8, HH002=1)
    top, second, *_ = ranking.ranking(store, Q3)
    assert (top.code, top.head, top.group_name, top.score, top.stars, top.passed, top.entries) == (
        "HH001", "张大山", "第一组", 140, 5, True, 1)
    assert (second.code, second.score, second.stars) == ("HH002", 105, 1)


def test_nobody_scored_everybody_first(store, village):
    assert table(ranking.ranking(store, Q3)) == [(1, code, 0, 100) for code in ("HH001", "HH002", "HH003", "HH004")]


def test_only_approved_points_of_the_period_count(store, village):
    hh1, hh2 = village["HH001"], village["HH002"]
    approved(store, hh1, MEETING, date(2026, 7, 1))  # the first day of Q3
    approved(store, hh1, MEETING, date(2026, 6, 30))  # the last day of Q2
    record(store, hh1, VILLAGE_HONOUR, JULY, quantity=10)  # pending
    rejected = record(store, hh2, VILLAGE_HONOUR, JULY, quantity=10)
    ledger.reject(store, [rejected["id"]], "主任", "无依据")
    reversed_ = approved(store, hh2, VILLAGE_HONOUR, JULY, quantity=2)
    ledger.approve(store, [ledger.reverse(store, reversed_["id"], "评错了")["id"]], "主任", TODAY)
    by_code = {s.code: s for s in ranking.ranking(store, Q3)}
    assert (by_code["HH001"].points, by_code["HH001"].entries) == (2, 1)
    assert (by_code["HH002"].points, by_code["HH002"].entries) == (0, 2)  # the entry and its correction
    assert {s.code: s.points for s in ranking.ranking(store, Q2)}["HH001"] == 2


def test_archived_households_are_not_ranked(store, village):
    honours(store, village, HH001=6, HH002=4, HH003=4, HH004=2)
    people.archive_household(store, village["HH001"]["id"], "整户迁出")
    assert table(ranking.ranking(store, Q3)) == [(1, "HH002", 20, 120), (1, "HH003", 20, 120), (3, "HH004", 10, 110)]


def test_group_filter_ranks_within_the_group(store, village):
    honours(store, village, HH001=6, HH002=4, HH003=1, HH004=2)
    assert table(ranking.ranking(store, Q3, group="第二组")) == [(1, "HH004", 10, 110), (2, "HH003", 5, 105)]
    assert ranking.ranking(store, Q3, group="第九组") == []


def test_a_year_under_a_quarterly_scheme_has_four_bases(store, village):
    approved(store, village["HH001"], MEETING, MAY)
    approved(store, village["HH001"], MEETING, JULY)
    year = {s.code: s for s in ranking.ranking(store, "2026")}
    assert (year["HH001"].points, year["HH001"].score, year["HH002"].score) == (4, 404, 400)
    month = {s.code: s for s in ranking.ranking(store, "2026-07")}
    assert (month["HH001"].points, month["HH001"].score) == (2, 102)  # a month: the base of its quarter
    assert ranking.base_for(Scheme(period_kind="month"), ranking.periods.parse("2026")) == 1200
    assert ranking.base_for(Scheme(period_kind="year"), ranking.periods.parse("2026-Q3")) == 100


def test_points_carry_over_when_the_scheme_does_not_reset(store, monkeypatch):
    fix_today(monkeypatch)
    village = make_village(store, Scheme(reset_each_period=False))
    approved(store, village["HH001"], VILLAGE_HONOUR, MAY, quantity=2)
    approved(store, village["HH002"], VILLAGE_HONOUR, JULY, quantity=1)
    q2 = {s.code: s.score for s in ranking.ranking(store, Q2)}
    q3 = {s.code: s.score for s in ranking.ranking(store, Q3)}
    year = {s.code: s.score for s in ranking.ranking(store, "2026")}
    assert (q2["HH001"], q2["HH002"]) == (110, 100)
    assert (q3["HH001"], q3["HH002"]) == (110, 105)  # Q2's points are still there, the base counts once
    assert (year["HH001"], year["HH002"]) == (110, 105)


def test_a_household_without_a_head_is_still_ranked(store, village):
    headless = people.add_household(store, code="HH005", group_name="第二组")
    standing = next(s for s in ranking.ranking(store, Q3) if s.household_id == headless["id"])
    assert (standing.head, standing.score) == ("", 100)


def test_stars_and_pass_line_in_the_ranking(store, village):
    hh = village["HH004"]
    approved(store, hh, GAMBLING, JULY, quantity=2)  # -40: 60, on the line
    assert [(s.score, s.passed, s.stars) for s in ranking.ranking(store, Q3) if s.code == "HH004"] == [(60, True, 0)]
    approved(store, hh, CLUTTER, JULY)  # -45: 55
    assert [(s.score, s.passed) for s in ranking.ranking(store, Q3) if s.code == "HH004"] == [(55, False)]


def test_boards(store, village):
    honours(store, village, HH001=6, HH002=4)
    approved(store, village["HH003"], CLUTTER, JULY)
    approved(store, village["HH004"], GAMBLING, JULY)
    standings = ranking.ranking(store, Q3)
    red, black = ranking.boards(standings, 10)
    assert [s.code for s in red] == ["HH001", "HH002"]
    # HH003 and HH004 lost points but passed: the 黑榜 is not "the bottom ranks" of those who passed.
    assert black == [] and ranking.black_board(store, Q3) == []
    red, black = ranking.boards(standings, 1)
    assert ([s.code for s in red], black) == (["HH001"], [])
    # Nobody on either board when nobody scored.
    assert ranking.boards(ranking.ranking(store, Q2), 10) == ([], [])


def test_the_black_board_names_every_household_below_the_line_with_the_reason(store, village):
    approved(store, village["HH003"], GAMBLING, JULY, quantity=2)  # 60: on the line, passes
    approved(store, village["HH004"], GAMBLING, JULY, quantity=2)
    approved(store, village["HH004"], CLUTTER, JULY)  # 55: below
    approved(store, village["HH002"], GAMBLING, JULY, quantity=3)  # 40: below, lowest
    entries = ranking.black_board(store, Q3)
    assert [(e.standing.code, e.standing.score) for e in entries] == [("HH002", 40), ("HH004", 55)]
    assert entries[0].reason == "总分 40 分，低于 60 分；扣分：参与赌博 3 次 -60 分"
    assert entries[1].reason == "总分 55 分，低于 60 分；扣分：参与赌博 2 次 -40 分；房前屋后乱堆乱放（每处） -5 分"
    # The village's own line, and a village that posts no 黑榜.
    save_scheme(store, Scheme(black_line=50))
    assert [e.standing.code for e in ranking.black_board(store, Q3)] == ["HH002"]
    save_scheme(store, Scheme(black_board=False))
    assert ranking.black_board(store, Q3) is None
    assert ranking.boards(ranking.ranking(store, Q3), 10, get_scheme(store))[1] == []


def test_a_board_that_grades_nobody_has_no_black_board(store, village):
    approved(store, village["HH002"], GAMBLING, JULY, quantity=3)
    assert ranking.black_board(store, "2026-07") is None  # a month of a quarterly scheme


def test_groups_compare_average_participation_and_passes(store, village):
    honours(store, village, HH001=4)
    approved(store, village["HH003"], GAMBLING, JULY, quantity=3)  # 40: fails
    approved(store, village["HH004"], MEETING, JULY)
    people.add_household(store, code="HH005")  # no group
    result = ranking.groups(ranking.ranking(store, Q3))
    assert result == [
        {"group_name": "第一组", "households": 2, "average": 110.0, "participation": 0.5, "passed": 2},
        {"group_name": "（未分组）", "households": 1, "average": 100.0, "participation": 0.0, "passed": 1},
        {"group_name": "第二组", "households": 2, "average": 71.0, "participation": 1.0, "passed": 1},
    ]


# --- statements -------------------------------------------------------------------

def test_statement_runs_the_balance_through_entries_and_redemptions(store, village):
    hh = village["HH001"]
    approved(store, hh, VILLAGE_HONOUR, date(2026, 7, 1), quantity=6, note="评为文明户")
    pending = record(store, hh, MEETING, date(2026, 7, 5))
    rejected = record(store, hh, VILLAGE_HONOUR, date(2026, 7, 6))
    ledger.reject(store, [rejected["id"]], "主任", "重复登记")
    deduction = approved(store, hh, CLUTTER, date(2026, 7, 20))
    oil = shop.add_goods(store, name="食用油", price=20, stock=5)
    shop.redeem(store, household_id=hh["id"], goods_id=oil["id"], day=date(2026, 7, 20))
    approved(store, village["HH002"], VILLAGE_HONOUR, date(2026, 7, 2))  # someone else's
    sheet = ranking.statement(store, hh["id"], Q3)
    assert sheet["opening"] == 100
    assert [(ln["day"], ln["kind"], ln["points"], ln["status_label"], ln["balance"]) for ln in sheet["lines"]] == [
        ("2026-07-01", "entry", 30, "已审核", 130),
        ("2026-07-05", "entry", 2, "待审核", 130),
        ("2026-07-06", "entry", 5, "已驳回", 130),
        ("2026-07-20", "entry", -5, "已审核", 125),
        ("2026-07-20", "redemption", -20, "已审核", 105),  # the entry of the same day comes first
    ]
    lines = {ln["id"]: ln for ln in sheet["lines"] if ln["kind"] == "entry"}
    assert lines[rejected["id"]]["reject_reason"] == "重复登记" and lines[pending["id"]]["status"] == "pending"
    assert lines[deduction["id"]]["item"] == CLUTTER
    assert sheet["lines"][-1]["item"] == "食用油" and sheet["lines"][-1]["category"] == "积分兑换"
    assert (sheet["score"], sheet["balance"]) == (125, 105)  # the score is not spent by redeeming
    assert ranking.statement(store, hh["id"], Q2)["lines"] == []


def test_a_statements_entries_are_read_off_the_index_not_the_table(store, village):
    # Fetched row by row from the table, a year's entries sat on as many pages, each decrypted on its first
    # reading in an encrypted file: the statement took 1.4× its plain time (store/migrations/v0015).
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        ranking.statement(store, village["HH001"]["id"], Q3)
    finally:
        store.conn.set_trace_callback(None)
    lines = next(sql for sql in seen if "UNION ALL" in sql)
    plan = " ".join(row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + lines))
    assert "COVERING INDEX point_entries_household" in plan, plan


def test_a_year_statement_under_a_quarterly_scheme(store, village):
    hh = village["HH001"]
    approved(store, hh, MEETING, MAY)
    approved(store, hh, MEETING, JULY)
    sheet = ranking.statement(store, hh["id"], "2026")
    assert (sheet["opening"], sheet["score"], [ln["balance"] for ln in sheet["lines"]]) == (400, 404, [402, 404])


def test_statement_opening_carries_earlier_points(store, monkeypatch):
    fix_today(monkeypatch)
    village = make_village(store, Scheme(reset_each_period=False))
    hh = village["HH001"]
    approved(store, hh, VILLAGE_HONOUR, MAY, quantity=8)  # Q2: 40
    approved(store, hh, VILLAGE_HONOUR, date(2026, 8, 1), quantity=1)
    approved(store, hh, MEETING, JULY)
    sheet = ranking.statement(store, hh["id"], Q3)
    assert sheet["opening"] == 140  # the base once, and Q2's points
    assert [(ln["day"], ln["balance"]) for ln in sheet["lines"]] == [("2026-07-10", 142), ("2026-08-01", 147)]
    assert (sheet["score"], sheet["balance"]) == (147, 147)
    # The score agrees with the ranking's.
    assert {s.code: s.score for s in ranking.ranking(store, Q3)}["HH001"] == 147


def test_statement_opening_nets_earlier_redemptions_when_points_carry_over(store, monkeypatch):
    fix_today(monkeypatch)
    village = make_village(store, Scheme(reset_each_period=False, base_redeemable=True))
    hh = village["HH001"]
    approved(store, hh, VILLAGE_HONOUR, MAY, quantity=8)  # Q2: 40
    goods = shop.add_goods(store, name="洗衣粉", price=30, stock=5)
    shop.redeem(store, household_id=hh["id"], goods_id=goods["id"], day=date(2026, 6, 1))
    approved(store, hh, MEETING, JULY)
    sheet = ranking.statement(store, hh["id"], Q3)
    # Spendable: base 100 + 40 earned − 30 spent in Q2; the score is not reduced by spending.
    assert (sheet["opening"], sheet["redeemed_before"], sheet["earned_before"]) == (110, 30, 40)
    assert (sheet["balance"], sheet["score"]) == (112, 142)
    assert shop.balance(store, hh["id"], date(2026, 8, 20)) == sheet["balance"]


def test_a_year_board_under_a_resetting_quarterly_scheme_counts_the_quarters_passed(store, village):
    approved(store, village["HH001"], GAMBLING, MAY, quantity=2)  # Q2: 100 − 40 = 60, the pass line itself
    approved(store, village["HH002"], GAMBLING, MAY, quantity=3)  # Q2: 40, fails
    approved(store, village["HH002"], GAMBLING, JULY, quantity=3)  # Q3: 40, fails
    approved(store, village["HH003"], VILLAGE_HONOUR, JULY)
    year = {s.code: s for s in ranking.ranking(store, "2026")}
    assert not ranking.graded(Scheme(), ranking.periods.parse("2026"))
    assert [(year[c].stars, year[c].passed, year[c].parts_passed, year[c].parts) for c in ("HH001", "HH002")] == [
        (None, None, 4, 4), (None, None, 2, 4)]
    assert [year[c].in_good_standing for c in ("HH001", "HH002", "HH003", "HH004")] == [True, False, True, True]
    assert {g["group_name"]: g["passed"] for g in ranking.groups(list(year.values()))} == {"第一组": 1, "第二组": 2}
    quarter = {s.code: s for s in ranking.ranking(store, Q2)}
    assert (quarter["HH002"].passed, quarter["HH002"].parts_passed) == (False, None)


def test_a_base_below_the_pass_line_fails_the_quarters_without_points(store, monkeypatch):
    fix_today(monkeypatch)
    village = make_village(store, Scheme(base_points=50, pass_line=60))
    approved(store, village["HH001"], VILLAGE_HONOUR, JULY, quantity=2)  # Q3: 60
    year = {s.code: s for s in ranking.ranking(store, "2026")}
    assert (year["HH001"].parts_passed, year["HH002"].parts_passed) == (1, 0)


def test_a_longer_period_is_graded_by_its_end_when_points_carry_over():
    assert ranking.graded(Scheme(reset_each_period=False), ranking.periods.parse("2026"))
    assert ranking.graded(Scheme(), ranking.periods.parse("2026-Q3"))


def test_statement_of_an_unknown_household(store, village):
    with pytest.raises(UserError, match="找不到"):
        ranking.statement(store, 9999, Q3)


def test_a_month_of_a_quarterly_scheme_counts_its_own_points_and_grades_nobody(store, village):
    approved(store, village["HH001"], GAMBLING, JULY, quantity=3)  # July: -60
    approved(store, village["HH001"], VILLAGE_HONOUR, date(2026, 8, 3))  # August: +5
    july = {s.code: s for s in ranking.ranking(store, "2026-07")}
    hh = july["HH001"]
    assert (hh.points, hh.score, hh.stars, hh.passed, hh.parts_passed, hh.in_good_standing) == (
        -60, 40, None, None, None, True)
