"""The application as the program starts it: Qt's own dialogs speak Chinese too (issue 18)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QFileSystemModel, QLabel, QWidget

from tests.helpers import WAIT_MS


def _english(texts) -> list[str]:
    return sorted({t for t in texts if t and re.search(r"[A-Za-z]{2,}", t.replace("&", ""))})


@pytest.mark.parametrize("mode", ["open", "save", "folder"])
def test_qt_file_dialog_shows_no_english(qtbot, tmp_path, mode):
    """Qt's shipped Chinese catalogue lacks "Look in:" and "Files of type:", and names folders "Folder"."""
    (tmp_path / "子目录").mkdir()
    dialog = QFileDialog(None, "选择文件", str(tmp_path), "表格 (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    if mode == "save":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    if mode == "folder":
        dialog.setFileMode(QFileDialog.FileMode.Directory)
    qtbot.addWidget(dialog)
    model = dialog.findChild(QFileSystemModel)
    with qtbot.waitSignal(model.directoryLoaded, timeout=WAIT_MS):
        dialog.show()
    texts = []
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts += [widget.text(), widget.toolTip()]
    texts += [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
    folder = model.index(str(tmp_path / "子目录"))
    texts.append(model.data(folder.siblingAtColumn(2)))  # the kind of entry: "Folder" in English
    assert _english(texts) == []
