"""Table models: pages rows out of SQLite on demand, or shows a short list.

:class:`PagedTableModel` is for every list that can grow: the row count is one COUNT
query; rows are fetched a page at a time when the view asks for them, and sorting
and searching are ORDER BY and WHERE in SQL.  A list of ten thousand persons
therefore costs the window a few pages, never the whole table.

:class:`ListTableModel` is for lists that stay short by nature (a committee, one
person's posts, fifty search matches): the page hands it a list of dicts.

Both take ``columns`` as ``[(key, translated header)]`` and ``formatters`` as
``{key: value -> str}``; a key without a formatter shows ``str(value)`` and
None as empty.  Rows a model greys out: archived records, or whatever the
``muted`` test of a ListTableModel says.  Rows that must stand out (an overdue
request) get the colours ``foreground(record)`` and ``background(record)`` return
(None: as usual); both are optional keywords of either model.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from villagedesk.core.common.listing import ListQuery
from villagedesk.store import Store

PAGE = 200
KEEP_PAGES = 30

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
Formatter = Callable[[object], str]
RowColour = Callable[[dict], QColor | None]
# A QColor, not Qt.GlobalColor: the delegate ignores an enum in ForegroundRole.
_MUTED = QColor(Qt.GlobalColor.gray)


def display(record: dict, key: str, formatters: dict[str, Formatter]) -> str:
    """The text of one cell: the column's formatter, else the value as text."""
    value = record.get(key)
    formatter = formatters.get(key)
    if formatter is not None:
        return formatter(value)
    return "" if value is None else str(value)


def _colour(colours: tuple[RowColour | None, RowColour | None], record: dict, role: int) -> QColor | None:
    """The row's own text or background colour, when the model was given one for it."""
    foreground, background = colours
    if role == Qt.ItemDataRole.ForegroundRole and foreground is not None:
        return foreground(record)
    if role == Qt.ItemDataRole.BackgroundRole and background is not None:
        return background(record)
    return None


