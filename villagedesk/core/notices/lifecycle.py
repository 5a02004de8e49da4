"""A notice's way to the board and off it: 草稿 → 已审核 → 已张贴 → (公示期满) → 已归档.

- **Review** (审核) by a member of the 村务监督委员会 serving on the review day
  (from :mod:`villagedesk.core.committee.roster`), named on the notice.  The notice must be
  complete: a finance statement needs lines, a list needs names.
- **Posting** (张贴) on a day no earlier than the review and no later than today,
  for a number of days or working days, or up to a given end date; the end date is
  stored with the period it came from (see :mod:`.posting`).
- **公示期满** is derived from the dates (see ``model.display_status``).
- **Archiving** (归档) once the period is over and every objection is answered; a
  draft that is dropped is archived too, with the reason.
- **Correction**: a posted notice is never edited.  :func:`start_correction` drafts
  a copy that names it (``replaces_id``); when the copy is posted, the old notice
  becomes 已被替换.  Both stay in the archive.
- **Full ID numbers** on the board only by an explicit, recorded choice for that
  notice (:func:`allow_full_numbers`), made while it is a draft so the reviewer sees it.

Every change goes through :mod:`villagedesk.core.common.records` and is audited.
"""

from __future__ import annotations

from datetime import date

from villagedesk import clock
from villagedesk.core.committee import roster as committee
from villagedesk.core.common import records
from villagedesk.core.meetings import matters
from villagedesk.core.notices import posting, tables
from villagedesk.core.notices.drafts import create_notice, refuse_unless_draft
from villagedesk.core.notices.model import (
    ARCHIVED,
    DRAFT,
    FINANCE,
    FREE,
    POSTED,
    RECIPIENTS,
    REPLACED,
    REVIEWED,
    day_until_today,
    display_status,
    get_notice,
    long_date,
    require_notice,
    was_posted,
)
from villagedesk.core.register.people import parse_date
from villagedesk.errors import UserError
from villagedesk.store import Store

MATTER_SOURCE = "matter:"  # source of a 决议公开 drafted from a 四议两公开 matter (see sources)


# --- review ---------------------------------------------------------------------------------

def reviewers(store: Store, day: date | None = None) -> list[dict]:
    """Members of the 村务监督委员会 serving on ``day`` (default today): person_id, name, role."""
    return [{"person_id": p["person_id"], "name": p["name"], "role": p["role"]}
            for p in committee.serving_posts(store, day or clock.today()) if p["body"] == committee.SUPERVISION]


def _complete(store: Store, notice: dict) -> None:
    """What review needs: something to post, and a table with rows when there is one."""
    table = tables.read_table(store, notice)
    if not notice["body"] and table is None:
        raise UserError(f"公开事项 {notice['code']} 既没有正文也没有表格，请先填写内容。", field="body")
    if table is not None and tables.row_count(table) == 0:
        what = {FREE: "表格", FINANCE: "财务收支表", RECIPIENTS: "名单"}[notice["table_kind"]]
        raise UserError(f"{what}还没有任何一行，请填写后再审核（或去掉表格）。", field="table")


def review_notice(store: Store, notice_id: int, *, reviewer_id: int, day=None, today: date | None = None) -> dict:
    """审核: ``reviewer_id`` (a person) must serve on the 村务监督委员会 on ``day`` (default today)."""
    today = today or clock.today()
    with store.atomic():
        notice = require_notice(store, notice_id)
        if notice["status"] != DRAFT:
            raise UserError(f"公开事项 {notice['code']} 是“{display_status(notice, today)}”状态，只有草稿需要审核。")
        reviewed = day_until_today(day, "审核日期", "reviewed_on", today)
        members = {m["person_id"]: m for m in reviewers(store, reviewed)}
        if reviewer_id not in members:
            person = records.get(store, "persons", reviewer_id) if reviewer_id else None
            who = person["name"] if person else "所选人员"
            names = "、".join(m["name"] for m in members.values()) or "（无人在任，请先在“村两委”中登记）"
            raise UserError(f"{who} 在 {reviewed.isoformat()} 不是村务监督委员会成员，不能审核。"
                            f"当日在任的监委会成员：{names}。", field="reviewer")
        _complete(store, notice)
        records.update(store, "notices", notice_id, {
            "status": REVIEWED, "reviewer_id": reviewer_id, "reviewer": members[reviewer_id]["name"],
            "reviewed_on": reviewed.isoformat()}, action="review")
    return get_notice(store, notice_id)


