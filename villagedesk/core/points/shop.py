"""The points shop (积分超市): goods with a price in points and a stock count.

A household spends only redeemable points: approved points (the base too, when
the scheme says so), less what it already redeemed — never below zero — and
only while its score for the current period is at or above the pass line.

Several goods are redeemed at once as one basket (one transaction: all or none).
A wrong redemption is voided by a reversal (docs/DOMAIN.md §2.4), never changed or
deleted: a row of its own with the quantity and points negated, dated on the day of
the redemption it voids, so the points come back to that period's balance, every
sum over redemptions nets it out, and the goods go back into stock.
"""

from __future__ import annotations

from datetime import date

from villagedesk import clock
from villagedesk.core.common import codes, periods, records
from villagedesk.core.common.checks import allowed
from villagedesk.core.common.dates import parse_date
from villagedesk.core.points import messages
from villagedesk.core.points.ledger import EntryStatus
from villagedesk.core.points.ranking import base_for
from villagedesk.core.points.rules import get_scheme
from villagedesk.core.register.people import head_name_sql
from villagedesk.errors import UserError
from villagedesk.store import Store


def _int(value, what: str, field: str, low: int) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise UserError(messages.NOT_INTEGER.format(what=what), field=field) from None
    if number < low:
        raise UserError(messages.TOO_SMALL.format(what=what, low=low), field=field)
    return number


def add_goods(store: Store, *, name: str, price, stock) -> dict:
    name = (name or "").strip()
    if not name:
        raise UserError(messages.GOODS_NAME_MISSING, field="name")
    return records.insert(store, "shop_goods", {"name": name, "price": _int(price, "兑换所需积分", "price", 1),
                                                "stock": _int(stock, "库存", "stock", 0), "archived": 0})


def restock(store: Store, goods_id: int, added) -> dict:
    goods = records.get(store, "shop_goods", goods_id)
    if goods is None:
        raise UserError(messages.NO_SUCH_GOODS)
    return records.update(store, "shop_goods", goods_id,
                          {"stock": goods["stock"] + _int(added, "入库数量", "stock", 1)}, action="restock")


def balance(store: Store, household_id: int, day: date | None = None) -> int:
    """Redeemable points on ``day``: within the current period when points reset, else ever.

    Points count once earned (up to ``day``); spending counts whenever it happened in
    the period, so a back-dated redemption cannot spend points a later one spent.
    """
    day = day or clock.today()
    scheme = get_scheme(store)
    period = periods.of(day, scheme.period_kind)
    first = period.start.isoformat() if scheme.reset_each_period else "0000-01-01"
    last = period.end.isoformat() if scheme.reset_each_period else "9999-12-31"
    earned = store.scalar("SELECT coalesce(sum(points), 0) FROM point_entries WHERE household_id = ? "
                          "AND status = ? AND entry_date BETWEEN ? AND ?",
                          (household_id, EntryStatus.APPROVED, first, day.isoformat()))
    spent = store.scalar("SELECT coalesce(sum(points), 0) FROM redemptions WHERE household_id = ? "
                         "AND redeemed_on BETWEEN ? AND ?", (household_id, first, last))
    base = base_for(scheme, period) if scheme.base_redeemable else 0
    return base + earned - spent


def balance_after(store: Store, redemption_id: int) -> int:
    """Redeemable points left right after redemption ``redemption_id``, as the ledger stands now.

    What a slip prints: earned up to the redemption's day, less this redemption
    and those before it (by day, then by the order they were recorded).
    """
    redemption = records.get(store, "redemptions", redemption_id)
    if redemption is None:
        raise UserError(messages.NO_SUCH_REDEMPTION)
    scheme = get_scheme(store)
    day = date.fromisoformat(redemption["redeemed_on"])
    period = periods.of(day, scheme.period_kind)
    first = period.start.isoformat() if scheme.reset_each_period else "0000-01-01"
    earned = store.scalar("SELECT coalesce(sum(points), 0) FROM point_entries WHERE household_id = ? "
                          "AND status = ? AND entry_date BETWEEN ? AND ?",
                          (redemption["household_id"], EntryStatus.APPROVED, first, day.isoformat()))
    spent = store.scalar("SELECT coalesce(sum(points), 0) FROM redemptions WHERE household_id = ? "
                         "AND redeemed_on >= ? AND (redeemed_on < ? OR (redeemed_on = ? AND id <= ?))",
                         (redemption["household_id"], first, day.isoformat(), day.isoformat(), redemption_id))
    base = base_for(scheme, period) if scheme.base_redeemable else 0
    return base + earned - spent


