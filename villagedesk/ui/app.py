"""Starting the window: application, font, language, database, first-run profile."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from villagedesk import APP_NAME, __version__
from villagedesk.errors import UserError
from villagedesk.paths import cjk_font_path, resource_path

DEFAULT_LANGUAGE = "zh_CN"


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
    if get_profile(store) is None:
        # First start: nothing can be printed until the village is named.
        window.edit_profile()
    return window


def run(db_path: Path) -> int:
    app = make_app()
    window = open_window(db_path)
    if window is None:
        return 1
    code = app.exec()
    window.store.close()
    return code
