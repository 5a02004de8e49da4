"""Whether the approved points entries a package brings continue the history the township holds.

A village's approved entries form a chain (core.points.ledger): each stores the
SHA-256 of its content and of the entry before it.  The township keeps, per village,
the position of the chain it last took (``tw_villages.chain_count`` and
``chain_head``); a package carries the village's position when it was written
(``manifest.chain``).  docs/PACKAGES.md "What the township checks, before its transaction",
step 5:

- every received approved entry's hash is recomputed from its content;
- each links to the one before it, and the last is the manifest's head;
- the count never goes down;
- an incremental package continues the held chain exactly (an entry sent again
  must be the one held); a full package carries the whole chain from its start,
  and when it does not go through the held head it *diverges*: taken only on
  the officer's confirmation, and recorded.

What the receiver holds of the village (a township's file, a county's database) is asked through
core.township.held.

Hashes are kept in two flat byte arrays indexed by sequence (32 bytes each), so a
full package of a million entries is checked in a few dozen megabytes.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

import orjson

from villagedesk.core.common.codes import ENTRY
from villagedesk.core.points.ledger import GENESIS, package_entry_hash
from villagedesk.core.township import messages
from villagedesk.core.township.held import Held, HeldVillage
from villagedesk.errors import UserError

_HASH = 32


@dataclass(frozen=True)
class Position:
    """A chain position: how many approved entries, and the hash of the last (GENESIS for none)."""

    count: int
    head: str


@dataclass(frozen=True)
class Divergence:
    """A full package whose history does not go through the held head: where they part."""

    held: Position
    received: Position
    seq: int  # the first sequence at which they differ
    entry: str  # its code as the township held it (JF0000123), "" when the township held none there


def held_position(held: Held, village: HeldVillage | None) -> Position:
    """The chain position held for the village (``village``: what ``held.village()`` gave).

    A village taken before schema version 8 has no position kept (count 0) although its
    entries are held: its position is then read from those entries, once.
    """
    if village is None:
        return Position(0, GENESIS)
    if village.chain_count:
        return Position(village.chain_count, village.chain_head)
    last = held.last_chained()
    return Position(last.seq, last.hash) if last is not None else Position(0, GENESIS)


def claimed_position(package_chain, who: str) -> Position:
    """The manifest's ``chain``, checked for its shape (the signature vouches for its values)."""
    if not isinstance(package_chain, dict):
        raise UserError(messages.CHAIN_MANIFEST.format(who=who))
    count, head = package_chain.get("count"), package_chain.get("head")
    if type(count) is not int or count < 0 or not isinstance(head, str) or not _is_hash(head) \
            or (count == 0 and head != GENESIS):
        raise UserError(messages.CHAIN_MANIFEST.format(who=who))
    return Position(count, head)


def _is_hash(text: str) -> bool:
    if len(text) != 64:
        return False
    try:
        bytes.fromhex(text)
    except ValueError:
        return False
    return True


def _where(seq: int, entry_id) -> str:
    if type(entry_id) is int:
        return messages.CHAIN_WHERE.format(seq=seq, entry=ENTRY(entry_id))
    return messages.CHAIN_WHERE_SEQ.format(seq=seq)


