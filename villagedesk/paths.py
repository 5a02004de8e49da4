"""Where VillageDesk finds its bundled files and keeps its data.

forms/ and resources/ sit at the top of a source checkout and are shipped inside
the wheel as ``villagedesk/forms`` and ``villagedesk/resources``; this module is
the one place that knows both layouts, so nothing depends on the working folder.
The offline bundle (tools/villagedesk.spec) keeps the wheel's layout beside the frozen
package, and its data stays in the user's folder (%LOCALAPPDATA% on Windows), never in
the bundle folder that a newer bundle replaces.

It also tells a database file, plain or encrypted, from any other file at a path, by its first bytes:
what nothing may write over (backups, exports, printouts), known here without loading the store.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import platformdirs

from villagedesk import APP_NAME

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The bundled folder ``forms`` or ``resources``, installed or checked out."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} is missing from this installation")


def form_path(name: str) -> Path:
    return data_dir("forms") / name


def resource_path(*parts: str) -> Path:
    return data_dir("resources").joinpath(*parts)


def cjk_font_path() -> Path:
    return resource_path("fonts", "DroidSansFallbackFull.ttf")


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return user_data_dir() / "village.sqlite3"


SQLITE_MAGIC = b"SQLite format 3\x00"
# SQLCipher's smallest page: an encrypted database is a whole number of them.
_MIN_PAGE = 512
# How the files the program writes besides databases begin (PDF, xlsx and other zips, an encrypted
# workbook, a sealed package): never taken for an encrypted database, whatever their size.
_DOCUMENT_MAGICS = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"age-encryption.org")


def _head(path: Path) -> tuple[int, bytes] | None:
    try:
        size = Path(path).stat().st_size
        with open(path, "rb") as fh:
            return size, fh.read(len(SQLITE_MAGIC))
    except OSError:
        return None


def is_sqlite_file(path: Path) -> bool:
    """A plain SQLite file (its header says so)."""
    found = _head(path)
    return found is not None and found[1] == SQLITE_MAGIC


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` looks like an encrypted database: whole pages, without SQLite's plain header.

    SQLCipher begins the file with 16 random bytes (the salt) in place of the header, so an encrypted
    file can be told from other bytes only by its size and by not being anything else the program
    writes; opening it with the key says whether it is one (docs/SECURITY.md "The database key").
    """
    found = _head(path)
    if found is None:
        return False
    size, head = found
    return size >= _MIN_PAGE and size % _MIN_PAGE == 0 and head != SQLITE_MAGIC and not head.startswith(_DOCUMENT_MAGICS)


def is_database_file(path: Path) -> bool:
    """A database, plain or encrypted: a file never to be written over by a backup, an export or a printout."""
    return is_sqlite_file(path) or is_encrypted(path)
