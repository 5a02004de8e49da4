"""What every VillageDesk printout shares: fonts, styles, the page frame, tables.

A printout builds a list of platypus flowables and hands it to :func:`build_pdf`,
which adds the page header (village and title), the footer (页码, 打印日期) and
writes the file atomically.  Long lists go through :func:`data_table`.

Fonts.  The bundled Droid Sans Fallback has the Chinese glyphs but *no* Latin
ones (not even digits), so text is cut into runs: ASCII goes to Bitstream Vera
(shipped inside reportlab), everything else to the CJK font, and a character
that neither font has prints as "？" rather than as an empty box.  Always pass
user text through :func:`markup` / :func:`para` (or let :func:`data_table` do
it) so that digits, ID numbers and dates print.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial
from itertools import accumulate
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, portrait
from reportlab.lib.pagesizes import landscape as _landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table
from reportlab.platypus.tables import CellStyle

from villagedesk.core.village import Profile
from villagedesk.errors import UserError
from villagedesk.paths import cjk_font_path

FONT = "VDSans"  # the CJK face; default font of every style
FONT_BOLD = "VDSans-Bold"
LATIN = "VDLatin"  # ASCII runs
LATIN_BOLD = "VDLatin-Bold"
MISSING = "？"  # printed for a character no font has (the CJK font has it)

Progress = Callable[[int, int], None]

# --- fonts ----------------------------------------------------------------

_lock = threading.Lock()
_cmaps: tuple[dict, dict] | None = None  # (CJK cmap, Latin cmap) once registered


def _windows_cjk() -> tuple[Path, Path] | None:
    """SimSun/SimHei as plain .ttf (a .ttc would need a face index); else None."""
    if sys.platform != "win32":
        return None
    folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    found = [folder / n for n in ("simsun.ttf", "simhei.ttf") if (folder / n).is_file()]
    if not found:
        return None
    bold = folder / "simhei.ttf"
    return found[0], bold if bold.is_file() else found[0]


def register_fonts() -> None:
    """Register the fonts once per process (printing may run on a worker thread)."""
    global _cmaps
    if _cmaps is not None:
        return
    with _lock:
        if _cmaps is not None:
            return
        cjk, bold_name = None, FONT
        system = _windows_cjk()
        if system:
            try:
                cjk, bold = TTFont(FONT, system[0]), TTFont(FONT_BOLD, system[1])
                pdfmetrics.registerFont(bold)
                bold_name = FONT_BOLD
            except Exception:  # a damaged or non-embeddable system font: use ours
                cjk, bold_name = None, FONT
        if cjk is None:
            cjk = TTFont(FONT, str(cjk_font_path()))  # has no bold face: bold is the same
        vera = Path(reportlab.__file__).parent / "fonts"
        latin, latin_bold = TTFont(LATIN, str(vera / "Vera.ttf")), TTFont(LATIN_BOLD, str(vera / "VeraBd.ttf"))
        for font in (cjk, latin, latin_bold):
            pdfmetrics.registerFont(font)
        # Without a family <b> would switch to Helvetica, which has no Chinese.
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=bold_name, italic=FONT, boldItalic=bold_name)
        pdfmetrics.registerFontFamily(LATIN, normal=LATIN, bold=LATIN_BOLD, italic=LATIN,
                                      boldItalic=LATIN_BOLD)
        _cmaps = (cjk.face.charToGlyph, latin.face.charToGlyph)
        # Binary streams: ASCII85 only makes files 25 % bigger and is slow in pure Python.
        rl_config.useA85 = 0


def _font_for(ch: str) -> str | None:
    cjk, latin = _cmaps
    code = ord(ch)
    if 0x20 <= code < 0x7F:
        return LATIN  # one look for digits and letters, whichever CJK font is in use
    if code in cjk:
        return FONT
    if code in latin:
        return LATIN
    return None


@lru_cache(maxsize=100_000)
def runs(text: str) -> tuple[tuple[str, str], ...]:
    """``text`` as (font name, chunk) runs; uncovered characters become MISSING."""
    register_fonts()
    out: list[list[str]] = []
    for ch in text.replace("\t", " "):
        if ord(ch) < 0x20:
            continue
        font = _font_for(ch)
        if font is None:
            font, ch = FONT, MISSING
        if out and out[-1][0] == font:
            out[-1][1] += ch
        else:
            out.append([font, ch])
    return tuple((f, t) for f, t in out)


def uncovered(text: str) -> set[str]:
    """Characters of ``text`` that no font can print (they print as MISSING)."""
    register_fonts()
    return {ch for ch in text if ord(ch) >= 0x20 and _font_for(ch) is None}


@lru_cache(maxsize=100_000)
def text_width(text: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(chunk, font, size) for font, chunk in runs(text))


# Paragraph collapses every run of whitespace, the ideographic space U+3000 too,
# so it is spelled as no-break spaces (three Vera ones are about one em wide).
_WIDE_SPACE = f'<font face="{LATIN}">\u00a0\u00a0\u00a0</font>'


def markup(text, bold: bool = False) -> str:
    """Plain ``text`` as safe Paragraph markup with the right font per run.

    A <font face> resets bold, so text meant to go inside <b>…</b> must be
    made with ``bold=True`` for its digits and letters to be bold too.
    """
    latin = LATIN_BOLD if bold else LATIN
    parts = []
    for line in str(text).split("\n"):
        parts.append("".join(
            f'<font face="{latin}">{escape(chunk)}</font>' if font == LATIN
            else escape(chunk).replace("\u3000", _WIDE_SPACE)
            for font, chunk in runs(line)
        ))
    return "<br/>".join(parts)


def para(text, style: ParagraphStyle | None = None) -> Paragraph:
    """A Paragraph of plain (unescaped) text."""
    return Paragraph(markup(text), style or BODY)


def _draw_runs(canv: Canvas, x: float, y: float, found, size: float) -> None:
    # One text object for all runs, so viewers and extractors see one line.
    text = canv.beginText(x, y)
    for font, chunk in found:
        text.setFont(font, size)
        text.textOut(chunk)
    canv.drawText(text)


def draw_text(canv: Canvas, x: float, y: float, text: str, size: float, align: str = "left") -> float:
    """Draw one line straight on a canvas (headers, footers); returns its width."""
    width = text_width(text, size)
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    _draw_runs(canv, x, y, runs(text), size)
    return width


def fit_text(text: str, size: float, width: float) -> str:
    """``text`` shortened with … so that one line fits ``width``."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


