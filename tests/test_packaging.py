"""The wheel lists its packages by hand (forms/ and resources/ are mapped in): every package must be on the list."""

from __future__ import annotations

import tomllib

from tests.helpers import ROOT


def test_every_package_folder_goes_into_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "villagedesk").rglob("__init__.py")}
    assert found <= listed, f"missing from pyproject.toml [tool.setuptools] packages: {sorted(found - listed)}"
