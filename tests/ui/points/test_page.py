"""The points page driven with qtbot over a real database: record, review, ledger, ranking, shop."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QPushButton

from tests.helpers import WAIT, WAIT_MS
from tests.helpers.ui import PreviewRecorder, when_modal
from villagedesk import clock
from villagedesk.core.points import ledger, lists, ranking, rules, shop
from villagedesk.core.register import people
from villagedesk.ui.main_window import MainWindow
from villagedesk.ui.points.dialogs import EntryForm, RedeemDialog

pytestmark = pytest.mark.usefixtures("vd_app")

TODAY = date(2026, 8, 20)  # in 2026-Q3


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    clock.set(TODAY)


@pytest.fixture
def village(profiled_store):
    """Four households in two groups under the default catalogue (in force from 2026-01-01)."""
    store = profiled_store
    for code, group, head in (("HH001", "第一组", "张三"), ("HH002", "第一组", "李四"),
                              ("HH003", "第二组", "王五"), ("HH004", "第二组", "赵六")):
        household = people.add_household(store, code=code, group_name=group)
        people.add_person(store, household["id"], name=head, relation="户主")
    rules.install_default_catalogue(store, date(2026, 1, 1))
    return store


def _hid(store, code: str) -> int:
    return store.scalar("SELECT id FROM households WHERE code = ?", (code,))


def _rule(store, item: str) -> int:
    """The current rule whose item starts with ``item``."""
    found = store.rows("SELECT id FROM point_rules WHERE item LIKE ? || '%' AND valid_to IS NULL", (item,))
    assert len(found) == 1, f"{item!r} names {len(found)} rules"
    return found[0]["id"]


def _entries(store) -> list[dict]:
    return store.rows("SELECT e.*, h.code FROM point_entries e JOIN households h ON h.id = e.household_id "
                      "ORDER BY e.id")


def _window(qtbot, store):
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.nav.setCurrentRow(3)  # after home, households and committee
    assert window.pages.currentWidget() is window.points
    return window, window.points


def _ok(dialog):
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()


def _ok_last(dialog):
    """OK in a flow's last step: a dialog that refused the input is closed, so the test fails at once."""
    _ok(dialog)
    if dialog.isVisible():
        text = dialog.error_label.text()
        dialog.reject()
        raise AssertionError(f"the dialog refused: {text}")


def _yes(box):
    box.button(QMessageBox.StandardButton.Yes).click()


def _choose_rule(form: EntryForm, category: str, item: str) -> None:
    form.field("category").setCurrentText(category)
    combo: QComboBox = form.field("rule")
    matches = [i for i in range(combo.count()) if combo.itemText(i).startswith(item)]
    assert matches, f"{item} is not offered under {category}"
    combo.setCurrentIndex(matches[0])


def _pick(picker, text: str) -> None:
    picker.search.setText(text)
    assert picker.model.rowCount() >= 1, f"nothing found for {text!r}"
    picker.view.selectRow(0)


def _standings(page) -> dict[str, tuple]:
    model = page.ranking.standings
    return {r["code"]: (r["rank"], r["points"], r["score"], r["stars"], r["passed"])
            for r in (model.record(i) for i in range(model.rowCount()))}


def _approve_all(store, reviewer="王主任"):
    ids = [r["id"] for r in store.rows("SELECT id FROM point_entries WHERE status = 'pending' ORDER BY id")]
    ledger.approve(store, ids, reviewer)


# --- record, review, rank -------------------------------------------------------------

