"""Meeting minutes, their quorum and majority rules, 四议两公开, the meetings list and the demo's meetings.

Everything goes through core.meetings / core.matters on a real SQLite file.
"""

from __future__ import annotations

from datetime import date

import pytest

from villagedesk import clock
from villagedesk.core.meetings import lists as meeting_lists
from villagedesk.core.meetings import matters
from villagedesk.core.meetings import minutes as meetings
from villagedesk.core.meetings.votes import (
    BRANCH,
    COMMITTEES,
    HOUSE,
    PARTY_MEMBERS,
    REPRESENTATIVES,
    VILLAGERS,
)
from villagedesk.core.register import people
from villagedesk.core.requests import ledger
from villagedesk.errors import UserError
from villagedesk.store.driver import sqlite3

TODAY = date(2026, 7, 20)
# name: (household, 村民小组, 政治面貌); the first of a household is its head.
REGISTER = {
    "张建国": ("HH001", "第一村民小组", "中共党员"), "李秀英": ("HH001", "第一村民小组", "群众"),
    "王德明": ("HH002", "第一村民小组", "中共党员"), "赵桂兰": ("HH002", "第一村民小组", "群众"),
    "刘志高": ("HH003", "第二村民小组", "中共党员"), "陈春莲": ("HH003", "第二村民小组", "中共预备党员"),
    "杨福生": ("HH004", "第二村民小组", "中共党员"), "罗冬梅": ("HH004", "第二村民小组", "群众"),
    "曾国华": ("HH005", "第三村民小组", "中共党员"), "谭玉兰": ("HH005", "第三村民小组", "群众"),
    "彭光荣": ("HH006", "第三村民小组", "中共党员"), "邓菊香": ("HH006", "第三村民小组", "群众"),
}


@pytest.fixture
def today(monkeypatch):
    clock.set(TODAY)
    return TODAY


def make_register(store) -> dict[str, dict]:
    """The households of REGISTER through core.people; returns the persons by name."""
    found, households = {}, {}
    for name, (code, group, political) in REGISTER.items():
        if code not in households:
            households[code] = people.add_household(store, code=code, group_name=group)
            relation = "户主"
        else:
            relation = "配偶"
        found[name] = people.add_person(store, households[code]["id"], name=name, relation=relation,
                                        political=political, birth_date="1970-05-01")
    return found


@pytest.fixture
def register(profiled_store, today):
    return make_register(profiled_store)


def ids(register, *names) -> list[int]:
    return [register[n]["id"] for n in names]


def held_meeting(store, register, *, kind=HOUSE, title="杨家湾屋场会", day="2026-07-10",
                 present=("王德明", "刘志高", "杨福生"), absent=None, guests=(("袁志刚", "天门乡人民政府驻村干部"),),
                 chair="张建国", recorder="曾国华", votes=(4, 0, 1), finalise=True, **values) -> dict:
    """A meeting with attendance, one agenda item and one voted resolution; finalised unless told."""
    meeting = meetings.create_meeting(store, kind=kind, title=title, meeting_date=day, start_time="19:30",
                                      end_time="21:00", place="杨家湾张建国家院坝", chair_id=register[chair]["id"],
                                      recorder_id=register[recorder]["id"], **values)
    meetings.set_attendance(store, meeting["id"], present=ids(register, *present),
                            absent={register[n]["id"]: why for n, why in (absent or {"彭光荣": "外出务工"}).items()},
                            guests=guests)
    item = meetings.save_agenda_item(store, meeting["id"], topic="修缮杨家湾水渠", discussion="大家同意投工投劳。")
    meetings.save_resolution(store, meeting["id"], text="同意本屋场投工投劳修缮水渠", votes=votes,
                             agenda_id=item["id"])
    if finalise:
        meetings.finalise_meeting(store, meeting["id"])
    return meetings.get_meeting(store, meeting["id"])


def count(store, table: str) -> int:
    return store.scalar(f"SELECT count(*) FROM {table}")


@pytest.mark.parametrize("typed, stored", [("9:30", "09:30"), ("09：05", "09:05"), ("9点", "09:00"),
                                           ("21点15分", "21:15"), ("", None)])
def test_times_as_clerks_type_them(typed, stored):
    assert meetings.parse_time(typed) == stored


@pytest.mark.parametrize("values, field, words", [
    ({"kind": "茶话会"}, "kind", "会议类型"),
    ({"title": "  "}, "title", "会议名称"),
    ({"start_time": "21:00", "end_time": "19:30"}, "end_time", "应晚于开始时间"),
    ({"start_time": "19:30", "end_time": "19:30"}, "end_time", "应晚于开始时间"),
    ({"start_time": "25:00"}, "start_time", "24 小时制"),
    ({"meeting_date": "2026-02-30"}, "meeting_date", "会议日期"),
    ({"eligible": "三十"}, "eligible", "整数"),
    ({"eligible_households": 30}, "eligible_households", "只有村民会议"),
])
def test_a_bad_header_is_one_message_and_writes_nothing(register, profiled_store, values, field, words):
    store = profiled_store
    audit = count(store, "audit")
    with pytest.raises(UserError) as err:
        meetings.create_meeting(store, **{"kind": HOUSE, "title": "杨家湾屋场会", **values})
    assert err.value.field == field and words in str(err.value)
    assert count(store, "meetings") == 0 and count(store, "audit") == audit


