"""Backups through SQLite's online backup API, never a file copy of a live database."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from villagedesk import clock
from villagedesk.errors import UserError, os_reason
from villagedesk.paths import is_database_file, is_sqlite_file
from villagedesk.store.driver import DAMAGED, cipher_format, connect, raw_key, sqlite3

KEEP = 10


def sqlite_reason(exc: sqlite3.Error | MemoryError, *, keyed: bool = False) -> str:
    """What SQLite's English error means for the clerk. ``keyed``: the connection reads an encrypted file,
    where SQLCipher tells a page that fails its check as out of memory or a logic error (driver.DAMAGED)."""
    if isinstance(exc, MemoryError):
        return "数据库文件已损坏"
    text = str(exc).lower()
    if keyed and ("logic error" in text or "not a database" in text):
        return "数据库文件已损坏"
    if "full" in text:
        return "磁盘空间已满"
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return "数据库文件已损坏"
    if "readonly" in text or "read-only" in text:
        return "文件或磁盘是只读的"
    if "disk i/o" in text or "unable to open" in text:
        return "读写磁盘出错（U 盘可能已拔出或损坏）"
    return "数据库错误：" + str(exc)


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def backup_to(conn: sqlite3.Connection, dest: Path, *, key: bytes | None = None, verify: str = "quick_check",
              stop: threading.Event | None = None) -> Path:
    """Copy the open database ``conn`` to ``dest`` atomically and verify the copy.

    ``key`` is the key ``conn`` was opened with: the copy of an encrypted database is encrypted with it
    (SQLCipher's backup re-encrypts page by page; docs/SECURITY.md "Backups").
    ``verify`` is the check run on the copy before it is renamed into place: SQLite's
    ``quick_check``, or the whole ``integrity_check`` for a copy that leaves the laptop.
    Once ``stop`` is set the copy is abandoned (:class:`Stopped`) and nothing is left behind.
    """
    dest = Path(dest)

    def stopping(_status: int, _remaining: int, _total: int) -> None:
        if stop is not None and stop.is_set():
            raise Stopped()

    with written_whole(dest, "备份文件", "备份", keyed=key is not None) as tmp:
        target = connect(tmp, key=key)
        try:
            # The copy is synced once, whole, before it is renamed into place: a journal and a sync
            # per step would only slow a large village's backup (a crash leaves just the .part file).
            target.execute("PRAGMA journal_mode=OFF")
            target.execute("PRAGMA synchronous=OFF")
            if stop is None:
                conn.backup(target)
            else:
                # In steps, so that a stop is seen within milliseconds.
                conn.backup(target, pages=_STEP_PAGES, progress=stopping)
            ok = target.execute(f"PRAGMA {verify}").fetchone()[0]
            # A backup must not depend on a -wal file next to it.
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
        if ok != "ok":
            raise UserError(f"备份文件校验失败（{ok}），未保存备份。")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
    return dest


@contextmanager
def written_whole(dest: Path, file: str, copy: str, *, keyed: bool = False) -> Iterator[Path]:
    """The temporary file beside ``dest`` to write a copy of the database into, renamed into place when
    the block ends; deleted, and the disk's or SQLite's refusal said in one UserError naming the
    ``file`` and the ``copy`` (备份文件 / 备份), when it does not. Nothing half-written is ever left."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        yield tmp
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"无法写入{file} {dest}（{os_reason(exc)}）。请检查磁盘空间和文件夹权限。") from None
    except (sqlite3.Error, MemoryError) as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"{copy}没有做成（{sqlite_reason(exc, keyed=keyed)}）。{dest} 未写入。") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def export_copy(conn: sqlite3.Connection, tmp: Path, *, key: bytes | None) -> None:
    """Write the database of ``conn`` into the new file ``tmp``, encrypted with ``key`` or plain (None), and
    make sure of it: it opens with that key, passes ``quick_check`` and holds as many rows in every table.
    Synced to disk; the caller renames it into place or deletes it. A copy that differs is a UserError.

    SQLCipher's ``sqlcipher_export`` is the one way between a plain and an encrypted file: the backup API
    copies pages between files of the same kind only (docs/SECURITY.md "Encrypting an older database").
    ``conn`` is a connection of its own (ATTACH cannot run inside a transaction), not keyed differently
    from its file. Raises sqlite3.Error or OSError; ``tmp`` is removed then.
    """
    tmp.unlink(missing_ok=True)
    try:
        conn.execute("ATTACH DATABASE ? AS export KEY ?", (str(tmp), raw_key(key) if key else ""))
        try:
            if key:
                cipher_format(conn, "export")
            # Synced once, whole, at the end (as backup_to does): a crash leaves only ``tmp``, which no one
            # reads. Without a journal and per-write syncs the copy takes a third of the time.
            conn.execute("PRAGMA export.journal_mode = OFF")
            conn.execute("PRAGMA export.synchronous = OFF")
            conn.execute("PRAGMA export.cache_size = -65536")
            # One read snapshot for the copy and the counts it is checked against: the window may write
            # meanwhile (export_plain reads beside it).
            conn.execute("BEGIN")
            try:
                conn.execute("SELECT sqlcipher_export('export')")
                # sqlcipher_export copies the schema and the rows, not the header's data version.
                version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
                conn.execute(f"PRAGMA export.user_version = {version}")
                expected = table_counts(conn)
            except BaseException:
                conn.rollback()
                raise
            conn.commit()
        finally:
            conn.execute("DETACH DATABASE export")
        copy = connect(tmp, key=key)
        try:
            ok = copy.execute("PRAGMA quick_check").fetchone()[0]
            got = table_counts(copy)
        finally:
            copy.close()
        if ok != "ok" or got != expected:
            differ = sorted(t for t in expected.keys() | got.keys() if expected.get(t) != got.get(t))
            raise UserError(f"复制出的数据库与原来的不一样（{ok if ok != 'ok' else '、'.join(differ)}），没有用它。"
                            "原来的文件没有任何改动。")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def table_counts(conn: sqlite3.Connection, schema: str = "main") -> dict[str, int]:
    """The number of rows of every table of ``schema``."""
    names = [r[0] for r in conn.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: conn.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0] for name in names}