class PagedTableModel(QAbstractTableModel):
    def __init__(self, store: Store, query: ListQuery, columns: list[tuple[str, str]],
                 formatters: dict[str, Formatter] | None = None, parent=None, *,
                 foreground: RowColour | None = None, background: RowColour | None = None):
        super().__init__(parent)
        self._colours = (foreground, background)
        self._store = store
        self._query = query
        self._columns = columns  # (key, translated header)
        self._formatters = formatters or {}
        self._text = ""
        self._archived = False
        self._extra: tuple[str, tuple] = ("", ())
        self._order: str | None = None
        self._descending = False
        self._pages: OrderedDict[int, list[dict]] = OrderedDict()
        self._count = self._fetch_count()

    # --- what the list shows ---------------------------------------------
    def set_search(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.refresh()

    def set_include_archived(self, on: bool) -> None:
        if on != self._archived:
            self._archived = on
            self.refresh()

    def set_filter(self, sql: str, params: tuple = ()) -> None:
        """An extra WHERE clause fixed by the page (e.g. one household's members)."""
        if (sql, params) != self._extra:
            self._extra = (sql, params)
            self.refresh()

    def refresh(self, recount: bool = True) -> None:
        self.beginResetModel()
        self._pages.clear()
        if recount:
            self._count = self._fetch_count()
        self.endResetModel()

    def keys(self) -> list[str]:
        return [key for key, _header in self._columns]

    def record_id(self, row: int) -> int | None:
        record = self._row(row)
        return None if record is None else record["_id"]

    def record(self, row: int) -> dict | None:
        return self._row(row)

    def row_of(self, record_id: int) -> int | None:
        """Row of a record among the rows already fetched (for reselecting after edits)."""
        for page, rows in self._pages.items():
            for offset, record in enumerate(rows):
                if record["_id"] == record_id:
                    return page * PAGE + offset
        return None

    def locate(self, record_id: int) -> int | None:
        """Row of a record anywhere in the list, reading page after page until it is found (a jump
        to one record from elsewhere: the list stays whole around it); None when it is not listed."""
        row = self.row_of(record_id)
        page = 0
        while row is None and page * PAGE < self._count:
            self._row(page * PAGE)  # reads that page
            found = next((n for n, r in enumerate(self._pages.get(page, ())) if r["_id"] == record_id), None)
            row = None if found is None else page * PAGE + found
            page += 1
        return row

    # --- Qt model API -----------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self._row(index.row())
        if record is None:
            return None
        key = self._columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(record, key, self._formatters)
        if role == Qt.ItemDataRole.ForegroundRole and record.get("archived"):
            return _MUTED
        return _colour(self._colours, record, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Column -1 is Qt's "not sorted": the list's own default order.
        key = self._columns[column][0] if column >= 0 else None
        descending = column >= 0 and order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._order, self._descending) and self._pages:
            return  # Qt sorts again on every setSortingEnabled/sortByColumn: same order, same rows
        self._order, self._descending = key, descending
        # The same rows in another order: the count (a scan of a million entries) stands.
        self.refresh(recount=False)

    # --- paging -----------------------------------------------------------
    def _fetch_count(self) -> int:
        sql, params = self._extra
        return self._query.count(self._store, self._text, self._archived, sql, params)

    def _row(self, row: int) -> dict | None:
        if not 0 <= row < self._count:
            return None
        page_no, offset = divmod(row, PAGE)
        page = self._pages.get(page_no)
        if page is None:
            sql, params = self._extra
            page = self._query.fetch(
                self._store, self._text, order=self._order, descending=self._descending,
                offset=page_no * PAGE, limit=PAGE, include_archived=self._archived,
                extra=sql, params=params,
            )
            self._pages[page_no] = page
            while len(self._pages) > KEEP_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page[offset] if offset < len(page) else None


class ListTableModel(QAbstractTableModel):
    """A short list of dicts as a table (sorted in Python: only for lists of a few hundred rows).

    ``id_key`` names the field that identifies a row (``"_id"`` for rows of a
    :class:`~villagedesk.core.common.listing.ListQuery`).  With ``checkable`` the first
    column carries a check box; the checked ids survive :meth:`set_rows`, so a
    list re-filled by a search keeps what was ticked before.
    """

    checkedChanged = Signal()

    def __init__(self, columns: list[tuple[str, str]], rows: list[dict] | None = None,
                 formatters: dict[str, Formatter] | None = None, parent=None, *,
                 id_key: str = "id", muted: Callable[[dict], bool] | None = None,
                 checkable: bool = False, foreground: RowColour | None = None,
                 background: RowColour | None = None):
        super().__init__(parent)
        self._colours = (foreground, background)
        self._columns = columns
        self._formatters = formatters or {}
        self._id_key = id_key
        self._muted = muted
        self._checkable = checkable
        self._checked: set = set()
        self._given: list[dict] = list(rows or [])
        self._rows: list[dict] = list(self._given)
        self._sort: tuple[int, bool] | None = None

    # --- what the list shows ---------------------------------------------
    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._given = list(rows)
        self._rows = self._sorted(self._given)
        self.endResetModel()

    def rows(self) -> list[dict]:
        return list(self._rows)

    def keys(self) -> list[str]:
        return [key for key, _header in self._columns]

    def record(self, row: int) -> dict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def record_id(self, row: int):
        record = self.record(row)
        return None if record is None else record.get(self._id_key)

    def row_of(self, record_id) -> int | None:
        for row, record in enumerate(self._rows):
            if record.get(self._id_key) == record_id:
                return row
        return None

    # --- check boxes --------------------------------------------------------
    def checked_ids(self) -> list:
        """Checked ids in the order of the rows shown, then any no longer shown."""
        shown = [r.get(self._id_key) for r in self._rows if r.get(self._id_key) in self._checked]
        return shown + sorted(self._checked - set(shown), key=str)

    def set_checked(self, ids, on: bool = True) -> None:
        before = set(self._checked)
        if on:
            self._checked |= set(ids)
        else:
            self._checked -= set(ids)
        if self._checked != before:
            self._checked_changed()

    def clear_checked(self) -> None:
        if self._checked:
            self._checked.clear()
            self._checked_changed()

    def _checked_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.checkedChanged.emit()

    # --- Qt model API -----------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section][1]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self._checkable and index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        record = self.record(index.row()) if index.isValid() else None
        if record is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return display(record, self._columns[index.column()][0], self._formatters)
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable and index.column() == 0:
            on = record.get(self._id_key) in self._checked
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and self._muted is not None and self._muted(record):
            return _MUTED
        return _colour(self._colours, record, role)

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not (self._checkable and index.isValid() and index.column() == 0
                and role == Qt.ItemDataRole.CheckStateRole):
            return False
        record_id = self.record(index.row()).get(self._id_key)
        on = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        if on:
            self._checked.add(record_id)
        else:
            self._checked.discard(record_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checkedChanged.emit()
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = None if column < 0 else (column, order == Qt.SortOrder.DescendingOrder)
        self.beginResetModel()
        self._rows = self._sorted(self._given)
        self.endResetModel()

    def _sorted(self, rows: list[dict]) -> list[dict]:
        """By the shown text of the column (empty last); without a sort column, as given."""
        if self._sort is None or not 0 <= self._sort[0] < len(self._columns):
            return list(rows)
        column, descending = self._sort
        key = self._columns[column][0]

        def value(record: dict) -> tuple:
            raw = record.get(key)
            if isinstance(raw, int | float) and not isinstance(raw, bool):
                return (0, raw, "")
            return (1, 0, display(record, key, self._formatters))

        present = [r for r in rows if r.get(key) not in (None, "")]
        missing = [r for r in rows if r.get(key) in (None, "")]
        return sorted(present, key=value, reverse=descending) + missing