def return_to_draft(store: Store, notice_id: int) -> dict:
    """A reviewed notice that has not been posted goes back to draft; its review is cleared."""
    with store.atomic():
        notice = require_notice(store, notice_id)
        if notice["status"] != REVIEWED:
            raise UserError(f"只有已审核、尚未张贴的公示可以退回草稿（{notice['code']} 是“{display_status(notice)}”）。")
        records.update(store, "notices", notice_id, {"status": DRAFT, "reviewer_id": None, "reviewer": None,
                                                     "reviewed_on": None}, action="reopen")
    return get_notice(store, notice_id)


# --- posting --------------------------------------------------------------------------------

def _posting_days(days) -> int:
    try:
        number = int(str(days).strip())
    except ValueError:
        raise UserError("公示天数应为整数，如 7。", field="days") from None
    if not 1 <= number <= posting.MAX_DAYS:
        raise UserError(f"公示天数应在 1 到 {posting.MAX_DAYS} 天之间。", field="days")
    return number


def post_notice(store: Store, notice_id: int, *, start=None, days=posting.DEFAULT_DAYS, working_days: bool = False,
                end=None, today: date | None = None) -> dict:
    """张贴 a reviewed notice on ``start`` (default today) for ``days`` (working) days, or up to ``end``.

    With ``end`` the period is those calendar days (``days`` and ``working_days`` are
    ignored).  Posting a correction marks the notice it replaces 已被替换; posting a
    决议公开 drafted from a matter records the matter's resolution as posted.
    """
    today = today or clock.today()
    with store.atomic():
        notice = require_notice(store, notice_id)
        if notice["status"] == DRAFT:
            raise UserError(f"公开事项 {notice['code']} 还没有审核：须经村务监督委员会成员审核后才能张贴。")
        if notice["status"] != REVIEWED:
            raise UserError(f"公开事项 {notice['code']} 是“{display_status(notice, today)}”状态，不能再张贴。"
                            "如需重新公示，请新建更正公示。")
        first = day_until_today(start, "张贴日期", "posted_on", today)
        if first.isoformat() < notice["reviewed_on"]:
            raise UserError(f"张贴日期 {first.isoformat()} 早于审核日期 {notice['reviewed_on']}：须先审核后张贴。",
                            field="posted_on")
        if end not in (None, ""):
            last = parse_date(end)
            if last is None:
                raise UserError("请填写正确的公示截止日期（如 2026-07-07）。", field="posting_end")
            if last < first:
                raise UserError(f"公示截止日期 {last.isoformat()} 早于张贴日期 {first.isoformat()}。",
                                field="posting_end")
            count, working = posting.days_between(first, last), False
            if count > posting.MAX_DAYS:
                raise UserError(f"公示期最长 {posting.MAX_DAYS} 天。", field="posting_end")
        else:
            count, working = _posting_days(days), bool(working_days)
            last = posting.posting_end(first, count, working)
        records.update(store, "notices", notice_id, {
            "status": POSTED, "posted_on": first.isoformat(), "posting_days": count, "working_days": int(working),
            "posting_end": last.isoformat(), "posted_by": store.actor}, action="post")
        if notice["replaces_id"]:
            _replace(store, notice["replaces_id"], notice["code"])
        if notice["source"].startswith(MATTER_SOURCE):
            _record_matter_posting(store, int(notice["source"].removeprefix(MATTER_SOURCE)), first, today)
    return get_notice(store, notice_id)


def _replace(store: Store, old_id: int, new_code: str) -> None:
    old = require_notice(store, old_id)
    if old["status"] == REPLACED:
        raise UserError(f"原公示 {old['code']} 已被其他更正公示替换，不能再被 {new_code} 替换。")
    records.update(store, "notices", old_id, {"status": REPLACED}, action="replace")


def _record_matter_posting(store: Store, matter_id: int, day: date, today: date) -> None:
    matter = records.get(store, "matters", matter_id)
    if matter is not None and not matter["resolution_posted_on"]:
        matters.post_resolution(store, matter_id, day=day, today=today)


# --- archive and correction -----------------------------------------------------------------

def open_objections(store: Store, notice_id: int) -> int:
    return store.scalar("SELECT count(*) FROM notice_objections WHERE notice_id = ? AND replied_on IS NULL",
                        (notice_id,))


