"""What the package tests share."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest


@pytest.fixture
def laptop_temp(tmp_path, monkeypatch) -> Path:
    """The system's temporary folder of this test: what the writer and the reader leave in it is seen."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder
