"""Driving modal dialogs from tests: exec() blocks, so act on them from a timer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget


def when_modal(*steps: Callable[[QWidget], None], interval: int = 20) -> list[str]:
    """Run each step on the next modal dialog that opens; returns the titles seen.

    A step that leaves the same dialog open (e.g. validation failed) is followed by
    the next step on that same dialog.
    """
    seen: list[str] = []
    pending = list(steps)

    def poll() -> None:
        if not pending:
            timer.stop()
            return
        dialog = QApplication.activeModalWidget()
        # Progress dialogs of long jobs come and go by themselves; steps are for the rest.
        if dialog is None or not dialog.isVisible() or isinstance(dialog, QProgressDialog):
            return
        seen.append(dialog.windowTitle())
        try:
            pending.pop(0)(dialog)
        except BaseException:
            # A failed step must not leave a modal dialog waiting for ever.
            pending.clear()
            dialog.reject()
            raise

    timer = QTimer()
    timer.setInterval(interval)
    timer.timeout.connect(poll)
    timer.start()
    _alive.append(timer)  # the timer must outlive this call
    return seen


_alive: list[QTimer] = []


def shown(qtbot, widget: QWidget, size: tuple[int, int] | None = None) -> QWidget:
    """``widget`` handed to qtbot, sized, shown and exposed: clicks land on laid-out widgets."""
    qtbot.addWidget(widget)
    if size is not None:
        widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


class PreviewRecorder(list):
    """Stands in for the print preview dialog (tested in test_ui_print_preview.py).

    Patch ``villagedesk.ui.kit.print_preview.PrintPreviewDialog`` with it: it keeps
    (text of the real PDF, suggested file name) for each preview the window opens.
    """

    def __call__(self, pdf, parent=None, suggested="", password=None):
        from pypdf import PdfReader

        reader = PdfReader(pdf)
        if password is not None:  # a printout written with an opening password
            reader.decrypt(password.text)
        self.append(("\n".join(p.extract_text() for p in reader.pages), suggested))
        return self

    def exec(self):
        return 0