# --- styles ---------------------------------------------------------------

def _style(name: str, size: float, leading: float, **kw) -> ParagraphStyle:
    # wordWrap CJK keeps 。，） off line starts; they may hang past the line end,
    # so a small right indent keeps them inside the frame or cell.
    kw.setdefault("rightIndent", size * 0.5)
    return ParagraphStyle(name, fontName=FONT, fontSize=size, leading=leading, wordWrap="CJK", **kw)


TITLE = _style("vd-title", 18, 24, alignment=TA_CENTER, spaceAfter=4, rightIndent=0)
SUBTITLE = _style("vd-subtitle", 10.5, 14, alignment=TA_CENTER, textColor=colors.HexColor("#444444"),
                  spaceAfter=8, rightIndent=0)
BODY = _style("vd-body", 10.5, 16, spaceAfter=4)
SMALL = _style("vd-small", 8, 10.5)
CELL = _style("vd-cell", 9, 11.5)
CELL_HEADER = _style("vd-cell-header", 9, 11.5, alignment=TA_CENTER, rightIndent=0)

_ALIGN = {"LEFT": TA_LEFT, "CENTER": TA_CENTER, "CENTRE": TA_CENTER, "RIGHT": TA_RIGHT}


@lru_cache(maxsize=64)
def cell_style(size: float = 9, align: str = "LEFT", header: bool = False) -> ParagraphStyle:
    base = CELL_HEADER if header else CELL
    # A closing bracket that hangs past the line end must stay inside the cell.
    return ParagraphStyle(f"{base.name}-{size}-{align}", parent=base, fontSize=size,
                          leading=round(size * 1.28, 1), rightIndent=0 if header else size * 0.5,
                          alignment=TA_CENTER if header else _ALIGN[align])


# --- tables ---------------------------------------------------------------

@dataclass(frozen=True)
class Section:
    """A full-width row that starts a group (a household, a villager group…)."""

    text: str


class _Line(Flowable):
    """One unwrapped line in mixed fonts: far cheaper than a Paragraph per cell."""

    def __init__(self, text: str, size: float, leading: float):
        super().__init__()
        self.runs, self.size, self.leading = runs(text), size, leading
        self.text_width = text_width(text, size)

    def wrap(self, aw, ah):
        return self.text_width, self.leading

    def draw(self):
        # The baseline plain-string cells use, so mixed rows line up.
        _draw_runs(self.canv, 0, self.leading - self.size, self.runs, self.size)


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


