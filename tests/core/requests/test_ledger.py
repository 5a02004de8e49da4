"""The requests ledger (民情台账): intake, the state machine, overdue, counts by outcome, the board."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.core.meetings.test_minutes import TODAY, held_meeting, make_register
from villagedesk import clock
from villagedesk.core.common import records
from villagedesk.core.requests import ledger
from villagedesk.core.requests import lists as request_lists
from villagedesk.errors import UserError


@pytest.fixture
def village(profiled_store, monkeypatch):
    clock.set(TODAY)
    return profiled_store, make_register(profiled_store)


def raise_one(store, register, **values) -> dict:
    """A request with a deadline, raised directly by 王德明, 张建国 in charge; ``values`` override."""
    return ledger.raise_request(store, **{
        "raised_on": "2026-07-01", "raised_by_id": register["王德明"]["id"], "category": "基础设施",
        "content": "杨家湾组级道路坑洼，希望硬化", "handling": ledger.WITH_DEADLINE,
        "owner_id": register["张建国"]["id"], "deadline": "2026-07-31", **values})


def count(store, table: str) -> int:
    return store.scalar(f"SELECT count(*) FROM {table}")


# --- intake ---------------------------------------------------------------------------------

def test_intake_takes_the_name_and_group_from_the_register(village):
    store, register = village
    request = raise_one(store, register)
    assert request["code"] == f"SQ{request['id']:06d}" and request["status"] == ledger.TODO
    assert (request["raised_by"], request["group_name"], request["owner"]) == ("王德明", "第一村民小组", "张建国")
    stranger = raise_one(store, register, raised_by_id=None, raised_by="过路客商 周先生", group_name="",
                         handling=ledger.REFERRED, department="天门乡派出所", deadline=None)
    assert (stranger["raised_by"], stranger["group_name"], stranger["status"]) == ("过路客商 周先生", "", ledger.HANDED_OVER)
    assert [(s["action"], s["note"]) for s in ledger.handling_log(store, stranger["id"])] == [("转交", "天门乡派出所")]


def test_on_the_spot_is_closed_at_once_with_feedback_on_the_day(village):
    store, register = village
    request = raise_one(store, register, category="政策咨询", content="咨询医保缴费标准", handling=ledger.ON_THE_SPOT,
                        deadline=None, result="当场解答了缴费标准", satisfaction=ledger.SATISFIED)
    assert (request["status"], request["closed_on"], request["feedback_on"], request["feedback_how"]) == (
        ledger.CLOSED, "2026-07-01", "2026-07-01", ledger.ON_THE_SPOT_FEEDBACK)


@pytest.mark.parametrize("values, field, words", [
    ({"content": "  "}, "content", "诉求内容"),
    ({"category": "治安"}, "category", "诉求类别"),
    ({"raised_by_id": None}, "raised_by", "诉求人"),
    ({"raised_on": "2026-07-21"}, "raised_on", "不能晚于今天"),
    ({"deadline": None}, "deadline", "办理期限"),
    ({"deadline": "2026-06-30"}, "deadline", "早于诉求日期"),
    ({"owner_id": None}, "owner", "责任人"),
    ({"handling": "交给组长"}, "handling", "办理方式"),
    ({"handling": ledger.REFERRED, "deadline": None}, "department", "转交给哪个部门"),
    ({"handling": ledger.ON_THE_SPOT, "deadline": None, "satisfaction": ledger.SATISFIED}, "result", "解决结果"),
    ({"handling": ledger.ON_THE_SPOT, "deadline": None, "result": "解答了"}, "satisfaction", "满意度"),
    ({"handling": ledger.ON_THE_SPOT, "deadline": None, "result": "解答了", "satisfaction": ledger.DISSATISFIED},
     "satisfaction", "改为限期办理"),
])
def test_bad_intake_is_one_message_and_writes_nothing(village, values, field, words):
    store, register = village
    audit = count(store, "audit")
    with pytest.raises(UserError) as err:
        raise_one(store, register, **values)
    assert err.value.field == field and words in str(err.value)
    assert count(store, "requests") == 0 and count(store, "request_log") == 0 and count(store, "audit") == audit


def test_raised_at_a_meeting_means_on_its_day(village):
    store, register = village
    meeting = held_meeting(store, register, day="2026-07-10")
    request = raise_one(store, register, raised_on=None, meeting_id=meeting["id"], deadline="2026-08-10")
    assert request["raised_on"] == "2026-07-10" and request["meeting_id"] == meeting["id"]
    with pytest.raises(UserError, match="日期应是会议日期 2026-07-10"):
        raise_one(store, register, raised_on="2026-07-11", meeting_id=meeting["id"])


# --- the state machine -------------------------------------------------------------------------

def test_from_todo_through_a_dissatisfied_villager_to_closed(village):
    store, register = village
    request = raise_one(store, register)
    request = ledger.start_request(store, request["id"], day="2026-07-02", note="已联系施工队")
    assert request["status"] == ledger.IN_HAND
    with pytest.raises(UserError, match="只有待办的诉求才能开始办理"):
        ledger.start_request(store, request["id"])
    request = ledger.close_request(store, request["id"], result="填平了坑洼", feedback_on="2026-07-10",
                                   feedback_how="上门告知", satisfaction=ledger.DISSATISFIED)
    assert (request["status"], request["reopened"], request["closed_on"]) == (ledger.IN_HAND, 1, None)
    assert (request["result"], request["satisfaction"]) == ("填平了坑洼", ledger.DISSATISFIED)
    request = ledger.close_request(store, request["id"], result="铺了碎石，列入硬化计划", feedback_on="2026-07-18",
                                   feedback_how="电话告知", satisfaction=ledger.FAIRLY_SATISFIED)
    assert (request["status"], request["closed_on"], request["reopened"]) == (ledger.CLOSED, "2026-07-18", 1)
    assert [(s["day"], s["action"], s["status"]) for s in ledger.handling_log(store, request["id"])] == [
        ("2026-07-02", "开始办理", ledger.IN_HAND), ("2026-07-10", "群众不满意，重新办理", ledger.IN_HAND),
        ("2026-07-18", "办结", ledger.CLOSED)]
    actions = [r[0] for r in store.conn.execute(
        "SELECT action FROM audit WHERE table_name = 'requests' ORDER BY id")]
    assert actions == ["insert", "start", "reopen", "close"]


@pytest.mark.parametrize("values, field, words", [
    ({"result": " "}, "result", "办理结果"),
    ({"feedback_on": None}, "feedback_on", "反馈的日期"),
    ({"feedback_how": ""}, "feedback_how", "如何向群众反馈"),
    ({"satisfaction": None}, "satisfaction", "满意度"),
    ({"feedback_on": "2026-06-30"}, "day", "不能早于诉求日期"),
    ({"feedback_on": "2026-07-21"}, "day", "不能晚于今天"),
])
def test_closing_without_result_or_feedback_is_refused(village, values, field, words):
    store, register = village
    request = raise_one(store, register)
    with pytest.raises(UserError) as err:
        ledger.close_request(store, request["id"], **{"result": "修好了", "feedback_on": "2026-07-15",
                                                      "feedback_how": "上门告知", "satisfaction": ledger.SATISFIED,
                                                      **values})
    assert err.value.field == field and words in str(err.value)
    assert ledger.get_request(store, request["id"])["status"] == ledger.TODO
    assert count(store, "request_log") == 0


def test_a_closed_request_is_not_edited_but_can_be_reopened(village):
    store, register = village
    request = raise_one(store, register)
    ledger.close_request(store, request["id"], result="修好了", feedback_on="2026-07-15", feedback_how="上门告知",
                         satisfaction=ledger.SATISFIED)
    for edit in (lambda: ledger.update_request(store, request["id"], content="改"),
                 lambda: ledger.start_request(store, request["id"]),
                 lambda: ledger.refer_request(store, request["id"], department="乡政府"),
                 lambda: ledger.close_request(store, request["id"], result="x", feedback_on="2026-07-16",
                                              feedback_how="x", satisfaction=ledger.SATISFIED)):
        with pytest.raises(UserError, match="已于 2026-07-15 办结，不能再修改"):
            edit()
    with pytest.raises(UserError, match="不满意的原因"):
        ledger.reopen_request(store, request["id"], reason="")
    with pytest.raises(UserError, match="不能早于办结日期"):
        ledger.reopen_request(store, request["id"], reason="路又坏了", day="2026-07-14")
    reopened = ledger.reopen_request(store, request["id"], reason="下雨后路又坏了", day="2026-07-19")
    assert (reopened["status"], reopened["reopened"], reopened["satisfaction"], reopened["closed_on"]) == (
        ledger.IN_HAND, 1, ledger.DISSATISFIED, None)
    with pytest.raises(UserError, match="还没有办结"):
        ledger.reopen_request(store, request["id"], reason="again")


def test_referring_and_correcting_an_open_request(village):
    store, register = village
    request = raise_one(store, register)
    corrected = ledger.update_request(store, request["id"], content="杨家湾道路塌方一段", owner_id=register["刘志高"]["id"])
    assert (corrected["content"], corrected["owner"], corrected["deadline"]) == ("杨家湾道路塌方一段", "刘志高",
                                                                                  "2026-07-31")
    with pytest.raises(UserError, match="转交"):
        ledger.update_request(store, request["id"], handling=ledger.REFERRED)
    with pytest.raises(UserError, match="转交给哪个部门"):
        ledger.refer_request(store, request["id"], department=" ")
    referred = ledger.refer_request(store, request["id"], department="新化县交通运输局", deadline="2026-09-30",
                                    day="2026-07-05")
    assert (referred["status"], referred["handling"], referred["department"], referred["deadline"]) == (
        ledger.HANDED_OVER, ledger.REFERRED, "新化县交通运输局", "2026-09-30")
    with pytest.raises(UserError, match="已转交"):
        ledger.refer_request(store, request["id"], department="乡政府")
    closed = ledger.close_request(store, request["id"], result="县交通局已修复塌方", feedback_on="2026-07-20",
                                  feedback_how="电话告知", satisfaction=ledger.SATISFIED)
    assert closed["status"] == ledger.CLOSED


def test_the_database_keeps_the_rules_and_the_log(village):
    store, register = village
    request = raise_one(store, register)
    with pytest.raises(Exception, match="CHECK"):
        store.conn.execute("UPDATE requests SET status = '已办结' WHERE id = ?", (request["id"],))
    ledger.start_request(store, request["id"])
    with pytest.raises(Exception, match="never"):
        store.conn.execute("UPDATE request_log SET note = '改'")
    with pytest.raises(Exception, match="never"):
        store.conn.execute("DELETE FROM request_log")


# --- overdue and the counts ------------------------------------------------------------------------

def test_a_deadline_of_today_is_not_overdue_yesterday_is(village):
    store, register = village
    due_today = raise_one(store, register, deadline=TODAY.isoformat())
    due_yesterday = raise_one(store, register, deadline=(TODAY - timedelta(days=1)).isoformat())
    no_deadline = raise_one(store, register, handling=ledger.REFERRED, department="天门乡民政办", deadline=None)
    closed_late = raise_one(store, register, deadline="2026-07-05")
    ledger.close_request(store, closed_late["id"], result="修好了", feedback_on="2026-07-12", feedback_how="上门告知",
                         satisfaction=ledger.SATISFIED)
    late_referral = raise_one(store, register, handling=ledger.REFERRED, department="县交通局", deadline="2026-07-10")
    found = {r["id"]: ledger.is_overdue(r) for r in store.rows("SELECT * FROM requests")}
    assert found == {due_today["id"]: False, due_yesterday["id"]: True, no_deadline["id"]: False,
                     closed_late["id"]: False, late_referral["id"]: True}
    assert ledger.is_overdue(ledger.get_request(store, due_today["id"]), TODAY + timedelta(days=1))
    board = request_lists.request_board(TODAY)
    extra, params = request_lists.request_filter(overdue=True, today=TODAY)
    assert sorted(r["_id"] for r in board.fetch(store, extra=extra, params=params)) == sorted(
        [due_yesterday["id"], late_referral["id"]])
    assert {r["_id"]: r["overdue"] for r in board.fetch(store)} == {k: int(v) for k, v in found.items()}
    assert ledger.outcomes(store, "2026", today=TODAY).overdue == 2


def test_counts_by_outcome_for_a_period(village):
    store, register = village
    for n in range(3):
        raise_one(store, register, category="政策咨询", handling=ledger.ON_THE_SPOT, deadline=None, result="当场答复",
                  satisfaction=ledger.SATISFIED, raised_on=f"2026-07-0{n + 1}")
    pending = [raise_one(store, register) for _ in range(4)]
    for r in pending[:2]:
        ledger.close_request(store, r["id"], result="修好了", feedback_on="2026-07-15", feedback_how="上门告知",
                             satisfaction=ledger.FAIRLY_SATISFIED)
    ledger.close_request(store, pending[2]["id"], result="修了", feedback_on="2026-07-15", feedback_how="电话",
                         satisfaction=ledger.DISSATISFIED)
    raise_one(store, register, handling=ledger.REFERRED, department="天门乡司法所", deadline=None)
    raise_one(store, register, raised_on="2026-06-30", deadline="2026-07-05")  # the quarter before
    july = ledger.outcomes(store, "2026-07", today=TODAY)
    assert (july.total, july.on_the_spot, july.with_deadline, july.referred) == (8, 3, 4, 1)
    assert (july.closed, july.in_hand, july.handed_over, july.reopened) == (5, 2, 1, 1)
    assert (july.satisfied, july.fairly_satisfied, july.dissatisfied, july.overdue) == (3, 2, 1, 0)
    assert july.closed_percent == "62%" and "办结率 62%" in july.sentence()
    assert ledger.outcomes(store, "2026-Q2", today=TODAY).total == 1
    assert ledger.outcomes(store, "2026-Q2", today=TODAY).overdue == 1
    assert ledger.outcomes(store, today=TODAY).total == 9
    assert ledger.outcomes(store, "2025").closed_percent == "0%"


# --- the requests board ------------------------------------------------------------------------

def test_the_board_filters_by_each_thing_the_window_offers(village):
    store, register = village
    meeting = held_meeting(store, register, day="2026-07-10")
    at_meeting = raise_one(store, register, raised_on=None, meeting_id=meeting["id"], deadline="2026-08-10",
                           raised_by_id=register["刘志高"]["id"], category="环境卫生", content="垃圾清运不及时")
    direct = raise_one(store, register, deadline="2026-07-15")
    referred = raise_one(store, register, handling=ledger.REFERRED, department="天门乡民政办", deadline=None,
                         category="民生救助", content="申请临时救助", owner_id=register["曾国华"]["id"])
    board = request_lists.request_board(TODAY)

    def found(text="", **filters):
        extra, params = request_lists.request_filter(today=TODAY, **filters)
        rows = board.fetch(store, text, extra=extra, params=params)
        assert board.count(store, text, extra=extra, params=params) == len(rows)
        return sorted(r["_id"] for r in rows)

    assert found(status=ledger.HANDED_OVER) == [referred["id"]]
    assert found(status=request_lists.OPEN) == sorted([at_meeting["id"], direct["id"], referred["id"]])
    assert found(overdue=True) == [direct["id"]]
    assert found(owner_id=register["曾国华"]["id"]) == [referred["id"]] == found(owner="曾国华")
    assert found(group="第二村民小组") == [at_meeting["id"]]
    assert found(category="民生救助") == [referred["id"]]
    assert found(meeting_id=meeting["id"]) == [at_meeting["id"]]
    assert found(direct=True) == sorted([direct["id"], referred["id"]])
    assert found(handling=ledger.WITH_DEADLINE, period="2026-07") == sorted([at_meeting["id"], direct["id"]])
    assert found("垃圾") == [at_meeting["id"]] == found(at_meeting["code"].lower())
    assert found("lzg") == [at_meeting["id"]]  # 刘志高's initials
    assert found("2026-07-10") == [at_meeting["id"]]
    with pytest.raises(UserError, match="办理状态"):
        request_lists.request_filter(status="已完成")
    row = board.fetch(store, extra="r.id = ?", params=(at_meeting["id"],))[0]
    assert (row["meeting_code"], row["meeting_title"], row["raised_by"]) == (meeting["code"], "杨家湾屋场会", "刘志高")
    assert request_lists.groups(store) == ["第一村民小组", "第二村民小组"]
    assert [(o["owner"], o["open"]) for o in request_lists.owners(store)] == [("张建国", 2), ("曾国华", 1)]


@pytest.mark.slow
def test_the_board_over_twenty_thousand_requests_answers_each_filter_quickly(village):
    store, register = village
    people = [register[n] for n in ("王德明", "刘志高", "杨福生", "曾国华")]
    groups = ("第一村民小组", "第二村民小组", "第三村民小组")
    rows = []
    for n in range(20_000):
        raised = date(2024, 1, 1) + timedelta(days=n % 930)
        status = ledger.STATUSES[n % 4]
        closed = status == ledger.CLOSED
        rows.append({"raised_on": raised.isoformat(), "raised_by_id": people[n % 4]["id"], "raised_by": people[n % 4]["name"],
                     "group_name": groups[n % 3], "meeting_id": None, "category": ledger.CATEGORIES[n % 6],
                     "content": f"第 {n} 件诉求", "handling": ledger.WITH_DEADLINE, "department": "",
                     "owner_id": people[(n + 1) % 4]["id"], "owner": people[(n + 1) % 4]["name"],
                     "deadline": (raised + timedelta(days=30)).isoformat(), "status": status,
                     "result": "办好了" if closed else "", "feedback_on": raised.isoformat() if closed else None,
                     "feedback_how": "电话" if closed else "", "satisfaction": ledger.SATISFIED if closed else None,
                     "closed_on": raised.isoformat() if closed else None, "reopened": 0})
    records.insert_many(store, "requests", rows)
    board = request_lists.request_board(TODAY)
    choices = [{}, {"status": ledger.IN_HAND}, {"status": request_lists.OPEN}, {"overdue": True},
               {"owner_id": people[0]["id"]}, {"owner": people[1]["name"]}, {"group": groups[1]},
               {"category": "矛盾纠纷"}, {"period": "2025-Q3"},
               {"direct": True}, {"handling": ledger.WITH_DEADLINE, "status": ledger.TODO, "group": groups[0]}]
    for filters in choices:
        extra, params = request_lists.request_filter(today=TODAY, **filters)
        total = board.count(store, extra=extra, params=params)
        page = board.fetch(store, extra=extra, params=params, order="raised_on", descending=True, limit=100)
        assert total > 0 and len(page) == min(100, total), filters
