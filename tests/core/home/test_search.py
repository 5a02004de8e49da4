"""Global search (core.search) on a real SQLite file: names, pinyin initials, codes, dates, grouping,
ranking, archived records, wildcards in the text, and the limit per kind."""

from __future__ import annotations

import pytest

from tests.core.meetings.test_minutes import TODAY, held_meeting, make_register
from tests.core.notices.test_notices import draft
from villagedesk import clock
from villagedesk.core import notices
from villagedesk.core.home.search import LIMIT_PER_KIND, search
from villagedesk.core.meetings import minutes as meetings
from villagedesk.core.register import people
from villagedesk.core.requests import ledger


@pytest.fixture
def village(profiled_store, monkeypatch):
    """The twelve villagers of test_meetings, one finalised meeting, one request, one notice draft."""
    clock.set(TODAY)
    store = profiled_store
    register = make_register(store)
    meeting = held_meeting(store, register)  # 杨家湾屋场会 at 杨家湾张建国家院坝, 2026-07-10
    request = ledger.raise_request(store, raised_on="2026-07-01", raised_by_id=register["王德明"]["id"],
                                   category="基础设施", content="杨家湾组级道路坑洼，希望硬化",
                                   handling=ledger.WITH_DEADLINE, owner_id=register["张建国"]["id"],
                                   deadline="2026-07-31")
    notice = draft(store, title="2026年6月村级财务收支公开", issued_on="2026-07-05")
    return store, register, {"meeting": meeting, "request": request, "notice": notice}


def found(groups) -> dict[str, list[int]]:
    return {g.kind: [h.id for h in g.hits] for g in groups}


def test_blank_text_finds_nothing(village):
    store, *_ = village
    assert search(store, "") == [] and search(store, "   \t ") == [] and search(store, None) == []


def test_a_chinese_name_finds_the_person_household_meeting_and_request_in_a_fixed_order(village):
    store, register, made = village
    groups = search(store, "建国")
    assert [g.kind for g in groups] == ["person", "household", "meeting", "request"]
    assert [g.label for g in groups] == ["村民", "农户", "会议", "诉求"]
    assert found(groups) == {
        "person": [register["张建国"]["id"]],
        "household": [register["张建国"]["household_id"]],
        "meeting": [made["meeting"]["id"]],  # held at 张建国家院坝
        "request": [made["request"]["id"]],  # 张建国 is in charge of it
    }
    person, household = groups[0].hits[0], groups[1].hits[0]
    assert (person.title, person.detail) == ("张建国", "HH001-P01 · 户主 · 第一村民小组")
    assert household.title == "张建国户 · HH001" and household.detail.startswith("第一村民小组")
    meeting, request = groups[2].hits[0], groups[3].hits[0]
    assert meeting.title == f"{meetings.meeting_code(made['meeting']['id'])} · 杨家湾屋场会"
    assert "2026-07-10" in meeting.detail
    assert request.title == f"{made['request']['code']} · 杨家湾组级道路坑洼，希望硬化"
    assert request.detail == f"王德明 · 2026-07-01 · {made['request']['status']}"


def test_pinyin_initials_find_people_their_households_and_their_requests(village):
    store, register, made = village
    groups = found(search(store, "zjg"))
    assert groups["person"] == [register["张建国"]["id"]]
    assert groups["household"] == [register["张建国"]["household_id"]]
    assert groups["request"] == [made["request"]["id"]]
    assert "meeting" not in groups and "notice" not in groups
    # 曾 as a surname reads zēng: zgh is 曾国华, and upper case types the same.
    assert found(search(store, "ZGH"))["person"] == [register["曾国华"]["id"]]


def test_codes_in_any_case_find_their_record_and_only_it(village):
    store, register, made = village
    meeting_code = meetings.meeting_code(made["meeting"]["id"])
    assert found(search(store, meeting_code.lower())) == {"meeting": [made["meeting"]["id"]]}
    assert found(search(store, made["request"]["code"])) == {"request": [made["request"]["id"]]}
    assert found(search(store, made["notice"]["code"].lower())) == {"notice": [made["notice"]["id"]]}
    by_household = found(search(store, "hh002"))
    assert by_household["household"] == [register["王德明"]["household_id"]]
    assert sorted(by_household["person"]) == sorted([register["王德明"]["id"], register["赵桂兰"]["id"]])


def test_a_month_finds_that_months_meetings_requests_and_notices(village):
    store, _, made = village
    assert found(search(store, "2026-07")) == {"meeting": [made["meeting"]["id"]], "request": [made["request"]["id"]],
                                                "notice": [made["notice"]["id"]]}
    assert search(store, "2026-08") == []


