"""Print preview: every page of a finished PDF in the window, then Print, Print…, or Save As….

The documents layer writes the PDF (reportlab, fonts embedded); this dialog only
shows it (QtPdf's ``QPdfDocument`` + ``QPdfView``), prints it page by page
through ``QPrinter`` and copies it where the clerk wants it.  What is printed is
exactly the file that would be saved: one source of truth for paper and disk.

Printing rasterises each page with ``QPdfDocument.render()`` at the printer's
resolution capped at :data:`PRINT_DPI` (an A4 page at 1200 dpi would be a
0.5 GB image) and paints it full-page at true size, rotated when the page and
the paper are oriented differently, shrunk only when the paper is smaller.  The
work runs through :func:`villagedesk.ui.kit.workers.run_job`, with its own
``QPdfDocument`` on the worker thread (QtPdf serialises PDFium behind one global
mutex, so the preview and the printer can share the library safely).

Print sends the file straight to the system's default printer (no dialog); Print… asks the
system print dialog first.  A page's printout can also skip the preview altogether
(:attr:`BackgroundPrint.direct`, the window's Print directly).  Where direct prints go is
:func:`direct_printer`: the default printer, or the file a test (or a clerk without a printer)
named in :data:`DIRECT_PRINTER_FILE`.

Usage from a page::

    PrintPreviewDialog(pdf_path, self, suggested_name="户籍名册.pdf").exec()
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSettings, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk import clock
from villagedesk.core.common.village import get_profile
from villagedesk.documents.atomic import atomic_output
from villagedesk.documents.protect import OpenPassword
from villagedesk.errors import UserError, os_reason
from villagedesk.store import Store, open_store
from villagedesk.ui.kit.dialogs import Dialog
from villagedesk.ui.kit.file_dialogs import ask_save, remember_save_folder
from villagedesk.ui.kit.workers import Job, run_job

try:  # QtPdf ships in PySide6-Addons; a trimmed installation may lack it.
    from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
    from PySide6.QtPdfWidgets import QPdfView
except ImportError as exc:  # pragma: no cover - only on a broken installation
    QPdfDocument = QPdfDocumentRenderOptions = QPdfView = None
    _QTPDF_MISSING: str | None = str(exc)
else:
    _QTPDF_MISSING = None

#: QSettings key of the preview window's geometry.
GEOMETRY_KEY = "print_preview/geometry"
#: Pages are rasterised for the printer at no more than this resolution.
PRINT_DPI = 300
#: QSettings key naming a PDF file that direct prints go to instead of the default printer (tests,
#: and a laptop whose printer is set up later).
DIRECT_PRINTER_FILE = "print/direct_to_file"

_CONTEXT = "PrintPreviewDialog"
Progress = Callable[[int, int], None]



def _load_error_text(error) -> str:
    """A plain sentence for QPdfDocument.Error (the file name is added by the caller)."""
    errors = QPdfDocument.Error
    if error == errors.FileNotFound:
        return QCoreApplication.translate("PrintPreviewDialog", "The file does not exist (any more).")
    if error == errors.InvalidFileFormat:
        return QCoreApplication.translate("PrintPreviewDialog", "The file is not a readable PDF; it may be damaged or still being written.")
    if error in (errors.IncorrectPassword, errors.UnsupportedSecurityScheme):
        return QCoreApplication.translate("PrintPreviewDialog", "The PDF is protected by a password and cannot be shown.")
    return QCoreApplication.translate("PrintPreviewDialog", "The PDF could not be read.")


def _open_document(pdf_path: Path, parent=None, password: OpenPassword | None = None) -> QPdfDocument:
    if QPdfDocument is None:
        raise UserError(QCoreApplication.translate("PrintPreviewDialog", "The PDF module of Qt (QtPdf) is missing from this installation."))
    document = QPdfDocument()
    if password is not None:  # a printout with full ID numbers written with an opening password
        document.setPassword(password.text)
    error = document.load(str(pdf_path))
    if error != QPdfDocument.Error.None_ or document.status() != QPdfDocument.Status.Ready:
        raise UserError(QCoreApplication.translate("PrintPreviewDialog", "Cannot open {path}: {reason}").format(path=pdf_path, reason=_load_error_text(error)))
    if parent is not None:
        document.setParent(parent)
    return document


def pages_to_print(printer: QPrinter, page_count: int, current_page: int = 0) -> list[int]:
    """0-based page indexes in print order: page range, current page, page order and copies."""
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        ranges = printer.pageRanges()
        if ranges.isEmpty():
            first, last = printer.fromPage(), printer.toPage()
            wanted = [p for p in range(1, page_count + 1) if first <= p <= (last or page_count)]
        else:
            wanted = [p for p in range(1, page_count + 1) if ranges.contains(p)]
        pages = [p - 1 for p in wanted]
    elif printer.printRange() == QPrinter.PrintRange.CurrentPage:
        pages = [current_page] if 0 <= current_page < page_count else []
    else:
        pages = list(range(page_count))
    if not pages:
        raise UserError(QCoreApplication.translate("PrintPreviewDialog", "None of the chosen pages is in this document; it has %n page(s).", None, page_count))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    # A printer that makes copies itself (CUPS, most drivers) gets one pass.
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if printer.collateCopies():
        return pages * copies
    return [page for page in pages for _ in range(copies)]


def _paint_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int) -> None:
    """Draw one page on the printer: true size, centred, rotated to the paper, shrunk if needed."""
    unit = QPrinter.Unit.DevicePixel
    area = printer.paperRect(unit) if printer.fullPage() else printer.pageRect(unit)
    area_w, area_h = area.width(), area.height()
    dots_per_point = printer.resolution() / 72.0
    size = document.pagePointSize(page)
    page_w, page_h = size.width() * dots_per_point, size.height() * dots_per_point
    if page_w <= 0 or page_h <= 0:
        raise UserError(QCoreApplication.translate("PrintPreviewDialog", "Page {page} of the PDF has no size and cannot be printed.").format(page=page + 1))
    rotate = (page_w > page_h) != (area_w > area_h) and abs(area_w - area_h) > 1
    box_w, box_h = (area_h, area_w) if rotate else (area_w, area_h)
    scale = min(1.0, box_w / page_w, box_h / page_h)
    draw_w, draw_h = page_w * scale, page_h * scale

    pixels = min(1.0, PRINT_DPI / printer.resolution())
    image_size = QSize(max(1, round(draw_w * pixels)), max(1, round(draw_h * pixels)))
    options = QPdfDocumentRenderOptions()
    options.setRenderFlags(QPdfDocumentRenderOptions.RenderFlag.Annotations)
    rendered = document.render(page, image_size, options)
    if rendered.isNull():
        raise UserError(QCoreApplication.translate("PrintPreviewDialog", "Page {page} could not be drawn for printing (not enough memory?).")
                        .format(page=page + 1))
    # QtPdf renders onto transparency; paper is white.
    image = QImage(rendered.size(), QImage.Format.Format_RGB32)
    image.fill(QColor(Qt.GlobalColor.white))
    flatten = QPainter(image)
    flatten.drawImage(0, 0, rendered)
    flatten.end()

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    painter.translate(area_w / 2, area_h / 2)
    if rotate:
        painter.rotate(90)
    painter.drawImage(QRectF(-draw_w / 2, -draw_h / 2, draw_w, draw_h), image)
    painter.restore()


def match_paper(printer: QPrinter, document: QPdfDocument) -> None:
    """The printer's paper and orientation those of the document's first page; printed at true size."""
    printer.setFullPage(True)  # the PDF carries its own margins: print at true size
    if document.pageCount():
        size = document.pagePointSize(0)
        short, long = sorted((size.width(), size.height()))
        printer.setPageSize(QPageSize(QSizeF(short, long), QPageSize.Unit.Point))
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape if size.width() > size.height()
            else QPageLayout.Orientation.Portrait)


def direct_printer(doc_name: str) -> QPrinter:
    """Where Print (without a dialog) goes: the system's default printer, or the PDF file named in
    the settings (:data:`DIRECT_PRINTER_FILE`); UserError when there is neither."""
    target = str(QSettings().value(DIRECT_PRINTER_FILE, "") or "")
    if target:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(target)
    else:
        default = QPrinterInfo.defaultPrinter()
        if default.isNull():
            raise UserError(QCoreApplication.translate(
                "PrintPreviewDialog", "No default printer is set up on this computer. Choose Print… to pick a "
                "printer, or set a default printer in the system's settings."))
        printer = QPrinter(default, QPrinter.PrinterMode.HighResolution)
    printer.setDocName(doc_name)
    return printer


def print_pdf(
    pdf_path: Path | str,
    printer: QPrinter,
    progress: Progress | None = None,
    current_page: int = 0,
    fit_paper: bool = False,
    password: OpenPassword | None = None,
) -> int:
    """Print ``pdf_path`` on ``printer`` as its settings say; returns the sheets sent.

    ``fit_paper`` first sets the printer's paper to the document's (a direct print, which no
    dialog set up).  Safe on a worker thread (it opens its own QPdfDocument there).  Raises
    UserError when the file or the printer fails, Cancelled from ``progress``.  ``password``
    opens an encrypted PDF.
    """
    document = _open_document(Path(pdf_path), password=password)
    try:
        if fit_paper:
            match_paper(printer, document)
        sequence = pages_to_print(printer, document.pageCount(), current_page)
        painter = QPainter()
        if not painter.begin(printer):
            raise UserError(QCoreApplication.translate("PrintPreviewDialog", "The printer “{printer}” could not be started. Check that it is switched on "
                                "and connected, then try again.").format(printer=printer.printerName()
                                                                         or printer.outputFileName()))
        try:
            for index, page in enumerate(sequence):
                if progress is not None:
                    progress(index, len(sequence))
                if index:
                    printer.newPage()
                _paint_page(painter, printer, document, page)
            if progress is not None:
                progress(len(sequence), len(sequence))
        except BaseException:  # Cancel, a printer error or a bug: never send half a job
            printer.abort()
            raise
        finally:
            painter.end()
        return len(sequence)
    finally:
        document.close()


class PrintPreviewDialog(Dialog):
    """Shows ``pdf_path``; Print…, Save As… and Close.

    ``suggested_name`` is the file name offered by Save As… and the print job's
    name.  A PDF that cannot be opened leaves the dialog up with the reason in
    it and only Save As… / Close enabled (Save As… too is off if the file is gone).
    ``password`` opens a PDF written with one; Save As… copies it as it is, encrypted.
    """

    def __init__(self, pdf_path: Path | str, parent: QWidget | None = None, suggested_name: str = "",
                 password: OpenPassword | None = None):
        super().__init__(parent)
        self.pdf_path = Path(pdf_path)
        self.password = password
        name = suggested_name or self.pdf_path.name
        self.suggested_name = name if name.lower().endswith(".pdf") else name + ".pdf"
        self.load_error: str | None = None
        self.document: QPdfDocument | None = None
        self.view: QPdfView | None = None
        self._printer: QPrinter | None = None
        self.print_job: Job | None = None

        self.setWindowTitle(self.tr("Print preview – {name}").format(name=self.suggested_name))
        self.setSizeGripEnabled(True)

        self.page_count_label = QLabel(self)
        self.page_count_label.setObjectName("page_count_label")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")
        # One line whose length never changes the window's minimum size (a long path is cut;
        # the tooltip has it whole).
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.status_label.setFixedHeight(self.status_label.fontMetrics().lineSpacing() + 4)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.zoom_out_button = self._tool_button(self.tr("Zoom out"), "−", lambda: self._zoom_by(1 / 1.25))
        self.zoom_in_button = self._tool_button(self.tr("Zoom in"), "+", lambda: self._zoom_by(1.25))
        self.fit_width_button = self._tool_button(self.tr("Fit width"), self.tr("Fit width"), self.fit_width)

        top = QHBoxLayout()
        top.addWidget(self.page_count_label)
        top.addStretch(1)
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_width_button):
            top.addWidget(button)

        self.buttons = QDialogButtonBox(self)
        self.direct_button = QPushButton(self.tr("Print"), self)
        self.direct_button.setObjectName("direct_print_button")
        self.direct_button.setToolTip(self.tr("Print every page on the default printer at once (Ctrl+P)"))
        self.direct_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setToolTip(self.tr("Choose the printer, pages and copies first"))
        self.save_button = QPushButton(self.tr("Save As…"), self)
        self.buttons.addButton(self.direct_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("Close"))
        self.print_button.clicked.connect(self.print_document)
        self.direct_button.clicked.connect(self.print_directly)
        self.save_button.clicked.connect(self.save_as)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._make_view(), 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

        # Settle the minimum size now, before a native window exists: done at show() it is
        # pushed to the platform window (the offscreen plugin warns about that in tests).
        layout.activate()
        self._restore_geometry()
        self.print_button.setDefault(self.load_error is None)

    # -- building -------------------------------------------------------

    def _tool_button(self, tip: str, text: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(slot)
        return button

    def _make_view(self) -> QWidget:
        try:
            self.document = _open_document(self.pdf_path, self, self.password)
        except UserError as err:
            self.load_error = str(err)
            self.document = None
        if self.document is None:
            message = QLabel(self.load_error or "", self)
            message.setObjectName("load_error_label")
            message.setWordWrap(True)
            message.setAlignment(Qt.AlignmentFlag.AlignCenter)
            message.setMinimumSize(400, 300)
            self.page_count_label.setText(self.tr("No preview"))
            for button in (self.print_button, self.direct_button, self.zoom_in_button, self.zoom_out_button,
                           self.fit_width_button):
                button.setEnabled(False)
            self.save_button.setEnabled(self.pdf_path.is_file())
            return message

        # The document became this dialog's child before the view existed, so it is destroyed
        # first, while the view can still take its last statusChanged.  Parenting it to the view
        # instead crashes (the signal reaches a half-destroyed QPdfView), and setDocument(None)
        # on close makes QPdfView warn about a nullptr connect.
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.page_count_label.setText(self.tr("%n page(s)", "", self.document.pageCount()))
        return self.view

    def _restore_geometry(self) -> None:
        saved = QSettings().value(GEOMETRY_KEY)
        if saved is None or not self.restoreGeometry(saved):
            self.resize(820, 960)
            screen = self.screen().availableGeometry() if self.screen() is not None else None
            if screen is not None:
                self.resize(min(820, screen.width() * 9 // 10), min(960, screen.height() * 9 // 10))

    def done(self, result: int) -> None:
        QSettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        super().done(result)

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setToolTip(text)

    # -- viewing --------------------------------------------------------

    def page_count(self) -> int:
        return self.document.pageCount() if self.document is not None else 0

    def fit_width(self) -> None:
        if self.view is not None:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _zoom_by(self, factor: float) -> None:
        if self.view is None:
            return
        current = self.view.zoomFactor()
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            # Fit modes do not report their factor; estimate it from the first page's width.
            page_px = self.document.pagePointSize(0).width() * self.logicalDpiX() / 72.0
            if page_px > 0:
                current = self.view.viewport().width() / page_px
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(8.0, current * factor)))

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage() if self.view is not None else 0

    # -- printing -------------------------------------------------------

    def printer(self) -> QPrinter:
        """The dialog's printer, set up once for this document (kept between prints)."""
        if self._printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(self.suggested_name)
            printer.setFullPage(True)
            if self.document is not None:
                match_paper(printer, self.document)
            self._printer = printer
        return self._printer

    def print_document(self) -> None:
        """Print…: ask the system print dialog, then print in the background."""
        if self.document is None:
            return
        printer = self.printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print {name}").format(name=self.suggested_name))
        options = QAbstractPrintDialog.PrintDialogOption
        for option in (options.PrintPageRange, options.PrintCurrentPage, options.PrintCollateCopies,
                       options.PrintToFile):
            dialog.setOption(option, True)
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.start_printing(printer)

    def print_directly(self) -> Job | None:
        """Print: every page on the default printer, no dialog (None, after saying why, when there is none)."""
        if self.document is None:
            return None
        try:
            printer = direct_printer(self.suggested_name)
        except UserError as err:
            QMessageBox.warning(self, self.tr("Print"), str(err))
            return None
        return self.start_printing(printer, fit_paper=True)

    def start_printing(self, printer: QPrinter, fit_paper: bool = False) -> Job:
        """Print on ``printer`` off the GUI thread with a progress dialog; returns the job."""
        pdf_path, current, password = self.pdf_path, self.current_page(), self.password
        self.print_button.setEnabled(False)
        self.direct_button.setEnabled(False)
        self._set_status(self.tr("Printing…"))

        def job(progress):
            return print_pdf(pdf_path, printer, progress=progress, current_page=current, fit_paper=fit_paper,
                             password=password)

        self.print_job = run_job(self, self.tr("Print"), job, self._printed,
                                 label=self.tr("Sending the pages to the printer…"))
        self.print_job.finished.connect(self._print_job_over)
        return self.print_job

    def print_to(self, printer: QPrinter, progress: Progress | None = None) -> int:
        """Print now, on this thread (for tests and callers that run their own job)."""
        return print_pdf(self.pdf_path, printer, progress=progress, current_page=self.current_page(),
                         password=self.password)

    def _printed(self, sheets: int) -> None:
        self._set_status(self.tr("Sent %n page(s) to the printer.", "", sheets))

    def _print_job_over(self) -> None:
        self.print_button.setEnabled(self.document is not None)
        self.direct_button.setEnabled(self.document is not None)
        if self.print_job is not None and self.print_job.state != "done":
            self._set_status(self.tr("Printing was stopped.")
                                      if self.print_job.state == "cancelled" else "")

    # -- saving ---------------------------------------------------------

    def save_as(self) -> Path | None:
        """Save As…: choose a file (starting in the last folder used) and copy the PDF there."""
        dest = ask_save(self, self.tr("Save PDF as"), self.suggested_name, self.tr("PDF files (*.pdf)"), ".pdf")
        if dest is None:
            return None
        try:
            self.save_to(dest)
        except UserError as err:
            QMessageBox.warning(self, self.tr("Save PDF as"), str(err))
            return None
        remember_save_folder(dest)
        self._set_status(self.tr("Saved to {path}").format(path=dest))
        return dest

    def save_to(self, dest: Path | str) -> None:
        """Copy the PDF to ``dest`` (replacing it whole, never half); UserError on failure."""
        dest = Path(dest)
        # Saving the preview onto itself is nothing to do; an unreadable dest is handled below.
        with contextlib.suppress(OSError):
            if dest.exists() and dest.samefile(self.pdf_path):
                return
        if dest.is_dir():
            raise UserError(self.tr("{path} is a folder. Choose a file name.").format(path=dest))
        def failed(exc: OSError) -> UserError:
            if isinstance(exc, PermissionError):
                reason = self.tr("permission denied. The file may be open in another program, or the folder "
                                 "may be read-only; close it or choose another place.")
            elif isinstance(exc, FileNotFoundError) and not self.pdf_path.exists():
                reason = self.tr("the PDF to save is gone; make it again.")
            else:
                reason = os_reason(exc)
            return UserError(self.tr("Could not save {path}: {reason}").format(path=dest, reason=reason))

        with atomic_output(dest, failed=failed, locked=failed) as target, open(self.pdf_path, "rb") as source:
            shutil.copyfileobj(source, target, 1 << 20)


