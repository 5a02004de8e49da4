"""Fixtures the core areas share."""

from __future__ import annotations

import pytest

from villagedesk.store import open_store


@pytest.fixture
def township(township_db):
    """A township database holding tests/core/township/test_held.py's rows, open read-only: what the
    township's and the county's Held (core/township/held.py, core/county/held.py) are both asked about."""
    from tests.core.township.test_held import hold_rows  # the rows live beside their tests

    with open_store(township_db) as store:
        hold_rows(store)
    with open_store(township_db, write=False) as store:
        yield store
