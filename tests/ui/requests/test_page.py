"""The requests board (民情台账) driven with qtbot over a real database.

Filters, the overdue ones standing out, the counts by outcome, and every step of a
request through its forms: intake, start, refer, close with feedback (refused
without it; 不满意 sends it back), reopen, and the ledger printed for a period.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from tests.core.meetings.test_minutes import TODAY, held_meeting, make_register
from tests.helpers import WAIT_MS
from tests.helpers.ui import when_modal
from tests.ui.kit.test_freshness import reads_nothing, statements_run
from tests.ui.meetings.test_page import _english, _ok, _ok_last
from villagedesk import clock
from villagedesk.core.requests import ledger
from villagedesk.ui.main_window import MainWindow
from villagedesk.ui.requests.page import DIRECT, OVERDUE_BACKGROUND, OVERDUE_TEXT

pytestmark = pytest.mark.usefixtures("vd_app")


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    clock.set(TODAY)  # 2026-07-20


@pytest.fixture
def village(profiled_store):
    """A finalised 屋场会 on 2026-07-10 and four requests, one of each kind of handling, one overdue."""
    store = profiled_store
    register = make_register(store)
    meeting = held_meeting(store, register)

    def raise_one(**values):
        return ledger.raise_request(store, **{"raised_on": "2026-07-10", "category": "基础设施",
                                              "handling": ledger.WITH_DEADLINE, **values})

    found = {
        "road": raise_one(meeting_id=meeting["id"], raised_by_id=register["王德明"]["id"], content="组级道路坑洼，希望硬化",
                          owner_id=register["张建国"]["id"], deadline="2026-07-15"),
        "ditch": raise_one(meeting_id=meeting["id"], raised_by_id=register["刘志高"]["id"], category="环境卫生",
                           content="水渠边垃圾堆积", owner_id=register["曾国华"]["id"], deadline="2026-07-31"),
        "policy": raise_one(raised_by="过路客商 周先生", category="政策咨询", content="咨询土地流转政策",
                            handling=ledger.ON_THE_SPOT, result="当场讲解了流转办法", satisfaction=ledger.SATISFIED),
        "police": raise_one(raised_by_id=register["彭光荣"]["id"], category="矛盾纠纷", content="与邻居宅基地界址纠纷",
                            handling=ledger.REFERRED, department="天门乡司法所"),
    }
    return store, register, meeting, found


def _board(qtbot, store):
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    keys = [window.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.nav.count())]
    window.nav.setCurrentRow(keys.index("requests"))
    assert window.pages.currentWidget() is window.requests
    return window, window.requests


def _codes(page) -> list[str]:
    return sorted(page.model.record(r)["code"] for r in range(page.model.rowCount()))


def _select(page, request: dict) -> None:
    page.select(request["id"])
    assert page.selected() is not None and page.selected()["_id"] == request["id"]


def _counts(page) -> dict[str, str]:
    return {key: label.text() for key, label in page.counts.items()}


def test_the_overdue_one_stands_out_and_every_filter_narrows_the_board(qtbot, village):
    store, register, meeting, found = village
    window, page = _board(qtbot, store)
    assert page.period.currentData() == "2026", "the year of today is chosen"
    assert _codes(page) == sorted(r["code"] for r in found.values())
    rows = {page.model.record(r)["code"]: r for r in range(page.model.rowCount())}
    road = page.model.index(rows[found["road"]["code"]], page.model.keys().index("overdue"))
    assert page.model.data(road) == "逾期"
    assert page.model.data(road, Qt.ItemDataRole.BackgroundRole) == OVERDUE_BACKGROUND
    assert page.model.data(road, Qt.ItemDataRole.ForegroundRole) == OVERDUE_TEXT
    for other in ("ditch", "policy", "police"):
        index = page.model.index(rows[found[other]["code"]], 0)
        assert page.model.data(index, Qt.ItemDataRole.BackgroundRole) is None, other

    def only(*names):
        return sorted(found[n]["code"] for n in names)

    page.overdue.setChecked(True)
    assert _codes(page) == only("road")
    page.overdue.setChecked(False)
    page.owner.setCurrentIndex(page.owner.findText("曾国华（未办结 1）"))
    assert _codes(page) == only("ditch")
    page.owner.setCurrentIndex(0)
    page.group.setCurrentIndex(page.group.findData("第三村民小组"))
    assert _codes(page) == only("police")
    page.group.setCurrentIndex(0)
    page.category.setCurrentIndex(page.category.findData("环境卫生"))
    assert _codes(page) == only("ditch")
    page.category.setCurrentIndex(0)
    page.meeting.setCurrentIndex(page.meeting.findData(meeting["id"]))
    assert _codes(page) == only("road", "ditch")
    assert _counts(page)["total"] == "2", "the counts follow the meeting chosen"
    page.meeting.setCurrentIndex(page.meeting.findData(DIRECT))
    assert _codes(page) == only("policy", "police")
    page.meeting.setCurrentIndex(0)
    page.status.setCurrentIndex(page.status.findData(ledger.CLOSED))
    assert _codes(page) == only("policy")
    page.status.setCurrentIndex(page.status.findData("未办结"))
    assert _codes(page) == only("road", "ditch", "police")
    page.status.setCurrentIndex(0)
    page.search.setText("wdm")  # pinyin initials of who raised it
    assert _codes(page) == only("road")
    page.search.setText("宅基地")
    assert _codes(page) == only("police")
    page.search.clear()
    page.period.setCurrentIndex(page.period.findData("2026-06"))
    assert _codes(page) == [] and _counts(page)["total"] == "0"


@pytest.mark.slow
def test_close_refused_without_feedback_then_closed_and_the_counts_change(qtbot, village):
    store, register, meeting, found = village
    window, page = _board(qtbot, store)
    assert _counts(page) == {"total": "4", "on_the_spot": "1", "with_deadline": "2", "referred": "1",
                             "closed": "1", "closed_percent": "25%", "overdue": "1", "dissatisfied": "0"}
    _select(page, found["road"])
    assert page.buttons["close_request"].isEnabled() and not page.buttons["reopen_request"].isEnabled()
    assert "组级道路坑洼" in page.detail.text()
    audit = store.scalar("SELECT count(*) FROM audit")

    def close(d):
        d.field("result").setText("已组织投工投劳填平坑洼")
        d.field("feedback_how").setCurrentText("")
        d.field("satisfaction").setCurrentText(ledger.SATISFIED)
        _ok(d)
        assert d.isVisible() and "如何向群众反馈" in d.error_label.text()
        assert "border" in d.field("feedback_how").styleSheet(), "the field is marked"
        assert store.scalar("SELECT count(*) FROM audit") == audit, "nothing written"
        d.field("feedback_how").setCurrentText("上门告知")
        _ok_last(d)

    when_modal(close)
    page.buttons["close_request"].click()
    closed = ledger.get_request(store, found["road"]["id"])
    assert (closed["status"], closed["feedback_on"], closed["feedback_how"], closed["satisfaction"]) == \
        (ledger.CLOSED, TODAY.isoformat(), "上门告知", ledger.SATISFIED)
    assert _counts(page) == {"total": "4", "on_the_spot": "1", "with_deadline": "2", "referred": "1",
                             "closed": "2", "closed_percent": "50%", "overdue": "0", "dissatisfied": "0"}
    assert "已办结" in page.notice.text()
    assert [s["action"] for s in page.log.rows()] == ["办结"], "the chosen request's log is shown"
    assert page.buttons["reopen_request"].isEnabled() and not page.buttons["close_request"].isEnabled()


@pytest.mark.slow
def test_not_satisfied_sends_it_back_and_a_closed_one_can_be_reopened(qtbot, village):
    store, register, meeting, found = village
    window, page = _board(qtbot, store)
    _select(page, found["ditch"])

    def unhappy(d):
        d.field("result").setText("清理了一次")
        d.field("feedback_how").setCurrentText("电话告知")
        d.field("satisfaction").setCurrentText(ledger.DISSATISFIED)
        assert "退回“办理中”" in d.hint.text()
        _ok_last(d)

    when_modal(unhappy)
    page.buttons["close_request"].click()
    back = ledger.get_request(store, found["ditch"]["id"])
    assert (back["status"], back["reopened"], back["satisfaction"]) == (ledger.IN_HAND, 1, ledger.DISSATISFIED)
    assert "群众不满意" in page.notice.text() and "办理中" in page.notice.text()
    assert _counts(page)["dissatisfied"] == "1" and _counts(page)["closed"] == "1"
    reopened = page.model.index(page.model.row_of(found["ditch"]["id"]), page.model.keys().index("reopened"))
    assert page.model.data(reopened) == "1 次"

    _select(page, found["policy"])

    def reopen(d):
        d.field("reason").setCurrentText("")
        _ok(d)
        assert d.isVisible() and "不满意的原因" in d.error_label.text()
        d.field("reason").setCurrentText("问题没有解决")
        _ok_last(d)

    when_modal(reopen)
    page.buttons["reopen_request"].click()
    assert ledger.get_request(store, found["policy"]["id"])["status"] == ledger.IN_HAND
    assert _counts(page)["closed"] == "0" and _counts(page)["closed_percent"] == "0%"


@pytest.mark.slow
def test_register_start_and_refer_through_the_forms(qtbot, village):
    store, register, meeting, found = village
    window, page = _board(qtbot, store)

    def intake(d):
        assert d.field("meeting").currentData() is None, "from the board: raised directly"
        d.picker.search.setText("zgl")  # 赵桂兰
        d.picker.view.selectRow(0)
        assert d.field("group_name").currentText() == "第一村民小组"
        d.field("category").setCurrentText("民生救助")
        d.content.setPlainText("丈夫住院，申请临时救助")
        d.field("owner").setCurrentText("张建国")
        d.field("raised_on").setText("2026-07-18")
        d.field("deadline").setText("2026-07-01")
        _ok(d)
        assert d.isVisible() and "早于诉求日期" in d.error_label.text()
        d.field("deadline").setText("2026-07-25")
        _ok_last(d)

    when_modal(intake)
    page.buttons["new_request"].click()
    new = store.row("SELECT * FROM requests WHERE content = '丈夫住院，申请临时救助'")
    assert (new["raised_by"], new["owner"], new["owner_id"], new["status"], new["meeting_id"]) == \
        ("赵桂兰", "张建国", register["张建国"]["id"], ledger.TODO, None)
    assert page.selected()["_id"] == new["id"], "the new request is selected"
    assert "已登记" in page.notice.text()
    assert page.buttons["start_request"].isEnabled()

    when_modal(lambda d: (d.field("note").setText("已联系民政办"), _ok_last(d)))
    page.buttons["start_request"].click()
    assert ledger.get_request(store, new["id"])["status"] == ledger.IN_HAND
    assert not page.buttons["start_request"].isEnabled() and page.buttons["refer_request"].isEnabled()

    def refer(d):
        d.field("department").setCurrentText("")
        _ok(d)
        assert d.isVisible() and "哪个部门" in d.error_label.text()
        d.field("department").setCurrentText("乡镇民政办")
        _ok_last(d)

    when_modal(refer)
    page.buttons["refer_request"].click()
    referred = ledger.get_request(store, new["id"])
    assert (referred["status"], referred["handling"], referred["department"]) == \
        (ledger.HANDED_OVER, ledger.REFERRED, "乡镇民政办")
    assert [s["action"] for s in page.log.rows()] == ["开始办理", "转交"]

    # Correcting an open request keeps its handling, which changes only by referring.
    def correct(d):
        assert not d.field("handling").isEnabled() and d.content.toPlainText() == "丈夫住院，申请临时救助"
        d.content.setPlainText("丈夫住院，医疗费用负担重，申请临时救助")
        _ok_last(d)

    when_modal(correct)
    page.buttons["edit_request"].click()
    assert ledger.get_request(store, new["id"])["content"] == "丈夫住院，医疗费用负担重，申请临时救助"


@pytest.mark.slow
def test_print_the_ledger_of_the_period_in_the_preview(qtbot, village, monkeypatch):
    from tests.helpers.ui import PreviewRecorder
    from villagedesk.ui.kit import print_preview

    store, register, meeting, found = village
    previews = PreviewRecorder()
    monkeypatch.setattr(print_preview, "PrintPreviewDialog", previews)
    window, page = _board(qtbot, store)
    page.period.setCurrentIndex(page.period.findData(None))
    assert not page.buttons["print_ledger"].isEnabled(), "a ledger is printed for a period"
    page.period.setCurrentIndex(page.period.findData("2026-07"))
    page.buttons["print_ledger"].click()
    assert page.job is not None and page.job.wait()
    qtbot.waitUntil(lambda: bool(previews), timeout=WAIT_MS)
    text, suggested = previews[0]
    text = re.sub(r"\s+", "", text)
    assert suggested == "油溪桥村-民情台账-2026-07.pdf"
    assert "2026年7月民情台账" in text
    assert re.sub(r"\s+", "", ledger.outcomes(store, "2026-07").sentence()) in text
    for request in found.values():
        assert request["code"] in text


@pytest.mark.slow
def test_the_request_screens_show_no_english(qtbot, village):
    from villagedesk.ui.requests.dialogs import (
        CloseDialog,
        ReferDialog,
        ReopenDialog,
        RequestDialog,
        StartDialog,
    )

    store, register, meeting, found = village
    window, page = _board(qtbot, store)
    page.view.selectRow(0)
    road, policy = ledger.get_request(store, found["road"]["id"]), ledger.get_request(store, found["policy"]["id"])
    screens = [page, RequestDialog(store), RequestDialog(store, road["id"]),
               RequestDialog(store, meeting_id=meeting["id"]), StartDialog(store, road), ReferDialog(store, road),
               CloseDialog(store, road), ReopenDialog(store, policy)]
    for screen in screens[1:]:
        qtbot.addWidget(screen)
    for screen in screens:
        assert _english(screen) == [], type(screen).__name__


@pytest.mark.slow
def test_a_jump_to_a_request_leaves_the_search_box_empty_and_the_board_whole(qtbot, village):
    store, _register, _meeting, found = village
    window, page = _board(qtbot, store)
    page.search.setText("宅基地")  # whatever the clerk had typed before
    assert window.open_record("request", found["ditch"]["id"])
    assert page.search.text() == ""
    assert page.selected()["_id"] == found["ditch"]["id"]
    assert page.model.rowCount() == len(found)
    qtbot.keyClicks(page.search, "zjg")  # typing afterwards searches the whole board (张建国's requests)
    assert _codes(page) == sorted([found["road"]["code"]])


def test_shown_again_the_board_reads_only_after_a_change_elsewhere(qtbot, village):
    # Every switch to the board read it and its choosers again (#18, "Performance").
    store, register, _meeting, found = village
    window, page = _board(qtbot, store)
    window.go_to("home")
    assert reads_nothing(statements_run(store, lambda: window.go_to("requests")))
    assert _codes(page) == sorted(r["code"] for r in found.values())

    # Raised elsewhere (a meeting's minutes, an import) while the board was hidden, by someone new in charge.
    window.go_to("home")
    new = ledger.raise_request(store, raised_on="2026-07-19", category="环境卫生", raised_by_id=register["赵桂兰"]["id"],
                               content="河边垃圾", handling=ledger.WITH_DEADLINE, owner_id=register["杨福生"]["id"],
                               deadline="2026-07-30")
    window.go_to("requests")
    assert new["code"] in _codes(page)
    assert any(page.owner.itemText(i).startswith("杨福生") for i in range(page.owner.count()))
    assert _counts(page)["total"] == "5"
