"""The keys that make a package trustworthy, and the township card a village takes once.

Every database holds an Ed25519 signing key (made by schema version 8, on creation or
migration): a village signs its packages with it.  A township database also holds a
signing key for its card and an age X25519 identity that opens what villages seal for
it (made by :func:`make_township_keys` when the database becomes a township's).

The township's **card** is a small JSON file: the township's names, its signing key,
its age recipient and their fingerprint, signed by the township key.  The signature
catches a card changed by accident or by hand; that the card is the township's own is
what the clerk checks by comparing the fingerprint with the township, by phone or on
paper.  docs/PACKAGES.md has the whole design.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from villagedesk import clock
from villagedesk.core.common import records, village
from villagedesk.core.township import messages
from villagedesk.errors import UserError, os_reason
from villagedesk.store import Store
from villagedesk.store.migrations.v0008_trust import VILLAGE_SIGNING, new_signing_key

TOWNSHIP_SIGNING = "township-signing"
TOWNSHIP_SEALING = "township-sealing"

CARD_KIND = "villagedesk-township-card"
CARD_VERSION = 1
_MAX_CARD = 64 << 10  # a card is a few hundred bytes; anything larger is not one



# --- fingerprints and signatures --------------------------------------------------------

def fingerprint(*public_parts: str) -> str:
    """What a person compares: 32 hex digits in eight groups of four, over the public keys given.

    128 bits of SHA-256: finding another key with the same fingerprint is out of reach, and eight
    short groups can be read out over the phone and checked on paper.
    """
    digest = hashlib.sha256("\n".join(public_parts).encode("ascii")).hexdigest()[:32].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def _private(store: Store, role: str) -> Ed25519PrivateKey:
    row = store.row("SELECT private FROM keys WHERE role = ?", (role,))
    if row is None:
        raise UserError(messages.KEY_MISSING)
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(row["private"]))


def public_key(store: Store, role: str = VILLAGE_SIGNING) -> str:
    """This database's public key of ``role`` (base64 of the raw 32 bytes)."""
    row = store.row("SELECT public FROM keys WHERE role = ?", (role,))
    if row is None:
        raise UserError(messages.KEY_MISSING)
    return row["public"]


def sign(store: Store, data: bytes, role: str = VILLAGE_SIGNING) -> str:
    """The signature of ``data`` with this database's key of ``role``, as base64."""
    return base64.b64encode(_private(store, role).sign(data)).decode("ascii")


def signature_valid(public_b64: str, data: bytes, signature_b64: str) -> bool:
    """Whether ``signature_b64`` is the signature of ``data`` by ``public_b64``; False for anything malformed."""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64, validate=True))
        key.verify(base64.b64decode(signature_b64, validate=True), data)
    except (InvalidSignature, ValueError, TypeError, binascii.Error):
        return False
    return True


def _signing_key_valid(public_b64: str) -> bool:
    try:
        return len(base64.b64decode(public_b64, validate=True)) == 32
    except (ValueError, binascii.Error):  # non-ASCII text is a ValueError
        return False


def village_fingerprint(store: Store) -> str:
    """The fingerprint of this database's signing key: what the township is shown on the first package."""
    return fingerprint(public_key(store))


# --- a township's keys and card ---------------------------------------------------------

def make_township_keys(store: Store) -> None:
    """Give this database a township's keys, once (core.township.merge.set_township calls it)."""
    now = clock.timestamp()
    with store.atomic():
        if store.row("SELECT 1 FROM keys WHERE role = ?", (TOWNSHIP_SIGNING,)) is None:
            private, public = new_signing_key()
            store.conn.execute("INSERT INTO keys (role, private, public, created_at) VALUES (?, ?, ?, ?)",
                               (TOWNSHIP_SIGNING, private, public, now))
        if store.row("SELECT 1 FROM keys WHERE role = ?", (TOWNSHIP_SEALING,)) is None:
            identity = pyrage.x25519.Identity.generate()
            store.conn.execute("INSERT INTO keys (role, private, public, created_at) VALUES (?, ?, ?, ?)",
                               (TOWNSHIP_SEALING, str(identity), str(identity.to_public()), now))


