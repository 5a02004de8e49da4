"""从模板新建: a draft started from a template, its 落款 from the village profile, saved through core."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from tests.helpers.ui import shown, when_modal
from villagedesk.core import notices
from villagedesk.ui.notices.dialogs import NoticeDialog
from villagedesk.ui.notices.page import NoticeListTab


def test_a_finance_template_opens_filled_in_and_saves_a_draft(qtbot, profiled_store):
    tab = shown(qtbot, NoticeListTab(profiled_store), (1100, 700))
    assert tab.findChild(QPushButton, "from_template").text() == "从模板新建…"
    seen: list[NoticeDialog] = []

    def fill(dialog):
        seen.append(dialog)
        assert dialog.field("category").currentText() == "财务公开"
        assert dialog.field("issuer").text() == "油溪桥村村民委员会"
        assert dialog.field("title").text() == "油溪桥村2026年10月村级财务收支公开"
        assert dialog.field("table_kind").currentText() == notices.FINANCE
        assert dialog.editor.kind == notices.FINANCE and dialog.editor.grid.rowCount() == 1
        dialog.editor.set_cell(0, 0, notices.EXPENSE)
        dialog.editor.set_cell(0, 1, "办公费")
        dialog.editor.set_cell(0, 2, "250.50")
        dialog.try_accept()

    titles = when_modal(fill)
    assert tab.new_from_template("finance")
    assert titles == ["从模板新建公开"]
    notice = notices.get_notice(profiled_store, tab.selected()["_id"])
    assert notice["issuer"] == "油溪桥村村民委员会" and notice["status"] == notices.DRAFT
    assert notice["body"].startswith("根据村务公开的有关规定")
    assert notices.notice_table(profiled_store, notice["id"]).expense_fen == 25050


def test_a_project_template_brings_its_columns(qtbot, profiled_store):
    tab = shown(qtbot, NoticeListTab(profiled_store), (1100, 700))
    columns = []

    def look(dialog):
        grid = dialog.editor.grid
        columns.extend(grid.horizontalHeaderItem(c).text() for c in range(grid.columnCount()))
        dialog.reject()

    when_modal(look)
    assert not tab.new_from_template("project")
    assert columns[:2] == ["项目名称", "建设地点"] and len(columns) == 7


def test_ctrl_s_saves_the_form(qtbot, profiled_store):
    from PySide6.QtGui import QKeySequence, QShortcut

    tab = shown(qtbot, NoticeListTab(profiled_store), (1100, 700))
    tips = []

    def save_by_keys(dialog):
        tips.append(dialog.buttons.button(dialog.buttons.StandardButton.Ok).toolTip())
        dialog.field("title").setText("关于村部屋顶维修的决议公开")
        # The offscreen platform delivers no shortcut to a dialog it never activates: the shortcut is
        # looked up by its keys and fired as Qt would.
        save = next(s for s in dialog.findChildren(QShortcut) if s.key() == QKeySequence(QKeySequence.StandardKey.Save))
        save.activated.emit()

    when_modal(save_by_keys)
    assert tab.new_from_template("resolution")
    assert tips == ["保存（Ctrl+S）"]
    assert notices.get_notice(profiled_store, tab.selected()["_id"])["title"] == "关于村部屋顶维修的决议公开"