def archive_notice(store: Store, notice_id: int, *, reason: str = "", today: date | None = None) -> dict:
    """归档: a posted notice once its period is over and its objections answered; a draft or
    reviewed notice that will not be posted, with ``reason``."""
    today = today or clock.today()
    reason = str(reason or "").strip()
    with store.atomic():
        notice = require_notice(store, notice_id)
        state = display_status(notice, today)
        if notice["status"] in (ARCHIVED, REPLACED):
            raise UserError(f"公开事项 {notice['code']} 已经{state.removeprefix('已')}了。")
        if notice["status"] == POSTED:
            if notice["posting_end"] >= today.isoformat():
                raise UserError(f"公开事项 {notice['code']} 的公示期到 {notice['posting_end']} 才结束，期满后才能归档。")
            waiting = open_objections(store, notice_id)
            if waiting:
                raise UserError(f"公开事项 {notice['code']} 还有 {waiting} 条异议没有答复，答复后才能归档。")
        elif not reason:
            raise UserError("这份公示没有张贴过，归档时请写明原因（如：内容有变，不再公示）。", field="reason")
        records.update(store, "notices", notice_id, {"status": ARCHIVED, "archived_on": today.isoformat(),
                                                     "archived_reason": reason}, action="archive")
    return get_notice(store, notice_id)


def replacement(store: Store, notice_id: int) -> dict | None:
    """The posted correction that replaced ``notice_id``, or None."""
    row = store.row("SELECT id FROM notices WHERE replaces_id = ? AND posted_on IS NOT NULL", (notice_id,))
    return get_notice(store, row["id"]) if row else None


def pending_correction(store: Store, notice_id: int) -> dict | None:
    """A correction of ``notice_id`` that has not been posted yet (at most one)."""
    return store.row(f"SELECT id FROM notices WHERE replaces_id = ? AND status IN ('{DRAFT}', '{REVIEWED}')",
                     (notice_id,))


def start_correction(store: Store, notice_id: int, *, today: date | None = None) -> dict:
    """A draft copy of posted notice ``notice_id`` that replaces it once posted; returns the draft."""
    today = today or clock.today()
    with store.atomic():
        old = require_notice(store, notice_id)
        if not was_posted(old):
            raise UserError(f"公开事项 {old['code']} 还没有张贴，直接修改即可，不需要更正公示。")
        if old["status"] == REPLACED:
            raise UserError(f"公开事项 {old['code']} 已被更正公示替换，请更正最新的那一份。")
        pending = pending_correction(store, notice_id)
        if pending:
            raise UserError(f"{old['code']} 已有一份未张贴的更正公示（{get_notice(store, pending['id'])['code']}），"
                            "请继续编辑那一份。")
        title = old["title"] if old["title"].startswith("（更正）") else f"（更正）{old['title']}"
        return create_notice(store, category=old["category"], title=title[:80], body=old["body"],
                             issuer=old["issuer"], issued_on=today, table=tables.read_table(store, old),
                             table_title=old["table_title"], item_id=old["item_id"], source=old["source"],
                             replaces_id=notice_id)


# --- full ID numbers ------------------------------------------------------------------------

def allow_full_numbers(store: Store, notice_id: int, *, approved_by: str) -> dict:
    """Print ID numbers in full on this notice (phones stay masked); recorded with who and when.

    Only on a draft, so the reviewer sees the choice.  The poster then says
    本公示按规定完整公开身份证号码（经 X 于 Y 批准）.
    """
    approved_by = str(approved_by or "").strip()
    with store.atomic():
        notice = require_notice(store, notice_id)
        refuse_unless_draft(notice)
        if not approved_by:
            raise UserError("请填写批准完整公开身份证号码的负责人姓名。", field="approved_by")
        records.update(store, "notices", notice_id, {"full_numbers": 1, "full_numbers_by": approved_by,
                                                     "full_numbers_at": clock.timestamp()}, action="full-numbers")
    return get_notice(store, notice_id)


def withdraw_full_numbers(store: Store, notice_id: int) -> dict:
    """Back to masked ID numbers (the default)."""
    with store.atomic():
        notice = require_notice(store, notice_id)
        refuse_unless_draft(notice)
        records.update(store, "notices", notice_id, {"full_numbers": 0, "full_numbers_by": None,
                                                     "full_numbers_at": None}, action="mask-numbers")
    return get_notice(store, notice_id)


def full_numbers_line(notice: dict) -> str | None:
    """The sentence a poster with full ID numbers carries, or None."""
    if not notice["full_numbers"]:
        return None
    return (f"本公示按规定完整公开身份证号码（经 {notice['full_numbers_by']} 于 "
            f"{long_date(notice['full_numbers_at'][:10])} 批准）")
