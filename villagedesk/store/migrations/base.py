"""What every migration step shares: the record columns and the version stamp."""

from __future__ import annotations

from sqlite_utils import Database

# Columns every record table carries (docs/ARCHITECTURE.md, "Data rules").
RECORD_COLUMNS = """
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
"""


def stamp(db: Database, version: int) -> None:
    db.execute(f"PRAGMA user_version = {int(version)}")


def one_of(column: str, values: tuple[str, ...]) -> str:
    """``column`` is one of ``values``, as a CHECK: an OR chain, since SQLite builds a temporary
    table to evaluate ``IN`` with three or more values on every row written (measured:
    ≈ 4 µs a row, 0.5 s for the large demo's attendance)."""
    return "(" + " OR ".join(f"{column} = '{v}'" for v in values) + ")"