class Stopped(Exception):
    """A background backup given up because the program is closing."""


# Pages copied per step of a backup that can be stopped: 4 MB with SQLite's 4 KB pages.
_STEP_PAGES = 1024


def check_target(dest: Path, db_path: Path, *, force: bool) -> None:
    """Whether a backup may be written to ``dest`` chosen by the clerk (``villagedesk backup -o``).

    A VillageDesk or other SQLite database there is never replaced, not even with ``force``: it is most
    likely another village's file or an older backup, and replacing it loses that village's records.
    Any other file is replaced only when the clerk said so (``force``).
    """
    dest = Path(dest)
    if dest.is_dir():
        raise UserError(f"{dest} 是一个文件夹。请写明备份文件的名字，如 {dest / (db_path.stem + '-备份.sqlite3')}。")
    if not dest.exists():
        return
    if dest.resolve() == Path(db_path).resolve():
        raise UserError("不能写到正在使用的数据库文件本身，请换一个文件名。")
    if is_database_file(dest):
        raise UserError(f"{dest} 已经是一个数据库文件（可能是另一个村或以前的备份），不会覆盖它。"
                        "请换一个文件名。")
    if not force:
        raise UserError(f"{dest} 已经存在。请换一个文件名，或加 --force 覆盖它。")


def rotating_backup(conn: sqlite3.Connection, db_path: Path, reason: str, keep: int = KEEP,
                    stop: threading.Event | None = None, key: bytes | None = None) -> Path:
    """Write ``backups/<name>-<time>-<reason>.sqlite3`` and prune that kind.

    The periodic kind (:data:`PERIODIC`) keeps a day / week / month rotation; each other kind its
    newest ``keep``. Both are bounded in size (docs/ARCHITECTURE.md "Data rules").
    """
    folder = backup_dir(db_path)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite3"
    backup_to(conn, dest, key=key, stop=stop)
    # Each kind rotates on its own: opening the program every day must not push
    # out the one backup taken before an import.
    kind = [b for b in restorable_backups(db_path) if b.reason == reason]
    kept = periodic_keep(kind) if reason == PERIODIC else kind[:keep]
    for stale in kind:
        if stale not in within_size(kept):
            stale.path.unlink(missing_ok=True)
    return dest


# The backups taken because the file changed since the last one: the newest of each of the last
# 7 days, 4 weeks and 12 months that have one, together at most MAX_KIND_BYTES.
PERIODIC = "open"
DAYS, WEEKS, MONTHS = 7, 4, 12
MAX_KIND_BYTES = 2 * 1024**3


def periodic_keep(found: list[BackupFile]) -> list[BackupFile]:
    """Which of one kind's backups (newest first) the day / week / month rotation keeps, newest first."""
    kept: list[BackupFile] = []
    for count, period in ((DAYS, lambda t: t.date()), (WEEKS, lambda t: t.isocalendar()[:2]),
                          (MONTHS, lambda t: (t.year, t.month))):
        seen: list = []
        for backup in found:  # newest first: the first of each period is its newest
            key = period(backup.taken)
            if key in seen:
                continue
            seen.append(key)
            if len(seen) > count:
                break
            if backup not in kept:
                kept.append(backup)
    return sorted(kept, key=lambda b: b.path.name, reverse=True)


def within_size(kept: list[BackupFile], limit: int = MAX_KIND_BYTES) -> list[BackupFile]:
    """``kept`` (newest first) without its oldest while together they pass ``limit``; the newest always stays."""
    total, fitting = 0, []
    for n, backup in enumerate(kept):
        total += backup.size
        if n and total > limit:
            break
        fitting.append(backup)
    return fitting


