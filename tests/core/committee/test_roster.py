"""The committee domain: terms, posts and their derived status, 一肩挑, checks, training, appraisal.

Every test writes to a real SQLite file (the ``store`` fixture) and probes the rules on
the edge dates: the first and last day of a term, the day after, touching periods.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

import pytest

from tests.helpers.factories import valid_id
from villagedesk import clock
from villagedesk.core.committee import roster as committee
from villagedesk.core.committee.roster import PARTY, SUPERVISION, VILLAGE
from villagedesk.core.common import records
from villagedesk.core.register import people
from villagedesk.errors import UserError

START, END = date(2021, 3, 1), date(2026, 2, 28)  # 第十一届
NEXT = date(2026, 3, 1)  # 第十二届 starts the day after
DAY = timedelta(days=1)
TABLES = ("households", "persons", "terms", "posts", "trainings", "training_attendees", "appraisals", "audit")

_serials = count(101)


def person(store, name="张三", born=date(1975, 6, 1), *, household=None, id_number=True, **values) -> dict:
    """A registered person; the ID number (unique per call) carries the birth date."""
    if household is None:
        household = people.add_household(store, code=people.next_household_code(store))
    if id_number:
        values["id_number"] = valid_id(born, next(_serials))
    else:
        values["birth_date"] = born.isoformat()
    return people.add_person(store, household["id"], name=name, **values)


def term(store, number=11, start=START, end=None, **values) -> dict:
    return committee.save_term(store, number=number, start_date=start, end_date=end, **values)


def post(store, who, body, role, of, start=START, **values) -> dict:
    return committee.start_post(store, person_id=who["id"], body=body, role=role, term_id=of["id"],
                                start_date=start, **values)


def posts_of(store, term_id) -> list[dict]:
    """Posts as the program reads them back (with their effective end)."""
    return committee.term_posts(store, term_id)


def full_committee(store, of, start=START, village_members=3) -> dict[str, dict]:
    """书记, 主任 (another person), a village committee of 2 + ``village_members``, 监委会主任."""
    cast = {name: person(store, name, date(1970 + i, 1 + i % 12, 10))
            for i, name in enumerate(("书记甲", "主任乙", "副主任丙", "监委丁", *(f"委员{n}" for n in range(8))))}
    post(store, cast["书记甲"], PARTY, "书记", of, start)
    post(store, cast["主任乙"], VILLAGE, "主任", of, start)
    post(store, cast["副主任丙"], VILLAGE, "副主任", of, start)
    for n in range(village_members):
        post(store, cast[f"委员{n}"], VILLAGE, "委员", of, start)
    post(store, cast["监委丁"], SUPERVISION, "主任", of, start)
    return cast


def snapshot(store) -> dict[str, list]:
    """Every row of every table the committee touches: nothing may move on a refused write."""
    return {t: store.conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}


def audit_count(store, table, action=None) -> int:
    if action is None:
        return store.scalar("SELECT count(*) FROM audit WHERE table_name = ?", (table,))
    return store.scalar("SELECT count(*) FROM audit WHERE table_name = ? AND action = ?", (table, action))


def messages(store, today) -> list[str]:
    return [f.message for f in committee.checks(store, today)]


# --- terms ---------------------------------------------------------------------

@pytest.mark.parametrize("start, end", [
    (date(2016, 3, 1), date(2021, 2, 28)),
    (date(2021, 3, 1), date(2026, 2, 28)),
    (date(2020, 1, 1), date(2024, 12, 31)),
    (date(2023, 3, 1), date(2028, 2, 29)),   # ends on a leap day
    (date(2023, 2, 28), date(2028, 2, 27)),  # the leap day is inside the last year
    (date(2024, 2, 29), date(2029, 2, 28)),  # a 29 February start: the term ends with February
    (date(2016, 2, 29), date(2021, 2, 28)),
])
def test_default_end_is_five_years_less_a_day(start, end):
    assert committee.default_end(start) == end


def test_default_ends_chain_without_gap_or_overlap():
    """The day after a default end is the next term's start, five years on (1 March after 29 Feb)."""
    for start in (date(2024, 2, 29), date(2023, 3, 1), date(2021, 12, 31), date(2020, 1, 1)):
        following = committee.default_end(start) + DAY
        assert (following.year - start.year) == 5
        assert (following.month, following.day) == ((3, 1) if (start.month, start.day) == (2, 29)
                                                     else (start.month, start.day))


def test_save_term_defaults_the_end_and_stores_iso_dates(store):
    saved = term(store, number="11", start="2024/2/29", election_date="2024-02-20")
    row = records.get(store, "terms", saved["id"])
    assert (row["number"], row["start_date"], row["end_date"], row["election_date"]) == (
        11, "2024-02-29", "2029-02-28", "2024-02-20")


