"""Who may do what: the separation of duties of issue 17 (docs/SECURITY.md "Roles and permissions")."""

from __future__ import annotations

import pytest

from villagedesk.core.accounts.accounts import Account
from villagedesk.core.accounts.roles import Action, Role, label, may, parse_role, require, roles_for
from villagedesk.errors import UserError


def account(role: Role, *, disabled: bool = False) -> Account:
    return Account(1, "someone", "某人", role, None, disabled)


@pytest.mark.parametrize(("role", "action", "allowed"), [
    (Role.CLERK, Action.RECORD, True),
    (Role.CLERK, Action.DRAFT, True),
    (Role.CLERK, Action.REVIEW_POINTS, False),
    (Role.CLERK, Action.REVIEW_NOTICE, False),
    (Role.CLERK, Action.MANAGE_ACCOUNTS, False),
    (Role.CLERK, Action.EXPORT_PLAIN, False),
    (Role.SUPERVISOR, Action.REVIEW_POINTS, True),
    (Role.SUPERVISOR, Action.REVIEW_NOTICE, True),
    (Role.SUPERVISOR, Action.RECORD, False),
    (Role.SUPERVISOR, Action.DRAFT, False),
    (Role.HEAD, Action.MANAGE_ACCOUNTS, True),
    (Role.HEAD, Action.EXPORT_PLAIN, True),
    (Role.HEAD, Action.REVIEW_NOTICE, False),  # §4.1: the 监委会 reviews notices, no one else
    (Role.HEAD, Action.REVIEW_POINTS, False),  # item 3: the 监委会 reviews points, no one else
    (Role.TOWNSHIP, Action.IMPORT_PACKAGE, True),
    (Role.TOWNSHIP, Action.RECORD, False),
    (Role.TOWNSHIP, Action.MANAGE_ACCOUNTS, False),
])
def test_the_table_of_who_may_do_what(role, action, allowed):
    assert may(role, action) is allowed
    assert may(role.value, action.value) is allowed


def test_every_action_has_someone_who_may_take_it():
    assert all(roles_for(action) for action in Action)
    assert roles_for(Action.REVIEW_POINTS) == (Role.SUPERVISOR,)


def test_a_refusal_is_one_sentence_naming_who_may():
    with pytest.raises(UserError) as refused:
        require(account(Role.CLERK), Action.REVIEW_POINTS)
    message = str(refused.value)
    assert message == "某人（文书）不能审核积分：这要由村务监督委员会成员来做。"
    require(account(Role.SUPERVISOR), Action.REVIEW_POINTS)  # allowed: no refusal


def test_a_disabled_account_may_do_nothing():
    with pytest.raises(UserError, match="已停用"):
        require(account(Role.HEAD, disabled=True), Action.MANAGE_ACCOUNTS)


def test_roles_are_named_as_the_clerk_knows_them():
    assert label(Role.SUPERVISOR) == "村务监督委员会成员"
    assert label(Role.HEAD, township=True) == "乡镇负责人"
    assert parse_role("文书") is Role.CLERK
    assert parse_role("主任") is parse_role("书记") is Role.HEAD
    assert parse_role("监委") is Role.SUPERVISOR
    assert parse_role(" Head ") is Role.HEAD
    assert parse_role("township", township=True) is Role.TOWNSHIP


@pytest.mark.parametrize(("text", "township", "said"), [
    ("mayor", False, "没有“mayor”这个角色"),
    ("township", False, "村数据库中的账户不能是“乡镇”"),
    ("clerk", True, "乡镇数据库中的账户不能是“文书”"),
])
def test_a_role_the_database_does_not_hold_is_refused(text, township, said):
    with pytest.raises(UserError, match=said) as refused:
        parse_role(text, township=township)
    assert refused.value.field == "role"
