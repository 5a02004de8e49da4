"""Excel sheets of the notices area: 公开事项, 公开表格行, 公开异议, 公开目录; one notice's table on its own.

公开事项 has one row per notice, keyed by 公开编号 (GK0001), with its dates and its
stage on the day the workbook is written (公示期满 is derived, see core.notices).
公开表格行 has one row per table row of every notice — free-table rows, finance
lines and list entries — keyed by 公开编号 and 序号; the workbook goes to the
township, so ID numbers are in full there, as on the 人员 sheet.  公开异议 has
one row per objection, 公开目录 one per calendar item with its state.

:func:`export_notice_table` writes one notice's table as printed on the poster
(numbers masked unless the notice was approved for full ID numbers), for a
clerk who wants to send or post it elsewhere.

Headers are a contract (see ``excel``): never renamed or moved, new columns go
at the end.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

from villagedesk import clock
from villagedesk.core import notices
from villagedesk.core.notices.model import code_sql, open_objections_sql, replaced_by_sql
from villagedesk.core.notices.money import to_decimal
from villagedesk.core.notices.tables import row_count_sql
from villagedesk.documents.excel.points import ComputedSheet
from villagedesk.documents.excel.spec import Col, SheetSpec
from villagedesk.store import Store

YES, NO = "是", "否"


def _today(today: date | None) -> date:
    return today or clock.today()


# --- 公开事项 ---------------------------------------------------------------------------

NOTICE_COLUMNS = (
    Col("公开编号", "code", width=10),
    Col("类别", "category", width=11),
    Col("标题", "title", width=36),
    Col("发布单位", "issuer", width=22),
    Col("落款日期", "issued_on", "date"),
    Col("表格类型", "table_kind", width=9),
    Col("表格行数", "rows", "int"),
    Col("状态", "status", width=9),
    Col("审核人", "reviewer", width=10),
    Col("审核日期", "reviewed_on", "date"),
    Col("张贴日期", "posted_on", "date"),
    Col("公示天数", "posting_days", "int"),
    Col("按工作日计", "working_days", width=10),
    Col("公示截止日期", "posting_end", "date", width=13),
    Col("更正的公开编号", "replaces_code", width=15),
    Col("被更正为", "replaced_by_code", width=10),
    Col("公开目录事项", "item_name", width=18),
    Col("完整公开身份证号", "full_numbers", width=16),
    Col("批准人", "full_numbers_by", width=10),
    Col("批准时间", "full_numbers_at", "datetime"),
    Col("归档日期", "archived_on", "date"),
    Col("归档原因", "archived_reason", width=20),
    Col("异议数", "objections", "int", width=8),
    Col("未答复异议数", "open_objections", "int", width=12),
    Col("来源", "source", width=14),
    Col("正文", "body", width=60),
    Col("唯一标识", "uid", width=38),
    Col("更新时间", "updated_at", "datetime"),
)

def notices_sheet(today: date | None = None) -> SheetSpec:
    """公开事项 with each notice's stage as on ``today`` (default: the day it is written)."""

    def derive(row: dict) -> dict:
        return {"status": notices.display_status(row, _today(today)),
                "working_days": None if row["posting_days"] is None else (YES if row["working_days"] else NO),
                "full_numbers": YES if row["full_numbers"] else NO}

    return SheetSpec(
        title="公开事项",
        columns=NOTICE_COLUMNS,
        sql=f"""
            SELECT {code_sql('n.id')} AS code, n.category, n.title, n.issuer, n.issued_on,
                   n.table_kind, {row_count_sql('n')} AS rows, n.status, n.reviewer, n.reviewed_on, n.posted_on,
                   n.posting_days, n.working_days, n.posting_end,
                   CASE WHEN n.replaces_id IS NOT NULL THEN {code_sql('n.replaces_id')} END AS replaces_code,
                   {replaced_by_sql('n')} AS replaced_by_code,
                   (SELECT i.name FROM disclosure_items i WHERE i.id = n.item_id) AS item_name,
                   n.full_numbers, n.full_numbers_by, n.full_numbers_at, n.archived_on, n.archived_reason,
                   (SELECT count(*) FROM notice_objections o WHERE o.notice_id = n.id) AS objections,
                   {open_objections_sql('n.id')} AS open_objections,
                   n.source, n.body, n.uid, n.updated_at
            FROM notices n ORDER BY n.id""",
        count_sql="SELECT count(*) FROM notices",
        derive=derive,
    )


# --- 公开表格行 ---------------------------------------------------------------------------

ROW_COLUMNS = (
    Col("公开编号", "code", width=10),
    Col("表格类型", "table_kind", width=9),
    Col("序号", "seq", "int", width=6),
    Col("收支", "side", width=6),
    Col("收支项目", "item", width=24),
    Col("姓名", "name", width=10),
    Col("村民小组", "group_name"),
    Col("身份证号", "id_number", "id", width=21, personal=True),
    Col("人员编号", "person_code", width=13),
    Col("金额（元）", "amount", "money", width=12),
    Col("原因或备注", "reason", width=24),
    Col("表格内容", "cells", width=50),
    Col("唯一标识", "uid", width=38),
    Col("公开事项唯一标识", "notice_uid", width=38),
    Col("更新时间", "updated_at", "datetime"),
)


def _cells(row: dict) -> dict:
    """A free-table row as 列标题：内容；… — its columns differ from notice to notice."""
    if row["cells"] is None:
        return {"amount": to_decimal(row["amount_fen"])}
    pairs = zip(json.loads(row["headers"]), json.loads(row["cells"]))
    return {"cells": "；".join(f"{h}：{c}" for h, c in pairs if c), "amount": None}


