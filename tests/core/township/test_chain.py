"""The township recomputes each approved entry's hash from the entry as the package carries it."""

from __future__ import annotations

import pytest

from villagedesk.core.points import ledger
from villagedesk.core.township.chain import claimed_position
from villagedesk.errors import UserError


def _entry(note: str, points: int = 50) -> dict:
    return {"seq": 3, "prev_hash": "a" * 64, "uid": "e-uid", "household_id": "h-uid", "rule_id": "r-uid",
            "entry_date": "2026-11-02", "period": "2026-Q4", "quantity": 1, "points": points, "note": note,
            "evidence": "", "recorded_by": "李文书", "reviewer": "审核员", "reviewed_at": "2026-11-02",
            "reverses_id": None, "reverse_reason": ""}


@pytest.mark.parametrize("note", ["", "门前\n屋后\t\"干净\"\\", "\x01\x1f\x7f\u2028 控制字符", "🙂 emoji"])
def test_the_package_hash_is_the_ledgers_own(note):
    entry = _entry(note)
    expected = ledger.entry_hash(ledger._content(entry, "h-uid", "r-uid", None))
    assert ledger.package_entry_hash(entry) == expected


def test_an_integer_beyond_64_bits_takes_the_reference_path():
    entry = _entry("", points=2 ** 70)
    assert ledger.package_entry_hash(entry) == ledger.entry_hash(ledger._content(entry, "h-uid", "r-uid", None))


@pytest.mark.parametrize("chain", [None, [], {"count": "3", "head": "a" * 64}, {"count": -1, "head": "a" * 64},
                                   {"count": 2, "head": "xyz"}, {"count": 0, "head": "b" * 64},
                                   {"count": True, "head": "a" * 64}])
def test_a_manifest_chain_of_the_wrong_shape_is_refused(chain):
    with pytest.raises(UserError, match="积分链的位置"):
        claimed_position(chain, "某村第 1 号数据包")


def test_a_manifest_chain_position_is_read():
    assert claimed_position({"count": 0, "head": ledger.GENESIS}, "").count == 0
    assert claimed_position({"count": 5, "head": "c" * 64}, "").head == "c" * 64
