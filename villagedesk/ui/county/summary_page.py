"""汇总: the county's figures for a period, by township and by village (core.county.summary).

The lines are the township's summary lines with the township in front (the same columns the township's
villages page shows: ui/township/page.summary_columns), each township's total above them; the printed
summary (各乡镇村务汇总表) and the workbook are made from the same lines (documents/pdf/summary.py,
documents/excel/county.py), on a connection of their own, off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGroupBox, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from villagedesk import clock
from villagedesk.core.common import periods
from villagedesk.core.county.summary import county_summary
from villagedesk.ui.county.page import CountyPage
from villagedesk.ui.county.session import CountySession
from villagedesk.ui.kit.file_dialogs import ask_save, remember_save_folder
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.open_password import ask_open_password, saved_text
from villagedesk.ui.kit.print_preview import BackgroundPrint
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.kit.tables import make_table
from villagedesk.ui.kit.widgets import button_bar, page_column, splitter
from villagedesk.ui.kit.workers import run_job
from villagedesk.ui.township.page import period_combo, printed_period, summary_columns

_TOTAL = QColor("#e8eef7")
# The figures a township's total has (core.township.summary.totals), in the villages' columns' order.
_TOTALLED = ("households", "persons", "both_heads", "participation", "requests_open", "requests_overdue",
             "requests_closed_share", "notices_posted", "notices_overdue")


class SummaryPage(CountyPage):
    """The chosen period's figures: townships with their totals above, every village's line below."""

    def __init__(self, session: CountySession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.job = None  # the last job started here (tests wait for it)
        self.buttons: dict[str, QPushButton] = {}
        self.printer = BackgroundPrint(self, None, reader=session.connection)
        self.note = QLabel(self)
        self.note.setObjectName("summary_note")
        self.note.setWordWrap(True)
        self.period = period_combo(self, self.refresh)
        bar = button_bar(self, (("print_summary", self.tr("Print summary…"), self.print_summary),
                                ("export_excel", self.tr("Export Excel…"), self.export_excel)), self.buttons)
        bar.insertWidget(0, QLabel(self.tr("Period:"), self))
        bar.insertWidget(1, self.period)
        bar.insertSpacing(2, 16)

        columns, formatters = summary_columns()
        shown = dict(columns)
        self.totals = ListTableModel(
            [("name", self.tr("Township")), ("villages", self.tr("Villages")),
             ("vacant_villages", self.tr("Villages with a head vacant")),
             *((key, shown[key]) for key in _TOTALLED)],
            # A total counts the villages whose both heads are one person (a village's line says yes or no).
            [], {**formatters, "both_heads": lambda n: str(n or 0)}, self, id_key="name",
            background=lambda r: _TOTAL if r.get("county") else None)
        self.totals_view = make_table(self.totals, self)
        self.totals_view.setObjectName("totals_view")
        self.totals_view.setSortingEnabled(False)
        self.lines = ListTableModel([("township", self.tr("Township")), *columns], [], formatters, self,
                                    id_key="code")
        self.lines_view = make_table(self.lines, self)
        self.lines_view.setObjectName("lines_view")
        totals_box = QGroupBox(self.tr("By township"), self)
        box = QVBoxLayout(totals_box)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.totals_view)
        lines_box = QGroupBox(self.tr("By village"), self)
        box = QVBoxLayout(lines_box)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.lines_view)
        page_column(self, bar, self.note, splitter(self, totals_box, lines_box, sizes=(220, 420), stretch=(1, 2),
                                                   orientation=Qt.Orientation.Vertical))

    def chosen_period(self) -> periods.Period | None:
        code = self.period.currentData()
        return None if code is None else periods.parse(code)

    def refresh(self) -> None:
        period, today = self.chosen_period(), clock.today()

        def job(_progress):
            return self.session.read(lambda conn: county_summary(conn, today, period))

        self.job = run_job(self, self.tr("Reading the county's figures"), job, self._show)

    def _show(self, summary) -> None:
        rows = [{"name": group.name, **group.total} for group in summary.townships]
        if rows:
            rows.append({**summary.total, "county": True,
                         "name": fmt(self.tr("County (%1 townships)"), summary.total["townships"])})
        self.totals.set_rows(rows)
        self.lines.set_rows(summary.lines)
        for view in (self.totals_view, self.lines_view):
            view.resizeColumnsToContents()
            for column in range(view.model().columnCount()):
                view.setColumnWidth(column, min(200, view.columnWidth(column)))
        if not summary.lines:
            self.note.setText(self.tr("No village yet: the county's figures come with the township packages "
                                      "(villagedesk import-package FILE --db URL)."))
        else:
            self.note.setText(self.tr("Figures as of the day each village wrote its newest package; the points "
                                      "and requests of the chosen period. The printed summary and the workbook "
                                      "hold the same lines."))
        for button in self.buttons.values():
            button.setEnabled(bool(summary.lines))

    # --- outputs ------------------------------------------------------------------
    def print_summary(self) -> None:
        """各乡镇村务汇总表 of the chosen period (this quarter unless another is chosen), previewed."""
        code = printed_period(self.period)
        suggested = f"{self.session.county}-各乡镇村务汇总表-{code}.pdf"

        def make(conn, pdf, progress):
            # loads reportlab: not at start-up
            from villagedesk.documents.pdf.summary import print_county_summary

            return print_county_summary(conn, pdf, code, progress=progress)

        self.job = self.printer.show(self.tr("Preparing the summary"), f"county-summary-{code}", suggested, make)

    def export_excel(self) -> None:
        """The county's workbook: the summary, and every village's sheets merged with 乡镇 and 村 columns."""
        title = self.tr("Export Excel workbook")
        # The villages' registers are in it, full ID numbers and all: an opening password may be set first.
        go, password = ask_open_password(self, title, self.tr("The workbook"))
        if not go:
            return
        path = ask_save(self, title, f"{self.session.county}-各乡镇汇总-{clock.today():%Y%m%d}.xlsx",
                        self.tr("Excel workbooks (*.xlsx)"), ".xlsx")
        if path is None:
            return

        def job(progress):
            # loads openpyxl: not at start-up
            from villagedesk.documents.excel.county import export_county_workbook

            with self.session.connection() as conn:
                return export_county_workbook(conn, path, progress=progress, password=password)

        def saved(_written) -> None:
            remember_save_folder(path)
            QMessageBox.information(self, self.tr("Export"), saved_text(path, password))

        self.job = run_job(self, self.tr("Exporting the county's workbook"), job, saved)


__all__ = ["SummaryPage"]
