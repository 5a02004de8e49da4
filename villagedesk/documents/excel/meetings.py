"""Excel sheets of the meetings area: 会议记录, 参会人员, 会议决议.

One row per meeting, per person at a meeting (present, absent or guest), per
resolution and per request.  Meetings are keyed by 会议编号 (HY0001) and requests
by 诉求编号 (SQ000001), the codes the printouts use; the rows of 参会人员 and
会议决议 name their meeting's code and uid, so a township can join them.

应到人数 is the figure frozen when the minutes were finalised; for a draft it is
blank and its quorum and results read 待定稿.  Whether a request is overdue is as
on the day the workbook is written.

Headers are a contract (see ``excel``): never renamed or moved, new columns go
at the end.
"""

from __future__ import annotations

from villagedesk.core.common import codes
from villagedesk.core.meetings.minutes import ABSENT, GUEST, PRESENT, MeetingStatus, resolution_votes
from villagedesk.core.meetings.votes import Attendance, judge
from villagedesk.documents.excel.spec import Col, SheetSpec

PENDING_FINAL = "待定稿"
NOT_APPLICABLE = "不适用"
# Meetings in date order, drafts without a date last; their rows follow the same order.
_MEETING_ORDER = "coalesce(m.meeting_date, '9999-12-31'), m.id"


def _count(attendance: str) -> str:
    return f"(SELECT count(*) FROM meeting_people a WHERE a.meeting_id = m.id AND a.attendance = '{attendance}')"


_HOUSEHOLDS_PRESENT = (f"(SELECT count(DISTINCT p.household_id) FROM meeting_people a JOIN persons p "
                       f"ON p.id = a.person_id WHERE a.meeting_id = m.id AND a.attendance = '{PRESENT}')")

# --- 会议记录 -------------------------------------------------------------------------

MEETING_COLUMNS = (
    Col("会议编号", "code", width=10),
    Col("会议类型", "kind", width=13),
    Col("会议名称", "title", width=30),
    Col("会议日期", "meeting_date", "date"),
    Col("开始时间", "start_time", width=9),
    Col("结束时间", "end_time", width=9),
    Col("地点", "place", width=22),
    Col("主持人", "chair", width=10),
    Col("记录人", "recorder", width=10),
    Col("应到人数", "eligible", "int"),
    Col("出席人数", "present", "int"),
    Col("缺席人数", "absent", "int"),
    Col("列席人数", "guests", "int"),
    Col("应到户数", "eligible_households", "int"),
    Col("到会户数", "households_present", "int"),
    Col("议题", "topics", width=40),
    Col("决议数", "resolutions", "int", width=8),
    Col("诉求数", "requests", "int", width=8),
    Col("状态", "status", width=8),
    Col("定稿时间", "finalised_at", "datetime"),
    Col("定稿人", "finalised_by", width=10),
    Col("更正次数", "amendments", "int"),
    Col("备注", "note", width=20),
    Col("唯一标识", "uid", width=38),
    Col("更新时间", "updated_at", "datetime"),
)

MEETINGS = SheetSpec(
    title="会议记录",
    columns=MEETING_COLUMNS,
    sql=f"""
        SELECT {codes.MEETING.sql("m.id")} AS code, m.kind, m.title, m.meeting_date, m.start_time, m.end_time, m.place,
               c.name AS chair, r.name AS recorder, m.eligible, {_count(PRESENT)} AS present,
               {_count(ABSENT)} AS absent, {_count(GUEST)} AS guests, m.eligible_households,
               CASE WHEN m.eligible_households IS NOT NULL THEN {_HOUSEHOLDS_PRESENT} END AS households_present,
               (SELECT group_concat(g.seq || '. ' || g.topic, '；') FROM
                   (SELECT seq, topic FROM meeting_agenda WHERE meeting_id = m.id ORDER BY seq) g) AS topics,
               (SELECT count(*) FROM meeting_resolutions s WHERE s.meeting_id = m.id) AS resolutions,
               (SELECT count(*) FROM requests q WHERE q.meeting_id = m.id) AS requests,
               m.status, m.finalised_at, m.finalised_by,
               (SELECT count(*) FROM meeting_amendments x WHERE x.meeting_id = m.id) AS amendments,
               m.note, m.uid, m.updated_at
        FROM meetings m LEFT JOIN persons c ON c.id = m.chair_id LEFT JOIN persons r ON r.id = m.recorder_id
        ORDER BY {_MEETING_ORDER}""",
    count_sql="SELECT count(*) FROM meetings",
)

# --- 参会人员 -------------------------------------------------------------------------

