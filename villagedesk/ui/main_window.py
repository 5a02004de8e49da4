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
    QWidget,
)

from villagedesk import __version__
from villagedesk.core.township import is_township
from villagedesk.core.village import get_profile
from villagedesk.store import Store
from villagedesk.ui.dialogs import ProfileDialog
from villagedesk.ui.pages.committee import CommitteePage
from villagedesk.ui.pages.export import ExportPage
from villagedesk.ui.pages.households import HouseholdsPage
from villagedesk.ui.pages.meetings import MeetingsPage
from villagedesk.ui.pages.notices import NoticesPage
from villagedesk.ui.pages.points import PointsPage
from villagedesk.ui.pages.requests import RequestsPage
from villagedesk.ui.pages.township import TownshipPage, ask_use_as_township


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

        self.households = HouseholdsPage(store, self)
        self.committee = CommitteePage(store, self)
        self.points = PointsPage(store, self)
        self.meetings = MeetingsPage(store, self)
        self.requests = RequestsPage(store, self)
        self.notices = NoticesPage(store, self)
        self.export = ExportPage(store, self)
        for key, title, page in (
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

    def show_profile(self) -> None:
        profile = get_profile(self.store)
        if is_township(self.store):
            where = "".join(p for p in (profile.county, profile.township) if p) if profile else ""
            self.village_label.setText(self.tr("Township database %1").replace("%1", where).strip())
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

    def show_township(self) -> None:
        """A township database shows the township's pages instead of the village's (built, then replaced,
        so that a database made a township's from the File menu switches at once)."""
        self.nav.clear()
        while self.pages.count():
            page = self.pages.widget(0)
            self.pages.removeWidget(page)
            page.deleteLater()
        self.township = TownshipPage(self.store, self)
        item = QListWidgetItem(self.tr("Villages"), self.nav)
        item.setData(Qt.ItemDataRole.UserRole, "villages")
        self.pages.addWidget(self.township)
        self.nav.setCurrentRow(0)
        self.township_action.setVisible(False)

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About VillageDesk"),
                          self.tr("VillageDesk %1\nOffline records for the village clerk.")
                          .replace("%1", __version__))

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 720)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
