"""What the points page's tabs share: column widths, the ledger's columns, the period chooser."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTableView

from villagedesk import clock
from villagedesk.core.common import periods
from villagedesk.core.points import ledger, rules
from villagedesk.store import Store
from villagedesk.ui.kit.list_tab import ListTab
from villagedesk.ui.kit.table_model import PagedTableModel
from villagedesk.ui.points.dialogs import signed

_WIDTHS = {"_id": 60, "entry_date": 95, "period": 75, "household_code": 90, "head_name": 75, "group_name": 95,
           "category": 80, "item": 230, "quantity": 45, "points": 50, "status": 60, "recorded_by": 120,
           "reviewer": 120, "reviewed_at": 95, "reverses_id": 70, "reversed_by": 70, "reason": 160,
           "note": 160, "seq": 60, "rank": 45, "code": 70, "head": 70, "score": 50, "stars": 75, "passed": 45, "grade": 55,
           "entries": 55, "rule_key": 55, "version": 45, "unit": 70, "cap_per_period": 70, "valid_from": 95,
           "valid_to": 95, "name": 160, "price": 80, "stock": 60, "redeemed_on": 95, "goods": 140,
           "day": 95, "balance": 60, "received_on": 95, "raised_by": 70, "content": 200, "households": 60,
           "average": 70, "participation": 70, "resolution": 160}


def status_text(value) -> str:
    return ledger.STATUS_LABEL.get(value, value or "")


def signed_text(value) -> str:
    return "" if value is None else signed(value)


class PointsTab(ListTab):
    """One tab of the points page; each defines refresh(), run when it is shown."""

    WIDTHS = _WIDTHS

    def _table(self, model, name: str, **widths: int) -> QTableView:
        view = super()._table(model, name, **widths)
        if isinstance(model, PagedTableModel):
            # The paged lists start in ledger order (their first column is the entry's number).
            view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        return view

    def ledger_columns(self, *keys: str) -> list[tuple[str, str]]:
        """Columns of the ledger's lists (the review queue, the ledger, the entries just recorded)."""
        titles = {"_id": self.tr("No."), "entry_date": self.tr("Date"), "period": self.tr("Period"),
                  "household_code": self.tr("Household"), "head_name": self.tr("Head"),
                  "group_name": self.tr("Group"), "category": self.tr("Category"), "item": self.tr("Item"),
                  "quantity": self.tr("Qty"), "points": self.tr("Points"), "status": self.tr("Status"),
                  "reverses_id": self.tr("Corrects No."), "reversed_by": self.tr("Reversed by No."),
                  "reason": self.tr("Reason"), "note": self.tr("Note"), "evidence": self.tr("Evidence"),
                  "recorded_by": self.tr("Recorded by"), "reviewer": self.tr("Reviewer"),
                  "reviewed_at": self.tr("Reviewed on"), "seq": self.tr("Chain No.")}
        return [(key, titles[key]) for key in keys]

    def fill_periods(self, combo: QComboBox) -> None:
        """The period chooser: keeps the choice, else the scheme period of today."""
        chosen = combo.currentData()
        states = ledger.period_states(self.store)
        marks = {ledger.PeriodStatus.POSTED: self.tr("posted"), ledger.PeriodStatus.LOCKED: self.tr("locked")}
        combo.blockSignals(True)
        combo.clear()
        for period in period_choices(self.store):
            mark = marks.get(states.get(period.code, ""), "")
            combo.addItem(f"{period.label}　{mark}".strip(), period.code)
        if chosen is None:
            chosen = periods.of(clock.today(), rules.get_scheme(self.store).period_kind).code
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)


LEDGER_FORMATS = {"status": status_text, "points": signed_text}


def period_choices(store: Store, today: date | None = None) -> list[periods.Period]:
    """Newest first: each year's scheme periods (started by today), then the year itself."""
    today = today or clock.today()
    kind = rules.get_scheme(store).period_kind
    first = ledger.first_entry_day(store)
    first_year = min(int(first[:4]), today.year) if first else today.year
    choices = []
    for year in range(today.year, first_year - 1, -1):
        whole = periods.parse(str(year))
        if kind != "year":
            choices += reversed([p for p in periods.split(whole, kind) if p.start <= today])
        choices.append(whole)
    return choices
