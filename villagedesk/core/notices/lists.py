"""The notices list as a :class:`~villagedesk.core.common.listing.ListQuery`: paged, sorted, searched in SQL.

Whether a posted notice is 公示期满, and whether an objection is overdue, depends
on the day, so the list is made for a day (:func:`notice_list`); its filters
(:func:`notice_filter`) go to ``fetch``/``count`` as ``extra``/``params``.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from villagedesk import clock
from villagedesk.core.common import periods
from villagedesk.core.common.listing import Column, ListQuery, like_escape
from villagedesk.core.notices import messages
from villagedesk.core.notices.model import (
    CATEGORIES,
    STATUSES,
    TABLE_KINDS,
    NoticeStatus,
    code_sql,
    notice_id_from,
    open_objections_sql,
    replaced_by_sql,
    status_sql,
)
from villagedesk.core.notices.tables import row_count_sql
from villagedesk.errors import UserError

CURRENT = "未归档"  # every stage but 已归档 and 已被替换, as one choice of the status filter

_CODE_TEXT = re.compile(r"^(GK)?\d+$", re.IGNORECASE)
_DATEISH = re.compile(r"^(19|20)\d{2}(-\d{1,2}){0,2}$")


def _search(text: str) -> tuple[str, list]:
    if _DATEISH.match(text):
        # 2026, 2026-07: notices dated or posted then (GK2026 finds that number).
        year, *rest = text.split("-")
        prefix = "-".join([year, *(p.zfill(2) for p in rest)]) + "%"
        return "(n.issued_on LIKE ? ESCAPE '\\' OR n.posted_on LIKE ? ESCAPE '\\')", [prefix, prefix]
    if _CODE_TEXT.match(text):
        return "n.id = ?", [notice_id_from(text)]
    inner = "%" + like_escape(text) + "%"
    return ("(n.title LIKE ? ESCAPE '\\' OR n.body LIKE ? ESCAPE '\\' OR n.issuer LIKE ? ESCAPE '\\' "
            "OR n.reviewer LIKE ? ESCAPE '\\')", [inner] * 4)


def _objections(where: str) -> str:
    return f"(SELECT count(*) FROM notice_objections o WHERE o.notice_id = n.id{where})"


@lru_cache(maxsize=4)
def _list(day: str) -> ListQuery:
    return ListQuery(
        source="notices n",
        columns=(
            Column("code", code_sql("n.id")),
            Column("category", "n.category"),
            Column("title", "n.title"),
            Column("status", status_sql("n", day)),
            Column("issued_on", "n.issued_on"),
            Column("issuer", "n.issuer"),
            Column("table_kind", "n.table_kind"),
            Column("rows", row_count_sql("n")),
            Column("reviewer", "n.reviewer"),
            Column("reviewed_on", "n.reviewed_on"),
            Column("posted_on", "n.posted_on"),
            Column("posting_end", "n.posting_end"),
            Column("posting_days", "n.posting_days"),
            Column("working_days", "n.working_days"),
            Column("objections", _objections("")),
            Column("open_objections", open_objections_sql("n.id")),
            # 1 when an objection waits past its deadline, so the list can make it stand out.
            Column("overdue_objections", _objections(f" AND o.replied_on IS NULL AND o.reply_due < '{day}'")),
            Column("replaces_code", f"CASE WHEN n.replaces_id IS NOT NULL THEN {code_sql('n.replaces_id')} END"),
            Column("replaced_by_code", replaced_by_sql("n")),
            Column("item_name", "(SELECT i.name FROM disclosure_items i WHERE i.id = n.item_id)"),
            Column("full_numbers", "n.full_numbers"),
            Column("archived_on", "n.archived_on"),
            Column("source", "n.source"),
            Column("item_id", "n.item_id"),
        ),
        search=_search,
        archived_expr="0",  # the status filter chooses (CURRENT hides the archive)
        # Newest first reads best; a draft has no posting day yet and sorts by its own date.
        default_order="coalesce(n.posted_on, n.issued_on)",
        id_expr="n.id",
    )


def notice_list(today: date | None = None) -> ListQuery:
    """The notices list, its ``status`` (公示期满 derived) and ``overdue_objections`` as on ``today``."""
    return _list((today or clock.today()).isoformat())


def notice_filter(*, status: str | None = None, category: str | None = None, table_kind: str | None = None,
                  period=None, item_id: int | None = None, open_objections: bool = False,
                  today: date | None = None) -> tuple[str, tuple]:
    """The ``extra`` WHERE clause and params of the notices list.

    ``status`` is one of 草稿/已审核/已张贴/公示期满/已归档/已被替换 (as on ``today``) or
    未归档 (all but the last two); ``category`` one of the categories; ``period``
    (2026, 2026-Q3, 2026-07) the 落款日期; ``open_objections`` those with an unanswered one.
    """
    day = (today or clock.today()).isoformat()
    clauses: list[str] = []
    params: list[str | int] = []
    if status == CURRENT:
        clauses.append(f"n.status NOT IN ('{NoticeStatus.ARCHIVED}', '{NoticeStatus.REPLACED}')")
    elif status:
        if status not in STATUSES:
            raise UserError(messages.NO_SUCH_STATUS.format(status=status))
        clauses.append(f"{status_sql('n', day)} = ?")
        params.append(status)
    if category:
        if category not in CATEGORIES:
            raise UserError(messages.NO_SUCH_CATEGORY.format(category=category))
        clauses.append("n.category = ?")
        params.append(category)
    if table_kind:
        if table_kind not in TABLE_KINDS:
            raise UserError(messages.NO_SUCH_TABLE_KIND.format(table_kind=table_kind))
        clauses.append("n.table_kind = ?")
        params.append(table_kind)
    if period:
        chosen = periods.parse(period) if isinstance(period, str) else period
        clauses.append("n.issued_on BETWEEN ? AND ?")
        params += [chosen.start.isoformat(), chosen.end.isoformat()]
    if item_id:
        clauses.append("n.item_id = ?")
        params.append(item_id)
    if open_objections:
        clauses.append("EXISTS (SELECT 1 FROM notice_objections o WHERE o.notice_id = n.id AND o.replied_on IS NULL)")
    return " AND ".join(clauses), tuple(params)
