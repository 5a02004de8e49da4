"""The store: opening, the writer lock, refusing wrong files, backups, checks."""

import pytest

from tests.helpers import FIXTURES
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.core.register import people
from villagedesk.errors import UserError
from villagedesk.store import open_store
from villagedesk.store.backup import KEEP, list_backups
from villagedesk.store.check import integrity_problems
from villagedesk.store.driver import sqlite3
from villagedesk.store.migrations import SCHEMA_VERSION

PROFILE = Profile(name="青溪桥村", code="91350100M000100Y43", township="天门乡", county="新化县",
                  clerk="罗秀兰", phone="13812341234")


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "village.sqlite3"


def _raw(path):
    return sqlite3.connect(path)


def test_new_database_is_versioned_wal_with_foreign_keys(db_path):
    with open_store(db_path) as store:
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
        assert store.scalar("PRAGMA journal_mode") == "wal"
        assert store.scalar("PRAGMA foreign_keys") == 1
        assert store.scalar("PRAGMA synchronous") == 2  # FULL
        with pytest.raises(sqlite3.IntegrityError), store.atomic():
            store.conn.execute(
                "INSERT INTO persons (uid, created_at, updated_at, code, household_id, name) "
                "VALUES ('u', 't', 't', 'HH001-P01', 42, '张三')")
    # The version is in the file itself, not only in the connection.
    conn = _raw(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_second_writer_refused_until_first_closes(db_path):
    first = open_store(db_path)
    try:
        with pytest.raises(UserError, match="正在被另一个"):
            open_store(db_path)
        # Reading alongside the writer is fine.
        reader = open_store(db_path, write=False)
        assert not reader.writable
        reader.close()
    finally:
        first.close()
    second = open_store(db_path)
    assert second.writable
    second.close()


def test_refused_writer_does_not_break_the_first(db_path):
    with open_store(db_path) as first:
        with pytest.raises(UserError):
            open_store(db_path)
        people.add_household(first, code="HH001")
        assert first.scalar("SELECT count(*) FROM households") == 1


def test_file_that_is_not_sqlite_is_refused_untouched(db_path):
    content = b"PK\x03\x04" + "这不是数据库".encode() * 200
    db_path.write_bytes(content)
    with pytest.raises(UserError, match="不是村务通数据库文件"):
        open_store(db_path)
    assert db_path.read_bytes() == content
    # The lock was let go: the refusal leaves nothing held.
    db_path.unlink()
    open_store(db_path).close()


def test_newer_version_is_refused_untouched(db_path):
    conn = _raw(db_path)
    conn.execute("CREATE TABLE village (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    content = db_path.read_bytes()
    for write in (True, False):
        with pytest.raises(UserError, match="更新版本"):
            open_store(db_path, write=write)
    assert db_path.read_bytes() == content


def test_foreign_sqlite_database_is_refused_untouched(db_path):
    conn = _raw(db_path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.execute("INSERT INTO songs VALUES ('浏阳河')")
    conn.commit()
    conn.close()
    content = db_path.read_bytes()
    with pytest.raises(UserError, match="其他程序"):
        open_store(db_path)
    assert db_path.read_bytes() == content


def test_missing_file_for_reading_is_a_user_error(db_path):
    with pytest.raises(UserError, match="不存在"):
        open_store(db_path, write=False)
    assert not db_path.exists()


def test_rotating_backups_keep_ten_and_each_is_sound(db_path):
    with open_store(db_path) as store:
        save_profile(store, PROFILE)
        made = [store.backup(reason="test") for _ in range(KEEP + 3)]
    kept = list_backups(db_path)
    assert len(kept) == KEEP == 10
    # The oldest went; the newest stayed.
    assert sorted(kept) == sorted(made[-KEEP:])
    assert not any(path.exists() for path in made[:3])
    for path in kept:
        conn = _raw(path)
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT name FROM village").fetchone()[0] == "青溪桥村"
        conn.close()


def test_opening_a_village_takes_a_backup(db_path):
    with open_store(db_path) as store:
        save_profile(store, PROFILE)
    assert list_backups(db_path) == []
    open_store(db_path).close()
    assert len(list_backups(db_path)) == 1


def test_backup_while_a_transaction_is_open_elsewhere(db_path, tmp_path):
    with open_store(db_path) as store:
        save_profile(store, PROFILE)
        other = _raw(db_path)
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO settings VALUES ('half-done', '1')")
        dest = store.backup(tmp_path / "copy.sqlite3")
        other.rollback()
        other.close()
    conn = _raw(dest)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    # The committed profile is in the copy; the uncommitted row is not.
    assert conn.execute("SELECT clerk FROM village").fetchone()[0] == "罗秀兰"
    assert conn.execute("SELECT count(*) FROM settings").fetchone()[0] == 0
    conn.close()


def test_integrity_check_finds_a_broken_foreign_key(db_path):
    with open_store(db_path) as store:
        household = people.add_household(store, code="HH001")
        people.add_person(store, household["id"], name="张三", relation="户主")
        assert integrity_problems(store) == []
    # Someone edits the file with another tool, foreign keys off (SQLite's default).
    conn = _raw(db_path)
    conn.execute("UPDATE persons SET household_id = 999")
    conn.commit()
    conn.close()
    with open_store(db_path) as store:
        problems = integrity_problems(store)
    assert len(problems) == 1
    assert "persons" in problems[0] and "households" in problems[0]


def test_a_version_1_database_is_backed_up_and_migrated(tmp_path):
    """A file written by the first release (committed fixture) opens in this one."""
    import shutil

    from villagedesk.store.backup import list_backups
    from villagedesk.store.check import integrity_problems

    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES / "schema_v1.sqlite3", path)
    with open_store(path) as store:
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
        assert [r["name"] for r in store.rows("SELECT name FROM persons ORDER BY id")] == ["张三", "李梅"]
        assert store.scalar("SELECT count(*) FROM terms") == 0
        assert integrity_problems(store) == []
    backups = list_backups(path)
    assert len(backups) == 1 and "before-migrate-v1" in backups[0].name
    with sqlite3.connect(backups[0]) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