def test_overlapping_terms_are_refused(store):
    term(store, 11)
    for start, end in [(END, None),                        # starts on the last day
                       (START - timedelta(days=365), START),  # ends on the first day
                       (date(2020, 1, 1), date(2030, 1, 1)),  # encloses it
                       (date(2022, 1, 1), date(2023, 1, 1))]:  # inside it
        before = snapshot(store)
        with pytest.raises(UserError, match="与第 11 届.*重叠") as err:
            term(store, 12, start, end)
        assert err.value.field == "start_date"
        assert snapshot(store) == before
    # Touching without overlap is how terms follow each other.
    term(store, 12, NEXT)
    term(store, 10, date(2016, 3, 1))
    assert [t["number"] for t in committee.terms(store)] == [12, 11, 10]


def test_term_number_must_be_new_and_positive(store):
    term(store, 11)
    before = snapshot(store)
    with pytest.raises(UserError, match="第 11 届已经登记过了") as err:
        term(store, 11, NEXT)
    assert err.value.field == "number"
    for bad in ("十一", "", 0, -3):
        with pytest.raises(UserError) as err:
            term(store, bad, NEXT)
        assert err.value.field == "number"
    assert snapshot(store) == before


@pytest.mark.parametrize("values, field", [
    ({"start": "2021-02-30"}, "start_date"),
    ({"start": ""}, "start_date"),
    ({"end": START}, "end_date"),                 # ends on its own first day
    ({"end": START - DAY}, "end_date"),
    ({"end": "tomorrow"}, "end_date"),
    ({"election_date": START + DAY}, "election_date"),  # elected after it started
])
def test_bad_term_dates_are_refused(store, values, field):
    before = snapshot(store)
    with pytest.raises(UserError) as err:
        term(store, 11, **values)
    assert err.value.field == field
    assert snapshot(store) == before


def test_editing_a_term_keeps_its_own_number_and_dates(store):
    saved = term(store, 11)
    term(store, 12, NEXT)
    edited = committee.save_term(store, number=11, start_date=START, end_date=END, note="换届推迟",
                                 term_id=saved["id"])
    assert edited["note"] == "换届推迟" and records.get(store, "terms", saved["id"])["note"] == "换届推迟"
    with pytest.raises(UserError, match="与第 12 届.*重叠"):
        committee.save_term(store, number=11, start_date=START, end_date=NEXT, term_id=saved["id"])
    with pytest.raises(UserError, match="第 12 届已经登记过了"):
        committee.save_term(store, number=12, start_date=START, term_id=saved["id"])


def test_a_term_cannot_shrink_away_from_its_posts(store):
    saved = term(store, 11)
    post(store, person(store), PARTY, "书记", saved, START + timedelta(days=10))
    before = snapshot(store)
    with pytest.raises(UserError, match="1 个职务"):
        committee.save_term(store, number=11, start_date=START + timedelta(days=11), term_id=saved["id"])
    assert snapshot(store) == before
    committee.save_term(store, number=11, start_date=START + timedelta(days=10), term_id=saved["id"])


def test_current_term_on_the_edges(store):
    assert committee.current_term(store, START) is None
    eleventh = term(store, 11)
    assert committee.current_term(store, START - DAY) is None
    assert committee.current_term(store, START)["id"] == eleventh["id"]
    assert committee.current_term(store, END)["id"] == eleventh["id"]
    assert committee.current_term(store, END + DAY) is None
    twelfth = term(store, 12, NEXT)
    assert committee.current_term(store, END)["id"] == eleventh["id"]
    assert committee.current_term(store, NEXT)["id"] == twelfth["id"]


def test_current_term_defaults_to_today(store, monkeypatch):
    term(store, 11)
    clock.set(END)
    assert committee.current_term(store)["number"] == 11
    clock.set(NEXT)
    assert committee.current_term(store) is None


# --- status ----------------------------------------------------------------------

def test_status_follows_the_dates_of_an_ended_post(store):
    of = term(store, 11)
    start, end = date(2022, 5, 10), date(2024, 1, 31)
    saved = post(store, person(store), VILLAGE, "委员", of, start)
    committee.end_post(store, saved["id"], end_date=end, reason="辞职")
    row, of = records.get(store, "posts", saved["id"]), records.get(store, "terms", of["id"])
    assert committee.status(row, of, start - DAY) == committee.NOT_YET == "未到任"
    assert committee.status(row, of, start) == committee.SERVING == "在任"
    assert committee.status(row, of, end) == "在任"
    assert committee.status(row, of, end + DAY) == committee.LEFT == "离任"
    assert committee.status(row, of, END) == "离任"


