"""What the last schema upgrade or encryption changed, kept in the file so the window can tell the clerk once.

A newer program (a bundle copied over the old one) migrates an older file on its first
open, from the window or from any command; the window that opens it next says so.
The first account encrypts a plain file and removes its plain backups (docs/SECURITY.md "Encrypting an
older database"); the window says that too, once.
The notes live in the local ``settings`` table, which never travels in a package.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from villagedesk import __version__, clock

KEY = "last_upgrade"
ENCRYPTED_KEY = "encrypted"


@dataclass(frozen=True)
class Upgrade:
    from_version: int
    to_version: int
    program: str  # the program version that migrated the file
    at: str  # local time, ISO 8601 to the second
    backup: str  # the copy of the file as it was before
    shown: bool = False


@dataclass(frozen=True)
class Encrypted:
    at: str  # local time, ISO 8601 to the second
    removed: int  # how many plain backups were removed beside it
    shown: bool = False


_KEYS: dict[type, str] = {Upgrade: KEY, Encrypted: ENCRYPTED_KEY}
Note = TypeVar("Note", Upgrade, Encrypted)


def _now() -> str:
    return clock.now().isoformat(sep=" ", timespec="seconds")


def record_upgrade(store, from_version: int, to_version: int, backup: Path) -> Upgrade:
    note = Upgrade(from_version, to_version, __version__, _now(), str(backup))
    _save(store, note)
    return note


def record_encryption(store, removed: int) -> Encrypted:
    note = Encrypted(_now(), removed)
    _save(store, note)
    return note


def unshown_upgrade(store) -> Upgrade | None:
    """The last upgrade when no window has told about it yet."""
    return _unshown(store, Upgrade)


def unshown_encryption(store) -> Encrypted | None:
    """The encryption of the file when no window has told about it yet."""
    return _unshown(store, Encrypted)


def mark_shown(store, note: Upgrade | Encrypted) -> None:
    _save(store, replace(note, shown=True))


def _unshown(store, kind: type[Note]) -> Note | None:
    raw = store.scalar("SELECT value FROM settings WHERE key = ?", (_KEYS[kind],))
    if not raw:
        return None
    try:
        fields: Any = json.loads(raw)
        note = kind(**fields)
    except (ValueError, TypeError):
        return None  # a note from a program that wrote it differently: not worth a message
    return None if note.shown else note


def _save(store, note: Upgrade | Encrypted) -> None:
    with store.atomic():
        store.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           (_KEYS[type(note)], json.dumps(asdict(note), ensure_ascii=False)))
