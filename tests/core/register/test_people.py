"""The register: households and persons, validation, audit, search."""

import json
from datetime import date

import pytest

from villagedesk import clock
from villagedesk.core.common import ids
from villagedesk.core.register import people
from villagedesk.core.register.lists import HOUSEHOLDS, PERSONS
from villagedesk.errors import UserError

ZHANG_ID = ids.make_id_number("431322", date(1980, 5, 17), 123)  # male
LI_ID = ids.make_id_number("431322", date(1983, 9, 2), 246)  # female


@pytest.fixture
def hh(store):
    return people.add_household(store, code="HH001", group_name="第一村民小组",
                                address="杨家湾1号", phone="13812341234")


def _audit(store, uid=None):
    sql = "SELECT * FROM audit" + (" WHERE record_uid = ?" if uid else "") + " ORDER BY id"
    return store.rows(sql, (uid,) if uid else ())


def _counts(store):
    return {t: store.scalar(f"SELECT count(*) FROM {t}") for t in ("households", "persons")}


# --- adding -----------------------------------------------------------------------

def test_add_household_and_person_fills_gender_and_birth_from_id(store, hh):
    person = people.add_person(store, hh["id"], name=" 张三 ", id_number=ZHANG_ID.lower(),
                               relation="户主", phone="138 1234 1234")
    saved = people.get_person(store, person["id"])
    assert saved["name"] == "张三"
    assert saved["code"] == "HH001-P01"
    assert saved["gender"] == "男"
    assert saved["birth_date"] == "1980-05-17"
    assert saved["id_number"] == ZHANG_ID
    assert saved["phone"] == "13812341234"
    assert saved["initials"] == "zs"
    assert saved["household_code"] == "HH001" and saved["group_name"] == "第一村民小组"
    assert people.get_household(store, hh["id"])["head_name"] == "张三"
    second = people.add_person(store, hh["id"], name="李四", id_number=LI_ID, relation="配偶")
    assert second["code"] == "HH001-P02" and second["gender"] == "女"


def test_person_without_id_keeps_what_was_typed(store, hh):
    person = people.add_person(store, hh["id"], name="王五", gender="男", birth_date="1950年3月",
                               relation="户主")
    assert (person["id_number"], person["gender"], person["birth_date"]) == (None, "男", "1950-03-01")


def test_wrong_check_digit_is_refused(store, hh):
    wrong = ZHANG_ID[:17] + ("0" if ZHANG_ID[17] != "0" else "1")
    with pytest.raises(UserError, match="校验位") as err:
        people.add_person(store, hh["id"], name="张三", id_number=wrong)
    assert err.value.field == "id_number"
    assert _counts(store)["persons"] == 0


def test_gender_that_contradicts_the_id_is_refused(store, hh):
    with pytest.raises(UserError, match="性别") as err:
        people.add_person(store, hh["id"], name="张三", gender="女", id_number=ZHANG_ID)
    assert err.value.field == "gender"


def test_birth_date_that_contradicts_the_id_is_refused(store, hh):
    with pytest.raises(UserError, match="不一致"):
        people.add_person(store, hh["id"], name="张三", birth_date="1981-05-17", id_number=ZHANG_ID)


def test_duplicate_id_number_is_refused(store, hh):
    people.add_person(store, hh["id"], name="张三", id_number=ZHANG_ID, relation="户主")
    other = people.add_household(store, code="HH002")
    with pytest.raises(UserError, match="已登记给 张三（HH001-P01）"):
        people.add_person(store, other["id"], name="张山", id_number=ZHANG_ID)
    # Changing someone else's number to it is refused too.
    li = people.add_person(store, other["id"], name="李四", id_number=LI_ID)
    with pytest.raises(UserError, match="已登记给"):
        people.update_person(store, li["id"], id_number=ZHANG_ID, gender="", birth_date="")


