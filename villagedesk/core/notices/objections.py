"""Objections (异议) to a posted notice, and their replies.

An objection is received during the posting period — not before the notice
went up, not after its last day, not in the future.  It must be answered
within 10 days (docs/DOMAIN.md §4.3): received on 1 July, due on 11 July; it is
overdue from 12 July while unanswered.  A reply, once given, is final.
"""

from __future__ import annotations

from datetime import date, timedelta

from villagedesk import clock
from villagedesk.core.accounts import signatures
from villagedesk.core.common import records
from villagedesk.core.common.checks import allowed
from villagedesk.core.notices import messages
from villagedesk.core.notices.model import NoticeStatus, day_until_today, notice_code, require_notice
from villagedesk.errors import UserError
from villagedesk.store import Store

REPLY_DAYS = 10
CONTENT_MAX = 2000


def reply_due(received: date) -> date:
    return received + timedelta(days=REPLY_DAYS)


def _check_open_to_objections(notice: dict) -> None:
    """Objections are taken on a notice that went up and is still on file as itself."""
    if not notice["posted_on"]:
        raise UserError(messages.OBJECTION_NOT_POSTED.format(code=notice["code"]))
    if notice["status"] == NoticeStatus.ARCHIVED:
        # Filing waits for every objection to be answered: a late one would undo that.
        raise UserError(messages.OBJECTION_ARCHIVED.format(code=notice["code"]))
    if notice["status"] == NoticeStatus.REPLACED:
        # The correction is what hangs on the board now: objections go to it.
        raise UserError(messages.OBJECTION_REPLACED.format(code=notice["code"]))


def can_object(notice: dict) -> bool:
    """Whether objections to ``notice`` can be recorded (the day received is checked when attempted)."""
    return allowed(_check_open_to_objections, notice)


def add_objection(store: Store, notice_id: int, *, raised_by: str, content: str, received_on=None,
                  today: date | None = None) -> dict:
    """An objection received on ``received_on`` (default today) within the notice's posting period."""
    today = today or clock.today()
    raised_by, content = str(raised_by or "").strip(), str(content or "").strip()
    with store.atomic():
        notice = require_notice(store, notice_id)
        _check_open_to_objections(notice)
        received = day_until_today(received_on, "收到日期", "received_on", today)
        if not notice["posted_on"] <= received.isoformat() <= notice["posting_end"]:
            raise UserError(messages.OBJECTION_OUTSIDE_POSTING.format(
                posted_on=notice["posted_on"], posting_end=notice["posting_end"], received=received.isoformat()),
                field="received_on")
        if not raised_by:
            raise UserError(messages.OBJECTOR_MISSING, field="raised_by")
        if not content:
            raise UserError(messages.OBJECTION_CONTENT_MISSING, field="content")
        if len(content) > CONTENT_MAX:
            raise UserError(messages.OBJECTION_CONTENT_TOO_LONG.format(limit=CONTENT_MAX), field="content")
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
            raise UserError(messages.NO_SUCH_OBJECTION)
        if objection["replied_on"]:
            raise UserError(messages.OBJECTION_ALREADY_REPLIED.format(replied_on=objection["replied_on"]))
        if not reply:
            raise UserError(messages.REPLY_MISSING, field="reply")
        day = day_until_today(replied_on, "答复日期", "replied_on", today)
        if day.isoformat() < objection["received_on"]:
            raise UserError(messages.REPLY_BEFORE_RECEIPT.format(
                received_on=objection["received_on"]), field="replied_on")
        return records.update(store, "notice_objections", objection_id, {
            "reply": reply, "replied_on": day.isoformat(), "replied_by": signatures.author(store, replied_by)},
            action="reply")


def get_objection(store: Store, objection_id: int) -> dict | None:
    """An objection row (with its notice_id), or None."""
    return records.get(store, "notice_objections", objection_id) if objection_id else None


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
