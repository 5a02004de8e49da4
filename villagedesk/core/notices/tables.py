"""The one table a notice may carry: a free table, a finance statement or a recipient list.

Each kind is a frozen value built from what the clerk typed by its ``*_from``
function, which refuses bad input with the row it is on (第 3 行：…).  A table
is written with its notice (:func:`write_table`) and read back with
:func:`read_table`; only a draft's table can change (the database refuses the
rest, see the 0005 migration).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from villagedesk.core.common import fields, ids, records
from villagedesk.core.notices import messages
from villagedesk.core.notices.model import FINANCE, FREE, NO_TABLE, RECIPIENTS
from villagedesk.core.notices.money import parse_yuan
from villagedesk.errors import UserError
from villagedesk.store import Store

INCOME, EXPENSE = "收入", "支出"
SIDES = (INCOME, EXPENSE)
MAX_COLUMNS = 12
MAX_ROWS = 5000
FIELD = "table"


def _row_error(n: int, message: str) -> UserError:
    return UserError(messages.TABLE_ROW.format(n=n, message=message), field=FIELD)


def _too_many(rows: Sequence) -> None:
    if len(rows) > MAX_ROWS:
        raise UserError(messages.TABLE_TOO_MANY_ROWS.format(limit=MAX_ROWS, count=len(rows)), field=FIELD)


# --- free table -------------------------------------------------------------------------

@dataclass(frozen=True)
class FreeTable:
    """Headers and rows of text, every row as long as the headers."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    kind = FREE


def free_table(headers: Iterable, rows: Iterable[Iterable]) -> FreeTable:
    """A free table; empty rows are dropped, short rows padded, rows longer than the headers refused."""
    heads = [fields.text(h) for h in headers]
    while heads and not heads[-1]:
        heads.pop()
    if not heads:
        raise UserError(messages.TABLE_HEADERS_MISSING, field=FIELD)
    if len(heads) > MAX_COLUMNS:
        raise UserError(messages.TABLE_TOO_MANY_COLUMNS.format(
            limit=MAX_COLUMNS, count=len(heads)), field=FIELD)
    if "" in heads:
        raise UserError(messages.TABLE_HEADER_EMPTY.format(column=heads.index('') + 1), field=FIELD)
    clean = []
    for n, row in enumerate(rows, 1):
        cells = [fields.text(c) for c in row]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if len(cells) > len(heads):
            raise _row_error(n, messages.ROW_TOO_LONG.format(cells=len(cells), heads=len(heads)))
        clean.append(tuple(cells + [""] * (len(heads) - len(cells))))
    _too_many(clean)
    return FreeTable(tuple(heads), tuple(clean))


# --- finance statement ------------------------------------------------------------------

@dataclass(frozen=True)
class FinanceLine:
    side: str  # 收入 / 支出
    item: str
    amount_fen: int
    note: str = ""


@dataclass(frozen=True)
class FinanceStatement:
    """收入 and 支出 lines in fen; the totals are computed, never typed.

    ``opening_fen`` is 上期结余 (may be negative, or None when not given);
    ``closing_fen`` is then 本期期末余额.
    """

    lines: tuple[FinanceLine, ...]
    opening_fen: int | None = None
    kind = FINANCE

    def side(self, side: str) -> list[FinanceLine]:
        return [line for line in self.lines if line.side == side]

    @property
    def income_fen(self) -> int:
        return sum(line.amount_fen for line in self.side(INCOME))

    @property
    def expense_fen(self) -> int:
        return sum(line.amount_fen for line in self.side(EXPENSE))

    @property
    def net_fen(self) -> int:
        """本期结余: income less expenditure of the period."""
        return self.income_fen - self.expense_fen

    @property
    def closing_fen(self) -> int | None:
        return None if self.opening_fen is None else self.opening_fen + self.net_fen

    def summary(self) -> list[tuple[str, int]]:
        """The totals under the lines, as the poster and the exported table print them."""
        rows = [("上期结余", self.opening_fen)] if self.opening_fen is not None else []
        rows += [("本期收入合计", self.income_fen), ("本期支出合计", self.expense_fen),
                 ("本期收支结余（收入－支出）", self.net_fen)]
        if self.closing_fen is not None:
            rows.append(("期末余额（上期结余＋本期收支结余）", self.closing_fen))
        return rows


