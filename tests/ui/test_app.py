"""Starting the window (ui/app.py): it never waits for a backup; the backup follows in the background (#18)."""

from __future__ import annotations

import pytest

from tests.helpers import WAIT_MS
from tests.helpers.desk import first_start_steps, login_step
from tests.helpers.factories import valid_uscc
from tests.helpers.ui import when_modal
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.store import open_store
from villagedesk.store.backup import list_backups
from villagedesk.ui.app import no_display, open_window, show_window

pytestmark = pytest.mark.usefixtures("vd_app")


@pytest.mark.slow
def test_the_window_opens_before_the_backup_which_follows_in_the_background(qtbot, tmp_path):
    path = tmp_path / "village.sqlite3"
    with open_store(path) as store:
        save_profile(store, Profile("油溪桥村", "91350100M000100Y43", "天门乡", "新化县", "李文书", "13812341234"))
    when_modal(*first_start_steps())  # the first start encrypts the file and logs the 主任 in
    window = open_window(path)
    qtbot.addWidget(window)
    assert window.isVisible() and list_backups(path) == []  # shown without waiting for a copy
    qtbot.waitUntil(lambda: len(list_backups(path)) == 1, timeout=WAIT_MS)
    assert list_backups(path)[0].name.endswith("-open.sqlite3")
    window.close()
    window.store.close()
    # The next start logs in (an audit row): its copy replaces the day's, one a day is kept.
    when_modal(login_step("zhuren"))
    window = open_window(path)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.store.background_backup is not None, timeout=WAIT_MS)  # once settled
    assert window.store.background_backup.wait(60)
    assert len(list_backups(path)) == 1
    window.close()
    window.store.close()


@pytest.mark.slow
def test_the_backup_waits_until_the_window_has_built_its_pages(qtbot, profiled_store):
    """The copy (560 MB on the large demo) starts once the window is painted and its pages are built: started
    at once, it ran beside the first paint and slowed the day's first open (#18)."""
    from PySide6.QtWidgets import QWidget

    window = show_window(profiled_store)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "home" in vars(window), timeout=WAIT_MS)  # painted, the home page built
    assert profiled_store.background_backup is None
    qtbot.waitUntil(lambda: profiled_store.background_backup is not None, timeout=WAIT_MS)
    assert not any(type(window.pages.widget(i)) is QWidget for i in range(window.pages.count()))  # no placeholder
    assert profiled_store.background_backup.wait(60)
    assert list_backups(profiled_store.path)[0].name.endswith("-open.sqlite3")


@pytest.mark.parametrize("env, missing", [
    ({}, True), ({"DISPLAY": ":0"}, False), ({"WAYLAND_DISPLAY": "wayland-0"}, False),
    ({"QT_QPA_PLATFORM": "offscreen"}, False),
])
def test_no_display_is_told_apart_before_qt_starts(monkeypatch, env, missing):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.platform", "linux")
    assert no_display() is missing


@pytest.mark.slow
def test_a_new_villages_first_start_still_offers_the_first_hour(qtbot, tmp_path):
    """The first start's form fills the profile in; the guided first hour must still follow (for a new
    village only: an older file set up on its first start has been worked with already)."""
    path = tmp_path / "new.sqlite3"
    titles = when_modal(*first_start_steps(name="八名村", code=valid_uscc(), township="天门乡", county="新化县",
                                           clerk="王文书", phone="13900001111"))
    window = open_window(path)
    qtbot.addWidget(window)
    try:
        # The first hour's first step, the profile, was taken by the first start: not asked again.
        assert len(titles) == 2 and window.first_hour is not None and window.first_hour.isVisible()
    finally:
        window.close()
        window.store.close()
    # The next start is no first start any more.
    when_modal(login_step("zhuren"))
    window = open_window(path)
    qtbot.addWidget(window)
    try:
        assert window.first_hour is None
    finally:
        window.close()
        window.store.close()
