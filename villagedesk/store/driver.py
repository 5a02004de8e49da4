"""The one SQLite binding every connection of the program goes through: SQLCipher's.

sqlcipher3 is the standard library's ``sqlite3`` module built over SQLCipher (docs/SECURITY.md "The
database key"): with no key a connection reads and writes plain SQLite files exactly as the standard
library does (every older database, every test's file); keyed, it reads and writes an encrypted one.
Import it from here (``from villagedesk.store.driver import sqlite3``), never the standard library's,
so that its exceptions are the ones caught; open a connection with :func:`connect`, which gives it the
key.

sqlite-utils imports the standard library's module and catches that module's exceptions around a few
probes of what the SQLite underneath supports (STRICT tables, upserts): on SQLite 3.51 those probes
succeed, so none of its fallbacks is needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # The same DB-API as the standard library's (sqlcipher3 is its code over another SQLite), and the
    # type sqlite-utils names for its connection: type-checked as that.
    import sqlite3
else:
    from sqlcipher3 import dbapi2 as sqlite3

__all__ = ["DAMAGED", "cipher_format", "connect", "key_pragma", "raw_key", "sqlite3"]

#: What reading a damaged page raises. SQLite says DatabaseError ("database disk image is malformed"); a
#: page of an encrypted file that fails its HMAC is reported by SQLCipher's pager as out of memory
#: (SQLITE_NOMEM), which Python raises as MemoryError. Caught as one wherever damage is told.
DAMAGED = (sqlite3.DatabaseError, MemoryError)

# How an encrypted file is written: SQLCipher 4's defaults (AES-256, a random salt, 4 KB pages) but the
# HMAC of each page with SHA-256 instead of SHA-512: processors with the SHA extensions (every AMD Ryzen,
# Intel laptops since 2019) compute SHA-256 in hardware, so a page read from disk costs a third of the time,
# which is what keeps reading an encrypted file near a plain one's speed (docs/SECURITY.md "Performance"). A file format setting: every
# keyed connection and every attached copy must use the same, so it is set in this one place.
_FORMAT = ("cipher_hmac_algorithm = HMAC_SHA256",)

# Decrypted pages a keyed connection keeps (64 MiB; SQLite's default is 2 MiB): a page read again is not
# decrypted again.
_KEYED_CACHE_KIB = 64 * 1024

# SQLCipher writes its own log lines (a failed page check when a key is wrong) to standard error; the
# command line speaks one plain line there, and a wrong key is told by the exception alone. The level
# is the library's, set once for every connection.
def _quiet_log() -> None:
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    finally:
        conn.close()


_quiet_log()


def raw_key(key: bytes) -> str:
    """The 32-byte database key as SQLCipher takes it raw (``x'…'``, in ``PRAGMA key`` or ``ATTACH … KEY``).

    A raw key is used as it is: SQLCipher's PBKDF2 over a passphrase (256,000 rounds at every open)
    would only repeat what Argon2id and HKDF already did (docs/SECURITY.md "The database key").
    """
    if len(key) != 32:
        raise ValueError("a database key is 32 bytes")
    return f"x'{key.hex()}'"


def key_pragma(key: bytes) -> str:
    """The statement that gives a connection the database key."""
    return f'PRAGMA key = "{raw_key(key)}"'


def connect(database: Any, *, key: bytes | None = None, **kwargs: Any) -> sqlite3.Connection:
    """``sqlite3.connect(database, **kwargs)``, keyed when ``key`` is given.

    The key must be the first statement on the connection; nothing is read until the next one, so a
    wrong key shows as "file is not a database" at the first read.
    """
    conn = sqlite3.connect(database, **kwargs)
    if key is not None:
        conn.execute(key_pragma(key))
        cipher_format(conn)
        conn.execute(f"PRAGMA cache_size = -{_KEYED_CACHE_KIB}")
    return conn


def cipher_format(conn: sqlite3.Connection, schema: str = "main") -> None:
    """Set the encrypted file format on ``schema`` of ``conn``, keyed just before (a database attached with
    ``KEY``, or the main one by :func:`connect`)."""
    for setting in _FORMAT:
        conn.execute(f"PRAGMA {schema}.{setting}")