def content_mark(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """What changes whenever the program changes the file: its data version, its size in pages and its
    newest audit row (every change leaves one, docs/ARCHITECTURE.md "Data rules"). Milliseconds on any size."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    try:
        audit = conn.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0]
    except sqlite3.OperationalError:  # no audit table yet: a file from before the register
        audit = 0
    return version, pages, audit


def changed_since_last_backup(conn: sqlite3.Connection, db_path: Path, key: bytes | None = None) -> bool:
    """Whether ``conn`` holds anything its newest backup (of any kind) does not."""
    found = restorable_backups(db_path)
    if not found:
        return True
    try:
        last = connect(f"{found[0].path.as_uri()}?mode=ro", key=key, uri=True)
        try:
            return content_mark(last) != content_mark(conn)
        finally:
            last.close()
    except DAMAGED:
        return True  # an unreadable newest backup is no backup


def periodic_backup(conn: sqlite3.Connection, db_path: Path, stop: threading.Event | None = None,
                    key: bytes | None = None) -> Path | None:
    """The periodic backup when the file changed since its last backup; None when it did not."""
    if not changed_since_last_backup(conn, db_path, key):
        return None
    return rotating_backup(conn, db_path, PERIODIC, stop=stop, key=key)


class BackgroundBackup:
    """The periodic backup on a thread of its own, over a connection of its own, after the window is up.

    The copy is read from one snapshot of the file (a read transaction held from start to end): the
    window goes on writing meanwhile without restarting it. :meth:`stop` gives up within one step and
    leaves no file behind; the next start tries again.
    """

    def __init__(self, db_path: Path, done: Callable[[Path | None, UserError | None], None] | None = None,
                 key: bytes | None = None):
        self.db_path = db_path
        self._key = key
        self.result: Path | None = None
        self.error: UserError | None = None
        self._done = done
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="villagedesk-backup", daemon=True)

    def start(self) -> BackgroundBackup:
        self._thread.start()
        return self

    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def wait(self, timeout: float | None = None) -> bool:
        """True once the backup is over (taken, found unneeded, failed or stopped)."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            conn = connect(self.db_path, key=self._key, timeout=5)
            try:
                conn.execute("BEGIN")
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts here
                self.result = periodic_backup(conn, self.db_path, stop=self._stop, key=self._key)
            finally:
                conn.close()
        except Stopped:
            return
        except UserError as err:
            self.error = err
        except (sqlite3.Error, MemoryError) as exc:
            self.error = UserError(f"备份没有做成（{sqlite_reason(exc)}）。")
        except OSError as exc:
            self.error = UserError(f"备份没有做成（{os_reason(exc)}）。")
        if self._done is not None and not self._stop.is_set():
            self._done(self.result, self.error)


def list_backups(db_path: Path) -> list[Path]:
    """This database's backups, newest first: only names made of its own name (not another file's beside it)."""
    return [b.path for b in _named_backups(db_path)]


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken: datetime
    reason: str  # open, manual, before-import, before-restore, before-migrate-v5, …
    size: int


# <name>-20260715-083000-123456-<reason>.sqlite3; a damaged file set aside has no microseconds.
_NAME = re.compile(r"^(\d{8}-\d{6})(?:-\d{6})?-([a-z0-9-]+)$")


def _named_backups(db_path: Path) -> list[BackupFile]:
    """The files of ``backups/`` named ``<this database's name>-<time>-<reason>.sqlite3``, newest first.

    The name is matched whole: the backups of ``v-1.sqlite3`` beside ``v.sqlite3`` start with ``v-`` too.
    """
    found = []
    prefix = db_path.stem + "-"
    for path in backup_dir(db_path).glob("*.sqlite3"):
        if not path.name.startswith(prefix):
            continue
        match = _NAME.match(path.name[len(prefix):-len(".sqlite3")])
        if match is None:
            continue
        try:
            size = path.stat().st_size
        except OSError:
            continue  # rotated away meanwhile
        found.append(BackupFile(path, datetime.strptime(match.group(1), "%Y%m%d-%H%M%S"), match.group(2), size))
    return sorted(found, key=lambda b: b.path.name, reverse=True)


def remove_plain_backups(db_path: Path) -> int:
    """Remove this database's plain backups (a damaged file set aside among them, with its -wal and -shm):
    once the database is encrypted, a plain copy beside it would give away what the encryption keeps
    (docs/SECURITY.md "Encrypting an older database"). Returns how many were removed."""
    removed = 0
    for backup in _named_backups(db_path):
        if not is_sqlite_file(backup.path):
            continue
        for suffix in ("-wal", "-shm", "-journal"):
            backup.path.with_name(backup.path.name + suffix).unlink(missing_ok=True)
        backup.path.unlink(missing_ok=True)
        removed += 1
    return removed


def restorable_backups(db_path: Path) -> list[BackupFile]:
    """The rotating backups a clerk may restore, newest first (a damaged file set aside is not one)."""
    return [b for b in _named_backups(db_path) if b.reason != "damaged"]
