"""A file from every earlier release opens: backed up first, migrated, and sound; a newer one is refused.

The fixtures are committed (tools/make_schema_fixture.py wrote them: records the
program wrote through each write path, copied into a file of that schema
version); each test works on a copy.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURES
from villagedesk.cli import main
from villagedesk.core.points.ledger import chain_problems
from villagedesk.core.township import merge as township
from villagedesk.errors import UserError
from villagedesk.store import open_store
from villagedesk.store.backup import list_backups
from villagedesk.store.check import integrity_problems
from villagedesk.store.driver import sqlite3
from villagedesk.store.migrations import SCHEMA_VERSION

FIXTURES = FIXTURES
OLD = {f"v{v}": FIXTURES / f"schema_v{v}.sqlite3" for v in range(1, SCHEMA_VERSION)}
OLD["v6 township"] = FIXTURES / "schema_v6_township.sqlite3"


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE 'sqlite_%' AND name != '_sqlite_migrations'")]
        return {n: conn.execute(f"SELECT count(*) FROM [{n}]").fetchone()[0] for n in names}


def version_of(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_there_is_a_fixture_for_every_earlier_version():
    assert sorted(version_of(p) for p in OLD.values()) == sorted([*range(1, SCHEMA_VERSION), 6])


@pytest.mark.parametrize("name", list(OLD))
def test_an_old_file_is_backed_up_migrated_and_passes_check(name, tmp_path, capsys):
    path = tmp_path / "old.sqlite3"
    shutil.copy(OLD[name], path)
    version, before = version_of(path), counts(path)
    assert 0 < version < SCHEMA_VERSION

    with open_store(path) as store:
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
        assert integrity_problems(store) == [] and chain_problems(store) == []
        after = {t: store.scalar(f"SELECT count(*) FROM [{t}]") for t in before}
        township_file = township.is_township(store)
    # Every record is still there; only version 7 moved the township's copies of village audit rows,
    # and the program may note the upgrade among its settings.
    moved = before.get("tw_rows", 0) - after.get("tw_rows", 0)
    kept = {t for t in before if t not in ("tw_rows", "settings")}
    assert {t: after[t] for t in kept} == {t: before[t] for t in kept}
    assert after["settings"] >= before["settings"]
    assert moved == (sum(1 for _ in _audit_rows(OLD[name])) if version < 7 else 0)
    if version > 1 and before.get("households"):  # the fixtures written by the audit walk
        assert not township_file and before["households"] >= 5 and before["audit"] > 20

    backups = list_backups(path)
    assert len(backups) == 1 and f"before-migrate-v{version}" in backups[0].name
    assert version_of(backups[0]) == version and counts(backups[0]) == before

    assert main(["check", "--db", str(path)]) == 0
    assert "检查通过" in capsys.readouterr().out
    # Opened again, nothing is migrated twice and no further migration backup is made.
    with open_store(path) as store:
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
    assert [b for b in list_backups(path) if "before-migrate" in b.name] == backups


def _audit_rows(path: Path) -> list:
    with sqlite3.connect(path) as conn:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'tw_rows'").fetchone():
            return []
        return conn.execute("SELECT uid FROM tw_rows WHERE table_name = 'audit'").fetchall()


def test_the_old_township_keeps_each_villages_history(tmp_path):
    path = tmp_path / "township.sqlite3"
    shutil.copy(OLD["v6 township"], path)
    sent = len(_audit_rows(path))
    assert sent > 50
    with open_store(path) as store:
        assert township.is_township(store)
        (village,) = township.villages(store)
        changes = list(township.package_changes(store, village["code"], village["last_sequence"]))
        assert len(changes) == sent and all("uid" not in row for row in changes)
        assert [row["id"] for row in changes] == sorted(row["id"] for row in changes)
        assert len(township.village_rows(store, village["code"], "households")) == 6


@pytest.mark.parametrize("newer", [SCHEMA_VERSION + 1, 99])
def test_a_file_from_a_newer_program_is_refused_untouched(tmp_path, newer):
    path = tmp_path / "newer.sqlite3"
    shutil.copy(OLD["v6"], path)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {newer}")
    before = digest(path)
    with pytest.raises(UserError, match=f"更新版本的村务通创建（数据版本 {newer}）"):
        open_store(path)
    with pytest.raises(UserError, match="更新版本"):
        open_store(path, write=False)
    assert main(["check", "--db", str(path)]) == 1
    assert digest(path) == before
    # No backup, no WAL beside it: only the (released) lock file every opening leaves.
    assert list_backups(path) == [] and {p.name for p in tmp_path.iterdir()} <= {"newer.sqlite3",
                                                                               "newer.sqlite3.lock"}


def test_the_upgrade_spells_every_name_in_full_pinyin(tmp_path):
    """Schema 11 (#18): the persons of an old file get the pinyin search needs, surnames read as such."""
    from villagedesk.core.common import pinyin

    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES / "schema_v8.sqlite3", path)
    with open_store(path) as store:
        rows = store.rows("SELECT name, pinyin FROM persons")
    assert rows and all(r["pinyin"] == pinyin.spelled(r["name"]) for r in rows)
    assert {r["name"]: r["pinyin"] for r in rows}["张大山"] == "zhangdashan"
