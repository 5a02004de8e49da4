"""The shape every list page and tab shares: tables, the chosen record, forms run on it.

A page of the window is mostly the same few moves around a table (a
:class:`~villagedesk.ui.kit.table_model.PagedTableModel` or a short
:class:`~villagedesk.ui.kit.table_model.ListTableModel`): find the record the
clerk chose, open a form on it, and when the form saved, reread the list and tell
the window; an action without a form shows core's refusal (a UserError) in a
message box and writes nothing (docs/ARCHITECTURE.md, "the GUI asks, core
decides").  :class:`ListTab` holds those moves once; a page subclasses it,
builds its widgets, sets ``self.view`` to its main table and defines
:meth:`ListTab.refresh`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from villagedesk.documents.protect import OpenPassword
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.kit.print_preview import BackgroundPrint, village_name
from villagedesk.ui.kit.tables import make_table, selected_record
from villagedesk.ui.kit.widgets import button_bar, push_button
from villagedesk.ui.kit.workers import Job


class ListTab(QWidget):
    """A page (or one tab of a page) over lists, with its buttons by key in ``self.buttons``."""

    #: Something was written: the page tells its other tabs and the window.
    changed = Signal()
    #: Pixel widths of this page's columns, by key (on top of the kit's own, see tables.make_table).
    WIDTHS: dict[str, int] = {}
    #: The width of a column WIDTHS does not name; None keeps the kit's.
    DEFAULT_WIDTH: int | None = None
    #: After a form saved: choose what it saved (its ``saved["id"]``) in the main list.
    FOLLOW_SAVED = False
    #: The last long job started here (tests wait for it); set by the actions that start one.
    job: Job | None = None

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.buttons: dict[str, QPushButton] = {}
        self.view: QTableView | None = None  # the main list, set by the subclass
        self.printer = BackgroundPrint(self, store)

    def refresh(self) -> None:
        """Reread what the page shows from the database."""
        raise NotImplementedError

    # --- building ---------------------------------------------------------------------------------
    def _bar(self, specs: Iterable[tuple[str, str, Callable]]) -> QHBoxLayout:
        return button_bar(self, specs, self.buttons)

    def _button(self, key: str, text: str, slot: Callable) -> QPushButton:
        return push_button(self, key, text, slot, self.buttons)

    def _table(self, model, name: str, **widths: int) -> QTableView:
        """A list's table, named ``name`` (tests find it by that), its columns sized by key."""
        view = make_table(model, self)
        view.setObjectName(name)
        self._size_columns(view, **widths)
        return view

    def _size_columns(self, view: QTableView, **widths: int) -> None:
        sizes = {**self.WIDTHS, **widths}
        for column, key in enumerate(view.model().keys()):
            width = sizes.get(key, self.DEFAULT_WIDTH)
            if width is not None:
                view.setColumnWidth(column, width)

    def _search_box(self, placeholder: str) -> QLineEdit:
        box = QLineEdit(self)
        box.setObjectName("search")
        box.setClearButtonEnabled(True)
        box.setPlaceholderText(placeholder)
        return box

    def _combo(self, name: str, length: int = 0) -> QComboBox:
        """A chooser named ``name``; ``length`` characters wide at least, when given."""
        combo = QComboBox(self)
        combo.setObjectName(name)
        if length:
            combo.setMinimumContentsLength(length)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return combo

    def _notice_label(self) -> QLabel:
        """The green line that says what the last step did (see :meth:`_say`); hidden until then."""
        label = QLabel(self)
        label.setObjectName("notice")
        label.setWordWrap(True)
        label.setStyleSheet("color: #1e7e34;")
        label.hide()
        return label

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _detail_label(self, name: str) -> QLabel:
        """The chosen record in words, selectable to copy from."""
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return label

    # --- the chosen record ----------------------------------------------------------------------------
    def selected(self) -> dict | None:
        """The record chosen in the main list."""
        return selected_record(self.view)

    def selected_id(self, view: QTableView | None = None) -> Any:
        """The id of the record chosen in a list (the main one unless ``view``), as its model names it."""
        view = view if view is not None else self.view
        rows = view.selectionModel().selectedRows()
        return view.model().record_id(rows[0].row()) if rows else None

    def select(self, record_id: Any, view: QTableView | None = None) -> bool:
        """Choose a record in a list (the main one unless ``view``); False when it is not among the rows read."""
        view = view if view is not None else self.view
        model = view.model()
        model.record(0)  # a paged list reads its first page, where a new or changed row usually is
        row = model.row_of(record_id)
        if row is not None:
            view.selectRow(row)
        return row is not None

    # --- acting -----------------------------------------------------------------------------------------
    def _warn(self, title: str, err: UserError) -> None:
        QMessageBox.warning(self, title, str(err))

    def _confirm(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    def _done(self, dialog: QDialog) -> bool:
        """Run a form; when it saved, show the change (and, with FOLLOW_SAVED, what it saved) and tell the page."""
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.refresh()
        saved = getattr(dialog, "saved", None)
        if self.FOLLOW_SAVED and isinstance(saved, dict) and "id" in saved:
            self.select(saved["id"])
        self.changed.emit()
        return True

    def _act(self, title: str, action: Callable[[], Any]) -> Any:
        """A change without a form: core's refusal in a message box (None returned), else the
        change shown, the page told and the action's result returned."""
        try:
            result = action()
        except UserError as err:
            self._warn(title, err)
            return None
        self.refresh()
        self.changed.emit()
        return result

    def _print(self, title: str, stem: str, suggested: str, make, password: OpenPassword | None = None) -> None:
        """Build a PDF off the GUI thread with its own reader, then preview it (opened with ``password``
        when ``make`` wrote it with one)."""
        self.job = self.printer.show(title, stem, suggested, make, password)

    def _village(self) -> str:
        return village_name(self.store)
