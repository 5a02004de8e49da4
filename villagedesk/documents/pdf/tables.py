"""Long grid tables that run over many pages: :func:`data_table` and :class:`Section`.

Columns are sized once, every row is measured once, and each page gets an
ordinary platypus Table of just the rows that fit on it, groups kept together.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from typing import Any, Literal, cast

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table
from reportlab.platypus.tables import CellStyle

from villagedesk.documents.pdf.fonts import FONT, markup, register_fonts, runs, text_width
from villagedesk.documents.pdf.linebreak import Paragraph
from villagedesk.documents.pdf.styles import cell_style
from villagedesk.documents.pdf.table_drawing import BatchedTable, LineCell


@dataclass(frozen=True)
class Section:
    """A full-width row that starts a group (a household, a villager group…)."""

    text: str


# One platypus table style command: (name, (col, row), (col, row), *values).
TableCommand = tuple[Any, ...]
_Align = Literal["LEFT", "CENTER", "CENTRE", "RIGHT", "DECIMAL"]

PAD_X, PAD_Y = 3.0, 2.0
GRID = colors.HexColor("#555555")
HEADER_BG = colors.HexColor("#d9d9d9")
SECTION_BG = colors.HexColor("#e6ecf5")
ZEBRA_BG = colors.HexColor("#f4f4f4")


def _water_fill(natural: list[float], total: float) -> list[float]:
    """Widths: narrow columns keep their natural width, wide ones share the rest."""
    if sum(natural) <= total:
        scale = total / sum(natural)
        return [w * scale for w in natural]
    lo, hi = 0.0, max(natural)
    for _ in range(40):  # bisect the cap so that sum(min(w, cap)) == total
        cap = (lo + hi) / 2
        lo, hi = (cap, hi) if sum(min(w, cap) for w in natural) < total else (lo, cap)
    widths = [min(w, lo) for w in natural]
    scale = total / sum(widths)
    return [w * scale for w in widths]


def _cell_style(name: str, size: float, leading: float, align: str) -> CellStyle:
    style = CellStyle(name)
    style.fontname, style.fontsize, style.leading = FONT, size, leading
    style.leftPadding = style.rightPadding = PAD_X
    style.topPadding = style.bottomPadding = PAD_Y
    # Callers pass upper-cased column alignments (see _TableData); reportlab takes them as they are.
    style.alignment, style.valign = cast(_Align, align), "MIDDLE"
    return style


class _TableData:
    """Rows, settings and per-width layout shared by a DataTable and its remainders."""

    def __init__(self, header, rows, weights, align, zebra, keep_sections, size, max_group):
        self.header = [str(h) for h in header]
        self.ncols = len(self.header)
        self.rows = rows
        self.weights = weights
        self.align = [a.upper() for a in (align or ["LEFT"] * self.ncols)]
        self.zebra, self.size = zebra, size
        self.leading = round(size * 1.28, 1)
        # Cell styles set up front instead of per-cell style commands, which
        # reportlab applies cell by cell on every table it builds.
        self.col_styles = [_cell_style(f"c{j}", size, self.leading, a) for j, a in enumerate(self.align)]
        self.head_styles = [_cell_style(f"h{j}", size, self.leading, "CENTER") for j in range(self.ncols)]
        self.section_styles = [_cell_style("s", size, self.leading, "LEFT")] * self.ncols
        self.breakable = self._break_points(keep_sections, max_group)
        self._width_key = None

    def _break_points(self, keep: bool, max_group: int) -> list[bool]:
        """breakable[i]: may a page end just before row i?"""
        n = len(self.rows)
        ok = [True] * (n + 1)
        if keep:
            starts = [i for i, r in enumerate(self.rows) if isinstance(r, Section)] + [n]
            for s, e in zip(starts, starts[1:]):
                # A whole group on one page; a huge one keeps its first rows with the heading.
                for i in range(s + 1, e if e - s <= max_group else min(s + 3, e)):
                    ok[i] = False
        return ok

    def layout(self, avail: float) -> None:
        """Column widths, cells and row heights for a frame ``avail`` points wide."""
        if self._width_key == avail:
            return
        self.widths = _water_fill(self._natural(avail), avail)
        self.header_cells = [Paragraph(markup(h), cell_style(self.size, header=True)) for h in self.header]
        self.header_height = 2 * PAD_Y + max(
            p.wrap(w - 2 * PAD_X, 1e6)[1] for p, w in zip(self.header_cells, self.widths))
        self.cells: list[list[Any]] = []
        heights: list[float] = []
        for row in self.rows:
            cells: Sequence[Any]
            if isinstance(row, Section):
                cell, h = self.cell(row.text, sum(self.widths), "LEFT")
                cells = [cell] + [""] * (self.ncols - 1)
            else:
                values = list(row)[: self.ncols] + [""] * (self.ncols - len(row))
                cells, sizes = zip(*(self.cell(v, w, a) for v, w, a in zip(values, self.widths, self.align)))
                h = max(sizes)
            self.cells.append(list(cells))
            heights.append(h + 2 * PAD_Y)
        self.heights = heights
        self.prefix = list(accumulate(heights, initial=0.0))
        self._width_key = avail

    def _natural(self, avail: float) -> list[float]:
        if self.weights:
            return [float(w) for w in self.weights]
        natural = [text_width(h, self.size) + 2 * PAD_X + 2 for h in self.header]
        for row in self.rows[:500]:
            if isinstance(row, Section):
                continue
            for j, value in enumerate(list(row)[: self.ncols]):
                if not isinstance(value, Flowable):
                    natural[j] = max(natural[j], text_width(_text(value), self.size) + 2 * PAD_X + 2)
        return [min(w, avail * 0.45) for w in natural]

    def cell(self, value, width: float, align: str) -> tuple:
        """(cell value for the Table, content height) at column ``width``."""
        inner = width - 2 * PAD_X
        if isinstance(value, Flowable):
            return value, value.wrap(inner, 1e6)[1]
        text = _text(value)
        if not text:
            return "", self.leading
        if "\n" in text or text_width(text, self.size) > inner - 1:
            para_ = Paragraph(markup(text), cell_style(self.size, align))
            return para_, para_.wrap(inner, 1e6)[1]
        found = runs(text)
        if len(found) == 1 and found[0][0] == FONT:
            return found[0][1], self.leading  # the Table draws it with the CJK font itself
        return LineCell(text, self.size, self.leading), self.leading

    def table(self, start: int, end: int, exact: bool = True) -> Table:
        """A platypus Table of rows [start, end) under the header."""
        cmds: list[TableCommand] = [
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ]
        if self.zebra:
            cmds.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA_BG]))
        for i in range(start, end):
            if isinstance(self.rows[i], Section):
                r = i - start + 1
                cmds += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), SECTION_BG)]
        data = [list(self.header_cells)] + [list(c) for c in self.cells[start:end]]
        styles = [self.head_styles] + [
            self.section_styles if isinstance(self.rows[i], Section) else self.col_styles
            for i in range(start, end)]
        # Known row heights spare reportlab from measuring every cell again.
        heights = [self.header_height, *self.heights[start:end]] if exact else None
        table = BatchedTable(data, colWidths=self.widths, rowHeights=heights, repeatRows=1,
                             normalizedData=1, cellStyles=styles, style=cmds, splitInRow=0 if exact else 1)
        table._vd_rows = end - start
        return table


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class DataTable(Flowable):
    """A long table laid out one page at a time.

    reportlab's Table re-processes every row and style command on each page
    split, which is quadratic (a 1,000-row register took minutes).  This
    flowable measures every row once, decides itself how many rows fit on the
    page (keeping groups together) and hands over an ordinary platypus Table of
    just those rows, carrying the rest on.
    """

    def __init__(self, data: _TableData, start: int = 0):
        super().__init__()
        self._data, self._start = data, start
        self._vd_rows = len(data.rows) - start  # progress weight, see build_pdf
        self._size: tuple[float, float] = (0, 0)

    def wrap(self, aw, ah):
        d = self._data
        d.layout(aw)
        self._size = (aw, d.header_height + d.prefix[-1] - d.prefix[self._start])
        return self._size

    def draw(self):
        table = self._data.table(self._start, len(self._data.rows))
        table.wrapOn(self.canv, *self._size)
        table.drawOn(self.canv, 0, 0)

    def split(self, aw, ah):
        d, start, n = self._data, self._start, len(self._data.rows)
        d.layout(aw)
        fits = max(start, bisect_right(d.prefix, d.prefix[start] + ah - d.header_height + 1e-6) - 1)
        if fits >= n:
            return [self]
        end = fits
        while end > start and not d.breakable[end]:
            end -= 1
        # A group (or row) taller than a whole page is broken where it stands.
        stop = start + 1
        while stop < n and not d.breakable[stop]:
            stop += 1
        if end == start and (self._at_top() or not self._fits_a_page(stop)):
            end = fits
            if end == start and (self._at_top() or not self._fits_a_page(start + 1)):
                # One row taller than a page: let reportlab break inside the row.
                parts = d.table(start, start + 1, exact=False).split(aw, ah)
                return parts + [DataTable(d, start + 1)] if parts and start + 1 < n else parts
        if end == start:
            return []  # the frame moves us to the next page
        return [d.table(start, end), DataTable(d, end)]

    def _current_frame(self):
        doc = getattr(getattr(self, "canv", None), "_doctemplate", None)
        return getattr(doc, "frame", None)

    def _fits_a_page(self, stop: int) -> bool:
        """Would rows [start, stop) fit on an empty page?"""
        d = self._data
        height = getattr(self._current_frame(), "_height", None)
        return height is None or d.header_height + d.prefix[stop] - d.prefix[self._start] <= height

    def _at_top(self) -> bool:
        if getattr(self, "_postponed", False):
            return True  # already pushed to a fresh page once
        return bool(getattr(self._current_frame(), "_atTop", False))


def data_table(header: Sequence[str], rows: Sequence, col_widths: Sequence[float] | None = None, *,
               align: Sequence[str] | None = None, zebra: bool = True, keep_sections: bool = True,
               font_size: float = 9, max_group: int = 30) -> DataTable:
    """A grid table that fills the frame width and runs over as many pages as needed.

    ``rows`` holds lists of cell values (str, numbers, dates, None or ready
    flowables) and :class:`Section` markers, which print as a shaded full-width
    row; with ``keep_sections`` a section and its rows (up to ``max_group``)
    are kept on one page.  ``col_widths`` are relative weights (None: sized
    from the header and the first 500 rows).  ``align`` is LEFT/CENTER/RIGHT per
    column.  Text that does not fit its cell wraps (Chinese rules); the header
    row is repeated on every page.
    """
    if col_widths is not None and len(col_widths) != len(header):
        raise ValueError("col_widths must match header")
    if align is not None and len(align) != len(header):
        raise ValueError("align must match header")
    register_fonts()
    return DataTable(_TableData(header, list(rows), col_widths, align, zebra, keep_sections,
                                font_size, max_group))
