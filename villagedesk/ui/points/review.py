"""审核: the entries waiting for review, approved or rejected many at once (docs/DOMAIN.md §2.1)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QDialog, QLabel, QVBoxLayout, QWidget

from villagedesk.core.points import ledger, lists
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import notify
from villagedesk.ui.kit.table_model import PAGE, PagedTableModel
from villagedesk.ui.kit.workers import run_job
from villagedesk.ui.points.dialogs import ReviewDialog, sentences
from villagedesk.ui.points.tab import LEDGER_FORMATS, PointsTab


class ReviewTab(PointsTab):
    """Pending entries; approve or reject many at once (one call to core)."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.search = self._search_box(self.tr("Search: head's name, pinyin initials, household code, item "
                                               "or date (2026-07)"))
        self.model = PagedTableModel(
            store, lists.LEDGER,
            self.ledger_columns("_id", "entry_date", "household_code", "head_name", "group_name", "category",
                                "item", "quantity", "points", "reverses_id", "reason", "note", "evidence",
                                "recorded_by"), LEDGER_FORMATS, self)
        self.model.set_filter(*lists.ledger_status(ledger.EntryStatus.PENDING))
        self.view = self._table(self.model, "review_view")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.summary = QLabel(self)
        self.summary.setObjectName("review_summary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(self._bar([
            ("select_all", self.tr("Select all"), self.view.selectAll),
            ("approve", self.tr("Approve selected…"), self.approve),
            ("reject", self.tr("Reject selected…"), self.reject),
        ]))
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.search.textChanged.connect(self.model.set_search)
        self.model.modelReset.connect(self._show_summary)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_summary())
        self._show_summary()

    def refresh(self) -> None:
        self.model.refresh()

    def _selected_rows(self) -> list[int]:
        rows: set[int] = set()
        for part in self.view.selectionModel().selection():
            rows.update(range(part.top(), part.bottom() + 1))
        return sorted(rows)

    def selected_ids(self) -> list[int]:
        rows = self._selected_rows()
        if len(rows) > PAGE and len(rows) == self.model.rowCount():
            # Everything is selected: ask SQLite once rather than page through the model.
            extra, params = lists.ledger_status(ledger.EntryStatus.PENDING)
            return [r["_id"] for r in lists.LEDGER.fetch(self.store, self.search.text(), extra=extra,
                                                             params=params)]
        return [self.model.record_id(row) for row in rows]

    def _show_summary(self) -> None:
        count = self.model.rowCount()
        text = self.tr("%n entry(s) waiting for review.", "", count)
        selected = len(self._selected_rows())
        if selected:
            text = sentences(text, self.tr("%n selected.", "", selected))
        self.summary.setText(text)
        self.buttons["approve"].setEnabled(bool(selected))
        self.buttons["reject"].setEnabled(bool(selected))

    def approve(self) -> None:
        self._review(reject=False)

    def reject(self) -> None:
        self._review(reject=True)

    def _review(self, reject: bool) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        dialog = ReviewDialog(self.store, len(ids), reject, self, recorders=ledger.recorders(self.store, ids))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        store, reviewer, reason = self.store, dialog.saved["reviewer"], dialog.saved["reason"]

        def work(_progress) -> int:
            # One call to core: all or nothing, the chain computed in one pass.
            if reject:
                return ledger.reject(store, ids, reviewer, reason)
            return ledger.approve(store, ids, reviewer)

        title = self.tr("Rejecting points") if reject else self.tr("Approving points")
        self.job = run_job(self, title, work, lambda count: self._reviewed(count, reject))
        # A failed job leaves the queue as it was; a finished one shows what changed.
        self.job.finished.connect(self.refresh)

    def _reviewed(self, count: int, rejected: bool = False) -> None:
        notify(self, self.tr("%n entry(s) rejected.", "", count) if rejected
               else self.tr("%n entry(s) approved.", "", count))
        self.changed.emit()
