"""What a township holds of a village, as its checks ask it (core.township.held.TownshipHeld): the answers
json_extract gives, odd rows too (a sequence as text, as 3.0 or false, a deleted row, values that are
booleans, objects or missing, another village's rows).  tests/core/county/test_held.py holds the county to
the very same answers."""

from __future__ import annotations

import json

import pytest

from villagedesk import clock
from villagedesk.core.township.held import HeldEntry, HeldVillage, PinnedKey, Receiver, TownshipHeld
from villagedesk.store import Store

CODE, OTHER, NEVER = "430000000001", "430000000002", "430000000009"
HASH = "ab" * 32


def _entry(n: int, seq, **more) -> tuple[str, str, dict, bool]:
    data = {"uid": f"e{n}", "id": n, "seq": seq, "hash": f"{n:064x}", "status": "approved",
            "household_id": "h1", "entry_date": "2026-10-03", **more}
    return CODE, "point_entries", data, False


# (village, table, record as sent, deleted)
ROWS = [
    _entry(1, 1),
    _entry(2, 2, household_id="h2", entry_date="2026-11-01"),
    _entry(3, 3.0),  # a real: not chained, yet found at sequence 3 (SQLite's IN compares it equal)
    _entry(4, "4"),  # text: neither chained nor found at 4
    (*_entry(5, 5)[:3], True),  # deleted: only sequenced_among sees it
    _entry(6, None, status="pending"),
    _entry(7, False, id=True),  # booleans: 0 and 1, as json_extract gives them
    _entry(8, 8, household_id=None, entry_date=20261116),
    _entry(9, 9.5, hash=None),
    _entry(10, 10, id={"x": [1, 2]}, status="rejected"),
    (OTHER, "point_entries", {"uid": "x1", "id": 1, "seq": 11, "hash": HASH, "status": "approved",
                              "household_id": "h9", "entry_date": "2026-09-01"}, False),
    *[(CODE, "households", {"uid": f"h{n}", "id": n, **archived}, deleted) for n, archived, deleted in (
        (1, {"archived": 0}, False), (2, {"archived": 1}, False), (3, {}, False), (4, {"archived": True}, False),
        (5, {"archived": 0}, True), (6, {"archived": {"x": [1, 2]}}, False), (7, {"archived": None}, False),
        (8, {"archived": 1.5}, False), (9, {"archived": "0"}, False))],
    (OTHER, "households", {"uid": "h1", "id": 1, "archived": 0}, False),
    (CODE, "point_scheme", {"uid": "s1", "id": 1, "period_kind": "quarter", "reset_each_period": True}, False),
    (CODE, "point_scheme", {"uid": "s2", "id": 2, "period_kind": None}, False),
    # Many entries: the township asks for sequences and uids 500 at a time.
    *[(CODE, "point_entries", {"uid": f"m{n}", "id": n, "seq": n, "hash": f"{n:064x}", "status": "approved",
                               "household_id": f"h{n % 3}", "entry_date": f"2025-{n % 12 + 1:02}-01"}, False)
      for n in range(100, 1300)],
]
# (village, last sequence, chain count, chain head): CODE's position is not kept (a township before schema 8).
VILLAGES = [(CODE, 4, 0, ""), (OTHER, 5, 1, HASH)]
# CODE's keys: (public key, fingerprint, retired)
KEYS = [("old-key", "AAAA", True), ("new-key", "BBBB", False)]
# Asked of both: sequences, and sets of uids.
SEQS = [0, 1, 2, 3, 4, 5, 9, 11, *range(100, 1400, 7)]
MANY = [f"e{n}" for n in (3, 4, 6, 9)] + [f"nobody{n}" for n in range(1200)]
UIDS = [[], MANY, ["e4", "e5"], [*MANY, "m1299"], ["x1"], ["e10", "e3"]]


