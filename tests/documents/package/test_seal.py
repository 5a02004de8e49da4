"""Sealing and opening a package's bytes (documents/package/seal.py): age through pyrage, streamed.

Real age files in memory and on disk; what a full stick or Cancel raises comes out as itself.
"""

from __future__ import annotations

import hashlib
import io
import os

import pyrage
import pytest

from villagedesk.documents.package.seal import AGE_MAGIC, Damaged, NotOurs, seal, unseal
from villagedesk.errors import Cancelled

_DATA = os.urandom(3 << 20) + b"PK\x03\x04 the zip's own bytes" * 1000


@pytest.fixture(scope="module")
def identity():
    return pyrage.x25519.Identity.generate()


def _sealed(identity) -> bytes:
    out = io.BytesIO()
    seal(io.BytesIO(_DATA), out, str(identity.to_public()))
    return out.getvalue()


def test_sealed_bytes_open_with_the_identity_only(identity):
    out = io.BytesIO()
    digest = seal(io.BytesIO(_DATA), out, str(identity.to_public()))
    data = out.getvalue()
    assert data.startswith(AGE_MAGIC) and b"the zip's own bytes" not in data
    assert digest == hashlib.sha256(data).hexdigest()  # what the village records is the file on the stick
    opened = io.BytesIO()
    unseal(io.BytesIO(data), opened, identity)
    assert opened.getvalue() == _DATA
    with pytest.raises(NotOurs):
        unseal(io.BytesIO(data), io.BytesIO(), pyrage.x25519.Identity.generate())


def test_a_changed_or_cut_file_is_damaged(identity):
    data = _sealed(identity)
    for at in (len(data) // 2, len(data) - 1):
        changed = bytearray(data)
        changed[at] ^= 0x80
        with pytest.raises(Damaged):
            unseal(io.BytesIO(bytes(changed)), io.BytesIO(), identity)
    with pytest.raises(Damaged):
        unseal(io.BytesIO(data[: len(data) - 1000]), io.BytesIO(), identity)
    with pytest.raises(Damaged):
        unseal(io.BytesIO(data[:40]), io.BytesIO(), identity)


class _Full(io.RawIOBase):
    """A stick that takes 100 kB."""

    def __init__(self):
        self.taken = 0

    def writable(self):
        return True

    def write(self, data):
        self.taken += len(data)
        if self.taken > 100_000:
            raise OSError(28, "No space left on device")
        return len(data)


def test_a_full_stick_and_cancel_come_out_as_themselves(identity):
    with pytest.raises(OSError) as full:
        seal(io.BytesIO(_DATA), _Full(), str(identity.to_public()))
    assert full.value.errno == 28

    def cancel(_read):
        raise Cancelled

    big = io.BytesIO(os.urandom(20 << 20))
    with pytest.raises(Cancelled):
        seal(big, io.BytesIO(), str(identity.to_public()), tick=cancel)
    ticks = []
    seal(io.BytesIO(os.urandom(20 << 20)), io.BytesIO(), str(identity.to_public()), tick=ticks.append)
    assert ticks and ticks == sorted(ticks)  # every few megabytes, so Cancel is heard while sealing


def test_a_disk_too_full_to_open_into_comes_out_as_itself(identity):
    with pytest.raises(OSError) as full:
        unseal(io.BytesIO(_sealed(identity)), _Full(), identity)
    assert full.value.errno == 28
