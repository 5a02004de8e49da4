"""Excel sheet of the requests ledger: 民情诉求, one row per request.

Requests are keyed by 诉求编号 (SQ000001), the code the printouts use, and name
the meeting they were raised at by its 会议编号.  Whether a request is overdue is
as on the day the workbook is written.

Headers are a contract (see ``spec.py``): never renamed or moved, new columns go
at the end.
"""

from __future__ import annotations

from datetime import date

from villagedesk import clock
from villagedesk.core.common import codes
from villagedesk.core.requests.ledger import RequestStatus
from villagedesk.documents.excel.spec import Col, SheetSpec

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
        day = (today or clock.today()).isoformat()
        late = row["status"] != RequestStatus.CLOSED and bool(row["deadline"]) and row["deadline"] < day
        return {"overdue": "是" if late else "否"}

    return derive


def requests_sheet(today: date | None = None) -> SheetSpec:
    """民情诉求 with 是否逾期 as on ``today`` (default: the day it is written)."""
    return SheetSpec(
        title="民情诉求",
        columns=REQUEST_COLUMNS,
        # In id order: as the requests came in, streamed without sorting.
        sql=f"""
            SELECT {codes.REQUEST.sql("r.id")} AS code, r.raised_on, r.raised_by, p.code AS person_code, r.group_name,
                   CASE WHEN r.meeting_id IS NOT NULL THEN {codes.MEETING.sql("r.meeting_id")} END AS meeting_code,
                   r.category, r.content, r.handling, r.department, r.owner, r.deadline, r.status, r.result,
                   r.feedback_on, r.feedback_how, r.satisfaction, r.closed_on, r.reopened, r.uid, r.updated_at
            FROM requests r LEFT JOIN persons p ON p.id = r.raised_by_id
            ORDER BY r.id""",
        count_sql="SELECT count(*) FROM requests",
        derive=_overdue(today),
    )


REQUESTS = requests_sheet()


def request_sheets(today: date | None = None) -> tuple[SheetSpec, ...]:
    """The requests sheet with 是否逾期 as on ``today``, in workbook order (after the meetings sheets)."""
    return (requests_sheet(today),)


__all__ = ["REQUESTS", "REQUEST_COLUMNS", "request_sheets", "requests_sheet"]