def test_duplicate_household_code_is_refused(store, hh):
    with pytest.raises(UserError, match="已被另一户使用") as err:
        people.add_household(store, code="hh001")
    assert err.value.field == "code"
    other = people.add_household(store, code="HH002")
    with pytest.raises(UserError, match="已被另一户使用"):
        people.update_household(store, other["id"], code="HH001")
    with pytest.raises(UserError, match="格式不对"):
        people.add_household(store, code="户1")
    assert _counts(store)["households"] == 2


def test_one_head_per_household(store, hh):
    people.add_person(store, hh["id"], name="张三", relation="户主")
    with pytest.raises(UserError, match="已有户主 张三"):
        people.add_person(store, hh["id"], name="李四", relation="户主")
    li = people.add_person(store, hh["id"], name="李四", relation="配偶")
    with pytest.raises(UserError, match="一户只能有一位户主"):
        people.update_person(store, li["id"], relation="户主")
    assert store.scalar("SELECT count(*) FROM persons WHERE relation = '户主'") == 1


def test_new_head_after_the_old_one_is_archived(store, hh):
    zhang = people.add_person(store, hh["id"], name="张三", relation="户主")
    li = people.add_person(store, hh["id"], name="李四", relation="配偶")
    people.archive_person(store, zhang["id"], "去世")
    people.update_person(store, li["id"], relation="户主")
    # Bringing the old head back would make two.
    with pytest.raises(UserError, match="一户只能有一位户主"):
        people.restore_person(store, zhang["id"])


# --- moving, archiving, never deleting ---------------------------------------------------

def test_move_person_recodes_to_the_new_household(store, hh):
    people.add_person(store, hh["id"], name="张三", relation="户主")
    daughter = people.add_person(store, hh["id"], name="张小红", gender="女", relation="女")
    hh2 = people.add_household(store, code="HH002")
    people.add_person(store, hh2["id"], name="王五", relation="户主")
    moved = people.move_person(store, daughter["id"], hh2["id"], "儿媳")
    assert moved["code"] == "HH002-P02"
    saved = people.get_person(store, daughter["id"])
    assert (saved["household_code"], saved["relation"], saved["uid"]) == ("HH002", "儿媳", daughter["uid"])
    assert [m["name"] for m in people.members(store, hh["id"])] == ["张三"]
    last = _audit(store, daughter["uid"])[-1]
    assert last["action"] == "move"
    assert json.loads(last["before"])["code"] == "HH001-P02"
    assert json.loads(last["after"])["code"] == "HH002-P02"
    with pytest.raises(UserError, match="已有户主"):
        people.move_person(store, people.members(store, hh["id"])[0]["id"], hh2["id"], "户主")


def test_renaming_a_household_recodes_its_members(store, hh):
    people.add_person(store, hh["id"], name="张三", relation="户主")
    people.update_household(store, hh["id"], code="HH010")
    assert [m["code"] for m in people.members(store, hh["id"])] == ["HH010-P01"]


def test_archive_household_archives_members_and_deletes_nothing(store, hh):
    people.add_person(store, hh["id"], name="张三", relation="户主")
    people.add_person(store, hh["id"], name="李四", relation="配偶")
    with pytest.raises(UserError, match="归档原因"):
        people.archive_household(store, hh["id"], "  ")
    people.archive_household(store, hh["id"], "整户迁出")
    assert _counts(store) == {"households": 1, "persons": 2}
    rows = store.rows("SELECT archived, archived_reason FROM persons")
    assert rows == [{"archived": 1, "archived_reason": "整户迁出"}] * 2
    assert people.get_household(store, hh["id"])["archived"] == 1
    assert people.counts(store) == {"households": 0, "persons": 0}
    with pytest.raises(UserError, match="已归档"):
        people.add_person(store, hh["id"], name="王五")


def test_nothing_is_ever_deleted(store, hh):
    zhang = people.add_person(store, hh["id"], name="张三", relation="户主")
    li = people.add_person(store, hh["id"], name="李四", relation="配偶")
    hh2 = people.add_household(store, code="HH002")
    seen = _counts(store)
    for change in (
        lambda: people.move_person(store, li["id"], hh2["id"], "户主"),
        lambda: people.archive_person(store, zhang["id"], "去世"),
        lambda: people.restore_person(store, zhang["id"]),
        lambda: people.archive_household(store, hh2["id"], "迁出"),
        lambda: people.update_household(store, hh["id"], code="HH100"),
    ):
        change()
        assert _counts(store) == seen
    assert store.scalar("SELECT count(*) FROM audit WHERE action = 'delete'") == 0


