"""The real window driven with qtbot: profile, households, persons, search, archive."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton

from tests.helpers.desk import first_start_steps
from tests.helpers.factories import valid_id, valid_uscc, wrong_check
from tests.helpers.ui import when_modal
from villagedesk.core.common.village import get_profile
from villagedesk.core.register import people
from villagedesk.ui.app import open_window
from villagedesk.ui.main_window import MainWindow
from villagedesk.ui.profile_dialog import ProfileDialog
from villagedesk.ui.register.dialogs import PersonDialog

pytestmark = pytest.mark.usefixtures("vd_app")


def _fill(dialog, **values):
    for name, value in values.items():
        widget = dialog.field(name)
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        else:
            index = widget.findText(value)
            if index >= 0:
                widget.setCurrentIndex(index)
            else:
                widget.setEditText(value)


def _ok(dialog):
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()


def test_profile_dialog_refuses_bad_code_then_saves(qtbot, store):
    dialog = ProfileDialog(store)
    qtbot.addWidget(dialog)
    good = valid_uscc()
    bad = wrong_check(good)
    _fill(dialog, name="油溪桥村", code=bad, township="天门乡", county="新化县", clerk="李文书",
          phone="13812341234")
    hint = dialog.form.findChild(QLabel, "code_hint")
    assert "校验位" in hint.text()
    _ok(dialog)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.error_label.isVisibleTo(dialog)
    assert "校验位" in dialog.error_label.text()
    assert get_profile(store) is None
    _fill(dialog, code=good)
    _ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert get_profile(store).name == "油溪桥村"


@pytest.mark.slow
def test_first_start_asks_for_the_profile(qtbot, db_path):
    code = valid_uscc()
    # The profile and the first account together, then the recovery key (ui/setup/first_start.py).
    titles = when_modal(*first_start_steps(name="八名村", code=code, township="天门乡", county="新化县",
                                           clerk="王文书", phone="13900001111"))
    window = open_window(db_path)
    qtbot.addWidget(window)
    try:
        assert titles, "the profile dialog was not shown"
        assert "八名村" in window.village_label.text()
        assert str(db_path) in window.path_label.text()
        assert window.windowTitle() == "村务通"
    finally:
        window.store.close()


@pytest.mark.slow
def test_add_household_then_person_with_wrong_then_right_id(qtbot, profiled_store):
    window = MainWindow(profiled_store)
    qtbot.addWidget(window)
    page = window.households
    good = valid_id()
    wrong = wrong_check(good)
    errors = []

    def household(d):
        assert d.form.findChild(QLineEdit, "code").text() == "HH001"
        _fill(d, group_name="第一村民小组", address="一组 3 号")
        _ok(d)

    def person_wrong(d):
        _fill(d, name="张三", id_number=wrong, relation="户主")
        _ok(d)
        errors.append(d.error_label.text())
        assert d.isVisible(), "a wrong ID number must keep the dialog open"

    def person_right(d):
        _fill(d, id_number=good)
        assert d.form.findChild(QComboBox, "gender").currentText() == "男"
        _ok(d)

    def person_wrong_noted(d):
        # Saving the household was confirmed in the status bar, without a box to click away (#18).
        errors.append(window.statusBar().currentMessage())
        person_wrong(d)

    when_modal(household, person_wrong_noted, person_right)
    page.buttons["add_household"].click()
    assert errors[0] == "农户 HH001 已保存。"
    errors.pop(0)
    assert "校验位" in errors[0]
    assert page.persons.rowCount() == 1
    record = page.persons.record(0)
    assert (record["name"], record["gender"], record["birth_date"]) == ("张三", "男", "1970-03-05")
    assert record["id_number"] == good


def _seed(store):
    h1 = people.add_household(store, code="HH001", group_name="第一组")
    h2 = people.add_household(store, code="HH002", group_name="第二组")
    zhang = people.add_person(store, h1["id"], name="张三", id_number=valid_id(), relation="户主")
    people.add_person(store, h1["id"], name="李梅", relation="配偶", gender="女")
    people.add_person(store, h2["id"], name="王五", relation="户主")
    return h1, h2, zhang


def test_search_by_pinyin_initials_and_chinese(qtbot, profiled_store):
    _seed(profiled_store)
    window = MainWindow(profiled_store)
    qtbot.addWidget(window)
    page = window.households
    assert page.persons.rowCount() == 3
    qtbot.keyClicks(page.search, "zs")
    assert page.persons.rowCount() == 1
    assert page.persons.record(0)["name"] == "张三"
    assert page.households.rowCount() == 1
    page.search.clear()
    page.search.setText("王")
    assert [page.persons.record(i)["name"] for i in range(page.persons.rowCount())] == ["王五"]
    page.search.setText("没有这个人")
    assert page.persons.rowCount() == 0


def test_archive_person_hides_then_shows_with_archived(qtbot, profiled_store):
    _seed(profiled_store)
    window = MainWindow(profiled_store)
    qtbot.addWidget(window)
    page = window.households
    page.search.setText("李梅")
    page.persons_view.selectRow(0)
    assert page.buttons["archive"].isEnabled()
    when_modal(lambda d: (_fill(d, reason="迁出"), _ok(d)))
    page.buttons["archive"].click()
    page.search.clear()
    assert page.persons.rowCount() == 2
    page.show_archived.setChecked(True)
    assert page.persons.rowCount() == 3
    archived = [page.persons.record(i) for i in range(3) if page.persons.record(i)["archived"]]
    assert [r["name"] for r in archived] == ["李梅"]
    row = profiled_store.row("SELECT archived, archived_reason FROM persons WHERE name = '李梅'")
    assert row == {"archived": 1, "archived_reason": "迁出"}


def test_move_person_between_households(qtbot, profiled_store):
    _h1, h2, _zhang = _seed(profiled_store)
    window = MainWindow(profiled_store)
    qtbot.addWidget(window)
    page = window.households
    page.search.setText("李梅")
    page.persons_view.selectRow(0)

    def move(d):
        combo = d.form.findChild(QComboBox, "household")
        combo.setCurrentIndex(combo.findData(h2["id"]))
        _fill(d, relation="配偶")
        _ok(d)

    when_modal(move)
    page.buttons["move"].click()
    moved = profiled_store.row("SELECT household_id, code FROM persons WHERE name = '李梅'")
    assert moved == {"household_id": h2["id"], "code": "HH002-P02"}


def test_households_tab_shows_members_of_chosen_household(qtbot, profiled_store):
    _seed(profiled_store)
    window = MainWindow(profiled_store)
    qtbot.addWidget(window)
    page = window.households
    page.tabs.setCurrentIndex(1)
    page.households_view.selectRow(0)
    names = sorted(page.members.record(i)["name"] for i in range(page.members.rowCount()))
    assert names == ["张三", "李梅"]
    head = page.households.record(0)
    assert (head["code"], head["head_name"], head["member_count"]) == ("HH001", "张三", 2)


def test_person_dialog_fills_gender_and_birth_from_id(qtbot, profiled_store):
    h1, _h2, _z = _seed(profiled_store)
    dialog = PersonDialog(profiled_store, h1["id"])
    qtbot.addWidget(dialog)
    from datetime import date
    number = valid_id(date(1992, 11, 30), 246)
    dialog.form.findChild(QLineEdit, "id_number").setText(number)
    assert dialog.form.findChild(QComboBox, "gender").currentText() == "女"
    assert dialog.form.findChild(QLineEdit, "birth_date").text() == "1992-11-30"
    assert "有效" in dialog.form.findChild(QLabel, "id_number_hint").text()


def test_table_model_passes_qt_model_checks(qtmodeltester, profiled_store):
    _seed(profiled_store)
    window = MainWindow(profiled_store)
    qtmodeltester.check(window.households.persons)
    qtmodeltester.check(window.households.households)


def test_navigation_has_only_built_areas(qtbot, profiled_store):
    window = MainWindow(profiled_store)
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["首页", "户籍", "两委成员", "积分", "会议记录", "民情台账", "村务公开", "导出与打印"]
    home = window.home  # built on first use (pages are built lazily)
    assert window.pages.currentWidget() is home  # the window opens on the home page
    window.nav.setCurrentRow(1)
    assert window.pages.currentWidget() is window.households
    window.nav.setCurrentRow(2)
    assert window.pages.currentWidget() is window.committee
    window.nav.setCurrentRow(3)
    assert window.pages.currentWidget() is window.points
    window.nav.setCurrentRow(4)
    assert window.pages.currentWidget() is window.meetings
    window.nav.setCurrentRow(5)
    assert window.pages.currentWidget() is window.requests
    window.nav.setCurrentRow(6)
    assert window.pages.currentWidget() is window.notices
    window.nav.setCurrentRow(7)
    assert window.pages.currentWidget() is window.export
    assert window.findChild(QPushButton, "export_excel") is not None


@pytest.mark.slow
def test_window_start_does_not_load_the_document_libraries():
    """openpyxl and reportlab cost ~0.8 s to import; the window loads them on first use."""
    import subprocess
    import sys

    code = ("import sys; import villagedesk.ui.main_window, villagedesk.ui.app; "
            "print(sorted(m for m in ('openpyxl', 'reportlab', 'pypinyin') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_an_archived_person_can_be_restored(qtbot, profiled_store):
    _seed(profiled_store)
    window = MainWindow(profiled_store)
    qtbot.addWidget(window)
    page = window.households
    page.search.setText("李梅")
    page.persons_view.selectRow(0)
    when_modal(lambda d: (_fill(d, reason="迁出"), _ok(d)))
    page.buttons["archive"].click()
    page.show_archived.setChecked(True)
    page.persons_view.selectRow(0)
    assert page.buttons["archive"].text() == "恢复"
    page.buttons["archive"].click()
    assert profiled_store.row("SELECT archived FROM persons WHERE name = '李梅'") == {"archived": 0}
    actions = [r["action"] for r in profiled_store.rows(
        "SELECT action FROM audit WHERE table_name = 'persons' ORDER BY id")]
    assert actions[-2:] == ["archive", "restore"]


def test_lists_open_in_their_own_order(qtbot, profiled_store):
    _seed(profiled_store)
    window = MainWindow(profiled_store)
    qtbot.addWidget(window)
    codes = [window.households.persons.record(i)["code"] for i in range(3)]
    assert codes == ["HH001-P01", "HH001-P02", "HH002-P01"]


# --- what clerks expect: shortcuts, undo, 字号, help ----------------------------------------------

def _window(qtbot, store):
    from tests.helpers.ui import shown

    return shown(qtbot, MainWindow(store), (1366, 768))


def _action(window, name):
    """The menu entry ``name``: a shown window fills its menus by itself, right after its first paint."""
    import time

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QApplication

    from tests.helpers import WAIT_MS

    deadline = time.monotonic() + WAIT_MS / 1000
    while window.findChild(QAction, name) is None and time.monotonic() < deadline:
        QApplication.processEvents()
    return window.findChild(QAction, name)


def test_the_menus_entries_follow_the_first_paint_and_a_first_key_finds_them(qtbot, profiled_store):
    """The first paint shows the menus' titles; their entries are made after it (#18, the window opening at
    once), or at once for a key pressed before: its shortcut must answer."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
    from PySide6.QtWidgets import QApplication

    window = MainWindow(profiled_store)
    qtbot.addWidget(window)
    assert len(window.menuBar().actions()) == 4 and all(a.text() for a in window.menuBar().actions())
    assert window.findChild(QAction, "undo_action") is None
    # Qt asks the focus widget whether it overrides a shortcut before it looks the shortcut up; the
    # question goes up to the window, which makes the entries first.
    override = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(window.nav, override)
    assert window.findChild(QAction, "undo_action").shortcut() == QKeySequence("Ctrl+Z")
    assert window.search_action.shortcut() == QKeySequence("Ctrl+K")
    assert len(window.go_actions) == window.nav.count()


