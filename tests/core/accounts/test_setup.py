"""The first account encrypts the plain database; a set-up cut short is simply made again."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.helpers.factories import profiled_village, valid_uscc
from villagedesk.core.accounts import accounts, session, setup
from villagedesk.core.accounts.roles import Role
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.core.township import merge as township
from villagedesk.errors import UserError
from villagedesk.store import KeyRequired, is_encrypted, open_store
from villagedesk.store.keys import Keyring, database_key, new_recovery_key


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_first_account_encrypts_the_database(db_path):
    profiled_village(db_path, households=3)
    recovery = setup.first_account(db_path, "Zhuren", "张主任", Role.HEAD, "zhuren-pass")
    assert is_encrypted(db_path)
    with pytest.raises(KeyRequired):
        open_store(db_path)
    assert dict(Keyring.load(db_path).logins()) == {"zhuren": "张主任"}
    with open_store(db_path, key=database_key(recovery), write=False) as store:
        assert store.scalar("SELECT count(*) FROM households") == 3
        rows = store.rows("SELECT actor, action, after FROM audit WHERE table_name = 'accounts' ORDER BY id")
        assert [(r["actor"], r["action"]) for r in rows] == [("zhuren", "insert"), ("zhuren", "setup")]
        assert json.loads(rows[0]["after"])["role"] == "head"
    with session.login(db_path, "zhuren", "zhuren-pass") as head:
        assert head.account.role is Role.HEAD


def test_a_new_database_gets_its_first_account_too(db_path):
    setup.first_account(db_path, "zhuren", "张主任", "村委会主任/书记", "zhuren-pass")
    assert is_encrypted(db_path)


def test_a_database_with_accounts_is_not_set_up_again(db_path):
    profiled_village(db_path)
    setup.first_account(db_path, "zhuren", "张主任", Role.HEAD, "zhuren-pass")
    before = digest(db_path)
    with pytest.raises(UserError, match="已经有账户并已加密"):
        setup.first_account(db_path, "other", "别人", Role.HEAD, "other-pass")
    assert digest(db_path) == before


@pytest.mark.parametrize(("login", "role", "password", "said"), [
    ("wenshu", Role.CLERK, "wenshu-pass", "第一个账户要由村委会主任/书记使用"),
    ("jiandu", "supervisor", "jiandu-pass", "第一个账户要由村委会主任/书记使用"),
    ("zhuren", "mayor", "zhuren-pass", "第一个账户要由村委会主任/书记使用"),
    ("zhuren", Role.HEAD, "short", "密码至少要 8 个字符"),
    ("主任", Role.HEAD, "zhuren-pass", "写法不对"),
])
def test_bad_input_leaves_the_database_plain_and_untouched(db_path, login, role, password, said):
    profiled_village(db_path)
    before = digest(db_path)
    with pytest.raises(UserError, match=said):
        setup.first_account(db_path, login, "某人", role, password)
    assert digest(db_path) == before and not is_encrypted(db_path)
    assert not Keyring.load(db_path).exists()


def test_a_set_up_cut_short_is_made_again(db_path):
    """The account row written and a key file made, then the power went: the file is still plain."""
    profiled_village(db_path)
    with open_store(db_path) as store:
        store.actor = "zhuren"
        accounts.insert_account(store, accounts.checked_new_account(store, "zhuren", "张主任", Role.HEAD, None, None))
    stale = Keyring.load(db_path)
    stale.set_password("zhuren", "张主任", "first-try", database_key(new_recovery_key()))
    recovery = setup.first_account(db_path, "zhuren", "张主任", Role.HEAD, "second-try")
    with open_store(db_path, key=database_key(recovery), write=False) as store:
        assert store.scalar("SELECT count(*) FROM accounts") == 1
    assert len(list(db_path.parent.glob("*.keys.*.old"))) == 1  # the stale key file kept aside
    with session.login(db_path, "zhuren", "second-try") as logged:
        assert logged.account.login == "zhuren"  # the password opens it


def test_a_township_has_officers_and_a_head(db_path):
    with open_store(db_path) as store:
        save_profile(store, Profile("天门乡", valid_uscc(), "天门乡", "新化县", "王干事", "07381234567"))
        township.set_township(store, True)
    setup.first_account(db_path, "wang", "王乡长", Role.HEAD, "wang-password")
    with session.login(db_path, "wang", "wang-password") as head:
        officer = accounts.add(head.store, head.account, "li", "李干事", "township", "li-password")
        assert officer.role is Role.TOWNSHIP
        with pytest.raises(UserError, match="乡镇数据库中的账户不能是“文书”"):
            accounts.add(head.store, head.account, "zhou", "周", Role.CLERK, "zhou-password")
