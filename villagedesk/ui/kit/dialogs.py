"""Dialogs over the Designer forms: one base class shows core's validation inline."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.kit.forms import load_form
from villagedesk.ui.kit.person_picker import PersonPicker

INVALID_STYLE = "border: 1px solid #c0392b;"


class FormDialog(QDialog):
    """A form from forms/, OK/Cancel, and core's UserError shown under the form.

    Subclasses name their .ui file and implement :meth:`save`, which raises
    UserError (with ``field`` set) for bad input; the dialog then stays open,
    marks the field and shows the message.
    """

    form_file = ""
    fields: tuple[str, ...] = ()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.saved: Any = None
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
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        for name in self.fields:
            widget = self.field(name)
            signal = widget.textChanged if isinstance(widget, QLineEdit) else widget.currentTextChanged
            signal.connect(lambda _=None, w=widget: self._clear_mark(w))

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