def test_status_without_an_end_date_runs_to_the_term_end(store, monkeypatch):
    of = term(store, 11)
    saved = post(store, person(store), VILLAGE, "委员", of, START)
    row, of = records.get(store, "posts", saved["id"]), records.get(store, "terms", of["id"])
    assert row["end_date"] is None
    assert committee.status(row, of, START - DAY) == "未到任"
    assert committee.status(row, of, START) == "在任"
    assert committee.status(row, of, END) == "在任"
    assert committee.status(row, of, END + DAY) == "离任"
    clock.set(END + DAY)
    assert committee.status(row, of) == "离任"


def test_serving_posts_on_the_edges(store):
    of = term(store, 11)
    a, b = person(store, "甲"), person(store, "乙")
    first = post(store, a, VILLAGE, "委员", of)
    committee.end_post(store, first["id"], end_date=date(2023, 6, 30), reason="辞职")
    post(store, b, VILLAGE, "委员", of, date(2023, 7, 1))

    def serving(day):
        return [p["name"] for p in committee.serving_posts(store, day)]

    assert serving(START - DAY) == []
    assert serving(START) == ["甲"]
    assert serving(date(2023, 6, 30)) == ["甲"]
    assert serving(date(2023, 7, 1)) == ["乙"]
    assert serving(END) == ["乙"]
    assert serving(END + DAY) == []


# --- 一肩挑 --------------------------------------------------------------------

def _heads(store, secretary, director, *, secretary_end=None, director_start=START):
    of = term(store, 11)
    first = post(store, secretary, PARTY, "书记", of)
    if secretary_end:
        committee.end_post(store, first["id"], end_date=secretary_end, reason="辞职")
    post(store, director, VILLAGE, "主任", of, director_start)
    return committee.both_heads(posts_of(store, of["id"]))


def test_both_heads_when_the_posts_overlap(store):
    who = person(store)
    assert _heads(store, who, who, director_start=date(2023, 1, 1)) == {who["id"]}


def test_both_heads_when_the_posts_touch_on_one_day(store):
    who = person(store)
    day = date(2023, 1, 1)
    assert _heads(store, who, who, secretary_end=day, director_start=day) == {who["id"]}


def test_no_both_heads_when_one_post_follows_the_other(store):
    who = person(store)
    day = date(2023, 1, 1)
    assert _heads(store, who, who, secretary_end=day, director_start=day + DAY) == set()


def test_no_both_heads_for_two_persons(store):
    assert _heads(store, person(store, "甲"), person(store, "乙")) == set()


def test_secretary_and_supervision_head_is_not_both_heads(store):
    of = term(store, 11)
    who = person(store)
    post(store, who, PARTY, "书记", of)
    post(store, who, SUPERVISION, "主任", of)
    assert committee.both_heads(posts_of(store, of["id"])) == set()


def test_no_both_heads_across_terms(store):
    """书记 in one term and 主任 in the next, one after the other: never at once."""
    eleventh, twelfth = term(store, 11), term(store, 12, NEXT)
    who = person(store)
    first = post(store, who, PARTY, "书记", eleventh)
    committee.end_post(store, first["id"], end_date=END, reason="届满")
    post(store, who, VILLAGE, "主任", twelfth, NEXT)
    assert committee.both_heads(committee.person_posts(store, who["id"])) == set()


# --- starting and ending posts ------------------------------------------------------

def test_a_second_secretary_at_the_same_time_is_refused(store):
    of = term(store, 11)
    first, second = person(store, "甲"), person(store, "乙")
    held = post(store, first, PARTY, "书记", of)
    before = snapshot(store)
    for start in (START, date(2024, 1, 1), END):
        with pytest.raises(UserError, match="甲 从 2021-03-01 起担任党组织书记，同一时间只能有一位") as err:
            post(store, second, PARTY, "书记", of, start)
        assert err.value.field == "role"
    assert snapshot(store) == before
    left = date(2023, 5, 31)
    committee.end_post(store, held["id"], end_date=left, reason="调动")
    with pytest.raises(UserError, match="只能有一位"):  # both would serve on the 31st
        post(store, second, PARTY, "书记", of, left)
    post(store, second, PARTY, "书记", of, left + DAY)
    with pytest.raises(UserError, match="乙 从 2023-06-01 起担任党组织书记"):
        post(store, person(store, "丙"), PARTY, "书记", of, left + 2 * DAY)


def test_heads_of_other_bodies_and_other_roles_do_not_clash(store):
    of = term(store, 11)
    post(store, person(store, "甲"), PARTY, "书记", of)
    post(store, person(store, "乙"), VILLAGE, "主任", of)
    post(store, person(store, "丙"), SUPERVISION, "主任", of)
    # Any number of 委员 at once; one 监委会主任 only.
    for name in "丁戊己":
        post(store, person(store, name), VILLAGE, "委员", of)
    with pytest.raises(UserError, match="丙 从 2021-03-01 起担任监委会主任"):
        post(store, person(store, "庚"), SUPERVISION, "主任", of)
    assert len(posts_of(store, of["id"])) == 6


