"""The points ledger: recording, caps, review, corrections, the hash chain, posting and locking.

Real SQLite files; the program's today is fixed at 2026-08-20 (in 2026-Q3).  Every refused
write is checked to have changed nothing, down to the audit table.
"""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from tests.core.points.test_helpers import (
    CLEAN_YARD,
    CLUTTER,
    DAY,
    GAMBLING,
    LABOUR,
    MEETING,
    TODAY,
    VILLAGE_HONOUR,
    approved,
    fix_today,
    make_village,
    record,
    rule,
    snapshot,
)
from villagedesk.cli import main
from villagedesk.core.common import records, workdays
from villagedesk.core.points import ledger, rules
from villagedesk.core.points.ledger import APPROVED, GENESIS, PENDING, REJECTED
from villagedesk.core.register import people
from villagedesk.errors import UserError

JULY = date(2026, 7, 10)


@pytest.fixture
def village(store, monkeypatch):
    fix_today(monkeypatch)
    return make_village(store)


@pytest.fixture
def hh(village):
    return village["HH001"]


def entry(store, entry_id) -> dict:
    return records.get(store, "point_entries", entry_id)


def refused(store, call, match, field=None):
    """``call`` raises a UserError matching ``match`` and leaves every table as it was."""
    before = snapshot(store)
    with pytest.raises(UserError, match=match) as err:
        call()
    if field is not None:
        assert err.value.field == field
    assert snapshot(store) == before
    return err.value


def raw(db_path) -> sqlite3.Connection:
    """A connection behind the program's back (autocommit)."""
    return sqlite3.connect(db_path, isolation_level=None)


# --- recording ----------------------------------------------------------------------

def test_record_makes_a_pending_entry_with_the_rules_points(store, hh):
    made = record(store, hh, LABOUR, JULY, quantity="3", note=" 修水渠 ", evidence=" 签到表 ")
    row = entry(store, made["id"])
    assert (row["status"], row["points"], row["quantity"], row["period"], row["entry_date"]) == (
        PENDING, 15, 3, "2026-Q3", "2026-07-10")
    assert (row["note"], row["evidence"], row["recorded_by"]) == ("修水渠", "签到表", store.actor)
    assert row["seq"] is row["hash"] is row["prev_hash"] is row["reviewer"] is None
    assert record(store, hh, GAMBLING, JULY, recorded_by="网格员")["points"] == -20
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'point_entries' AND action = 'insert'") == 2


def test_the_period_follows_the_scheme(store, monkeypatch):
    fix_today(monkeypatch)
    village = make_village(store, rules.Scheme(period_kind="month"))
    assert record(store, village["HH001"], MEETING, date(2026, 3, 31))["period"] == "2026-03"
    assert record(store, village["HH001"], MEETING, date(2026, 4, 1))["period"] == "2026-04"


@pytest.mark.parametrize("quantity", [0, -1, 1001, "二", "", "1.5"])
def test_bad_quantities_are_refused(store, hh, quantity):
    refused(store, lambda: record(store, hh, VILLAGE_HONOUR, JULY, quantity=quantity), "数量", "quantity")


def test_the_largest_quantity_is_accepted(store, hh):
    assert record(store, hh, VILLAGE_HONOUR, JULY, quantity=1000)["points"] == 5000


def test_dates(store, hh):
    assert record(store, hh, MEETING, TODAY)["entry_date"] == "2026-08-20"  # today is fine
    refused(store, lambda: record(store, hh, MEETING, TODAY + DAY), "将来", "date")
    for bad in ("", "2026-02-30", "昨天"):
        refused(store, lambda bad=bad: record(store, hh, MEETING, bad), "日期", "date")
    assert record(store, hh, MEETING, "2026/7/9")["entry_date"] == "2026-07-09"


def test_archived_or_missing_households_are_refused(store, village):
    people.archive_household(store, village["HH002"]["id"], "整户迁出")
    refused(store, lambda: record(store, village["HH002"], MEETING, JULY), "HH002 已归档", "household")
    for missing in (0, None, 9999):
        refused(store, lambda missing=missing: ledger.record_entry(
            store, household_id=missing, rule_id=rule(store, MEETING)["id"], day=JULY), "请选择一户", "household")
    refused(store, lambda: ledger.record_entry(store, household_id=village["HH001"]["id"], rule_id=9999, day=JULY),
            "请选择积分细则", "rule")