def test_chair_and_recorder_are_two_people_from_the_register(register, profiled_store):
    with pytest.raises(UserError, match="两个人"):
        meetings.create_meeting(profiled_store, kind=HOUSE, title="屋场会", chair_id=register["张建国"]["id"],
                                recorder_id=register["张建国"]["id"])
    with pytest.raises(UserError, match="村民名册"):
        meetings.create_meeting(profiled_store, kind=HOUSE, title="屋场会", chair_id=9999)


def test_a_draft_is_edited_and_the_chair_and_recorder_count_as_present(register, profiled_store):
    store = profiled_store
    meeting = meetings.create_meeting(store, kind=HOUSE, title="杨家湾屋场会", chair_id=register["张建国"]["id"],
                                      recorder_id=register["曾国华"]["id"])
    assert meeting["status"] == meetings.DRAFT and meeting["code"] == f"HY{meeting['id']:04d}"
    assert meetings.attendance(store, meeting["id"]).present == 2
    changed = meetings.update_meeting(store, meeting["id"], title="杨家湾屋场会（夏季）", end_time="21:00",
                                      start_time="19:30")
    assert (changed["title"], changed["start_time"], changed["end_time"]) == ("杨家湾屋场会（夏季）", "19:30", "21:00")
    assert changed["chair_id"] == register["张建国"]["id"]  # what was not given stays
    counts = meetings.set_attendance(store, meeting["id"], present=ids(register, "王德明"),
                                     absent={register["彭光荣"]["id"]: "生病"}, guests=[("袁志刚", "驻村干部")])
    assert (counts.present, counts.absent, counts.guests) == (3, 1, 1)  # the chair and recorder stay present


def test_attendance_is_replaced_row_by_row(register, profiled_store):
    store = profiled_store
    meeting = held_meeting(store, register, finalise=False)
    before = {r["person_id"]: r["uid"] for r in store.rows("SELECT * FROM meeting_people WHERE meeting_id = ?",
                                                           (meeting["id"],))}
    meetings.set_attendance(store, meeting["id"], present=ids(register, "王德明", "邓菊香"),
                            absent={register["刘志高"]["id"]: "请假"}, guests=[("袁志刚", "天门乡人民政府驻村干部")])
    after = {r["person_id"]: r for r in store.rows("SELECT * FROM meeting_people WHERE meeting_id = ?",
                                                   (meeting["id"],))}
    assert after[register["王德明"]["id"]]["uid"] == before[register["王德明"]["id"]]  # kept, not rewritten
    assert after[register["刘志高"]["id"]]["attendance"] == meetings.ABSENT  # moved to absent
    assert register["杨福生"]["id"] not in after and register["彭光荣"]["id"] not in after
    assert after[register["邓菊香"]["id"]]["group_name"] == "第三村民小组"
    guests = [r for r in after.values() if r["person_id"] is None]
    assert [g["uid"] for g in guests] == [before[None]]  # the same guest, the same row
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'meeting_people' AND action = 'delete'") == 2


@pytest.mark.parametrize("present, absent, message", [
    (("王德明",), {"王德明": "生病"}, "不能同时列为出席和缺席"),
    (("王德明",), {"张建国": "生病"}, "主持人 张建国 不能列为缺席"),
])
def test_contradicting_attendance_is_refused(register, profiled_store, present, absent, message):
    store = profiled_store
    meeting = held_meeting(store, register, finalise=False)
    rows = store.rows("SELECT * FROM meeting_people ORDER BY id")
    with pytest.raises(UserError, match=message):
        meetings.set_attendance(store, meeting["id"], present=ids(register, *present),
                                absent={register[n]["id"]: w for n, w in absent.items()})
    assert store.rows("SELECT * FROM meeting_people ORDER BY id") == rows


def test_an_archived_villager_is_not_added_but_one_already_listed_stays(register, profiled_store):
    store = profiled_store
    meeting = held_meeting(store, register, finalise=False)
    people.archive_person(store, register["邓菊香"]["id"], "迁出")
    with pytest.raises(UserError, match="邓菊香 已归档"):
        meetings.set_attendance(store, meeting["id"], present=ids(register, "邓菊香"))
    people.archive_person(store, register["杨福生"]["id"], "去世")
    counts = meetings.set_attendance(store, meeting["id"], present=ids(register, "王德明", "杨福生"))
    assert counts.present == 4


def test_finalise_freezes_the_party_members_and_locks(register, profiled_store):
    store = profiled_store
    meeting = held_meeting(store, register, kind=PARTY_MEMBERS, title="党员大会", finalise=False)
    final = meetings.finalise_meeting(store, meeting["id"])
    assert final["status"] == meetings.FINAL and final["finalised_by"] == "李文书"
    assert final["eligible"] == 6  # the register's 正式党员; the 预备党员 is not counted
    people.update_person(store, register["李秀英"]["id"], political="中共党员")
    assert meetings.attendance(store, meeting["id"]).eligible == 6  # frozen, whatever the register says now
    record = meetings.minutes(store, meeting["id"])
    assert [p["name"] for p in record.present] == ["张建国", "王德明", "刘志高", "杨福生", "曾国华"]
    verdict = record.resolutions[0].verdict  # 5 of 6 present, 4 of 5 for
    assert (verdict.quorum_met, verdict.passed) == (True, True)
    assert store.scalar("SELECT count(*) FROM audit WHERE action = 'finalise' AND table_name = 'meetings'") == 1


