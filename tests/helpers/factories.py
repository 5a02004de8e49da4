"""Valid identifiers for tests, computed rather than copied."""

from __future__ import annotations

from datetime import date

from villagedesk.core.common import ids
from villagedesk.core.common.village import Profile


def valid_uscc(prefix: str = "54431322MJ1234567") -> str:
    return prefix + ids.uscc_check_char(prefix)


def valid_id(born: date = date(1970, 3, 5), serial: int = 123, area: str = "431322") -> str:
    return ids.make_id_number(area, born, serial)


def wrong_check(number: str) -> str:
    """The same number with a check character that cannot be right."""
    return number[:-1] + ("0" if number[-1] != "0" else "1")


#: A village's profile as the clerk fills it in at the first start.
QINGXI_PROFILE = Profile(name="青溪桥村", code="91350100M000100Y43", township="天门乡", county="新化县",
                         clerk="罗秀兰", phone="13812341234")

# The village the package tests write from (see package_village and the village_db fixture).
PACKAGE_VILLAGE = valid_uscc()


def profiled_village(path, *, households: int = 0):
    """青溪桥村 with its profile filled in (and ``households`` households HH001…, 一组): a village the
    command line and the backups work on.  Returns ``path``."""
    from villagedesk.core.common.village import save_profile
    from villagedesk.core.register import people
    from villagedesk.store import open_store

    with open_store(path) as store:
        save_profile(store, QINGXI_PROFILE)
        for n in range(1, households + 1):
            people.add_household(store, code=f"HH{n:03d}", group_name="一组")
    return path


def package_village(path, code: str = PACKAGE_VILLAGE, township_name: str = "天门乡", name: str = "油溪桥村") -> None:
    """油溪桥村 with two households (一组, 二组) and their heads, profile filled in: what a package is written from."""
    from villagedesk.core.common.village import Profile, save_profile
    from villagedesk.core.register import people
    from villagedesk.store import open_store

    with open_store(path) as store:
        save_profile(store, Profile(name, code, township_name, "新化县", "李文书", "13812341234"))
        for n, group in ((1, "一组"), (2, "二组")):
            house = people.add_household(store, code=f"HH00{n}", group_name=group, address="油溪桥")
            people.add_person(store, house["id"], name=f"户主{n}", relation="户主")


def join(village, township):
    """The village takes the township's card, as ``villagedesk township-card`` then ``join-township`` do.

    ``village`` and ``township`` are open stores or database paths; the township must already be
    one (merge.set_township gave it its keys).  Returns the card.  What every package test needs:
    a village writes packages only for the township it joined (docs/PACKAGES.md).
    """
    from contextlib import ExitStack
    from pathlib import Path

    from villagedesk.core.common.village import get_profile
    from villagedesk.core.township import keys
    from villagedesk.store import open_store

    with ExitStack() as stack:
        def opened(given):
            return stack.enter_context(open_store(given)) if isinstance(given, str | Path) else given
        officer = opened(township)
        if get_profile(officer) is None:
            # A township made with `villagedesk township` alone has no profile, which township_card needs:
            # its card is made from its keys as township_card would, naming the village's township.
            own = get_profile(opened(village))
            signing = keys.public_key(officer, keys.TOWNSHIP_SIGNING)
            recipient = keys.public_key(officer, keys.TOWNSHIP_SEALING)
            card = keys.Card(own.township, own.county, signing, recipient, keys.fingerprint(signing, recipient))
            signature = keys.sign(officer, card.signed_bytes(), keys.TOWNSHIP_SIGNING)
        else:
            card, signature = keys.township_card(officer)
        return keys.join_township(opened(village), keys.parse_card(card.to_json(signature)),
                                  card.to_json(signature))


def county_card(county: str = "新化县"):
    """A county's card as the county makes it (core.township.keys.new_card over new_card_keys):
    (Card, the card file's text, the county's age identity that opens what is sealed for it)."""
    import base64

    import pyrage
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from villagedesk.core.township import keys

    made = keys.new_card_keys()
    (private, public), (identity, recipient) = made["signing"], made["sealing"]
    signer = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private))
    card, signature = keys.new_card(keys.COUNTY_CARD_KIND, "", county, public, recipient,
                                    lambda data: base64.b64encode(signer.sign(data)).decode("ascii"))
    return card, card.to_json(signature), pyrage.x25519.Identity.from_str(identity)


#: The accounts of village_with_accounts: the demo's logins and passwords (villagedesk.demo.accounts).
ACCOUNT_PASSWORDS = {"zhuren": "demo-zhuren", "wenshu": "demo-wenshu", "jiandu": "demo-jiandu"}
ACCOUNT_NAMES = {"zhuren": "张主任", "wenshu": "罗秀兰", "jiandu": "周监委"}


def village_with_accounts(path, *, households: int = 0) -> str:
    """青溪桥村 (profiled_village) with three accounts, so encrypted: zhuren (村委会主任/书记, the first),
    wenshu (文书) and jiandu (村务监督委员会成员), passwords in ACCOUNT_PASSWORDS.  Returns the recovery key.

    Log in with ``core.accounts.session.login(path, "wenshu", ACCOUNT_PASSWORDS["wenshu"])``.
    """
    profiled_village(path, households=households)
    return add_accounts(path)


#: An account some tests add beside the demo's three (add_accounts ``second_supervisor``): another
#: 监委会 member, to sign what jiandu may not.
SECOND_SUPERVISOR = ("qian", "钱监督", "qian-pass-1")


def add_accounts(path, *, persons: dict[str, int] | None = None, second_supervisor: bool = False) -> str:
    """The accounts of village_with_accounts (and with ``second_supervisor`` SECOND_SUPERVISOR) on the
    plain database at ``path``, each tied to the person of the register ``persons`` names for its
    login; the file is encrypted then.  Returns the recovery key."""
    from villagedesk.core.accounts import accounts, session, setup
    from villagedesk.core.accounts.roles import Role

    persons = persons or {}
    recovery = setup.first_account(path, "zhuren", ACCOUNT_NAMES["zhuren"], Role.HEAD, ACCOUNT_PASSWORDS["zhuren"],
                                   person_id=persons.get("zhuren"))
    more = [(login, ACCOUNT_NAMES[login], role, ACCOUNT_PASSWORDS[login])
            for login, role in (("wenshu", Role.CLERK), ("jiandu", Role.SUPERVISOR))]
    if second_supervisor:
        login, name, password = SECOND_SUPERVISOR
        more.append((login, name, Role.SUPERVISOR, password))
    with session.login(path, "zhuren", ACCOUNT_PASSWORDS["zhuren"]) as head:
        for login, name, role, password in more:
            accounts.add(head.store, head.account, login, name, role, password, person_id=persons.get(login))
    return recovery


def password_of(login: str) -> str:
    """The password add_accounts gave ``login``."""
    return SECOND_SUPERVISOR[2] if login == SECOND_SUPERVISOR[0] else ACCOUNT_PASSWORDS[login]


def log_in(path, login: str):
    """``login`` logged in with its own password (a core.accounts.session.Session; store.actor is the login)."""
    from villagedesk.core.accounts import session

    return session.login(path, login, password_of(login))


def signed(store, login: str, password: str | None = None):
    """A second signature at the desk of ``store``: ``login``'s Account, its password (by default the
    right one) checked through the key file."""
    from villagedesk.core.accounts import session

    return session.verify(store, login, password_of(login) if password is None else password)