def test_every_word_must_match(village):
    store, register, _ = village
    assert found(search(store, "建国 第一"))["person"] == [register["张建国"]["id"]]
    assert "person" not in found(search(store, "建国 第二"))
    assert found(search(store, "杨家湾 硬化")) == {"request": [found(search(store, "硬化"))["request"][0]]}


def test_an_exact_match_comes_first_then_one_starting_with_the_text(village):
    store, *_ = village
    ids = {}
    # Created so that the code order (HH010, HH011, HH012) is the reverse of the wanted order.
    for code, name in (("HH010", "李张三"), ("HH011", "张三丰"), ("HH012", "张三")):
        house = people.add_household(store, code=code, group_name="第四村民小组")
        ids[name] = people.add_person(store, house["id"], name=name, relation="户主")["id"]
    by_name = found(search(store, "张三"))
    assert by_name["person"] == [ids["张三"], ids["张三丰"], ids["李张三"]]
    heads = {name: people.get_person(store, ids[name])["household_id"] for name in ids}
    assert by_name["household"] == [heads["张三"], heads["张三丰"], heads["李张三"]]
    # The same for pinyin initials: zs is exactly 张三's, zsf starts with it, lzs does not.
    assert found(search(store, "zs"))["person"] == [ids["张三"], ids["张三丰"]]
    assert found(search(store, "zs"))["household"] == [heads["张三"], heads["张三丰"]]


def test_archived_records_come_after_current_ones_and_say_so(village):
    store, *_ = village
    gone = people.add_household(store, code="HH020", group_name="第四村民小组")
    gone_person = people.add_person(store, gone["id"], name="王小明", relation="户主")
    here = people.add_household(store, code="HH021", group_name="第四村民小组")
    here_person = people.add_person(store, here["id"], name="王小红", relation="户主")
    people.archive_household(store, gone["id"], "整户迁出")
    groups = {g.kind: g for g in search(store, "王小")}
    assert [(h.id, h.archived) for h in groups["person"].hits] == [(here_person["id"], False),
                                                                 (gone_person["id"], True)]
    # An archived household keeps its 户主 and is found by that name too, after the current ones (#18).
    assert [(h.id, h.archived) for h in groups["household"].hits] == [(here["id"], False), (gone["id"], True)]
    assert groups["household"].hits[1].title == "王小明户 · HH020"
    households = search(store, "HH02")[-1].hits
    assert [(h.id, h.archived) for h in households] == [(here["id"], False), (gone["id"], True)]
    assert households[1].title == "王小明户 · HH020" and "人" not in households[1].detail

    old = draft(store, title="2026年5月村级财务收支公开", issued_on="2026-06-05")
    newer = draft(store, title="2026年4月村级财务收支公开", issued_on="2026-05-05")
    notices.archive_notice(store, old["id"], reason="内容有变，不再公示")
    hits = {g.kind: g for g in search(store, "村级财务")}["notice"].hits
    assert [h.id for h in hits][-1] == old["id"] and hits[-1].archived
    assert {h.id for h in hits if not h.archived} == {newer["id"], found(search(store, "2026年6月"))["notice"][0]}


@pytest.mark.parametrize("text", ["%", "_", "张%", "%建%", "\\", "'"])
def test_like_wildcards_and_quotes_are_taken_literally(village, text):
    store, *_ = village
    assert search(store, text) == []


def test_a_wildcard_in_a_stored_name_is_found_as_itself(village):
    store, *_ = village
    house = people.add_household(store, code="HH030", group_name="第四村民小组", address="新屋场_1号")
    assert found(search(store, "_1号")) == {"household": [house["id"]]}
    assert search(store, "新屋场%1号") == []


def test_each_kind_lists_at_most_its_limit_and_says_when_there_are_more(village):
    store, *_ = village
    house = people.add_household(store, code="HH040", group_name="第五村民小组")
    for n in range(LIMIT_PER_KIND + 2):
        people.add_person(store, house["id"], name=f"欧阳{'甲乙丙丁戊己庚辛壬癸子丑寅卯'[n]}",
                          relation="户主" if n == 0 else "子")
    (persons, households) = search(store, "欧阳")
    assert (persons.kind, len(persons.hits), persons.more) == ("person", LIMIT_PER_KIND, True)
    assert (households.kind, len(households.hits), households.more) == ("household", 1, False)
    everyone = search(store, "欧阳", limit_per_kind=LIMIT_PER_KIND + 2)[0]
    assert (len(everyone.hits), everyone.more) == (LIMIT_PER_KIND + 2, False)
    # More than five of a kind at first (#18), and all of one kind on asking.
    assert LIMIT_PER_KIND > 5
    (persons, households) = search(store, "欧阳", whole=frozenset({"person"}))
    assert (len(persons.hits), persons.more) == (LIMIT_PER_KIND + 2, False)