def test_a_rule_is_only_used_while_in_force(store, hh):
    first = date(2026, 1, 1)  # the catalogue's first day
    refused(store, lambda: record(store, hh, MEETING, first - DAY), "在 2025-12-31 不生效", "rule")
    assert record(store, hh, MEETING, first)["entry_date"] == "2026-01-01"
    honour = rule(store, "获国家级荣誉")
    rules.retire_rule(store, honour["id"], last_day=date(2026, 6, 30))
    assert record(store, hh, "获国家级荣誉", date(2026, 6, 30))["points"] == 50  # its last day
    refused(store, lambda: record(store, hh, "获国家级荣誉", date(2026, 7, 1)), "不生效", "rule")


def test_entries_keep_the_version_they_were_scored_under(store, hh):
    old = rule(store, CLEAN_YARD)
    june = approved(store, hh, CLEAN_YARD, date(2026, 6, 5))
    new = rules.revise_rule(store, old["id"], valid_from=date(2026, 7, 1), points=8)
    # Whichever version the clerk picked, the date decides which one scores.
    july = ledger.record_entry(store, household_id=hh["id"], rule_id=old["id"], day=JULY)
    late_june = ledger.record_entry(store, household_id=hh["id"], rule_id=new["id"], day=date(2026, 6, 20))
    assert (july["rule_id"], july["points"]) == (new["id"], 8)
    assert (late_june["rule_id"], late_june["points"]) == (old["id"], 10)
    assert (entry(store, june["id"])["rule_id"], entry(store, june["id"])["points"]) == (old["id"], 10)
    assert ledger.chain_problems(store) == []  # revising a rule touches no approved entry


# --- caps ------------------------------------------------------------------------------

def test_exactly_at_the_cap_is_allowed_one_over_is_refused(store, hh):
    assert record(store, hh, LABOUR, JULY, quantity=5)["points"] == 25  # cap 30
    error = refused(store, lambda: record(store, hh, LABOUR, JULY, quantity=2), "每期最多 30 分", "quantity")
    assert "已记 25 分" in str(error) and "最多还能记 5 分" in str(error)
    assert record(store, hh, LABOUR, JULY)["points"] == 5  # now exactly 30
    refused(store, lambda: record(store, hh, LABOUR, JULY), "最多还能记 0 分", "quantity")


def test_one_big_entry_over_the_cap_is_refused(store, hh):
    refused(store, lambda: record(store, hh, LABOUR, JULY, quantity=7), "最多还能记 30 分")
    assert record(store, hh, LABOUR, JULY, quantity=6)["points"] == 30


def test_the_cap_is_per_household_and_per_period(store, village):
    hh1, hh2 = village["HH001"], village["HH002"]
    record(store, hh1, LABOUR, date(2026, 6, 30), quantity=6)  # 2026-Q2 is full
    record(store, hh1, LABOUR, date(2026, 7, 1), quantity=6)  # 2026-Q3 starts empty
    record(store, hh2, LABOUR, date(2026, 7, 1), quantity=6)
    refused(store, lambda: record(store, hh1, LABOUR, TODAY), "每期最多 30 分")
    refused(store, lambda: record(store, hh1, LABOUR, date(2026, 4, 1)), "每期最多 30 分")


def test_pending_entries_count_rejected_ones_do_not(store, hh):
    first = record(store, hh, CLEAN_YARD, date(2026, 7, 5))
    record(store, hh, CLEAN_YARD, date(2026, 8, 5))  # 20 of 25, both pending
    refused(store, lambda: record(store, hh, CLEAN_YARD, date(2026, 8, 6)), "已记 20 分")
    ledger.reject(store, [first["id"]], "审核员", "重复登记")
    assert record(store, hh, CLEAN_YARD, date(2026, 8, 6))["points"] == 10


def test_the_cap_counts_every_version_of_the_rule(store, hh):
    old = rule(store, CLEAN_YARD)
    approved(store, hh, CLEAN_YARD, date(2026, 7, 5))
    approved(store, hh, CLEAN_YARD, date(2026, 7, 25))  # 20 under version 1
    rules.revise_rule(store, old["id"], valid_from=date(2026, 8, 1), points=5)
    refused(store, lambda: record(store, hh, CLEAN_YARD, date(2026, 8, 5), quantity=2), "已记 20 分")
    assert record(store, hh, CLEAN_YARD, date(2026, 8, 5))["points"] == 5  # 25: at the cap


