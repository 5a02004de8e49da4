"""Backups through SQLite's online backup API, never a file copy of a live database."""

from __future__ import annotations

import os
import re
import sqlite3
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


def backup_to(conn: sqlite3.Connection, dest: Path) -> Path:
    """Copy the open database ``conn`` to ``dest`` atomically and verify the copy."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        target = sqlite3.connect(tmp)
        try:
            # The copy is synced once, whole, before it is renamed into place: a journal and a sync
            # per step would only slow a large village's backup (a crash leaves just the .part file).
            target.execute("PRAGMA journal_mode=OFF")
            target.execute("PRAGMA synchronous=OFF")
            conn.backup(target)
            ok = target.execute("PRAGMA quick_check").fetchone()[0]
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
    return dest


def rotating_backup(conn: sqlite3.Connection, db_path: Path, reason: str, keep: int = KEEP) -> Path:
    """Write ``backups/<name>-<time>-<reason>.sqlite3`` and keep the newest ``keep``."""
    folder = backup_dir(db_path)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite3"
    backup_to(conn, dest)
    # Each kind rotates on its own: opening the program every day must not push
    # out the one backup taken before an import.
    old = sorted(folder.glob(f"{db_path.stem}-*-{reason}.sqlite3"))
    for stale in old[:-keep]:
        stale.unlink(missing_ok=True)
    return dest


def list_backups(db_path: Path) -> list[Path]:
    return sorted(backup_dir(db_path).glob(f"{db_path.stem}-*.sqlite3"), reverse=True)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken: datetime
    reason: str  # open, manual, before-import, before-restore, before-migrate-v5, …
    size: int


# <name>-20260715-083000-123456-<reason>.sqlite3; a damaged file set aside has no microseconds.
_NAME = re.compile(r"^(\d{8}-\d{6})(?:-\d{6})?-(.+)$")


def restorable_backups(db_path: Path) -> list[BackupFile]:
    """The rotating backups a clerk may restore, newest first (a damaged file set aside is not one)."""
    found = []
    for path in list_backups(db_path):
        match = _NAME.match(path.name[len(db_path.stem) + 1:-len(".sqlite3")])
        if match is None or match.group(2) == "damaged":
            continue
        try:
            size = path.stat().st_size
        except OSError:
            continue  # rotated away meanwhile
        found.append(BackupFile(path, datetime.strptime(match.group(1), "%Y%m%d-%H%M%S"), match.group(2), size))
    return found
