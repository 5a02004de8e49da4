"""Print preview: a real PDF shown by QtPdf, printed through QPrinter, saved by copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageRanges
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from tests.helpers import WAIT
from villagedesk.errors import Cancelled, UserError
from villagedesk.ui.kit.file_dialogs import SAVE_KEY as LAST_SAVE_DIR_KEY
from villagedesk.ui.kit.print_preview import PrintPreviewDialog, pages_to_print


@pytest.fixture(autouse=True)
def settings_dir(tmp_path):
    """QSettings in an ini file under tmp_path, whatever conftest does."""
    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder



def make_pdf(path: Path, pages: int = 2, size=A4) -> Path:
    """A real PDF; page 1 has a black square in its top-left quarter, the others do not."""
    pdf = canvas.Canvas(str(path), pagesize=size)
    width, height = size
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica", 24)
        pdf.drawString(72, height / 2, f"VillageDesk test page {number}")
        if number == 1:
            pdf.rect(width * 0.1, height * 0.6, width * 0.3, height * 0.3, stroke=0, fill=1)
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture
def pdf(tmp_path) -> Path:
    return make_pdf(tmp_path / "source.pdf")


@pytest.fixture
def preview(qtbot, pdf):
    dialog = PrintPreviewDialog(pdf, None, suggested_name="户籍名册")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def pdf_printer(dialog: PrintPreviewDialog, out: Path) -> QPrinter:
    printer = dialog.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    return printer


def dark_fraction(pdf_path: Path, page: int, x0: float, y0: float, x1: float, y1: float) -> float:
    """Share of dark pixels in a region (fractions of the page) of a rendered page."""
    document = QPdfDocument()
    assert document.load(str(pdf_path)) == QPdfDocument.Error.None_
    image = document.render(page, QSize(200, 283))
    document.close()
    dark = total = 0
    for x in range(int(x0 * image.width()), int(x1 * image.width())):
        for y in range(int(y0 * image.height()), int(y1 * image.height())):
            colour = image.pixelColor(x, y)
            total += 1
            dark += colour.alpha() > 128 and colour.lightness() < 80
    return dark / total


def first_dark_column(pdf_path: Path, page: int, y: float, width: int = 1000) -> int:
    """Pixel column (of ``width``) where the first dark pixel is on the row at ``y`` (fraction)."""
    document = QPdfDocument()
    assert document.load(str(pdf_path)) == QPdfDocument.Error.None_
    size = document.pagePointSize(page)
    image = document.render(page, QSize(width, round(width * size.height() / size.width())))
    document.close()
    row = int(y * image.height())
    for x in range(image.width()):
        colour = image.pixelColor(x, row)
        if colour.alpha() > 128 and colour.lightness() < 80:
            return x
    return -1


# -- showing ---------------------------------------------------------------


def test_shows_every_page_of_the_pdf(preview):
    assert preview.document is not None
    assert preview.document.status() == QPdfDocument.Status.Ready
    assert preview.page_count() == 2
    assert preview.page_count_label.text() == "共 2 页"
    assert preview.page_count_label.isVisible()
    assert isinstance(preview.view, QPdfView) and preview.view.isVisible()
    assert preview.view.document() is preview.document
    assert preview.view.pageMode() == QPdfView.PageMode.MultiPage
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert preview.suggested_name == "户籍名册.pdf"
    assert "户籍名册.pdf" in preview.windowTitle()
    assert preview.print_button.isEnabled() and preview.save_button.isEnabled()
    assert preview.load_error is None


def test_zoom_buttons_leave_fit_width_and_return(preview, qtbot):
    qtbot.mouseClick(preview.zoom_in_button, Qt.MouseButton.LeftButton)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    zoomed = preview.view.zoomFactor()
    qtbot.mouseClick(preview.zoom_out_button, Qt.MouseButton.LeftButton)
    assert preview.view.zoomFactor() == pytest.approx(zoomed / 1.25)
    qtbot.mouseClick(preview.fit_width_button, Qt.MouseButton.LeftButton)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth


def test_a_damaged_pdf_is_explained_not_shown(qtbot, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 this is not really a pdf")
    dialog = PrintPreviewDialog(broken, None, "broken.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.document is None and dialog.view is None
    assert "broken.pdf" in dialog.load_error and "不是可读的 PDF" in dialog.load_error
    message = dialog.findChild(type(dialog.page_count_label), "load_error_label")
    assert message is not None and message.isVisible() and message.text() == dialog.load_error
    assert not dialog.print_button.isEnabled()
    assert dialog.save_button.isEnabled()  # the bytes can still be kept


def test_a_missing_pdf_can_be_neither_printed_nor_saved(qtbot, tmp_path):
    dialog = PrintPreviewDialog(tmp_path / "gone.pdf", None, "gone")
    qtbot.addWidget(dialog)
    assert "不存在" in dialog.load_error
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()


# -- saving ----------------------------------------------------------------


def test_save_as_copies_the_file_and_remembers_the_folder(preview, pdf, tmp_path, monkeypatch, boxes,
                                                          settings_dir):
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    asked = []

    def fake_dialog(parent, caption, start, filters):
        asked.append(start)
        return str(out_dir / "名册.pdf"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_dialog)
    saved = preview.save_as()
    assert saved == out_dir / "名册.pdf"
    assert saved.read_bytes() == pdf.read_bytes()
    assert not list(out_dir.glob("*.part"))
    assert Path(asked[0]).name == "户籍名册.pdf"
    assert boxes == []
    assert QSettings().value(LAST_SAVE_DIR_KEY) == str(out_dir)
    assert list(settings_dir.rglob("*.ini")) or list(settings_dir.rglob("*.conf"))

    # The next Save As… starts in that folder, in this dialog or a new one.
    preview.save_as()
    assert Path(asked[1]) == out_dir / "户籍名册.pdf"


def test_save_as_adds_the_pdf_suffix_and_replaces_an_old_file(preview, pdf, tmp_path, monkeypatch, boxes):
    old = tmp_path / "report.pdf"
    old.write_bytes(b"old content " * 100_000)  # longer than the new file: must not leave a tail
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "report"), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert preview.save_as() == old
    assert old.read_bytes() == pdf.read_bytes()
    assert boxes == []


def test_save_as_cancelled_does_nothing(preview, tmp_path, monkeypatch, boxes):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    assert preview.save_as() is None
    assert QSettings().value(LAST_SAVE_DIR_KEY) is None
    assert boxes == []


def test_save_as_into_a_missing_folder_shows_why(preview, tmp_path, monkeypatch, boxes):
    target = tmp_path / "no-such-folder" / "out.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    assert preview.save_as() is None
    assert not target.exists()
    assert len(boxes) == 1 and boxes[0][0] == "warning"
    assert str(target) in boxes[0][2]
    assert QSettings().value(LAST_SAVE_DIR_KEY) is None  # a failed save is not remembered


def test_save_over_a_locked_file_shows_permission_message(preview, pdf, tmp_path, monkeypatch, boxes):
    target = tmp_path / "open-in-viewer.pdf"
    target.write_bytes(b"kept")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    from villagedesk.documents import atomic

    monkeypatch.setattr(atomic.os, "replace", refuse)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    assert preview.save_as() is None
    assert target.read_bytes() == b"kept"  # the old file is untouched
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob("*.part"))
    assert len(boxes) == 1 and "没有写入权限" in boxes[0][2]


def test_save_to_a_folder_is_refused(preview, tmp_path):
    with pytest.raises(UserError, match="是一个文件夹"):
        preview.save_to(tmp_path)


# -- printing --------------------------------------------------------------


@pytest.mark.slow
def test_print_to_a_pdf_printer_gives_every_page_at_true_size(preview, pdf, tmp_path):
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(preview, out)
    assert printer.pageLayout().pageSize().id() == printer.pageLayout().pageSize().PageSizeId.A4
    assert preview.print_to(printer) == 2
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(595, abs=2) and float(box.height) == pytest.approx(842, abs=2)
    # The picture is there, on the right page, where the source put it.
    assert dark_fraction(out, 0, 0.12, 0.12, 0.38, 0.38) > 0.9
    assert dark_fraction(out, 1, 0.12, 0.12, 0.38, 0.38) == 0
    assert dark_fraction(out, 0, 0.6, 0.12, 0.9, 0.38) == 0
    # True size, not shrunk into the printer's margins: the square starts at 10 % of the width.
    assert first_dark_column(pdf, 0, 0.25) == pytest.approx(100, abs=2)
    assert first_dark_column(out, 0, 0.25) == pytest.approx(100, abs=2)


@pytest.mark.slow
def test_print_respects_page_range_copies_and_order(preview, tmp_path):
    out = tmp_path / "page2.pdf"
    printer = pdf_printer(preview, out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setPageRanges(QPageRanges.fromString("2"))
    assert preview.print_to(printer) == 1
    assert len(PdfReader(out).pages) == 1
    assert dark_fraction(out, 0, 0.12, 0.12, 0.38, 0.38) == 0  # it is page 2

    printer.setPrintRange(QPrinter.PrintRange.AllPages)
    printer.setCopyCount(2)
    printer.setCollateCopies(True)
    assert pages_to_print(printer, 2) == [0, 1, 0, 1]
    printer.setCollateCopies(False)
    assert pages_to_print(printer, 2) == [0, 0, 1, 1]
    printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)
    assert pages_to_print(printer, 2) == [1, 1, 0, 0]
    out2 = tmp_path / "copies.pdf"
    printer.setOutputFileName(str(out2))
    assert preview.print_to(printer) == 4
    assert len(PdfReader(out2).pages) == 4
    assert dark_fraction(out2, 2, 0.12, 0.12, 0.38, 0.38) > 0.9  # page 1 comes last, twice

    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setPageRanges(QPageRanges.fromString("5-7"))
    with pytest.raises(UserError, match="共 2 页"):
        pages_to_print(printer, 2)


@pytest.mark.slow
def test_landscape_pdf_prints_landscape(qtbot, tmp_path):
    source = make_pdf(tmp_path / "wide.pdf", pages=1, size=landscape(A4))
    dialog = PrintPreviewDialog(source, None, "wide")
    qtbot.addWidget(dialog)
    out = tmp_path / "wide-printed.pdf"
    printer = pdf_printer(dialog, out)
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    assert dialog.print_to(printer) == 1
    box = PdfReader(out).pages[0].mediabox
    assert float(box.width) > float(box.height)
    assert dark_fraction(out, 0, 0.12, 0.12, 0.38, 0.38) > 0.9


@pytest.mark.slow
def test_landscape_pdf_on_portrait_paper_is_turned_not_shrunk(qtbot, tmp_path):
    source = make_pdf(tmp_path / "wide.pdf", pages=1, size=landscape(A4))
    dialog = PrintPreviewDialog(source, None, "wide")
    qtbot.addWidget(dialog)
    out = tmp_path / "turned.pdf"
    printer = pdf_printer(dialog, out)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)  # the clerk chose portrait paper
    assert dialog.print_to(printer) == 1
    box = PdfReader(out).pages[0].mediabox
    assert float(box.width) < float(box.height)
    # Turned a quarter clockwise: the square from the top left now sits top right, full size.
    assert dark_fraction(out, 0, 0.62, 0.12, 0.88, 0.38) > 0.9
    assert dark_fraction(out, 0, 0.12, 0.12, 0.38, 0.38) == 0


def test_cancel_while_printing_stops(preview, tmp_path):
    printer = pdf_printer(preview, tmp_path / "stopped.pdf")
    calls = []

    def progress(done, total):
        calls.append((done, total))
        if done == 1:
            raise Cancelled()

    with pytest.raises(Cancelled):
        preview.print_to(printer, progress)
    assert calls == [(0, 2), (1, 2)]


@pytest.mark.slow
def test_printing_runs_as_a_job_and_reports_back(preview, tmp_path, boxes):
    out = tmp_path / "job.pdf"
    job = preview.start_printing(pdf_printer(preview, out))
    assert not preview.print_button.isEnabled()  # no second print while one runs
    assert job.wait(WAIT)
    assert job.state == "done" and job.result == 2
    assert boxes == []
    assert len(PdfReader(out).pages) == 2
    assert preview.status_label.text() == "已向打印机发送 2 页。"
    assert preview.print_button.isEnabled()


@pytest.mark.slow
def test_print_button_asks_the_print_dialog_then_prints(preview, tmp_path, qtbot, monkeypatch, boxes):
    out = tmp_path / "button.pdf"
    pdf_printer(preview, out)
    shown = []

    def accept(dialog):
        shown.append((dialog.printer() is preview.printer(), dialog.minPage(), dialog.maxPage()))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert shown == [(True, 1, 2)]
    assert preview.print_job is not None and preview.print_job.wait(WAIT)
    assert len(PdfReader(out).pages) == 2
    assert boxes == []


def test_print_dialog_cancelled_prints_nothing(preview, tmp_path, qtbot, monkeypatch):
    out = tmp_path / "never.pdf"
    pdf_printer(preview, out)
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert preview.print_job is None
    assert not out.exists()


def test_printing_a_file_that_vanished_is_a_user_error(preview, pdf, tmp_path, boxes):
    pdf.unlink()
    job = preview.start_printing(pdf_printer(preview, tmp_path / "x.pdf"))
    assert job.wait(WAIT)
    assert job.state == "failed"
    assert len(boxes) == 1 and boxes[0][0] == "warning" and "不存在" in boxes[0][2]


# -- a preview made in the background ------------------------------------------

#: QProgressDialog's own show timer (Qt's default minimumDuration) that ran on under the preview.
QT_PROGRESS_SHOW_MS = 4000


@pytest.mark.slow
def test_progress_dialog_never_shows_over_a_preview_after_the_job(qtbot, store, tmp_path, boxes):
    from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

    from tests.helpers.ui import shown, when_modal
    from villagedesk.ui.kit.print_preview import BackgroundPrint

    seen: list[list[bool]] = []

    def look_then_close(preview):
        # Qt's timers run while this waits: past the progress dialog's own minimum duration.
        qtbot.wait(QT_PROGRESS_SHOW_MS + 700)
        seen.append([w.isVisible() for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)])
        preview.reject()

    titles = when_modal(look_then_close)
    printing = BackgroundPrint(shown(qtbot, QWidget()), store)
    job = printing.show("打印", "quick", "quick.pdf", lambda reader, out, progress: make_pdf(out, pages=1))
    assert job.wait(WAIT)
    assert job.state == "done" and len(titles) == 1 and "quick.pdf" in titles[0]
    assert seen and not any(any(visible) for visible in seen), seen
    assert boxes == []
