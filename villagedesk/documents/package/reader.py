"""Checking a package before anything is written: the seal, the zip, its manifest, every checksum, the signature.

:func:`read_package` either returns a :class:`Package` whose every file
matched its manifest, signed by the key the manifest names and sealed for this
township, or raises one UserError saying what is wrong (docs/PACKAGES.md,
steps 1 and 2 of "What the township checks").  The sealed file is opened with
the township's identity into a temporary file on the township's own disk,
removed when the Package is closed, and before any refusal is raised.  Nothing
else is extracted; members are streamed and hashed, with limits on their
number, size and compression ratio so a hostile or broken file cannot fill
the disk or the memory.

Whether the signer is the key this township knows for the village is the
township's own check (core.township.merge), as is the history the package continues.

The lines themselves are parsed once, by SQLite, as they are applied (see
core.township): a line that passed its checksum yet is not a record — a
package whose manifest was forged to match — is refused there, and the
transaction it was in is rolled back.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import struct
import tempfile
import weakref
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import orjson
import pyrage

from villagedesk.core.township import keys
from villagedesk.documents.package import messages
from villagedesk.documents.package.layout import (
    AUDIT,
    DATA_DIR,
    DELETED,
    FIGURES,
    FORMAT_VERSION,
    MANIFEST,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    OLD_SUFFIX,
    SIGNATURE,
)
from villagedesk.documents.package.seal import AGE_MAGIC, ZIP_MAGIC, Damaged, NotOurs, unseal
from villagedesk.errors import UserError, os_reason
from villagedesk.store import Store

_MAX_MANIFEST = 1 << 20
_MAX_SIGNATURE = 1 << 10  # base64 of 64 bytes
_LOCAL_HEADER_SIZE = 30  # PKZIP local file header before the name and extra field
_VILLAGE_KEYS = ("code", "name", "township", "county")
# A village is known by its unified social credit code, as the package's file name has it.
_VILLAGE_CODE = re.compile(r"[0-9A-Z]{1,32}")


def _refuse(path: Path, why: str) -> UserError:
    return UserError(messages.REFUSED.format(name=path.name, why=why))


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:  # held open elsewhere (Windows): the system's temporary folder is cleaned in time
        pass


class Package:
    """A verified package: its manifest, and its JSON Lines read back on demand.

    ``path`` is the opened zip, a temporary file on this computer's disk; ``source`` is the
    sealed file as given.  Close it (or use it as a context manager) to remove the temporary
    file; one forgotten is removed when the Package is collected, or at exit.
    """

    def __init__(self, path: Path, manifest: dict, source: Path | None = None):
        self.path = path
        self.manifest = manifest
        self.source = source or path
        self._remove = weakref.finalize(self, _remove, path) if source is not None else None

    def close(self) -> None:
        if self._remove is not None:
            self._remove()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def village(self) -> dict:
        return self.manifest["village"]

    @property
    def signer(self) -> str:
        """The village's public key that signed the manifest (base64); whose it is, the township decides."""
        return self.manifest["signer"]

    @property
    def chain(self) -> dict:
        """The village's points chain when it wrote the package: ``{"count": int, "head": str}``."""
        return self.manifest["chain"]

    @property
    def restored(self) -> str | None:
        """Why the package is full after the village restored a backup (a sentence), None otherwise."""
        return self.manifest["restored"]

    @property
    def sealed_for(self) -> str:
        return self.manifest["sealed_for"]

    @property
    def sequence(self) -> int:
        return self.manifest["sequence"]

    @property
    def previous(self) -> int | None:
        return self.manifest["previous_sequence"]

    @property
    def full(self) -> bool:
        return bool(self.manifest["full"])

    def tables(self) -> list[str]:
        return list(self.manifest["tables"])

    def raw_lines(self, member: str) -> Iterator[str]:
        """The lines of ``member`` as text, newline removed, unparsed (read a megabyte at a time)."""
        with zipfile.ZipFile(self.path) as archive, archive.open(member) as fh:
            rest = b""
            while chunk := fh.read(1 << 20):
                # A newline byte never sits inside a UTF-8 character: cutting there is safe.
                *whole, rest = (rest + chunk).split(b"\n")
                yield from (line.decode("utf-8") for line in whole)
            if rest:
                yield rest.decode("utf-8")

    def lines(self, member: str) -> Iterator[dict]:
        for line in self.raw_lines(member):
            yield orjson.loads(line)

    def raw_rows(self, table: str) -> Iterator[str]:
        return self.raw_lines(self.manifest["tables"][table]["file"])

    def rows(self, table: str) -> Iterator[dict]:
        return self.lines(self.manifest["tables"][table]["file"])

    def deleted(self) -> Iterator[dict]:
        return self.lines(DELETED)

    def audit(self) -> Iterator[dict]:
        return self.lines(AUDIT)

    def figures(self) -> dict | None:
        """The village's figures (``figures.json``), None when its program sent none; UserError when unreadable."""
        if FIGURES not in self.manifest["files"]:
            return None
        with zipfile.ZipFile(self.path) as archive:
            try:
                found = json.loads(archive.read(FIGURES))
            except (ValueError, UnicodeDecodeError):
                found = None
        if not isinstance(found, dict):
            raise _refuse(self.source, messages.BAD_FIGURES)
        return found

    def audit_deflated(self) -> bytes:
        """``audit.jsonl`` as a raw DEFLATE stream (``zlib.decompressobj(-zlib.MAX_WBITS)`` reads it).

        The township keeps each package's audit whole and compressed; copying the
        stream the village already compressed costs nothing, where inflating and
        deflating a village's history again would cost most of an import.
        """
        with zipfile.ZipFile(self.path) as archive:
            info = archive.getinfo(AUDIT)
            if info.compress_type == zipfile.ZIP_DEFLATED:
                with open(self.path, "rb") as fh:
                    fh.seek(info.header_offset)
                    header = fh.read(_LOCAL_HEADER_SIZE)
                    name_length, extra_length = struct.unpack("<HH", header[26:30])
                    fh.seek(name_length + extra_length, io.SEEK_CUR)
                    return fh.read(info.compress_size)
            packer = zlib.compressobj(1, zlib.DEFLATED, -zlib.MAX_WBITS)
            return packer.compress(archive.read(info)) + packer.flush()


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not (name.startswith(("/", "\\")) or "\\" in name or ".." in path.parts or ":" in name or not name)


