"""The demo village: size, determinism, valid data, one transaction."""

import time
from collections import Counter
from datetime import date

import pytest

from villagedesk.core import demo, ids, people
from villagedesk.core.village import Profile, get_profile, save_profile
from villagedesk.errors import Cancelled, UserError
from villagedesk.store import open_store

TODAY = date(2026, 6, 30)
CONTENT = ("SELECT p.code, p.name, p.initials, p.gender, p.ethnicity, p.birth_date, p.id_number, "
           "p.relation, p.phone, p.education, p.political, h.code, h.group_name, h.address, h.phone "
           "FROM persons p JOIN households h ON h.id = p.household_id ORDER BY p.code")
# Relations whose gender is fixed by the word itself.
GENDER_OF = {"子": "男", "女": "女", "儿媳": "女", "女婿": "男", "孙子": "男", "孙女": "女",
             "父亲": "男", "母亲": "女"}


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "demo.sqlite3") as store:
        yield store


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """One small demo shared by the read-only checks below."""
    with open_store(tmp_path_factory.mktemp("small") / "demo.sqlite3") as store:
        counts = demo.build_demo(store, size="small", seed=1, today=TODAY)
        yield store, counts


def _content(store):
    return store.conn.execute(CONTENT).fetchall()


def test_small_counts(small):
    store, counts = small
    assert counts["village"] == 1
    assert counts["households"] == 300
    assert 900 <= counts["persons"] <= 1100
    assert store.scalar("SELECT count(*) FROM households") == counts["households"]
    assert store.scalar("SELECT count(*) FROM persons") == counts["persons"]
    groups = Counter(r["group_name"] for r in store.rows("SELECT group_name FROM households"))
    assert sorted(groups) == sorted(demo.GROUPS)
    assert store.scalar("SELECT min(code) FROM households") == "HH001"
    assert store.scalar("SELECT max(code) FROM households") == "HH300"


def test_same_seed_same_village_other_seed_other_village(tmp_path, small):
    store, _ = small
    with open_store(tmp_path / "again.sqlite3") as again:
        demo.build_demo(again, size="small", seed=1, today=TODAY)
        assert _content(again) == _content(store)
        assert again.scalar("SELECT code FROM village") == store.scalar("SELECT code FROM village")
    with open_store(tmp_path / "other.sqlite3") as other:
        demo.build_demo(other, size="small", seed=2, today=TODAY)
        assert _content(other) != _content(store)


def test_id_numbers_valid_unique_and_agree_with_the_person(small):
    store, counts = small
    rows = store.rows("SELECT id_number, gender, birth_date FROM persons WHERE id_number IS NOT NULL")
    assert 0.80 <= len(rows) / counts["persons"] <= 0.90
    assert len({r["id_number"] for r in rows}) == len(rows)
    for r in rows:
        number = r["id_number"]
        assert ids.id_number_problem(number, TODAY) is None, number
        assert ids.id_gender(number) == r["gender"], number
        assert ids.id_birth_date(number).isoformat() == r["birth_date"], number
        assert number[:2] == "43"  # born in Hunan
    # Every birth date is in the past, ID or not.
    assert store.scalar("SELECT max(birth_date) FROM persons") < TODAY.isoformat()


def test_exactly_one_head_per_household(small):
    store, counts = small
    heads = store.rows("SELECT h.id, (SELECT count(*) FROM persons p WHERE p.household_id = h.id "
                       "AND p.relation = '户主') AS n FROM households h")
    assert len(heads) == counts["households"]
    assert {r["n"] for r in heads} == {1}
    # The head is listed first: P01.
    assert store.scalar("SELECT count(*) FROM persons WHERE relation = '户主' "
                        "AND code NOT LIKE '%-P01'") == 0


def test_people_are_plausible(small):
    store, counts = small
    rows = store.rows("SELECT p.*, h.code AS hcode FROM persons p JOIN households h "
                      "ON h.id = p.household_id")
    heads = {r["household_id"]: r for r in rows if r["relation"] == "户主"}
    for r in rows:
        assert r["code"].startswith(r["hcode"] + "-P")
        assert r["relation"] in people.RELATIONS
        assert r["ethnicity"] in people.ETHNICITIES
        assert r["education"] in people.EDUCATION
        assert r["political"] in people.POLITICAL
        assert r["initials"] and r["initials"].isascii()
        if r["relation"] in GENDER_OF:
            assert r["gender"] == GENDER_OF[r["relation"]], r
        if r["relation"] == "配偶":
            assert r["gender"] != heads[r["household_id"]]["gender"], r
        age = TODAY.year - int(r["birth_date"][:4])
        assert 0 <= age <= 100
        if r["relation"] in ("子", "女"):
            assert age <= TODAY.year - int(heads[r["household_id"]]["birth_date"][:4]) - 18
        if r["phone"]:
            assert age >= 17 and ids.phone_problem(r["phone"]) is None and r["phone"][0] == "1"
        if r["political"] in people.PARTY:
            assert age >= 18
    adults = [r for r in rows if TODAY.year - int(r["birth_date"][:4]) >= 19]
    assert sum(1 for r in adults if r["phone"]) / len(adults) > 0.8
    party = sum(1 for r in rows if r["political"] == "中共党员") / len(rows)
    assert 0.04 <= party <= 0.08
    han = sum(1 for r in rows if r["ethnicity"] == "汉族") / len(rows)
    assert 0.85 <= han < 1
    phones = [r["phone"] for r in rows if r["phone"]]
    assert len(set(phones)) == len(phones)


