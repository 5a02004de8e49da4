"""The idle lock: after the idle time the screen is covered, the same account's password lifts it, and a
form half filled in is there as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QToolButton

from tests.helpers.desk import encrypted_village, log_in, password
from tests.helpers.ui import shown
from villagedesk.core.accounts import messages
from villagedesk.store.keys import Keyring
from villagedesk.ui.kit.idle_lock import DEFAULT_MINUTES, lock_minutes, set_lock_minutes
from villagedesk.ui.register.dialogs import HouseholdDialog
from villagedesk.ui.setup.start import guard


@pytest.fixture
def desk(tmp_path):
    path = tmp_path / "village.sqlite3"
    encrypted_village(path)
    with log_in(path, "wenshu") as session:
        yield session


def _window(qtbot, store) -> QMainWindow:
    """A window over the store, as guard sees the main window (its store, its close)."""
    window = shown(qtbot, QMainWindow())
    window.store = store
    return window


def test_the_lock_keeps_an_open_form_and_asks_the_same_password(qtbot, desk):
    window = _window(qtbot, desk.store)
    lock = guard(window)
    assert lock.minutes == DEFAULT_MINUTES and lock.timer.isActive()
    form = HouseholdDialog(desk.store, parent=window)
    form.show()
    qtbot.waitExposed(form)
    form.field("address").setText("罗家冲12号")  # typed (QTest types ASCII only)
    lock.timer.timeout.emit()  # the idle time is up (driven, not waited for)
    screen = lock.screen
    assert lock.is_locked and screen.isVisible() and not lock.timer.isActive()
    assert screen.geometry() == screen.screen().availableGeometry()  # nothing of the window shows
    assert screen.login == "wenshu" and not screen.account.isEnabled()
    assert not screen.cancel.isEnabled()  # a form is open: only wenshu may lift the lock and finish it
    screen.password.setText("not-my-password")
    screen.ok.click()
    assert lock.is_locked and screen.message.text() == messages.WRONG_PASSWORD
    assert [f["login"] for f in Keyring.load(desk.store.path).failures()] == ["wenshu"]  # as a failed login
    screen.password.setText(password("wenshu"))
    screen.ok.click()
    assert not lock.is_locked and lock.timer.isActive()
    assert form.isVisible() and form.field("address").text() == "罗家冲12号"
    assert window.isVisible()


def test_input_restarts_the_idle_time_and_esc_does_not_unlock(qtbot, desk):
    window = _window(qtbot, desk.store)
    lock = guard(window)
    lock.timer.stop()
    qtbot.keyClick(window, Qt.Key.Key_A)
    assert lock.timer.isActive()
    screen = lock.lock()
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert lock.is_locked and screen.isVisible()


def test_someone_else_closes_the_program_from_the_lock_when_no_form_is_open(qtbot, desk):
    window = _window(qtbot, desk.store)
    lock = guard(window)
    screen = lock.lock()
    assert screen.cancel.isEnabled()
    screen.cancel.click()
    assert not window.isVisible() and not lock.is_locked


def test_the_idle_time_is_a_setting_of_this_laptop(qtbot, desk):
    assert lock_minutes() == DEFAULT_MINUTES
    set_lock_minutes(5)
    window = _window(qtbot, desk.store)
    assert guard(window).minutes == 5
    set_lock_minutes(7)  # not one of the choices: the default
    assert lock_minutes() == DEFAULT_MINUTES


def test_a_plain_database_has_no_lock(qtbot, store):
    window = _window(qtbot, store)
    assert guard(window) is None


def test_the_lock_comes_over_a_form_that_waits_in_its_own_loop(qtbot, desk):
    """A form opened with exec() (the usual way) runs an event loop of its own: the lock still comes
    over it, and the form is there, as typed, once unlocked."""
    window = _window(qtbot, desk.store)
    lock = guard(window)
    form = HouseholdDialog(desk.store, parent=window)
    seen: list[str] = []

    def while_open() -> None:
        form.field("address").setText("罗家冲12号")
        screen = lock.lock()
        assert QApplication.activeModalWidget() is screen
        screen.password.setText(password("wenshu"))
        screen.ok.click()
        seen.append(form.field("address").text())
        form.reject()

    QTimer.singleShot(0, while_open)
    form.exec()
    assert seen == ["罗家冲12号"] and not lock.is_locked


def test_the_status_bar_names_who_is_logged_in_and_ctrl_l_locks_at_once(qtbot, desk):
    window = _window(qtbot, desk.store)
    lock = guard(window)
    assert window.findChild(QLabel, "account_label").text() == "罗秀兰（文书）"
    [ctrl_l] = [a for a in window.actions() if a.shortcut() == QKeySequence("Ctrl+L")]
    ctrl_l.trigger()
    assert lock.is_locked
    lock.screen.password.setText(password("wenshu"))
    lock.screen.ok.click()
    window.findChild(QToolButton, "lock_button").click()
    assert lock.is_locked
