"""Search everything (Ctrl+K): one box over persons, households, meetings, requests and notices.

The clerk types a name, pinyin initials (``zs``), a code (HH001, HY0012, SQ000012,
GK0003) or a date (2026-07); the matches of :func:`villagedesk.core.home.search.search`
are listed under a header per kind as the clerk types.  Up/Down move between them
(headers are skipped), Enter opens the chosen one, or the first when none is chosen
yet, a click opens the one clicked, Esc closes.  A kind with more matches than listed
ends in a "show all" row that lists every match of that kind.  Opening emits ``chosen(kind, id)``
after the dialog has closed, so whatever the window opens next is not hidden under it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from villagedesk.core.home import search
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import Dialog
from villagedesk.ui.kit.messages import fmt

HIT = Qt.ItemDataRole.UserRole  # (kind, id) of a result row; (ALL, kind) of a "show all" row; None on a header
ALL = "all"
DETAIL = Qt.ItemDataRole.UserRole + 1
ARCHIVED = Qt.ItemDataRole.UserRole + 2

_GREY, _HEADER_BACKGROUND = QColor("#6b6b6b"), QColor("#eef1f5")
_PAD = 6


class _HitDelegate(QStyledItemDelegate):
    """A result as two lines (title, then the detail in grey); a header as one small bold line."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        spacing = option.fontMetrics.lineSpacing()
        lines = 1 if index.data(HIT) is None else 2
        return QSize(200, lines * spacing + 2 * _PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        box = option.rect
        text_box = box.adjusted(12, _PAD, -12, -_PAD)
        if index.data(HIT) is None:
            painter.fillRect(box, _HEADER_BACKGROUND)
            font = QFont(option.font)
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(_GREY)
            painter.drawText(text_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             index.data(Qt.ItemDataRole.DisplayRole))
            painter.restore()
            return
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        metrics = QFontMetrics(option.font)
        line = metrics.lineSpacing()
        title_color = option.palette.highlightedText().color() if selected else option.palette.text().color()
        if index.data(ARCHIVED):
            title_color = title_color if selected else _GREY
        painter.setPen(title_color)
        painter.setFont(option.font)
        title = metrics.elidedText(index.data(Qt.ItemDataRole.DisplayRole), Qt.TextElideMode.ElideRight,
                                   text_box.width())
        painter.drawText(QRect(text_box.left(), text_box.top(), text_box.width(), line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        painter.setPen(option.palette.highlightedText().color() if selected else _GREY)
        detail = metrics.elidedText(index.data(DETAIL) or "", Qt.TextElideMode.ElideRight, text_box.width())
        painter.drawText(QRect(text_box.left(), text_box.top() + line, text_box.width(), line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail)
        painter.restore()


class SearchDialog(Dialog):
    chosen = Signal(str, object)  # (kind, id): 'person', 'household', 'meeting', 'request' or 'notice'

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.groups: list[search.Group] = []
        self.whole: frozenset[str] = frozenset()  # kinds listed in full for the text shown
        self._text = ""
        self.setObjectName("search_dialog")
        self.setWindowTitle(self.tr("Search"))
        self.setModal(False)

        self.edit = QLineEdit(self)
        self.edit.setObjectName("search_text")
        self.edit.setClearButtonEnabled(True)
        # Short enough to be read whole; the note below gives the examples of codes and dates.
        self.edit.setPlaceholderText(self.tr("Name, pinyin (zs or zhangsan), code or date"))
        font = self.edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.edit.setFont(font)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance(self.edit.placeholderText()) + 60)
        self.edit.installEventFilter(self)

        self.results = QListWidget(self)
        self.results.setObjectName("search_results")
        self.results.setItemDelegate(_HitDelegate(self.results))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setUniformItemSizes(False)
        self.results.itemClicked.connect(self._open_item)
        self.results.itemActivated.connect(self._open_item)

        self.note = QLabel(self)
        self.note.setObjectName("search_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {_GREY.name()};")

        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.note)
        self.edit.textChanged.connect(self.update_results)
        self.resize(620, 520)
        self.update_results("")

    def kind_label(self, kind: str) -> str:
        return {"person": self.tr("Persons"), "household": self.tr("Households"), "meeting": self.tr("Meetings"),
                "request": self.tr("Requests"), "notice": self.tr("Public notices")}[kind]

    def start(self) -> None:
        """Show the dialog over its window, the last text selected and its results read afresh."""
        parent = self.parentWidget()
        if parent is not None:
            frame = parent.geometry()
            self.move(frame.x() + (frame.width() - self.width()) // 2, frame.y() + 60)
        self.update_results(self.edit.text())
        self.edit.selectAll()
        # A dialog stays above its window, so showing and activating it is enough (no raise_()).
        self.show()
        self.activateWindow()
        self.edit.setFocus()

    def update_results(self, text: str) -> None:
        if text.split() != self._text.split():
            self.whole = frozenset()  # new words: every kind starts short again
        self._text = text
        self.groups = search.search(self.store, text, whole=self.whole)
        self.results.clear()
        for group in self.groups:
            header = QListWidgetItem(self._header_text(group), self.results)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            header.setData(HIT, None)
            for hit in group.hits:
                title = hit.title + ("  " + self.tr("(archived)") if hit.archived else "")
                item = QListWidgetItem(title, self.results)
                item.setData(HIT, (hit.kind, hit.id))
                item.setData(DETAIL, hit.detail)
                item.setData(ARCHIVED, hit.archived)
                item.setToolTip(f"{hit.title}\n{hit.detail}")
            if group.more:
                more = QListWidgetItem(fmt(self.tr("Show all %1 …"), self.kind_label(group.kind)), self.results)
                more.setData(HIT, (ALL, group.kind))
                more.setData(DETAIL, self.tr("Enter or a click lists every match of this kind"))
        first = self._selectable(0, 1)
        if first is not None:
            self.results.setCurrentRow(first)
        if not text.strip():
            self.note.setText(self.tr("Type a name, pinyin (zs or zhangsan), words, a code (HH001, HY0001, "
                                      "SQ000012, GK0001) or a date (2026-07). Up/Down choose, Enter opens, "
                                      "Esc closes."))
        elif not self.groups:
            self.note.setText(fmt(self.tr("Nothing found for “%1”."), text.strip()))
        else:
            self.note.setText(self.tr("%n match(es) listed. Enter opens the chosen one.", "",
                                      search.hit_count(self.groups)))

    def _header_text(self, group: search.Group) -> str:
        label = self.kind_label(group.kind)
        if group.more:
            return fmt(self.tr("%1 — the first %2"), label, len(group.hits))
        return label

    def show_all(self, kind: str) -> None:
        """List every match of ``kind`` and keep the choice on its first row not listed before."""
        before = next((len(g.hits) for g in self.groups if g.kind == kind), 0)
        self.whole = self.whole | {kind}
        self.update_results(self.edit.text())
        row = next((r for r in range(self.results.count())
                    if (self.results.item(r).data(HIT) or ("", 0))[0] == kind), None)
        if row is not None:
            target = self._selectable(row + before, 1)
            if target is not None:
                self.results.setCurrentRow(target)
                self.results.scrollToItem(self.results.item(target))

    def current_hit(self) -> tuple[str, int] | None:
        item = self.results.currentItem()
        return item.data(HIT) if item is not None and item.isSelected() else None

    def open_current(self) -> bool:
        """Open the chosen result, or the first; False when there is none."""
        hit = self.current_hit()
        if hit is None:
            first = self._selectable(0, 1)
            hit = self.results.item(first).data(HIT) if first is not None else None
        if hit is None:
            return False
        self._open(*hit)
        return True

    def _open_item(self, item: QListWidgetItem) -> None:
        hit = item.data(HIT)
        if hit is not None:
            self._open(*hit)

    def _open(self, kind: str, record_id) -> None:
        if kind == ALL:
            self.show_all(record_id)
            return
        self.accept()
        self.chosen.emit(kind, record_id)

    def _selectable(self, row: int, step: int) -> int | None:
        """The first result row from ``row`` on in the direction of ``step`` (headers are skipped)."""
        while 0 <= row < self.results.count():
            if self.results.item(row).data(HIT) is not None:
                return row
            row += step
        return None

    def _move(self, step: int) -> None:
        start = self.results.currentRow() + step if self.current_hit() is not None else (0 if step > 0 else -1)
        row = self._selectable(start if start >= 0 else self.results.count() - 1, step)
        if row is not None:
            self.results.setCurrentRow(row)
            self.results.scrollToItem(self.results.item(row))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
        return super().eventFilter(watched, event)