def score_now(store: Store, household_id: int, day: date) -> int:
    """总分 of the household in the scheme period of ``day``: the base plus 得分 (see :func:`standing`)."""
    return standing(store, household_id, day)[1]


def standing(store: Store, household_id: int, day: date) -> tuple[int, int]:
    """(得分, 总分) of the household in the scheme period of ``day``, as the ranking shows them
    (+61 / 161): the approved points of the period, and the base plus those."""
    scheme = get_scheme(store)
    period = periods.of(day, scheme.period_kind)
    earned = store.scalar("SELECT coalesce(sum(points), 0) FROM point_entries WHERE household_id = ? "
                          "AND status = ? AND entry_date BETWEEN ? AND ?",
                          (household_id, EntryStatus.APPROVED, period.start.isoformat(), period.end.isoformat()))
    return earned, base_for(scheme, period) + earned


def basket_items(store: Store, items) -> list[tuple[dict, int]]:
    """[(goods row, quantity)] of ``items`` [(goods_id, quantity)], the same goods added up, in order."""
    wanted: dict[int, int] = {}
    for goods_id, quantity in items:
        goods = records.get(store, "shop_goods", goods_id) if goods_id else None
        if goods is None or goods["archived"]:
            raise UserError(messages.REDEEM_GOODS_MISSING, field="goods")
        wanted[goods["id"]] = wanted.get(goods["id"], 0) + _int(quantity, "兑换数量", "quantity", 1)
    if not wanted:
        raise UserError(messages.REDEEM_NOTHING, field="goods")
    return [(records.get_existing(store, "shop_goods", goods_id), quantity) for goods_id, quantity in wanted.items()]


def check_redeem(store: Store, *, household_id: int, items, day=None) -> tuple[dict, date, list[tuple[dict, int]]]:
    """Refuse, with the first thing to put right, unless :func:`redeem_items` would redeem ``items`` now
    (the window asks it before the clerk confirms).  Returns (household, day, [(goods, quantity)])."""
    when = parse_date(day) if day else clock.today()
    if when is None:
        raise UserError(messages.REDEEM_DATE_MISSING, field="date")
    if when > clock.today():
        raise UserError(messages.REDEEM_DATE_IN_FUTURE, field="date")
    household = records.get(store, "households", household_id) if household_id else None
    if household is None:
        raise UserError(messages.REDEEM_HOUSEHOLD_MISSING, field="household")
    if household["archived"]:
        raise UserError(messages.REDEEM_HOUSEHOLD_ARCHIVED.format(code=household["code"]), field="household")
    basket = basket_items(store, items)
    scheme = get_scheme(store)
    score = score_now(store, household["id"], when)
    if not scheme.passes(score):
        raise UserError(messages.REDEEM_BELOW_PASS_LINE.format(
            code=household["code"], score=score, pass_line=scheme.pass_line))
    cost = sum(goods["price"] * quantity for goods, quantity in basket)
    have = balance(store, household["id"], when)
    if cost > have:
        raise UserError(messages.REDEEM_NOT_ENOUGH_POINTS.format(
            cost=cost, code=household["code"], have=max(have, 0)), field="quantity")
    for goods, quantity in basket:
        if quantity > goods["stock"]:
            raise UserError(messages.REDEEM_OUT_OF_STOCK.format(
                name=goods["name"], stock=goods["stock"]), field="quantity")
    return household, when, basket


