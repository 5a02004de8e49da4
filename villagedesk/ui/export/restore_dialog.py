"""Restore from backup: choose one of the rotating backups, confirm, restore, reload the window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from villagedesk.store import Store, restore
from villagedesk.store.backup import BackupFile, restorable_backups
from villagedesk.ui.kit.dialogs import Dialog
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.workers import Job, run_job


class RestoreDialog(Dialog):
    """The backups beside the database, newest first, with when and why each was taken."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from backup"))
        self.backups = restorable_backups(store.path)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("Choose the backup to go back to. Everything entered after it is replaced; "
                              "the data as it is now is backed up first, so this can be undone."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(len(self.backups), 3, self)
        self.table.setObjectName("backups")
        self.table.setHorizontalHeaderLabels([self.tr("Taken"), self.tr("Why"), self.tr("Size")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, backup in enumerate(self.backups):
            for column, text in enumerate((f"{backup.taken:%Y-%m-%d %H:%M:%S}", self.reason_text(backup.reason),
                                           f"{backup.size / 1_048_576:.1f} MB")):
                item = QTableWidgetItem(text)
                item.setToolTip(str(backup.path))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Restore…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.table.itemSelectionChanged.connect(self._enable)
        if self.backups:
            self.table.selectRow(0)
        self._enable()
        self.resize(620, 420)

    def reason_text(self, reason: str) -> str:
        if reason.startswith("before-migrate"):
            return self.tr("Before upgrading the data")
        return {"open": self.tr("When the program was opened"), "manual": self.tr("Backed up by hand"),
                "before-import": self.tr("Before an import"),
                "before-restore": self.tr("Before a restore")}.get(reason, reason)

    def chosen(self) -> BackupFile | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _enable(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.chosen() is not None)


def restore_from_backup(parent: QWidget, store: Store, on_restored) -> Job | None:
    """Ask which backup, confirm, restore on a worker (the current data backed up first), then ``on_restored()``.

    None when the clerk stopped before anything was done.
    """
    dialog = RestoreDialog(store, parent)
    if not dialog.backups:
        QMessageBox.information(parent, dialog.windowTitle(), QCoreApplication.translate("RestoreDialog", "There is no backup yet."))
        return None
    if dialog.exec() != QDialog.DialogCode.Accepted or (backup := dialog.chosen()) is None:
        return None
    question = fmt(QCoreApplication.translate("RestoreDialog", "Replace all the data with the backup taken %1?\n\n"
                                          "The data as it is now is backed up first."), f"{backup.taken:%Y-%m-%d %H:%M}")
    answer = QMessageBox.question(parent, dialog.windowTitle(), question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return None
    title = dialog.windowTitle()
    done_text = QCoreApplication.translate("RestoreDialog", "Restored from the backup taken %1. "
                                           "The data as it was before is in %2.")

    def restored(safety) -> None:
        QMessageBox.information(parent, title, fmt(done_text, f"{backup.taken:%Y-%m-%d %H:%M}", safety))
        on_restored()

    return run_job(parent, title, lambda _progress: restore(store, backup.path), restored,
                   QCoreApplication.translate("RestoreDialog", "Restoring…"))


__all__ = ["RestoreDialog", "restore_from_backup"]
