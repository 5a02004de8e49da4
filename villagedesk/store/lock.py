"""One writer per database: an OS-level lock on a file next to it.

filelock holds an OS lock (fcntl / msvcrt) that the system frees when the
process dies, so a power cut or a crash never leaves a stale lock behind.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from villagedesk.errors import UserError, os_reason


def lock_path(db_path: Path) -> Path:
    """Beside the file itself: a database reached through a symbolic link (or a linked folder) is locked
    where its real file is, so two programs opening it by different paths cannot both write."""
    real = Path(db_path).resolve()
    return real.with_name(real.name + ".lock")


def acquire(db_path: Path) -> FileLock:
    lock = FileLock(str(lock_path(db_path)), timeout=0, is_singleton=False, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise UserError(
            f"数据库 {db_path} 正在被另一个村务通窗口或命令使用。请先关闭那个窗口，再重试。"
        ) from None
    except OSError as exc:
        raise UserError(f"无法在 {db_path.parent} 创建锁文件（{os_reason(exc)}）。请检查文件夹是否可写。") from None
    return lock


def release(lock: FileLock, db_path: Path, *, remove: bool = False) -> None:
    """Let go; ``remove`` also deletes the lock file (after a refused open, nothing is left)."""
    if remove:
        try:
            lock_path(db_path).unlink(missing_ok=True)
        except OSError:
            pass  # Windows keeps an open file; the lock file is harmless
    lock.release()
