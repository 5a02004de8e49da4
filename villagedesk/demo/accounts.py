"""The demo village's accounts: 文书, 村委会主任 and 监委会主任, made the way a village makes them.

The 主任's account is the first: it encrypts the demo (core.accounts.setup), then the 主任 logs in and
adds the other two (issue 17, item 6).  The passwords are printed by `villagedesk demo` for anyone to
try the program with: a demo village holds no real person.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from villagedesk.core.accounts import accounts, session, setup
from villagedesk.core.accounts.roles import Role, label
from villagedesk.core.committee import roster as committee
from villagedesk.core.common.village import get_profile
from villagedesk.store import open_store


@dataclass(frozen=True)
class DemoAccount:
    login: str
    password: str
    role: Role
    name: str = ""


# In the order they are made: the 主任 first, who adds the others.
DEMO_ACCOUNTS = (DemoAccount("zhuren", "demo-zhuren", Role.HEAD), DemoAccount("wenshu", "demo-wenshu", Role.CLERK),
                 DemoAccount("jiandu", "demo-jiandu", Role.SUPERVISOR))
# The post each account's person holds in the demo's committees (the 文书 is the profile's clerk).
_POSTS = {Role.HEAD: (committee.VILLAGE, "主任"), Role.SUPERVISOR: (committee.SUPERVISION, "主任")}


def _people(path: Path) -> dict[Role, tuple[str, int | None]]:
    """Name and person of each account: the serving 村委会主任 and 监委会主任, the profile's clerk."""
    with open_store(path, write=False) as store:
        profile = get_profile(store)
        found: dict[Role, tuple[str, int | None]] = {Role.CLERK: (profile.clerk if profile else label(Role.CLERK),
                                                                  None)}
        for post in committee.serving_posts(store):
            for role, (body, title) in _POSTS.items():
                if role not in found and post["body"] == body and post["role"] == title:
                    found[role] = (post["name"], post["person_id"])
    return found


def make_demo_accounts(path: Path | str) -> tuple[str, list[DemoAccount]]:
    """Make the three accounts of a demo just built (plain); returns the recovery key and the accounts."""
    path = Path(path)
    people = _people(path)
    head, *others = DEMO_ACCOUNTS
    made = []
    name, person = people.get(head.role, (label(head.role), None))
    recovery = setup.first_account(path, head.login, name, head.role, head.password, person_id=person)
    made.append(DemoAccount(head.login, head.password, head.role, name))
    with session.login(path, head.login, head.password) as signed_in:
        for demo in others:
            name, person = people.get(demo.role, (label(demo.role), None))
            accounts.add(signed_in.store, signed_in.account, demo.login, name, demo.role, demo.password,
                         person_id=person)
            made.append(DemoAccount(demo.login, demo.password, demo.role, name))
    return recovery, made
