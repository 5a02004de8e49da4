"""The meeting editor and its small dialogs: agenda items, resolutions, amendments, 四议两公开.

:class:`MeetingDialog` is the minutes of one meeting on six tabs (the meeting, who
came, agenda and discussion, resolutions with votes, the requests raised there,
amendments).  Every rule is core.meetings': its UserError is shown under the form,
on the tab of the field it names, and nothing is written.

The header and the attendance are saved together (one transaction) by Save, and
on the way to any tab or action that needs the meeting on file (an agenda item,
a resolution, a request, finalising, printing), so the quorum shown on the
resolutions tab is always the one core judges.  Agenda items, resolutions and
amendments are saved by their own dialogs.  Once finalised the minutes are
read-only and only take amendments.

The minutes print through :class:`~villagedesk.ui.meetings.printing.MinutesPrint`.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from villagedesk import clock
from villagedesk.core.common.village import get_profile
from villagedesk.core.meetings import lists as meeting_lists
from villagedesk.core.meetings import matters
from villagedesk.core.meetings import minutes as meetings
from villagedesk.core.meetings.lists import meeting_label
from villagedesk.core.meetings.votes import KINDS, RULES, VILLAGERS, Votes, judge
from villagedesk.core.register.people import parse_date
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import INVALID_STYLE, WidgetFieldsDialog
from villagedesk.ui.kit.household_picker import group_names
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.person_picker import PersonPicker
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.kit.tables import selected_record, small_table
from villagedesk.ui.kit.widgets import button_bar, push_button
from villagedesk.ui.meetings.printing import MinutesPrint

GREEN, RED, GREY = QColor("#1e7e34"), QColor("#c0392b"), QColor(Qt.GlobalColor.gray)
ABSENCE_REASONS = ("外出务工", "生病", "有事请假", "在外上学", "其他")


class MeetingPersonPicker(PersonPicker):
    """The person picker for minutes: who was listed stays listed, and a whole 村民小组 can be ticked.

    Someone archived (moved away) after a meeting keeps their place in its minutes, so
    persons chosen by id are found whether archived or not; searching offers only the
    register as it stands.
    """

    object_prefix = "person"

    def _fetch(self, text: str, ids=None) -> list[dict]:
        if ids:
            marks = ", ".join("?" * len(ids))
            return self.query.fetch(self.store, extra=f"{self.query.id_expr} IN ({marks})", params=tuple(ids),
                                    include_archived=True)
        return super()._fetch(text, ids)

    def count_text(self, count: int) -> str:
        return self.tr("%n ticked: ", "", count)

    def cut_text(self) -> str:
        return self.tr("Only the first %n matches are listed: type more to narrow the search.", "", self.limit)

    def group_ids(self, group_name: str, adults_on: date | None = None) -> list[int]:
        """Everyone of a 村民小组 in the register (aged 18 on ``adults_on``, when given; an unknown
        birth date counts as grown up)."""
        cutoff = None
        if adults_on is not None:
            try:
                cutoff = adults_on.replace(year=adults_on.year - meetings.ADULT_AGE).isoformat()
            except ValueError:  # 29 February
                cutoff = adults_on.replace(year=adults_on.year - meetings.ADULT_AGE, day=28).isoformat()
        return [r["id"] for r in self.store.rows(
            "SELECT p.id FROM persons p JOIN households h ON h.id = p.household_id "
            "WHERE h.group_name = ? AND p.archived = 0 AND (? IS NULL OR p.birth_date IS NULL OR p.birth_date <= ?) "
            "ORDER BY p.code", (group_name, cutoff, cutoff))]

    def tick_group(self, group_name: str, adults_on: date | None = None) -> int:
        """Multi mode: tick the group's members as well; returns how many were newly ticked."""
        before = set(self.person_ids)
        ids = self.group_ids(group_name, adults_on)
        self.set_person_ids([*self.person_ids, *ids])
        return len(set(ids) - before)


# --- agenda items, resolutions, amendments --------------------------------------------------

class _MeetingForm(WidgetFieldsDialog):
    """A form whose multi-line fields (QPlainTextEdit) are widget_fields, unmarked as they are typed in."""

    def _plain(self, name: str) -> QPlainTextEdit:
        widget: QPlainTextEdit = self.field(name)
        widget.textChanged.connect(lambda: self._unmark(widget))
        return widget

    def hide_row(self, name: str) -> None:
        layout: QFormLayout = self.form.layout()
        layout.setRowVisible(self.field(name), False)


