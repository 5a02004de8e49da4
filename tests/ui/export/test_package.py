"""The village writes its USB package from the 导出与打印 page: folder, progress, Cancel, history."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.helpers import WAIT, WAIT_MS
from tests.helpers.factories import join
from villagedesk.core.register import people
from villagedesk.documents.package.reader import read_package
from villagedesk.documents.package.writer import package_history
from villagedesk.store import open_store
from villagedesk.ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("vd_app")


@pytest.fixture
def chosen(monkeypatch, stick):
    """QFileDialog.getExistingDirectory answers the stick's folder; the folders it started in are kept."""
    starts: list[str] = []

    def choose(_parent, _title, start, *_a, **_k):
        starts.append(start)
        return str(stick)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    return starts


def _village(store, township_db):
    join(store, township_db)
    for code in ("HH001", "HH002"):
        house = people.add_household(store, code=code, group_name="一组")
        people.add_person(store, house["id"], name=f"户主{code[-1]}", relation="户主")


def _export(qtbot, window):
    box = window.export.package
    qtbot.mouseClick(box.buttons["export_package"], Qt.MouseButton.LeftButton)
    assert box.job is not None and box.job.wait(60)
    return box


@pytest.mark.slow
def test_export_to_usb_writes_a_package_and_lists_it(qtbot, profiled_store, township_db, stick, chosen, boxes):
    _village(profiled_store, township_db)
    window = MainWindow(profiled_store)
    qtbot.addWidget(window)
    box = _export(qtbot, window)
    assert box.job.state == "done"
    (written,) = stick.iterdir()
    assert written.name.startswith("VD-") and written.name.endswith(".vdpkg")
    with open_store(township_db, write=False) as township:
        package = read_package(written, township)  # verifies every checksum and the signature
    assert (package.sequence, package.full) == (1, True)
    assert [b[2] for b in boxes if b[0] == "information"] and written.name in boxes[-1][2]
    assert written.name in box.result_label.text()
    (row,) = box.history.rows()
    assert (row["sequence"], row["households"], row["persons"], row["file_name"]) == (1, 2, 2, written.name)
    assert box.history.data(box.history.index(0, box.history.keys().index("full"))) == "全量"

    # The next one: only the changes, unless "full" is ticked; the folder was remembered.
    people.add_household(profiled_store, code="HH003", group_name="二组")
    box.full.setChecked(True)
    _export(qtbot, window)
    assert chosen[1] == str(stick)
    history = package_history(profiled_store)
    assert [p["sequence"] for p in history] == [2, 1] and history[0]["full"] == 1
    assert [r["sequence"] for r in box.history.rows()] == [2, 1]
    assert box.history.rows()[0]["households"] == 3
    assert not box.full.isChecked()  # a full package is asked for each time


def test_cancel_while_the_package_is_written_leaves_no_file_and_no_record(
        qtbot, profiled_store, township_db, stick, chosen, boxes, monkeypatch):
    from villagedesk.documents.excel import workbook as excel

    _village(profiled_store, township_db)
    started, go_on = threading.Event(), threading.Event()
    real = excel.export_workbook

    def slow_workbook(*args, **kwargs):
        # The data files are in the zip already; the clerk presses Cancel now.
        started.set()
        go_on.wait(WAIT)
        return real(*args, **kwargs)

    monkeypatch.setattr(excel, "export_workbook", slow_workbook)
    window = MainWindow(profiled_store)
    qtbot.addWidget(window)
    box = window.export.package
    qtbot.mouseClick(box.buttons["export_package"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    assert not box.buttons["export_package"].isEnabled()  # no second package while this one is written
    box.job.cancel()  # what the progress dialog's Cancel does
    go_on.set()
    assert box.job.wait(60)
    assert box.job.state == "cancelled"
    assert list(stick.iterdir()) == []  # not even a temporary file
    assert package_history(profiled_store) == []
    assert box.history.rows() == [] and boxes == []
    assert box.buttons["export_package"].isEnabled()


def test_without_a_profile_the_clerk_is_told_what_to_do(qtbot, store, stick, chosen, boxes):
    window = MainWindow(store)
    qtbot.addWidget(window)
    box = _export(qtbot, window)
    assert box.job.state == "failed"
    assert [(kind, text) for kind, _title, text in boxes] == [
        ("warning", "请先填写村庄信息（村名、统一社会信用代码、乡镇等），再生成数据包。")]
    assert list(stick.iterdir()) == []


def test_choosing_no_folder_writes_nothing(qtbot, profiled_store, stick, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: "")
    window = MainWindow(profiled_store)
    qtbot.addWidget(window)
    box = window.export.package
    qtbot.mouseClick(box.buttons["export_package"], Qt.MouseButton.LeftButton)
    assert box.job is None and list(stick.iterdir()) == []
