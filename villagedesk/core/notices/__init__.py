"""Public notice boards (村务公开 / 党务公开 / 财务公开, "亮栏行动"; docs/DOMAIN.md §4).

A notice has a category, title, body, issuing body and date, and optionally one
table: a free table, a finance statement (收入 / 支出, totals computed in fen)
or a recipient list (from the register where possible).  Its lifecycle is
草稿 → 已审核 → 已张贴 → 公示期满 (derived from the dates) → 已归档; a posted
notice is never edited, a correction replaces it (已被替换).  Objections are
answered within 10 days; the disclosure calendar says what is due or overdue.

The modules, each usable on its own (``_drafts`` only through this package and
its neighbours: a leading underscore makes a module private to its area, an
import contract checks it, docs/ARCHITECTURE.md):

- ``model``       categories, stages, codes (GK0001), lookup, the displayed stage
- ``tables``      the three kinds of table, built from what the clerk typed
- ``money``       yuan as typed → whole fen, and back
- ``masking``     ID numbers and phones as a public notice prints them
- ``_drafts``     create and edit drafts
- ``posting``     the posting period (days, or working days by the State Council's calendar)
- ``lifecycle``   review, post, archive, correct, full-number approval
- ``objections``  objections and replies, overdue ones
- ``disclosure``  the disclosure calendar and its due / overdue states
- ``sources``     drafts from a points ranking or a 四议两公开 matter
- ``lists``       the paged notices list and its filters

This package re-exports what the window and the printouts use.
"""

from villagedesk.core.notices._drafts import create_notice, default_issuer, notice_table, update_notice
from villagedesk.core.notices.disclosure import (
    FREQUENCIES,
    CalendarState,
    archive_item,
    calendar,
    item_state,
    items,
    save_item,
    schedule_label,
)
from villagedesk.core.notices.lifecycle import (
    allow_full_numbers,
    archive_notice,
    authors,
    can_archive,
    can_correct,
    can_edit,
    can_post,
    can_return,
    can_review,
    drafter,
    full_numbers_line,
    pending_correction,
    post_notice,
    replacement,
    return_to_draft,
    review_notice,
    reviewers,
    start_correction,
    withdraw_full_numbers,
)
from villagedesk.core.notices.lists import CURRENT, notice_filter, notice_list
from villagedesk.core.notices.model import (
    ARCHIVED,
    CATEGORIES,
    DRAFT,
    EXPIRED,
    FINANCE,
    FREE,
    NO_TABLE,
    POSTED,
    RECIPIENTS,
    REPLACED,
    REVIEWED,
    STATUSES,
    TABLE_KINDS,
    NoticeStatus,
    display_status,
    find_notice,
    get_notice,
    long_date,
    notice_code,
    notice_id_from,
)
from villagedesk.core.notices.objections import (
    REPLY_DAYS,
    add_objection,
    can_object,
    get_objection,
    notice_objections,
    overdue_objections,
    reply_objection,
)
from villagedesk.core.notices.sources import notice_from_matter, notice_from_ranking
from villagedesk.core.notices.tables import (
    EXPENSE,
    INCOME,
    FinanceLine,
    FinanceStatement,
    FreeTable,
    NoticeTable,
    Recipient,
    RecipientList,
    finance_statement,
    free_table,
    recipient_list,
)

__all__ = [
    "ARCHIVED", "CATEGORIES", "CURRENT", "DRAFT", "EXPENSE", "EXPIRED", "FINANCE", "FREE", "FREQUENCIES", "INCOME",
    "NO_TABLE", "POSTED", "RECIPIENTS", "REPLACED", "REPLY_DAYS", "REVIEWED", "STATUSES", "TABLE_KINDS",
    "CalendarState", "FinanceLine", "NoticeStatus", "FinanceStatement", "FreeTable", "NoticeTable", "Recipient", "RecipientList",
    "add_objection", "allow_full_numbers", "archive_item", "archive_notice", "authors", "calendar", "can_archive", "can_correct",
    "can_edit", "can_object", "can_post", "can_return", "can_review", "get_objection", "create_notice",
    "default_issuer", "display_status", "drafter", "finance_statement", "find_notice", "free_table", "full_numbers_line",
    "get_notice", "item_state", "items", "long_date", "notice_code", "notice_filter", "notice_from_matter",
    "notice_from_ranking", "notice_id_from", "notice_list", "notice_objections", "notice_table", "overdue_objections",
    "pending_correction", "post_notice", "recipient_list", "replacement", "reply_objection", "return_to_draft",
    "review_notice",
    "reviewers", "save_item", "schedule_label", "start_correction", "update_notice", "withdraw_full_numbers",
]