def _check_members(path: Path, archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _refuse(path, messages.TOO_MANY_FILES.format(count=len(infos)))
    members = {}
    for info in infos:
        if not _safe_name(info.filename):
            raise _refuse(path, messages.UNSAFE_NAME.format(filename=info.filename))
        if info.file_size > MAX_MEMBER_BYTES or (info.compress_size and
                                                 info.file_size > MAX_RATIO * info.compress_size + (1 << 20)):
            raise _refuse(path, messages.ZIP_BOMB.format(filename=info.filename))
        if info.filename in members:
            raise _refuse(path, messages.DUPLICATE_MEMBER.format(filename=info.filename))
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # Our writer never encrypts and only deflates; zipfile cannot read these without a traceback.
            raise _refuse(path, messages.ENCRYPTED_MEMBER.format(filename=info.filename))
        members[info.filename] = info
    return members


def _manifest(path: Path, archive: zipfile.ZipFile, members: dict) -> tuple[dict, bytes]:
    """The manifest, checked for shape, and its exact bytes (what the signature is of)."""
    info = members.get(MANIFEST)
    if info is None:
        raise _refuse(path, messages.NO_MANIFEST)
    if info.file_size > _MAX_MANIFEST:
        raise _refuse(path, messages.MANIFEST_TOO_LARGE)
    try:
        data = archive.read(MANIFEST)
        manifest = json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise _refuse(path, messages.MANIFEST_DAMAGED) from None
    except (zipfile.BadZipFile, OSError, EOFError):
        raise _refuse(path, messages.MEMBER_DAMAGED.format(name=MANIFEST)) from None
    if not isinstance(manifest, dict):
        raise _refuse(path, messages.MANIFEST_DAMAGED)
    version = manifest.get("format_version")
    if version == 1:
        raise _refuse(path, messages.OLD_FORMAT)
    if version != FORMAT_VERSION:
        newer = isinstance(version, int) and version > FORMAT_VERSION
        unknown = messages.FORMAT_NEWER if newer else messages.FORMAT_UNKNOWN
        raise _refuse(path, unknown.format(version=version, known=FORMAT_VERSION))
    village = manifest.get("village")
    sequence, previous = manifest.get("sequence"), manifest.get("previous_sequence")
    shapes = [isinstance(village, dict) and all(isinstance(village.get(k), str) and village.get(k)
                                                 for k in _VILLAGE_KEYS),
              isinstance(village, dict) and bool(_VILLAGE_CODE.fullmatch(str(village.get("code")))),
              isinstance(sequence, int) and not isinstance(sequence, bool) and sequence > 0,
              # The list is built whole: a sequence that is not a number must not be compared.
              previous is None or (isinstance(previous, int) and isinstance(sequence, int)
                                   and 0 < previous < sequence),
              isinstance(manifest.get("full"), bool), isinstance(manifest.get("created_at"), str),
              isinstance(manifest.get("tables"), dict), isinstance(manifest.get("files"), dict),
              _text(manifest.get("signer")), _text(manifest.get("sealed_for")), _chain(manifest.get("chain")),
              manifest.get("restored") is None or _text(manifest.get("restored"))]
    if not all(shapes):
        raise _refuse(path, messages.MANIFEST_INCOMPLETE)
    return manifest, data


def _text(value) -> bool:
    return isinstance(value, str) and bool(value)


def _chain(value) -> bool:
    if not isinstance(value, dict):
        return False
    count, head = value.get("count"), value.get("head")
    return type(count) is int and count >= 0 and _text(head)


def _verify_file(path: Path, archive: zipfile.ZipFile, name: str, expected: dict) -> None:
    digest, lines, last = hashlib.sha256(), 0, b"\n"
    with archive.open(name) as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    if digest.hexdigest() != expected.get("sha256"):
        raise _refuse(path, messages.CHECKSUM_MISMATCH.format(name=name))
    if name.endswith(".jsonl"):
        lines += last != b"\n"  # a last line without its newline still counts
        rows = expected.get("rows")
        if rows is not None and (type(rows) is not int or lines != rows):  # "2" is no count
            raise _refuse(path, messages.ROW_COUNT_MISMATCH.format(
                name=name, lines=lines, listed=json.dumps(rows, ensure_ascii=False)))


def _signed(path: Path, archive: zipfile.ZipFile, members: dict, manifest: dict, data: bytes, own: str) -> None:
    """The manifest's bytes are signed by ``signer``, and the package was made for this township (``own``)."""
    info = members.get(SIGNATURE)
    if info is None:
        raise _refuse(path, messages.NO_SIGNATURE)
    try:
        signature = archive.read(info).decode("ascii").strip() if info.file_size <= _MAX_SIGNATURE else ""
    except (UnicodeDecodeError, zipfile.BadZipFile, OSError, EOFError):
        signature = ""
    if not keys.signature_valid(manifest["signer"], data, signature):
        raise _refuse(path, messages.SIGNATURE_INVALID)
    if manifest["sealed_for"] != own:
        raise _refuse(path, messages.SEALED_FOR_OTHER.format(fingerprint=manifest["sealed_for"], own=own))


def _opened(path: Path, identity: pyrage.x25519.Identity) -> Path:
    """``path`` decrypted with the township's identity into a temporary file of its own disk; UserError otherwise."""
    try:
        sealed = open(path, "rb")
        start = sealed.read(len(AGE_MAGIC))
    except OSError as exc:  # the stick pulled, a file the system will not let us read
        raise _refuse(path, os_reason(exc)) from None
    try:
        with sealed:
            if start != AGE_MAGIC:
                raise _refuse(path, messages.OLD_FORMAT if _old_package(path, start) else messages.NOT_A_PACKAGE)
            sealed.seek(0)
            # Not deleted on close: on Windows a file open with delete-on-close cannot be opened again by
            # name, which zipfile does; it is removed by hand below, and by Package.close.
            with tempfile.NamedTemporaryFile(prefix="villagedesk-package-", suffix=".zip", delete=False) as plain:
                opened = Path(plain.name)
                try:
                    unseal(sealed, plain, identity)
                except BaseException:
                    plain.close()
                    _remove(opened)
                    raise
    except NotOurs:
        raise _refuse(path, messages.NOT_FOR_THIS_TOWNSHIP) from None
    except Damaged:
        raise _refuse(path, messages.SEALED_DAMAGED) from None
    except OSError as exc:  # the township's own disk (reading the stick is Damaged)
        raise UserError(messages.UNSEAL_NO_SPACE.format(folder=tempfile.gettempdir(), reason=os_reason(exc))) \
            from None
    return opened


def _old_package(path: Path, start: bytes) -> bool:
    """A package of format 1: an open zip with a manifest (its central directory alone is read)."""
    if not start.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return MANIFEST in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return path.suffix.lower() == OLD_SUFFIX  # a format-1 package cut short on the stick


def _own_fingerprint(township: Store) -> str:
    """The fingerprint on this township's card: what a package made for it names in ``sealed_for``."""
    return keys.fingerprint(keys.public_key(township, keys.TOWNSHIP_SIGNING),
                            keys.public_key(township, keys.TOWNSHIP_SEALING))


class Opener:
    """What opening packages for one township needs, read from its database once.

    :meth:`read` touches no database, so a package can be opened and verified on another
    thread while the township merges the one before it (importer.ImportSession reads ahead).
    """

    def __init__(self, township: Store):
        self.identity = keys.township_identity(township)
        self.own = _own_fingerprint(township)

    def read(self, path: Path | str) -> Package:
        """Open ``path`` with the township's identity and verify it completely; UserError naming the first problem.

        The Package returned holds a temporary file: close it (``with opener.read(...) as package``).
        """
        path = Path(path)
        if path.is_dir():
            raise UserError(messages.PATH_IS_FOLDER.format(path=path))
        if not path.exists():
            raise UserError(messages.NO_SUCH_FILE.format(path=path))
        opened = _opened(path, self.identity)
        try:
            manifest = _verify(path, opened, self.own)
        except BaseException:
            _remove(opened)
            raise
        return Package(opened, manifest, source=path)


def read_package(path: Path | str, township: Store) -> Package:
    """:meth:`Opener.read` for one package of ``township``."""
    return Opener(township).read(path)


def _verify(path: Path, opened: Path, own: str) -> dict:
    """The zip at ``opened`` (of the package ``path``) checked member by member, then its signature."""
    try:
        archive = zipfile.ZipFile(opened)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(path, messages.NOT_A_ZIP) from None
    with archive:
        members = _check_members(path, archive)
        manifest, data = _manifest(path, archive, members)
        files = manifest["files"]
        listed = set(files) | {MANIFEST, SIGNATURE}
        extra = sorted(set(members) - listed)
        if extra:
            raise _refuse(path, messages.EXTRA_MEMBER.format(extra=extra[0]))
        for name, expected in files.items():
            if name not in members or not isinstance(expected, dict) or name in (MANIFEST, SIGNATURE):
                raise _refuse(path, messages.LISTED_FILE_MISSING.format(name=name))
            try:
                _verify_file(path, archive, name, expected)
            except (zipfile.BadZipFile, OSError, EOFError):  # a truncated or corrupt member
                raise _refuse(path, messages.MEMBER_DAMAGED.format(name=name)) from None
        for table, info in manifest["tables"].items():
            if not isinstance(info, dict) or info.get("file") not in files or \
                    not str(info.get("file")).startswith(DATA_DIR):
                raise _refuse(path, messages.TABLE_INCOMPLETE.format(table=table))
        for needed in (DELETED, AUDIT):
            if needed not in files:
                raise _refuse(path, messages.FILE_MISSING.format(needed=needed))
        _signed(path, archive, members, manifest, data, own)
    return manifest


__all__ = ["Opener", "Package", "read_package"]
