"""Objections (异议) to a posted notice, and their replies.

An objection is received during the posting period — not before the notice
went up, not after its last day, not in the future.  It must be answered
within 10 days (DOMAIN.md §4): received on 1 July, due on 11 July; it is
overdue from 12 July while unanswered.  A reply, once given, is final.
"""

from __future__ import annotations

from datetime import date, timedelta

from villagedesk import clock
from villagedesk.core.common import records
from villagedesk.core.notices.model import ARCHIVED, day_until_today, notice_code, require_notice
from villagedesk.errors import UserError
from villagedesk.store import Store

REPLY_DAYS = 10
CONTENT_MAX = 2000


def reply_due(received: date) -> date:
    return received + timedelta(days=REPLY_DAYS)


def add_objection(store: Store, notice_id: int, *, raised_by: str, content: str, received_on=None,
                  today: date | None = None) -> dict:
    """An objection received on ``received_on`` (default today) within the notice's posting period."""
    today = today or clock.today()
    raised_by, content = str(raised_by or "").strip(), str(content or "").strip()
    with store.atomic():
        notice = require_notice(store, notice_id)
        if not notice["posted_on"]:
            raise UserError(f"公开事项 {notice['code']} 还没有张贴，不能登记异议。")
        received = day_until_today(received_on, "收到日期", "received_on", today)
        if not notice["posted_on"] <= received.isoformat() <= notice["posting_end"]:
            raise UserError(f"异议应在公示期内提出（{notice['posted_on']} 至 {notice['posting_end']}），"
                            f"{received.isoformat()} 不在公示期内。公示期外的意见请作为来信来访登记。",
                            field="received_on")
        if notice["status"] == ARCHIVED:
            # Filing waits for every objection to be answered: a late one would undo that.
            raise UserError(f"公开事项 {notice['code']} 已归档，不能再登记异议。")
        if not raised_by:
            raise UserError("请填写异议人（不愿留名可写“匿名”）。", field="raised_by")
        if not content:
            raise UserError("请填写异议内容。", field="content")
        if len(content) > CONTENT_MAX:
            raise UserError(f"异议内容太长（最多 {CONTENT_MAX} 个字）。", field="content")
        row = records.insert(store, "notice_objections", {
            "notice_id": notice_id, "received_on": received.isoformat(), "raised_by": raised_by, "content": content,
            "reply_due": reply_due(received).isoformat(), "reply": "", "replied_on": None, "replied_by": ""})
    return row


def reply_objection(store: Store, objection_id: int, *, reply: str, replied_by: str = "", replied_on=None,
                    today: date | None = None) -> dict:
    """The answer to an objection, given on ``replied_on`` (default today); final once recorded."""
    today = today or clock.today()
    reply, replied_by = str(reply or "").strip(), str(replied_by or "").strip()
    with store.atomic():
        objection = records.get(store, "notice_objections", objection_id) if objection_id else None
        if objection is None:
            raise UserError("找不到这条异议。")
        if objection["replied_on"]:
            raise UserError(f"这条异议已于 {objection['replied_on']} 答复，答复不能修改。")
        if not reply:
            raise UserError("请填写答复内容。", field="reply")
        day = day_until_today(replied_on, "答复日期", "replied_on", today)
        if day.isoformat() < objection["received_on"]:
            raise UserError(f"答复日期不能早于收到异议的日期 {objection['received_on']}。", field="replied_on")
        return records.update(store, "notice_objections", objection_id, {
            "reply": reply, "replied_on": day.isoformat(), "replied_by": replied_by or store.actor}, action="reply")


def _with_state(rows: list[dict], today: date) -> list[dict]:
    day = today.isoformat()
    for row in rows:
        row["notice_code"] = notice_code(row["notice_id"])
        row["overdue"] = row["replied_on"] is None and row["reply_due"] < day
        row["answered_late"] = row["replied_on"] is not None and row["replied_on"] > row["reply_due"]
        row["days_overdue"] = (today - date.fromisoformat(row["reply_due"])).days if row["overdue"] else 0
    return rows


def notice_objections(store: Store, notice_id: int, today: date | None = None) -> list[dict]:
    """A notice's objections, oldest first, each with ``overdue``, ``answered_late`` and ``days_overdue``."""
    rows = store.rows("SELECT * FROM notice_objections WHERE notice_id = ? ORDER BY received_on, id", (notice_id,))
    return _with_state(rows, today or clock.today())


def overdue_objections(store: Store, today: date | None = None) -> list[dict]:
    """Every unanswered objection past its reply deadline, most overdue first, with its notice's title."""
    today = today or clock.today()
    rows = store.rows("SELECT o.*, n.title AS notice_title FROM notice_objections o JOIN notices n "
                      "ON n.id = o.notice_id WHERE o.replied_on IS NULL AND o.reply_due < ? "
                      "ORDER BY o.reply_due, o.id", (today.isoformat(),))
    return _with_state(rows, today)