def test_the_same_persons_same_post_may_not_overlap(store):
    of = term(store, 11)
    who = person(store)
    held = post(store, who, VILLAGE, "委员", of)
    before = snapshot(store)
    with pytest.raises(UserError, match="此人从 2021-03-01 起已担任村委会委员，同一职务的任职时间不能重叠"):
        post(store, who, VILLAGE, "委员", of, date(2024, 1, 1))
    assert snapshot(store) == before
    # The same role in another body is another post (交叉任职).
    post(store, who, PARTY, "委员", of)
    committee.end_post(store, held["id"], end_date=date(2023, 12, 31), reason="免职")
    with pytest.raises(UserError, match="不能重叠"):
        post(store, who, VILLAGE, "委员", of, date(2023, 12, 31))
    post(store, who, VILLAGE, "委员", of, date(2024, 1, 1))


def test_a_post_continues_into_the_next_term(store):
    """An open post stops counting at its term's end, so the re-elected start the day after."""
    eleventh, twelfth = term(store, 11), term(store, 12, NEXT)
    who = person(store)
    held = post(store, who, PARTY, "书记", eleventh)
    again = post(store, who, PARTY, "书记", twelfth, NEXT)
    assert [p["term_number"] for p in committee.person_posts(store, who["id"])] == [12, 11]
    assert [p["name"] for p in committee.serving_posts(store, END)] == [who["name"]]
    assert [p["term_number"] for p in committee.serving_posts(store, NEXT)] == [12]
    held, again = records.get(store, "posts", held["id"]), records.get(store, "posts", again["id"])
    assert committee.status(held, eleventh, NEXT) == "离任"
    assert committee.status(again, twelfth, END) == "未到任"
    assert messages(store, NEXT) == ["村民委员会目前没有主任。", "村务监督委员会目前没有主任。",
                                     "村民委员会现有 0 人，应为 3–7 人。"]
    # On the 11th term's last day its 书记 still serves: nobody else may start as 书记 then.
    with pytest.raises(UserError, match="同一时间只能有一位党组织书记"):
        post(store, person(store, "乙"), PARTY, "书记", eleventh, END)


def test_ending_a_post(store, monkeypatch):
    of = term(store, 11)
    held = post(store, person(store), VILLAGE, "副主任", of, date(2022, 1, 10))
    before = snapshot(store)
    cases = [
        ({"end_date": date(2022, 1, 9), "reason": "辞职"}, "离任日期 2022-01-09 早于任职日期 2022-01-10", "end_date"),
        ({"end_date": END + DAY, "reason": "届满"}, "不能晚于本届任期结束日期 2026-02-28", "end_date"),
        ({"end_date": "2022-13-01", "reason": "辞职"}, "请填写正确的离任日期", "end_date"),
        ({"end_date": "", "reason": "辞职"}, "请填写正确的离任日期", "end_date"),
        ({"end_date": date(2023, 1, 1), "reason": "退休"}, "请选择离任原因", "reason"),
        ({"end_date": date(2023, 1, 1), "reason": ""}, "请选择离任原因", "reason"),
    ]
    for values, message, field in cases:
        with pytest.raises(UserError, match=message) as err:
            committee.end_post(store, held["id"], **values)
        assert err.value.field == field
    assert snapshot(store) == before
    # A post can end on the day it starts.
    ended = committee.end_post(store, held["id"], end_date=date(2022, 1, 10), reason="去世")
    assert (ended["end_date"], ended["end_reason"]) == ("2022-01-10", "去世")
    before = snapshot(store)
    with pytest.raises(UserError, match="已于 2022-01-10 结束"):
        committee.end_post(store, held["id"], end_date=date(2022, 2, 1), reason="辞职")
    with pytest.raises(UserError, match="找不到"):
        committee.end_post(store, 999, end_date=date(2022, 2, 1), reason="辞职")
    assert snapshot(store) == before


@pytest.mark.parametrize("start", [START - DAY, date(2020, 6, 1), END + DAY, date(2030, 1, 1)])
def test_a_post_outside_its_term_is_refused(store, start):
    of = term(store, 11)
    who = person(store)
    before = snapshot(store)
    with pytest.raises(UserError, match=f"任职日期 {start} 不在第 11 届任期（2021-03-01 至 2026-02-28）之内") as err:
        post(store, who, PARTY, "委员", of, start)
    assert err.value.field == "start_date"
    assert snapshot(store) == before


