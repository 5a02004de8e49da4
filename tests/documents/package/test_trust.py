"""A package only its village could have made and only its township can read (docs/PACKAGES.md).

Real village and township files, real sealed packages; the bad ones are made
from good ones by flipping bytes, or by opening them with the township's key
and changing them as a forger would (tests/helpers/packages.py).  Every refusal
leaves the township file byte for byte unchanged and no temporary file behind.
"""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from tests.documents.package.test_package import CODE, digest, opened, take, write
from tests.helpers.factories import join, package_village, valid_id, valid_uscc
from tests.helpers.packages import forged_member, manifest_of, repackaged, rewrite_zip, unsealed
from villagedesk.cli import main
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.core.points.ledger import GENESIS
from villagedesk.core.register import people
from villagedesk.core.township import keys
from villagedesk.core.township import merge as township
from villagedesk.documents.package import writer
from villagedesk.documents.package.importer import import_order
from villagedesk.documents.package.layout import MANIFEST, SIGNATURE
from villagedesk.documents.package.seal import AGE_MAGIC
from villagedesk.errors import UserError
from villagedesk.store import open_store, restore

# Every test here writes and opens real signed, sealed packages (a few tenths of a second each):
# in the full suite, not in the quick `-m "not slow"` run.
pytestmark = pytest.mark.slow


def refused(township_db: Path, package: Path, match: str) -> str:
    """Taking ``package`` is refused saying ``match``, and the township file is byte for byte the same."""
    before = digest(township_db)
    with pytest.raises(UserError, match=match) as error:
        take(township_db, package)
    assert digest(township_db) == before
    assert "\n" not in str(error.value)
    return str(error.value)


def other_township(tmp_path: Path, name: str = "桑梓镇") -> Path:
    path = tmp_path / f"{name}.sqlite3"
    with open_store(path) as store:
        save_profile(store, Profile(name, valid_uscc("54431322MJ7654321"), name, "新化县", "赵干事", "07387654321"))
        township.set_township(store, True)
    return path


# --- what the village writes ------------------------------------------------------------------

def test_a_package_is_sealed_signed_and_round_trips(village_db, township_db, stick, laptop_temp):
    path = write(village_db, stick)
    assert path.name.endswith(".vdpkg") and path.read_bytes().startswith(AGE_MAGIC)
    with open_store(village_db, write=False) as store:
        signer, card = keys.public_key(store), keys.trusted_township(store)
        (recorded,) = writer.package_history(store)
    with opened(path, township_db) as package:
        assert package.signer == signer and package.sealed_for == card.fingerprint
        assert package.chain == {"count": 0, "head": GENESIS} and package.restored is None
        assert package.manifest["format_version"] == 2
        inside = package.path
        assert inside.parent == laptop_temp  # opened on the township's own disk
    assert not inside.exists()  # and removed once closed
    assert (recorded["chain_count"], recorded["chain_head"]) == (0, GENESIS)
    assert recorded["sha256"] == digest(path)
    assert take(township_db, path).new_village
    assert list(laptop_temp.iterdir()) == []  # nothing left by writing or by taking it


def test_the_manifest_signature_covers_its_exact_bytes(village_db, township_db, stick, tmp_path):
    path = write(village_db, stick)
    with zipfile.ZipFile(unsealed(path, township_db, tmp_path / "inside.zip")) as archive:
        manifest, signature = archive.read(MANIFEST), archive.read(SIGNATURE).decode()
    assert keys.signature_valid(json.loads(manifest)["signer"], manifest, signature)
    assert not keys.signature_valid(json.loads(manifest)["signer"], manifest + b" ", signature)


def test_a_points_chain_position_travels_and_is_recorded(tmp_path, township_db, stick):
    from villagedesk.core.points import ledger
    from villagedesk.demo.village import build_demo

    village = tmp_path / "demo.sqlite3"
    with open_store(village) as store:
        build_demo(store, size="small", seed=7)
        join(store, township_db)
        count, head = ledger.chain_head(store)
    assert count > 0
    path = write(village, stick)
    assert manifest_of(path, township_db)["chain"] == {"count": count, "head": head}
    with open_store(village, write=False) as store:
        recorded = writer.package_history(store)[0]
    assert (recorded["chain_count"], recorded["chain_head"]) == (count, head)


