"""Dialogs over the Designer forms: one base class shows core's validation inline.

Every dialog of the program derives from :class:`Dialog`, which keeps it on a 1366×768 laptop's
screen; every form derives from :class:`FormDialog`, whose form scrolls inside the dialog while
OK/Cancel stay in sight, and which asks before Esc or the close button throws typed input away.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QTableWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.kit.forms import load_form
from villagedesk.ui.kit.person_picker import PersonPicker

INVALID_STYLE = "border: 1px solid #c0392b;"
#: What the window system adds around a dialog (title bar, borders) beyond its own size.
FRAME_ROOM = QSize(16, 48)
#: A screen smaller than this (free area) is a small laptop's: the main window opens maximised there.
SMALL_SCREEN = QSize(1440, 860)
#: How long a confirmation stays in the status bar (ms).
NOTICE_MS = 6000


def screen_room(window: QWidget) -> QSize:
    """The largest size a window may take on its screen with its frame still on it."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    return QSize(max(320, area.width() - FRAME_ROOM.width()), max(240, area.height() - FRAME_ROOM.height()))


def fits_screen(window: QWidget) -> bool:
    """Whether ``window`` at its present size, frame and all, fits its screen's free area."""
    room = screen_room(window)
    return window.width() <= room.width() and window.height() <= room.height()


def small_screen(window: QWidget) -> bool:
    """A 1366×768 laptop and the like: less free area than :data:`SMALL_SCREEN`."""
    area = (window.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    return area.width() < SMALL_SCREEN.width() or area.height() < SMALL_SCREEN.height()


def fit_to_screen(window: QWidget) -> None:
    """Size a top-level window to what it needs, but never beyond its screen's free area.

    Qt sizes a new dialog to its size hint capped at two thirds of the screen, and grows it
    to its layout's minimum whatever the screen: a form taller than a 768-pixel laptop then
    puts OK/Cancel below the taskbar.  Here the dialog takes its full size hint when the
    screen has room, and the screen's free area when it has not (its contents scroll).
    """
    if not window.isWindow():
        return
    room = screen_room(window)
    explicit = window.testAttribute(Qt.WidgetAttribute.WA_Resized)
    wanted = window.size() if explicit else window.sizeHint().expandedTo(window.minimumSizeHint())
    window.setMinimumSize(window.minimumSize().boundedTo(room))
    window.resize(wanted.boundedTo(room))


class Dialog(QDialog):
    """The program's dialog: fitted to its screen when shown (see :func:`fit_to_screen`)."""

    def showEvent(self, event: QShowEvent) -> None:
        if not event.spontaneous():
            fit_to_screen(self)  # before QDialog centres it within the screen
        super().showEvent(event)


class _FormScroll(QScrollArea):
    """Scrolls a form that is taller than the screen; asks for the whole form when there is room."""

    def __init__(self, form: QWidget, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("form_scroll")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(form)

    def sizeHint(self) -> QSize:
        form = self.widget()
        hint = form.sizeHint().expandedTo(form.minimumSizeHint())
        if form.layout() is not None and form.layout().hasHeightForWidth():
            hint.setHeight(max(hint.height(), form.layout().totalHeightForWidth(hint.width())))
        # Room for the vertical scroll bar, so a short screen never makes the form scroll sideways.
        return QSize(hint.width() + self.verticalScrollBar().sizeHint().width(), hint.height())

    def minimumSizeHint(self) -> QSize:
        width = self.widget().minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(width, min(160, self.widget().minimumSizeHint().height()))


def notify(widget: QWidget, text: str) -> None:
    """A short confirmation in the main window's status bar: it goes by itself, blocks nothing."""
    window = widget.window()
    while window is not None and not isinstance(window, QMainWindow):
        parent = window.parentWidget()
        window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, NOTICE_MS)


def typed_state(root: QWidget) -> tuple:
    """What the clerk has typed or chosen in ``root``'s fields, comparable between two moments.

    Line edits, lists, text boxes, ticks, spin and date boxes, small tables and the pickers'
    choices; a picker's search text is a filter, not input, and is left out.
    """
    state: list = []
    for widget in root.findChildren(QWidget):
        picker = _ancestor(widget, PersonPicker, root)
        if isinstance(widget, PersonPicker):
            state.append(tuple(widget.person_ids))
        elif picker is not None:
            continue
        elif isinstance(widget, QLineEdit):
            state.append(widget.text())
        elif isinstance(widget, QComboBox):
            state.append(widget.currentText())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            state.append(widget.toPlainText())
        elif isinstance(widget, QAbstractSpinBox):
            state.append(widget.text())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            state.append(widget.isChecked())
        elif isinstance(widget, QTableWidget):
            state.append(tuple(
                widget.item(r, c).text() if widget.item(r, c) is not None else None
                for r in range(widget.rowCount()) for c in range(widget.columnCount())))
    return tuple(state)


def _ancestor(widget: QWidget, kind: type, root: QWidget) -> QWidget | None:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, kind):
            return parent
        parent = parent.parentWidget()
    return None


class FormDialog(Dialog):
    """A form from forms/, OK/Cancel, and core's UserError shown under the form.

    Subclasses name their .ui file and implement :meth:`save`, which raises
    UserError (with ``field`` set) for bad input; the dialog then stays open,
    marks the field and shows the message.  The form scrolls when the screen is
    shorter than it; OK/Cancel and the message stay below it, always in sight.
    What is on screen when the dialog first shows is its starting point: Esc or
    the window's close button with anything changed since asks before closing
    (Cancel is the clerk's explicit choice and closes at once).
    """

    form_file = ""
    fields: tuple[str, ...] = ()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.saved: Any = None
        self._start: tuple | None = None
        self._closing = False
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
        # Ctrl+S saves, as the window's File → Save says; the OK button's tooltip tells it.
        QShortcut(QKeySequence.StandardKey.Save, self, self.try_accept)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setToolTip(
            QCoreApplication.translate("FormDialog", "Save (Ctrl+S)"))
        layout = QVBoxLayout(self)
        layout.addWidget(_FormScroll(self.form, self), 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        for name in self.fields:
            widget = self.field(name)
            signal = widget.textChanged if isinstance(widget, QLineEdit) else widget.currentTextChanged
            signal.connect(lambda _=None, w=widget: self._clear_mark(w))

    # --- leaving with typed input ------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._start is None:
            self._start = typed_state(self.form)

    def has_unsaved_input(self) -> bool:
        """Anything typed or chosen since the dialog showed (and not saved)."""
        return self._start is not None and typed_state(self.form) != self._start

    def may_discard(self) -> bool:
        """True when closing loses nothing typed, or the clerk agreed to lose it."""
        if not self.isWindow() or not self.has_unsaved_input():
            return True
        answer = QMessageBox.question(
            self, self.windowTitle(), self.tr("Close without saving? What you typed here will be lost."),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not self.may_discard():
            event.accept()
            return
        super().keyPressEvent(event)

    def close(self) -> bool:
        """Closing from code means it: only the window's close button asks."""
        self._closing = True
        try:
            return super().close()
        finally:
            self._closing = False

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing and self.isVisible() and not self.may_discard():
            event.ignore()
            return
        super().closeEvent(event)

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
