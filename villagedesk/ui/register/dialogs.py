"""The register's forms: a household, a person, moving a person to another household."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from villagedesk.core.common import ids
from villagedesk.core.register import people
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import FormDialog
from villagedesk.ui.kit.messages import fmt


class HouseholdDialog(FormDialog):
    form_file = "household_form.ui"
    fields = ("code", "group_name", "address", "phone")

    def __init__(self, store: Store, household_id: int | None = None, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.household_id = household_id
        groups = people.group_names(store)
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
            self.setWindowTitle(fmt(self.tr("New person in household %1"), household["code"]))
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
        self.setWindowTitle(fmt(self.tr("Move %1 to another household"), person["name"]))
        combo: QComboBox = self.field("household")
        combo.clear()
        for row in people.household_choices(store, except_id=person["household_id"]):
            combo.addItem(f"{row['code']} {row['head']}".strip(), row["id"])
        combo.setCurrentIndex(-1)
        self.fill_combo("relation", people.RELATIONS)

    def save(self, values: dict[str, str]) -> dict:
        code = values["household"].split(" ")[0].strip().upper()
        household = people.household_by_code(self.store, code) if code else None
        if household is None:
            raise UserError("请选择要迁入的户（输入户编号或从列表中选择）。", field="household")
        return people.move_person(self.store, self.person_id, household["id"], values["relation"])
