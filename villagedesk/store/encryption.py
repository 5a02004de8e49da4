"""Turning a plain database into an encrypted one, and an encrypted one's plain copy for an archive.

docs/SECURITY.md "Encrypting an older database": the first account encrypts the file in place, whole or
not at all. SQLCipher's ``sqlcipher_export`` writes an encrypted copy beside the file; once the copy is
synced and found to open with the key and to hold every row, it is renamed over the original. A power
cut before the rename leaves the plain original as it was (the unfinished copy is discarded at the next
start); after it, the encrypted file is whole. Then the plain backups go.
"""

from __future__ import annotations

import os
from pathlib import Path

from villagedesk.errors import UserError, os_reason
from villagedesk.paths import is_encrypted
from villagedesk.store import backup as backups
from villagedesk.store import lock as locking
from villagedesk.store.backup import sqlite_reason
from villagedesk.store.database import Store, leftover, open_store
from villagedesk.store.driver import connect, sqlite3
from villagedesk.store.keys import sync_folder
from villagedesk.store.upgrade import record_encryption

#: Beside the database while it is encrypted (database.LEFTOVERS).
ENCRYPTING = "encrypting"


def encrypt_in_place(path: Path | str, key: bytes) -> int:
    """Encrypt the plain database ``path`` with ``key`` and remove its plain backups; how many were removed.

    The window is told once (``upgrade.unshown_encryption``). Takes the writer's lock: no other program may
    write meanwhile. A failure leaves the plain file as it was and raises one UserError.
    """
    path = Path(path).expanduser().absolute()
    if not path.is_file():
        raise UserError(f"数据库文件不存在：{path}")
    if is_encrypted(path):
        raise UserError(f"数据库 {path} 已经加密了，不用再加密。")
    lock = locking.acquire(path)
    try:
        encrypted = leftover(path, ENCRYPTING)
        try:
            _encrypted_copy(path, encrypted, key)
            os.replace(encrypted, path)
            sync_folder(path.parent)
        except OSError as exc:
            encrypted.unlink(missing_ok=True)
            raise UserError(f"数据库没有加密（{os_reason(exc)}），文件保持原样，没有改动。请检查磁盘空间后再试。") from None
        except (sqlite3.Error, MemoryError) as exc:  # MemoryError: a damaged page (driver.DAMAGED)
            encrypted.unlink(missing_ok=True)
            raise UserError(f"数据库没有加密（{sqlite_reason(exc)}），文件保持原样，没有改动。") from None
        removed = backups.remove_plain_backups(path)
    finally:
        lock.release()
    with open_store(path, key=key, backup_on_open=False) as store:
        record_encryption(store, removed)
    return removed


def _encrypted_copy(path: Path, encrypted: Path, key: bytes) -> None:
    conn = connect(path, timeout=5)
    try:
        # Everything in the file itself, and no -wal left beside it: the encrypted file renamed into its
        # place must not meet a plain WAL, which SQLite would try to play back into it.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
        backups.export_copy(conn, encrypted, key=key)
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def export_plain(store: Store, dest: Path | str, *, force: bool = False) -> Path:
    """An unencrypted copy of ``store`` at ``dest``, for an administrator or an archive (``villagedesk
    export sqlite``): written whole or not at all. A database there is never replaced; another file only
    with ``force`` (backup.check_target)."""
    dest = Path(dest).expanduser().absolute()
    backups.check_target(dest, store.path, force=force)
    with backups.written_whole(dest, "文件", "未加密的副本") as tmp:
        # A connection of its own, reading one snapshot while the window goes on.
        conn = connect(store.path, key=store.key, timeout=5)
        try:
            backups.export_copy(conn, tmp, key=None)
        finally:
            conn.close()
    return dest
