"""Tables of every printout: :class:`Table` for small layout grids, and how the cells of
long ones reach the page cheaply (one-line cells as a single PDF text object).

Drawing cell by cell costs a text object (and for a flowable a saveState and
translate) each, which dominated the time of a 400-page register.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable
from reportlab.platypus import Table as _Table

from villagedesk.documents.pdf.fonts import FONT, draw_runs, runs, text_width


class Table(_Table):
    """A platypus Table whose cells default to the embedded Chinese font.

    A plain Table sets Helvetica for every cell it draws, even one holding a
    Paragraph, and so names a font that is not embedded on the page, which a print
    shop's preflight rejects.  ``style`` commands (a FONTNAME among them) apply after.
    """

    def __init__(self, data, colWidths=None, rowHeights=None, style=None, **kw):
        super().__init__(data, colWidths, rowHeights, style=[("FONTNAME", (0, 0), (-1, -1), FONT)], **kw)
        if style is not None:
            self.setStyle(style)


class LineCell(Flowable):
    """One unwrapped line in mixed fonts: far cheaper than a Paragraph per cell."""

    def __init__(self, text: str, size: float, leading: float):
        super().__init__()
        self.runs, self.size, self.leading = runs(text), size, leading
        self.text_width = text_width(text, size)

    def wrap(self, aw, ah):
        return self.text_width, self.leading

    def draw(self):
        # The baseline plain-string cells use, so mixed rows line up.
        draw_runs(self.canv, 0, self.leading - self.size, self.runs, self.size)


class BatchedTable(_Table):
    """A Table that writes all its one-line cells (strings, LineCells) as one text object.

    Wrapped cells (Paragraphs) are still drawn by the Table itself.  Its cell styles
    come ready made with the embedded font (tables.py), so it is a plain Table.
    """

    _vd_rows: int  # rows it carries: the progress weight build_pdf counts

    def draw(self):
        self._text = self.canv.beginText()
        self._text.setFillColor(colors.black)  # whatever colour the canvas was left in
        # The encoded operators of a text run never change within one document
        # (reportlab assigns subset codes once), and registers repeat a lot.
        self._ops = self.canv.__dict__.setdefault("_vd_text_ops", {})
        super().draw()
        self.canv.drawText(self._text)

    def _drawCell(self, cellval, cellstyle, pos, size):
        if isinstance(cellval, LineCell):
            found, width = cellval.runs, cellval.text_width
        elif isinstance(cellval, str) and "\n" not in cellval:
            if not cellval:
                return
            found = ((cellstyle.fontname, cellval),)
            width = _plain_width(cellval, cellstyle.fontname, cellstyle.fontsize)
        else:
            # Table._drawCell is reportlab's own (private, so not in its stubs) and is what we override.
            super()._drawCell(cellval, cellstyle, pos, size)  # type: ignore[misc]
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
                # Private PDFTextObject internals (absent from the stubs): the encoded operators
                # are cached and appended as they are, which is the point of this class.
                op = ops[key] = text._formatText(chunk)  # type: ignore[attr-defined]
            text._code.append(op)  # type: ignore[attr-defined]


@lru_cache(maxsize=10_000)
def _plain_width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)
