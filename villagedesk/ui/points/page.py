"""The points page (积分): 登记 → 审核 → 台账 → 排名 → 明细, the rules and the points shop.

One tab per step of the flow (docs/DOMAIN.md §2.1), each in its own module (entry,
review, ledger, ranking, statement, rules, shop; what they share in tab.py), the
page composing them.  Every decision is core.points': the tabs show its lists
and hand the clerk's choices to it; its UserError is
shown inline in the form, or in a message box for an action without a form.
The ledger and the review queue are paged from SQLite (core.points.lists.LEDGER), so a
million entries cost the window a few pages; approving and printing run off the
GUI thread through :func:`~villagedesk.ui.kit.workers.run_job`.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from villagedesk.core.points import ledger
from villagedesk.store import Store
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.points.entry import EntryTab
from villagedesk.ui.points.ledger import LedgerTab
from villagedesk.ui.points.ranking import RankingTab
from villagedesk.ui.points.review import ReviewTab
from villagedesk.ui.points.rules import RulesTab
from villagedesk.ui.points.shop import ShopTab
from villagedesk.ui.points.statement import StatementTab


class PointsPage(QWidget):
    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.entry = EntryTab(store, self)
        self.review = ReviewTab(store, self)
        self.ledger = LedgerTab(store, self)
        self.ranking = RankingTab(store, self)
        self.statement = StatementTab(store, self)
        self.rules = RulesTab(store, self)
        self.shop = ShopTab(store, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("points_tabs")
        for tab, title in ((self.entry, self.tr("Record")), (self.review, self.tr("Review")),
                           (self.ledger, self.tr("Ledger")), (self.ranking, self.tr("Ranking")),
                           (self.statement, self.tr("Statement")), (self.rules, self.tr("Rules")),
                           (self.shop, self.tr("Points shop"))):
            self.tabs.addTab(tab, title)
            tab.changed.connect(self._changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self._show_pending()

    def showEvent(self, event: QShowEvent) -> None:
        # The register and today's date may have changed since the page was last shown.
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self.tabs.currentWidget().refresh()
        self._show_pending()

    def _changed(self) -> None:
        self._show_pending()
        self.changed.emit()

    def show_ranking_of(self, code: str, group: str | None = None, stars: int | None = None) -> bool:
        """The ranking tab, filtered to one group or one star rating of the period ``code``."""
        self.tabs.setCurrentWidget(self.ranking)
        return self.ranking.show_filtered(code, group, stars)

    def show_review(self, _key=None) -> bool:
        """The review tab: the entries waiting to be approved."""
        self.tabs.setCurrentWidget(self.review)
        return True

    def _show_pending(self) -> None:
        pending = ledger.pending_count(self.store)
        self.tabs.setTabText(1, fmt(self.tr("Review (%1)"), pending) if pending
                             else self.tr("Review"))
