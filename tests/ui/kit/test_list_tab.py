"""The list-page base every page builds on: tables sized by key, the chosen record, forms and actions."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox

from villagedesk.errors import UserError
from villagedesk.ui.kit.list_tab import ListTab
from villagedesk.ui.kit.table_model import ListTableModel


class Things(ListTab):
    WIDTHS = {"name": 123}

    def __init__(self, store):
        super().__init__(store)
        self.refreshed = 0
        self.told = 0
        self.changed.connect(self._told)
        self.model = ListTableModel([("name", "名称"), ("note", "备注"), ("size", "大小")],
                                    [{"id": 1, "name": "甲"}, {"id": 2, "name": "乙"}], None, self)
        self.view = self._table(self.model, "things_view", size=77)

    def _told(self) -> None:
        self.told += 1

    def refresh(self) -> None:
        self.refreshed += 1


class Form:
    """Stands in for a form dialog: accepted or not, with what it saved."""

    def __init__(self, accepted: bool, saved=None):
        self.accepted, self.saved = accepted, saved

    def exec(self):
        return QDialog.DialogCode.Accepted if self.accepted else QDialog.DialogCode.Rejected


def test_tables_are_named_and_sized_by_key(qtbot, store):
    tab = Things(store)
    qtbot.addWidget(tab)
    assert tab.findChild(type(tab.view), "things_view") is tab.view
    assert tab.view.columnWidth(0) == 123  # the page's WIDTHS
    assert tab.view.columnWidth(2) == 77  # a width given for this table only

    class Wide(Things):
        DEFAULT_WIDTH = 66

    wide = Wide(store)
    qtbot.addWidget(wide)
    assert [wide.view.columnWidth(c) for c in range(3)] == [123, 66, 77]


def test_select_and_the_selected_record(qtbot, store):
    tab = Things(store)
    qtbot.addWidget(tab)
    assert tab.selected() is None and tab.selected_id() is None
    assert tab.select(2)
    assert tab.selected()["name"] == "乙" and tab.selected_id() == 2
    assert not tab.select(99), "a record not listed is not chosen"
    assert tab.selected_id() == 2


def test_a_form_that_saved_refreshes_and_tells_the_page(qtbot, store):
    tab = Things(store)
    qtbot.addWidget(tab)
    assert not tab._done(Form(False))
    assert (tab.refreshed, tab.told) == (0, 0)
    assert tab._done(Form(True, {"id": 2}))
    assert (tab.refreshed, tab.told) == (1, 1)
    assert tab.selected() is None, "only FOLLOW_SAVED chooses what the form saved"

    tab.FOLLOW_SAVED = True
    assert tab._done(Form(True, {"id": 2}))
    assert tab.selected_id() == 2


def test_an_action_refused_by_core_is_shown_and_changes_nothing(qtbot, store, boxes):
    tab = Things(store)
    qtbot.addWidget(tab)

    def refused():
        raise UserError("不能删除。")

    assert tab._act("删除", refused) is None
    assert boxes == [("warning", "删除", "不能删除。")]
    assert (tab.refreshed, tab.told) == (0, 0)
    assert tab._act("删除", lambda: {"id": 1}) == {"id": 1}
    assert (tab.refreshed, tab.told) == (1, 1) and len(boxes) == 1


def test_confirm_is_a_yes(qtbot, store, monkeypatch):
    tab = Things(store)
    qtbot.addWidget(tab)
    answers = iter([QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: next(answers))
    assert tab._confirm("标题", "确定？")
    assert not tab._confirm("标题", "确定？")


def test_the_notice_line_shows_only_with_text(qtbot, store):
    tab = Things(store)
    qtbot.addWidget(tab)
    tab.notice = tab._notice_label()
    tab.show()
    assert not tab.notice.isVisible()
    tab._say("已保存。")
    assert tab.notice.isVisible() and tab.notice.text() == "已保存。"
    tab._say("")
    assert not tab.notice.isVisible()
