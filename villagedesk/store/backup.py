"""Backups through SQLite's online backup API, never a file copy of a live database."""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from villagedesk import clock
from villagedesk.errors import UserError, os_reason

KEEP = 10


def sqlite_reason(exc: sqlite3.Error) -> str:
    """What SQLite's English error means for the clerk."""
    text = str(exc).lower()
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


def backup_to(conn: sqlite3.Connection, dest: Path, *, verify: str = "quick_check",
              stop: threading.Event | None = None) -> Path:
    """Copy the open database ``conn`` to ``dest`` atomically and verify the copy.

    ``verify`` is the check run on the copy before it is renamed into place: SQLite's
    ``quick_check``, or the whole ``integrity_check`` for a copy that leaves the laptop.
    Once ``stop`` is set the copy is abandoned (:class:`Stopped`) and nothing is left behind.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)

    def stopping(_status: int, _remaining: int, _total: int) -> None:
        if stop is not None and stop.is_set():
            raise Stopped()

    try:
        target = sqlite3.connect(tmp)
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
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"无法写入备份文件 {dest}（{os_reason(exc)}）。请检查磁盘空间和文件夹权限。") from None
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"备份没有做成（{sqlite_reason(exc)}）。{dest} 未写入。") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest


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
        raise UserError("备份不能写到正在使用的数据库本身，请换一个文件名。")
    if is_sqlite_file(dest):
        raise UserError(f"{dest} 已经是一个数据库文件（可能是另一个村或以前的备份），不会覆盖它。"
                        "请换一个文件名。")
    if not force:
        raise UserError(f"{dest} 已经存在。请换一个文件名，或加 --force 覆盖它。")


SQLITE_MAGIC = b"SQLite format 3\x00"


def is_sqlite_file(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def rotating_backup(conn: sqlite3.Connection, db_path: Path, reason: str, keep: int = KEEP,
                    stop: threading.Event | None = None) -> Path:
    """Write ``backups/<name>-<time>-<reason>.sqlite3`` and prune that kind.

    The periodic kind (:data:`PERIODIC`) keeps a day / week / month rotation; each other kind its
    newest ``keep``. Both are bounded in size (docs/ARCHITECTURE.md "Data rules").
    """
    folder = backup_dir(db_path)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite3"
    backup_to(conn, dest, stop=stop)
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


def changed_since_last_backup(conn: sqlite3.Connection, db_path: Path) -> bool:
    """Whether ``conn`` holds anything its newest backup (of any kind) does not."""
    found = restorable_backups(db_path)
    if not found:
        return True
    try:
        last = sqlite3.connect(f"{found[0].path.as_uri()}?mode=ro", uri=True)
        try:
            return content_mark(last) != content_mark(conn)
        finally:
            last.close()
    except sqlite3.Error:
        return True  # an unreadable newest backup is no backup


def periodic_backup(conn: sqlite3.Connection, db_path: Path, stop: threading.Event | None = None) -> Path | None:
    """The periodic backup when the file changed since its last backup; None when it did not."""
    if not changed_since_last_backup(conn, db_path):
        return None
    return rotating_backup(conn, db_path, PERIODIC, stop=stop)


class BackgroundBackup:
    """The periodic backup on a thread of its own, over a connection of its own, after the window is up.

    The copy is read from one snapshot of the file (a read transaction held from start to end): the
    window goes on writing meanwhile without restarting it. :meth:`stop` gives up within one step and
    leaves no file behind; the next start tries again.
    """

    def __init__(self, db_path: Path, done: Callable[[Path | None, UserError | None], None] | None = None):
        self.db_path = db_path
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
            conn = sqlite3.connect(self.db_path, timeout=5)
            try:
                conn.execute("BEGIN")
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts here
                self.result = periodic_backup(conn, self.db_path, stop=self._stop)
            finally:
                conn.close()
        except Stopped:
            return
        except UserError as err:
            self.error = err
        except sqlite3.Error as exc:
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


def restorable_backups(db_path: Path) -> list[BackupFile]:
    """The rotating backups a clerk may restore, newest first (a damaged file set aside is not one)."""
    return [b for b in _named_backups(db_path) if b.reason != "damaged"]