def test_asking_for_a_menu_entry_makes_the_entries(qtbot, profiled_store):
    window = MainWindow(profiled_store)
    qtbot.addWidget(window)
    assert window.first_hour_action.isVisible()  # made when first asked for, not before a paint
    assert window.township_action.text()


@pytest.mark.slow
def test_shortcuts_press_the_pages_own_buttons_and_say_so(qtbot, profiled_store):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QAbstractItemView

    window = _window(qtbot, profiled_store)
    assert _action(window, "new_action").shortcut() == QKeySequence("Ctrl+N")
    assert _action(window, "save_action").shortcut() == QKeySequence("Ctrl+S")
    assert _action(window, "print_action").shortcut() == QKeySequence("Ctrl+P")
    assert _action(window, "direct_print_action").shortcut() == QKeySequence("Ctrl+Shift+P")
    assert _action(window, "refresh_action").shortcut() == QKeySequence("F5")
    assert _action(window, "undo_action").shortcut() == QKeySequence("Ctrl+Z")
    assert _action(window, "manual_action").shortcut() == QKeySequence("F1")
    go = _action(window, "go_meetings")
    assert go.shortcut() == QKeySequence("Ctrl+5") and "Ctrl+5" in window.nav.item(4).toolTip()
    go.trigger()
    assert window.pages.currentWidget() is window.meetings
    assert window.meetings.findChild(QPushButton, "new_meeting").toolTip().endswith("（Ctrl+N）")
    _action(window, "go_households").trigger()
    button = window.findChild(QPushButton, "add_household")
    assert button.toolTip() == "新增户（Ctrl+N）"
    assert "Ctrl+N" not in window.findChild(QPushButton, "add_person").toolTip()
    titles = when_modal(lambda d: d.reject())
    _action(window, "new_action").trigger()
    qtbot.waitUntil(lambda: bool(titles))
    assert window.page_button("new") is button
    # A page without a printout says so instead of doing nothing.
    assert window.run_command("print") is None
    assert "没有这项操作" in window.statusBar().currentMessage()
    _action(window, "refresh_action").trigger()
    # Every list of every page has the right-click menu (each page built first: they are built lazily).
    for row in range(window.nav.count()):
        window.go_to(window.nav.item(row).data(Qt.ItemDataRole.UserRole))
    views = [v for i in range(window.pages.count()) for v in window.pages.widget(i).findChildren(QAbstractItemView)
             if v.window() is window]
    assert len(views) > 20
    assert [v.objectName() for v in views if v.contextMenuPolicy() != v.contextMenuPolicy().CustomContextMenu] == []


