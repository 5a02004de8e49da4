"""台账: every entry, paged from SQLite; an approved one is reversed, never changed (docs/DOMAIN.md §2.5).

The list keeps in view what a clerk reads the ledger by on a 1366-pixel laptop (issue 18): who
(household, head, 村民小组), what (category, item, quantity, points), when (date, period), its status
and the reversals linking entries.  The audit trail of one entry (its evidence and note, who
recorded and who reviewed it, its place in the chain) is shown for the entry chosen, below the
list, rather than in six columns behind a horizontal scroll.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from villagedesk.core.points import ledger, lists
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import ReasonDialog
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.table_model import PagedTableModel
from villagedesk.ui.points.dialogs import signed
from villagedesk.ui.points.tab import LEDGER_FORMATS, PointsTab

#: Read for the entry chosen, in the pane below the list, not as columns of the list.
TRAIL = ("note", "evidence", "recorded_by", "reviewer", "reviewed_at", "seq")


class LedgerTab(PointsTab):
    """Every entry, paged from SQLite; an approved one can be reversed with a reason."""

    REASONS = ("登记错误", "重复登记", "异议成立", "其他")

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.search = self._search_box(self.tr("Search: head's name, pinyin initials, household code, item "
                                               "or date (2026-07, 2026-Q3)"))
        self.status = QComboBox(self)
        self.status.setObjectName("status_filter")
        self.status.addItem(self.tr("All entries"), None)
        for status in ledger.EntryStatus:
            self.status.addItem(status.label, status)
        self.model = PagedTableModel(
            store, lists.LEDGER,
            self.ledger_columns("_id", "entry_date", "period", "household_code", "head_name", "group_name",
                                "category", "item", "quantity", "points", "status", "reverses_id", "reversed_by",
                                "reason", *TRAIL),
            LEDGER_FORMATS, self)
        self.view = self._table(self.model, "ledger_view")
        for column, key in enumerate(self.model.keys()):
            self.view.setColumnHidden(column, key in TRAIL)
        self.trail = self._detail_label("ledger_trail")
        self.summary = QLabel(self)
        self.summary.setObjectName("ledger_summary")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(QLabel(self.tr("Status:"), self))
        top.addWidget(self.status)
        bar = self._bar([("reverse", self.tr("Reverse…"), self.reverse),
                         ("last_page", self.tr("Go to the end"), self.view.scrollToBottom)])
        bar.insertWidget(0, self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.trail)
        self.search.textChanged.connect(self.model.set_search)
        self.status.currentIndexChanged.connect(
            lambda _i: self.model.set_filter(*lists.ledger_status(self.status.currentData())))
        self.model.modelReset.connect(self._show_summary)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._show_summary()

    def refresh(self) -> None:
        self.model.refresh()

    def _show_summary(self) -> None:
        self.summary.setText(self.tr("%n entry(s).", "", self.model.rowCount()))
        self._update_buttons()

    def _update_buttons(self) -> None:
        entry = self.selected()
        self.buttons["reverse"].setEnabled(entry is not None and ledger.can_reverse(entry))
        self.trail.setText(self.describe_trail(entry) if entry is not None
                           else self.tr("Choose an entry to see its evidence, who recorded and who reviewed it."))

    def describe_trail(self, entry: dict) -> str:
        """The entry's audit trail in one line: what the list leaves out."""
        def shown(value) -> str:
            return "—" if value in (None, "") else str(value)

        return fmt(self.tr("No. %1; evidence: %2; note: %3; recorded by: %4; reviewed by: %5 on %6; chain No.: %7"),
                   entry["_id"], *(shown(entry[key]) for key in ("evidence", "note", "recorded_by", "reviewer",
                                                                 "reviewed_at", "seq")))

    def reverse(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        entry_id = entry["_id"]
        dialog = ReasonDialog(
            self.store, fmt(self.tr("Reverse entry No. %1"), entry_id),
            fmt(self.tr("Approved points are never changed. A reversing entry of %1 points for %2 %3 is "
                    "recorded; it counts once it is approved on the Review tab."), signed(-entry["points"]), entry["household_code"], entry["item"]),
            self.REASONS, lambda reason: ledger.reverse(self.store, entry_id, reason), self)
        self._done(dialog)
