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
    return UserError(f"数据包 {path.name} 不能导入：{why}")


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
            raise _refuse(self.path, "文件“figures.json”不是有效的统计数字，数据包可能被人改动过。")
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
        raise _refuse(path, f"里面有 {len(infos)} 个文件，不是本程序生成的数据包。")
    members = {}
    for info in infos:
        if not _safe_name(info.filename):
            raise _refuse(path, f"里面的文件名“{info.filename}”不安全（含 .. 或绝对路径），可能被人篡改。")
        if info.file_size > MAX_MEMBER_BYTES or (info.compress_size and
                                                 info.file_size > MAX_RATIO * info.compress_size + (1 << 20)):
            raise _refuse(path, f"里面的文件“{info.filename}”解压后异常巨大（疑似“压缩炸弹”），已拒绝。")
        if info.filename in members:
            raise _refuse(path, f"里面的文件“{info.filename}”出现了两次。")
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # Our writer never encrypts and only deflates; zipfile cannot read these without a traceback.
            raise _refuse(path, f"里面的文件“{info.filename}”加了密码或用了本程序不认识的压缩方式，不是本程序生成的数据包。")
        members[info.filename] = info
    return members


def _manifest(path: Path, archive: zipfile.ZipFile, members: dict) -> dict:
    info = members.get(MANIFEST)
    if info is None:
        raise _refuse(path, "缺少清单文件 manifest.json，不是本程序生成的数据包。")
    if info.file_size > _MAX_MANIFEST:
        raise _refuse(path, "清单文件 manifest.json 过大。")
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (ValueError, UnicodeDecodeError):
        raise _refuse(path, "清单文件 manifest.json 已损坏。") from None
    if not isinstance(manifest, dict):
        raise _refuse(path, "清单文件 manifest.json 已损坏。")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        newer = isinstance(version, int) and version > FORMAT_VERSION
        raise _refuse(path, f"数据包格式版本为 {version}，本程序只认识第 {FORMAT_VERSION} 版" +
                      ("，请先升级本程序。" if newer else "。"))
    village = manifest.get("village")
    sequence, previous = manifest.get("sequence"), manifest.get("previous_sequence")
    shapes = [isinstance(village, dict) and all(isinstance(village.get(k), str) and village.get(k)
                                                 for k in _VILLAGE_KEYS),
              isinstance(village, dict) and bool(_VILLAGE_CODE.fullmatch(str(village.get("code")))),
              isinstance(sequence, int) and not isinstance(sequence, bool) and sequence > 0,
              previous is None or (isinstance(previous, int) and 0 < previous < sequence),
              isinstance(manifest.get("full"), bool), isinstance(manifest.get("created_at"), str),
              isinstance(manifest.get("tables"), dict), isinstance(manifest.get("files"), dict)]
    if not all(shapes):
        raise _refuse(path, "清单文件 manifest.json 内容不完整或不合规。")
    return manifest


def _verify_file(path: Path, archive: zipfile.ZipFile, name: str, expected: dict) -> None:
    digest, lines, last = hashlib.sha256(), 0, b"\n"
    with archive.open(name) as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    if digest.hexdigest() != expected.get("sha256"):
        raise _refuse(path, f"文件“{name}”的校验值与清单不符：数据包在拷贝中损坏或被改动过。请重新从村里拷贝。")
    if name.endswith(".jsonl"):
        lines += last != b"\n"  # a last line without its newline still counts
        rows = expected.get("rows")
        if rows is not None and (type(rows) is not int or lines != rows):  # "2" is no count
            raise _refuse(path, f"文件“{name}”有 {lines} 行，清单上写的是 {json.dumps(rows, ensure_ascii=False)} 行。")


def read_package(path: Path | str) -> Package:
    """Open and verify ``path`` completely; raises UserError naming the first problem."""
    path = Path(path)
    if path.is_dir():
        raise UserError(f"{path} 是一个文件夹，请选择数据包文件（VD-…zip）。")
    if not path.exists():
        raise UserError(f"找不到文件 {path}。")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(path, "不是完整的 zip 文件（可能拷贝时 U 盘被拔出）。请重新拷贝。") from None
    with archive:
        members = _check_members(path, archive)
        manifest = _manifest(path, archive, members)
        files = manifest["files"]
        listed = set(files) | {MANIFEST}
        extra = sorted(set(members) - listed)
        if extra:
            raise _refuse(path, f"里面有清单之外的文件“{extra[0]}”，可能被人改动过。")
        for name, expected in files.items():
            if name not in members or not isinstance(expected, dict):
                raise _refuse(path, f"清单上的文件“{name}”不在数据包里。")
            try:
                _verify_file(path, archive, name, expected)
            except (zipfile.BadZipFile, OSError, EOFError):  # a truncated or corrupt member
                raise _refuse(path, f"文件“{name}”已损坏，无法读出。请重新拷贝。") from None
        for table, info in manifest["tables"].items():
            if not isinstance(info, dict) or info.get("file") not in files or \
                    not str(info.get("file")).startswith(DATA_DIR):
                raise _refuse(path, f"清单中表“{table}”的记录不完整。")
        for needed in (DELETED, AUDIT):
            if needed not in files:
                raise _refuse(path, f"缺少文件“{needed}”。")
    return Package(path, manifest)


__all__ = ["Package", "read_package"]
