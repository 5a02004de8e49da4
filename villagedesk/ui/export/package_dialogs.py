"""USB packages in the window: the village writes them (export page), the township reads the import report.

:class:`PackageBox` sits on the 导出与打印 page: it asks for the stick's folder,
writes the next package off the GUI thread (progress, Cancel) and lists the
packages written so far.  :class:`PackageReportDialog` tells the township what
an import of several files did, file by file.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk.documents.package.writer import package_history, write_package
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import Dialog
from villagedesk.ui.kit.file_dialogs import ask_folder
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.kit.tables import make_table
from villagedesk.ui.kit.widgets import push_button
from villagedesk.ui.kit.workers import run_job

# The tables whose row counts the history shows (file in the package → column key).
_COUNTED = {"data/households.jsonl": "households", "data/persons.jsonl": "persons",
            "data/point_entries.jsonl": "point_entries", "data/requests.jsonl": "requests"}


def history_rows(history: list[dict]) -> list[dict]:
    """package_history() rows as the history table shows them."""
    rows = []
    for package in history:
        counts = package["counts"] if isinstance(package["counts"], dict) else json.loads(package["counts"])
        row = {"sequence": package["sequence"], "written": (package["created_at"] or "")[:16].replace("T", " "),
               "full": bool(package["full"]), "file_name": package["file_name"],
               "records": sum(n for name, n in counts.items() if name.startswith("data/") and n)}
        row.update({key: counts.get(name, 0) for name, key in _COUNTED.items()})
        rows.append(row)
    return rows


class PackageBox(QGroupBox):
    """Export to USB: the next package into a folder on the stick, and the packages written before."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("USB package for the township"))
        self.setObjectName("package_box")
        self.store = store
        self.job = None  # the last package job (tests wait for it)
        self.buttons: dict[str, QPushButton] = {}
        explain = QLabel(self.tr("Everything changed since the last package, with the Excel workbook, in one "
                                 "file on the USB stick. The first package holds all records."), self)
        explain.setWordWrap(True)
        self.full = QCheckBox(self.tr("Full package (all records, when the township asks for one)"), self)
        self.full.setObjectName("full_package")
        button = push_button(self, "export_package", self.tr("Export to USB…"), self.export_package, self.buttons)
        button.setMinimumWidth(220)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("package_result")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()  # until a package is written
        yes = self.tr("Full")
        self.history = ListTableModel(
            [("sequence", self.tr("No.")), ("written", self.tr("Written on")), ("full", self.tr("Kind")),
             ("households", self.tr("Households")), ("persons", self.tr("Persons")),
             ("point_entries", self.tr("Points entries")), ("requests", self.tr("Requests")),
             ("records", self.tr("All records")), ("file_name", self.tr("File"))],
            [], {"full": lambda on: yes if on else self.tr("Changes")}, self, id_key="sequence")
        self.history_view = make_table(self.history, self)
        self.history_view.setObjectName("package_history")
        self.history_view.setSortingEnabled(False)
        for key, width in (("sequence", 50), ("written", 130), ("full", 60), ("households", 60),
                           ("persons", 60), ("point_entries", 80), ("requests", 60), ("records", 80)):
            self.history_view.setColumnWidth(self.history.keys().index(key), width)
        self.history_view.setMinimumHeight(120)

        row = QHBoxLayout()
        row.addWidget(button)
        row.addWidget(self.full)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(row)
        layout.addWidget(self.result_label)
        self.history_label = QLabel(self)
        layout.addWidget(self.history_label)
        layout.addWidget(self.history_view, 1)
        self.show_history()

    def show_history(self) -> None:
        rows = history_rows(package_history(self.store))
        self.history.set_rows(rows)
        self.history_label.setText(self.tr("Packages written (newest first):") if rows
                                   else self.tr("No package written yet."))

    def export_package(self) -> None:
        folder = ask_folder(self, self.tr("Choose a folder on the USB stick"))
        if folder is None:
            return
        full = self.full.isChecked()
        button = self.buttons["export_package"]
        button.setEnabled(False)
        # Writing records the package in this database: the window's own store (see workers), kept
        # from other use by the modal progress dialog and this disabled button.
        self.job = run_job(self, self.tr("Writing the package"),
                           lambda progress: write_package(self.store, folder, full=full, progress=progress),
                           self._written, fmt(self.tr("Writing the package to %1…"), folder))
        self.job.finished.connect(lambda: button.setEnabled(True))

    def _written(self, path: Path) -> None:
        self.full.setChecked(False)
        self.show_history()
        text = fmt(self.tr("Package %1 written to %2."), path.name, path.parent)
        self.result_label.setText(text)
        self.result_label.show()
        QMessageBox.information(self, self.tr("Export to USB"),
                                text + "\n" + self.tr("Take the USB stick to the township."))


class PackageReportDialog(Dialog):
    """What importing several packages did: one line (or paragraph) per file."""

    def __init__(self, headline: str, lines: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import packages: report"))
        self.headline = QLabel(headline, self)
        self.headline.setObjectName("headline")
        self.headline.setWordWrap(True)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("details")
        self.details.setReadOnly(True)
        self.details.setPlainText("\n".join(lines))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(720, 460)

    def text(self) -> str:
        return self.headline.text() + "\n" + self.details.toPlainText()