def _get(row, key: str, index: int):
    if isinstance(row, Mapping):
        return row.get(key)
    return row[index] if index < len(row) else None


def finance_statement(lines: Iterable, opening=None) -> FinanceStatement:
    """Lines as mappings (side, item, amount, note) or sequences in that order; amounts in yuan."""
    clean = []
    for n, row in enumerate(lines, 1):
        side, item = fields.text(_get(row, "side", 0)), fields.text(_get(row, "item", 1))
        amount, note = _get(row, "amount", 2), fields.text(_get(row, "note", 3))
        if not side and not item and fields.text(amount) == "" and not note:
            continue
        if side not in SIDES:
            raise _row_error(n, messages.ROW_SIDE_MISSING)
        if not item:
            raise _row_error(n, messages.ROW_ITEM_MISSING)
        fen = parse_yuan(amount, messages.ROW_ITEM_AMOUNT.format(item=item), FIELD)
        clean.append(FinanceLine(side, item, fen, note))
    _too_many(clean)
    opening_fen = None
    if fields.text(opening):
        opening_fen = parse_yuan(opening, "上期结余", "opening", allow_negative=True)
    return FinanceStatement(tuple(clean), opening_fen)


# --- recipient list ---------------------------------------------------------------------

@dataclass(frozen=True)
class Recipient:
    name: str
    group_name: str
    id_number: str  # '' when not on file
    amount_fen: int
    reason: str = ""
    person_id: int | None = None


@dataclass(frozen=True)
class RecipientList:
    recipients: tuple[Recipient, ...]
    kind = RECIPIENTS

    @property
    def total_fen(self) -> int:
        return sum(r.amount_fen for r in self.recipients)


_PERSON = """SELECT p.id, p.name, p.id_number, p.archived, h.group_name FROM persons p
             JOIN households h ON h.id = p.household_id WHERE p.id = ?"""


def recipient_list(store: Store, rows: Iterable[Mapping]) -> RecipientList:
    """Rows with ``amount`` and ``reason``, and either ``person_id`` (from the register: name,
    组 and ID number are taken from it) or ``name``, ``group_name`` and ``id_number`` as typed.

    An ID number must pass its check digit; one person appears once.
    """
    clean: list[Recipient] = []
    seen_people: set[int] = set()
    seen_ids: set[str] = set()
    for n, row in enumerate(rows, 1):
        person_id = row.get("person_id") or None
        if person_id is None and not any(fields.text(row.get(k)) for k in ("name", "id_number", "amount", "reason")):
            continue
        if person_id is not None:
            person = store.row(_PERSON, (person_id,))
            if person is None:
                raise _row_error(n, messages.ROW_PERSON_NOT_FOUND)
            if person["archived"]:
                raise _row_error(n, messages.ROW_PERSON_ARCHIVED.format(name=person["name"]))
            if person_id in seen_people:
                raise _row_error(n, messages.ROW_PERSON_TWICE.format(name=person["name"]))
            seen_people.add(person_id)
            name, group, number = person["name"], person["group_name"], person["id_number"] or ""
        else:
            name, group = fields.text(row.get("name")), fields.text(row.get("group_name"))
            number = ids.normalize_id(fields.text(row.get("id_number")))
            if not name:
                raise _row_error(n, messages.ROW_NAME_MISSING)
            if number:
                problem = ids.id_number_problem(number)
                if problem:
                    raise _row_error(n, messages.ROW_ID_PROBLEM.format(name=name, problem=problem))
        if number:
            if number in seen_ids:
                raise _row_error(n, messages.ROW_ID_TWICE.format(name=name))
            seen_ids.add(number)
        fen = parse_yuan(row.get("amount"), messages.ROW_PERSON_AMOUNT.format(name=name), FIELD)
        if fen == 0:
            raise _row_error(n, messages.ROW_AMOUNT_NOT_POSITIVE.format(name=name))
        clean.append(Recipient(name, group, number, fen, fields.text(row.get("reason")), person_id))
    _too_many(clean)
    return RecipientList(tuple(clean))


