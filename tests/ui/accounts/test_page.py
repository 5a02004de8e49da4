"""The accounts page: a 主任 adds, disables, enables and resets; a 文书 sees the list and changes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.helpers.desk import encrypted_village, log_in, password
from tests.helpers.ui import shown, when_modal
from villagedesk.core.accounts import accounts as account_core
from villagedesk.core.accounts import session
from villagedesk.core.register import people
from villagedesk.store.keys import WrongPassword
from villagedesk.ui.accounts.page import AccountsPage
from villagedesk.ui.kit.idle_lock import DEFAULT_MINUTES, lock_minutes


@pytest.fixture
def desk(tmp_path):
    path = tmp_path / "village.sqlite3"
    encrypted_village(path)
    return path


def _rows(page: AccountsPage) -> list[tuple[str, str, str]]:
    return [(r["login"], r["role"], r["state"]) for r in page.model.rows()]


def _ok(dialog) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()


def test_a_head_adds_an_account_tied_to_a_person_of_the_register(qtbot, desk):
    with log_in(desk, "zhuren") as logged:
        store = logged.store
        person = people.add_person(store, store.row("SELECT id FROM households LIMIT 1")["id"], name="赵会计",
                                   relation="子")
        page = shown(qtbot, AccountsPage(store))
        assert all(page.buttons[k].isVisible() for k in ("add", "disable", "enable", "reset"))
        assert [login for login, *_ in _rows(page)] == ["zhuren", "wenshu", "jiandu", "qian"]

        def fill(dialog) -> None:
            dialog.picker.person_id = person["id"]
            assert dialog.field("account_name").text() == "赵会计"  # taken from the register
            dialog.field("login").setText("zhao")
            dialog.field("role").setCurrentIndex(dialog.field("role").findData("clerk"))
            dialog.field("password").setText("zhao-pass-1")
            dialog.field("password_again").setText("zhao-pass-1")
            _ok(dialog)

        when_modal(fill)
        assert page.add()
        assert ("zhao", "文书", "在用") in _rows(page)
        assert account_core.get(store, "zhao").person_id == person["id"]
        assert page.chosen().login == "zhao"
    with session.login(desk, "zhao", "zhao-pass-1") as zhao:
        assert zhao.account.name == "赵会计"


def test_a_head_disables_enables_with_a_new_password_and_resets(qtbot, desk):
    with log_in(desk, "zhuren") as logged:
        page = shown(qtbot, AccountsPage(logged.store))
        page.select("wenshu")
        assert page.buttons["disable"].isEnabled() and not page.buttons["enable"].isEnabled()
        when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
        assert page.disable()
        assert ("wenshu", "文书", "已停用") in _rows(page) and page.buttons["enable"].isEnabled()

        def new_password(text):
            def step(dialog) -> None:
                dialog.field("password").setText(text)
                dialog.field("password_again").setText(text)
                _ok(dialog)
            return step

        page.select("wenshu")
        when_modal(new_password("wenshu-again"))
        assert page.enable()
        assert ("wenshu", "文书", "在用") in _rows(page)
        page.select("jiandu")
        when_modal(new_password("jiandu-new-1"))
        assert page.reset()
    session.login(desk, "wenshu", "wenshu-again").close()
    session.login(desk, "jiandu", "jiandu-new-1").close()
    with pytest.raises(WrongPassword):
        session.login(desk, "jiandu", password("jiandu"))


def test_the_last_head_is_not_disabled_and_core_says_why(qtbot, desk, boxes):
    with log_in(desk, "zhuren") as logged:
        page = shown(qtbot, AccountsPage(logged.store))
        page.select("zhuren")
        when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
        assert not page.disable()
        assert boxes and boxes[-1][0] == "warning"
        assert ("zhuren", "村委会主任/书记", "在用") in _rows(page)


def test_a_clerk_sees_the_accounts_and_changes_nothing(qtbot, desk):
    with log_in(desk, "wenshu") as logged:
        page = shown(qtbot, AccountsPage(logged.store))
        assert [login for login, *_ in _rows(page)] == ["zhuren", "wenshu", "jiandu", "qian"]
        assert not any(page.buttons[k].isVisible() for k in ("add", "disable", "enable", "reset"))
        assert "罗秀兰" in page.note.text()
        page.select("jiandu")
        assert not page.reset() and not page.disable() and not page.add()


def test_a_head_sets_how_long_this_laptop_waits_before_it_locks(qtbot, desk):
    with log_in(desk, "zhuren") as logged:
        page = shown(qtbot, AccountsPage(logged.store))
        assert page.lock_box.currentData() == DEFAULT_MINUTES and page.lock_box.isEnabled()
        page.lock_box.setCurrentIndex(page.lock_box.findData(5))
        assert lock_minutes() == 5
    with log_in(desk, "wenshu") as logged:
        page = shown(qtbot, AccountsPage(logged.store))
        assert page.lock_box.currentData() == 5 and not page.lock_box.isEnabled()


def test_every_new_password_form_refuses_two_different_typings_alike(qtbot, desk):
    """The account form, the new-password form and the recovery form check the two typings with the one check
    the command line and the export password use (core.common.passwords): one sentence, the repeat emptied."""
    from PySide6.QtWidgets import QPushButton

    from villagedesk.core.common import messages
    from villagedesk.ui.accounts.dialogs import AccountDialog, PasswordDialog
    from villagedesk.ui.kit.login_dialog import login_dialog

    differ = messages.PASSWORDS_DIFFER.format(what="密码")
    with log_in(desk, "zhuren") as logged:
        for dialog in (AccountDialog(logged.store, logged.account), PasswordDialog(logged.store, logged.account, str)):
            qtbot.addWidget(dialog)
            if isinstance(dialog, AccountDialog):
                dialog.field("account_name").setText("赵会计")
                dialog.field("login").setText("zhao")
            dialog.field("password").setText("zhao-pass-1")
            dialog.field("password_again").setText("zhao-pass-2")
            dialog.try_accept()
            assert dialog.error_label.text() == differ and dialog.field("password_again").text() == ""
    said: list[str] = []

    def mistyped(recovering) -> None:
        recovering.password.setText("new-zhuren-1")
        recovering.password_again.setText("new-zhuren-2")
        recovering.buttons.button(recovering.buttons.StandardButton.Ok).click()
        said.extend([recovering.message.text(), recovering.password_again.text()])
        recovering.reject()

    login = shown(qtbot, login_dialog(desk))
    login.login = "zhuren"
    when_modal(mistyped)
    login.findChild(QPushButton, "login_forgot").click()
    assert said == [differ, ""]
