"""Open a village database: check it, lock it, migrate it, back it up."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from villagedesk import clock
from villagedesk.errors import UserError, os_reason
from villagedesk.paths import default_db_path, is_encrypted
from villagedesk.store import backup as backups
from villagedesk.store import lock as locking
from villagedesk.store.backup import sqlite_reason
from villagedesk.store.driver import DAMAGED, connect, sqlite3
from villagedesk.store.migrations import SCHEMA_VERSION, migrations
from villagedesk.store.upgrade import record_upgrade


class Store:
    """An open database file; the only object the layers above talk to."""

    def __init__(self, path: Path, db: Database, lock=None, key: bytes | None = None):
        self.path = path
        self.db = db
        # The database key it was opened with (None: a plain file). Every other connection to the file, and
        # every backup of it, is keyed with it (docs/SECURITY.md "The database key").
        self.key = key
        self._lock = lock
        self._closed = False
        # Which file was opened: a write must not go on once it is gone from here (see ensure_in_place).
        self._identity = _file_identity(path) if lock is not None else None
        # Who is named in the audit table; the village profile sets the clerk.
        self.actor = "clerk"
        # The periodic backup running on its own thread, if one was started (backup_in_background).
        self.background_backup: backups.BackgroundBackup | None = None
        # Outermost transactions begun through atomic(): the edits core/common/undo.py tells apart.
        self.transactions = 0

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @property
    def writable(self) -> bool:
        return self._lock is not None

    @property
    def closed(self) -> bool:
        return self._closed

    @contextmanager
    def atomic(self) -> Iterator[Store]:
        """One transaction (a savepoint when nested).

        A write the disk refuses (full, read-only, a USB stick pulled) is rolled back and
        becomes one UserError: what was saved before stays as it was.
        """
        if not self.conn.in_transaction:
            self.ensure_in_place()
            self.transactions += 1
        try:
            with self.db.atomic():
                yield self
        except sqlite3.OperationalError as exc:
            refused = write_refused(exc)
            if refused is None:
                raise
            raise refused from None

    def ensure_in_place(self) -> None:
        """Refuse to write once the file is no longer where it was opened.

        SQLite keeps writing to the files it has open even after their folder was moved or
        renamed away (a USB stick pulled and put back elsewhere), so the clerk would save into a
        file nobody will find again, and the next start would make an empty village at the old
        path.  One stat per transaction costs microseconds.
        """
        if self._identity is None:
            return
        try:
            now = _file_identity(self.path)
        except OSError:
            now = None
        if now != self._identity:
            raise UserError(f"数据库文件 {self.path} 已不在原处（U 盘可能已拔出，或文件夹被移动、改名）。"
                            "这次的改动没有保存，之前保存的数据都在原来的文件中。"
                            "请插回 U 盘（或把文件夹移回原处），关闭村务通后重新打开。")

    def data_stamp(self) -> tuple[int, int]:
        """Changes to the data, as a value that differs once anything was written: through this
        connection (its ``total_changes``: every edit, import, undo, whether or not through atomic())
        or committed by another one (``PRAGMA data_version``: the command line beside the window).
        A page keeps the stamp of its last reading and reads again only when it differs."""
        return self.conn.total_changes, self.scalar("PRAGMA data_version")

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
            return backups.backup_to(self.conn, Path(dest), key=self.key)
        # Beside a file that is gone, the backups folder would bring its old folder back, empty.
        self.ensure_in_place()
        return backups.rotating_backup(self.conn, self.path, reason, key=self.key)

    def backup_in_background(self, done=None) -> backups.BackgroundBackup | None:
        """Start the periodic backup (when the file changed since its last one) on its own thread.

        ``done(path or None, UserError or None)`` is called on that thread when it is over; closing the
        store stops it first (docs/ARCHITECTURE.md "Data rules"). None once the store is closed.
        """
        if self._closed:
            return None
        self.ensure_in_place()
        self.background_backup = backups.BackgroundBackup(self.path, done, key=self.key).start()
        return self.background_backup

    def close(self) -> None:
        """Close the file and free the lock; closing again does nothing.

        A disk that cannot take the WAL folded back (full, pulled) loses nothing: the WAL beside the file
        keeps every saved change and SQLite folds it in at the next open. That is said in one UserError
        once the file is closed and the lock freed.
        """
        if self._closed:
            return
        self._closed = True
        if self.background_backup is not None:
            self.background_backup.stop()  # its snapshot would hold the checkpoint back
        unfolded = None
        try:
            # Whatever a caller left half-done is not confirmed: drop it, keep the file sound.
            self.db.rollback()
            if self.writable:
                # Fold the WAL back so the file on disk is complete on its own.
                try:
                    self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                except sqlite3.OperationalError as exc:
                    unfolded = sqlite_reason(exc)
            self.db.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None
        if unfolded is not None:
            raise UserError(f"数据已保存，但关闭时没能整理数据库文件（{unfolded}）：改动都在旁边的 "
                            f"{self.path.name}-wal 文件中，请不要删除它，下次打开时会自动并入。请腾出磁盘空间。")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# What sqlite_reason says when the disk, not the program, refused a write.
_DISK_REASONS = ("磁盘空间已满", "文件或磁盘是只读的", "读写磁盘出错（U 盘可能已拔出或损坏）")


def write_refused(exc: sqlite3.OperationalError) -> UserError | None:
    """The clerk's message for a write the disk refused; None for any other error (a bug)."""
    reason = sqlite_reason(exc)
    if reason not in _DISK_REASONS:
        return None
    return UserError(f"没有保存（{reason}）。这次的改动已撤销，之前保存的数据完好。"
                     "请腾出磁盘空间、检查 U 盘是否插好或有写保护后再试。")


def _file_identity(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    # Where a file system gives no inode numbers (st_ino 0), only that the file is there is checked.
    return (st.st_dev, st.st_ino) if st.st_ino else (0, 0)


class DamagedDatabase(UserError):
    """A SQLite file that SQLite itself can no longer read: restore is the way out."""


class KeyRequired(UserError):
    """An encrypted database opened without a key: log in first."""

    def __init__(self, path: Path):
        super().__init__(f"数据库 {path} 已加密，要先登录才能打开：请在窗口中登录，或在命令行设好 VILLAGEDESK_USER 和 "
                         "VILLAGEDESK_PASSWORD（或加 --user 登录名）。文件未作任何改动。")


class WrongKey(UserError):
    """A key that does not open this encrypted file (another village's, or the file is damaged)."""

    def __init__(self, path: Path):
        super().__init__(f"密钥打不开数据库 {path}：这个文件不是用这把密钥加密的（或者文件已损坏）。文件未作任何改动。")


def usable_key(path: Path, key: bytes | None) -> bytes | None:
    """The key to open ``path`` with: ``key`` for an encrypted file (KeyRequired without one) or a new one;
    None for a plain file, which opens as it is whatever key is given (an older database, a file whose
    encryption was cut short: docs/SECURITY.md "Encrypting an older database")."""
    if is_encrypted(path):
        if key is None:
            raise KeyRequired(path)
        return key
    if path.exists() and path.stat().st_size:
        return None
    return key


def _connect(path: Path, *, readonly: bool = False, key: bytes | None = None) -> sqlite3.Connection:
    """A connection that has read the schema, or one clear UserError saying why not."""
    key = usable_key(path, key)
    try:
        # Long jobs run on a worker thread with the window's one connection while
        # the GUI waits in a modal progress dialog; SQLite serialises the calls.
        conn = connect(path, key=key, timeout=5, check_same_thread=False)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.DatabaseError as exc:
        first = exc
    if key is not None and sqlite_reason(first) == "数据库文件已损坏":
        raise WrongKey(path)
    if path.stat().st_size and not backups.is_sqlite_file(path):
        raise UserError(f"{path} 不是村务通数据库文件（不是 SQLite 文件）。请选择正确的文件。")
    if readonly and isinstance(first, sqlite3.OperationalError):
        # A write-protected USB stick: SQLite cannot create its -shm file next to a
        # WAL database, but a file nobody writes can be read as immutable.
        try:
            conn = connect(f"{path.as_uri()}?immutable=1", key=key, uri=True, check_same_thread=False)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.DatabaseError:
            pass
    reason = sqlite_reason(first)
    if reason == "数据库文件已损坏":
        raise DamagedDatabase(f"数据库 {path} 已损坏，无法读取。请用“villagedesk restore 备份文件”从备份恢复"
                              f"（备份在 {backups.backup_dir(path)}）。")
    raise UserError(f"无法打开数据库 {path}（{reason}）。")


def _looks_foreign(conn: sqlite3.Connection, version: int) -> bool:
    if version != 0:
        return False
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return bool(tables - {"_sqlite_migrations"})


def _make_folder(folder: Path) -> None:
    """The folder of a new database: made only for the program's own data folder.

    Any other folder that is missing is most likely a USB stick not plugged in (or
    mounted elsewhere): making it would start an empty village in its place.
    """
    if not folder.is_dir() and folder != default_db_path().parent:
        raise UserError(f"文件夹 {folder} 不存在（U 盘可能没有插好）。请插好 U 盘，或先建好这个文件夹，"
                        "再打开数据库。")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"无法创建文件夹 {folder}（{os_reason(exc)}）。") from None


