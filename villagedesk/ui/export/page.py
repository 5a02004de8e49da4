"""Export and print: Excel workbook, printed register, backups."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk import clock
from villagedesk.core.common.village import get_profile
from villagedesk.store import Store
from villagedesk.store.backup import backup_to, list_backups
from villagedesk.ui.export.package_dialogs import PackageBox
from villagedesk.ui.export.restore_dialog import restore_from_backup
from villagedesk.ui.export.township_card import TownshipBox
from villagedesk.ui.kit.file_dialogs import ask_folder, ask_save, remember_save_folder
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.open_password import ask_open_password, saved_text
from villagedesk.ui.kit.print_preview import PrintPreviewDialog
from villagedesk.ui.kit.workers import Job, run_job


class ExportPage(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self._tmp = tempfile.TemporaryDirectory(prefix="villagedesk-print-")
        layout = QVBoxLayout(self)
        boxes = {}
        for title, text, key, slot in (
            (self.tr("Excel for the township"),
             self.tr("One workbook with a sheet for each kind of record: households, persons, committee, points."),
             "export_excel", self.export_excel),
            (self.tr("Printing"),
             self.tr("The household register with full ID numbers, for internal files."),
             "print_households", self.print_households),
            (self.tr("Backup"),
             self.tr("A copy of the database is made in the background after the program opens, when it changed "
                     "since the last copy; the copies of the last days, weeks and months are kept. Keep one more "
                     "copy away from this computer: back up to a USB stick now and then."),
             "backup_now", self.backup_now),
        ):
            box = QGroupBox(title, self)
            inner = QVBoxLayout(box)
            label = QLabel(text, box)
            label.setWordWrap(True)
            inner.addWidget(label)
            button = QPushButton({"export_excel": self.tr("Export Excel workbook…"),
                                  "print_households": self.tr("Print household register…"),
                                  "backup_now": self.tr("Back up now")}[key], box)
            button.setObjectName(key)
            button.clicked.connect(slot)
            button.setMinimumWidth(220)
            inner.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(box)
            boxes[key] = inner
        restore_button = QPushButton(self.tr("Restore from backup…"), self)
        restore_button.setObjectName("restore_backup")
        restore_button.setMinimumWidth(220)
        restore_button.clicked.connect(self.restore_backup)
        boxes["backup_now"].addWidget(restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        usb_button = QPushButton(self.tr("Back up to a USB stick…"), self)
        usb_button.setObjectName("backup_to_stick")
        usb_button.setMinimumWidth(220)
        usb_button.clicked.connect(self.backup_to_stick)
        boxes["backup_now"].addWidget(usb_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.backup_label = QLabel(self)
        self.backup_label.setObjectName("backup_label")
        self.backup_label.setWordWrap(True)
        layout.addWidget(self.backup_label)
        # The USB package right after the workbook; its history takes the room left.
        self.package = PackageBox(store, self)
        layout.insertWidget(1, self.package, 1)
        # The township the packages are sealed for, just above them: joining comes first.
        self.township = TownshipBox(store, self)
        layout.insertWidget(1, self.township)
        self._show_last_backup()

    def _village(self) -> str:
        profile = get_profile(self.store)
        return profile.name if profile else "village"

    def export_excel(self) -> Job | None:
        """The workbook (full ID numbers: an opening password may be set first), into a file the clerk names."""
        title = self.tr("Export Excel workbook")
        go, password = ask_open_password(self, title, self.tr("The workbook"))
        if not go:
            return None
        name = f"{self._village()}-{clock.today():%Y%m%d}.xlsx"
        path = ask_save(self, title, name, self.tr("Excel workbooks (*.xlsx)"), ".xlsx")
        if path is None:
            return None
        # loads openpyxl: not at start-up (with reportlab it would cost the window's start ~0.8 s)
        from villagedesk.documents.excel.workbook import export_workbook

        def saved(_result) -> None:
            remember_save_folder(path)
            QMessageBox.information(self, self.tr("Export"), saved_text(path, password))

        return run_job(self, self.tr("Exporting"),
                       lambda progress: export_workbook(self.store, path, progress=progress, password=password), saved)

    def print_households(self) -> Job | None:
        """The register (full ID numbers: an opening password may be set first), built and previewed."""
        if get_profile(self.store) is None:
            QMessageBox.warning(self, self.tr("Print"), self.tr("Fill in the village profile first."))
            return None
        go, password = ask_open_password(self, self.tr("Print household register"), self.tr("The household register"))
        if not go:
            return None
        from villagedesk.documents.pdf.households import print_households  # loads reportlab: not at start-up

        pdf = Path(self._tmp.name) / f"households-{clock.today():%Y%m%d}.pdf"
        suggested = f"{self._village()}-村民花名册-{clock.today():%Y%m%d}.pdf"
        return run_job(self, self.tr("Preparing the register"),
                       lambda progress: print_households(self.store, pdf, progress=progress, password=password),
                       lambda _r: PrintPreviewDialog(pdf, self, suggested, password=password).exec())

    def backup_now(self) -> None:
        run_job(self, self.tr("Backing up"), lambda progress: self.store.backup(reason="manual"),
                lambda _r: self._show_last_backup())

    def backup_to_stick(self, folder: Path | None = None) -> Job | None:
        """A copy of the database into a folder the clerk chooses (a USB stick), checked whole before it is kept."""
        folder = folder or ask_folder(self, self.tr("Back up to a USB stick"))
        if folder is None:
            return None
        dest = Path(folder) / f"{self._village()}-备份-{clock.now():%Y%m%d-%H%M%S}.sqlite3"

        def saved(_result) -> None:
            QMessageBox.information(self, self.tr("Backup"),
                                    fmt(self.tr("The backup was written and checked whole:\n%1"), dest))

        return run_job(self, self.tr("Backing up"),
                       lambda progress: backup_to(self.store.conn, dest, key=self.store.key, verify="integrity_check"),
                       saved)

    def restore_backup(self) -> Job | None:
        """Choose a backup and go back to it; the window then shows the restored data."""
        window = self.window()
        return restore_from_backup(self, self.store, getattr(window, "reload", self._show_last_backup))

    def _show_last_backup(self) -> None:
        found = list_backups(self.store.path)
        if found:
            self.backup_label.setText(fmt(self.tr("Latest backup: %1"), found[0]))
        else:
            self.backup_label.setText(self.tr("No backup yet."))
