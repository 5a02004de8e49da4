"""A township's package for its county: written from the village packages it kept, read back at the county.

Real village and township files, real signed and sealed village packages taken by the township, a
real county card (tests.helpers.factories.county_card) and its identity; the bad township packages
are made from good ones by opening them with the county's identity, changing the zip and sealing it
again, as someone holding the keys could (docs/PACKAGES.md "A township package").
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pyrage
import pytest

from tests.documents.package.test_package import take, write
from tests.helpers.bad_files import rewrite as rewrite_zip
from tests.helpers.factories import county_card, join, package_village, valid_uscc
from tests.helpers.packages import unsealed
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.core.register import people
from villagedesk.core.township import county, keys
from villagedesk.core.township import merge as township
from villagedesk.documents.package.layout import MANIFEST, SIGNATURE
from villagedesk.documents.package.reader import read_package
from villagedesk.documents.package.township_reader import read_township_package
from villagedesk.documents.package.township_writer import write_township_package
from villagedesk.errors import UserError
from villagedesk.store import open_store

# Every test writes, takes and forwards real sealed packages: in the full suite, not the quick run.
pytestmark = pytest.mark.slow

SECOND = valid_uscc("54431322MJ2222222")


def _township(path: Path, name: str, code: str) -> Path:
    with open_store(path) as store:
        save_profile(store, Profile(name, code, name, "新化县", "赵干事", "07387654321"))
        township.set_township(store, True)
    return path


@pytest.fixture
def chain(tmp_path, township_db, village_db, stick, laptop_temp):
    """Two villages' first packages taken by the township, which joined its county."""
    second = tmp_path / "second.sqlite3"
    package_village(second, code=SECOND)
    join(second, township_db)
    for village in (village_db, second):
        take(township_db, write(village, stick))
    card, text, identity = county_card()
    with open_store(township_db) as store:
        county.join_county(store, card, text)
        own = keys.township_card(store)[0]
    out = stick.parent / "to-county"
    out.mkdir()
    return SimpleNamespace(township=township_db, villages=(village_db, second), stick=stick, out=out, card=card,
                           identity=identity, own=own, laptop=laptop_temp)


def forward(c, **kw):
    with open_store(c.township) as store:
        return write_township_package(store, c.out, **kw)


def read(c, path: Path, identity=None):
    return read_township_package(path, identity or c.identity, own=c.card.fingerprint)


# --- what the township keeps ------------------------------------------------------------------

def test_the_township_keeps_each_village_package_as_the_village_made_it(chain, tmp_path):
    first = write(chain.villages[0], chain.stick)  # the village's second package: incremental
    take(chain.township, first)
    inside = unsealed(first, chain.township, tmp_path / "inside.zip").read_bytes()
    with open_store(chain.township, write=False) as store:
        kept = store.row("SELECT * FROM tw_payloads WHERE sequence = 2")
    assert kept["data"] == inside and kept["sha256"] == hashlib.sha256(inside).hexdigest()
    assert (kept["full"], kept["bytes"], kept["sent_in"]) == (0, len(inside), None)
    assert list(chain.laptop.iterdir()) == []


def test_a_package_taken_again_keeps_nothing_twice(chain):
    again = sorted(chain.stick.iterdir())[0]
    with open_store(chain.township, write=False) as store:
        before = store.scalar("SELECT count(*) FROM tw_payloads")
    assert take(chain.township, again).already
    with open_store(chain.township, write=False) as store:
        assert store.scalar("SELECT count(*) FROM tw_payloads") == before == 2


def test_the_package_is_kept_in_the_merge_s_own_transaction(township_db, village_db, stick):
    # A payload that cannot be kept (here a trigger refuses it, as a full disk would) takes the merge back with it.
    with open_store(township_db) as store, store.atomic():
        store.conn.execute("CREATE TRIGGER no_payloads BEFORE INSERT ON tw_payloads BEGIN "
                           "SELECT RAISE(ABORT, 'no room'); END")
    with pytest.raises(Exception, match="no room"):
        take(township_db, write(village_db, stick))
    with open_store(township_db, write=False) as store:
        assert store.scalar("SELECT count(*) FROM tw_villages") == 0
        assert store.scalar("SELECT count(*) FROM tw_rows") == 0
        assert store.scalar("SELECT count(*) FROM tw_packages") == 0


# --- writing and reading back -------------------------------------------------------------------

def test_a_township_package_reads_back_with_every_village_package_verified(chain):
    written = forward(chain)
    assert written.path.name == f"VT-{chain.own.fingerprint.replace(' ', '')[:8]}-0001-20261116.vdpkg"
    assert (written.sequence, written.full, written.villages, written.payloads, written.warning) == (1, True, 2, 2,
                                                                                                    None)
    assert [p.name for p in chain.out.iterdir()] == [written.path.name]  # nothing left beside it
    with read(chain, written.path) as package:
        assert package.card == chain.own and package.signer == chain.own.signing_key
        assert package.sealed_for == chain.card.fingerprint and (package.sequence, package.previous) == (1, None)
        got = [(entry["code"], entry["sequence"], entry["full"], inner.village["code"], inner.sealed_for)
               for entry, inner in package.villages()]
        assert sorted(got) == sorted([(code, 1, True, code, chain.own.fingerprint)
                                      for code in (package.payloads[0][0]["code"], SECOND)])
        for _entry, inner in package.villages():
            assert {h["code"] for h in inner.rows("households")} == {"HH001", "HH002"}
        temporary = [package.path, *(inner.path for _entry, inner in package.villages())]
    assert not any(p.exists() for p in temporary) and list(chain.laptop.iterdir()) == []
    with open_store(chain.township, write=False) as store:
        (recorded,) = county.county_packages(store)
        assert store.scalar("SELECT count(*) FROM tw_payloads WHERE sent_in = 1") == 2
    assert (recorded["file_name"], recorded["counts"]) == (written.path.name,
                                                           {"villages": 2, "payloads": 2,
                                                            "bytes": recorded["counts"]["bytes"]})


def test_the_next_package_carries_only_what_was_not_sent_and_full_carries_all(chain):
    forward(chain)
    with open_store(chain.villages[0]) as store:
        people.add_household(store, code="HH003", group_name="一组")
    take(chain.township, write(chain.villages[0], chain.stick))
    second = forward(chain)
    assert (second.sequence, second.full, second.payloads) == (2, False, 1)
    with read(chain, second.path) as package:
        assert package.previous == 1
        ((entry, inner),) = package.villages()
        assert (entry["sequence"], entry["full"]) == (2, False) and not inner.full
    everything = forward(chain, full=True)
    assert (everything.sequence, everything.full, everything.payloads) == (3, True, 3)
    with read(chain, everything.path) as package:
        assert len(package.payloads) == 3


def test_a_village_merged_before_this_program_kept_packages_is_named(chain):
    with open_store(chain.township) as store, store.atomic():
        store.conn.execute("DELETE FROM tw_payloads WHERE village_code = ?", (SECOND,))
    written = forward(chain)
    assert written.payloads == 1
    assert written.warning is not None and "油溪桥村" in written.warning and "--full" in written.warning


def test_nothing_is_written_before_the_township_joined_its_county(tmp_path, township_db, stick):
    with open_store(township_db) as store, pytest.raises(UserError, match="还没有加入县"):
        write_township_package(store, stick)
    assert list(stick.iterdir()) == []


# --- forgeries --------------------------------------------------------------------------------

def reworked(c, package: Path, change, *, signer=None, recipient: str | None = None) -> Path:
    """``package`` opened with the county's identity, its members through ``change(name, data)``, signed again
    by ``signer`` (a township database; None keeps the old signature), sealed for the county again."""
    plain = package.with_name("plain.zip")
    with open(package, "rb") as source, open(plain, "wb") as out:
        pyrage.decrypt_io(source, out, [c.identity])
    edited = package.with_name("edited.zip")
    rewrite_zip(plain, edited, change, compression=zipfile.ZIP_STORED)
    if signer is not None:
        with zipfile.ZipFile(edited) as archive:
            manifest = archive.read(MANIFEST)
        with open_store(signer, write=False) as store:
            signature = keys.sign(store, manifest, keys.TOWNSHIP_SIGNING).encode()
        resigned = package.with_name("resigned.zip")
        rewrite_zip(edited, resigned, lambda n, d: signature if n == SIGNATURE else d,
                    compression=zipfile.ZIP_STORED)
        edited = resigned
    target = package.with_name("forged-" + package.name)
    with open(edited, "rb") as source, open(target, "wb") as out:
        pyrage.encrypt_io(source, out, [pyrage.x25519.Recipient.from_str(recipient or c.card.recipient)])
    return target


def manifest_edit(edit):
    def change(name: str, data: bytes) -> bytes:
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        edit(manifest)
        return json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
    return change


def refused(c, path: Path, match: str, identity=None) -> str:
    with pytest.raises(UserError, match=match) as error:
        read(c, path, identity)
    assert "\n" not in str(error.value) and path.name in str(error.value)
    assert list(c.laptop.iterdir()) == []  # nothing left of what was opened
    return str(error.value)


def test_a_changed_byte_is_refused(chain):
    path = forward(chain).path
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    refused(chain, path, "已损坏或被改动过")


