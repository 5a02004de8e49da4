"""Excel export: one sheet per kind of record, written by one generic writer.

A :class:`SheetSpec` says what a sheet holds: its title, its ordered columns
(Chinese header, key, kind) and the SQL that yields one row per record.  The
headers are a contract with the township: their sheets and formulas point at
them, so a header is never renamed or moved; new columns go at the end.
Later areas put their specs in their own module (e.g. ``excel_committee``)
and add them to :func:`default_sheets`, which :data:`SHEETS` stands for.
"""

from __future__ import annotations

import contextlib
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from villagedesk.documents.atomic import atomic_output
from villagedesk.documents.excel_rows import RowStream, splice
from villagedesk.errors import UserError, os_reason
from villagedesk.store import Store

Progress = Callable[[int, int], None]

# "id" is text made of digits (ID numbers, phones): written as text with the
# "@" format, so a clerk who retypes the cell in Excel keeps it text instead of
# getting 4.31322E+17 with the last digits lost.
KINDS = ("text", "id", "date", "datetime", "int", "number")
_FORMATS = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm:ss", "id": "@"}
_DEFAULT_WIDTH = {"date": 12, "datetime": 20, "int": 10, "number": 12}
_REPORT_EVERY = 500
# Excel opens at most this many rows per sheet (the header included); a longer
# sheet (a ledger of over a million entries) goes on in 积分明细（续1）, …
MAX_ROWS = 1_048_576


@dataclass(frozen=True)
class Col:
    header: str
    key: str
    kind: str = "text"
    width: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")

    @property
    def display_width(self) -> float:
        if self.width is not None:
            return self.width
        return max(_DEFAULT_WIDTH.get(self.kind, 10), _text_width(self.header) + 4)


@dataclass(frozen=True)
class SheetSpec:
    """A sheet: ``sql`` selects one row per record with a column named after each key.

    ``derive``, when given, is called with each row (a dict) and returns the
    values SQL cannot compute (e.g. a status that depends on today's date); they
    are merged into the row before it is written.
    """

    title: str
    columns: tuple[Col, ...]
    sql: str
    count_sql: str
    derive: Callable[[dict], dict] | None = None

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


def _text_width(text: str) -> int:
    # A CJK character takes two columns in Excel's width unit.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_STATUS = "CASE {t}.archived WHEN 1 THEN '已归档' ELSE '在册' END"
# Codes grow past HH999, so sort by length first to keep HH1000 after HH999.
_CODE_ORDER = "length({t}.code), {t}.code"

HOUSEHOLDS = SheetSpec(
    title="户",
    columns=(
        Col("户编号", "code", width=10),
        Col("户主", "head_name", width=10),
        Col("村民小组", "group_name"),
        Col("住址", "address", width=30),
        Col("联系电话", "phone", "id", width=15),
        Col("在册人数", "member_count", "int"),
        Col("状态", "status", width=8),
        Col("归档原因", "archived_reason", width=16),
        Col("唯一标识", "uid", width=38),
        Col("更新时间", "updated_at", "datetime"),
    ),
    # An archived household has only archived members: name its last head then.
    sql=f"""
        SELECT h.code, h.group_name, h.address, h.phone, h.archived_reason, h.uid, h.updated_at,
               (SELECT name FROM persons hp WHERE hp.household_id = h.id AND hp.relation = '户主'
                ORDER BY hp.archived, hp.id DESC LIMIT 1) AS head_name,
               (SELECT count(*) FROM persons mp WHERE mp.household_id = h.id AND mp.archived = 0)
                AS member_count,
               {_STATUS.format(t="h")} AS status
        FROM households h ORDER BY {_CODE_ORDER.format(t="h")}""",
    count_sql="SELECT count(*) FROM households",
)

PERSONS = SheetSpec(
    title="人员",
    columns=(
        Col("人员编号", "code", width=13),
        Col("户编号", "household_code", width=10),
        Col("姓名", "name", width=10),
        Col("性别", "gender", width=6),
        Col("民族", "ethnicity", width=8),
        Col("出生日期", "birth_date", "date"),
        Col("身份证号", "id_number", "id", width=21),
        Col("与户主关系", "relation"),
        Col("联系电话", "phone", "id", width=15),
        Col("文化程度", "education"),
        Col("政治面貌", "political", width=14),
        Col("状态", "status", width=8),
        Col("归档原因", "archived_reason", width=16),
        Col("唯一标识", "uid", width=38),
        Col("更新时间", "updated_at", "datetime"),
    ),
    sql=f"""
        SELECT p.code, h.code AS household_code, p.name, p.gender, p.ethnicity, p.birth_date,
               p.id_number, p.relation, p.phone, p.education, p.political,
               {_STATUS.format(t="p")} AS status, p.archived_reason, p.uid, p.updated_at
        FROM persons p JOIN households h ON h.id = p.household_id
        ORDER BY {_CODE_ORDER.format(t="h")}, {_CODE_ORDER.format(t="p")}""",
    count_sql="SELECT count(*) FROM persons",
)

