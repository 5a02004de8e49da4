"""The points shop (积分超市): goods, balances, redemptions and every way one is refused."""

from __future__ import annotations

from datetime import date

import pytest

from tests.core.points.test_helpers import (
    DAY,
    GAMBLING,
    MEETING,
    TODAY,
    VILLAGE_HONOUR,
    approved,
    fix_today,
    make_village,
    record,
    snapshot,
)
from villagedesk.core.common import records
from villagedesk.core.points import ranking, shop
from villagedesk.core.points.rules import Scheme
from villagedesk.core.register import people
from villagedesk.errors import UserError

JULY, MAY = date(2026, 7, 10), date(2026, 5, 10)


@pytest.fixture
def village(store, monkeypatch):
    fix_today(monkeypatch)
    return make_village(store)


@pytest.fixture
def rice(store, village):
    return shop.add_goods(store, name="大米（5 公斤）", price="30", stock="3")


def refused(store, call, match, field=None):
    before = snapshot(store)
    with pytest.raises(UserError, match=match) as err:
        call()
    if field is not None:
        assert err.value.field == field
    assert snapshot(store) == before


def redeem(store, household, goods, quantity=1, day=None):
    return shop.redeem(store, household_id=household["id"], goods_id=goods["id"], quantity=quantity, day=day)


def test_goods(store, village):
    oil = shop.add_goods(store, name=" 食用油 ", price=200, stock=0)  # out of stock is allowed
    assert (oil["name"], oil["price"], oil["stock"], oil["archived"]) == ("食用油", 200, 0, 0)
    assert shop.restock(store, oil["id"], "12")["stock"] == 12
    for values, field in (({"name": ""}, "name"), ({"price": 0}, "price"), ({"price": "贵"}, "price"),
                          ({"stock": -1}, "stock")):
        refused(store, lambda values=values: shop.add_goods(store, **{"name": "洗衣粉", "price": 20, "stock": 5,
                                                                       **values}), None, field)
    refused(store, lambda: shop.restock(store, oil["id"], 0), "入库数量", "stock")
    refused(store, lambda: shop.restock(store, 9999, 5), "找不到")


def test_balance_counts_approved_points_of_this_period_only(store, village):
    hh = village["HH001"]
    approved(store, hh, VILLAGE_HONOUR, MAY, quantity=10)  # last quarter: gone with the reset
    approved(store, hh, VILLAGE_HONOUR, JULY, quantity=4)
    record(store, hh, VILLAGE_HONOUR, JULY, quantity=4)  # pending: not yet
    assert shop.balance(store, hh["id"]) == 20  # the base is not redeemable by default
    assert shop.balance(store, hh["id"], JULY - DAY) == 0  # before the entry's day
    assert shop.balance(store, hh["id"], MAY) == 50


def test_balance_with_a_redeemable_base_and_with_carry_over(store, monkeypatch):
    fix_today(monkeypatch)
    village = make_village(store, Scheme(base_redeemable=True, reset_each_period=False))
    hh = village["HH001"]
    approved(store, hh, VILLAGE_HONOUR, MAY, quantity=2)
    approved(store, hh, VILLAGE_HONOUR, JULY, quantity=1)
    assert shop.balance(store, hh["id"]) == 115  # the base once, and both quarters
    assert shop.balance(store, hh["id"], JULY - DAY) == 110


def test_redeem_spends_points_and_stock(store, village, rice):
    hh = village["HH001"]
    approved(store, hh, VILLAGE_HONOUR, JULY, quantity=12)  # 60 points
    made = redeem(store, hh, rice, quantity="2")
    assert (made["points"], made["quantity"], made["redeemed_on"]) == (60, 2, TODAY.isoformat())
    assert records.get(store, "shop_goods", rice["id"])["stock"] == 1
    assert shop.balance(store, hh["id"]) == 0  # exactly everything: allowed
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'shop_goods' AND action = 'redeem'") == 1
    sheet = ranking.statement(store, hh["id"], "2026-Q3")
    assert [(ln["kind"], ln["points"], ln["quantity"], ln["balance"]) for ln in sheet["lines"]][-1] == (
        "redemption", -60, 2, 100)


