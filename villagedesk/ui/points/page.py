"""The points page (积分): 登记 → 审核 → 台账 → 排名 → 明细, the rules and the points shop.

One tab per step of the flow (DOMAIN.md §2).  Every decision is core.scoring's:
the tabs show its lists and hand the clerk's choices to it; its UserError is
shown inline in the form, or in a message box for an action without a form.
The ledger and the review queue are paged from SQLite (listing.LEDGER), so a
million entries cost the window a few pages; approving and printing run off the
GUI thread through :func:`~villagedesk.ui.kit.workers.run_job`.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from villagedesk import clock
from villagedesk.core.common import listing, periods
from villagedesk.core.common.village import get_profile
from villagedesk.core.points import ledger, ranking, rules
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import ReasonDialog
from villagedesk.ui.kit.file_dialogs import ask_open, ask_save, remember_save_folder
from villagedesk.ui.kit.household_picker import HouseholdPicker, group_names
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.print_preview import BackgroundPrint
from villagedesk.ui.kit.table_model import PAGE, ListTableModel, PagedTableModel
from villagedesk.ui.kit.tables import make_table
from villagedesk.ui.kit.widgets import button_bar, push_button
from villagedesk.ui.kit.workers import run_job
from villagedesk.ui.points.dialogs import (
    EntryForm,
    GoodsDialog,
    ObjectionDialog,
    RedeemDialog,
    ResolveDialog,
    RestockDialog,
    RetireDialog,
    ReviewDialog,
    RuleDialog,
    SchemeDialog,
    sentences,
    signed,
    stars_text,
)

#: How many households 红榜 and 黑榜 name on screen.
BOARD = 10

_WIDTHS = {"_id": 60, "entry_date": 95, "period": 75, "household_code": 90, "head_name": 75, "group_name": 95,
           "category": 80, "item": 230, "quantity": 45, "points": 50, "status": 60, "recorded_by": 70,
           "reviewer": 70, "reviewed_at": 95, "reverses_id": 70, "reversed_by": 70, "reason": 160,
           "note": 160, "seq": 60, "rank": 45, "code": 70, "head": 70, "score": 50, "stars": 75, "passed": 45, "grade": 55,
           "entries": 55, "rule_key": 55, "version": 45, "unit": 70, "cap_per_period": 70, "valid_from": 95,
           "valid_to": 95, "name": 160, "price": 80, "stock": 60, "redeemed_on": 95, "goods": 140,
           "day": 95, "balance": 60, "received_on": 95, "raised_by": 70, "content": 200, "households": 60,
           "average": 70, "participation": 70, "resolution": 160}


def _status(value) -> str:
    return ledger.STATUS_LABEL.get(value, value or "")


def _signed(value) -> str:
    return "" if value is None else signed(value)


class _Tab(QWidget):
    """One tab: its buttons, tables and a refresh when it is shown."""

    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.buttons: dict[str, QPushButton] = {}
        self.job = None  # the last long job started here (tests wait for it)
        self._printer = BackgroundPrint(self, store)

    # Each tab defines refresh(): reread what it shows from the database.

    def _bar(self, specs) -> QHBoxLayout:
        return button_bar(self, specs, self.buttons)

    def _button(self, key: str, text: str, slot) -> QPushButton:
        return push_button(self, key, text, slot, self.buttons)

    def _table(self, model, name: str, **widths: int) -> QTableView:
        view = make_table(model, self)
        view.setObjectName(name)
        for column, key in enumerate(model.keys()):
            if key in widths or key in _WIDTHS:
                view.setColumnWidth(column, widths.get(key) or _WIDTHS[key])
        if isinstance(model, PagedTableModel):
            # The paged lists start in ledger order (their first column is the entry's number).
            view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        return view

    def _search_box(self, placeholder: str) -> QLineEdit:
        box = QLineEdit(self)
        box.setObjectName("search")
        box.setClearButtonEnabled(True)
        box.setPlaceholderText(placeholder)
        return box

    def _warn(self, title: str, err: UserError) -> None:
        QMessageBox.warning(self, title, str(err))

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def _done(self, dialog: QDialog) -> bool:
        """Run a form; when it saved, show the change and tell the page."""
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.refresh()
        self.changed.emit()
        return True

    def _print(self, title: str, stem: str, suggested: str, make) -> None:
        """Build a PDF off the GUI thread with its own reader, then preview it."""
        self.job = self._printer.show(title, stem, suggested, make)

    def _village(self) -> str:
        profile = get_profile(self.store)
        return profile.name if profile else ""

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
        states = {r["period"]: r["status"] for r in self.store.rows("SELECT period, status FROM point_periods")}
        marks = {"posted": self.tr("posted"), "locked": self.tr("locked")}
        combo.blockSignals(True)
        combo.clear()
        for period in period_choices(self.store):
            mark = marks.get(states.get(period.code, ""), "")
            combo.addItem(f"{period.label}　{mark}".strip(), period.code)
        if chosen is None:
            chosen = periods.of(clock.today(), rules.get_scheme(self.store).period_kind).code
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)


_LEDGER_FORMATS = {"status": _status, "points": _signed}


def period_choices(store: Store, today: date | None = None) -> list[periods.Period]:
    """Newest first: each year's scheme periods (started by today), then the year itself."""
    today = today or clock.today()
    kind = rules.get_scheme(store).period_kind
    # Per status, each off the first row of the ranking index: a plain min scans a million entries.
    first = store.scalar("SELECT min(first) FROM (" + " UNION ALL ".join(
        ["SELECT min(entry_date) AS first FROM point_entries WHERE status = ?"] * 3) + ")",
        ("approved", "pending", "rejected"))
    first_year = min(int(first[:4]), today.year) if first else today.year
    choices = []
    for year in range(today.year, first_year - 1, -1):
        whole = periods.parse(str(year))
        if kind != "year":
            choices += reversed([p for p in periods.split(whole, kind) if p.start <= today])
        choices.append(whole)
    return choices