# --- audit ---------------------------------------------------------------------------

def test_every_change_writes_an_audit_row_with_before_and_after(store, hh):
    person = people.add_person(store, hh["id"], name="张三", relation="户主")
    people.update_person(store, person["id"], phone="13912345678")
    people.update_person(store, person["id"], phone="13912345678")  # no change, no row
    people.archive_person(store, person["id"], "迁出")
    rows = _audit(store, person["uid"])
    assert [r["action"] for r in rows] == ["insert", "update", "archive"]
    assert all(r["table_name"] == "persons" and r["actor"] == store.actor for r in rows)
    assert rows[0]["before"] is None
    assert json.loads(rows[0]["after"])["name"] == "张三"
    before, after = json.loads(rows[1]["before"]), json.loads(rows[1]["after"])
    assert (before["phone"], after["phone"]) == ("", "13912345678")
    assert json.loads(rows[2]["after"])["archived_reason"] == "迁出"
    # The household's own insert was audited as well.
    assert [r["action"] for r in _audit(store, hh["uid"])] == ["insert"]
    assert "杨家湾1号" in _audit(store, hh["uid"])[0]["after"]


def test_refused_change_leaves_no_audit_row(store, hh):
    count = store.scalar("SELECT count(*) FROM audit")
    with pytest.raises(UserError):
        people.add_person(store, hh["id"], name="")
    assert store.scalar("SELECT count(*) FROM audit") == count


# --- search --------------------------------------------------------------------------

@pytest.fixture
def village(store, hh):
    people.add_person(store, hh["id"], name="张三", id_number=ZHANG_ID, relation="户主")
    people.add_person(store, hh["id"], name="李小红", id_number=LI_ID, relation="配偶")
    hh2 = people.add_household(store, code="HH002", group_name="第二村民小组")
    people.add_person(store, hh2["id"], name="曾国华", relation="户主", phone="13700001111")
    hh3 = people.add_household(store, code="HH003", group_name="第二村民小组")
    people.add_person(store, hh3["id"], name="张三丰", relation="户主")
    people.archive_household(store, hh3["id"], "整户迁出")
    return store


def _names(store, text, **kw):
    return sorted(r["name"] for r in PERSONS.fetch(store, text, **kw))


def test_search_by_pinyin_initials(village):
    assert _names(village, "zs") == ["张三"]
    assert _names(village, "ZS") == ["张三"]
    # 曾 as a surname is zēng, not céng.
    assert _names(village, "zgh") == ["曾国华"]
    assert _names(village, "cgh") == []
    assert PERSONS.count(village, "z") == 2


def test_search_by_chinese_substring(village):
    assert _names(village, "小红") == ["李小红"]
    assert _names(village, "张") == ["张三"]
    assert _names(village, "第二村民小组") == ["曾国华"]


def test_search_by_id_prefix_code_and_phone(village):
    assert _names(village, "431322198005") == ["张三"]
    assert _names(village, "4313221983") == ["李小红"]
    assert _names(village, "HH002") == ["曾国华"]
    assert _names(village, "0000111") == ["曾国华"]
    # LIKE wildcards typed by a user are taken literally.
    assert _names(village, "%") == [] and _names(village, "_") == []


def test_archived_hidden_unless_asked(village):
    assert _names(village, "张三") == ["张三"]
    assert _names(village, "张三", include_archived=True) == ["张三", "张三丰"]
    assert PERSONS.count(village) == 3
    assert PERSONS.count(village, include_archived=True) == 4
    assert [h["code"] for h in HOUSEHOLDS.fetch(village, "zsf")] == []
    assert [h["code"] for h in HOUSEHOLDS.fetch(village, "zs")] == ["HH001"]


