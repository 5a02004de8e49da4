"""The attendance tab of the minutes editor: who came, who did not and why, the guests.

Nothing here is written by itself: the lists are kept as the clerk ticks and
types, and :class:`~villagedesk.ui.meetings.editor.MeetingDialog` saves them with
the header in one transaction (core.meetings decides the quorum from them,
docs/DOMAIN.md §3.2).  The chair and the recorder always count as present.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from villagedesk import clock
from villagedesk.core.common.dates import parse_date
from villagedesk.core.meetings.minutes import Minutes
from villagedesk.errors import UserError
from villagedesk.ui.kit.dialogs import ReasonDialog
from villagedesk.ui.kit.household_picker import group_names
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.kit.tables import selected_record, small_table
from villagedesk.ui.kit.widgets import button_bar
from villagedesk.ui.meetings.host import MinutesEditor
from villagedesk.ui.meetings.person_picker import MeetingPersonPicker

ABSENCE_REASONS = ("外出务工", "生病", "有事请假", "在外上学", "其他")
#: The tabs of the attendance lists.
PRESENT, ABSENT, GUESTS = range(3)


class AttendancePart(QObject):
    """The attendance tab's widgets (in the editor's form) and the lists behind them."""

    #: The clerk changed who came (the editor then has something to save).
    edited = Signal()

    def __init__(self, editor: MinutesEditor):
        super().__init__(editor)
        self.editor = editor
        self.store = editor.store
        self.form = editor.form
        self.actions = editor.actions
        self.absent_rows: list[dict] = []  # person_id, name, group_name, note (why)
        self.guest_rows: list[dict] = []  # name, note (unit or role)
        self._build_picker()
        self.present = ListTableModel([("name", self.tr("Name")), ("code", self.tr("Person code")),
                                       ("group_name", self.tr("Villager group"))], [], None, self, id_key="_id")
        self.present_view = self._list(self.present, "present", [("remove_present", self.tr("Untick"),
                                                                   self.remove_present)])
        self.absent = ListTableModel([("name", self.tr("Name")), ("group_name", self.tr("Villager group")),
                                      ("note", self.tr("Why"))], [], None, self, id_key="person_id")
        self.absent_view = self._list(self.absent, "absent", [("remove_absent", self.tr("Remove"),
                                                                self.remove_absent)])
        self.guests = ListTableModel([("name", self.tr("Name")), ("note", self.tr("Unit or role"))], [], None, self,
                                     id_key="key")
        self.guests_view = self._list(self.guests, "guests", [("remove_guest", self.tr("Remove"), self.remove_guest)])
        self.form.findChild(QPushButton, "add_guest").clicked.connect(self.add_guest)
        self.form.findChild(QLineEdit, "guest_unit").returnPressed.connect(self.add_guest)
        self.people_tabs: QTabWidget = self.form.findChild(QTabWidget, "people_tabs")
        self.attendance_label: QLabel = self.form.findChild(QLabel, "attendance_label")

    def _build_picker(self) -> None:
        """Ticking who came: by name or pinyin initials, or a whole 村民小组."""
        pick_layout = self.form.findChild(QVBoxLayout, "pick_layout")
        self.attendees = MeetingPersonPicker(self.store, self.form.findChild(QWidget, "pick_box"), multi=True,
                                             visible_rows=9)
        self.attendees.setObjectName("attendees")
        self.attendees.search.setObjectName("attendees_search")
        pick_layout.insertWidget(1, self.attendees, 1)
        pick_layout.addLayout(button_bar(self.editor, [
            ("mark_absent", self.tr("Absent (selected row)…"), self.mark_absent),
            ("clear_present", self.tr("Untick everyone"), self.clear_present)], self.actions))
        self.attendees.chosenChanged.connect(self._present_changed)
        groups: QComboBox = self.form.findChild(QComboBox, "group")
        groups.addItems(group_names(self.store))
        self.form.findChild(QPushButton, "add_group").clicked.connect(self.tick_group)

    def _list(self, model: ListTableModel, name: str, specs) -> QTableView:
        """One of the three lists, in the form's ``{name}_layout``, with its buttons under it."""
        view = small_table(model, self.editor, f"{name}_view")
        layout = self.form.findChild(QVBoxLayout, f"{name}_layout")
        layout.addWidget(view, 1)
        layout.addLayout(button_bar(self.editor, specs, self.actions))
        return view

    # --- showing -----------------------------------------------------------------------------------
    def load(self, record: Minutes) -> None:
        """The attendance as it is on file."""
        self.attendees.set_person_ids([p["person_id"] for p in record.present])
        self.absent_rows = [{k: p[k] for k in ("person_id", "name", "group_name", "note")} for p in record.absent]
        self.guest_rows = [{"name": g["name"], "note": g["note"]} for g in record.guests]
        if record.final:
            self.present.set_rows([{**p, "_id": p["person_id"], "code": p["person_code"]} for p in record.present])

    def set_final(self, final: bool) -> None:
        """Final minutes only show who came."""
        self.form.findChild(QWidget, "pick_box").setVisible(not final)
        for key in ("remove_present", "remove_absent", "remove_guest"):
            self.actions[key].setVisible(not final)
        for name in ("guest_name", "guest_unit", "add_guest"):
            self.form.findChild(QWidget, name).setVisible(not final)

    def _present_rows(self) -> list[dict]:
        """Who is present as the lists stand: those ticked, and the chair and the recorder (always
        present), in the register's order however they were ticked — the one count the tab and the
        line under it both show."""
        absent = {a["person_id"] for a in self.absent_rows}
        rows = {r["_id"]: r for r in [*self.attendees.chosen(), *self.editor.officer_rows()]
                if r["_id"] not in absent}
        return sorted(rows.values(), key=lambda r: (len(r["code"]), r["code"]))

    def show_people(self) -> None:
        if not self.editor.final:
            self.present.set_rows(self._present_rows())
        self.absent.set_rows(self.absent_rows)
        self.guests.set_rows([{**g, "key": i} for i, g in enumerate(self.guest_rows)])
        for index, (title, count) in enumerate(((self.tr("Present (%1)"), self.present.rowCount()),
                                                (self.tr("Absent (%1)"), len(self.absent_rows)),
                                                (self.tr("Guests (%1)"), len(self.guest_rows)))):
            self.people_tabs.setTabText(index, fmt(title, count))
        self.show_counts()

    def show_counts(self) -> None:
        """The counts as the lists stand (the chair and the recorder are always present)."""
        present = self.present.rowCount() if self.editor.final else len(self._present_rows())
        text = fmt(self.tr("Present %1 (with the chair and the recorder), absent %2, guests %3 (guests do not count "
                           "towards the quorum)."), present, len(self.absent_rows), len(self.guest_rows))
        self.attendance_label.setText(text)

    # --- what is saved ---------------------------------------------------------------------------------
    def present_ids(self) -> list[int]:
        absent_ids = {a["person_id"] for a in self.absent_rows}
        return [i for i in self.attendees.person_ids if i not in absent_ids]

    def absent_notes(self) -> dict[int, str]:
        return {a["person_id"]: a["note"] for a in self.absent_rows}

    def guest_list(self) -> list[tuple[str, str]]:
        return [(g["name"], g["note"]) for g in self.guest_rows]

    # --- the clerk's changes ---------------------------------------------------------------------------
    def _changed(self) -> None:
        self.edited.emit()
        self.show_people()

    def _present_changed(self) -> None:
        ticked = set(self.attendees.person_ids)
        if any(a["person_id"] in ticked for a in self.absent_rows):
            # Ticked as present: no longer absent.
            self.absent_rows = [a for a in self.absent_rows if a["person_id"] not in ticked]
        self._changed()

    def tick_group(self) -> None:
        group = self.form.findChild(QComboBox, "group").currentText()
        if not group:
            return
        adults = self.form.findChild(QCheckBox, "adults_only").isChecked()
        day = parse_date(self.editor.field("meeting_date").text()) or clock.today()
        self.attendees.tick_group(group, day if adults else None)

    def clear_present(self) -> None:
        self.attendees.clear()

    def _untick(self, person_id: int) -> None:
        self.attendees.set_person_ids([i for i in self.attendees.person_ids if i != person_id])

    def remove_present(self) -> None:
        record = selected_record(self.present_view)
        if record is not None:
            self._untick(record["_id"])

    def mark_absent(self) -> None:
        """The row highlighted among the matches did not come: ask why."""
        record = selected_record(self.attendees.view)
        if record is None:
            QMessageBox.information(self.editor, self.tr("Absent"),
                                    self.tr("Search for the person, click the row (not the tick box), then "
                                            "press this button."))
            return

        def add(reason: str) -> dict:
            if record["_id"] in self.editor.officer_ids():
                raise UserError(self.tr("The chair and the recorder were there: they cannot be absent."),
                                field="reason")
            return {"person_id": record["_id"], "name": record["name"], "group_name": record["group_name"],
                    "note": reason.strip()}

        dialog = ReasonDialog(self.store, fmt(self.tr("Absent: %1"), record["name"]),
                              fmt(self.tr("Why did %1 not come? (may be left empty)"), record["name"]),
                              ABSENCE_REASONS, add, self.editor)
        if dialog.exec() != ReasonDialog.DialogCode.Accepted:
            return
        self.absent_rows = [a for a in self.absent_rows if a["person_id"] != record["_id"]] + [dialog.saved]
        if record["_id"] in self.attendees.person_ids:
            self._untick(record["_id"])
        self._changed()
        self.people_tabs.setCurrentIndex(ABSENT)

    def remove_absent(self) -> None:
        record = selected_record(self.absent_view)
        if record is not None:
            self.absent_rows = [a for a in self.absent_rows if a["person_id"] != record["person_id"]]
            self._changed()

    def add_guest(self) -> None:
        name_edit = self.form.findChild(QLineEdit, "guest_name")
        unit_edit = self.form.findChild(QLineEdit, "guest_unit")
        name, unit = name_edit.text().strip(), unit_edit.text().strip()
        if not name:
            self.editor.show_error(UserError(self.tr("Enter the guest's name."), field="guests"))
            name_edit.setFocus()
            return
        self.guest_rows.append({"name": name, "note": unit})
        name_edit.clear()
        unit_edit.clear()
        name_edit.setFocus()
        self.editor.unmark(self.guests_view)
        self._changed()

    def remove_guest(self) -> None:
        record = selected_record(self.guests_view)
        if record is not None:
            del self.guest_rows[record["key"]]
            self._changed()
