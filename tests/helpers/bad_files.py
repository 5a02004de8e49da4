"""Bad files for the importers, made on the spot: workbooks written with openpyxl or as raw XML parts,
and packages rewritten member by member.

Each maker takes the path to write and returns it.  The raw workbook writer is
here because openpyxl writes only well-formed files with inline strings: a
shared-strings bomb, a wrong encoding or a part named ``../x`` has to be
written by hand.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
import zipfile
from collections.abc import Callable, Iterable
from datetime import datetime
from itertools import chain
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook

from villagedesk.documents.package.layout import MANIFEST, MAX_MEMBERS

# --- a workbook written part by part --------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def _content_types(shared: bool) -> bytes:
    parts = ['<Override PartName="/xl/workbook.xml" ContentType="application/'
             'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
             '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
             'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>']
    if shared:
        parts.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                     'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    return ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            + "".join(parts) + "</Types>").encode()


def _rels(shared: bool, sheet_target: str) -> dict[str, bytes]:
    book_rels = [f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="{sheet_target}"/>']
    if shared:
        book_rels.append(f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>')
    return {
        "_rels/.rels": (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL}">'
                        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
                        "</Relationships>").encode(),
        "xl/_rels/workbook.xml.rels": (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL}">'
                                       + "".join(book_rels) + "</Relationships>").encode(),
        "xl/workbook.xml": (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
                            '<sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>').encode(),
    }


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def sheet_rows(rows: Iterable[Iterable]) -> Iterable[bytes]:
    """``<row>`` elements, text as inline strings, numbers as numbers; ``("s", n)`` a shared string."""
    for r, cells in enumerate(rows, 1):
        out = [f'<row r="{r}">']
        for c, value in enumerate(cells):
            ref = f"{_column(c)}{r}"
            if value is None:
                continue
            if isinstance(value, tuple):
                out.append(f'<c r="{ref}" t="{value[0]}"><v>{value[1]}</v></c>')
            elif isinstance(value, (int, float)):
                out.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>')
        out.append("</row>")
        yield "".join(out).encode()


def raw_xlsx(path: Path, rows: Iterable[bytes], *, shared: bytes | None = None, extra: dict | None = None,
             sheet_name: str = "xl/worksheets/sheet1.xml", prolog: bytes = b'<?xml version="1.0" encoding="UTF-8"?>',
             compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A workbook of one sheet from ready-made ``<row>`` elements (streamed: a million rows take little memory)."""
    target = sheet_name[len("xl/"):] if sheet_name.startswith("xl/") else "/" + sheet_name
    with zipfile.ZipFile(path, "w", compression) as z:
        z.writestr("[Content_Types].xml", _content_types(shared is not None))
        for name, data in _rels(shared is not None, target).items():
            z.writestr(name, data)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
        with z.open(sheet_name, "w", force_zip64=True) as fh:
            fh.write(prolog + f'<worksheet xmlns="{_MAIN}"><sheetData>'.encode())
            for row in rows:
                fh.write(row)
            fh.write(b"</sheetData></worksheet>")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def shared_strings(*texts: str) -> bytes:
    items = "".join(f"<si><t>{escape(t)}</t></si>" for t in texts)
    return (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" count="{len(texts)}" '
            f'uniqueCount="{len(texts)}">{items}</sst>').encode()


def openpyxl_xlsx(path: Path, rows: Iterable[Iterable], *, merges: Iterable[str] = (), sheets: int = 1) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(list(row))
    for ref in merges:
        ws.merge_cells(ref)
    for n in range(1, sheets):
        wb.create_sheet(f"空表{n}")
    wb.save(path)
    return path


# --- the bad workbooks ------------------------------------------------------------

BOMB_BYTES = 256 << 20  # inflates to 256 MB from about 250 KB


def _shared_bomb(size: int) -> bytes:
    """A shared-strings part whose one string is ``size`` bytes: openpyxl would hold all of it at once."""
    return (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" count="1" uniqueCount="1"><si><t>'
            .encode() + b"A" * size + b"</t></si></sst>")


def _billion_laughs() -> bytes:
    entities = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10))
    return (f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [{entities}]><sst xmlns="{_MAIN}" count="1" '
            f'uniqueCount="1"><si><t>&a9;</t></si></sst>').encode()


def many_rows(count: int, header: list[str], row: Callable[[int], list]) -> Iterable[bytes]:
    yield from sheet_rows([header])
    for n in range(count):
        cells = row(n)
        yield b"".join(sheet_rows([cells])).replace(b'<row r="1">', f'<row r="{n + 2}">'.encode(), 1)