def open_store(
    path: Path | str,
    *,
    write: bool = True,
    create: bool = True,
    backup_on_open: bool = True,
    key: bytes | None = None,
) -> Store:
    """Open ``path``.  Writers take the lock; readers migrate only when they must.

    ``key`` opens an encrypted file (and makes a new file encrypted); an encrypted file without one is
    refused with KeyRequired, with a key it was not made with with WrongKey, both changing nothing.
    """
    path = Path(path).expanduser().absolute()
    exists = path.exists()
    if path.is_dir():
        raise UserError(f"{path} 是一个文件夹，不是数据库文件。")
    if not exists and not (write and create):
        raise UserError(f"数据库文件不存在：{path}")
    if exists and write and not os.access(path, os.W_OK):
        # SQLite would open it read-only without a word and fail at the clerk's first save.
        raise UserError(f"数据库文件 {path} 是只读的，不能保存改动。请去掉文件的只读属性，"
                        "或把它复制到电脑上可写的文件夹后再打开。文件未作任何改动。")
    if not exists:
        _make_folder(path.parent)

    lock = locking.acquire(path) if write else None
    try:
        if lock is not None:
            _discard_leftovers(path)
        key = usable_key(path, key)
        conn = _connect(path, readonly=lock is None, key=key)
        try:
            store = _prepare(path, conn, lock, backup_on_open, key)
        except DAMAGED as exc:
            conn.close()
            reason = sqlite_reason(exc)
            if reason == "数据库文件已损坏":
                raise DamagedDatabase(f"数据库 {path} 已损坏，无法读取。请用“villagedesk restore 备份文件”"
                                      f"从备份恢复（备份在 {backups.backup_dir(path)}）。") from None
            raise UserError(f"无法打开数据库 {path}（{reason}）。") from None
        except BaseException:
            conn.close()
            raise
        if store is None:
            # A reader found an old file: migrate it under the writer's lock first.
            conn.close()
            open_store(path, write=True, backup_on_open=False, key=key).close()
            return open_store(path, write=False, key=key)
        return store
    except BaseException:
        if lock is not None:
            # A refused file keeps no lock file beside it.
            locking.release(lock, path, remove=not exists or not backups.is_database_file(path))
        raise


def _prepare(path: Path, conn: sqlite3.Connection, lock, backup_on_open: bool, key: bytes | None) -> Store | None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise UserError(
            f"此数据库由更新版本的村务通创建（数据版本 {version}），本程序只能读取到版本 "
            f"{SCHEMA_VERSION}。请安装新版本后再打开，文件未作任何改动。"
        )
    if _looks_foreign(conn, version):
        raise UserError(f"{path} 是其他程序的 SQLite 数据库，不是村务通数据库。文件未作任何改动。")
    if version == 0 and lock is None:
        raise UserError(f"{path} 是空文件，还不是村务通数据库。请先用窗口打开它或用 villagedesk demo 建演示村。")
    if version < SCHEMA_VERSION and lock is None:
        return None
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA busy_timeout = 5000")
    if lock is not None:
        conn.execute("PRAGMA journal_mode = WAL")
    db = Database(conn, execute_plugins=False)
    store = Store(path, db, lock, key)
    if lock is not None and key is not None:
        # Left by an encryption cut short after the file itself was encrypted (encryption.encrypt_in_place).
        backups.remove_plain_backups(path)
    if lock is not None and version < SCHEMA_VERSION:
        if version > 0:
            _upgrade(store, version, f"before-migrate-v{version}")
        else:
            migrations.apply(db)
    elif lock is not None and backup_on_open and _has_records(store):
        # The command line's writers back up here, before they write; the window opens without it and
        # backs up in the background once it is shown (Store.backup_in_background).
        store.ensure_in_place()
        backups.periodic_backup(store.conn, store.path, key=key)
    _set_actor(store)
    return store


