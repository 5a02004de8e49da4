"""The points page's first step, 登记: the entry form and the entries recorded lately."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QSplitter, QVBoxLayout, QWidget

from villagedesk.core.points import lists
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import notify
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.points.dialogs import EntryForm
from villagedesk.ui.points.tab import LEDGER_FORMATS, PointsTab


class EntryTab(PointsTab):
    """The entry form (saves and stays open for the next) and the entries recorded lately."""

    RECENT = 50

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.form = EntryForm(store, self, embedded=True)
        self.form.recorded.connect(self._recorded)
        self.recent = ListTableModel(
            self.ledger_columns("_id", "entry_date", "household_code", "head_name", "item", "quantity",
                                "points", "status"), [], LEDGER_FORMATS, self, id_key="_id")
        self.recent_view = self._table(self.recent, "recent_view")
        self.recent_view.setSortingEnabled(False)

        form_box = QGroupBox(self.tr("One household"), self)
        QVBoxLayout(form_box).addWidget(self.form)
        recent_box = QGroupBox(self.tr("Recorded lately (newest first)"), self)
        QVBoxLayout(recent_box).addWidget(self.recent_view)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(form_box)
        split.addWidget(recent_box)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([470, 520])
        layout = QVBoxLayout(self)
        layout.addLayout(self._bar([("batch_entry", self.tr("Batch entry: many households…"), self.batch)]))
        layout.addWidget(split, 1)
        self._show_recent()

    def refresh(self) -> None:
        self.form.refresh()
        self._show_recent()

    def _show_recent(self) -> None:
        self.recent.set_rows(lists.LEDGER.fetch(self.store, descending=True, limit=self.RECENT))

    def _recorded(self, _rows) -> None:
        self._show_recent()
        self.changed.emit()

    def batch(self) -> None:
        dialog = EntryForm(self.store, self, batch=True)
        rule = self.form.chosen_rule()
        if rule is not None:
            dialog.choose_rule(rule["id"])
        dialog.recorded.connect(self._recorded)
        if dialog.exec() == dialog.DialogCode.Accepted:
            notify(self, self.tr("%n entry(s) recorded, waiting for review.", "", len(dialog.saved)))
