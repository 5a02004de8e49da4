"""A newer program on an older file: backed up, migrated, and the window says so once."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import FIXTURES
from tests.helpers.desk import first_start_steps, login_step
from tests.helpers.factories import valid_uscc
from tests.helpers.ui import when_modal
from villagedesk import __version__
from villagedesk.store import open_store
from villagedesk.store.backup import list_backups
from villagedesk.store.migrations import SCHEMA_VERSION
from villagedesk.store.upgrade import unshown_upgrade
from villagedesk.ui.app import open_window

pytestmark = pytest.mark.usefixtures("vd_app")

FIXTURE = FIXTURES / "schema_v1.sqlite3"


def _old_file(tmp_path) -> Path:
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURE, path)
    return path


@pytest.mark.slow
def test_window_names_versions_date_and_backup_once(qtbot, tmp_path, boxes):
    path = _old_file(tmp_path)
    # An older file is set up on its first start: its first account encrypts it (ui/setup/first_start.py).
    when_modal(*first_start_steps(name="油溪桥村", code=valid_uscc(), township="天门乡", county="新化县",
                                  clerk="李文书", phone="13812341234"))
    window = open_window(path)
    qtbot.addWidget(window)
    window.store.close()
    [(kind, title, text)] = boxes
    assert (kind, title) == ("information", "数据库已升级")
    assert f"从数据版本 1 升级到 {SCHEMA_VERSION}" in text and f"村务通 {__version__}" in text

    when_modal(login_step("zhuren"))
    again = open_window(path)
    qtbot.addWidget(again)
    again.store.close()
    assert len(boxes) == 1, "the upgrade is told once, not at every start"


@pytest.mark.slow
def test_upgrade_by_a_command_is_told_by_the_next_window(qtbot, tmp_path, boxes):
    path = _old_file(tmp_path)
    with open_store(path) as store:  # e.g. `villagedesk backup` run first with the new program
        note = unshown_upgrade(store)
    assert (note.from_version, note.to_version, note.program) == (1, SCHEMA_VERSION, __version__)
    when_modal(*first_start_steps(name="油溪桥村", code=valid_uscc(), township="天门乡", county="新化县",
                                  clerk="李文书", phone="13812341234"))
    window = open_window(path)
    qtbot.addWidget(window)
    window.store.close()
    assert [kind for kind, _, _ in boxes] == ["information"]


def test_a_new_database_is_no_upgrade(qtbot, db_path, boxes):
    when_modal(*first_start_steps(name="八名村", code=valid_uscc(), township="天门乡", county="新化县",
                                  clerk="王文书", phone="13900001111"))
    window = open_window(db_path)
    qtbot.addWidget(window)
    window.store.close()
    assert boxes == []


def test_a_newer_database_is_refused_unchanged(qtbot, tmp_path, boxes):
    path = _old_file(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    assert open_window(path) is None
    [(kind, _, text)] = boxes
    assert kind == "critical" and "更新版本" in text and "未作任何改动" in text
    assert path.read_bytes() == before and list_backups(path) == []
