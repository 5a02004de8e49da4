"""What the county holds of one village, asked as the township's checks ask it (core.township.held).

The county keeps each village's rows as the village sent them (``county.rows``, the record as the
JSON text it sent, type json; store/postgres/migrations/v0002_village_packages.py), its position in
``county.villages`` and its pinned key in ``county.village_keys``, and checks a village package with
the township's very rules (core.township.chain, validate, merge).  Those rules were written against
SQLite's ``json_extract``, so every answer here is given in its terms (core.township.held's module text):

- a value comes back as json_extract gives it: ``true``/``false`` as 1/0, an object or array as
  its compact JSON text (a check only ever compares such a value unequal to a number); numbers as
  the JSON wrote them (psycopg reads ``->``'s json: 3 an int, 3.0 a float);
- a *chained* entry's ``seq`` is a JSON integer, as ``json_type(data, '$.seq') = 'integer'`` says:
  a number written without a fraction or exponent (``json_typeof`` says only 'number', for 3 and
  3.5 alike; json keeps the text, so ``->>`` gives "3.0" for 3.0 and "1e3" for 1e3, which SQLite
  calls real too);
- a sequence is looked for as SQLite's ``IN`` compares a JSON value with an integer: a number equal
  to it (3.0 too), ``true``/``false`` as 1/0, never text ("3").
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Generator, Sequence

import psycopg
from psycopg import sql

from villagedesk.core.township import messages
from villagedesk.core.township.held import HeldEntry, HeldVillage, PinnedKey, Receiver, field_names

# json_type(data, '$.seq') = 'integer'
_CHAINED = "json_typeof(data->'seq') = 'number' AND (data->>'seq') ~ '^-?[0-9]+$'"
# The value SQLite compares json_extract(data, '$.seq') by, for a number or a boolean (NULL otherwise).
_SEQ_NUMBER = ("CASE json_typeof(data->'seq') WHEN 'number' THEN (data->>'seq')::numeric "
               "WHEN 'boolean' THEN (data->>'seq')::boolean::int END")
_ENTRY = "data->'seq', uid, data->'hash', data->'id'"
_ENTRIES = "FROM county.rows WHERE village_code = %s AND table_name = 'point_entries'"
COUNTY = Receiver(messages.US_COUNTY, messages.ISSUER_COUNTY)
# Server-side cursors are named per connection: each list of entries open at once has its own name.
_CURSORS = itertools.count()


def _value(value: object) -> object:
    """A JSON value as SQLite's json_extract gives it."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def _entry(row: tuple) -> HeldEntry:
    seq, uid, hash_, entry_id = row
    return HeldEntry(_value(seq), uid, _value(hash_), _value(entry_id))  # type: ignore[arg-type]


class CountyHeld:
    """What the county's database holds of village ``code`` (core.township.held.Held), read on ``conn``
    (in the caller's transaction, if it has one open: the checks then read what it will write over)."""

    def __init__(self, conn: psycopg.Connection, code: str):
        self.conn, self._code = conn, code

    @property
    def code(self) -> str:
        return self._code

    @property
    def receiver(self) -> Receiver:
        return COUNTY

    def village(self) -> HeldVillage | None:
        row = self.conn.execute("SELECT last_sequence, chain_count, chain_head FROM county.villages WHERE code = %s",
                                (self._code,)).fetchone()
        return None if row is None else HeldVillage(*row)

    def pinned_key(self) -> PinnedKey | None:
        row = self.conn.execute("SELECT id, public_key, fingerprint FROM county.village_keys WHERE village_code = %s "
                                "AND retired_at IS NULL ORDER BY id DESC LIMIT 1", (self._code,)).fetchone()
        return None if row is None else PinnedKey(*row)

    def last_chained(self) -> HeldEntry | None:
        row = self.conn.execute(f"SELECT {_ENTRY} {_ENTRIES} AND NOT deleted AND {_CHAINED} "
                                "ORDER BY (data->>'seq')::numeric DESC LIMIT 1", (self._code,)).fetchone()
        return None if row is None else _entry(row)

    def entries_at(self, seqs: Sequence[int]) -> dict[int, HeldEntry]:
        found: dict[int, HeldEntry] = {}
        for row in self.conn.execute(f"SELECT {_ENTRY} {_ENTRIES} AND NOT deleted AND {_SEQ_NUMBER} = ANY(%s)",
                                     (self._code, list(seqs))):
            entry = _entry(row)
            found[entry.seq] = entry
        return found

    def chained_entries(self) -> Generator[HeldEntry, None, None]:
        # A server-side cursor: a village's million entries come a batch at a time, not all at once.  WITH HOLD,
        # it needs no transaction of its own (which two lists open at once would nest out of order): in the
        # caller's transaction it reads that snapshot, outside any it is made whole on the server when declared.
        with self.conn.cursor(name=f"vd_chained_{next(_CURSORS)}", withhold=True) as cursor:
            cursor.itersize = 5000
            cursor.execute(f"SELECT {_ENTRY} {_ENTRIES} AND NOT deleted AND {_CHAINED} "
                           "ORDER BY (data->>'seq')::numeric", (self._code,))
            for row in cursor:
                yield _entry(row)

    def sequenced_among(self, uids: Sequence[str]) -> HeldEntry | None:
        row = self.conn.execute(f"SELECT {_ENTRY} {_ENTRIES} AND {_CHAINED} AND uid = ANY(%s) LIMIT 1",
                                (self._code, list(uids))).fetchone()
        return None if row is None else _entry(row)

    def rows(self, table: str, fields: Sequence[str]) -> list[tuple]:
        extracts = sql.SQL("").join(sql.SQL(", data->{}").format(sql.Literal(name)) for name in field_names(fields))
        query = sql.SQL("SELECT uid{} FROM county.rows WHERE village_code = %s AND table_name = %s "
                        "AND NOT deleted").format(extracts)
        return [(uid, *map(_value, values)) for uid, *values in self.conn.execute(query, (self._code, table))]

    def approved_months(self) -> set[tuple[object, object]]:
        # substr(json_extract(...), 1, 7): SQLite takes the value as text (a boolean as 1 or 0).
        # The household as JSON text (json has no equality for DISTINCT), read back as json_extract gives it.
        return {(None if household is None else _value(json.loads(household)), month) for household, month in self.conn.execute(
            "SELECT DISTINCT (data->'household_id')::text, substr(CASE json_typeof(data->'entry_date') "
            "WHEN 'boolean' THEN (data->>'entry_date')::boolean::int::text ELSE data->>'entry_date' END, 1, 7) "
            f"{_ENTRIES} AND NOT deleted AND data->>'status' = 'approved'", (self._code,))}


__all__ = ["COUNTY", "CountyHeld"]
