"""The login: pick your name, type the password; a wrong one gives one message and core's wait."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QDialog, QPushButton

from tests.conftest import TEST_DAY
from tests.helpers.desk import encrypted_village, password
from tests.helpers.ui import shown, when_modal
from villagedesk import clock
from villagedesk.core.accounts import messages, session
from villagedesk.ui.kit.login_dialog import login_dialog


@pytest.fixture
def desk(tmp_path):
    path = tmp_path / "village.sqlite3"
    encrypted_village(path)
    return path


def test_the_right_password_logs_in_as_that_account(qtbot, desk):
    dialog = shown(qtbot, login_dialog(desk))
    assert sorted(dialog.account.itemData(i) for i in range(dialog.account.count())) == ["jiandu", "qian", "wenshu", "zhuren"]
    dialog.login = "wenshu"
    dialog.password.setText(password("wenshu"))
    dialog.ok.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with dialog.outcome as logged:
        assert logged.account.login == "wenshu" and logged.store.actor == "wenshu" and logged.store.key is not None
    assert dialog.password.text() == ""


def test_wrong_passwords_say_one_thing_then_wait_as_core_says(qtbot, desk):
    dialog = shown(qtbot, login_dialog(desk))
    dialog.login = "wenshu"
    for _ in range(session.FREE_TRIES - 1):
        dialog.password.setText("guess-guess")
        dialog.ok.click()
        assert dialog.isVisible() and dialog.message.text() == messages.WRONG_PASSWORD
        assert dialog.ok.isEnabled()
    dialog.password.setText("guess-guess")
    dialog.ok.click()
    wait = session.delay_after(session.FREE_TRIES)
    assert dialog.message.text() == messages.WRONG_PASSWORD_WAIT.format(count=session.FREE_TRIES, seconds=wait)
    assert not dialog.ok.isEnabled() and str(wait) in dialog.ok.text()
    # The button counts down by its timer; core counts by the program's clock.
    for _ in range(wait):
        dialog.timer.timeout.emit()
    assert dialog.ok.isEnabled() and dialog.ok.text() == dialog.ok_text()
    clock.set(TEST_DAY + timedelta(minutes=10))  # the failures were noted a few seconds after TEST_DAY
    dialog.password.setText(password("wenshu"))
    dialog.ok.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with dialog.outcome as logged:
        failed = logged.store.scalar("SELECT count(*) FROM audit WHERE table_name = 'accounts' "
                                     "AND action = 'login-failed'")
    assert failed == session.FREE_TRIES  # moved from the key file into the audit at the login


def test_an_unknown_name_gets_the_same_message_as_a_wrong_password(qtbot, desk):
    from villagedesk.ui.kit.login_dialog import LoginDialog

    dialog = shown(qtbot, LoginDialog([("nobody", "没有这个人")], lambda login, pw: session.login(desk, login, pw),
                                      lambda login: 0))
    dialog.password.setText("whatever-1")
    dialog.ok.click()
    assert dialog.message.text() == messages.WRONG_PASSWORD and dialog.isVisible()


def test_a_head_who_forgot_the_password_sets_a_new_one_with_the_recovery_key(qtbot, tmp_path):
    path = tmp_path / "village.sqlite3"
    recovery = encrypted_village(path)
    dialog = shown(qtbot, login_dialog(path))
    dialog.login = "zhuren"
    answers: list[str] = []

    def mistyped_then_right(recovering) -> None:
        assert recovering.login == "zhuren"
        recovering.key.setText(recovery[:-1] + ("0" if recovery[-1] != "0" else "1"))  # one character wrong
        recovering.password.setText("new-zhuren-1")
        recovering.password_again.setText("new-zhuren-1")
        recovering.buttons.button(recovering.buttons.StandardButton.Ok).click()
        answers.append(recovering.message.text())
        assert recovering.isVisible()
        recovering.key.setText(recovery.lower())  # typed back in lower case: the same key
        recovering.buttons.button(recovering.buttons.StandardButton.Ok).click()

    when_modal(mistyped_then_right)
    dialog.findChild(QPushButton, "login_forgot").click()
    assert answers and answers[0]  # core's one sentence about the key
    assert dialog.login == "zhuren" and "张主任" in dialog.message.text()
    dialog.password.setText("new-zhuren-1")
    dialog.ok.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    dialog.outcome.close()
