"""A township and its county: the county card it joined, and what it keeps to forward there.

A township joins its county once, as a village joins its township: it takes the county's card
(core.township.keys, kind COUNTY_CARD_KIND), after comparing the fingerprint with the county
(docs/PACKAGES.md "The county card").

The county verifies each village's history itself, so the township forwards every village
package exactly as the village made it: the village's signed zip, opened from its seal, kept as
it was taken (``tw_payloads``), in the same transaction as the merge.  A full package of a village
supersedes what the township kept of it before: the county needs only the village's last full
package and what follows.  A township package (documents.package.township_writer) carries the
payloads not sent yet, or with ``--full`` every one kept, and is recorded in ``county_packages``
(docs/PACKAGES.md "A township package").
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from villagedesk import clock
from villagedesk.core.common import records, village
from villagedesk.core.township import keys, messages
from villagedesk.errors import UserError
from villagedesk.store import Store


def trusted_county(store: Store) -> keys.Card | None:
    """The county card this township took, the one in force; None before it joined."""
    return keys.trusted_card(store, keys.COUNTY_CARD_KIND)


def join_county(store: Store, card: keys.Card, signature_json: str, *, replace: bool = False) -> keys.Card:
    """A township takes ``card`` as its county (keys.take_card: kept, audited, the old one marked replaced);
    UserError in a village database."""
    if not village.is_township(store):
        raise UserError(keys.wrong_database(keys.COUNTY_CARD_KIND))
    if card.kind != keys.COUNTY_CARD_KIND:  # a township card: taken by a village
        raise UserError(keys.wrong_database(card.kind))
    return keys.take_card(store, card, signature_json, replace=replace)


def require_county(store: Store) -> keys.Card:
    """The county card a township package is sealed for; UserError in a village database or before
    the township joined a county (saying how to get the card)."""
    if not village.is_township(store):
        raise UserError(messages.COUNTY_PACKAGE_IN_VILLAGE)
    card = trusted_county(store)
    if card is None:
        raise UserError(messages.COUNTY_NOT_JOINED)
    return card


# --- what the township keeps to forward ---------------------------------------------------

def keep_payload(store: Store, code: str, sequence: int, full: bool, data: bytes, sha256: str | None = None) -> None:
    """Keep the village's package ``sequence`` (its signed zip, ``data``) to forward to the county.

    Call it inside the transaction that merges the package.  A full package drops what was kept
    of the village before it: the county starts the village again from a full package.
    """
    digest = sha256 or hashlib.sha256(data).hexdigest()
    with store.atomic():
        if full:  # everything kept of the village came before it (sequences only move forward)
            store.conn.execute("DELETE FROM tw_payloads WHERE village_code = ?", (code,))
        store.conn.execute(
            "INSERT INTO tw_payloads (village_code, sequence, full, sha256, bytes, data, taken_at, sent_in) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
            (code, sequence, int(full), digest, len(data), data, clock.timestamp()))


@dataclass(frozen=True)
class Payload:
    """A kept village package, without its bytes (read one at a time by :func:`payload_data`)."""

    id: int
    village_code: str
    village_name: str
    sequence: int
    full: bool
    sha256: str
    bytes: int


@dataclass(frozen=True)
class Outgoing:
    """What the next township package carries, and the villages it cannot carry yet."""

    sequence: int
    previous: int | None
    full: bool
    payloads: list[Payload]
    # Villages whose packages were merged before this program kept them: nothing of theirs can be
    # forwarded until they send a full package (their names).
    waiting: list[str]


def outgoing(store: Store, *, full: bool = False) -> Outgoing:
    """The next township package: the payloads not sent yet (every one kept, ``full``), village by village.

    A village with no full package kept (merged before this program kept payloads) is left out,
    named in ``waiting``: the county could not place its incremental packages without the full one.
    """
    previous = store.scalar("SELECT max(sequence) FROM county_packages")
    sent = "" if full else "AND p.sent_in IS NULL"
    rows = store.rows(
        "SELECT p.id, p.village_code, v.name AS village_name, p.sequence, p.full, p.sha256, p.bytes "
        "FROM tw_payloads p JOIN tw_villages v ON v.code = p.village_code "
        "WHERE EXISTS (SELECT 1 FROM tw_payloads f WHERE f.village_code = p.village_code AND f.full = 1) "
        f"{sent} ORDER BY p.village_code, p.sequence")
    waiting = [r["name"] for r in store.rows(
        "SELECT name FROM tw_villages v WHERE NOT EXISTS "
        "(SELECT 1 FROM tw_payloads f WHERE f.village_code = v.code AND f.full = 1) ORDER BY code")]
    return Outgoing((previous or 0) + 1, previous, full or previous is None,
                    [Payload(**{**r, "full": bool(r["full"])}) for r in rows], waiting)


def payload_data(store: Store, payload: Payload) -> bytes:
    """The bytes of one kept village package."""
    return store.scalar("SELECT data FROM tw_payloads WHERE id = ?", (payload.id,))


def record_sent(store: Store, out: Outgoing, *, file_name: str, sha256: str, sealed_for: str) -> dict:
    """Record the township package ``out`` as written (inside the transaction that writes it): its
    payloads not sent before are marked as carried by it."""
    if not village.is_township(store):
        raise UserError(messages.COUNTY_PACKAGE_IN_VILLAGE)
    with store.atomic():
        store.conn.executemany("UPDATE tw_payloads SET sent_in = ? WHERE id = ? AND sent_in IS NULL",
                               [(out.sequence, p.id) for p in out.payloads])
        counts = {"villages": len({p.village_code for p in out.payloads}), "payloads": len(out.payloads),
                  "bytes": sum(p.bytes for p in out.payloads)}
        return records.insert(store, "county_packages", {
            "sequence": out.sequence, "previous": out.previous, "full": int(out.full), "file_name": file_name,
            "sha256": sha256, "sealed_for": sealed_for, "counts": json.dumps(counts)})


def county_packages(store: Store) -> list[dict]:
    """The packages this township wrote for its county, newest first (``counts`` read)."""
    found = store.rows("SELECT * FROM county_packages ORDER BY sequence DESC")
    for row in found:
        row["counts"] = json.loads(row["counts"])
    return found


__all__ = ["Outgoing", "Payload", "county_packages", "join_county", "keep_payload", "outgoing", "payload_data",
           "record_sent", "require_county", "trusted_county"]