def test_a_changed_village_package_is_refused(chain):
    path = forward(chain).path

    def change(name: str, data: bytes) -> bytes:
        return data[:100] + bytes([data[100] ^ 1]) + data[101:] if name.startswith("villages/") else data
    refused(chain, reworked(chain, path, change), "校验值与清单不符")


def test_a_swapped_village_package_is_refused(chain):
    path = forward(chain).path
    with zipfile.ZipFile(_opened(chain, path)) as archive:
        members = [n for n in archive.namelist() if n.startswith("villages/")]
        contents = {n: archive.read(n) for n in members}
    first, second = members

    def swap(name: str, data: bytes) -> bytes:
        return contents[second] if name == first else contents[first] if name == second else data
    refused(chain, reworked(chain, path, swap), "校验值与清单不符")

    # Even with the checksums made to match and signed again by the township's own key, the village
    # package inside says which village and sequence it is.
    def listed_swapped(manifest: dict) -> None:
        a, b = manifest["villages"]
        a["sha256"], b["sha256"] = b["sha256"], a["sha256"]
        a["bytes"], b["bytes"] = b["bytes"], a["bytes"]

    def both(name: str, data: bytes) -> bytes:
        return manifest_edit(listed_swapped)(name, swap(name, data))
    refused(chain, reworked(chain, path, both, signer=chain.township), "与清单写的村、编号或大小不符")


def test_a_village_package_of_another_township_is_refused(chain, tmp_path):
    other = _township(tmp_path / "other.sqlite3", "桑梓镇", valid_uscc("54431322MJ7654321"))
    stray = tmp_path / "stray.sqlite3"
    code = valid_uscc("54431322MJ3333333")
    package_village(stray, code=code, township_name="桑梓镇")
    join(stray, other)
    foreign = unsealed(write(stray, chain.stick), other, tmp_path / "foreign.zip").read_bytes()
    path = forward(chain).path
    member = f"villages/{code}-0001.zip"

    def add(manifest: dict) -> None:
        manifest["villages"].append({"member": member, "code": code, "name": "油溪桥村", "sequence": 1, "full": True,
                                     "sha256": hashlib.sha256(foreign).hexdigest(), "bytes": len(foreign)})

    def change(name: str, data: bytes) -> bytes:
        return manifest_edit(add)(name, data)
    forged = reworked(chain, path, change, signer=chain.township)
    # rewrite_zip cannot add after the manifest: the member goes in by a second pass.
    with_member = forged.with_name("with-member.vdpkg")
    plain = forged.with_name("p2.zip")
    with open(forged, "rb") as source, open(plain, "wb") as out:
        pyrage.decrypt_io(source, out, [chain.identity])
    with zipfile.ZipFile(plain, "a") as archive:
        archive.writestr(member, foreign)
    with open(plain, "rb") as source, open(with_member, "wb") as out:
        pyrage.encrypt_io(source, out, [pyrage.x25519.Recipient.from_str(chain.card.recipient)])
    message = refused(chain, with_member, "是为另一个乡镇")
    assert member in message


def test_a_manifest_signed_by_another_key_is_refused(chain, tmp_path):
    other = _township(tmp_path / "other.sqlite3", "桑梓镇", valid_uscc("54431322MJ7654321"))
    path = forward(chain).path
    refused(chain, reworked(chain, path, manifest_edit(lambda m: None), signer=other), "签名与内容不符")
    with open_store(other, write=False) as store:
        other_card, other_signature = keys.township_card(store)

    def claim(manifest: dict) -> None:
        manifest["signer"] = other_card.signing_key
    refused(chain, reworked(chain, path, manifest_edit(claim), signer=other), "不是清单中乡镇卡片上的密钥")

    def impersonate(manifest: dict) -> None:  # the other township's card and key throughout
        manifest["signer"] = other_card.signing_key
        manifest["township"] = json.loads(other_card.to_json(other_signature))
    refused(chain, reworked(chain, path, manifest_edit(impersonate), signer=other), "是为另一个乡镇")


def test_a_package_for_another_county_is_refused_and_a_village_reader_cannot_open_it(chain):
    path = forward(chain).path
    _card, _text, stranger = county_card("隆回县")
    refused(chain, path, "不是为本县加密的", identity=stranger)
    with open_store(chain.township, write=False) as store, pytest.raises(UserError, match="不是为本乡镇加密的"):
        read_package(path, store)


def _opened(c, package: Path) -> Path:
    plain = package.with_name("peek.zip")
    with open(package, "rb") as source, open(plain, "wb") as out:
        pyrage.decrypt_io(source, out, [c.identity])
    return plain
