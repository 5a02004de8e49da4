"""Importing a roster from the window: pick a file, read the report, import."""

from __future__ import annotations

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPlainTextEdit

from tests.helpers import WAIT_MS
from tests.helpers.factories import valid_id, wrong_check
from tests.helpers.ui import when_modal
from villagedesk.ui.main_window import MainWindow


def _roster(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["户编号", "姓名", "与户主关系", "身份证号"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _window(qtbot, store, monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    window = MainWindow(store)
    qtbot.addWidget(window)
    return window, told


@pytest.mark.slow
def test_import_a_good_roster(qtbot, profiled_store, tmp_path, monkeypatch):
    path = _roster(tmp_path / "good.xlsx", [["HH001", "张三", "户主", valid_id()], ["HH001", "李四", "配偶", ""]])
    window, told = _window(qtbot, profiled_store, monkeypatch, path)
    reports = []

    def accept(dialog):
        reports.append(dialog.findChild(QPlainTextEdit, "problems").toPlainText())
        assert dialog.import_all.isEnabled() and not dialog.import_valid.isVisible()
        dialog.import_all.click()

    when_modal(accept)
    window.households.buttons["import"].click()
    qtbot.waitUntil(lambda: bool(told), timeout=WAIT_MS)
    assert reports == ["没有发现问题。"]
    assert told == ["已导入：新增 1 户、2 人。"]
    assert window.households.persons.rowCount() == 2
    assert QSettings().value("paths/last_import_dir") == str(tmp_path)


@pytest.mark.slow
def test_a_roster_with_a_bad_row_can_import_only_the_good_rows(qtbot, profiled_store, tmp_path, monkeypatch):
    path = _roster(tmp_path / "bad.xlsx", [["HH001", "张三", "户主", wrong_check(valid_id())],
                                           ["HH002", "王五", "户主", ""]])
    window, told = _window(qtbot, profiled_store, monkeypatch, path)
    reports = []

    def only_valid(dialog):
        reports.append(dialog.findChild(QPlainTextEdit, "problems").toPlainText())
        assert not dialog.import_all.isEnabled()
        dialog.import_valid.click()

    when_modal(only_valid)
    window.households.buttons["import"].click()
    qtbot.waitUntil(lambda: bool(told), timeout=WAIT_MS)
    assert "第 2 行" in reports[0] and "校验位" in reports[0]
    names = [window.households.persons.record(i)["name"] for i in range(window.households.persons.rowCount())]
    assert names == ["王五"]


@pytest.mark.slow
def test_cancelling_the_report_writes_nothing(qtbot, profiled_store, tmp_path, monkeypatch):
    path = _roster(tmp_path / "good.xlsx", [["HH001", "张三", "户主", valid_id()]])
    window, told = _window(qtbot, profiled_store, monkeypatch, path)
    seen = []
    when_modal(lambda dialog: (seen.append(dialog.windowTitle()), dialog.reject()))
    window.households.buttons["import"].click()
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    qtbot.wait(100)
    assert "good.xlsx" in seen[0]
    assert profiled_store.scalar("SELECT count(*) FROM persons") == 0 and told == []


def test_window_geometry_is_remembered(qtbot, profiled_store):
    first = MainWindow(profiled_store)
    qtbot.addWidget(first)
    first.resize(720, 520)
    first.close()
    second = MainWindow(profiled_store)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (720, 520)
