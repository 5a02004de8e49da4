"""An encrypted village with its three accounts, made once per test process and copied for each test."""

from __future__ import annotations

import shutil

import pytest

from tests.helpers.factories import village_with_accounts


@pytest.fixture(scope="session")
def _accounts_village(tmp_path_factory):
    folder = tmp_path_factory.mktemp("accounts")
    path = folder / "village.sqlite3"
    recovery = village_with_accounts(path, households=2)
    return path, recovery


@pytest.fixture
def village(tmp_path, _accounts_village):
    """(path, recovery key) of 青溪桥村 with zhuren, wenshu and jiandu (tests.helpers.factories), encrypted."""
    source, recovery = _accounts_village
    path = tmp_path / "village.sqlite3"
    for suffix in ("", ".keys"):
        shutil.copy(source.with_name(source.name + suffix), path.with_name(path.name + suffix))
    return path, recovery
