"""Checking a package before anything is written: the zip, its manifest, every checksum and count.

:func:`read_package` either returns a :class:`Package` whose every file
matched its manifest, or raises one UserError saying what is wrong.  Nothing
is extracted to disk; members are streamed and hashed, with limits on their
number, size and compression ratio so a hostile or broken file cannot fill
the disk or the memory.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from villagedesk.documents.package.layout import (
    AUDIT,
    DATA_DIR,
    DELETED,
    FORMAT_VERSION,
    MANIFEST,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
)
from villagedesk.errors import UserError

_MAX_MANIFEST = 1 << 20
_VILLAGE_KEYS = ("code", "name", "township", "county")


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

    def lines(self, member: str) -> Iterator[dict]:
        with zipfile.ZipFile(self.path) as archive, archive.open(member) as fh:
            for raw in fh:
                yield json.loads(raw)

    def rows(self, table: str) -> Iterator[dict]:
        return self.lines(self.manifest["tables"][table]["file"])

    def deleted(self) -> Iterator[dict]:
        return self.lines(DELETED)

    def audit(self) -> Iterator[dict]:
        return self.lines(AUDIT)


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
              isinstance(sequence, int) and sequence > 0,
              previous is None or (isinstance(previous, int) and 0 < previous < sequence),
              isinstance(manifest.get("full"), bool), isinstance(manifest.get("created_at"), str),
              isinstance(manifest.get("tables"), dict), isinstance(manifest.get("files"), dict)]
    if not all(shapes):
        raise _refuse(path, "清单文件 manifest.json 内容不完整或不合规。")
    return manifest


def _verify_file(path: Path, archive: zipfile.ZipFile, name: str, expected: dict) -> None:
    digest, lines = hashlib.sha256(), 0
    keyed = name.startswith(DATA_DIR)
    with archive.open(name) as fh:
        if not name.endswith(".jsonl"):
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
        else:
            # Every line is read now, so applying cannot stop half-way on a bad one.
            for raw in fh:
                digest.update(raw)
                lines += 1
                try:
                    row = json.loads(raw)
                except (ValueError, UnicodeDecodeError):
                    row = None
                if not isinstance(row, dict) or (keyed and not (isinstance(row.get("uid"), str) and row["uid"])):
                    raise _refuse(path, f"文件“{name}”第 {lines} 行不是有效的记录。")
    if digest.hexdigest() != expected.get("sha256"):
        raise _refuse(path, f"文件“{name}”的校验值与清单不符：数据包在拷贝中损坏或被改动过。请重新从村里拷贝。")
    if expected.get("rows") is not None and lines != expected["rows"]:
        raise _refuse(path, f"文件“{name}”有 {lines} 行，清单上写的是 {expected['rows']} 行。")


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