def test_a_lost_stick_shows_nobody_a_name_a_number_or_any_word(tmp_path, township_db, stick):
    village = tmp_path / "village.sqlite3"
    package_village(village)
    born = date(1982, 6, 9)
    people_sent = [("张秀英", valid_id(born, 17), "13907381234"), ("王建国", valid_id(born, 31), "15873829911")]
    with open_store(village) as store:
        house = people.household_by_code(store, "HH001")
        people.update_household(store, house["id"], phone="13512345678", address="油溪桥村三组 12 号")
        for name, number, phone in people_sent:
            people.add_person(store, house["id"], name=name, id_number=number, phone=phone, relation="女")
        join(store, township_db)
    path = write(village, stick)
    data = path.read_bytes()
    assert data.startswith(AGE_MAGIC)
    words = ["油溪桥", "户主1", "李文书", "三组", "一组", "天门乡", "新化县", CODE, "13512345678", "13812341234",
             "manifest", "households", "persons", ".jsonl", ".xlsx", "PK\x03\x04"]
    for name, number, phone in people_sent:
        words += [name, number, number[:6] + number[-4:], phone]
    for word in words:
        for form in {word.encode("utf-8"), word.encode("gbk"), word.encode("utf-16-le"),
                     json.dumps(word).encode()}:
            # Four bytes turn up by chance in tens of kilobytes of ciphertext about once in 10^5 runs.
            assert len(form) < 6 or form not in data, word
    # The name on the stick says only the village code, the sequence and the day.
    assert path.name == f"VD-{CODE}-0001-20261116.vdpkg"


# --- what the township refuses ----------------------------------------------------------------

def test_a_manifest_changed_without_its_signature_is_refused(village_db, township_db, stick, tmp_path,
                                                             laptop_temp):
    good = write(village_db, stick)

    def more_households(name: str, data: bytes) -> bytes:
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["village"]["name"] = "别的村"
        return json.dumps(manifest, ensure_ascii=False).encode()
    changed = repackaged(good, tmp_path / "manifest.vdpkg", township_db, more_households)
    assert "签名与内容不符" in refused(township_db, changed, "签名与内容不符")
    # A member changed and the manifest's checksums made to match it, but signed by nobody.
    member = repackaged(good, tmp_path / "member.vdpkg", township_db, forged_member(
        "data/households.jsonl", lambda d: d.replace(b"HH001", b"HH009")))
    refused(township_db, member, "签名与内容不符")
    # Signed again by another key, the manifest still naming the village's: not the signer's signature.
    forger = tmp_path / "forger.sqlite3"
    package_village(forger)
    resigned = repackaged(good, tmp_path / "resigned.vdpkg", township_db, forged_member(
        "data/households.jsonl", lambda d: d.replace(b"HH001", b"HH009")), signer=forger)
    refused(township_db, resigned, "签名与内容不符")
    unsigned = repackaged(good, tmp_path / "unsigned.vdpkg", township_db, lambda n, d: None if n == SIGNATURE else d)
    refused(township_db, unsigned, "缺少村里的签名")
    assert list(laptop_temp.iterdir()) == []
    take(township_db, good)  # the genuine package still goes in


def test_a_package_for_another_township_cannot_be_opened_here(tmp_path, township_db, stick, laptop_temp):
    other = other_township(tmp_path)
    village = tmp_path / "elsewhere.sqlite3"
    package_village(village, code=valid_uscc("54431322MJ5555555"), township_name="桑梓镇")
    join(village, other)
    path = write(village, stick)
    assert "不是为本乡镇加密的" in refused(township_db, path, "不是为本乡镇加密的")
    assert list(laptop_temp.iterdir()) == []
    assert take(other, path).new_village  # its own township opens it


def test_a_package_naming_another_townships_card_is_refused(village_db, township_db, stick, tmp_path):
    good = write(village_db, stick)

    def elsewhere(name: str, data: bytes) -> bytes:
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["sealed_for"] = "0000 1111 2222 3333 4444 5555 6666 7777"
        return json.dumps(manifest, ensure_ascii=False).encode()
    # Signed by the village itself: only the fingerprint says it was made for another township.
    bad = repackaged(good, tmp_path / "elsewhere.vdpkg", township_db, elsewhere, signer=village_db)
    assert "0000 1111" in refused(township_db, bad, "为另一个乡镇")


