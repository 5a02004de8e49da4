"""The meetings sheets of the Excel export, reopened with openpyxl as the township will."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import load_workbook

from tests.core.meetings.test_minutes import TODAY, held_meeting, make_register
from villagedesk import clock
from villagedesk.core.meetings import minutes as meetings
from villagedesk.core.meetings.votes import PARTY_MEMBERS, VILLAGERS
from villagedesk.core.requests import ledger
from villagedesk.documents.excel import meetings as excel_meetings
from villagedesk.documents.excel import requests as excel_requests
from villagedesk.documents.excel import workbook as excel

MEETING_HEADERS = ["会议编号", "会议类型", "会议名称", "会议日期", "开始时间", "结束时间", "地点", "主持人", "记录人",
                   "应到人数", "出席人数", "缺席人数", "列席人数", "应到户数", "到会户数", "议题", "决议数", "诉求数",
                   "状态", "定稿时间", "定稿人", "更正次数", "备注", "唯一标识", "更新时间"]
ATTENDANCE_HEADERS = ["会议编号", "会议日期", "会议名称", "出席情况", "人员编号", "姓名", "户编号", "村民小组", "说明",
                      "唯一标识", "更新时间", "会议唯一标识"]
RESOLUTION_HEADERS = ["会议编号", "会议日期", "会议类型", "序号", "议题", "决议内容", "是否表决", "赞成", "反对", "弃权",
                      "应到人数", "出席人数", "是否达到法定人数", "表决结果", "唯一标识", "更新时间", "会议唯一标识"]
REQUEST_HEADERS = ["诉求编号", "提出日期", "诉求人", "人员编号", "村民小组", "会议编号", "类别", "诉求内容", "办理方式",
                   "转交部门", "责任人", "办理期限", "状态", "是否逾期", "办理结果", "反馈日期", "反馈方式", "满意度",
                   "办结日期", "重新办理次数", "唯一标识", "更新时间"]
SHEETS = {"会议记录": MEETING_HEADERS, "参会人员": ATTENDANCE_HEADERS, "会议决议": RESOLUTION_HEADERS,
          "民情诉求": REQUEST_HEADERS}


@pytest.fixture
def village(profiled_store, monkeypatch):
    clock.set(TODAY)
    store = profiled_store
    register = make_register(store)
    party = held_meeting(store, register, kind=PARTY_MEMBERS, title="第三季度党员大会", day="2026-07-01")
    assembly = held_meeting(store, register, kind=VILLAGERS, title="村民会议", day="2026-07-05",
                            present=("王德明", "赵桂兰", "刘志高"))
    draft = held_meeting(store, register, title="石板桥屋场会", day="2026-07-18", finalise=False)
    meetings.amend_meeting(store, party["id"], author="曾国华", reason="笔误", text="更正一处地名。")
    late = ledger.raise_request(store, meeting_id=draft["id"], raised_by_id=register["王德明"]["id"], category="基础设施",
                                content="石板桥路灯不亮", handling=ledger.WITH_DEADLINE,
                                owner_id=register["张建国"]["id"], deadline="2026-07-19")
    closed = ledger.raise_request(store, raised_on="2026-07-02", raised_by="外村 周先生", category="政策咨询",
                                  content="咨询建房审批", handling=ledger.ON_THE_SPOT, result="讲解了审批流程",
                                  satisfaction=ledger.SATISFIED)
    return store, {"party": party, "assembly": assembly, "draft": draft, "late": late, "closed": closed}


def by_header(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_the_meetings_sheets_have_pinned_headers_and_one_row_per_record(village, tmp_path):
    store, made = village
    out = tmp_path / "会议.xlsx"
    counts = excel.export_workbook(store, out, sheets=(*excel_meetings.meeting_sheets(), *excel_requests.request_sheets(TODAY)))
    assert counts == {"会议记录": 3, "参会人员": 21, "会议决议": 3, "民情诉求": 2}
    assert [s.title for s in (*excel_meetings.MEETING_SHEETS, *excel_requests.request_sheets())] == list(SHEETS)
    wb = load_workbook(out)
    assert wb.sheetnames == list(SHEETS)
    for title, headers in SHEETS.items():
        ws = wb[title]
        assert [c.value for c in ws[1]] == headers, title
        assert ws.freeze_panes == "A2"

    rows = by_header(wb["会议记录"])
    assert [r["会议编号"] for r in rows] == [made["party"]["code"], made["assembly"]["code"], made["draft"]["code"]]
    party = rows[0]
    assert party["会议日期"] == datetime(2026, 7, 1) and party["开始时间"] == "19:30"
    assert (party["应到人数"], party["出席人数"], party["缺席人数"], party["列席人数"]) == (6, 5, 1, 1)
    assert (party["议题"], party["决议数"], party["状态"], party["更正次数"]) == ("1. 修缮杨家湾水渠", 1, "已定稿", 1)
    assert isinstance(party["定稿时间"], datetime) and party["定稿人"] == "李文书"
    assert (rows[1]["应到户数"], rows[1]["到会户数"]) == (6, 4)
    assert rows[2]["状态"] == "草稿" and rows[2]["应到人数"] is None and rows[2]["诉求数"] == 1


def test_attendance_and_resolutions_name_their_meeting(village, tmp_path):
    store, made = village
    out = tmp_path / "会议.xlsx"
    excel.export_workbook(store, out, sheets=excel_meetings.MEETING_SHEETS)
    wb = load_workbook(out)
    people = [r for r in by_header(wb["参会人员"]) if r["会议编号"] == made["party"]["code"]]
    assert [r["出席情况"] for r in people] == ["出席"] * 5 + ["缺席", "列席"]
    absent = people[5]
    assert (absent["姓名"], absent["人员编号"], absent["户编号"], absent["村民小组"], absent["说明"]) == (
        "彭光荣", "HH006-P01", "HH006", "第三村民小组", "外出务工")
    guest = people[6]
    assert (guest["姓名"], guest["人员编号"], guest["说明"]) == ("袁志刚", None, "天门乡人民政府驻村干部")
    meeting_uid = store.scalar("SELECT uid FROM meetings WHERE id = ?", (made["party"]["id"],))
    assert {r["会议唯一标识"] for r in people} == {meeting_uid}

    resolutions = {r["会议编号"]: r for r in by_header(wb["会议决议"])}
    party = resolutions[made["party"]["code"]]
    assert (party["是否表决"], party["赞成"], party["反对"], party["弃权"]) == ("是", 4, 0, 1)
    assert (party["应到人数"], party["出席人数"], party["是否达到法定人数"], party["表决结果"]) == (6, 5, "是", "通过")
    assert party["议题"] == "修缮杨家湾水渠"
    # 5 of 12 adults, but 4 of 6 households: the 村民会议 had its quorum.
    assert resolutions[made["assembly"]["code"]]["是否达到法定人数"] == "是"
    draft = resolutions[made["draft"]["code"]]
    assert (draft["是否达到法定人数"], draft["表决结果"]) == ("待定稿", "待定稿")


def test_requests_say_whether_they_are_overdue_on_the_day_of_the_export(village, tmp_path):
    store, made = village
    out = tmp_path / "会议.xlsx"
    excel.export_workbook(store, out, sheets=(*excel_meetings.meeting_sheets(), *excel_requests.request_sheets(TODAY)))
    rows = {r["诉求编号"]: r for r in by_header(load_workbook(out)["民情诉求"])}
    late, closed = rows[made["late"]["code"]], rows[made["closed"]["code"]]
    assert (late["是否逾期"], late["状态"], late["会议编号"], late["人员编号"]) == (
        "是", "待办", made["draft"]["code"], "HH002-P01")
    assert late["办理期限"] == datetime(2026, 7, 19) and late["重新办理次数"] == 0
    assert (closed["是否逾期"], closed["会议编号"], closed["诉求人"], closed["满意度"]) == ("否", None, "外村 周先生", "满意")
    assert closed["办结日期"] == datetime(2026, 7, 2) and closed["反馈方式"] == ledger.ON_THE_SPOT_FEEDBACK
    earlier = tmp_path / "早.xlsx"
    excel.export_workbook(store, earlier, sheets=(*excel_meetings.meeting_sheets(), *excel_requests.request_sheets(TODAY.replace(day=19))))
    rows = {r["诉求编号"]: r for r in by_header(load_workbook(earlier)["民情诉求"])}
    assert rows[made["late"]["code"]]["是否逾期"] == "否"  # due that very day
