"""The demo's accounts: the 主任 first (which encrypts the demo), then the 文书 and the 监委会主任."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers.factories import QINGXI_PROFILE, profiled_village
from villagedesk.core.accounts import accounts, session
from villagedesk.core.accounts.roles import Role
from villagedesk.core.committee import roster as committee
from villagedesk.core.register import people
from villagedesk.demo.accounts import DEMO_ACCOUNTS, make_demo_accounts
from villagedesk.store import is_encrypted, open_store


def test_the_demo_passwords_are_the_ones_the_issue_names():
    assert [(a.login, a.password, a.role) for a in DEMO_ACCOUNTS] == [
        ("zhuren", "demo-zhuren", Role.HEAD), ("wenshu", "demo-wenshu", Role.CLERK),
        ("jiandu", "demo-jiandu", Role.SUPERVISOR)]


def test_the_accounts_are_the_serving_heads_and_the_profiles_clerk(db_path):
    profiled_village(db_path, households=2)
    with open_store(db_path) as store:
        house = store.scalar("SELECT id FROM households ORDER BY id LIMIT 1")
        chair = people.add_person(store, house, name="吴主任", relation="户主", birth_date="1970-01-01")
        member = people.add_person(store, house, name="陈监委", relation="配偶", birth_date="1972-01-01")
        term = committee.save_term(store, number=1, start_date=date(2026, 1, 1))
        committee.start_post(store, person_id=chair["id"], body=committee.VILLAGE, role="主任", term_id=term["id"],
                             start_date=date(2026, 1, 1))
        committee.start_post(store, person_id=member["id"], body=committee.SUPERVISION, role="主任",
                             term_id=term["id"], start_date=date(2026, 1, 1))
    recovery, made = make_demo_accounts(db_path)
    assert is_encrypted(db_path) and recovery
    assert [(a.login, a.name) for a in made] == [("zhuren", "吴主任"), ("wenshu", QINGXI_PROFILE.clerk),
                                                 ("jiandu", "陈监委")]
    with session.login(db_path, "jiandu", "demo-jiandu") as signed_in:
        found = {a.login: a for a in accounts.list_accounts(signed_in.store)}
    assert found["zhuren"].person_id == chair["id"] and found["jiandu"].person_id == member["id"]
    assert found["wenshu"].person_id is None


@pytest.mark.parametrize("login", ["zhuren", "wenshu", "jiandu"])
def test_without_a_committee_each_account_is_named_by_its_role(db_path, login):
    profiled_village(db_path)
    _recovery, made = make_demo_accounts(db_path)
    names = {a.login: a.name for a in made}
    assert names[login] == {"zhuren": "村委会主任/书记", "wenshu": QINGXI_PROFILE.clerk,
                            "jiandu": "村务监督委员会成员"}[login]
    with session.login(db_path, login, f"demo-{login}") as signed_in:
        assert signed_in.account.name == names[login]
