"""A second signature at the same desk for points (issue 17, docs/SECURITY.md "Signatures").

In a database with accounts an entry is reviewed, and a period locked, by an account whose role may
do it, never by the account that recorded the entry; the entry, the audit row and the printed board
name both. A refused review changes nothing. A plain database keeps the typed name (test_ledger.py).
"""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from tests.core.points.test_helpers import (
    CLEAN_YARD,
    DAY,
    LABOUR,
    TODAY,
    fix_today,
    make_village,
    record,
    snapshot,
)
from tests.helpers.factories import add_accounts, log_in, signed, valid_uscc
from villagedesk.core.accounts import accounts, signatures
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.core.points import ledger
from villagedesk.documents.pdf.ranking import print_ranking
from villagedesk.errors import UserError
from villagedesk.store import open_store

Q3 = "2026-Q3"


@pytest.fixture
def village(db_path, monkeypatch):
    """Four households, the default catalogue, and the accounts 主任, 文书 and two 监委会 members."""
    fix_today(monkeypatch)
    with open_store(db_path) as store:
        save_profile(store, Profile("油溪桥村", valid_uscc(), "天门乡", "新化县", "李文书", "13812341234"))
        households = make_village(store)
    add_accounts(db_path, second_supervisor=True)
    return households


@pytest.fixture
def desk(db_path, village):
    """The 文书 logged in at the desk, two entries recorded."""
    with log_in(db_path, "wenshu") as session:
        entries = [record(session.store, village[code], CLEAN_YARD) for code in ("HH001", "HH002")]
        yield session.store, [e["id"] for e in entries]


def refused(store, call, match: str) -> None:
    """``call`` is refused with ``match`` and changes no table, the audit included."""
    before = snapshot(store)
    with pytest.raises(UserError, match=match):
        call()
    assert snapshot(store) == before


def test_an_entry_names_the_account_that_recorded_it_not_a_typed_name(desk):
    store, ids = desk
    ledger.record_entry(store, household_id=1, rule_id=ledger.records.get(store, "point_entries", ids[0])["rule_id"],
                        day=TODAY, recorded_by="随便写的名字")
    assert {r["recorded_by"] for r in store.rows("SELECT recorded_by FROM point_entries")} == {"罗秀兰（wenshu）"}
    assert {r["actor"] for r in store.rows("SELECT actor FROM audit WHERE table_name = 'point_entries'")} == {"wenshu"}


def test_a_member_of_the_supervision_committee_approves_and_both_names_are_kept(desk):
    store, ids = desk
    assert ledger.approve(store, ids, signed(store, "jiandu"), TODAY) == 2
    rows = store.rows("SELECT status, recorded_by, reviewer FROM point_entries ORDER BY id")
    assert rows == [{"status": "approved", "recorded_by": "罗秀兰（wenshu）", "reviewer": "周监委（jiandu）"}] * 2
    audit = store.rows("SELECT actor, before, after FROM audit WHERE action = 'approve' ORDER BY id")
    assert len(audit) == 2
    for row in audit:
        assert row["actor"] == "wenshu"  # who sat at the desk
        assert json.loads(row["before"])["recorded_by"] == "罗秀兰（wenshu）"
        assert json.loads(row["after"])["reviewer"] == "周监委（jiandu）"
    assert ledger.chain_problems(store) == []


def test_a_clerk_may_not_review(desk):
    store, ids = desk
    refused(store, lambda: ledger.approve(store, ids, signed(store, "wenshu")), "罗秀兰（文书）不能审核积分")
    refused(store, lambda: ledger.reject(store, ids, signed(store, "wenshu"), "重复登记"), "不能审核积分")


def test_the_recorder_never_reviews_their_own_entry(db_path, village):
    with log_in(db_path, "wenshu") as other:
        theirs = record(other.store, village["HH004"], LABOUR)
        own = record(other.store, village["HH003"], LABOUR)
    with log_in(db_path, "jiandu") as session:
        store = session.store
        # A 监委会 member records nothing (roles), yet an entry that names them as its recorder (written
        # under their account before their role was what it is, or by an older version) is never theirs
        # to review: the rule reads who recorded, not who may record.
        with store.atomic():
            store.conn.execute("UPDATE point_entries SET recorded_by = ? WHERE id = ?",
                               (signatures.stamp(session.account), own["id"]))
        refused(store, lambda: ledger.approve(store, [own["id"]], session.account),
                "户 HH003 2026-07-10 的这条积分是 周监委（jiandu） 登记或起草的，不能由本人审核签字")
        refused(store, lambda: ledger.reject(store, [own["id"]], signed(store, "jiandu"), "重复登记"), "不能由本人审核")
        # Mixed with an entry of another recorder: all or nothing.
        refused(store, lambda: ledger.approve(store, [theirs["id"], own["id"]], session.account), "不能由本人审核")
        assert ledger.approve(store, [theirs["id"]], session.account) == 1