def test_beyond_the_balance_is_refused(store, village, rice):
    hh = village["HH001"]
    approved(store, hh, VILLAGE_HONOUR, JULY, quantity=5)  # 25 points, rice costs 30
    refused(store, lambda: redeem(store, hh, rice), "需要 30 分.*只有 25 分", "quantity")
    approved(store, hh, MEETING, JULY)
    refused(store, lambda: redeem(store, hh, rice), "只有 27 分")
    approved(store, hh, MEETING, JULY)
    approved(store, hh, MEETING, JULY)  # 31
    redeem(store, hh, rice)
    refused(store, lambda: redeem(store, hh, rice), "只有 1 分")


def test_beyond_the_stock_is_refused(store, village, rice):
    hh = village["HH001"]
    approved(store, hh, VILLAGE_HONOUR, JULY, quantity=40)  # 200 points
    refused(store, lambda: redeem(store, hh, rice, quantity=4), "库存只有 3 件", "quantity")
    redeem(store, hh, rice, quantity=3)
    assert records.get(store, "shop_goods", rice["id"])["stock"] == 0
    refused(store, lambda: redeem(store, hh, rice), "库存只有 0 件")
    shop.restock(store, rice["id"], 1)
    redeem(store, hh, rice)


def test_below_the_pass_line_nobody_redeems(store, monkeypatch):
    fix_today(monkeypatch)
    village = make_village(store, Scheme(base_redeemable=True))
    hh = village["HH001"]
    soap = shop.add_goods(store, name="肥皂", price=10, stock=10)
    approved(store, hh, GAMBLING, JULY, quantity=2)
    approved(store, hh, "房前屋后乱堆乱放（每处）", JULY)  # 55: the balance would do, the score does not
    refused(store, lambda: redeem(store, hh, soap), "本期总分 55 分，低于合格线 60 分")
    approved(store, hh, VILLAGE_HONOUR, JULY)  # 60: on the line
    assert redeem(store, hh, soap)["points"] == 10


def test_archived_households_and_goods_and_bad_input(store, village, rice):
    hh = village["HH002"]
    approved(store, hh, VILLAGE_HONOUR, JULY, quantity=20)
    people.archive_household(store, hh["id"], "整户迁出")
    refused(store, lambda: redeem(store, hh, rice), "HH002 已归档", "household")
    hh = village["HH001"]
    approved(store, hh, VILLAGE_HONOUR, JULY, quantity=20)
    refused(store, lambda: shop.redeem(store, household_id=None, goods_id=rice["id"]), "兑换的户", "household")
    refused(store, lambda: shop.redeem(store, household_id=hh["id"], goods_id=9999), "商品", "goods")
    for quantity in (0, -1, "两"):
        refused(store, lambda quantity=quantity: redeem(store, hh, rice, quantity), "兑换数量", "quantity")
    refused(store, lambda: redeem(store, hh, rice, day="2026-02-30"), "兑换日期", "date")
    records.update(store, "shop_goods", rice["id"], {"archived": 1}, action="archive")
    refused(store, lambda: redeem(store, hh, rice), "请选择要兑换的商品", "goods")


def test_a_redemption_cannot_be_dated_in_the_future(store, village, rice):
    hh = village["HH001"]
    approved(store, hh, VILLAGE_HONOUR, JULY, quantity=20)
    refused(store, lambda: redeem(store, hh, rice, day=TODAY + DAY), "将来", "date")


def test_a_back_dated_redemption_cannot_overspend(store, village, rice):
    """Points already spent later in the period are not spent again on an earlier day."""
    hh = village["HH001"]
    approved(store, hh, VILLAGE_HONOUR, JULY, quantity=6)  # 30 points
    redeem(store, hh, rice, day=date(2026, 8, 1))
    refused(store, lambda: redeem(store, hh, rice, day=date(2026, 7, 20)), "只有 0 分")
    assert shop.balance(store, hh["id"], date(2026, 7, 20)) == 0
    assert shop.balance(store, hh["id"]) == 0


