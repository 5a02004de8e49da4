"""The county checks a village package with the township's very rules (core.county.merge.check_village).

Real village and township files and real signed, sealed packages (tests.core.township.test_merge's
helpers).  The county is made to hold what the township holds (its villages, keys and rows copied into
the county's database); then each package is checked by both, and both give the same answer: the same
result, or the same refusal in the same words, but for the county naming itself where the township does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.township.test_merge import approve, digest, forged_rows, jsonl, jsonl_rows, take, write
from tests.helpers.packages import forged_member, repackaged
from villagedesk import clock
from villagedesk.core.county.merge import check_village, village_tables
from villagedesk.core.township import merge as township
from villagedesk.core.township import validate
from villagedesk.documents.package.reader import read_package
from villagedesk.errors import UserError
from villagedesk.store import open_store
from villagedesk.store.postgres.connection import county_database

# Real packages written and opened (a few tenths of a second each), on a real PostgreSQL server.
pytestmark = [pytest.mark.slow, pytest.mark.postgres]


@pytest.fixture
def county_conn(county):
    with county_database(county) as conn:
        yield conn


def hold_as(township_db: Path, conn) -> None:
    """The county made to hold what the township holds of its villages (as its import will keep them)."""
    with open_store(township_db, write=False) as store:
        villages = store.conn.execute("SELECT code, name, last_sequence, chain_count, chain_head FROM tw_villages"
                                      ).fetchall()
        pinned = store.conn.execute("SELECT village_code, public_key, fingerprint, first_sequence, retired_at "
                                    "FROM tw_village_keys ORDER BY id").fetchall()
        rows = store.conn.execute("SELECT village_code, table_name, uid, data, deleted, package_sequence "
                                  "FROM tw_rows").fetchall()
    now = clock.now().replace(microsecond=0)
    with conn.transaction():
        for table in ("rows", "village_keys", "events", "villages"):
            conn.execute(f"DELETE FROM county.{table}")
        found = conn.execute("SELECT id FROM county.townships").fetchone()
        township_id = found[0] if found else conn.execute(
            "INSERT INTO county.townships (name, county, signing_key, fingerprint, created_at, updated_at) "
            "VALUES ('天门乡', '新化县', 'T', 'TTTT', %s, %s) RETURNING id", (now, now)).fetchone()[0]
        for code, name, last, count, head in villages:
            conn.execute("INSERT INTO county.villages (code, township_id, name, last_sequence, chain_count, chain_head, "
                         "created_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                         (code, township_id, name, last, count, head, now, now))
        for code, public, fingerprint, first, retired in pinned:
            conn.execute("INSERT INTO county.village_keys (village_code, public_key, fingerprint, first_sequence, "
                         "retired_at, created_at) VALUES (%s, %s, %s, %s, %s, %s)",
                         (code, public, fingerprint, first, retired and now, now))
        with conn.cursor() as cursor:
            cursor.executemany("INSERT INTO county.rows (village_code, table_name, uid, data, deleted, package_sequence) "
                               "VALUES (%s, %s, %s, %s::jsonb, %s, %s)",
                               [(code, table, uid, data, bool(deleted), sequence)
                                for code, table, uid, data, deleted, sequence in rows])


# What the township's refusals say of it, and the county's of itself.
IN_COUNTY_WORDS = (("本乡镇", "本县"), ("升级乡镇的程序", "升级县里的程序"))


def _outcome(check) -> tuple:
    try:
        r = check()
    except UserError as exc:
        return type(exc).__name__, str(exc)
    return ("taken", r.village_code, r.sequence, r.already, r.new_village, r.replaced, r.fingerprint, r.events,
            r.pin_key, r.retire_key is not None, r.chain, r.deleted)


def both(township_db: Path, conn, path: Path, **accept) -> tuple:
    """``path`` checked by the township and by the county (told what the township took of that sequence):
    the one outcome they give, or a failure showing both."""
    with open_store(township_db, write=False) as store, read_package(path, store) as package:
        sha256 = digest(path)
        taken = store.row("SELECT sha256, file_name FROM tw_packages WHERE village_code = ? AND sequence = ?",
                          (package.village["code"], package.sequence))
        at_township = _outcome(lambda: township.check_package(store, package, sha256=sha256, **accept))
        at_county = _outcome(lambda: check_village(conn, package, sha256=sha256, taken=taken, **accept))
    if at_township[0] != "taken":
        said = at_township[1]
        for township_words, county_words in IN_COUNTY_WORDS:
            said = said.replace(township_words, county_words)
        at_township = at_township[0], said
        assert "乡镇" not in at_county[1]
    assert at_county == at_township
    return at_county


def test_the_county_knows_the_tables_a_village_file_has(township_db):
    with open_store(township_db, write=False) as store:
        assert village_tables() == validate.table_specs(store, township.LOCAL_TABLES)


def test_a_villages_first_package_is_asked_about_then_checked_as_at_the_township(village_db, township_db, stick,
                                                                                 county_conn):
    approve(village_db, 3)
    first = write(village_db, stick)
    kind, message = both(township_db, county_conn, first)
    assert kind == "ForeignVillage" and "第一个数据包" in message
    taken = both(township_db, county_conn, first, accept_new_village=True)
    assert taken[0] == "taken" and taken[4] and taken[8] is not None and taken[10].count == 3


def test_the_next_packages_continue_what_the_county_holds(village_db, township_db, stick, county_conn):
    approve(village_db, 3)
    first = write(village_db, stick)
    take(township_db, first)
    hold_as(township_db, county_conn)
    approve(village_db, 2)
    second = write(village_db, stick)
    outcome = both(township_db, county_conn, second)
    assert outcome[0] == "taken" and not outcome[4] and outcome[10].count == 5
    # The one taken already is taken again as nothing; sent whole, the history goes through the held head.
    assert both(township_db, county_conn, first)[3] is True
    assert both(township_db, county_conn, write(village_db, stick, full=True))[5] is True
    take(township_db, second)
    hold_as(township_db, county_conn)
    assert both(township_db, county_conn, first)[3] is True


def test_out_of_order_and_another_key_are_refused_in_the_same_words(village_db, township_db, stick, county_conn):
    take(township_db, write(village_db, stick))
    skipped = write(village_db, stick)
    third = write(village_db, stick)
    hold_as(township_db, county_conn)
    assert both(township_db, county_conn, third)[1].startswith("缺少")
    take(township_db, skipped)
    take(township_db, third)
    hold_as(township_db, county_conn)
    assert both(township_db, county_conn, skipped)[3] is True
    with open_store(township_db) as store, store.atomic():  # the packages taken as if they were other ones
        store.conn.execute("UPDATE tw_packages SET sha256 = 'other'")
    assert "更早" in both(township_db, county_conn, skipped)[1]
    assert "内容不同" in both(township_db, county_conn, third)[1]
    with open_store(township_db) as store, store.atomic():
        store.conn.execute("UPDATE tw_village_keys SET public_key = 'someone else', fingerprint = 'XXXX'")
    hold_as(township_db, county_conn)
    fourth = write(village_db, stick)
    kind, message = both(township_db, county_conn, fourth)
    assert kind == "NewKey" and "XXXX" in message and "与本县记下的不同" in message
    assert both(township_db, county_conn, fourth, accept_new_key=True)[9] is True


def test_a_changed_history_or_record_is_refused_in_the_same_words(village_db, township_db, stick, county_conn,
                                                                  tmp_path):
    approve(village_db, 3)
    take(township_db, write(village_db, stick))
    hold_as(township_db, county_conn)
    approve(village_db, 1)
    second = write(village_db, stick)

    def rewritten(rows: list[dict]) -> list[dict]:
        for row in rows:
            if row["seq"] == 4:
                row["points"] = 5000
        return rows

    forged = forged_rows(second, tmp_path / "entries" / second.name, township_db, village_db, "point_entries",
                         rewritten)
    assert "内容与它的校验值不符" in both(township_db, county_conn, forged)[1]

    def inflated(data: bytes) -> bytes:
        figures = json.loads(data)
        figures["households"] = 9999
        return json.dumps(figures, ensure_ascii=False).encode()

    (tmp_path / "figures").mkdir()
    figures = repackaged(second, tmp_path / "figures" / second.name, township_db,
                         forged_member("figures.json", inflated), signer=village_db)
    assert "9999" in both(township_db, county_conn, figures)[1]
    (tmp_path / "line").mkdir()
    line = repackaged(second, tmp_path / "line" / second.name, township_db, forged_member(
        "data/point_entries.jsonl", lambda d: jsonl([{**r, "secret": "x"} for r in jsonl_rows(d)])),
        signer=village_db)
    assert "请先升级县里的程序" in both(township_db, county_conn, line)[1]
    # A full package whose history parts from the one held: asked about, then taken with the event.
    with open_store(township_db) as store, store.atomic():
        store.conn.execute("UPDATE tw_villages SET chain_head = ?", ("0" * 64,))
    hold_as(township_db, county_conn)
    whole = write(village_db, stick, full=True)
    assert both(township_db, county_conn, whole)[0] == "Diverged"
    assert both(township_db, county_conn, whole, accept_divergence=True)[7][0][0] == "divergence"


def test_a_village_held_without_its_chain_position_continues_from_its_entries(village_db, township_db, stick,
                                                                             county_conn):
    approve(village_db, 2)
    take(township_db, write(village_db, stick))
    with open_store(township_db) as store, store.atomic():  # as a township upgraded from schema 7 holds it
        store.conn.execute("UPDATE tw_villages SET chain_count = 0, chain_head = ''")
    hold_as(township_db, county_conn)
    approve(village_db, 1)
    assert both(township_db, county_conn, write(village_db, stick))[10].count == 3
