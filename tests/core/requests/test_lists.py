"""The requests board's lists: the owner filter's choices, read off an index (issue 18, "Performance")."""

from __future__ import annotations

import pytest

from tests.core.meetings.test_minutes import TODAY, make_register
from villagedesk import clock
from villagedesk.core.requests import ledger, lists


@pytest.fixture(autouse=True)
def _today():
    clock.set(TODAY)  # 2026-07-20


def _raise(store, register, owner: str, **values) -> dict:
    return ledger.raise_request(store, **{"raised_on": "2026-07-10", "category": "基础设施", "content": "道路坑洼",
                                          "raised_by_id": register["王德明"]["id"], "handling": ledger.WITH_DEADLINE,
                                          "owner_id": register[owner]["id"], "deadline": "2026-07-31", **values})


def test_everyone_in_charge_with_their_open_count(store):
    register = make_register(store)
    _raise(store, register, "张建国")
    _raise(store, register, "张建国", handling=ledger.ON_THE_SPOT, deadline=None, result="当场解决",
           satisfaction=ledger.SATISFIED)
    _raise(store, register, "曾国华")
    assert [(o["owner"], o["open"]) for o in lists.owners(store)] == [("张建国", 1), ("曾国华", 1)]


def test_the_owner_choices_are_read_off_an_index_not_the_table(store):
    # Grouped over the whole table they cost 0.2 s on the large demo each time the board was read.
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        lists.owners(store)
    finally:
        store.conn.set_trace_callback(None)
    plan = " ".join(row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + seen[-1]))
    assert "COVERING INDEX requests_owner_open" in plan, plan