@pytest.mark.parametrize("start", [START, END])
def test_a_post_on_the_first_and_last_day_of_its_term(store, start):
    of = term(store, 11)
    held = post(store, person(store), PARTY, "委员", of, start)
    assert held["start_date"] == start.isoformat() and held["end_date"] is None


def test_an_archived_or_missing_person_or_term_is_refused(store):
    of = term(store, 11)
    gone = person(store, "王五")
    people.archive_person(store, gone["id"], "迁出")
    here = person(store, "李四")
    before = snapshot(store)
    with pytest.raises(UserError, match="王五 已归档（迁出），不能任职") as err:
        post(store, gone, PARTY, "委员", of)
    assert err.value.field == "person"
    for missing in (None, 0, 9999):
        with pytest.raises(UserError, match="请从村民名册中选择") as err:
            committee.start_post(store, person_id=missing, body=PARTY, role="委员", term_id=of["id"],
                                 start_date=START)
        assert err.value.field == "person"
    for missing in (None, 9999):
        with pytest.raises(UserError, match="请选择届次") as err:
            committee.start_post(store, person_id=here["id"], body=PARTY, role="委员", term_id=missing,
                                 start_date=START)
    assert snapshot(store) == before


@pytest.mark.parametrize("body, role, field", [
    ("村委会", "委员", "body"),
    (PARTY, "主任", "role"),       # a 主任 belongs to the other bodies
    (SUPERVISION, "副主任", "role"),
    (VILLAGE, "书记", "role"),
])
def test_body_and_role_must_belong_together(store, body, role, field):
    of = term(store, 11)
    who = person(store)
    before = snapshot(store)
    with pytest.raises(UserError) as err:
        post(store, who, body, role, of)
    assert err.value.field == field
    assert snapshot(store) == before


# --- checks ----------------------------------------------------------------------

def test_a_full_committee_has_no_findings(store):
    of = term(store, 11)
    full_committee(store, of)
    for day in (START, date(2024, 7, 1), END):
        assert messages(store, day) == []


def test_no_current_term_is_a_finding(store):
    of = term(store, 11)
    full_committee(store, of)
    assert messages(store, END + DAY) == ["今天（2026-03-01）不在任何一届任期内：请登记本届届次。"]
    assert messages(store, START - DAY) == ["今天（2021-02-28）不在任何一届任期内：请登记本届届次。"]


def test_a_body_without_its_head(store):
    of = term(store, 11)
    assert messages(store, START) == ["村党组织目前没有书记。", "村民委员会目前没有主任。",
                                      "村务监督委员会目前没有主任。", "村民委员会现有 0 人，应为 3–7 人。"]
    cast = full_committee(store, of)
    secretary = committee.person_posts(store, cast["书记甲"]["id"])[0]
    left = date(2024, 4, 30)
    committee.end_post(store, secretary["id"], end_date=left, reason="去世")
    assert messages(store, left) == []
    assert messages(store, left + DAY) == ["村党组织目前没有书记。"]
    post(store, person(store, "新书记"), PARTY, "书记", of, left + timedelta(days=20))
    assert messages(store, left + timedelta(days=19)) == ["村党组织目前没有书记。"]
    assert messages(store, left + timedelta(days=20)) == []


@pytest.mark.parametrize("members, finding", [
    (0, "村民委员会现有 2 人，应为 3–7 人。"),
    (1, None),
    (5, None),
    (6, "村民委员会现有 8 人，应为 3–7 人。"),
])
def test_village_committee_size(store, members, finding):
    of = term(store, 11)
    full_committee(store, of, village_members=members)
    assert messages(store, START) == ([finding] if finding else [])


def test_village_committee_size_counts_persons_not_posts(store):
    """The 主任 who is also a 委员 by mistake (written behind the program) is one member, not two."""
    of = term(store, 11)
    cast = full_committee(store, of, village_members=0)
    records.insert(store, "posts", {"person_id": cast["主任乙"]["id"], "term_id": of["id"], "body": VILLAGE,
                                    "role": "委员", "start_date": START.isoformat(), "end_date": None})
    assert messages(store, START) == ["村民委员会现有 2 人，应为 3–7 人。"]


@pytest.mark.parametrize("born, minor", [
    (date(2003, 3, 1), False),   # 18 on the day the post starts
    (date(2003, 3, 2), True),    # 18 the day after
    (date(2008, 7, 1), True),
])
def test_a_minor_by_id_number(store, born, minor):
    of = term(store, 11)
    full_committee(store, of)
    young = person(store, "小明", born)
    assert young["birth_date"] == born.isoformat()  # taken from the ID number
    post(store, young, VILLAGE, "委员", of)
    found = committee.checks(store, START)
    expected = [f"小明 任村委会委员时未满 18 周岁（出生于 {born}），请核对。"] if minor else []
    assert [f.message for f in found] == expected
    assert [f.person_id for f in found] == ([young["id"]] if minor else [])


