"""The meetings page and the minutes editor, driven with qtbot over a real database.

A 屋场会 is recorded as a clerk does it: attendees found by pinyin initials and by name,
a guest, an absentee, an agenda item and a voted resolution, two requests raised at
the meeting; finalising is refused until the minutes are complete, then they are
locked and take an amendment; the overdue request stands out on the requests board.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QWidget,
)

from tests.core.meetings.test_minutes import TODAY, held_meeting, make_register
from tests.helpers import WAIT_MS
from tests.helpers.ui import PreviewRecorder, when_modal
from tests.ui.kit.test_freshness import reads_nothing, statements_run
from villagedesk import clock
from villagedesk.core.meetings import matters
from villagedesk.core.meetings import minutes as meetings
from villagedesk.core.meetings.votes import BRANCH, COMMITTEES
from villagedesk.core.requests import ledger
from villagedesk.ui.kit import print_preview
from villagedesk.ui.main_window import MainWindow
from villagedesk.ui.meetings.editor import MeetingDialog
from villagedesk.ui.requests.page import OVERDUE_BACKGROUND

pytestmark = pytest.mark.usefixtures("vd_app")


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    clock.set(TODAY)  # 2026-07-20


@pytest.fixture
def village(profiled_store):
    """Twelve villagers in three 村民小组 (tests.core.meetings.test_minutes.REGISTER)."""
    return profiled_store, make_register(profiled_store)


def _window(qtbot, store):
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()  # pages look again at the database when they are shown
    keys = [window.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.nav.count())]
    window.nav.setCurrentRow(keys.index("meetings"))
    assert window.pages.currentWidget() is window.meetings
    return window, keys


def _editor(qtbot, store, meeting_id=None, parent=None) -> MeetingDialog:
    """The minutes editor, shown; a test that fails half-way leaves it without asking to save."""
    dialog = MeetingDialog(store, meeting_id, parent)
    qtbot.addWidget(dialog, before_close_func=lambda d: setattr(d, "_dirty", False))
    dialog.show()
    return dialog


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


def _tick(picker, text: str, name: str) -> None:
    """Search the register as the clerk types it, then tick the person named."""
    picker.search.setText(text)
    names = [picker.model.record(r)["name"] for r in range(picker.model.rowCount())]
    assert name in names, f"{text!r} does not find {name}: {names}"
    row = names.index(name)
    picker.model.setData(picker.model.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)


def _choose(picker, text: str) -> None:
    picker.search.setText(text)
    assert picker.model.rowCount() >= 1, f"nothing found for {text!r}"
    picker.view.selectRow(0)


def _names(model) -> list[str]:
    return [model.record(r)["name"] for r in range(model.rowCount())]


def _request_step(person: str, content: str, deadline: str, owner: str):
    def step(d):
        assert d.field("meeting").currentData() is not None, "opened from the minutes: raised at that meeting"
        assert d.field("raised_on").text() == "2026-07-10", "dated on the meeting's day"
        _choose(d.picker, person)
        assert d.field("group_name").currentText(), "the person's 组 is filled in"
        d.field("category").setCurrentText("基础设施")
        d.content.setPlainText(content)
        d.field("handling").setCurrentText(ledger.WITH_DEADLINE)
        d.field("owner").setCurrentText(owner)
        d.field("deadline").setText(deadline)
        _ok_last(d)
    return step


# --- the whole 屋场会 ----------------------------------------------------------------------------

@pytest.mark.slow
def test_record_a_house_meeting_finalise_when_complete_amend_and_see_its_requests_on_the_board(qtbot, village):
    store, register = village
    window, keys = _window(qtbot, store)
    dialog = _editor(qtbot, store)
    assert dialog.field("kind").currentText() == "屋场会"

    # The header, without a date yet.
    dialog.field("title").setText("杨家湾屋场会")
    dialog.field("start_time").setText("19:30")
    dialog.field("end_time").setText("21:00")
    dialog.field("place").setCurrentText("杨家湾张建国家院坝")

    # Who came: by pinyin initials and by name; a guest; an absentee with the reason.
    _tick(dialog.attendance.attendees, "wdm", "王德明")
    _tick(dialog.attendance.attendees, "刘志高", "刘志高")
    _tick(dialog.attendance.attendees, "yfs", "杨福生")
    assert sorted(dialog.attendance.attendees.person_ids) == sorted(register[n]["id"] for n in ("王德明", "刘志高", "杨福生"))
    assert _names(dialog.attendance.present) == ["王德明", "刘志高", "杨福生"]
    dialog.form.findChild(QLineEdit, "guest_name").setText("袁志刚")
    dialog.form.findChild(QLineEdit, "guest_unit").setText("天门乡驻村干部")
    dialog.form.findChild(QAbstractButton, "add_guest").click()
    dialog.attendance.attendees.search.setText("彭光荣")
    dialog.attendance.attendees.view.selectRow(0)
    when_modal(lambda d: (d.field("reason").setCurrentText("外出务工"), _ok_last(d)))
    dialog.actions["mark_absent"].click()
    assert [(a["name"], a["note"]) for a in dialog.attendance.absent.rows()] == [("彭光荣", "外出务工")]
    people_tabs: QTabWidget = dialog.form.findChild(QTabWidget, "people_tabs")
    assert [people_tabs.tabText(i) for i in range(3)] == ["出席（3）", "缺席（1）", "列席（1）"]
    assert "出席 3 人" in dialog.attendance.attendance_label.text() and "列席 1 人" in dialog.attendance.attendance_label.text()
    assert store.scalar("SELECT count(*) FROM meetings") == 0, "nothing is written before it is saved"

    # An agenda item: the minutes are saved on the way (a draft gets its number).
    def agenda(d):
        d.field("topic").setText("修缮杨家湾水渠")
        d.discussion.setPlainText("王德明：水渠漏水，建议投工投劳。刘志高：同意。")
        _ok_last(d)

    when_modal(agenda)
    dialog.actions["add_agenda"].click()
    meeting_id = dialog.meeting_id
    assert meeting_id is not None and dialog.windowTitle().startswith("会议记录 HY0001")
    assert [a["topic"] for a in dialog.proceedings.agenda.rows()] == ["修缮杨家湾水渠"]
    # Edited in place: the same item, its new topic shown and kept selected.
    dialog.proceedings.agenda_view.selectRow(0)
    when_modal(lambda d: (d.field("topic").setText("修缮杨家湾水渠（一期）"), _ok_last(d)))
    dialog.actions["edit_agenda"].click()
    assert [a["topic"] for a in dialog.proceedings.agenda.rows()] == ["修缮杨家湾水渠（一期）"]
    assert dialog.proceedings.agenda_view.selectionModel().selectedRows()[0].row() == 0
    counts = meetings.attendance(store, meeting_id)
    assert (counts.present, counts.absent, counts.guests) == (3, 1, 1)

    # A resolution whose votes are judged as they are typed; too many votes are refused inline.
    seen = {}

    def resolution(d):
        seen["blank"] = d.verdict.text()
        d.text.setPlainText("同意本屋场投工投劳修缮水渠")
        d.field("agenda").setCurrentIndex(1)
        d.field("votes_for").setText("1")
        seen["one for"] = d.verdict.text()
        d.field("votes_for").setText("3")
        d.field("votes_abstain").setText("1")
        seen["too many, typed"] = d.verdict.text()
        _ok(d)
        seen["too many"] = d.verdict.text()
        assert d.isVisible() and not d.error_label.isVisible(), "said once, on the votes' own line"
        d.field("votes_abstain").setText("0")
        seen["carried"] = d.verdict.text()
        _ok_last(d)

    when_modal(resolution)
    dialog.actions["add_resolution"].click()
    assert seen["blank"] == "到会 3 人：请填写赞成、反对、弃权票数。"
    assert "未通过" in seen["one for"]
    assert "票数合计 4 超过了到会人数 3" in seen["too many"]
    # No verdict beside impossible numbers: neither 通过 nor 未通过 while they are typed.
    assert "票数合计 4 超过了到会人数 3" in seen["too many, typed"] and "通过" not in seen["too many, typed"]
    assert "赞成票超过到会人数（3 人）的一半：通过" in seen["carried"]
    row = dialog.proceedings.resolutions.record(0)
    assert (row["votes"], row["verdict"], row["agenda_topic"]) == ("3 / 0 / 0", "通过", "修缮杨家湾水渠（一期）")

    # Finalising is refused, inline and without asking first, while the date, then the chair is
    # missing: nothing changes.
    for missing, fill in (("定稿前请填写会议日期", lambda: dialog.field("meeting_date").setText("2026-07-10")),
                          ("定稿前请选择主持人", lambda: _choose(dialog.chair, "zjg"))):
        dialog.actions["finalise"].click()
        assert missing in dialog.error_label.text() and dialog.error_label.isVisibleTo(dialog)
        assert dialog.tabs.currentIndex() == 0, "the tab of the field named"
        assert meetings.get_meeting(store, meeting_id)["status"] == meetings.DRAFT
        fill()
    assert dialog.chair.person_id == register["张建国"]["id"]
    dialog.actions["finalise"].click()
    assert "定稿前请选择记录人" in dialog.error_label.text()
    assert "border" in dialog.recorder.search.styleSheet(), "the recorder's picker is marked"
    _choose(dialog.recorder, "曾国华")
    assert dialog.recorder.search.styleSheet() == ""

    # Two requests raised at the meeting: one already past its deadline.
    when_modal(_request_step("王德明", "杨家湾组级道路坑洼，希望硬化", "2026-07-15", "张建国"))
    dialog.actions["add_request"].click()
    when_modal(_request_step("刘志高", "杨家湾水渠漏水", "2026-07-31", "曾国华"))
    dialog.actions["add_request"].click()
    assert [r["raised_by"] for r in dialog.addenda.raised.rows()] == ["王德明", "刘志高"]

    when_modal(_yes)
    dialog.actions["finalise"].click()
    meeting = meetings.get_meeting(store, meeting_id)
    assert meeting["status"] == meetings.FINAL, dialog.error_label.text()
    assert (meeting["meeting_date"], meeting["chair_name"], meeting["recorder_name"]) == \
        ("2026-07-10", "张建国", "曾国华")
    assert meetings.attendance(store, meeting_id).present == 5, "the chair and the recorder count as present"

    # Final: read-only, no finalise, and "Add amendment…" instead.
    assert dialog.final and not dialog.field("title").isEnabled() and not dialog.field("kind").isEnabled()
    assert not dialog.actions["finalise"].isVisibleTo(dialog) and dialog.actions["amend"].isVisibleTo(dialog)
    assert not dialog.proceedings.agenda_bar.isVisibleTo(dialog) and not dialog.chair.isVisibleTo(dialog)
    assert dialog.form.findChild(QLineEdit, "chair_name").text().startswith("张建国")
    assert "已定稿" in dialog.status_label.text()

    def amendment(d):
        assert d.field("day").text() == TODAY.isoformat() and d.field("author").currentText() == "李文书"
        d.field("reason").setText("讨论情况记录有误")
        _ok(d)
        assert d.isVisible() and "更正内容" in d.error_label.text(), "a correction needs its text"
        d.text.setPlainText("刘志高的发言应为：同意，并愿意出两个工。")
        _ok_last(d)

    when_modal(amendment)
    dialog.actions["amend"].click()
    assert [(a["author"], a["reason"]) for a in dialog.addenda.amendments.rows()] == [("李文书", "讨论情况记录有误")]
    assert dialog.tabs.currentIndex() == 5
    dialog.close()
    assert not dialog.isVisible()

    # The list shows the finalised minutes.
    tab = window.meetings.meetings
    tab.refresh()
    record = tab.model.record(0)
    assert (record["code"], record["status"], record["present"], record["absent"], record["guests"],
            record["requests"], record["amendments"]) == ("HY0001", "已定稿", 5, 1, 1, 2, 1)

    # The requests board: the overdue one stands out and is what the overdue filter keeps.
    window.nav.setCurrentRow(keys.index("requests"))
    board = window.requests
    assert board.model.rowCount() == 2
    rows = {board.model.record(r)["raised_by"]: r for r in range(2)}
    overdue = board.model.index(rows["王德明"], 0)
    assert board.model.data(overdue, Qt.ItemDataRole.BackgroundRole) == OVERDUE_BACKGROUND
    assert board.model.data(board.model.index(rows["刘志高"], 0), Qt.ItemDataRole.BackgroundRole) is None
    assert board.counts["overdue"].text() == "1" and board.counts["with_deadline"].text() == "2"
    board.overdue.setChecked(True)
    assert [board.model.record(r)["raised_by"] for r in range(board.model.rowCount())] == ["王德明"]


@pytest.mark.slow
def test_new_minutes_from_the_page_with_a_whole_group_then_filters(qtbot, village):
    store, register = village
    window, _keys = _window(qtbot, store)
    tab = window.meetings.meetings
    assert tab.model.rowCount() == 0 and not tab.buttons["open_meeting"].isEnabled()

    def fill(d):
        d.field("title").setText("第二组屋场会")
        d.field("meeting_date").setText("2026-07-12")
        group: QComboBox = d.form.findChild(QComboBox, "group")
        group.setCurrentText("第二村民小组")
        d.form.findChild(QAbstractButton, "add_group").click()
        assert _names(d.attendance.present) == ["刘志高", "陈春莲", "杨福生", "罗冬梅"]
        d.field("end_time").setText("19:00")
        d.field("start_time").setText("20:00")
        _ok(d)
        assert d.isVisible() and "结束时间 19:00 应晚于开始时间 20:00" in d.error_label.text()
        d.field("end_time").setText("21:00")
        _ok_last(d)

    when_modal(fill)
    tab.buttons["new_meeting"].click()
    assert tab.model.rowCount() == 1
    record = tab.model.record(0)
    assert (record["title"], record["present"], record["status"], record["start_time"]) == \
        ("第二组屋场会", 4, "草稿", "20:00")
    assert tab.view.selectionModel().selectedRows(), "the new minutes are selected"
    assert tab.buttons["delete_draft"].isEnabled()
    assert tab.summary.text() == "共 1 次会议。"

    held_meeting(store, register, kind=BRANCH, title="支委会", day="2026-07-01", present=("王德明",),
                 absent={}, guests=(), votes=None)
    tab.refresh()
    assert tab.model.rowCount() == 2
    tab.kind.setCurrentIndex(tab.kind.findData(BRANCH))
    assert [tab.model.record(r)["title"] for r in range(tab.model.rowCount())] == ["支委会"]
    tab.kind.setCurrentIndex(0)
    tab.status.setCurrentIndex(tab.status.findData(meetings.DRAFT))
    assert [tab.model.record(r)["title"] for r in range(tab.model.rowCount())] == ["第二组屋场会"]
    tab.status.setCurrentIndex(0)
    tab.search.setText("支委")
    assert tab.model.rowCount() == 1

    # A draft typed by mistake can be thrown away; finalised minutes cannot.
    tab.search.clear()
    tab.select(store.scalar("SELECT id FROM meetings WHERE title = '第二组屋场会'"))
    when_modal(_yes)
    tab.buttons["delete_draft"].click()
    assert [tab.model.record(r)["title"] for r in range(tab.model.rowCount())] == ["支委会"]
    tab.view.selectRow(0)
    assert not tab.buttons["delete_draft"].isEnabled()


def test_a_final_meeting_opens_read_only_and_draft_changes_ask_before_closing(qtbot, village):
    store, register = village
    final = held_meeting(store, register)
    dialog = _editor(qtbot, store, final["id"])
    assert dialog.final and not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isVisibleTo(dialog)
    assert _names(dialog.attendance.present) == ["张建国", "王德明", "刘志高", "杨福生", "曾国华"]  # by 组, then code
    assert "应到" not in dialog.proceedings.quorum_label.text() and "实到 5 人" in dialog.proceedings.quorum_label.text()
    dialog.close()

    draft = held_meeting(store, register, title="罗家冲屋场会", finalise=False)
    dialog = _editor(qtbot, store, draft["id"])
    dialog.field("title").setText("罗家冲屋场会（改）")
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    dialog.reject()
    assert dialog.isVisible(), "Cancel keeps the editor open"
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Save).click())
    dialog.reject()
    assert not dialog.isVisible()
    assert meetings.get_meeting(store, draft["id"])["title"] == "罗家冲屋场会（改）"


def test_an_archived_attendee_stays_in_the_draft_when_it_is_saved(qtbot, village):
    from villagedesk.core.register import people

    store, register = village
    draft = held_meeting(store, register, finalise=False)
    people.archive_person(store, register["刘志高"]["id"], "迁出")
    dialog = _editor(qtbot, store, draft["id"])
    assert "刘志高" in _names(dialog.attendance.present)
    dialog.field("note").setText("补记")
    assert dialog.ensure_saved()
    assert "刘志高" in [p["name"] for p in meetings.minutes(store, draft["id"]).present]


@pytest.mark.slow
def test_print_minutes_opens_the_preview_of_the_real_pdf(qtbot, village, monkeypatch):
    store, register = village
    previews = PreviewRecorder()
    monkeypatch.setattr(print_preview, "PrintPreviewDialog", previews)
    meeting = held_meeting(store, register)
    meetings.amend_meeting(store, meeting["id"], author="李文书", reason="笔误", text="“水渠”应为“水圳”。")
    window, _keys = _window(qtbot, store)
    tab = window.meetings.meetings
    tab.view.selectRow(0)
    tab.buttons["print_minutes"].click()
    assert tab.job is not None and tab.job.wait()
    qtbot.waitUntil(lambda: bool(previews), timeout=WAIT_MS)
    text, suggested = previews[0]
    text = re.sub(r"\s+", "", text)
    assert suggested == "油溪桥村-会议记录-HY0001.pdf"
    for words in ("杨家湾屋场会记录", "王德明", "袁志刚", "修缮杨家湾水渠", "赞成4票", "通过", "笔误"):
        assert words in text, words


@pytest.mark.slow
def test_four_deliberations_show_the_stage_done_and_the_next(qtbot, village):
    store, register = village
    branch = held_meeting(store, register, kind=BRANCH, title="支委会：研究道路硬化", day="2026-07-01",
                          present=("王德明",), absent={}, guests=(), votes=None)
    window, _keys = _window(qtbot, store)
    page = window.meetings
    page.tabs.setCurrentIndex(1)
    tab = page.matters
    assert "还没有重大事项" in tab.description.text()

    def new(d):
        _ok(d)
        assert d.isVisible() and "事项名称" in d.error_label.text()
        d.field("title").setText("杨家湾组级道路硬化")
        _ok_last(d)

    when_modal(new)
    tab.buttons["new_matter"].click()
    assert tab.matters.rowCount() == 1 and tab.next_label.text() == "下一步：党支部提议"
    assert tab.stages.record(0)["next"] and tab.stages.record(0)["state"] == matters.WAITING

    def link(d):
        assert d.field("stage").currentData() == 1
        assert d.field("meeting").currentData() == branch["id"]
        _ok_last(d)

    when_modal(link)
    tab.buttons["link_stage"].click()
    assert [(s["state"], s["next"]) for s in tab.stages.rows()[:2]] == [(matters.DONE, False), (matters.WAITING, True)]
    assert tab.next_label.text() == "下一步：两委会议商议"
    assert tab.matters.record(0)["done"] == "1 / 4"

    # No finalised two-committee minutes yet: nothing to link, one message.
    def refused(d):
        assert d.field("meeting").count() == 0 and "还没有已定稿的两委联席会议记录" in d.hint.text()
        _ok(d)
        assert d.isVisible() and "两委会议商议" in d.error_label.text()
        d.reject()

    when_modal(refused)
    tab.buttons["link_stage"].click()
    held_meeting(store, register, kind=COMMITTEES, title="两委联席会议", day="2026-07-05", present=("王德明",),
                 absent={}, guests=(), votes=None)
    when_modal(_ok_last)
    tab.buttons["link_stage"].click()
    assert tab.next_label.text() == "下一步：党员大会审议"
    assert not tab.buttons["post_resolution"].isEnabled()


# --- every visible string is Chinese ---------------------------------------------------------------

def _english(widget: QWidget) -> list[str]:
    texts = [widget.windowTitle()]
    for child in widget.findChildren(QWidget):
        if isinstance(child, (QLabel, QAbstractButton)):
            texts.append(child.text())
        if isinstance(child, (QLineEdit, QPlainTextEdit)):
            texts.append(child.placeholderText())
        if isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())]
        if isinstance(child, QTableView) and child.model() is not None:
            model = child.model()
            texts += [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [t for t in texts if isinstance(t, str) and t.replace("&", "").isascii()
            and any(c.isalpha() for c in t)]


@pytest.mark.slow
def test_the_meeting_screens_show_no_english(qtbot, village):
    from villagedesk.ui.meetings.dialogs import (
        AgendaDialog,
        AmendmentDialog,
        LinkStageDialog,
        MatterDialog,
        PostingDialog,
        ResolutionDialog,
    )

    store, register = village
    final = held_meeting(store, register)
    draft = held_meeting(store, register, title="罗家冲屋场会", finalise=False)
    matter = matters.create_matter(store, title="道路硬化")
    window, _keys = _window(qtbot, store)
    screens = [window.meetings, MeetingDialog(store, None), MeetingDialog(store, final["id"]),
               MeetingDialog(store, draft["id"]), AgendaDialog(store, draft["id"]),
               ResolutionDialog(store, draft["id"]), AmendmentDialog(store, final["id"]), MatterDialog(store),
               LinkStageDialog(store, matter["id"]), PostingDialog(store, matter["id"], True)]
    window.meetings.tabs.setCurrentIndex(1)
    for screen in screens:
        qtbot.addWidget(screen)
        assert _english(screen) == [], type(screen).__name__


def test_shown_again_the_minutes_are_read_only_after_a_change_elsewhere(qtbot, village):
    # Every switch to the page read the minutes again (#18, "Performance").
    store, register = village
    window, _keys = _window(qtbot, store)
    window.go_to("home")
    assert reads_nothing(statements_run(store, lambda: window.go_to("meetings")))
    assert window.meetings.meetings.model.rowCount() == 0

    window.go_to("home")
    held_meeting(store, register, title="罗家冲屋场会")  # as an import or the command line would
    window.go_to("meetings")
    tab = window.meetings.meetings
    assert [tab.model.record(r)["title"] for r in range(tab.model.rowCount())] == ["罗家冲屋场会"]
    assert tab.year.findData("2026") >= 0