def test_village_profile_is_valid(small):
    store, _ = small
    profile = get_profile(store)
    assert ids.uscc_problem(profile.code) is None
    assert profile.code[2:8] == "431322"
    assert (profile.county, profile.township) == ("新化县", "天门乡")
    assert store.actor == profile.clerk


def test_every_row_is_audited(small):
    store, counts = small
    audited = dict(store.conn.execute(
        "SELECT table_name, count(*) FROM audit WHERE action = 'insert' GROUP BY table_name"))
    assert audited == {"village": 1, "households": counts["households"], "persons": counts["persons"]}


def test_search_finds_demo_people(small):
    from villagedesk.core.listing import PERSONS

    store, _ = small
    someone = store.row("SELECT name, initials FROM persons ORDER BY code LIMIT 1 OFFSET 100")
    found = PERSONS.fetch(store, someone["initials"])
    assert someone["name"] in {r["name"] for r in found}


def test_existing_profile_is_kept(store):
    mine = save_profile(store, Profile(name="白溪村", code="91350100M000100Y43", township="白溪镇",
                                       county="新化县", clerk="谢文书", phone="13812341234"))
    counts = demo.build_demo(store, today=TODAY)
    assert counts["village"] == 0
    assert get_profile(store) == mine
    assert store.scalar("SELECT count(*) FROM village") == 1
    assert store.scalar("SELECT address FROM households LIMIT 1").startswith("白溪村")


def test_refuses_a_database_with_data(store):
    household = people.add_household(store, code="HH001")
    with pytest.raises(UserError) as err:
        demo.build_demo(store, today=TODAY)
    assert str(err.value) == "数据库中已有数据，演示村只能建在空数据库里。请用 --db 指定一个新文件。"
    people.add_person(store, household["id"], name="张三")
    people.archive_household(store, household["id"], "测试")
    # Archived rows still count as data.
    with pytest.raises(UserError, match="已有数据"):
        demo.build_demo(store, today=TODAY)
    assert store.scalar("SELECT count(*) FROM persons") == 1
    assert store.scalar("SELECT count(*) FROM village") == 0


def test_unknown_size_is_refused(store):
    with pytest.raises(UserError, match="small"):
        demo.build_demo(store, size="huge")


@pytest.mark.parametrize("cancel_at", [1, 3, 6])
def test_cancel_leaves_the_database_empty(store, cancel_at):
    calls = []

    def progress(done, total):
        calls.append((done, total))
        if len(calls) == cancel_at:
            raise Cancelled

    actor = store.actor
    with pytest.raises(Cancelled):
        demo.build_demo(store, progress=progress, today=TODAY)
    assert len(calls) == cancel_at
    for table in ("village", "households", "persons", "audit"):
        assert store.scalar(f"SELECT count(*) FROM {table}") == 0, table
    assert store.actor == actor
    assert not store.conn.in_transaction
    # After a cancel the same database can still take the demo.
    assert demo.build_demo(store, today=TODAY)["households"] == 300


def test_progress_climbs_to_the_total(store):
    calls = []
    demo.build_demo(store, progress=lambda done, total: calls.append((done, total)), today=TODAY)
    totals = {total for _, total in calls}
    assert len(totals) == 1
    dones = [done for done, _ in calls]
    assert dones == sorted(dones) and dones[0] == 0 and dones[-1] == totals.pop()
    assert len(calls) >= 5  # often enough for a progress bar to move


@pytest.mark.slow
def test_large_demo_is_fast(store):
    start = time.perf_counter()
    counts = demo.build_demo(store, size="large", today=TODAY)
    elapsed = time.perf_counter() - start
    assert counts["households"] == 3000
    assert 9000 <= counts["persons"] <= 11000
    assert elapsed < 30, f"large demo took {elapsed:.1f} s"
    # Four-digit codes so they sort as numbers do.
    assert store.scalar("SELECT max(code) FROM households") == "HH3000"
    assert store.scalar("SELECT min(code) FROM households") == "HH0001"
    assert store.scalar("SELECT count(DISTINCT id_number) FROM persons") == store.scalar(
        "SELECT count(id_number) FROM persons")
