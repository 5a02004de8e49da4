"""One village's records as the county holds them, read-only: a table chooser and a page of rows at a time.

Each page is one query (core.county.browse.rows_page) run on a worker thread; the view holds that page
only, so a table of a hundred thousand points entries costs the window 200 rows.  Headers are the
program's Chinese ones where it has them (the village workbook's column titles, documents/excel), a
reference as the name of the table it points at.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from villagedesk.core.county import browse
from villagedesk.core.points.ledger import STATUS_LABEL
from villagedesk.ui.county.session import CountySession
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.pager import Pager
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.kit.tables import make_table
from villagedesk.ui.kit.workers import run_job


@functools.cache
def _workbook_headers() -> dict[str, str]:
    """Column → Chinese header, from the village workbook's sheets (the first sheet naming a column wins)."""
    # loads openpyxl: not at start-up
    from villagedesk.documents.excel.workbook import default_sheets

    found: dict[str, str] = {}
    for sheet in default_sheets():
        for col in sheet.columns:
            found.setdefault(col.key, col.header)
    return found


def header(table: str, column: str) -> str:
    """What the records view calls ``column`` of ``table``."""
    target = browse.layout(table).references.get(column)
    if target is not None:
        return browse.table_label(target)
    # Words every table uses for something of its own: said plainly rather than as one sheet's.
    generic = {"id": QCoreApplication.translate("CountyRecords", "No."),
               "code": QCoreApplication.translate("CountyRecords", "Code"),
               "name": QCoreApplication.translate("CountyRecords", "Name"),
               "created_at": QCoreApplication.translate("CountyRecords", "Created at"),
               "archived": QCoreApplication.translate("CountyRecords", "Archived"),
               # Kept with a record but on no sheet of the village workbook.
               "evidence": QCoreApplication.translate("CountyRecords", "Evidence"),
               "recorded_by": QCoreApplication.translate("CountyRecords", "Recorded by"),
               "prev_hash": QCoreApplication.translate("CountyRecords", "Previous entry's hash")}
    if column in generic:
        return generic[column]
    return _workbook_headers().get(column, column)


class PageModel(ListTableModel):
    """One page of a table's records; the next page may be of another table, with other columns."""

    def set_page(self, columns: list[tuple[str, str]], rows: list[dict], formatters: dict) -> None:
        # The one model of the view, its columns and rows changed in one reset: a model swapped for
        # another while a selection signal of the lists above is being delivered crashed Qt's header.
        self.beginResetModel()
        self._columns = columns
        self._formatters = formatters
        self._given = list(rows)
        self._rows = list(rows)
        self.endResetModel()


