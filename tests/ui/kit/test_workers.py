"""run_job: work off the GUI thread, result on it, errors shown, Cancel honoured."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from tests.helpers import WAIT, WAIT_MS
from villagedesk.errors import Cancelled, UserError
from villagedesk.store import open_store
from villagedesk.ui.kit import workers
from villagedesk.ui.kit.workers import run_job


@pytest.fixture
def window(qtbot):
    widget = QWidget()
    widget.setWindowTitle("window")
    qtbot.addWidget(widget)
    widget.show()
    return widget



def _gui_thread() -> bool:
    return QThread.currentThread() is QApplication.instance().thread()


def test_result_reaches_on_done_on_the_gui_thread(window, boxes):
    seen = {}

    def job(progress):
        seen["job_on_gui_thread"] = _gui_thread()
        seen["job_thread"] = threading.get_ident()
        progress(1, 2)
        progress(2, 2)
        return 6 * 7

    def on_done(result):
        seen["result"] = result
        seen["done_on_gui_thread"] = _gui_thread()
        seen["done_thread"] = threading.get_ident()

    running = run_job(window, "Answer", job, on_done)
    assert running.wait(WAIT)
    assert seen["result"] == 42
    assert running.state == "done" and running.result == 42
    assert seen["job_on_gui_thread"] is False
    assert seen["job_thread"] != threading.main_thread().ident
    assert seen["done_on_gui_thread"] is True
    assert seen["done_thread"] == threading.main_thread().ident
    assert boxes == []
    assert running not in workers._active


def test_quick_job_never_shows_the_dialog(window, qtbot):
    shown = []
    running = run_job(window, "Quick", lambda progress: "ok", lambda result: shown.append(result))
    dialog = running.dialog
    assert running.wait(WAIT)
    assert shown == ["ok"]
    qtbot.wait(workers.SHOW_DELAY_MS + 100)
    # hidden and then deleted: never visible to the clerk
    from shiboken6 import isValid
    assert not isValid(dialog) or not dialog.isVisible()


def test_user_error_shows_a_warning_with_its_message(window, boxes):
    done = []

    def job(progress):
        raise UserError("文件已损坏，请重新导出。")

    running = run_job(window, "Import", job, done.append)
    assert running.wait(WAIT)
    assert done == []
    assert running.state == "failed"
    assert boxes == [("warning", "Import", "文件已损坏，请重新导出。")]


def test_user_error_from_on_done_is_shown_too(window, boxes):
    def on_done(result):
        raise UserError("打印机没有纸。")

    running = run_job(window, "Print", lambda progress: 1, on_done)
    assert running.wait(WAIT)
    assert running.state == "failed"
    assert boxes == [("warning", "Print", "打印机没有纸。")]


def test_a_bug_shows_unexpected_error_with_its_text(window, boxes, caplog):
    def job(progress):
        return {}["missing-key"]

    running = run_job(window, "Export", job, lambda result: pytest.fail("on_done after a bug"))
    assert running.wait(WAIT)
    assert running.state == "failed"
    assert isinstance(running.error, KeyError)
    assert len(boxes) == 1
    kind, title, text = boxes[0]
    assert kind == "critical"
    assert title == "意外错误"
    assert "KeyError" in text and "missing-key" in text and "Export" in text
    assert "missing-key" in caplog.text  # the traceback is logged, not lost


def test_progress_moves_the_bar_and_cancel_stops_the_job(window, qtbot, boxes):
    may_go_on = threading.Event()
    reached = []

    def job(progress):
        progress(5, 10)
        may_go_on.wait(WAIT)
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:  # a job that stops only when cancelled
            progress(6, 10)
            reached.append(1)
            time.sleep(0.01)
        return "finished without noticing Cancel"

    done = []
    running = run_job(window, "Long job", job, done.append, label="Working…")
    dialog = running.dialog
    assert isinstance(dialog, QProgressDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    assert dialog.isModal()
    assert dialog.labelText() == "Working…"
    qtbot.waitUntil(lambda: dialog.value() == 500, timeout=WAIT_MS)  # 5 of 10 on a 0..1000 bar

    may_go_on.set()
    qtbot.waitUntil(lambda: len(reached) > 2, timeout=WAIT_MS)
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "取消"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    assert running.wait(WAIT)
    assert running.state == "cancelled"
    assert isinstance(running.error, Cancelled)
    assert done == []
    assert boxes == []  # cancelling is quiet


def test_busy_bar_when_total_unknown(window, qtbot, boxes):
    release = threading.Event()

    def job(progress):
        progress(3, 0)
        release.wait(WAIT)
        return None

    running = run_job(window, "Busy", job, lambda result: None)
    qtbot.waitUntil(running.dialog.isVisible, timeout=WAIT_MS)
    assert running.dialog.maximum() == 0 and running.dialog.minimum() == 0
    release.set()
    assert running.wait(WAIT)
    assert running.state == "done"


def test_cancel_before_the_first_progress_call(window, boxes):
    started, go = threading.Event(), threading.Event()

    def job(progress):
        started.set()
        go.wait(WAIT)
        progress(1, 1)
        return "too late"

    done = []
    running = run_job(window, "Cancelled early", job, done.append)
    assert started.wait(WAIT)
    running.cancel()
    go.set()
    assert running.wait(WAIT)
    assert running.state == "cancelled" and done == []


def test_job_reads_through_its_own_reader_store(window, store, boxes):
    """The documented pattern: a job opens its own read-only store on its thread."""
    path = store.path
    count_on_gui = store.scalar("SELECT count(*) FROM sqlite_master")

    def job(progress):
        with open_store(path, write=False) as reader:
            return reader.scalar("SELECT count(*) FROM sqlite_master")

    got = []
    running = run_job(window, "Read", job, got.append)
    assert running.wait(WAIT)
    assert got == [count_on_gui] and count_on_gui > 0
