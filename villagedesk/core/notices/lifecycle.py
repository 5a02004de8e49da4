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
from villagedesk.core.accounts import signatures
from villagedesk.core.accounts.accounts import Account
from villagedesk.core.accounts.roles import Action
from villagedesk.core.committee import roster as committee
from villagedesk.core.common import messages as common_messages
from villagedesk.core.common import records, workdays
from villagedesk.core.common.checks import allowed
from villagedesk.core.common.dates import parse_date
from villagedesk.core.meetings import matters
from villagedesk.core.notices import messages, posting, tables
from villagedesk.core.notices._drafts import create_notice, refuse_unless_draft
from villagedesk.core.notices.model import (
    FINANCE,
    FREE,
    RECIPIENTS,
    NoticeStatus,
    day_until_today,
    display_status,
    get_notice,
    long_date,
    open_objections_sql,
    require_notice,
    was_posted,
)
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
        raise UserError(messages.NOTICE_EMPTY.format(code=notice["code"]), field="body")
    if table is not None and tables.row_count(table) == 0:
        what = {FREE: "表格", FINANCE: "财务收支表", RECIPIENTS: "名单"}[notice["table_kind"]]
        raise UserError(messages.TABLE_EMPTY.format(what=what), field="table")


# --- what each stage allows ----------------------------------------------------------------
# One check per action, run by the action itself and by the can_* the window asks before it
# offers the action; checks that need the database or what the clerk types stay in the action.

def _check_reviewable(notice: dict, today: date | None = None) -> None:
    if notice["status"] != NoticeStatus.DRAFT:
        raise UserError(messages.REVIEW_NOT_DRAFT.format(
            code=notice["code"], display_status=display_status(notice, today)))


def _check_returnable(notice: dict, today: date | None = None) -> None:
    if notice["status"] != NoticeStatus.REVIEWED:
        raise UserError(messages.UNREVIEW_NOT_REVIEWED.format(
            code=notice["code"], display_status=display_status(notice, today)))


def _check_postable(notice: dict, today: date | None = None) -> None:
    if notice["status"] == NoticeStatus.DRAFT:
        raise UserError(messages.POST_NOT_REVIEWED.format(code=notice["code"]))
    if notice["status"] != NoticeStatus.REVIEWED:
        raise UserError(messages.POST_NOT_REVIEWED_STATE.format(
            code=notice["code"], display_status=display_status(notice, today)))


def _check_archivable(notice: dict, today: date) -> None:
    """Archived once: a posted notice after its period; a draft or reviewed one any time (with a reason)."""
    if notice["status"] in (NoticeStatus.ARCHIVED, NoticeStatus.REPLACED):
        raise UserError(messages.ALREADY_ARCHIVED.format(
            code=notice["code"], state=display_status(notice, today).removeprefix(messages.ALREADY)))
    if notice["status"] == NoticeStatus.POSTED and notice["posting_end"] >= today.isoformat():
        raise UserError(messages.ARCHIVE_DURING_POSTING.format(
            code=notice["code"], posting_end=notice["posting_end"]))


def _check_correctable(notice: dict) -> None:
    if not was_posted(notice):
        raise UserError(messages.CORRECT_NOT_POSTED.format(code=notice["code"]))
    if notice["status"] == NoticeStatus.REPLACED:
        raise UserError(messages.CORRECT_REPLACED.format(code=notice["code"]))


def can_edit(notice: dict) -> bool:
    """Whether ``notice`` (a row as :func:`get_notice` gives it) can be edited: a draft."""
    return allowed(refuse_unless_draft, notice)


def can_review(notice: dict) -> bool:
    """Whether 审核 is offered: a draft (the reviewer and the content are checked when attempted)."""
    return allowed(_check_reviewable, notice)


def can_return(notice: dict) -> bool:
    """Whether 退回草稿 is offered: reviewed, not posted."""
    return allowed(_check_returnable, notice)


def can_post(notice: dict) -> bool:
    """Whether 张贴 is offered: reviewed, not posted yet."""
    return allowed(_check_postable, notice)


def can_archive(notice: dict, today: date | None = None) -> bool:
    """Whether 归档 is offered on ``today``: a draft or reviewed notice, or a posted one whose period
    is over (unanswered objections are told when it is attempted)."""
    return allowed(_check_archivable, notice, today or clock.today())


def can_correct(notice: dict) -> bool:
    """Whether 更正 is offered: posted, and not replaced already."""
    return allowed(_check_correctable, notice)


# --- review ---------------------------------------------------------------------------------

def authors(store: Store, notice: dict) -> list[str]:
    """Who wrote the notice: its drafter and everyone who edited the draft, as the audit names them."""
    return [notice["drafted_by"], *(r["actor"] for r in store.rows(
        "SELECT DISTINCT actor FROM audit WHERE table_name = 'notices' AND record_uid = ? "
        "AND action IN ('insert', 'update')", (notice["uid"],)))]


