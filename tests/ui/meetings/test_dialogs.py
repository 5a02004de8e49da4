"""The resolution dialog judges the votes as they are typed, and never beside impossible numbers."""

from __future__ import annotations

import pytest

from tests.core.meetings.test_minutes import TODAY, held_meeting, make_register
from villagedesk import clock
from villagedesk.core.meetings.votes import PARTY_MEMBERS
from villagedesk.ui.meetings.dialogs import ResolutionDialog

pytestmark = pytest.mark.usefixtures("vd_app")


@pytest.fixture(autouse=True)
def _today():
    clock.set(TODAY)  # 2026-07-20


def _dialog(qtbot, store, meeting_id) -> ResolutionDialog:
    dialog = ResolutionDialog(store, meeting_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _type(dialog, votes_for: str, against: str = "0", abstain: str = "0") -> None:
    for name, text in (("votes_for", votes_for), ("votes_against", against), ("votes_abstain", abstain)):
        dialog.field(name).setText(text)


def test_impossible_votes_get_no_verdict_and_nothing_moves(qtbot, profiled_store):
    store = profiled_store
    register = make_register(store)
    meeting = held_meeting(store, register, finalise=False)  # five present
    dialog = _dialog(qtbot, store, meeting["id"])
    dialog.text.setPlainText("同意修缮水渠")
    where = {name: dialog.field(name).mapTo(dialog, dialog.field(name).rect().topLeft())
             for name in ("votes_for", "agenda")}
    size = dialog.size()
    _type(dialog, "4")
    assert "通过" in dialog.verdict.text()
    _type(dialog, "7011")
    assert "票数合计 7011 超过了到会人数 5" in dialog.verdict.text()
    assert "通过" not in dialog.verdict.text(), "no green 通过 beside impossible numbers"
    assert "c0392b" in dialog.verdict.styleSheet()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible() and "票数合计 7011 超过了到会人数 5" in dialog.verdict.text()
    qtbot.wait(10)
    assert {name: dialog.field(name).mapTo(dialog, dialog.field(name).rect().topLeft())
            for name in where} == where, "the fields stay where they were"
    assert dialog.size() == size
    _type(dialog, "3", "1", "1")
    assert "通过" in dialog.verdict.text() and dialog.verdict.styleSheet() != ""


def test_a_party_vote_is_judged_live_against_all_full_members(qtbot, profiled_store):
    store = profiled_store
    register = make_register(store)
    # 6 正式党员 should attend; 4 came (with the chair and the recorder).
    meeting = held_meeting(store, register, kind=PARTY_MEMBERS, title="党员大会", present=("王德明", "刘志高"),
                           absent={"杨福生": "外出", "彭光荣": "外出"}, guests=(("陈春莲", "预备党员"),),
                           finalise=False, votes=(3, 0, 0))
    dialog = _dialog(qtbot, store, meeting["id"])
    _type(dialog, "3", "1")
    assert "赞成票未超过应到会有表决权党员（6 人）的一半：未通过" in dialog.verdict.text()
    _type(dialog, "4")
    assert "赞成票超过应到会有表决权党员（6 人）的一半：通过" in dialog.verdict.text()
