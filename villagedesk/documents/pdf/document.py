"""The printout as a file: page header and footer, page numbers, :func:`build_pdf`.

A printout builds a list of platypus flowables and hands it to :func:`build_pdf`,
which adds the page header (village and title), the footer (页码, 打印日期) and
writes the file atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, portrait
from reportlab.lib.pagesizes import landscape as _landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from villagedesk import clock
from villagedesk.core.common.village import Profile
from villagedesk.documents.atomic import atomic_output
from villagedesk.documents.pdf import messages
from villagedesk.documents.pdf.fonts import FONT, draw_text, fit_text, register_fonts, text_width
from villagedesk.documents.pdf.styles import SUBTITLE, TITLE, para
from villagedesk.errors import UserError

Progress = Callable[[int, int], None]

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
        # Canvas.showPage ends with this private call (absent from the stubs): a fresh page, nothing written.
        self._startPage()  # type: ignore[attr-defined]

    def save(self):
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            self._decor.footer(self, self.getPageNumber(), total)
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
        raise UserError(messages.PATH_IS_FOLDER.format(path=path))
    if not folder.is_dir():
        raise UserError(messages.FOLDER_MISSING.format(folder=folder))
    pagesize = _landscape(pagesize) if landscape else portrait(pagesize)
    flowables = list(story() if callable(story) else story)
    if title_block:
        head = [para(title, TITLE)] + ([para(subtitle, SUBTITLE)] if subtitle else [])
        flowables = head + flowables
    total = sum(getattr(f, "_vd_rows", 1) for f in flowables)
    if progress is not None:
        progress(0, total)

    decor = _Decor(profile, title, internal, printed_on or clock.today(), pagesize)
    with atomic_output(path, locked=partial(_locked, path)) as fh:
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
        if progress is not None:
            progress(total, total)  # the last chance to cancel before the file appears
    return path


def _locked(path: Path, exc: OSError) -> UserError:
    return UserError(messages.CANNOT_REPLACE.format(path=path))
