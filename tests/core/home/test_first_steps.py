"""The first hour's steps are ticked off from the data."""

from __future__ import annotations

from tests.helpers.factories import valid_uscc
from villagedesk.core import notices
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.core.home import first_steps
from villagedesk.core.register import people


def test_steps_tick_off_as_the_records_appear(store):
    progress = first_steps.progress(store)
    assert progress.done == dict.fromkeys(first_steps.STEPS, False) and progress.next_step == "profile"
    save_profile(store, Profile("油溪桥村", valid_uscc(), "天门乡", "新化县", "李文书", "13812341234"))
    people.add_household(store, code="HH001", group_name="第一村民小组")
    progress = first_steps.progress(store)
    assert progress.done["profile"] and progress.done["roster"] and progress.next_step == "points"
    notices.create_notice(store, category="村务公开", title="通知")
    progress = first_steps.progress(store)
    assert progress.done["notice"] and progress.next_step == "points" and not progress.finished
