"""Starting the window: application, font, language, database, first-run profile."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from villagedesk import APP_NAME, __version__
from villagedesk.errors import UserError
from villagedesk.paths import cjk_font_path, resource_path

DEFAULT_LANGUAGE = "zh_CN"
# Set by the bundle build's smoke test and start-time figures: the window closes itself once painted.
EXIT_AFTER_PAINT = "VILLAGEDESK_EXIT_AFTER_PAINT"


def install_font(app: QApplication) -> None:
    """Chinese must render even where the system has no CJK font: add ours as fallback."""
    font_id = QFontDatabase.addApplicationFont(str(cjk_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = app.font()
        font.setFamilies([font.family(), *families])
        app.setFont(font)


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Our strings, plus Qt's own (OK, Cancel, …); kept alive by the returned list."""
    if language.startswith("en"):
        return []
    loaded = []
    ours = QTranslator(app)
    if ours.load(f"villagedesk_{language}", str(resource_path("translations"))):
        app.installTranslator(ours)
        loaded.append(ours)
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        loaded.append(qt)
    return loaded


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    if getattr(app, "_villagedesk_ready", False):
        return app
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    install_font(app)
    language = str(QSettings().value("language", DEFAULT_LANGUAGE))
    app._translators = install_translators(app, language)  # keep references alive
    app._villagedesk_ready = True
    return app


def open_window(db_path: Path):
    """Open the database and the window; None (after saying why) when the file is refused."""
    from villagedesk.core.village import get_profile
    from villagedesk.store import open_store
    from villagedesk.ui.main_window import MainWindow

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