@pytest.mark.parametrize("change, field, words", [
    ({"meeting_date": None}, "meeting_date", "会议日期"),
    ({"meeting_date": "2026-07-21"}, "meeting_date", "还没到"),
    ({"chair_id": None}, "chair", "主持人"),
    ({"recorder_id": None}, "recorder", "记录人"),
])
def test_an_incomplete_meeting_is_not_finalised(register, profiled_store, change, field, words):
    store = profiled_store
    meeting = held_meeting(store, register, finalise=False)
    store.conn.execute(f"UPDATE meetings SET {next(iter(change))} = ? WHERE id = ?",
                       (next(iter(change.values())), meeting["id"]))
    with pytest.raises(UserError) as err:
        meetings.finalise_meeting(store, meeting["id"])
    assert err.value.field == field and words in str(err.value)
    assert meetings.get_meeting(store, meeting["id"])["status"] == meetings.DRAFT


def test_a_party_meeting_counts_only_full_members_as_present(register, profiled_store):
    store = profiled_store
    meeting = held_meeting(store, register, kind=PARTY_MEMBERS, title="党员大会", present=("王德明", "陈春莲", "赵桂兰"),
                           finalise=False)
    with pytest.raises(UserError, match="陈春莲、赵桂兰 不是.*登记为列席"):
        meetings.finalise_meeting(store, meeting["id"])
    meetings.set_attendance(store, meeting["id"], present=ids(register, "王德明"),
                            guests=[("陈春莲", "预备党员"), ("赵桂兰", "群众代表")])
    meetings.save_resolution(store, meeting["id"], text="同意", votes=(3, 0, 0), resolution_id=store.scalar(
        "SELECT id FROM meeting_resolutions WHERE meeting_id = ?", (meeting["id"],)))
    assert meetings.finalise_meeting(store, meeting["id"])["status"] == meetings.FINAL


def test_unknown_fields_are_a_programming_error(register, profiled_store):
    with pytest.raises(TypeError, match="date"):
        meetings.create_meeting(profiled_store, kind=HOUSE, title="屋场会", date="2026-07-01")
    with pytest.raises(TypeError, match="who"):
        ledger.raise_request(profiled_store, who="张三", category="其他", content="x", handling=ledger.ON_THE_SPOT)


def test_finalise_needs_an_attendee_besides_the_chair_and_recorder(register, profiled_store):
    store = profiled_store
    meeting = held_meeting(store, register, votes=(2, 0, 1), finalise=False)
    meetings.set_attendance(store, meeting["id"], present=[])
    with pytest.raises(UserError, match="至少登记一名出席人员"):
        meetings.finalise_meeting(store, meeting["id"])
    meetings.set_attendance(store, meeting["id"], present=ids(register, "赵桂兰"))
    assert meetings.finalise_meeting(store, meeting["id"])["status"] == meetings.FINAL


def test_votes_are_checked_against_those_present(register, profiled_store):
    store = profiled_store
    meeting = held_meeting(store, register, finalise=False)  # five present
    with pytest.raises(UserError, match="票数合计 6 超过了到会人数 5"):
        meetings.save_resolution(store, meeting["id"], text="同意", votes=(4, 1, 1))
    with pytest.raises(UserError, match="票数"):
        meetings.save_resolution(store, meeting["id"], text="同意", votes=(-1, 0, 0))
    # Attendance shrinks after the vote was recorded: finalising catches it.
    meetings.set_attendance(store, meeting["id"], present=ids(register, "王德明"))
    with pytest.raises(UserError, match="第 1 项决议的票数合计 5 超过了到会人数 3"):
        meetings.finalise_meeting(store, meeting["id"])


def test_a_villagers_meeting_counts_adults_and_households_from_the_register(register, profiled_store):
    store = profiled_store
    people.add_person(store, register["张建国"]["household_id"], name="张小宇", relation="子",
                      birth_date="2015-03-01")  # a child: not one of the adults
    meeting = held_meeting(store, register, kind=VILLAGERS, title="村民会议", present=("王德明", "赵桂兰", "刘志高"),
                           finalise=False)
    counts = meetings.attendance(store, meeting["id"])
    assert (counts.eligible, counts.households_eligible) == (12, 6)
    assert (counts.present, counts.households_present) == (5, 4)  # HH001, HH002, HH003 and 曾国华's HH005
    final = meetings.finalise_meeting(store, meeting["id"])
    assert (final["eligible"], final["eligible_households"]) == (12, 6)
    verdict = meetings.minutes(store, meeting["id"]).resolutions[0].verdict
    assert verdict.quorum_met is True  # 5 of 12 adults is too few, but 4 of 6 households is two thirds


def test_more_present_than_eligible_is_refused(register, profiled_store):
    store = profiled_store
    meeting = held_meeting(store, register, kind=REPRESENTATIVES, title="村民代表会议", eligible=4, finalise=False)
    with pytest.raises(UserError, match="实到 5 人超过了应到人数 4"):
        meetings.finalise_meeting(store, meeting["id"])


def test_a_finalised_meeting_refuses_every_edit(register, profiled_store):
    store = profiled_store
    meeting = held_meeting(store, register)
    item = store.row("SELECT * FROM meeting_agenda WHERE meeting_id = ?", (meeting["id"],))
    resolution = store.row("SELECT * FROM meeting_resolutions WHERE meeting_id = ?", (meeting["id"],))
    edits = [
        lambda: meetings.update_meeting(store, meeting["id"], title="改名"),
        lambda: meetings.set_attendance(store, meeting["id"], present=[]),
        lambda: meetings.save_agenda_item(store, meeting["id"], topic="新议题"),
        lambda: meetings.save_agenda_item(store, meeting["id"], topic="改", item_id=item["id"]),
        lambda: meetings.remove_agenda_item(store, item["id"]),
        lambda: meetings.move_agenda_item(store, item["id"], 1),
        lambda: meetings.save_resolution(store, meeting["id"], text="新决议"),
        lambda: meetings.remove_resolution(store, resolution["id"]),
        lambda: meetings.finalise_meeting(store, meeting["id"]),
        lambda: meetings.delete_draft(store, meeting["id"]),
    ]
    snapshot = [store.rows(f"SELECT * FROM {t} ORDER BY id") for t in
                ("meetings", "meeting_people", "meeting_agenda", "meeting_resolutions")]
    for edit in edits:
        with pytest.raises(UserError, match="已于 .* 定稿锁定，不能再修改.*更正说明"):
            edit()
    assert [store.rows(f"SELECT * FROM {t} ORDER BY id") for t in
            ("meetings", "meeting_people", "meeting_agenda", "meeting_resolutions")] == snapshot


