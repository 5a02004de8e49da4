"""What a package holds and how its parts are named: one place for the writer and the reader.

A package is one zip, ``VD-<village code>-<sequence>-<date>.zip``:

- ``manifest.json``: format version, the village, sequence and previous sequence,
  creation time, app version, and for every other file its SHA-256 and row count;
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
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from villagedesk.core.township.merge import LOCAL_TABLES

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DELETED = "deleted.jsonl"
AUDIT = "audit.jsonl"
FIGURES = "figures.json"
DATA_DIR = "data/"

# What a reader accepts before it unpacks anything (a zip bomb, a stick full of junk).
MAX_MEMBERS = 200
MAX_MEMBER_BYTES = 4 << 30
MAX_RATIO = 200  # uncompressed / compressed: JSON Lines of a ledger compress about 10×

_NAME = re.compile(r"^VD-(?P<code>[0-9A-Z]+)-(?P<sequence>\d{4,})-(?P<date>\d{8})\.zip$")


def package_name(village_code: str, sequence: int, day: str) -> str:
    """``VD-<village code>-<sequence>-<date>.zip``; ``day`` is YYYY-MM-DD."""
    return f"VD-{village_code}-{sequence:04d}-{day.replace('-', '')}.zip"


def looks_like_package(name: str) -> bool:
    return bool(_NAME.match(name))


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
           "MAX_MEMBER_BYTES", "MAX_RATIO", "data_file", "file_sha256", "looks_like_package", "package_name"]
