"""The notice boards page (村务公开) driven with qtbot over a real database.

The editor's finance statement with its live totals, a bad amount refused inline,
review and posting with working days (the end date shown as typed), a posted notice
that cannot be edited, an overdue objection in red, the disclosure calendar's overdue
item, and the poster previewed from a real PDF.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.core.notices.test_notices import TODAY, build_village, finance
from tests.helpers.ui import PreviewRecorder, when_modal
from tests.ui.meetings.test_page import _ok, _ok_last
from villagedesk import clock
from villagedesk.core import notices
from villagedesk.core.notices import disclosure
from villagedesk.ui.kit.dialogs import INVALID_STYLE
from villagedesk.ui.main_window import MainWindow
from villagedesk.ui.notices.page import AMBER_BACKGROUND, RED_BACKGROUND, RED_TEXT

pytestmark = pytest.mark.usefixtures("vd_app")


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    clock.set(TODAY)  # Monday 2026-07-20


@pytest.fixture
def village(profiled_store):
    return build_village(profiled_store)


def _page(qtbot, store):
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    keys = [window.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.nav.count())]
    assert keys.index("notices") == keys.index("requests") + 1 and keys.index("export") == keys.index("notices") + 1
    window.nav.setCurrentRow(keys.index("notices"))
    assert window.pages.currentWidget() is window.notices
    return window, window.notices


def _select(tab, notice: dict) -> None:
    tab.refresh()
    tab.select(notice["id"])
    assert tab.selected() is not None and tab.selected()["_id"] == notice["id"]


def _draft(store, **values) -> dict:
    return notices.create_notice(store, **{"category": "财务公开", "title": "2026年6月村级财务收支公开",
                                           "body": "现将收支情况公开如下。", "table": finance(), **values})


def _posted(village, start: date, days: int) -> dict:
    notice = _draft(village.store, issued_on=start)
    notices.review_notice(village.store, notice["id"], reviewer_id=village.reviewer["id"], day=start)
    return notices.post_notice(village.store, notice["id"], start=start, days=days)


def _fill_finance(dialog, amount: str) -> None:
    dialog.field("category").setCurrentText("财务公开")
    dialog.field("title").setText("2026年6月村级财务收支公开")
    dialog.body.setPlainText("现将本村2026年6月财务收支情况公开如下。")
    dialog.field("table_kind").setCurrentText(notices.FINANCE)
    editor = dialog.editor
    assert editor.isVisible() and editor.grid.columnCount() == 4
    editor.set_cell(0, 0, notices.INCOME)
    editor.set_cell(0, 1, "集体土地租金")
    editor.set_cell(0, 2, "12,000")
    editor.add_row()
    editor.set_cell(1, 0, notices.EXPENSE)
    editor.set_cell(1, 1, "办公费")
    editor.set_cell(1, 2, amount)


@pytest.mark.slow
def test_a_finance_notice_made_in_the_editor_shows_its_totals_and_is_saved(qtbot, village):
    window, page = _page(qtbot, village.store)
    seen = {}

    def fill(dialog):
        _fill_finance(dialog, "350.5")
        seen["totals"] = dialog.editor.totals.text()
        dialog.editor.opening.setText("1000")
        seen["with_opening"] = dialog.editor.totals.text()
        _ok_last(dialog)

    when_modal(fill)
    page.list.buttons["new_notice"].click()
    assert "本期收入合计：12,000.00 元" in seen["totals"]
    assert "本期支出合计：350.50 元" in seen["totals"] and "11,649.50 元" in seen["totals"]
    assert "期末余额" not in seen["totals"] and "12,649.50 元" in seen["with_opening"]
    notice = notices.get_notice(village.store, page.list.selected()["_id"])
    assert (notice["title"], notice["status"], notice["table_kind"]) == ("2026年6月村级财务收支公开", notices.DRAFT,
                                                                        notices.FINANCE)
    table = notices.notice_table(village.store, notice["id"])
    assert [(x.side, x.item, x.amount_fen) for x in table.lines] == [(notices.INCOME, "集体土地租金", 1_200_000),
                                                                     (notices.EXPENSE, "办公费", 35_050)]
    assert table.opening_fen == 100_000
    assert page.list.buttons["edit_notice"].isEnabled() and page.list.buttons["review_notice"].isEnabled()
    assert not page.list.buttons["post_notice"].isEnabled()


@pytest.mark.slow
def test_a_bad_amount_is_refused_inline_and_nothing_is_saved(qtbot, village):
    window, page = _page(qtbot, village.store)
    seen = {}

    def fill(dialog):
        _fill_finance(dialog, "350.505")
        seen["live"] = dialog.editor.totals.text()
        _ok(dialog)
        seen["open"] = dialog.isVisible()
        seen["error"] = dialog.error_label.text() if dialog.error_label.isVisible() else ""
        seen["style"] = dialog.editor.grid.styleSheet()
        dialog.reject()

    when_modal(fill)
    page.list.buttons["new_notice"].click()
    assert seen["open"], "the editor stays open"
    assert "办公费" in seen["error"] and "两位小数" in seen["error"]
    assert "两位小数" in seen["live"], "the totals line says what is wrong as it is typed"
    assert seen["style"] == INVALID_STYLE
    assert village.store.scalar("SELECT count(*) FROM notices") == 0


@pytest.mark.slow
def test_review_then_post_with_working_days_shows_the_end_date_and_a_posted_notice_cannot_be_edited(
        qtbot, village, boxes):
    notice = _draft(village.store)
    window, page = _page(qtbot, village.store)
    tab = page.list
    _select(tab, notice)
    seen = {}

    def review(dialog):
        combo = dialog.field("reviewer")
        seen["reviewers"] = [combo.itemText(i) for i in range(combo.count())]
        _ok_last(dialog)

    when_modal(review)
    tab.buttons["review_notice"].click()
    assert seen["reviewers"] == ["周监委（主任）"], "only who serves on the supervision committee today"
    assert notices.get_notice(village.store, notice["id"])["status"] == notices.REVIEWED
    assert tab.buttons["post_notice"].isEnabled() and not tab.buttons["edit_notice"].isEnabled()

    def post(dialog):
        dialog.field("days").setText("7")
        seen["calendar_days"] = dialog.end_label.text()
        dialog.working.setChecked(True)
        seen["working_days"] = dialog.end_label.text()
        _ok_last(dialog)

    when_modal(post)
    tab.buttons["post_notice"].click()
    # Posted Monday 20 July: 7 days end on Sunday the 26th; 7 working days skip the weekend to Tuesday the 28th.
    assert seen["calendar_days"].startswith("2026年7月26日")
    assert seen["working_days"].startswith("2026年7月28日") and "7 个工作日" in seen["working_days"]
    stored = notices.get_notice(village.store, notice["id"])
    assert (stored["status"], stored["posted_on"], stored["posting_end"], stored["working_days"]) == \
        (notices.POSTED, "2026-07-20", "2026-07-28", 1)
    assert tab.selected()["status"] == notices.POSTED

    assert not tab.buttons["edit_notice"].isEnabled()
    assert tab.buttons["correct_notice"].isEnabled()
    tab.edit_notice()  # a double click on the row
    assert boxes and "张贴后不能修改" in boxes[-1][2]
    assert notices.get_notice(village.store, notice["id"]) == stored


@pytest.mark.slow
def test_an_overdue_objection_stands_out_in_red_until_it_is_answered(qtbot, village):
    notice = _posted(village, date(2026, 7, 1), 30)
    window, page = _page(qtbot, village.store)
    _select(page.list, notice)
    page.tabs.setCurrentIndex(1)
    tab = page.objections
    assert tab.notice_id == notice["id"] and tab.buttons["record_objection"].isEnabled()

    def record(dialog):
        dialog.field("received_on").setText("2026-07-02")  # due 2026-07-12: overdue on the 20th
        dialog.field("raised_by").setText("张三")
        dialog.content.setPlainText("办公费支出偏高，请说明明细。")
        _ok_last(dialog)

    when_modal(record)
    tab.buttons["record_objection"].click()
    assert tab.model.rowCount() == 1 and tab.overdue_model.rowCount() == 1
    index = tab.model.index(0, 0)
    assert tab.model.data(index, Qt.ItemDataRole.ForegroundRole) == RED_TEXT
    assert tab.model.data(index, Qt.ItemDataRole.BackgroundRole) == RED_BACKGROUND
    assert tab.overdue_model.record(0)["days_overdue"] == 8
    listed = page.list.model
    row = listed.row_of(notice["id"])
    assert listed.data(listed.index(row, 0), Qt.ItemDataRole.BackgroundRole) == RED_BACKGROUND

    tab.overdue_view.selectRow(0)
    assert tab.buttons["reply_objection"].isEnabled()

    def reply(dialog):
        dialog.reply.setPlainText("办公费含全年打印耗材，明细已张贴。")
        dialog.field("replied_by").setText("王主任")
        _ok_last(dialog)

    when_modal(reply)
    tab.buttons["reply_objection"].click()
    assert tab.overdue_model.rowCount() == 0
    assert tab.model.data(tab.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert village.store.scalar("SELECT replied_on FROM notice_objections") == "2026-07-20"


@pytest.mark.slow
def test_the_calendar_shows_an_overdue_item_in_red_and_a_due_one_in_amber(qtbot, village):
    late = disclosure.save_item(village.store, name="村级财务收支", category="财务公开", frequency="每月", due_day=10)
    due = disclosure.save_item(village.store, name="村务公开（常规事项）", category="村务公开", frequency="每季度")
    window, page = _page(qtbot, village.store)
    page.tabs.setCurrentIndex(2)
    tab = page.calendar
    model = tab.model
    rows = {model.record(r)["id"]: r for r in range(model.rowCount())}
    late_row, due_row = rows[late["id"]], rows[due["id"]]
    assert model.record(late_row)["state"] == "已逾期" and model.record(late_row)["deadline"] == "2026-07-10"
    assert "10" in model.data(model.index(late_row, model.keys().index("state_text")))
    assert model.data(model.index(late_row, 0), Qt.ItemDataRole.BackgroundRole) == RED_BACKGROUND
    assert model.record(due_row)["state"] == "待公开"
    assert model.data(model.index(due_row, 0), Qt.ItemDataRole.BackgroundRole) == AMBER_BACKGROUND

    # A finance notice posted for the item this month puts it right.
    notice = _draft(village.store, item_id=late["id"])
    notices.review_notice(village.store, notice["id"], reviewer_id=village.reviewer["id"])
    notices.post_notice(village.store, notice["id"])
    tab.refresh()
    row = next(r for r in range(model.rowCount()) if model.record(r)["id"] == late["id"])
    assert model.record(row)["state"] == "已公开" and model.record(row)["last_notice"] == notice["code"]
    assert model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole) is None


@pytest.mark.slow
def test_print_opens_the_preview_of_the_real_poster(qtbot, village, monkeypatch):
    from villagedesk.ui.kit import print_preview

    previews = PreviewRecorder()
    monkeypatch.setattr(print_preview, "PrintPreviewDialog", previews)
    notice = _posted(village, date(2026, 7, 14), 7)
    window, page = _page(qtbot, village.store)
    _select(page.list, notice)
    page.list.paper.setCurrentText("A3")
    page.list.buttons["print_notice"].click()
    assert page.job is not None and page.job.wait()
    qtbot.waitUntil(lambda: len(previews) == 1)
    text, suggested = previews[0]
    assert "2026年6月村级财务收支公开" in text and "租金" in text
    assert "公示期：2026年7月14日至2026年7月20日" in text.replace(" ", "").replace("\n", "")
    assert suggested == "油溪桥村-公开-GK0001-A3.pdf"


@pytest.mark.slow
def test_full_id_numbers_need_a_confirmation_and_a_name(qtbot, village, monkeypatch):
    notice = _draft(village.store, category="惠民政策", title="低保对象名单公示", table=notices.recipient_list(
        village.store, [{"person_id": village.villagers[0]["id"], "amount": "300", "reason": "低保"}]))
    window, page = _page(qtbot, village.store)
    _select(page.list, notice)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    seen = {}

    def edit(dialog):
        assert dialog.editor.grid.rowCount() == 1 and "300.00" in dialog.editor.totals.text()
        seen["id_shown"] = dialog.editor.grid.item(0, 2).text()
        dialog.full_numbers.setChecked(True)
        _ok(dialog)
        seen["error"] = dialog.error_label.text()
        dialog.field("approved_by").setText("王主任")
        _ok_last(dialog)

    when_modal(edit)
    page.list.buttons["edit_notice"].click()
    assert "********" in seen["id_shown"], "the register's ID number is shown masked"
    assert "批准" in seen["error"]
    stored = notices.get_notice(village.store, notice["id"])
    assert (stored["full_numbers"], stored["full_numbers_by"]) == (1, "王主任")


@pytest.mark.slow
def test_the_page_looks_again_when_it_is_shown(qtbot, village):
    """A notice drafted elsewhere (from a ranking, a matter, another window) is listed when the page comes back."""
    window, page = _page(qtbot, village.store)
    keys = [window.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.nav.count())]
    listed = page.list.model.rowCount()
    window.nav.setCurrentRow(keys.index("home"))
    notice = _draft(village.store, title="2026年7月村级财务收支公开")
    assert page.list.model.rowCount() == listed
    window.nav.setCurrentRow(keys.index("notices"))
    assert page.list.model.rowCount() == listed + 1
    assert page.list.select(notice["id"])
