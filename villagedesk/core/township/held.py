"""What a receiver holds of one village: the questions the checks of a package ask of it.

A township (its SQLite file: tw_villages, tw_village_keys, tw_rows) and a county (its PostgreSQL
database: core.county.held) both take village packages, and check them with the same rules
(core.township.chain, validate, merge; docs/PACKAGES.md "What the township checks, before its
transaction").  Those rules ask what is held through :class:`Held` alone; :class:`TownshipHeld`
answers from the township's file.

Every value read out of a held record is what SQLite's ``json_extract`` gives for it: a JSON
integer an ``int``, a number with a fraction or an exponent a ``float``, ``true``/``false`` 1/0,
text ``str``, null or a missing field None, an object or array its JSON text.  A *chained* entry
is a points entry whose ``seq`` is a JSON integer (what ``json_type(data, '$.seq') = 'integer'``
says): an entry approved by the village (core.points.ledger).
"""

from __future__ import annotations

import re
from collections.abc import Generator, Sequence
from typing import NamedTuple, Protocol

from villagedesk.core.township import messages
from villagedesk.store import Store

# SQLite limits the parameters of one statement; sequences and uids are asked for this many at a time.
BATCH = 500


class Receiver(NamedTuple):
    """How the checks' refusals name the receiver."""

    us: str  # 本乡镇, 本县 (messages.US_*)
    level: str  # whose program a village newer than it waits for: 乡镇, 县里 (messages.ISSUER_*)


TOWNSHIP = Receiver(messages.US_TOWNSHIP, messages.ISSUER_TOWNSHIP)


class HeldVillage(NamedTuple):
    """What is kept of the village itself: its newest package taken and its chain position
    (``chain_count`` 0: none kept, as for a village taken before schema version 8)."""

    last_sequence: int
    chain_count: int
    chain_head: str


class PinnedKey(NamedTuple):
    """The key the village's packages are signed with now (pinned by the first package taken)."""

    id: int
    public_key: str
    fingerprint: str


class HeldEntry(NamedTuple):
    """A points entry held, as the village sent it: its sequence, uid, content hash and the village's id."""

    seq: int  # a JSON integer (entries_at: equal to one, as SQLite's IN compares)
    uid: str
    hash: str  # as the village sent it (a record not of this shape is caught by the hash check)
    id: object


class Held(Protocol):
    """What a receiver holds of the village :attr:`code` (records not marked deleted, unless said)."""

    @property
    def code(self) -> str: ...

    @property
    def receiver(self) -> Receiver: ...

    def village(self) -> HeldVillage | None:
        """The village's own record; None for a village never taken."""

    def pinned_key(self) -> PinnedKey | None:
        """The newest key in force (not retired); None when none was pinned."""

    def last_chained(self) -> HeldEntry | None:
        """The chained entry of the highest sequence; None when none is held."""

    def entries_at(self, seqs: Sequence[int]) -> dict[int, HeldEntry]:
        """Sequence → the entry held there, for those of ``seqs`` that have one."""

    def chained_entries(self) -> Generator[HeldEntry, None, None]:
        """Every chained entry, by sequence (closed by a caller that stops early)."""

    def sequenced_among(self, uids: Sequence[str]) -> HeldEntry | None:
        """One of the entries with these uids that is chained (deleted or not), or None when none is."""

    def rows(self, table: str, fields: Sequence[str]) -> list[tuple]:
        """(uid, the value of each of ``fields``) of every record of ``table``."""

    def approved_months(self) -> set[tuple[object, object]]:
        """(household_id, the first 7 characters of entry_date) of every entry whose status is 'approved'."""


_FIELD = re.compile(r"[a-z_][a-z0-9_]*")


def field_names(fields: Sequence[str]) -> Sequence[str]:
    """``fields``, each a plain column name: they are spelled into the statement, never taken from a package."""
    for name in fields:
        if not _FIELD.fullmatch(name):
            raise ValueError(f"not a column name: {name!r}")
    return fields


