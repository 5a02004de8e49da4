"""Township packages into the county database: each file opened and verified, then merged (docs/COUNTY.md
"Importing township packages").

The file is opened with the county's identity and every part of it verified
(documents.package.township_reader) before core.county.importer checks it against what the county
holds and merges it in one transaction.  A file the county took before is known by its SHA-256
and changes nothing, without being opened again: importing a whole stick twice costs a hash per file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import psycopg

from villagedesk.core.county import importer
from villagedesk.core.county.keys import card_fingerprint, county_identity
from villagedesk.documents.package.importer import Queued, import_order
from villagedesk.documents.package.layout import file_sha256, township_name_parts
from villagedesk.documents.package.township_reader import read_township_package


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


__all__ = ["county_order", "import_township_package"]
