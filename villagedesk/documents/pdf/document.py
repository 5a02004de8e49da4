"""The printout as a file: page header and footer, page numbers, :func:`build_pdf`.

A printout builds a list of platypus flowables and hands it to :func:`build_pdf`,
which adds the page header (village and title), the footer (页码, 打印日期) and
writes the file atomically.  A printout that must not go on the board (a draft, a
corrected notice, a board of a period not posted yet: :class:`NotForPosting`) is
marked across the face of every page and says so in its title.  A heading
(``keepWithNext``) never ends a page alone: it goes with the first part of what
follows it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import date
from enum import StrEnum
from functools import partial
from io import BytesIO
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, portrait
from reportlab.lib.pagesizes import landscape as _landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from villagedesk import clock
from villagedesk.core.common.dates import chinese_date
from villagedesk.core.common.village import Profile
from villagedesk.core.notices.model import NoticeStatus
from villagedesk.documents import protect
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
WATERMARK = colors.Color(0.75, 0, 0, alpha=0.28)  # red, and light enough to read what lies under it


class NotForPosting(StrEnum):
    """Why a printout must not go on the board; marked across every page and added to its title
    (docs/DOMAIN.md §4.9)."""

    DRAFT = NoticeStatus.DRAFT.value  # a notice not reviewed yet: 草稿, as the notice's stage is called
    UNREVIEWED = "未审核"  # a notice archived without ever being reviewed
    VOID = "已作废"  # a notice replaced by its correction, or withdrawn unposted
    PROOF = "核对稿"  # a points board of a period not posted yet, for checking

    @property
    def mark(self) -> str:
        """草稿 — 不得张贴: the words across the page."""
        return f"{self} — 不得张贴"

    def titled(self, title: str) -> str:
        """The title with its state: 2026年第四季度党务公开（草稿）."""
        return f"{title}（{self}）"


class _Decor:
    """Draws the header (on each page) and footer (at the end, knowing the page count)."""

    def __init__(self, profile: Profile, title: str, internal: bool, printed: date, pagesize,
                 unfit: NotForPosting | None = None):
        self.profile, self.title, self.internal, self.printed = profile, title, internal, printed
        self.width, self.height = pagesize
        self.unfit = unfit

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
        draw_text(canv, MARGIN_X, y, f"打印日期：{chinese_date(self.printed)}", 8.5)
        draw_text(canv, self.width / 2, y, f"第 {page} 页 共 {total} 页", 9, "center")
        if self.internal:
            draw_text(canv, self.width - MARGIN_X, y, INTERNAL_MARK, 8.5, "right")
        canv.restoreState()
        if self.unfit is not None:
            self.watermark(canv, self.unfit.mark)

    def watermark(self, canv: Canvas, text: str) -> None:
        """``text`` corner to corner across the page, over the content (drawn last), so no part
        of the page can be cut out and posted without it."""
        canv.saveState()
        canv.setFillColor(WATERMARK)
        canv.translate(self.width / 2, self.height / 2)
        canv.rotate(math.degrees(math.atan2(self.height, self.width)))
        size = 0.7 * math.hypot(self.width, self.height) / text_width(text, 1)
        draw_text(canv, 0, -size * 0.35, text, size, "center")
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


class _KeepWithNext(Flowable):
    """Headings (``keepWithNext``) and the flowable after them: the headings go where the first
    part of that flowable fits, so a long table follows its heading on the same page without
    being pushed whole to the next one (platypus's KeepTogether would move it)."""

    def __init__(self, flowables: list[Flowable]):
        super().__init__()
        self._heads, self._next = flowables[:-1], flowables[-1]

    def wrap(self, aw, ah):
        return aw, 0xFFFFFF  # never drawn whole: always split

    def split(self, aw, ah):
        heads = self._heads
        height = sum(f.wrapOn(self.canv, aw, ah)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in heads)
        room = ah - height - self._next.getSpaceBefore()
        if room > 0:
            if self._next.wrapOn(self.canv, aw, room)[1] <= room:
                return [*heads, self._next]
            parts = self._next.splitOn(self.canv, aw, room)
            # A KeepTogether that moves on to the next page splits into a page change first.
            if parts and not getattr(parts[0], "locChanger", 0):
                return [*heads, *parts]
        if bool(getattr(getattr(self, "_frame", None), "_atTop", False)):
            return [*heads, self._next]  # nothing of it fits even on an empty page: let it split itself
        return []  # all of it to the next page

    def getKeepWithNext(self):
        return False


def _keeps_with_next(flowable: Flowable | None) -> bool:
    return flowable is not None and bool(flowable.getKeepWithNext()) and not getattr(flowable, "locChanger", 0)


class _Doc(BaseDocTemplate):
    def __init__(self, fh, progress: Progress | None = None, total: int = 0, **kw):
        super().__init__(fh, **kw)
        self._progress, self._total, self._done = progress, total, 0

    def handle_keepWithNext(self, flowables):
        """Headings at the front of ``flowables`` go with the flowable after them, whatever it is: platypus
        leaves a heading alone before a KeepTogether (and keeps the rest whole with KeepTogether)."""
        i = 0
        while i < len(flowables) and _keeps_with_next(flowables[i]):
            i += 1
        if i and i < len(flowables) and flowables[i] is not None and not getattr(flowables[i], "locChanger", 0):
            for head in flowables[:i]:
                head.__dict__["keepWithNext"] = 0  # grouped once: not again when the group splits
            flowables[:i + 1] = [_KeepWithNext(flowables[:i + 1])]

    def afterFlowable(self, flowable):
        if self._progress is not None:
            self._done += getattr(flowable, "_vd_rows", 1)
            self._progress(min(self._done, self._total), self._total)


def _document(fh, pagesize, progress: Progress | None = None, total: int = 0, **kw) -> _Doc:
    """The page frame every printout is laid out in (and :func:`count_pages` measures)."""
    doc = _Doc(fh, progress, total, pagesize=pagesize, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
               topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
               # Else the canvas declares Helvetica, an unembedded font, on every page.
               initialFontName=FONT, initialFontSize=10, **kw)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    return doc


def _page_size(pagesize, landscape: bool):
    return _landscape(pagesize) if landscape else portrait(pagesize)


def count_pages(flowables: Iterable[Flowable], *, pagesize=A4, landscape: bool = False) -> int:
    """How many pages ``flowables`` take in a printout's frame (laid out in memory, nothing written).

    The flowables are used up: lay out fresh ones for the file.
    """
    register_fonts()
    doc = _document(BytesIO(), _page_size(pagesize, landscape))
    doc.build(list(flowables))
    return doc.page


def story_height(flowables: Iterable[Flowable], *, pagesize=A4, landscape: bool = False) -> tuple[float, float]:
    """(the height ``flowables`` take laid end to end, the height of a page's frame): a quick first
    look before :func:`count_pages` lays them out.  The flowables stay usable."""
    register_fonts()
    width, height = _page_size(pagesize, landscape)
    frame_width, frame_height = width - 2 * MARGIN_X, height - MARGIN_TOP - MARGIN_BOTTOM
    canv = Canvas(BytesIO(), pagesize=(width, height))
    need = sum(f.wrapOn(canv, frame_width, frame_height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
               for f in _unpacked(flowables))
    return need, frame_height


def _unpacked(flowables: Iterable[Flowable]) -> Iterable[Flowable]:
    """The flowables with a KeepTogether's content in its place (it measures itself as endless)."""
    for flowable in flowables:
        content = getattr(flowable, "_content", None)
        if isinstance(content, list):
            yield from _unpacked(content)
        else:
            yield flowable


def build_pdf(path: Path | str, *, title: str, profile: Profile,
              story: Iterable[Flowable] | Callable[[], Iterable[Flowable]],
              landscape: bool = False, pagesize=A4, internal: bool = False, subtitle: str = "",
              progress: Progress | None = None, printed_on: date | None = None,
              title_block: bool = True, unfit: NotForPosting | None = None,
              title_style: ParagraphStyle = TITLE, full_ids: bool = False,
              password: protect.OpenPassword | None = None) -> Path:
    """Write ``story`` to ``path`` as a finished printout and return the path.

    ``story`` is a list of flowables or a callable returning one (called once,
    inside this function).  The title (in ``title_style``) and subtitle open the
    first page unless ``title_block`` is false.  ``internal`` marks every page 内部资料 注意保管.
    ``unfit`` marks every page across its face (草稿 — 不得张贴) and adds the state
    to the title in the title block, the page header and the file's properties (a
    printout without ``title_block`` prints ``unfit.titled(…)`` itself).
    ``progress(done, total)`` counts table rows and other flowables as they are
    laid out and is called once more before the file is committed; it may raise
    Cancelled.  On any error nothing is left at ``path`` and a file that was
    there before is untouched; an unwritable folder raises UserError.
    ``full_ids``: the printout carries full ID numbers, so it may be encrypted with
    ``password`` (documents/protect.py; refused for any other printout).
    """
    password = protect.for_export(password, full_ids=full_ids, what=title)
    register_fonts()
    path = Path(path).expanduser().absolute()
    folder = path.parent
    if path.is_dir():
        raise UserError(messages.PATH_IS_FOLDER.format(path=path))
    if not folder.is_dir():
        raise UserError(messages.FOLDER_MISSING.format(folder=folder))
    pagesize = _page_size(pagesize, landscape)
    if unfit is not None:
        title = unfit.titled(title)
    flowables = list(story() if callable(story) else story)
    if title_block:
        head = [para(title, title_style)] + ([para(subtitle, SUBTITLE)] if subtitle else [])
        flowables = head + flowables
    total = sum(getattr(f, "_vd_rows", 1) for f in flowables)
    if progress is not None:
        progress(0, total)

    decor = _Decor(profile, title, internal, printed_on or clock.today(), pagesize, unfit)
    with atomic_output(path, locked=partial(_locked, path)) as fh:
        # A printout with a password is made in memory and only its encrypted bytes are written.
        plain = BytesIO() if password is not None else fh
        doc = _document(plain, pagesize, progress, total, title=title, author=profile.full_name,
                        subject=subtitle or title, creator="村务通 VillageDesk")
        doc.pageTemplates[0].onPage = decor.header
        doc.build(flowables, canvasmaker=partial(_NumberedCanvas, decor=decor))
        if password is not None:
            protect.encrypt_pdf(plain, password, fh)
        if progress is not None:
            progress(total, total)  # the last chance to cancel before the file appears
    return path


def _locked(path: Path, exc: OSError) -> UserError:
    return UserError(messages.CANNOT_REPLACE.format(path=path))
