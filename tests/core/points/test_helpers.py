"""What the points tests share: a small village on a fixed day, and table snapshots.

No tests here; the ``test_scoring_*`` modules import from it.  Every database is a real
SQLite file (the ``store`` fixture of conftest.py).
"""

from __future__ import annotations

from datetime import date, timedelta

from villagedesk import clock
from villagedesk.core.common import records
from villagedesk.core.points import ledger, rules
from villagedesk.core.points.rules import Scheme
from villagedesk.core.register import people

TODAY = date(2026, 8, 20)  # in 2026-Q3; 2026-Q2 is over
DAY = timedelta(days=1)
CATALOGUE_FROM = date(2026, 1, 1)
POINT_TABLES = ("households", "persons", "point_scheme", "point_rules", "point_entries", "point_periods",
                "point_objections", "shop_goods", "redemptions", "audit")
# Household code → (head, 村民小组)
HOUSEHOLDS = {"HH001": ("张大山", "第一组"), "HH002": ("李秀英", "第一组"),
              "HH003": ("王建国", "第二组"), "HH004": ("刘桂兰", "第二组")}

# Rules of the default catalogue by item, for readable tests.
CLEAN_YARD = "房前屋后干净整洁，无乱堆乱放"  # +10 每月, cap 25
CLUTTER = "房前屋后乱堆乱放（每处）"  # -5, no cap
LABOUR = "参加义务劳动（义务工）"  # +5 每人每次, cap 30
MEETING = "参加屋场会、村民会议"  # +2, cap 10
GAMBLING = "参与赌博"  # -20
VILLAGE_HONOUR = "获村级表彰"  # +5, no cap


def snapshot(store) -> dict[str, list]:
    """Every row of every table the points area touches: a refused write changes none."""
    return {t: store.conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in POINT_TABLES}


def make_village(store, scheme: Scheme | None = None) -> dict[str, dict]:
    """Four households in two groups, a quarterly scheme and the default catalogue."""
    households = {}
    for code, (head, group) in HOUSEHOLDS.items():
        household = people.add_household(store, code=code, group_name=group)
        people.add_person(store, household["id"], name=head, relation="户主")
        households[code] = household
    rules.save_scheme(store, scheme or Scheme())
    rules.install_default_catalogue(store, CATALOGUE_FROM)
    return households


def rule(store, item: str, day: date | None = None) -> dict:
    """The version of the rule named ``item`` in force on ``day`` (the latest when None)."""
    if day is None:
        return store.row("SELECT * FROM point_rules WHERE item = ? ORDER BY version DESC LIMIT 1", (item,))
    return store.row("SELECT * FROM point_rules WHERE item = ? AND valid_from <= ? "
                     "AND (valid_to IS NULL OR valid_to >= ?)", (item, day.isoformat(), day.isoformat()))


def record(store, household: dict, item: str, day=date(2026, 7, 10), quantity=1, **values) -> dict:
    return ledger.record_entry(store, household_id=household["id"], rule_id=rule(store, item)["id"], day=day,
                               quantity=quantity, **values)


def approved(store, household: dict, item: str, day=date(2026, 7, 10), quantity=1, **values) -> dict:
    """Recorded and approved; the row as it is now."""
    entry = record(store, household, item, day, quantity, **values)
    ledger.approve(store, [entry["id"]], "审核员", day + DAY)
    return records.get(store, "point_entries", entry["id"])


def fix_today(monkeypatch, day: date = TODAY) -> date:
    """The program's today is ``day`` (the modules' ``village`` fixtures call this)."""
    clock.set(day)
    return day