@pytest.mark.slow
def test_undo_puts_the_last_edit_back_and_says_what(qtbot, profiled_store, boxes):
    window = _window(qtbot, profiled_store)
    house = people.add_household(profiled_store, code="HH001", group_name="第一村民小组", address="杨家湾1号")
    people.update_household(profiled_store, house["id"], address="杨家湾2号")
    window._update_undo()
    assert _action(window, "undo_action").text() == "撤销(&U)：修改 户 HH001"
    _action(window, "go_households").trigger()
    window.households.tabs.setCurrentIndex(1)
    _action(window, "undo_action").trigger()
    assert people.get_household(profiled_store, house["id"])["address"] == "杨家湾1号"
    assert window.statusBar().currentMessage() == "已撤销：修改 户 HH001"
    shown_address = window.households.households.record(0)["address"]
    assert shown_address == "杨家湾1号"  # the page shows it at once
    assert window.undo() is not None  # adding HH001
    assert window.households.households.rowCount() == 0
    assert window.undo() is None
    assert boxes and boxes[-1][0] == "information" and "没有可以撤销的改动" in boxes[-1][2]


@pytest.mark.slow
def test_text_size_grows_the_window_and_charts_and_is_kept(qtbot, profiled_store):
    from PySide6.QtWidgets import QApplication

    from villagedesk.ui.kit import font_size

    window = _window(qtbot, profiled_store)
    base, nav = QApplication.font().pointSizeF(), window.nav.width()
    title = window.home.charts.views["groups"].chart().titleFont().pointSizeF()
    try:
        _action(window, "font_larger").trigger()
        assert QApplication.font().pointSizeF() == pytest.approx(base * 1.5)
        assert window.nav.width() == round(nav * 1.5)
        assert window.home.charts.views["groups"].chart().titleFont().pointSizeF() == pytest.approx(title * 1.25)
        assert font_size.chosen() == "larger"
        again = _window(qtbot, profiled_store)  # the next start
        assert again.nav.width() == round(nav * 1.5) and _action(again, "font_larger").isChecked()
        _action(window, "font_standard").trigger()
        assert window.nav.width() == nav and QApplication.font().pointSizeF() == pytest.approx(base)
    finally:
        font_size.choose("standard")