@pytest.mark.parametrize("sql", [
    "UPDATE meetings SET title = '改' WHERE id = {id}",
    "DELETE FROM meetings WHERE id = {id}",
    "UPDATE meeting_people SET name = '改' WHERE meeting_id = {id}",
    "DELETE FROM meeting_people WHERE meeting_id = {id}",
    "INSERT INTO meeting_people (uid, created_at, updated_at, meeting_id, attendance, person_id, name) "
    "VALUES ('x', 't', 't', {id}, '列席', NULL, '某人')",
    "UPDATE meeting_agenda SET topic = '改' WHERE meeting_id = {id}",
    "DELETE FROM meeting_resolutions WHERE meeting_id = {id}",
])
def test_the_database_itself_keeps_finalised_minutes(register, profiled_store, sql):
    meeting = held_meeting(profiled_store, register)
    with pytest.raises(sqlite3.IntegrityError, match="never"):
        profiled_store.conn.execute(sql.format(id=meeting["id"]))


def test_amendments_are_appended_to_finalised_minutes_only(register, profiled_store):
    store = profiled_store
    draft = held_meeting(store, register, finalise=False)
    with pytest.raises(UserError, match="还是草稿"):
        meetings.amend_meeting(store, draft["id"], author="曾国华", reason="笔误", text="更正")
    meetings.finalise_meeting(store, draft["id"])
    for values, words in [({"author": ""}, "更正人"), ({"reason": " "}, "更正原因"), ({"text": ""}, "更正内容"),
                          ({"day": "2026-07-09"}, "会议日期"), ({"day": "2026-07-21"}, "今天")]:
        with pytest.raises(UserError, match=words):
            meetings.amend_meeting(store, draft["id"], **{"author": "曾国华", "reason": "笔误", "text": "更正",
                                                          **values})
    assert count(store, "meeting_amendments") == 0
    first = meetings.amend_meeting(store, draft["id"], author="曾国华", reason="记录笔误",
                                   text="“杨家湾”应为“杨家坳”。", day="2026-07-12")
    meetings.amend_meeting(store, draft["id"], author="张建国", reason="补充发言", text="补记王德明的发言。")
    record = meetings.minutes(store, draft["id"])
    assert [(a["amended_on"], a["author"]) for a in record.amendments] == [("2026-07-12", "曾国华"),
                                                                          ("2026-07-20", "张建国")]
    with pytest.raises(sqlite3.IntegrityError, match="never"):
        store.conn.execute("UPDATE meeting_amendments SET text = '改' WHERE id = ?", (first["id"],))
    with pytest.raises(sqlite3.IntegrityError, match="never"):
        store.conn.execute("DELETE FROM meeting_amendments WHERE id = ?", (first["id"],))


def test_agenda_items_are_numbered_moved_and_removed(register, profiled_store):
    store = profiled_store
    meeting = held_meeting(store, register, finalise=False)
    second = meetings.save_agenda_item(store, meeting["id"], topic="通报积分情况")
    third = meetings.save_agenda_item(store, meeting["id"], topic="收集诉求", discussion="提出诉求 3 件。")
    meetings.move_agenda_item(store, third["id"], -2)
    topics = [a["topic"] for a in meetings.minutes(store, meeting["id"]).agenda]
    assert topics == ["收集诉求", "修缮杨家湾水渠", "通报积分情况"]
    first = store.row("SELECT id FROM meeting_agenda WHERE topic = '修缮杨家湾水渠'")["id"]
    with pytest.raises(UserError, match="下还有决议"):
        meetings.remove_agenda_item(store, first)
    meetings.remove_agenda_item(store, second["id"])
    assert [(a["seq"], a["topic"]) for a in meetings.minutes(store, meeting["id"]).agenda] == [
        (1, "收集诉求"), (2, "修缮杨家湾水渠")]
    with pytest.raises(UserError, match="请填写议题"):
        meetings.save_agenda_item(store, meeting["id"], topic="")


def test_a_draft_typed_by_mistake_is_deleted_with_what_hangs_on_it(register, profiled_store, today):
    store = profiled_store
    meeting = held_meeting(store, register, finalise=False)
    request = ledger.raise_request(store, meeting_id=meeting["id"], raised_by_id=register["王德明"]["id"],
                                   category="基础设施", content="修路", handling=ledger.WITH_DEADLINE,
                                   owner_id=register["张建国"]["id"], deadline="2026-08-10")
    with pytest.raises(UserError, match="登记了 1 条民情诉求"):
        meetings.delete_draft(store, meeting["id"])
    store.conn.execute("UPDATE requests SET meeting_id = NULL WHERE id = ?", (request["id"],))
    meetings.delete_draft(store, meeting["id"])
    assert [count(store, t) for t in ("meetings", "meeting_people", "meeting_agenda", "meeting_resolutions")] == [
        0, 0, 0, 0]
    deleted = dict(store.conn.execute("SELECT table_name, count(*) FROM audit WHERE action = 'delete' "
                                      "GROUP BY table_name"))
    assert deleted == {"meetings": 1, "meeting_people": 7, "meeting_agenda": 1, "meeting_resolutions": 1}


