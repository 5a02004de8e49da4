"""Fonts for printouts: registration, and text cut into runs each font can print.

The bundled Droid Sans Fallback has the Chinese glyphs but *no* Latin ones
(not even digits), so text is cut into runs: ASCII goes to Bitstream Vera
(shipped inside reportlab), everything else to the CJK font, and a character
that neither font has prints as :data:`MISSING` rather than as an empty box.
"""

from __future__ import annotations

import os
import sys
import threading
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from villagedesk.paths import cjk_font_path

FONT = "VDSans"  # the CJK face; default font of every style
FONT_BOLD = "VDSans-Bold"
LATIN = "VDLatin"  # ASCII runs
LATIN_BOLD = "VDLatin-Bold"
MISSING = "？"  # printed for a character no font has (the CJK font has it)

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
    # Only reached through runs() and uncovered(), which register the fonts first.
    assert _cmaps is not None
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


def draw_runs(canv: Canvas, x: float, y: float, found, size: float) -> None:
    """Draw (font, chunk) runs as one line starting at (x, y)."""
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
    draw_runs(canv, x, y, runs(text), size)
    return width


def fit_text(text: str, size: float, width: float) -> str:
    """``text`` shortened with … so that one line fits ``width``."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"
