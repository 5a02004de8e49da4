"""明细: one household's entries and redemptions in a period, with the running balance."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from villagedesk.core.points import ledger, ranking
from villagedesk.store import Store
from villagedesk.ui.kit.household_picker import HouseholdPicker
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.points.tab import PointsTab, signed_text, status_text


class StatementTab(PointsTab):
    """One household's entries and redemptions in a period, with the running balance."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.picker = HouseholdPicker(store, self, visible_rows=10)
        self.picker.setObjectName("statement_household")
        self.picker.setFixedWidth(320)  # its 村民小组 column whole on a 1366-pixel laptop (#18)
        self.period = QComboBox(self)
        self.period.setObjectName("period")
        self.period.setMinimumContentsLength(16)
        self.summary = QLabel(self)
        self.summary.setObjectName("statement_summary")
        self.summary.setWordWrap(True)
        self.lines = ListTableModel(
            [("day", self.tr("Date")), ("category", self.tr("Category")), ("item", self.tr("Item")),
             ("quantity", self.tr("Qty")), ("points", self.tr("Points")), ("status", self.tr("Status")),
             ("balance", self.tr("Balance")), ("remark", self.tr("Note"))],
            [], {"points": signed_text, "status": status_text}, self, muted=lambda line: line["status"] != ledger.EntryStatus.APPROVED)
        self.view = self._table(self.lines, "statement_view", item=190, category=75)
        self.view.setSortingEnabled(False)  # the running balance reads top to bottom

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period:"), self))
        top.addWidget(self.period)
        top.addStretch(1)
        top.addWidget(self._button("print_statement", self.tr("Print statement…"), self.print_statement))
        right = QVBoxLayout()
        right.addLayout(top)
        right.addWidget(self.summary)
        right.addWidget(self.view, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addLayout(right, 1)
        self.picker.chosenChanged.connect(self.show_statement)
        self.period.currentIndexChanged.connect(lambda _i: self.show_statement())

    def refresh(self) -> None:
        self.fill_periods(self.period)
        self.picker.refresh()
        self.show_statement()

    def _remark(self, line: dict) -> str:
        if line["reverses_id"] is not None:
            return fmt(self.tr("Corrects No. %1: %2"), line["reverses_id"], line["reverse_reason"])
        if line["status"] == ledger.EntryStatus.REJECTED:
            return fmt(self.tr("Rejected: %1"), line["reject_reason"])
        return line["note"] or ""

    def show_statement(self) -> None:
        household, code = self.picker.household_id, self.period.currentData()
        self.buttons["print_statement"].setEnabled(household is not None)
        if household is None or code is None:
            self.lines.set_rows([])
            self.summary.setText(self.tr("Choose a household on the left."))
            return
        result = ranking.statement(self.store, household, code)
        self.lines.set_rows([{**line, "remark": self._remark(line)} for line in result["lines"]])
        self.summary.setText(
            fmt(self.tr("%1, %2: base %3, score %4, balance after redemptions %5."), self.picker.describe(self.picker.chosen()[0]), result["period"].label, result["opening"], result["score"], result["balance"]))

    def print_statement(self) -> None:
        chosen = self.picker.chosen()
        if not chosen:
            return
        try:
            from villagedesk.documents.pdf.statement import (
                print_statement,  # loads reportlab: not at start-up
            )
        except ImportError:
            QMessageBox.warning(self, self.tr("Print statement"),
                                self.tr("Printing the statement is not available in this version."))
            return
        code, household = self.period.currentData(), chosen[0]["code"]
        suggested = "-".join(p for p in (self._village(), "积分明细", household, code) if p) + ".pdf"
        self._print(self.tr("Preparing the statement"), f"statement-{household}-{code}", suggested,
                    lambda reader, pdf, progress: print_statement(reader, pdf, household, code, progress=progress))