def test_a_minor_born_on_a_leap_day(store):
    of = term(store, 11)
    young = person(store, "小红", date(2008, 2, 29))
    post(store, young, SUPERVISION, "委员", of, date(2026, 2, 28))  # 17: the birthday falls on 1 March
    post(store, young, VILLAGE, "委员", of, date(2026, 2, 28))
    post(store, person(store, "小刚", date(2008, 2, 29)), PARTY, "委员", of, date(2026, 2, 28))
    minors = [m for m in messages(store, END) if "未满 18 周岁" in m]
    assert len(minors) == 3
    assert committee._age(date(2008, 2, 29), date(2026, 3, 1)) == 18


def _raw_post(store, who, of, body, role, start, end=None):
    """A post written behind the program's back, as another tool or a hand edit might."""
    assert store.scalar("PRAGMA foreign_keys") == 1
    row = records.stamp({"person_id": who["id"], "term_id": of["id"], "body": body, "role": role,
                         "start_date": start.isoformat(), "end_date": end and end.isoformat(),
                         "end_reason": "", "note": ""})
    columns = ", ".join(row)
    store.conn.execute(f"INSERT INTO posts ({columns}) VALUES ({', '.join('?' * len(row))})",
                       tuple(row.values()))


@pytest.mark.parametrize("start, end", [
    (START - DAY, None),                    # starts the day before its term
    (date(2021, 1, 1), date(2021, 6, 30)),
    (date(2025, 1, 1), END + DAY),          # ends the day after its term
    (END + DAY, None),                      # starts after its term and runs on
    (date(2026, 5, 1), date(2026, 6, 1)),   # lies wholly after its term
])
def test_a_post_outside_its_term_written_behind_the_programs_back(store, start, end):
    of = term(store, 11)
    full_committee(store, of)
    who = person(store, "赵六")
    _raw_post(store, who, of, PARTY, "委员", start, end)
    found = committee.checks(store, date(2024, 1, 1))
    assert [f.message for f in found] == ["赵六 的党组织委员任职时间超出了第 11 届任期。"]
    assert found[0].person_id == who["id"]


def test_a_post_inside_its_term_written_by_hand_is_fine(store):
    of = term(store, 11)
    full_committee(store, of)
    _raw_post(store, person(store, "赵六"), of, PARTY, "委员", START, END)
    assert messages(store, date(2024, 1, 1)) == []


def test_raw_posts_still_need_a_real_person_and_term(store):
    from villagedesk.store.driver import sqlite3

    of = term(store, 11)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        _raw_post(store, {"id": 9999}, of, PARTY, "委员", START)


def test_overlapping_posts_of_one_kind_written_behind_the_programs_back(store):
    of = term(store, 11)
    full_committee(store, of)
    who = person(store, "赵六")
    _raw_post(store, who, of, VILLAGE, "委员", START, date(2023, 1, 1))
    _raw_post(store, who, of, VILLAGE, "委员", date(2023, 1, 1))  # touches: both on 1 January
    assert messages(store, date(2022, 1, 1)) == [
        "赵六 的两段村委会委员任职时间重叠（2021-03-01 起与 2023-01-01 起）。"]


def test_every_overlap_is_found_not_only_the_next_one(store):
    """A long post overlapping two short ones later in the term: both overlaps are shown."""
    of = term(store, 11)
    full_committee(store, of)
    who = person(store, "赵六")
    _raw_post(store, who, of, VILLAGE, "委员", START)  # runs to the term's end
    _raw_post(store, who, of, VILLAGE, "委员", date(2022, 1, 1), date(2022, 6, 30))
    _raw_post(store, who, of, VILLAGE, "委员", date(2023, 1, 1), date(2023, 6, 30))
    found = [m for m in messages(store, date(2021, 6, 1)) if "重叠" in m]
    assert found == ["赵六 的两段村委会委员任职时间重叠（2021-03-01 起与 2022-01-01 起）。",
                     "赵六 的两段村委会委员任职时间重叠（2021-03-01 起与 2023-01-01 起）。"]


# --- training ------------------------------------------------------------------------

@pytest.fixture
def members(store):
    """Two members of the 11th term and a villager who holds no post."""
    of = term(store, 11)
    a, b = person(store, "甲"), person(store, "乙")
    post(store, a, PARTY, "书记", of)
    post(store, b, VILLAGE, "委员", of)
    return a, b, person(store, "路人")


