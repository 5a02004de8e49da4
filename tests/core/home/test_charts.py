"""The home page's chart data: points by group, households by stars, requests opened and closed per month."""

from __future__ import annotations

from datetime import date

import pytest

from tests.core.meetings.test_minutes import make_register
from tests.core.points.test_helpers import CLUTTER, VILLAGE_HONOUR, approved, fix_today, make_village, record
from villagedesk.core.home import charts
from villagedesk.core.points import ranking
from villagedesk.core.points.rules import Scheme
from villagedesk.core.register import people
from villagedesk.core.requests import ledger
from villagedesk.errors import UserError

JULY = date(2026, 7, 10)


@pytest.fixture
def village(store, monkeypatch):
    fix_today(monkeypatch)  # 2026-08-20, in 2026-Q3 of a quarterly scheme
    return make_village(store)


# --- points by 村民小组 ---------------------------------------------------------------------------

def test_points_are_summed_by_group_as_the_ranking_counts_them(store, village):
    approved(store, village["HH001"], VILLAGE_HONOUR, JULY, quantity=4)  # +20
    approved(store, village["HH002"], CLUTTER, JULY)  # -5
    approved(store, village["HH003"], VILLAGE_HONOUR, date(2026, 7, 1))  # +5 on Q3's first day
    approved(store, village["HH003"], VILLAGE_HONOUR, date(2026, 6, 30))  # Q2: not counted
    record(store, village["HH004"], VILLAGE_HONOUR, JULY, quantity=9)  # pending: not counted
    bars = charts.for_period(store, "2026-Q3").groups
    assert [(b.group, b.label, b.points, b.households) for b in bars] == [
        ("第一组", "第一组", 15, 2), ("第二组", "第二组", 5, 2)]
    # The same rule as the ranking board: a group's bar is its households' counted points.
    standings = ranking.ranking(store, "2026-Q3")
    assert sum(b.points for b in bars) == sum(s.points for s in standings)


def test_groups_come_in_register_order_and_households_in_no_group_last(store, village):
    loner = people.add_household(store, code="HH005", group_name="")
    people.add_person(store, loner["id"], name="孙老汉", relation="户主")
    approved(store, loner, VILLAGE_HONOUR, JULY)
    # 第二组 sorts before 第一组 as text; the register entered 第一组 first.
    assert [(b.label, b.points) for b in charts.for_period(store, "2026-Q3").groups] == [
        ("第一组", 0), ("第二组", 0), (charts.UNGROUPED, 5)]


def test_archived_households_are_left_out_of_the_groups(store, village):
    approved(store, village["HH003"], VILLAGE_HONOUR, JULY)
    people.archive_household(store, village["HH003"]["id"], "整户迁出")
    bars = {b.group: b for b in charts.for_period(store, "2026-Q3").groups}
    assert (bars["第二组"].points, bars["第二组"].households) == (0, 1)


def test_an_empty_register_has_no_bars(store, monkeypatch):
    fix_today(monkeypatch)
    assert charts.for_period(store, "2026-Q3").groups == []


# --- households by star rating ----------------------------------------------------------------

def test_stars_are_counted_per_household_at_the_thresholds(store, village):
    # Thresholds 100/110/120/130/140 on a base of 100: the edges decide.
    approved(store, village["HH001"], VILLAGE_HONOUR, JULY, quantity=8)  # 140: five stars exactly
    approved(store, village["HH002"], VILLAGE_HONOUR, JULY, quantity=2)  # 110: two stars exactly
    approved(store, village["HH003"], CLUTTER, JULY)  # 95: just under the first star
    stars = charts.for_period(store, "2026-Q3").stars
    assert stars.graded and stars.why_not == ""
    assert stars.counts == (1, 1, 1, 0, 0, 1)  # HH004 scores the base: one star
    assert sum(stars.counts) == 4 and stars.labels[0] == "无星"


def test_a_period_that_is_not_one_scheme_period_is_not_graded(store, village):
    approved(store, village["HH001"], VILLAGE_HONOUR, JULY, quantity=8)
    stars = charts.for_period(store, "2026-07").stars  # a month of a quarterly scheme
    assert not stars.graded and stars.counts == ()
    assert "2026 年 7 月" in stars.why_not and "不评星级" in stars.why_not
    # The points chart still counts the month.
    assert charts.for_period(store, "2026-07").groups[0].points == 40


