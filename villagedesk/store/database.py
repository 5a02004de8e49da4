"""Open a village database: check it, lock it, migrate it, back it up."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from villagedesk.errors import UserError
from villagedesk.store import backup as backups
from villagedesk.store import lock as locking
from villagedesk.store.schema import SCHEMA_VERSION, migrations


class Store:
    """An open database file; the only object the layers above talk to."""

    def __init__(self, path: Path, db: Database, lock=None):
        self.path = path
        self.db = db
        self._lock = lock
        # Who is named in the audit table; the village profile sets the clerk.
        self.actor = "clerk"

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @property
    def writable(self) -> bool:
        return self._lock is not None

    @contextmanager
    def atomic(self) -> Iterator[Store]:
        """One transaction (a savepoint when nested)."""
        with self.db.atomic():
            yield self

    def rows(self, sql: str, params: Any = ()) -> list[dict]:
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def row(self, sql: str, params: Any = ()) -> dict | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: Any = ()) -> Any:
        got = self.conn.execute(sql, params).fetchone()
        return got[0] if got else None

    def backup(self, dest: Path | None = None, reason: str = "manual") -> Path:
        if dest is not None:
            return backups.backup_to(self.conn, Path(dest))
        return backups.rotating_backup(self.conn, self.path, reason)

    def close(self) -> None:
        try:
            # Whatever a caller left half-done is not confirmed: drop it, keep the file sound.
            self.db.rollback()
            if self.writable:
                # Fold the WAL back so the file on disk is complete on its own.
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.db.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _connect(path: Path) -> sqlite3.Connection:
    try:
        # Long jobs run on a worker thread with the window's one connection while
        # the GUI waits in a modal progress dialog; SQLite serialises the calls.
        conn = sqlite3.connect(path, timeout=5, check_same_thread=False)
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError:
        raise UserError(f"{path} 不是村务通数据库文件（无法按 SQLite 读取）。请选择正确的文件。") from None
    return conn


def _looks_foreign(conn: sqlite3.Connection, version: int) -> bool:
    if version != 0:
        return False
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return bool(tables - {"_sqlite_migrations"})


def open_store(
    path: Path | str,
    *,
    write: bool = True,
    create: bool = True,
    backup_on_open: bool = True,
) -> Store:
    """Open ``path``.  Writers take the lock; readers migrate only when they must."""
    path = Path(path).expanduser().absolute()
    exists = path.exists()
    if path.is_dir():
        raise UserError(f"{path} 是一个文件夹，不是数据库文件。")
    if not exists and not (write and create):
        raise UserError(f"数据库文件不存在：{path}")
    if not exists:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"无法创建文件夹 {path.parent}（{exc.strerror}）。") from None

    lock = locking.acquire(path) if write else None
    try:
        conn = _connect(path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            conn.close()
            raise UserError(
                f"此数据库由更新版本的村务通创建（数据版本 {version}），本程序只能读取到版本 "
                f"{SCHEMA_VERSION}。请安装新版本后再打开，文件未作任何改动。"
            )
        if _looks_foreign(conn, version):
            conn.close()
            raise UserError(f"{path} 是其他程序的 SQLite 数据库，不是村务通数据库。文件未作任何改动。")
        if version < SCHEMA_VERSION and lock is None:
            # A reader found an old file: migrate it under the writer's lock first.
            conn.close()
            open_store(path, write=True, backup_on_open=False).close()
            return open_store(path, write=False)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA busy_timeout = 5000")
        if lock is not None:
            conn.execute("PRAGMA journal_mode = WAL")
        db = Database(conn, execute_plugins=False)
        store = Store(path, db, lock)
        if lock is not None and version < SCHEMA_VERSION:
            if version > 0:
                store.backup(reason=f"before-migrate-v{version}")
            migrations.apply(db)
        elif lock is not None and backup_on_open and _has_records(store):
            store.backup(reason="open")
        _set_actor(store)
        return store
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def restore(store: Store, source: Path | str) -> Path:
    """Replace the open database's content with ``source``; back up the current one first.

    Returns the path of the safety backup.  ``source`` is checked before anything
    is touched, and copied with the backup API into the open, locked file.
    """
    source = Path(source).expanduser().absolute()
    if not source.is_file():
        raise UserError(f"备份文件不存在：{source}")
    if source == store.path:
        raise UserError("不能用正在使用的数据库恢复它自己，请选择一个备份文件。")
    src = _connect(source)
    try:
        version = src.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise UserError(f"这个备份来自更新版本的村务通（数据版本 {version}），本程序无法恢复它。")
        if version == 0:
            raise UserError(f"{source} 不是村务通的备份文件。当前数据未作任何改动。")
        ok = src.execute("PRAGMA quick_check").fetchone()[0]
        if ok != "ok":
            raise UserError(f"备份文件已损坏（{ok}），不能用来恢复。当前数据未作任何改动。")
        safety = store.backup(reason="before-restore")
        src.backup(store.conn)
    finally:
        src.close()
    if store.scalar("PRAGMA user_version") < SCHEMA_VERSION:
        store.backup(reason="before-migrate-restored")
        migrations.apply(store.db)
    return safety


def _has_records(store: Store) -> bool:
    return bool(store.scalar("SELECT EXISTS(SELECT 1 FROM village)"))


def _set_actor(store: Store) -> None:
    clerk = store.scalar("SELECT clerk FROM village LIMIT 1")
    if clerk:
        store.actor = clerk