NoticeTable = FreeTable | FinanceStatement | RecipientList


# --- storage ------------------------------------------------------------------------------

ROW_TABLES = {FREE: "notice_free_rows", FINANCE: "notice_finance_lines", RECIPIENTS: "notice_recipients"}


def row_count_sql(alias: str) -> str:
    """How many table rows the notices row ``alias`` has, as an SQL expression (lists and sheets)."""
    return " + ".join(f"(SELECT count(*) FROM {t} r WHERE r.notice_id = {alias}.id)" for t in ROW_TABLES.values())


def _rows_of(table: NoticeTable) -> list[dict]:
    if isinstance(table, FreeTable):
        return [{"cells": json.dumps(list(r), ensure_ascii=False)} for r in table.rows]
    if isinstance(table, FinanceStatement):
        return [{"side": x.side, "item": x.item, "amount_fen": x.amount_fen, "note": x.note} for x in table.lines]
    return [{"person_id": r.person_id, "name": r.name, "group_name": r.group_name, "id_number": r.id_number,
             "amount_fen": r.amount_fen, "reason": r.reason} for r in table.recipients]


def table_columns(table: NoticeTable | None) -> dict:
    """The notice's own columns that describe its table."""
    if table is None:
        return {"table_kind": NO_TABLE, "table_headers": None, "opening_fen": None}
    headers = json.dumps(list(table.headers), ensure_ascii=False) if isinstance(table, FreeTable) else None
    opening = table.opening_fen if isinstance(table, FinanceStatement) else None
    return {"table_kind": table.kind, "table_headers": headers, "opening_fen": opening}


def write_rows(store: Store, notice_id: int, old_kind: str, table: NoticeTable | None) -> None:
    """Make the stored rows of draft ``notice_id`` those of ``table``.

    Row by row: a row that did not change writes nothing, a changed one is an
    audited update, and rows beyond the new end are deleted with an audit row
    each (a draft is the clerk's own work in progress).
    """
    new_kind = table.kind if table is not None else NO_TABLE
    with store.atomic():
        if old_kind in ROW_TABLES and old_kind != new_kind:
            old_table = ROW_TABLES[old_kind]
            for row in store.rows(f"SELECT * FROM [{old_table}] WHERE notice_id = ?", (notice_id,)):
                records.delete(store, old_table, row)
        if table is None:
            return
        name = ROW_TABLES[new_kind]
        stored = store.rows(f"SELECT * FROM [{name}] WHERE notice_id = ? ORDER BY seq", (notice_id,))
        wanted = _rows_of(table)
        for old, new in zip(stored, wanted):
            records.update(store, name, old["id"], new)
        for old in stored[len(wanted):]:
            records.delete(store, name, old)
        extra = wanted[len(stored):]
        if extra:
            records.insert_many(store, name, [{"notice_id": notice_id, "seq": len(stored) + k, **values}
                                                    for k, values in enumerate(extra, 1)])


def read_table(store: Store, notice: dict) -> NoticeTable | None:
    """The table of ``notice`` (a row as :func:`get_notice` returns it), or None."""
    kind = notice["table_kind"]
    if kind == NO_TABLE:
        return None
    rows = store.rows(f"SELECT * FROM [{ROW_TABLES[kind]}] WHERE notice_id = ? ORDER BY seq", (notice["id"],))
    if kind == FREE:
        return FreeTable(tuple(json.loads(notice["table_headers"])), tuple(tuple(json.loads(r["cells"])) for r in rows))
    if kind == FINANCE:
        return FinanceStatement(tuple(FinanceLine(r["side"], r["item"], r["amount_fen"], r["note"]) for r in rows),
                                notice["opening_fen"])
    return RecipientList(tuple(Recipient(r["name"], r["group_name"], r["id_number"], r["amount_fen"], r["reason"],
                                         r["person_id"]) for r in rows))


def row_count(table: NoticeTable | None) -> int:
    if table is None:
        return 0
    if isinstance(table, FreeTable):
        return len(table.rows)
    if isinstance(table, FinanceStatement):
        return len(table.lines)
    return len(table.recipients)
