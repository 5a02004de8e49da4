"""A village's records as the county holds them (``county.rows``), for core.township.merge.build_replica.

The county runs a village's own reports and sheets on a replica of the village made from its rows, as
the township does from tw_rows (core.township.merge.build_replica; docs/COUNTY.md "The county's
outputs").  A reader can make one: it reads ``county.villages`` and ``county.rows`` only.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field

import psycopg

from villagedesk.core.county import messages
from villagedesk.errors import UserError


@dataclass(frozen=True)
class CountyRows:
    """Village records in the county database on ``conn`` (a core.township.merge.RowsSource)."""

    conn: psycopg.Connection
    # The replica holds the village's people (ID numbers) in a scratch file: encrypted with a key of this
    # export's own, never written anywhere, so the file is unreadable to anyone else while it exists and
    # after (docs/SECURITY.md "Backups": the township's replica is encrypted like the township's file; the
    # county has no file key of its own).
    key: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    def require_village(self, code: str) -> None:
        if self.conn.execute("SELECT 1 FROM county.villages WHERE code = %s", (code,)).fetchone() is None:
            raise UserError(messages.NO_SUCH_VILLAGE.format(code=code))

    def rows(self, code: str, table: str) -> Iterator[str]:
        # As text: orjson reads it several times faster than psycopg's JSONB loader would make dicts.
        return (data for (data,) in self.conn.execute(
            "SELECT data::text FROM county.rows WHERE village_code = %s AND table_name = %s AND NOT deleted",
            (code, table)))


__all__ = ["CountyRows"]