class _Table(Table):
    """A Table that writes all its one-line cells as a single PDF text object.

    Drawing cell by cell costs a text object (and for a flowable a saveState
    and translate) each, which dominated the time of a 400-page register.
    Wrapped cells (Paragraphs) are still drawn by the Table itself.
    """

    def draw(self):
        self._text = self.canv.beginText()
        self._text.setFillColor(colors.black)  # whatever colour the canvas was left in
        # The encoded operators of a text run never change within one document
        # (reportlab assigns subset codes once), and registers repeat a lot.
        self._ops = self.canv.__dict__.setdefault("_vd_text_ops", {})
        super().draw()
        self.canv.drawText(self._text)

    def _drawCell(self, cellval, cellstyle, pos, size):
        if isinstance(cellval, _Line):
            found, width = cellval.runs, cellval.text_width
        elif isinstance(cellval, str) and "\n" not in cellval:
            if not cellval:
                return
            found = ((cellstyle.fontname, cellval),)
            width = _plain_width(cellval, cellstyle.fontname, cellstyle.fontsize)
        else:
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        (colpos, rowpos), (colwidth, rowheight) = pos, size
        s = cellstyle
        if s.alignment == "LEFT":
            x = colpos + s.leftPadding
        elif s.alignment == "RIGHT":
            x = colpos + colwidth - s.rightPadding - width
        else:
            x = colpos + (colwidth + s.leftPadding - s.rightPadding - width) / 2
        # Where Table puts a one-line string with VALIGN MIDDLE.
        y = rowpos + (s.bottomPadding + rowheight - s.topPadding + s.leading) / 2 - s.fontsize
        text, ops = self._text, self._ops
        text.setTextOrigin(x, y)
        for font, chunk in found:
            key = (font, s.fontsize, chunk)
            op = ops.get(key)
            if op is None:
                text.setFont(font, s.fontsize)
                op = ops[key] = text._formatText(chunk)
            text._code.append(op)


@lru_cache(maxsize=10_000)
def _plain_width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


