"""Starting the window: application, font, language, database, first-run profile."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QTimer,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from villagedesk.core.common.village import get_profile
from villagedesk.errors import UserError
from villagedesk.store import open_store
from villagedesk.ui.kit.application import make_app
from villagedesk.ui.main_window import MainWindow

# Set by the bundle build's smoke test and start-time figures: the window closes itself once painted.
EXIT_AFTER_PAINT = "VILLAGEDESK_EXIT_AFTER_PAINT"


def open_window(db_path: Path):
    """Open the database and the window; None (after saying why) when the file is refused."""
    try:
        store = open_store(db_path)
    except UserError as err:
        QMessageBox.critical(None, QCoreApplication.translate("app", "VillageDesk"), str(err))
        return None
    window = MainWindow(store)
    window.show()
    window.announce_upgrade()
    if get_profile(store) is None:
        # First start: nothing can be printed until the village is named.
        window.edit_profile()
    return window


def run(db_path: Path) -> int:
    app = make_app()
    window = open_window(db_path)
    if window is None:
        return 1
    if os.environ.get(EXIT_AFTER_PAINT):
        _quit_after_first_paint(app, window)
    code = app.exec()
    window.store.close()
    return code


class _FirstPaint(QObject):
    """Quits the application after the first paint of anything in ``window``."""

    def __init__(self, app: QApplication, window: QWidget):
        super().__init__(app)
        self._window = window
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (not self._done and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                and watched.window() is self._window):
            self._done = True
            QTimer.singleShot(0, QCoreApplication.quit)
        return False


def _quit_after_first_paint(app: QApplication, window: QWidget) -> None:
    app.installEventFilter(_FirstPaint(app, window))