def hold_rows(store: Store) -> None:
    """ROWS, VILLAGES and KEYS as the township's tables hold them."""
    now = clock.timestamp()
    with store.atomic():
        for n, (code, last, count, head) in enumerate(VILLAGES):
            store.conn.execute(
                "INSERT INTO tw_villages (uid, created_at, updated_at, code, name, township, county, last_sequence, "
                "last_created_at, last_imported_at, chain_count, chain_head) "
                "VALUES (?, ?, ?, ?, ?, '天门乡', '新化县', ?, ?, ?, ?, ?)",
                (f"v{n}", now, now, code, f"村{n}", last, now, now, count, head))
        for n, (public, fingerprint, retired) in enumerate(KEYS):
            store.conn.execute("INSERT INTO tw_village_keys (uid, created_at, updated_at, village_code, public_key, "
                               "fingerprint, first_sequence, retired_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               (f"k{n}", now, now, CODE, public, fingerprint, n + 1, now if retired else None))
        store.conn.executemany("INSERT INTO tw_rows (village_code, table_name, uid, data, deleted, package_sequence) "
                               "VALUES (?, ?, ?, ?, ?, 1)",
                               [(code, table, data["uid"], json.dumps(data), int(deleted))
                                for code, table, data, deleted in ROWS])


def test_the_village_and_its_key_in_force(township):
    held = TownshipHeld(township, CODE)
    assert held.code == CODE and held.village() == HeldVillage(4, 0, "")
    assert held.receiver == Receiver("本乡镇", "乡镇")  # how the checks' refusals name it
    key = held.pinned_key()
    assert key == PinnedKey(key.id, "new-key", "BBBB")  # type: ignore[union-attr]
    assert TownshipHeld(township, OTHER).village() == HeldVillage(5, 1, HASH)
    assert TownshipHeld(township, OTHER).pinned_key() is None
    assert TownshipHeld(township, NEVER).village() is None and TownshipHeld(township, NEVER).pinned_key() is None


def test_the_chained_entries_are_those_with_an_integer_sequence(township):
    held = TownshipHeld(township, CODE)
    chained = list(held.chained_entries())
    assert [e.seq for e in chained] == [1, 2, 8, 10, *range(100, 1300)]
    assert chained[3] == HeldEntry(10, "e10", f"{10:064x}", '{"x":[1,2]}')
    assert held.last_chained() == HeldEntry(1299, "m1299", f"{1299:064x}", 1299)
    assert TownshipHeld(township, NEVER).last_chained() is None
    assert list(TownshipHeld(township, NEVER).chained_entries()) == []


def test_entries_at_sequences_compare_as_sqlite_compares_them(township):
    found = TownshipHeld(township, CODE).entries_at(SEQS)
    assert {seq: e.uid for seq, e in found.items() if seq < 100} == {0: "e7", 1: "e1", 2: "e2", 3: "e3"}
    assert found[0] == HeldEntry(0, "e7", f"{7:064x}", 1) and type(found[3].seq) is float
    assert len(found) == 4 + len(range(100, 1300, 7))
    assert TownshipHeld(township, CODE).entries_at([]) == {}


def test_whether_some_uids_are_chained_entries_deleted_or_not(township):
    held = TownshipHeld(township, CODE)
    assert [(found and found.uid) for found in map(held.sequenced_among, UIDS)] == [
        None, None, "e5", "m1299", None, "e10"]


def test_a_tables_rows_with_named_fields(township):
    held = TownshipHeld(township, CODE)
    assert sorted(held.rows("households", ("archived",))) == [
        ("h1", 0), ("h2", 1), ("h3", None), ("h4", 1), ("h6", '{"x":[1,2]}'), ("h7", None), ("h8", 1.5), ("h9", "0")]
    assert sorted(held.rows("point_scheme", ("id", "period_kind", "reset_each_period"))) == [
        ("s1", 1, "quarter", 1), ("s2", 2, None, None)]
    assert held.rows("persons", ("archived",)) == []
    assert sorted(held.rows("households", ()))[0] == ("h1",)
    with pytest.raises(ValueError):  # a field is spelled into the statement: never anything but a name
        held.rows("households", ("archived') --",))


def test_the_months_of_approved_entries(township):
    months = TownshipHeld(township, CODE).approved_months()
    assert {("h1", "2026-10"), ("h2", "2026-11"), (None, "2026111"), ("h0", "2025-01")} <= months
    assert not any(household == "h9" for household, _ in months)  # another village's
    # The odd ones give three pairs (h1's 2026-10 over and over); the many twelve (a month's number fixes its household).
    assert len(months) == 3 + 12
