"""`villagedesk check` and the points chain: every hash recomputed, shared among readers, and the
ledger compared with the chain position of every package sent and every board posted
(docs/PACKAGES.md "The village checks itself").

Real SQLite files; changes behind the program's back go through a connection of their own, its
guarding triggers dropped first, as someone with the file and sqlite3 would.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest

from tests.core.points.test_helpers import (
    MEETING,
    TODAY,
    VILLAGE_HONOUR,
    fix_today,
    make_village,
    record,
    rule,
)
from villagedesk.cli import main
from villagedesk.core.common import periods, records
from villagedesk.core.points import ledger, rules
from villagedesk.core.points.ledger import GENESIS
from villagedesk.store import open_store

JULY = date(2026, 7, 10)
Q2, Q3 = "2026-Q2", "2026-Q3"
LABEL = periods.parse(Q3).label  # 2026 年第三季度
# Text that json_object and json.dumps must write alike: quotes, backslashes, every kind of
# control character, DEL, line separators, characters beyond the basic plane.
AWKWARD = 'a"b\\c/d\n\r\t\b\f\x00\x01\x1f\x7f\u2028\u2029é中😀'


@pytest.fixture
def village(store, monkeypatch):
    fix_today(monkeypatch)
    return make_village(store)


def approve_many(store, village, n: int) -> list[dict]:
    """``n`` approved entries over the four households, one review: the next ``n`` of the chain."""
    households, honour = list(village.values()), rule(store, VILLAGE_HONOUR)["id"]  # no cap per period
    ids = [ledger.record_entry(store, household_id=households[i % 4]["id"], rule_id=honour, day=JULY,
                               note=f"第{i}次")["id"] for i in range(n)]
    ledger.approve(store, ids, "审核员", TODAY)
    return store.rows(f"SELECT * FROM point_entries WHERE id IN ({','.join('?' * n)}) ORDER BY seq", ids)


def behind_the_back(db_path) -> sqlite3.Connection:
    """A connection of someone who has the file: the ledger's guards dropped."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("DROP TRIGGER IF EXISTS point_entries_approved_fixed")
    conn.execute("DROP TRIGGER IF EXISTS point_entries_never_deleted")
    return conn


def cut_tail(db_path, keep: int) -> None:
    """The approved entries after seq ``keep`` deleted: what is left is a whole chain by itself."""
    with behind_the_back(db_path) as conn:
        conn.execute("DELETE FROM point_entries WHERE seq > ?", (keep,))
    conn.close()


@contextmanager
def tampered(conn: sqlite3.Connection, seq: int, sql: str) -> Iterator[None]:
    """``sql`` run (committed) on the entry at ``seq``, that entry put back as it was afterwards."""
    (entry_id,) = conn.execute("SELECT id FROM point_entries WHERE seq = ?", (seq,)).fetchone()
    before = conn.execute("SELECT * FROM point_entries WHERE id = ?", (entry_id,)).fetchone()
    conn.execute(sql, (entry_id,))
    try:
        yield
    finally:
        conn.execute("DELETE FROM point_entries WHERE id = ?", (entry_id,))
        conn.execute(f"INSERT INTO point_entries VALUES ({','.join('?' * len(before))})", before)


def rechain(conn: sqlite3.Connection) -> None:
    """Every approved entry linked and hashed again in seq order, as someone with the program's code
    could: a chain whole in itself, whatever was changed in it."""
    prev = GENESIS
    for (entry_id,) in conn.execute("SELECT id FROM point_entries WHERE seq IS NOT NULL ORDER BY seq, id").fetchall():
        cur = conn.execute("SELECT e.*, h.uid AS hu, r.uid AS ru, v.uid AS vu FROM point_entries e "
                           "JOIN households h ON h.id = e.household_id JOIN point_rules r ON r.id = e.rule_id "
                           "LEFT JOIN point_entries v ON v.id = e.reverses_id WHERE e.id = ?", (entry_id,))
        entry = dict(zip([d[0] for d in cur.description], cur.fetchone()))
        entry["prev_hash"] = prev
        prev = ledger.entry_hash(ledger._content(entry, entry["hu"], entry["ru"], entry["vu"]))
        conn.execute("UPDATE point_entries SET prev_hash = ?, hash = ? WHERE id = ?", (entry["prev_hash"], prev,
                                                                                         entry_id))


