"""The QApplication as the program sets it up: names, the bundled CJK font, the translation.

The window, the tests and the command line's chart drawing (the monthly report)
all start the application through :func:`make_app`, so each sees Chinese text
rendered with the same font.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from villagedesk import APP_NAME, __version__
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
    """Our strings, plus Qt's own (OK, Cancel, the file dialog, …); kept alive by the returned list.

    Qt's shipped Chinese catalogue misses a few of its own strings (the file dialog's "Look in:"):
    resources/translations/qt_gaps_<language> fills them. The default locale follows the language,
    so what Qt takes from it (the file dialog's file types) is Chinese too.
    """
    if language.startswith("en"):
        return []
    QLocale.setDefault(QLocale(language))
    loaded = []
    for name, folder in ((f"villagedesk_{language}", str(resource_path("translations"))),
                         (f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
                         (f"qt_gaps_{language}", str(resource_path("translations")))):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
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