def training(store, attendees, **values):
    args = {"day": date(2024, 5, 20), "topic": "乡村振兴政策解读", "hours": 4, "organiser": "天门乡党委",
            "attendee_ids": [a["id"] for a in attendees], **values}
    return committee.add_training(store, **args)


def test_a_training_with_its_attendees(store, members):
    a, b, _ = members
    saved = training(store, [b, a, a], hours="2.5", organiser=" 新化县委组织部 ")
    row = records.get(store, "trainings", saved["id"])
    assert (row["date"], row["topic"], row["hours"], row["organiser"]) == (
        "2024-05-20", "乡村振兴政策解读", 2.5, "新化县委组织部")
    attendees = store.rows("SELECT person_id FROM training_attendees WHERE training_id = ? ORDER BY person_id",
                           (saved["id"],))
    assert [r["person_id"] for r in attendees] == sorted([a["id"], b["id"]])
    assert [t["topic"] for t in committee.person_trainings(store, a["id"])] == ["乡村振兴政策解读"]


@pytest.mark.parametrize("values, field", [
    ({"hours": 0}, "hours"),
    ({"hours": -2}, "hours"),
    ({"hours": "两小时"}, "hours"),
    ({"hours": "nan"}, "hours"),
    ({"hours": 200.5}, "hours"),
    ({"topic": "  "}, "topic"),
    ({"day": "2024-02-30"}, "date"),
    ({"attendee_ids": []}, "attendees"),
])
def test_bad_trainings_are_refused(store, members, values, field):
    before = snapshot(store)
    with pytest.raises(UserError) as err:
        training(store, members[:2], **values)
    assert err.value.field == field
    assert snapshot(store) == before


def test_training_attendees_must_be_members(store, members):
    a, _, stranger = members
    before = snapshot(store)
    for attendees in ([stranger], [a, stranger], [a, {"id": 9999}]):
        with pytest.raises(UserError, match="参训人员须是两委或监委会成员") as err:
            training(store, attendees)
        assert err.value.field == "attendees"
    assert snapshot(store) == before


def test_training_hours_small_and_large(store, members):
    assert training(store, members[:1], hours=0.5)["hours"] == 0.5
    assert training(store, members[:1], hours=200)["hours"] == 200


# --- appraisal -----------------------------------------------------------------------

def test_one_appraisal_per_person_and_year(store, members, monkeypatch):
    clock.set(date(2025, 1, 15))
    a, b, _ = members
    first = committee.set_appraisal(store, person_id=a["id"], year=2024, result="称职")
    again = committee.set_appraisal(store, person_id=a["id"], year="2024", result="优秀", note="群众评议第一")
    assert again["id"] == first["id"]
    assert store.rows("SELECT year, result, note FROM appraisals") == [
        {"year": 2024, "result": "优秀", "note": "群众评议第一"}]
    committee.set_appraisal(store, person_id=a["id"], year=2023, result="基本称职")
    committee.set_appraisal(store, person_id=b["id"], year=2024, result="称职")
    assert [(r["year"], r["result"]) for r in committee.person_appraisals(store, a["id"])] == [
        (2024, "优秀"), (2023, "基本称职")]
    assert store.scalar("SELECT count(*) FROM appraisals") == 3


@pytest.mark.parametrize("year, accepted", [(1999, False), (2000, False), (2020, False), (2021, True), (2025, True), (2026, False),
                                            ("二〇二四", False), ("", False)])
def test_appraisal_year_range(store, members, monkeypatch, year, accepted):
    clock.set(date(2025, 1, 15))
    before = snapshot(store)
    if accepted:
        assert committee.set_appraisal(store, person_id=members[0]["id"], year=year, result="称职")["year"] == year
    else:
        with pytest.raises(UserError) as err:
            committee.set_appraisal(store, person_id=members[0]["id"], year=year, result="称职")
        assert err.value.field == "year"
        assert snapshot(store) == before


def test_appraisal_needs_a_member_and_a_known_result(store, members):
    a, _, stranger = members
    before = snapshot(store)
    for person_id, result, field in [(stranger["id"], "称职", "person"), (None, "称职", "person"),
                                     (9999, "称职", "person"), (a["id"], "良好", "result"),
                                     (a["id"], "", "result")]:
        with pytest.raises(UserError) as err:
            committee.set_appraisal(store, person_id=person_id, year=2024, result=result)
        assert err.value.field == field
    assert snapshot(store) == before


# --- roster ----------------------------------------------------------------------

