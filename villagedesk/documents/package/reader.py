"""Checking a package before anything is written: the zip, its manifest, every checksum and count.

:func:`read_package` either returns a :class:`Package` whose every file
matched its manifest, or raises one UserError saying what is wrong.  Nothing
is extracted to disk; members are streamed and hashed, with limits on their
number, size and compression ratio so a hostile or broken file cannot fill
the disk or the memory.

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
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import orjson

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
)
from villagedesk.errors import UserError

_MAX_MANIFEST = 1 << 20
_LOCAL_HEADER_SIZE = 30  # PKZIP local file header before the name and extra field
_VILLAGE_KEYS = ("code", "name", "township", "county")
# A village is known by its unified social credit code, as the package's file name has it.
_VILLAGE_CODE = re.compile(r"[0-9A-Z]{1,32}")


def _refuse(path: Path, why: str) -> UserError:
    return UserError(messages.REFUSED.format(name=path.name, why=why))


@dataclass
class Package:
    """A verified package: its manifest, and its JSON Lines read back on demand."""

    path: Path
    manifest: dict

    @property
    def village(self) -> dict:
        return self.manifest["village"]

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
            raise _refuse(self.path, messages.BAD_FIGURES)
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


def _manifest(path: Path, archive: zipfile.ZipFile, members: dict) -> dict:
    info = members.get(MANIFEST)
    if info is None:
        raise _refuse(path, messages.NO_MANIFEST)
    if info.file_size > _MAX_MANIFEST:
        raise _refuse(path, messages.MANIFEST_TOO_LARGE)
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (ValueError, UnicodeDecodeError):
        raise _refuse(path, messages.MANIFEST_DAMAGED) from None
    if not isinstance(manifest, dict):
        raise _refuse(path, messages.MANIFEST_DAMAGED)
    version = manifest.get("format_version")
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
              isinstance(manifest.get("tables"), dict), isinstance(manifest.get("files"), dict)]
    if not all(shapes):
        raise _refuse(path, messages.MANIFEST_INCOMPLETE)
    return manifest


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


def read_package(path: Path | str) -> Package:
    """Open and verify ``path`` completely; raises UserError naming the first problem."""
    path = Path(path)
    if path.is_dir():
        raise UserError(messages.PATH_IS_FOLDER.format(path=path))
    if not path.exists():
        raise UserError(messages.NO_SUCH_FILE.format(path=path))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(path, messages.NOT_A_ZIP) from None
    with archive:
        members = _check_members(path, archive)
        manifest = _manifest(path, archive, members)
        files = manifest["files"]
        listed = set(files) | {MANIFEST}
        extra = sorted(set(members) - listed)
        if extra:
            raise _refuse(path, messages.EXTRA_MEMBER.format(extra=extra[0]))
        for name, expected in files.items():
            if name not in members or not isinstance(expected, dict):
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
    return Package(path, manifest)


__all__ = ["Package", "read_package"]