def test_an_approved_reversal_frees_the_cap(store, hh):
    first = approved(store, hh, LABOUR, JULY, quantity=6)
    refused(store, lambda: record(store, hh, LABOUR, JULY), "已记 30 分")
    reversal = ledger.reverse(store, first["id"], "人数登记错误")
    ledger.approve(store, [reversal["id"]], "审核员", JULY + DAY)
    assert record(store, hh, LABOUR, JULY, quantity=6)["points"] == 30


def test_a_deduction_with_a_cap_is_capped_by_its_size(store, hh):
    butts = rules.add_rule(store, valid_from="2026-01-01", category="环境卫生", item="乱扔烟头", points=-5,
                           unit="每次", cap_per_period=10)
    def litter(quantity=1):
        return ledger.record_entry(store, household_id=hh["id"], rule_id=butts["id"], day=JULY, quantity=quantity)

    assert litter()["points"] == -5
    assert litter()["points"] == -5  # -10: at the cap
    error = refused(store, litter, "每期最多 10 分", "quantity")
    assert "已记 10 分" in str(error) and "最多还能记 0 分" in str(error)
    refused(store, lambda: litter(3), "每期最多 10 分")


def test_uncapped_rules_take_any_number(store, hh):
    for _ in range(5):
        record(store, hh, CLUTTER, JULY, quantity=10)
    assert store.scalar("SELECT sum(points) FROM point_entries") == -250


# --- batch entry -----------------------------------------------------------------------

def test_batch_entry_for_many_households(store, village):
    ids = [h["id"] for h in village.values()]
    rows = ledger.record_batch(store, household_ids=ids + ids[:1], rule_id=rule(store, LABOUR)["id"], day=JULY,
                               quantity=2, note="清理水渠")
    assert [r["household_id"] for r in rows] == ids  # a household named twice gets one entry
    assert {(r["points"], r["note"], r["status"]) for r in rows} == {(10, "清理水渠", PENDING)}


def test_batch_entry_is_all_or_nothing(store, village):
    hh = village["HH003"]
    record(store, hh, LABOUR, JULY, quantity=6)  # HH003 is at the cap
    ids = [h["id"] for h in village.values()]
    labour = rule(store, LABOUR)["id"]
    refused(store, lambda: ledger.record_batch(store, household_ids=ids, rule_id=labour, day=JULY),
            "每期最多 30 分")
    people.archive_household(store, village["HH004"]["id"], "整户迁出")
    refused(store, lambda: ledger.record_batch(store, household_ids=ids[:2] + ids[3:], rule_id=labour, day=JULY),
            "HH004 已归档")
    refused(store, lambda: ledger.record_batch(store, household_ids=[], rule_id=labour, day=JULY), "至少选择一户")
    assert len(ledger.record_batch(store, household_ids=ids[:2], rule_id=labour, day=JULY)) == 2


# --- review ---------------------------------------------------------------------------

def test_approve_chains_in_the_order_given(store, village):
    a, b, c = (record(store, village[code], MEETING, JULY) for code in ("HH001", "HH002", "HH003"))
    assert ledger.chain_head(store) == (0, GENESIS)
    assert ledger.approve(store, [c["id"], a["id"], b["id"]], " 主任 ", date(2026, 7, 12)) == 3
    rows = [entry(store, x["id"]) for x in (c, a, b)]
    assert [r["seq"] for r in rows] == [1, 2, 3]
    assert [r["prev_hash"] for r in rows] == [GENESIS, rows[0]["hash"], rows[1]["hash"]]
    assert {(r["status"], r["reviewer"], r["reviewed_at"]) for r in rows} == {(APPROVED, "主任", "2026-07-12")}
    assert len({r["hash"] for r in rows}) == 3 and all(len(r["hash"]) == 64 for r in rows)
    assert ledger.chain_head(store) == (3, rows[2]["hash"])
    assert ledger.chain_problems(store) == []
    # The next approval goes on the end of the chain.
    d = approved(store, village["HH004"], MEETING, JULY)
    assert (d["seq"], d["prev_hash"]) == (4, rows[2]["hash"])
    audits = store.rows("SELECT * FROM audit WHERE action = 'approve' ORDER BY id")
    assert [a["record_uid"] for a in audits] == [c["uid"], a["uid"], b["uid"], d["uid"]]


