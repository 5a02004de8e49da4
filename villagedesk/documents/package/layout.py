"""What a package holds and how its parts are named: one place for the writer and the reader.

A package is one file, ``VD-<village code>-<sequence>-<date>.vdpkg``: an age file
sealed to the township's recipient (docs/PACKAGES.md, "A package (format version 2)"),
holding one zip:

- ``manifest.json``: format version, the village, sequence and previous sequence,
  creation time, app version, and for every other file its SHA-256 and row count;
  the village's public key (``signer``), the fingerprint of the township card it is
  sealed for (``sealed_for``), the points chain position (``chain``: count, head) and
  ``restored`` (null, or why the package is full after a restore);
- ``manifest.sig``: the village's Ed25519 signature of the exact bytes of ``manifest.json``;
- ``data/<table>.jsonl``: one JSON object per line for each record changed since
  the previous package (every record with ``--full``), keyed by ``uid``; a column
  that points at another record (``household_id``) carries that record's uid
  (``id`` stays the village's own number, which its printed codes such as
  JF0000123 are made of);
- ``deleted.jsonl``: records removed since the previous package (``table``, ``uid``);
  archiving is a change of the record and travels in its table;
- ``audit.jsonl``: the audit rows since the previous package (who changed what);
- ``figures.json``: the village's figures as of the day (core.township_figures), which
  the township's summary shows;
- for people to read: a full package carries the village's whole Excel workbook
  (``村务数据-…xlsx``); an incremental one the changes since the previous package
  (``村务变更-…xlsx``, documents.package.changes), which keeps it quick to write.

A township forwards its villages' packages to the county in a package of its own,
``VT-<first 8 hex digits of the township card's fingerprint>-<sequence>-<date>.vdpkg``, sealed to
the county card's recipient (docs/PACKAGES.md "A township package"): a zip with ``manifest.json``
(kind ``township``, the township's card, the village packages it carries), ``manifest.sig`` (the
township's signature) and each village package's zip, as the village made it, as
``villages/<code>-<sequence>.zip``.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from villagedesk.core.township.merge import LOCAL_TABLES

FORMAT_VERSION = 2
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DELETED = "deleted.jsonl"
AUDIT = "audit.jsonl"
FIGURES = "figures.json"
DATA_DIR = "data/"

# What a reader accepts before it unpacks anything (a zip bomb, a stick full of junk).
MAX_MEMBERS = 200
MAX_MEMBER_BYTES = 4 << 30
MAX_RATIO = 200  # uncompressed / compressed: JSON Lines of a ledger compress about 10×

SUFFIX = ".vdpkg"
# Format 1 (an open zip, before packages were signed and sealed): recognised only to be refused clearly.
OLD_SUFFIX = ".zip"

# A township's package for its county.
TOWNSHIP_FORMAT_VERSION = 1
TOWNSHIP_KIND = "township"
PAYLOAD_DIR = "villages/"
# A township of 30 villages sending each one's last full package and what followed it: far fewer.
MAX_PAYLOADS = 2000
# What a file chooser's hint shows of each kind of package.
VILLAGE_PATTERN = "VD-….vdpkg"
TOWNSHIP_PATTERN = "VT-….vdpkg"

_NAME = re.compile(r"^VD-(?P<code>[0-9A-Z]{1,32})-(?P<sequence>\d{4,})-(?P<date>\d{8})\.vdpkg$")
_TOWNSHIP_NAME = re.compile(r"^VT-(?P<fingerprint>[0-9A-F]{8})-(?P<sequence>\d{4,})-(?P<date>\d{8})\.vdpkg$")


def package_name(village_code: str, sequence: int, day: str) -> str:
    """``VD-<village code>-<sequence>-<date>.vdpkg``; ``day`` is YYYY-MM-DD."""
    return f"VD-{village_code}-{sequence:04d}-{day.replace('-', '')}{SUFFIX}"


def looks_like_package(name: str) -> bool:
    return bool(_NAME.match(name))


def name_parts(name: str) -> tuple[str, int] | None:
    """(village code, sequence) as the file name says them; None for a name that is not a package's.

    The manifest is sealed: the name is all a stick shows without the township's key, and
    all :func:`importer.import_order` needs to put several packages in order.
    """
    found = _NAME.match(name)
    return (found["code"], int(found["sequence"])) if found else None


def township_name_parts(name: str) -> tuple[str, int] | None:
    """(the township card's fingerprint's first 8 hex digits, sequence) as a township package's file name
    says them; None for a name that is not one's.  As :func:`name_parts`, for putting several in order."""
    found = _TOWNSHIP_NAME.match(name)
    return (found["fingerprint"], int(found["sequence"])) if found else None


def township_package_name(fingerprint: str, sequence: int, day: str) -> str:
    """``VT-<first 8 hex digits of the township card's fingerprint>-<sequence>-<date>.vdpkg``; ``day`` is YYYY-MM-DD.

    The fingerprint, not the township's name: the name on the stick says no more than which
    township's card it is, as a village package's names only the village's public code.
    """
    return f"VT-{fingerprint.replace(' ', '')[:8]}-{sequence:04d}-{day.replace('-', '')}{SUFFIX}"


def payload_member(code: str, sequence: int) -> str:
    """Where a village's package sits inside a township package."""
    return f"{PAYLOAD_DIR}{code}-{sequence:04d}.zip"


def data_file(table: str) -> str:
    return f"{DATA_DIR}{table}.jsonl"


def file_sha256(path: Path) -> str:
    """The SHA-256 of a whole package file: what the township records and compares."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


__all__ = ["AUDIT", "DATA_DIR", "DELETED", "FIGURES", "FORMAT_VERSION", "LOCAL_TABLES", "MANIFEST", "MAX_MEMBERS",
           "MAX_MEMBER_BYTES", "MAX_PAYLOADS", "MAX_RATIO", "OLD_SUFFIX", "PAYLOAD_DIR", "SIGNATURE", "SUFFIX",
           "TOWNSHIP_FORMAT_VERSION", "TOWNSHIP_KIND", "TOWNSHIP_PATTERN", "VILLAGE_PATTERN", "data_file",
           "file_sha256", "looks_like_package", "name_parts", "package_name", "payload_member",
           "township_name_parts", "township_package_name"]
