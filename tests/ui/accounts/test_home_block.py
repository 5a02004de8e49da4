"""The home page's block: failed logins and account changes since a 主任 last logged in, for a 主任 only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import TEST_DAY
from tests.helpers.desk import encrypted_village, log_in
from tests.helpers.ui import shown
from villagedesk import clock
from villagedesk.core.accounts import session
from villagedesk.store.keys import WrongPassword
from villagedesk.ui.accounts.home_block import AccountEventsBlock
from villagedesk.ui.home.page import HomePage


@pytest.fixture
def desk(tmp_path):
    path = tmp_path / "village.sqlite3"
    encrypted_village(path)
    return path


def _fail(path, login: str) -> None:
    with pytest.raises(WrongPassword):
        session.login(path, login, "a-wrong-guess")


def test_a_head_sees_failed_logins_and_changes_since_the_last_head_login(qtbot, desk):
    clock.set(TEST_DAY + timedelta(hours=1))
    with log_in(desk, "zhuren"):
        pass  # the 主任 was here: what follows is new
    clock.set(TEST_DAY + timedelta(hours=2))
    _fail(desk, "wenshu")
    _fail(desk, "wenshu")
    clock.set(TEST_DAY + timedelta(hours=3))
    with log_in(desk, "zhuren") as logged:
        page = shown(qtbot, HomePage(logged.store))
        block = page.account_events
        assert block.box.isVisible()
        assert block.summary.text() == "2 次登录失败，0 次账户变动。"
        lines = [block.lines.item(i).text() for i in range(block.lines.count())]
        assert len(lines) == 2 and all("登录失败：wenshu" in line for line in lines)


def test_others_see_no_block(qtbot, desk):
    _fail(desk, "jiandu")
    with log_in(desk, "wenshu") as logged:
        page = shown(qtbot, HomePage(logged.store))
        assert not page.account_events.box.isVisible()


def test_a_plain_database_has_no_block(qtbot, store):
    page = shown(qtbot, HomePage(store))
    assert not hasattr(page, "account_events")
    assert not page.findChildren(AccountEventsBlock)