def test_the_hash_covers_what_gives_an_entry_its_meaning(store, hh):
    row = approved(store, hh, LABOUR, JULY, quantity=2, note="修路")
    household = store.row("SELECT uid FROM households WHERE id = ?", (hh["id"],))["uid"]
    content = ledger._content(row, household, rule(store, LABOUR)["uid"], None)
    assert ledger.entry_hash(content) == row["hash"]
    for key, other in (("points", 11), ("note", "修桥"), ("entry_date", "2026-07-11"), ("household", "x"),
                       ("seq", 2), ("prev_hash", "1" * 64), ("reviewer", "别人"), ("reverses", "y")):
        assert ledger.entry_hash({**content, key: other}) != row["hash"], key


def test_approving_twice_is_refused_and_nothing_moves(store, village):
    done = approved(store, village["HH001"], MEETING, JULY)
    waiting = record(store, village["HH002"], MEETING, JULY)
    refused(store, lambda: ledger.approve(store, [done["id"]], "主任"), "已审核")
    # All or nothing: the pending entry in the same call stays pending.
    refused(store, lambda: ledger.approve(store, [waiting["id"], done["id"]], "主任"), "只有待审核的积分才能审核")
    assert entry(store, waiting["id"])["status"] == PENDING
    ledger.reject(store, [waiting["id"]], "主任", "未参加")
    refused(store, lambda: ledger.approve(store, [waiting["id"]], "主任"), "已驳回")


def test_approve_needs_a_reviewer_and_known_entries(store, hh):
    waiting = record(store, hh, MEETING, JULY)
    refused(store, lambda: ledger.approve(store, [waiting["id"]], "  "), "审核人", "reviewer")
    refused(store, lambda: ledger.approve(store, [], "主任"), "选择")
    refused(store, lambda: ledger.approve(store, [waiting["id"], 9999], "主任"), "9999")
    assert ledger.approve(store, [waiting["id"], waiting["id"]], "主任") == 1


def test_a_thousand_at_once(store, village):
    households = list(village.values())
    honour = rule(store, VILLAGE_HONOUR)
    rows = [{"household_id": households[n % 4]["id"], "rule_id": honour["id"], "entry_date": "2026-07-01",
             "period": "2026-Q3", "quantity": 1, "points": 5, "note": f"第 {n} 条", "evidence": "",
             "recorded_by": "文书", "status": PENDING, "reviewer": None, "reviewed_at": None, "reject_reason": "",
             "reverses_id": None, "reverse_reason": "", "seq": None, "prev_hash": None, "hash": None}
            for n in range(1000)]
    written = records.insert_many(store, "point_entries", rows)
    first = approved(store, households[0], MEETING, JULY)
    ids = [r["id"] for r in reversed(written)]
    assert ledger.approve(store, ids, "主任", TODAY) == 1000
    assert store.scalar("SELECT count(*) FROM point_entries WHERE status = ?", (PENDING,)) == 0
    assert tuple(store.conn.execute("SELECT min(seq), max(seq) FROM point_entries WHERE seq > 1").fetchone()) == (
        2, 1001)
    assert [r["note"] for r in store.rows("SELECT note FROM point_entries WHERE seq IN (2, 1001) ORDER BY seq")] == [
        "第 999 条", "第 0 条"]
    assert entry(store, ids[0])["prev_hash"] == first["hash"]
    assert ledger.chain_head(store)[0] == 1001
    assert ledger.chain_problems(store) == []
    assert store.scalar("SELECT count(*) FROM audit WHERE action = 'approve'") == 1001


def test_reject_needs_a_reason_and_keeps_it(store, village):
    a, b = record(store, village["HH001"], MEETING, JULY), record(store, village["HH002"], MEETING, JULY)
    refused(store, lambda: ledger.reject(store, [a["id"]], "主任", "  "), "理由", "reason")
    refused(store, lambda: ledger.reject(store, [a["id"]], "", "重复"), "审核人", "reviewer")
    assert ledger.reject(store, [a["id"], b["id"]], "主任", " 重复登记 ") == 2
    row = entry(store, a["id"])
    assert (row["status"], row["reviewer"], row["reviewed_at"], row["reject_reason"], row["seq"]) == (
        REJECTED, "主任", "2026-08-20", "重复登记", None)
    assert ledger.chain_head(store) == (0, GENESIS)  # rejected entries are not chained


