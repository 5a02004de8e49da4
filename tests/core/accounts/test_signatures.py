"""Who signs and who is named (docs/SECURITY.md "Signatures"): one value for a database with accounts
and a plain one; the areas' own tests check each signed act."""

from __future__ import annotations

import pytest

from tests.helpers.factories import add_accounts, log_in, signed
from villagedesk.core.accounts import signatures
from villagedesk.core.accounts.roles import Action
from villagedesk.errors import UserError
from villagedesk.store import open_store


@pytest.fixture
def desk(db_path):
    open_store(db_path).close()
    add_accounts(db_path, second_supervisor=True)
    with log_in(db_path, "wenshu") as session:
        yield session.store


def test_an_account_is_named_by_name_and_login(desk):
    assert signatures.acting(desk).text == "罗秀兰（wenshu）"
    assert signatures.author(desk, "随便写的名字") == "罗秀兰（wenshu）"
    assert signatures.named(desk, "jiandu") == "周监委（jiandu）"
    assert signatures.named(desk, "旧文书") == "旧文书"  # an actor of the plain days stays as written
    assert desk.scalar(f"SELECT {signatures.stamp_sql(':who')}", {"who": "qian"}) == "钱监督（qian）"
    assert desk.scalar(f"SELECT {signatures.stamp_sql(':who')}", {"who": "clerk"}) == "clerk"


def test_a_signer_is_an_enabled_account_allowed_the_act(desk):
    jiandu = signatures.signer(desk, signed(desk, "jiandu"), Action.REVIEW_NOTICE, missing="")
    assert (jiandu.text, jiandu.login) == ("周监委（jiandu）", "jiandu")
    with pytest.raises(UserError, match="不能审核公开事项"):
        signatures.signer(desk, signed(desk, "zhuren"), Action.REVIEW_NOTICE, missing="")
    with pytest.raises(UserError, match="不能只填一个名字"):
        signatures.signer(desk, "赵监督", Action.REVIEW_NOTICE, missing="")


def test_the_author_of_the_work_never_signs_it(desk):
    jiandu = signatures.signer(desk, signed(desk, "jiandu"), Action.REVIEW_POINTS, missing="")
    signatures.refuse_own(jiandu, ["罗秀兰（wenshu）", None], "这条积分")
    for author in ("周监委（jiandu）", "jiandu"):
        with pytest.raises(UserError, match="这条积分是 周监委（jiandu） 登记或起草的") as err:
            signatures.refuse_own(jiandu, [author], "这条积分")
        assert err.value.field == "reviewer"
    assert signatures.logins_named(desk, ["罗秀兰（wenshu）", "jiandu", "别人"]) == ["wenshu", "jiandu"]


def test_a_plain_database_signs_with_the_name_typed(store):
    signer = signatures.signer(store, "  王五 ", Action.REVIEW_POINTS, missing="请填写审核人。")
    assert (signer.text, signer.login, signer.wrote("王五")) == ("王五", None, False)
    with pytest.raises(UserError, match="请填写审核人"):
        signatures.signer(store, " ", Action.REVIEW_POINTS, missing="请填写审核人。")
    assert signatures.author(store, "") == store.actor and signatures.author(store, "", default=False) == ""
    assert signatures.author(store, " 张三 ") == "张三"