def test_a_year_is_graded_when_points_carry_over(store, monkeypatch):
    fix_today(monkeypatch)
    households = make_village(store, Scheme(reset_each_period=False))
    approved(store, households["HH001"], VILLAGE_HONOUR, date(2026, 2, 1), quantity=2)
    stars = charts.for_period(store, "2026").stars
    assert stars.graded and stars.counts == (0, 3, 1, 0, 0, 0)


def test_the_current_period_follows_the_scheme(store, village):
    assert charts.current_period(store, date(2026, 9, 30)).code == "2026-Q3"
    assert charts.current_period(store, date(2026, 10, 1)).code == "2026-Q4"


# --- requests opened and closed per month --------------------------------------------------------

@pytest.fixture
def register(profiled_store, monkeypatch):
    fix_today(monkeypatch, date(2026, 7, 31))
    return profiled_store, make_register(profiled_store)


def on_the_spot(store, register, day: str) -> dict:
    """Raised and closed the same day."""
    return ledger.raise_request(store, raised_on=day, raised_by_id=register["王德明"]["id"], category="政策咨询",
                                content="咨询医保缴费标准", handling=ledger.ON_THE_SPOT, result="当场解答",
                                satisfaction=ledger.SATISFIED)


def with_deadline(store, register, day: str, deadline: str) -> dict:
    return ledger.raise_request(store, raised_on=day, raised_by_id=register["王德明"]["id"], category="基础设施",
                                content="道路坑洼，希望硬化", handling=ledger.WITH_DEADLINE,
                                owner_id=register["张建国"]["id"], deadline=deadline)


def close(store, request: dict, day: str, satisfaction=ledger.SATISFIED) -> dict:
    return ledger.close_request(store, request["id"], result="已修好", feedback_on=day, feedback_how="上门告知",
                                satisfaction=satisfaction)


def test_twelve_months_end_with_the_month_chosen_across_the_year_end():
    spanned = charts.months_ending(charts.month("2026-03"))
    assert [p.code for p in spanned][:3] == ["2025-04", "2025-05", "2025-06"]
    assert spanned[-1].code == "2026-03" and len(spanned) == 12


def test_requests_are_counted_in_the_month_raised_and_the_month_closed(register):
    store, people_ = register
    for day in ("2025-08-01", "2026-07-01", "2026-07-31"):  # the first and last days of the span
        on_the_spot(store, people_, day)
    on_the_spot(store, people_, "2025-07-31")  # a day before the span
    late = with_deadline(store, people_, "2026-06-30", "2026-07-15")
    close(store, late, "2026-07-02")  # raised in June, closed in July
    still_open = with_deadline(store, people_, "2026-06-10", "2026-07-31")
    close(store, still_open, "2026-06-20", satisfaction=ledger.DISSATISFIED)  # not closed: back to 办理中
    found = charts.requests_by_month(store, "2026-07")
    assert [m.month for m in found][0] == "2025-08" and found[-1].label == "7月"
    by_month = {m.month: (m.opened, m.closed) for m in found}
    assert by_month["2025-08"] == (1, 1)
    assert by_month["2026-06"] == (2, 0)
    assert by_month["2026-07"] == (2, 3)
    assert sum(o for o, _ in by_month.values()) == 5 and sum(c for _, c in by_month.values()) == 4


def test_a_reopened_request_no_longer_counts_as_closed(register):
    store, people_ = register
    request = on_the_spot(store, people_, "2026-07-05")
    ledger.reopen_request(store, request["id"], reason="路又坏了", day="2026-07-20")
    assert {m.month: (m.opened, m.closed) for m in charts.requests_by_month(store, "2026-07")}["2026-07"] == (1, 0)


def test_months_without_requests_are_zero_not_missing(register):
    store, _ = register
    found = charts.requests_by_month(store, "2026-07")
    assert len(found) == 12 and all((m.opened, m.closed) == (0, 0) for m in found)


@pytest.mark.parametrize("text, words", [("2026-Q3", "要写月份"), ("2026", "要写月份"), ("2026-13", "01 到 12"),
                                         ("七月", "写法不对")])
def test_the_report_month_must_be_a_month(text, words):
    with pytest.raises(UserError, match=words):
        charts.month(text)
