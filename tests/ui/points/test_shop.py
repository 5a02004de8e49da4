"""The points shop tab and the redeem dialog: several goods at once, the ranking's words, and voiding a
wrong redemption.  Real widgets over a real database (qtbot)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.helpers.ui import when_modal
from tests.ui.points.test_page import TODAY, _approve_all, _hid, _ok, _pick, _rule, _window, _yes, village
from villagedesk import clock
from villagedesk.core.points import ledger, ranking, shop
from villagedesk.ui.points.dialogs import RedeemDialog

pytestmark = pytest.mark.usefixtures("vd_app")
village = village  # the fixture, shared with the page's tests


@pytest.fixture(autouse=True)
def _today():
    clock.set(TODAY)  # 2026-08-20, in 2026-Q3


def _earned(store, code: str) -> int:
    """The household earns 20 points this quarter (房前屋后干净整洁 twice, +10 each), approved."""
    household = _hid(store, code)
    ledger.record_entry(store, household_id=household, rule_id=_rule(store, "房前屋后干净整洁"), day=TODAY,
                        quantity=2)
    _approve_all(store)
    return household


def test_the_redeem_dialog_speaks_of_points_earned_and_score_as_the_ranking_does(qtbot, village):
    _earned(village, "HH001")
    goods = shop.add_goods(village, name="食用油", price=10, stock=5)
    standing = next(s for s in ranking.ranking(village, "2026-Q3") if s.code == "HH001")
    dialog = RedeemDialog(village, goods["id"])
    qtbot.addWidget(dialog)
    _pick(dialog.picker, "HH001")
    # The ranking lists +20 under 得分 and 120 under 总分: the dialog says the same.
    assert (standing.points, standing.score) == (20, 120)
    assert "本期得分 +20 分，总分 120 分" in dialog.balance.text()


def test_several_goods_are_redeemed_with_one_confirmation_in_one_transaction(qtbot, village):
    household = _earned(village, "HH001")  # 20 redeemable
    oil = shop.add_goods(village, name="食用油", price=5, stock=5)
    soap = shop.add_goods(village, name="洗衣粉", price=8, stock=5)
    dialog = RedeemDialog(village, oil["id"])
    qtbot.addWidget(dialog)
    dialog.show()
    _pick(dialog.picker, "HH001")
    dialog.field("quantity").setText("2")
    dialog.form.findChild(type(dialog.item_buttons["remove_item"]), "add_item").click()
    dialog.field("goods").setCurrentIndex(dialog.field("goods").findData(soap["id"]))
    assert [(r["goods"], r["quantity"], r["points"]) for r in dialog.basket.rows()] == [("食用油", 2, 10)]
    assert "18 分" in dialog.balance.text()  # the list and the goods still chosen
    asked = []

    def confirm(box):
        asked.append(box.text())
        _yes(box)

    when_modal(confirm)
    _ok(dialog)
    assert not dialog.isVisible() and len(asked) == 1
    assert "食用油 × 2" in asked[0] and "洗衣粉 × 1" in asked[0] and "共用去 18 分" in asked[0]
    rows = village.rows("SELECT goods_id, quantity, points, basket FROM redemptions ORDER BY id")
    assert [(r["goods_id"], r["quantity"], r["points"]) for r in rows] == [(oil["id"], 2, 10), (soap["id"], 1, 8)]
    assert rows[0]["basket"] == rows[1]["basket"] and shop.balance(village, household) == 2


def test_no_question_when_core_refuses_and_nothing_written_when_the_clerk_says_no(qtbot, village, monkeypatch):
    _earned(village, "HH001")  # 20 redeemable
    oil = shop.add_goods(village, name="食用油", price=30, stock=5)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    dialog = RedeemDialog(village, oil["id"])
    qtbot.addWidget(dialog)
    _pick(dialog.picker, "HH001")
    _ok(dialog)
    assert asked == [] and "只有 20 分" in dialog.error_label.text()
    dialog.field("goods").setCurrentIndex(-1)
    cheap = shop.add_goods(village, name="肥皂", price=5, stock=5)
    dialog2 = RedeemDialog(village, cheap["id"])
    qtbot.addWidget(dialog2)
    _pick(dialog2.picker, "HH001")
    _ok(dialog2)
    assert len(asked) == 1 and village.scalar("SELECT count(*) FROM redemptions") == 0


@pytest.mark.slow
def test_a_wrong_redemption_is_voided_from_the_shop_tab(qtbot, village):
    household = _earned(village, "HH001")
    oil = shop.add_goods(village, name="食用油", price=10, stock=5)
    wrong = shop.redeem(village, household_id=household, goods_id=oil["id"], quantity=2)
    window, page = _window(qtbot, village)
    page.tabs.setCurrentIndex(6)
    tab = page.shop
    tab.redemptions_view.selectRow(0)
    assert tab.buttons["void"].isEnabled()

    def void(d):
        d.field("reason").setCurrentText("登记错了户")
        _ok(d)

    when_modal(void)
    tab.buttons["void"].click()
    rows = tab.redemptions.rows()
    assert [(r["code"], r["quantity"], r["points"]) for r in rows] == [
        (f"DH{wrong['id'] + 1:06d}", -2, -20), (f"DH{wrong['id']:06d}", 2, 20)]
    assert "登记错了户" in rows[0]["note"]
    assert shop.balance(village, household) == 20 and tab.goods.record(0)["stock"] == 5
    for row in range(2):  # both greyed; neither can be voided again, a reversal has no slip
        tab.redemptions_view.selectRow(row)
        assert not tab.buttons["void"].isEnabled()
    tab.redemptions_view.selectRow(0)
    assert not tab.buttons["print_slip"].isEnabled(), "the reversal has no slip of its own"
