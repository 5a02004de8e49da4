"""The meetings page (会议记录): the minutes, newest first, and the 四议两公开 matters.

The list is paged from SQLite (core.meeting_lists.MEETINGS) and filtered there by
kind, status and year; a meeting opens in :class:`~villagedesk.ui.meetings.editor.MeetingDialog`.
The 四议两公开 tab shows each major matter's four stages, which are done and which
step comes next, as core.matters judges them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from villagedesk.core.meetings import lists as meeting_lists
from villagedesk.core.meetings import matters
from villagedesk.core.meetings import minutes as meetings
from villagedesk.core.meetings.votes import KINDS
from villagedesk.store import Store
from villagedesk.ui.kit.freshness import Freshness
from villagedesk.ui.kit.list_tab import ListTab
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.table_model import ListTableModel, PagedTableModel
from villagedesk.ui.kit.tables import selected_record, small_table
from villagedesk.ui.meetings.dialogs import GREEN, GREY, RED, LinkStageDialog, MatterDialog, PostingDialog
from villagedesk.ui.meetings.editor import MeetingDialog
from villagedesk.ui.meetings.printing import MinutesPrint

DRAFT_COLOUR = QColor("#b35c00")  # a draft still to finish stands out from the finalised minutes
NEXT_STEP = QColor("#fff3cd")

_WIDTHS = {"code": 62, "meeting_date": 90, "start_time": 48, "end_time": 48, "kind": 92, "title": 150,
           "place": 140, "chair_name": 60, "recorder_name": 60, "present": 40, "absent": 40, "guests": 40,
           "resolutions": 40, "requests": 40, "amendments": 40, "status": 55}


class MeetingsTab(ListTab):
    """Every meeting's minutes: search, kind, status and year; new, open, delete a draft, print."""

    WIDTHS = _WIDTHS
    DEFAULT_WIDTH = 90

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.printer = MinutesPrint(self, store)

        self.search = self._search_box(self.tr("Search: title, place, code (HY0012) or date (2026-07)"))
        self.kind = self._combo("kind_filter")
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in KINDS:
            self.kind.addItem(kind, kind)
        self.status = self._combo("status_filter")
        self.status.addItem(self.tr("Drafts and final"), None)
        self.status.addItem(self.tr("Drafts"), meetings.MeetingStatus.DRAFT)
        self.status.addItem(self.tr("Final"), meetings.MeetingStatus.FINAL)
        self.year = self._combo("year_filter")
        self.summary = QLabel(self)
        self.summary.setObjectName("meetings_summary")

        self.model = PagedTableModel(
            store, meeting_lists.MEETINGS,
            [("code", self.tr("No.")), ("meeting_date", self.tr("Date")), ("start_time", self.tr("From")),
             ("end_time", self.tr("To")), ("kind", self.tr("Kind")), ("title", self.tr("Title")),
             ("place", self.tr("Place")), ("chair_name", self.tr("Chair")), ("recorder_name", self.tr("Recorder")),
             ("present", self.tr("Present")), ("absent", self.tr("Absent")), ("guests", self.tr("Guests")),
             ("resolutions", self.tr("Resolutions")), ("requests", self.tr("Requests")),
             ("amendments", self.tr("Amended")), ("status", self.tr("Status"))],
            {"amendments": lambda n: str(n) if n else ""}, self,
            foreground=lambda r: DRAFT_COLOUR if r["status"] == meetings.MeetingStatus.DRAFT else None)
        self.view = self._table(self.model, "meetings_view")
        # Newest first: the date column, descending.
        self.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        for label, combo in ((self.tr("Kind:"), self.kind), (self.tr("Status:"), self.status),
                             (self.tr("Year:"), self.year)):
            top.addWidget(QLabel(label, self))
            top.addWidget(combo)
        bar = self._bar([("new_meeting", self.tr("New minutes…"), self.new_meeting),
                         ("open_meeting", self.tr("Open…"), self.open_meeting),
                         ("delete_draft", self.tr("Delete draft…"), self.delete_draft),
                         ("print_minutes", self.tr("Print minutes…"), self.print_minutes)])
        bar.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.search.textChanged.connect(self.model.set_search)
        for combo in (self.kind, self.status, self.year):
            combo.currentIndexChanged.connect(lambda _i: self._filter())
        self.model.modelReset.connect(self._show_summary)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.view.doubleClicked.connect(lambda _i: self.open_meeting())
        self._fill_years()
        self._show_summary()

    @property
    def job(self):
        return self.printer.job

    def refresh(self) -> None:
        selected = self.selected()
        self._fill_years()
        self.model.refresh()
        if selected is not None:
            self.select(selected["_id"])
        self._show_summary()

    def _fill_years(self) -> None:
        chosen = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(self.tr("All years"), None)
        for year in meeting_lists.meeting_years(self.store):
            self.year.addItem(year, year)
        self.year.setCurrentIndex(max(0, self.year.findData(chosen)))
        self.year.blockSignals(False)

    def _filter(self) -> None:
        self.model.set_filter(*meeting_lists.meeting_filter(kind=self.kind.currentData(),
                                                            status=self.status.currentData(),
                                                            period=self.year.currentData()))

    def _show_summary(self) -> None:
        self.summary.setText(self.tr("%n meeting(s).", "", self.model.rowCount()))
        self._update_buttons()

    def show_meeting(self, meeting_id: int) -> bool:
        """One meeting chosen, found by its code whatever the filters were; False when it is gone."""
        meeting = meetings.get_meeting(self.store, meeting_id)
        if meeting is None:
            return False
        for combo in (self.kind, self.status, self.year):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._filter()
        self.search.setText(meeting["code"])
        self.select(meeting_id)
        return True

    def _update_buttons(self) -> None:
        meeting = self.selected()
        self.buttons["open_meeting"].setEnabled(meeting is not None)
        self.buttons["print_minutes"].setEnabled(meeting is not None)
        self.buttons["delete_draft"].setEnabled(meeting is not None and meetings.can_edit(meeting))

    def edit(self, meeting_id: int | None, **options) -> MeetingDialog:
        """Open the editor; the list follows what it saves."""
        dialog = MeetingDialog(self.store, meeting_id, self, **options)
        dialog.changed.connect(self.changed)
        dialog.exec()
        self.refresh()
        if dialog.meeting_id is not None:
            self.select(dialog.meeting_id)
        return dialog

    def new_meeting(self) -> None:
        self.edit(None, kind=self.kind.currentData())

    def open_meeting(self) -> None:
        meeting = self.selected()
        if meeting is not None:
            self.edit(meeting["_id"])

    def delete_draft(self) -> None:
        meeting = self.selected()
        if meeting is None:
            return
        title = self.tr("Delete draft")
        if self._confirm(title, fmt(self.tr("Delete the draft minutes %1 “%2” with their attendance, "
                                            "agenda and resolutions?"), meeting["code"], meeting["title"])):
            self._act(title, lambda: meetings.delete_draft(self.store, meeting["_id"]))

    def print_minutes(self) -> None:
        meeting = self.selected()
        if meeting is not None:
            self.printer.minutes(meeting["_id"])


