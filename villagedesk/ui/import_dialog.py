"""Importing a household roster from the window: check, show the report, then write."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk.documents.import_households import read_roster
from villagedesk.store import Store
from villagedesk.ui.workers import run_job


class ImportReportDialog(QDialog):
    """What the file holds and what is wrong with it, before anything is written."""

    IMPORT_ALL, IMPORT_VALID = 1, 2

    def __init__(self, plan, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import check: %1").replace("%1", path.name))
        self.choice = 0
        summary = QLabel(plan.summary(list_problems=False), self)
        summary.setObjectName("summary")
        summary.setWordWrap(True)
        report = QPlainTextEdit(self)
        report.setObjectName("problems")
        report.setReadOnly(True)
        if plan.problems:
            report.setPlainText("\n".join(f"第 {row} 行：{reason}" for row, reason in plan.problems))
        else:
            report.setPlainText(self.tr("No problems found."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_all = QPushButton(self.tr("Import"), self)
        self.import_all.setObjectName("import_all")
        self.import_valid = QPushButton(self.tr("Import only the rows without problems"), self)
        self.import_valid.setObjectName("import_valid")
        buttons.addButton(self.import_all, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.import_valid, QDialogButtonBox.ButtonRole.AcceptRole)
        # After addButton, which shows the button again.
        self.import_all.setEnabled(not plan.problems)
        self.import_valid.setVisible(bool(plan.problems))
        self.import_all.clicked.connect(lambda: self._choose(self.IMPORT_ALL))
        self.import_valid.clicked.connect(lambda: self._choose(self.IMPORT_VALID))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if plan.problems:
            warning = QLabel(self.tr("Nothing has been written. Correct the rows below in Excel and "
                                     "import again, or import only the rows without problems."), self)
            warning.setWordWrap(True)
            layout.addWidget(warning)
        layout.addWidget(summary)
        layout.addWidget(report, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def _choose(self, choice: int) -> None:
        self.choice = choice
        self.accept()


def start_roster_import(parent: QWidget, store: Store, path: Path, on_finished: Callable[[], None]) -> None:
    def checked(plan) -> None:
        dialog = ImportReportDialog(plan, path, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        only_valid = dialog.choice == ImportReportDialog.IMPORT_VALID
        run_job(parent, QCoreApplication.translate("RosterImport", "Importing roster"),
                lambda progress: plan.apply(store, only_valid=only_valid), written)

    def written(result) -> None:
        on_finished()
        text = QCoreApplication.translate("RosterImport", "Imported %1 new households and %2 persons.")
        QMessageBox.information(parent, QCoreApplication.translate("RosterImport", "Import roster"),
                                text.replace("%1", str(result["households"])).replace("%2", str(result["persons"])))

    run_job(parent, QCoreApplication.translate("RosterImport", "Checking roster"), lambda progress: read_roster(store, path, progress=progress),
            checked)
