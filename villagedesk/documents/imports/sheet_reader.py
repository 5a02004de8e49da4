"""Reading a clerk's workbook: open it safely, find a table by its header row, take its rows.

Shared by the importers (the household roster, the rule catalogue).  A table
is found by a header row within the first :data:`HEADER_SEARCH_ROWS` rows whose
cells name fields by any spelling the importer knows; what a cell holds is left
for the importer to read.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path, PurePosixPath
from typing import Any

from openpyxl import load_workbook

from villagedesk.documents.imports import messages
from villagedesk.errors import Cancelled, UserError

Progress = Callable[[int, int], None]

HEADER_SEARCH_ROWS = 30
# A sheet formatted down to row 1,048,576 has that many empty rows; a real
# table never has a gap this long, so reading stops there.
MAX_BLANK_RUN = 1000
_REPORT_EVERY = 500
# What a workbook's parts may inflate to.  openpyxl streams a worksheet but holds every
# other part whole (all shared strings at once), so those are kept small; a part that
# inflates more than MAX_RATIO times is a zip bomb (a real sheet of repeated rows: ≈ 65×).
MAX_SHEET_BYTES = 2 << 30
MAX_PART_BYTES = 128 << 20
MAX_RATIO = 200
_RATIO_FLOOR = 16 << 20


def header_key(value: Any) -> str:
    # NFKC folds full-width （）＊ and the ideographic space; notes in brackets
    # such as 出生年月（年.月） and required-marks (*姓名) are dropped.
    text = unicodedata.normalize("NFKC", str(value))
    text = re.sub(r"\(.*?\)", "", text)
    return re.sub(r"[\s*]", "", text)


def field_names(aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Header spelling (as :func:`header_key` folds it) → field name."""
    return {header_key(alias): name for name, spellings in aliases.items() for alias in spellings}


def match_header(cells: Iterable[Any], field_of: dict[str, str]) -> dict[str, int]:
    """Field → column index for one candidate header row; the first column wins."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        if cell is None:
            continue
        name = field_of.get(header_key(cell))
        if name and name not in found:
            found[name] = index
    return found


def is_blank(cells: Iterable[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


@dataclass
class Sheet:
    """The rows below a sheet's header, and the column of each field it names."""

    title: str
    header_row: int
    columns: dict[str, int]
    rows: list[tuple[int, tuple]] = field(default_factory=list)  # (Excel row number, cells)

    def values(self, cells: tuple) -> dict[str, Any]:
        """Field → raw cell value of one row (None past a short row's end)."""
        return {name: cells[i] if i < len(cells) else None for name, i in self.columns.items()}


def read_table(ws, field_of: dict[str, str], classify: Callable[[dict[str, int]], str | None],
               progress: Progress | None = None) -> tuple[str, Sheet] | None:
    """(kind, sheet) for the best header row of ``ws``, or None.

    ``classify(columns)`` names the kind of table a candidate header row makes
    (or None when it is not one); the row naming the most fields wins.
    """
    estimate = ws.max_row or 0
    # Some programs write a wrong sheet size into the file; reading past it is safer.
    ws.reset_dimensions()
    rows = ws.iter_rows(values_only=True)
    top = list(islice(rows, HEADER_SEARCH_ROWS))
    best: tuple[str, int, dict[str, int]] | None = None
    for number, cells in enumerate(top, 1):
        columns = match_header(cells, field_of)
        kind = classify(columns) if columns else None
        if kind is not None and (best is None or len(columns) > len(best[2])):
            best = (kind, number, columns)
    if best is None:
        return None
    kind, header_row, columns = best
    sheet = Sheet(ws.title, header_row, columns)
    blank_run = 0
    for number, cells in enumerate(chain(top[header_row:], rows), header_row + 1):
        if is_blank(cells):
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                break
            continue
        blank_run = 0
        sheet.rows.append((number, cells))
        if progress is not None and number % _REPORT_EVERY == 0:
            progress(number, 2 * estimate)
    return kind, sheet


SHOWN_PROBLEMS = 20


def problem_lines(problems: list[tuple[int, str]], advice: str, list_problems: bool = True) -> list[str]:
    """The end of an import check's summary: how many rows have problems (and the first few), or none.

    ``advice`` completes 有问题 N 行，… (e.g. 改正后才能导入).
    """
    if not problems:
        return [messages.NO_PROBLEMS]
    counted = messages.PROBLEMS_LISTED if list_problems else messages.PROBLEMS_COUNTED
    lines = [counted.format(count=len(problems), advice=advice)]
    if list_problems:
        lines += [messages.PROBLEM_LINE.format(number=number, reason=reason)
                  for number, reason in problems[:SHOWN_PROBLEMS]]
        if len(problems) > SHOWN_PROBLEMS:
            lines.append(messages.MORE_PROBLEMS.format(count=len(problems) - SHOWN_PROBLEMS))
    return lines


def sheet_is_empty(ws) -> bool:
    return all(is_blank(cells) for cells in ws.iter_rows(values_only=True))


def not_excel(path: Path) -> UserError:
    return UserError(
        messages.NOT_EXCEL.format(name=path.name)
    )


def _refuse_bombs(fh, path: Path) -> None:
    """UserError for a zip whose parts would inflate beyond reason or are named outside it."""
    try:
        infos = zipfile.ZipFile(fh).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a zip at all: load_workbook says so
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in PurePosixPath(name.replace("\\", "/")).parts:
            raise UserError(messages.UNSAFE_PART.format(file=path.name, name=name))
        limit = MAX_SHEET_BYTES if name.startswith("xl/worksheets/") else MAX_PART_BYTES
        if info.file_size > limit or (info.file_size > _RATIO_FLOOR and
                                      info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise UserError(messages.ZIP_BOMB_PART.format(file=path.name, name=name))


@contextmanager
def open_workbook(path: Path) -> Iterator[Any]:
    """The workbook at ``path``, read-only with cached values; any failure inside is one UserError."""
    if path.is_dir():
        raise UserError(messages.PATH_IS_FOLDER.format(path=path))
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        raise UserError(messages.NO_SUCH_FILE.format(path=path)) from None
    except OSError as exc:
        raise UserError(messages.CANNOT_OPEN.format(path=path, strerror=exc.strerror)) from None
    with fh:
        if fh.read(4) == b"\xd0\xcf\x11\xe0":
            # The OLE container: an old .xls, or an .xlsx with a password.
            raise UserError(
                messages.OLD_EXCEL.format(name=path.name)
            )
        _refuse_bombs(fh, path)
        fh.seek(0)
        # openpyxl raises many kinds of error for a damaged or foreign file
        # (BadZipFile, KeyError, XML errors…); to the clerk they all mean one thing.
        try:
            wb = load_workbook(fh, read_only=True, data_only=True)
        except Exception:
            raise not_excel(path) from None
        try:
            yield wb
        except (UserError, Cancelled):
            raise
        except Exception:
            raise not_excel(path) from None
        finally:
            wb.close()


__all__ = ["HEADER_SEARCH_ROWS", "MAX_BLANK_RUN", "SHOWN_PROBLEMS", "Sheet", "field_names", "header_key",
           "is_blank", "match_header", "not_excel", "open_workbook", "problem_lines", "read_table",
           "sheet_is_empty"]