def test_a_flipped_byte_anywhere_is_refused_and_changes_nothing(village_db, township_db, stick, tmp_path,
                                                               laptop_temp):
    good = write(village_db, stick)
    data = good.read_bytes()
    header_end = data.index(b"\n---") + 4
    for name, at in (("header", 30), ("mac", header_end - 2), ("body", (header_end + len(data)) // 2),
                     ("last byte", len(data) - 1)):
        bad = tmp_path / f"{name}.vdpkg"
        flipped = bytearray(data)
        flipped[at] ^= 0x01
        bad.write_bytes(bytes(flipped))
        refused(township_db, bad, "不是为本乡镇加密的|已损坏或被改动过")
    cut = tmp_path / "cut.vdpkg"
    cut.write_bytes(data[:-100])
    refused(township_db, cut, "已损坏或被改动过")
    assert list(laptop_temp.iterdir()) == []
    take(township_db, good)


def test_files_that_are_no_package_are_refused_clearly(village_db, township_db, stick, tmp_path):
    good = write(village_db, stick)
    old = tmp_path / f"VD-{CODE}-0001-20261116.zip"
    rewrite_zip(unsealed(good, township_db, tmp_path / "inside.zip"), old, lambda n, d: d)
    message = refused(township_db, old, "旧版（第 1 版）数据包")
    assert "join-township" in message
    cut_old = tmp_path / f"VD-{CODE}-0002-20261116.zip"
    cut_old.write_bytes(old.read_bytes()[:200])  # a format-1 package cut short on the stick
    refused(township_db, cut_old, "旧版")
    empty = tmp_path / "empty.vdpkg"
    empty.write_bytes(b"")
    refused(township_db, empty, "不是村务通的数据包")
    text = tmp_path / "notes.vdpkg"
    text.write_text("会议记录", encoding="utf-8")
    refused(township_db, text, "不是村务通的数据包")
    # Format 1 inside a good seal (an old zip sealed by someone): still format 1, still refused.
    one = repackaged(good, tmp_path / "one.vdpkg", township_db, lambda n, d: json.dumps(
        {**json.loads(d), "format_version": 1}).encode() if n == MANIFEST else d, signer=village_db)
    refused(township_db, one, "旧版")


def test_the_command_line_refuses_a_sealed_for_elsewhere_package_in_one_line(tmp_path, township_db, stick, capsys):
    other = other_township(tmp_path)
    village = tmp_path / "elsewhere.sqlite3"
    package_village(village, code=valid_uscc("54431322MJ5555555"), township_name="桑梓镇")
    join(village, other)
    path = write(village, stick)
    before = digest(township_db)
    assert main(["import-package", str(path), "--db", str(township_db)]) == 1
    err = capsys.readouterr().err
    assert "不是为本乡镇加密的" in err and err.count("\n") == 1
    assert digest(township_db) == before


# --- what the village refuses -----------------------------------------------------------------

def test_a_village_that_never_joined_writes_nothing_and_is_told_how_to_join(tmp_path, stick, laptop_temp):
    village = tmp_path / "village.sqlite3"
    package_village(village)
    with pytest.raises(UserError, match="还没有加入乡镇") as error:
        write(village, stick)
    assert "villagedesk township-card" in str(error.value) and "villagedesk join-township" in str(error.value)
    assert "加入乡镇" in str(error.value)
    assert list(stick.iterdir()) == [] and list(laptop_temp.iterdir()) == []
    assert not Path(str(village) + writer.SENT_SUFFIX).exists()
    with open_store(village, write=False) as store:
        assert writer.package_history(store) == []
    assert main(["package", "--db", str(village), "-o", str(stick)]) == 1


# --- after a restore --------------------------------------------------------------------------

def test_after_a_restore_the_next_package_follows_the_highest_sent_and_is_full(village_db, township_db, stick,
                                                                              tmp_path):
    with open_store(village_db) as store:
        before_any = store.backup(tmp_path / "before-any.sqlite3")
    first = write(village_db, stick)
    with open_store(village_db) as store:
        people.add_household(store, code="HH003", group_name="一组")
        before_second = store.backup(tmp_path / "before-second.sqlite3")
    second = write(village_db, stick)
    sent = json.loads(Path(str(village_db) + writer.SENT_SUFFIX).read_text(encoding="utf-8"))
    assert sent["highest_sequence"] == 2
    take(township_db, first)
    take(township_db, second)

    with open_store(village_db) as store:
        restore(store, before_any)  # a backup from before package 1
        # Its history is kept beside the database: packages 1 and 2 left all the same.
        history = writer.package_history(store)
        assert [(p["sequence"], p["restored_away"]) for p in history] == [(2, True), (1, True)]
        assert history[1]["file_name"] == first.name
    third = write(village_db, stick)
    manifest = manifest_of(third, township_db)
    assert (manifest["sequence"], manifest["previous_sequence"], manifest["full"]) == (3, 2, True)
    assert manifest["restored"].startswith("恢复备份后") and "第 2 号" in manifest["restored"]
    assert third.name.startswith(f"VD-{CODE}-0003-")
    with opened(third, township_db) as package:
        assert package.restored == manifest["restored"]
    with open_store(village_db, write=False) as store:
        assert [p["sequence"] for p in writer.package_history(store)] == [3, 2, 1]

    with open_store(village_db) as store:
        restore(store, before_second)  # a backup from between 1 and 2: it knows package 1 only
    fourth = manifest_of(write(village_db, stick), township_db)
    assert (fourth["sequence"], fourth["full"]) == (4, True) and "第 1 号" in fourth["restored"]
    # Once the numbers agree again, the next package is an ordinary one.
    fifth = manifest_of(write(village_db, stick), township_db)
    assert (fifth["sequence"], fifth["previous_sequence"], fifth["full"], fifth["restored"]) == (5, 4, False, None)


def test_a_new_database_at_the_same_path_does_not_inherit_the_numbers(village_db, township_db, stick):
    write(village_db, stick)
    write(village_db, stick)
    village_db.unlink()
    package_village(village_db)  # made anew: another signing key
    join(village_db, township_db)
    manifest = manifest_of(write(village_db, stick), township_db)
    assert (manifest["sequence"], manifest["restored"]) == (1, None)


# --- several packages at once ------------------------------------------------------------------

def test_import_order_reads_the_village_and_sequence_from_the_file_name(tmp_path):
    names = [f"VD-{CODE}-0002-20261117.vdpkg", "VD-B1-0001-20261116.vdpkg", "notes.vdpkg",
             f"VD-{CODE}-0001-20261116.vdpkg", f"VD-{CODE}-0010-20261120.vdpkg", f"VD-{CODE}-0003-20261118.zip"]
    order = import_order([tmp_path / n for n in names])
    assert [q.path.name for q in order] == [
        f"VD-{CODE}-0001-20261116.vdpkg", f"VD-{CODE}-0002-20261117.vdpkg", f"VD-{CODE}-0010-20261120.vdpkg",
        "VD-B1-0001-20261116.vdpkg", "notes.vdpkg", f"VD-{CODE}-0003-20261118.zip"]
    assert (order[0].village_code, order[0].sequence) == (CODE, 1)
    assert (order[-1].village_code, order[-1].sequence) == (None, None)


def test_a_restore_from_before_the_first_package_keeps_its_history_and_its_number(village_db, stick, tmp_path,
                                                                                  capsys):
    """Package 0001, back to a backup from before it, package again: 0002, and 0001 still in the history (#18)."""
    with open_store(village_db) as store:
        before_any = store.backup(tmp_path / "before-any.sqlite3")
    assert main(["package", "--db", str(village_db), "-o", str(stick)]) == 0
    assert main(["restore", "--db", str(village_db), str(before_any)]) == 0
    with open_store(village_db, write=False) as store:
        assert [(p["sequence"], p["restored_away"]) for p in writer.package_history(store)] == [(1, True)]
    assert main(["package", "--db", str(village_db), "-o", str(stick)]) == 0
    names = sorted(p.name for p in stick.iterdir())
    assert len(names) == 2 and names[0].startswith(f"VD-{CODE}-0001-") and names[1].startswith(f"VD-{CODE}-0002-")
    with open_store(village_db, write=False) as store:
        history = writer.package_history(store)
    assert [(p["sequence"], p["restored_away"]) for p in history] == [(2, False), (1, True)]
    capsys.readouterr()
