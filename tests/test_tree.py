"""Tests mirror the code: tests/<layer>/<area>/ tests villagedesk/<layer>/<area>/ (docs/ARCHITECTURE.md "Where things live")."""

from __future__ import annotations

import sys

from tests.helpers import ROOT

# Folders of tests that stand for the program as a whole, not for one package of it.
WHOLE_PROGRAM = {"cli", "tools", "helpers", "fixtures"}


def test_every_test_folder_names_a_package_of_the_code():
    code = ROOT / "villagedesk"
    misplaced = []
    for folder in sorted((ROOT / "tests").rglob("*")):
        if not folder.is_dir() or "__pycache__" in folder.parts:
            continue
        parts = folder.relative_to(ROOT / "tests").parts
        if parts[0] in WHOLE_PROGRAM:
            continue
        if not (code.joinpath(*parts) / "__init__.py").is_file():
            misplaced.append("/".join(parts))
    assert misplaced == [], f"test folders with no package of the same path under villagedesk/: {misplaced}"


def test_the_check_sees_a_folder_that_names_no_package(tmp_path, monkeypatch):
    (tmp_path / "villagedesk" / "core").mkdir(parents=True)
    (tmp_path / "villagedesk" / "core" / "__init__.py").touch()
    (tmp_path / "tests" / "core" / "scoring").mkdir(parents=True)
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    try:
        test_every_test_folder_names_a_package_of_the_code()
    except AssertionError as err:
        assert "core/scoring" in str(err)
    else:
        raise AssertionError("a test folder for a package that does not exist went unnoticed")