def test_meeting_codes_are_found_in_any_spelling(register, profiled_store):
    meeting = held_meeting(profiled_store, register)
    for typed in (f"HY{meeting['id']:04d}", f"hy{meeting['id']}", str(meeting["id"]), f" HY{meeting['id']:06d} "):
        assert meetings.find_meeting(profiled_store, typed)["id"] == meeting["id"]
    for typed in ("HY9999", "SQ000001", "", "abc"):
        with pytest.raises(UserError, match="没有编号为 .* 的会议记录"):
            meetings.find_meeting(profiled_store, typed)


# --- 四议两公开 ---------------------------------------------------------------------------

def four_meetings(store, register) -> list[dict]:
    party = ("王德明", "刘志高", "杨福生", "彭光荣")
    kinds = [(BRANCH, "2026-06-01", party, None), (COMMITTEES, "2026-06-05", party, None),
             (PARTY_MEMBERS, "2026-06-12", party, None), (REPRESENTATIVES, "2026-06-20", party + ("赵桂兰",), None)]
    return [held_meeting(store, register, kind=kind, title=f"{kind}：村道硬化", day=day, present=present,
                         absent={"邓菊香": "外出务工"}, eligible=eligible) for kind, day, present, eligible in kinds]


def test_four_stages_in_order_then_posted_twice(register, profiled_store, today):
    store = profiled_store
    held = four_meetings(store, register)
    matter = matters.create_matter(store, title="杨家湾至大塘冲组级道路硬化")
    state = matters.progress(store, matter["id"])
    assert state.next_step == "党支部提议" and state.done_count == 0
    for stage, meeting in enumerate(held, 1):
        matters.link_stage(store, matter["id"], stage, meeting["id"])
        state = matters.progress(store, matter["id"])
        assert state.done_count == stage
    assert state.next_step == matters.RESOLUTION_POSTING
    with pytest.raises(UserError, match="请先公开决议"):
        matters.post_result(store, matter["id"], result="已完工")
    with pytest.raises(UserError, match="不能早于 2026-06-20"):
        matters.post_resolution(store, matter["id"], day="2026-06-19")
    matters.post_resolution(store, matter["id"], day="2026-06-22")
    assert matters.progress(store, matter["id"]).next_step == matters.RESULT_POSTING
    with pytest.raises(UserError, match="决议已经公开"):
        matters.link_stage(store, matter["id"], 4, held[3]["id"])
    matters.post_result(store, matter["id"], result="道路已完工并通过验收", day="2026-07-15")
    assert matters.progress(store, matter["id"]).finished


@pytest.mark.parametrize("stage, which, message", [
    (2, 1, "先登记“党支部提议”"),
    (1, 1, "应在支委会上进行"),
])
def test_stages_out_of_order_or_of_the_wrong_kind_are_refused(register, profiled_store, today, stage, which,
                                                               message):
    store = profiled_store
    held = four_meetings(store, register)
    matter = matters.create_matter(store, title="村道硬化")
    with pytest.raises(UserError, match=message):
        matters.link_stage(store, matter["id"], stage, held[which]["id"])
    assert matters.progress(store, matter["id"]).done_count == 0


def test_stages_must_be_in_date_order_and_each_a_meeting_of_its_own(register, profiled_store, today):
    store = profiled_store
    held = four_meetings(store, register)
    late_branch = held_meeting(store, register, kind=BRANCH, title="支委会", day="2026-06-08")
    matter = matters.create_matter(store, title="村道硬化")
    matters.link_stage(store, matter["id"], 1, late_branch["id"])
    with pytest.raises(UserError, match="早于“党支部提议”的会议"):
        matters.link_stage(store, matter["id"], 2, held[1]["id"])  # 06-05 before 06-08
    matters.link_stage(store, matter["id"], 1, held[0]["id"])
    matters.link_stage(store, matter["id"], 2, held[1]["id"])
    with pytest.raises(UserError, match="晚于“两委会议商议”的会议"):
        matters.link_stage(store, matter["id"], 1, late_branch["id"])
    draft = held_meeting(store, register, kind=PARTY_MEMBERS, title="党员大会", day="2026-06-12", finalise=False)
    with pytest.raises(UserError, match="还是草稿"):
        matters.link_stage(store, matter["id"], 3, draft["id"])


def test_a_vote_that_failed_holds_the_matter_at_its_stage(register, profiled_store, today):
    store = profiled_store
    held = four_meetings(store, register)
    failed = held_meeting(store, register, kind=PARTY_MEMBERS, title="党员大会", day="2026-06-12",
                          present=("王德明",), absent={"刘志高": "生病", "杨福生": "外出", "彭光荣": "外出"},
                          votes=(3, 0, 0))
    matter = matters.create_matter(store, title="村道硬化")
    matters.link_stage(store, matter["id"], 1, held[0]["id"])
    matters.link_stage(store, matter["id"], 2, held[1]["id"])
    matters.link_stage(store, matter["id"], 3, failed["id"])  # 3 of 6 members: no quorum
    state = matters.progress(store, matter["id"])
    assert [s.state for s in state.stages] == [matters.DONE, matters.DONE, matters.FAILED, matters.WAITING]
    assert state.next_step == "党员大会审议"
    with pytest.raises(UserError, match="四议还没有完成"):
        matters.post_resolution(store, matter["id"])
    matters.link_stage(store, matter["id"], 3, held[2]["id"])  # held again, with a quorum
    assert matters.progress(store, matter["id"]).next_step == "村民（代表）会议决议"
    assert [(m["title"], s.name) for m, s in matters.matters_of_meeting(store, held[2]["id"])] == [
        ("村道硬化", "党员大会审议")]


