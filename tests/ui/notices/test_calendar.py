"""Where a posting period is set, a year without the State Council's holiday calendar is said in
red and the township's file can be loaded right there (docs/DOMAIN.md §4.2, §4.7)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QFileDialog

from tests.core.notices.test_notices import build_village, draft
from villagedesk import clock
from villagedesk.core import notices
from villagedesk.core.common import workdays
from villagedesk.ui.notices.dialogs import PostDialog

LAST = max(workdays.library_years())


@pytest.fixture
def reviewed(profiled_store):
    clock.set(date(LAST, 12, 24))
    village = build_village(profiled_store)
    notice = draft(village.store, issued_on=date(LAST, 12, 24))
    return notices.review_notice(village.store, notice["id"], reviewer_id=village.reviewer["id"], day=date(LAST, 12, 24))


def test_the_post_dialog_warns_of_a_year_without_holidays_and_loads_it(qtbot, profiled_store, reviewed, tmp_path,
                                                                        monkeypatch, boxes):
    dialog = PostDialog(profiled_store, reviewed)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.field("days").setText("10")
    assert dialog.calendar_warning.isHidden() and dialog.load_button.isHidden()  # calendar days: nothing to say
    dialog.working.setChecked(True)
    assert dialog.calendar_warning.isVisible() and dialog.load_button.isVisible()
    assert f"没有 {LAST + 1} 年的法定节假日和调休安排" in dialog.calendar_warning.text()
    dialog.field("days").setText("3")  # ends within the known year
    assert dialog.calendar_warning.isHidden()
    dialog.field("days").setText("10")

    path = tmp_path / "节假日.csv"
    path.write_text(f"日期,类型,名称\n{LAST + 1}-01-01,休,元旦\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    dialog.load_button.click()
    assert boxes and boxes[-1][0] == "information" and f"已载入 {LAST + 1} 年节假日日历" in boxes[-1][2]
    assert dialog.calendar_warning.isHidden() and dialog.load_button.isHidden()


def test_a_bad_file_is_refused_with_its_reason_and_the_warning_stays(qtbot, profiled_store, reviewed, tmp_path,
                                                                     monkeypatch, boxes):
    dialog = PostDialog(profiled_store, reviewed)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.field("days").setText("10")
    dialog.working.setChecked(True)
    path = tmp_path / "坏.csv"
    path.write_text("日期,类型\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    dialog.load_button.click()
    assert boxes[-1][0] == "warning" and "第一行应为“日期,类型,名称”" in boxes[-1][2]
    assert dialog.calendar_warning.isVisible()
    assert profiled_store.scalar("SELECT count(*) FROM holiday_calendars") == 0
