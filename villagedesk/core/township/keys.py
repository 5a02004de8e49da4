"""The keys that make a package trustworthy, and the township card a village takes once.

Every database holds an Ed25519 signing key (made by schema version 8, on creation or
migration): a village signs its packages with it.  A township database also holds a
signing key for its card and an age X25519 identity that opens what villages seal for
it (made by :func:`make_township_keys` when the database becomes a township's).

The township's **card** is a small JSON file: the township's names, its signing key,
its age recipient and their fingerprint, signed by the township key.  The signature
catches a card changed by accident or by hand; that the card is the township's own is
what the clerk checks by comparing the fingerprint with the township, by phone or on
paper.  A county's card is the same one level up (kind COUNTY_CARD_KIND, no township):
a township takes it as a village takes its township's (:func:`take_card`;
core.township.county).  docs/PACKAGES.md has the whole design.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable
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
# A county's card (docs/PACKAGES.md "The county card"): the same shape one level up, without a township.
COUNTY_CARD_KIND = "villagedesk-county-card"
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
    now, made = clock.timestamp(), new_card_keys()
    with store.atomic():
        for role, kind in ((TOWNSHIP_SIGNING, "signing"), (TOWNSHIP_SEALING, "sealing")):
            if store.row("SELECT 1 FROM keys WHERE role = ?", (role,)) is None:
                store.conn.execute("INSERT INTO keys (role, private, public, created_at) VALUES (?, ?, ?, ?)",
                                   (role, *made[kind], now))


def township_identity(store: Store) -> pyrage.x25519.Identity:
    """The age identity that opens packages sealed for this township."""
    row = store.row("SELECT private FROM keys WHERE role = ?", (TOWNSHIP_SEALING,))
    if row is None:
        raise UserError(messages.NOT_A_TOWNSHIP_KEY)
    return pyrage.x25519.Identity.from_str(row["private"])


@dataclass(frozen=True)
class Card:
    """A card, verified: who it is, and the keys a village (or a township) signs for and seals to.

    A township's card by default; a county's (``kind`` COUNTY_CARD_KIND) has no ``township``.
    """

    township: str
    county: str
    signing_key: str
    recipient: str
    fingerprint: str
    kind: str = CARD_KIND

    def to_json(self, signature: str) -> str:
        return json.dumps({**self._body(), "signature": signature}, ensure_ascii=False, indent=1, sort_keys=True)

    def _body(self) -> dict:
        body = {"kind": self.kind, "version": CARD_VERSION, "county": self.county,
                "signing_key": self.signing_key, "recipient": self.recipient, "fingerprint": self.fingerprint}
        if self.kind == CARD_KIND:
            body["township"] = self.township
        return body

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


def new_card(kind: str, township: str, county: str, signing_key: str, recipient: str,
             sign_with: Callable[[bytes], str]) -> tuple[Card, str]:
    """A card of ``kind`` over the public keys given and its signature (``sign_with`` signs with the
    private half of ``signing_key``): one shape for the township's card and the county's."""
    card = Card(township, county, signing_key, recipient, fingerprint(signing_key, recipient), kind)
    return card, sign_with(card.signed_bytes())


def new_card_keys() -> dict[str, tuple[str, str]]:
    """A fresh signing key and age identity for a card: ``{"signing": (private, public), "sealing": (…)}``,
    as text (base64 and age's own encoding) to keep in a database's ``keys`` table."""
    identity = pyrage.x25519.Identity.generate()
    return {"signing": new_signing_key(), "sealing": (str(identity), str(identity.to_public()))}


def township_card(store: Store) -> tuple[Card, str]:
    """This township's card and its signature; UserError for a village database or one without a profile."""
    if not village.is_township(store) or \
            store.row("SELECT 1 FROM keys WHERE role = ?", (TOWNSHIP_SEALING,)) is None:
        raise UserError(messages.NOT_A_TOWNSHIP_KEY)
    township, county = township_names(store)
    if not township or not county:
        raise UserError(messages.CARD_NEEDS_PROFILE)
    return new_card(CARD_KIND, township, county, public_key(store, TOWNSHIP_SIGNING),
                    public_key(store, TOWNSHIP_SEALING), lambda data: sign(store, data, TOWNSHIP_SIGNING))


@dataclass(frozen=True)
class _Kind:
    """What differs between the two kinds of card, for the clerk's messages and where each is kept."""

    card: str  # its name: 乡镇卡片, 县卡片
    issuer: str  # who gives it out
    level: str  # what one joins with it
    make: str  # the command that makes it
    join: str  # the command that takes it
    taken_in: str  # the kind of database that takes it
    us: str  # that database, speaking of itself
    table: str
    replace_action: str


_KINDS = {
    CARD_KIND: _Kind(messages.CARD_TOWNSHIP, messages.ISSUER_TOWNSHIP, messages.ISSUER_TOWNSHIP, "township-card",
                     "join-township", messages.DATABASE_VILLAGE, messages.US_VILLAGE, "township_cards",
                     "replace-township"),
    COUNTY_CARD_KIND: _Kind(messages.CARD_COUNTY, messages.ISSUER_COUNTY, messages.LEVEL_COUNTY, "county-card",
                            "join-county", messages.DATABASE_TOWNSHIP, messages.US_TOWNSHIP, "county_cards",
                            "replace-county"),
}


def _card_error(template: str, kind: str, **fields: object) -> UserError:
    k = _KINDS[kind]
    return UserError(template.format(card=k.card, issuer=k.issuer, command=k.make, **fields))


def parse_card(text: bytes | str, name: str = "", kind: str = CARD_KIND) -> Card:
    """A card of ``kind`` read from outside, verified: its shape, its fingerprint and its signature;
    UserError otherwise (a card of the other kind is named as such)."""
    try:
        found = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested deeper than the parser goes
        found = None
    given = found.get("kind") if isinstance(found, dict) else None
    if given != kind and given in _KINDS:
        other = _KINDS[given]
        raise UserError(messages.CARD_WRONG_KIND.format(name=name, found=other.card, card=_KINDS[kind].card,
                                                        database=other.taken_in, join=other.join))
    # A county card names no township (docs/PACKAGES.md "The county card").
    fields = ("township",) * (kind == CARD_KIND) + ("county", "signing_key", "recipient", "fingerprint", "signature")
    if not (isinstance(found, dict) and given == kind
            and all(isinstance(found.get(f), str) and found.get(f) for f in fields)):
        raise _card_error(messages.CARD_UNREADABLE, kind, name=name)
    version = found.get("version")
    if type(version) is not int or version != CARD_VERSION:  # not True, not 1.0
        raise _card_error(messages.CARD_VERSION, kind, name=name, version=version)
    try:
        pyrage.x25519.Recipient.from_str(found["recipient"])
    except (pyrage.RecipientError, ValueError):
        raise _card_error(messages.CARD_TAMPERED, kind, name=name) from None
    # Checked before the fingerprint is computed over it: the fingerprint is of ASCII keys.
    if not _signing_key_valid(found["signing_key"]):
        raise _card_error(messages.CARD_TAMPERED, kind, name=name)
    card = Card(found["township"] if kind == CARD_KIND else "", found["county"], found["signing_key"],
                found["recipient"], found["fingerprint"], kind)
    if card.fingerprint != fingerprint(card.signing_key, card.recipient) or \
            not signature_valid(card.signing_key, card.signed_bytes(), found["signature"]):
        raise _card_error(messages.CARD_TAMPERED, kind, name=name)
    return card


def read_card_file(path: Path | str, kind: str = CARD_KIND) -> tuple[Card, str]:
    """The card of ``kind`` in the file at ``path``, verified, with the file's text (what :func:`take_card` keeps)."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            # Read no more than a card can be: st_size says nothing of a pipe or a device.
            data = fh.read(_MAX_CARD + 1)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise _card_error(messages.CARD_NO_FILE, kind, path=path) from None
    except OSError as exc:
        raise _card_error(messages.CARD_UNREADABLE_OS, kind, name=path.name, reason=os_reason(exc)) from None
    if len(data) > _MAX_CARD:
        raise _card_error(messages.CARD_UNREADABLE, kind, name=path.name)
    try:
        text = data.decode("utf-8")  # Card.to_json is written as UTF-8
    except UnicodeDecodeError:
        raise _card_error(messages.CARD_UNREADABLE, kind, name=path.name) from None
    return parse_card(text, path.name, kind), text


def read_card(path: Path | str, kind: str = CARD_KIND) -> Card:
    """The card of ``kind`` in the file at ``path``, verified; UserError (one sentence) for anything else."""
    return read_card_file(path, kind)[0]


# --- the card a database trusts: a village's township, a township's county ----------------

def trusted_card(store: Store, kind: str = CARD_KIND) -> Card | None:
    """The card of ``kind`` this database took, the one in force; None before it joined."""
    row = store.row(f"SELECT * FROM {_KINDS[kind].table} WHERE replaced_at IS NULL ORDER BY id DESC LIMIT 1")
    if row is None:
        return None
    return Card(row.get("township", ""), row["county"], row["signing_key"], row["recipient"], row["fingerprint"],
                kind)


def trusted_township(store: Store) -> Card | None:
    """The township card this village took, the one in force; None before it joined."""
    return trusted_card(store, CARD_KIND)


def already_joined(current: Card) -> str:
    """What joining again without --replace is told: the card in force, by name and fingerprint."""
    k = _KINDS[current.kind]
    return messages.ALREADY_JOINED.format(us=k.us, joined=current.township or current.county,
                                          fingerprint=current.fingerprint, level=k.level)


def wrong_database(kind: str) -> str:
    """What joining with a card of ``kind`` in the other kind of database is told."""
    k = _KINDS[kind]
    other = next(o for o in _KINDS.values() if o is not k)
    return messages.JOIN_WRONG_DATABASE.format(database=other.taken_in, level=k.level, card=k.card,
                                               other=k.taken_in, join=k.join)


def take_card(store: Store, card: Card, signature_json: str, *, replace: bool = False) -> Card:
    """Take ``card`` as the one this database trusts; the old one is kept, marked replaced (and audited).

    ``signature_json`` is the card file as read (kept whole for the paper trail).  Taking the same
    card again changes nothing; another card needs ``replace``.  Which kind of database may take
    which card, :func:`join_township` and core.township.county.join_county say first.
    """
    k = _KINDS[card.kind]
    current = trusted_card(store, card.kind)
    if current == card:
        return card
    if current is not None and not replace:
        raise UserError(already_joined(current))
    values = {"county": card.county, "signing_key": card.signing_key, "recipient": card.recipient,
              "fingerprint": card.fingerprint, "card": signature_json, "replaced_at": None}
    if card.kind == CARD_KIND:
        values["township"] = card.township
    with store.atomic():
        # Every card in force is marked, so exactly one is in force afterwards whatever came before.
        for old in store.rows(f"SELECT id FROM {k.table} WHERE replaced_at IS NULL"):
            records.update(store, k.table, old["id"], {"replaced_at": clock.timestamp()}, action=k.replace_action)
        records.insert(store, k.table, values)
    return card


def join_township(store: Store, card: Card, signature_json: str, *, replace: bool = False) -> Card:
    """A village takes ``card`` as its township (:func:`take_card`); UserError in a township database."""
    if village.is_township(store):
        raise UserError(wrong_database(CARD_KIND))
    if card.kind != CARD_KIND:  # a county card: taken by a township
        raise UserError(wrong_database(card.kind))
    return take_card(store, card, signature_json, replace=replace)


__all__ = ["CARD_KIND", "COUNTY_CARD_KIND", "Card", "new_card", "new_card_keys", "TOWNSHIP_SEALING", "TOWNSHIP_SIGNING", "VILLAGE_SIGNING", "fingerprint",
           "already_joined", "join_township", "make_township_keys", "set_township_names", "township_names", "parse_card",
           "public_key", "read_card", "read_card_file", "sign", "signature_valid", "take_card", "township_card",
           "township_identity", "trusted_card", "trusted_township", "village_fingerprint", "wrong_database"]
