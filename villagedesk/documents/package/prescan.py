"""Checking the next package's lines on another process while this one is merged (issue 16, "Performance").

Reading a package's lines — parsing every JSON line, checking it fits its table, recomputing
the hash of every approved points entry — is most of a township's import, and it is Python
work that a second thread cannot share (Python's lock).  A second process can: while the
session's connection merges package N, one worker process checks the lines of package N+1
(already opened by the read-ahead thread) on a read-only connection of its own, and hands the
result back.  On a two-core laptop the stick's packages then take about two thirds of the time.

The check made there is the one check_package makes (core.township.merge.scan_ahead), and it is
used only while what it read still holds (merge.adopt_scan): a package of the same village
merged meanwhile changes what is held, and the lines are checked again in the session.  The
worker is only ever a shortcut: if it cannot start, fails or refuses the package, the session
checks the package itself, in its own order, and says what it finds as it always did.

The worker is started by ``spawn``, never ``fork``: the window's process has threads (Qt's,
the read-ahead), and a forked copy of a process with threads may hang on a lock one of them held.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from villagedesk.core.township import merge as township
from villagedesk.core.township.validate import Scan
from villagedesk.documents.package.reader import Package
from villagedesk.store import open_store


def scan_apart(database: str, key: bytes | None, opened: str, manifest: dict,
               sha256: str) -> tuple[tuple, Scan] | None:
    """In the worker: the township file read-only, the opened package's lines checked (merge.scan_ahead)."""
    with open_store(database, write=False, backup_on_open=False, key=key) as store:
        # The Package of the session's read-ahead, named by its path: the session removes the file, not this copy.
        return township.scan_ahead(store, Package(Path(opened), manifest), sha256)


class Prescanner:
    """One worker process for a session's packages, started at the first package it is given."""

    # Why a check made on the worker could not be used, newest last (said by the tests when one was not).
    failures: list[str] = []

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False

    def submit(self, database: Path, key: bytes | None, package: Package,
               sha256: str) -> Future[tuple[tuple, Scan] | None] | None:
        """The check of ``package`` started on the worker; None when there is no worker to run it."""
        if self._broken:
            return None
        try:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            return self._pool.submit(scan_apart, str(database), key, str(package.path), package.manifest, sha256)
        except (OSError, RuntimeError):  # no process could be started (a locked-down PC): checked in the session
            self._broken = True
            return None

    @staticmethod
    def adopt(future: Future[tuple[tuple, Scan] | None] | None) -> bool:
        """Wait for a check started by :meth:`submit` and hand it to check_package; whether there was one."""
        if future is None:
            return False
        try:
            found = future.result()
        except Exception as exc:  # a worker that died or could not send its result back: the session checks itself
            Prescanner.failures.append(repr(exc))
            return False
        if found is None:
            return False
        township.adopt_scan(*found)
        return True

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


__all__ = ["Prescanner", "scan_apart"]
