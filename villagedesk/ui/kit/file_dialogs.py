"""Choosing a file to read or write, starting where the clerk last looked (remembered in QSettings)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

OPEN_KEY, SAVE_KEY = "paths/last_import_dir", "paths/last_save_dir"
FOLDER_KEY = "paths/last_package_dir"


def _start(key: str) -> Path:
    folder = QSettings().value(key, "", type=str)
    if folder and Path(folder).is_dir():
        return Path(folder)
    # The folder may have been on a USB stick that is gone now.
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def ask_open(parent: QWidget, title: str, pattern: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, str(_start(OPEN_KEY)), pattern)
    if not path:
        return None
    QSettings().setValue(OPEN_KEY, str(Path(path).parent))
    return Path(path)


def ask_open_many(parent: QWidget, title: str, pattern: str) -> list[Path]:
    """Several files to read at once (everything on a USB stick); empty when the clerk cancelled."""
    paths, _ = QFileDialog.getOpenFileNames(parent, title, str(_start(OPEN_KEY)), pattern)
    if paths:
        QSettings().setValue(OPEN_KEY, str(Path(paths[0]).parent))
    return [Path(p) for p in paths]


def ask_folder(parent: QWidget, title: str) -> Path | None:
    """A folder to write into (a USB stick), starting at the one chosen last time."""
    folder = QFileDialog.getExistingDirectory(parent, title, str(_start(FOLDER_KEY)))
    if not folder:
        return None
    QSettings().setValue(FOLDER_KEY, folder)
    return Path(folder)


def ask_save(parent: QWidget, title: str, name: str, pattern: str, suffix: str) -> Path | None:
    """A file to write; ``suffix`` (".pdf") is added when the clerk typed a name without it."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(_start(SAVE_KEY) / name), pattern)
    if not chosen:
        return None
    dest = Path(chosen)
    if dest.suffix.lower() != suffix:
        dest = dest.with_name(dest.name + suffix)
        # The file dialog asked about the name typed, not this one.
        question = QCoreApplication.translate("FileDialogs", "{path} already exists. Replace it?")
        if dest.exists() and QMessageBox.question(parent, title, question.format(path=dest)) \
                != QMessageBox.StandardButton.Yes:
            return None
    return dest


def remember_save_folder(saved: Path) -> None:
    """Start the next Save As where this file went; called once it is saved, so a failed save is not remembered."""
    QSettings().setValue(SAVE_KEY, str(saved.parent))
