"""Importing from Excel in the window (the roster, the rule catalogue): check, show the report, then write."""

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

from villagedesk.documents.imports.households import read_roster
from villagedesk.documents.imports.rules import read_rules
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import Dialog
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.workers import run_job


class ImportReportDialog(Dialog):
    """What the file holds and what is wrong with it, before anything is written."""

    IMPORT_ALL, IMPORT_VALID = 1, 2

    def __init__(self, plan, path: Path, parent: QWidget | None = None, partial: bool = True):
        super().__init__(parent)
        self.setWindowTitle(fmt(self.tr("Import check: %1"), path.name))
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
        self.import_valid.setVisible(partial and bool(plan.problems))
        self.import_all.clicked.connect(lambda: self._choose(self.IMPORT_ALL))
        self.import_valid.clicked.connect(lambda: self._choose(self.IMPORT_VALID))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if plan.problems:
            warning = QLabel(self.tr("Nothing has been written. Correct the rows below in Excel and "
                                     "import again, or import only the rows without problems.") if partial
                             else self.tr("Nothing has been written. Correct the rows below in Excel and "
                                          "import again."), self)
            warning.setWordWrap(True)
            layout.addWidget(warning)
        layout.addWidget(summary)
        layout.addWidget(report, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def _choose(self, choice: int) -> None:
        self.choice = choice
        self.accept()


def start_import(parent: QWidget, path: Path, *, read: Callable, apply: Callable, titles: tuple[str, str, str],
                 done: Callable[[object], str], on_finished: Callable[[], None], partial: bool = True) -> None:
    """Check ``path`` off the GUI thread, show the report, write on the clerk's word, say what was written.

    ``read(progress)`` returns a plan; ``apply(plan, only_valid)`` writes it;
    ``titles`` are (checking, importing, the message box's title); ``done(result)`` the closing message.
    """
    checking, importing, title = titles

    def checked(plan) -> None:
        dialog = ImportReportDialog(plan, path, parent, partial)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        only_valid = dialog.choice == ImportReportDialog.IMPORT_VALID
        run_job(parent, importing, lambda progress: apply(plan, only_valid), written)

    def written(result) -> None:
        on_finished()
        QMessageBox.information(parent, title, done(result))

    run_job(parent, checking, read, checked)


def start_roster_import(parent: QWidget, store: Store, path: Path, on_finished: Callable[[], None]) -> None:
    def done(result) -> str:
        return fmt(QCoreApplication.translate("RosterImport", "Imported %1 new households and %2 persons."), result["households"], result["persons"])

    start_import(parent, path, read=lambda progress: read_roster(store, path, progress=progress),
                 apply=lambda plan, only_valid: plan.apply(store, only_valid=only_valid),
                 titles=(QCoreApplication.translate("RosterImport", "Checking roster"),
                         QCoreApplication.translate("RosterImport", "Importing roster"),
                         QCoreApplication.translate("RosterImport", "Import roster")),
                 done=done, on_finished=on_finished)


def start_rules_import(parent: QWidget, store: Store, path: Path, on_finished: Callable[[], None]) -> None:
    def done(result) -> str:
        return fmt(QCoreApplication.translate("RulesImport", "Added %1 rules, made %2 new versions, retired %3."), result["new"], result["revise"], result["retire"])

    start_import(parent, path, read=lambda progress: read_rules(store, path, progress=progress),
                 apply=lambda plan, _only_valid: plan.apply(store),
                 titles=(QCoreApplication.translate("RulesImport", "Checking rule catalogue"),
                         QCoreApplication.translate("RulesImport", "Importing rule catalogue"),
                         QCoreApplication.translate("RulesImport", "Import rule catalogue")),
                 done=done, on_finished=on_finished, partial=False)