@pytest.mark.slow
def test_f1_opens_the_manual_at_the_page_and_the_first_hour_opens_pages(qtbot, profiled_store):
    window = _window(qtbot, profiled_store)
    _action(window, "go_notices").trigger()
    _action(window, "manual_action").trigger()
    manual = window.manual_dialog
    assert manual.isVisible() and "村务公开" in manual.browser.toPlainText()
    assert manual.browser.verticalScrollBar().value() > 0
    _action(window, "first_hour_action").trigger()
    checklist = window.first_hour
    assert checklist.isVisible() and checklist.marks["profile"].text() == "✔"
    checklist.step_buttons["points"].click()
    assert window.pages.currentWidget() is window.points
    assert window.points.tabs.currentWidget() is window.points.entry


def test_the_window_opens_maximised_on_a_screen_smaller_than_it(qtbot, profiled_store):
    """The test screen (800 wide) is smaller than the window's 1180 × 720, like a 1366 × 768 laptop
    with its taskbar: the window takes the whole screen (#18)."""
    window = MainWindow(profiled_store)
    qtbot.addWidget(window)
    window.show()
    assert window.isMaximized()


def test_a_page_scrolls_only_where_the_window_is_smaller_than_it(qtbot):
    from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

    from tests.helpers.ui import shown
    from villagedesk.ui.main_window import PageScroll

    holder = QWidget()
    stack = QStackedWidget()
    page = QWidget()
    page.setMinimumSize(500, 400)
    stack.addWidget(page)
    scroll = PageScroll(stack, holder)
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(scroll)
    shown(qtbot, holder, (700, 560))
    qtbot.waitUntil(lambda: stack.size() == scroll.viewport().size())
    assert not scroll.verticalScrollBar().isVisible() and not scroll.horizontalScrollBar().isVisible()
    holder.resize(450, 300)  # the 字号 特大 on a small screen: the page keeps its minimum and scrolls
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().isVisible())
    assert stack.width() >= 500 and stack.height() >= 400
