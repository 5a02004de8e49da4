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

The zip, manifest, checksum and signature checks serve a township's package for its county
too (township_reader.py): :class:`Rules` says what differs between the two kinds.

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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

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
    VILLAGE_PATTERN,
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


class Refused(UserError):
    """A package refused: the sentence names the file; ``why`` is the reason alone (what a township
    package says of a village package inside it)."""

    def __init__(self, path: Path, why: str):
        super().__init__(messages.REFUSED.format(name=path.name, why=why))
        self.why = why


def _refuse(path: Path, why: str) -> Refused:
    return Refused(path, why)


@dataclass(frozen=True)
class Rules:
    """What a kind of package is checked against: its words in the clerk's messages, its format
    version and shape, how many members it may hold and which members its manifest lists.

    One for a village's package (:data:`VILLAGE`), one for a township's (township_reader.TOWNSHIP):
    the zip, manifest, checksum and signature checks are the same code for both.
    """

    sender: str  # who made it: 村里, 乡镇
    who: str  # the same as a kind of place: 村, 乡镇
    level: str  # who opens it: 乡镇, 县
    pattern: str  # its file names, for the clerk: VD-….vdpkg
    version: int
    old_version: int | None  # a format recognised only to be refused clearly
    max_members: int
    shaped: Callable[[dict], bool]  # the manifest's own fields
    listed: Callable[[dict], dict]  # member name → what the manifest says of it (sha256, rows)
    checked: Callable[[Path, dict], None]  # anything more, once every member matched


def _sealed_for_other(path: Path, rules: Rules) -> Refused:
    return _refuse(path, messages.NOT_FOR_US.format(level=rules.level, sender=rules.sender))


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:  # held open elsewhere (Windows): the system's temporary folder is cleaned in time
        pass


