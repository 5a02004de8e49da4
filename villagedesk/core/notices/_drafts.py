"""Writing a notice: a draft is created and edited freely until it is reviewed.

Editing anything but a draft is refused with the way out: a reviewed notice goes
back to draft first (:func:`~villagedesk.core.notices.lifecycle.return_to_draft`);
a posted one is never edited — a correction is a new notice that replaces it
(:func:`~villagedesk.core.notices.lifecycle.start_correction`).
"""

from __future__ import annotations

from datetime import date

from villagedesk import clock
from villagedesk.core.accounts import signatures
from villagedesk.core.common import fields, records
from villagedesk.core.common.dates import parse_date
from villagedesk.core.common.village import get_profile
from villagedesk.core.notices import messages, tables
from villagedesk.core.notices.model import CATEGORIES, NoticeStatus, display_status, require_notice
from villagedesk.errors import UserError
from villagedesk.store import Store

TITLE_MAX = 80
BODY_MAX = 20_000
KEEP = object()  # update_notice: leave the table as it is


def default_issuer(store: Store, category: str) -> str:
    """Who signs a notice of ``category``: the party branch for 党务公开, else the village committee."""
    profile = get_profile(store)
    name = profile.name if profile else ""
    return f"中共{name}支部委员会" if category == "党务公开" else f"{name}村民委员会"


def _clean(store: Store, values: dict) -> dict:
    category = fields.choice(values.get("category"), CATEGORIES, messages.CATEGORY_CHOICES, "category")
    title = fields.required_text(values.get("title"), TITLE_MAX, messages.TITLE_MISSING, messages.TITLE_TOO_LONG,
                                 "title")
    body = str(values.get("body") or "").strip()
    if len(body) > BODY_MAX:
        raise UserError(messages.BODY_TOO_LONG.format(limit=BODY_MAX), field="body")
    issuer = fields.text(values.get("issuer")) or default_issuer(store, category)
    issued = values.get("issued_on")
    day = parse_date(issued) if issued not in (None, "") else clock.today()
    if day is None:
        raise UserError(messages.ISSUED_ON_INVALID, field="issued_on")
    item_id = values.get("item_id") or None
    if item_id is not None:
        item = records.get(store, "disclosure_items", item_id)
        if item is None:
            raise UserError(messages.PLAN_ITEM_MISSING, field="item")
    return {"category": category, "title": title, "body": body, "issuer": issuer, "issued_on": day.isoformat(),
            "table_title": fields.text(values.get("table_title")), "item_id": item_id}


def create_notice(store: Store, *, category: str, title: str, body: str = "", issuer: str = "",
                  issued_on: date | str | None = None, table: tables.NoticeTable | None = None,
                  table_title: str = "", item_id: int | None = None, source: str = "",
                  replaces_id: int | None = None) -> dict:
    """A new draft; returns it as :func:`get_notice` reads it.

    ``table`` is built with :func:`tables.free_table`, :func:`tables.finance_statement`
    or :func:`tables.recipient_list`; ``issuer`` defaults to the village committee (the
    party branch for 党务公开), ``issued_on`` (落款日期) to today.
    """
    clean = _clean(store, {"category": category, "title": title, "body": body, "issuer": issuer,
                           "issued_on": issued_on, "table_title": table_title, "item_id": item_id})
    with store.atomic():
        row = records.insert(store, "notices", {
            **clean, **tables.table_columns(table), "source": source, "replaces_id": replaces_id, "status": NoticeStatus.DRAFT,
            "reviewer_id": None, "reviewer": None, "reviewed_on": None, "posted_on": None, "posting_days": None,
            "working_days": 0, "posting_end": None, "posted_by": None, "full_numbers": 0, "full_numbers_by": None,
            "full_numbers_at": None, "archived_on": None, "archived_reason": "",
            "drafted_by": signatures.author(store, None)})
        tables.write_rows(store, row["id"], tables.NO_TABLE, table)
    return require_notice(store, row["id"])


def refuse_unless_draft(notice: dict, today: date | None = None) -> None:
    """Editing is for drafts only; any other stage is told what to do instead."""
    if notice["status"] == NoticeStatus.DRAFT:
        return
    if notice["status"] == NoticeStatus.REVIEWED:
        raise UserError(messages.REVIEWED_NO_EDIT.format(code=notice["code"], reviewer=notice["reviewer"]))
    if notice["status"] == NoticeStatus.POSTED or notice["posted_on"]:
        raise UserError(messages.POSTED_NO_EDIT.format(
            code=notice["code"], posted_on=notice["posted_on"], display_status=display_status(notice, today)))
    raise UserError(messages.NOT_EDITABLE.format(
        code=notice["code"], state=notice["status"].removeprefix(messages.ALREADY)))


def update_notice(store: Store, notice_id: int, *, table=KEEP, **values) -> dict:
    """Change a draft: any of category, title, body, issuer, issued_on, table_title, item_id;
    ``table`` replaces the table (None removes it).  Fields not given keep their value."""
    with store.atomic():
        notice = require_notice(store, notice_id)
        refuse_unless_draft(notice)
        fields = ("category", "title", "body", "issuer", "issued_on", "table_title", "item_id")
        unknown = set(values) - set(fields)
        if unknown:
            raise TypeError(f"update_notice: unknown fields {sorted(unknown)}")
        merged = {k: values.get(k, notice[k]) for k in fields}
        changes = _clean(store, merged)
        if table is not KEEP:
            changes.update(tables.table_columns(table))
            tables.write_rows(store, notice_id, notice["table_kind"], table)
        records.update(store, "notices", notice_id, changes)
    return require_notice(store, notice_id)


def notice_table(store: Store, notice_id: int) -> tables.NoticeTable | None:
    """The table of a notice, as built by the ``tables`` functions (None when it has none)."""
    return tables.read_table(store, require_notice(store, notice_id))
