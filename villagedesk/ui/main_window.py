"""The main window: side navigation over one page per area."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from villagedesk import __version__
from villagedesk.core.common.village import get_profile
from villagedesk.core.township.merge import is_township
from villagedesk.store import Store
from villagedesk.store.upgrade import mark_shown, unshown_upgrade
from villagedesk.ui.committee.page import CommitteePage
from villagedesk.ui.export.page import ExportPage
from villagedesk.ui.home.page import HomePage
from villagedesk.ui.home.search_dialog import SearchDialog
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.meetings.page import MeetingsPage
from villagedesk.ui.notices.page import NoticesPage
from villagedesk.ui.points.page import PointsPage
from villagedesk.ui.profile_dialog import ProfileDialog
from villagedesk.ui.register.page import HouseholdsPage
from villagedesk.ui.requests.page import RequestsPage
from villagedesk.ui.township.page import TownshipPage, ask_use_as_township


class MainWindow(QMainWindow):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("VillageDesk"))
        self.nav = QListWidget(self)
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(150)
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setStyleSheet("QListWidget { font-size: 15px; } QListWidget::item { padding: 10px; }")
        self.pages = QStackedWidget(self)

        self._build_pages()
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.village_label = QLabel(self)
        self.village_label.setObjectName("village_label")
        self.path_label = QLabel(str(store.path), self)
        self.path_label.setObjectName("path_label")
        self.statusBar().addWidget(self.village_label)
        self.statusBar().addPermanentWidget(self.path_label)
        self._menus()
        if is_township(store):
            self.show_township()
        self.show_profile()
        self._restore_geometry()

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self._search_entry(file_menu)
        profile = QAction(self.tr("Village &profile…"), self)
        profile.triggered.connect(self.edit_profile)
        file_menu.addAction(profile)
        self.township_action = QAction(self.tr("Use as &township database…"), self)
        self.township_action.triggered.connect(self.use_as_township)
        file_menu.addAction(self.township_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About VillageDesk"), self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    def _search_entry(self, menu) -> None:
        """Ctrl+K anywhere in the window, the File menu and a button at the menu bar's right end."""
        self.search_dialog: SearchDialog | None = None
        self.search_action = QAction(self.tr("&Search everything…"), self)
        self.search_action.setShortcut(QKeySequence("Ctrl+K"))
        self.search_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.search_action.triggered.connect(self.open_search)
        menu.addAction(self.search_action)
        menu.addSeparator()
        self.search_button = QToolButton(self)
        self.search_button.setObjectName("search_button")
        self.search_button.setText(self.tr("Search (Ctrl+K)"))
        self.search_button.setToolTip(self.tr("Persons, households, meetings, requests and notices by name, "
                                              "pinyin initials or code"))
        self.search_button.setAutoRaise(True)
        self.search_button.clicked.connect(self.open_search)
        self.menuBar().setCornerWidget(self.search_button, Qt.Corner.TopRightCorner)

    def open_search(self) -> SearchDialog:
        if self.search_dialog is None:
            self.search_dialog = SearchDialog(self.store, self)
            self.search_dialog.chosen.connect(self.open_record)
        self.search_dialog.start()
        return self.search_dialog

    def show_profile(self) -> None:
        profile = get_profile(self.store)
        if is_township(self.store):
            where = "".join(p for p in (profile.county, profile.township) if p) if profile else ""
            self.village_label.setText(fmt(self.tr("Township database %1"), where).strip())
        elif profile is None:
            self.village_label.setText(self.tr("Village profile not filled in"))
        else:
            self.village_label.setText(f"{profile.full_name}  {profile.code}")

    def edit_profile(self) -> bool:
        accepted = ProfileDialog(self.store, self).exec() == ProfileDialog.DialogCode.Accepted
        self.show_profile()
        return accepted

    def use_as_township(self) -> None:
        if ask_use_as_township(self, self.store):
            self.show_township()
            self.show_profile()

    def _build_pages(self) -> None:
        """The village's pages, in the navigation's order."""
        store = self.store
        self.home = HomePage(store, self)
        self.home.open_requested.connect(self.open_record)
        self.home.charts.filter_requested.connect(self.apply_chart_filter)
        self.households = HouseholdsPage(store, self)
        self.committee = CommitteePage(store, self)
        self.points = PointsPage(store, self)
        self.meetings = MeetingsPage(store, self)
        self.requests = RequestsPage(store, self)
        self.notices = NoticesPage(store, self)
        self.export = ExportPage(store, self)
        for key, title, page in (
            ("home", self.tr("Home"), self.home),
            ("households", self.tr("Households"), self.households),
            ("committee", self.tr("Committee"), self.committee),
            ("points", self.tr("Points"), self.points),
            ("meetings", self.tr("Meetings"), self.meetings),
            ("requests", self.tr("Requests ledger"), self.requests),
            ("notices", self.tr("Public notices"), self.notices),
            ("export", self.tr("Export & print"), self.export),
        ):
            item = QListWidgetItem(title, self.nav)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.pages.addWidget(page)

    def _clear_pages(self) -> None:
        self.nav.clear()
        while self.pages.count():
            page = self.pages.widget(0)
            self.pages.removeWidget(page)
            page.deleteLater()

    def reload(self) -> None:
        """Show the file's data anew after its content was replaced (a restore): every page is built again."""
        self._clear_pages()
        if self.search_dialog is not None:
            self.search_dialog.deleteLater()
            self.search_dialog = None
        if is_township(self.store):
            self.show_township()
        else:
            self._build_pages()
            self.nav.setCurrentRow(0)
            self.township_action.setVisible(True)
            self.search_action.setEnabled(True)
            self.search_action.setVisible(True)
            self.search_button.show()
        self.show_profile()

    def show_township(self) -> None:
        """A township database shows the township's pages instead of the village's (built, then replaced,
        so that a database made a township's from the File menu switches at once)."""
        self._clear_pages()
        self.township = TownshipPage(self.store, self)
        item = QListWidgetItem(self.tr("Villages"), self.nav)
        item.setData(Qt.ItemDataRole.UserRole, "villages")
        self.pages.addWidget(self.township)
        self.nav.setCurrentRow(0)
        self.township_action.setVisible(False)
        # A township database holds no village's register to search.
        self.search_action.setEnabled(False)
        self.search_action.setVisible(False)
        self.search_button.hide()

    def apply_chart_filter(self, kind: str, value) -> bool:
        """A click on a home page chart: the page behind it, filtered to what the bar or month counts.

        ('points-group', (period, group)) and ('stars', (period, stars)) open the period's ranking;
        ('requests-month', '2026-07') the requests raised in that month.  False when the page
        cannot show it (a period or month it does not offer); the page is shown all the same.
        """
        if kind == "requests-month":
            self.nav.setCurrentRow(self.pages.indexOf(self.requests))
            return self.requests.show_month(value)
        if kind not in ("points-group", "stars"):
            return False
        code, chosen = value
        self.nav.setCurrentRow(self.pages.indexOf(self.points))
        if kind == "stars":
            return self.points.show_ranking_of(code, stars=chosen)
        return self.points.show_ranking_of(code, group=chosen or None)

    # What open_record opens: kind → (the page's key in the navigation, the page's method showing one key).
    _OPENERS = {
        "household": ("households", "show_household"), "person": ("households", "show_person"),
        "meeting": ("meetings", "show_meeting"), "request": ("requests", "show_request"),
        "notice": ("notices", "show_notice"), "objection": ("notices", "show_objection"),
        "calendar_item": ("notices", "show_calendar_item"),
        "requests_overdue": ("requests", "show_overdue"),
        "points_review": ("points", "show_review"), "points_period": ("points", "show_ranking_of"),
        "committee": ("committee", None), "backup": ("export", None), "package": ("export", None),
    }

    def go_to(self, key: str) -> QWidget | None:
        """Switch to the page ``key`` names in the navigation (None when this window has no such page)."""
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(row)
                return self.pages.widget(row)
        return None

    def open_record(self, kind: str, key) -> bool:
        """Switch to the page of ``kind`` and choose record ``key`` there: 'household', 'person', 'meeting',
        'request', 'notice', 'objection' (ids), 'calendar_item' (a disclosure item's id) and what the home
        page's lines lead to: 'points_review', 'points_period' (2026-Q3), 'requests_overdue', 'committee',
        'backup', 'package', or ('page', key) for a page itself.

        False, with nothing said and the page left as it was, when the record no longer exists.
        """
        if kind == "page":
            return self.go_to(key) is not None
        nav_key, method = self._OPENERS.get(kind, (None, None))
        before = self.nav.currentRow()
        page = self.go_to(nav_key) if nav_key else None
        if page is None:
            return False
        # The page is shown first: its refresh on showing must not undo the choice.
        if method is None or getattr(page, method)(key):
            return True
        self.nav.setCurrentRow(before)
        return False

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About VillageDesk"),
                          fmt(self.tr("VillageDesk %1\nOffline records for the village clerk."), __version__))

    def announce_upgrade(self) -> str | None:
        """Once after a newer program migrated this file: from which data version to which, when,
        and where the copy from before is.  Returns the text shown, None when there was nothing to say."""
        note = unshown_upgrade(self.store)
        if note is None or not self.store.writable:
            return None
        text = (fmt(self.tr("This database was upgraded from data version %1 to %2 by VillageDesk %3 on %4. "
                        "Every record was kept. A copy of the file as it was before is at:\n%5"), note.from_version, note.to_version, note.program, note.at, note.backup))
        mark_shown(self.store, note)
        QMessageBox.information(self, self.tr("Database upgraded"), text)
        return text

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 720)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
