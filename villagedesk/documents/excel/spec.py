"""What a sheet is: its ordered columns (Chinese header, key, kind) and the SQL that yields its rows.

The headers are a contract with the township: their sheets and formulas point at
them, so a header is never renamed or moved; new columns go at the end.  Each
area's sheets are built from these in ``documents/excel/<area>.py``.
"""

from __future__ import annotations

import dataclasses
import itertools
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from villagedesk.store import Store

Progress = Callable[[int, int], None]

# "id" is text made of digits (ID numbers, phones): written as text with the
# "@" format, so a clerk who retypes the cell in Excel keeps it text instead of
# getting 4.31322E+17 with the last digits lost.  "money" is an amount in yuan,
# shown with two decimals (0.00) as the notices print it.
KINDS = ("text", "id", "date", "datetime", "int", "number", "money")
_DEFAULT_WIDTH = {"date": 12, "datetime": 20, "int": 10, "number": 12, "money": 12}
# Excel opens at most this many rows per sheet (the header included); a longer
# sheet (a ledger of over a million entries) goes on in 积分明细（续1）, …
MAX_ROWS = 1_048_576


@dataclass(frozen=True)
class Col:
    """A column.  ``personal``: it may hold full ID numbers or phones, so a sheet that has
    it prints 内部资料 in its page header (page_setup.py)."""

    header: str
    key: str
    kind: str = "text"
    width: float | None = None
    personal: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")

    @property
    def display_width(self) -> float:
        if self.width is not None:
            return self.width
        return max(_DEFAULT_WIDTH.get(self.kind, 10), text_width(self.header) + 4)


class Sheet(Protocol):
    """What the workbook writer needs of a sheet: a SheetSpec, or one that gets its rows elsewhere
    (the township's summary and merged sheets)."""

    @property
    def title(self) -> str: ...

    @property
    def columns(self) -> tuple[Col, ...]: ...

    @property
    def lead(self) -> tuple[str, ...]:
        """Lines printed above the header row (a notice's title, number and 公示期); mostly none."""
        ...

    def count(self, store: Store) -> int: ...

    def rows(self, store: Store) -> Iterator[dict]: ...


@dataclass(frozen=True)
class SheetSpec:
    """A sheet: ``sql`` selects one row per record with a column named after each key.

    ``derive``, when given, is called with each row (a dict) and returns the
    values SQL cannot compute (e.g. a status that depends on today's date); they
    are merged into the row before it is written.  ``lead``: lines above the header
    row; the sheets the township reads have none, so their header stays row 1.
    """

    title: str
    columns: tuple[Col, ...]
    sql: str
    count_sql: str
    derive: Callable[[dict], dict] | None = None
    lead: tuple[str, ...] = ()

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    def count(self, store: Store) -> int:
        return store.scalar(self.count_sql) or 0

    def rows(self, store: Store) -> Iterator[dict]:
        cur = store.conn.execute(self.sql)
        names = [d[0] for d in cur.description]
        if self.derive is None:
            self._check_keys(names)
        for n, values in enumerate(cur):
            row = dict(zip(names, values))
            if self.derive is not None:
                row.update(self.derive(row))
                if n == 0:
                    self._check_keys(row)  # derived keys are known only once a row is made
            yield row

    def _check_keys(self, names) -> None:
        missing = {c.key for c in self.columns} - set(names)
        if missing:
            raise ValueError(f"sheet {self.title}: query lacks {sorted(missing)}")


def text_width(text: str) -> int:
    # A CJK character takes two columns in Excel's width unit.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet_page(spec: Sheet, store: Store, offset: int, limit: int) -> list[dict]:
    """Rows ``offset`` … ``offset + limit`` of a sheet, without reading the rows before them into
    Python when the sheet is one SQL query (a million-entry ledger shown a page at a time)."""
    if isinstance(spec, SheetSpec) and spec.sql and type(spec).rows is SheetSpec.rows:
        paged = f"SELECT * FROM ({spec.sql}) LIMIT {int(limit)} OFFSET {int(offset)}"
        return list(dataclasses.replace(spec, sql=paged).rows(store))
    # A sheet computed in Python (积分排名): a few rows per household, counted through.
    return list(itertools.islice(spec.rows(store), offset, offset + limit))
