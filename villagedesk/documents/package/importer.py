"""Taking a package into a township database: verify all of it, back up, then merge in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

from villagedesk.core.township import county
from villagedesk.core.township import merge as township
from villagedesk.core.township.figures import keep_figures, refresh_figures
from villagedesk.documents.package import messages
from villagedesk.documents.package.layout import file_sha256, name_parts
from villagedesk.documents.package.prescan import Prescanner
from villagedesk.documents.package.reader import Opener, Package
from villagedesk.errors import UserError, os_reason
from villagedesk.store import Store, open_store


class ImportSession:
    """Packages taken one after another (everything on a stick).

    The database is backed up once, before the first package that changes it, rather than
    once per package as the township file grows.  While one package is checked and merged,
    the next one named by ``take(..., then=...)`` is opened and verified on a second thread
    (decrypting, inflating and hashing, which leave Python's lock to the merge): on a
    two-core laptop the stick's packages go in a fifth less time (benchmarks/bench_sync.py).
    While a next package is named, what each package committed is also folded from the WAL
    into the database file on a thread of its own (see :meth:`_fold`), and the lines of the package read
    ahead are checked on a worker process (documents.package.prescan).
    Close the session (or use it as a context manager) to drop a package read ahead and
    never taken, and to wait for the last fold.
    """

    def __init__(self, store: Store):
        self.store = store
        self.backed_up = False
        self._opener: Opener | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._ahead: tuple[Path, Future[_Opened]] | None = None
        self._folder: _Folder | None = None
        self._prescanner = Prescanner()

    def __enter__(self) -> ImportSession:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._drop_ahead()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        self._prescanner.close()
        self._stop_folding()

    def take(self, path: Path | str, *, then: Path | str | None = None, accept_new_village: bool = False,
             accept_new_key: bool = False, accept_divergence: bool = False) -> township.ImportResult:
        """Verify ``path`` completely, then merge it; UserError (nothing written) when it is refused.

        ``then``: the package the caller will most likely take next, read ahead meanwhile.
        The ``accept_*`` flags are the officer's confirmations (core.township.merge.NeedsConfirmation).
        """
        accepted = {"accept_new_village": accept_new_village, "accept_new_key": accept_new_key,
                    "accept_divergence": accept_divergence}
        path = Path(path)
        township.require_township(self.store)  # said before the file is read: the clerk opened the wrong database
        try:
            result = self._take(path, None if then is None else Path(then), accepted)
        finally:
            if then is None:  # the last one: nothing is left running for a caller that never closes the session
                self._stop_folding()
        if then is not None and not result.already:
            self._fold()
        return result

    def _take(self, path: Path, then: Path | None, accepted: dict[str, bool]) -> township.ImportResult:
        # Opened with the township's identity into a temporary file, removed whatever happens next.
        opened = self._open(path)
        if then is not None:
            self._read_ahead(then)
        with opened.package as package:
            self._prescanner.adopt(opened.prescan)
            plan = township.check_package(self.store, package, sha256=opened.sha256, **accepted)
            if plan.already:
                return plan
            figures = package.figures()
            if not self.backed_up:
                self.store.backup(reason="before-import")
                self.backed_up = True
            # The village's signed zip is kept to forward to the county, in the merge's own transaction:
            # a package merged is a package kept (docs/PACKAGES.md "A township package").
            with self.store.atomic():
                result = township.apply_package(self.store, package, file_name=path.name, sha256=opened.sha256,
                                                **accepted)
                if not result.already:
                    county.keep_payload(self.store, result.village_code, package.sequence, package.full,
                                        package.path.read_bytes(), package.sha256)
        # Figures are a report, not records: kept after the commit.  A village program that sent
        # none has them computed here from what it sent.
        if figures is not None:
            keep_figures(self.store, result.village_code, figures)
        else:
            refresh_figures(self.store, result.village_code)
        return result

    def _fold(self) -> None:
        """Fold what the package committed from the WAL into the database file, on a thread of its own.

        SQLite folds the WAL back (a checkpoint) at the commit that finds it past a thousand
        pages, on the connection that committed, which waits for it: a small village's package
        is some 7,000 pages and the wait a sixth of its import.  Folded by a second connection
        instead, it is written while the next package is checked; this connection goes on
        writing into the WAL meanwhile, which SQLite allows (sqlite.org/wal.html, "Concurrency").
        One fold at a time: a commit made while one runs is folded by the next.
        """
        if self._folder is None:
            try:
                self._folder = _Folder(self.store)
            except UserError:  # not a second time: the package is taken all the same, its commits fold as before
                return
        self._folder.fold()

    def _stop_folding(self) -> None:
        if self._folder is not None:
            self._folder.close()
            self._folder = None

    def _open(self, path: Path) -> _Opened:
        if self._ahead is not None and self._ahead[0] == path:
            future = self._ahead[1]
            self._ahead = None
            return future.result()  # its UserError, if it was refused, is raised here as if read now
        self._drop_ahead()
        return _open(self._keys(), path)

    def _keys(self) -> Opener:
        if self._opener is None:
            self._opener = Opener(self.store)
        return self._opener

    def _read_ahead(self, path: Path) -> None:
        self._drop_ahead()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="package-read-ahead")
        self._ahead = (path, self._pool.submit(self._open_ahead, path))

    def _open_ahead(self, path: Path) -> _Opened:
        """On the read-ahead thread: the package opened and verified, then its lines handed to the worker."""
        opened = _open(self._keys(), path)
        prescan = self._prescanner.submit(self.store.path, self.store.key, opened.package, opened.sha256)
        return opened._replace(prescan=prescan)

    def _drop_ahead(self) -> None:
        if self._ahead is None:
            return
        future = self._ahead[1]
        self._ahead = None
        if not future.cancel():
            try:
                opened = future.result()
            except Exception:  # refused, or failed: nothing was kept of it
                return
            if opened.prescan is not None and not opened.prescan.cancel():
                opened.prescan.exception()  # waits while the worker reads its file (Windows keeps a file being read)
            opened.package.close()


class _Folder:
    """A second connection to the township's file, folding its WAL back on a thread of its own (ImportSession._fold).

    The session's connection stops folding by itself meanwhile (``wal_autocheckpoint``), and
    starts again when the folder is closed.  A fold that fails (a full disk) loses nothing: the
    WAL keeps every commit, and closing the store folds it again or says why not.
    """

    def __init__(self, store: Store):
        self.store = store
        self.other = open_store(store.path, write=False, key=store.key)
        self.automatic = int(store.scalar("PRAGMA wal_autocheckpoint"))
        store.conn.execute("PRAGMA wal_autocheckpoint = 0")
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="township-fold")
        self.running: Future[None] | None = None

    def fold(self) -> None:
        if self.running is None or self.running.done():
            self.running = self.pool.submit(self._checkpoint)

    def _checkpoint(self) -> None:
        # PASSIVE: what is committed, without waiting for the session's connection, which may be writing.
        self.other.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def close(self) -> None:
        self.pool.shutdown(wait=True)
        self.other.close()
        if not self.store.closed:
            self.store.conn.execute(f"PRAGMA wal_autocheckpoint = {self.automatic}")


class _Opened(NamedTuple):
    package: Package
    sha256: str  # of the sealed file, as it came on the stick
    prescan: Future | None = None  # its lines being checked on the worker process (documents.package.prescan)


def _open(opener: Opener, path: Path) -> _Opened:
    package = opener.read(path)
    try:
        return _Opened(package, file_sha256(path))
    except OSError as exc:  # the stick pulled between the two reads
        package.close()
        raise UserError(messages.REFUSED.format(name=path.name, why=os_reason(exc))) from None


def import_package(store: Store, path: Path | str, *, accept_new_village: bool = False, accept_new_key: bool = False,
                   accept_divergence: bool = False) -> township.ImportResult:
    """One package on its own; see :class:`ImportSession`."""
    with ImportSession(store) as session:
        return session.take(path, accept_new_village=accept_new_village, accept_new_key=accept_new_key,
                            accept_divergence=accept_divergence)


class Queued(NamedTuple):
    """A package file in :func:`import_order`: its sender (village code, or township fingerprint) and sequence,
    None when its name is not a package's."""

    path: Path
    village_code: str | None
    sequence: int | None


def import_order(paths: Iterable[Path | str],
                 parts: Callable[[str], tuple[str, int] | None] = name_parts) -> list[Queued]:
    """Several packages (everything on a stick) in the order they can be taken: village by village, by sequence.

    The manifest is sealed, so the village and sequence come from each file's name
    (``VD-<code>-<sequence>-<date>.vdpkg``; import_package verifies everything, and the
    township refuses a package out of order whatever its name says).  A file whose name
    is not a package's goes last, in the order given, so importing it says what is
    wrong with it and the others are not held up.  ``parts``: what a name says (a township package's
    names its township by its card's fingerprint: layout.township_name_parts).
    """
    found = []
    for given, path in enumerate(Path(p) for p in paths):
        named = parts(path.name)
        key = (0, *named, given) if named else (1, "", 0, given)
        found.append((key, Queued(path, *(named or (None, None)))))
    return [queued for _key, queued in sorted(found, key=lambda f: f[0])]


__all__ = ["ImportSession", "Queued", "import_order", "import_package"]