class RecordsPanel(QWidget):
    """A village's tables (chooser), one page of the chosen table's records, and paging."""

    PAGE_ROWS = browse.PAGE_ROWS

    def __init__(self, session: CountySession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.code: str | None = None
        self.tables: list[dict] = []
        self.job = None  # the last read started (tests wait for it)
        self.buttons: dict[str, QPushButton] = {}
        self.info = QLabel(self)
        self.info.setObjectName("village_info")
        self.info.setWordWrap(True)
        self.table_combo = QComboBox(self)
        self.table_combo.setObjectName("table_chooser")
        self.table_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.page_label = QLabel(self)
        self.page_label.setObjectName("page_label")
        self.model = PageModel([], [], None, self)
        self.view = make_table(self.model, self)
        self.view.setObjectName("records_view")
        self.view.setSortingEnabled(False)  # the village's order: one page of a longer table cannot be sorted
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Table:"), self))
        top.addWidget(self.table_combo)
        top.addSpacing(16)
        top.addWidget(self.page_label)
        self.pager = Pager(self, self.PAGE_ROWS, self.count, self._read, self.buttons)
        top.addLayout(self.pager.bar, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.info)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.table_combo.currentIndexChanged.connect(lambda _index: self.show_table())
        self.show_village(None)

    # --- what is shown ----------------------------------------------------------------
    def show_village(self, code: str | None) -> None:
        """Village ``code``'s newest package and its tables (read off the GUI thread); None: nothing chosen."""
        self.code = code
        self.tables = []
        self._fill_combo()
        self._set_rows("", [])
        if code is None:
            self.info.setText(self.tr("Choose a village to see its records. Nothing can be changed here: "
                                      "each village keeps its own records."))
            return
        self.info.setText(self.tr("Reading…"))

        def job(_progress):
            return self.session.read(lambda conn: (browse.village(conn, code), browse.village_tables(conn, code)))

        self.job = run_job(self, self.tr("Reading the village's records"), job, self._village_read)

    def _village_read(self, found) -> None:
        village, tables = found
        if village is None or village["code"] != self.code:
            return
        self.info.setText(self._describe(village))
        self.tables = tables
        self._fill_combo()
        if tables:
            self.show_table()
        else:
            self.page_label.setText(self.tr("The county holds no records of this village."))

    def _describe(self, village: dict) -> str:
        text = fmt(self.tr("%1 (%2), %3. Records as sent in its package No. %4 of %5; read only."),
                   village["name"], village["code"], village["township"], village["last_sequence"],
                   _day(village["last_created_at"]))
        if village["package_sequence"] is not None:
            text += " " + fmt(self.tr("Carried by the township's package No. %1, imported on %2 by %3."),
                              village["township_sequence"], _moment(village["package_imported_at"]),
                              village["package_imported_by"])
        return text

    def _fill_combo(self) -> None:
        self.table_combo.blockSignals(True)
        self.table_combo.clear()
        for table in self.tables:
            self.table_combo.addItem(fmt(self.tr("%1 (%2)"), table["label"], f"{table['rows']:,}"), table["table"])
        self.table_combo.blockSignals(False)
        self.table_combo.setEnabled(bool(self.tables))
        self.pager.update()

    def choose_table(self, table: str) -> bool:
        index = self.table_combo.findData(table)
        if index < 0:
            return False
        self.table_combo.setCurrentIndex(index)
        return True

    def table(self) -> str | None:
        return self.table_combo.currentData()

    def count(self) -> int:
        return next((t["rows"] for t in self.tables if t["table"] == self.table()), 0)

    def show_table(self) -> None:
        self.pager.offset = 0
        self._read()

    def _read(self) -> None:
        code, table, offset = self.code, self.table(), self.pager.offset
        if code is None or table is None:
            return
        self.pager.hold()

        def job(_progress):
            return self.session.read(lambda conn: browse.rows_page(conn, code, table, offset, self.PAGE_ROWS))

        def show(rows: list[dict]) -> None:
            if (code, table, offset) == (self.code, self.table(), self.pager.offset):
                self._set_rows(table, rows)

        self.job = run_job(self, self.tr("Reading the records"), job, show)
        self.job.finished.connect(self.pager.update)

    def _set_rows(self, table: str, rows: list[dict]) -> None:
        shown = browse.columns(table, rows) if table else []
        formatters = {c: _moment for c in shown if c.endswith("_at")}
        if table == "point_entries":  # a points entry's state in the words the village's own lists use
            formatters["status"] = lambda value: STATUS_LABEL.get(value, value)
        self.model.set_page([(c, header(table, c)) for c in shown], rows, formatters)
        if rows:
            self.view.resizeColumnsToContents()
            for column in range(self.model.columnCount()):
                self.view.setColumnWidth(column, min(240, self.view.columnWidth(column)))
            self.page_label.setText(fmt(self.tr("Rows %1–%2 of %3"), f"{self.pager.offset + 1:,}",
                                        f"{self.pager.offset + len(rows):,}", f"{self.count():,}"))
        elif table:
            self.page_label.setText(self.tr("No rows."))
        else:
            self.page_label.setText("")


def _day(value) -> str:
    return "" if value is None else str(value)[:10]


def _moment(value) -> str:
    return "" if value is None else str(value).replace("T", " ")


__all__ = ["PageModel", "RecordsPanel", "header"]