def bad_workbooks(folder: Path, header: list[str], good_row: list, *, bomb: int = BOMB_BYTES,
                  tail: int = 1_048_576) -> dict[str, Path]:
    """Every kind of bad workbook for an importer whose header and one good row are given.

    ``tail`` is how far the formatting of the last case runs (Excel's last row by default).
    """
    folder.mkdir(parents=True, exist_ok=True)
    width = len(header)
    odd = [True, datetime(2026, 1, 1), 3.5e300, -0.0, "#REF!", 12345678901234567890][:width]
    odd += [None] * (width - len(odd))
    return {
        "empty file": _bytes(folder / "empty.xlsx", b""),
        "csv in GBK named .xlsx": _bytes(folder / "gbk.xlsx", ",".join(header).encode("gbk") + b"\r\n"),
        "utf-16 text": _bytes(folder / "utf16.xlsx", "\t".join(header).encode("utf-16")),
        "random bytes": _bytes(folder / "random.xlsx", hashlib.sha256(b"x").digest() * 4000),
        "zip without a workbook": _zip(folder / "nobook.xlsx", {"hello.txt": b"hi"}),
        "old xls (OLE)": _bytes(folder / "old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
        "empty sheets": openpyxl_xlsx(folder / "blank.xlsx", [], sheets=3),
        "header only": openpyxl_xlsx(folder / "head.xlsx", [header]),
        "wrong types": openpyxl_xlsx(folder / "types.xlsx", [header, odd, [3.14159] * width, [False] * width]),
        "huge cells": openpyxl_xlsx(folder / "huge.xlsx", [header, ["张" * 32_767] * width, good_row]),
        "formulas": openpyxl_xlsx(folder / "formula.xlsx", [header, ["=1+1", "=HYPERLINK(\"http://x\")",
                                                                    "=cmd|'/c calc'!A0"] + good_row[3:], good_row]),
        "merged cells": openpyxl_xlsx(folder / "merged.xlsx", [header, good_row, good_row, [None] * width],
                                      merges=[f"A2:{_column(width - 1)}4", "A1:B1"]),
        "gbk declared, utf-8 bytes": raw_xlsx(folder / "enc.xlsx", sheet_rows([header, good_row]),
                                              prolog=b'<?xml version="1.0" encoding="GBK"?>'),
        "invalid utf-8 in a string": raw_xlsx(folder / "bytes.xlsx", [b'<row r="1"><c r="A1" t="inlineStr"><is><t>'
                                                                    b"\xff\xfe\xc3" + b"</t></is></c></row>"]),
        "shared string index out of range": raw_xlsx(folder / "sst.xlsx",
                                                     sheet_rows([header, [("s", 99)] + good_row[1:]]),
                                                     shared=shared_strings(*header)),
        "sheet part named ../": raw_xlsx(folder / "dots.xlsx", sheet_rows([header, good_row]),
                                         sheet_name="../../evil/sheet1.xml"),
        "member named ../ beside the workbook": raw_xlsx(folder / "dots2.xlsx", sheet_rows([header, good_row]),
                                                         extra={"../../evil.txt": b"x"}),
        "billion laughs": raw_xlsx(folder / "laughs.xlsx", sheet_rows([header, [("s", 0)] * width]),
                                   shared=_billion_laughs()),
        "zip bomb (shared strings)": raw_xlsx(folder / "bomb.xlsx", sheet_rows([header, [("s", 0)] * width]),
                                              shared=_shared_bomb(bomb)),
        "formatted to the last row, a bad row at the top": raw_xlsx(
            folder / "tail.xlsx", _formatted_tail([header, ["=1+1"] * width, good_row], tail)),
    }


def big_workbook(path: Path, header: list[str], row: Callable[[int], list], count: int,
                 last: list | None = None) -> Path:
    """``count`` rows made by ``row(n)`` under ``header``, then ``last`` (a bad row at the very end)."""
    rows = many_rows(count, header, row)
    if last is not None:
        rows = chain(rows, [b"".join(sheet_rows([last])).replace(b'<row r="1">', f'<row r="{count + 2}">'.encode(), 1)])
    return raw_xlsx(path, rows)


def _formatted_tail(rows: list[list], tail: int) -> Iterable[bytes]:
    """``rows``, then empty formatted rows down to row ``tail``, as a sheet formatted to its end has."""
    yield from sheet_rows(rows)
    for r in range(len(rows) + 1, tail + 1):
        yield f'<row r="{r}" s="1" customFormat="1"/>'.encode()


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


# --- packages ---------------------------------------------------------------------

def rewrite(package: Path, target: Path, change: Callable[[str, bytes], bytes | None],
            add: dict[str, bytes] | None = None, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """``package`` with each member through ``change(name, data)`` (None drops it), ``add`` appended."""
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(target, "w", compression) as out:
        for info in source.infolist():
            data = change(info.filename, source.read(info))
            if data is not None:
                out.writestr(info.filename, data)
        for name, data in (add or {}).items():
            out.writestr(name, data)
    return target


def resealed(package: Path, target: Path, member: str, change: Callable[[bytes], bytes],
             manifest_change: Callable[[dict], None] | None = None) -> Path:
    """``member`` changed and the manifest's checksum and row count made to match it, as a forger would."""
    with zipfile.ZipFile(package) as source:
        manifest = json.loads(source.read(MANIFEST))
        data = change(source.read(member)) if member else b""
    if member:
        manifest["files"][member] = {"sha256": hashlib.sha256(data).hexdigest(), "rows": data.count(b"\n")}
    if manifest_change is not None:
        manifest_change(manifest)

    def apply(name, old):
        return json.dumps(manifest).encode() if name == MANIFEST else data if name == member else old
    return rewrite(package, target, apply)


def package_bomb(package: Path, target: Path, member: str, size: int) -> Path:
    """``member`` replaced by ``size`` newlines, its checksum and count in the manifest made to match."""
    digest = hashlib.sha256()
    chunk = b"\n" * (1 << 20)
    for _ in range(size >> 20):
        digest.update(chunk)
    with zipfile.ZipFile(package) as source:
        manifest = json.loads(source.read(MANIFEST))
    manifest["files"][member] = {"sha256": digest.hexdigest(), "rows": (size >> 20) << 20}
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename == member:
                with out.open(member, "w", force_zip64=True) as fh:
                    for _ in range(size >> 20):
                        fh.write(chunk)
            else:
                out.writestr(info.filename, json.dumps(manifest).encode() if info.filename == MANIFEST
                             else source.read(info))
    return target


def _patched_headers(package: Path, target: Path, patch: Callable[[bytearray, int, bool], None]) -> Path:
    """``package`` with every local and central header passed through ``patch(data, offset, central)``."""
    data = bytearray(package.read_bytes())
    for signature, central in ((b"PK\x03\x04", False), (b"PK\x01\x02", True)):
        at = data.find(signature)
        while at >= 0:
            patch(data, at, central)
            at = data.find(signature, at + 4)
    target.write_bytes(bytes(data))
    return target


def encrypted(package: Path, target: Path) -> Path:
    """Every member flagged as encrypted (general purpose bit 0), as a zip made with a password."""
    def flag(data: bytearray, at: int, central: bool) -> None:
        data[at + (8 if central else 6)] |= 1
    return _patched_headers(package, target, flag)


def unknown_method(package: Path, target: Path, method: int = 98) -> Path:
    """Every member said to be compressed with ``method`` (98: PPMd, which zipfile cannot read)."""
    def mark(data: bytearray, at: int, central: bool) -> None:
        offset = at + (10 if central else 8)
        data[offset:offset + 2] = method.to_bytes(2, "little")
    return _patched_headers(package, target, mark)


def _twice(package: Path, target: Path, member: str) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate: it is the point
        return rewrite(package, target, lambda n, d: d, add={member: b""})


def bad_packages(good: Path, folder: Path, township: Path, village: Path) -> dict[str, tuple[Path, str]]:
    """Bad packages made from the genuine ``good`` one, each with what its refusal must say.

    These add to tests/documents/package/test_package.py's cases (tampered, missing, extra, ``../``
    member, unknown format, no manifest, wrong count, truncated, zip bomb), test_contents.py's
    forged lines and test_trust.py's seals and signatures.  Each bad zip is made from the zip
    inside ``good`` (opened with the ``township``'s key), its manifest signed again with the
    ``village``'s own key where it was changed, and sealed for the township again: what it is
    refused for is the zip, not the seal or the signature.
    """
    from tests.helpers.packages import sealed, signed_by, unsealed  # imports this module: not at its top

    folder.mkdir(parents=True, exist_ok=True)
    plain = unsealed(good, township, folder / "good.zip")
    households = "data/households.jsonl"

    def manifest(change: Callable[[dict], None], name: str) -> Path:
        return resealed(plain, folder / name, "", lambda d: d, change)

    def line(member: str, text: bytes, name: str) -> Path:
        return resealed(plain, folder / name, member, lambda d: d + text)

    many = {f"data/extra{n}.jsonl": b"" for n in range(MAX_MEMBERS)}
    zips = {
        "empty zip": (rewrite(plain, folder / "nothing.zip", lambda n, d: None), "缺少清单"),
        "a workbook, not a package": (openpyxl_xlsx(folder / "book.zip", [["姓名"], ["张三"]]), "缺少清单"),
        "manifest is a list": (rewrite(plain, folder / "list.zip",
                                       lambda n, d: b"[1, 2]" if n == MANIFEST else d), "清单文件 manifest.json 已损坏"),
        "manifest in GBK": (rewrite(plain, folder / "gbkman.zip", lambda n, d: d.decode().replace(
            '"name": "', '"name": "\u6751').encode("gbk", "replace") if n == MANIFEST else d), "清单"),
        "manifest of 2 MB": (rewrite(plain, folder / "bigman.zip", lambda n, d: d[:-1] + b', "pad": "' +
                                     os.urandom(1 << 20).hex().encode() + b'"}' if n == MANIFEST else d),
                             "清单文件 manifest.json 过大"),
        "sequence is true": (manifest(lambda m: m.update(sequence=True), "bool.zip"), "不完整或不合规"),
        "village code with ../": (manifest(lambda m: m["village"].update(code="../../x"), "code.zip"),
                                  "不完整或不合规"),
        "chain count as text": (manifest(lambda m: m["chain"].update(count="0"), "chain.zip"), "不完整或不合规"),
        "signer missing": (manifest(lambda m: m.pop("signer"), "signer.zip"), "不完整或不合规"),
        "row count as text": (manifest(lambda m: m["files"][households].update(rows=str(m["files"][households]
                                                                                          ["rows"])), "rows.zip"),
                              '清单上写的是 "'),
        "file entry not an object": (manifest(lambda m: m["files"].update({households: "abc"}), "entry.zip"),
                                     "不在数据包里"),
        "table outside data/": (manifest(lambda m: m["tables"]["households"].update(file="audit.jsonl"), "out.zip"),
                                "记录不完整"),
        "line in GBK": (line(households, '{"uid": "x", "name": "张三"}\n'.encode("gbk"), "gbk.zip"),
                        "“data/households.jsonl”第 3 行不是有效的记录"),
        "line with a number for uid": (line(households, b'{"uid": 5}\n', "uid.zip"), "第 3 行"),
        "deletion in GBK": (line("deleted.jsonl", '{"table": "households", "uid": "张"}\n'.encode("gbk"),
                                 "del.zip"), "“deleted.jsonl”第 1 行不是有效的记录"),
        "figures not JSON": (resealed(plain, folder / "fig.zip", "figures.json", lambda d: b"\xff[1,"),
                             "figures.json"),
        "absolute member name": (rewrite(plain, folder / "abs.zip", lambda n, d: d, add={"/etc/passwd": b"x"}),
                                 "不安全"),
        "backslash ..\\ member name": (rewrite(plain, folder / "bs.zip", lambda n, d: d,
                                               add={"..\\..\\evil.txt": b"x"}), "不安全"),
        "member twice": (_twice(plain, folder / "twice.zip", households), "出现了两次"),
        f"{MAX_MEMBERS + 10} members": (rewrite(plain, folder / "many.zip", lambda n, d: d, add=many), "个文件"),
        "encrypted members": (encrypted(plain, folder / "enc.zip"), "加了密码"),
        "unknown compression": (unknown_method(plain, folder / "ppmd.zip"), "不认识的压缩方式"),
        "not a zip inside": (_bytes(folder / "text.zip", "会议记录".encode() * 100), "不是完整的 zip"),
    }
    # A changed manifest signed again by the village, so that what is refused is the change itself.
    changed = {"sequence is true", "village code with ../", "chain count as text", "signer missing",
               "row count as text", "file entry not an object", "table outside data/", "line in GBK",
               "line with a number for uid", "deletion in GBK", "figures not JSON"}
    cases = {}
    for name, (path, message) in zips.items():
        if name in changed:
            signed_by(path, village)
        cases[name] = (sealed(path, township, path.with_suffix(".vdpkg")), message)
    cases["empty file"] = (_bytes(folder / "empty.vdpkg", b""), "不是村务通的数据包")
    cases["a workbook, not sealed"] = (openpyxl_xlsx(folder / "open-book.vdpkg", [["姓名"], ["张三"]]), "不是村务通的数据包")
    cases["the genuine zip, not sealed"] = (plain, "旧版")
    return cases
