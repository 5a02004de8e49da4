"""How every exported sheet prints: one set-up for the village workbook, the township's and a notice's table.

A clerk prints a sheet from Excel or WPS without touching 页面设置, so the file
carries it: A4, landscape when the columns are wider than a portrait page, shrunk
to one page wide (never to one page tall: a long sheet runs on over pages), the
header row repeated on every page, 第 x 页，共 y 页 in the footer, the sheet's
name in the header, and 内部资料 there too on a sheet that holds full ID numbers or
phones (docs/DOMAIN.md "§5.1 Excel sheets").

The columns kept for the township's matching — 唯一标识, 更新时间, 校验值 — come
last in a sheet (headers never move: spec.py) and are left off the printed area:
a 38-character uid and a 64-character hash shrank the 积分明细 to a third of its
size on paper, unreadable, for nothing a reader of the page needs.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from villagedesk.documents.excel import messages
from villagedesk.documents.excel.spec import Col

# Columns wider than this (Excel's width unit, about one Latin character of the
# default font) do not fit across A4 portrait inside the default margins (about
# 6.9 inches, some 87 units); a landscape page takes about 130.
PORTRAIT_WIDTH = 88
_A4 = "9"  # the paper-size code of A4 in SpreadsheetML


def _technical(col: Col) -> bool:
    return col.key in ("uid", "updated_at", "hash") or col.key.endswith("_uid")


def printed(columns: Sequence[Col]) -> int:
    """How many of ``columns``, from the first, go on paper: all but the technical ones at the end."""
    count = len(columns)
    while count > 1 and _technical(columns[count - 1]):
        count -= 1
    return count


def is_internal(columns: Sequence[Col]) -> bool:
    """Whether a sheet with ``columns`` holds full ID numbers or phones."""
    return any(col.personal for col in columns)


def printed_width(columns: Sequence[Col]) -> float:
    return sum(col.display_width for col in columns[:printed(columns)])


def is_wide(columns: Sequence[Col]) -> bool:
    return printed_width(columns) > PORTRAIT_WIDTH


def set_up_page(ws, columns: Sequence[Col], header_row: int = 1) -> None:
    """Give the (write-only) sheet ``ws`` its page set-up; its header is row ``header_row``."""
    setup = ws.page_setup
    setup.paperSize = _A4
    setup.orientation = "landscape" if is_wide(columns) else "portrait"
    # fitToHeight 0: as many pages tall as the rows need.
    setup.fitToWidth, setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.horizontalCentered = True
    header = ws.oddHeader
    header.center.text = "&A"  # the sheet's name, so loose pages find their sheet again
    if is_internal(columns):
        header.right.text = messages.INTERNAL
        header.right.font = "宋体,Bold"
    ws.oddFooter.center.text = messages.PAGE_OF


def set_print_area(ws, columns: Sequence[Col], last_row: int) -> None:
    """Once the rows are counted: rows 1 … ``last_row`` of the printed columns.  The print area is a
    defined name openpyxl writes with the workbook, so a write-only sheet may set it after its rows."""
    ws.print_area = f"A1:{get_column_letter(printed(columns))}{last_row}"


__all__ = ["PORTRAIT_WIDTH", "is_internal", "is_wide", "printed", "printed_width", "set_print_area",
           "set_up_page"]
