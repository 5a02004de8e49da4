"""The minutes editor as the clerk reads it: one present count, 定稿 asked only when it can be done,
finalised minutes plainly read-only.  Real widgets over a real database (qtbot)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QMessageBox

from tests.core.meetings.test_minutes import TODAY, held_meeting, make_register
from tests.ui.meetings.test_page import _choose, _editor
from villagedesk import clock
from villagedesk.core.meetings import minutes as meetings
from villagedesk.core.meetings.votes import PARTY_MEMBERS
from villagedesk.ui.meetings.attendance import PRESENT

pytestmark = pytest.mark.usefixtures("vd_app")


@pytest.fixture(autouse=True)
def _today():
    clock.set(TODAY)  # 2026-07-20


@pytest.fixture
def village(profiled_store):
    return profiled_store, make_register(profiled_store)


def test_the_present_tab_and_the_line_under_it_give_one_count(qtbot, village):
    store, _ = village
    dialog = _editor(qtbot, store)
    _choose(dialog.chair, "张建国")
    _choose(dialog.recorder, "曾国华")
    # Nobody ticked yet: the chair and the recorder are present, on the tab and in the line alike.
    assert dialog.attendance.people_tabs.tabText(PRESENT) == "出席（2）"
    assert dialog.attendance.attendance_label.text().startswith("出席 2 人")
    assert [r["name"] for r in dialog.attendance.present.rows()] == ["张建国", "曾国华"]


def test_finalising_minutes_core_refuses_asks_nothing_and_says_why(qtbot, village, monkeypatch):
    store, register = village
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes)
    draft = held_meeting(store, register, kind=PARTY_MEMBERS, title="党员大会", present=("王德明", "陈春莲"),
                         finalise=False, votes=(3, 0, 0))
    dialog = _editor(qtbot, store, draft["id"])
    dialog.actions["finalise"].click()
    assert asked == [], "no 永久锁定? for minutes core will not lock"
    assert "陈春莲 不是" in dialog.error_label.text() and dialog.tabs.currentIndex() == 1  # the attendance tab
    assert meetings.get_meeting(store, draft["id"])["status"] == meetings.DRAFT
    dialog.close()

    ready = held_meeting(store, register, title="罗家冲屋场会", finalise=False)
    dialog = _editor(qtbot, store, ready["id"])
    dialog.actions["finalise"].click()
    assert len(asked) == 1 and meetings.get_meeting(store, ready["id"])["status"] == meetings.FINAL


def test_finalised_minutes_are_shown_read_only_under_a_banner(qtbot, village):
    store, register = village
    final = held_meeting(store, register)
    dialog = _editor(qtbot, store, final["id"])
    assert dialog.status_label.text().startswith("已定稿：") and "background" in dialog.status_label.styleSheet()
    for name in dialog.fields:
        assert not dialog.field(name).isEnabled(), name
    assert not dialog.form.findChild(QLineEdit, "chair_name").isEnabled()
    assert not dialog.actions["finalise"].isVisibleTo(dialog) and dialog.actions["amend"].isVisibleTo(dialog)