def test_reject_is_all_or_nothing_and_only_for_pending(store, village):
    done = approved(store, village["HH001"], MEETING, JULY)
    waiting = record(store, village["HH002"], MEETING, JULY)
    refused(store, lambda: ledger.reject(store, [waiting["id"], done["id"]], "主任", "错了"), "只能驳回待审核")
    refused(store, lambda: ledger.reject(store, [waiting["id"], 9999], "主任", "错了"), "只能驳回待审核")
    ledger.reject(store, [waiting["id"]], "主任", "错了")
    refused(store, lambda: ledger.reject(store, [waiting["id"]], "主任", "又错了"), "只能驳回待审核")


# --- corrections -------------------------------------------------------------------

def test_reverse_makes_a_pending_opposite_entry_naming_the_original(store, hh):
    original = approved(store, hh, LABOUR, JULY, quantity=3)
    refused(store, lambda: ledger.reverse(store, original["id"], " "), "原因", "reason")
    reversal = ledger.reverse(store, original["id"], "登记人数有误", recorded_by="文书")
    row = entry(store, reversal["id"])
    assert (row["status"], row["points"], row["quantity"], row["reverses_id"], row["reverse_reason"]) == (
        PENDING, -15, -3, original["id"], "登记人数有误")
    assert (row["entry_date"], row["period"], row["rule_id"], row["recorded_by"]) == (
        original["entry_date"], original["period"], original["rule_id"], "文书")
    assert entry(store, original["id"]) == original  # the original is never touched
    ledger.approve(store, [reversal["id"]], "主任", TODAY)
    assert store.scalar("SELECT sum(points) FROM point_entries WHERE status = 'approved'") == 0
    assert ledger.chain_problems(store) == []


def test_only_approved_entries_are_reversed(store, hh):
    waiting = record(store, hh, MEETING, JULY)
    refused(store, lambda: ledger.reverse(store, waiting["id"], "错了"), "可直接驳回")
    ledger.reject(store, [waiting["id"]], "主任", "重复")
    refused(store, lambda: ledger.reverse(store, waiting["id"], "错了"), "只有已审核的积分")
    refused(store, lambda: ledger.reverse(store, 9999, "错了"), "找不到")


def test_reversing_twice_is_refused_until_the_first_reversal_is_rejected(store, hh):
    original = approved(store, hh, MEETING, JULY)
    first = ledger.reverse(store, original["id"], "错了")
    refused(store, lambda: ledger.reverse(store, original["id"], "又错了"), "已经冲正过了")  # first is pending
    ledger.reject(store, [first["id"]], "主任", "原记录无误")
    second = ledger.reverse(store, original["id"], "经核实确有错误")
    ledger.approve(store, [second["id"]], "主任", TODAY)
    refused(store, lambda: ledger.reverse(store, original["id"], "第三次"), "已经冲正过了")


def test_a_reversal_of_a_reversal_is_refused(store, hh):
    original = approved(store, hh, MEETING, JULY)
    reversal = ledger.reverse(store, original["id"], "错了")
    ledger.approve(store, [reversal["id"]], "主任", TODAY)
    refused(store, lambda: ledger.reverse(store, reversal["id"], "冲正错了"), "这是一条冲正记录")


# --- the chain and `villagedesk check` ------------------------------------------------------

def three_approved(store, village) -> list[dict]:
    rows = [approved(store, village[code], MEETING, JULY) for code in ("HH001", "HH002", "HH003")]
    assert [r["seq"] for r in rows] == [1, 2, 3]
    return rows


