"""What needs the clerk today: each rule of core.attention on its edge dates, the order, the glance.

Real SQLite files built through the domain functions; the day is passed to
``items``/``glance`` (and fixed as the program's today where a domain function checks it).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.core.meetings.test_minutes import make_register
from tests.core.notices.test_notices import build_village, draft, posted
from tests.core.points.test_helpers import CLUTTER, MEETING, approved, make_village, record
from villagedesk import clock
from villagedesk.core import notices
from villagedesk.core.committee import roster as committee
from villagedesk.core.home import attention
from villagedesk.core.home.attention import Item
from villagedesk.core.notices import disclosure
from villagedesk.core.points import ledger
from villagedesk.core.register import people
from villagedesk.core.requests import ledger as ledger_of_requests
from villagedesk.core.township import merge as township
from villagedesk.errors import UserError

MONDAY = date(2026, 7, 20)
SUNDAY = date(2026, 7, 26)
DAY = timedelta(days=1)


@pytest.fixture
def today(monkeypatch):
    clock.set(MONDAY)
    return MONDAY


def lines(store, day: date, rule: str) -> list[Item]:
    return [item for item in attention.items(store, day) if item.rule == rule]


# --- requests -----------------------------------------------------------------------------

@pytest.mark.slow
def test_requests_overdue_or_due_within_seven_days(profiled_store, today):
    store = profiled_store
    register = make_register(store)

    def due(deadline: date, **values) -> dict:
        return ledger_of_requests.raise_request(store, **{
            "raised_on": "2026-07-01", "raised_by_id": register["王德明"]["id"], "category": "基础设施",
            "content": f"期限 {deadline}", "handling": ledger_of_requests.WITH_DEADLINE,
            "owner_id": register["张建国"]["id"], "deadline": deadline.isoformat(), **values})

    yesterday, on_the_day, in_seven, in_eight = (due(MONDAY - DAY), due(MONDAY), due(MONDAY + 7 * DAY),
                                                 due(MONDAY + 8 * DAY))
    closed = due(MONDAY - 5 * DAY)
    ledger_of_requests.close_request(store, closed["id"], result="已修好", feedback_on="2026-07-18",
                                     feedback_how="上门告知", satisfaction=ledger_of_requests.SATISFIED)
    ledger_of_requests.raise_request(store, raised_on="2026-07-01", raised_by="周先生", category="其他",
                                     content="转交派出所", handling=ledger_of_requests.REFERRED,
                                     department="天门乡派出所")  # no deadline: never due

    found = lines(store, MONDAY, attention.REQUEST)
    assert [(i.target, i.overdue, i.days) for i in found] == [
        (("request", yesterday["id"]), True, 1), (("request", on_the_day["id"]), False, 0),
        (("request", in_seven["id"]), False, 7)]
    assert ("request", in_eight["id"]) not in [i.target for i in found]
    assert found[0].subject == yesterday["code"] and found[0].detail == yesterday["content"]
    assert found[0].who == "王德明"
    # Overdue means what the requests board means by it.
    for item in found:
        assert item.overdue == ledger_of_requests.is_overdue(ledger_of_requests.get_request(store, item.target[1]),
                                                             MONDAY)
    # A day later the one due in eight days comes in; the one due today is overdue.
    later = lines(store, MONDAY + DAY, attention.REQUEST)
    assert ("request", in_eight["id"]) in [i.target for i in later]
    assert next(i for i in later if i.target == ("request", on_the_day["id"])).overdue


# --- notices ------------------------------------------------------------------------------

def test_calendar_items_overdue_or_due_within_seven_days(profiled_store, today):
    village = build_village(profiled_store)
    store = village.store

    def monthly(name: str, due_day: int) -> dict:
        return disclosure.save_item(store, name=name, category="财务公开", frequency=disclosure.MONTHLY,
                                    due_day=due_day)

    late, today_due, seven, eight = (monthly("逾期一天", 19), monthly("今天到期", 20), monthly("七天后到期", 27),
                                     monthly("八天后到期", 28))
    done = monthly("本月已公开", 19)
    posted(village, start=date(2026, 7, 1), item_id=done["id"])
    disclosure.save_item(store, name="随时公开", category="村务公开", frequency=disclosure.ON_EVENT)

    found = lines(store, MONDAY, attention.CALENDAR)
    assert [(i.subject, i.overdue, i.days, i.due) for i in found] == [
        ("逾期一天", True, 1, date(2026, 7, 19)), ("今天到期", False, 0, MONDAY),
        ("七天后到期", False, 7, date(2026, 7, 27))]
    assert [i.target for i in found] == [("calendar_item", late["id"]), ("calendar_item", today_due["id"]),
                                         ("calendar_item", seven["id"])]
    assert found[0].detail == "2026 年 7 月"
    assert ("calendar_item", eight["id"]) in [i.target for i in lines(store, MONDAY + DAY, attention.CALENDAR)]


def test_posting_periods_ending_this_week(profiled_store, today):
    village = build_village(profiled_store)
    ended_yesterday = posted(village, start=date(2026, 7, 14), days=6, title="昨天期满")
    ends_today = posted(village, start=date(2026, 7, 14), days=7, title="今天期满")
    ends_sunday = posted(village, start=MONDAY, days=7, title="周日期满")
    ends_next_monday = posted(village, start=MONDAY, days=8, title="下周一期满")
    assert (ended_yesterday["posting_end"], ends_today["posting_end"], ends_sunday["posting_end"],
            ends_next_monday["posting_end"]) == ("2026-07-19", "2026-07-20", "2026-07-26", "2026-07-27")
    draft(village.store, title="草稿不算")

    found = lines(village.store, MONDAY, attention.POSTING_ENDS)
    assert [(i.target, i.detail, i.days, i.overdue) for i in found] == [
        (("notice", ends_today["id"]), "今天期满", 0, False), (("notice", ends_sunday["id"]), "周日期满", 6, False)]
    assert found[0].subject == ends_today["code"]
    # On the Sunday only what ends that day; on the next Monday a new week.
    assert [i.detail for i in lines(village.store, SUNDAY, attention.POSTING_ENDS)] == ["周日期满"]
    assert [i.detail for i in lines(village.store, SUNDAY + DAY, attention.POSTING_ENDS)] == ["下周一期满"]
    assert attention.week_end(MONDAY) == SUNDAY and attention.week_end(SUNDAY) == SUNDAY


def test_objections_past_their_reply_deadline(profiled_store, today):
    village = build_village(profiled_store)
    store = village.store
    notice = posted(village, start=date(2026, 7, 1), days=15)
    waiting = notices.add_objection(store, notice["id"], raised_by="张三", content="名单有误", received_on="2026-07-10")
    answered = notices.add_objection(store, notice["id"], raised_by="李四", content="金额不对",
                                     received_on="2026-07-10")
    notices.reply_objection(store, answered["id"], reply="已核实无误", replied_on="2026-07-20")
    assert waiting["reply_due"] == "2026-07-20"

    assert lines(store, date(2026, 7, 19), attention.OBJECTION) == []
    assert lines(store, date(2026, 7, 20), attention.OBJECTION) == []  # the last day to reply
    found = lines(store, date(2026, 7, 21), attention.OBJECTION)
    assert [(i.target, i.overdue, i.days, i.subject, i.who) for i in found] == [
        (("objection", waiting["id"]), True, 1, notice["code"], "张三")]
    assert found[0].detail == notice["title"]


# --- points -------------------------------------------------------------------------------

def test_points_waiting_and_a_period_ready_to_post(store):
    village = make_village(store)
    hh = village["HH001"]
    q2_end = date(2026, 6, 30)
    waiting = record(store, hh, MEETING, date(2026, 5, 10))
    after = q2_end + DAY

    pending = lines(store, after, attention.POINTS_PENDING)
    assert [(i.count, i.target) for i in pending] == [(1, ("points_review", None))]
    # Something waits in 2026-Q2: not ready, and posting would be refused.
    assert lines(store, after, attention.POINTS_POST) == []
    with pytest.raises(UserError, match="待审核"):
        ledger.post_period(store, "2026-Q2", after)

    ledger.approve(store, [waiting["id"]], "审核员", date(2026, 5, 11))
    assert lines(store, after, attention.POINTS_PENDING) == []
    assert lines(store, q2_end, attention.POINTS_POST) == []  # its last day: not over yet
    ready = lines(store, after, attention.POINTS_POST)
    assert [(i.subject, i.target) for i in ready] == [("2026 年第二季度", ("points_period", "2026-Q2"))]
    assert ledger.post_period(store, "2026-Q2", after)["status"] == "posted"
    assert lines(store, after, attention.POINTS_POST) == []


def test_a_period_without_points_or_before_the_last_posted_is_not_ready(store):
    village = make_village(store)
    hh = village["HH001"]
    today = date(2026, 10, 5)  # in 2026-Q4: Q1–Q3 are over
    assert lines(store, today, attention.POINTS_POST) == []  # nothing scored at all
    approved(store, hh, MEETING, date(2026, 2, 10))
    approved(store, hh, MEETING, date(2026, 5, 10))
    assert [i.target[1] for i in lines(store, today, attention.POINTS_POST)] == ["2026-Q1", "2026-Q2"]
    ledger.post_period(store, "2026-Q2", date(2026, 7, 2))
    # The village went on with the second quarter: the first is left as it is; Q3 has no points.
    assert lines(store, today, attention.POINTS_POST) == []


def test_a_posted_period_is_ready_to_lock_once_objections_may_no_longer_come(store, monkeypatch):
    village = make_village(store)
    entry = approved(store, village["HH001"], CLUTTER, date(2026, 5, 10))
    state = ledger.post_period(store, "2026-Q2", date(2026, 7, 5))
    assert state["objection_until"] == "2026-07-11"  # 7 days with the posting day (docs/DOMAIN.md §4.2)
    assert lines(store, date(2026, 7, 11), attention.POINTS_LOCK) == []  # the last day to object
    clock.set(date(2026, 7, 11))
    objection = ledger.raise_objection(store, entry_id=entry["id"], raised_by="张大山", content="当天已清理",
                                       day="2026-07-11")
    ready = lines(store, date(2026, 7, 12), attention.POINTS_LOCK)
    assert [(i.subject, i.target, i.count, i.last) for i in ready] == [
        ("2026 年第二季度", ("points_period", "2026-Q2"), 1, date(2026, 7, 11))]
    ledger.resolve_objection(store, objection["id"], upheld=False, resolution="照片为证", day=date(2026, 7, 13))
    assert lines(store, date(2026, 7, 13), attention.POINTS_LOCK)[0].count == 0
    ledger.lock_period(store, "2026-Q2", date(2026, 7, 13))
    assert lines(store, date(2026, 7, 14), attention.POINTS_LOCK) == []


# --- committee ----------------------------------------------------------------------------

def test_committee_vacancies(profiled_store, today):
    village = build_village(profiled_store)  # 第十二届: 监委会主任 and 村委会主任 only
    store = village.store
    found = attention.vacancies(store, MONDAY)
    assert [(i.rule, i.subject, i.detail, i.count) for i in found] == [
        (attention.VACANT_HEAD, committee.PARTY, "书记", 0), (attention.COMMITTEE_SIZE, committee.VILLAGE, "", 1)]
    assert {i.target for i in found} == {("committee", None)}

    term = committee.current_term(store, MONDAY)
    secretary = committee.start_post(store, person_id=village.villagers[0]["id"], body=committee.PARTY, role="书记",
                                     term_id=term["id"], start_date="2026-03-01")
    for person in village.villagers[1:3]:
        committee.start_post(store, person_id=person["id"], body=committee.VILLAGE, role="委员", term_id=term["id"],
                             start_date="2026-03-01")
    assert attention.vacancies(store, MONDAY) == []
    # The secretary leaves on the Monday: still in office that day, the post is vacant from Tuesday.
    committee.end_post(store, secretary["id"], end_date=MONDAY.isoformat(), reason="辞职")
    assert attention.vacancies(store, MONDAY) == []
    assert [i.subject for i in attention.vacancies(store, MONDAY + DAY)] == [committee.PARTY]
    # Before any term: one line; a village that keeps no terms: none.
    assert [i.rule for i in attention.vacancies(store, date(2020, 1, 1))] == [attention.NO_TERM]


def test_no_committee_lines_while_no_term_is_kept(profiled_store):
    make_register(profiled_store)
    assert attention.vacancies(profiled_store, MONDAY) == []


# --- backups and packages -----------------------------------------------------------------

@pytest.mark.slow
def test_backup_and_package_older_than_thirty_days(profiled_store, township_db, tmp_path):
    store = profiled_store
    assert attention.items(store, MONDAY) == []  # an empty register: nothing to lose yet
    people.add_household(store, code="HH001", group_name="第一组")
    never = attention.items(store, MONDAY)
    assert [(i.rule, i.overdue, i.last, i.target) for i in never] == [
        (attention.BACKUP, True, None, ("backup", None)), (attention.PACKAGE, True, None, ("package", None))]

    store.backup(reason="manual")
    from tests.helpers.factories import join
    from villagedesk.documents.package.writer import write_package

    join(store, township_db)
    write_package(store, tmp_path)
    made = clock.today()
    assert attention.backup_day(store.path) == made
    assert attention.items(store, made + 30 * DAY) == []
    late = attention.items(store, made + 31 * DAY)
    assert [(i.rule, i.overdue, i.days, i.last) for i in late] == [
        (attention.BACKUP, True, 1, made), (attention.PACKAGE, True, 1, made)]


def test_a_township_database_has_no_lines(store):
    township.set_township(store, True)
    assert attention.items(store, MONDAY) == []


# --- order --------------------------------------------------------------------------------

def test_most_urgent_first(profiled_store, today):
    village = build_village(profiled_store)
    store = village.store
    zhang, li = village.villagers[:2]

    def request(deadline: str, content: str) -> dict:
        return ledger_of_requests.raise_request(
            store, raised_on="2026-07-01", raised_by_id=zhang["id"], category="基础设施", content=content,
            handling=ledger_of_requests.WITH_DEADLINE, owner_id=li["id"], deadline=deadline)

    request("2026-07-24", "四天后到期")
    request("2026-07-10", "逾期十天")
    notice = posted(village, start=date(2026, 7, 1), days=15, title="低保名单公示")
    notices.add_objection(store, notice["id"], raised_by="王五", content="有人不符合条件", received_on="2026-07-05")
    posted(village, start=date(2026, 7, 16), days=7, title="本周期满")  # ends Wednesday 22nd
    found = attention.items(store, MONDAY)
    assert [(i.rule, i.detail or i.subject) for i in found] == [
        (attention.BACKUP, ""), (attention.PACKAGE, ""),  # never made: first of all
        (attention.REQUEST, "逾期十天"),  # due 10 July
        (attention.OBJECTION, "低保名单公示"),  # due 15 July
        (attention.POSTING_ENDS, "本周期满"),  # 22 July
        (attention.REQUEST, "四天后到期"),  # 24 July
        (attention.VACANT_HEAD, "书记"), (attention.COMMITTEE_SIZE, committee.VILLAGE)]


# --- at a glance --------------------------------------------------------------------------

def test_glance_counts(profiled_store, today):
    village = build_village(profiled_store)  # 9 households of one person each
    store = village.store
    zhang, li, wang = village.villagers[:3]
    people.archive_household(store, village.villagers[-1]["household_id"], "迁出")
    ask = {"raised_by_id": zhang["id"], "category": "政策咨询", "content": "咨询医保",
           "handling": ledger_of_requests.ON_THE_SPOT, "result": "当场解答", "satisfaction": "满意"}
    ledger_of_requests.raise_request(store, raised_on="2026-07-02", **ask)  # closed this year
    ledger_of_requests.raise_request(store, raised_on="2025-12-30", **ask)  # closed last year
    ledger_of_requests.raise_request(store, raised_on="2026-07-03", raised_by_id=li["id"], category="基础设施",
                                     content="修路", handling=ledger_of_requests.WITH_DEADLINE, owner_id=wang["id"],
                                     deadline="2026-08-01")  # open
    posted(village, start=date(2026, 7, 1))
    draft(store, title="还没张贴")

    assert attention.glance(store, MONDAY) == attention.Glance(
        households=8, persons=8, committee_members=2, requests_open=1, requests_closed_year=1,
        notices_posted_year=1)
    # The year is the day's: on 1 January everything of the year before drops out.
    next_year = attention.glance(store, date(2027, 1, 1))
    assert (next_year.requests_closed_year, next_year.notices_posted_year) == (0, 0)
    assert next_year.committee_members == 2


def test_lines_are_grouped_by_kind_newest_first_with_counts():
    today = date(2026, 7, 20)

    def request(due: str, code: str) -> Item:
        day = date.fromisoformat(due)
        return Item(attention.REQUEST, ("request", code), day, day < today, abs((today - day).days), subject=code)

    found = [request("2023-01-05", "SQ1"), request("2026-07-19", "SQ2"), request("2026-07-22", "SQ3"),
             request("2025-03-01", "SQ4"), Item(attention.POINTS_PENDING, ("points_review", None), count=4),
             Item(attention.BACKUP, ("backup", None), overdue=True)]
    groups = attention.grouped(sorted(found, key=Item.sort_key))
    # The groups in the order of their most urgent line: a backup never made, then the requests.
    assert [g.rule for g in groups] == [attention.BACKUP, attention.REQUEST, attention.POINTS_PENDING]
    requests = groups[1]
    # Overdue newest first (yesterday before three years ago), then what is still due, soonest first.
    assert [i.subject for i in requests.items] == ["SQ2", "SQ4", "SQ1", "SQ3"]
    assert (len(requests.items), requests.overdue) == (4, 3)