# --- the meetings list -----------------------------------------------------------------------

def test_the_meetings_list_pages_filters_and_searches_in_sql(register, profiled_store):
    store = profiled_store
    house = held_meeting(store, register, day="2026-05-10")
    party = held_meeting(store, register, kind=PARTY_MEMBERS, title="第二季度党员大会", day="2026-06-20")
    draft = held_meeting(store, register, title="石板桥屋场会", day="2026-07-15", finalise=False)
    query = meeting_lists.MEETINGS
    rows = query.fetch(store, order="meeting_date", descending=True)
    assert [r["code"] for r in rows] == [draft["code"], party["code"], house["code"]]
    assert (rows[1]["present"], rows[1]["absent"], rows[1]["guests"], rows[1]["resolutions"]) == (5, 1, 1, 1)
    assert rows[1]["chair_name"] == "张建国" and rows[1]["status"] == meetings.FINAL

    def codes(**filters):
        extra, params = meeting_lists.meeting_filter(**filters)
        found = query.fetch(store, extra=extra, params=params)
        assert query.count(store, extra=extra, params=params) == len(found)
        return [r["code"] for r in found]

    assert codes(kind=PARTY_MEMBERS) == [party["code"]]
    assert codes(status=meetings.DRAFT) == [draft["code"]]
    assert codes(period="2026-Q2") == [house["code"], party["code"]]
    assert codes(period="2026-07") == [draft["code"]]
    assert codes(place="杨家湾") == [house["code"], party["code"], draft["code"]]
    assert codes(person_id=register["杨福生"]["id"]) == [house["code"], party["code"], draft["code"]]
    assert codes(person_id=register["彭光荣"]["id"]) == []  # absent from all three
    assert [r["code"] for r in query.fetch(store, "石板桥")] == [draft["code"]]
    assert [r["code"] for r in query.fetch(store, party["code"].lower())] == [party["code"]]
    assert [r["code"] for r in query.fetch(store, "2026-06")] == [party["code"]]
    assert query.fetch(store, limit=1, offset=1, order="meeting_date")[0]["code"] == party["code"]


# --- the demo village's meetings --------------------------------------------------------------

DEMO_TODAY = date(2026, 6, 30)
EARLIER_TABLES = ("village", "households", "persons", "terms", "posts", "trainings", "appraisals", "point_rules",
                  "point_entries", "point_periods", "point_objections", "shop_goods", "redemptions")
MEETING_TABLES = ("meetings", "meeting_people", "meeting_agenda", "meeting_resolutions", "meeting_amendments",
                  "matters", "requests", "request_log")


def _fingerprint(store) -> dict:
    """What the earlier steps wrote, in a few numbers per table (and their audit rows)."""
    found = {t: store.row(f"SELECT count(*) AS n, total(id) AS ids, max(updated_at) AS latest FROM {t}")
             for t in EARLIER_TABLES}
    found["audit"] = store.rows("SELECT table_name, action, count(*) AS n FROM audit WHERE table_name IN "
                                f"({', '.join('?' * len(EARLIER_TABLES))}) GROUP BY 1, 2 ORDER BY 1, 2",
                                EARLIER_TABLES)
    return found


@pytest.fixture(scope="module")
def demo_village(tmp_path_factory):
    """The small demo, with what the earlier steps wrote taken just before and after the meetings step."""
    from villagedesk.demo import village as demo
    from villagedesk.store import open_store

    watched, original = [], demo.build_meetings  # the meetings step, as the demo's step list calls it

    def watching(d):
        watched.append(_fingerprint(d.store))
        original(d)
        watched.append(_fingerprint(d.store))

    patch = pytest.MonkeyPatch()
    patch.setattr(demo, "build_meetings", watching)
    try:
        with open_store(tmp_path_factory.mktemp("demo") / "demo.sqlite3") as store:
            counts = demo.build_demo(store, size="small", seed=1, today=DEMO_TODAY)
            patch.undo()
            yield store, counts, watched
    finally:
        patch.undo()


@pytest.mark.slow
def test_the_meetings_step_follows_the_points_and_leaves_earlier_steps_alone(demo_village):
    from villagedesk.demo import village as demo

    _store, counts, watched = demo_village
    names = [s.name for s in demo.STEPS]
    assert names.index("meetings") > names.index("points") > names.index("committee")  # it reads both
    assert len(watched) == 2 and watched[0] == watched[1]
    assert counts["meetings"] > 200 and counts["requests"] > 800


