"""The agenda and the resolutions of the minutes editor.

Agenda items and resolutions are saved by their own dialogs, one at a time, and
only for a meeting on file: each action first has the editor save the header
and the attendance, so the quorum the resolutions are judged by is the one core
reads (docs/DOMAIN.md §3.2).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QMessageBox, QTableView, QVBoxLayout

from villagedesk.core.meetings import minutes as meetings
from villagedesk.core.meetings.votes import judge
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.kit.tables import selected_record, small_table
from villagedesk.ui.meetings.dialogs import GREEN, RED, AgendaDialog, ResolutionDialog
from villagedesk.ui.meetings.host import MinutesEditor


def _select(view: QTableView, record_id: int) -> None:
    row = view.model().row_of(record_id)
    if row is not None:
        view.selectRow(row)


class ProceedingsPart(QObject):
    """The agenda (topics and discussion) and the resolutions with their votes."""

    def __init__(self, editor: MinutesEditor):
        super().__init__(editor)
        self.editor = editor
        self.store = editor.store
        self.actions = editor.actions
        self._build_agenda()
        self._build_resolutions()
        for view in (self.agenda_view, self.resolutions_view):
            view.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())

    def _build_agenda(self) -> None:
        self.agenda = ListTableModel([("seq", self.tr("Order")), ("topic", self.tr("Topic")),
                                      ("discussion", self.tr("Discussion"))], [], None, self)
        self.agenda_view = small_table(self.agenda, self.editor, "agenda_view")
        self.agenda_view.setWordWrap(True)
        self.agenda_view.doubleClicked.connect(lambda _i: self.edit_agenda())
        layout = self.editor.form.findChild(QVBoxLayout, "agenda_layout")
        self.agenda_bar = self.editor.button_row(layout, [
            ("add_agenda", self.tr("Add item…"), self.add_agenda),
            ("edit_agenda", self.tr("Edit…"), self.edit_agenda),
            ("remove_agenda", self.tr("Remove"), self.remove_agenda),
            ("agenda_up", self.tr("Move up"), lambda: self.move_agenda(-1)),
            ("agenda_down", self.tr("Move down"), lambda: self.move_agenda(1))])
        layout.addWidget(self.agenda_view, 1)

    def _build_resolutions(self) -> None:
        self.resolutions = ListTableModel(
            [("seq", self.tr("Order")), ("text", self.tr("Resolution")), ("agenda_topic", self.tr("Agenda item")),
             ("votes", self.tr("Votes")), ("verdict", self.tr("Result"))], [], None, self,
            foreground=lambda r: None if r["passed"] is None else GREEN if r["passed"] else RED)
        self.resolutions_view = small_table(self.resolutions, self.editor, "resolutions_view")
        self.resolutions_view.setWordWrap(True)
        self.resolutions_view.doubleClicked.connect(lambda _i: self.edit_resolution())
        self.quorum_label: QLabel = self.editor.form.findChild(QLabel, "quorum_label")
        layout = self.editor.form.findChild(QVBoxLayout, "resolutions_layout")
        self.resolutions_bar = self.editor.button_row(layout, [
            ("add_resolution", self.tr("Add resolution…"), self.add_resolution),
            ("edit_resolution", self.tr("Edit…"), self.edit_resolution),
            ("remove_resolution", self.tr("Remove"), self.remove_resolution)])
        layout.addWidget(self.resolutions_view, 1)

    # --- showing -------------------------------------------------------------------------------------
    def load(self, meeting: dict, record: meetings.Minutes) -> None:
        """The agenda and the resolutions on file, and the quorum they were judged by."""
        self.agenda.set_rows(record.agenda)
        self.resolutions.set_rows([self._resolution_row(r) for r in record.resolutions])
        # Discussion notes and resolutions are read whole: rows grow to their wrapped text.
        self.agenda_view.resizeRowsToContents()
        self.resolutions_view.resizeRowsToContents()
        self.quorum_label.setText(record.resolutions[0].verdict.quorum_text if record.resolutions else
                                  judge(meeting["kind"], record.attendance, None).quorum_text)

    @staticmethod
    def _resolution_row(resolution: meetings.Resolution) -> dict:
        row = resolution.row
        votes = meetings.resolution_votes(row)
        shown = (f"{votes.votes_for} / {votes.against} / {votes.abstain}" if votes else "")
        return {**row, "agenda_topic": resolution.agenda_topic, "votes": shown, "verdict": resolution.verdict.label,
                "passed": resolution.verdict.passed, "why": resolution.verdict.text}

    def set_final(self, final: bool) -> None:
        self.agenda_bar.setVisible(not final)
        self.resolutions_bar.setVisible(not final)

    def update_buttons(self) -> None:
        item = selected_record(self.agenda_view)
        for key in ("edit_agenda", "remove_agenda"):
            self.actions[key].setEnabled(item is not None)
        self.actions["agenda_up"].setEnabled(item is not None and item["seq"] > 1)
        self.actions["agenda_down"].setEnabled(item is not None and item["seq"] < self.agenda.rowCount())
        resolution = selected_record(self.resolutions_view)
        for key in ("edit_resolution", "remove_resolution"):
            self.actions[key].setEnabled(resolution is not None)

    # --- the agenda ----------------------------------------------------------------------------------
    def _add(self, view: QTableView, form: type[AgendaDialog] | type[ResolutionDialog]) -> None:
        editor = self.editor
        if editor.ensure_saved() and editor.run_form(dialog := form(self.store, editor.meeting_id, None, editor)):
            _select(view, dialog.saved["id"])

    def _edit(self, view: QTableView, form: type[AgendaDialog] | type[ResolutionDialog]) -> None:
        item = selected_record(view)
        editor = self.editor
        if item is not None and not editor.final and editor.ensure_saved():
            if editor.run_form(form(self.store, editor.meeting_id, item, editor)):
                _select(view, item["id"])

    def add_agenda(self) -> None:
        self._add(self.agenda_view, AgendaDialog)

    def edit_agenda(self) -> None:
        self._edit(self.agenda_view, AgendaDialog)

    def remove_agenda(self) -> None:
        item = selected_record(self.agenda_view)
        if item is None or not self.editor.ensure_saved():
            return
        title = self.tr("Remove agenda item")
        if QMessageBox.question(self.editor, title, fmt(self.tr("Remove agenda item %1 “%2” and its discussion notes?"), item["seq"], item["topic"])) \
                == QMessageBox.StandardButton.Yes:
            self.editor.act(title, lambda: meetings.remove_agenda_item(self.store, item["id"]))

    def move_agenda(self, steps: int) -> None:
        item = selected_record(self.agenda_view)
        if item is not None and self.editor.ensure_saved() and self.editor.act(
                self.tr("Move agenda item"), lambda: meetings.move_agenda_item(self.store, item["id"], steps)):
            _select(self.agenda_view, item["id"])

    # --- the resolutions --------------------------------------------------------------------------------
    def add_resolution(self) -> None:
        self._add(self.resolutions_view, ResolutionDialog)

    def edit_resolution(self) -> None:
        self._edit(self.resolutions_view, ResolutionDialog)

    def remove_resolution(self) -> None:
        resolution = selected_record(self.resolutions_view)
        if resolution is None or not self.editor.ensure_saved():
            return
        title = self.tr("Remove resolution")
        if QMessageBox.question(self.editor, title, fmt(self.tr("Remove resolution %1?"), resolution["seq"])) \
                == QMessageBox.StandardButton.Yes:
            self.editor.act(title, lambda: meetings.remove_resolution(self.store, resolution["id"]))