def test_a_head_records_but_does_not_review_points(db_path, village):
    with log_in(db_path, "wenshu") as other:
        entry = record(other.store, village["HH004"], LABOUR)
    with log_in(db_path, "zhuren") as session:
        refused(session.store, lambda: ledger.approve(session.store, [entry["id"]], session.account),
                "不能审核积分：这要由村务监督委员会成员来做")


def test_a_disabled_account_may_not_sign(desk):
    store, ids = desk
    jiandu = signed(store, "jiandu")  # signed before it was disabled: read again when it signs
    accounts.disable(store, signed(store, "zhuren"), "jiandu")  # the 主任 comes to the desk
    refused(store, lambda: ledger.approve(store, ids, jiandu), "已停用")
    with pytest.raises(UserError, match="已停用"):
        signed(store, "jiandu")


def test_a_wrong_password_signs_nothing(desk):
    store, ids = desk
    before = snapshot(store)
    with pytest.raises(UserError, match="密码不对"):
        ledger.approve(store, ids, signed(store, "jiandu", "not-the-password"))
    assert snapshot(store) == before


def test_a_typed_name_does_not_sign_where_there_are_accounts(desk):
    store, ids = desk
    refused(store, lambda: ledger.approve(store, ids, "赵监督"), "不能只填一个名字")
    refused(store, lambda: ledger.reject(store, ids, "赵监督", "重复登记"), "不能只填一个名字")


def test_a_reversal_is_recorded_by_the_account_and_reviewed_by_another(desk):
    store, ids = desk
    ledger.approve(store, ids[:1], signed(store, "jiandu"), TODAY)
    reversal = ledger.reverse(store, ids[0], "登记错了户", recorded_by="别人")
    assert reversal["recorded_by"] == "罗秀兰（wenshu）"
    ledger.reject(store, [reversal["id"]], signed(store, "qian"), "冲正理由不充分")
    assert ledger.records.get(store, "point_entries", reversal["id"])["reviewer"] == "钱监督（qian）"


def test_locking_a_period_is_signed_by_an_account_that_may_lock(desk, db_path):
    store, ids = desk
    ledger.approve(store, ids, signed(store, "jiandu"), TODAY)
    ledger.post_period(store, Q3, TODAY)
    refused(store, lambda: ledger.lock_period(store, Q3, TODAY + DAY), "不能只填一个名字")
    refused(store, lambda: ledger.lock_period(store, Q3, TODAY + DAY, signer=signed(store, "wenshu")),
            "不能锁定积分期")
    locked = ledger.lock_period(store, Q3, TODAY + DAY, signer=signed(store, "zhuren"))
    assert locked["status"] == "locked" and locked["locked_by"] == "张主任（zhuren）"
    audit = store.row("SELECT actor, after FROM audit WHERE action = 'lock'")
    assert audit["actor"] == "wenshu" and json.loads(audit["after"])["locked_by"] == "张主任（zhuren）"
    ledger.unlock_period(store, Q3, "讲评后发现登记错误")
    assert ledger.period_state(store, Q3)["locked_by"] is None


def test_the_printed_board_names_who_recorded_and_who_reviewed(desk, tmp_path):
    store, ids = desk
    ledger.approve(store, ids, signed(store, "jiandu"), TODAY)
    ledger.post_period(store, Q3, TODAY)
    pdf = print_ranking(store, tmp_path / "board.pdf", Q3)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages).replace("\n", "")
    assert "登记人：罗秀兰（wenshu）" in text
    assert "审核人：周监委（jiandu）" in text


def test_in_a_plain_database_the_typed_name_still_signs(store, monkeypatch, tmp_path):
    fix_today(monkeypatch)
    save_profile(store, Profile("油溪桥村", valid_uscc(), "天门乡", "新化县", "李文书", "13812341234"))
    village = make_village(store)
    entry = record(store, village["HH001"], CLEAN_YARD)
    assert entry["recorded_by"] == store.actor
    # No accounts: nobody is checked against the recorder, as before issue 17.
    ledger.approve(store, [entry["id"]], store.actor, TODAY)
    ledger.post_period(store, Q3, TODAY)
    locked = ledger.lock_period(store, Q3, TODAY + DAY)
    assert locked["locked_by"] == store.actor == "李文书"
    pdf = print_ranking(store, tmp_path / "board.pdf", Q3)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages).replace("\n", "")
    assert f"登记人：{store.actor}" in text and f"审核人：{store.actor}" in text
