"""Excel export: one sheet per kind of record, written by one generic writer.

A :class:`~villagedesk.documents.excel.spec.SheetSpec` says what a sheet holds
(see ``spec.py``); each area keeps its sheets in its own module here and
:func:`default_sheets` puts them in the township's order.
"""

from __future__ import annotations

import contextlib
import io
import math
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from villagedesk.documents import protect
from villagedesk.documents.atomic import atomic_output
from villagedesk.documents.excel import messages
from villagedesk.documents.excel.committee import COMMITTEE_SHEETS
from villagedesk.documents.excel.meetings import meeting_sheets
from villagedesk.documents.excel.notices import notice_sheets
from villagedesk.documents.excel.page_setup import (
    is_internal,
    printed,
    printed_width,
    set_print_area,
    set_up_page,
)
from villagedesk.documents.excel.points import points_sheets
from villagedesk.documents.excel.register import HOUSEHOLD_SHEETS
from villagedesk.documents.excel.requests import request_sheets
from villagedesk.documents.excel.rows import RowStream, looks_like_formula, splice
from villagedesk.documents.excel.spec import MAX_ROWS, Col, Progress, Sheet, SheetSpec, text_width
from villagedesk.errors import UserError, os_reason
from villagedesk.store import Store

_FORMATS = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm:ss", "id": "@", "money": "0.00"}
_REPORT_EVERY = 500
Scratch = Callable[[], IO[bytes]]

def default_sheets() -> tuple[SheetSpec, ...]:
    """The workbook the township receives, in sheet order: the register first, then each area's sheets."""
    return (*HOUSEHOLD_SHEETS, *COMMITTEE_SHEETS, *points_sheets(), *meeting_sheets(), *request_sheets(),
            *notice_sheets())


# --- writing --------------------------------------------------------------

@dataclass
class _Sheet:
    ws: Any
    rows: RowStream
    columns: tuple[Col, ...]
    header_row: int = 1


