"""Designer forms from forms/*.ui, loaded at run time and translated on load."""

from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from villagedesk.paths import form_path


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    path = form_path(name)
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"form {path} cannot be read")
    try:
        widget = QUiLoader().load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise RuntimeError(f"form {path} is not a valid Designer file")
    return widget
