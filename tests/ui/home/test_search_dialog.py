"""The search dialog (Ctrl+K) driven with qtbot over a real database: grouped results as the clerk
types, keyboard choice, Enter opening the record in the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.core.meetings.test_minutes import TODAY, held_meeting, make_register
from villagedesk import clock
from villagedesk.core.requests import ledger
from villagedesk.ui.home.search_dialog import HIT, SearchDialog
from villagedesk.ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("vd_app")


@pytest.fixture
def village(profiled_store, monkeypatch):
    clock.set(TODAY)  # 2026-07-20
    store = profiled_store
    register = make_register(store)
    meeting = held_meeting(store, register)  # held at 杨家湾张建国家院坝
    request = ledger.raise_request(store, raised_on="2026-07-01", raised_by_id=register["王德明"]["id"],
                                   category="基础设施", content="杨家湾组级道路坑洼，希望硬化",
                                   handling=ledger.WITH_DEADLINE, owner_id=register["张建国"]["id"],
                                   deadline="2026-07-15")  # overdue on TODAY
    return store, register, meeting, request


def rows(dialog) -> list[tuple[str, object, bool]]:
    """Each line of the list: (text, (kind, id) or None for a header, selectable)."""
    out = []
    for row in range(dialog.results.count()):
        item = dialog.results.item(row)
        out.append((item.text(), item.data(HIT), bool(item.flags() & Qt.ItemFlag.ItemIsSelectable)))
    return out


@pytest.fixture
def dialog(qtbot, village):
    store = village[0]
    opened = SearchDialog(store)
    qtbot.addWidget(opened)
    opened.start()
    qtbot.waitExposed(opened)
    return opened


def test_a_chinese_name_lists_the_matches_grouped_under_headers_that_cannot_be_chosen(dialog, village):
    _, register, meeting, request = village
    dialog.edit.setText("建国")  # keyClicks with Chinese text aborts the process
    assert rows(dialog) == [
        ("村民", None, False), ("张建国", ("person", register["张建国"]["id"]), True),
        ("农户", None, False), ("张建国户 · HH001", ("household", register["张建国"]["household_id"]), True),
        ("会议", None, False), (f"HY{meeting['id']:04d} · 杨家湾屋场会", ("meeting", meeting["id"]), True),
        ("诉求", None, False), (f"{request['code']} · 杨家湾组级道路坑洼，希望硬化", ("request", request["id"]), True),
    ]
    assert dialog.current_hit() == ("person", register["张建国"]["id"])  # the first match is chosen
    assert "4" in dialog.note.text()


def test_pinyin_initials_typed_find_the_person_and_enter_opens_the_chosen_one(qtbot, dialog, village):
    _, register, _, request = village
    qtbot.keyClicks(dialog.edit, "zjg")
    assert [hit for _, hit, _ in rows(dialog) if hit] == [
        ("person", register["张建国"]["id"]), ("household", register["张建国"]["household_id"]),
        ("request", request["id"])]
    # Down skips the households header; Up at the top stays on the first match.
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)
    assert dialog.current_hit() == ("household", register["张建国"]["household_id"])
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)  # already the last: stays
    assert dialog.current_hit() == ("request", request["id"])
    for _ in range(4):
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Up)
    assert dialog.current_hit() == ("person", register["张建国"]["id"])
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)
    with qtbot.waitSignal(dialog.chosen) as chosen:
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert chosen.args == ["household", register["张建国"]["household_id"]]
    assert not dialog.isVisible()


def test_a_click_opens_the_match_clicked_and_a_header_click_does_nothing(qtbot, dialog, village):
    _, _, meeting, _ = village
    qtbot.keyClicks(dialog.edit, f"hy{meeting['id']}")
    header, match = dialog.results.item(0), dialog.results.item(1)
    assert (header.text(), header.data(HIT)) == ("会议", None)
    with qtbot.assertNotEmitted(dialog.chosen):
        qtbot.mouseClick(dialog.results.viewport(), Qt.MouseButton.LeftButton,
                         pos=dialog.results.visualItemRect(header).center())
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.chosen) as chosen:
        qtbot.mouseClick(dialog.results.viewport(), Qt.MouseButton.LeftButton,
                         pos=dialog.results.visualItemRect(match).center())
    assert chosen.args == ["meeting", meeting["id"]]


def test_nothing_found_says_so_and_enter_then_opens_nothing(qtbot, dialog):
    qtbot.keyClicks(dialog.edit, "qqqq")
    assert rows(dialog) == [] and "qqqq" in dialog.note.text()
    with qtbot.assertNotEmitted(dialog.chosen):
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_an_archived_person_is_listed_last_and_marked(qtbot, dialog, village):
    from villagedesk.core.register import people

    store, register, *_ = village
    people.archive_person(store, register["李秀英"]["id"], "去世")
    dialog.edit.setText("秀英")
    assert rows(dialog)[:2] == [("村民", None, False), ("李秀英  （已归档）", ("person", register["李秀英"]["id"]), True)]


# --- in the window ---------------------------------------------------------------------------

@pytest.fixture
def window(qtbot, village):
    shown = MainWindow(village[0])
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    return shown


def test_ctrl_k_and_the_search_button_open_the_dialog(qtbot, window):
    assert window.search_action in window.menuBar().actions()[0].menu().actions()
    assert window.search_action.shortcut().toString() == "Ctrl+K"
    qtbot.keyClick(window.nav, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window.search_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.edit.hasFocus)  # activating a window is asynchronous
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    window.search_button.click()
    assert window.search_dialog is dialog and dialog.isVisible()


def test_enter_opens_the_record_on_its_page(qtbot, window, village):
    _, register, meeting, request = village
    dialog = window.open_search()
    qtbot.keyClicks(dialog.edit, request["code"].lower())
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.requests
    assert window.requests.selected()["_id"] == request["id"]

    dialog = window.open_search()
    assert dialog.edit.selectedText() == request["code"].lower()  # the last text, ready to be typed over
    qtbot.keyClicks(dialog.edit, "zjg")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.households
    assert window.households.selected_person() == register["张建国"]["id"]

    dialog = window.open_search()
    qtbot.keyClicks(dialog.edit, f"HY{meeting['id']:04d}")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.meetings
    assert window.meetings.meetings.selected()["_id"] == meeting["id"]


def test_more_than_five_of_a_kind_and_a_show_all_row_lists_every_match(qtbot, dialog, village):
    from villagedesk.core.home.search import LIMIT_PER_KIND
    from villagedesk.core.register import people

    store = village[0]
    house = people.add_household(store, code="HH090", group_name="第五村民小组")
    for n in range(LIMIT_PER_KIND + 3):
        people.add_person(store, house["id"], name=f"欧阳{'甲乙丙丁戊己庚辛壬癸子丑寅卯'[n]}",
                          relation="户主" if n == 0 else "子")
    dialog.edit.setText("欧阳")
    persons = [r for r in rows(dialog) if r[1] and r[1][0] == "person"]
    assert len(persons) == LIMIT_PER_KIND > 5
    show_all = [r for r in rows(dialog) if r[1] == ("all", "person")]
    assert len(show_all) == 1 and show_all[0][2] and "全部" in show_all[0][0]
    dialog.results.setCurrentRow([r[1] for r in rows(dialog)].index(("all", "person")))
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert dialog.isVisible()  # listing all is not opening a record
    assert len([r for r in rows(dialog) if r[1] and r[1][0] == "person"]) == LIMIT_PER_KIND + 3
    assert ("all", "person") not in [r[1] for r in rows(dialog)]
    assert dialog.current_hit()[0] == "person"
    dialog.edit.setText("欧阳 第五")  # new words: short lists again
    assert dialog.whole == frozenset()


def test_the_placeholder_is_shown_whole(dialog):
    dialog.edit.clear()
    metrics = dialog.edit.fontMetrics()
    assert metrics.horizontalAdvance(dialog.edit.placeholderText()) < dialog.edit.contentsRect().width() - 8
