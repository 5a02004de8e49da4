"""The encrypted database (issue 17 item 5, docs/SECURITY.md): opening it with and without its key,
encrypting an older one in place, whole or not at all, and backups, restores and readers under the key
(store/encryption.py, store/database.py, store/backup.py, store/check.py)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from tests.helpers import ROOT
from tests.helpers.factories import profiled_village, valid_id
from villagedesk.core.register import people
from villagedesk.errors import UserError
from villagedesk.store import KeyRequired, WrongKey, is_encrypted, open_store, restore, restore_damaged
from villagedesk.store import backup as backups
from villagedesk.store.backup import list_backups, table_counts
from villagedesk.store.check import check_problems, on_readers
from villagedesk.store.driver import connect, sqlite3
from villagedesk.store.encryption import encrypt_in_place, export_plain
from villagedesk.store.keys import database_key, new_recovery_key
from villagedesk.store.upgrade import mark_shown, unshown_encryption

KEY = database_key(new_recovery_key())
NAME, ID_NUMBER = "欧阳秀英", valid_id(date(1984, 6, 2), serial=517)
LATER_NAME, LATER_ID = "司马春生", valid_id(date(1990, 1, 9), serial=302)


def in_clear(path: Path, *words: str) -> list[str]:
    """Which of ``words`` the bytes of ``path`` hold as they are (SQLite keeps text as UTF-8)."""
    data = path.read_bytes()
    return [w for w in words if w.encode("utf-8") in data]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_person(store, name: str, id_number: str) -> None:
    house = people.add_household(store, code=f"HH{store.scalar('SELECT count(*) FROM households') + 1:03d}",
                                 group_name="一组")
    people.add_person(store, house["id"], name=name, relation="户主", id_number=id_number)


@pytest.fixture
def plain(tmp_path) -> Path:
    """青溪桥村 with 欧阳秀英 and her ID number, plain, with a backup taken as every older village has."""
    path = profiled_village(tmp_path / "village.sqlite3")
    with open_store(path) as store:
        add_person(store, NAME, ID_NUMBER)
        store.backup(reason="manual")
    return path


@pytest.fixture
def encrypted(plain) -> Path:
    encrypt_in_place(plain, KEY)
    return plain


def test_an_encrypted_file_its_wal_and_every_backup_hold_no_name_or_id_number_in_clear(encrypted, tmp_path):
    assert is_encrypted(encrypted) and in_clear(encrypted, NAME, ID_NUMBER) == []
    stick = tmp_path / "stick" / "copy.sqlite3"
    with open_store(encrypted, key=KEY) as store:
        add_person(store, LATER_NAME, LATER_ID)  # committed into the -wal, not yet folded in
        wal = encrypted.with_name(encrypted.name + "-wal")
        assert wal.stat().st_size > 0 and in_clear(wal, LATER_NAME, LATER_ID) == []
        store.backup(reason="manual")
        store.backup(stick)
        store.backup_in_background().wait()
        assert store.background_backup.result is None  # the manual one is already as new
        people.add_household(store, code="HH099", group_name="二组")
        running = store.backup_in_background()
        running.wait()
        assert running.error is None and running.result is not None
    copies = [*list_backups(encrypted), stick]
    assert sorted(c.name.rsplit("-", 1)[1] for c in copies[:-1]) == ["manual.sqlite3", "open.sqlite3"]
    for copy in [encrypted, *copies]:
        assert is_encrypted(copy) and in_clear(copy, NAME, ID_NUMBER, LATER_NAME, LATER_ID) == [], copy
        with pytest.raises(KeyRequired):
            open_store(copy, write=False)
        with open_store(copy, write=False, key=KEY) as opened:
            assert opened.scalar("SELECT count(*) FROM persons WHERE name = ?", (LATER_NAME,)) == 1


def test_encrypting_keeps_every_row_and_removes_the_plain_backups(plain):
    with open_store(plain, backup_on_open=False) as store:
        store.backup(reason="before-import")
        before = table_counts(store.conn)
        rows = store.rows("SELECT * FROM persons ORDER BY id")
    assert len(list_backups(plain)) == 3  # the first open's, the manual one, the one before an import
    assert encrypt_in_place(plain, KEY) == 3
    assert list_backups(plain) == []
    assert sorted(p.name for p in plain.parent.iterdir()) == ["backups", "village.sqlite3", "village.sqlite3.lock"]
    with open_store(plain, key=KEY, backup_on_open=False) as store:
        after = table_counts(store.conn)
        assert store.rows("SELECT * FROM persons ORDER BY id") == rows
        note = unshown_encryption(store)
        assert note is not None and note.removed == 3
        mark_shown(store, note)
        assert unshown_encryption(store) is None
    assert {t: n for t, n in after.items() if t != "settings"} == {t: n for t, n in before.items() if t != "settings"}
    with pytest.raises(UserError, match="已经加密"):
        encrypt_in_place(plain, KEY)


def test_no_key_and_a_wrong_key_are_refused_with_one_line_and_change_nothing(encrypted, capfd):
    before = digest(encrypted)
    for write in (True, False):
        with pytest.raises(KeyRequired) as missing:
            open_store(encrypted, write=write)
        with pytest.raises(WrongKey) as wrong:
            open_store(encrypted, write=write, key=database_key(new_recovery_key()))
        for err in (missing, wrong):
            assert "\n" not in str(err.value) and "文件未作任何改动" in str(err.value)
    assert digest(encrypted) == before
    assert not encrypted.with_name(encrypted.name + "-wal").exists()
    # SQLCipher's own log of the failed page check is switched off: the message is all the clerk sees.
    assert capfd.readouterr().err == ""
    with open_store(encrypted, key=KEY) as store:
        assert store.key == KEY and store.scalar("SELECT count(*) FROM persons") == 1


def test_a_key_given_for_a_plain_file_is_not_used(plain):
    with open_store(plain, key=KEY) as store:
        assert store.key is None
    assert not is_encrypted(plain) and backups.is_sqlite_file(plain)


def test_a_new_file_opened_with_a_key_is_encrypted_from_the_start(tmp_path):
    path = tmp_path / "township.sqlite3"
    with open_store(path, key=KEY) as store:
        assert store.key == KEY
    assert is_encrypted(path)
    with pytest.raises(KeyRequired):
        open_store(path)


def test_the_recovery_key_as_typed_opens_the_file(tmp_path):
    recovery = new_recovery_key()
    path = profiled_village(tmp_path / "village.sqlite3")
    encrypt_in_place(path, database_key(recovery))
    typed = recovery.lower().replace("-", " ")
    with open_store(path, key=database_key(typed), write=False) as store:
        assert store.scalar("SELECT name FROM village") == "青溪桥村"


def test_a_v7_database_is_encrypted_with_all_its_rows(tmp_path):
    fixture = ROOT / "tests" / "fixtures" / "schema_v7.sqlite3"
    as_plain, as_encrypted = (tmp_path / "a" / "village.sqlite3"), (tmp_path / "b" / "village.sqlite3")
    for copy in (as_plain, as_encrypted):
        copy.parent.mkdir()
        shutil.copyfile(fixture, copy)
    conn = connect(fixture)
    try:
        v7_tables = list(table_counts(conn))
    finally:
        conn.close()
    assert encrypt_in_place(as_encrypted, KEY) == 0
    # Opened with the key, it is migrated like a plain one; its backup before the migration is encrypted.
    with open_store(as_plain) as expected, open_store(as_encrypted, key=KEY) as got:
        # The v7 file's own tables (the later ones hold new random keys, and each run its own times).
        tables = [t for t in v7_tables if t not in ("settings", "_sqlite_migrations")]
        differ = [t for t in tables
                  if expected.rows(f"SELECT * FROM [{t}] ORDER BY 1") != got.rows(f"SELECT * FROM [{t}] ORDER BY 1")]
        assert tables and differ == []
        assert expected.scalar("SELECT count(*) FROM persons") > 0
    migrated = [b for b in list_backups(as_encrypted) if "before-migrate-v7" in b.name]
    assert len(migrated) == 1 and is_encrypted(migrated[0])


def test_an_unfinished_copy_beside_the_file_is_discarded_by_the_next_writer(plain):
    leftover = plain.with_name(plain.name + ".encrypting")
    leftover.write_bytes(os.urandom(8192))
    with open_store(plain, write=False):
        assert leftover.exists()  # a reader leaves it: the writer may still be making it
    open_store(plain).close()
    assert not leftover.exists() and not is_encrypted(plain)


def test_plain_backups_left_by_an_encryption_cut_short_go_at_the_next_keyed_start(plain, tmp_path):
    kept = tmp_path / "kept.sqlite3"
    shutil.copyfile(list_backups(plain)[0], kept)
    encrypt_in_place(plain, KEY)
    shutil.copyfile(kept, backups.backup_dir(plain) / "village-20261115-080000-000000-manual.sqlite3")
    with open_store(plain, key=KEY, write=False):
        assert len(list_backups(plain)) == 1  # a reader removes nothing
    with open_store(plain, key=KEY, backup_on_open=False):
        assert list_backups(plain) == []


@pytest.mark.slow
def test_a_power_cut_while_encrypting_leaves_the_plain_file_whole(tmp_path):
    """The child encrypting is killed once its copy is being written: the plain file is as it was and opens
    with every row; the next start discards the unfinished copy, and encrypting again succeeds."""
    path = profiled_village(tmp_path / "village.sqlite3")
    with open_store(path, backup_on_open=False) as store:
        add_person(store, NAME, ID_NUMBER)
        # Enough pages that the copy takes a while to write: the child is caught in the middle of it.
        store.conn.execute("CREATE TABLE ballast (data BLOB)")
        store.conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000) "
                           "INSERT INTO ballast SELECT randomblob(1000) FROM n")
        store.conn.commit()
        counts = table_counts(store.conn)
    copy = path.with_name(path.name + ".encrypting")
    child = subprocess.Popen([sys.executable, "-c", "import sys; from villagedesk.store.encryption import "
                              "encrypt_in_place; encrypt_in_place(sys.argv[1], bytes.fromhex(sys.argv[2]))",
                              str(path), KEY.hex()], cwd=ROOT)
    deadline = time.monotonic() + 120
    while not (copy.exists() and copy.stat().st_size > 1_000_000) and time.monotonic() < deadline:
        assert child.poll() is None, "the child finished before it could be cut short: make the ballast larger"
        time.sleep(0.001)
    child.kill()
    assert child.wait() != 0
    assert copy.exists() and not is_encrypted(path) and backups.is_sqlite_file(path)
    with open_store(path, backup_on_open=False) as store:
        assert table_counts(store.conn) == counts
        assert store.scalar("SELECT name FROM persons") == NAME
    assert not copy.exists()
    encrypt_in_place(path, KEY)
    with open_store(path, key=KEY, write=False) as store:
        assert table_counts(store.conn)["ballast"] == 60000


def test_an_encrypted_backup_restores_and_another_villages_is_refused(encrypted, tmp_path):
    with open_store(encrypted, key=KEY, backup_on_open=False) as store:
        saved = store.backup(reason="manual")
        add_person(store, LATER_NAME, LATER_ID)
        restore(store, saved)
        assert store.scalar("SELECT count(*) FROM persons") == 1
    (tmp_path / "other").mkdir()
    other = profiled_village(tmp_path / "other" / "village.sqlite3")
    encrypt_in_place(other, database_key(new_recovery_key()))
    with open_store(encrypted, key=KEY) as store:
        before = table_counts(store.conn)
        with pytest.raises(UserError, match="不是这个数据库的备份"):
            restore(store, other)
        assert table_counts(store.conn) == before


def test_a_plain_backup_restored_into_an_encrypted_database_is_encrypted(plain, tmp_path):
    old = tmp_path / "old-plain.sqlite3"
    shutil.copyfile(list_backups(plain)[0], old)
    encrypt_in_place(plain, KEY)
    with open_store(plain, key=KEY, backup_on_open=False) as store:
        add_person(store, LATER_NAME, LATER_ID)
        restore(store, old)
        assert store.scalar("SELECT count(*) FROM persons") == 1
    assert is_encrypted(plain) and in_clear(plain, NAME, ID_NUMBER) == []
    assert not plain.with_name(plain.name + ".restoring").exists()
    for copy in list_backups(plain):
        assert is_encrypted(copy)


def test_an_encrypted_backup_is_not_restored_into_a_plain_database(encrypted, tmp_path):
    saved = tmp_path / "encrypted-copy.sqlite3"
    shutil.copyfile(encrypted, saved)
    (tmp_path / "plain").mkdir()
    other = profiled_village(tmp_path / "plain" / "village.sqlite3")
    with open_store(other) as store:
        with pytest.raises(UserError, match="是加密的"):
            restore(store, saved)


def test_a_damaged_encrypted_file_is_restored_from_an_encrypted_backup(encrypted):
    with open_store(encrypted, key=KEY, backup_on_open=False) as store:
        saved = store.backup(reason="manual")
    with open(encrypted, "r+b") as fh:
        fh.seek(4096 + 100)
        fh.write(os.urandom(4096))
    restore_damaged(encrypted, saved, key=KEY)
    with open_store(encrypted, key=KEY, write=False) as store:
        assert store.scalar("SELECT name FROM persons") == NAME
    assert is_encrypted(encrypted)


def test_a_damaged_page_of_an_encrypted_file_is_told_as_damage(encrypted):
    """SQLCipher reports a page that fails its HMAC as out of memory: the check and a backup say "damaged"."""
    with open_store(encrypted, key=KEY, write=False) as store:
        page = store.scalar("SELECT rootpage FROM sqlite_master WHERE name = 'persons'")
    with open(encrypted, "r+b") as fh:
        fh.seek(4096 * (page - 1) + 100)
        fh.write(os.urandom(64))
    with open_store(encrypted, key=KEY, write=False) as store:
        found = check_problems(store, lambda _other: [])
        assert len(found) == 1 and "数据库文件损坏" in found[0] and "校验不符" in found[0]
        with pytest.raises(UserError, match="备份没有做成（数据库文件已损坏）"):
            store.backup(encrypted.parent / "copy.sqlite3")
    assert not (encrypted.parent / "copy.sqlite3").exists()


def test_the_checks_readers_are_given_the_key(encrypted):
    with open_store(encrypted, key=KEY) as store:
        assert check_problems(store, lambda other: [f"{other.key == KEY}"]) == ["True"]
        counts = on_readers(store, [lambda c: c.execute("SELECT count(*) FROM persons").fetchone()[0]] * 3)
        assert counts == [1, 1, 1]


def test_a_plain_copy_for_the_archive(encrypted, tmp_path):
    dest = tmp_path / "archive" / "村务通-明文.sqlite3"
    with open_store(encrypted, key=KEY) as store:
        assert export_plain(store, dest) == dest
        counts = table_counts(store.conn)
        # Never over a database, plain or encrypted; over another file only when told to.
        for target in (encrypted, dest):
            with pytest.raises(UserError):
                export_plain(store, target, force=True)
        other = tmp_path / "notes.txt"
        other.write_text("x")
        with pytest.raises(UserError, match="--force"):
            export_plain(store, other)
        export_plain(store, other, force=True)
    assert backups.is_sqlite_file(dest) and in_clear(dest, NAME, ID_NUMBER) == [NAME, ID_NUMBER]
    conn = connect(dest)
    try:
        assert table_counts(conn) == counts
    finally:
        conn.close()
    assert not dest.with_name(dest.name + ".part").exists()


def test_an_encrypted_database_is_told_from_documents_by_its_bytes(encrypted, tmp_path):
    pdf = tmp_path / "list.pdf"
    pdf.write_bytes(b"%PDF-1.7" + os.urandom(4096 - 8))
    zipped = tmp_path / "book.xlsx"
    zipped.write_bytes(b"PK\x03\x04" + os.urandom(4096 - 4))
    odd = tmp_path / "odd.bin"
    odd.write_bytes(os.urandom(4097))
    assert [is_encrypted(p) for p in (encrypted, pdf, zipped, odd, tmp_path / "missing")] == [True] + [False] * 4
    assert backups.is_database_file(encrypted)
    with pytest.raises(UserError, match="不会覆盖"):
        backups.check_target(encrypted, tmp_path / "elsewhere.sqlite3", force=True)


def test_the_driver_is_sqlcipher_and_reads_plain_files_unkeyed(plain):
    conn = connect(plain)
    try:
        assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
        assert conn.execute("SELECT count(*) FROM persons").fetchone()[0] == 1
        # sqlite-utils probes these catching the standard library's exceptions, which this driver does not
        # raise: on its SQLite they must succeed (store/driver.py).
        db = Database(conn)
        assert db.supports_strict and db.supports_on_conflict
    finally:
        conn.close()
    assert issubclass(WrongKey, UserError) and sqlite3.DatabaseError.__module__.startswith("sqlcipher3")


@pytest.mark.slow
def test_the_demo_village_encrypted_keeps_none_of_its_names_or_id_numbers_in_clear(tmp_path):
    from villagedesk.demo.village import build_demo

    path = tmp_path / "demo.sqlite3"
    with open_store(path) as store:
        build_demo(store, size="small")
        store.backup(reason="manual")
        found = store.rows("SELECT name, id_number FROM persons WHERE id_number IS NOT NULL ORDER BY id LIMIT 3")
    words = [w for person in found for w in (person["name"], person["id_number"])]
    assert len(words) == 6 and in_clear(path, *words) == words  # what a thief reads in a plain file
    encrypt_in_place(path, KEY)
    with open_store(path, key=KEY) as store:
        # Every page of persons, names and ID numbers on them, written again into the -wal.
        store.conn.execute("UPDATE persons SET updated_at = '2000-01-01T00:00:00'")
        store.conn.commit()
        wal = path.with_name(path.name + "-wal")
        assert wal.stat().st_size > 0 and in_clear(wal, *words) == []
        store.backup(reason="manual")
    for copy in [path, *list_backups(path)]:
        assert in_clear(copy, *words) == [], copy
