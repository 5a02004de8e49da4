"""What a package carries besides the records, and a package forged to pass its checksums.

Real village and township files; packages written by the program and rewritten
as a forger would.  A forger without the village's key is stopped by the
signature (test_trust.py); these packages are signed again with the village's own
key, to show the township's checks beyond the signature still hold.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.documents.package.test_package import CODE, digest, opened, rewrite, take, write
from tests.helpers.packages import forged_member, repackaged, unsealed, without_figures
from villagedesk import clock
from villagedesk.core.register import people
from villagedesk.core.township import merge as township
from villagedesk.core.township.figures import village_figures
from villagedesk.documents.package.layout import FIGURES
from villagedesk.errors import UserError
from villagedesk.store import open_store


def forged(good: Path, target: Path, member: str, change, township_db: Path, village_db: Path) -> Path:
    """``good`` with ``member`` changed and the manifest's checksum and count made to match, signed again with
    the village's key and sealed for the township again."""
    return repackaged(good, target, township_db, forged_member(member, change), signer=village_db)


@pytest.mark.slow
def test_a_forged_line_is_refused_naming_it_and_nothing_is_kept(village_db, township_db, stick, tmp_path):
    good = write(village_db, stick)
    cases = {
        "not json": lambda d: d.replace(b"\n", b"\n{broken\n", 1),
        "no uid": lambda d: d.replace(b"\n", b'\n{"code": "HH009"}\n', 1),
        "not an object": lambda d: d.replace(b"\n", b"\n[1, 2]\n", 1),
        "empty uid": lambda d: d.replace(b"\n", b'\n{"uid": ""}\n', 1),
    }
    before = digest(township_db)
    for name, change in cases.items():
        bad = forged(good, tmp_path / f"{name}.vdpkg", "data/households.jsonl", change, township_db, village_db)
        opened(bad, township_db).close()  # its checksums, counts and signature agree: only applying it finds the line
        with pytest.raises(UserError, match="“data/households.jsonl”第 2 行不是有效的记录"):
            take(township_db, bad)
        assert digest(township_db) == before, name
    with open_store(township_db, write=False) as store:
        assert township.villages(store) == []
    take(township_db, good)  # the genuine package still goes in afterwards
    with open_store(township_db, write=False) as store:
        assert len(township.village_rows(store, CODE, "households")) == 2


def test_forged_figures_are_refused_before_anything_is_written(village_db, township_db, stick, tmp_path):
    good = write(village_db, stick)
    bad = forged(good, tmp_path / "figures.vdpkg", FIGURES, lambda d: b"[1, 2, 3]", township_db, village_db)
    before = digest(township_db)
    with pytest.raises(UserError, match="figures.json"):
        take(township_db, bad)
    assert digest(township_db) == before


def test_the_village_sends_its_figures_and_the_township_keeps_them(village_db, township_db, stick):
    day = date(2026, 11, 27)
    path = write(village_db, stick, today=day)
    with open_store(village_db, write=False) as store:
        expected = village_figures(store, day)
    with opened(path, township_db) as package:
        assert package.figures() == expected
    assert expected["households"] == 2 and "2026-Q4" in expected["periods"] and "2025" in expected["periods"]
    take(township_db, path)
    with open_store(township_db, write=False) as store:
        assert json.loads(township.villages(store)[0]["figures"]) == expected


@pytest.mark.slow
def test_a_package_without_figures_has_them_computed_at_the_township(village_db, township_db, stick, tmp_path):
    good = write(village_db, stick)

    path = rewrite(good, tmp_path / good.name, without_figures, township_db, signer=village_db)
    take(township_db, path)
    with open_store(township_db, write=False) as store:
        found = json.loads(township.villages(store)[0]["figures"])
    assert found["households"] == 2 and found["persons"] == 2 and found["as_of"] == clock.today().isoformat()


