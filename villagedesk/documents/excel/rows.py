"""The data rows of an exported sheet, streamed as SpreadsheetML and spliced into openpyxl's workbook.

openpyxl builds every cell as an object and serialises it through lxml: about
16 µs a cell here, so the 积分明细 sheet of a ten-year ledger (a million rows of
twenty cells) took ten minutes, and XlsxWriter's constant-memory mode measured
only 1.5× faster.  So openpyxl still writes the workbook — styles, the header
row, column widths, frozen panes, print titles, filters — while the rows of
every sheet are rendered here as plain ``<row>`` elements (about 20 µs a *row*)
into a compressed temporary file, and copied into the sheet's ``<sheetData>``
when the workbook is saved.

The cell styles come from openpyxl too: :meth:`RowStream.style_id` registers a
number format with the workbook and returns the index openpyxl will write into
``styles.xml``, so a date cell here points at the very format openpyxl defines.
Strings are written inline (``t="inlineStr"``): a shared-string table would hold
every uid and hash of a million entries in memory.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import lru_cache
from typing import IO, Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

# Excel refuses to open a file with a longer cell.
MAX_CELL_TEXT = 32_767
_NEEDS_CARE = re.compile(r"[&<>]|" + ILLEGAL_CHARACTERS_RE.pattern)
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_CHUNK = 1 << 20
# Text a spreadsheet program reads as a formula once a clerk edits the cell (or, written
# through openpyxl, at once: a free-table header "=户主" showed #NAME?).  Such text is
# written as a string with the quote-prefix style (Excel's leading apostrophe).
FORMULA_START = ("=", "+", "-", "@")


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def _text(value: str, style: str, quoted: str) -> str:
    if len(value) > MAX_CELL_TEXT:
        value = value[:MAX_CELL_TEXT]
    if _NEEDS_CARE.search(value):
        # Control characters (a stray \x07 pasted into a note) are not allowed in XML at all.
        value = ILLEGAL_CHARACTERS_RE.sub("", value).translate(_ESCAPES)
    if value.startswith(FORMULA_START):
        style = quoted
    if value[:1].isspace() or value[-1:].isspace():
        return f'{style} t="inlineStr"><is><t xml:space="preserve">{value}</t></is></c>'
    return f'{style} t="inlineStr"><is><t>{value}</t></is></c>'


@lru_cache(maxsize=8192)
def _date_serial(text: str) -> float:
    # Dates repeat across a ledger (entry and review days): parse each once.
    return to_excel(date.fromisoformat(text))


# Each renderer gets the value and the column's two style attributes (its own, and the
# same with the quote prefix) and returns the rest of the <c> element.

def _render_text(value, style: str, quoted: str) -> str:
    return _text(str(value), style, quoted)


def _render_date(value, style: str, quoted: str) -> str:
    try:
        return f"{style}><v>{_date_serial(str(value)[:10])}</v></c>"
    except ValueError:
        return _text(str(value), style, quoted)  # a malformed stored value is still shown, as the text it is


def _render_datetime(value, style: str, quoted: str) -> str:
    try:
        return f"{style}><v>{to_excel(datetime.fromisoformat(str(value)))}</v></c>"
    except ValueError:
        return _text(str(value), style, quoted)


def _render_number(convert):
    def render(value, style: str, quoted: str) -> str:
        try:
            return f"{style}><v>{convert(value)!r}</v></c>"
        except (TypeError, ValueError, ArithmeticError):
            return _text(str(value), style, quoted)

    return render


_RENDER = {"text": _render_text, "id": _render_text, "date": _render_date,
           "datetime": _render_datetime, "int": _render_number(int), "number": _render_number(float),
           "money": _render_number(float)}


class RowStream:
    """The rows of one sheet (from row 2 on), rendered into a zlib-compressed temporary file.

    ``kinds`` are the columns' kinds (``text``, ``id``, ``date``, ``datetime``,
    ``int``, ``number``, ``money``); ``formats`` maps a kind to its number format.
    Values arrive as SQLite gives them: ISO text for dates, ``None`` or ``""`` for
    blanks.  The first data row is ``first_row`` (the header is the row above).
    ``scratch`` makes the file the rows are kept in (a temporary file by default; memory
    for a workbook with a password, whose rows must never reach a disk in clear).
    """

    def __init__(self, ws, kinds: tuple[str, ...], formats: dict[str, str], first_row: int = 2,
                 scratch: Callable[[], IO[bytes]] | None = None):
        self.rows = 0
        self._offset = first_row - 1
        styles = {kind: (f' s="{self.style_id(ws, fmt)}"', f' s="{self.style_id(ws, fmt, quoted=True)}"')
                  for kind, fmt in formats.items()}
        general = ("", f' s="{self.style_id(ws, "General", quoted=True)}"')
        self._columns = [(get_column_letter(i), *styles.get(k, general), _RENDER[k])
                         for i, k in enumerate(kinds, 1)]
        self._file: IO[bytes] = scratch() if scratch else tempfile.TemporaryFile(prefix="villagedesk-rows-")
        self._zip = zlib.compressobj(1)
        self._pending: list[str] = []

    @staticmethod
    def style_id(ws, number_format: str, quoted: bool = False) -> int:
        """The index of ``number_format`` (with the quote prefix when ``quoted``) in the workbook's
        cell styles, registering it if new."""
        cell = WriteOnlyCell(ws)
        cell.number_format = number_format
        if quoted:
            cell.quotePrefix = True
        return cell.style_id

    def append(self, values: Iterable[Any]) -> None:
        self.rows += 1
        r = self.rows + self._offset  # the rows above are openpyxl's: the header and any lead lines
        cells = [f'<c r="{letter}{r}"{render(value, style, quoted)}'
                 for (letter, style, quoted, render), value in zip(self._columns, values)
                 if value is not None and value != ""]
        self._pending.append(f'<row r="{r}">{"".join(cells)}</row>')
        if len(self._pending) >= 1000:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._file.write(self._zip.compress("".join(self._pending).encode("utf-8")))
            self._pending.clear()

    def finish(self) -> None:
        self._flush()
        self._file.write(self._zip.flush())
        self._file.seek(0)

    def copy_to(self, out: IO[bytes]) -> None:
        """Write the rendered rows, uncompressed, to ``out``."""
        unzip = zlib.decompressobj()
        while chunk := self._file.read(_CHUNK):
            out.write(unzip.decompress(chunk))
        out.write(unzip.flush())

    def close(self) -> None:
        self._file.close()


_SHEET_DATA_END = re.compile(rb"</sheetData>|<sheetData\s*/>")


def splice(workbook: IO[bytes], out: IO[bytes], streams: dict[str, RowStream]) -> None:
    """Copy the zip ``workbook`` (as openpyxl saved it) to ``out``, adding each stream's rows to its sheet.

    ``streams`` maps a sheet's member name (``xl/worksheets/sheet3.xml``) to its rows.
    """
    with zipfile.ZipFile(workbook) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for info in source.infolist():
            data = source.read(info)
            stream = streams.get(info.filename)
            if stream is None:
                target.writestr(info, data)
                continue
            end = _SHEET_DATA_END.search(data)
            if end is None:
                raise ValueError(f"{info.filename} has no sheetData")
            head, tail = data[:end.start()], data[end.start():]
            if tail.startswith(b"<sheetData"):  # an empty, self-closed sheetData
                head, tail = head + b"<sheetData>", b"</sheetData>" + tail[end.end() - end.start():]
            with target.open(info.filename, "w", force_zip64=True) as member:
                member.write(head)
                stream.copy_to(member)
                member.write(tail)


__all__ = ["FORMULA_START", "MAX_CELL_TEXT", "RowStream", "looks_like_formula", "splice"]