def test_roster_joins_titles_and_marks_both_heads(store):
    of = term(store, 11)
    chief, deputy, member = person(store, "甲"), person(store, "乙"), person(store, "丙")
    post(store, chief, PARTY, "书记", of)
    post(store, chief, VILLAGE, "主任", of, date(2021, 3, 5))
    post(store, deputy, PARTY, "副书记", of)
    early = post(store, member, VILLAGE, "委员", of)
    committee.end_post(store, early["id"], end_date=date(2023, 8, 31), reason="辞职")
    post(store, member, SUPERVISION, "委员", of, date(2023, 9, 1))

    rows = {r["name"]: r for r in committee.roster(store, of["id"])}
    assert rows["甲"]["titles"] == ["党组织书记", "村委会主任"]
    assert rows["甲"]["both_heads"] is True and rows["甲"]["since"] == "2021-03-01"
    assert rows["乙"]["titles"] == ["党组织副书记"] and rows["乙"]["both_heads"] is False
    assert rows["丙"]["titles"] == ["村委会委员（2023-08-31 辞职）", "监委会委员"]
    assert rows["丙"]["since"] == "2021-03-01" and rows["丙"]["both_heads"] is False
    assert len(rows) == 3
    # Who serves on a day: the resigned post is gone, the later one is there.
    today = {r["name"]: r for r in committee.roster(store, today=date(2024, 1, 1))}
    assert today["丙"]["titles"] == ["监委会委员"] and today["甲"]["both_heads"] is True
    assert {r["name"] for r in committee.roster(store, today=date(2021, 3, 4))} == {"甲", "乙", "丙"}
    assert committee.roster(store, today=date(2021, 3, 4))[0]["both_heads"] is False
    # The township's fields come along.
    assert {"gender", "ethnicity", "birth_date", "id_number", "phone", "political", "education",
            "address", "term_number"} <= set(rows["甲"])


def test_member_list_is_everyone_who_ever_held_a_post(store, members):
    a, b, stranger = members
    assert {m["id"] for m in committee.members(store)} == {a["id"], b["id"]}


# --- audit -------------------------------------------------------------------------

def test_every_write_leaves_an_audit_row(store, monkeypatch):
    clock.set(date(2025, 1, 15))
    saved = term(store, 11)
    assert audit_count(store, "terms", "insert") == 1
    committee.save_term(store, number=11, start_date=START, note="补登", term_id=saved["id"])
    assert audit_count(store, "terms", "update") == 1
    who = person(store)
    held = post(store, who, VILLAGE, "委员", saved)
    assert audit_count(store, "posts", "insert") == 1
    committee.end_post(store, held["id"], end_date=date(2022, 1, 1), reason="辞职")
    assert audit_count(store, "posts", "end") == 1
    ended = store.row("SELECT before, after FROM audit WHERE table_name = 'posts' AND action = 'end'")
    assert '"end_date": null' in ended["before"] and '"end_reason": "辞职"' in ended["after"]
    training(store, [who])
    assert audit_count(store, "trainings", "insert") == 1
    assert audit_count(store, "training_attendees", "insert") == 1
    committee.set_appraisal(store, person_id=who["id"], year=2024, result="称职")
    committee.set_appraisal(store, person_id=who["id"], year=2024, result="优秀")
    assert audit_count(store, "appraisals", "insert") == 1
    assert audit_count(store, "appraisals", "update") == 1
    # Each audited row names its record.
    for table in ("terms", "posts", "trainings", "training_attendees", "appraisals"):
        uids = {r["uid"] for r in store.rows(f"SELECT uid FROM {table}")}
        audited = {r["record_uid"] for r in store.rows(
            "SELECT record_uid FROM audit WHERE table_name = ?", (table,))}
        assert uids == audited, table


def test_an_unchanged_write_writes_nothing(store, monkeypatch):
    clock.set(date(2025, 1, 15))
    saved = term(store, 11)
    who = person(store)
    post(store, who, VILLAGE, "委员", saved)
    committee.set_appraisal(store, person_id=who["id"], year=2024, result="称职")
    before = snapshot(store)
    committee.save_term(store, number=11, start_date=START, term_id=saved["id"])
    committee.set_appraisal(store, person_id=who["id"], year=2024, result="称职")
    assert snapshot(store) == before


def test_one_seat_per_body_at_a_time(store):
    of = term(store, 11)
    someone = person(store, "甲")
    first = post(store, someone, VILLAGE, "副主任", of)
    before = snapshot(store)
    with pytest.raises(UserError, match="只能任一个职务"):
        post(store, someone, VILLAGE, "委员", of, date(2022, 1, 1))
    assert snapshot(store) == before
    committee.end_post(store, first["id"], end_date=date(2022, 12, 31), reason="免职")
    promoted = post(store, someone, VILLAGE, "主任", of, date(2023, 1, 1))
    assert promoted["role"] == "主任"
    # Another body is another seat.
    assert post(store, someone, PARTY, "委员", of, date(2023, 1, 1))["body"] == PARTY