def test_a_wrong_redemption_is_voided_by_a_reversal(store, village, rice):
    hh = village["HH001"]
    approved(store, hh, VILLAGE_HONOUR, JULY, quantity=4)  # 20 points... and 10 more
    approved(store, hh, VILLAGE_HONOUR, JULY, quantity=2)
    wrong = redeem(store, hh, rice, day=JULY)
    assert shop.balance(store, hh["id"]) == 0 and records.get(store, "shop_goods", rice["id"])["stock"] == 2
    refused(store, lambda: shop.reverse_redemption(store, wrong["id"], reason=" "), "原因", "reason")
    reversal = shop.reverse_redemption(store, wrong["id"], reason="登记错了户")
    # The points come back to the period they were spent in, the rice to the shelf; nothing deleted.
    assert (reversal["quantity"], reversal["points"], reversal["redeemed_on"], reversal["reverses_id"]) == (
        -1, -30, JULY.isoformat(), wrong["id"])
    assert shop.balance(store, hh["id"]) == 30 and records.get(store, "shop_goods", rice["id"])["stock"] == 3
    assert records.get(store, "redemptions", wrong["id"]) == wrong
    audit = store.rows("SELECT action, table_name FROM audit WHERE table_name IN ('redemptions', 'shop_goods') "
                       "ORDER BY id DESC LIMIT 2")
    assert {(a["action"], a["table_name"]) for a in audit} == {("insert", "redemptions"),
                                                               ("reverse-redemption", "shop_goods")}
    listed = {r["id"]: r for r in shop.recent_redemptions(store, 10)}
    assert listed[wrong["id"]]["reversed_by"] == reversal["id"] and listed[reversal["id"]]["reversed_by"] is None
    assert not shop.can_reverse(store, wrong) and not shop.can_reverse(store, reversal)
    refused(store, lambda: shop.reverse_redemption(store, wrong["id"], reason="再来一次"), "已于 .* 作废")
    refused(store, lambda: shop.reverse_redemption(store, reversal["id"], reason="撤销作废"), "本身是一条作废记录")
    for sql in ("UPDATE redemptions SET points = 1 WHERE id = {id}", "DELETE FROM redemptions WHERE id = {id}"):
        with pytest.raises(Exception, match="never"):
            store.conn.execute(sql.format(id=wrong["id"]))
    # Redeemed again, rightly, with the points that came back.
    assert redeem(store, hh, rice, day=JULY)["points"] == 30


def test_several_goods_at_once_in_one_transaction(store, village, rice):
    hh = village["HH001"]
    approved(store, hh, VILLAGE_HONOUR, JULY, quantity=10)  # 50 points
    soap = shop.add_goods(store, name="洗衣粉", price=10, stock=1)
    basket = shop.redeem_items(store, household_id=hh["id"], items=[(rice["id"], 1), (soap["id"], 1)], day=JULY,
                               note="两件")
    assert [(r["goods_id"], r["quantity"], r["points"]) for r in basket] == [(rice["id"], 1, 30), (soap["id"], 1, 10)]
    assert len({r["basket"] for r in basket}) == 1 and shop.balance(store, hh["id"]) == 10
    # All or nothing: the soap is out of stock, so the rice is not taken either.
    refused(store, lambda: shop.redeem_items(store, household_id=hh["id"], items=[(rice["id"], 0)]), "兑换数量",
            "quantity")
    approved(store, hh, VILLAGE_HONOUR, JULY, quantity=10)
    refused(store, lambda: shop.redeem_items(store, household_id=hh["id"], items=[(rice["id"], 1), (soap["id"], 1)]),
            "库存只有 0 件", "quantity")
    refused(store, lambda: shop.redeem_items(store, household_id=hh["id"], items=[(rice["id"], 1), (rice["id"], 2)]),
            "需要 90 分", "quantity")  # the same goods twice add up, checked against the balance whole
    refused(store, lambda: shop.redeem_items(store, household_id=hh["id"], items=[]), "至少添加一件", "goods")


def test_the_standing_uses_the_rankings_words_and_figures(store, village):
    hh = village["HH001"]
    approved(store, hh, VILLAGE_HONOUR, JULY, quantity=4)
    earned, score = shop.standing(store, hh["id"], JULY)
    standing = next(s for s in ranking.ranking(store, "2026-Q3") if s.household_id == hh["id"])
    assert (earned, score) == (standing.points, standing.score) == (20, 120)