def township_identity(store: Store) -> pyrage.x25519.Identity:
    """The age identity that opens packages sealed for this township."""
    row = store.row("SELECT private FROM keys WHERE role = ?", (TOWNSHIP_SEALING,))
    if row is None:
        raise UserError(messages.NOT_A_TOWNSHIP_KEY)
    return pyrage.x25519.Identity.from_str(row["private"])


@dataclass(frozen=True)
class Card:
    """A township card, verified: who it is, and the keys a village signs for and seals to."""

    township: str
    county: str
    signing_key: str
    recipient: str
    fingerprint: str

    def to_json(self, signature: str) -> str:
        return json.dumps({**self._body(), "signature": signature}, ensure_ascii=False, indent=1, sort_keys=True)

    def _body(self) -> dict:
        return {"kind": CARD_KIND, "version": CARD_VERSION, "township": self.township, "county": self.county,
                "signing_key": self.signing_key, "recipient": self.recipient, "fingerprint": self.fingerprint}

    def signed_bytes(self) -> bytes:
        """What the township's signature covers: every field but the signature, in one canonical form."""
        return json.dumps(self._body(), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


_NAMES = ("township_name", "township_county")


def set_township_names(store: Store, township: str, county: str) -> None:
    """The names a township made on the command line goes by (``villagedesk township --name … --county …``);
    a profile set in the window takes their place."""
    township, county = township.strip(), county.strip()
    if not township or not county:
        raise UserError(messages.CARD_NEEDS_PROFILE)
    with store.atomic():
        for key, value in zip(_NAMES, (township, county)):
            store.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                               "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))
        store.db.table("audit").insert(records.audit_row(store, "set-township-names", "settings", _NAMES[0], None,
                                                         {"township": township, "county": county}))


def township_names(store: Store) -> tuple[str, str]:
    """(township, county) of this township: its profile's, else the names it was made with; '' when neither."""
    profile = village.get_profile(store)
    if profile is not None and profile.township and profile.county:
        return profile.township, profile.county
    found = dict(store.conn.execute(f"SELECT key, value FROM settings WHERE key IN {_NAMES}").fetchall())
    return found.get(_NAMES[0], ""), found.get(_NAMES[1], "")


def township_card(store: Store) -> tuple[Card, str]:
    """This township's card and its signature; UserError for a village database or one without a profile."""
    if not village.is_township(store) or \
            store.row("SELECT 1 FROM keys WHERE role = ?", (TOWNSHIP_SEALING,)) is None:
        raise UserError(messages.NOT_A_TOWNSHIP_KEY)
    township, county = township_names(store)
    if not township or not county:
        raise UserError(messages.CARD_NEEDS_PROFILE)
    signing, recipient = public_key(store, TOWNSHIP_SIGNING), public_key(store, TOWNSHIP_SEALING)
    card = Card(township, county, signing, recipient, fingerprint(signing, recipient))
    return card, sign(store, card.signed_bytes(), TOWNSHIP_SIGNING)


def parse_card(text: bytes | str, name: str = "") -> Card:
    """A card read from outside, verified: its shape, its fingerprint and its signature; UserError otherwise."""
    try:
        found = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested deeper than the parser goes
        found = None
    fields = ("township", "county", "signing_key", "recipient", "fingerprint", "signature")
    if not (isinstance(found, dict) and found.get("kind") == CARD_KIND
            and all(isinstance(found.get(f), str) and found.get(f) for f in fields)):
        raise UserError(messages.CARD_UNREADABLE.format(name=name))
    version = found.get("version")
    if type(version) is not int or version != CARD_VERSION:  # not True, not 1.0
        raise UserError(messages.CARD_VERSION.format(name=name, version=version))
    try:
        pyrage.x25519.Recipient.from_str(found["recipient"])
    except (pyrage.RecipientError, ValueError):
        raise UserError(messages.CARD_TAMPERED.format(name=name)) from None
    # Checked before the fingerprint is computed over it: the fingerprint is of ASCII keys.
    if not _signing_key_valid(found["signing_key"]):
        raise UserError(messages.CARD_TAMPERED.format(name=name))
    card = Card(found["township"], found["county"], found["signing_key"], found["recipient"], found["fingerprint"])
    if card.fingerprint != fingerprint(card.signing_key, card.recipient) or \
            not signature_valid(card.signing_key, card.signed_bytes(), found["signature"]):
        raise UserError(messages.CARD_TAMPERED.format(name=name))
    return card


def read_card_file(path: Path | str) -> tuple[Card, str]:
    """The card in the file at ``path``, verified, with the file's text (what :func:`join_township` keeps)."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            # Read no more than a card can be: st_size says nothing of a pipe or a device.
            data = fh.read(_MAX_CARD + 1)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise UserError(messages.CARD_NO_FILE.format(path=path)) from None
    except OSError as exc:
        raise UserError(messages.CARD_UNREADABLE_OS.format(name=path.name, reason=os_reason(exc))) from None
    if len(data) > _MAX_CARD:
        raise UserError(messages.CARD_UNREADABLE.format(name=path.name))
    try:
        text = data.decode("utf-8")  # township_card writes UTF-8
    except UnicodeDecodeError:
        raise UserError(messages.CARD_UNREADABLE.format(name=path.name)) from None
    return parse_card(text, path.name), text


def read_card(path: Path | str) -> Card:
    """The card in the file at ``path``, verified; UserError (one sentence) for anything else."""
    return read_card_file(path)[0]


# --- a village's trusted township -------------------------------------------------------

def trusted_township(store: Store) -> Card | None:
    """The township card this village took, the one in force; None before it joined."""
    row = store.row("SELECT * FROM township_cards WHERE replaced_at IS NULL ORDER BY id DESC LIMIT 1")
    if row is None:
        return None
    return Card(row["township"], row["county"], row["signing_key"], row["recipient"], row["fingerprint"])


def join_township(store: Store, card: Card, signature_json: str, *, replace: bool = False) -> Card:
    """Take ``card`` as this village's township; the old one is kept, marked replaced (and audited).

    ``signature_json`` is the card file as read (kept whole for the paper trail).  Taking the
    same card again changes nothing; another card needs ``replace``.
    """
    if village.is_township(store):
        raise UserError(messages.JOIN_IN_TOWNSHIP)
    current = trusted_township(store)
    if current == card:
        return card
    if current is not None and not replace:
        raise UserError(messages.ALREADY_JOINED.format(township=current.township,
                                                       fingerprint=current.fingerprint))
    with store.atomic():
        # Every card in force is marked, so exactly one is in force afterwards whatever came before.
        for old in store.rows("SELECT id FROM township_cards WHERE replaced_at IS NULL"):
            records.update(store, "township_cards", old["id"], {"replaced_at": clock.timestamp()},
                           action="replace-township")
        records.insert(store, "township_cards", {
            "township": card.township, "county": card.county, "signing_key": card.signing_key,
            "recipient": card.recipient, "fingerprint": card.fingerprint, "card": signature_json,
            "replaced_at": None})
    return card


__all__ = ["CARD_KIND", "Card", "TOWNSHIP_SEALING", "TOWNSHIP_SIGNING", "VILLAGE_SIGNING", "fingerprint",
           "join_township", "make_township_keys", "set_township_names", "township_names", "parse_card", "public_key", "read_card", "read_card_file", "sign",
           "signature_valid", "township_card", "township_identity", "trusted_township", "village_fingerprint"]
