"""Writing a township's package for its county (docs/PACKAGES.md "A township package").

The township forwards its villages' packages as the villages made them: each one's signed zip,
kept when it was merged (core.township.county), goes in unchanged as
``villages/<code>-<sequence>.zip`` (stored, not compressed again: it is a zip).  The manifest names
them with their SHA-256 and size, carries the township's own card (so the county can compute the
fingerprint the villages sealed for), and is signed with the township's key; the zip is made on
this computer's own disk and sealed for the county card the township joined onto the stick, whole
or not at all, and recorded in the same transaction (the same steps as a village's package:
writer.py's sign_manifest, seal_onto).
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import NamedTuple

from villagedesk import __version__, clock
from villagedesk.core.township import county, keys
from villagedesk.documents.package import messages
from villagedesk.documents.package.layout import (
    TOWNSHIP_FORMAT_VERSION,
    TOWNSHIP_KIND,
    payload_member,
    township_package_name,
)
from villagedesk.documents.package.writer import on_laptop, package_folder, seal_onto, sign_manifest
from villagedesk.store import Store


class Written(NamedTuple):
    """A township package written: where, what it carries, and the villages it could not carry yet."""

    path: Path
    sequence: int
    full: bool
    villages: int
    payloads: int
    waiting: list[str]

    @property
    def warning(self) -> str | None:
        """The line naming the villages that must send a full package first; None when there are none."""
        if not self.waiting:
            return None
        return messages.COUNTY_PACKAGE_WAITING.format(villages="、".join(self.waiting))


def write_township_package(store: Store, folder: Path | str, *, full: bool = False,
                           today: date | None = None) -> Written:
    """Write the township's next package for its county into ``folder``; returns what was written.

    Raises UserError (writing nothing, recording nothing) in a village database, before the township
    joined a county, without the township's names, or for a folder that does not exist.
    """
    sealed_for = county.require_county(store)
    card, signature = keys.township_card(store)
    folder = package_folder(folder)
    today = today or clock.today()
    out = county.outgoing(store, full=full)
    path = folder / township_package_name(card.fingerprint, out.sequence, today.isoformat())
    villages = []
    with tempfile.TemporaryDirectory(prefix="villagedesk-package-") as scratch, store.atomic():
        plain = Path(scratch) / "package.zip"
        with on_laptop(Path(scratch)), zipfile.ZipFile(plain, "w", zipfile.ZIP_STORED) as archive:
            for payload in out.payloads:
                member = payload_member(payload.village_code, payload.sequence)
                # One village package in memory at a time: read from the database once, hashed and stored.
                data = county.payload_data(store, payload)
                archive.writestr(member, data, compress_type=zipfile.ZIP_STORED)
                villages.append({"member": member, "code": payload.village_code, "name": payload.village_name,
                                 "sequence": payload.sequence, "full": payload.full,
                                 "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)})
                del data
            manifest = {
                "format_version": TOWNSHIP_FORMAT_VERSION,
                "kind": TOWNSHIP_KIND,
                # The card whole, with its signature: the county computes from it the fingerprint the
                # villages sealed their packages for, and checks it is this township's signing key.
                "township": json.loads(card.to_json(signature)),
                "signer": card.signing_key,
                "sealed_for": sealed_for.fingerprint,
                "sequence": out.sequence,
                "previous_sequence": out.previous,
                "full": out.full,
                "created_at": clock.timestamp(),
                "app_version": __version__,
                "villages": villages,
            }
            sign_manifest(archive, manifest, lambda data: keys.sign(store, data, keys.TOWNSHIP_SIGNING))
        sha256 = seal_onto(plain, path, sealed_for.recipient)
        county.record_sent(store, out, file_name=path.name, sha256=sha256, sealed_for=sealed_for.fingerprint)
    return Written(path, out.sequence, out.full, len({v["code"] for v in villages}), len(villages), out.waiting)


__all__ = ["Written", "write_township_package"]