class AgendaDialog(_MeetingForm):
    form_file = "meeting_agenda_form.ui"
    fields = ("topic",)
    widget_fields = ("discussion",)

    def __init__(self, store: Store, meeting_id: int, item: dict | None = None, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.meeting_id = meeting_id
        self.item_id = item["id"] if item else None
        self.discussion = self._plain("discussion")
        self.setMinimumWidth(560)
        if item is not None:
            self.setWindowTitle(fmt(self.tr("Agenda item %1"), item["seq"]))
            self.set_values(item)
            self.discussion.setPlainText(item["discussion"])
        else:
            self.setWindowTitle(self.tr("New agenda item"))

    def save(self, values: dict[str, str]) -> dict:
        return meetings.save_agenda_item(self.store, self.meeting_id, topic=values["topic"],
                                         discussion=self.discussion.toPlainText(), item_id=self.item_id)


class ResolutionDialog(_MeetingForm):
    """A resolution, and its votes judged as they are typed: quorum and majority by core.meeting_rules."""

    form_file = "meeting_resolution_form.ui"
    fields = ("agenda", "votes_for", "votes_against", "votes_abstain")
    widget_fields = ("text", "votes")

    def __init__(self, store: Store, meeting_id: int, resolution: dict | None = None,
                 parent: QWidget | None = None):
        super().__init__(store, parent)
        self.meeting_id = meeting_id
        self.resolution_id = resolution["id"] if resolution else None
        self.meeting = meetings.get_meeting(store, meeting_id)
        self.attendance = meetings.attendance(store, meeting_id)
        self.text = self._plain("text")
        self.voted: QCheckBox = self.field("voted")
        self.verdict: QLabel = self.form.findChild(QLabel, "verdict")
        self.setMinimumWidth(560)
        agenda: QComboBox = self.field("agenda")
        agenda.addItem(self.tr("(none)"), None)
        for item in store.rows("SELECT id, seq, topic FROM meeting_agenda WHERE meeting_id = ? ORDER BY seq",
                               (meeting_id,)):
            agenda.addItem(f"{item['seq']}. {item['topic']}", item["id"])
        if resolution is not None:
            self.setWindowTitle(fmt(self.tr("Resolution %1"), resolution["seq"]))
            self.text.setPlainText(resolution["text"])
            agenda.setCurrentIndex(max(0, agenda.findData(resolution["agenda_id"])))
            self.voted.setChecked(bool(resolution["voted"]))
            if resolution["voted"]:
                self.set_values({"votes_for": resolution["votes_for"], "votes_against": resolution["votes_against"],
                                 "votes_abstain": resolution["votes_abstain"]})
        else:
            self.setWindowTitle(self.tr("New resolution"))
        self.voted.toggled.connect(self._show_verdict)
        for name in ("votes_for", "votes_against", "votes_abstain"):
            self.field(name).textChanged.connect(self._show_verdict)
        self._show_verdict()
        self.text.setFocus()

    def votes(self) -> tuple[str, str, str] | None:
        if not self.voted.isChecked():
            return None
        return tuple(self.field(n).text() for n in ("votes_for", "votes_against", "votes_abstain"))

    def _show_verdict(self, *_args) -> None:
        """What core will say of these votes, live: quorum met? carried?"""
        for name in ("votes_for", "votes_against", "votes_abstain"):
            self.field(name).setEnabled(self.voted.isChecked())
        votes = self.votes()
        counted = None
        if votes is not None and not any(v.strip() for v in votes):
            self.verdict.setStyleSheet("")
            self.verdict.setText(fmt(self.tr("%1 present: enter the votes for, against and abstaining."), self.attendance.present))
            return
        if votes is not None:
            try:
                counted = Votes(*(int(v.strip() or 0) for v in votes))
            except ValueError:
                self.verdict.setStyleSheet(f"color: {RED.name()};")
                self.verdict.setText(self.tr("Votes are whole numbers."))
                return
        verdict = judge(self.meeting["kind"], self.attendance, counted)
        colour = GREY if verdict.passed is None else GREEN if verdict.passed else RED
        self.verdict.setStyleSheet(f"color: {colour.name()};")
        self.verdict.setText(verdict.text)

    def show_error(self, err: UserError) -> None:
        super().show_error(err)
        if err.field == "votes":
            self.field("votes").setStyleSheet("")
            for name in ("votes_for", "votes_against", "votes_abstain"):
                self.field(name).setStyleSheet(INVALID_STYLE)

    def save(self, values: dict[str, str]) -> dict:
        return meetings.save_resolution(self.store, self.meeting_id, text=self.text.toPlainText(),
                                        votes=self.votes(), agenda_id=self.field("agenda").currentData(),
                                        resolution_id=self.resolution_id)


class AmendmentDialog(_MeetingForm):
    form_file = "meeting_amendment_form.ui"
    fields = ("day", "author", "reason")
    widget_fields = ("text",)

    def __init__(self, store: Store, meeting_id: int, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.meeting_id = meeting_id
        meeting = meetings.get_meeting(store, meeting_id)
        self.text = self._plain("text")
        self.setMinimumWidth(520)
        profile = get_profile(store)
        names = [n for n in (profile.clerk if profile else "", meeting["recorder_name"], meeting["chair_name"]) if n]
        names = list(dict.fromkeys(names))
        self.fill_combo("author", names, blank=False)
        self.set_values({"day": clock.today().isoformat(), "author": names[0] if names else ""})
        self.form.findChild(QLabel, "explanation").setText(
            fmt(self.tr("The minutes of %1 are final and stay as they are. The amendment is appended to them, "
                    "with its date, who made it and why, and printed with them."), meeting["code"]))
        self.field("reason").setFocus()

    def save(self, values: dict[str, str]) -> dict:
        return meetings.amend_meeting(self.store, self.meeting_id, author=values["author"], reason=values["reason"],
                                      text=self.text.toPlainText(), day=values["day"])


# --- the editor ------------------------------------------------------------------------------

HEADER, PEOPLE, AGENDA, RESOLUTIONS, REQUESTS, AMENDMENTS = range(6)
#: The tab each field core may name is on.
_TAB_OF = {"kind": HEADER, "title": HEADER, "meeting_date": HEADER, "start_time": HEADER, "end_time": HEADER,
           "place": HEADER, "chair": HEADER, "recorder": HEADER, "eligible": HEADER, "eligible_households": HEADER,
           "note": HEADER, "attendees": PEOPLE, "guests": PEOPLE, "votes": RESOLUTIONS}


class MeetingDialog(_MeetingForm):
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
        self._absent: list[dict] = []  # person_id, name, group_name, note (why)
        self._guests: list[dict] = []  # name, note (unit or role)
        self.actions: dict[str, QPushButton] = {}
        self.printer = MinutesPrint(self, store)
        self.tabs: QTabWidget = self.form.findChild(QTabWidget, "tabs")
        self.status_label: QLabel = self.form.findChild(QLabel, "status_label")

        self._build_header(kind)
        self._build_people()
        self._build_lists()
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
        places = [r["place"] for r in self.store.rows(
            "SELECT place, max(meeting_date) AS last FROM meetings WHERE place != '' GROUP BY place "
            "ORDER BY last DESC LIMIT 60")]
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
        picker.chosenChanged.connect(self._show_attendance)
        # Final minutes show the name only.
        shown = QLineEdit(layout.parentWidget())
        shown.setObjectName(f"{name}_name")
        shown.setReadOnly(True)
        layout.addWidget(shown)
        return picker

    def _build_people(self) -> None:
        pick_layout = self.form.findChild(QVBoxLayout, "pick_layout")
        self.attendees = MeetingPersonPicker(self.store, self.form.findChild(QWidget, "pick_box"), multi=True,
                                             visible_rows=9)
        self.attendees.setObjectName("attendees")
        self.attendees.search.setObjectName("attendees_search")
        pick_layout.insertWidget(1, self.attendees, 1)
        pick_layout.addLayout(button_bar(self, [
            ("mark_absent", self.tr("Absent (selected row)…"), self.mark_absent),
            ("clear_present", self.tr("Untick everyone"), self.clear_present)], self.actions))
        self.attendees.chosenChanged.connect(self._present_changed)
        groups: QComboBox = self.form.findChild(QComboBox, "group")
        groups.addItems(group_names(self.store))
        self.form.findChild(QPushButton, "add_group").clicked.connect(self.tick_group)

        self.present = ListTableModel([("name", self.tr("Name")), ("code", self.tr("Person code")),
                                       ("group_name", self.tr("Villager group"))], [], None, self, id_key="_id")
        self.present_view = small_table(self.present, self, "present_view")
        layout = self.form.findChild(QVBoxLayout, "present_layout")
        layout.addWidget(self.present_view, 1)
        layout.addLayout(button_bar(self, [("remove_present", self.tr("Untick"), self.remove_present)],
                                    self.actions))

        self.absent = ListTableModel([("name", self.tr("Name")), ("group_name", self.tr("Villager group")),
                                      ("note", self.tr("Why"))], [], None, self, id_key="person_id")
        self.absent_view = small_table(self.absent, self, "absent_view")
        layout = self.form.findChild(QVBoxLayout, "absent_layout")
        layout.addWidget(self.absent_view, 1)
        layout.addLayout(button_bar(self, [("remove_absent", self.tr("Remove"), self.remove_absent)], self.actions))

        self.guests = ListTableModel([("name", self.tr("Name")), ("note", self.tr("Unit or role"))], [], None, self,
                                     id_key="key")
        self.guests_view = small_table(self.guests, self, "guests_view")
        layout = self.form.findChild(QVBoxLayout, "guests_layout")
        layout.addWidget(self.guests_view, 1)
        layout.addLayout(button_bar(self, [("remove_guest", self.tr("Remove"), self.remove_guest)], self.actions))
        self.form.findChild(QPushButton, "add_guest").clicked.connect(self.add_guest)
        self.form.findChild(QLineEdit, "guest_unit").returnPressed.connect(self.add_guest)
        self.people_tabs: QTabWidget = self.form.findChild(QTabWidget, "people_tabs")
        self.attendance_label: QLabel = self.form.findChild(QLabel, "attendance_label")

    def _build_lists(self) -> None:
        self.agenda = ListTableModel([("seq", self.tr("Order")), ("topic", self.tr("Topic")),
                                      ("discussion", self.tr("Discussion"))], [], None, self)
        self.agenda_view = small_table(self.agenda, self, "agenda_view")
        self.agenda_view.setWordWrap(True)
        self.agenda_view.doubleClicked.connect(lambda _i: self.edit_agenda())
        layout = self.form.findChild(QVBoxLayout, "agenda_layout")
        self.agenda_bar = self._bar(layout, [
            ("add_agenda", self.tr("Add item…"), self.add_agenda),
            ("edit_agenda", self.tr("Edit…"), self.edit_agenda),
            ("remove_agenda", self.tr("Remove"), self.remove_agenda),
            ("agenda_up", self.tr("Move up"), lambda: self.move_agenda(-1)),
            ("agenda_down", self.tr("Move down"), lambda: self.move_agenda(1))])
        layout.addWidget(self.agenda_view, 1)

        self.resolutions = ListTableModel(
            [("seq", self.tr("Order")), ("text", self.tr("Resolution")), ("agenda_topic", self.tr("Agenda item")),
             ("votes", self.tr("Votes")), ("verdict", self.tr("Result"))], [], None, self,
            foreground=lambda r: None if r["passed"] is None else GREEN if r["passed"] else RED)
        self.resolutions_view = small_table(self.resolutions, self, "resolutions_view")
        self.resolutions_view.setWordWrap(True)
        self.resolutions_view.doubleClicked.connect(lambda _i: self.edit_resolution())
        self.quorum_label: QLabel = self.form.findChild(QLabel, "quorum_label")
        layout = self.form.findChild(QVBoxLayout, "resolutions_layout")
        self.resolutions_bar = self._bar(layout, [
            ("add_resolution", self.tr("Add resolution…"), self.add_resolution),
            ("edit_resolution", self.tr("Edit…"), self.edit_resolution),
            ("remove_resolution", self.tr("Remove"), self.remove_resolution)])
        layout.addWidget(self.resolutions_view, 1)

        self.raised = ListTableModel(
            [("code", self.tr("No.")), ("raised_by", self.tr("Raised by")), ("category", self.tr("Category")),
             ("content", self.tr("Request")), ("handling", self.tr("Handling")), ("owner", self.tr("In charge")),
             ("deadline", self.tr("Deadline")), ("status", self.tr("Status"))], [], None, self)
        self.raised_view = small_table(self.raised, self, "raised_view")
        layout = self.form.findChild(QVBoxLayout, "requests_layout")
        self._bar(layout, [("add_request", self.tr("Register a request raised here…"), self.add_request)])
        layout.addWidget(self.raised_view, 1)

        self.amendments = ListTableModel(
            [("amended_on", self.tr("Date")), ("author", self.tr("Amended by")), ("reason", self.tr("Reason")),
             ("text", self.tr("Correction"))], [], None, self)
        self.amendments_view = small_table(self.amendments, self, "amendments_view")
        self.amendments_hint: QLabel = self.form.findChild(QLabel, "amendments_hint")
        self.form.findChild(QVBoxLayout, "amendments_layout").addWidget(self.amendments_view, 1)

        for view in (self.agenda_view, self.resolutions_view):
            view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    def _bar(self, layout: QVBoxLayout, specs) -> QWidget:
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
                self.attendees.set_person_ids([p["person_id"] for p in record.present])
                self._absent = [{k: p[k] for k in ("person_id", "name", "group_name", "note")} for p in record.absent]
                self._guests = [{"name": g["name"], "note": g["note"]} for g in record.guests]
                self.agenda.set_rows(record.agenda)
                self.resolutions.set_rows([self._resolution_row(r) for r in record.resolutions])
                # Discussion notes and resolutions are read whole: rows grow to their wrapped text.
                self.agenda_view.resizeRowsToContents()
                self.resolutions_view.resizeRowsToContents()
                self.raised.set_rows(record.requests)
                self.amendments.set_rows(record.amendments)
                self.quorum_label.setText(record.resolutions[0].verdict.quorum_text if record.resolutions else
                                          judge(meeting["kind"], record.attendance, None).quorum_text)
                if self.final:
                    self.present.set_rows([{**p, "_id": p["person_id"], "code": p["person_code"]}
                                           for p in record.present])
            self._show_people()
            self._set_final(self.final)
            self._kind_changed(self.field("kind").currentText())
            for view in (self.guests_view, self.resolutions_view):
                view.setStyleSheet("")
            self._show_status()
        finally:
            self._loading = False
        self._dirty = False
        self._update_buttons()

    @staticmethod
    def _resolution_row(resolution: meetings.Resolution) -> dict:
        row = resolution.row
        votes = meetings.resolution_votes(row)
        shown = (f"{votes.votes_for} / {votes.against} / {votes.abstain}" if votes else "")
        return {**row, "agenda_topic": resolution.agenda_topic, "votes": shown, "verdict": resolution.verdict.label,
                "passed": resolution.verdict.passed, "why": resolution.verdict.text}

    def _show_status(self) -> None:
        if self.meeting_id is None:
            text = self.tr("New minutes: the meeting gets its number when first saved. Finalising needs the date, "
                           "the chair, the recorder and at least one person present.")
        elif self.final:
            meeting = meetings.get_meeting(self.store, self.meeting_id)
            text = fmt(self.tr("%1 is final (since %2) and locked. Corrections are added as amendments."), meeting["code"], (meeting["finalised_at"] or "")[:10])
        else:
            text = fmt(self.tr("%1 is a draft: change anything until it is finalised. Finalising needs the date, the "
                           "chair, the recorder and at least one person present."), meetings.meeting_code(self.meeting_id))
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {GREEN.name()};" if self.final else "")
        code = meetings.meeting_code(self.meeting_id) if self.meeting_id else ""
        title = self.field("title").text().strip()
        self.setWindowTitle(" ".join(p for p in (self.tr("Minutes"), code, title) if p))

    def _set_final(self, final: bool) -> None:
        """Finalised minutes are read: nothing to type into, only amendments to add."""
        for name in self.fields:
            widget = self.field(name)
            if isinstance(widget, QLineEdit):
                widget.setReadOnly(final)
            else:
                widget.setEnabled(not final)
        for picker in (self.chair, self.recorder):
            picker.setVisible(not final)
            shown = self.form.findChild(QLineEdit, f"{picker.objectName()}_name")
            shown.setVisible(final)
            chosen = picker.chosen()
            shown.setText(picker.describe(chosen[0]) if chosen else "")
        self.form.findChild(QWidget, "pick_box").setVisible(not final)
        for key in ("remove_present", "remove_absent", "remove_guest"):
            self.actions[key].setVisible(not final)
        for name in ("guest_name", "guest_unit", "add_guest"):
            self.form.findChild(QWidget, name).setVisible(not final)
        self.agenda_bar.setVisible(not final)
        self.resolutions_bar.setVisible(not final)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setVisible(not final)
        self.actions["finalise"].setVisible(not final)
        self.actions["amend"].setVisible(final)
        self.amendments_hint.setText(
            self.tr("Amendments appended after the minutes were finalised; they are printed with them.") if final
            else self.tr("A draft is simply corrected. Once the minutes are final, corrections are added here "
                         "with “Add amendment…”."))

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
        self._show_attendance()

    # --- who came -----------------------------------------------------------------------------
    def _officer_ids(self) -> list[int]:
        return [i for i in (self.chair.person_id, self.recorder.person_id) if i is not None]

    def _present_changed(self) -> None:
        ticked = set(self.attendees.person_ids)
        if any(a["person_id"] in ticked for a in self._absent):
            # Ticked as present: no longer absent.
            self._absent = [a for a in self._absent if a["person_id"] not in ticked]
        self._touched()
        self._show_people()

    def _show_people(self) -> None:
        if not self.final:
            # In the register's order, however they were ticked.
            self.present.set_rows(sorted(self.attendees.chosen(), key=lambda r: r["code"]))
        self.absent.set_rows(self._absent)
        self.guests.set_rows([{**g, "key": i} for i, g in enumerate(self._guests)])
        for index, (title, count) in enumerate(((self.tr("Present (%1)"), self.present.rowCount()),
                                                (self.tr("Absent (%1)"), len(self._absent)),
                                                (self.tr("Guests (%1)"), len(self._guests)))):
            self.people_tabs.setTabText(index, fmt(title, count))
        self._show_attendance()

    def _show_attendance(self) -> None:
        """The counts as the lists stand (the chair and the recorder are always present)."""
        if not hasattr(self, "attendance_label"):
            return  # still building
        if self.final:
            present = self.present.rowCount()
        else:
            present = len(set(self.attendees.person_ids) | set(self._officer_ids()))
        text = fmt(self.tr("Present %1 (with the chair and the recorder), absent %2, guests %3 (guests do not count "
                       "towards the quorum)."), present, len(self._absent), len(self._guests))
        self.attendance_label.setText(text)

    def tick_group(self) -> None:
        group = self.form.findChild(QComboBox, "group").currentText()
        if not group:
            return
        adults = self.form.findChild(QCheckBox, "adults_only").isChecked()
        day = parse_date(self.field("meeting_date").text()) or clock.today()
        self.attendees.tick_group(group, day if adults else None)

    def clear_present(self) -> None:
        self.attendees.clear()

    def remove_present(self) -> None:
        record = selected_record(self.present_view)
        if record is not None:
            self.attendees.set_person_ids([i for i in self.attendees.person_ids if i != record["_id"]])

    def mark_absent(self) -> None:
        """The row highlighted among the matches did not come: ask why."""
        record = selected_record(self.attendees.view)
        if record is None:
            QMessageBox.information(self, self.tr("Absent"),
                                    self.tr("Search for the person, click the row (not the tick box), then "
                                            "press this button."))
            return
        from villagedesk.ui.kit.dialogs import ReasonDialog

        def add(reason: str) -> dict:
            if record["_id"] in self._officer_ids():
                raise UserError(self.tr("The chair and the recorder were there: they cannot be absent."),
                                field="reason")
            return {"person_id": record["_id"], "name": record["name"], "group_name": record["group_name"],
                    "note": reason.strip()}

        dialog = ReasonDialog(self.store, fmt(self.tr("Absent: %1"), record["name"]),
                              fmt(self.tr("Why did %1 not come? (may be left empty)"), record["name"]),
                              ABSENCE_REASONS, add, self)
        if dialog.exec() != ReasonDialog.DialogCode.Accepted:
            return
        self._absent = [a for a in self._absent if a["person_id"] != record["_id"]] + [dialog.saved]
        if record["_id"] in self.attendees.person_ids:
            self.attendees.set_person_ids([i for i in self.attendees.person_ids if i != record["_id"]])
        self._touched()
        self._show_people()
        self.people_tabs.setCurrentIndex(1)

    def remove_absent(self) -> None:
        record = selected_record(self.absent_view)
        if record is not None:
            self._absent = [a for a in self._absent if a["person_id"] != record["person_id"]]
            self._touched()
            self._show_people()

    def add_guest(self) -> None:
        name_edit = self.form.findChild(QLineEdit, "guest_name")
        unit_edit = self.form.findChild(QLineEdit, "guest_unit")
        name, unit = name_edit.text().strip(), unit_edit.text().strip()
        if not name:
            self.show_error(UserError(self.tr("Enter the guest's name."), field="guests"))
            name_edit.setFocus()
            return
        self._guests.append({"name": name, "note": unit})
        name_edit.clear()
        unit_edit.clear()
        name_edit.setFocus()
        self._unmark(self.guests_view)
        self._touched()
        self._show_people()

    def remove_guest(self) -> None:
        record = selected_record(self.guests_view)
        if record is not None:
            del self._guests[record["key"]]
            self._touched()
            self._show_people()

    # --- saving --------------------------------------------------------------------------------
    def field_widget(self, name: str) -> QWidget:
        return {"chair": self.chair, "recorder": self.recorder, "attendees": self.attendees,
                "guests": self.guests_view, "votes": self.resolutions_view}.get(name) or self.field(name)

    def show_error(self, err: UserError) -> None:
        tab = _TAB_OF.get(err.field or "")
        if tab is not None:
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(tab)
            self.tabs.blockSignals(False)
            if err.field == "guests":
                self.people_tabs.setCurrentIndex(2)
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
        absent_ids = {a["person_id"] for a in self._absent}
        present = [i for i in self.attendees.person_ids if i not in absent_ids]
        with self.store.atomic():
            if self.meeting_id is None:
                meeting = meetings.create_meeting(self.store, **header)
            else:
                meeting = meetings.update_meeting(self.store, self.meeting_id, **header)
            meetings.set_attendance(self.store, meeting["id"], present=present,
                                    absent={a["person_id"]: a["note"] for a in self._absent},
                                    guests=[(g["name"], g["note"]) for g in self._guests])
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

    # --- agenda and resolutions ----------------------------------------------------------------
    def _update_buttons(self) -> None:
        item = selected_record(self.agenda_view)
        for key in ("edit_agenda", "remove_agenda"):
            self.actions[key].setEnabled(item is not None)
        self.actions["agenda_up"].setEnabled(item is not None and item["seq"] > 1)
        self.actions["agenda_down"].setEnabled(item is not None and item["seq"] < self.agenda.rowCount())
        resolution = selected_record(self.resolutions_view)
        for key in ("edit_resolution", "remove_resolution"):
            self.actions[key].setEnabled(resolution is not None)

    def _run(self, dialog) -> bool:
        if dialog.exec() != dialog.DialogCode.Accepted:
            return False
        self._load()
        self.changed.emit()
        return True

    def _select(self, view: QTableView, record_id: int) -> None:
        row = view.model().row_of(record_id)
        if row is not None:
            view.selectRow(row)

    def add_agenda(self) -> None:
        if self.ensure_saved() and self._run(dialog := AgendaDialog(self.store, self.meeting_id, None, self)):
            self._select(self.agenda_view, dialog.saved["id"])

    def edit_agenda(self) -> None:
        item = selected_record(self.agenda_view)
        if item is not None and not self.final and self.ensure_saved():
            if self._run(AgendaDialog(self.store, self.meeting_id, item, self)):
                self._select(self.agenda_view, item["id"])

    def _action(self, title: str, action) -> bool:
        """A change without a form: core's refusal in a message box."""
        try:
            action()
        except UserError as err:
            QMessageBox.warning(self, title, str(err))
            return False
        self._load()
        self.changed.emit()
        return True

    def remove_agenda(self) -> None:
        item = selected_record(self.agenda_view)
        if item is None or not self.ensure_saved():
            return
        title = self.tr("Remove agenda item")
        if QMessageBox.question(self, title, fmt(self.tr("Remove agenda item %1 “%2” and its discussion notes?"), item["seq"], item["topic"])) \
                == QMessageBox.StandardButton.Yes:
            self._action(title, lambda: meetings.remove_agenda_item(self.store, item["id"]))

    def move_agenda(self, steps: int) -> None:
        item = selected_record(self.agenda_view)
        if item is not None and self.ensure_saved() and self._action(
                self.tr("Move agenda item"), lambda: meetings.move_agenda_item(self.store, item["id"], steps)):
            self._select(self.agenda_view, item["id"])

    def add_resolution(self) -> None:
        if self.ensure_saved() and self._run(dialog := ResolutionDialog(self.store, self.meeting_id, None, self)):
            self._select(self.resolutions_view, dialog.saved["id"])

    def edit_resolution(self) -> None:
        resolution = selected_record(self.resolutions_view)
        if resolution is not None and not self.final and self.ensure_saved():
            if self._run(ResolutionDialog(self.store, self.meeting_id, resolution, self)):
                self._select(self.resolutions_view, resolution["id"])

    def remove_resolution(self) -> None:
        resolution = selected_record(self.resolutions_view)
        if resolution is None or not self.ensure_saved():
            return
        title = self.tr("Remove resolution")
        if QMessageBox.question(self, title, fmt(self.tr("Remove resolution %1?"), resolution["seq"])) \
                == QMessageBox.StandardButton.Yes:
            self._action(title, lambda: meetings.remove_resolution(self.store, resolution["id"]))

    # --- requests, finalising, amendments, printing ------------------------------------------------
    def add_request(self) -> None:
        if not self.ensure_saved():
            return
        from villagedesk.ui.requests.dialogs import RequestDialog

        self._run(RequestDialog(self.store, meeting_id=self.meeting_id, parent=self))

    def finalise(self) -> None:
        if not self.ensure_saved():
            return
        title = self.tr("Finalise the minutes")
        if QMessageBox.question(self, title, fmt(self.tr(
                "Finalise %1? The minutes are then locked for good; later corrections can only be added as "
                "amendments."), meetings.meeting_code(self.meeting_id))) \
                != QMessageBox.StandardButton.Yes:
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
        if self.final and self._run(AmendmentDialog(self.store, self.meeting_id, self)):
            self.tabs.setCurrentIndex(AMENDMENTS)

    def print_minutes(self) -> None:
        # A new meeting is saved first (core says what is missing for that); a draft prints as a draft.
        if self.ensure_saved():
            self.printer.minutes(self.meeting_id)


# --- 四议两公开 -------------------------------------------------------------------------------

class MatterDialog(_MeetingForm):
    form_file = "meeting_matter_form.ui"
    fields = ("title", "description")

    def __init__(self, store: Store, matter: dict | None = None, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.matter_id = matter["id"] if matter else None
        self.setMinimumWidth(520)
        if matter is not None:
            self.setWindowTitle(self.tr("Edit major matter"))
            self.set_values(matter)
        else:
            self.setWindowTitle(self.tr("New major matter (四议两公开)"))

    def save(self, values: dict[str, str]) -> dict:
        if self.matter_id is None:
            return matters.create_matter(self.store, **values)
        return matters.update_matter(self.store, self.matter_id, **values)


class LinkStageDialog(_MeetingForm):
    """Which finalised meeting held a stage: the next stage by default, its kinds of meeting offered."""

    form_file = "meeting_link_form.ui"
    fields = ("stage", "meeting")

    def __init__(self, store: Store, matter_id: int, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.matter_id = matter_id
        self.setMinimumWidth(560)
        progress = matters.progress(store, matter_id)
        self.form.findChild(QLabel, "explanation").setText(
            fmt(self.tr("%1: the four stages are held in order, each at finalised minutes of its kind of meeting."), progress.matter["title"]))
        stage_combo: QComboBox = self.field("stage")
        for state in progress.stages:
            stage_combo.addItem(f"{state.stage.number}. {state.stage.name}", state.stage.number)
        pending = next((s.stage.number for s in progress.stages if s.state != matters.DONE), None)
        stage_combo.setCurrentIndex(max(0, stage_combo.findData(pending)))
        self.hint: QLabel = self.form.findChild(QLabel, "meeting_hint")
        stage_combo.currentIndexChanged.connect(lambda _i: self._fill_meetings())
        self._fill_meetings()

    def stage(self) -> matters.Stage:
        return matters.STAGES[self.field("stage").currentData() - 1]

    def _fill_meetings(self) -> None:
        stage = self.stage()
        combo: QComboBox = self.field("meeting")
        combo.clear()
        marks = ", ".join("?" * len(stage.kinds))
        for meeting in meeting_lists.meeting_choices(self.store, where=f"m.status = ? AND m.kind IN ({marks})",
                                                     params=(meetings.FINAL, *stage.kinds), limit=200):
            combo.addItem(meeting_label(meeting), meeting["id"])
        self.hint.setText(fmt(self.tr("Finalised minutes of a %1 are offered, newest first."), "、".join(stage.kinds)) if combo.count() else
                          fmt(self.tr("No finalised minutes of a %1 yet: record and finalise that meeting first."), "、".join(stage.kinds)))

    def save(self, values: dict[str, str]) -> dict:
        return matters.link_stage(self.store, self.matter_id, self.stage().number, self.field("meeting").currentData())


class PostingDialog(_MeetingForm):
    """决议公开 (a date) or 实施结果公开 (the result and a date)."""

    form_file = "meeting_posting_form.ui"
    fields = ("day", "result")

    def __init__(self, store: Store, matter_id: int, result: bool, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.matter_id = matter_id
        self.result = result
        matter = matters.progress(store, matter_id).matter
        self.setMinimumWidth(520)
        self.set_values({"day": clock.today().isoformat()})
        explanation = self.form.findChild(QLabel, "explanation")
        if result:
            self.setWindowTitle(self.tr("Post the result"))
            explanation.setText(fmt(self.tr("%1: post how the decision was carried out (实施结果公开)."), matter["title"]))
            self.field("result").setFocus()
        else:
            self.setWindowTitle(self.tr("Post the resolution"))
            explanation.setText(fmt(self.tr("%1: the villagers' decision is posted publicly (决议公开)."), matter["title"]))
            self.hide_row("result")

    def save(self, values: dict[str, str]) -> dict:
        if self.result:
            return matters.post_result(self.store, self.matter_id, result=values["result"], day=values["day"])
        return matters.post_resolution(self.store, self.matter_id, day=values["day"])


__all__ = ["AgendaDialog", "AmendmentDialog", "LinkStageDialog", "MatterDialog", "MeetingDialog",
           "MeetingPersonPicker", "PostingDialog", "ResolutionDialog"]
