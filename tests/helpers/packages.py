"""Opening, changing and sealing packages again in tests, as only someone holding the keys could.

A package is a zip sealed for its township and signed by its village
(docs/PACKAGES.md).  To check what the township does with a bad zip inside a
good seal, or a bad line inside a good signature, a test opens the package with
the township's identity, changes the zip, signs its manifest again with the
village's key (or leaves the old signature, or signs with another key) and seals
it for the township again.  Real files and the program's own keys throughout.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

import pyrage

from tests.helpers.bad_files import rewrite as rewrite_zip
from villagedesk.core.township import keys
from villagedesk.documents.package.layout import MANIFEST, SIGNATURE
from villagedesk.store import Store, open_store

Change = Callable[[str, bytes], "bytes | None"]


def _store(stack: ExitStack, given: Store | Path | str) -> Store:
    return stack.enter_context(open_store(given)) if isinstance(given, str | Path) else given


def unsealed(package: Path, township: Store | Path, target: Path) -> Path:
    """The zip inside ``package``, opened with the township's identity, written to ``target``."""
    with ExitStack() as stack:
        identity = keys.township_identity(_store(stack, township))
    with open(package, "rb") as source, open(target, "wb") as out:
        pyrage.decrypt_io(source, out, [identity])
    return target


def sealed(plain: Path, township: Store | Path, target: Path) -> Path:
    """The zip ``plain`` sealed for the township, as the village's writer seals it."""
    with ExitStack() as stack:
        recipient = keys.public_key(_store(stack, township), keys.TOWNSHIP_SEALING)
    with open(plain, "rb") as source, open(target, "wb") as out:
        pyrage.encrypt_io(source, out, [pyrage.x25519.Recipient.from_str(recipient)])
    return target


def signed_by(plain: Path, signer: Store | Path) -> Path:
    """The zip ``plain`` with ``manifest.sig`` made again by ``signer``'s village key over the manifest as it is.

    ``signer`` is the village itself (a package changed by someone who has its key: what lets a test reach
    the township's checks beyond the signature) or another database (a forger's own key).
    """
    with zipfile.ZipFile(plain) as source:
        names = source.namelist()
        manifest = source.read(MANIFEST) if MANIFEST in names else None
    if manifest is None:
        return plain
    with ExitStack() as stack:
        signature = keys.sign(_store(stack, signer), manifest).encode()
    scratch = plain.with_name(plain.name + ".signed")
    rewrite_zip(plain, scratch, lambda n, d: None if n == SIGNATURE else d, add={SIGNATURE: signature})
    scratch.replace(plain)
    return plain


def repackaged(package: Path, target: Path, township: Store | Path, change: Change, *,
               signer: Store | Path | None = None, add: dict[str, bytes] | None = None,
               inner: Callable[[Path], Path] | None = None) -> Path:
    """``package`` opened, its zip's members changed (``change``, ``add``), signed again by ``signer`` (None: the
    old signature is kept), optionally passed through ``inner(path) -> path`` (a raw edit of the zip's bytes),
    and sealed for the township again into ``target``."""
    scratch = target.with_name(target.name + ".plain.zip")
    edited = target.with_name(target.name + ".edited.zip")
    unsealed(package, township, scratch)
    rewrite_zip(scratch, edited, change, add)
    if signer is not None:
        signed_by(edited, signer)
    if inner is not None:
        edited = inner(edited)
    sealed(edited, township, target)
    scratch.unlink()
    edited.unlink(missing_ok=True)
    return target


def manifest_of(package: Path, township: Store | Path) -> dict:
    """The manifest of a sealed package, read without any check (what a test compares against)."""
    scratch = package.with_name(package.name + ".peek.zip")
    try:
        unsealed(package, township, scratch)
        with zipfile.ZipFile(scratch) as archive:
            return json.loads(archive.read(MANIFEST))
    finally:
        scratch.unlink(missing_ok=True)


def forged_member(member: str, change: Callable[[bytes], bytes],
                  manifest_change: Callable[[dict], None] | None = None) -> Change:
    """A change of ``member`` with the manifest's checksum and count made to match, as a forger would.

    The writer puts the manifest after every member it lists, so the new bytes are known by then.
    """
    changed: dict[str, bytes] = {}

    def apply(name: str, data: bytes) -> bytes | None:
        if name == member:
            changed[name] = change(data)
            return changed[name]
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        if member in changed:
            new = changed[member]
            manifest["files"][member] = {"sha256": hashlib.sha256(new).hexdigest(),
                                         "rows": new.count(b"\n") if member.endswith(".jsonl") else None}
        if manifest_change is not None:
            manifest_change(manifest)
        return json.dumps(manifest, ensure_ascii=False).encode()
    return apply


__all__ = ["forged_member", "manifest_of", "repackaged", "rewrite_zip", "sealed", "signed_by", "unsealed"]


def without_figures(name: str, data: bytes) -> bytes | None:
    """A change (for :func:`repackaged`) making what an older village program wrote: no figures.json."""
    from villagedesk.documents.package.layout import FIGURES, MANIFEST

    if name == FIGURES:
        return None
    if name == MANIFEST:
        manifest = json.loads(data)
        del manifest["files"][FIGURES]
        return json.dumps(manifest).encode()
    return data

