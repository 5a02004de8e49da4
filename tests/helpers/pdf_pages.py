"""Reading printouts back as a reader sees them: lines of text with their fonts, sizes and places.

pdfplumber gives every character with its font, size and position; a *line* here is a run of
upright characters on one baseline with no gap wider than a character between them, so the
lines of neighbouring table cells stay apart (a cell's wrapped line starts a line of its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pypdf import PdfReader

#: The ledger's check value printed on the ranking board (documents/pdf/ranking.py: 末条校验值 and 完整校验值):
#: a SHA-256 in hex, which now and then holds a run of decimal digits that looks like an ID or mobile
#: number. Found only where the board labels it, so a real number elsewhere on the page is still seen.
_CHECK_VALUE = re.compile(r"校验值：?\s*(?:[0-9a-f]\s*){16,64}")


def without_check_values(text: str) -> str:
    """``text`` with the board's labelled ledger check values taken out, for the checks for personal numbers."""
    return _CHECK_VALUE.sub("校验值 ", text)


#: Marks no line may begin with (避头尾, W3C clreq §3.1.7).
CLOSING = "，。、；：？！）》」』】〕〉〗”’…"
#: Marks no line may end with.
OPENING = "（《「『【〔〈〖“‘"


@dataclass(frozen=True)
class Line:
    page: int  # from 1
    text: str
    x0: float
    x1: float
    top: float  # from the top of the page
    size: float  # the largest type size in the line
    fonts: frozenset[str]
    page_width: float
    page_height: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def lines(path: Path | str) -> list[Line]:
    """Every line of upright text of the PDF, page by page, top to bottom."""
    found: list[Line] = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            chars = sorted((c for c in page.chars if not _slanted(c) and c["text"].strip()),
                           key=lambda c: (-_baseline(c), c["x0"]))
            run: list[dict] = []
            for c in chars:
                if run and (_baseline(c) != _baseline(run[-1])
                            or c["x0"] - run[-1]["x1"] > 0.9 * max(c["size"], run[-1]["size"])):
                    found.append(_line(number, run, page))
                    run = []
                run.append(c)
            if run:
                found.append(_line(number, run, page))
    return found


def _baseline(char: dict) -> float:
    # The text origin: the Chinese and the Latin font of one line share it, not their tops or bottoms.
    return round(char["matrix"][5], 1)


def _slanted(char: dict) -> bool:
    return abs(char["matrix"][1]) > 0.01


def _line(number: int, run: list[dict], page) -> Line:
    return Line(number, "".join(c["text"] for c in run), run[0]["x0"], run[-1]["x1"], min(c["top"] for c in run),
                max(c["size"] for c in run), frozenset(c["fontname"].split("+")[-1] for c in run),
                float(page.width), float(page.height))


def slanted_text(path: Path | str) -> list[str]:
    """Per page, the text drawn at a slant (a mark across the page)."""
    with pdfplumber.open(path) as pdf:
        return ["".join(c["text"] for c in page.chars if _slanted(c)) for page in pdf.pages]


def bad_line_starts(path: Path | str) -> list[tuple[int, str]]:
    """(page, line) of every line that begins with a closing mark or ends with an opening one."""
    return [(ln.page, ln.text) for ln in lines(path) if ln.text[0] in CLOSING or ln.text[-1] in OPENING]


def fonts_not_embedded(path: Path | str) -> set[str]:
    """The fonts any page of the PDF names without a FontFile, FontFile2 or FontFile3 to draw them."""
    missing = set()
    for page in PdfReader(path).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont")))
    return missing
