"""Writing a file so that it appears whole or not at all.

Every file the program hands to a clerk (Excel exports, PDF printouts, USB
packages) goes through :func:`atomic_output`: a half-written file on a USB
stick is worse than none, and an older file at the same path must survive a
failed or cancelled write.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from villagedesk.documents import messages
from villagedesk.errors import UserError, os_reason
from villagedesk.paths import is_database_file

Explain = Callable[[OSError], UserError]


def _file_mode() -> int:
    # mkstemp makes files only their owner can read; a PDF or package is for others to read too.
    # Read once at import, while nothing else runs: os.umask can only be read by setting it.
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


_MODE = _file_mode()


def refuse_database_target(path: Path) -> None:
    """An export or printout must never land on a database (the clerk's records)."""
    path = Path(path)
    candidates = [path]
    for suffix in ("-wal", "-shm", "-journal", ".lock"):
        if path.name.endswith(suffix):
            candidates.append(path.with_name(path.name[: -len(suffix)]))
    for candidate in candidates:
        # Plain or encrypted (docs/SECURITY.md "The database key").
        if is_database_file(candidate):
            raise UserError(messages.OVERWRITES_DATABASE.format(path=path))


def folder_write_error(folder: Path, exc: OSError) -> UserError:
    """The clerk's explanation of a failed write into ``folder``."""
    reason = os_reason(exc)
    return UserError(messages.FOLDER_NOT_WRITABLE.format(folder=folder, reason=reason))


@contextlib.contextmanager
def atomic_output(path: Path | str, *, failed: Explain | None = None,
                  locked: Explain | None = None) -> Iterator[BinaryIO]:
    """A binary file that replaces ``path`` only once fully written and synced.

    Any OSError, from the caller's writing too, becomes ``failed(exc)`` (by
    default :func:`folder_write_error`); a PermissionError while replacing an
    existing file, usually one open in another program, becomes ``locked(exc)``
    when given.  On any error or Cancelled the temp file is removed.
    """
    path = Path(path)
    refuse_database_target(path)
    # The temp file sits in the target folder so the final rename never crosses
    # disks (a USB stick): a power cut leaves the old file or the new one.
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        if hasattr(os, "fchmod"):  # not on Windows, where the folder's permissions apply
            os.fchmod(fd, _MODE)
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.replace(tmp_name, path)
        except PermissionError as exc:
            if locked is None:
                raise
            raise locked(exc) from None
        tmp_name = None
    except OSError as exc:
        raise (failed(exc) if failed else folder_write_error(path.parent, exc)) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (power cuts); not possible on Windows."""
    if os.name != "posix":
        return
    # The file is already in place: a folder that cannot be synced is no failure.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