HOUSEHOLD_SHEETS: tuple[SheetSpec, ...] = (HOUSEHOLDS, PERSONS)


def default_sheets() -> tuple[SheetSpec, ...]:
    """The workbook the township receives, in sheet order: the register first, then each area's sheets.

    Area modules build their specs from :class:`Col` and :class:`SheetSpec` above,
    so they are imported here, when first needed, rather than at the top.
    """
    from villagedesk.documents.excel_committee import COMMITTEE_SHEETS
    from villagedesk.documents.excel_meetings import meeting_sheets
    from villagedesk.documents.excel_notices import notice_sheets
    from villagedesk.documents.excel_points import points_sheets

    return (*HOUSEHOLD_SHEETS, *COMMITTEE_SHEETS, *points_sheets(), *meeting_sheets(), *notice_sheets())


def __getattr__(name: str):
    # ``SHEETS`` is the default workbook, resolved on first use (see default_sheets).
    if name == "SHEETS":
        return default_sheets()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- writing --------------------------------------------------------------

@dataclass
class _Sheet:
    ws: Any
    rows: RowStream


def _start_sheet(wb: Workbook, spec: SheetSpec, title: str) -> _Sheet:
    ws = wb.create_sheet(title)
    # Views and column widths go out before the first row in write-only mode.
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    for index, col in enumerate(spec.columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = col.display_width
    bold = Font(bold=True)
    header = []
    for col in spec.columns:
        cell = WriteOnlyCell(ws, value=col.header)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    return _Sheet(ws, RowStream(ws, tuple(c.kind for c in spec.columns), _FORMATS))


def _close_sheet(sheet: _Sheet, width: int) -> None:
    # The filter is set once the rows are counted, so its range is exact.
    sheet.ws.auto_filter.ref = f"A1:{get_column_letter(width)}{sheet.rows.rows + 1}"
    sheet.rows.finish()


def write_sheet(wb: Workbook, spec: SheetSpec, store: Store, tick: Callable[[], None]) -> list[_Sheet]:
    """Add ``spec`` to the write-only ``wb``: its header through openpyxl, its rows into streams.

    Rows beyond Excel's limit go on in continuation sheets (``户（续1）`` …) with
    the same header; one :class:`_Sheet` is returned for each sheet made.
    """
    sheets = [_start_sheet(wb, spec, spec.title)]
    keys = tuple(c.key for c in spec.columns)
    written = 0
    for row in spec.rows(store):
        if sheets[-1].rows.rows == MAX_ROWS - 1:
            _close_sheet(sheets[-1], len(keys))
            sheets.append(_start_sheet(wb, spec, f"{spec.title}（续{written // (MAX_ROWS - 1)}）"))
        sheets[-1].rows.append([row[key] for key in keys])
        written += 1
        tick()
    _close_sheet(sheets[-1], len(keys))
    return sheets


def export_workbook(
    store: Store,
    path: Path | str,
    *,
    sheets: Sequence[SheetSpec] | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write ``sheets`` (default: :data:`SHEETS`) to ``path`` atomically; returns rows written per sheet title.

    ``progress(done, total)`` may raise :class:`Cancelled`: then no file is
    left behind and an existing file at ``path`` is untouched.
    """
    path = Path(path)
    sheets = default_sheets() if sheets is None else sheets
    total = sum(spec.count(store) for spec in sheets)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and done % _REPORT_EVERY == 0:
            progress(done, total)

    if progress is not None:
        progress(0, total)
    wb = Workbook(write_only=True)
    written: dict[str, int] = {}
    made: list[_Sheet] = []
    try:
        for spec in sheets:
            parts = write_sheet(wb, spec, store, tick)
            made.extend(parts)
            written[spec.title] = sum(part.rows.rows for part in parts)
        if progress is not None:
            progress(total, total)
        with tempfile.TemporaryFile(prefix="villagedesk-book-") as frame:
            wb.save(frame)  # the workbook without its rows: small
            frame.seek(0)
            # ws.path is known only once openpyxl has numbered the sheets in save().
            streams = {sheet.ws.path.lstrip("/"): sheet.rows for sheet in made}
            with atomic_output(path, failed=partial(_save_error, path)) as out:
                splice(frame, out, streams)
    except BaseException:
        _discard(wb)
        raise
    finally:
        for sheet in made:
            sheet.rows.close()
    return written


def _save_error(path: Path, exc: OSError) -> UserError:
    return UserError(
        f"无法保存文件 {path}（{os_reason(exc)}）。请检查文件夹是否存在、磁盘空间和权限；"
        "如果该文件正在 Excel 或 WPS 中打开，请先关闭再试。"
    )


def _discard(wb: Workbook) -> None:
    # openpyxl buffers each write-only sheet in a temp file that only save()
    # removes; a cancelled export must not leave them until the program exits.
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):
            ws.close()
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()


__all__ = ["Col", "HOUSEHOLDS", "HOUSEHOLD_SHEETS", "PERSONS", "SheetSpec", "default_sheets",
           "export_workbook", "write_sheet"]
