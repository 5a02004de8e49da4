"""排名: a period's ranking, 红榜/黑榜, posting, locking, objections and the printed board."""

from __future__ import annotations

from dataclasses import asdict

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from villagedesk import clock
from villagedesk.core.accounts.roles import Action
from villagedesk.core.common import periods, workdays
from villagedesk.core.common.dates import chinese_date
from villagedesk.core.points import ledger, ranking, rules
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import ReasonDialog
from villagedesk.ui.kit.household_picker import group_names
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.sign_dialog import SignDialog, signing
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.kit.tables import selected_record
from villagedesk.ui.kit.widgets import page_column, splitter
from villagedesk.ui.points.dialogs import ObjectionDialog, ResolveDialog, sentences, stars_text
from villagedesk.ui.points.tab import PointsTab, signed_text

#: How many households 红榜 and 黑榜 name on screen.
BOARD = 10


class RankingTab(PointsTab):
    """A period's ranking (by group too), 红榜/黑榜, posting, locking, objections, the board."""

    UNLOCK_REASONS = ("异议复核需要更正", "登记有误需要补正", "其他")

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self._build_choosers()
        self._build_lists()
        self._build_side()
        self._build_layout()
        self.period.currentIndexChanged.connect(lambda _i: self.show_ranking())
        self.group.currentIndexChanged.connect(lambda _i: self.show_ranking())
        self.stars.currentIndexChanged.connect(lambda _i: self.show_ranking())

    def _build_choosers(self) -> None:
        """The period, group and rating shown; the paper the board prints on."""
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

    def _build_lists(self) -> None:
        """The standings, 红榜 and 黑榜, the groups, the objections."""
        self.standings = ListTableModel(
            [("rank", self.tr("Rank")), ("code", self.tr("Household")), ("head", self.tr("Head")),
             ("group_name", self.tr("Group")), ("points", self.tr("Points earned")), ("score", self.tr("Score")),
             ("stars", self.tr("Stars")), ("grade", self.tr("Passed")), ("entries", self.tr("Entries"))],
            [], {"points": signed_text, "stars": stars_text}, self,
            id_key="household_id", muted=lambda s: not s["ok"])
        self.view = self._table(self.standings, "ranking_view")
        board_columns = [("rank", self.tr("Rank")), ("head", self.tr("Head")), ("code", self.tr("Household")),
                         ("points", self.tr("Points earned"))]
        self.red = ListTableModel(board_columns, [], {"points": signed_text}, self, id_key="household_id")
        # The 黑榜 names who the village's rule puts there (below its line), with the reason (docs/DOMAIN.md §2.3).
        self.black = ListTableModel([("code", self.tr("Household")), ("head", self.tr("Head")),
                                     ("score", self.tr("Score")), ("reason", self.tr("Reason"))], [], {}, self,
                                    id_key="household_id")
        self.groups = ListTableModel(
            [("group_name", self.tr("Group")), ("households", self.tr("Households")),
             ("average", self.tr("Average score")), ("participation", self.tr("Taking part")),
             ("passed", self.tr("Households passed"))], [], {"participation": lambda v: f"{v:.0%}"}, self,
            id_key="group_name")
        labels = {ledger.ObjectionStatus.OPEN: self.tr("Open"), ledger.ObjectionStatus.UPHELD: self.tr("Upheld"),
                  ledger.ObjectionStatus.DISMISSED: self.tr("Dismissed")}
        self.objections = ListTableModel(
            [("received_on", self.tr("Received")), ("household_code", self.tr("Household")),
             ("head_name", self.tr("Head")), ("item", self.tr("Item")), ("points", self.tr("Points")),
             ("raised_by", self.tr("Raised by")), ("content", self.tr("Objection")),
             ("status", self.tr("Status")), ("resolution", self.tr("Decision"))],
            [], {"points": signed_text, "status": lambda s: labels.get(s, s)}, self,
            muted=lambda o: o["status"] != ledger.ObjectionStatus.OPEN)
        self.objections_view = self._table(self.objections, "objections_view")
        self.objections_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    def _build_side(self) -> None:
        """Beside the standings: the boards, the groups and the objections, one tab each."""
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
        self.black_view = self._table(self.black, "black_view")
        self.side.addTab(self.black_view, self.tr("Black list"))
        self.side.addTab(self._table(self.groups, "groups_view"), self.tr("By group"))
        self.side.addTab(objections_page, self.tr("Objections"))

    def _build_layout(self) -> None:
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
        page_column(self, top, bar, self.state, splitter(self, self.view, self.side, stretch=(3, 2), sizes=(590, 400),
                                                         orientation=Qt.Orientation.Horizontal))

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
        self.red.set_rows([asdict(s) for s in ranking.red_board(shown, BOARD).shown])
        black = ranking.black_board(self.store, code, shown)
        self.black.set_rows([{**asdict(e.standing), "reason": e.reason} for e in black or []])
        # A village that posts no 黑榜, or a board that grades nobody, has none to show.
        self.side.setTabEnabled(self.side.indexOf(self.black_view), black is not None)
        self.groups.set_rows(ranking.groups(everyone))
        self.objections.set_rows(ledger.period_objections(self.store, code))
        open_count = ledger.open_objections(self.store, code)
        self.side.setTabText(3, fmt(self.tr("Objections (%1)"), open_count) if open_count
                             else self.tr("Objections"))
        self._show_state()

    def _scheme_period(self) -> bool:
        return ledger.is_scheme_period(self.store, self.code())

    def _show_state(self) -> None:
        period = periods.parse(self.code())
        state = ledger.period_state(self.store, period.code)
        scheme = rules.get_scheme(self.store)
        if not self._scheme_period():
            text = fmt(self.tr("%1 sums the scheme periods in it; each scheme period is posted and locked on "
                           "its own."), period.label)
        elif state["status"] == ledger.PeriodStatus.LOCKED:
            text = fmt(self.tr("%1: posted on %2, locked on %3 after the review meeting."), period.label,
                       state["posted_on"] or "", state["locked_on"] or "")
        elif state["status"] == ledger.PeriodStatus.POSTED:
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
        for key, may in (("post", ledger.can_post), ("lock", ledger.can_lock), ("unlock", ledger.can_unlock),
                         ("record_objection", ledger.can_object)):
            self.buttons[key].setEnabled(code is not None and may(self.store, code))
        objection = self.selected_objection()
        self.buttons["resolve_objection"].setEnabled(objection is not None and ledger.can_resolve(objection))

    def selected_objection(self) -> dict | None:
        return selected_record(self.objections_view)

    def selected_household(self) -> int | None:
        return self.selected_id()

    # --- period actions -----------------------------------------------------------------
    def _period_action(self, title: str, question: str, action, *more: object) -> bool:
        """``question``'s %1 is the period; ``more`` fills %2 …"""
        label = periods.parse(self.code()).label
        if not self._confirm(title, fmt(question, label, *more)):
            return False
        code = self.code()
        return self._act(title, lambda: action(self.store, code)) is not None

    def post(self) -> None:
        days = rules.get_scheme(self.store).objection_days
        today = clock.today()
        until = workdays.posting_end(today, days)
        # A year without the State Council's holidays is said where the period is set (docs/DOMAIN.md §4.7).
        warning = workdays.coverage_warning(workdays.calendar(self.store), today, until)
        question = self.tr("Post the points of %1? Villagers may then object for %2 days, until %3. The ranking "
                           "board opens next, to print for the notice board.")
        # Posting is putting the board up: its preview opens at once, to print for the notice board.
        if self._period_action(self.tr("Post publicly"), question + ("\n\n%4" if warning else ""),
                               ledger.post_period, days, chinese_date(until), warning or ""):
            self.print_ranking()

    def lock(self) -> None:
        title, question = self.tr("Lock the period"), self.tr(
            "Lock %1 after the review meeting? No entry can then be recorded, approved or reversed in "
            "it unless it is unlocked with a reason.")
        if not signing(self.store):
            self._period_action(title, question, ledger.lock_period)
            return
        # With accounts the lock is signed by one who may lock, with their own password (docs/SECURITY.md).
        code = self.code()
        self._done(SignDialog(self.store, title, fmt(question, periods.parse(code).label), Action.LOCK_PERIOD,
                              lambda account: ledger.lock_period(self.store, code, signer=account), parent=self))

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
            from villagedesk.documents.pdf.ranking import print_ranking  # loads reportlab: not at start-up
        except ImportError:
            QMessageBox.warning(self, self.tr("Print ranking"),
                                self.tr("Printing the ranking is not available in this version."))
            return
        code, size = self.code(), self.paper.currentText()
        suggested = "-".join(p for p in (self._village(), "积分排名", code, size) if p) + ".pdf"
        self._print(self.tr("Preparing the ranking board"), f"ranking-{code}-{size}", suggested,
                    lambda reader, pdf, progress: print_ranking(reader, pdf, code, size=size, progress=progress))