def check(db_path, capsys) -> tuple[int, list[str], str]:
    code = main(["check", "--db", str(db_path)])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


# --- the walk ----------------------------------------------------------------------------

def test_sqlite_writes_the_text_entry_hash_hashes(store, village):
    """The walk hashes json_object's text; it must be json.dumps's byte for byte, or every entry
    would be checked the slow way (and only that would keep the result right)."""
    households = list(village.values())
    made = [record(store, households[0], MEETING, JULY, note=AWKWARD, evidence=AWKWARD[::-1]),
            record(store, households[1], MEETING, JULY, note="", evidence="")]
    ledger.approve(store, [e["id"] for e in made], AWKWARD, TODAY)
    reversal = ledger.reverse(store, made[0]["id"], AWKWARD)
    ledger.approve(store, [reversal["id"]], "主任", TODAY)
    rows = store.conn.execute(ledger._WALK + " ORDER BY e.seq").fetchall()
    assert len(rows) == 3
    for text, stored, *_ in rows:
        assert hashlib.sha256(text).hexdigest() == stored
    assert ledger.chain_problems(store) == []


def test_awkward_texts_are_taken_a_chunk_at_a_time(store, village):
    """Entries whose texts need every kind of escaping, and values json_object writes as
    json.dumps does (null, negative integers): taken whole by the chunk path, not only
    found sound entry by entry (which would keep the result right but the walk slow)."""
    households = list(village.values())
    made = [record(store, households[0], MEETING, JULY, note=AWKWARD, evidence=AWKWARD[::-1]),
            record(store, households[1], VILLAGE_HONOUR, JULY, quantity=1000, note="", evidence="")]
    ledger.approve(store, [e["id"] for e in made], AWKWARD, TODAY)
    reversal = ledger.reverse(store, made[1]["id"], AWKWARD)
    ledger.approve(store, [reversal["id"]], "主任", TODAY)
    hashes = [r[0] for r in store.conn.execute("SELECT hash FROM point_entries WHERE seq IS NOT NULL ORDER BY seq")]
    assert len(hashes) == 3
    assert ledger._chunk_whole(store.conn, 1, 4, GENESIS) == hashes[-1]
    assert ledger._chunk_whole(store.conn, 2, 4, hashes[0]) == hashes[-1]
    assert ledger._chunk_whole(store.conn, 1, 4, hashes[0]) is None  # linked to another first entry


def test_the_walk_keeps_to_the_seq_index(store, village):
    """Each chunk reads its own stretch of the seq index, and the approved entries outside the
    chain are looked for among those without a seq: not the whole status index every time."""
    approve_many(store, village, 3)
    chunk = " ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + ledger._WALK_CHUNK, (1, 3)))
    assert "(seq>? AND seq<?)" in chunk and "status" not in chunk, chunk
    unchained = " ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + ledger._UNCHAINED, ("approved",)))
    assert "(seq=?)" in unchained, unchained


# How the walk may be shared and cut: (readers, entries taken at once).
WAYS = [(1, 1000), (2, 1000), (3, 1000), (1, 3), (2, 2), (3, 4), (4, 1)]


def every_way(store) -> list[str]:
    """What the walk finds, the same however it is shared and cut (asserted): the problems found."""
    found = {way: ledger.chain_problems(store, readers=way[0], chunk=way[1]) for way in WAYS}
    assert all(f == found[WAYS[0]] for f in found.values()), found
    return found[WAYS[0]]


@pytest.mark.parametrize(("readers", "chunk"), WAYS)
def test_a_sound_ledger_passes_however_the_walk_is_shared(store, village, readers, chunk):
    approve_many(store, village, 11)
    assert ledger.chain_problems(store, readers=readers, chunk=chunk) == []


def test_an_empty_ledger_passes(store, village):
    assert ledger.chain_problems(store, readers=3, chunk=2) == []


def test_the_first_of_two_problems_is_named_however_the_walk_is_shared(store, village, db_path):
    """An entry put before the first (seq 0) and a later one changed: the walk names the first."""
    approve_many(store, village, 9)
    conn = behind_the_back(db_path)
    try:
        with tampered(conn, 7, "UPDATE point_entries SET note = '改过' WHERE id = ?"), \
                tampered(conn, 2, "UPDATE point_entries SET seq = 0 WHERE id = ?"):
            (first, *_) = every_way(store)
    finally:
        conn.close()
    assert "积分链缺少第 1 条" in first and "第 0 条已审核积分" in first


