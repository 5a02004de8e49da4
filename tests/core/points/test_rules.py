"""The scheme (period, base, pass line, stars) and the versioned rule catalogue (细则)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.core.points.test_helpers import (
    CATALOGUE_FROM,
    CLEAN_YARD,
    DAY,
    LABOUR,
    fix_today,
    make_village,
    record,
    rule,
    snapshot,
)
from villagedesk.core.common import records
from villagedesk.core.points import rules
from villagedesk.core.points.rules import DEFAULT_CATALOGUE, Scheme
from villagedesk.errors import UserError


@pytest.fixture
def today(monkeypatch):
    return fix_today(monkeypatch)


@pytest.fixture
def catalogue(store, today):
    rules.install_default_catalogue(store, CATALOGUE_FROM)
    return {r["item"]: r for r in rules.catalogue(store)}


# --- scheme ---------------------------------------------------------------------

def test_a_village_without_a_scheme_uses_the_default(store):
    assert rules.get_scheme(store) == Scheme()
    assert store.scalar("SELECT count(*) FROM point_scheme") == 0  # reading writes nothing


def test_save_scheme_round_trips_and_keeps_one_row(store):
    saved = rules.save_scheme(store, Scheme("month", "80", "50", ["90", 95, 100, 120, 150], 0, 1, "3"))
    assert saved == Scheme("month", 80, 50, [90, 95, 100, 120, 150], False, True, 3)
    assert rules.get_scheme(store) == saved
    again = rules.save_scheme(store, replace(saved, period_kind="year"))
    assert rules.get_scheme(store) == again
    assert store.scalar("SELECT count(*) FROM point_scheme") == 1
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'point_scheme' AND action = 'update'") == 1


@pytest.mark.parametrize("changes, field", [
    ({"period_kind": "week"}, "period_kind"),
    ({"base_points": -1}, "base_points"),
    ({"star_thresholds": [100, 110, 120, 130]}, "star_thresholds"),  # four stars only
    ({"star_thresholds": [100, 110, 120, 130, 140, 150]}, "star_thresholds"),
    ({"star_thresholds": [100, 120, 110, 130, 140]}, "star_thresholds"),  # not rising
    ({"star_thresholds": [100, 110, 110, 130, 140]}, "star_thresholds"),  # two alike
    ({"objection_days": 0}, "objection_days"),
    ({"objection_days": 61}, "objection_days"),
    ({"base_points": "一百"}, None),
    ({"star_thresholds": [100, 110, "x", 130, 140]}, None),
])
def test_bad_schemes_are_refused(store, changes, field):
    rules.save_scheme(store, Scheme())
    before = snapshot(store)
    with pytest.raises(UserError) as err:
        rules.save_scheme(store, replace(Scheme(), **changes))
    assert err.value.field == field
    assert snapshot(store) == before


@pytest.mark.parametrize("changes", [
    {"base_points": 0}, {"objection_days": 1}, {"objection_days": 60}, {"pass_line": 0},
    {"star_thresholds": [-10, 0, 1, 2, 3]},
])
def test_edge_schemes_are_accepted(store, changes):
    assert rules.save_scheme(store, replace(Scheme(), **changes)) == replace(Scheme(), **changes)


@pytest.mark.parametrize("score, stars", [
    (-50, 0), (0, 0), (99, 0), (100, 1), (109, 1), (110, 2), (119, 2), (120, 3), (129, 3), (130, 4),
    (139, 4), (140, 5), (1000, 5),
])
def test_stars_at_exact_thresholds(score, stars):
    assert Scheme(star_thresholds=[100, 110, 120, 130, 140]).stars(score) == stars


@pytest.mark.parametrize("score, passes", [(59, False), (60, True), (61, True), (-1, False)])
def test_the_pass_line_itself_passes(score, passes):
    assert Scheme(pass_line=60).passes(score) is passes


# --- the default catalogue ---------------------------------------------------------

def test_default_catalogue_installs_once(store, today):
    assert rules.install_default_catalogue(store, CATALOGUE_FROM) == len(DEFAULT_CATALOGUE) == 25
    rows = rules.catalogue(store)
    assert [r["rule_key"] for r in rows] == [f"R{n:03d}" for n in range(1, 26)]
    assert {(r["version"], r["valid_from"], r["valid_to"]) for r in rows} == {(1, "2026-01-01", None)}
    assert {r["unit"] for r in rows} <= set(rules.UNITS)
    assert all(r["points"] != 0 for r in rows)
    assert any(r["points"] < 0 for r in rows) and any(r["cap_per_period"] for r in rows)
    before = snapshot(store)
    with pytest.raises(UserError, match="已经存在"):
        rules.install_default_catalogue(store, CATALOGUE_FROM)
    assert snapshot(store) == before


def test_default_catalogue_is_refused_after_a_rule_of_ones_own(store, today):
    rules.add_rule(store, valid_from="2026-01-01", category="环境卫生", item="垃圾分类", points=2, unit="每月")
    with pytest.raises(UserError, match="已经存在"):
        rules.install_default_catalogue(store, CATALOGUE_FROM)
    assert store.scalar("SELECT count(*) FROM point_rules") == 1


# --- adding, revising, retiring ----------------------------------------------------

def test_add_rule_takes_the_next_key(store, catalogue):
    added = rules.add_rule(store, valid_from="2026/3/1", category=" 环境卫生 ", item=" 垃圾分类投放 ", points="2",
                           unit="每月", cap_per_period="6")
    row = records.get(store, "point_rules", added["id"])
    assert (row["rule_key"], row["version"], row["category"], row["item"], row["points"], row["cap_per_period"],
            row["valid_from"], row["valid_to"]) == ("R026", 1, "环境卫生", "垃圾分类投放", 2, 6, "2026-03-01", None)
    assert rules.add_rule(store, valid_from="2026-03-01", category="a", item="b", points=-3, unit="每次",
                          cap_per_period="")["cap_per_period"] is None


@pytest.mark.parametrize("values, field", [
    ({"category": ""}, "category"),
    ({"item": "  "}, "item"),
    ({"points": 0}, "points"),
    ({"points": "五"}, "points"),
    ({"points": 1001}, "points"),
    ({"points": -1001}, "points"),
    ({"unit": "每年"}, "unit"),
    ({"cap_per_period": 0}, "cap_per_period"),
    ({"cap_per_period": -5}, "cap_per_period"),
    ({"cap_per_period": "十"}, "cap_per_period"),
    ({"valid_from": ""}, "valid_from"),
    ({"valid_from": "2026-02-30"}, "valid_from"),
])
def test_bad_rules_are_refused(store, catalogue, values, field):
    good = {"valid_from": "2026-01-01", "category": "公益参与", "item": "献血", "points": 10, "unit": "每次",
            "cap_per_period": 10}
    before = snapshot(store)
    with pytest.raises(UserError) as err:
        rules.add_rule(store, **{**good, **values})
    assert err.value.field == field
    assert snapshot(store) == before


@pytest.mark.parametrize("points", [1000, -1000, 1, -1])
def test_edge_points_are_accepted(store, catalogue, points):
    assert rules.add_rule(store, valid_from="2026-01-01", category="c", item="i", points=points,
                          unit="每项")["points"] == points


def test_revise_ends_the_old_version_the_day_before(store, catalogue):
    old = catalogue[CLEAN_YARD]
    new = rules.revise_rule(store, old["id"], valid_from=date(2026, 7, 1), points=8)
    assert (new["rule_key"], new["version"], new["points"], new["cap_per_period"], new["unit"]) == (
        old["rule_key"], 2, 8, 25, "每月")
    assert records.get(store, "point_rules", old["id"])["valid_to"] == "2026-06-30"
    assert [r["rule_key"] for r in rules.rules_in_force(store, date(2026, 6, 30)) if r["item"] == CLEAN_YARD] == ["R004"]
    on = {d: next(r for r in rules.rules_in_force(store, d) if r["rule_key"] == "R004")
          for d in (date(2026, 6, 30), date(2026, 7, 1))}
    assert (on[date(2026, 6, 30)]["version"], on[date(2026, 7, 1)]["version"]) == (1, 2)
    # The catalogue shows the latest version; the history keeps both.
    assert [r["version"] for r in rules.catalogue(store) if r["rule_key"] == "R004"] == [2]
    assert [r["version"] for r in rules.catalogue(store, include_history=True) if r["rule_key"] == "R004"] == [1, 2]
    assert store.scalar("SELECT count(*) FROM audit WHERE action = 'supersede'") == 1


def test_revise_the_day_after_is_the_earliest(store, catalogue):
    old = catalogue[CLEAN_YARD]
    before = snapshot(store)
    for day in (CATALOGUE_FROM, CATALOGUE_FROM - DAY):
        with pytest.raises(UserError, match="应晚于") as err:
            rules.revise_rule(store, old["id"], valid_from=day, points=8)
        assert err.value.field == "valid_from"
    with pytest.raises(UserError, match="生效日期"):
        rules.revise_rule(store, old["id"], valid_from="", points=8)
    with pytest.raises(UserError) as err:
        rules.revise_rule(store, old["id"], valid_from=date(2026, 7, 1), points=0)
    assert err.value.field == "points"
    assert snapshot(store) == before
    new = rules.revise_rule(store, old["id"], valid_from=CATALOGUE_FROM + DAY, points=8)
    # The old version was in force for one day.
    assert records.get(store, "point_rules", old["id"])["valid_to"] == CATALOGUE_FROM.isoformat()
    assert new["valid_from"] == (CATALOGUE_FROM + DAY).isoformat()


def test_only_the_latest_version_can_be_revised_or_retired(store, catalogue):
    old = catalogue[CLEAN_YARD]
    rules.revise_rule(store, old["id"], valid_from=date(2026, 7, 1), points=8)
    before = snapshot(store)
    with pytest.raises(UserError, match="最新版本"):
        rules.revise_rule(store, old["id"], valid_from=date(2026, 8, 1), points=9)
    with pytest.raises(UserError, match="已经停用或有了新版本"):
        rules.retire_rule(store, old["id"], last_day=date(2026, 8, 1))
    with pytest.raises(UserError, match="找不到"):
        rules.revise_rule(store, 9999, valid_from=date(2026, 8, 1), points=9)
    assert snapshot(store) == before


def test_retire(store, catalogue):
    honour = catalogue["获国家级荣誉"]
    before = snapshot(store)
    for bad in (CATALOGUE_FROM - DAY, "", "not a day"):
        with pytest.raises(UserError, match="停用日期") as err:
            rules.retire_rule(store, honour["id"], last_day=bad)
        assert err.value.field == "valid_to"
    assert snapshot(store) == before
    retired = rules.retire_rule(store, honour["id"], last_day=CATALOGUE_FROM)  # in force one day
    assert retired["valid_to"] == "2026-01-01"
    assert honour["rule_key"] in {r["rule_key"] for r in rules.rules_in_force(store, CATALOGUE_FROM)}
    assert honour["rule_key"] not in {r["rule_key"] for r in rules.rules_in_force(store, CATALOGUE_FROM + DAY)}
    with pytest.raises(UserError, match="已经停用"):
        rules.retire_rule(store, honour["id"], last_day=date(2026, 5, 1))
    with pytest.raises(UserError, match="最新版本"):
        rules.revise_rule(store, honour["id"], valid_from=date(2026, 5, 1), points=40)


def test_rules_in_force_before_the_catalogue_starts(store, catalogue):
    assert rules.rules_in_force(store, CATALOGUE_FROM - DAY) == []
    assert len(rules.rules_in_force(store, CATALOGUE_FROM)) == 25


def test_a_revision_may_not_start_before_points_scored_under_the_current_version(store, today):
    households = make_village(store)
    record(store, households["HH001"], LABOUR, day=date(2026, 7, 10))
    labour = rule(store, LABOUR)
    before = snapshot(store)
    with pytest.raises(UserError, match="已有 2026-07-10 按现行版本记录的积分") as refused:
        rules.revise_rule(store, labour["id"], valid_from="2026-07-10", points=8)
    assert refused.value.field == "valid_from" and snapshot(store) == before
    rules.revise_rule(store, labour["id"], valid_from="2026-07-11", points=8)  # the day after is fine
