"""The county window: 汇总 and 乡镇与村 over the county's database, read-only (docs/COUNTY.md "The county window").

A window of its own rather than the village's main window with pages swapped: a county has none of a
village's areas, menus or undo, and nothing in it writes, so a role of the reader group uses all of it.
Its title names the county and who is logged in (each person has their own PostgreSQL role).
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from villagedesk.ui.county.browse_page import BrowsePage
from villagedesk.ui.county.session import CountySession
from villagedesk.ui.county.summary_page import SummaryPage
from villagedesk.ui.kit.messages import fmt


class CountyWindow(QMainWindow):
    """The county's pages in tabs; closing it closes the connection."""

    def __init__(self, session: CountySession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(fmt(self.tr("%1 — county database — VillageDesk (logged in as %2)"),
                                session.county, session.user))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("county_pages")
        self.summary = SummaryPage(session, self.tabs)
        self.browse = BrowsePage(session, self.tabs)
        self.tabs.addTab(self.summary, self.tr("Summary"))
        self.tabs.addTab(self.browse, self.tr("Townships and villages"))
        self.setCentralWidget(self.tabs)
        self.statusBar().addPermanentWidget(QLabel(fmt(
            self.tr("Database %1 on %2, user %3. Read only: township packages are imported with "
                    "villagedesk import-package."), session.database, session.server, session.user), self))

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        refresh = QAction(self.tr("&Refresh"), self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.refresh)
        file_menu.addAction(refresh)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.resize(1280, 760)

    def refresh(self) -> None:
        """The page shown read again (an import elsewhere may have brought more)."""
        page = self.tabs.currentWidget()
        if isinstance(page, SummaryPage | BrowsePage):
            page.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session.close()
        super().closeEvent(event)


__all__ = ["CountyWindow"]
