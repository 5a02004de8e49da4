"""The notice editor's table: a finance statement's totals always follow its rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from tests.helpers.ui import shown
from villagedesk.core import notices
from villagedesk.ui.notices.dialogs import NoticeDialog


def _finance_editor(qtbot, store):
    dialog = shown(qtbot, NoticeDialog(store))
    dialog.field("table_kind").setCurrentText(notices.FINANCE)
    return dialog.editor


def test_add_row_gives_a_line_with_its_side_and_the_totals_follow_every_change(qtbot, store):
    editor = _finance_editor(qtbot, store)
    editor.set_cell(0, 0, notices.INCOME)
    editor.set_cell(0, 1, "上级补助")
    editor.set_cell(0, 2, "20000")

    qtbot.mouseClick(editor.buttons["add_row"], Qt.MouseButton.LeftButton)
    assert editor.grid.rowCount() == 2
    side = editor.grid.cellWidget(1, 0)
    assert isinstance(side, QComboBox)
    assert [side.itemText(i) for i in range(side.count())] == ["", notices.INCOME, notices.EXPENSE]

    editor.set_cell(1, 0, notices.EXPENSE)
    editor.set_cell(1, 1, "道路维修")
    editor.set_cell(1, 2, "12000.50")
    assert "本期收入合计：20,000.00 元" in editor.totals.text()
    assert "本期支出合计：12,000.50 元" in editor.totals.text()
    assert "本期收支结余（收入－支出）：7,999.50 元" in editor.totals.text()

    editor.set_cell(1, 2, "12000.40")  # an edit
    assert "本期支出合计：12,000.40 元" in editor.totals.text()
    editor.set_cell(1, 0, notices.INCOME)  # the side changed
    assert "本期支出合计：0.00 元" in editor.totals.text()
    assert "本期收入合计：32,000.40 元" in editor.totals.text()

    editor.grid.setCurrentCell(0, 1)
    qtbot.mouseClick(editor.buttons["remove_row"], Qt.MouseButton.LeftButton)
    assert editor.grid.rowCount() == 1
    assert "本期收入合计：12,000.40 元" in editor.totals.text()

    editor.grid.removeRow(0)  # a row gone by any way counts too
    assert "本期收入合计：0.00 元" in editor.totals.text()


def test_a_stored_statement_loads_with_its_totals(qtbot, store):
    editor = _finance_editor(qtbot, store)
    statement = notices.finance_statement(
        [[notices.INCOME, "上级补助", "100", ""], [notices.EXPENSE, "保洁", "30.5", "三月"]], opening="10")
    editor.load(statement)
    assert editor.grid.rowCount() == 2
    assert editor.table() == statement
    assert "期末余额（上期结余＋本期收支结余）：79.50 元" in editor.totals.text()
