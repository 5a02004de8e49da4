"""Accounts added, disabled, enabled and reset by a 主任/书记; never deleted; every change audited."""

from __future__ import annotations

import json

import pytest

from tests.helpers.factories import ACCOUNT_PASSWORDS as PASSWORDS
from villagedesk.core.accounts import accounts, session
from villagedesk.core.accounts.roles import Role
from villagedesk.errors import UserError
from villagedesk.store.driver import sqlite3
from villagedesk.store.keys import Keyring, WrongPassword


def log_in(path, login):
    return session.login(path, login, PASSWORDS[login])


def key_file(path) -> bytes:
    return Keyring.load(path).path.read_bytes()


def audit(store, action):
    return store.rows("SELECT * FROM audit WHERE table_name = 'accounts' AND action = ? ORDER BY id", (action,))


def test_the_accounts_are_listed_in_use_first(village):
    path, _ = village
    with log_in(path, "wenshu") as me:
        found = accounts.list_accounts(me.store)
        assert [(a.login, a.role) for a in found] == [("zhuren", Role.HEAD), ("wenshu", Role.CLERK),
                                                      ("jiandu", Role.SUPERVISOR)]
        assert accounts.get(me.store, " WenShu ") == me.account
        assert accounts.get(me.store, "nobody") is None
    assert dict(Keyring.load(path).logins()) == {"zhuren": "张主任", "wenshu": "罗秀兰", "jiandu": "周监委"}


def test_a_head_adds_an_account_tied_to_a_person(village):
    path, _ = village
    with log_in(path, "zhuren") as head:
        person = head.store.scalar("SELECT id FROM persons ORDER BY id LIMIT 1")
        if person is None:  # the village has households without people: add one
            from villagedesk.core.register import people

            house = head.store.scalar("SELECT id FROM households LIMIT 1")
            person = people.add_person(head.store, house, name="刘会计", relation="户主")["id"]
        added = accounts.add(head.store, head.account, "Kuaiji", "刘会计", "文书", "kuaiji-pass", person_id=person)
        assert (added.login, added.role, added.person_id, added.disabled) == ("kuaiji", Role.CLERK, person, False)
        (row,) = audit(head.store, "insert")[-1:]
        assert row["actor"] == "zhuren" and json.loads(row["after"])["login"] == "kuaiji"
        assert json.loads(row["after"])["created_by"] == "zhuren"
        with pytest.raises(UserError, match="已经有账户 kuaiji") as taken:
            accounts.add(head.store, head.account, "other", "别人", Role.CLERK, "other-pass", person_id=person)
        assert taken.value.field == "person"
    with session.login(path, "kuaiji", "kuaiji-pass") as clerk:
        assert clerk.account == added and clerk.store.actor == "kuaiji"


@pytest.mark.parametrize(("login", "name", "role", "password", "said"), [
    ("wenshu", "又一个", Role.CLERK, "long-enough", "已经有登录名为 wenshu 的账户"),
    ("张三", "张三", Role.CLERK, "long-enough", "登录名“张三”写法不对"),
    ("x", "张三", Role.CLERK, "long-enough", "登录名“x”写法不对"),
    ("zhangsan", "  ", Role.CLERK, "long-enough", "请填写账户的姓名"),
    ("zhangsan", "张三", Role.CLERK, "short", "密码至少要 8 个字符（现在是 5 个）"),
    ("zhangsan", "张三", Role.CLERK, "ZhangSan", "密码不能和登录名相同"),
    ("zhangsan", "张三", "township", "long-enough", "村数据库中的账户不能是“乡镇”"),
])
def test_a_bad_new_account_is_refused_and_nothing_is_written(village, login, name, role, password, said):
    path, _ = village
    before = key_file(path)
    with log_in(path, "zhuren") as head:
        count = head.store.scalar("SELECT count(*) FROM audit")
        with pytest.raises(UserError, match=said):
            accounts.add(head.store, head.account, login, name, role, password)
        assert head.store.scalar("SELECT count(*) FROM audit") == count
        assert len(accounts.list_accounts(head.store)) == 3
    assert key_file(path) == before


@pytest.mark.parametrize("login", ["wenshu", "jiandu"])
def test_only_a_head_manages_accounts(village, login):
    path, _ = village
    before = key_file(path)
    with log_in(path, login) as me:
        for change in (lambda: accounts.add(me.store, me.account, "xin", "新人", Role.CLERK, "xin-password"),
                       lambda: accounts.disable(me.store, me.account, "zhuren"),
                       lambda: accounts.reset_password(me.store, me.account, "zhuren", "taken-over")):
            with pytest.raises(UserError, match="不能管理账户：这要由村委会主任/书记来做"):
                change()
        assert not accounts.get(me.store, "zhuren").disabled
    assert key_file(path) == before