@pytest.mark.slow
def test_a_ledger_of_thousands_is_walked_a_thousand_at_a_time(store, village, db_path):
    rows = approve_many(store, village, 2300)
    assert ledger.chain_problems(store) == [] and ledger.chain_problems(store, readers=2) == []
    conn = behind_the_back(db_path)
    try:
        for seq in (999, 1000, 1001, 2001, 2300):
            with tampered(conn, seq, "UPDATE point_entries SET evidence = '照片' WHERE id = ?"):
                for readers in (1, 2, 3):
                    problems = ledger.chain_problems(store, readers=readers)
                    assert len(problems) == 1 and f"编号 {rows[seq - 1]['id']}" in problems[0], (seq, readers)
    finally:
        conn.close()


@pytest.mark.slow
def test_every_change_is_named_alike_however_the_chain_is_shared(store, village, db_path):
    """Each entry in turn changed, deleted or unlinked: the message does not depend on the readers,
    at a share's first entry, its last, or in between."""
    rows = approve_many(store, village, 10)
    tampering = {
        "changed": ("UPDATE point_entries SET points = 100 WHERE id = ?", "内容与校验值不符"),
        "deleted": ("DELETE FROM point_entries WHERE id = ?", "缺少第"),
        "unlinked": ("UPDATE point_entries SET prev_hash = 'x' WHERE id = ?", "与前一条的链接不符"),
        "unapproved": ("UPDATE point_entries SET status = 'pending' WHERE id = ?", "与前一条的链接不符"),
    }
    conn = behind_the_back(db_path)
    try:
        for row in rows:
            seq = row["seq"]
            for how, (sql, said) in tampering.items():
                with tampered(conn, seq, sql):
                    one = every_way(store)
                if how == "deleted" and seq == len(rows):
                    # The last one gone leaves a whole, shorter chain: only what was sent or posted tells.
                    assert one == [], how
                    continue
                assert len(one) == 1 and said in one[0], (how, seq, one)
                named = seq + 1 if how == "deleted" else seq
                assert f"第 {named} 条已审核积分" in one[0]
    finally:
        conn.close()
    assert ledger.chain_problems(store, readers=3) == []


def test_a_value_json_cannot_hold_is_named_not_a_crash(store, village, db_path):
    rows = approve_many(store, village, 6)
    with behind_the_back(db_path) as conn:
        conn.execute("UPDATE point_entries SET note = X'E4B8AD' WHERE seq = 4")
    conn.close()
    for readers, chunk in WAYS:
        problems = ledger.chain_problems(store, readers=readers, chunk=chunk)
        assert len(problems) == 1 and f"编号 {rows[3]['id']}" in problems[0] and "内容与校验值不符" in problems[0]


def test_a_number_written_as_text_or_real_is_a_change(store, village, db_path):
    approve_many(store, village, 4)
    conn = behind_the_back(db_path)
    try:
        for value in ("'2x'", "2.5", "'２'"):
            with tampered(conn, 2, f"UPDATE point_entries SET points = {value} WHERE id = ?"):
                for readers, chunk in WAYS:
                    assert "第 2 条已审核积分" in ledger.chain_problems(store, readers=readers, chunk=chunk)[0]
    finally:
        conn.close()


def test_a_seq_out_of_line_is_a_gap(store, village, db_path):
    approve_many(store, village, 5)
    conn = behind_the_back(db_path)
    try:
        for value in ("0", "2.5", "'x'", "-1", "X'03'"):
            with tampered(conn, 3, f"UPDATE point_entries SET seq = {value} WHERE id = ?"):
                one = every_way(store)
            assert len(one) == 1 and "积分链缺少第" in one[0], one
    finally:
        conn.close()


def test_a_seq_out_of_line_in_a_rehashed_chain_is_still_a_gap(store, village, db_path):
    """Every link and hash made good again around an entry moved to seq 2.5: the walk still says
    the third is missing, however it is shared and cut."""
    approve_many(store, village, 6)
    with behind_the_back(db_path) as conn:
        conn.execute("UPDATE point_entries SET seq = 2.5 WHERE seq = 3")
        rechain(conn)
    conn.close()
    one = every_way(store)
    assert len(one) == 1 and "积分链缺少第 3 条" in one[0]