def test_latin_letters_in_a_name_are_searchable(store, hh):
    people.add_person(store, hh["id"], name="Anna李", relation="户主")
    assert _names(store, "annal") == ["Anna李"]


def test_a_serving_committee_member_cannot_be_archived(store):
    from datetime import date as _date

    from villagedesk.core.committee import roster as committee

    household = people.add_household(store, code="HH001")
    member = people.add_person(store, household["id"], name="吴晓玲", relation="户主")
    today = clock.today()
    term = committee.save_term(store, number=1, start_date=_date(today.year - 1, 1, 1))
    committee.start_post(store, person_id=member["id"], body=committee.PARTY, role="书记", term_id=term["id"],
                         start_date=_date(today.year - 1, 1, 1))
    with pytest.raises(UserError, match="离任登记"):
        people.archive_person(store, member["id"], "去世")
    with pytest.raises(UserError, match="离任登记"):
        people.archive_household(store, household["id"], "整户迁出")
    assert store.scalar("SELECT archived FROM persons WHERE id = ?", (member["id"],)) == 0
    assert store.scalar("SELECT archived FROM households WHERE id = ?", (household["id"],)) == 0


def test_restoring_a_household_brings_back_the_members_archived_with_it(store):
    household = people.add_household(store, code="HH001")
    head = people.add_person(store, household["id"], name="张三", relation="户主")
    gone = people.add_person(store, household["id"], name="张老", relation="父亲")
    people.archive_person(store, gone["id"], "去世")
    people.archive_household(store, household["id"], "整户迁出")
    with pytest.raises(UserError, match="请先恢复这一户"):
        people.restore_person(store, head["id"])
    people.restore_household(store, household["id"])
    states = {r["name"]: r["archived"] for r in store.rows("SELECT name, archived FROM persons")}
    assert states == {"张三": 0, "张老": 1}


# --- full pinyin, archived households, group order (#18) --------------------------------------

def test_search_by_full_pinyin_and_its_start(village):
    assert _names(village, "zhangsan") == ["张三"]
    assert _names(village, "ZhangSan") == ["张三"]
    assert _names(village, "lixiao") == ["李小红"]
    assert _names(village, "zengguohua") == ["曾国华"]  # the surname's reading, not céng
    assert _names(village, "cengguohua") == []
    assert _names(village, "zhangsanfeng", include_archived=True) == ["张三丰"]


def test_full_pinyin_follows_a_rename(store, hh):
    person = people.add_person(store, hh["id"], name="戴瑞", relation="户主")
    assert _names(store, "dairui") == ["戴瑞"] and _names(store, "dr") == ["戴瑞"]
    people.update_person(store, person["id"], name="吕芳", relation="户主")
    assert _names(store, "dairui") == [] and _names(store, "lvfang") == ["吕芳"]


def test_an_archived_household_keeps_its_head_and_is_found_by_name_when_archived_are_shown(village):
    assert [h["code"] for h in HOUSEHOLDS.fetch(village, "张三丰")] == []
    found = HOUSEHOLDS.fetch(village, "张三丰", include_archived=True)
    assert [(h["code"], h["head_name"]) for h in found] == [("HH003", "张三丰")]
    assert [h["code"] for h in HOUSEHOLDS.fetch(village, "zhangsanfeng", include_archived=True)] == ["HH003"]
    assert {h["code"]: h["head_name"] for h in HOUSEHOLDS.fetch(village, include_archived=True)}["HH003"] == "张三丰"


def test_groups_sort_by_their_number_in_chinese(store):
    names = ["第十一村民小组", "第七村民小组", "第二村民小组", "第十村民小组", "第一村民小组", "东片",
             "第二十三村民小组", "第3组", "第九村民小组", "第二十村民小组"]
    for n, name in enumerate(names, 1):
        people.add_household(store, code=f"HH{n:03d}", group_name=name)
    assert people.group_names(store) == [
        "第一村民小组", "第二村民小组", "第3组", "第七村民小组", "第九村民小组", "第十村民小组", "第十一村民小组",
        "第二十村民小组", "第二十三村民小组", "东片"]
