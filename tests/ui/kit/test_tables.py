"""The right-click menu every list has: the page's actions beside it for the row clicked, and Copy."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QGroupBox, QListWidget, QVBoxLayout

from tests.helpers.ui import shown
from villagedesk.ui.kit.list_tab import ListTab
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.kit.tables import attach_row_menu, nearby_buttons, row_menu, small_table


class Things(ListTab):
    """A list with a row of buttons above it (one needs a chosen row) and a second list with its own."""

    def __init__(self, store):
        super().__init__(store)
        self.done: list[tuple[str, object]] = []
        self.model = ListTableModel([("name", "名称"), ("note", "备注")],
                                    [{"id": 1, "name": "甲", "note": "一"}, {"id": 2, "name": "乙", "note": "二"}],
                                    None, self)
        self.view = self._table(self.model, "things_view")
        bar = self._bar([("new_thing", "New", lambda: self.done.append(("new", None))),
                         ("edit_thing", "Edit", lambda: self.done.append(("edit", self.selected_id())))])
        self.hidden = self._button("hidden_thing", "Hidden", lambda: None)
        self.hidden.hide()
        box = QGroupBox(self)
        self.other = small_table(ListTableModel([("name", "名称")], [{"id": 9, "name": "丙"}], None, self),
                                 box, "other_view")
        inner = QVBoxLayout(box)
        inner.addWidget(self.other)
        inner.addLayout(self._bar([("remove_other", "Remove", lambda: None)]))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.hidden)
        layout.addWidget(self.view)
        layout.addWidget(box)
        self.view.selectionModel().selectionChanged.connect(
            lambda *_: self.buttons["edit_thing"].setEnabled(self.selected() is not None))
        self.buttons["edit_thing"].setEnabled(False)

    def refresh(self) -> None:
        pass


def _row_pos(view, row):
    return view.visualRect(view.model().index(row, 0)).center()


def test_a_right_click_chooses_the_row_and_offers_the_pages_actions(qtbot, store):
    tab = shown(qtbot, Things(store), (500, 400))
    menu = row_menu(tab.view, _row_pos(tab.view, 1))
    assert tab.selected_id() == 2
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["New", "Edit", "复制“乙”"]
    edit = menu.actions()[1]
    assert edit.isEnabled()  # the button followed the row chosen by the right-click
    edit.trigger()
    assert tab.done == [("edit", 2)]
    menu.actions()[-1].trigger()
    assert QGuiApplication.clipboard().text() == "乙"


def test_a_list_with_its_own_buttons_offers_only_those(qtbot, store):
    tab = shown(qtbot, Things(store), (500, 400))
    assert [b.objectName() for b in nearby_buttons(tab.other)] == ["remove_other"]
    assert [b.objectName() for b in nearby_buttons(tab.view)] == ["new_thing", "edit_thing"]


def test_a_list_without_buttons_opens_the_row_as_a_double_click_would(qtbot):
    from PySide6.QtWidgets import QWidget

    holder = shown(qtbot, QWidget(), (300, 200))
    listing = QListWidget(holder)
    QVBoxLayout(holder).addWidget(listing)
    listing.addItems(["待审核积分 3 条", "逾期诉求 1 件"])
    opened = []
    listing.itemActivated.connect(lambda item: opened.append(item.text()))
    attach_row_menu(listing)
    menu = row_menu(listing, listing.visualItemRect(listing.item(1)).center())
    assert [a.text() for a in menu.actions() if not a.isSeparator()][0] == "打开"
    menu.actions()[0].trigger()
    assert opened == ["逾期诉求 1 件"]


def test_a_click_beside_the_rows_offers_the_actions_without_copy(qtbot, store):
    tab = shown(qtbot, Things(store), (500, 400))
    below = tab.view.viewport().rect().bottomLeft()
    texts = [a.text() for a in row_menu(tab.view, below).actions()]
    assert texts == ["New", "Edit"]


def test_free_text_columns_give_way_so_the_short_ones_stay_in_view(qtbot):
    """A list narrower than its columns (a 1366-pixel laptop, #18): the content narrows, the status stays."""
    from PySide6.QtWidgets import QWidget

    from villagedesk.ui.kit.tables import ELASTIC_MIN, make_table

    model = ListTableModel([("code", "编号"), ("content", "诉求内容"), ("note", "备注"), ("status", "状态"),
                            ("closed_on", "办结日期")], [{"id": 1, "code": "SQ000001", "content": "道路" * 30,
                                                      "note": "无", "status": "已办结", "closed_on": "2026-11-15"}])
    holder = shown(qtbot, QWidget(), (900, 300))
    view = make_table(model, holder)
    for column, width in enumerate((100, 400, 300, 70, 100)):
        view.setColumnWidth(column, width)
    view.resize(600, 200)
    view.show()
    qtbot.waitUntil(lambda: view.horizontalHeader().length() <= view.viewport().width())
    last = model.columnCount() - 1
    assert view.columnViewportPosition(last) + view.columnWidth(last) <= view.viewport().width()
    assert view.columnWidth(0) == 100 and view.columnWidth(3) == 70  # the short ones keep their width
    assert ELASTIC_MIN <= view.columnWidth(1) < 400
    view.resize(1400, 200)  # room again: the page's widths come back
    qtbot.waitUntil(lambda: view.columnWidth(1) == 400 and view.columnWidth(2) == 300)


@pytest.mark.slow
def test_a_print_button_is_offered_also_as_print_directly(qtbot, store, tmp_path, boxes):
    from pypdf import PdfReader
    from PySide6.QtCore import QSettings

    from tests.ui.kit.test_print_preview import WAIT, make_pdf
    from villagedesk.ui.kit.print_preview import DIRECT_PRINTER_FILE

    out = tmp_path / "printed.pdf"
    QSettings().setValue(DIRECT_PRINTER_FILE, str(out))  # no printer in CI: direct prints go to a file
    tab = Things(store)
    tab.print_button = tab._button("print_things", "Print…", lambda: tab._print(
        "Printing", "things", "things.pdf", lambda reader, pdf, progress: make_pdf(pdf, pages=1)))
    tab.layout().insertWidget(0, tab.print_button)
    shown(qtbot, tab, (500, 400))
    menu = row_menu(tab.view, _row_pos(tab.view, 0))
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:4] == ["Print…", "直接打印", "New", "Edit"]
    next(a for a in menu.actions() if a.objectName() == "direct_print").trigger()
    assert tab.job.wait(WAIT) and tab.job.state == "done"
    qtbot.waitUntil(lambda: bool(boxes))
    assert len(PdfReader(out).pages) == 1
