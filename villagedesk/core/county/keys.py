"""The county's keys and card: the township's (core/township/keys.py) one level up.

A county signs its card with ``county-signing`` and opens what townships seal for it with the
age identity ``county-sealing``.  The signing key is the owner's alone; a writer (who imports)
sees only the sealing identity, a reader neither (store/postgres/migrations/v0001_county.py).
"""

from __future__ import annotations

import base64

import psycopg
import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from psycopg import errors

from villagedesk.core.county import messages
from villagedesk.core.county.profile import county_name
from villagedesk.core.township.keys import COUNTY_CARD_KIND, Card, fingerprint, new_card
from villagedesk.errors import UserError
from villagedesk.store.postgres.migrations.v0001_county import COUNTY_SEALING, COUNTY_SIGNING


def _key(conn: psycopg.Connection, role: str, refusal: str) -> tuple[str, str]:
    """(private, public) of ``role``; ``refusal`` when this login may not read it (or row security hides it)."""
    try:
        with conn.transaction():
            row = conn.execute("SELECT private, public FROM county.keys WHERE role = %s", (role,)).fetchone()
    except errors.InsufficientPrivilege:
        row = None
    if row is None:
        raise UserError(refusal.format(user=conn.info.user))
    return str(row[0]), str(row[1])


def county_card(conn: psycopg.Connection) -> tuple[Card, str]:
    """This county's card and its signature (a county card has no township)."""
    signing_private, signing_public = _key(conn, COUNTY_SIGNING, messages.CARD_NEEDS_OWNER)
    _, recipient = _key(conn, COUNTY_SEALING, messages.CARD_NEEDS_OWNER)
    private = Ed25519PrivateKey.from_private_bytes(base64.b64decode(signing_private))
    return new_card(COUNTY_CARD_KIND, "", county_name(conn), signing_public, recipient,
                    lambda data: base64.b64encode(private.sign(data)).decode("ascii"))


def county_identity(conn: psycopg.Connection) -> pyrage.x25519.Identity:
    """The age identity that opens township packages sealed for this county."""
    private, _ = _key(conn, COUNTY_SEALING, messages.IDENTITY_NEEDS_WRITER)
    return pyrage.x25519.Identity.from_str(private)




def card_fingerprint(conn: psycopg.Connection) -> str:
    """The fingerprint of this county's card, which any county role may read (county.card_keys: the public
    halves): what a township compares when it joins, and what its packages say they were made for."""
    found: dict[str, str] = dict(conn.execute("SELECT role, public FROM county.card_keys").fetchall())
    return fingerprint(found[COUNTY_SIGNING], found[COUNTY_SEALING])


def township_keys(conn: psycopg.Connection) -> list[dict]:
    """Every township key the county pinned, the one in force of each township first, by township name:
    township, fingerprint, first_sequence, created_at, retired_at (None while in force)."""
    cursor = conn.execute(
        "SELECT t.name AS township, k.fingerprint, k.first_sequence, k.created_at, k.retired_at "
        "FROM county.township_keys k JOIN county.townships t ON t.id = k.township_id "
        "ORDER BY t.name, k.retired_at IS NOT NULL, k.retired_at DESC, k.id DESC")
    names = [d.name for d in cursor.description or ()]
    return [dict(zip(names, row)) for row in cursor]


__all__ = ["COUNTY_SEALING", "COUNTY_SIGNING", "card_fingerprint", "county_card", "county_identity", "township_keys"]
