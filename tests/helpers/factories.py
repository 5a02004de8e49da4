"""Valid identifiers for tests, computed rather than copied."""

from __future__ import annotations

from datetime import date

from villagedesk.core.common import ids


def valid_uscc(prefix: str = "54431322MJ1234567") -> str:
    return prefix + ids.uscc_check_char(prefix)


def valid_id(born: date = date(1970, 3, 5), serial: int = 123, area: str = "431322") -> str:
    return ids.make_id_number(area, born, serial)


def wrong_check(number: str) -> str:
    """The same number with a check character that cannot be right."""
    return number[:-1] + ("0" if number[-1] != "0" else "1")


# The village the package tests write from (see package_village and the village_db fixture).
PACKAGE_VILLAGE = valid_uscc()


def package_village(path, code: str = PACKAGE_VILLAGE, township_name: str = "天门乡") -> None:
    """油溪桥村 with two households (一组, 二组) and their heads, profile filled in: what a package is written from."""
    from villagedesk.core.common.village import Profile, save_profile
    from villagedesk.core.register import people
    from villagedesk.store import open_store

    with open_store(path) as store:
        save_profile(store, Profile("油溪桥村", code, township_name, "新化县", "李文书", "13812341234"))
        for n, group in ((1, "一组"), (2, "二组")):
            house = people.add_household(store, code=f"HH00{n}", group_name=group, address="油溪桥")
            people.add_person(store, house["id"], name=f"户主{n}", relation="户主")
