"""The short Chinese manual, offline: resources/manual/index.html in a QTextBrowser (F1).

The manual is a bundled HTML file like the fonts and translations (found through
villagedesk.paths, from a checkout or the installed wheel); F1 opens it at the section
of the page the clerk is on.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from villagedesk.paths import resource_path
from villagedesk.ui.kit.dialogs import Dialog

# Sections of the manual, by the window's page keys (the anchors of index.html).
SECTIONS = ("start", "home", "households", "committee", "points", "meetings", "requests", "notices", "export",
            "keys", "undo", "size")


def manual_path():
    return resource_path("manual", "index.html")


class ManualDialog(Dialog):
    """The manual in a window of its own that stays open beside the program (not modal)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("manual")
        self.setWindowTitle(self.tr("VillageDesk manual"))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("manual_browser")
        self.browser.setOpenExternalLinks(False)
        self.browser.setSource(QUrl.fromLocalFile(str(manual_path())))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(640, 600)

    def show_section(self, key: str | None) -> None:
        """Show the manual (on top) at the section ``key`` names; the beginning for a page it has none for."""
        self.browser.scrollToAnchor(key if key in SECTIONS else "start")
        if key not in SECTIONS:
            self.browser.verticalScrollBar().setValue(0)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            self.resize(min(self.width(), screen.width() - 40), min(self.height(), screen.height() - 60))
        # A dialog stays above its window: showing and activating it is enough (no raise_()).
        self.show()
        self.activateWindow()