def test_a_disabled_account_cannot_log_in_until_enabled_with_a_new_password(village):
    path, _ = village
    with log_in(path, "zhuren") as head:
        gone = accounts.disable(head.store, head.account, "wenshu")
        assert gone.disabled
        assert [a.login for a in accounts.list_accounts(head.store)][-1] == "wenshu"  # kept, listed last
    # Its password opens nothing any more, and the login list no longer offers it.
    keyring = Keyring.load(path)
    assert not keyring.has("wenshu") and "wenshu" not in dict(keyring.logins())
    with pytest.raises(WrongPassword):
        log_in(path, "wenshu")
    with log_in(path, "zhuren") as head:
        with pytest.raises(UserError, match="已经停用了"):
            accounts.disable(head.store, head.account, "wenshu")
        with pytest.raises(UserError, match="请先启用它"):
            accounts.reset_password(head.store, head.account, "wenshu", "new-password")
        back = accounts.enable(head.store, head.account, "wenshu", "new-password")
        assert not back.disabled
        assert [r["action"] for r in head.store.rows(
            "SELECT action FROM audit WHERE table_name = 'accounts' AND action IN ('disable', 'enable')")] == [
            "disable", "enable"]
    with session.login(path, "wenshu", "new-password") as clerk:
        assert clerk.account.login == "wenshu"


def test_the_last_head_cannot_be_disabled(village):
    path, _ = village
    with log_in(path, "zhuren") as head:
        with pytest.raises(UserError, match="张主任 是唯一在用的村委会主任/书记账户，不能停用"):
            accounts.disable(head.store, head.account, "zhuren")
        # With a second head, the first may leave (a new 主任 after the election), by their own hand.
        accounts.add(head.store, head.account, "xinzhuren", "新主任", Role.HEAD, "xinzhuren-pass")
        accounts.disable(head.store, head.account, "zhuren")
    with session.login(path, "xinzhuren", "xinzhuren-pass") as new:
        with pytest.raises(UserError, match="新主任 是唯一在用的"):
            accounts.disable(new.store, new.account, "xinzhuren")


def test_a_head_resets_a_forgotten_password(village):
    path, _ = village
    with log_in(path, "zhuren") as head:
        accounts.reset_password(head.store, head.account, "jiandu", "jiandu-new")
        (row,) = audit(head.store, "reset-password")
        assert row["actor"] == "zhuren" and json.loads(row["after"]) == {"login": "jiandu", "by": "zhuren"}
        assert "new" not in row["after"].replace("jiandu", "")  # no password in the audit
    with pytest.raises(WrongPassword):
        log_in(path, "jiandu")
    with session.login(path, "jiandu", "jiandu-new") as member:
        assert member.account.role is Role.SUPERVISOR


def test_an_account_changes_its_own_password_knowing_the_old_one(village):
    path, _ = village
    with log_in(path, "wenshu") as me:
        before = key_file(path)
        with pytest.raises(WrongPassword):
            accounts.change_password(me.store, me.account, "not-the-old-one", "wenshu-new")
        assert Keyring.load(path).failures() == [] and key_file(path) == before
        with pytest.raises(UserError, match="至少要 8 个字符"):
            accounts.change_password(me.store, me.account, PASSWORDS["wenshu"], "short")
        accounts.change_password(me.store, me.account, PASSWORDS["wenshu"], "wenshu-new")
        assert audit(me.store, "change-password")[0]["actor"] == "wenshu"
    with session.login(path, "wenshu", "wenshu-new") as logged:
        assert logged.account.login == "wenshu"  # the password opens it


def test_accounts_are_never_deleted_and_a_login_never_changes(village):
    path, recovery = village
    from villagedesk.store import open_store
    from villagedesk.store.keys import database_key

    with open_store(path, key=database_key(recovery)) as store:
        with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
            store.conn.execute("DELETE FROM accounts WHERE login = 'wenshu'")
        with pytest.raises(sqlite3.IntegrityError, match="never changes"):
            store.conn.execute("UPDATE accounts SET login = 'other' WHERE login = 'wenshu'")


def test_the_head_sees_account_changes_and_failed_logins_since_their_last_login(village):
    path, _ = village
    with log_in(path, "zhuren") as head:
        # Since the head's first login (when the set-up added the other two), this one aside.
        assert [e.text for e in accounts.since_last_head_login(head.store, head.account)] == [
            "添加账户 jiandu（周监委，村务监督委员会成员）", "添加账户 wenshu（罗秀兰，文书）"]
        accounts.reset_password(head.store, head.account, "wenshu", "wenshu-new")
    with pytest.raises(WrongPassword):
        session.login(path, "jiandu", "guess-one")
    with session.login(path, "wenshu", "wenshu-new") as clerk:  # moves the failure into the audit
        assert clerk.account.login == "wenshu"
    with log_in(path, "zhuren") as head:
        events = accounts.since_last_head_login(head.store, head.account)
        assert [(e.actor, e.text) for e in events] == [("jiandu", "登录失败：jiandu"),
                                                       ("zhuren", "重设了账户 wenshu 的密码")]
        # Seen now: the next head login starts afresh.
    with log_in(path, "zhuren") as head:
        assert accounts.since_last_head_login(head.store, head.account) == []


def test_an_account_change_is_not_undone(village):
    from villagedesk.core.common.undo import UndoJournal

    path, _ = village
    with log_in(path, "zhuren") as head:
        journal = UndoJournal(head.store)
        try:
            accounts.add(head.store, head.account, "xin", "新人", Role.CLERK, "xin-password")
            with pytest.raises(UserError, match="账户的改动和登录不能撤销"):
                journal.undo()
            assert accounts.get(head.store, "xin") is not None
        finally:
            journal.close()
