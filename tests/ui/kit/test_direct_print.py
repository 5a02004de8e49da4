"""Print straight to the default printer: from the preview (打印) and from a page (直接打印).

There is no printer in CI: direct prints go to a PDF file named in the settings
(print_preview.DIRECT_PRINTER_FILE), which is read back; without it and without a default
printer the clerk is told so and nothing is built.
"""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QWidget

from tests.helpers.ui import shown, when_modal
from tests.ui.kit.test_print_preview import WAIT, make_pdf
from villagedesk.ui.kit.list_tab import ListTab
from villagedesk.ui.kit.print_preview import DIRECT_PRINTER_FILE, PrintPreviewDialog, direct_print


@pytest.fixture
def to_file(tmp_path):
    out = tmp_path / "printed.pdf"
    QSettings().setValue(DIRECT_PRINTER_FILE, str(out))
    return out


@pytest.fixture
def no_printer():
    if not QPrinterInfo.defaultPrinter().isNull():
        pytest.skip("this machine has a default printer: the test would print on paper")


@pytest.mark.slow
def test_print_in_the_preview_goes_to_the_default_printer_without_a_dialog(qtbot, tmp_path, to_file, boxes):
    source = make_pdf(tmp_path / "three.pdf", pages=3)
    preview = shown(qtbot, PrintPreviewDialog(source, None, suggested_name="花名册"))
    assert preview.direct_button.text() == "打印" and preview.print_button.text() == "打印…"
    job = preview.print_directly()
    assert job.wait(WAIT) and job.state == "done"
    assert len(PdfReader(to_file).pages) == 3
    assert "3" in preview.status_label.text() and boxes == []


def test_without_a_default_printer_the_clerk_is_told(qtbot, tmp_path, no_printer, boxes):
    preview = shown(qtbot, PrintPreviewDialog(make_pdf(tmp_path / "one.pdf", pages=1), None))
    assert preview.print_directly() is None
    assert len(boxes) == 1 and "默认打印机" in boxes[0][2]
    assert preview.direct_button.isEnabled()


class _PrintingTab(ListTab):
    """A page with one print button, as every page has."""

    def __init__(self, store, pages: int):
        super().__init__(store)
        self.pages = pages
        self.print_button = self._button("print_list", "Print list…", self.print_list)

    def print_list(self):
        self._print("Printing", "list", "list.pdf", lambda reader, pdf, progress: make_pdf(pdf, pages=self.pages))

    def refresh(self):
        pass


@pytest.mark.slow
def test_a_pages_printout_printed_directly_skips_the_preview(qtbot, store, to_file, boxes):
    tab = shown(qtbot, _PrintingTab(store, pages=2))
    previews = when_modal(lambda d: d.reject())
    assert direct_print(tab.print_button)
    assert tab.job.wait(WAIT) and tab.job.state == "done"
    qtbot.waitUntil(lambda: bool(boxes))
    assert len(PdfReader(to_file).pages) == 2
    assert boxes[0][0] == "information" and "2" in boxes[0][2]
    assert previews == []
    # The next print of the page is previewed again.
    tab.print_button.click()
    assert tab.job.wait(WAIT)
    qtbot.waitUntil(lambda: bool(previews))
    assert "list.pdf" in previews[0]


def test_direct_print_without_a_printer_builds_nothing(qtbot, store, no_printer, boxes):
    tab = shown(qtbot, _PrintingTab(store, pages=1))
    assert direct_print(tab.print_button)
    assert tab.job is None
    assert len(boxes) == 1 and "默认打印机" in boxes[0][2]


def test_a_button_without_a_background_print_is_not_clicked(qtbot):
    from PySide6.QtWidgets import QPushButton

    clicked = []
    holder = shown(qtbot, QWidget())
    button = QPushButton("Print", holder)
    button.clicked.connect(lambda: clicked.append(True))
    assert not direct_print(button) and clicked == []
