"""The household register page: persons and households, searched as you type."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QMessageBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from villagedesk.core.register import lists, people
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import ReasonDialog, notify
from villagedesk.ui.kit.file_dialogs import ask_open
from villagedesk.ui.kit.list_tab import ListTab
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.table_model import PagedTableModel
from villagedesk.ui.kit.tables import selected_record
from villagedesk.ui.register.dialogs import HouseholdDialog, MoveDialog, PersonDialog


def _archived(value) -> str:
    return "已归档" if value else ""


class HouseholdsPage(ListTab):
    """Search box, a persons tab and a households tab with the chosen household's members."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.search = self._search_box(self.tr("Search: name, pinyin initials (e.g. zs), code, ID number or phone"))
        self.show_archived = QCheckBox(self.tr("Show archived"), self)

        self._build_lists()

        bar = self._bar((
            ("add_household", self.tr("New household"), self.add_household),
            ("add_person", self.tr("New person"), self.add_person),
            ("edit", self.tr("Edit"), self.edit),
            ("move", self.tr("Move to household…"), self.move_person),
            ("archive", self.tr("Archive"), self.archive),
            ("import", self.tr("Import roster…"), self.import_roster),
        ))

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_archived)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)

        self.search.textChanged.connect(self._search)
        self.show_archived.toggled.connect(self._archived_toggled)
        self.persons_view.doubleClicked.connect(lambda _i: self.edit())
        self.households_view.doubleClicked.connect(lambda _i: self.edit())
        self.members_view.doubleClicked.connect(lambda _i: self._edit_person(self.selected_id(self.members_view)))
        self.households_view.selectionModel().selectionChanged.connect(self._household_chosen)
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())
        self.persons_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.members_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def _build_lists(self) -> None:
        """Persons on one tab; households and the chosen one's members on the other."""
        person_columns = [
            ("code", self.tr("Person code")), ("name", self.tr("Name")), ("gender", self.tr("Gender")),
            ("birth_date", self.tr("Birth date")), ("id_number", self.tr("ID number")),
            ("relation", self.tr("Relation to head")), ("group_name", self.tr("Villager group")),
            ("phone", self.tr("Phone")), ("political", self.tr("Political status")),
            ("archived", self.tr("Status")),
        ]
        household_columns = [
            ("code", self.tr("Household code")), ("head_name", self.tr("Head")),
            ("group_name", self.tr("Villager group")), ("address", self.tr("Address")),
            ("phone", self.tr("Phone")), ("member_count", self.tr("Members")),
            ("archived", self.tr("Status")),
        ]
        fmt = {"archived": _archived}
        self.persons = PagedTableModel(self.store, lists.PERSONS, person_columns, fmt, self)
        self.households = PagedTableModel(self.store, lists.HOUSEHOLDS, household_columns, fmt, self)
        self.members = PagedTableModel(self.store, lists.PERSONS, person_columns, fmt, self)
        self.members.set_filter(*lists.members_filter(None))

        self.persons_view = self._table(self.persons, "persons_view")
        self.households_view = self._table(self.households, "households_view")
        self.members_view = self._table(self.members, "members_view")

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.persons_view, self.tr("Persons"))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.households_view)
        split.addWidget(self.members_view)
        split.setSizes([400, 200])
        self.tabs.addTab(split, self.tr("Households"))

    # --- selection ----------------------------------------------------------
    def on_households_tab(self) -> bool:
        return self.tabs.currentIndex() == 1

    def selected_household(self) -> int | None:
        if self.on_households_tab():
            return self.selected_id(self.households_view)
        person = self.selected_id(self.persons_view)
        return people.get_person(self.store, person)["household_id"] if person else None

    def selected_person(self) -> int | None:
        view = self.members_view if self.on_households_tab() else self.persons_view
        return self.selected_id(view)

    def _household_chosen(self, *_args) -> None:
        household = self.selected_id(self.households_view)
        self.members.set_filter(*lists.members_filter(household))
        self._update_buttons()

    def _update_buttons(self) -> None:
        person = self.selected_person() is not None
        household = self.selected_household() is not None
        self.buttons["add_person"].setEnabled(household)
        self.buttons["move"].setEnabled(person)
        target = household if self.on_households_tab() else person
        self.buttons["edit"].setEnabled(target)
        self.buttons["archive"].setEnabled(target)
        # An archived record is brought back, not archived twice.
        archived = self._selected_record_archived()
        self.buttons["archive"].setText(self.tr("Restore") if archived else self.tr("Archive"))

    def show_household(self, household_id: int) -> bool:
        """The households tab searched for one household's code, that household chosen; False when it is gone."""
        household = people.get_household(self.store, household_id)
        if household is None:
            return False
        return self._show(1, self.households_view, household["code"], household_id, household["archived"])

    def show_person(self, person_id: int) -> bool:
        """The persons tab searched for one person's code, that person chosen; False when the person is gone."""
        person = people.get_person(self.store, person_id)
        if person is None:
            return False
        return self._show(0, self.persons_view, person["code"], person_id, person["archived"])

    def _show(self, tab: int, view: QTableView, code: str, record_id: int, archived) -> bool:
        self.tabs.setCurrentIndex(tab)
        if archived:
            self.show_archived.setChecked(True)
        self.search.setText(code)
        self.select(record_id, view)  # a search by code finds only a few: they are on the first page
        return True

    # --- filters ------------------------------------------------------------
    def _search(self, text: str) -> None:
        for model in (self.persons, self.households):
            model.set_search(text)
        self._household_chosen()

    def _archived_toggled(self, on: bool) -> None:
        for model in (self.persons, self.households, self.members):
            model.set_include_archived(on)

    def refresh(self) -> None:
        for model in (self.persons, self.households, self.members):
            model.refresh()
        self._update_buttons()
        self.changed.emit()

    # --- actions ------------------------------------------------------------
    def add_household(self) -> None:
        dialog = HouseholdDialog(self.store, None, self)
        if self._done(dialog):
            self._household_saved(dialog.saved)
            # A new household starts with its head: ask for them at once.
            PersonDialog(self.store, dialog.saved["id"], None, self).exec()
            self.refresh()

    def _household_saved(self, household: dict) -> None:
        notify(self, fmt(self.tr("Household %1 saved."), household["code"]))

    def add_person(self) -> None:
        household = self.selected_household()
        if household is None:
            QMessageBox.information(self, self.tr("New person"), self.tr("Select a household first."))
            return
        self._done(PersonDialog(self.store, household, None, self))

    def edit(self) -> None:
        """Households tab: the household (members open with a double-click); else the person."""
        if self.on_households_tab():
            household = self.selected_id(self.households_view)
            if household is not None and self._done(dialog := HouseholdDialog(self.store, household, self)):
                self._household_saved(dialog.saved)
            return
        self._edit_person(self.selected_id(self.persons_view))

    def _edit_person(self, person_id: int | None) -> None:
        if person_id is None:
            return
        person = people.get_person(self.store, person_id)
        self._done(PersonDialog(self.store, person["household_id"], person_id, self))

    def move_person(self) -> None:
        person = self.selected_person()
        if person is not None:
            self._done(MoveDialog(self.store, person, self))

    def _selected_record_archived(self) -> bool:
        record = selected_record(self.households_view if self.on_households_tab() else self.persons_view)
        return bool(record and record["archived"])

    def archive(self) -> None:
        if self._selected_record_archived():
            self.restore()
            return
        person = None if self.on_households_tab() else self.selected_id(self.persons_view)
        if person is not None:
            record = people.get_person(self.store, person)
            dialog = ReasonDialog(
                self.store, self.tr("Archive person"),
                fmt(self.tr("%1 will be archived, not deleted: the record stays in the register "
                        "and can be shown with “Show archived”."), record["name"]),
                ("迁出", "去世", "户口注销", "其他"),
                lambda reason: people.archive_person(self.store, person, reason), self)
            self._done(dialog)
            return
        household = self.selected_id(self.households_view)
        if household is not None:
            record = people.get_household(self.store, household)
            dialog = ReasonDialog(
                self.store, self.tr("Archive household"),
                fmt(self.tr("Household %1 and all its members will be archived, not deleted."), record["code"]),
                ("整户迁出", "户口注销", "合户", "其他"),
                lambda reason: people.archive_household(self.store, household, reason), self)
            self._done(dialog)

    def restore(self) -> None:
        """Undo an archiving made by mistake (the audit keeps both steps)."""
        if self.on_households_tab():
            household = self.selected_id(self.households_view)
            self._act(self.tr("Restore"), lambda: people.restore_household(self.store, household))
        else:
            person = self.selected_id(self.persons_view)
            self._act(self.tr("Restore"), lambda: people.restore_person(self.store, person))

    def import_roster(self) -> None:
        path = ask_open(self, self.tr("Import household roster"), self.tr("Excel workbooks (*.xlsx)"))
        if path is None:
            return
        from villagedesk.ui.kit.import_dialog import start_roster_import  # loads openpyxl: not at start-up

        start_roster_import(self, self.store, path, self.refresh)