def redeem_items(store: Store, *, household_id: int, items, day=None, note: str = "") -> list[dict]:
    """Redeem several goods at once: ``items`` is [(goods_id, quantity)].  One transaction — every
    item or none — checked as a whole (:func:`check_redeem`): the pass line, the balance against
    the total cost, each item's stock.  Returns the rows written, which share one ``basket``."""
    with store.atomic():
        household, when, basket = check_redeem(store, household_id=household_id, items=items, day=day)
        uid = records.new_uid()
        written = []
        for goods, quantity in basket:
            records.update(store, "shop_goods", goods["id"], {"stock": goods["stock"] - quantity}, action="redeem")
            written.append(records.insert(store, "redemptions", {
                "household_id": household["id"], "goods_id": goods["id"], "quantity": quantity,
                "points": goods["price"] * quantity, "redeemed_on": when.isoformat(), "note": (note or "").strip(),
                "reverses_id": None, "reason": "", "basket": uid}))
        return written


def redeem(store: Store, *, household_id: int, goods_id: int, quantity=1, day=None, note: str = "") -> dict:
    """Redeem ``quantity`` of one goods (:func:`redeem_items` with one item); returns the row."""
    return redeem_items(store, household_id=household_id, items=[(goods_id, quantity)], day=day, note=note)[0]


def _check_reversible(store: Store, redemption: dict) -> None:
    code = codes.REDEMPTION(redemption["id"])
    if redemption["reverses_id"] is not None:
        raise UserError(messages.VOID_A_VOIDING.format(code=code))
    voided = store.row("SELECT created_at FROM redemptions WHERE reverses_id = ?", (redemption["id"],))
    if voided is not None:
        raise UserError(messages.VOID_ALREADY.format(code=code, day=voided["created_at"][:10]))


def can_reverse(store: Store, redemption: dict) -> bool:
    """Whether :func:`reverse_redemption` would void ``redemption`` (a row of redemptions)."""
    return allowed(_check_reversible, store, redemption)


def reverse_redemption(store: Store, redemption_id: int, *, reason: str) -> dict:
    """Void a wrong redemption: a reversal row (see the module), the goods back in stock, audited.
    Refused for a reversal, for a redemption already voided, and without a reason."""
    reason = (reason or "").strip()
    with store.atomic():
        redemption = records.get(store, "redemptions", redemption_id) if redemption_id else None
        if redemption is None:
            raise UserError(messages.NO_SUCH_REDEMPTION)
        _check_reversible(store, redemption)
        if not reason:
            raise UserError(messages.VOID_REASON_MISSING, field="reason")
        goods = records.get_existing(store, "shop_goods", redemption["goods_id"])
        records.update(store, "shop_goods", goods["id"], {"stock": goods["stock"] + redemption["quantity"]},
                       action="reverse-redemption")
        return records.insert(store, "redemptions", {
            "household_id": redemption["household_id"], "goods_id": goods["id"],
            "quantity": -redemption["quantity"], "points": -redemption["points"],
            "redeemed_on": redemption["redeemed_on"],
            "note": messages.VOID_NOTE.format(code=codes.REDEMPTION(redemption["id"])),
            "reverses_id": redemption["id"], "reason": reason, "basket": None})


def goods_on_offer(store: Store) -> list[dict]:
    """The goods that can be redeemed (not archived), by name."""
    return store.rows("SELECT * FROM shop_goods WHERE archived = 0 ORDER BY name")


def recent_redemptions(store: Store, limit: int) -> list[dict]:
    """The latest ``limit`` redemptions, newest first (a reversal, dated as what it voids, just above
    it), with the goods' name (``goods``), the household's code, its head's name, and ``reversed_by`` (the id of the
    reversal that voided it, else None)."""
    return store.rows(
        "SELECT d.*, g.name AS goods, h.code AS household_code, v.id AS reversed_by, "
        f"{head_name_sql('h.id', former='first')} AS head_name "
        "FROM redemptions d JOIN shop_goods g ON g.id = d.goods_id JOIN households h ON h.id = d.household_id "
        "LEFT JOIN redemptions v ON v.reverses_id = d.id "
        "ORDER BY d.redeemed_on DESC, d.id DESC LIMIT ?", (limit,))