class BackgroundPrint:
    """Builds a PDF off the GUI thread with its own read-only store, then previews it.

    ``make(reader, pdf_path, progress)`` writes the PDF; a UserError it raises is
    shown by :func:`run_job` in a message box.  The files live in a temporary
    folder for as long as the owner does.  With :attr:`direct` set, the next
    printout skips the preview and goes to the default printer (:func:`direct_printer`).
    ``show(…, password=…)``: the password ``make`` encrypted the PDF with, so the
    preview and the printer can open it.
    """

    def __init__(self, owner: QWidget, store, *, reader=None):
        self.owner = owner
        self.store = store
        # What ``make`` reads from, opened on the worker: a read-only store of ``store``'s file, or what
        # ``reader()`` opens (the county window's own connection to its server: ui/county).
        self.reader = reader
        self.job: Job | None = None  # the last job started (tests wait on it)
        self._tmp: tempfile.TemporaryDirectory | None = None
        #: The next show() prints straight away instead of previewing (then it is cleared).
        self.direct = False

    def show(self, title: str, stem: str, suggested: str, make, password: OpenPassword | None = None) -> Job:
        if self._tmp is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="villagedesk-print-")
        pdf = Path(self._tmp.name) / f"{stem}-{clock.today():%Y%m%d}.pdf"
        opened = self.reader or functools.partial(open_store, self.store.path, write=False, key=self.store.key)
        direct, self.direct = self.direct, False
        # Asked before the work: with no printer to print on, nothing is built.
        printer = direct_printer(suggested) if direct else None

        def job(progress):
            with opened() as reader:
                made = make(reader, pdf, progress)
            if printer is not None:
                return print_pdf(pdf, printer, fit_paper=True, password=password)
            return made

        def done(result) -> None:
            if printer is None:
                PrintPreviewDialog(pdf, self.owner, suggested, password=password).exec()
            else:
                QMessageBox.information(self.owner, title, QCoreApplication.translate(
                    "PrintPreviewDialog", "Sent %n page(s) to the printer.", None, result))

        self.job = run_job(self.owner, title, job, done)
        return self.job


def direct_print(button: QPushButton) -> bool:
    """Click a page's print button so that its printout goes straight to the printer (Print directly).

    False when no background printout stands behind the button (nothing was clicked).
    """
    holder: QWidget | None = button
    while holder is not None:
        printer = getattr(holder, "printer", None) or getattr(holder, "_printer", None)
        if isinstance(printer, BackgroundPrint):
            try:
                direct_printer("")  # no printer: say so before anything is built
            except UserError as err:
                QMessageBox.warning(button.window(), QCoreApplication.translate("PrintPreviewDialog", "Print"),
                                    str(err))
                return True
            printer.direct = True
            try:
                button.click()
            finally:
                printer.direct = False
            return True
        holder = holder.parentWidget()
    return False


def village_name(store: Store) -> str:
    profile = get_profile(store)
    return profile.name if profile else ""