@pytest.mark.slow
def test_the_township_keeps_each_packages_audit_whole(village_db, township_db, stick):
    first = write(village_db, stick)
    with open_store(village_db) as store:
        house = people.household_by_code(store, "HH002")
        people.update_household(store, house["id"], phone="13912345678")
    second = write(village_db, stick)
    take(township_db, first)
    take(township_db, second)
    with open_store(township_db, write=False) as store:
        history = list(township.package_changes(store, CODE, 1))
        changes = list(township.package_changes(store, CODE, 2))
        assert list(township.package_changes(store, CODE, 3)) == []
    assert [a["action"] for a in history].count("insert") >= 4  # two households and their heads
    (update,) = [a for a in changes if a["action"] == "update"]
    assert update["table_name"] == "households" and json.loads(update["after"])["phone"] == "13912345678"
    assert [a["id"] for a in history + changes] == sorted(a["id"] for a in history + changes)


@pytest.mark.slow
def test_an_incremental_package_carries_a_readable_list_of_its_changes(village_db, township_db, stick, tmp_path):
    write(village_db, stick)
    with open_store(village_db) as store:
        house = people.household_by_code(store, "HH002")
        people.update_household(store, house["id"], phone="13912345678")
        people.add_household(store, code="HH003", group_name="一组")
    second = write(village_db, stick, today=date(2026, 11, 28))
    with zipfile.ZipFile(unsealed(second, township_db, tmp_path / "second.zip")) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".xlsx")]
        assert name == "村务变更-油溪桥村-20261128.xlsx"
        archive.extract(name, tmp_path)
    book = load_workbook(tmp_path / name, read_only=True)
    (sheet,) = book.worksheets
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("时间", "操作人", "内容", "操作", "记录", "变更内容")
    lines = {(r[2], r[3], r[4]): (r[5:] or [None])[0] for r in rows[1:]}
    print(lines)
    assert lines[("户", "修改", "HH002")] == "联系电话：（空） → 13912345678"
    assert ("户", "新增", "HH003") in lines
    book.close()


def _v6_township_with_audit_rows(path: Path) -> None:
    """A township file as schema version 6 left it: the villages' audit rows among the records."""
    from sqlite_utils import Database

    from villagedesk.store.migrations import migrations

    db = Database(path)
    migrations.apply(db, stop_before="0007_package_audit")
    rows = [("V1", "households", "u1", json.dumps({"uid": "u1", "id": 1, "code": "HH001"}), 0, 1),
            ("V1", "audit", "audit-2", json.dumps({"uid": "audit-2", "id": 2, "action": "update"}), 0, 1),
            ("V1", "audit", "audit-1", json.dumps({"uid": "audit-1", "id": 1, "action": "insert"}), 0, 1)]
    db.conn.executemany("INSERT INTO tw_rows VALUES (?, ?, ?, ?, ?, ?)", rows)
    stamp = ("2026-11-01T08:00:00",) * 2
    db.conn.execute("INSERT INTO tw_villages (uid, created_at, updated_at, code, name, township, county, "
                    "last_sequence, last_created_at, last_imported_at) VALUES ('v', ?, ?, 'V1', '一村', '乡', '县', "
                    "1, '2026-11-01', '2026-11-01')", stamp)
    db.conn.execute("INSERT INTO tw_packages (uid, created_at, updated_at, village_code, sequence, full, "
                    "package_created_at, app_version, file_name, sha256, counts) VALUES "
                    "('p', ?, ?, 'V1', 1, 1, '2026-11-01', '0.1', 'VD.zip', 'x', '{}')", stamp)
    db.conn.commit()
    db.close()


def test_a_version_6_township_keeps_what_it_took(tmp_path):
    path = tmp_path / "old-township.sqlite3"
    _v6_township_with_audit_rows(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 6
    with open_store(path) as store:
        assert township.village_rows(store, "V1", "households") == [{"uid": "u1", "id": 1, "code": "HH001"}]
        assert township.village_rows(store, "V1", "audit") == []
        assert list(township.package_changes(store, "V1", 1)) == [{"id": 1, "action": "insert"},
                                                                  {"id": 2, "action": "update"}]
        assert store.scalar("SELECT count(*) FROM tw_rows WHERE village_code = 'V1'") == 1