@pytest.mark.slow
def test_batch_entry_then_approve_in_review_changes_the_ranking(qtbot, village):
    window, page = _window(qtbot, village)
    page.tabs.setCurrentIndex(3)
    assert set(_standings(page).values()) == {(1, 0, 100, 1, True)}, "no approved points yet: all tie"

    page.tabs.setCurrentIndex(0)
    seen = {}

    def batch(d):
        group: QComboBox = d.field("group")
        group.setCurrentText("第一组")
        d.form.findChild(QPushButton, "tick_group").click()  # HH001 张三, HH002 李四
        d.picker.search.setText("王五")
        d.picker.model.setData(d.picker.model.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
        _choose_rule(d, "公益参与", "参加义务劳动")
        d.field("quantity").setText("2")
        seen["hint"] = d.form.findChild(QLabel, "rule_hint").text()
        seen["preview"] = d.form.findChild(QLabel, "points_preview").text()
        seen["chosen"] = d.picker.chosen_label.text()
        _ok_last(d)

    titles = when_modal(batch)
    page.entry.buttons["batch_entry"].click()
    assert titles and "批量" in titles[0]
    assert "+5" in seen["hint"] and "每人每次" in seen["hint"] and "30" in seen["hint"]
    assert "+10" in seen["preview"] and "3" in seen["preview"]
    assert "张三" in seen["chosen"] and "王五" in seen["chosen"]
    entries = _entries(village)
    assert [(e["code"], e["points"], e["quantity"], e["status"], e["entry_date"]) for e in entries] == [
        (code, 10, 2, "pending", TODAY.isoformat()) for code in ("HH001", "HH002", "HH003")]
    assert "3" in page.tabs.tabText(1)
    assert page.entry.recent.rowCount() == 3
    assert window.statusBar().currentMessage() == "已登记 3 条，等待审核。"  # said without a box (#18)

    # 审核: every pending entry, approved at once by the clerk named in the profile.
    page.tabs.setCurrentIndex(1)
    review = page.review
    assert review.model.rowCount() == 3
    assert not review.buttons["approve"].isEnabled()
    review.buttons["select_all"].click()
    assert review.selected_ids() == [e["id"] for e in entries]
    reviewer = []
    when_modal(lambda d: (reviewer.append(d.field("reviewer").currentText()), _ok(d)))
    review.buttons["approve"].click()
    assert review.job is not None and review.job.wait()
    assert review.job.state == "done"
    assert reviewer == ["李文书"]
    approved = village.rows("SELECT status, reviewer, seq FROM point_entries ORDER BY id")
    assert approved == [{"status": "approved", "reviewer": "李文书", "seq": n} for n in (1, 2, 3)]
    assert ledger.chain_problems(village) == []
    assert review.model.rowCount() == 0
    assert window.statusBar().currentMessage() == "已审核通过 3 条。"
    assert page.tabs.tabText(1) == "审核"

    page.tabs.setCurrentIndex(3)
    assert _standings(page) == {"HH001": (1, 10, 110, 2, True), "HH002": (1, 10, 110, 2, True),
                                "HH003": (1, 10, 110, 2, True), "HH004": (4, 0, 100, 1, True)}
    assert [page.ranking.red.record(i)["code"] for i in range(page.ranking.red.rowCount())] == \
        ["HH001", "HH002", "HH003"]
    page.ranking.group.setCurrentText("第二组")
    assert _standings(page) == {"HH003": (1, 10, 110, 2, True), "HH004": (2, 0, 100, 1, True)}


def test_reject_selected_with_a_reason(qtbot, village):
    for code in ("HH001", "HH002"):
        ledger.record_entry(village, household_id=_hid(village, code), rule_id=_rule(village, "乱倒垃圾"),
                            day=TODAY)
    window, page = _window(qtbot, village)
    page.tabs.setCurrentIndex(1)
    review = page.review
    review.view.selectRow(1)  # HH002 only

    def refuse_then_reject(d):
        d.field("reason").setCurrentText("")
        _ok(d)
        assert d.isVisible() and "理由" in d.error_label.text()
        d.field("reason").setCurrentText("重复登记")
        _ok_last(d)

    when_modal(refuse_then_reject)
    review.buttons["reject"].click()
    assert review.job.wait()
    rows = village.rows("SELECT h.code, e.status, e.reject_reason FROM point_entries e "
                        "JOIN households h ON h.id = e.household_id ORDER BY e.id")
    assert rows == [{"code": "HH001", "status": "pending", "reject_reason": ""},
                    {"code": "HH002", "status": "rejected", "reject_reason": "重复登记"}]
    assert review.model.rowCount() == 1


# --- refused entries ----------------------------------------------------------------------

def test_entry_over_the_cap_or_for_an_archived_household_is_refused_inline(qtbot, village):
    window, page = _window(qtbot, village)
    form = page.entry.form
    assert form.isVisibleTo(page)
    qtbot.keyClicks(form.picker.search, "zs")  # pinyin initials of 张三
    assert form.picker.model.rowCount() == 1
    form.picker.view.selectRow(0)
    assert form.picker.household_id == _hid(village, "HH001")
    _choose_rule(form, "公益参与", "参加屋场会")  # +2 each, at most 10 a period
    form.field("quantity").setText("6")
    assert "+12" in form.preview.text()
    form.buttons.button(form.buttons.StandardButton.Ok).click()
    assert form.error_label.isVisibleTo(form)
    assert "最多 10 分" in form.error_label.text()
    assert form.field("quantity").styleSheet(), "the quantity is marked"
    assert _entries(village) == []

    # The household chosen is archived meanwhile (e.g. in the register tab).
    form.field("quantity").setText("5")
    _pick(form.picker, "HH004")
    people.archive_household(village, _hid(village, "HH004"), "整户迁出")
    form.buttons.button(form.buttons.StandardButton.Ok).click()
    assert "已归档" in form.error_label.text()
    assert _entries(village) == []

    # A good entry saves, and the form is ready for the next one with the same item.
    _pick(form.picker, "HH001")
    assert "0" in form.preview.text() and "10" in form.preview.text()
    form.buttons.button(form.buttons.StandardButton.Ok).click()
    assert not form.error_label.isVisibleTo(form)
    assert [(e["code"], e["points"], e["status"]) for e in _entries(village)] == [("HH001", 10, "pending")]
    assert "张三" in form.done_label.text() and "+10" in form.done_label.text()
    assert form.picker.household_id is None and form.field("quantity").text() == "1"
    assert form.field("rule").currentText().startswith("参加屋场会")
    assert page.entry.recent.rowCount() == 1
    # The cap now counts what is recorded: one more point would be too many.
    _pick(form.picker, "HH001")
    assert "10" in form.preview.text()
    form.field("quantity").setText("1")
    form.buttons.button(form.buttons.StandardButton.Ok).click()
    assert "最多还能记 0 分" in form.error_label.text()
    assert len(_entries(village)) == 1


def test_rule_not_in_force_on_the_date_is_not_offered(qtbot, village):
    form = EntryForm(village, embedded=False)
    qtbot.addWidget(form)
    assert form.field("category").count() > 0
    form.field("date").setText("2025-12-31")  # before the catalogue
    assert form.field("category").count() == 0
    assert "没有" in form.rule_hint.text() or "细则" in form.rule_hint.text()
    form.field("date").setText("2026-03-01")
    assert form.field("category").count() > 0


# --- reversing ------------------------------------------------------------------------------

@pytest.mark.slow
def test_reverse_an_approved_entry_from_the_ledger(qtbot, village):
    entry = ledger.record_entry(village, household_id=_hid(village, "HH002"), rule_id=_rule(village, "焚烧秸秆"),
                                day=TODAY)
    _approve_all(village)
    window, page = _window(qtbot, village)
    page.tabs.setCurrentIndex(2)
    tab = page.ledger
    assert tab.model.rowCount() == 1
    tab.view.selectRow(0)
    assert tab.buttons["reverse"].isEnabled()

    def reverse(d):
        assert "+5" in d.form.findChild(QLabel, "explanation").text()
        d.field("reason").setCurrentText("登记错误：当天是邻居焚烧")
        _ok_last(d)

    when_modal(reverse)
    tab.buttons["reverse"].click()
    rows = _entries(village)
    assert len(rows) == 2
    reversal = rows[1]
    assert (reversal["reverses_id"], reversal["points"], reversal["status"], reversal["reverse_reason"]) == \
        (entry["id"], 5, "pending", "登记错误：当天是邻居焚烧")
    assert tab.model.rowCount() == 2
    shown = {tab.model.record(i)["_id"]: tab.model.record(i) for i in range(2)}
    assert shown[entry["id"]]["reversed_by"] == reversal["id"]
    tab.view.selectRow(1)
    assert tab.model.record(1)["_id"] == reversal["id"]
    assert not tab.buttons["reverse"].isEnabled(), "a reversal is not reversed again"

    # Once the reversal is approved the household is back where it started.
    _approve_all(village)
    assert {s.code: s.points for s in ranking.ranking(village, "2026-Q3")}["HH002"] == 0


# --- posting and locking ----------------------------------------------------------------------

@pytest.mark.slow
def test_post_and_lock_a_period_then_an_entry_into_it_is_refused_inline(qtbot, village, boxes, monkeypatch):
    from villagedesk.ui.kit import print_preview

    previews = PreviewRecorder()
    monkeypatch.setattr(print_preview, "PrintPreviewDialog", previews)
    ledger.record_entry(village, household_id=_hid(village, "HH001"), rule_id=_rule(village, "参与调解矛盾纠纷"),
                        day="2026-05-10")
    window, page = _window(qtbot, village)
    page.tabs.setCurrentIndex(3)
    tab = page.ranking
    tab.period.setCurrentIndex(tab.period.findData("2026-Q2"))
    assert tab.buttons["post"].isEnabled() and not tab.buttons["lock"].isEnabled()

    when_modal(_yes)
    tab.buttons["post"].click()
    assert boxes and "待审核" in boxes[-1][2], "pending points keep a period from being posted"
    assert ledger.period_state(village, "2026-Q2")["status"] == "open"
    _approve_all(village)

    when_modal(_yes)
    tab.buttons["post"].click()
    state = ledger.period_state(village, "2026-Q2")
    assert (state["status"], state["posted_on"], state["objection_until"]) == ("posted", "2026-08-20", "2026-08-26")
    tab.job.wait()  # posting puts the board up: it is printed at once
    qtbot.waitUntil(lambda: bool(previews), timeout=WAIT_MS)
    assert "公示期：2026年8月20日至2026年8月26日（共 7 天）" in previews[0][0] and previews[0][1].endswith("2026-Q2-A4.pdf")
    assert "2026-08-26" in tab.state.text()
    assert tab.buttons["lock"].isEnabled() and tab.buttons["record_objection"].isEnabled()

    # An objection in the posting period keeps it from being locked until it is resolved.
    def objection(d):
        _pick(d.picker, "HH001")
        assert d.field("entry").count() == 1
        d.field("raised_by").setText("李大伯")
        d.field("content").setText("那天他不在村里")
        _ok_last(d)

    when_modal(objection)
    tab.buttons["record_objection"].click()
    assert tab.objections.rowCount() == 1 and "1" in tab.side.tabText(3)
    when_modal(_yes)
    tab.buttons["lock"].click()
    assert "异议" in boxes[-1][2]
    assert ledger.period_state(village, "2026-Q2")["status"] == "posted"
    tab.objections_view.selectRow(0)
    when_modal(lambda d: (d.field("resolution").setText("经核实当天在村调解，异议不成立"), _ok_last(d)))
    tab.buttons["resolve_objection"].click()
    assert village.scalar("SELECT status FROM point_objections") == "dismissed"

    when_modal(_yes)
    tab.buttons["lock"].click()
    assert ledger.period_state(village, "2026-Q2")["status"] == "locked"
    assert tab.buttons["unlock"].isEnabled() and not tab.buttons["post"].isEnabled()
    assert "已锁定" in tab.period.currentText()

    page.tabs.setCurrentIndex(0)
    form = page.entry.form
    form.field("date").setText("2026-05-20")
    _pick(form.picker, "HH002")
    _choose_rule(form, "平安建设", "参与调解矛盾纠纷")
    before = len(_entries(village))
    form.buttons.button(form.buttons.StandardButton.Ok).click()
    assert form.error_label.isVisibleTo(form)
    assert "锁定" in form.error_label.text()
    assert len(_entries(village)) == before

    # Unlocked with a reason, the entry goes in.
    page.tabs.setCurrentIndex(3)
    tab.period.setCurrentIndex(tab.period.findData("2026-Q2"))
    when_modal(lambda d: (d.field("reason").setCurrentText("登记有误需要补正"), _ok_last(d)))
    tab.buttons["unlock"].click()
    assert ledger.period_state(village, "2026-Q2")["status"] == "posted"
    page.tabs.setCurrentIndex(0)
    form.field("date").setText("2026-05-20")
    _pick(form.picker, "HH002")
    _choose_rule(form, "平安建设", "参与调解矛盾纠纷")
    form.buttons.button(form.buttons.StandardButton.Ok).click()
    assert not form.error_label.isVisibleTo(form)
    assert len(_entries(village)) == before + 1


# --- a large ledger ------------------------------------------------------------------------------

def _bulk_pending(store, count: int, day_of=lambda n: f"2026-07-{n % 28 + 1:02d}") -> None:
    """``count`` pending entries written straight into the table (a test's shortcut, not the program's)."""
    households = [r["id"] for r in store.rows("SELECT id FROM households ORDER BY id")]
    rule = _rule(store, "志愿清扫公共区域")
    stamp = "2026-08-01T00:00:00"
    rows = [(str(uuid.uuid4()), stamp, stamp, households[n % len(households)], rule, day_of(n), "2026-Q3",
             1, 5, "clerk", "pending") for n in range(count)]
    with store.atomic():
        store.conn.executemany(
            "INSERT INTO point_entries (uid, created_at, updated_at, household_id, rule_id, entry_date, period, "
            "quantity, points, recorded_by, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


@pytest.mark.slow
def test_ledger_pages_read_from_the_far_end_match_the_pages_read_forward(village):
    """Deep pages are read backwards from the end: they must be the very rows a forward read gives."""
    _bulk_pending(village, 12_345)
    ledger.approve(village, list(range(1, 4000)), "王主任")
    query = lists.LEDGER
    for text, status in (("", None), ("", "approved"), ("", "pending"), ("HH002", None)):
        extra, params = lists.ledger_status(status)
        total = query.count(village, text, extra=extra, params=params)
        for descending in (False, True):
            forward = [r["_id"] for r in query.fetch(village, text, descending=descending, extra=extra,
                                                        params=params)]
            assert len(forward) == total
            for offset in (0, 6_200, 10_001, total - 200, total - 37, total - 1, total):
                page = query.fetch(village, text, descending=descending, offset=offset, limit=200, extra=extra,
                                   params=params)
                assert [r["_id"] for r in page] == forward[offset:offset + 200], (text, status, offset)
    # Sorted by a looked-up column the pages still line up.
    by_head = [r["_id"] for r in query.fetch(village, order="head_name")]
    assert [r["_id"] for r in query.fetch(village, order="head_name", offset=12_000, limit=200)] == \
        by_head[12_000:12_200]


@pytest.mark.slow
def test_approving_a_thousand_selected_entries_is_one_job(qtbot, village):
    _bulk_pending(village, 1_000)
    window, page = _window(qtbot, village)
    page.tabs.setCurrentIndex(1)
    review = page.review
    assert review.model.rowCount() == 1_000
    review.buttons["select_all"].click()
    assert "1000" in review.summary.text()
    when_modal(_ok_last)
    review.buttons["approve"].click()
    assert review.job.wait(WAIT)
    assert review.job.state == "done"
    assert village.scalar("SELECT count(*) FROM point_entries WHERE status = 'approved'") == 1_000
    assert village.scalar("SELECT max(seq) FROM point_entries") == 1_000
    assert ledger.chain_problems(village) == []
    assert review.model.rowCount() == 0

@pytest.mark.slow
def test_ledger_jumps_to_the_last_row_of_a_large_ledger_without_reading_it_all(qtbot, village, monkeypatch):
    _bulk_pending(village, 50_000)
    last_id = village.scalar("SELECT max(id) FROM point_entries")

    fetched = []
    real_fetch = lists.LEDGER.fetch.__func__

    def counting(self, store, text="", **kwargs):
        fetched.append(kwargs.get("offset"))
        return real_fetch(self, store, text, **kwargs)

    monkeypatch.setattr(type(lists.LEDGER), "fetch", counting)
    window, page = _window(qtbot, village)
    window.show()
    qtbot.waitExposed(window)
    page.tabs.setCurrentIndex(2)
    tab = page.ledger
    assert tab.model.rowCount() == 50_000
    assert "50000" in tab.summary.text()
    qtbot.wait(50)
    fetched.clear()
    tab.buttons["last_page"].click()
    qtbot.wait(50)
    tab.view.viewport().repaint()
    last = tab.model.rowCount() - 1
    assert tab.model.record_id(last) == last_id
    assert tab.view.rowAt(tab.view.viewport().height() - 2) == last, "the view shows the last row"
    assert 1 <= len(fetched) <= 2, f"jumping to the end read {len(fetched)} pages: {fetched}"
    assert min(o for o in fetched if o is not None) >= 49_000
    # The review queue pages the same way over the 50,000 pending entries.
    assert page.review.model.rowCount() == 50_000


# --- the shop ---------------------------------------------------------------------------------------

@pytest.mark.slow
def test_redeem_in_the_shop_reduces_stock_and_balance_and_prints_the_slip(qtbot, village, monkeypatch):
    from villagedesk.ui.kit import print_preview

    previews = PreviewRecorder()
    monkeypatch.setattr(print_preview, "PrintPreviewDialog", previews)
    household = _hid(village, "HH001")
    ledger.record_entry(village, household_id=household, rule_id=_rule(village, "房前屋后干净整洁"), day=TODAY,
                        quantity=2)  # +20
    _approve_all(village)
    assert shop.balance(village, household) == 20
    window, page = _window(qtbot, village)
    page.tabs.setCurrentIndex(6)
    tab = page.shop

    def goods(d):
        for name, text in (("name", "洗衣粉"), ("price", "15"), ("stock", "10")):
            d.field(name).setText(text)
        _ok_last(d)

    when_modal(goods)
    tab.buttons["add_goods"].click()
    assert tab.goods.rowCount() == 1
    tab.goods_view.selectRow(0)
    balances = []

    def too_much_then_one(d):
        _pick(d.picker, "张三")
        balances.append(d.balance.text())
        d.field("quantity").setText("2")  # 30 points: more than the 20 redeemable
        _ok(d)
        assert d.isVisible()
        balances.append(d.error_label.text())
        d.field("quantity").setText("1")
        when_modal(_yes)  # asked once, now that core would redeem it: yes
        _ok_last(d)

    when_modal(too_much_then_one, _yes)  # and yes, print the slip now
    tab.buttons["redeem"].click()
    tab.job.wait()
    qtbot.waitUntil(lambda: bool(previews), timeout=WAIT_MS)
    code = f"DH{village.scalar('SELECT max(id) FROM redemptions'):06d}"
    text, suggested = previews[0]
    assert suggested.endswith(f"积分兑换单-{code}.pdf") and text.count(code) >= 3  # subtitle and both copies
    assert "存根联" in text and "兑换人联" in text and "洗衣粉" in text and "张三" in text
    assert "兑换前可兑换积分\n20" in text and "兑换后可兑换积分\n5" in text
    assert "20" in balances[0]
    assert "只有 20 分" in balances[1]
    assert village.scalar("SELECT stock FROM shop_goods") == 9
    assert shop.balance(village, household) == 5
    assert tab.goods.record(0)["stock"] == 9
    assert tab.redemptions.rowCount() == 1
    assert (tab.redemptions.record(0)["household_code"], tab.redemptions.record(0)["points"]) == ("HH001", 15)
    assert not tab.buttons["print_slip"].isEnabled()
    tab.redemptions_view.selectRow(0)  # a slip can be printed again later
    tab.buttons["print_slip"].click()
    tab.job.wait()
    qtbot.waitUntil(lambda: len(previews) == 2, timeout=WAIT_MS)
    assert previews[1] == previews[0]

    # The redemption is in the household's statement and its balance.
    page.tabs.setCurrentIndex(4)
    statement = page.statement
    _pick(statement.picker, "HH001")
    lines = statement.lines.rows()
    assert [(line["item"], line["points"], line["balance"]) for line in lines] == [
        ("房前屋后干净整洁，无乱堆乱放", 20, 120), ("洗衣粉", -15, 105)]
    assert "105" in statement.summary.text()


def test_redeem_dialog_refuses_a_household_below_the_pass_line(qtbot, village):
    household = _hid(village, "HH003")
    goods = shop.add_goods(village, name="食用油", price=10, stock=5)
    for _ in range(3):  # -60: score 40, below the pass line of 60
        ledger.record_entry(village, household_id=household, rule_id=_rule(village, "参与赌博"), day=TODAY)
    _approve_all(village)
    dialog = RedeemDialog(village, goods["id"])
    qtbot.addWidget(dialog)
    _pick(dialog.picker, "HH003")
    assert "40" in dialog.balance.text()
    _ok(dialog)
    assert "合格线" in dialog.error_label.text()
    assert village.scalar("SELECT stock FROM shop_goods") == 5


# --- rules and scheme ------------------------------------------------------------------------------

@pytest.mark.slow
def test_rule_catalogue_add_new_version_and_scheme(qtbot, village):
    window, page = _window(qtbot, village)
    page.tabs.setCurrentIndex(5)
    tab = page.rules
    assert not tab.buttons["install_default"].isVisibleTo(tab)
    count = tab.model.rowCount()

    def add(d):
        d.field("category").setCurrentText("公益参与")
        d.field("item").setText("捐资助学")
        d.field("points").setText("0")
        _ok(d)
        assert d.isVisible() and "不能为 0" in d.error_label.text()
        d.field("points").setText("10")
        d.field("cap_per_period").setText("20")
        _ok_last(d)

    when_modal(add)
    tab.buttons["add_rule"].click()
    assert tab.model.rowCount() == count + 1
    added = next(r for r in tab.model.rows() if r["item"] == "捐资助学")
    assert (added["points"], added["unit"], added["cap_per_period"], added["valid_from"]) == \
        (10, "每次", 20, TODAY.isoformat())

    tab.view.selectRow(tab.model.row_of(_rule(village, "乱倒垃圾")))
    when_modal(lambda d: (d.field("points").setText("-10"), d.field("valid_from").setText("2026-09-01"),
                          _ok_last(d)))
    tab.buttons["revise_rule"].click()
    versions = village.rows("SELECT version, points, valid_from, valid_to FROM point_rules "
                            "WHERE item = '乱倒垃圾' ORDER BY version")
    assert versions == [{"version": 1, "points": -5, "valid_from": "2026-01-01", "valid_to": "2026-08-31"},
                        {"version": 2, "points": -10, "valid_from": "2026-09-01", "valid_to": None}]
    tab.history.setChecked(True)
    assert tab.model.rowCount() == count + 2

    def scheme(d):
        assert d.field("period_kind").currentData() == "quarter"
        d.field("star_3").setText("105")  # 100, 110, 105: not rising
        _ok(d)
        assert d.isVisible() and "星级" in d.error_label.text()
        assert d.field("star_1").styleSheet() and d.field("star_5").styleSheet()
        d.field("star_3").setText("120")
        d.field("pass_line").setText("70")
        _ok_last(d)

    when_modal(scheme)
    tab.buttons["scheme"].click()
    assert rules.get_scheme(village).pass_line == 70
    assert "70" in tab.scheme_label.text()


def test_install_default_catalogue_when_empty(qtbot, profiled_store):
    window, page = _window(qtbot, profiled_store)
    page.tabs.setCurrentIndex(5)
    tab = page.rules
    assert tab.buttons["install_default"].isVisibleTo(tab)
    when_modal(_yes)
    tab.buttons["install_default"].click()
    assert tab.model.rowCount() == len(rules.DEFAULT_CATALOGUE)
    assert not tab.buttons["install_default"].isVisibleTo(tab)


# --- printing ----------------------------------------------------------------------------------------

@pytest.mark.slow
def test_print_ranking_builds_the_board_off_the_gui_thread_and_previews_it(qtbot, village, monkeypatch):
    """The wiring only: the board itself is tested with the PDF module (a stand-in module here)."""
    import sys
    import types

    from villagedesk.ui.kit import print_preview

    calls, previews = [], []

    def fake_print(store, path, period_code, *, size="A4", progress=None, **_kw):
        calls.append((period_code, size, store is not village))
        path.write_bytes(b"%PDF-1.4\n")
        return path

    monkeypatch.setitem(sys.modules, "villagedesk.documents.pdf.ranking",
                        types.SimpleNamespace(print_ranking=fake_print))

    class Preview:
        def __init__(self, pdf, parent=None, suggested="", password=None):
            previews.append((pdf, suggested))

        def exec(self):
            return 0

    monkeypatch.setattr(print_preview, "PrintPreviewDialog", Preview)
    window, page = _window(qtbot, village)
    page.tabs.setCurrentIndex(3)
    page.ranking.paper.setCurrentText("A3")
    page.ranking.buttons["print_ranking"].click()
    assert page.ranking.job.wait()
    assert calls == [("2026-Q3", "A3", True)], "printed from its own reader, for the period shown"
    assert previews and previews[0][1] == "油溪桥村-积分排名-2026-Q3-A3.pdf"


def test_print_statement_of_the_chosen_household_and_period(qtbot, village, monkeypatch):
    import sys
    import types

    from villagedesk.ui.kit import print_preview

    calls = []

    def fake_print(store, path, household_code, period_code=None, *, progress=None, **_kw):
        calls.append((household_code, period_code))
        path.write_bytes(b"%PDF-1.4\n")
        return path

    class Preview:
        def __init__(self, pdf, parent=None, suggested="", password=None):
            calls.append(suggested)

        def exec(self):
            return 0

    monkeypatch.setitem(sys.modules, "villagedesk.documents.pdf.statement",
                        types.SimpleNamespace(print_statement=fake_print))
    monkeypatch.setattr(print_preview, "PrintPreviewDialog", Preview)
    window, page = _window(qtbot, village)
    page.tabs.setCurrentIndex(4)
    tab = page.statement
    assert not tab.buttons["print_statement"].isEnabled(), "nothing to print before a household is chosen"
    _pick(tab.picker, "李四")
    tab.period.setCurrentIndex(tab.period.findData("2026"))
    tab.buttons["print_statement"].click()
    assert tab.job.wait()
    assert calls == [("HH002", "2026"), "油溪桥村-积分明细-HH002-2026.pdf"]


def test_period_chooser_lists_scheme_periods_and_years(qtbot, village):
    ledger.record_entry(village, household_id=_hid(village, "HH001"), rule_id=_rule(village, "乱倒垃圾"),
                        day="2026-02-03")
    window, page = _window(qtbot, village)
    page.tabs.setCurrentIndex(3)
    combo = page.ranking.period
    assert [combo.itemData(i) for i in range(combo.count())] == ["2026-Q3", "2026-Q2", "2026-Q1", "2026"]
    assert combo.currentData() == "2026-Q3"
    combo.setCurrentIndex(3)
    assert not page.ranking.buttons["post"].isEnabled(), "a year is posted quarter by quarter"


def test_ledger_search_and_status_filter(qtbot, village):
    ledger.record_entry(village, household_id=_hid(village, "HH001"), rule_id=_rule(village, "乱倒垃圾"),
                        day=TODAY)
    ledger.record_entry(village, household_id=_hid(village, "HH003"), rule_id=_rule(village, "焚烧秸秆"),
                        day="2026-07-02")
    ledger.approve(village, [1], "王主任")
    window, page = _window(qtbot, village)
    page.tabs.setCurrentIndex(2)
    tab = page.ledger
    assert tab.model.rowCount() == 2
    for text, codes in (("ww", ["HH003"]), ("王五", ["HH003"]), ("秸秆", ["HH003"]), ("HH001", ["HH001"]),
                        ("2026-07", ["HH003"]), ("2026-Q3", ["HH001", "HH003"]), ("第一组", ["HH001"])):
        tab.search.setText(text)
        assert [tab.model.record(i)["household_code"] for i in range(tab.model.rowCount())] == codes, text
    tab.search.clear()
    tab.status.setCurrentText("已审核")
    assert [tab.model.record(i)["household_code"] for i in range(tab.model.rowCount())] == ["HH001"]
    tab.status.setCurrentText("待审核")
    assert [tab.model.record(i)["status"] for i in range(tab.model.rowCount())] == ["pending"]


def test_points_models_pass_qt_model_checks(qtmodeltester, qtbot, village):
    ledger.record_entry(village, household_id=_hid(village, "HH001"), rule_id=_rule(village, "乱倒垃圾"),
                        day=TODAY)
    window, page = _window(qtbot, village)
    qtmodeltester.check(page.ledger.model)
    qtmodeltester.check(page.review.model)
    page.tabs.setCurrentIndex(3)
    qtmodeltester.check(page.ranking.standings)



def test_rule_catalogue_export_edit_and_import_from_the_rules_tab(qtbot, village, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog, QPlainTextEdit

    window, page = _window(qtbot, village)
    page.tabs.setCurrentWidget(page.rules)
    out = tmp_path / "细则.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "细则"), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(out), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    page.rules.buttons["export_rules"].click()  # the name typed without .xlsx gets it
    page.rules.job.wait()
    qtbot.waitUntil(lambda: bool(told), timeout=WAIT_MS)
    assert "25" in told[-1] and str(out) in told[-1]
    wb = load_workbook(out)
    ws = wb["积分细则"]
    headers = [c.value for c in ws[1]]
    ws.cell(11, headers.index("分值") + 1).value = 6  # R010 参加义务劳动
    ws.cell(11, headers.index("生效日期") + 1).value = date(2026, 9, 1)
    wb.save(out)
    reports = []

    def accept(dialog):
        reports.append(dialog.findChild(QPlainTextEdit, "problems").toPlainText())
        assert not dialog.import_valid.isVisible()
        dialog.import_all.click()

    when_modal(accept)
    page.rules.buttons["import_rules"].click()
    qtbot.waitUntil(lambda: len(told) == 2, timeout=WAIT_MS)
    assert reports == ["没有发现问题。"] and "1" in told[-1]
    page.rules.history.setChecked(True)
    versions = [page.rules.model.record(i) for i in range(page.rules.model.rowCount())]
    assert [(r["version"], r["points"]) for r in versions if r["rule_key"] == "R010"] == [(1, 5), (2, 6)]


def test_a_year_board_shows_the_quarters_each_household_passed(qtbot, village):
    gambling = _rule(village, "参与赌博")
    entry = ledger.record_entry(village, household_id=_hid(village, "HH002"), rule_id=gambling, day="2026-05-10",
                                quantity=3)
    _approve_all(village)
    assert entry["points"] == -60
    window, page = _window(qtbot, village)
    page.tabs.setCurrentWidget(page.ranking)
    combo = page.ranking.period
    combo.setCurrentIndex(combo.findData("2026"))
    model = page.ranking.standings
    grades = {model.record(i)["code"]: model.data(model.index(i, 7)) for i in range(model.rowCount())}
    assert grades == {"HH001": "4/4", "HH002": "3/4", "HH003": "4/4", "HH004": "4/4"}
    assert "4 户中 3 户各考评期均合格" in page.ranking.state.text()
    combo.setCurrentIndex(combo.findData("2026-Q2"))
    assert model.data(model.index(model.rowCount() - 1, 7)) == "否"