class Opened:
    """What a verified package of either kind (a village's, a township's) is: its manifest, signed, and an
    opened file on this computer's disk that closing it (or leaving its ``with`` block) removes."""

    manifest: dict

    def _removed(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self._removed()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def signer(self) -> str:
        """The public key that signed the manifest (base64); whose it is, the receiver decides."""
        return self.manifest["signer"]

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


class Package(Opened):
    """A verified package: its manifest, and its JSON Lines read back on demand.

    ``path`` is the opened zip, a temporary file on this computer's disk; ``source`` is the
    sealed file as given.  Close it (or use it as a context manager) to remove the temporary
    file; one forgotten is removed when the Package is collected, or at exit.
    """

    def __init__(self, path: Path, manifest: dict, source: Path | None = None, sha256: str | None = None):
        self.path = path
        self.manifest = manifest
        self.source = source or path
        self.sha256 = sha256  # of the zip at ``path``, when it was computed opening it
        self._remove = weakref.finalize(self, _remove, path) if source is not None else None

    def _removed(self) -> None:
        if self._remove is not None:
            self._remove()

    def __enter__(self) -> Package:
        return self

    @property
    def village(self) -> dict:
        return self.manifest["village"]

    @property
    def chain(self) -> dict:
        """The village's points chain when it wrote the package: ``{"count": int, "head": str}``."""
        return self.manifest["chain"]

    @property
    def restored(self) -> str | None:
        """Why the package is full after the village restored a backup (a sentence), None otherwise."""
        return self.manifest["restored"]

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


def _check_members(path: Path, archive: zipfile.ZipFile, rules: Rules) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > rules.max_members:
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


def _manifest(path: Path, archive: zipfile.ZipFile, members: dict, rules: Rules) -> tuple[dict, bytes]:
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
    if version is not None and version == rules.old_version:
        raise _refuse(path, messages.OLD_FORMAT)
    if type(version) is not int or version != rules.version:
        newer = type(version) is int and version > rules.version
        unknown = messages.FORMAT_NEWER if newer else messages.FORMAT_UNKNOWN
        raise _refuse(path, unknown.format(version=version, known=rules.version))
    sequence, previous = manifest.get("sequence"), manifest.get("previous_sequence")
    shapes = [_sequence(sequence),
              # The list is built whole: a sequence that is not a number must not be compared.
              previous is None or (_sequence(previous) and _sequence(sequence) and previous < sequence),
              isinstance(manifest.get("full"), bool), isinstance(manifest.get("created_at"), str),
              _text(manifest.get("signer")), _text(manifest.get("sealed_for")), rules.shaped(manifest)]
    if not all(shapes):
        raise _refuse(path, messages.MANIFEST_INCOMPLETE)
    return manifest, data


def _sequence(value) -> bool:
    return type(value) is int and value > 0


def village_code(value) -> bool:
    """Whether ``value`` is a village code as package names carry it (a unified social credit code)."""
    return isinstance(value, str) and bool(_VILLAGE_CODE.fullmatch(value))


def _village_shaped(manifest: dict) -> bool:
    village = manifest.get("village")
    return (isinstance(village, dict) and all(isinstance(village.get(k), str) and village.get(k)
                                              for k in _VILLAGE_KEYS) and village_code(village.get("code"))
            and isinstance(manifest.get("tables"), dict) and isinstance(manifest.get("files"), dict)
            and _chain(manifest.get("chain"))
            and (manifest.get("restored") is None or _text(manifest.get("restored"))))


def _text(value) -> bool:
    return isinstance(value, str) and bool(value)


def _chain(value) -> bool:
    if not isinstance(value, dict):
        return False
    count, head = value.get("count"), value.get("head")
    return type(count) is int and count >= 0 and _text(head)


def _verify_file(path: Path, archive: zipfile.ZipFile, name: str, expected: dict, rules: Rules,
                 copy: IO[bytes] | None = None) -> None:
    """``name`` hashed (and its lines counted) against the manifest; written to ``copy`` on the way when given."""
    digest, lines, last = hashlib.sha256(), 0, b"\n"
    with archive.open(name) as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            lines += chunk.count(b"\n")
            last = chunk[-1:]
            if copy is not None:
                copy.write(chunk)
    if digest.hexdigest() != expected.get("sha256"):
        raise _refuse(path, messages.CHECKSUM_MISMATCH.format(name=name, sender=rules.sender))
    if name.endswith(".jsonl"):
        lines += last != b"\n"  # a last line without its newline still counts
        rows = expected.get("rows")
        if rows is not None and (type(rows) is not int or lines != rows):  # "2" is no count
            raise _refuse(path, messages.ROW_COUNT_MISMATCH.format(
                name=name, lines=lines, listed=json.dumps(rows, ensure_ascii=False)))


def _signed(path: Path, archive: zipfile.ZipFile, members: dict, manifest: dict, data: bytes, own: str | None,
            rules: Rules) -> None:
    """The manifest's bytes are signed by ``signer``, and the package was made for the one opening it (``own``,
    the fingerprint of its card; None: whoever holds the identity that opened it)."""
    info = members.get(SIGNATURE)
    if info is None:
        raise _refuse(path, messages.NO_SIGNATURE.format(sender=rules.sender, who=rules.who))
    try:
        signature = archive.read(info).decode("ascii").strip() if info.file_size <= _MAX_SIGNATURE else ""
    except (UnicodeDecodeError, zipfile.BadZipFile, OSError, EOFError):
        signature = ""
    if not keys.signature_valid(manifest["signer"], data, signature):
        raise _refuse(path, messages.SIGNATURE_INVALID.format(sender=rules.sender))
    if own is not None and manifest["sealed_for"] != own:
        raise _refuse(path, messages.SEALED_FOR_OTHER.format(fingerprint=manifest["sealed_for"], own=own,
                                                             level=rules.level))


def temporary_zip() -> tuple[IO[bytes], Path]:
    """A new temporary file of this computer's own disk for an opened zip, and its path (removed by hand:
    on Windows a file open with delete-on-close cannot be opened again by name, which zipfile does)."""
    plain = tempfile.NamedTemporaryFile(prefix="villagedesk-package-", suffix=".zip", delete=False)
    return plain, Path(plain.name)


def remove(path: Path) -> None:
    """Remove a temporary file; one held open elsewhere is left to the system's cleaning."""
    _remove(path)


def no_space(exc: OSError) -> UserError:
    """This computer's own disk could not take an opened package."""
    return UserError(messages.UNSEAL_NO_SPACE.format(folder=tempfile.gettempdir(), reason=os_reason(exc)))


def unsealed(path: Path, identity: pyrage.x25519.Identity, rules: Rules) -> tuple[Path, str]:
    """``path`` decrypted with ``identity`` into a temporary file of this computer's disk, and the SHA-256 of
    the zip; UserError (a Refused naming the file) otherwise."""
    if path.is_dir():
        raise UserError(messages.PATH_IS_FOLDER.format(path=path, pattern=rules.pattern))
    if not path.exists():
        raise UserError(messages.NO_SUCH_FILE.format(path=path))
    try:
        sealed = open(path, "rb")
        start = sealed.read(len(AGE_MAGIC))
    except OSError as exc:  # the stick pulled, a file the system will not let us read
        raise _refuse(path, os_reason(exc)) from None
    try:
        with sealed:
            if start != AGE_MAGIC:
                old = rules.old_version is not None and _old_package(path, start)
                raise _refuse(path, messages.OLD_FORMAT if old else messages.NOT_A_PACKAGE)
            sealed.seek(0)
            plain, opened = temporary_zip()
            with plain:
                try:
                    sha256 = unseal(sealed, plain, identity)
                except BaseException:
                    plain.close()
                    _remove(opened)
                    raise
    except NotOurs:
        raise _sealed_for_other(path, rules) from None
    except Damaged:
        raise _refuse(path, messages.SEALED_DAMAGED.format(sender=rules.sender)) from None
    except OSError as exc:  # this computer's own disk (reading the stick is Damaged)
        raise no_space(exc) from None
    return opened, sha256


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
        opened, sha256 = unsealed(path, self.identity, VILLAGE)
        try:
            manifest = verify(path, opened, self.own, VILLAGE)
        except BaseException:
            _remove(opened)
            raise
        return Package(opened, manifest, source=path, sha256=sha256)


def read_package(path: Path | str, township: Store) -> Package:
    """:meth:`Opener.read` for one package of ``township``."""
    return Opener(township).read(path)


def verify(path: Path, opened: Path, own: str | None, rules: Rules,
           copy: Callable[[str], IO[bytes]] | None = None) -> dict:
    """The zip at ``opened`` (of the package ``path``) checked member by member, then its signature; its manifest.

    ``copy(name)``: a new file each member is written to as it is hashed, closed after it, so a member
    that is itself a zip (a township package's village packages) is read once.
    """
    try:
        archive = zipfile.ZipFile(opened)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(path, messages.NOT_A_ZIP) from None
    with archive:
        members = _check_members(path, archive, rules)
        manifest, data = _manifest(path, archive, members, rules)
        files = rules.listed(manifest)
        listed = set(files) | {MANIFEST, SIGNATURE}
        extra = sorted(set(members) - listed)
        if extra:
            raise _refuse(path, messages.EXTRA_MEMBER.format(extra=extra[0]))
        for name, expected in files.items():
            if name not in members or not isinstance(expected, dict) or name in (MANIFEST, SIGNATURE):
                raise _refuse(path, messages.LISTED_FILE_MISSING.format(name=name))
            try:
                if copy is None:
                    _verify_file(path, archive, name, expected, rules)
                else:
                    with copy(name) as out:
                        _verify_file(path, archive, name, expected, rules, out)
            except (zipfile.BadZipFile, EOFError):  # a truncated or corrupt member
                raise _refuse(path, messages.MEMBER_DAMAGED.format(name=name)) from None
            except OSError as exc:
                if copy is not None and exc.filename is None:  # the copy, on this computer's own disk
                    raise no_space(exc) from None
                raise _refuse(path, messages.MEMBER_DAMAGED.format(name=name)) from None
        rules.checked(path, manifest)
        _signed(path, archive, members, manifest, data, own, rules)
    return manifest


def _village_checked(path: Path, manifest: dict) -> None:
    files = manifest["files"]
    for table, info in manifest["tables"].items():
        if not isinstance(info, dict) or info.get("file") not in files or \
                not str(info.get("file")).startswith(DATA_DIR):
            raise _refuse(path, messages.TABLE_INCOMPLETE.format(table=table))
    for needed in (DELETED, AUDIT):
        if needed not in files:
            raise _refuse(path, messages.FILE_MISSING.format(needed=needed))


VILLAGE = Rules(sender=messages.SENDER_VILLAGE, who=messages.WHO_VILLAGE, level=messages.LEVEL_TOWNSHIP,
                pattern=VILLAGE_PATTERN, version=FORMAT_VERSION, old_version=1, max_members=MAX_MEMBERS,
                shaped=_village_shaped, listed=lambda manifest: manifest["files"], checked=_village_checked)


__all__ = ["Opener", "Package", "Refused", "Rules", "VILLAGE", "no_space", "read_package", "remove", "temporary_zip",
           "unsealed", "verify", "village_code"]
