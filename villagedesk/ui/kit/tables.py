"""Tables every page uses: the list look, column widths by key, the selected record and the right-click menu."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLayout,
    QListWidget,
    QMenu,
    QPushButton,
    QTableView,
    QWidget,
)

from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.print_preview import direct_print
from villagedesk.ui.kit.table_model import PagedTableModel

# Pixel widths of a list's columns, by key, that fit the longest usual value (an 18-digit ID, a 12-character code).
_WIDTHS = {"code": 120, "name": 80, "gender": 50, "birth_date": 100, "id_number": 175, "relation": 90,
           "group_name": 120, "phone": 120, "political": 100, "head_name": 80, "address": 220,
           "member_count": 80}

#: Free-text columns: they give up width first when a list is narrower than its columns, so the
#: short ones beside them (amounts, status, dates) stay in view on a 1366-pixel laptop.
ELASTIC = frozenset({"address", "content", "department", "discussion", "evidence", "goods", "item", "note",
                     "place", "reason", "resolution", "result", "text", "title", "topic"})
#: Narrowest a free-text column is made (its text is then cut with "…"; the tooltip or the
#: record's own view has it whole).
ELASTIC_MIN = 80


class _ColumnFit(QObject):
    """Narrows a table's free-text columns (:data:`ELASTIC`) while the table is narrower than its
    columns, and gives them back their width when it grows again."""

    def __init__(self, view: QTableView):
        super().__init__(view)
        self.view = view
        self.wanted: dict[int, int] | None = None  # the widths the page chose, by column
        self._fitting = False
        view.viewport().installEventFilter(self)
        view.horizontalHeader().sectionResized.connect(self._resized)

    def _elastic(self) -> list[int]:
        model = self.view.model()
        keys = model.keys() if hasattr(model, "keys") else []
        return [c for c, key in enumerate(keys) if key in ELASTIC and not self.view.isColumnHidden(c)]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        header = self.view.horizontalHeader()
        columns = self._elastic()
        if not columns:
            return
        if self.wanted is None:
            self.wanted = {c: header.sectionSize(c) for c in columns}
        self._fitting = True
        try:
            for column in columns:
                header.resizeSection(column, self.wanted.get(column, header.sectionSize(column)))
            over = header.length() - self.view.viewport().width()
            for column in sorted(columns, key=header.sectionSize, reverse=True):
                if over <= 0:
                    break
                cut = min(over, header.sectionSize(column) - ELASTIC_MIN)
                if cut > 0:
                    header.resizeSection(column, header.sectionSize(column) - cut)
                    over -= cut
        finally:
            self._fitting = False

    def _resized(self, column: int, _old: int, new: int) -> None:
        if not self._fitting and self.wanted is not None and column in self.wanted:
            self.wanted[column] = new  # the clerk widened or narrowed it by hand


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
    attach_row_menu(view)
    view.column_fit = _ColumnFit(view)
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


def select_record(view: QTableView, key) -> bool:
    """Select the row of the record whose key is ``key`` (its model's ``row_of``); False when it is not shown."""
    row = view.model().row_of(key)
    if row is None:
        return False
    view.selectRow(row)
    return True


# --- the right-click menu ---------------------------------------------------------------------------

def attach_row_menu(view: QAbstractItemView) -> None:
    """A right-click on a row chooses it and offers what the page's buttons beside the list do with it."""
    if view.property("row_menu"):
        return
    view.setProperty("row_menu", True)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(lambda pos: row_menu(view, pos).exec(view.viewport().mapToGlobal(pos)))


def row_menu(view: QAbstractItemView, pos: QPoint) -> QMenu:
    """The menu for the row at ``pos`` (viewport coordinates): the nearest buttons' actions (a print
    button's also as Print directly), then Copy.

    The row is chosen first, so the buttons have followed the choice (enabled or not) when
    the menu mirrors them; a list with no buttons beside it offers Open (its double-click).
    """
    index = view.indexAt(pos)
    if index.isValid() and view.selectionModel() is not None:
        view.setCurrentIndex(index)
        if isinstance(view, QTableView):
            view.selectRow(index.row())
    menu = QMenu(view)
    menu.setObjectName("row_menu")
    buttons = nearby_buttons(view)
    for button in buttons:
        action = QAction(button.text().replace("&", ""), menu)
        action.setEnabled(button.isEnabled())
        action.setToolTip(button.toolTip())
        action.triggered.connect(button.click)
        menu.addAction(action)
        if button.objectName().startswith("print_"):
            # Beside the print preview, the same printout straight to the default printer.
            direct = QAction(QCoreApplication.translate("RowMenu", "Print directly"), menu)
            direct.setObjectName("direct_print")
            direct.setEnabled(button.isEnabled())
            direct.triggered.connect(lambda _checked=False, b=button: direct_print(b))
            menu.addAction(direct)
    if not buttons and index.isValid():
        menu.addAction(QCoreApplication.translate("RowMenu", "Open"), lambda: _open(view, index))
    if index.isValid():
        if not menu.isEmpty():
            menu.addSeparator()
        text = str(index.data() if index.data() is not None else "")
        shown = text if len(text) <= 20 else text[:20] + "…"
        copy = menu.addAction(fmt(QCoreApplication.translate("RowMenu", "Copy “%1”"), shown))
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(text))
        copy.setEnabled(bool(text))
    return menu


def _open(view: QAbstractItemView, index: QModelIndex) -> None:
    """What a double-click on the row does (a list widget that opens on activation is activated)."""
    if isinstance(view, QListWidget) and view.receivers("2itemActivated(QListWidgetItem*)"):
        view.itemActivated.emit(view.item(index.row()))
    else:
        view.doubleClicked.emit(index)


def nearby_buttons(view: QWidget) -> list[QPushButton]:
    """The push buttons nearest to ``view`` in the layouts around it, shown and in their order.

    The innermost layout holding the list and any button wins (a list with its own row of
    buttons under it); else the next one out, up to the page.  OK / Cancel of a dialog are not the
    list's actions.
    """
    widget = view
    while widget is not None and not widget.isWindow():
        parent = widget.parentWidget()
        if parent is None:
            break
        layout = parent.layout()
        chain = _layouts_holding(layout, widget) if layout is not None else []
        for inner in reversed(chain):
            found = [b for b in _buttons_in(inner) if b.isVisibleTo(parent)]
            if found:
                return found
        widget = parent
    return []


def _layouts_holding(layout: QLayout, widget: QWidget) -> list[QLayout]:
    """The layouts from ``layout`` down to the one that holds ``widget`` (empty when none does)."""
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is widget:
            return [layout]
        inner = item.layout()
        if inner is not None:
            below = _layouts_holding(inner, widget)
            if below:
                return [layout, *below]
    return []


def _buttons_in(layout: QLayout) -> list[QPushButton]:
    found: list[QPushButton] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        child = item.widget()
        if isinstance(child, QPushButton):
            found.append(child)
        elif child is not None and not isinstance(child, (QAbstractItemView, QDialogButtonBox)):
            # A panel holding a list of its own holds that list's buttons, not ours.
            if not child.findChildren(QAbstractItemView):
                found.extend(b for b in child.findChildren(QPushButton)
                             if not isinstance(b.parentWidget(), QDialogButtonBox))
        elif item.layout() is not None:
            found.extend(_buttons_in(item.layout()))
    return found