class ChainCheck:
    """Fed every received approved entry (:meth:`add`), then :meth:`finish` says whether the chain holds.

    Raises UserError naming the first entry that differs; returns a Divergence for a
    full package that is whole in itself but parts from the held chain.
    """

    def __init__(self, source: Held, who: str, held: Position, claimed: Position, full: bool, sent_entries: int):
        # source: what the receiver holds of the village; held: the chain position it holds.
        self.source, self.code, self.who = source, source.code, who
        self.held, self.claimed, self.full = held, claimed, full
        # A full package carries the chain from its start; an incremental one what follows the held head.
        self.base = 0 if full else held.count
        if not full and claimed.count < held.count:
            raise UserError(messages.CHAIN_SHORTER.format(who=who, us=source.receiver.us, count=claimed.count,
                                                          held=held.count))
        size = claimed.count - self.base
        if size > sent_entries:  # said before anything is allocated: the entries cannot all be there
            raise UserError(messages.CHAIN_MISSING.format(who=who, seq=self.base + sent_entries + 1,
                                                          count=claimed.count))
        self.size = size
        self.hashes = bytearray(_HASH * size)
        self.prevs = bytearray(_HASH * size)
        self.ids = array("q", bytes(8 * size))  # index → the village's id, for naming an entry
        self.seen = bytearray(size)
        self.resent: list[tuple[int, str, str, object]] = []  # (seq, uid, hash, id) at or below the held count

    def add(self, row: dict) -> None:
        """One received entry with a sequence (its fields' types are checked already)."""
        seq = row["seq"]
        if seq < 1:
            raise UserError(messages.CHAIN_BEYOND.format(who=self.who, where=_where(seq, row["id"]),
                                                         count=self.claimed.count))
        claimed = row.get("hash")
        try:
            prev = bytes.fromhex(row.get("prev_hash"))  # type: ignore[arg-type]  # None: refused below
        except (TypeError, ValueError):
            prev = b""
        if len(prev) != _HASH or row["status"] != "approved" or package_entry_hash(row) != claimed:
            raise UserError(messages.CHAIN_ENTRY_CHANGED.format(who=self.who, where=_where(seq, row["id"])))
        if seq <= self.base:
            self.resent.append((seq, row["uid"], claimed, row["id"]))
            return
        at = seq - self.base - 1
        if at >= self.size:
            raise UserError(messages.CHAIN_BEYOND.format(who=self.who, where=_where(seq, row["id"]),
                                                         count=self.claimed.count))
        if self.seen[at]:
            raise UserError(messages.CHAIN_TWICE.format(who=self.who, seq=seq))
        self.seen[at] = 1
        offset = at * _HASH
        self.hashes[offset:offset + _HASH] = bytes.fromhex(claimed)
        self.prevs[offset:offset + _HASH] = prev
        self.ids[at] = row["id"]

    def finish(self) -> Divergence | None:
        if self.size:
            missing = self.seen.find(0)
            if missing >= 0:
                raise UserError(messages.CHAIN_MISSING.format(who=self.who, seq=self.base + missing + 1,
                                                              count=self.claimed.count))
            start = bytes.fromhex(GENESIS if self.full else self.held.head)
            expected = start + self.hashes[:-_HASH]
            if self.prevs != expected:
                at = next(i for i in range(self.size)
                          if self.prevs[i * _HASH:(i + 1) * _HASH] != expected[i * _HASH:(i + 1) * _HASH])
                raise UserError(messages.CHAIN_LINK.format(
                    who=self.who, where=_where(self.base + at + 1, self.ids[at])))
            head = self.hashes[-_HASH:].hex()
        else:
            head = GENESIS if self.full else self.held.head
        # An entry sent again that differs names the first place the history was changed.
        self._check_resent()
        if head != self.claimed.head:
            if not self.full and self.claimed.count == self.held.count:
                # Nothing new, yet the village's head moved: the held entries were rewritten there.
                raise UserError(messages.CHAIN_REWRITTEN.format(
                    who=self.who, us=self.source.receiver.us, where=_where(self.held.count, self._held_id(self.held.count))))
            raise UserError(messages.CHAIN_HEAD.format(who=self.who, count=self.claimed.count))
        if self.full:
            return self._divergence()
        return None

    def _held_id(self, seq: int):
        found = self.source.entries_at([seq]).get(seq)
        return None if found is None else found.id

    def _check_resent(self) -> None:
        """An entry sent again (an incremental package) must be the very one held at its place."""
        if not self.resent:
            return
        held = self.source.entries_at(sorted({r[0] for r in self.resent}))
        for seq, uid, hash_, entry_id in sorted(self.resent, key=lambda r: r[0]):
            found = held.get(seq)
            if found is None or (found.uid, found.hash) != (uid, hash_):
                raise UserError(messages.CHAIN_ENTRY_DIFFERS.format(who=self.who, us=self.source.receiver.us,
                                                                    where=_where(seq, entry_id)))

    def _divergence(self) -> Divergence | None:
        held, received = self.held, self.claimed
        if held.count == 0:
            return None
        if received.count >= held.count and self.hashes[(held.count - 1) * _HASH:held.count * _HASH].hex() == held.head:
            return None  # goes through the held head: the same history, continued
        # Where they part: the first sequence whose hash differs (or the first held one the package lacks).
        first, entry_id = min(received.count, held.count) + 1, None
        entries = self.source.chained_entries()
        for seq, _uid, hash_, held_id in entries:
            if seq > received.count or self.hashes[(seq - 1) * _HASH:seq * _HASH].hex() != hash_:
                first, entry_id = seq, held_id
                break
        entries.close()
        return Divergence(held, received, first, ENTRY(entry_id) if type(entry_id) is int else "")


def divergence_detail(found: Divergence) -> str:
    """What a ``divergence`` event keeps (tw_events.detail): both positions and where they part, as JSON."""
    return orjson.dumps({"held_count": found.held.count, "held_head": found.held.head,
                         "count": found.received.count, "head": found.received.head,
                         "seq": found.seq, "entry": found.entry}).decode()


__all__ = ["ChainCheck", "Divergence", "Position", "claimed_position", "divergence_detail", "held_position"]
