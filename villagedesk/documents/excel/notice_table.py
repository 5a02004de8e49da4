"""One notice's table on its own sheet (`villagedesk export notice GK0012`), masked as it is posted.

Above the table, as on the poster: the notice's title, its 公开编号 and its 公示期,
so a printed or forwarded sheet says what it is.  The sheet is named 公示表格 (sheet
names are Chinese, as in the village workbook).  A table that shows full ID numbers
(the notice was approved for them) prints 内部资料 in its page header.
"""

from __future__ import annotations

from pathlib import Path

from villagedesk.core import notices
from villagedesk.core.common import village
from villagedesk.core.notices import masking, posting
from villagedesk.core.notices.model import is_notification
from villagedesk.core.notices.money import to_decimal
from villagedesk.core.notices.tables import FinanceStatement, FreeTable, NoticeTable
from villagedesk.documents.excel import messages
from villagedesk.documents.excel.points import ComputedSheet
from villagedesk.documents.excel.spec import Col
from villagedesk.documents.excel.workbook import export_workbook
from villagedesk.errors import UserError
from villagedesk.store import Store

SHEET_TITLE = "公示表格"


def _table_rows(table: NoticeTable, text: masking.PublicText) -> tuple[tuple[Col, ...], list[dict]]:
    """Columns and rows of ``table`` as the poster shows it; ``text`` masks what is public."""
    full = text.full_ids  # every cell may then show a number in full
    if isinstance(table, FreeTable):
        columns = tuple(Col(text(h), f"c{j}", width=16, personal=full) for j, h in enumerate(table.headers))
        return columns, [{f"c{j}": text(c) for j, c in enumerate(row)} for row in table.rows]
    if isinstance(table, FinanceStatement):
        columns = (Col("序号", "seq", "int", width=6), Col("收支", "side", width=6), Col("收支项目", "item", width=30),
                   Col("金额（元）", "amount", "money", width=14), Col("备注", "note", width=24, personal=full))
        rows = [{"seq": n, "side": x.side, "item": text(x.item), "amount": to_decimal(x.amount_fen),
                 "note": text(x.note)} for n, x in enumerate(table.lines, 1)]
        rows += [{"seq": None, "side": "合计", "item": label, "amount": to_decimal(fen), "note": ""}
                 for label, fen in table.summary()]
        return columns, rows
    columns = (Col("序号", "seq", "int", width=6), Col("姓名", "name", width=10), Col("村民小组", "group_name"),
               Col("身份证号码", "id_number", "id", width=21, personal=full),
               Col("金额（元）", "amount", "money", width=12), Col("享受原因", "reason", width=24))
    rows = [{"seq": n, "name": r.name, "group_name": r.group_name, "id_number": text.id_number(r.id_number),
             "amount": to_decimal(r.amount_fen), "reason": text(r.reason)}
            for n, r in enumerate(table.recipients, 1)]
    rows.append({"seq": None, "name": "合计", "group_name": f"共 {len(table.recipients)} 人", "id_number": "",
                 "amount": to_decimal(table.total_fen), "reason": ""})
    return columns, rows


def _lead(notice: dict, text: masking.PublicText) -> tuple[str, ...]:
    """Title, 公开编号 and 公示期 in the poster's words (a 通知 has no 公示期: docs/DOMAIN.md §4.1)."""
    lines = [text(notice["title"]), messages.NOTICE_NUMBER.format(code=notice["code"])]
    if not is_notification(notice):
        lines.append(messages.NOTICE_POSTING.format(period=posting.notice_period_text(notice))
                     if notice["posted_on"] else messages.NOTICE_NOT_POSTED)
    return tuple(lines)


def export_notice_table(store: Store, path: Path | str, notice) -> int:
    """Write the table of ``notice`` (GK0012 or 12) alone to ``path``, as the poster prints it;
    returns the number of rows written (totals included).  A notice without a table is refused."""
    notice = notices.find_notice(store, notice)
    table = notices.notice_table(store, notice["id"])
    if table is None:
        raise UserError(messages.NO_TABLE.format(code=notice["code"]))
    profile = village.get_profile(store)
    text = masking.for_notice(notice, profile.phone if profile else "")
    columns, rows = _table_rows(table, text)
    sheet = ComputedSheet(title=SHEET_TITLE, columns=columns, sql="", count_sql="", lead=_lead(notice, text),
                          produce=lambda _store: iter(rows), counter=lambda _store: len(rows))
    return export_workbook(store, path, sheets=[sheet])[SHEET_TITLE]


__all__ = ["SHEET_TITLE", "export_notice_table"]
