"""Paragraph styles of every printout, and :func:`para` for plain text in one.

Every paragraph is a :class:`~villagedesk.documents.pdf.linebreak.Paragraph`, which breaks
Chinese lines by 避头尾; titles (``balance``) break into even lines and headings
(``keepWithNext``) stay with what follows them (see ``document``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from villagedesk.documents.pdf.fonts import FONT, markup
from villagedesk.documents.pdf.linebreak import Paragraph


def _style(name: str, size: float, leading: float, **kw) -> ParagraphStyle:
    # Lines break by 避头尾 (linebreak.py); where no lawful break exists a closing mark
    # hangs past the line end, so a small right indent keeps it inside the frame or cell.
    kw.setdefault("rightIndent", size * 0.5)
    return ParagraphStyle(name, fontName=FONT, fontSize=size, leading=leading, wordWrap="CJK", **kw)


TITLE = _style("vd-title", 18, 24, alignment=TA_CENTER, spaceAfter=4, rightIndent=0, balance=1)
SUBTITLE = _style("vd-subtitle", 10.5, 14, alignment=TA_CENTER, textColor=colors.HexColor("#444444"),
                  spaceAfter=8, rightIndent=0)
BODY = _style("vd-body", 10.5, 16, spaceAfter=4)
HEADING = _style("vd-heading", 12.5, 18, spaceBefore=10, spaceAfter=4, keepWithNext=1)
SMALL = _style("vd-small", 8, 10.5)
CELL = _style("vd-cell", 9, 11.5)
CELL_HEADER = _style("vd-cell-header", 9, 11.5, alignment=TA_CENTER, rightIndent=0)

_ALIGN: dict[str, Literal[0, 1, 2]] = {"LEFT": TA_LEFT, "CENTER": TA_CENTER, "CENTRE": TA_CENTER, "RIGHT": TA_RIGHT}


@lru_cache(maxsize=64)
def cell_style(size: float = 9, align: str = "LEFT", header: bool = False) -> ParagraphStyle:
    base = CELL_HEADER if header else CELL
    # A closing bracket that hangs past the line end must stay inside the cell.
    return ParagraphStyle(f"{base.name}-{size}-{align}", parent=base, fontSize=size,
                          leading=round(size * 1.28, 1), rightIndent=0 if header else size * 0.5,
                          alignment=TA_CENTER if header else _ALIGN[align])


def para(text, style: ParagraphStyle | None = None) -> Paragraph:
    """A Paragraph of plain (unescaped) text."""
    return Paragraph(markup(text), style or BODY)
