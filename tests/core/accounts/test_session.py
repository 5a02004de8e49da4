"""Logging in, the slow-down after wrong passwords, a second signature, and the recovery key's way back."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from tests.helpers.factories import ACCOUNT_PASSWORDS as PASSWORDS
from villagedesk import clock
from villagedesk.core.accounts import accounts, session
from villagedesk.core.accounts.roles import Role
from villagedesk.core.accounts.session import BadLogin, LoginDelayed, delay_after
from villagedesk.errors import UserError
from villagedesk.store import KeyRequired, open_store, restore
from villagedesk.store.keys import Keyring, WrongPassword, database_key


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def log_in(path, login, **options):
    return session.login(path, login, PASSWORDS[login], **options)


def test_a_login_opens_the_database_as_that_account_and_is_audited(village):
    path, _ = village
    with session.login(path, " WenShu", PASSWORDS["wenshu"]) as me:
        assert (me.account.login, me.account.role, me.store.actor) == ("wenshu", Role.CLERK, "wenshu")
        assert me.store.writable and me.store.key is not None
        row = me.store.row("SELECT * FROM audit WHERE action = 'login' ORDER BY id DESC LIMIT 1")
        assert row["actor"] == "wenshu" and row["table_name"] == "accounts"
        assert me.store.scalar("SELECT last_login_at FROM accounts WHERE login = 'wenshu'").startswith("2026-11-16T08")


def test_a_reader_logs_in_without_writing_anything(village):
    path, _ = village
    before = digest(path)
    with log_in(path, "jiandu", write=False) as me:
        assert not me.store.writable and me.account.role is Role.SUPERVISOR
    assert digest(path) == before


def test_a_wrong_password_changes_nothing_but_is_noted(village):
    path, _ = village
    before = digest(path)
    with pytest.raises(BadLogin) as refused:
        session.login(path, "zhuren", "not-the-password")
    assert str(refused.value) == "登录名或密码不对。" and refused.value.seconds == 0
    assert isinstance(refused.value, WrongPassword)
    assert digest(path) == before
    assert [f["login"] for f in Keyring.load(path).failures()] == ["zhuren"]


def test_an_unknown_login_is_refused_like_a_wrong_password(village):
    path, _ = village
    with pytest.raises(BadLogin, match="登录名或密码不对"):
        session.login(path, "nobody", "whatever-it-is")
    assert [f["login"] for f in Keyring.load(path).failures()] == ["nobody"]


def test_the_slow_down_doubles_after_a_few_free_tries():
    assert [delay_after(n) for n in range(1, 10)] == [0, 0, 15, 30, 60, 120, 240, 300, 300]


def test_wrong_passwords_slow_down_then_the_next_login_moves_them_into_the_audit(village, stopped_clock):
    # The clock stopped: a wait counted from a failure stamped to the second reads 15 s only if no time passes.
    path, _ = village
    for _ in range(2):
        with pytest.raises(BadLogin):
            session.login(path, "zhuren", "guessing-it")
    with pytest.raises(BadLogin, match="连续输错 3 次，请 15 秒后再试") as third:
        session.login(path, "zhuren", "guessing-it")
    assert third.value.seconds == 15
    # While the wait lasts, not even the right password is tried (nothing is noted either).
    with pytest.raises(LoginDelayed, match="请 15 秒后再试") as waiting:
        log_in(path, "zhuren")
    assert waiting.value.seconds == 15 and len(Keyring.load(path).failures()) == 3
    # Another account is not held up by zhuren's failures.
    with log_in(path, "wenshu", write=False) as logged:
        assert logged.account.login == "wenshu"  # the password opens it
    stopped_clock.move(seconds=16)
    with log_in(path, "zhuren") as head:
        failed = head.store.rows("SELECT * FROM audit WHERE action = 'login-failed' ORDER BY id")
        assert [(r["actor"], json.loads(r["after"])) for r in failed] == [("zhuren", {"login": "zhuren"})] * 3
        assert failed[0]["at"] == "2026-11-16T08:00:00"  # when it failed, not when it was moved
    assert Keyring.load(path).failures() == []


def test_a_disabled_account_is_refused(village):
    path, _ = village
    with log_in(path, "zhuren") as head:
        accounts.disable(head.store, head.account, "jiandu")
        with pytest.raises(UserError, match="已停用"):
            session.verify(head.store, "jiandu", PASSWORDS["jiandu"])
    with pytest.raises(WrongPassword):  # its password no longer unwraps the key
        log_in(path, "jiandu")


def test_a_second_signature_is_the_accounts_own_password(village):
    path, _ = village
    with log_in(path, "wenshu") as me:
        signer = session.verify(me.store, "jiandu", PASSWORDS["jiandu"])
        assert (signer.login, signer.role) == ("jiandu", Role.SUPERVISOR)
        assert me.store.actor == "wenshu"  # the session is still the clerk's
        count = me.store.scalar("SELECT count(*) FROM audit")
        with pytest.raises(WrongPassword, match="登录名或密码不对"):
            session.verify(me.store, "jiandu", PASSWORDS["wenshu"])
        assert me.store.scalar("SELECT count(*) FROM audit") == count
        with pytest.raises(UserError, match="没有登录名为 nobody 的账户"):
            session.verify(me.store, "nobody", "whatever-it-is")
    assert [f["login"] for f in Keyring.load(path).failures()] == ["jiandu"]


def test_an_account_the_restored_backup_does_not_know_is_refused_and_nothing_is_lost(village, tmp_path):
    path, _ = village
    with log_in(path, "zhuren") as head:
        old = head.store.backup(tmp_path / "before-xin.sqlite3")
        accounts.add(head.store, head.account, "xin", "新文书", Role.CLERK, "xin-password")
    with session.login(path, "xin", "xin-password") as logged:
        assert logged.account.login == "xin"  # the password opens it
    with log_in(path, "zhuren") as head:
        restore(head.store, old)
    before = digest(path)
    with pytest.raises(UserError, match="账户 xin 不在这个数据库中") as refused:
        session.login(path, "xin", "xin-password")
    assert "当时已有的账户" in str(refused.value) and len(str(refused.value).splitlines()) == 1
    assert digest(path) == before
    with log_in(path, "zhuren") as head:  # an account of that time logs in, and may add xin again
        assert accounts.get(head.store, "xin") is None
        accounts.add(head.store, head.account, "xin", "新文书", Role.CLERK, "xin-password2")
    with session.login(path, "xin", "xin-password2") as logged:
        assert logged.account.login == "xin"  # the password opens it


# --- the recovery key --------------------------------------------------------------------------

def test_a_head_who_forgot_the_password_resets_it_with_the_recovery_key(village):
    path, recovery = village
    typed = recovery.lower().replace("-", " ")  # typed from the sheet, as it comes
    head = session.recover(path, typed, "zhuren", "remembered-now")
    assert head.login == "zhuren"
    with pytest.raises(WrongPassword):
        log_in(path, "zhuren")
    with session.login(path, "zhuren", "remembered-now") as me:
        row = me.store.row("SELECT * FROM audit WHERE action = 'recover'")
        assert row["actor"] == "zhuren"
        # The head then resets the clerk's forgotten password the ordinary way.
        accounts.reset_password(me.store, me.account, "wenshu", "wenshu-again")
    with session.login(path, "wenshu", "wenshu-again") as logged:
        assert logged.account.login == "wenshu"  # the password opens it


def test_a_lost_key_file_is_made_again_with_the_recovery_key(village):
    path, recovery = village
    Keyring.load(path).path.unlink()
    with pytest.raises(UserError, match="密钥文件中没有账户 zhuren 的密码") as refused:
        log_in(path, "zhuren")
    assert "villagedesk account recover" in str(refused.value)
    session.recover(path, recovery, "zhuren", "zhuren-again")
    assert [login for login, _ in Keyring.load(path).logins()] == ["zhuren"]
    with session.login(path, "zhuren", "zhuren-again") as me:
        accounts.reset_password(me.store, me.account, "wenshu", "wenshu-again")


def test_a_damaged_key_file_is_put_aside_by_the_recovery(village):
    path, recovery = village
    keys = Keyring.load(path).path
    keys.write_text("not a key file")
    with pytest.raises(UserError, match="已损坏"):
        log_in(path, "zhuren")
    session.recover(path, recovery, "zhuren", "zhuren-again")
    assert [p.name for p in path.parent.glob("*.keys.damaged-*")]
    with session.login(path, "zhuren", "zhuren-again") as logged:
        assert logged.account.login == "zhuren"  # the password opens it


@pytest.mark.parametrize(("typed", "said"), [
    ("ABCD-EFGH", "恢复密钥应是 36 个字母和数字"),
    ("other", "恢复密钥应是 36 个字母和数字"),
])
def test_a_mistyped_recovery_key_is_one_message_and_changes_nothing(village, typed, said):
    path, _ = village
    before, keys = digest(path), Keyring.load(path).path.read_bytes()
    with pytest.raises(UserError, match=said):
        session.recover(path, typed, "zhuren", "zhuren-again")
    assert digest(path) == before and Keyring.load(path).path.read_bytes() == keys


def test_another_databases_recovery_key_is_one_message_and_changes_nothing(village, tmp_path):
    path, _ = village
    from villagedesk.store.keys import new_recovery_key

    before, keys = digest(path), Keyring.load(path).path.read_bytes()
    with pytest.raises(UserError) as refused:
        session.recover(path, new_recovery_key(), "zhuren", "zhuren-again")
    assert str(refused.value).startswith("这个恢复密钥打不开这个数据库")
    assert len(str(refused.value).splitlines()) == 1
    assert digest(path) == before and Keyring.load(path).path.read_bytes() == keys


def test_the_recovery_key_resets_only_a_head(village):
    path, recovery = village
    with pytest.raises(UserError, match="恢复密钥只用来重设主任/书记的密码。罗秀兰 是文书"):
        session.recover(path, recovery, "wenshu", "wenshu-again")
    with pytest.raises(UserError, match="至少要 8 个字符"):
        session.recover(path, recovery, "zhuren", "short")
    with log_in(path, "wenshu") as logged:  # unchanged
        assert logged.account.login == "wenshu"  # the password opens it


def test_the_recovery_key_alone_opens_the_database(village):
    path, recovery = village
    with pytest.raises(KeyRequired):
        open_store(path)
    with open_store(path, key=database_key(recovery), write=False) as store:
        assert store.scalar("SELECT count(*) FROM accounts") == 3


def test_a_key_file_of_another_database_is_said_so(village, tmp_path):
    path, _ = village
    other = tmp_path / "other" / "village.sqlite3"
    other.parent.mkdir()
    shutil.copy(path, other)
    from tests.helpers.factories import village_with_accounts

    village_with_accounts(tmp_path / "third.sqlite3")
    shutil.copy(tmp_path / "third.sqlite3.keys", other.with_name(other.name + ".keys"))
    with pytest.raises(session.KeyMismatch, match="密码打不开这个数据库"):
        log_in(other, "zhuren")


def test_every_login_is_an_audit_row_even_two_in_the_same_second(village, stopped_clock):
    # The clock stopped: both logins fall in the same second, last_login_at does not change, and the second
    # login must still leave its row (since_last_head_login counts from it).
    path, _ = village
    for _ in range(2):
        with log_in(path, "zhuren") as logged:
            assert logged.account.login == "zhuren"  # the password opens it
    with log_in(path, "zhuren", write=False) as head:
        assert head.store.scalar("SELECT count(*) FROM audit WHERE action = 'login' AND actor = 'zhuren' "
                                 "AND at = ?", (clock.timestamp(),)) >= 2
        assert accounts.since_last_head_login(head.store) == []
