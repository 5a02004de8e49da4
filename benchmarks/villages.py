"""Many small villages for the benchmarks, made cheaply but each honestly its own (bench_sync, bench_county).

Building a demo village takes seconds; a benchmark needs tens or hundreds of them.  So one small
demo is built once and every village is a copy of it given what makes a village itself: its own
name and code (统一社会信用代码) in its profile, its own signing key (a copy would otherwise share
the demo's with every other copy), the card of the township it joins; then it writes its own full
package, signed with that key and sealed for that township, by the program's own writer.  The records
inside are the demo's (same households, same uids): a township and a county key every record by its
village as well as its uid (docs/PACKAGES.md), so villages with the same records are still separate.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from villagedesk.core.common.ids import uscc_check_char  # noqa: E402
from villagedesk.core.common.village import Profile, get_profile, save_profile  # noqa: E402
from villagedesk.core.township import keys  # noqa: E402
from villagedesk.core.township import merge as township  # noqa: E402
from villagedesk.demo.village import build_demo  # noqa: E402
from villagedesk.documents.package import writer  # noqa: E402
from villagedesk.documents.package.writer import write_package  # noqa: E402
from villagedesk.store import open_store  # noqa: E402

NAMES = "青溪桥 油溪桥 白沙 石门 枫木 桃花 竹山 龙塘 茶园 高坪".split()
#: The township of bench_sync, and the first of bench_county's.
TOWNSHIP = "天门乡"
COUNTY = "新化县"


def code(n: int) -> str:
    """A valid 统一社会信用代码 of its own for village (or township) number ``n`` (< 1,000,000)."""
    first17 = f"54431322MF8{n:06d}"
    return first17 + uscc_check_char(first17)


def village_name(n: int) -> str:
    return f"{NAMES[n % 10]}{n // 10 + 1}村"


def build_small_demo(path: Path) -> None:
    """The one small demo village every benchmark village is copied from."""
    with open_store(path) as store:
        build_demo(store, size="small", seed=1)


def make_township(path: Path, name: str = TOWNSHIP, number: int = 999) -> str:
    """A township database ``name`` at ``path`` (its code ``code(number)``); returns its card (JSON), what its
    villages join."""
    with open_store(path) as store:
        save_profile(store, Profile(name, code(number), name, COUNTY, "王干事", "07381234567"))
        township.set_township(store, True)
        card, signature = keys.township_card(store)
    return card.to_json(signature)


def join(store, card_json: str) -> None:
    keys.join_township(store, keys.parse_card(card_json), card_json)


def new_key() -> tuple[str, str]:
    from villagedesk.store.migrations.v0008_trust import new_signing_key

    return new_signing_key()


def village_package(demo: Path, n: int, stick: Path, card: str, township_name: str | None = None) -> Path:
    """Copy the demo as village ``n`` (its own name and code, its own key, joined to the township of ``card``,
    named ``township_name`` in its profile when given) and write its full package onto ``stick``; the copy is
    removed afterwards.  Returns the package."""
    path = stick.parent / f"village-{n:04d}.sqlite3"
    shutil.copy(demo, path)
    with open_store(path, backup_on_open=False) as store:
        own = get_profile(store)
        save_profile(store, Profile(village_name(n), code(n), township_name or own.township, own.county,
                                    own.clerk, own.phone))
        # A new database of its own: a copy would share the demo's signing key with every other copy.
        store.conn.execute("UPDATE keys SET private = ?, public = ? WHERE role = 'village-signing'", new_key())
        store.conn.commit()
        join(store, card)
        written = write_package(store, stick, full=True)
    path.unlink()
    Path(str(path) + writer.SENT_SUFFIX).unlink(missing_ok=True)
    return written


def derived_package(first: Path, n: int, stick: Path, card: str, township_identity, township_name: str) -> Path:
    """Village ``n``'s full package, derived from ``first`` (another copy's full package for the township of
    ``card``, which ``township_identity`` opens) instead of writing the same records out again: what makes it village
    ``n``'s own is changed and everything else copied as it is.  Its profile record (``data/village.jsonl``)
    and the manifest say its own name and code; the manifest lists the changed record's checksum, is made
    now and is signed with a new key of its own; the zip is sealed for the township by the writer's own
    steps (sign_manifest, seal_onto).  The township verifies and merges it like any other; its records are
    the demo's, as every copy's are.  It takes a fraction of the time writing it does (bench_county prints both)."""
    import base64
    import hashlib
    import json
    import tempfile
    import zipfile

    import orjson
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from villagedesk import clock
    from villagedesk.documents.package.layout import MANIFEST, SIGNATURE, data_file, package_name
    from villagedesk.documents.package.seal import unseal
    from villagedesk.documents.package.writer import seal_onto, sign_manifest

    private, public = new_key()
    signer = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private))
    with tempfile.TemporaryDirectory(prefix="vd-bench-derive-") as scratch:
        opened, plain = Path(scratch) / "first.zip", Path(scratch) / "package.zip"
        with open(first, "rb") as source, open(opened, "wb") as target:
            unseal(source, target, township_identity)
        with zipfile.ZipFile(opened) as original, zipfile.ZipFile(plain, "w", zipfile.ZIP_DEFLATED,
                                                                          compresslevel=1) as archive:
            manifest = json.loads(original.read(MANIFEST))
            old_name = manifest["village"]["name"]
            manifest["village"].update(code=code(n), name=village_name(n), township=township_name)
            profile_member = data_file("village")
            files = {}
            for info in original.infolist():
                if info.filename in (MANIFEST, SIGNATURE):
                    continue
                data, member = original.read(info), info.filename
                if member == profile_member:
                    profiles = [orjson.loads(line) for line in data.splitlines() if line.strip()]
                    for profile in profiles:
                        profile.update(code=code(n), name=village_name(n), township=township_name)
                    data = b"".join(orjson.dumps(profile, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)
                                    for profile in profiles)
                    files[member] = {**manifest["files"][member], "sha256": hashlib.sha256(data).hexdigest()}
                else:  # the workbook is named by its village
                    files[member.replace(old_name, village_name(n))] = manifest["files"][member]
                    member = member.replace(old_name, village_name(n))
                # Compressed again, lightly: the members are the same, only the zip around them is new.
                archive.writestr(zipfile.ZipInfo(member, info.date_time), data, compress_type=info.compress_type,
                                 compresslevel=1)
            manifest.update(files=files, signer=public, created_at=clock.timestamp())
            sign_manifest(archive, manifest, lambda data: base64.b64encode(signer.sign(data)).decode("ascii"))
        path = stick / package_name(code(n), manifest["sequence"], clock.today().isoformat())
        seal_onto(plain, path, keys.parse_card(card).recipient)
    return path


def village_package_task(args: tuple) -> Path:
    """:func:`village_package` for a process pool's map (one tuple of its arguments)."""
    return village_package(*args)


__all__ = ["COUNTY", "NAMES", "TOWNSHIP", "build_small_demo", "code", "join", "make_township", "new_key",
           "village_name", "village_package", "village_package_task"]