def test_a_seq_repeated_once_it_is_no_longer_unique_is_a_gap(store, village, db_path):
    """The table made again without its UNIQUE seq, the third entry given the second's seq and the
    chain hashed again in that order: as many entries as before, the first and the last where they
    were, yet the third is missing, however the walk is shared and cut."""
    approve_many(store, village, 6)
    with behind_the_back(db_path) as conn:
        (table,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'point_entries'").fetchone()
        assert "seq INTEGER UNIQUE" in table
        conn.execute(table.replace("point_entries", "entries_again", 1).replace("seq INTEGER UNIQUE", "seq INTEGER"))
        conn.execute("INSERT INTO entries_again SELECT * FROM point_entries")
        conn.execute("DROP TABLE point_entries")
        conn.execute("ALTER TABLE entries_again RENAME TO point_entries")
        conn.execute("UPDATE point_entries SET seq = 2 WHERE seq = 3")
        rechain(conn)
    conn.close()
    one = every_way(store)
    assert len(one) == 1 and "积分链缺少第 3 条" in one[0]


def test_a_rewritten_chain_passes_the_walk_and_is_caught_by_the_board(store, village, db_path):
    """Points changed and the chain hashed again from the start: whole in itself; the board posted
    before says its head is no longer there."""
    approve_many(store, village, 5)
    ledger.post_period(store, Q3, TODAY)
    with behind_the_back(db_path) as conn:
        conn.execute("UPDATE point_entries SET points = 50 WHERE seq = 2")
        rechain(conn)
    conn.close()
    problems = ledger.chain_problems(store, readers=2, chunk=2)
    assert len(problems) == 1 and problems[0].startswith(f"{LABEL}积分公示时积分链第 5 条的校验值是")


def test_forged_approvals_outside_the_chain_are_counted(store, village, db_path):
    approve_many(store, village, 3)
    waiting = [record(store, village["HH004"], MEETING, JULY) for _ in range(2)]
    with sqlite3.connect(db_path, isolation_level=None) as conn:  # pending entries have no guard
        conn.execute(f"UPDATE point_entries SET status = 'approved' WHERE id IN ({waiting[0]['id']}, "
                     f"{waiting[1]['id']})")
    conn.close()
    assert ledger.chain_problems(store, readers=2) == ["有 2 条积分标为已审核却不在积分链中：它们是在程序之外改动的。"]


# --- boards posted ----------------------------------------------------------------------

def test_posting_a_board_records_the_chain_position(store, village):
    assert ledger.post_period(store, Q2, date(2026, 7, 1))["chain_count"] == 0
    state = ledger.period_state(store, Q2)
    assert (state["chain_count"], state["chain_head"]) == (0, GENESIS)
    rows = approve_many(store, village, 3)
    ledger.post_period(store, Q3, TODAY)
    state = ledger.period_state(store, Q3)
    assert (state["chain_count"], state["chain_head"]) == (3, rows[-1]["hash"]) == ledger.chain_head(store)
    # Entries approved later leave the position the board was posted with as it was.
    approve_many(store, village, 2)
    assert ledger.period_state(store, Q3)["chain_count"] == 3
    assert ledger.chain_problems(store) == []


def test_a_tail_cut_after_a_board_is_named_with_its_period(store, village, db_path, capsys):
    approve_many(store, village, 5)
    ledger.post_period(store, Q3, TODAY)
    approve_many(store, village, 2)
    cut_tail(db_path, keep=3)
    problems = ledger.chain_problems(store)
    assert problems == [f"{LABEL}积分公示时积分链有 5 条已审核积分，现在只有 3 条：末尾 2 条已审核积分被删除了。"]
    code, out, err = check(db_path, capsys)
    assert code == 1 and out == problems and "检查未通过：共 1 处问题" in err and len(err.splitlines()) == 1


def test_a_rewritten_tail_is_named_with_its_period(store, village, db_path):
    """The last entries deleted and others approved in their place (a chain whole in itself, as
    long as before): the board's head is no longer the hash at its count."""
    approve_many(store, village, 4)
    ledger.post_period(store, Q3, TODAY)
    board = ledger.period_state(store, Q3)
    cut_tail(db_path, keep=2)
    approve_many(store, village, 2)
    actual = store.scalar("SELECT hash FROM point_entries WHERE seq = 4")
    assert ledger.chain_problems(store) == [
        f"{LABEL}积分公示时积分链第 4 条的校验值是 {board['chain_head'][:16]}…，现在是 {actual[:16]}…："
        "积分链在程序之外被改写过。"]


def test_a_board_posted_on_an_empty_ledger_passes(store, village):
    ledger.post_period(store, Q3, TODAY)
    assert ledger.chain_problems(store) == []


def test_a_board_position_changed_behind_the_back_is_named(store, village, db_path):
    ledger.post_period(store, Q3, TODAY)
    with sqlite3.connect(db_path, isolation_level=None) as conn:
        conn.execute("UPDATE point_periods SET chain_head = 'abc' WHERE period = ?", (Q3,))
    conn.close()
    assert ledger.chain_problems(store) == [
        f"{LABEL}积分公示时记下的积分链位置（0 条，abc）不成立：这条记录在程序之外被改动过。"]


# --- packages sent --------------------------------------------------------------------------

@pytest.fixture
def joined(village_db, monkeypatch):
    """油溪桥村, joined to its township, with a points scheme: what sends packages."""
    fix_today(monkeypatch)
    with open_store(village_db) as store:
        rules.save_scheme(store, rules.Scheme())
        rules.install_default_catalogue(store, date(2026, 1, 1))
    return village_db


def approve_in(path, n: int) -> None:
    with open_store(path) as store:
        households = store.rows("SELECT * FROM households ORDER BY id")
        honour = rule(store, VILLAGE_HONOUR)["id"]
        ids = [ledger.record_entry(store, household_id=households[i % len(households)]["id"], rule_id=honour,
                                   day=JULY)["id"] for i in range(n)]
        ledger.approve(store, ids, "审核员", TODAY)


def send(path, stick, full: bool = False) -> dict:
    # loads openpyxl: the package writer is the documents layer's
    from villagedesk.documents.package.writer import write_package

    with open_store(path) as store:
        write_package(store, stick, full=full)
        return store.row("SELECT * FROM packages ORDER BY sequence DESC LIMIT 1")


@pytest.mark.slow
def test_a_tail_cut_after_a_package_is_named_with_the_package(joined, stick, capsys):
    approve_in(joined, 4)
    first = send(joined, stick)
    assert (first["chain_count"], first["chain_head"]) == (4, ledger.chain_head(open_store(joined, write=False))[1])
    approve_in(joined, 3)
    second = send(joined, stick)
    assert second["chain_count"] == 7
    with open_store(joined, write=False) as store:
        assert ledger.chain_problems(store) == []
    cut_tail(joined, keep=2)
    code, out, err = check(joined, capsys)
    assert code == 1 and len(err.splitlines()) == 1 and "共 2 处问题" in err
    assert out == [
        f"第 1 号数据包（{first['file_name']}）发出时积分链有 4 条已审核积分，现在只有 2 条：末尾 2 条已审核积分被删除了。",
        f"第 2 号数据包（{second['file_name']}）发出时积分链有 7 条已审核积分，现在只有 2 条：末尾 5 条已审核积分被删除了。"]


def test_a_package_position_is_checked_from_its_row(store, village, db_path):
    """The packages table as the writer leaves it (a position on each row; none on rows written
    before schema 8), checked without writing a package."""
    rows = approve_many(store, village, 3)
    values = {"previous": None, "full": 1, "since": "", "audit_max": 0, "sha256": "", "counts": "{}"}
    records.insert(store, "packages", {**values, "sequence": 1, "file_name": "VD-old-1.vdpkg",
                                       "chain_count": None, "chain_head": None})
    records.insert(store, "packages", {**values, "sequence": 2, "file_name": "VD-x-2.vdpkg",
                                       "chain_count": 3, "chain_head": rows[-1]["hash"]})
    assert ledger.chain_problems(store) == []
    cut_tail(db_path, keep=0)
    assert ledger.chain_problems(store) == [
        "第 2 号数据包（VD-x-2.vdpkg）发出时积分链有 3 条已审核积分，现在只有 0 条：末尾 3 条已审核积分被删除了。"]


def test_check_passes_a_sound_village_with_boards_and_packages(joined, stick, capsys):
    approve_in(joined, 2)
    with open_store(joined) as store:
        ledger.post_period(store, Q3, TODAY)
    code, out, err = check(joined, capsys)
    assert code == 0 and out == [f"检查通过：{joined}"] and err == ""