class TownshipHeld:
    """What a township's file holds of village ``code``."""

    def __init__(self, store: Store, code: str):
        self.store, self._code = store, code

    @property
    def code(self) -> str:
        return self._code

    @property
    def receiver(self) -> Receiver:
        return TOWNSHIP

    def village(self) -> HeldVillage | None:
        row = self.store.conn.execute("SELECT last_sequence, chain_count, chain_head FROM tw_villages WHERE code = ?",
                                      (self._code,)).fetchone()
        return None if row is None else HeldVillage(*row)

    def pinned_key(self) -> PinnedKey | None:
        row = self.store.conn.execute("SELECT id, public_key, fingerprint FROM tw_village_keys WHERE village_code = ? "
                                      "AND retired_at IS NULL ORDER BY id DESC LIMIT 1", (self._code,)).fetchone()
        return None if row is None else PinnedKey(*row)

    def last_chained(self) -> HeldEntry | None:
        row = self.store.conn.execute(
            "SELECT json_extract(data, '$.seq'), uid, json_extract(data, '$.hash'), json_extract(data, '$.id') "
            "FROM tw_rows WHERE village_code = ? AND table_name = 'point_entries' AND deleted = 0 "
            "AND json_type(data, '$.seq') = 'integer' ORDER BY 1 DESC LIMIT 1", (self._code,)).fetchone()
        return None if row is None else HeldEntry(*row)

    def entries_at(self, seqs: Sequence[int]) -> dict[int, HeldEntry]:
        found: dict[int, HeldEntry] = {}
        for at in range(0, len(seqs), BATCH):
            part = seqs[at:at + BATCH]
            for seq, uid, hash_, entry_id in self.store.conn.execute(
                    "SELECT json_extract(data, '$.seq'), uid, json_extract(data, '$.hash'), json_extract(data, '$.id') "
                    "FROM tw_rows WHERE village_code = ? AND table_name = 'point_entries' AND deleted = 0 "
                    f"AND json_extract(data, '$.seq') IN ({','.join('?' * len(part))})", (self._code, *part)):
                found[seq] = HeldEntry(seq, uid, hash_, entry_id)
        return found

    def chained_entries(self) -> Generator[HeldEntry, None, None]:
        cursor = self.store.conn.execute(
            "SELECT json_extract(data, '$.seq'), uid, json_extract(data, '$.hash'), json_extract(data, '$.id') "
            "FROM tw_rows WHERE village_code = ? AND table_name = 'point_entries' AND deleted = 0 "
            "AND json_type(data, '$.seq') = 'integer' ORDER BY 1", (self._code,))
        try:
            for row in cursor:
                yield HeldEntry(*row)
        finally:  # a caller that stops early (the first difference) closes the statement with the generator
            cursor.close()

    def sequenced_among(self, uids: Sequence[str]) -> HeldEntry | None:
        for at in range(0, len(uids), BATCH):
            part = uids[at:at + BATCH]
            row = self.store.conn.execute(
                "SELECT json_extract(data, '$.seq'), uid, json_extract(data, '$.hash'), json_extract(data, '$.id') "
                "FROM tw_rows WHERE village_code = ? AND table_name = 'point_entries' "
                "AND json_type(data, '$.seq') = 'integer' "
                f"AND uid IN ({','.join('?' * len(part))}) LIMIT 1", (self._code, *part)).fetchone()
            if row is not None:
                return HeldEntry(*row)
        return None

    def rows(self, table: str, fields: Sequence[str]) -> list[tuple]:
        extracts = "".join(f", json_extract(data, '$.{name}')" for name in field_names(fields))
        return self.store.conn.execute(f"SELECT uid{extracts} FROM tw_rows WHERE village_code = ? AND table_name = ? "
                                       "AND deleted = 0", (self._code, table)).fetchall()

    def approved_months(self) -> set[tuple[object, object]]:
        return set(self.store.conn.execute(
            "SELECT DISTINCT json_extract(data, '$.household_id'), substr(json_extract(data, '$.entry_date'), 1, 7) "
            "FROM tw_rows WHERE village_code = ? AND table_name = 'point_entries' AND deleted = 0 "
            "AND json_extract(data, '$.status') = 'approved'", (self._code,)).fetchall())


__all__ = ["BATCH", "TOWNSHIP", "Held", "HeldEntry", "HeldVillage", "PinnedKey", "Receiver", "TownshipHeld",
           "field_names"]