def drafter(store: Store, notice: dict) -> str | None:
    """Who drafted ``notice``, as the printed notice and the review's audit row name them: kept on the
    notice since schema 14 (docs/SECURITY.md "Signatures"), read from its audit before."""
    if notice.get("drafted_by"):
        return notice["drafted_by"]
    return signatures.named(store, store.scalar(
        "SELECT actor FROM audit WHERE table_name = 'notices' AND record_uid = ? AND action = 'insert' "
        "ORDER BY id LIMIT 1", (notice["uid"],)))


def review_notice(store: Store, notice_id: int, *, reviewer_id: int | None = None, reviewer: Account | None = None,
                  day=None, today: date | None = None) -> dict:
    """审核 by a member of the 村务监督委员会 serving on ``day`` (default today).

    Where the database has accounts, ``reviewer`` signs: an account whose role may review notices
    (its password checked at the desk), never one that drafted or edited the notice; its person in
    the register, if it names one, must serve on the committee that day. In a plain database
    ``reviewer_id`` is the member picked (docs/SECURITY.md "Signatures")."""
    today = today or clock.today()
    with store.atomic():
        notice = require_notice(store, notice_id)
        _check_reviewable(notice, today)
        reviewed = day_until_today(day, "审核日期", "reviewed_on", today)
        signer: signatures.Signer | None = None
        if reviewer is not None or signatures.has_accounts(store):
            signer = signatures.signer(store, reviewer, Action.REVIEW_NOTICE, missing=messages.REVIEWER_MISSING)
            signatures.refuse_own(signer, authors(store, notice), messages.OWN_NOTICE.format(code=notice["code"]))
            reviewer_id = signer.account.person_id if signer.account else None
        members = {m["person_id"]: m for m in reviewers(store, reviewed)}
        # An account tied to nobody in the register is a 监委会 member by its role.
        if not (signer is not None and reviewer_id is None) and reviewer_id not in members:
            person = records.get(store, "persons", reviewer_id) if reviewer_id else None
            who = person["name"] if person else messages.SELECTED_PERSON
            names = (common_messages.LIST_SEPARATOR.join(m["name"] for m in members.values())
                     or messages.NO_SUPERVISOR_SERVING)
            raise UserError(messages.REVIEWER_NOT_SUPERVISOR.format(
                who=who, reviewed=reviewed.isoformat(), names=names), field="reviewer")
        _complete(store, notice)
        # The drafter goes into the row with the reviewer, so the review's audit row names both.
        records.update(store, "notices", notice_id, {
            "status": NoticeStatus.REVIEWED, "reviewer_id": reviewer_id,
            "reviewer": signer.text if signer is not None else members[reviewer_id]["name"],
            "drafted_by": drafter(store, notice), "reviewed_on": reviewed.isoformat()}, action="review")
    return require_notice(store, notice_id)


def return_to_draft(store: Store, notice_id: int) -> dict:
    """A reviewed notice that has not been posted goes back to draft; its review is cleared."""
    with store.atomic():
        notice = require_notice(store, notice_id)
        _check_returnable(notice)
        records.update(store, "notices", notice_id, {"status": NoticeStatus.DRAFT, "reviewer_id": None, "reviewer": None,
                                                     "reviewed_on": None}, action="reopen")
    return require_notice(store, notice_id)


# --- posting --------------------------------------------------------------------------------

def _posting_days(days) -> int:
    try:
        number = int(str(days).strip())
    except ValueError:
        raise UserError(messages.POSTING_DAYS_NOT_INTEGER, field="days") from None
    if not 1 <= number <= posting.MAX_DAYS:
        raise UserError(messages.POSTING_DAYS_RANGE.format(max_days=posting.MAX_DAYS), field="days")
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
        _check_postable(notice, today)
        first = day_until_today(start, "张贴日期", "posted_on", today)
        if first.isoformat() < notice["reviewed_on"]:
            raise UserError(messages.POST_BEFORE_REVIEW.format(
                first=first.isoformat(), reviewed_on=notice["reviewed_on"]), field="posted_on")
        if end not in (None, ""):
            last = parse_date(end)
            if last is None:
                raise UserError(messages.POSTING_END_INVALID, field="posting_end")
            if last < first:
                raise UserError(messages.POSTING_END_BEFORE_START.format(
                    last=last.isoformat(), first=first.isoformat()), field="posting_end")
            count, working = posting.days_between(first, last), False
            if count > posting.MAX_DAYS:
                raise UserError(messages.POSTING_TOO_LONG.format(
                    max_days=posting.MAX_DAYS), field="posting_end")
        else:
            count, working = _posting_days(days), bool(working_days)
            work = posting.work_calendar(store)
            last = posting.posting_end(first, count, working, work)
            if working:
                # Holidays unknown for a year in the period would be counted as working days.
                workdays.require_covered(work, first, last)
        records.update(store, "notices", notice_id, {
            "status": NoticeStatus.POSTED, "posted_on": first.isoformat(), "posting_days": count, "working_days": int(working),
            "posting_end": last.isoformat(), "posted_by": signatures.author(store, None)}, action="post")
        if notice["replaces_id"]:
            _replace(store, notice["replaces_id"], notice["code"])
        if notice["source"].startswith(MATTER_SOURCE):
            _record_matter_posting(store, int(notice["source"].removeprefix(MATTER_SOURCE)), first, today)
    return require_notice(store, notice_id)


