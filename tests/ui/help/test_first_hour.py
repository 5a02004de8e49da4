"""The guided first hour: steps open what they need and tick off from the data."""

from __future__ import annotations

from tests.helpers.factories import valid_uscc
from tests.helpers.ui import shown
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.core.register import people
from villagedesk.ui.help.first_hour import DONE_MARK, OPEN_MARK, FirstHourDialog


def test_steps_open_their_forms_and_tick_off(qtbot, store):
    opened = []

    def fill_profile():
        opened.append("profile")
        save_profile(store, Profile("油溪桥村", valid_uscc(), "天门乡", "新化县", "李文书", "13812341234"))

    openers = {"profile": fill_profile, "roster": lambda: opened.append("roster"),
               "points": lambda: opened.append("points"), "notice": lambda: opened.append("notice")}
    dialog = shown(qtbot, FirstHourDialog(store, openers))
    assert [m.text() for m in dialog.marks.values()] == [OPEN_MARK] * 4
    assert dialog.step_buttons["profile"].isDefault()
    dialog.step_buttons["profile"].click()
    assert opened == ["profile"] and dialog.marks["profile"].text() == DONE_MARK
    assert dialog.step_buttons["roster"].isDefault()
    # Done elsewhere (the window, the command line): ticked when the checklist is read again.
    people.add_household(store, code="HH001", group_name="第一村民小组")
    dialog.refresh()
    assert dialog.marks["roster"].text() == DONE_MARK and dialog.summary.text() == ""
    dialog.step_buttons["notice"].click()
    assert opened == ["profile", "notice"]