@pytest.mark.slow
def test_two_years_of_every_kind_of_meeting(demo_village):
    store, counts, _ = demo_village
    kinds = dict(store.conn.execute("SELECT kind, count(*) FROM meetings GROUP BY kind"))
    assert set(kinds) == {HOUSE, COMMITTEES, PARTY_MEMBERS, REPRESENTATIVES, VILLAGERS, BRANCH}
    months = store.scalar(f"SELECT count(DISTINCT substr(meeting_date, 1, 7)) FROM meetings WHERE kind = '{COMMITTEES}' "
                          "AND title LIKE '%月两委联席会议'")
    assert months == kinds[COMMITTEES] - 2 >= 23  # monthly, and two more for the 四议两公开 matters
    groups = {r[0] for r in store.conn.execute(
        "SELECT DISTINCT a.group_name FROM meetings m JOIN meeting_people a ON a.meeting_id = m.id "
        f"WHERE m.kind = '{HOUSE}' AND a.person_id NOT IN (m.chair_id, m.recorder_id)")}
    assert groups == {r[0] for r in store.conn.execute("SELECT DISTINCT group_name FROM households")}
    assert store.scalar("SELECT min(meeting_date) FROM meetings") >= "2024-06-30"
    assert store.scalar("SELECT max(meeting_date) FROM meetings") <= DEMO_TODAY.isoformat()
    # Only the last ten days' minutes, and the latest ones, wait to be finalised.
    latest = store.scalar("SELECT max(meeting_date) FROM meetings")
    drafts = [r[0] for r in store.conn.execute("SELECT meeting_date FROM meetings WHERE status = ?", (meetings.DRAFT,))]
    assert drafts and all(day > "2026-06-20" or day == latest for day in drafts)
    assert counts["meetings_final"] == store.scalar("SELECT count(*) FROM meetings WHERE status = ?",
                                                    (meetings.FINAL,))
    assert counts["amendments"] == count(store, "meeting_amendments") > 0


@pytest.mark.slow
def test_finalised_demo_minutes_meet_what_finalising_demands(demo_village):
    store, _, _ = demo_village
    for m in store.rows("SELECT * FROM meetings WHERE status = ?", (meetings.FINAL,)):
        listed = {r["person_id"]: r["attendance"] for r in store.rows(
            "SELECT person_id, attendance FROM meeting_people WHERE meeting_id = ? AND person_id IS NOT NULL",
            (m["id"],))}
        assert listed[m["chair_id"]] == listed[m["recorder_id"]] == meetings.PRESENT, m["id"]
        others = [i for i, a in listed.items() if a == meetings.PRESENT and i not in (m["chair_id"], m["recorder_id"])]
        assert others, m["id"]
        if m["kind"] == PARTY_MEMBERS:
            assert store.scalar("SELECT count(*) FROM meeting_people a JOIN persons p ON p.id = a.person_id WHERE "
                                "a.meeting_id = ? AND a.attendance = '出席' AND p.political != '中共党员'",
                                (m["id"],)) == 0
        counts = meetings.attendance(store, m["id"])
        assert counts.eligible is None or counts.present <= counts.eligible or m["kind"] == VILLAGERS, m["id"]
        assert store.scalar("SELECT coalesce(max(votes_for + votes_against + votes_abstain), 0) FROM "
                            "meeting_resolutions WHERE meeting_id = ?", (m["id"],)) <= counts.present
        assert m["meeting_date"] <= m["finalised_at"][:10] <= DEMO_TODAY.isoformat()


@pytest.mark.slow
def test_house_meetings_agree_with_the_points_ledger(demo_village):
    store, _, _ = demo_village
    credited = {(r["note"], r["entry_date"], r["household_id"]) for r in store.rows(
        "SELECT e.note, e.entry_date, e.household_id FROM point_entries e JOIN point_rules r ON r.id = e.rule_id "
        "WHERE r.item = '参加屋场会、村民会议' AND e.status != 'rejected' AND e.reverses_id IS NULL "
        "AND e.note LIKE '%屋场会'")}
    listed = {(m["title"], m["meeting_date"], m["household_id"]) for m in store.rows(
        "SELECT m.title, m.meeting_date, p.household_id FROM meetings m JOIN meeting_people a ON a.meeting_id = m.id "
        f"JOIN persons p ON p.id = a.person_id WHERE m.kind = '{HOUSE}' "
        "AND a.person_id NOT IN (m.chair_id, m.recorder_id)")}
    assert credited and listed <= credited
    assert len(listed) >= 0.95 * len(credited)  # a household without an adult at home sends nobody


@pytest.mark.slow
def test_demo_requests_run_their_whole_course(demo_village):
    store, counts, _ = demo_village
    statuses = dict(store.conn.execute("SELECT status, count(*) FROM requests GROUP BY status"))
    assert set(statuses) == set(ledger.STATUSES)
    handling = dict(store.conn.execute("SELECT handling, count(*) FROM requests GROUP BY handling"))
    assert set(handling) == set(ledger.HANDLINGS)
    outcome = ledger.outcomes(store, today=DEMO_TODAY)
    assert 0.6 < outcome.closed_share < 0.97 and outcome.overdue == counts["requests_overdue"] > 0
    assert outcome.reopened > 0 and store.scalar("SELECT count(*) FROM requests WHERE meeting_id IS NULL") > 20
    # Raised at a meeting: on its day, by someone who was there.
    assert store.scalar("SELECT count(*) FROM requests r JOIN meetings m ON m.id = r.meeting_id "
                        "WHERE r.raised_on != m.meeting_date") == 0
    assert store.scalar("SELECT count(*) FROM requests r WHERE r.meeting_id IS NOT NULL AND NOT EXISTS "
                        "(SELECT 1 FROM meeting_people a WHERE a.meeting_id = r.meeting_id "
                        "AND a.person_id = r.raised_by_id AND a.attendance = '出席')") == 0
    # The log ends where the request stands, and nothing happens after the demo's today.
    last = store.rows("SELECT r.status, (SELECT l.status FROM request_log l WHERE l.request_id = r.id "
                      "ORDER BY l.day DESC, l.id DESC LIMIT 1) AS logged FROM requests r WHERE r.status != '待办'")
    assert all(r["status"] == r["logged"] for r in last)
    assert store.scalar("SELECT max(day) FROM request_log") <= DEMO_TODAY.isoformat()
    assert store.scalar("SELECT count(*) FROM requests WHERE status = '待办' AND EXISTS "
                        "(SELECT 1 FROM request_log l WHERE l.request_id = requests.id)") == 0


