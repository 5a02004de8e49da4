"""Dialogs over the Designer forms: one base class shows core's validation inline."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from villagedesk.core import ids, people
from villagedesk.core.village import Profile, get_profile, save_profile
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.forms import load_form
from villagedesk.ui.person_picker import PersonPicker

INVALID_STYLE = "border: 1px solid #c0392b;"


class FormDialog(QDialog):
    """A form from forms/, OK/Cancel, and core's UserError shown under the form.

    Subclasses name their .ui file and implement :meth:`save`, which raises
    UserError (with ``field`` set) for bad input; the dialog then stays open,
    marks the field and shows the message.
    """

    form_file = ""
    fields: tuple[str, ...] = ()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.saved: Any = None
        self.form = load_form(self.form_file, self)
        self.setWindowTitle(self.form.windowTitle())
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        for name in self.fields:
            widget = self.field(name)
            signal = widget.textChanged if isinstance(widget, QLineEdit) else widget.currentTextChanged
            signal.connect(lambda _=None, w=widget: self._clear_mark(w))

    def field(self, name: str) -> QWidget:
        widget = self.form.findChild(QWidget, name)
        if widget is None:
            raise LookupError(f"{self.form_file} has no field {name!r}")
        return widget

    def values(self) -> dict[str, str]:
        result = {}
        for name in self.fields:
            widget = self.field(name)
            result[name] = widget.text() if isinstance(widget, QLineEdit) else widget.currentText()
        return result

    def set_values(self, values: dict[str, Any]) -> None:
        for name in self.fields:
            value = values.get(name)
            text = "" if value is None else str(value)
            widget = self.field(name)
            if isinstance(widget, QLineEdit):
                widget.setText(text)
            elif isinstance(widget, QComboBox):
                index = widget.findText(text)
                if index >= 0:
                    widget.setCurrentIndex(index)
                elif widget.isEditable():
                    widget.setEditText(text)

    def fill_combo(self, name: str, items, blank: bool = True) -> None:
        combo: QComboBox = self.field(name)
        combo.clear()
        if blank:
            combo.addItem("")
        combo.addItems(list(items))

    def try_accept(self) -> None:
        try:
            self.saved = self.save(self.values())
        except UserError as err:
            self.show_error(err)
            return
        self.accept()

    def show_error(self, err: UserError) -> None:
        self.error_label.setText(str(err))
        self.error_label.show()
        if err.field and err.field in self.fields:
            # The live hint under a field may already say the same thing: say it once.
            hint = self.form.findChild(QLabel, f"{err.field}_hint")
            if hint is not None:
                hint.clear()
            widget = self.field(err.field)
            widget.setStyleSheet(INVALID_STYLE)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear_mark(self, widget: QWidget) -> None:
        widget.setStyleSheet("")
        self.error_label.hide()


class WidgetFieldsDialog(FormDialog):
    """A FormDialog with composite fields (pickers, lists) named in ``widget_fields``.

    The base class marks line edits and combo boxes; these are marked here.
    """

    widget_fields: tuple[str, ...] = ()

    def field_widget(self, name: str) -> QWidget:
        return self.field(name)

    def show_error(self, err: UserError) -> None:
        super().show_error(err)
        if err.field in self.widget_fields:
            widget = self.field_widget(err.field)
            if isinstance(widget, PersonPicker):
                widget.mark_invalid()
            else:
                widget.setStyleSheet(INVALID_STYLE)
            widget.setFocus()

    def _unmark(self, widget: QWidget) -> None:
        if isinstance(widget, PersonPicker):
            widget.mark_invalid(False)
        else:
            widget.setStyleSheet("")
        self.error_label.hide()


class ProfileDialog(FormDialog):
    form_file = "profile_form.ui"
    fields = ("name", "code", "township", "county", "clerk", "phone")

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        profile = get_profile(store)
        if profile is not None:
            self.set_values(vars(profile))
        self.field("code").textChanged.connect(self._check_code)
        self._check_code(self.field("code").text())

    def _check_code(self, text: str) -> None:
        hint: QLabel = self.form.findChild(QLabel, "code_hint")
        code = text.strip().upper()
        if len(code) == 18:
            problem = ids.uscc_problem(code)
            hint.setText(problem or self.tr("The code is valid."))
        else:
            hint.setText(self.tr("The code has 18 characters; %n entered.", "", len(code)))

    def save(self, values: dict[str, str]) -> Profile:
        return save_profile(self.store, Profile(**values))


class HouseholdDialog(FormDialog):
    form_file = "household_form.ui"
    fields = ("code", "group_name", "address", "phone")

    def __init__(self, store: Store, household_id: int | None = None, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.household_id = household_id
        groups = [r["group_name"] for r in store.rows(
            "SELECT DISTINCT group_name FROM households WHERE group_name != '' ORDER BY group_name")]
        self.fill_combo("group_name", groups)
        if household_id is None:
            self.setWindowTitle(self.tr("New household"))
            self.set_values({"code": people.next_household_code(store)})
        else:
            self.setWindowTitle(self.tr("Edit household"))
            self.set_values(people.get_household(store, household_id))

    def save(self, values: dict[str, str]) -> dict:
        if self.household_id is None:
            return people.add_household(self.store, **values)
        return people.update_household(self.store, self.household_id, **values)


class PersonDialog(FormDialog):
    form_file = "person_form.ui"
    fields = ("name", "id_number", "gender", "birth_date", "relation", "ethnicity", "education",
              "political", "phone")

    def __init__(self, store: Store, household_id: int, person_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(store, parent)
        self.household_id = household_id
        self.person_id = person_id
        self.fill_combo("gender", people.GENDERS)
        self.fill_combo("relation", people.RELATIONS)
        self.fill_combo("ethnicity", people.ETHNICITIES)
        self.fill_combo("education", people.EDUCATION)
        self.fill_combo("political", people.POLITICAL)
        household = people.get_household(store, household_id)
        if person_id is None:
            self.setWindowTitle(self.tr("New person in household %1").replace("%1", household["code"]))
            self.set_values({"ethnicity": "汉族", "political": "群众",
                             "relation": "" if household["head_name"] else people.HEAD})
        else:
            self.setWindowTitle(self.tr("Edit person"))
            self.set_values(people.get_person(store, person_id))
        self.field("id_number").textChanged.connect(self._id_changed)

    def _id_changed(self, text: str) -> None:
        """Check the ID number as it is typed and fill in what it tells."""
        hint: QLabel = self.form.findChild(QLabel, "id_number_hint")
        number = ids.normalize_id(text)
        if len(number) < 18:
            hint.setText("")
            return
        problem = ids.id_number_problem(number)
        if problem:
            hint.setText(problem)
            hint.setStyleSheet("color: #c0392b;")
            return
        hint.setStyleSheet("color: #1e7e34;")
        hint.setText(self.tr("ID number is valid; gender and birth date filled in."))
        self.set_values({**self.values(), "gender": ids.id_gender(number),
                         "birth_date": ids.id_birth_date(number).isoformat()})

    def save(self, values: dict[str, str]) -> dict:
        if self.person_id is None:
            return people.add_person(self.store, self.household_id, **values)
        return people.update_person(self.store, self.person_id, **values)


class MoveDialog(FormDialog):
    form_file = "move_form.ui"
    fields = ("household", "relation")

    def __init__(self, store: Store, person_id: int, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.person_id = person_id
        person = people.get_person(store, person_id)
        self.setWindowTitle(self.tr("Move %1 to another household").replace("%1", person["name"]))
        combo: QComboBox = self.field("household")
        combo.clear()
        for row in store.rows(
            "SELECT h.id, h.code, coalesce(p.name, '') AS head FROM households h LEFT JOIN persons p "
            "ON p.household_id = h.id AND p.relation = '户主' AND p.archived = 0 "
            "WHERE h.archived = 0 AND h.id != ? ORDER BY h.code", (person["household_id"],)
        ):
            combo.addItem(f"{row['code']} {row['head']}".strip(), row["id"])
        combo.setCurrentIndex(-1)
        self.fill_combo("relation", people.RELATIONS)

    def save(self, values: dict[str, str]) -> dict:
        code = values["household"].split(" ")[0].strip().upper()
        household = people.household_by_code(self.store, code) if code else None
        if household is None:
            raise UserError("请选择要迁入的户（输入户编号或从列表中选择）。", field="household")
        return people.move_person(self.store, self.person_id, household["id"], values["relation"])


class ReasonDialog(FormDialog):
    """Asks why a record is archived; ``action(reason)`` does the archiving."""

    form_file = "reason_form.ui"
    fields = ("reason",)

    def __init__(self, store: Store, title: str, explanation: str, reasons, action, parent=None):
        super().__init__(store, parent)
        self.setWindowTitle(title)
        self.form.findChild(QLabel, "explanation").setText(explanation)
        self.fill_combo("reason", reasons)
        self._action = action

    def save(self, values: dict[str, str]) -> Any:
        return self._action(values["reason"])
