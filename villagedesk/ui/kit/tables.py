"""Tables every page uses: the list look, column widths by key, and the selected record."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from villagedesk.ui.kit.table_model import PagedTableModel

# Pixel widths of a list's columns, by key, that fit the longest usual value (an 18-digit ID, a 12-character code).
_WIDTHS = {"code": 120, "name": 80, "gender": 50, "birth_date": 100, "id_number": 175, "relation": 90,
           "group_name": 120, "phone": 120, "political": 100, "head_name": 80, "address": 220,
           "member_count": 80}


def make_table(model: PagedTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setDefaultSectionSize(110)
    for column, key in enumerate(model.keys()):
        if key in _WIDTHS:
            view.setColumnWidth(column, _WIDTHS[key])
    return view


# The editors' smaller tables (agenda, resolutions, attendance, …).
_EDITOR_WIDTHS = {"seq": 45, "topic": 220, "discussion": 360, "text": 300, "agenda_topic": 150, "votes": 150,
           "verdict": 70, "name": 90, "code": 90, "group_name": 110, "note": 160, "amended_on": 95,
           "author": 80, "reason": 150, "raised_by": 80, "category": 75, "content": 260, "handling": 75,
           "owner": 70, "deadline": 95, "status": 65}


def small_table(model, parent: QWidget, name: str, sortable: bool = False) -> QTableView:
    """A table of the editor: the register's table look, column widths by key, in the rows' own order."""
    view = make_table(model, parent)
    view.setObjectName(name)
    view.setSortingEnabled(sortable)
    for column, key in enumerate(model.keys()):
        if key in _EDITOR_WIDTHS:
            view.setColumnWidth(column, _EDITOR_WIDTHS[key])
    return view


def selected_record(view: QTableView) -> dict | None:
    rows = view.selectionModel().selectedRows()
    return view.model().record(rows[0].row()) if rows else None