@pytest.mark.slow
def test_one_matter_done_and_posted_one_under_way(demo_village):
    store, counts, _ = demo_village
    progress = matters.all_matters(store)
    assert counts["matters"] == len(progress) == 2
    under_way, finished = progress
    assert finished.finished and finished.matter["result_posted_on"] <= DEMO_TODAY.isoformat()
    assert under_way.done_count == 2 and under_way.next_step == "党员大会审议"


@pytest.mark.slow
def test_every_demo_row_is_audited(demo_village):
    store, _, _ = demo_village
    inserted = dict(store.conn.execute(
        "SELECT table_name, count(*) FROM audit WHERE action = 'insert' GROUP BY table_name"))
    for table in MEETING_TABLES:
        assert inserted.get(table, 0) == count(store, table), table
    finalised = store.scalar("SELECT count(*) FROM audit WHERE table_name = 'meetings' AND action = 'finalise'")
    assert finalised == store.scalar("SELECT count(*) FROM meetings WHERE status = ?", (meetings.FINAL,))


@pytest.mark.slow
def test_the_demo_puts_back_every_index_and_trigger_it_set_aside(demo_village, tmp_path):
    from villagedesk.store import open_store

    store, _, _ = demo_village
    marks = ", ".join("?" * len(MEETING_TABLES))
    schema = f"SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ({marks}) ORDER BY type, name"
    with open_store(tmp_path / "fresh.sqlite3") as fresh:
        assert store.rows(schema, MEETING_TABLES) == fresh.rows(schema, MEETING_TABLES)
    assert any(r["type"] == "trigger" for r in store.rows(schema, MEETING_TABLES))


def test_the_demo_refuses_a_database_with_requests_of_its_own(profiled_store, today):
    from villagedesk.demo import village as demo

    ledger.raise_request(profiled_store, raised_by="周先生", raised_on="2026-07-01", category="其他", content="问路",
                         handling=ledger.ON_THE_SPOT, result="当场指路", satisfaction=ledger.SATISFIED)
    with pytest.raises(UserError, match="已有数据"):
        demo.build_demo(profiled_store, today=TODAY)
    assert count(profiled_store, "households") == 0 and count(profiled_store, "requests") == 1


def test_a_party_vote_is_counted_against_all_full_members_who_should_attend(register, profiled_store, today):
    # 6 正式党员 in the register (陈春莲 is 预备党员, no vote); 4 came and 3 voted yes: a majority of
    # those present, but not more than half of the 6 who should attend (支部工作条例 Art. 11).
    store = profiled_store
    held = four_meetings(store, register)
    short = held_meeting(store, register, kind=PARTY_MEMBERS, title="党员大会", day="2026-06-12",
                         present=("王德明", "刘志高"), absent={"杨福生": "外出", "彭光荣": "外出"},
                         guests=(("陈春莲", "预备党员"),), votes=(3, 1, 0))
    verdict = meetings.minutes(store, short["id"]).resolutions[0].verdict
    assert (short["eligible"], verdict.quorum_met, verdict.passed) == (6, True, False)
    assert "赞成票未超过应到会有表决权党员（6 人）的一半" in verdict.vote_text
    matter = matters.create_matter(store, title="村道硬化")
    matters.link_stage(store, matter["id"], 1, held[0]["id"])
    matters.link_stage(store, matter["id"], 2, held[1]["id"])
    matters.link_stage(store, matter["id"], 3, short["id"])
    assert matters.progress(store, matter["id"]).stages[2].state == matters.FAILED


def test_finalising_is_asked_before_it_is_confirmed(register, profiled_store):
    # The window asks core first and offers 定稿 only when it would lock the minutes.
    store = profiled_store
    meeting = held_meeting(store, register, kind=PARTY_MEMBERS, title="党员大会", present=("王德明", "陈春莲"),
                           finalise=False, votes=(3, 0, 0))
    assert not meetings.can_finalise(store, meeting["id"])
    with pytest.raises(UserError, match="陈春莲 不是") as refused:
        meetings.check_finalise(store, meeting["id"])
    assert refused.value.field == "attendees"
    before = store.rows("SELECT * FROM meetings")
    with pytest.raises(UserError, match="陈春莲 不是"):
        meetings.finalise_meeting(store, meeting["id"])
    assert store.rows("SELECT * FROM meetings") == before
    meetings.set_attendance(store, meeting["id"], present=ids(register, "王德明", "刘志高"),
                            guests=[("陈春莲", "预备党员")])
    assert meetings.can_finalise(store, meeting["id"])
    final = meetings.finalise_meeting(store, meeting["id"])
    assert final["status"] == meetings.FINAL and not meetings.can_finalise(store, meeting["id"])


@pytest.mark.slow
def test_the_demo_party_meetings_are_judged_against_all_full_members(demo_village):
    store, _, _ = demo_village
    party = store.rows("SELECT id FROM meetings WHERE kind = ? AND status = ?", (PARTY_MEMBERS, meetings.FINAL))
    assert party
    for m in party:
        record = meetings.minutes(store, m["id"])
        for resolution in record.resolutions:
            row, verdict = resolution.row, resolution.verdict
            if row["voted"]:
                assert not verdict.impossible
                assert verdict.passed == (verdict.quorum_met is True
                                          and row["votes_for"] * 2 > record.attendance.eligible), m["id"]
    done = matters.progress(store, store.scalar("SELECT min(id) FROM matters"))
    assert all(s.state == matters.DONE for s in done.stages)