def _replace(store: Store, old_id: int, new_code: str) -> None:
    old = require_notice(store, old_id)
    if old["status"] == NoticeStatus.REPLACED:
        raise UserError(messages.ALREADY_REPLACED.format(code=old["code"], new_code=new_code))
    records.update(store, "notices", old_id, {"status": NoticeStatus.REPLACED}, action="replace")


def _record_matter_posting(store: Store, matter_id: int, day: date, today: date) -> None:
    matter = records.get(store, "matters", matter_id)
    if matter is not None and not matter["resolution_posted_on"]:
        matters.post_resolution(store, matter_id, day=day, today=today)


# --- archive and correction -----------------------------------------------------------------

def open_objections(store: Store, notice_id: int) -> int:
    return store.scalar(f"SELECT {open_objections_sql('?')}", (notice_id,))


def archive_notice(store: Store, notice_id: int, *, reason: str = "", today: date | None = None) -> dict:
    """归档: a posted notice once its period is over and its objections answered; a draft or
    reviewed notice that will not be posted, with ``reason``."""
    today = today or clock.today()
    reason = str(reason or "").strip()
    with store.atomic():
        notice = require_notice(store, notice_id)
        _check_archivable(notice, today)
        if notice["status"] == NoticeStatus.POSTED:
            waiting = open_objections(store, notice_id)
            if waiting:
                raise UserError(messages.ARCHIVE_OPEN_OBJECTIONS.format(code=notice["code"], waiting=waiting))
        elif not reason:
            raise UserError(messages.ARCHIVE_REASON_MISSING, field="reason")
        records.update(store, "notices", notice_id, {"status": NoticeStatus.ARCHIVED, "archived_on": today.isoformat(),
                                                     "archived_reason": reason}, action="archive")
    return require_notice(store, notice_id)


def replacement(store: Store, notice_id: int) -> dict | None:
    """The posted correction that replaced ``notice_id``, or None."""
    row = store.row("SELECT id FROM notices WHERE replaces_id = ? AND posted_on IS NOT NULL", (notice_id,))
    return get_notice(store, row["id"]) if row else None


def pending_correction(store: Store, notice_id: int) -> dict | None:
    """A correction of ``notice_id`` that has not been posted yet (at most one)."""
    return store.row(f"SELECT id FROM notices WHERE replaces_id = ? AND status IN ('{NoticeStatus.DRAFT}', '{NoticeStatus.REVIEWED}')",
                     (notice_id,))


def start_correction(store: Store, notice_id: int, *, today: date | None = None) -> dict:
    """A draft copy of posted notice ``notice_id`` that replaces it once posted; returns the draft."""
    today = today or clock.today()
    with store.atomic():
        old = require_notice(store, notice_id)
        _check_correctable(old)
        pending = pending_correction(store, notice_id)
        if pending:
            raise UserError(messages.CORRECTION_PENDING.format(
                code=old["code"], pending=require_notice(store, pending["id"])["code"]))
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
            raise UserError(messages.FULL_NUMBERS_APPROVER_MISSING, field="approved_by")
        records.update(store, "notices", notice_id, {"full_numbers": 1, "full_numbers_by": approved_by,
                                                     "full_numbers_at": clock.timestamp()}, action="full-numbers")
    return require_notice(store, notice_id)


def withdraw_full_numbers(store: Store, notice_id: int) -> dict:
    """Back to masked ID numbers (the default)."""
    with store.atomic():
        notice = require_notice(store, notice_id)
        refuse_unless_draft(notice)
        records.update(store, "notices", notice_id, {"full_numbers": 0, "full_numbers_by": None,
                                                     "full_numbers_at": None}, action="mask-numbers")
    return require_notice(store, notice_id)


def full_numbers_line(notice: dict) -> str | None:
    """The sentence a poster with full ID numbers carries, or None."""
    if not notice["full_numbers"]:
        return None
    return (f"本公示按规定完整公开身份证号码（经 {notice['full_numbers_by']} 于 "
            f"{long_date(notice['full_numbers_at'][:10])} 批准）")
