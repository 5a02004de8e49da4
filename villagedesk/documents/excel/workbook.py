"""Excel export: one sheet per kind of record, written by one generic writer.

A :class:`~villagedesk.documents.excel.spec.SheetSpec` says what a sheet holds
(see ``spec.py``); each area keeps its sheets in its own module here and
:func:`default_sheets` puts them in the township's order.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from villagedesk.documents.atomic import atomic_output
from villagedesk.documents.excel import messages
from villagedesk.documents.excel.committee import COMMITTEE_SHEETS
from villagedesk.documents.excel.meetings import meeting_sheets
from villagedesk.documents.excel.notices import notice_sheets
from villagedesk.documents.excel.points import points_sheets
from villagedesk.documents.excel.register import HOUSEHOLD_SHEETS
from villagedesk.documents.excel.requests import request_sheets
from villagedesk.documents.excel.rows import RowStream, splice
from villagedesk.documents.excel.spec import MAX_ROWS, Progress, Sheet, SheetSpec
from villagedesk.errors import UserError, os_reason
from villagedesk.store import Store

_FORMATS = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm:ss", "id": "@"}
_REPORT_EVERY = 500

def default_sheets() -> tuple[SheetSpec, ...]:
    """The workbook the township receives, in sheet order: the register first, then each area's sheets."""
    return (*HOUSEHOLD_SHEETS, *COMMITTEE_SHEETS, *points_sheets(), *meeting_sheets(), *request_sheets(),
            *notice_sheets())


# --- writing --------------------------------------------------------------

@dataclass
class _Sheet:
    ws: Any
    rows: RowStream


def _start_sheet(wb: Workbook, spec: Sheet, title: str) -> _Sheet:
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


def write_sheet(wb: Workbook, spec: Sheet, store: Store, tick: Callable[[], None]) -> list[_Sheet]:
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
    sheets: Sequence[Sheet] | None = None,
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
