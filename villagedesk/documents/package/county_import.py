"""Township packages into the county database: each file opened and verified, then merged (docs/COUNTY.md
"Importing township packages").

The file is opened with the county's identity and every part of it verified
(documents.package.township_reader) before core.county.importer checks it against what the county
holds and merges it in one transaction.  A file the county took before is known by its SHA-256
and changes nothing, without being opened again: importing a whole stick twice costs a hash per file.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import NamedTuple

import psycopg

from villagedesk.core.county import importer
from villagedesk.core.county.keys import card_fingerprint, county_identity
from villagedesk.core.township.merge import NeedsConfirmation
from villagedesk.documents.package.importer import Queued, import_order
from villagedesk.documents.package.layout import file_sha256, township_name_parts
from villagedesk.documents.package.township_reader import read_township_package
from villagedesk.errors import UserError


def import_township_package(conn: psycopg.Connection, path: Path | str, *, accept_new_township: bool = False,
                            accept_new_township_key: bool = False, accept_new_key: bool = False,
                            accept_divergence: bool = False) -> importer.TownshipImport:
    """Verify the township package at ``path`` and merge it into the county on ``conn``.

    UserError with nothing changed when it is refused: a NeedsConfirmation naming its flag for what
    the officer must confirm (a township's first key, a township's new key, a village's new key or
    diverged history).
    """
    path = Path(path)
    identity = county_identity(conn)  # first: a reader is told so before anything is read
    whole = file_sha256(path) if path.is_file() else ""
    before = importer.taken_file(conn, whole) if whole else None
    if before is not None:
        return before
    with read_township_package(path, identity, own=card_fingerprint(conn)) as package:
        return importer.take_township_package(
            conn, package, path.name, whole, accept_new_township=accept_new_township,
            accept_new_township_key=accept_new_township_key, accept_new_key=accept_new_key,
            accept_divergence=accept_divergence)


def county_order(paths: Iterable[Path | str]) -> list[Queued]:
    """Several township packages in the order they can be taken: township by township, by sequence."""
    return import_order(paths, township_name_parts)


class Refused(NamedTuple):
    """A township package the county refused: the file, and what the officer is told (with the flag to give)."""

    path: Path
    message: str


def _by_township(paths: Iterable[Path | str]) -> list[list[Path]]:
    """The files township by township (by the card fingerprint their names carry), each in sequence order;
    a file whose name is not a township package's alone, last (importing it says what is wrong)."""
    groups: dict[object, list[Path]] = {}
    for n, queued in enumerate(county_order(paths)):
        groups.setdefault(queued.village_code or ("unnamed", n), []).append(queued.path)
    return list(groups.values())


def import_group(url: str, paths: list[Path], flags: dict[str, bool]) -> list[tuple[Path, str] | Refused]:
    """One township's files imported in order on a connection of their own: the summary of each, and the
    first refusal (after which its later packages cannot follow and are not tried).  Plain data: it is what
    a worker process sends back."""
    # loads psycopg: not at start-up
    from villagedesk.store.postgres.connection import county_database

    done: list[tuple[Path, str] | Refused] = []
    try:
        with county_database(url) as conn:
            for path in paths:
                try:
                    done.append((path, import_township_package(conn, path, **flags).summary()))
                except NeedsConfirmation as err:
                    done.append(Refused(path, f"{err}{err.hint}"))
                    break
                except UserError as err:
                    done.append(Refused(path, str(err)))
                    break
    except UserError as err:  # the server could not be reached, or this login may not import
        done.append(Refused(paths[0], str(err)))
    return done


def import_packages(url: str, paths: Iterable[Path | str], *, jobs: int | None = None,
                    **flags: bool) -> Iterator[tuple[Path, str] | Refused]:
    """Import township packages into the county at ``url``: each township's in sequence order, several
    townships at once on up to ``jobs`` worker processes (default: one per processor, at most four).

    Yields each file's summary (or a Refused) as its township's turn finishes.  Different townships share
    nothing but their villages' locks (core.county.importer), so they are checked and merged side by side:
    the checks are Python's work, which one process cannot spread over two processors.  After a refusal
    no township not yet started is begun.
    """
    groups = _by_township(paths)
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 4)
    jobs = max(1, min(jobs, len(groups)))
    if jobs == 1:
        for group in groups:
            found = import_group(url, group, flags)
            yield from found
            if any(isinstance(one, Refused) for one in found):
                return
        return
    # spawn, never fork: a process with threads (the window's) must not be forked.
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        running = [pool.submit(import_group, url, group, flags) for group in groups]
        reported = set()
        try:
            for future in as_completed(running):
                reported.add(future)
                found = future.result()
                yield from found
                if any(isinstance(one, Refused) for one in found):
                    for other in running:
                        other.cancel()
                    for other in running:  # those already under way finish, and are said
                        if other not in reported and not other.cancelled():
                            yield from other.result()
                    return
        finally:
            for other in running:
                other.cancel()


__all__ = ["Refused", "county_order", "import_group", "import_packages", "import_township_package"]
