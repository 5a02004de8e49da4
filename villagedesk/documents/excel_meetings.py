"""Excel sheets of the meetings area: 会议记录, 参会人员, 会议决议, 民情诉求.

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

from datetime import date

from villagedesk.core import records
from villagedesk.core.meeting_rules import Attendance, judge
from villagedesk.core.meetings import ABSENT, DRAFT, GUEST, PRESENT, resolution_votes
from villagedesk.core.requests import CLOSED
from villagedesk.documents.excel import Col, SheetSpec

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
        SELECT printf('HY%04d', m.id) AS code, m.kind, m.title, m.meeting_date, m.start_time, m.end_time, m.place,
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
        SELECT printf('HY%04d', m.id) AS meeting_code, m.meeting_date, m.title, a.attendance,
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
    if row["status"] == DRAFT:
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
        SELECT printf('HY%04d', m.id) AS meeting_code, m.meeting_date, m.kind, m.status, s.seq,
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

# --- 民情诉求 -------------------------------------------------------------------------

REQUEST_COLUMNS = (
    Col("诉求编号", "code", width=11),
    Col("提出日期", "raised_on", "date"),
    Col("诉求人", "raised_by", width=10),
    Col("人员编号", "person_code", width=13),
    Col("村民小组", "group_name", width=14),
    Col("会议编号", "meeting_code", width=10),
    Col("类别", "category", width=9),
    Col("诉求内容", "content", width=40),
    Col("办理方式", "handling", width=9),
    Col("转交部门", "department", width=20),
    Col("责任人", "owner", width=10),
    Col("办理期限", "deadline", "date"),
    Col("状态", "status", width=8),
    Col("是否逾期", "overdue", width=9),
    Col("办理结果", "result", width=36),
    Col("反馈日期", "feedback_on", "date"),
    Col("反馈方式", "feedback_how", width=12),
    Col("满意度", "satisfaction", width=9),
    Col("办结日期", "closed_on", "date"),
    Col("重新办理次数", "reopened", "int"),
    Col("唯一标识", "uid", width=38),
    Col("更新时间", "updated_at", "datetime"),
)


def _overdue(today: date | None):
    """The ``derive`` hook of 民情诉求: 是否逾期 on the day of the export."""

    def derive(row: dict) -> dict:
        day = (today or records.today()).isoformat()
        late = row["status"] != CLOSED and bool(row["deadline"]) and row["deadline"] < day
        return {"overdue": "是" if late else "否"}

    return derive


def requests_sheet(today: date | None = None) -> SheetSpec:
    """民情诉求 with 是否逾期 as on ``today`` (default: the day it is written)."""
    return SheetSpec(
        title="民情诉求",
        columns=REQUEST_COLUMNS,
        # In id order: as the requests came in, streamed without sorting.
        sql="""
            SELECT printf('SQ%06d', r.id) AS code, r.raised_on, r.raised_by, p.code AS person_code, r.group_name,
                   CASE WHEN r.meeting_id IS NOT NULL THEN printf('HY%04d', r.meeting_id) END AS meeting_code,
                   r.category, r.content, r.handling, r.department, r.owner, r.deadline, r.status, r.result,
                   r.feedback_on, r.feedback_how, r.satisfaction, r.closed_on, r.reopened, r.uid, r.updated_at
            FROM requests r LEFT JOIN persons p ON p.id = r.raised_by_id
            ORDER BY r.id""",
        count_sql="SELECT count(*) FROM requests",
        derive=_overdue(today),
    )


REQUESTS = requests_sheet()

# In workbook order, after the points sheets.
MEETING_SHEETS: tuple[SheetSpec, ...] = (MEETINGS, ATTENDANCE, RESOLUTIONS, REQUESTS)


def meeting_sheets(today: date | None = None) -> tuple[SheetSpec, ...]:
    """The meetings sheets with 是否逾期 as on ``today``."""
    return (MEETINGS, ATTENDANCE, RESOLUTIONS, requests_sheet(today))


__all__ = ["ATTENDANCE", "ATTENDANCE_COLUMNS", "MEETINGS", "MEETING_COLUMNS", "MEETING_SHEETS", "REQUESTS",
           "REQUEST_COLUMNS", "RESOLUTIONS", "RESOLUTION_COLUMNS", "meeting_sheets", "requests_sheet"]
