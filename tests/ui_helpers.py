"""Driving modal dialogs from tests: exec() blocks, so act on them from a timer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


def when_modal(*steps: Callable[[QWidget], None], interval: int = 20) -> list[str]:
    """Run each step on the next modal dialog that opens; returns the titles seen.

    A step that leaves the same dialog open (e.g. validation failed) is followed by
    the next step on that same dialog.
    """
    seen: list[str] = []
    pending = list(steps)
    last: list[QWidget | None] = [None]

    def poll() -> None:
        if not pending:
            timer.stop()
            return
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            return
        seen.append(dialog.windowTitle())
        step = pending.pop(0)
        last[0] = dialog
        step(dialog)

    timer = QTimer()
    timer.setInterval(interval)
    timer.timeout.connect(poll)
    timer.start()
    seen_timer_ref.append(timer)
    return seen


seen_timer_ref: list[QTimer] = []
