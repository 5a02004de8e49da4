"""One table model for every list: pages rows out of SQLite on demand.

The row count is one COUNT query; rows are fetched a page at a time when the view
asks for them, and sorting and searching are ORDER BY and WHERE in SQL.  A list of
ten thousand persons therefore costs the window a few pages, never the whole table.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from villagedesk.core.listing import ListQuery
from villagedesk.store import Store

PAGE = 200
KEEP_PAGES = 30

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
Formatter = Callable[[object], str]


class PagedTableModel(QAbstractTableModel):
    def __init__(self, store: Store, query: ListQuery, columns: list[tuple[str, str]],
                 formatters: dict[str, Formatter] | None = None, parent=None):
        super().__init__(parent)
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

    def refresh(self) -> None:
        self.beginResetModel()
        self._pages.clear()
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
            value = record.get(key)
            formatter = self._formatters.get(key)
            if formatter is not None:
                return formatter(value)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ForegroundRole and record.get("archived"):
            return Qt.GlobalColor.gray
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._order = self._columns[column][0]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

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
