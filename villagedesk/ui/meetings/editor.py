"""The minutes editor: one meeting on six tabs, composed of its parts.

:class:`MeetingDialog` holds the meeting itself (the header tab, saving,
finalising, printing) and composes the other tabs: who came
(:class:`~villagedesk.ui.meetings.attendance.AttendancePart`), the agenda and the
resolutions (:class:`~villagedesk.ui.meetings.proceedings.ProceedingsPart`), the
requests raised and the amendments
(:class:`~villagedesk.ui.meetings.addenda.AddendaPart`).  Every rule is
core.meetings': its UserError is shown under the form, on the tab of the field it
names, and nothing is written (docs/ARCHITECTURE.md).

The header and the attendance are saved together (one transaction) by Save, and
on the way to any tab or action that needs the meeting on file (an agenda item,
a resolution, a request, finalising, printing), so the quorum shown on the
resolutions tab is always the one core judges.  Agenda items, resolutions and
amendments are saved by their own dialogs.  Once finalised the minutes are
read-only and only take amendments.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from villagedesk.core.accounts import accounts
from villagedesk.core.accounts.roles import Action
from villagedesk.core.meetings import lists as meeting_lists
from villagedesk.core.meetings import minutes as meetings
from villagedesk.core.meetings.votes import KINDS, RULES, VILLAGERS
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.sign_dialog import SignDialog, signing
from villagedesk.ui.kit.widgets import button_bar, push_button
from villagedesk.ui.meetings.addenda import AddendaPart
from villagedesk.ui.meetings.attendance import GUESTS, AttendancePart
from villagedesk.ui.meetings.dialogs import GREEN, AmendmentDialog, MeetingFormDialog
from villagedesk.ui.meetings.person_picker import MeetingPersonPicker
from villagedesk.ui.meetings.printing import MinutesPrint
from villagedesk.ui.meetings.proceedings import ProceedingsPart

HEADER, PEOPLE, AGENDA, RESOLUTIONS, REQUESTS, AMENDMENTS = range(6)
FINAL_BANNER = (f"background: #e6f2e8; color: {GREEN.name()}; border: 1px solid {GREEN.name()}; "
                "padding: 6px; font-weight: bold;")
#: The tab each field core may name is on.
_TAB_OF = {"kind": HEADER, "title": HEADER, "meeting_date": HEADER, "start_time": HEADER, "end_time": HEADER,
           "place": HEADER, "chair": HEADER, "recorder": HEADER, "eligible": HEADER, "eligible_households": HEADER,
           "note": HEADER, "attendees": PEOPLE, "guests": PEOPLE, "votes": RESOLUTIONS}


class MeetingDialog(MeetingFormDialog):
    """The minutes of one meeting (``meeting_id``), or of a new one (None)."""

    form_file = "meeting_form.ui"
    fields = ("kind", "title", "meeting_date", "start_time", "end_time", "place", "eligible",
              "eligible_households", "note")
    widget_fields = ("chair", "recorder", "attendees", "guests", "votes")
    #: Something was written (the page refreshes its list).
    changed = Signal()

    def __init__(self, store: Store, meeting_id: int | None = None, parent: QWidget | None = None, *,
                 kind: str | None = None):
        super().__init__(store, parent)
        self.meeting_id = meeting_id
        self.final = False
        self._dirty = False
        self._loading = False
        self.actions: dict[str, QPushButton] = {}
        self.printer = MinutesPrint(self, store)
        self.tabs: QTabWidget = self.form.findChild(QTabWidget, "tabs")
        self.status_label: QLabel = self.form.findChild(QLabel, "status_label")

        self._build_header(kind)
        self.attendance = AttendancePart(self)
        self.attendance.edited.connect(self._touched)
        for picker in (self.chair, self.recorder):
            picker.chosenChanged.connect(self.attendance.show_people)
        self.proceedings = ProceedingsPart(self)
        self.addenda = AddendaPart(self)
        self._build_buttons()
        self.tabs.currentChanged.connect(self._tab_changed)
        self.resize(1020, 660)
        self._load()
        if not self.final:
            self.field("title").setFocus()

    # --- building ---------------------------------------------------------------------------
    def _build_header(self, kind: str | None) -> None:
        self.fill_combo("kind", KINDS, blank=False)
        self.set_values({"kind": kind or KINDS[0]})
        places = meeting_lists.recent_places(self.store)
        self.fill_combo("place", places)
        self.chair = self._officer_picker("chair")
        self.recorder = self._officer_picker("recorder")
        self.eligible_hint: QLabel = self.form.findChild(QLabel, "eligible_hint")
        self.field("kind").currentTextChanged.connect(self._kind_changed)
        for name in self.fields:
            widget = self.field(name)
            signal = widget.textChanged if isinstance(widget, QLineEdit) else widget.currentTextChanged
            signal.connect(self._touched)

    def _officer_picker(self, name: str) -> MeetingPersonPicker:
        layout = self.form.findChild(QVBoxLayout, f"{name}_layout")
        picker = MeetingPersonPicker(self.store, layout.parentWidget(), visible_rows=4)
        picker.setObjectName(name)
        picker.search.setObjectName(f"{name}_search")
        layout.addWidget(picker)
        picker.chosenChanged.connect(lambda: self._unmark(picker))
        picker.chosenChanged.connect(self._touched)
        # Final minutes show the name only.
        shown = QLineEdit(layout.parentWidget())
        shown.setObjectName(f"{name}_name")
        shown.setReadOnly(True)
        layout.addWidget(shown)
        return picker

    def button_row(self, layout: QVBoxLayout, specs: Iterable[tuple[str, str, Callable]]) -> QWidget:
        """A button row in a widget of its own, so it can be hidden once the minutes are final."""
        bar = QWidget(self)
        row = button_bar(bar, specs, self.actions)
        row.setContentsMargins(0, 0, 0, 0)
        bar.setLayout(row)
        layout.insertWidget(layout.count(), bar)
        return bar

    def _build_buttons(self) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        save.setText(self.tr("Save and close"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        close.setText(self.tr("Close"))
        for key, text, slot in (("finalise", self.tr("Finalise…"), self.finalise),
                                ("amend", self.tr("Add amendment…"), self.amend),
                                ("print_minutes", self.tr("Print minutes…"), self.print_minutes)):
            button = push_button(self, key, text, slot, self.actions)
            button.setAutoDefault(False)
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)

    # --- loading -----------------------------------------------------------------------------
    def _load(self) -> None:
        """Show the meeting as it is on file (a new one: the empty form)."""
        self._loading = True
        try:
            if self.meeting_id is not None:
                meeting = meetings.get_meeting(self.store, self.meeting_id)
                record = meetings.minutes(self.store, self.meeting_id)
                self.final = record.final
                self.set_values(meeting)
                self.chair.person_id = meeting["chair_id"]
                self.recorder.person_id = meeting["recorder_id"]
                self.attendance.load(record)
                self.proceedings.load(meeting, record)
                self.addenda.load(record)
            self.attendance.show_people()
            self._set_final(self.final)
            self._kind_changed(self.field("kind").currentText())
            for view in (self.attendance.guests_view, self.proceedings.resolutions_view):
                view.setStyleSheet("")
            self._show_status()
        finally:
            self._loading = False
        self._dirty = False
        self.proceedings.update_buttons()

    def _show_status(self) -> None:
        if self.meeting_id is None:
            text = self.tr("New minutes: the meeting gets its number when first saved. Finalising needs the date, "
                           "the chair, the recorder and at least one person present.")
        elif self.final:
            meeting = meetings.get_meeting(self.store, self.meeting_id)
            text = fmt(self.tr("Finalised: %1 is locked since %2 and reads as it was finalised. Corrections are "
                               "added with “Add amendment…”."), meeting["code"], (meeting["finalised_at"] or "")[:10])
        else:
            text = fmt(self.tr("%1 is a draft: change anything until it is finalised. Finalising needs the date, the "
                           "chair, the recorder and at least one person present."), meetings.meeting_code(self.meeting_id))
        self.status_label.setText(text)
        # Finalised minutes say so in a banner above every tab, not in a line that reads like a hint.
        self.status_label.setStyleSheet(FINAL_BANNER if self.final else "")
        code = meetings.meeting_code(self.meeting_id) if self.meeting_id else ""
        title = self.field("title").text().strip()
        self.setWindowTitle(" ".join(p for p in (self.tr("Minutes"), code, title) if p))

    def _set_final(self, final: bool) -> None:
        """Finalised minutes are read: nothing to type into, only amendments to add."""
        # Disabled, not merely read-only: a read-only line edit looks like one to type into.
        for name in self.fields:
            self.field(name).setEnabled(not final)
        for picker in (self.chair, self.recorder):
            picker.setVisible(not final)
            shown = self.form.findChild(QLineEdit, f"{picker.objectName()}_name")
            shown.setVisible(final)
            shown.setEnabled(not final)
            chosen = picker.chosen()
            shown.setText(picker.describe(chosen[0]) if chosen else "")
        self.attendance.set_final(final)
        self.proceedings.set_final(final)
        self.addenda.set_final(final)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setVisible(not final)
        self.actions["finalise"].setVisible(not final)
        self.actions["amend"].setVisible(final)

    # --- the header ---------------------------------------------------------------------------
    def _touched(self, *_args) -> None:
        if not self._loading:
            self._dirty = True

    def _kind_changed(self, kind: str) -> None:
        rule = RULES.get(kind)
        villagers = kind == VILLAGERS
        for name in ("eligible_households", "eligible_households_unit"):
            self.form.findChild(QWidget, name).setVisible(villagers)
        if not villagers and not self.final:
            self.field("eligible_households").clear()
        if rule is None or rule.quorum is None or self.final:
            self.eligible_hint.setText(rule.basis if rule else "")
        else:
            self.eligible_hint.setText(fmt(self.tr("%1. Left empty, the number expected is counted from the register "
                                               "(or from those listed present and absent)."), rule.basis))
        self.attendance.show_counts()

    def officer_ids(self) -> list[int]:
        """The chair and the recorder (always present)."""
        return [i for i in (self.chair.person_id, self.recorder.person_id) if i is not None]

    def officer_rows(self) -> list[dict]:
        """The chair and the recorder as the register lists them (``_id``, name, code, group_name)."""
        return [*self.chair.chosen(), *self.recorder.chosen()]

    # --- saving --------------------------------------------------------------------------------
    def field_widget(self, name: str) -> QWidget:
        return {"chair": self.chair, "recorder": self.recorder, "attendees": self.attendance.attendees,
                "guests": self.attendance.guests_view, "votes": self.proceedings.resolutions_view}.get(name) \
            or self.field(name)

    def unmark(self, widget: QWidget) -> None:
        """A part's field the clerk just corrected: no longer marked."""
        self._unmark(widget)

    def show_error(self, err: UserError) -> None:
        tab = _TAB_OF.get(err.field or "")
        if tab is not None:
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(tab)
            self.tabs.blockSignals(False)
            if err.field == "guests":
                self.attendance.people_tabs.setCurrentIndex(GUESTS)
        super().show_error(err)

    def _header(self, values: dict[str, str]) -> dict:
        header = {k: values[k] for k in ("kind", "title", "meeting_date", "start_time", "end_time", "place",
                                         "eligible", "eligible_households", "note")}
        header["chair_id"] = self.chair.person_id
        header["recorder_id"] = self.recorder.person_id
        return header

    def save_meeting(self) -> dict:
        """Header and attendance, in one transaction; a UserError leaves the file as it was."""
        header = self._header(self.values())
        with self.store.atomic():
            if self.meeting_id is None:
                meeting = meetings.create_meeting(self.store, **header)
            else:
                meeting = meetings.update_meeting(self.store, self.meeting_id, **header)
            meetings.set_attendance(self.store, meeting["id"], present=self.attendance.present_ids(),
                                    absent=self.attendance.absent_notes(), guests=self.attendance.guest_list())
        self.meeting_id = meeting["id"]
        self._load()
        self.changed.emit()
        return meeting

    def ensure_saved(self) -> bool:
        """The meeting on file as shown: saved now when it is new or changed; False (and the
        message shown) when core refuses it."""
        if self.final or (self.meeting_id is not None and not self._dirty):
            return True
        try:
            self.save_meeting()
        except UserError as err:
            self.show_error(err)
            return False
        self.error_label.hide()
        return True

    def save(self, values: dict[str, str]) -> dict:
        return self.save_meeting()

    def has_unsaved_input(self) -> bool:
        return False  # reject() below asks Save / Discard / Cancel itself

    def reject(self) -> None:
        if self._dirty and not self.final:
            answer = QMessageBox.question(
                self, self.tr("Close"), self.tr("Save the changes to these minutes?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save and not self.ensure_saved():
                return
        super().reject()

    def _tab_changed(self, index: int) -> None:
        # The later tabs show what is on file (the quorum on it): save on the way there.
        if index >= AGENDA and self._dirty:
            self.ensure_saved()

    # --- what the parts write ---------------------------------------------------------------------
    def run_form(self, dialog) -> bool:
        """A part's form (an agenda item, a resolution, …); when it saved, the minutes are shown again."""
        if dialog.exec() != dialog.DialogCode.Accepted:
            return False
        self._load()
        self.changed.emit()
        return True

    def act(self, title: str, action) -> bool:
        """A change without a form: core's refusal in a message box."""
        try:
            action()
        except UserError as err:
            QMessageBox.warning(self, title, str(err))
            return False
        self._load()
        self.changed.emit()
        return True

    # --- finalising, amendments, printing ------------------------------------------------------------
    def finalise(self) -> None:
        if not self.ensure_saved():
            return
        try:
            # Asked before the clerk is: 定稿 is offered for confirmation only when core would do it.
            meetings.check_finalise(self.store, self.meeting_id)
        except UserError as err:
            self.show_error(err)
            return
        title = self.tr("Finalise the minutes")
        question = fmt(self.tr("Finalise %1? The minutes are then locked for good; later corrections can only be "
                               "added as amendments."), meetings.meeting_code(self.meeting_id))
        if signing(self.store):
            # The chair or the recorder signs with their own password (docs/SECURITY.md "Signatures").
            officers = meetings.finaliser_ids(self.store, self.meeting_id)
            others = [a.login for a in accounts.list_accounts(self.store) if a.person_id not in officers]
            dialog = SignDialog(self.store, title, question + "\n" + self.tr(
                "The chair or the recorder of the meeting signs."), Action.FINALISE_MINUTES,
                lambda account: meetings.finalise_meeting(self.store, self.meeting_id, signer=account),
                exclude=others, parent=self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
        else:
            if QMessageBox.question(self, title, question) != QMessageBox.StandardButton.Yes:
                return
            try:
                meetings.finalise_meeting(self.store, self.meeting_id)
            except UserError as err:
                self.show_error(err)
                return
        self.error_label.hide()
        self._load()
        self.changed.emit()

    def amend(self) -> None:
        if self.final and self.run_form(AmendmentDialog(self.store, self.meeting_id, self)):
            self.tabs.setCurrentIndex(AMENDMENTS)

    def print_minutes(self) -> None:
        # A new meeting is saved first (core says what is missing for that); a draft prints as a draft.
        if self.ensure_saved():
            self.printer.minutes(self.meeting_id)
