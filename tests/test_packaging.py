"""The wheel lists its packages by hand (forms/ and resources/ are mapped in): every package must be on the list,
and building it says nothing to fix."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile

import pytest

from tests.helpers import ROOT


def test_every_package_folder_goes_into_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "villagedesk").rglob("__init__.py")}
    assert found <= listed, f"missing from pyproject.toml [tool.setuptools] packages: {sorted(found - listed)}"


@pytest.mark.slow
def test_building_the_wheel_gives_no_setuptools_warning(tmp_path):
    """A deprecated license table or a data folder missing from `packages` is warned about on every build."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("villagedesk", "forms", "resources"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(tmp_path / "dist"),
                            str(source)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    output = built.stdout + built.stderr
    for warning in ("BuildBackendWarning", "SetuptoolsDeprecationWarning", "is deprecated",
                    "absent from the `packages` configuration"):
        assert warning not in output
    wheel = next((tmp_path / "dist").glob("villagedesk-*.whl"))
    with zipfile.ZipFile(wheel) as whl:
        names = set(whl.namelist())
    assert {"villagedesk/resources/fonts/DroidSansFallbackFull.ttf",
            "villagedesk/resources/translations/villagedesk_zh_CN.qm",
            "villagedesk/resources/manual/index.html"} <= names
