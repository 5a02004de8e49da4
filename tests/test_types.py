"""The layers below the window type-check clean: mypy with the settings in pyproject.toml ([tool.mypy]).

mypy runs in its own process from the repository root, so it reads the project's settings and checks
exactly the paths they list; its cache (.mypy_cache, git-ignored) makes a second run take a second.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Everything below the window (docs/ARCHITECTURE.md): these never import Qt.
CHECKED = {"villagedesk/store", "villagedesk/core", "villagedesk/documents", "villagedesk/demo",
           "villagedesk/errors.py", "villagedesk/paths.py", "villagedesk/clock.py"}


def _settings() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["tool"]["mypy"]


def test_the_settings_cover_every_layer_below_the_window():
    settings = _settings()
    assert set(settings["files"]) == CHECKED
    for path in CHECKED:
        assert (ROOT / path).exists(), path
    # Unannotated helpers are checked too, and a stale ignore is an error rather than noise.
    assert settings["check_untyped_defs"] is True
    assert settings["warn_unused_ignores"] is True
    # A library without types would silently make its calls Any: none is waved through.
    assert "ignore_missing_imports" not in settings


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_store_core_documents_and_demo_type_check_clean():
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True,
                          timeout=580)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("Success: no issues found"), done.stdout
