"""The home page, where the window opens: what needs the clerk today, the village in numbers, the charts.

The list is core.attention's, one line per thing to do, most urgent first,
overdue lines in red; Enter or a double-click opens the record the line names
(the page asks the window, through ``open_requested``, as the search does).  The
lines are grouped by kind under a heading with their counts, newest first
(core.attention.grouped); a kind with very many lines (years of overdue requests on
a big village) shows its first :data:`LINES_PER_RULE` and one line that opens the
whole list.  Everything is read again when the page is shown after something changed (an edit on
another page, an import, an undo, the command line beside the window), the day turned or a backup
was made (ui.kit.freshness); shown again with nothing changed it costs no query.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from villagedesk import clock
from villagedesk.core.home import attention
from villagedesk.core.home.attention import Item
from villagedesk.store import Store
from villagedesk.ui.accounts.home_block import AccountEventsBlock
from villagedesk.ui.home.charts import ChartsPanel
from villagedesk.ui.kit.freshness import Freshness
from villagedesk.ui.kit.messages import fmt

OVERDUE_TEXT = QColor("#a61b1b")
LINES_PER_RULE = 5  # a group's lines shown; the rest are one line that opens the whole list
TARGET = Qt.ItemDataRole.UserRole

# Where the "… and N more" line of a long rule leads.
_WHOLE_LIST = {attention.REQUEST: ("requests_overdue", None), attention.OBJECTION: ("page", "notices"),
               attention.CALENDAR: ("page", "notices"), attention.POSTING_ENDS: ("page", "notices")}


class HomePage(QWidget):
    """The attention list, the counts as tiles, and ``charts_area`` for the charts."""

    open_requested = Signal(str, object)  # (kind, key) for MainWindow.open_record

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.items: list[Item] = []
        # The backup line names the newest backup file, which no write to the database changes.
        self.freshness = Freshness(store, lambda: attention.backup_day(store.path))

        # The fields of attention.Glance, in the order shown.
        captions = {"households": self.tr("Households"), "persons": self.tr("Persons"),
                    "committee_members": self.tr("Committee members in office"),
                    "requests_open": self.tr("Requests open"),
                    "requests_closed_year": self.tr("Requests closed this year"),
                    "notices_posted_year": self.tr("Notices posted this year")}
        self.tiles: dict[str, QLabel] = {}
        tiles = QHBoxLayout()
        for key, caption in captions.items():
            tiles.addWidget(self._tile(key, caption), 1)

        self.attention = QListWidget(self)
        self.attention.setObjectName("attention_list")
        self.attention.setAlternatingRowColors(True)
        self.attention.setWordWrap(True)
        self.attention.setStyleSheet("QListWidget { font-size: 14px; } QListWidget::item { padding: 4px; }")
        self.attention.itemActivated.connect(self.open_item)
        self.heading = QGroupBox(self.tr("Needs attention"), self)
        self.heading.setObjectName("attention_box")
        hint = QLabel(self.tr("Double-click a line, or press Enter, to open what it names."), self.heading)
        hint.setStyleSheet("color: #666666;")
        box = QVBoxLayout(self.heading)
        box.addWidget(hint)
        box.addWidget(self.attention, 1)

        # The charts (the window connects their clicks to MainWindow.apply_chart_filter).
        self.charts_area = QVBoxLayout()
        self.charts = ChartsPanel(store, self)
        self.charts_area.addWidget(self.charts)

        layout = QVBoxLayout(self)
        layout.addLayout(tiles)
        if store.key is not None:  # failed logins and account changes, for a 主任/书记 (docs/SECURITY.md "The window")
            self.account_events = AccountEventsBlock(store, self)
            layout.addWidget(self.account_events)
        layout.addWidget(self.heading, 1)
        layout.addLayout(self.charts_area, 1)

    def _tile(self, key: str, caption: str) -> QWidget:
        tile = QFrame(self)
        tile.setObjectName(f"tile_{key}")
        tile.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(tile)
        inner.setContentsMargins(8, 6, 8, 6)
        inner.setSpacing(2)
        number = QLabel("–", tile)
        number.setObjectName(f"glance_{key}")
        number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        number.setStyleSheet("font-size: 22px; font-weight: bold;")
        label = QLabel(caption, tile)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        inner.addWidget(number)
        inner.addWidget(label)
        self.tiles[key] = number
        return tile

    # --- showing ------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        # Other pages change what needs doing, and the day may have turned.
        if self.freshness.stale():
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self.freshness.reading()
        today = clock.today()
        counts = attention.glance(self.store, today)
        for key, label in self.tiles.items():
            label.setText(str(getattr(counts, key)))
        self.items = attention.items(self.store, today)
        self._fill(self.items)

    def _rule_name(self, rule: str) -> str:
        """What a group of lines is about, as its heading names it."""
        names = {attention.CALENDAR: self.tr("Disclosure calendar"),
                 attention.POSTING_ENDS: self.tr("Posting periods ending"),
                 attention.OBJECTION: self.tr("Objections not answered"),
                 attention.REQUEST: self.tr("Requests due or overdue"),
                 attention.POINTS_PENDING: self.tr("Points to review"),
                 attention.POINTS_POST: self.tr("Points to post"),
                 attention.POINTS_LOCK: self.tr("Points to lock"),
                 attention.VACANT_HEAD: self.tr("Committee"), attention.COMMITTEE_SIZE: self.tr("Committee"),
                 attention.NO_TERM: self.tr("Committee"),
                 attention.BACKUP: self.tr("Backup"), attention.PACKAGE: self.tr("USB package")}
        return names.get(rule, rule)

    def _fill(self, items: list[Item]) -> None:
        """One heading per kind with its counts, then its first :data:`LINES_PER_RULE` lines (overdue ones
        in red, newest first) and a line to the whole list for the rest (core.attention.grouped)."""
        self.attention.clear()
        heading_font = QFont(self.attention.font())
        heading_font.setBold(True)
        for group in attention.grouped(items):
            if len(group.items) > 1:
                text = fmt(self.tr("%1: %2, %3 overdue"), self._rule_name(group.rule), len(group.items), group.overdue) \
                    if group.overdue else fmt(self.tr("%1: %2"), self._rule_name(group.rule), len(group.items))
                heading = QListWidgetItem(text, self.attention)
                heading.setFont(heading_font)
                heading.setData(TARGET, _WHOLE_LIST.get(group.rule))
            for item in group.items[:LINES_PER_RULE]:
                line = QListWidgetItem(self.describe(item), self.attention)
                line.setData(TARGET, item.target)
                if item.overdue:
                    line.setForeground(QBrush(OVERDUE_TEXT))
            left_out = len(group.items) - LINES_PER_RULE
            if left_out > 0:
                more = QListWidgetItem(fmt(self.tr("… and %1 more like these: open the whole list"), left_out),
                                       self.attention)
                more.setData(TARGET, _WHOLE_LIST.get(group.rule))
        if not items:
            line = QListWidgetItem(self.tr("Nothing needs attention today."), self.attention)
            line.setFlags(Qt.ItemFlag.NoItemFlags)
        overdue = sum(1 for item in items if item.overdue)
        self.heading.setTitle(fmt(self.tr("Needs attention (%1, %2 overdue)"), len(items), overdue) if items else self.tr("Needs attention"))
        if items:
            # Current for Enter, not highlighted: a selected line would hide the red of an overdue one.
            self.attention.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)

    def lines(self) -> list[str]:
        """The list as shown, line by line."""
        return [self.attention.item(row).text() for row in range(self.attention.count())]

    def open_item(self, line: QListWidgetItem) -> None:
        target = line.data(TARGET)
        if target:
            self.open_requested.emit(target[0], target[1])

    # --- the words ----------------------------------------------------------------------------
    def _when(self, item: Item) -> str:
        if item.overdue:
            return fmt(self.tr("%1 day(s) overdue (due %2)"), item.days, item.due.isoformat())
        if item.days == 0:
            return self.tr("due today")
        return fmt(self.tr("due %1, in %2 day(s)"), item.due.isoformat(), item.days)

    def describe(self, item: Item) -> str:
        """One line of the list, in the clerk's language."""
        rule = item.rule
        if rule == attention.CALENDAR:
            text = self.tr("Post “%1” for %2: %3")
            return fmt(text, item.subject, item.detail, self._when(item))
        if rule == attention.POSTING_ENDS:
            text = self.tr("%1 “%2”: the posting period ends today") if item.days == 0 else \
                self.tr("%1 “%2”: the posting period ends on %3, in %4 day(s)")
            return fmt(text, item.subject, item.detail, item.due.isoformat(), item.days)
        if rule == attention.OBJECTION:
            return fmt(self.tr("Objection by %1 to %2 “%3” not answered: %4"), item.who, item.subject, item.detail, self._when(item))
        if rule == attention.REQUEST:
            return fmt(self.tr("Request %1 from %2, “%3”: %4"), item.subject, item.who, _short(item.detail), self._when(item))
        if rule == attention.POINTS_PENDING:
            return fmt(self.tr("%1 points entries wait for review"), item.count)
        if rule == attention.POINTS_POST:
            return fmt(self.tr("The points of %1 are reviewed and the period is over: post them publicly"), item.subject)
        if rule == attention.POINTS_LOCK:
            text = self.tr("Objections to the points of %1 closed on %2: lock the period after the review meeting")
            text = fmt(text, item.subject, item.last.isoformat())
            if item.count:
                text += fmt(self.tr(" (%1 objection(s) still to resolve first)"), item.count)
            return text
        if rule == attention.VACANT_HEAD:
            return fmt(self.tr("Committee: the %1 has no %2"), item.subject, item.detail)
        if rule == attention.COMMITTEE_SIZE:
            return fmt(self.tr("Committee: the %1 has %2 member(s) in office; it needs 3 to 7"), item.subject, item.count)
        if rule == attention.NO_TERM:
            return self.tr("Committee: no term covers today; add the current term")
        if rule == attention.BACKUP:
            if item.last is None:
                return self.tr("No backup of the records has been made yet: back up now")
            return fmt(self.tr("The last backup was made on %1, %2 days ago: back up now"), item.last.isoformat(), item.days + attention.STALE_DAYS)
        if rule == attention.PACKAGE:
            if item.last is None:
                return self.tr("No USB package has been written for the township yet")
            return fmt(self.tr("The last USB package was written on %1, %2 days ago: write a new one for the township"), item.last.isoformat(), item.days + attention.STALE_DAYS)
        return item.subject


def _short(text: str, length: int = 30) -> str:
    return text if len(text) <= length else text[:length] + "…"