TABLE_ROWS = SheetSpec(
    title="公开表格行",
    columns=ROW_COLUMNS,
    sql=f"""
        SELECT * FROM (
            SELECT {code_sql('n.id')} AS code, n.id AS notice_id, n.table_kind, r.seq,
                   NULL AS side, NULL AS item, NULL AS name, NULL AS group_name, NULL AS id_number,
                   NULL AS person_code, NULL AS amount_fen, NULL AS reason, n.table_headers AS headers, r.cells,
                   r.uid, n.uid AS notice_uid, r.updated_at
            FROM notice_free_rows r JOIN notices n ON n.id = r.notice_id
            UNION ALL
            SELECT {code_sql('n.id')}, n.id, n.table_kind, r.seq, r.side, r.item, NULL, NULL, NULL,
                   NULL, r.amount_fen, r.note, NULL, NULL, r.uid, n.uid, r.updated_at
            FROM notice_finance_lines r JOIN notices n ON n.id = r.notice_id
            UNION ALL
            SELECT {code_sql('n.id')}, n.id, n.table_kind, r.seq, NULL, NULL, r.name, r.group_name,
                   r.id_number, p.code, r.amount_fen, r.reason, NULL, NULL, r.uid, n.uid, r.updated_at
            FROM notice_recipients r JOIN notices n ON n.id = r.notice_id LEFT JOIN persons p ON p.id = r.person_id)
        ORDER BY notice_id, seq""",
    count_sql="SELECT (SELECT count(*) FROM notice_free_rows) + (SELECT count(*) FROM notice_finance_lines) "
              "+ (SELECT count(*) FROM notice_recipients)",
    derive=_cells,
)


# --- 公开异议 -----------------------------------------------------------------------------

OBJECTION_COLUMNS = (
    Col("公开编号", "code", width=10),
    Col("公示标题", "title", width=30),
    Col("收到日期", "received_on", "date"),
    Col("异议人", "raised_by", width=10),
    Col("异议内容", "content", width=40),
    Col("答复期限", "reply_due", "date"),
    Col("答复内容", "reply", width=40),
    Col("答复日期", "replied_on", "date"),
    Col("答复人", "replied_by", width=10),
    Col("状态", "state", width=10),
    Col("唯一标识", "uid", width=38),
    Col("更新时间", "updated_at", "datetime"),
)


def objection_state(row: dict, today: date) -> str:
    """已答复 / 逾期答复 / 待答复 / 已逾期, as on ``today``."""
    if row["replied_on"]:
        return "逾期答复" if row["replied_on"] > row["reply_due"] else "已答复"
    return "已逾期" if row["reply_due"] < today.isoformat() else "待答复"


def objections_sheet(today: date | None = None) -> SheetSpec:
    return SheetSpec(
        title="公开异议",
        columns=OBJECTION_COLUMNS,
        sql=f"""
            SELECT {code_sql('n.id')} AS code, n.title, o.received_on, o.raised_by, o.content,
                   o.reply_due, o.reply, o.replied_on, o.replied_by, o.uid, o.updated_at
            FROM notice_objections o JOIN notices n ON n.id = o.notice_id ORDER BY o.received_on, o.id""",
        count_sql="SELECT count(*) FROM notice_objections",
        derive=lambda row: {"state": objection_state(row, _today(today))},
    )


# --- 公开目录 -----------------------------------------------------------------------------

CALENDAR_COLUMNS = (
    Col("公开事项", "name", width=20),
    Col("类别", "category", width=11),
    Col("频次", "frequency", width=11),
    Col("固定公开日", "due_day", "int", width=11),
    Col("公开要求", "schedule", width=18),
    Col("本期", "period", width=16),
    Col("本期截止日期", "deadline", "date", width=13),
    Col("最近公开日期", "last_posted", "date", width=13),
    Col("最近公开编号", "last_notice", width=13),
    Col("状态", "state", width=10),
    Col("逾期天数", "days_overdue", "int"),
    Col("备注", "note", width=20),
    Col("唯一标识", "uid", width=38),
    Col("更新时间", "updated_at", "datetime"),
)


def calendar_sheet(today: date | None = None) -> SheetSpec:
    """公开目录: each calendar item (not taken off) with its state as on ``today``."""

    def produce(store: Store) -> Iterator[dict]:
        for s in notices.calendar(store, _today(today)):
            item = s.item
            yield {"name": item["name"], "category": item["category"], "frequency": item["frequency"],
                   "due_day": item["due_day"], "schedule": s.schedule,
                   "period": s.period.label.replace(" ", "") if s.period else "", "deadline": s.deadline,
                   "last_posted": s.last_posted, "last_notice": s.last_notice, "state": s.state,
                   "days_overdue": s.days_overdue or None, "note": item["note"], "uid": item["uid"],
                   "updated_at": item["updated_at"]}

    return ComputedSheet(title="公开目录", columns=CALENDAR_COLUMNS, sql="", count_sql="", produce=produce,
                         counter=lambda store: len(notices.items(store)))


def notice_sheets(today: date | None = None) -> tuple[SheetSpec, ...]:
    """The notices sheets with stages and overdue states as on ``today``."""
    return (notices_sheet(today), TABLE_ROWS, objections_sheet(today), calendar_sheet(today))


# In workbook order; states as on the day the workbook is written.
NOTICE_SHEETS: tuple[SheetSpec, ...] = notice_sheets()


__all__ = ["CALENDAR_COLUMNS", "NOTICE_COLUMNS", "NOTICE_SHEETS", "OBJECTION_COLUMNS", "ROW_COLUMNS", "TABLE_ROWS",
           "calendar_sheet", "notice_sheets", "notices_sheet", "objection_state",
           "objections_sheet"]