def check(db_path, capsys) -> tuple[int, str, str]:
    code = main(["check", "--db", str(db_path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_triggers_refuse_to_change_or_delete_approved_entries(store, village, db_path):
    rows = three_approved(store, village)
    waiting = record(store, village["HH004"], MEETING, JULY)
    conn = raw(db_path)
    try:
        before = snapshot(store)
        with pytest.raises(sqlite3.DatabaseError, match="never changed"):
            conn.execute("UPDATE point_entries SET points = 100 WHERE id = ?", (rows[1]["id"],))
        with pytest.raises(sqlite3.DatabaseError, match="never changed"):
            conn.execute("UPDATE point_entries SET status = 'pending' WHERE id = ?", (rows[1]["id"],))
        with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
            conn.execute("DELETE FROM point_entries WHERE id = ?", (rows[1]["id"],))
        with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
            conn.execute("DELETE FROM point_entries WHERE id = ?", (waiting["id"],))  # not even a pending one
        assert snapshot(store) == before
    finally:
        conn.close()


def test_check_passes_on_a_sound_ledger(store, village, db_path, capsys):
    three_approved(store, village)
    code, out, err = check(db_path, capsys)
    assert code == 0 and "检查通过" in out and err == ""


def test_check_names_the_entry_changed_behind_the_programs_back(store, village, db_path, capsys):
    rows = three_approved(store, village)
    conn = raw(db_path)
    conn.execute("DROP TRIGGER point_entries_approved_fixed")
    conn.execute("UPDATE point_entries SET points = 100 WHERE id = ?", (rows[1]["id"],))
    conn.close()
    problems = ledger.chain_problems(store)
    assert len(problems) == 1
    assert f"第 2 条已审核积分（户 HH002，2026-07-10，编号 {rows[1]['id']}）" in problems[0]
    assert "内容与校验值不符" in problems[0]
    code, out, err = check(db_path, capsys)
    assert code == 1 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and f"编号 {rows[1]['id']}" in err and "第 2 条" in err


def test_check_names_the_first_of_several_changes(store, village, db_path):
    rows = three_approved(store, village)
    conn = raw(db_path)
    conn.execute("DROP TRIGGER point_entries_approved_fixed")
    conn.execute("UPDATE point_entries SET note = '改过' WHERE id = ?", (rows[2]["id"],))
    assert "第 3 条" in ledger.chain_problems(store)[0]
    conn.execute("UPDATE point_entries SET entry_date = '2026-07-11' WHERE id = ?", (rows[1]["id"],))
    assert "第 2 条" in ledger.chain_problems(store)[0]
    conn.close()


def test_a_change_that_recomputes_its_own_hash_breaks_the_next_link(store, village, db_path):
    rows = three_approved(store, village)
    forged = {**rows[1], "points": 100}
    household = store.scalar("SELECT uid FROM households WHERE id = ?", (forged["household_id"],))
    new_hash = ledger.entry_hash(ledger._content(forged, household, rule(store, MEETING)["uid"], None))
    conn = raw(db_path)
    conn.execute("DROP TRIGGER point_entries_approved_fixed")
    conn.execute("UPDATE point_entries SET points = 100, hash = ? WHERE id = ?", (new_hash, rows[1]["id"]))
    conn.close()
    problems = ledger.chain_problems(store)
    assert "第 3 条" in problems[0] and "与前一条的链接不符" in problems[0]


def test_a_deleted_approved_entry_is_found(store, village, db_path, capsys):
    rows = three_approved(store, village)
    conn = raw(db_path)
    conn.execute("DROP TRIGGER point_entries_never_deleted")
    conn.execute("DELETE FROM point_entries WHERE id = ?", (rows[1]["id"],))
    conn.close()
    assert "缺少第 2 条" in ledger.chain_problems(store)[0]
    code, _out, err = check(db_path, capsys)
    assert code == 1 and "缺少第 2 条" in err


def test_a_forged_approval_without_a_chain_link_is_found(store, village, db_path, capsys):
    three_approved(store, village)
    waiting = record(store, village["HH004"], GAMBLING, JULY)
    conn = raw(db_path)  # no trigger stands in the way: the entry was pending
    conn.execute("UPDATE point_entries SET status = 'approved', reviewer = '某人' WHERE id = ?", (waiting["id"],))
    conn.close()
    assert "1 条积分标为已审核却不在积分链中" in ledger.chain_problems(store)[0]
    assert check(db_path, capsys)[0] == 1


def test_a_changed_household_key_breaks_its_entries(store, village, db_path):
    rows = three_approved(store, village)
    conn = raw(db_path)
    conn.execute("UPDATE households SET uid = 'x' WHERE id = ?", (rows[2]["household_id"],))
    conn.close()
    assert "第 3 条" in ledger.chain_problems(store)[0]


# --- posting, objections, locking -------------------------------------------------------

Q2, Q3 = "2026-Q2", "2026-Q3"
MAY = date(2026, 5, 10)


def test_post_needs_the_schemes_kind_of_period(store, hh):
    for wrong in ("2026-05", "2026"):
        refused(store, lambda wrong=wrong: ledger.post_period(store, wrong), "2026-Q2|2026-Q1")
    refused(store, lambda: ledger.lock_period(store, "2026-05"), "请写成 2026-Q2")
    refused(store, lambda: ledger.post_period(store, "2026-Q5"), "写法不对")


def test_post_is_refused_while_entries_wait_for_review(store, hh):
    waiting = record(store, hh, MEETING, MAY)
    refused(store, lambda: ledger.post_period(store, Q2), "待审核")
    ledger.approve(store, [waiting["id"]], "主任", date(2026, 7, 3))
    state = ledger.post_period(store, Q2, date(2026, 7, 5))
    assert (state["status"], state["posted_on"], state["objection_until"]) == ("posted", "2026-07-05", "2026-07-11")
    assert ledger.period_state(store, Q2)["status"] == "posted"
    refused(store, lambda: ledger.post_period(store, Q2), "已经公示过了")


def test_objection_days_come_from_the_scheme(store, hh):
    rules.save_scheme(store, rules.Scheme(objection_days=1))
    # One 公示期 rule with notices (docs/DOMAIN.md §4.2): the posting day is the first of the days.
    assert ledger.post_period(store, Q2, date(2026, 12, 31))["objection_until"] == "2026-12-31"


def test_points_and_notices_share_one_posting_period(store, hh):
    # The same Q3 posting read 10-08 to 10-15 on the board and 10月8日 to 10月14日 on its notice.
    state = ledger.post_period(store, "2026-Q3", date(2026, 10, 8))
    assert state["objection_until"] == workdays.posting_end(date(2026, 10, 8), 7).isoformat() == "2026-10-14"


def test_a_period_nobody_touched_is_open(store):
    assert ledger.period_state(store, "2026-Q1")["status"] == "open"


def test_post_object_lock_unlock(store, village):
    hh1, hh2 = village["HH001"], village["HH002"]
    first = approved(store, hh1, CLUTTER, MAY)
    second = approved(store, hh2, MEETING, MAY)
    refused(store, lambda: ledger.lock_period(store, Q2), "还没有公示")
    refused(store, lambda: ledger.raise_objection(store, entry_id=first["id"], raised_by="张大山", content="不实"),
            "不在公示期内")
    ledger.post_period(store, Q2, date(2026, 7, 5))
    refused(store, lambda: ledger.raise_objection(store, entry_id=first["id"], raised_by=" ", content="不实"),
            "异议人和异议内容")
    objection = ledger.raise_objection(store, entry_id=first["id"], raised_by="张大山", content="当天已清理",
                                       day="2026-07-08")
    other = ledger.raise_objection(store, entry_id=second["id"], raised_by="王建国", content="没来开会",
                                   day="2026-07-11")  # the last day of the posting
    assert (objection["status"], objection["received_on"], other["received_on"]) == ("open", "2026-07-08",
                                                                                     "2026-07-11")
    refused(store, lambda: ledger.lock_period(store, Q2), "还有 2 条异议没有处理")
    refused(store, lambda: ledger.resolve_objection(store, other["id"], upheld=False, resolution=" "),
            "处理意见", "resolution")
    ledger.resolve_objection(store, other["id"], upheld=False, resolution="签到表有本人签名")
    dismissed = records.get(store, "point_objections", other["id"])
    assert (dismissed["status"], dismissed["resolution"], dismissed["resolved_on"]) == (
        "dismissed", "签到表有本人签名", "2026-08-20")
    refused(store, lambda: ledger.resolve_objection(store, other["id"], upheld=True, resolution="改判"),
            "已经处理过了")
    refused(store, lambda: ledger.lock_period(store, Q2), "还有 1 条异议")
    ledger.resolve_objection(store, objection["id"], upheld=True, resolution="复查属实")
    reversal = store.row("SELECT * FROM point_entries WHERE reverses_id = ?", (first["id"],))
    assert (reversal["status"], reversal["points"], reversal["reverse_reason"], reversal["period"]) == (
        PENDING, 5, "异议成立：复查属实", Q2)
    # The upheld objection's correction must be reviewed before the period closes.
    refused(store, lambda: ledger.lock_period(store, Q2), "待审核")
    ledger.approve(store, [reversal["id"]], "主任", date(2026, 7, 15))
    locked = ledger.lock_period(store, Q2, date(2026, 7, 16))
    assert (locked["status"], locked["locked_on"]) == ("locked", "2026-07-16")
    refused(store, lambda: ledger.lock_period(store, Q2), "还没有公示")
    refused(store, lambda: ledger.post_period(store, Q2), "已经公示过了")

    # Locked: nothing goes in, nothing is corrected.
    refused(store, lambda: record(store, hh1, MEETING, MAY), "已讲评锁定")
    refused(store, lambda: ledger.record_batch(store, household_ids=[hh2["id"]], rule_id=rule(store, MEETING)["id"],
                                               day=MAY), "已讲评锁定")
    refused(store, lambda: ledger.reverse(store, second["id"], "错了"), "已讲评锁定")
    refused(store, lambda: ledger.raise_objection(store, entry_id=second["id"], raised_by="a", content="b"),
            "不在公示期内")
    assert record(store, hh1, MEETING, JULY)["period"] == Q3  # other periods are open

    refused(store, lambda: ledger.unlock_period(store, Q2, "  "), "写明原因", "reason")
    refused(store, lambda: ledger.unlock_period(store, Q3, "补录"), "没有锁定")
    unlocked = ledger.unlock_period(store, Q2, "补录漏登的义务劳动")
    assert (unlocked["status"], unlocked["locked_on"], unlocked["note"]) == ("posted", None, "补录漏登的义务劳动")
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'point_periods' AND action = 'unlock'") == 1
    late = record(store, hh1, LABOUR, MAY)
    refused(store, lambda: ledger.lock_period(store, Q2), "待审核")
    ledger.approve(store, [late["id"]], "主任", TODAY)
    ledger.lock_period(store, Q2, TODAY)
    assert ledger.chain_problems(store) == []


def test_objections_are_received_within_the_posting_period_and_resolved_after(store, village):
    entry = approved(store, village["HH001"], CLUTTER, MAY)
    ledger.post_period(store, Q2, date(2026, 7, 5))  # objections until 2026-07-11: 7 days with the 5th
    for day, message in (("2026-07-04", "早于公示开始日期 2026-07-05"), ("2026-07-12", "公示期已于 2026-07-11 结束"),
                         ("2026-08-21", "将来日期")):
        refused(store, lambda day=day: ledger.raise_objection(store, entry_id=entry["id"], raised_by="张大山",
                                                              content="不实", day=day), message, "date")
    objection = ledger.raise_objection(store, entry_id=entry["id"], raised_by="张大山", content="不实",
                                       day="2026-07-05")
    refused(store, lambda: ledger.resolve_objection(store, objection["id"], upheld=False, resolution="查无此事",
                                                    day=date(2026, 7, 4)), "不能早于收到异议的日期 2026-07-05")
    done = ledger.resolve_objection(store, objection["id"], upheld=False, resolution="查无此事", day=date(2026, 7, 5))
    assert done["resolved_on"] == "2026-07-05"


def test_a_rejection_is_dated_by_the_given_day(store, hh):
    waiting = record(store, hh, MEETING, MAY)
    ledger.reject(store, [waiting["id"]], "主任", "重复登记", day=date(2026, 5, 12))
    assert records.get(store, "point_entries", waiting["id"])["reviewed_at"] == "2026-05-12"


def test_approving_into_a_locked_period_is_refused(store, hh, db_path):
    waiting = record(store, hh, MEETING, MAY)
    # A pending entry in a locked period can only come from behind the program's back.
    conn = raw(db_path)
    conn.execute("INSERT INTO point_periods (uid, created_at, updated_at, period, status) "
                 "VALUES ('p', '', '', ?, 'locked')", (Q2,))
    conn.close()
    refused(store, lambda: ledger.approve(store, [waiting["id"]], "主任"), "已讲评锁定")


def test_an_upheld_objection_against_an_entry_already_corrected_stays_open(store, hh):
    original = approved(store, hh, MEETING, MAY)
    ledger.reverse(store, original["id"], "重复计分")
    refused(store, lambda: ledger.post_period(store, Q2), "待审核")  # the pending reversal blocks posting
    reversal = store.row("SELECT id FROM point_entries WHERE reverses_id = ?", (original["id"],))
    ledger.approve(store, [reversal["id"]], "主任", TODAY)
    ledger.post_period(store, Q2, TODAY)
    objection = ledger.raise_objection(store, entry_id=original["id"], raised_by="李秀英", content="不该得分")
    refused(store, lambda: ledger.resolve_objection(store, objection["id"], upheld=True, resolution="属实"),
            "已经冲正过了")
    assert records.get(store, "point_objections", objection["id"])["status"] == "open"
    ledger.resolve_objection(store, objection["id"], upheld=False, resolution="此前已冲正")


def test_objections_only_against_approved_entries(store, hh):
    waiting = record(store, hh, MEETING, MAY)
    refused(store, lambda: ledger.raise_objection(store, entry_id=waiting["id"], raised_by="a", content="b"),
            "只能对已审核")
    refused(store, lambda: ledger.raise_objection(store, entry_id=9999, raised_by="a", content="b"), "只能对已审核")