def _start_sheet(wb: Workbook, spec: Sheet, title: str, scratch: Scratch | None = None) -> _Sheet:
    ws = wb.create_sheet(title)
    header_row = len(spec.lead) + 1
    # Views, column widths and the page set-up go out before the first row in write-only mode.
    ws.freeze_panes = f"A{header_row + 1}"
    set_up_page(ws, spec.columns, header_row)
    for index, col in enumerate(spec.columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = col.display_width
    if spec.lead:
        _write_lead(ws, spec)
    bold = Font(bold=True)
    # A header wider than its column (a narrow figure under a long name) wraps instead of being cut.
    wrap = Alignment(wrap_text=True, vertical="center")
    header = []
    for col in spec.columns:
        cell = text_cell(ws, col.header)
        cell.font, cell.alignment = bold, wrap
        header.append(cell)
    ws.append(header)
    return _Sheet(ws, RowStream(ws, tuple(c.kind for c in spec.columns), _FORMATS, header_row + 1, scratch),
                  spec.columns, header_row)


def _write_lead(ws, spec: Sheet) -> None:
    """The lines above the header: the first a centred title across the table, the rest plain."""
    width = printed_width(spec.columns)
    last = get_column_letter(printed(spec.columns))
    for n, line in enumerate(spec.lead, 1):
        cell = text_cell(ws, line)
        if n == 1:
            cell.font = Font(bold=True, size=14)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            ws.merged_cells.add(f"A1:{last}1")
            # A merged cell does not grow with its text: the title's row gets the height of its lines.
            lines = max(1, math.ceil(text_width(line) * 14 / 11 / width))
            ws.row_dimensions[1].height = 22 * lines
        ws.append([cell])


def text_cell(ws, value: str) -> Any:
    """A header or lead cell holding ``value`` as text, even when it looks like a formula
    (openpyxl takes any string starting with "=" for one)."""
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    if looks_like_formula(value):
        cell.quotePrefix = True
    return cell


def _close_sheet(sheet: _Sheet, width: int) -> None:
    # The filter is set once the rows are counted, so its range is exact.
    top = sheet.header_row
    sheet.ws.auto_filter.ref = f"A{top}:{get_column_letter(width)}{sheet.rows.rows + top}"
    set_print_area(sheet.ws, sheet.columns, sheet.rows.rows + top)
    sheet.rows.finish()


def write_sheet(wb: Workbook, spec: Sheet, store: Store, tick: Callable[[], None],
                scratch: Scratch | None = None) -> list[_Sheet]:
    """Add ``spec`` to the write-only ``wb``: its header through openpyxl, its rows into streams
    (kept in files ``scratch`` makes: see :class:`RowStream`).

    Rows beyond Excel's limit go on in continuation sheets (``户（续1）`` …) with
    the same header; one :class:`_Sheet` is returned for each sheet made.
    """
    sheets = [_start_sheet(wb, spec, spec.title, scratch)]
    keys = tuple(c.key for c in spec.columns)
    written = 0
    room = MAX_ROWS - sheets[0].header_row  # data rows a sheet takes below its lead lines and header
    for row in spec.rows(store):
        if sheets[-1].rows.rows == room:
            _close_sheet(sheets[-1], len(keys))
            sheets.append(_start_sheet(wb, spec, f"{spec.title}（续{written // room}）", scratch))
        sheets[-1].rows.append([row[key] for key in keys])
        written += 1
        tick()
    _close_sheet(sheets[-1], len(keys))
    return sheets


def export_workbook(
    store: Store,
    path: Path | str,
    *,
    sheets: Sequence[Sheet] | None = None,
    progress: Progress | None = None,
    password: protect.OpenPassword | None = None,
) -> dict[str, int]:
    """Write ``sheets`` (default: :data:`SHEETS`) to ``path`` atomically; returns rows written per sheet title.

    ``progress(done, total)`` may raise :class:`Cancelled`: then no file is
    left behind and an existing file at ``path`` is untouched.  ``password``
    encrypts the file (documents/protect.py); it is refused for sheets that hold
    no full ID numbers.  The workbook is then made in memory, rows and all, so
    nothing of it reaches a disk in clear.
    """
    path = Path(path)
    sheets = default_sheets() if sheets is None else sheets
    password = protect.for_export(password, full_ids=any(is_internal(spec.columns) for spec in sheets),
                                  what=messages.WORKBOOK)
    scratch: Scratch | None = io.BytesIO if password else None
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
            parts = write_sheet(wb, spec, store, tick, scratch)
            made.extend(parts)
            written[spec.title] = sum(part.rows.rows for part in parts)
        if progress is not None:
            progress(total, total)
        with (scratch or _book_frame)() as frame:
            wb.save(frame)  # the workbook without its rows: small
            frame.seek(0)
            # ws.path is known only once openpyxl has numbered the sheets in save().
            streams = {sheet.ws.path.lstrip("/"): sheet.rows for sheet in made}
            if password is None:
                with atomic_output(path, failed=partial(_save_error, path)) as out:
                    splice(frame, out, streams)
            else:
                with io.BytesIO() as plain:
                    splice(frame, plain, streams)
                    for sheet in made:  # the rows are in the workbook now: their memory goes before encrypting
                        sheet.rows.close()
                    with atomic_output(path, failed=partial(_save_error, path)) as out:
                        protect.encrypt_workbook(plain, password, out)
    except BaseException:
        _discard(wb)
        raise
    finally:
        for sheet in made:
            sheet.rows.close()
    return written


def _book_frame() -> IO[bytes]:
    return tempfile.TemporaryFile(prefix="villagedesk-book-")


def _save_error(path: Path, exc: OSError) -> UserError:
    return UserError(
        messages.CANNOT_SAVE.format(path=path, reason=os_reason(exc))
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


__all__ = ["default_sheets", "export_workbook", "write_sheet"]
