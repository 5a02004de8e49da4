"""Schema version 8: package trust: this database's keys, the township it joined, the keys villages signed with.

Released: never edit this step; a change is a new version."""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlite_utils import Database

from villagedesk import clock
from villagedesk.store.migrations.base import RECORD_COLUMNS, one_of, stamp

NAME = "0008_trust"

# The roles of the keys a database holds (docs/PACKAGES.md): a village signs its packages; a township
# signs its card and opens what villages sealed for it.
VILLAGE_SIGNING = "village-signing"
KEY_ROLES = (VILLAGE_SIGNING, "township-signing", "township-sealing")


def new_signing_key() -> tuple[str, str]:
    """(private, public) of a new Ed25519 key pair, both as base64 of their raw bytes."""
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(private).decode("ascii"), base64.b64encode(public).decode("ascii")


def migrate(db: Database) -> None:
    statements = [
        # Keys never travel: not a record table (no uid), and listed as local in core.township.merge.
        f"""CREATE TABLE keys (
            role TEXT PRIMARY KEY CHECK {one_of('role', KEY_ROLES)},
            private TEXT NOT NULL,
            public TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        # A village: the township cards it took, the one in force has no replaced_at.
        f"""CREATE TABLE township_cards (
            {RECORD_COLUMNS},
            township TEXT NOT NULL,
            county TEXT NOT NULL,
            signing_key TEXT NOT NULL,
            recipient TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            card TEXT NOT NULL,
            replaced_at TEXT
        )""",
        # A township: the key each village signs with, pinned by its first package; a retired key
        # keeps its row (retired_at) when a village that reinstalled is taken with its new key.
        f"""CREATE TABLE tw_village_keys (
            {RECORD_COLUMNS},
            village_code TEXT NOT NULL,
            public_key TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            first_sequence INTEGER NOT NULL,
            retired_at TEXT
        )""",
        "CREATE INDEX tw_village_keys_code ON tw_village_keys (village_code)",
        # A township: what it accepted on confirmation, kept for good (a new key, a diverged history).
        f"""CREATE TABLE tw_events (
            {RECORD_COLUMNS},
            village_code TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK {one_of('kind', ('new-key', 'divergence', 'restored'))},
            detail TEXT NOT NULL
        )""",
        "CREATE INDEX tw_events_code ON tw_events (village_code)",
        # The points chain position each package carried and each board was posted with (count of
        # approved entries, hash of the last): what `villagedesk check` compares the ledger with.
        "ALTER TABLE packages ADD COLUMN chain_count INTEGER",
        "ALTER TABLE packages ADD COLUMN chain_head TEXT",
        "ALTER TABLE point_periods ADD COLUMN chain_count INTEGER",
        "ALTER TABLE point_periods ADD COLUMN chain_head TEXT",
        # A township: the chain position of the last package taken from each village.
        "ALTER TABLE tw_villages ADD COLUMN chain_count INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE tw_villages ADD COLUMN chain_head TEXT NOT NULL DEFAULT ''",
    ]
    for sql in statements:
        db.execute(sql)
    # Every database gets its signing key now, made or migrated (a township's other keys come when
    # it becomes one: core.township.keys).
    private, public = new_signing_key()
    db.execute("INSERT INTO keys (role, private, public, created_at) VALUES (?, ?, ?, ?)",
               [VILLAGE_SIGNING, private, public, clock.timestamp()])
    stamp(db, 8)