ATTENDANCE_COLUMNS = (
    Col("会议编号", "meeting_code", width=10),
    Col("会议日期", "meeting_date", "date"),
    Col("会议名称", "title", width=30),
    Col("出席情况", "attendance", width=9),
    Col("人员编号", "person_code", width=13),
    Col("姓名", "name", width=10),
    Col("户编号", "household_code", width=10),
    Col("村民小组", "group_name", width=14),
    Col("说明", "note", width=24),
    Col("唯一标识", "uid", width=38),
    Col("更新时间", "updated_at", "datetime"),
    Col("会议唯一标识", "meeting_uid", width=38),
)

ATTENDANCE = SheetSpec(
    title="参会人员",
    columns=ATTENDANCE_COLUMNS,
    sql=f"""
        SELECT {codes.MEETING.sql("m.id")} AS meeting_code, m.meeting_date, m.title, a.attendance,
               p.code AS person_code, a.name, h.code AS household_code, a.group_name, a.note, a.uid, a.updated_at,
               m.uid AS meeting_uid
        FROM meeting_people a JOIN meetings m ON m.id = a.meeting_id LEFT JOIN persons p ON p.id = a.person_id
        LEFT JOIN households h ON h.id = p.household_id
        ORDER BY {_MEETING_ORDER},
                 CASE a.attendance WHEN '{PRESENT}' THEN 0 WHEN '{ABSENT}' THEN 1 ELSE 2 END, a.id""",
    count_sql="SELECT count(*) FROM meeting_people",
)

# --- 会议决议 -------------------------------------------------------------------------

RESOLUTION_COLUMNS = (
    Col("会议编号", "meeting_code", width=10),
    Col("会议日期", "meeting_date", "date"),
    Col("会议类型", "kind", width=13),
    Col("序号", "seq", "int", width=6),
    Col("议题", "topic", width=30),
    Col("决议内容", "text", width=40),
    Col("是否表决", "voted_label", width=9),
    Col("赞成", "votes_for", "int", width=7),
    Col("反对", "votes_against", "int", width=7),
    Col("弃权", "votes_abstain", "int", width=7),
    Col("应到人数", "eligible", "int"),
    Col("出席人数", "present", "int"),
    Col("是否达到法定人数", "quorum", width=17),
    Col("表决结果", "result", width=9),
    Col("唯一标识", "uid", width=38),
    Col("更新时间", "updated_at", "datetime"),
    Col("会议唯一标识", "meeting_uid", width=38),
)


def _judged(row: dict) -> dict:
    """The ``derive`` hook of 会议决议: quorum and result under the kind's rules (meeting_rules)."""
    label = "是" if row["voted"] else "否"
    if row["status"] == MeetingStatus.DRAFT:
        return {"voted_label": label, "quorum": PENDING_FINAL, "result": PENDING_FINAL}
    counts = Attendance(row["present"], eligible=row["eligible"], households_present=row["households_present"],
                        households_eligible=row["eligible_households"])
    verdict = judge(row["kind"], counts, resolution_votes(row))
    quorum = NOT_APPLICABLE if verdict.quorum_met is None else ("是" if verdict.quorum_met else "否")
    return {"voted_label": label, "quorum": quorum, "result": verdict.label}


RESOLUTIONS = SheetSpec(
    title="会议决议",
    columns=RESOLUTION_COLUMNS,
    sql=f"""
        SELECT {codes.MEETING.sql("m.id")} AS meeting_code, m.meeting_date, m.kind, m.status, s.seq,
               g.topic, s.text, s.voted, s.votes_for, s.votes_against, s.votes_abstain, m.eligible,
               {_count(PRESENT)} AS present, m.eligible_households,
               CASE WHEN m.eligible_households IS NOT NULL THEN {_HOUSEHOLDS_PRESENT} END AS households_present,
               s.uid, s.updated_at, m.uid AS meeting_uid
        FROM meeting_resolutions s JOIN meetings m ON m.id = s.meeting_id
        LEFT JOIN meeting_agenda g ON g.id = s.agenda_id
        ORDER BY {_MEETING_ORDER}, s.seq""",
    count_sql="SELECT count(*) FROM meeting_resolutions",
    derive=_judged,
)


# In workbook order, after the points sheets.
MEETING_SHEETS: tuple[SheetSpec, ...] = (MEETINGS, ATTENDANCE, RESOLUTIONS)


def meeting_sheets() -> tuple[SheetSpec, ...]:
    """The meetings sheets, in workbook order."""
    return MEETING_SHEETS


__all__ = ["ATTENDANCE", "ATTENDANCE_COLUMNS", "MEETINGS", "MEETING_COLUMNS", "MEETING_SHEETS", "RESOLUTIONS",
           "RESOLUTION_COLUMNS", "meeting_sheets"]
