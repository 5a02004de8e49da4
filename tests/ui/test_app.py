"""Starting the window (ui/app.py): it never waits for a backup; the backup follows in the background (#18)."""

from __future__ import annotations

import pytest

from tests.helpers import WAIT_MS
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.store import open_store
from villagedesk.store.backup import list_backups
from villagedesk.ui.app import no_display, open_window

pytestmark = pytest.mark.usefixtures("vd_app")


@pytest.mark.slow
def test_the_window_opens_before_the_backup_which_follows_in_the_background(qtbot, tmp_path):
    path = tmp_path / "village.sqlite3"
    with open_store(path) as store:
        save_profile(store, Profile("油溪桥村", "91350100M000100Y43", "天门乡", "新化县", "李文书", "13812341234"))
    window = open_window(path)
    qtbot.addWidget(window)
    assert window.isVisible() and list_backups(path) == []  # shown without waiting for a copy
    qtbot.waitUntil(lambda: len(list_backups(path)) == 1, timeout=WAIT_MS)
    assert list_backups(path)[0].name.endswith("-open.sqlite3")
    window.close()
    window.store.close()
    # Unchanged since that backup: the next start copies nothing.
    window = open_window(path)
    qtbot.addWidget(window)
    qtbot.wait(200)
    assert window.store.background_backup is not None and window.store.background_backup.wait(60)
    assert len(list_backups(path)) == 1
    window.close()
    window.store.close()


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
