"""Sealing a package for its township and opening it there: the age file format, through pyrage.

A package travels as an age file encrypted to the township's X25519 recipient
(docs/PACKAGES.md, "Libraries" and "A package (format version 2)"): streamed in
64 KiB authenticated chunks, so memory stays flat whatever the package's size,
and a single changed byte anywhere makes opening it fail.  Nothing here is a
construction of ours: pyrage reads from one file object and writes to another.

pyrage wraps whatever a file object raises (a full stick, Cancel from a progress
callback) in its own error with only the text kept; the file objects handed to it
here keep the original exception so the caller sees the real one.
"""

from __future__ import annotations

import errno
import hashlib
from collections.abc import Callable
from typing import IO

import pyrage

AGE_MAGIC = b"age-encryption.org/v1"
ZIP_MAGIC = b"PK\x03\x04"
_TICK_BYTES = 8 << 20  # how often sealing reports progress (and so can be cancelled)


class NotOurs(Exception):
    """The file is an age file, but sealed for another recipient: none of the identities given opens it."""


class Damaged(Exception):
    """The file is not a whole, unchanged age file (cut short, a byte changed, a header that does not parse)."""


class _Source:
    """``fh`` read by pyrage: calls ``tick(bytes read)`` every few megabytes and keeps what it raised."""

    def __init__(self, fh: IO[bytes], tick: Callable[[int], None] | None):
        self._fh, self._tick = fh, tick
        self.error: BaseException | None = None
        self.read_bytes, self._next_tick = 0, _TICK_BYTES

    def read(self, size: int = -1) -> bytes:
        try:
            data = self._fh.read(size)
            self.read_bytes += len(data)
            if self._tick is not None and self.read_bytes >= self._next_tick:
                self._next_tick += _TICK_BYTES
                self._tick(self.read_bytes)
        except BaseException as exc:
            self.error = exc
            raise
        return data


class _Sink:
    """``fh`` written by pyrage, the SHA-256 of what it was given computed on the way; keeps what it raised."""

    def __init__(self, fh: IO[bytes]):
        self._fh, self.digest = fh, hashlib.sha256()
        self.error: BaseException | None = None

    def write(self, data: bytes) -> int:
        try:
            written = self._fh.write(data)
        except BaseException as exc:
            self.error = exc
            raise
        self.digest.update(data)
        return len(data) if written is None else written

    def flush(self) -> None:
        try:
            self._fh.flush()
        except BaseException as exc:
            self.error = exc
            raise


def _kept(source: _Source, sink: _Sink) -> BaseException | None:
    return source.error or sink.error


def seal(source: IO[bytes], target: IO[bytes], recipient: str, *,
         tick: Callable[[int], None] | None = None) -> str:
    """Encrypt all of ``source`` into ``target`` for the age ``recipient``; returns the SHA-256 of what was written.

    An OSError of either file (a full or pulled stick) and anything ``tick`` raises
    (Cancelled) come out as themselves.
    """
    reader, writer = _Source(source, tick), _Sink(target)
    try:
        pyrage.encrypt_io(reader, writer, [pyrage.x25519.Recipient.from_str(recipient)])
    except pyrage.EncryptError as exc:
        kept = _kept(reader, writer)
        if kept is not None:
            raise kept from None
        raise OSError(errno.EIO, str(exc)) from None
    return writer.digest.hexdigest()


def unseal(source: IO[bytes], target: IO[bytes], identity: pyrage.x25519.Identity) -> str:
    """Decrypt ``source`` into ``target`` with ``identity``; returns the SHA-256 of what was written
    (the zip inside, which a township keeps to forward: core.township.county).

    NotOurs when the file was sealed for someone else, Damaged when it is not a whole
    age file or cannot be read to its end; an OSError writing ``target`` (a full disk)
    comes out as itself.
    """
    reader, writer = _Source(source, None), _Sink(target)
    try:
        pyrage.decrypt_io(reader, writer, [identity])
    except (pyrage.DecryptError, OSError) as exc:
        if isinstance(reader.error, OSError):  # the stick could not be read to the end
            raise Damaged from None
        kept = _kept(reader, writer)
        if kept is not None:
            raise kept from None
        # rage's own words for a header no identity opens; anything else is a file cut short or changed.
        if isinstance(exc, pyrage.DecryptError) and "no matching keys" in str(exc).lower():
            raise NotOurs from None
        raise Damaged from None
    return writer.digest.hexdigest()


__all__ = ["AGE_MAGIC", "Damaged", "NotOurs", "ZIP_MAGIC", "seal", "unseal"]
