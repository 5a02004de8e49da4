"""The committee page: who holds which post, term by term, what to check, and one member's record.

Everything shown is derived from core.committee: whether someone serves (在任 / 离任 /
未到任) follows from the post's dates and its term, 一肩挑 from overlapping 书记 and
村委会主任 posts of one person, the findings from :func:`core.committee.checks`.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from villagedesk import clock
from villagedesk.core.committee import roster as committee
from villagedesk.store import Store
from villagedesk.ui.committee.dialogs import (
    AppraisalDialog,
    EndPostDialog,
    PostDialog,
    RosterDialog,
    TermDialog,
    TrainingDialog,
    term_label,
)
from villagedesk.ui.kit.list_tab import ListTab
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.kit.tables import selected_record
from villagedesk.ui.kit.widgets import page_column, splitter

#: Term chooser entry for every term at once.
ALL_TERMS = 0
#: Posts that make 一肩挑 when one person holds both.
_HEAD_POSTS = {(committee.PARTY, "书记"), (committee.VILLAGE, "主任")}

_WIDTHS = {"term_number": 50, "body": 110, "role": 60, "name": 80, "gender": 45, "start_date": 95,
           "end_date": 95, "end_reason": 70, "phone": 115, "status": 60, "both_heads": 60,
           "title": 120, "date": 95, "topic": 240, "hours": 50, "year": 60, "result": 80}


def _hours(value) -> str:
    return "" if value is None else f"{value:g}"


class CommitteePage(ListTab):
    """Who holds which post, the checks, and the chosen member's record."""

    WIDTHS = _WIDTHS

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self._person_id: int | None = None  # whose record the detail shows
        self._serving_only = True  # the table shows who serves today
        bar = self._build_choosers()
        findings_box = self._build_committee()
        detail_box = self._build_member()
        self._build_layout(bar, findings_box, detail_box)
        self.term_combo.currentIndexChanged.connect(lambda _i: self._show_posts())
        self.show_left.toggled.connect(lambda _on: self._show_posts())
        self.posts_view.selectionModel().selectionChanged.connect(lambda *_: self._post_chosen())
        self.refresh()

    def _build_choosers(self) -> QHBoxLayout:
        """Which posts: the term, and whether those who left are listed; the buttons."""
        self.term_combo = QComboBox(self)
        self.term_combo.setObjectName("term_chooser")
        self.term_combo.setMinimumContentsLength(28)
        self.show_left = QCheckBox(self.tr("Show those who have left"), self)
        self.show_left.setObjectName("show_left")
        self.show_left.setToolTip(self.tr("In the current term: also list posts that have ended."))
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        return self._bar((
            ("new_term", self.tr("New term…"), self.new_term),
            ("start_post", self.tr("Start post…"), self.start_post),
            ("end_post", self.tr("End post…"), self.end_post),
            ("training", self.tr("Record training…"), self.record_training),
            ("appraisal", self.tr("Appraisal…"), self.appraisal),
            ("print_roster", self.tr("Print roster…"), self.print_roster),
        ))

    def _build_committee(self) -> QGroupBox:
        """The committee's posts and the checks."""
        yes = self.tr("Yes")
        self.posts = ListTableModel(
            [("term_number", self.tr("Term")), ("body", self.tr("Body")), ("role", self.tr("Role")),
             ("name", self.tr("Name")), ("gender", self.tr("Gender")),
             ("start_date", self.tr("In office from")), ("end_date", self.tr("Left on")),
             ("end_reason", self.tr("How it ended")), ("phone", self.tr("Phone")),
             ("status", self.tr("Status")), ("both_heads", self.tr("Both heads"))],
            [], {"both_heads": lambda on: yes if on else ""}, self,
            muted=lambda post: post["status"] != committee.SERVING)
        self.posts_view = self._table(self.posts, "posts_view")

        self.findings = QListWidget(self)
        self.findings.setObjectName("findings")
        self.findings.setWordWrap(True)
        self.findings.itemDoubleClicked.connect(self._finding_chosen)
        findings_box = QGroupBox(self.tr("Checks"), self)
        QVBoxLayout(findings_box).addWidget(self.findings)
        return findings_box

    def _build_member(self) -> QGroupBox:
        """One member: the facts, posts, trainings and appraisals."""
        self.detail_label = QLabel(self)
        self.detail_label.setObjectName("detail_label")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.PlainText)
        self.person_posts = ListTableModel(
            [("term_number", self.tr("Term")), ("title", self.tr("Post")),
             ("start_date", self.tr("In office from")), ("end_date", self.tr("Left on")),
             ("end_reason", self.tr("How it ended")), ("status", self.tr("Status"))],
            [], None, self, muted=lambda post: post["status"] != committee.SERVING)
        self.trainings = ListTableModel(
            [("date", self.tr("Date")), ("topic", self.tr("Topic")), ("hours", self.tr("Hours")),
             ("organiser", self.tr("Organiser"))], [], {"hours": _hours}, self)
        self.appraisals = ListTableModel(
            [("year", self.tr("Year")), ("result", self.tr("Result")), ("note", self.tr("Note"))], [], None, self)
        self.detail_tabs = QTabWidget(self)
        self.detail_tabs.setObjectName("detail_tabs")
        for model, name in ((self.person_posts, "person_posts_view"), (self.trainings, "trainings_view"),
                            (self.appraisals, "appraisals_view")):
            self.detail_tabs.addTab(self._table(model, name), "")
        detail_box = QGroupBox(self.tr("Member"), self)
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.addWidget(self.detail_label)
        detail_layout.addWidget(self.detail_tabs, 1)
        return detail_box

    def _build_layout(self, bar: QHBoxLayout, findings_box: QGroupBox, detail_box: QGroupBox) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Term:"), self))
        top.addWidget(self.term_combo)
        top.addWidget(self.show_left)
        top.addStretch(1)
        # The committee gets the full width (all terms show eleven columns); below it
        # the chosen member's record and the checks side by side.
        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(detail_box)
        lower.addWidget(findings_box)
        lower.setStretchFactor(0, 2)
        lower.setStretchFactor(1, 1)
        lower.setSizes([640, 340])
        page_column(self, top, self.summary, bar,
                    splitter(self, self.posts_view, lower, stretch=(3, 2), sizes=(380, 260)))

    # --- showing --------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        # Names and phones live in the register, and today may be a new day: look again.
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._fill_terms()
        self._show_posts()
        self._show_findings()
        self._show_detail()

    def _fill_terms(self, select: int | None = None) -> None:
        """Terms newest first, then all terms; keeps the choice, else the current term."""
        chosen = select if select is not None else self.term_combo.currentData()
        current = committee.current_term(self.store)
        self.term_combo.blockSignals(True)
        self.term_combo.clear()
        for term in committee.terms(self.store):
            label = term_label(term)
            if current is not None and term["id"] == current["id"]:
                label = fmt(self.tr("%1 (current)"), label)
            self.term_combo.addItem(label, term["id"])
        self.term_combo.addItem(self.tr("All terms"), ALL_TERMS)
        index = self.term_combo.findData(chosen) if chosen is not None else -1
        if index < 0 and current is not None:
            index = self.term_combo.findData(current["id"])
        self.term_combo.setCurrentIndex(max(0, index))
        self.term_combo.blockSignals(False)

    def chosen_term(self) -> int | None:
        """The term chosen (its id), or None for all terms."""
        choice = self.term_combo.currentData()
        return None if choice in (None, ALL_TERMS) else choice

    def _show_posts(self) -> None:
        today = clock.today()
        current = committee.current_term(self.store, today)
        term_id = self.chosen_term()
        if term_id is None:
            posts = [p for term in committee.terms(self.store) for p in committee.term_posts(self.store, term["id"])]
        else:
            posts = committee.term_posts(self.store, term_id)
        in_current = current is not None and term_id == current["id"]
        serving_only = in_current and not self.show_left.isChecked()
        self.show_left.setEnabled(in_current)
        self._serving_only = serving_only

        rows = []
        for post in posts:
            state = committee.status(post, {"end_date": post["term_end"]}, today)
            if serving_only and state == committee.LEFT:
                continue
            rows.append({**post, "status": state})
        # In the current term 一肩挑 means now; in a past term (or all), at some time in it.
        both = committee.both_heads([r for r in rows if not in_current or r["status"] != committee.LEFT])
        for row in rows:
            row["both_heads"] = row["person_id"] in both and (row["body"], row["role"]) in _HEAD_POSTS

        selected = self.selected_post()
        self.posts.set_rows(rows)
        for key, hidden in (("term_number", term_id is not None), ("end_date", serving_only),
                            ("end_reason", serving_only)):
            self.posts_view.setColumnHidden(self.posts.keys().index(key), hidden)
        if selected is not None:
            self.select_post(selected["id"])
        self._summarise(rows, term_id, current, serving_only, both)
        self._update_buttons()

    def _summarise(self, rows, term_id, current, serving_only, both) -> None:
        names = sorted({r["name"] for r in rows if r["person_id"] in both})
        if term_id is None:
            text = self.tr("All terms: %n post(s).", "", len(rows))
        elif serving_only:
            people = {r["person_id"] for r in rows if r["status"] == committee.SERVING}
            text = fmt(self.tr("%1: %n member(s) in office today.", "", len(people)), term_label(current))
        else:
            term = next((t for t in committee.terms(self.store) if t["id"] == term_id), None)
            text = fmt(self.tr("%1: %n post(s).", "", len(rows)), term_label(term) if term else "")
        if current is None:
            text += " " + self.tr("No term covers today: add it with “New term…”.")
        if names:
            text += " " + fmt(self.tr("One person is both party secretary and committee director (一肩挑): %1."), "、".join(names))
        self.summary.setText(text)

    def _show_findings(self) -> None:
        self.findings.clear()
        found = committee.checks(self.store)
        for finding in found:
            item = QListWidgetItem(finding.message, self.findings)
            item.setData(Qt.ItemDataRole.UserRole, finding.person_id)
            if finding.person_id is not None:
                item.setToolTip(self.tr("Double-click to show this person."))
        if not found:
            item = QListWidgetItem(self.tr("Nothing to check."), self.findings)
            item.setFlags(Qt.ItemFlag.NoItemFlags)

    def findings_text(self) -> list[str]:
        return [self.findings.item(i).text() for i in range(self.findings.count())]

    def _show_detail(self) -> None:
        person = committee.member(self.store, self._person_id) if self._person_id is not None else None
        if person is None:
            self.detail_label.setText(self.tr("Select a post above to see that member's posts, "
                                              "trainings and appraisals."))
            rows_posts, rows_trainings, rows_appraisals = [], [], []
        else:
            facts = [person["name"], person["gender"],
                     fmt(self.tr("born %1"), person["birth_date"]) if person["birth_date"] else "",
                     person["political"], person["education"],
                     fmt(self.tr("phone %1"), person["phone"]) if person["phone"] else "",
                     person["group_name"], person["code"]]
            self.detail_label.setText("　".join(f for f in facts if f))
            today = clock.today()
            rows_posts = [{**p, "title": committee.title(p["body"], p["role"]),
                           "status": committee.status(p, {"end_date": p["term_end"]}, today)}
                          for p in committee.person_posts(self.store, person["id"])]
            rows_trainings = committee.person_trainings(self.store, person["id"])
            rows_appraisals = committee.person_appraisals(self.store, person["id"])
        self.person_posts.set_rows(rows_posts)
        self.trainings.set_rows(rows_trainings)
        self.appraisals.set_rows(rows_appraisals)
        for index, text, count in ((0, self.tr("Posts (%1)"), len(rows_posts)),
                                   (1, self.tr("Trainings (%1)"), len(rows_trainings)),
                                   (2, self.tr("Appraisals (%1)"), len(rows_appraisals))):
            self.detail_tabs.setTabText(index, fmt(text, count))

    # --- selection ------------------------------------------------------------
    def selected_post(self) -> dict | None:
        return selected_record(self.posts_view)

    def select_post(self, post_id: int) -> bool:
        row = self.posts.row_of(post_id)
        if row is None:
            return False
        self.posts_view.selectionModel().setCurrentIndex(
            self.posts.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        return True

    def show_person(self, person_id: int | None) -> None:
        self._person_id = person_id
        self._show_detail()

    def _post_chosen(self) -> None:
        post = self.selected_post()
        if post is not None and post["person_id"] != self._person_id:
            self.show_person(post["person_id"])
        self._update_buttons()

    def _finding_chosen(self, item: QListWidgetItem) -> None:
        person_id = item.data(Qt.ItemDataRole.UserRole)
        if person_id is None:
            return
        row = next((r for r in range(self.posts.rowCount())
                    if self.posts.record(r)["person_id"] == person_id), None)
        if row is None:  # not among the posts shown: look in every term
            self.term_combo.setCurrentIndex(self.term_combo.findData(ALL_TERMS))
            row = next((r for r in range(self.posts.rowCount())
                        if self.posts.record(r)["person_id"] == person_id), None)
        if row is not None:
            self.select_post(self.posts.record(row)["id"])
        self.show_person(person_id)

    def _update_buttons(self) -> None:
        has_terms = self.term_combo.count() > 1
        post = self.selected_post()
        has_members = committee.has_posts(self.store)
        self.buttons["start_post"].setEnabled(has_terms)
        self.buttons["end_post"].setEnabled(post is not None and not post["end_date"])
        self.buttons["training"].setEnabled(has_members)
        self.buttons["appraisal"].setEnabled(has_members)

    # --- actions --------------------------------------------------------------
    def new_term(self) -> None:
        dialog = TermDialog(self.store, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            # The new term chosen first: the refresh keeps the choice.
            self._fill_terms(select=dialog.saved["id"])
            self.refresh()
            self.changed.emit()

    def start_post(self) -> None:
        current = committee.current_term(self.store)
        term_id = self.chosen_term() or (current["id"] if current else None)
        dialog = PostDialog(self.store, term_id, None, self)
        if not self._done(dialog):
            return
        post = dialog.saved
        if not self.select_post(post["id"]):
            self._fill_terms(select=post["term_id"])
            self._show_posts()
            self.select_post(post["id"])
        self.show_person(post["person_id"])

    def end_post(self) -> None:
        post = self.selected_post()
        if post is None or post["end_date"]:
            return
        if self._done(EndPostDialog(self.store, post["id"], self)):
            self.show_person(post["person_id"])

    def record_training(self) -> None:
        # Nobody is ticked in advance: a training lists only who the clerk ticked.
        self._done(TrainingDialog(self.store, (), self))

    def appraisal(self) -> None:
        dialog = AppraisalDialog(self.store, self._person_id, self)
        if self._done(dialog):
            self.show_person(dialog.saved["person_id"])

    def print_roster(self) -> None:
        # What the page shows is what is offered: who serves today, or the chosen term.
        dialog = RosterDialog(self.store, None if self._serving_only else self.chosen_term(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            from villagedesk.documents.pdf.roster import print_roster  # loads reportlab: not at start-up
        except ImportError:
            QMessageBox.warning(self, self.tr("Print roster"),
                                self.tr("Printing the roster is not available in this version."))
            return
        number, internal, password = dialog.saved["term_number"], dialog.saved["internal"], dialog.saved["password"]
        stamp = f"{clock.today():%Y%m%d}"
        parts = [self._village(), "村两委成员花名册", f"第{number}届" if number else "现任",
                 "内部" if internal else "公开", stamp]
        suggested = "-".join(p for p in parts if p) + ".pdf"
        self._print(self.tr("Preparing the roster"),
                    f"roster-{number or 'now'}-{'internal' if internal else 'public'}", suggested,
                    lambda reader, pdf, progress: print_roster(reader, pdf, term_number=number, internal=internal,
                                                               progress=progress, password=password),
                    password)