class MattersTab(ListTab):
    """四议两公开: each major matter's four meetings in order, what is done and what comes next."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.matters = ListTableModel(
            [("title", self.tr("Matter")), ("done", self.tr("Stages done")), ("next_step", self.tr("Next step"))],
            [], None, self, muted=lambda m: m["finished"])
        self.matters_view = small_table(self.matters, self, "matters_view")
        self.matters_view.setColumnWidth(0, 220)
        self.matters_view.setColumnWidth(1, 80)
        self.stages = ListTableModel(
            [("name", self.tr("Stage")), ("state", self.tr("State")), ("meeting", self.tr("Meeting or date")),
             ("note", self.tr("Title or note"))], [], None, self, id_key="number",
            foreground=self._stage_colour, background=lambda s: NEXT_STEP if s["next"] else None)
        self.stages_view = small_table(self.stages, self, "stages_view")
        for column, width in enumerate((150, 60, 140)):
            self.stages_view.setColumnWidth(column, width)
        self.next_label = QLabel(self)
        self.next_label.setObjectName("next_step")
        self.next_label.setWordWrap(True)
        self.description = QLabel(self)
        self.description.setObjectName("matter_description")
        self.description.setWordWrap(True)

        bar = self._bar([("new_matter", self.tr("New matter…"), self.new_matter),
                         ("edit_matter", self.tr("Edit…"), self.edit_matter),
                         ("link_stage", self.tr("Link a meeting…"), self.link_stage),
                         ("post_resolution", self.tr("Post the resolution…"), self.post_resolution),
                         ("post_result", self.tr("Post the result…"), self.post_result),
                         ("open_stage", self.tr("Open the stage's minutes…"), self.open_stage)])
        detail = QGroupBox(self.tr("Stages"), self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self.description)
        detail_layout.addWidget(self.next_label)
        detail_layout.addWidget(self.stages_view, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.matters_view)
        split.addWidget(detail)
        split.setSizes([440, 560])
        explanation = QLabel(self.tr("A major matter goes through four meetings in order: the party branch "
                                     "proposes, the two committees discuss, the party members review, the villagers "
                                     "(or their representatives) decide; then the resolution and later its result "
                                     "are posted publicly."), self)
        explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.matters_view.selectionModel().selectionChanged.connect(lambda *_: self._show_stages())
        self.stages_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.stages_view.doubleClicked.connect(lambda _i: self.open_stage())

    @staticmethod
    def _stage_colour(stage: dict) -> QColor | None:
        return {matters.DONE: GREEN, matters.FAILED: RED, matters.WAITING: GREY}.get(stage["state"])

    def refresh(self) -> None:
        selected = self.selected()
        rows = []
        for progress in matters.all_matters(self.store):
            rows.append({**progress.matter, "done": f"{progress.done_count} / {len(matters.STAGES)}",
                         "next_step": progress.next_step or self.tr("All done"), "finished": progress.finished})
        self.matters.set_rows(rows)
        row = self.matters.row_of(selected["id"]) if selected else (0 if rows else None)
        if row is not None:
            self.matters_view.selectRow(row)
        self._show_stages()

    def selected(self) -> dict | None:
        return selected_record(self.matters_view)

    def _show_stages(self) -> None:
        matter = self.selected()
        if matter is None:
            self.stages.set_rows([])
            self.description.setText(self.tr("No major matter yet: add one with “New matter…”.")
                                     if not self.matters.rowCount() else "")
            self.next_label.setText("")
            self._update_buttons()
            return
        progress = matters.progress(self.store, matter["id"])
        rows = []
        for state in progress.stages:
            rows.append({"number": state.stage.number, "name": f"{state.stage.number}. {state.stage.name}",
                         "state": state.state,
                         "meeting": f"{state.meeting['code']}　{state.meeting['meeting_date']}" if state.meeting else "",
                         "meeting_id": state.meeting["id"] if state.meeting else None,
                         "note": "；".join(t for t in (state.meeting["title"] if state.meeting else "", state.note) if t),
                         "next": state.stage.name == progress.next_step})
        posted = progress.matter["resolution_posted_on"]
        rows.append({"number": 5, "name": matters.RESOLUTION_POSTING, "state": matters.DONE if posted
                     else matters.WAITING, "meeting": posted or "", "meeting_id": None, "note": "",
                     "next": progress.next_step == matters.RESOLUTION_POSTING})
        result = progress.matter["result_posted_on"]
        rows.append({"number": 6, "name": matters.RESULT_POSTING, "state": matters.DONE if result
                     else matters.WAITING, "meeting": result or "", "meeting_id": None,
                     "note": progress.matter["result"], "next": progress.next_step == matters.RESULT_POSTING})
        self.stages.set_rows(rows)
        self.description.setText(progress.matter["description"] or progress.matter["title"])
        self.next_label.setText(fmt(self.tr("Next step: %1"), progress.next_step) if progress.next_step
                                else self.tr("All four stages held and both postings made."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        matter = self.selected()
        progress = matters.progress(self.store, matter["id"]) if matter else None
        self.buttons["edit_matter"].setEnabled(matter is not None)
        self.buttons["link_stage"].setEnabled(progress is not None and not progress.matter["resolution_posted_on"])
        self.buttons["post_resolution"].setEnabled(progress is not None
                                                   and progress.next_step == matters.RESOLUTION_POSTING)
        self.buttons["post_result"].setEnabled(progress is not None and progress.next_step == matters.RESULT_POSTING)
        stage = selected_record(self.stages_view)
        self.buttons["open_stage"].setEnabled(stage is not None and stage["meeting_id"] is not None)

    def new_matter(self) -> None:
        dialog = MatterDialog(self.store, None, self)
        if self._done(dialog):
            self.select(dialog.saved["id"], self.matters_view)

    def edit_matter(self) -> None:
        matter = self.selected()
        if matter is not None:
            self._done(MatterDialog(self.store, matter, self))

    def link_stage(self) -> None:
        matter = self.selected()
        if matter is not None:
            self._done(LinkStageDialog(self.store, matter["id"], self))

    def post_resolution(self) -> None:
        matter = self.selected()
        if matter is not None:
            self._done(PostingDialog(self.store, matter["id"], False, self))

    def post_result(self) -> None:
        matter = self.selected()
        if matter is not None:
            self._done(PostingDialog(self.store, matter["id"], True, self))

    def open_stage(self) -> None:
        stage = selected_record(self.stages_view)
        if stage is not None and stage["meeting_id"] is not None:
            MeetingDialog(self.store, stage["meeting_id"], self).exec()
            self.refresh()


class MeetingsPage(QWidget):
    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.freshness = Freshness(store)
        self.meetings = MeetingsTab(store, self)
        self.matters = MattersTab(store, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("meetings_tabs")
        self.tabs.addTab(self.meetings, self.tr("Minutes"))
        self.tabs.addTab(self.matters, self.tr("Major matters (四议两公开)"))
        for tab in (self.meetings, self.matters):
            tab.changed.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())

    def showEvent(self, event: QShowEvent) -> None:
        # The register, the requests and today's date may have changed since the page was last shown:
        # read again then, and only then (ui.kit.freshness).
        if self.freshness.stale():
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Read the tab shown again (a tab is read again whenever it is chosen)."""
        self.freshness.reading()
        self.tabs.currentWidget().refresh()

    def show_meeting(self, meeting_id: int) -> bool:
        """The minutes tab with one meeting chosen; False when it is gone."""
        if not self.meetings.show_meeting(meeting_id):
            return False
        self.tabs.setCurrentWidget(self.meetings)  # its refresh keeps the choice
        return True
