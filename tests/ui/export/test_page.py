"""The 导出与打印 page's backups: a checked copy onto a USB stick (#18)."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QFileDialog, QPushButton

from tests.helpers import WAIT
from villagedesk.ui.export.page import ExportPage

pytestmark = pytest.mark.usefixtures("vd_app")


def test_backup_to_a_usb_stick_writes_a_checked_copy_into_the_chosen_folder(qtbot, profiled_store, stick,
                                                                            monkeypatch, boxes):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(stick))
    page = ExportPage(profiled_store)
    qtbot.addWidget(page)
    button = page.findChild(QPushButton, "backup_to_stick")
    assert button.text() == "备份到 U 盘…"
    job = page.backup_to_stick()
    assert job is not None and job.wait(WAIT) and job.state == "done", job and job.error
    copies = list(stick.glob("*.sqlite3"))
    assert len(copies) == 1 and copies[0].name.startswith("油溪桥村-备份-")
    assert list(stick.glob("*.part")) == []
    with sqlite3.connect(copies[0]) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT name FROM village").fetchone()[0] == "油溪桥村"
    qtbot.waitUntil(lambda: bool(boxes), timeout=WAIT * 1000)
    assert boxes[0][0] == "information" and str(copies[0]) in boxes[0][2]


def test_backup_to_a_usb_stick_cancelled_in_the_folder_dialog_writes_nothing(qtbot, profiled_store, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: "")
    page = ExportPage(profiled_store)
    qtbot.addWidget(page)
    assert page.backup_to_stick() is None
