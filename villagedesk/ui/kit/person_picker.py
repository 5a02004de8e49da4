"""Choosing people from the register: a search box over a short list of matches.

The clerk types a name, pinyin initials (``zs`` finds 张三), a person code or a
phone number; the list shows the first :data:`LIMIT` matches (姓名, 编号, 组) of
:data:`villagedesk.core.register.lists.PERSONS`, searched in SQL.  Archived persons are
not offered.

One person (a post's holder)::

    picker = PersonPicker(store, parent)
    picker.personChanged.connect(...)      # the chosen id, or None
    picker.person_id                       # the same, read at any time

Several people (a meeting's attendees): ``PersonPicker(store, parent, multi=True)``
puts a check box on every row; ticks survive a new search, so the clerk can find
and tick one person after another.  ``person_ids`` lists them, ``chosenChanged``
says when the ticks change.  In both modes ``chosen()`` gives the chosen persons'
rows (``_id``, name, code, group_name …).

A picker over another list subclasses it and names its :attr:`query`, its
columns, placeholder and how a chosen row is described
(:class:`villagedesk.ui.kit.household_picker.HouseholdPicker` picks households).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from villagedesk.core.register import lists
from villagedesk.store import Store
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.table_model import ListTableModel

#: Matches shown at most; a longer list means the clerk should type more.
LIMIT = 50
INVALID_STYLE = "border: 1px solid #c0392b;"


class PersonPicker(QWidget):
    #: What is searched and chosen from; ``id_expr`` picks rows by id.
    query = lists.PERSONS
    #: Prefix of the search box's and the list's object names.
    object_prefix = "person"
    #: Names listed under a multi picker at most; the rest are counted.
    names_shown = 30

    personChanged = Signal(object)  # single mode: the chosen person's id, or None
    chosenChanged = Signal()  # both modes: the chosen persons changed

    def __init__(self, store: Store, parent: QWidget | None = None, *, multi: bool = False,
                 limit: int = LIMIT, visible_rows: int = 6):
        super().__init__(parent)
        self.store = store
        self.multi = multi
        self.limit = limit
        self._chosen: dict[int, dict] = {}
        self._more = False

        self.search = QLineEdit(self)
        self.search.setObjectName(f"{self.object_prefix}_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.placeholder())
        self.search.installEventFilter(self)

        self.model = ListTableModel(self.columns(), [], None, self, id_key="_id", checkable=multi)
        self.view = QTableView(self)
        self.view.setObjectName(f"{self.object_prefix}_matches")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(0, 110 if multi else 90)
        self.view.setColumnWidth(1, 110)
        self.view.setMinimumHeight(header.sizeHint().height() + 24 * visible_rows + 4)

        self.chosen_label = QLabel(self)
        self.chosen_label.setObjectName(f"{self.object_prefix}_chosen")
        self.chosen_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.chosen_label)
        self.setFocusProxy(self.search)

        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self._choose_best)
        if multi:
            self.model.checkedChanged.connect(self._ticks_changed)
            self.view.activated.connect(self._toggle)
        else:
            self.view.selectionModel().selectionChanged.connect(lambda *_: self._row_chosen())
        self._search("")

    # --- what a subclass changes ---------------------------------------------
    def placeholder(self) -> str:
        return self.tr("Name, pinyin initials (e.g. zs), code or phone")

    def columns(self) -> list[tuple[str, str]]:
        return [("name", self.tr("Name")), ("code", self.tr("Person code")),
                ("group_name", self.tr("Villager group"))]

    def name_of(self, record: dict) -> str:
        """How a chosen row is named in the list of those ticked."""
        return record["name"]

    def nothing_chosen(self) -> str:
        return self.tr("No one chosen yet: click a name in the list.")

    # PySide looks a plural (%n) string up in the calling object's own class only:
    # a subclass gives its own for these two.
    def count_text(self, count: int) -> str:
        """Multi mode: what comes before the names of those ticked."""
        return self.tr("%n chosen: ", "", count)

    def cut_text(self) -> str:
        return self.tr("Only the first %n matches are listed: type more to narrow the search.", "", self.limit)

    def describe(self, record: dict) -> str:
        """How the one chosen row is shown under the list."""
        return " ".join(v for v in (record["name"], record["code"], record["group_name"]) if v)

    # --- what is chosen ------------------------------------------------------
    @property
    def person_id(self) -> int | None:
        """Single mode: the chosen person (multi mode: the first ticked, if any)."""
        ids = self.person_ids
        return ids[0] if ids else None

    @person_id.setter
    def person_id(self, person_id: int | None) -> None:
        self.set_person_ids([] if person_id is None else [person_id])

    @property
    def person_ids(self) -> list[int]:
        return self.model.checked_ids() if self.multi else list(self._chosen)

    def chosen(self) -> list[dict]:
        return [self._chosen[i] for i in self.person_ids if i in self._chosen]

    def set_person_ids(self, ids) -> None:
        """Choose these persons (ids not in the register, or archived, are ignored)."""
        ids = list(dict.fromkeys(ids))
        if not self.multi:
            ids = ids[:1]
        found = {r["_id"]: r for r in self._fetch("", ids)} if ids else {}
        before = self.person_ids
        self._chosen = {i: found[i] for i in ids if i in found}
        if self.multi:
            self.model.blockSignals(True)
            self.model.clear_checked()
            self.model.set_checked(self._chosen)
            self.model.blockSignals(False)
            self.view.viewport().update()
        else:
            self._select_chosen_row()
        self._show_chosen()
        if self.person_ids != before:
            self._announce()

    def clear(self) -> None:
        self.set_person_ids([])

    def mark_invalid(self, on: bool = True) -> None:
        """Outline the search box, as a form marks a field with a problem."""
        self.search.setStyleSheet(INVALID_STYLE if on else "")

    # --- searching -----------------------------------------------------------
    def _fetch(self, text: str, ids=None) -> list[dict]:
        if ids:
            return self.query.fetch_ids(self.store, ids)
        return self.query.fetch(self.store, text, limit=self.limit)

    def _search(self, text: str) -> None:
        self.mark_invalid(False)
        rows = self._fetch(text.strip())
        self.model.set_rows(rows)
        self._more = len(rows) >= self.limit
        self._select_chosen_row()
        self._show_chosen()

    def refresh(self) -> None:
        self._search(self.search.text())

    def _select_chosen_row(self) -> None:
        if self.multi:
            return
        selection = self.view.selectionModel()
        selection.blockSignals(True)
        try:
            selection.clearSelection()
            row = self.model.row_of(self.person_id) if self.person_id is not None else None
            if row is not None:
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                selection.setCurrentIndex(self.model.index(row, 0), flags)
        finally:
            selection.blockSignals(False)
        self.view.viewport().update()

    def _row_chosen(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        record = self.model.record(rows[0].row()) if rows else None
        if record is None or record["_id"] in self._chosen:
            return  # a cleared selection (new search) keeps who was chosen
        self._chosen = {record["_id"]: record}
        self._show_chosen()
        self._announce()

    def _choose_best(self) -> None:
        """Enter in the search box: the highlighted match, else the first."""
        if self.model.rowCount() == 0:
            return
        rows = self.view.selectionModel().selectedRows()
        row = rows[0].row() if rows else 0
        if self.multi:
            self._toggle(self.model.index(row, 0))
        else:
            self.view.selectRow(row)

    def _toggle(self, index) -> None:
        record_id = self.model.record_id(index.row())
        if record_id is not None:
            self.model.set_checked([record_id], record_id not in self.model.checked_ids())

    def _ticks_changed(self) -> None:
        ticked = self.model.checked_ids()
        shown = {r["_id"]: r for r in self.model.rows()}
        self._chosen = {i: self._chosen.get(i) or shown.get(i) for i in ticked}
        self._chosen = {i: r for i, r in self._chosen.items() if r is not None}
        self._show_chosen()
        self._announce()

    def _announce(self) -> None:
        self.mark_invalid(False)
        if not self.multi:
            self.personChanged.emit(self.person_id)
        self.chosenChanged.emit()

    def _show_chosen(self) -> None:
        chosen = self.chosen()
        if not chosen:
            text = self.nothing_chosen()
        elif self.multi:
            names = "、".join(self.name_of(r) for r in chosen[:self.names_shown])
            text = self.count_text(len(chosen)) + names + ("…" if len(chosen) > self.names_shown else "")
        else:
            text = fmt(self.tr("Chosen: %1"), self.describe(chosen[0]))
        if self._more:
            text += "\n" + self.cut_text()
        self.chosen_label.setText(text)

    # --- keys ----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down / Up in the search box move through the matches without leaving it."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
                rows = self.view.selectionModel().selectedRows()
                row = rows[0].row() if rows else -1
                row = row + 1 if key == Qt.Key.Key_Down else row - 1
                self.view.selectRow(max(0, min(self.model.rowCount() - 1, row)))
                return True
        return super().eventFilter(watched, event)