def _check_source(source: Path, target: Path, key: bytes | None) -> None:
    """A restore source is a sound VillageDesk file this program can read: plain, or encrypted with ``key``
    (the database's own; docs/SECURITY.md "Backups")."""
    if not source.is_file():
        raise UserError(f"备份文件不存在：{source}")
    if source == target:
        raise UserError("不能用正在使用的数据库恢复它自己，请选择一个备份文件。")
    try:
        src = _connect(source, readonly=True, key=key)
    except KeyRequired:
        raise UserError(f"备份文件 {source} 是加密的，而这个数据库没有加密，不能用它恢复。当前数据未作任何改动。") from None
    except WrongKey:
        raise UserError(f"备份文件 {source} 不是这个数据库的备份（用这个数据库的密钥打不开：可能是别的村的，或已损坏），"
                        "不能用来恢复。当前数据未作任何改动。") from None
    try:
        version = src.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise UserError(f"这个备份来自更新版本的村务通（数据版本 {version}），本程序无法恢复它。")
        if version == 0:
            raise UserError(f"{source} 不是村务通的备份文件。当前数据未作任何改动。")
        ok = src.execute("PRAGMA quick_check").fetchone()[0]
        if ok != "ok":
            raise UserError(f"备份文件已损坏（{ok}），不能用来恢复。当前数据未作任何改动。")
    except DAMAGED:
        raise UserError(f"备份文件 {source} 已损坏，不能用来恢复。当前数据未作任何改动。") from None
    finally:
        src.close()


def restore(store: Store, source: Path | str) -> Path:
    """Replace the open database's content with ``source``; back up the current one first.

    Returns the path of the safety backup.  ``source`` is checked before anything
    is touched, and copied with the backup API into the open, locked file.
    """
    source = Path(source).expanduser().absolute()
    _check_source(source, store.path, store.key)
    safety = store.backup(reason="before-restore")
    _copy_into(source, store.conn, store.path, store.key)
    version = store.scalar("PRAGMA user_version")
    if version < SCHEMA_VERSION:
        _upgrade(store, version, "before-migrate-restored")
    return safety


def _upgrade(store: Store, version: int, reason: str) -> None:
    """Back up, migrate, and leave a note for the window to tell the clerk what changed."""
    saved = store.backup(reason=reason)
    migrations.apply(store.db)
    record_upgrade(store, version, SCHEMA_VERSION, saved)


def restore_damaged(path: Path | str, source: Path | str, *, key: bytes | None = None) -> Path:
    """Restore over a file SQLite can no longer read: the damaged file is kept aside, not deleted.

    ``key`` is the database key of an encrypted database (the restored file is encrypted with it).
    Returns where the damaged file was put.
    """
    path = Path(path).expanduser().absolute()
    source = Path(source).expanduser().absolute()
    lock = locking.acquire(path)
    try:
        _check_source(source, path, key)
        stamp = clock.now().strftime("%Y%m%d-%H%M%S")
        folder = backups.backup_dir(path)
        folder.mkdir(parents=True, exist_ok=True)
        kept = folder / f"{path.stem}-{stamp}-damaged.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            part = path.with_name(path.name + suffix)
            if part.exists():
                os.replace(part, kept.with_name(kept.name + suffix))
        dst = connect(path, key=key)
        try:
            _copy_into(source, dst, path, key)
        finally:
            dst.close()
    except OSError as exc:
        raise UserError(f"恢复失败（{os_reason(exc)}）。") from None
    finally:
        lock.release()
    open_store(path, backup_on_open=False, key=key).close()  # migrates an older backup
    return kept


def _copy_into(source: Path, target: sqlite3.Connection, db_path: Path, key: bytes | None) -> None:
    """Copy the checked backup ``source`` into ``target``, the connection to ``db_path`` keyed with ``key``.

    The backup API copies between files of one kind; a plain backup restored into an encrypted database (one
    written before its first account) is encrypted with the database's key first, into a file beside it.
    """
    if key is None or is_encrypted(source):
        src = connect(source, key=key)
        try:
            src.backup(target)
        finally:
            src.close()
        return
    encrypted = leftover(db_path, "restoring")
    plain = connect(source)
    try:
        backups.export_copy(plain, encrypted, key=key)
    finally:
        plain.close()
    try:
        _copy_into(encrypted, target, db_path, key)
    finally:
        encrypted.unlink(missing_ok=True)


#: Files a step that may be cut short writes beside the database (encryption.encrypt_in_place, _copy_into):
#: a writer's next open discards them; the database itself is whole either way.
LEFTOVERS = ("encrypting", "restoring")


def leftover(db_path: Path, step: str) -> Path:
    return db_path.with_name(f"{db_path.name}.{step}")


def _discard_leftovers(path: Path) -> None:
    for step in LEFTOVERS:
        try:
            leftover(path, step).unlink(missing_ok=True)
        except OSError:
            pass  # in use by nobody (the lock is ours), so at worst removed at a later start


def _has_records(store: Store) -> bool:
    return bool(store.scalar("SELECT EXISTS(SELECT 1 FROM village)"))


def _set_actor(store: Store) -> None:
    clerk = store.scalar("SELECT clerk FROM village LIMIT 1")
    if clerk:
        store.actor = clerk
