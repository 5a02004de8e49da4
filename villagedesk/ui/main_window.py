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
from villagedesk.core.village import get_profile
from villagedesk.store import Store
from villagedesk.ui.dialogs import ProfileDialog
from villagedesk.ui.pages.committee import CommitteePage
from villagedesk.ui.pages.export import ExportPage
from villagedesk.ui.pages.households import HouseholdsPage
from villagedesk.ui.pages.points import PointsPage


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
        self.export = ExportPage(store, self)
        for key, title, page in (
            ("households", self.tr("Households"), self.households),
            ("committee", self.tr("Committee"), self.committee),
            ("points", self.tr("Points"), self.points),
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
        self.show_profile()
        self._restore_geometry()

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        profile = QAction(self.tr("Village &profile…"), self)
        profile.triggered.connect(self.edit_profile)
        file_menu.addAction(profile)
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
        if profile is None:
            self.village_label.setText(self.tr("Village profile not filled in"))
        else:
            self.village_label.setText(f"{profile.full_name}  {profile.code}")

    def edit_profile(self) -> bool:
        accepted = ProfileDialog(self.store, self).exec() == ProfileDialog.DialogCode.Accepted
        self.show_profile()
        return accepted

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
