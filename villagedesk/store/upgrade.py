"""What the last schema upgrade changed, kept in the file so the window can tell the clerk once.

A newer program (a bundle copied over the old one) migrates an older file on its first
open, from the window or from any command; the window that opens it next says so.
The note lives in the local ``settings`` table, which never travels in a package.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from villagedesk import __version__, clock

KEY = "last_upgrade"


@dataclass(frozen=True)
class Upgrade:
    from_version: int
    to_version: int
    program: str  # the program version that migrated the file
    at: str  # local time, ISO 8601 to the second
    backup: str  # the copy of the file as it was before
    shown: bool = False


def record_upgrade(store, from_version: int, to_version: int, backup: Path) -> Upgrade:
    note = Upgrade(from_version, to_version, __version__, clock.now().isoformat(sep=" ", timespec="seconds"),
                   str(backup))
    _save(store, note)
    return note


def unshown_upgrade(store) -> Upgrade | None:
    """The last upgrade when no window has told about it yet."""
    raw = store.scalar("SELECT value FROM settings WHERE key = ?", (KEY,))
    if not raw:
        return None
    try:
        note = Upgrade(**json.loads(raw))
    except (ValueError, TypeError):
        return None  # a note from a program that wrote it differently: not worth a message
    return None if note.shown else note


def mark_shown(store, note: Upgrade) -> None:
    _save(store, Upgrade(**{**asdict(note), "shown": True}))


def _save(store, note: Upgrade) -> None:
    with store.atomic():
        store.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           (KEY, json.dumps(asdict(note), ensure_ascii=False)))
