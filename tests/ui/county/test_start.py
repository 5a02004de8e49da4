"""`villagedesk --db postgresql://…` opens the county window (cli.cmd_window → ui.app.run_county)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from villagedesk.cli import main
from villagedesk.ui.app import EXIT_AFTER_PAINT

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


def test_the_start_command_with_a_county_url_opens_the_county_window(county):
    # The program's own start command, in a process of its own (the window closes itself once painted):
    # a file's window, or a refusal of the URL, would not come back with 0 and nothing said.
    env = {**os.environ, EXIT_AFTER_PAINT: "1", "QT_QPA_PLATFORM": "offscreen", "VILLAGEDESK_CLOCK": "2026-11-16T08:00"}
    done = subprocess.run([sys.executable, "-m", "villagedesk", "--db", county], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_a_county_that_cannot_be_reached_is_one_message_and_exit_1(qtbot, county, boxes):
    assert main(["--db", county.rsplit("/", 1)[0] + "/no_such_database"]) == 1
    assert len(boxes) == 1 and boxes[0][0] == "critical"
    assert "no_such_database" in boxes[0][2] and "Traceback" not in boxes[0][2]
