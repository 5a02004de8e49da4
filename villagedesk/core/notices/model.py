"""What a notice is: its categories, stages and codes, and how one is looked up.

The stored status is one of 草稿 / 已审核 / 已张贴 / 已归档 / 已被替换.  公示期满 is
never stored: a posted notice shows it from the day after its posting period ends
(:func:`display_status`), so the list never needs a nightly job to stay true.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from villagedesk import clock
from villagedesk.core.common import codes, records
from villagedesk.core.common import messages as common_messages
from villagedesk.core.common.dates import chinese_date, parse_date
from villagedesk.core.notices import messages
from villagedesk.errors import UserError
from villagedesk.store import Store

CATEGORIES = ("党务公开", "村务公开", "财务公开", "惠民政策", "工程项目", "四议两公开", "其他")



class NoticeStatus(StrEnum):
    """A notice's stage (notices.status), in lifecycle order as the list filters them.

    EXPIRED is never stored: it is what a posted notice shows once its period is over
    (:func:`display_status`).
    """

    DRAFT = "草稿"
    REVIEWED = "已审核"
    POSTED = "已张贴"
    EXPIRED = "公示期满"
    ARCHIVED = "已归档"
    REPLACED = "已被替换"


# The earlier names, kept for the tests and demo code that spell them so.
DRAFT, REVIEWED, POSTED = NoticeStatus.DRAFT, NoticeStatus.REVIEWED, NoticeStatus.POSTED
EXPIRED, ARCHIVED, REPLACED = NoticeStatus.EXPIRED, NoticeStatus.ARCHIVED, NoticeStatus.REPLACED
STATUSES = tuple(NoticeStatus)

NO_TABLE, FREE, FINANCE, RECIPIENTS = "无", "表格", "财务收支", "名单"
TABLE_KINDS = (NO_TABLE, FREE, FINANCE, RECIPIENTS)

CODE = codes.NOTICE.printf


def notice_code(notice_id: int) -> str:
    """公开编号 of a notice (GK0012), as the poster, the sheets and the CLI name it."""
    return codes.NOTICE(notice_id)


def notice_id_from(text) -> int | None:
    """GK0012, gk12 or 12 → 12; None when ``text`` is no notice number."""
    return codes.NOTICE.parse(text)


def get_notice(store: Store, notice_id: int) -> dict | None:
    """The stored row plus ``code``; None when there is none."""
    row = records.get(store, "notices", notice_id) if notice_id else None
    if row is not None:
        row["code"] = notice_code(row["id"])
    return row


def find_notice(store: Store, text) -> dict:
    """The notice a user named by its code or number; a UserError naming what was typed otherwise."""
    notice_id = notice_id_from(text)
    notice = get_notice(store, notice_id) if notice_id else None
    if notice is None:
        shown = str(text or "").strip() or common_messages.EMPTY_VALUE
        raise UserError(messages.NO_SUCH_NOTICE_CODE.format(shown=shown))
    return notice


def require_notice(store: Store, notice_id: int) -> dict:
    notice = get_notice(store, notice_id)
    if notice is None:
        raise UserError(messages.NO_SUCH_NOTICE.format(notice_id=notice_id))
    return notice


def display_status(notice: dict, today: date | None = None) -> NoticeStatus:
    """The stage as the clerk sees it on ``today``: 公示期满 once a posted notice's period is over."""
    if notice["status"] == NoticeStatus.POSTED and notice["posting_end"] < (today or clock.today()).isoformat():
        return NoticeStatus.EXPIRED
    return NoticeStatus(notice["status"])


def status_sql(alias: str, day: str) -> str:
    """:func:`display_status` as an SQL expression over the notices row ``alias`` on ``day`` (ISO date)."""
    return (f"CASE WHEN {alias}.status = '{NoticeStatus.POSTED}' AND {alias}.posting_end < '{day}' "
            f"THEN '{NoticeStatus.EXPIRED}' ELSE {alias}.status END")


def code_sql(expr: str) -> str:
    """:func:`notice_code` as an SQL expression of the notice id ``expr``."""
    return codes.NOTICE.sql(expr)


def replaced_by_sql(alias: str) -> str:
    """The code of the posted correction that replaced the notices row ``alias`` (NULL when none)."""
    return f"(SELECT {code_sql('c.id')} FROM notices c WHERE c.replaces_id = {alias}.id AND c.posted_on IS NOT NULL)"


def open_objections_sql(notice: str) -> str:
    """How many objections to the notice whose id is the SQL expression ``notice`` are not answered
    yet: archiving waits for none."""
    return f"(SELECT count(*) FROM notice_objections o WHERE o.notice_id = {notice} AND o.replied_on IS NULL)"


NOTIFICATION_SUFFIX = "通知"
CORRECTION_PREFIX = "（更正）"


def is_notification(notice: dict) -> bool:
    """A 通知 (a meeting called, a date announced) tells rather than submits something for scrutiny:
    no 公示期, no objections, closing 特此通知.  It is named so in its title, as real ones are
    ("关于召开村民代表会议的通知"); docs/DOMAIN.md §4.1."""
    return str(notice["title"]).removeprefix(CORRECTION_PREFIX).rstrip().endswith(NOTIFICATION_SUFFIX)


def closing_words(notice: dict) -> str:
    """特此通知 for a 通知, 特此公示 for everything posted for scrutiny."""
    return "特此通知。" if is_notification(notice) else "特此公示。"


def was_posted(notice: dict) -> bool:
    return notice["posted_on"] is not None


def day_until_today(value, what: str, field: str, today: date) -> date:
    """A day the clerk records something that happened: ``value`` as typed (default ``today``), not later than today."""
    day = parse_date(value) if value not in (None, "") else today
    if day is None:
        raise UserError(messages.DATE_INVALID.format(what=what, today=today.isoformat()), field=field)
    if day > today:
        raise UserError(messages.DATE_IN_FUTURE.format(what=what, today=today.isoformat()), field=field)
    return day


def long_date(day: date | str) -> str:
    """2026-07-01 → 2026年7月1日, as every public item writes dates (one formatter: dates.chinese_date)."""
    return chinese_date(day)
