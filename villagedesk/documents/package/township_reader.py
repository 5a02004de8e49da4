"""Checking a township's package at the county, before anything is written (docs/PACKAGES.md "A township package").

:func:`read_township_package` either returns a :class:`TownshipPackage` whose every part was
verified, or raises one UserError naming the file:

1. it is opened with the county's identity into a temporary file of this computer's disk;
2. the zip, the manifest, every member's SHA-256 and the signature are checked by the same code
   as a village's package (reader.verify, with :data:`TOWNSHIP` for what differs);
3. the township's card in the manifest is a valid township card, its signing key is the key that
   signed the manifest, and (when the county's fingerprint is given) the package was made for
   this county;
4. every village package inside is opened as a village package is at the township: its village's
   signature valid, sealed for the fingerprint of the township card the manifest carries, and the
   village, sequence, kind and size the manifest lists for it.

Which township key the county trusts, and the history each village continues, are the county's
own checks, made when it imports (as core.township.merge does for villages).
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pyrage

from villagedesk.core.township import keys
from villagedesk.documents.package import messages
from villagedesk.documents.package.layout import (
    MAX_PAYLOADS,
    TOWNSHIP_FORMAT_VERSION,
    TOWNSHIP_KIND,
    TOWNSHIP_PATTERN,
    payload_member,
)
from villagedesk.documents.package.reader import (
    VILLAGE,
    Opened,
    Package,
    Refused,
    Rules,
    remove,
    temporary_zip,
    unsealed,
    verify,
    village_code,
)
from villagedesk.errors import UserError

_PAYLOAD_KEYS = {"member": str, "code": str, "name": str, "sequence": int, "full": bool, "sha256": str, "bytes": int}


def _payload_shaped(entry) -> bool:
    return (isinstance(entry, dict) and all(type(entry.get(k)) is t for k, t in _PAYLOAD_KEYS.items())
            and village_code(entry["code"]) and entry["sequence"] > 0 and entry["bytes"] >= 0 and entry["name"]
            and entry["member"] == payload_member(entry["code"], entry["sequence"]))


def _township_shaped(manifest: dict) -> bool:
    villages = manifest.get("villages")
    return (manifest.get("kind") == TOWNSHIP_KIND and isinstance(manifest.get("township"), dict)
            and isinstance(villages, list) and len(villages) <= MAX_PAYLOADS
            and all(_payload_shaped(v) for v in villages)
            and len({v["member"] for v in villages}) == len(villages))


def _listed(manifest: dict) -> dict:
    return {v["member"]: {"sha256": v["sha256"], "rows": None} for v in manifest["villages"]}


def _checked(path: Path, manifest: dict) -> None:
    """Nothing beyond the members: the card and the village packages are checked once the signature is."""


TOWNSHIP = Rules(sender=messages.SENDER_TOWNSHIP, who=messages.WHO_TOWNSHIP, level=messages.LEVEL_COUNTY,
                 pattern=TOWNSHIP_PATTERN, version=TOWNSHIP_FORMAT_VERSION, old_version=None,
                 max_members=MAX_PAYLOADS + 2, shaped=_township_shaped, listed=_listed, checked=_checked)


class TownshipPackage(Opened):
    """A verified township package: its manifest, the township's card, and each village package in it,
    verified (a reader.Package), in the manifest's order.

    Close it (or use it as a context manager) to remove its temporary files.
    """

    def __init__(self, source: Path, opened: Path, manifest: dict, card: keys.Card,
                 payloads: list[tuple[dict, Package]], sha256: str = ""):
        self.source = source
        self.sha256 = sha256  # of the zip inside the seal: what the county keeps of its content
        self.path = opened
        self.manifest = manifest
        self.card = card
        self.payloads = payloads
        self._remove = weakref.finalize(self, remove, opened)

    def _removed(self) -> None:
        for _entry, package in self.payloads:
            package.close()
        self._remove()

    def __enter__(self) -> TownshipPackage:
        return self

    def villages(self) -> Iterator[tuple[dict, Package]]:
        """(what the manifest lists, the village package verified), in the manifest's order."""
        return iter(self.payloads)


def read_township_package(path: Path | str, identity: pyrage.x25519.Identity, *,
                          own: str | None = None) -> TownshipPackage:
    """Open ``path`` with the county's ``identity`` and verify all of it; one UserError naming the file otherwise.

    ``own``: the fingerprint of the county's card, which the package must say it was made for (None:
    not compared; the identity that opened it is the county's all the same).
    """
    path = Path(path)
    opened, sha256 = unsealed(path, identity, TOWNSHIP)
    extracted: dict[str, Path] = {}
    payloads: list[tuple[dict, Package]] = []

    def copy(member: str) -> IO[bytes]:
        # Each village package is written out as it is hashed: the zip is read once for both.
        plain, where = temporary_zip()
        extracted[member] = where
        return plain

    try:
        manifest = verify(path, opened, own, TOWNSHIP, copy)
        card = _card(path, manifest)
        for entry in manifest["villages"]:
            member = entry["member"]
            where = extracted.pop(member)
            try:
                village_manifest = verify(Path(member), where, card.fingerprint, VILLAGE)
            except Refused as refused:
                remove(where)
                raise Refused(path, messages.PAYLOAD_REFUSED.format(
                    member=member, village=entry["name"], sequence=entry["sequence"], why=refused.why)) from None
            except BaseException:
                remove(where)
                raise
            payload = Package(where, village_manifest, source=Path(member), sha256=entry["sha256"])
            payloads.append((entry, payload))
            village = village_manifest["village"]
            if (village["code"], village_manifest["sequence"], village_manifest["full"]) != \
                    (entry["code"], entry["sequence"], entry["full"]) or where.stat().st_size != entry["bytes"]:
                raise Refused(path, messages.PAYLOAD_MISMATCH.format(member=member))
    except BaseException:
        for _entry, payload in payloads:
            payload.close()
        for where in extracted.values():
            remove(where)
        remove(opened)
        raise
    return TownshipPackage(path, opened, manifest, card, payloads, sha256)


def _card(path: Path, manifest: dict) -> keys.Card:
    """The township's card in the manifest, verified, whose signing key signed the manifest."""
    try:
        card = keys.parse_card(json.dumps(manifest["township"], ensure_ascii=False), kind=keys.CARD_KIND)
    except UserError:
        raise Refused(path, messages.TOWNSHIP_CARD_INVALID) from None
    if card.signing_key != manifest["signer"]:
        raise Refused(path, messages.SIGNER_NOT_CARD)
    return card


__all__ = ["TOWNSHIP", "TownshipPackage", "read_township_package"]