def _cell_style(name: str, size: float, leading: float, align: str) -> CellStyle:
    style = CellStyle(name)
    style.fontname, style.fontsize, style.leading = FONT, size, leading
    style.leftPadding = style.rightPadding = PAD_X
    style.topPadding = style.bottomPadding = PAD_Y
    style.alignment, style.valign = align, "MIDDLE"
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
        self.cells, heights = [], []
        for row in self.rows:
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
        return _Line(text, self.size, self.leading), self.leading

    def table(self, start: int, end: int, exact: bool = True) -> Table:
        """A platypus Table of rows [start, end) under the header."""
        cmds = [
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
        table = _Table(data, colWidths=self.widths, rowHeights=heights, repeatRows=1, normalizedData=1,
                      cellStyles=styles, style=cmds, splitInRow=0 if exact else 1)
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
        self._size = (0, 0)

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


# --- the document ---------------------------------------------------------

MARGIN_X = 15 * mm
MARGIN_TOP = 20 * mm  # header band inside
MARGIN_BOTTOM = 16 * mm  # footer band inside
INTERNAL_MARK = "内部资料 注意保管"


class _Decor:
    """Draws the header (on each page) and footer (at the end, knowing the page count)."""

    def __init__(self, profile: Profile, title: str, internal: bool, printed: date, pagesize):
        self.profile, self.title, self.internal, self.printed = profile, title, internal, printed
        self.width, self.height = pagesize

    def header(self, canv: Canvas, doc) -> None:
        canv.saveState()
        y = self.height - 12 * mm
        right = self.width - MARGIN_X
        if self.internal:
            size = 9
            w = text_width(INTERNAL_MARK, size)
            canv.setStrokeColor(colors.HexColor("#b00000"))
            canv.setFillColor(colors.HexColor("#b00000"))
            canv.rect(right - w - 6, y - 3, w + 6, size + 5, stroke=1, fill=0)
            draw_text(canv, right - 3, y, INTERNAL_MARK, size, "right")
            right -= w + 14
        canv.setFillColor(colors.black)
        left = f"{self.profile.full_name}　{self.title}"
        draw_text(canv, MARGIN_X, y, fit_text(left, 9, right - MARGIN_X), 9)
        canv.setStrokeColor(colors.HexColor("#777777"))
        canv.setLineWidth(0.6)
        canv.line(MARGIN_X, y - 5, self.width - MARGIN_X, y - 5)
        canv.restoreState()

    def footer(self, canv: Canvas, page: int, total: int) -> None:
        canv.saveState()
        y = 9 * mm
        canv.setStrokeColor(colors.HexColor("#777777"))
        canv.setLineWidth(0.6)
        canv.line(MARGIN_X, y + 11, self.width - MARGIN_X, y + 11)
        draw_text(canv, MARGIN_X, y, f"打印日期：{self.printed.isoformat()}", 8.5)
        draw_text(canv, self.width / 2, y, f"第 {page} 页 共 {total} 页", 9, "center")
        if self.internal:
            draw_text(canv, self.width - MARGIN_X, y, INTERNAL_MARK, 8.5, "right")
        canv.restoreState()


class _NumberedCanvas(Canvas):
    """Holds pages back until the end so the footer can say 共 y 页 (single pass)."""

    def __init__(self, *args, decor: _Decor, **kw):
        super().__init__(*args, **kw)
        self._decor = decor
        self._held: list[dict] = []

    def showPage(self):
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            self._decor.footer(self, self._pageNumber, total)
            super().showPage()
        self._held = []
        super().save()


class _Doc(BaseDocTemplate):
    def __init__(self, fh, progress: Progress | None, total: int, **kw):
        super().__init__(fh, **kw)
        self._progress, self._total, self._done = progress, total, 0

    def afterFlowable(self, flowable):
        if self._progress is not None:
            self._done += getattr(flowable, "_vd_rows", 1)
            self._progress(min(self._done, self._total), self._total)


# strerror is English on most systems; say the usual causes in Chinese.
_REASONS = {errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限", errno.EROFS: "磁盘是只读的或有写保护",
            errno.ENOSPC: "磁盘空间已满", errno.ENOENT: "文件夹不存在或已被拔出"}


def _write_error(folder: Path, exc: OSError) -> UserError:
    reason = _REASONS.get(exc.errno) or exc.strerror or str(exc)
    return UserError(f"无法在文件夹 {folder} 中写入文件（{reason}）。请换一个文件夹，"
                     "或检查 U 盘是否拔出、写保护或已满。")


def build_pdf(path: Path | str, *, title: str, profile: Profile,
              story: Iterable[Flowable] | Callable[[], Iterable[Flowable]],
              landscape: bool = False, pagesize=A4, internal: bool = False, subtitle: str = "",
              progress: Progress | None = None, printed_on: date | None = None,
              title_block: bool = True) -> Path:
    """Write ``story`` to ``path`` as a finished printout and return the path.

    ``story`` is a list of flowables or a callable returning one (called once,
    inside this function).  The title (and subtitle) open the first page unless
    ``title_block`` is false.  ``internal`` marks every page 内部资料 注意保管.
    ``progress(done, total)`` counts table rows and other flowables as they are
    laid out and is called once more before the file is committed; it may raise
    Cancelled.  On any error nothing is left at ``path`` and a file that was
    there before is untouched; an unwritable folder raises UserError.
    """
    register_fonts()
    path = Path(path).expanduser().absolute()
    folder = path.parent
    if path.is_dir():
        raise UserError(f"{path} 是一个文件夹，请给 PDF 文件起一个名字。")
    if not folder.is_dir():
        raise UserError(f"文件夹不存在：{folder}。请选择一个已有的文件夹。")
    pagesize = _landscape(pagesize) if landscape else portrait(pagesize)
    flowables = list(story() if callable(story) else story)
    if title_block:
        head = [para(title, TITLE)] + ([para(subtitle, SUBTITLE)] if subtitle else [])
        flowables = head + flowables
    total = sum(getattr(f, "_vd_rows", 1) for f in flowables)
    if progress is not None:
        progress(0, total)

    decor = _Decor(profile, title, internal, printed_on or date.today(), pagesize)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _write_error(folder, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            doc = _Doc(fh, progress, total, pagesize=pagesize, title=title, author=profile.full_name,
                       subject=subtitle or title, creator="村务通 VillageDesk",
                       leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                       bottomMargin=MARGIN_BOTTOM,
                       # Else the canvas declares Helvetica, an unembedded font, on every page.
                       initialFontName=FONT, initialFontSize=10)
            frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                          leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
            doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decor.header)])
            doc.build(flowables, canvasmaker=partial(_NumberedCanvas, decor=decor))
            fh.flush()
            os.fsync(fh.fileno())
        if progress is not None:
            progress(total, total)  # the last chance to cancel before the file appears
        try:
            os.replace(tmp, path)
        except PermissionError:
            raise UserError(f"无法替换文件 {path}：它可能正被其他程序（如 PDF 阅读器）打开，"
                            "或是只读文件。请关闭后再试，或换一个文件名。") from None
    except OSError as exc:
        _remove(tmp)
        raise _write_error(folder, exc) from None
    except BaseException:
        _remove(tmp)
        raise
    _sync_folder(folder)
    return path


def _remove(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (power cuts); not possible on Windows."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
