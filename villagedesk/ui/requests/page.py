"""The requests board (民情台账): every request until it is closed, the overdue ones standing out.

The board is paged from SQLite (core.request_lists.request_board) and every filter —
status, overdue, who is in charge, 村民小组, category, meeting, period — is a WHERE
clause there.  Above it the counts townships report for the chosen period (on the
spot / with a deadline / referred / closed %); below it the chosen request and
its handling log.  Each step (start, refer, close with feedback, reopen) is a small
form over core.requests, which refuses bad input with one message.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from villagedesk import clock
from villagedesk.core.common import periods
from villagedesk.core.meetings import lists as meeting_lists
from villagedesk.core.meetings.lists import meeting_label
from villagedesk.core.requests import ledger
from villagedesk.core.requests import lists as request_lists
from villagedesk.store import Store
from villagedesk.ui.kit.freshness import Freshness
from villagedesk.ui.kit.list_tab import ListTab
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.table_model import ListTableModel, PagedTableModel
from villagedesk.ui.kit.tables import small_table
from villagedesk.ui.kit.widgets import page_column, splitter
from villagedesk.ui.requests.dialogs import CloseDialog, ReferDialog, ReopenDialog, RequestDialog, StartDialog
from villagedesk.ui.requests.printing import LedgerPrint

OVERDUE_TEXT, OVERDUE_BACKGROUND = QColor("#a61b1b"), QColor("#fde2e1")
DIRECT = "direct"  # the meeting filter's choice for requests raised outside any meeting

# Every column in view on a 1366-pixel laptop (#18): the dates just fit 2026-07-20, the content gives way.
_WIDTHS = {"code": 78, "raised_on": 88, "raised_by": 70, "group_name": 95, "category": 68, "content": 240,
           "handling": 70, "department": 110, "owner": 65, "deadline": 88, "status": 60, "overdue": 45,
           "meeting_code": 64, "satisfaction": 62, "closed_on": 88, "reopened": 50}


def period_choices(store: Store) -> list[periods.Period]:
    """Newest first: each year since the first request, then its quarters and months begun by today."""
    today = clock.today()
    first = request_lists.first_day(store)
    first_year = min(int(first[:4]), today.year) if first else today.year
    choices = []
    for year in range(today.year, first_year - 1, -1):
        whole = periods.parse(str(year))
        choices.append(whole)
        for kind in ("quarter", "month"):
            choices += reversed([p for p in periods.split(whole, kind) if p.start <= today])
    return choices


class RequestsPage(ListTab):
    """The requests board: filters, the counts townships ask for, the chosen request and its steps."""

    WIDTHS = _WIDTHS
    DEFAULT_WIDTH = 90
    FOLLOW_SAVED = True

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.printer = LedgerPrint(self, store)
        self._day = clock.today()
        self.freshness = Freshness(store)
        self._build_filters()
        tiles = self._build_counts()
        self._build_board()
        self._build_detail()
        self._build_layout(tiles)
        self.search.textChanged.connect(lambda text: self.model.set_search(text))
        for combo in (self.status, self.owner, self.group, self.category, self.meeting, self.period):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.overdue.toggled.connect(lambda _on: self.apply_filters())
        self._connect_model()
        self.refresh()

    def _build_filters(self) -> None:
        self.search = self._search_box(self.tr("Search: content, name, pinyin initials, code (SQ000012) or "
                                               "date (2026-07)"))
        self.period = self._combo("period_filter", 14)
        self.status = self._combo("status_filter")
        self.status.addItem(self.tr("Any status"), None)
        self.status.addItem(self.tr("Not closed"), request_lists.OPEN)
        for status in ledger.RequestStatus:
            self.status.addItem(status, status)
        self.overdue = QCheckBox(self.tr("Overdue only"), self)
        self.overdue.setObjectName("overdue_filter")
        self.owner = self._combo("owner_filter", 8)
        self.group = self._combo("group_filter", 8)
        self.category = self._combo("category_filter")
        self.category.addItem(self.tr("Any category"), None)
        for category in ledger.CATEGORIES:
            self.category.addItem(category, category)
        self.meeting = self._combo("meeting_filter", 22)

    def _build_counts(self) -> QHBoxLayout:
        """The counts by outcome, one tile each."""
        self.counts_title = QLabel(self)
        self.counts_title.setObjectName("counts_title")
        self.counts: dict[str, QLabel] = {}
        tiles = QHBoxLayout()
        for key, caption in (("total", self.tr("Received")), ("on_the_spot", self.tr("On the spot")),
                             ("with_deadline", self.tr("With deadline")), ("referred", self.tr("Referred")),
                             ("closed", self.tr("Closed")), ("closed_percent", self.tr("Closed %")),
                             ("overdue", self.tr("Overdue")), ("dissatisfied", self.tr("Not satisfied"))):
            tiles.addWidget(self._tile(key, caption))
        tiles.addStretch(1)
        return tiles

    def _build_board(self) -> None:
        self.columns = [("code", self.tr("No.")), ("raised_on", self.tr("Date")), ("raised_by", self.tr("Raised by")),
                        ("group_name", self.tr("Group")), ("category", self.tr("Category")),
                        ("content", self.tr("Request")), ("handling", self.tr("Handling")),
                        ("owner", self.tr("In charge")), ("deadline", self.tr("Deadline")),
                        ("status", self.tr("Status")), ("overdue", self.tr("Overdue")),
                        ("department", self.tr("Department")), ("meeting_code", self.tr("Meeting")),
                        ("satisfaction", self.tr("Satisfaction")), ("closed_on", self.tr("Closed on")),
                        ("reopened", self.tr("Reopened"))]
        overdue_word, times = self.tr("overdue"), self.tr("%1 time(s)")
        self.formatters = {"overdue": lambda v: overdue_word if v else "",
                           "reopened": lambda v: fmt(times, v) if v else "",
                           "meeting_code": lambda v: v or ""}
        self.model = self._board_model()
        self.view = self._table(self.model, "requests_view")
        self.view.doubleClicked.connect(lambda _i: self.edit_request())
        self.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.summary = QLabel(self)
        self.summary.setObjectName("requests_summary")
        self.notice = self._notice_label()

    def _build_detail(self) -> None:
        """The chosen request and its handling log."""
        self.detail = self._detail_label("request_detail")
        self.log = ListTableModel([("day", self.tr("Date")), ("action", self.tr("Step")),
                                   ("status", self.tr("Status after")), ("note", self.tr("Note"))], [], None, self)
        self.log_view = small_table(self.log, self, "log_view")
        for column, width in enumerate((95, 150, 80)):
            self.log_view.setColumnWidth(column, width)

    def _build_layout(self, tiles: QHBoxLayout) -> None:
        filters = QGridLayout()
        filters.addWidget(self.search, 0, 0, 1, 4)
        filters.addWidget(QLabel(self.tr("Period:"), self), 0, 4)
        filters.addWidget(self.period, 0, 5)
        filters.addWidget(QLabel(self.tr("Status:"), self), 0, 6)
        filters.addWidget(self.status, 0, 7)
        filters.addWidget(self.overdue, 0, 8)
        for column, (label, combo) in enumerate(((self.tr("In charge:"), self.owner),
                                                 (self.tr("Group:"), self.group),
                                                 (self.tr("Category:"), self.category),
                                                 (self.tr("Meeting:"), self.meeting))):
            filters.addWidget(QLabel(label, self), 1, column * 2)
            filters.addWidget(combo, 1, column * 2 + 1, 1, 2 if column == 3 else 1)
        filters.setColumnStretch(3, 1)
        counts_box = QFrame(self)
        counts_box.setFrameShape(QFrame.Shape.StyledPanel)
        counts_layout = QVBoxLayout(counts_box)
        counts_layout.addWidget(self.counts_title)
        counts_layout.addLayout(tiles)
        bar = self._bar([("new_request", self.tr("Register a request…"), self.new_request),
                         ("edit_request", self.tr("Correct…"), self.edit_request),
                         ("start_request", self.tr("Start handling…"), self.start_request),
                         ("refer_request", self.tr("Refer…"), self.refer_request),
                         ("close_request", self.tr("Close with feedback…"), self.close_request),
                         ("reopen_request", self.tr("Reopen…"), self.reopen_request),
                         ("print_ledger", self.tr("Print ledger…"), self.print_ledger)])
        bar.addWidget(self.summary)
        detail_box = QGroupBox(self.tr("Selected request"), self)
        detail_layout = QHBoxLayout(detail_box)
        detail_layout.addWidget(self.detail, 2)
        detail_layout.addWidget(self.log_view, 3)
        page_column(self, filters, counts_box, bar, self.notice, splitter(self, self.view, detail_box, sizes=(380, 150)))

    # --- building helpers ------------------------------------------------------------------------
    def _tile(self, key: str, caption: str) -> QWidget:
        tile = QWidget(self)
        layout = QVBoxLayout(tile)
        layout.setContentsMargins(10, 0, 10, 0)
        layout.setSpacing(0)
        number = QLabel(tile)
        number.setObjectName(f"count_{key}")
        number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        number.setStyleSheet("font-size: 20px; font-weight: bold;" +
                             (" color: #a61b1b;" if key in ("overdue", "dissatisfied") else ""))
        label = QLabel(caption, tile)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(number)
        layout.addWidget(label)
        self.counts[key] = number
        return tile

    def _board_model(self) -> PagedTableModel:
        # Overdue depends on the day: the board is made for today.
        return PagedTableModel(self.store, request_lists.request_board(self._day), self.columns, self.formatters,
                               self, foreground=lambda r: OVERDUE_TEXT if r["overdue"] else None,
                               background=lambda r: OVERDUE_BACKGROUND if r["overdue"] else None)

    def _connect_model(self) -> None:
        self.model.modelReset.connect(self._show_summary)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_detail())

    @property
    def job(self):
        return self.printer.job

    # --- showing ----------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        # Requests may have been raised in a meeting's minutes, and the day may have turned: read again
        # then, and only then (ui.kit.freshness).
        if self.freshness.stale():
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self.freshness.reading()
        selected = self.selected()
        if clock.today() != self._day:
            # A new day: other requests are overdue now.
            self._day = clock.today()
            header = self.view.horizontalHeader()
            column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
            self.model = self._board_model()
            self.view.setModel(self.model)
            self._size_columns(self.view)
            self._connect_model()
            self.view.sortByColumn(column, order)
        self._fill_choices()
        self.apply_filters(force=True)
        if selected is not None:
            self.select(selected["_id"])

    def _refill(self, combo: QComboBox, first: str, items) -> None:
        """Refill a chooser, keeping the choice when it is still offered."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(first, None)
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
        combo.blockSignals(False)

    def _fill_choices(self) -> None:
        first_fill = self.period.count() == 0
        self._refill(self.period, self.tr("All periods"), [(p.label, p.code) for p in period_choices(self.store)])
        if first_fill:
            self.period.setCurrentIndex(max(0, self.period.findData(str(self._day.year))))
        owner_text = self.tr("%1 (%2 open)")
        self._refill(self.owner, self.tr("Anyone"),
                     [(fmt(owner_text, o["owner"], o["open"]), (o["owner_id"], o["owner"]))
                      for o in request_lists.owners(self.store)])
        self._refill(self.group, self.tr("Any group"), [(g, g) for g in request_lists.groups(self.store)])
        meetings_with_requests = meeting_lists.meetings_with_requests(self.store)
        self._refill(self.meeting, self.tr("Any meeting or none"),
                     [(self.tr("Raised directly (not at a meeting)"), DIRECT)] +
                     [(meeting_label(m), m["id"]) for m in meetings_with_requests])

    def filters(self) -> dict:
        """The board's filter as request_filter takes it."""
        owner = self.owner.currentData()
        meeting = self.meeting.currentData()
        return {"status": self.status.currentData(), "overdue": self.overdue.isChecked(),
                "owner_id": owner[0] if owner else None, "owner": owner[1] if owner and not owner[0] else None,
                "group": self.group.currentData(), "category": self.category.currentData(),
                "meeting_id": meeting if meeting not in (None, DIRECT) else None, "direct": meeting == DIRECT,
                "period": self.period.currentData(), "today": self._day}

    def show_month(self, code: str) -> bool:
        """The requests raised in one month (2026-07), every other filter cleared, so the board lists
        what a home page chart counts; the period chooser shows the month and clears it.
        False when the month is not offered (nothing was raised before it)."""
        return self.show_only(period=code)

    def show_only(self, *, search: str = "", period: str | None = None, overdue: bool = False) -> bool:
        """The board with every filter cleared but a search text, a period (None: all periods) and
        "overdue only".  False (nothing changed) when ``period`` is not offered."""
        self._fill_choices()
        index = self.period.findData(period) if period else 0
        if index < 0:
            return False
        self.search.blockSignals(True)
        self.search.setText(search)
        self.search.blockSignals(False)
        self.model.set_search(search)
        self.overdue.blockSignals(True)
        self.overdue.setChecked(overdue)
        self.overdue.blockSignals(False)
        for combo, chosen in ((self.status, 0), (self.owner, 0), (self.group, 0), (self.category, 0),
                              (self.meeting, 0), (self.period, index)):
            combo.blockSignals(True)
            combo.setCurrentIndex(chosen)
            combo.blockSignals(False)
        self.apply_filters(force=True)
        return True

    def show_overdue(self, _key=None) -> bool:
        """Every overdue request, whenever it was raised."""
        return self.show_only(overdue=True)

    def show_request(self, request_id: int) -> bool:
        """One request chosen on the whole board, every filter cleared; False when it is gone.

        The search box stays empty: a code left in it would narrow whatever the clerk types next
        to nothing (#18)."""
        request = ledger.get_request(self.store, request_id)
        if request is None:
            return False
        self.show_only()
        row = self.model.locate(request_id)
        if row is not None:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))
        return True

    def apply_filters(self, force: bool = False) -> None:
        sql, params = request_lists.request_filter(**self.filters())
        if force:
            self.model.set_filter(sql, params)
            self.model.refresh()
        else:
            self.model.set_filter(sql, params)
        self._show_counts()
        self._show_summary()

    def _show_counts(self) -> None:
        code = self.period.currentData()
        meeting = self.meeting.currentData()
        meeting_id = meeting if meeting not in (None, DIRECT) else None
        counts = ledger.outcomes(self.store, code, today=self._day, meeting_id=meeting_id)
        where = periods.parse(code).label if code else self.tr("All periods")
        if meeting_id is not None:
            where = f"{where}　{self.meeting.currentText()}"
        self.counts_title.setText(fmt(self.tr("Requests raised — %1"), where))
        for key, label in self.counts.items():
            value = counts.closed_percent if key == "closed_percent" else getattr(counts, key)
            label.setText(str(value))
        self.buttons["print_ledger"].setEnabled(code is not None)
        self.buttons["print_ledger"].setToolTip("" if code else self.tr("Choose a period to print its ledger."))

    def _show_summary(self) -> None:
        self.summary.setText(self.tr("%n request(s) listed.", "", self.model.rowCount()))
        self._show_detail()

    def _show_detail(self) -> None:
        chosen = self.selected()
        request = ledger.get_request(self.store, chosen["_id"]) if chosen else None
        if request is None:
            self.detail.setText(self.tr("Select a request to see it and how it was handled."))
            self.log.set_rows([])
        else:
            lines = [f"{request['code']}　{request['raised_on']}　{request['raised_by']}"
                     f"{'（' + request['group_name'] + '）' if request['group_name'] else ''}",
                     request["content"]]
            if request["result"]:
                lines.append(fmt(self.tr("Result: %1"), request["result"]))
            if request["feedback_on"]:
                lines.append(fmt(self.tr("Feedback: %1, %2; %3"), request["feedback_on"], request["feedback_how"], request["satisfaction"] or ""))
            self.detail.setText("\n".join(lines))
            self.log.set_rows(ledger.handling_log(self.store, request["id"]))
        self._update_buttons(request)

    def _update_buttons(self, request: dict | None) -> None:
        for key, may in (("edit_request", ledger.can_edit), ("start_request", ledger.can_start),
                         ("refer_request", ledger.can_refer), ("close_request", ledger.can_close),
                         ("reopen_request", ledger.can_reopen)):
            self.buttons[key].setEnabled(request is not None and may(request))

    # --- actions -------------------------------------------------------------------------------------
    def _request(self) -> dict | None:
        chosen = self.selected()
        return ledger.get_request(self.store, chosen["_id"]) if chosen else None

    def new_request(self) -> None:
        dialog = RequestDialog(self.store, parent=self)
        if self._done(dialog):
            self._say(fmt(self.tr("Registered %1 (%2)."), dialog.saved["code"], dialog.saved["status"]))

    def edit_request(self) -> None:
        request = self._request()
        if request is not None and ledger.can_edit(request):
            self._done(RequestDialog(self.store, request["id"], parent=self))

    def start_request(self) -> None:
        request = self._request()
        if request is not None:
            self._done(StartDialog(self.store, request, self))

    def refer_request(self) -> None:
        request = self._request()
        if request is not None:
            self._done(ReferDialog(self.store, request, self))

    def close_request(self) -> None:
        request = self._request()
        if request is None:
            return
        dialog = CloseDialog(self.store, request, self)
        if self._done(dialog):
            saved = dialog.saved
            if saved["status"] == ledger.RequestStatus.CLOSED:
                self._say(fmt(self.tr("%1 is closed."), saved["code"]))
            else:
                self._say(fmt(self.tr("The villager is not satisfied: %1 goes back to “%2” to be handled again "
                                  "(reopened %3 time(s))."), saved["code"], saved["status"], saved["reopened"]))

    def reopen_request(self) -> None:
        request = self._request()
        if request is not None and self._done(dialog := ReopenDialog(self.store, request, self)):
            self._say(fmt(self.tr("%1 is handled again."), dialog.saved["code"]))

    def print_ledger(self) -> None:
        code = self.period.currentData()
        if code is not None:
            self.printer.ledger(code)