# --- 1. 登记 -----------------------------------------------------------------------------

class EntryTab(_Tab):
    """The entry form (saves and stays open for the next) and the entries recorded lately."""

    RECENT = 50

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.form = EntryForm(store, self, embedded=True)
        self.form.recorded.connect(self._recorded)
        self.recent = ListTableModel(
            self.ledger_columns("_id", "entry_date", "household_code", "head_name", "item", "quantity",
                                "points", "status"), [], _LEDGER_FORMATS, self, id_key="_id")
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
        self.recent.set_rows(listing.LEDGER.fetch(self.store, descending=True, limit=self.RECENT))

    def _recorded(self, _rows) -> None:
        self._show_recent()
        self.changed.emit()

    def batch(self) -> None:
        dialog = EntryForm(self.store, self, batch=True)
        rule = self.form.chosen_rule()
        if rule is not None:
            dialog.choose_rule(rule["id"])
        dialog.recorded.connect(self._recorded)
        dialog.exec()


# --- 2. 审核 -----------------------------------------------------------------------------

class ReviewTab(_Tab):
    """Pending entries; approve or reject many at once (one call to core)."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.search = self._search_box(self.tr("Search: head's name, pinyin initials, household code, item "
                                               "or date (2026-07)"))
        self.model = PagedTableModel(
            store, listing.LEDGER,
            self.ledger_columns("_id", "entry_date", "household_code", "head_name", "group_name", "category",
                                "item", "quantity", "points", "reverses_id", "reason", "note", "evidence",
                                "recorded_by"), _LEDGER_FORMATS, self)
        self.model.set_filter(*listing.ledger_status(ledger.PENDING))
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
            extra, params = listing.ledger_status(ledger.PENDING)
            return [r["_id"] for r in listing.LEDGER.fetch(self.store, self.search.text(), extra=extra,
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
        dialog = ReviewDialog(self.store, len(ids), reject, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        store, reviewer, reason = self.store, dialog.saved["reviewer"], dialog.saved["reason"]

        def work(_progress) -> int:
            # One call to core: all or nothing, the chain computed in one pass.
            if reject:
                return ledger.reject(store, ids, reviewer, reason)
            return ledger.approve(store, ids, reviewer)

        title = self.tr("Rejecting points") if reject else self.tr("Approving points")
        self.job = run_job(self, title, work, self._reviewed)
        # A failed job leaves the queue as it was; a finished one shows what changed.
        self.job.finished.connect(self.refresh)

    def _reviewed(self, _count: int) -> None:
        self.changed.emit()


# --- 3. 台账 -----------------------------------------------------------------------------

class LedgerTab(_Tab):
    """Every entry, paged from SQLite; an approved one can be reversed with a reason."""

    REASONS = ("登记错误", "重复登记", "异议成立", "其他")

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.search = self._search_box(self.tr("Search: head's name, pinyin initials, household code, item "
                                               "or date (2026-07, 2026-Q3)"))
        self.status = QComboBox(self)
        self.status.setObjectName("status_filter")
        self.status.addItem(self.tr("All entries"), None)
        for status in (ledger.PENDING, ledger.APPROVED, ledger.REJECTED):
            self.status.addItem(ledger.STATUS_LABEL[status], status)
        self.model = PagedTableModel(
            store, listing.LEDGER,
            self.ledger_columns("_id", "entry_date", "period", "household_code", "head_name", "group_name",
                                "category", "item", "quantity", "points", "status", "reverses_id", "reversed_by",
                                "reason", "note", "evidence", "recorded_by", "reviewer", "reviewed_at", "seq"),
            _LEDGER_FORMATS, self)
        self.view = self._table(self.model, "ledger_view")
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
        self.search.textChanged.connect(self.model.set_search)
        self.status.currentIndexChanged.connect(
            lambda _i: self.model.set_filter(*listing.ledger_status(self.status.currentData())))
        self.model.modelReset.connect(self._show_summary)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._show_summary()

    def refresh(self) -> None:
        self.model.refresh()

    def _show_summary(self) -> None:
        self.summary.setText(self.tr("%n entry(s).", "", self.model.rowCount()))
        self._update_buttons()

    def selected(self) -> dict | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        entry = self.selected()
        self.buttons["reverse"].setEnabled(entry is not None and entry["status"] == ledger.APPROVED
                                           and entry["reverses_id"] is None)

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


# --- 4. 排名 -----------------------------------------------------------------------------

class RankingTab(_Tab):
    """A period's ranking (by group too), 红榜/黑榜, posting, locking, objections, the board."""

    UNLOCK_REASONS = ("异议复核需要更正", "登记有误需要补正", "其他")

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.period = QComboBox(self)
        self.period.setObjectName("period")
        self.period.setMinimumContentsLength(16)
        self.group = QComboBox(self)
        self.group.setObjectName("group")
        self.group.setMinimumContentsLength(8)
        # Households of one star rating (a click on the home page's stars chart lands here).
        self.stars = QComboBox(self)
        self.stars.setObjectName("stars_filter")
        self.stars.addItem(self.tr("Any rating"), None)
        self.stars.addItem(self.tr("No star"), 0)
        for count in range(1, 6):
            self.stars.addItem(stars_text(count), count)
        self.state = QLabel(self)
        self.state.setObjectName("period_state")
        self.state.setWordWrap(True)
        self.paper = QComboBox(self)
        self.paper.setObjectName("paper")
        self.paper.addItems(["A4", "A3"])

        self.standings = ListTableModel(
            [("rank", self.tr("Rank")), ("code", self.tr("Household")), ("head", self.tr("Head")),
             ("group_name", self.tr("Group")), ("points", self.tr("Points earned")), ("score", self.tr("Score")),
             ("stars", self.tr("Stars")), ("grade", self.tr("Passed")), ("entries", self.tr("Entries"))],
            [], {"points": _signed, "stars": stars_text}, self,
            id_key="household_id", muted=lambda s: not s["ok"])
        self.view = self._table(self.standings, "ranking_view")
        board_columns = [("rank", self.tr("Rank")), ("head", self.tr("Head")), ("code", self.tr("Household")),
                         ("points", self.tr("Points earned"))]
        self.red = ListTableModel(board_columns, [], {"points": _signed}, self, id_key="household_id")
        self.black = ListTableModel(board_columns, [], {"points": _signed}, self, id_key="household_id")
        self.groups = ListTableModel(
            [("group_name", self.tr("Group")), ("households", self.tr("Households")),
             ("average", self.tr("Average score")), ("participation", self.tr("Taking part")),
             ("passed", self.tr("Households passed"))], [], {"participation": lambda v: f"{v:.0%}"}, self,
            id_key="group_name")
        labels = {"open": self.tr("Open"), "upheld": self.tr("Upheld"), "dismissed": self.tr("Dismissed")}
        self.objections = ListTableModel(
            [("received_on", self.tr("Received")), ("household_code", self.tr("Household")),
             ("head_name", self.tr("Head")), ("item", self.tr("Item")), ("points", self.tr("Points")),
             ("raised_by", self.tr("Raised by")), ("content", self.tr("Objection")),
             ("status", self.tr("Status")), ("resolution", self.tr("Decision"))],
            [], {"points": _signed, "status": lambda s: labels.get(s, s)}, self,
            muted=lambda o: o["status"] != "open")
        self.objections_view = self._table(self.objections, "objections_view")
        self.objections_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        objections_page = QWidget(self)
        objections_layout = QVBoxLayout(objections_page)
        objections_layout.setContentsMargins(0, 0, 0, 0)
        objections_layout.addLayout(self._bar([
            ("record_objection", self.tr("Record objection…"), self.record_objection),
            ("resolve_objection", self.tr("Resolve…"), self.resolve_objection)]))
        objections_layout.addWidget(self.objections_view, 1)
        self.side = QTabWidget(self)
        self.side.setObjectName("ranking_side")
        self.side.addTab(self._table(self.red, "red_view"), self.tr("Red list"))
        self.side.addTab(self._table(self.black, "black_view"), self.tr("Black list"))
        self.side.addTab(self._table(self.groups, "groups_view"), self.tr("By group"))
        self.side.addTab(objections_page, self.tr("Objections"))

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period:"), self))
        top.addWidget(self.period)
        top.addWidget(QLabel(self.tr("Group:"), self))
        top.addWidget(self.group)
        top.addWidget(QLabel(self.tr("Stars:"), self))
        top.addWidget(self.stars)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Paper:"), self))
        top.addWidget(self.paper)
        bar = self._bar([("post", self.tr("Post publicly"), self.post),
                         ("lock", self.tr("Lock after the review meeting"), self.lock),
                         ("unlock", self.tr("Unlock…"), self.unlock)])
        top.addWidget(self._button("print_ranking", self.tr("Print ranking…"), self.print_ranking))
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.view)
        split.addWidget(self.side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([590, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.state)
        layout.addWidget(split, 1)
        self.period.currentIndexChanged.connect(lambda _i: self.show_ranking())
        self.group.currentIndexChanged.connect(lambda _i: self.show_ranking())
        self.stars.currentIndexChanged.connect(lambda _i: self.show_ranking())

    def refresh(self) -> None:
        self.fill_periods(self.period)
        chosen = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(self.tr("All groups"), None)
        for name in group_names(self.store):
            self.group.addItem(name, name)
        self.group.setCurrentIndex(max(0, self.group.findData(chosen)))
        self.group.blockSignals(False)
        self.show_ranking()

    def code(self) -> str:
        return self.period.currentData()

    def show_filtered(self, code: str, group: str | None = None, stars: int | None = None) -> bool:
        """One period's ranking of one group or one star rating (what a home page chart's bar counts);
        False when the period is not offered here."""
        if self.group.count() == 0:  # never shown yet: fill the choosers first
            self.refresh()
        else:
            self.fill_periods(self.period)
        index = self.period.findData(code)
        if index < 0:
            return False
        for combo, value in ((self.period, code), (self.group, group), (self.stars, stars)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
            combo.blockSignals(False)
        self.show_ranking()
        return True

    def show_ranking(self) -> None:
        code = self.code()
        if code is None:
            return
        everyone = ranking.ranking(self.store, code)
        group = self.group.currentData()
        shown = ranking.ranking(self.store, code, group) if group else everyone
        # Stars only mean something for a graded period; elsewhere the filter stands aside.
        graded = ranking.graded(rules.get_scheme(self.store), periods.parse(code))
        self.stars.setEnabled(graded)
        stars = self.stars.currentData() if graded else None
        if stars is not None:
            shown = [s for s in shown if (s.stars or 0) == stars]
        yes, no = self.tr("Yes"), self.tr("No")
        # A board of several scheme periods (a year of quarters) says how many of them each household passed.
        self.standings.set_rows([{**asdict(s), "ok": s.in_good_standing,
                                  "grade": (yes if s.passed else no) if s.passed is not None
                                  else f"{s.parts_passed}/{s.parts}" if s.parts_passed is not None else ""}
                                 for s in shown])
        red, black = ranking.boards(shown, BOARD)
        self.red.set_rows([asdict(s) for s in red])
        self.black.set_rows([asdict(s) for s in black])
        self.groups.set_rows(ranking.groups(everyone))
        self.objections.set_rows(self.store.rows(
            "SELECT o.*, e.points, h.code AS household_code, r.item, "
            "(SELECT name FROM persons p WHERE p.household_id = h.id AND p.relation = '户主' "
            " ORDER BY p.archived LIMIT 1) AS head_name "
            "FROM point_objections o JOIN point_entries e ON e.id = o.entry_id "
            "JOIN households h ON h.id = e.household_id JOIN point_rules r ON r.id = e.rule_id "
            "WHERE e.period = ? ORDER BY o.received_on, o.id", (code,)))
        open_count = sum(1 for o in self.objections.rows() if o["status"] == "open")
        self.side.setTabText(3, fmt(self.tr("Objections (%1)"), open_count) if open_count
                             else self.tr("Objections"))
        self._show_state()

    def _scheme_period(self) -> bool:
        return periods.parse(self.code()).kind == rules.get_scheme(self.store).period_kind

    def _show_state(self) -> None:
        period = periods.parse(self.code())
        state = ledger.period_state(self.store, period.code)
        scheme = rules.get_scheme(self.store)
        if not self._scheme_period():
            text = fmt(self.tr("%1 sums the scheme periods in it; each scheme period is posted and locked on "
                           "its own."), period.label)
        elif state["status"] == "locked":
            text = fmt(self.tr("%1: posted on %2, locked on %3 after the review meeting."), period.label,
                       state["posted_on"] or "", state["locked_on"] or "")
        elif state["status"] == "posted":
            text = fmt(self.tr("%1: posted on %2; objections can be raised until %3."), period.label,
                       state["posted_on"], state["objection_until"])
        else:
            text = fmt(self.tr("%1: not posted yet. Only approved points count."), period.label)
        households = self.standings.rowCount()
        passed = sum(1 for s in self.standings.rows() if s["ok"])
        by_part = any(s["parts_passed"] is not None for s in self.standings.rows())
        verdict = self.tr("%1 of %2 households passed (pass line %3).") if ranking.graded(scheme, period) \
            else self.tr("%1 of %2 households passed every scheme period in it (pass line %3).") if by_part \
            else ""  # shorter than a scheme period: nobody passes or fails it
        text = sentences(text, fmt(verdict, passed, households, scheme.pass_line))
        self.state.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        code = self.code()
        status = ledger.period_state(self.store, code)["status"] if code else None
        own = code is not None and self._scheme_period()
        self.buttons["post"].setEnabled(own and status == "open")
        self.buttons["lock"].setEnabled(own and status == "posted")
        self.buttons["unlock"].setEnabled(own and status == "locked")
        self.buttons["record_objection"].setEnabled(own and status == "posted")
        objection = self.selected_objection()
        self.buttons["resolve_objection"].setEnabled(objection is not None and objection["status"] == "open")

    def selected_objection(self) -> dict | None:
        rows = self.objections_view.selectionModel().selectedRows()
        return self.objections.record(rows[0].row()) if rows else None

    def selected_household(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self.standings.record_id(rows[0].row()) if rows else None

    # --- period actions -----------------------------------------------------------------
    def _period_action(self, title: str, question: str, action, *more: object) -> bool:
        """``question``'s %1 is the period; ``more`` fills %2 …"""
        label = periods.parse(self.code()).label
        if not self._confirm(title, fmt(question, label, *more)):
            return False
        try:
            action(self.store, self.code())
        except UserError as err:
            self._warn(title, err)
            return False
        self.refresh()
        self.changed.emit()
        return True

    def post(self) -> None:
        days = rules.get_scheme(self.store).objection_days
        # Posting is putting the board up: its preview opens at once, to print for the notice board.
        if self._period_action(self.tr("Post publicly"), self.tr(
                "Post the points of %1? Villagers may then object for %2 days. The ranking board opens "
                "next, to print for the notice board."), ledger.post_period, days):
            self.print_ranking()

    def lock(self) -> None:
        self._period_action(self.tr("Lock the period"), self.tr(
            "Lock %1 after the review meeting? No entry can then be recorded, approved or reversed in "
            "it unless it is unlocked with a reason."), ledger.lock_period)

    def unlock(self) -> None:
        code = self.code()
        dialog = ReasonDialog(
            self.store, fmt(self.tr("Unlock %1"), periods.parse(code).label),
            self.tr("The reason is kept with the period. Lock it again after the correction."),
            self.UNLOCK_REASONS, lambda reason: ledger.unlock_period(self.store, code, reason), self)
        self._done(dialog)

    def record_objection(self) -> None:
        self._done(ObjectionDialog(self.store, self.code(), self.selected_household(), self))

    def resolve_objection(self) -> None:
        objection = self.selected_objection()
        if objection is not None:
            self._done(ResolveDialog(self.store, objection, self))

    def print_ranking(self) -> None:
        try:
            from villagedesk.documents.pdf.ranking import print_ranking
        except ImportError:
            QMessageBox.warning(self, self.tr("Print ranking"),
                                self.tr("Printing the ranking is not available in this version."))
            return
        code, size = self.code(), self.paper.currentText()
        suggested = "-".join(p for p in (self._village(), "积分排名", code, size) if p) + ".pdf"
        self._print(self.tr("Preparing the ranking board"), f"ranking-{code}-{size}", suggested,
                    lambda reader, pdf, progress: print_ranking(reader, pdf, code, size=size, progress=progress))


# --- 5. 明细 -----------------------------------------------------------------------------

class StatementTab(_Tab):
    """One household's entries and redemptions in a period, with the running balance."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.picker = HouseholdPicker(store, self, visible_rows=10)
        self.picker.setObjectName("statement_household")
        self.picker.setFixedWidth(310)
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
            [], {"points": _signed, "status": _status}, self, muted=lambda line: line["status"] != ledger.APPROVED)
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
        if line["status"] == ledger.REJECTED:
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
            from villagedesk.documents.pdf.statement import print_statement
        except ImportError:
            QMessageBox.warning(self, self.tr("Print statement"),
                                self.tr("Printing the statement is not available in this version."))
            return
        code, household = self.period.currentData(), chosen[0]["code"]
        suggested = "-".join(p for p in (self._village(), "积分明细", household, code) if p) + ".pdf"
        self._print(self.tr("Preparing the statement"), f"statement-{household}-{code}", suggested,
                    lambda reader, pdf, progress: print_statement(reader, pdf, household, code, progress=progress))


# --- 6. 细则 -----------------------------------------------------------------------------

class RulesTab(_Tab):
    """The catalogue (current, or every version) and the scheme."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.scheme_label = QLabel(self)
        self.scheme_label.setObjectName("scheme_label")
        self.scheme_label.setWordWrap(True)
        self.history = QCheckBox(self.tr("Show earlier versions and retired rules"), self)
        self.history.setObjectName("show_history")
        self.model = ListTableModel(
            [("rule_key", self.tr("Key")), ("version", self.tr("Version")), ("category", self.tr("Category")),
             ("item", self.tr("Item")), ("points", self.tr("Points")), ("unit", self.tr("Counted")),
             ("cap_per_period", self.tr("Cap per period")), ("valid_from", self.tr("In force from")),
             ("valid_to", self.tr("Until")), ("note", self.tr("Note"))],
            [], {"points": _signed}, self, muted=lambda r: r["valid_to"] is not None)
        self.view = self._table(self.model, "rules_view")
        top = QHBoxLayout()
        top.addWidget(self.scheme_label, 1)
        top.addWidget(self._button("scheme", self.tr("Scheme settings…"), self.edit_scheme))
        bar = self._bar([("add_rule", self.tr("Add rule…"), self.add_rule),
                         ("revise_rule", self.tr("New version…"), self.revise_rule),
                         ("retire_rule", self.tr("Retire…"), self.retire_rule),
                         ("install_default", self.tr("Install default catalogue"), self.install_default),
                         ("import_rules", self.tr("Import from Excel…"), self.import_rules),
                         ("export_rules", self.tr("Export to Excel…"), self.export_rules)])
        bar.addWidget(self.history)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.history.toggled.connect(lambda _on: self.refresh())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    def refresh(self) -> None:
        scheme = rules.get_scheme(self.store)
        kinds = {"month": self.tr("month"), "quarter": self.tr("quarter"), "year": self.tr("year")}
        text = fmt(self.tr("Scored by %1; base %2 points; pass line %3; stars from %4."), kinds[scheme.period_kind], scheme.base_points, scheme.pass_line, "/".join(map(str, scheme.star_thresholds)))
        text = sentences(text, self.tr("Points start again each period.") if scheme.reset_each_period
                         else self.tr("Points carry over."),
                         self.tr("Base points can be redeemed.") if scheme.base_redeemable
                         else self.tr("Base points cannot be redeemed."),
                         fmt(self.tr("Objections within %1 days of posting."), scheme.objection_days))
        self.scheme_label.setText(text)
        selected = self.selected()
        self.model.set_rows(rules.catalogue(self.store, include_history=self.history.isChecked()))
        if selected is not None and (row := self.model.row_of(selected["id"])) is not None:
            self.view.selectRow(row)
        self._update_buttons()

    def selected(self) -> dict | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        rule = self.selected()
        current = rule is not None and rule["valid_to"] is None
        self.buttons["revise_rule"].setEnabled(current)
        self.buttons["retire_rule"].setEnabled(current)
        self.buttons["install_default"].setVisible(not self.store.scalar("SELECT count(*) FROM point_rules"))

    def edit_scheme(self) -> None:
        self._done(SchemeDialog(self.store, self))

    def add_rule(self) -> None:
        self._done(RuleDialog(self.store, None, self))

    def revise_rule(self) -> None:
        rule = self.selected()
        if rule is not None:
            self._done(RuleDialog(self.store, rule["id"], self))

    def retire_rule(self) -> None:
        rule = self.selected()
        if rule is not None:
            self._done(RetireDialog(self.store, rule["id"], self))

    def import_rules(self) -> None:
        path = ask_open(self, self.tr("Import rule catalogue"), self.tr("Excel workbooks (*.xlsx)"))
        if path is None:
            return
        from villagedesk.ui.kit.import_dialog import start_rules_import  # loads openpyxl: not at start-up

        def imported() -> None:
            self.refresh()
            self.changed.emit()

        start_rules_import(self, self.store, path, imported)

    def export_rules(self) -> None:
        name = f"{self._village()}-积分细则-{clock.today():%Y%m%d}.xlsx"
        path = ask_save(self, self.tr("Export rule catalogue"), name, self.tr("Excel workbooks (*.xlsx)"), ".xlsx")
        if path is None:
            return
        from villagedesk.documents.imports.rules import export_rules

        def saved(count: int) -> None:
            remember_save_folder(path)
            QMessageBox.information(self, self.tr("Export rule catalogue"),
                                    fmt(self.tr("Saved %1 rules (every version) to %2."), count, path))

        self.job = run_job(self, self.tr("Exporting"), lambda _progress: export_rules(self.store, path), saved)

    def install_default(self) -> None:
        start = date(clock.today().year, 1, 1)
        title = self.tr("Install default catalogue")
        if not self._confirm(title, fmt(self.tr(
                "Install the default catalogue of %1 items (from real village rules), in force from %2? "
                "Change any item afterwards with “New version…”."), len(rules.DEFAULT_CATALOGUE), start.isoformat())):
            return
        try:
            rules.install_default_catalogue(self.store, start)
        except UserError as err:
            self._warn(title, err)
        self.refresh()
        self.changed.emit()


# --- 7. 积分超市 ---------------------------------------------------------------------------

class ShopTab(_Tab):
    """Goods with price and stock; redemptions spend a household's redeemable points."""

    RECENT = 200

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.goods = ListTableModel([("name", self.tr("Goods")), ("price", self.tr("Price in points")),
                                     ("stock", self.tr("In stock"))], [], None, self,
                                    muted=lambda g: not g["stock"])
        self.goods_view = self._table(self.goods, "goods_view")
        self.redemptions = ListTableModel(
            [("redeemed_on", self.tr("Date")), ("household_code", self.tr("Household")),
             ("head_name", self.tr("Head")), ("goods", self.tr("Goods")), ("quantity", self.tr("Qty")),
             ("points", self.tr("Points spent")), ("note", self.tr("Note"))], [], None, self)
        self.redemptions_view = self._table(self.redemptions, "redemptions_view", household_code=70, goods=110)
        goods_box = QGroupBox(self.tr("Goods"), self)
        QVBoxLayout(goods_box).addWidget(self.goods_view)
        recent_box = QGroupBox(self.tr("Redemptions (newest first)"), self)
        QVBoxLayout(recent_box).addWidget(self.redemptions_view)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(goods_box)
        split.addWidget(recent_box)
        split.setSizes([380, 610])
        layout = QVBoxLayout(self)
        layout.addLayout(self._bar([("add_goods", self.tr("Add goods…"), self.add_goods),
                                    ("restock", self.tr("Restock…"), self.restock),
                                    ("redeem", self.tr("Redeem…"), self.redeem),
                                    ("print_slip", self.tr("Print slip…"), self.print_selected_slip)]))
        layout.addWidget(split, 1)
        self.goods_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.redemptions_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    def refresh(self) -> None:
        selected = self.selected()
        self.goods.set_rows(self.store.rows("SELECT * FROM shop_goods WHERE archived = 0 ORDER BY name"))
        if selected is not None and (row := self.goods.row_of(selected)) is not None:
            self.goods_view.selectRow(row)
        self.redemptions.set_rows(self.store.rows(
            "SELECT d.*, g.name AS goods, h.code AS household_code, "
            "(SELECT name FROM persons p WHERE p.household_id = h.id AND p.relation = '户主' "
            " ORDER BY p.archived LIMIT 1) AS head_name "
            "FROM redemptions d JOIN shop_goods g ON g.id = d.goods_id JOIN households h ON h.id = d.household_id "
            "ORDER BY d.redeemed_on DESC, d.id DESC LIMIT ?", (self.RECENT,)))
        self._update_buttons()

    def selected(self) -> int | None:
        rows = self.goods_view.selectionModel().selectedRows()
        return self.goods.record_id(rows[0].row()) if rows else None

    def selected_redemption(self) -> int | None:
        rows = self.redemptions_view.selectionModel().selectedRows()
        return self.redemptions.record_id(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.buttons["restock"].setEnabled(self.selected() is not None)
        self.buttons["redeem"].setEnabled(self.goods.rowCount() > 0)
        self.buttons["print_slip"].setEnabled(self.selected_redemption() is not None)

    def add_goods(self) -> None:
        self._done(GoodsDialog(self.store, self))

    def restock(self) -> None:
        goods = self.selected()
        if goods is not None:
            self._done(RestockDialog(self.store, goods, self))

    def redeem(self) -> None:
        dialog = RedeemDialog(self.store, self.selected(), self)
        if self._done(dialog) and self._confirm(self.tr("Redeem"), self.tr("Redeemed. Print the slip now?")):
            self.print_slip(dialog.saved["id"])

    def print_selected_slip(self) -> None:
        redemption_id = self.selected_redemption()
        if redemption_id is not None:
            self.print_slip(redemption_id)

    def print_slip(self, redemption_id: int) -> None:
        from villagedesk.documents.excel.points import redemption_code
        from villagedesk.documents.pdf.slip import print_slip

        code = redemption_code(redemption_id)
        self._print(self.tr("Preparing the slip"), f"slip-{code}", f"{self._village()}-积分兑换单-{code}.pdf",
                    lambda reader, pdf, progress: print_slip(reader, pdf, code, progress=progress))


# --- the page ------------------------------------------------------------------------------

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
        pending = self.store.scalar("SELECT count(*) FROM point_entries WHERE status = ?", (ledger.PENDING,))
        self.tabs.setTabText(1, fmt(self.tr("Review (%1)"), pending) if pending
                             else self.tr("Review"))
