"""The home page's block for a 主任 or 书记: failed logins and account changes since one of them last
logged in (issue 17, item 4; core.accounts.accounts.since_last_head_login).

Someone trying passwords at night, an account added or reset while the 主任 was away: the person who
manages the accounts sees it first thing, on the page the window opens on. Other accounts, and a
database without accounts, see nothing here.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QVBoxLayout, QWidget

from villagedesk.core.accounts import accounts as account_core
from villagedesk.core.accounts import roles
from villagedesk.store import Store
from villagedesk.ui.kit.freshness import Freshness
from villagedesk.ui.kit.messages import fmt

# Lines shown at most; a longer list (a night of tries) is counted in the heading.
LINES = 8


class AccountEventsBlock(QWidget):
    """Hidden unless a 主任/书记 is logged in and something happened to the accounts since."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.freshness = Freshness(store)
        self.events: list[account_core.AccountEvent] = []
        self.box = QGroupBox(self)
        self.box.setObjectName("account_events_box")
        self.summary = QLabel(self.box)
        self.summary.setObjectName("account_events_summary")
        self.summary.setWordWrap(True)
        self.lines = QListWidget(self.box)
        self.lines.setObjectName("account_events")
        self.lines.setMaximumHeight(24 * 4 + 6)
        inner = QVBoxLayout(self.box)
        inner.addWidget(self.summary)
        inner.addWidget(self.lines)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        self.box.hide()

    def showEvent(self, event: QShowEvent) -> None:
        if self.freshness.stale():
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self.freshness.reading()
        self.events = self._events()
        self.lines.clear()
        failed = sum(1 for e in self.events if e.action == account_core.LOGIN_FAILED)
        changes = len(self.events) - failed
        self.box.setTitle(self.tr("Accounts since a village head last logged in"))
        self.summary.setText(fmt(self.tr("%1 failed logins, %2 account changes."), failed, changes))
        self.summary.setStyleSheet("color: #a61b1b;" if failed else "")
        for event in self.events[:LINES]:
            self.lines.addItem(f"{event.at[:16].replace('T', ' ')}  {event.text}")
        if len(self.events) > LINES:
            self.lines.addItem(fmt(self.tr("… and %1 more (the audit keeps them all)"), len(self.events) - LINES))
        self.box.setVisible(bool(self.events))

    def _events(self) -> list[account_core.AccountEvent]:
        if self.store.key is None:
            return []
        account = account_core.get(self.store, self.store.actor)
        if account is None or account.disabled or not roles.may(account.role, roles.Action.MANAGE_ACCOUNTS):
            return []
        return account_core.since_last_head_login(self.store, account)


__all__ = ["AccountEventsBlock"]
