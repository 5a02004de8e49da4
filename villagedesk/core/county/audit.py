"""The county's audit: who (the PostgreSQL role each person logs in with), when, and what.

Written by the program in the same transaction as the change (docs/ARCHITECTURE.md "Data rules"),
``who`` filled by the server with ``current_user``, so nobody can write under another's name.
"""

from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from villagedesk import clock


def write(conn: psycopg.Connection, action: str, table: str, key: str | None, detail: dict | None) -> None:
    """One audit row of ``action`` on ``table`` (``key``: which record), in the caller's transaction."""
    conn.execute("INSERT INTO county.audit (at, action, table_name, record_key, detail) VALUES (%s, %s, %s, %s, %s)",
                 (clock.now().replace(microsecond=0), action, table, key, None if detail is None else Jsonb(detail)))


__all__ = ["write"]
