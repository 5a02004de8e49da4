"""USB packages: a village writes them, a township database verifies and merges them.

Real files throughout: village and township SQLite files, sealed packages on disk, bad
packages made by opening good ones with the township's key, rewriting their zips and
sealing them again (tests/helpers/packages.py).  What the seal and the signature add
is tested in test_trust.py.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.factories import PACKAGE_VILLAGE, join, package_village, valid_uscc
from tests.helpers.packages import repackaged, sealed
from villagedesk import clock
from villagedesk.cli import main
from villagedesk.core.common import records
from villagedesk.core.register import people
from villagedesk.core.township import merge as township
from villagedesk.core.township.figures import refresh_figures
from villagedesk.documents.package import writer
from villagedesk.documents.package.importer import import_package
from villagedesk.documents.package.layout import MANIFEST, looks_like_package
from villagedesk.documents.package.reader import read_package
from villagedesk.errors import UserError
from villagedesk.store import open_store

# The village of the village_db fixture (tests/conftest.py).
CODE = PACKAGE_VILLAGE


def write(db: Path, folder: Path, **kw) -> Path:
    with open_store(db) as store:
        return writer.write_package(store, folder, **kw)


def take(db: Path, package: Path, **kw) -> township.ImportResult:
    """The package taken by the township; a village's first package (its key pinned) is confirmed unless the
    test says otherwise (``accept_new_village=False``): what needs confirming is tested in tests/core/township."""
    kw.setdefault("accept_new_village", True)
    with open_store(db) as store:
        return import_package(store, package, **kw)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(db: Path, table: str) -> list[dict]:
    with open_store(db, write=False) as store:
        return township.village_rows(store, CODE, table)


def opened(package: Path, township_db: Path):
    """The package verified by the township (read_package), to read it back; close it after use."""
    with open_store(township_db, write=False) as store:
        return read_package(package, store)


def rewrite(package: Path, target: Path, change, township_db: Path, *, signer: Path | None = None, **kw) -> Path:
    """A copy of ``package`` whose zip's members went through ``change(name, data) -> data | None (dropped)``,
    signed again by ``signer`` when given (else the old signature stays), sealed for the township again."""
    return repackaged(package, target, township_db, change, signer=signer, **kw)


# --- writing ----------------------------------------------------------------------

@pytest.mark.slow
def test_first_package_is_full_with_manifest_checksums_and_workbook(village_db, township_db, stick):
    path = write(village_db, stick, today=date(2026, 11, 27))
    assert path.name == f"VD-{CODE}-0001-20261127.vdpkg" and looks_like_package(path.name)
    assert [p.name for p in stick.iterdir()] == [path.name]  # no temporary file left beside it
    package = opened(path, township_db)
    manifest = package.manifest
    assert (manifest["sequence"], manifest["previous_sequence"], manifest["full"]) == (1, None, True)
    assert manifest["village"]["code"] == CODE and manifest["village"]["name"] == "油溪桥村"
    assert manifest["files"]["data/households.jsonl"]["rows"] == 2
    assert any(name.endswith(".xlsx") for name in manifest["files"])
    persons = list(package.rows("persons"))
    households = {h["uid"]: h for h in package.rows("households")}
    # A reference travels as the uid of the record it points at.
    assert {households[p["household_id"]]["code"] for p in persons} == {"HH001", "HH002"}
    assert all(isinstance(p["id"], int) for p in persons)  # the village's own numbers, for its printed codes
    with open_store(village_db, write=False) as store:
        (recorded,) = writer.package_history(store)
    assert (recorded["sequence"], recorded["full"], recorded["file_name"]) == (1, 1, path.name)
    assert recorded["sha256"] == digest(path) and recorded["counts"]["data/persons.jsonl"] == 2


@pytest.mark.slow
def test_next_package_carries_only_what_changed(village_db, township_db, stick, monkeypatch):
    from datetime import datetime, timedelta
    from itertools import count

    ticks = count()
    # A clock that moves on a second at each reading: the village was made before the first package began.
    monkeypatch.setattr(clock, "timestamp", lambda: (datetime(2026, 11, 27, 8) + timedelta(seconds=next(ticks)))
                        .isoformat(timespec="seconds"))
    write(village_db, stick)
    with open_store(village_db) as store:
        house = people.household_by_code(store, "HH002")
        people.update_household(store, house["id"], address="河边 8 号")
        people.add_household(store, code="HH003", group_name="一组")
    second = write(village_db, stick)
    package = opened(second, township_db)
    assert (package.sequence, package.previous, package.full) == (2, 1, False)
    assert sorted(h["code"] for h in package.rows("households")) == ["HH002", "HH003"]
    assert list(package.rows("persons")) == []
    actions = [a["action"] for a in package.audit()]
    assert actions.count("insert") >= 1 and "update" in actions


def test_a_failed_write_leaves_no_file_and_no_record(village_db, stick, monkeypatch):
    from villagedesk.documents.excel import workbook as excel

    def broken(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(excel, "export_workbook", broken)
    with pytest.raises(UserError, match="本机的临时文件夹"):  # the zip is made on the laptop, not the stick
        write(village_db, stick)
    assert list(stick.iterdir()) == []
    with open_store(village_db, write=False) as store:
        assert writer.package_history(store) == []


def test_writing_needs_a_profile_and_a_folder(tmp_path, stick, village_db):
    bare = tmp_path / "bare.sqlite3"
    with open_store(bare):
        pass
    with pytest.raises(UserError, match="村庄信息"):
        write(bare, stick)
    with pytest.raises(UserError, match="文件夹不存在"):
        write(village_db, tmp_path / "gone")  # the stick was pulled


# --- importing --------------------------------------------------------------------

@pytest.mark.slow
def test_township_merges_and_a_second_import_changes_nothing(village_db, township_db, stick):
    first = write(village_db, stick)
    result = take(township_db, first)
    assert result.new_village and result.counts["households"]["new"] == 2
    assert "  户：新增 2，更新 0，未变 0，删除 0" in result.summary().splitlines()
    assert sorted(h["code"] for h in rows(township_db, "households")) == ["HH001", "HH002"]
    before = digest(township_db)
    again = take(township_db, first)
    assert again.already and "已经导入过" in again.summary()
    assert digest(township_db) == before
    with open_store(township_db, write=False) as store:
        (village,) = township.villages(store)
    assert (village["code"], village["last_sequence"]) == (CODE, 1)


@pytest.mark.slow
def test_increments_in_order_and_a_gap_is_refused_naming_the_missing_one(village_db, township_db, stick):
    take(township_db, write(village_db, stick))
    with open_store(village_db) as store:
        people.add_household(store, code="HH003", group_name="一组")
    second = write(village_db, stick)
    with open_store(village_db) as store:
        people.add_household(store, code="HH004", group_name="二组")
    third = write(village_db, stick)
    before = digest(township_db)
    with pytest.raises(UserError, match="缺少油溪桥村第 2 号数据包"):
        take(township_db, third)
    assert digest(township_db) == before
    assert take(township_db, second).counts["households"]["new"] == 1
    take(township_db, third)
    assert sorted(h["code"] for h in rows(township_db, "households")) == ["HH001", "HH002", "HH003", "HH004"]


@pytest.mark.slow
def test_a_full_package_is_always_accepted_and_replaces_thepackage_village(village_db, township_db, stick):
    take(township_db, write(village_db, stick))
    write(village_db, stick)  # never taken to the township
    with open_store(village_db) as store:
        people.add_household(store, code="HH005", group_name="一组")
    full = write(village_db, stick, full=True)
    result = take(township_db, full)
    assert result.replaced and "全量数据包替换" in result.summary()
    assert len(rows(township_db, "households")) == 3


@pytest.mark.slow
def test_deleted_records_are_marked_deleted(village_db, township_db, stick):
    take(township_db, write(village_db, stick))
    with open_store(village_db) as store:
        extra = people.add_household(store, code="HH009", group_name="一组")
    take(township_db, write(village_db, stick))
    with open_store(village_db) as store:  # what core.records-level deletions write: the row gone, an audit row
        row = records.get(store, "households", extra["id"])
        with store.atomic():
            store.conn.execute("DELETE FROM households WHERE id = ?", (extra["id"],))
            store.db["audit"].insert(records.audit_row(store, "delete", "households", row["uid"], row, None))
    result = take(township_db, write(village_db, stick))
    assert result.counts["households"]["deleted"] == 1
    assert "HH009" not in {h["code"] for h in rows(township_db, "households")}


@pytest.mark.slow
def test_another_townships_village_needs_confirmation(tmp_path, township_db, stick):
    other = tmp_path / "other.sqlite3"
    package_village(other, code=valid_uscc(), township_name="桑梓镇")
    join(other, township_db)
    package = write(other, stick)
    before = digest(township_db)
    with pytest.raises(UserError, match="不是本乡镇") as refused:
        take(township_db, package, accept_new_village=False)
    assert "--accept-new-village" not in str(refused.value)  # the window asks instead
    assert digest(township_db) == before
    assert take(township_db, package, accept_new_village=True).new_village


@pytest.mark.slow
def test_the_command_line_names_its_flag_for_another_townships_village(tmp_path, township_db, stick, capsys):
    other = tmp_path / "other.sqlite3"
    package_village(other, code=valid_uscc(), township_name="桑梓镇")
    join(other, township_db)
    package = write(other, stick)
    assert main(["import-package", str(package), "--db", str(township_db)]) == 1
    err = capsys.readouterr().err
    assert "不是本乡镇" in err and "--accept-new-village" in err and err.count("\n") == 1
    assert main(["import-package", str(package), "--db", str(township_db), "--accept-new-village"]) == 0


def test_a_village_database_takes_no_package_and_a_township_writes_none(village_db, township_db, stick):
    package = write(village_db, stick)
    with pytest.raises(UserError, match="村级数据库，不能导入"):
        take(village_db, package)
    with pytest.raises(UserError, match="乡镇汇总数据库，不能生成"):
        write(township_db, stick)
    with open_store(village_db) as store, pytest.raises(UserError, match="不能设为乡镇"):
        township.set_township(store, True)


# --- bad files: refused whole, the township file unchanged -----------------------------

def _bad_cases(good: Path, tmp: Path, township_db: Path, village_db: Path) -> dict[str, tuple[Path, str]]:
    def edit_manifest(change):
        def apply(name, data):
            if name != MANIFEST:
                return data
            manifest = json.loads(data)
            change(manifest)
            return json.dumps(manifest).encode()
        return apply

    def again(name, change, **kw):
        return rewrite(good, tmp / name, change, township_db, signer=village_db, **kw)

    truncated = tmp / "truncated.vdpkg"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    bomb = tmp / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("data/households.jsonl", b"\n" * (50 << 20))
    return {
        "tampered row": (again("t1.vdpkg", lambda n, d: d.replace("户主1".encode(), "户主X".encode())
                               if n == "data/persons.jsonl" else d), "校验值与清单不符"),
        "missing file": (again("t2.vdpkg", lambda n, d: None if n == "audit.jsonl" else d), "不在数据包里"),
        "extra file": (again("t3.vdpkg", lambda n, d: d, add={"../../evil.txt": b"x"}), "不安全"),
        "unknown format": (again("t4.vdpkg", edit_manifest(lambda m: m.update(format_version=9))), "请先升级本程序"),
        "no manifest": (again("t5.vdpkg", lambda n, d: None if n == MANIFEST else d), "缺少清单"),
        # A text sequence beside a previous one: refused, not a TypeError from comparing the two.
        "text sequence": (again("t7.vdpkg", edit_manifest(
            lambda m: m.update(sequence="2", previous_sequence=1))), "内容不完整或不合规"),
        "wrong count": (again("t6.vdpkg", edit_manifest(
            lambda m: m["files"]["data/households.jsonl"].update(rows=3))), "清单上写的是 3 行"),
        "truncated": (truncated, "已损坏或被改动过"),
        "zip bomb": (sealed(bomb, township_db, tmp / "bomb.vdpkg"), "压缩炸弹"),
    }


@pytest.mark.slow
def test_every_bad_package_is_refused_and_changes_nothing(village_db, township_db, stick, tmp_path):
    good = write(village_db, stick)
    cases = _bad_cases(good, tmp_path, township_db, village_db)
    before = digest(township_db)
    for name, (path, message) in cases.items():
        with pytest.raises(UserError, match=message):
            take(township_db, path)
        assert digest(township_db) == before, name
    with open_store(township_db, write=False) as store:
        assert township.villages(store) == []


@pytest.mark.slow
def test_cli_package_and_import_several_at_once(village_db, township_db, stick, capsys):
    assert main(["package", "--db", str(village_db), "-o", str(stick)]) == 0
    with open_store(village_db) as store:
        people.add_household(store, code="HH003", group_name="一组")
    assert main(["package", "--db", str(village_db), "-o", str(stick)]) == 0
    capsys.readouterr()
    files = sorted(str(p) for p in stick.iterdir())
    assert main(["import-package", *reversed(files), "--db", str(township_db), "--accept-new-village"]) == 0  # in order
    out = capsys.readouterr().out
    assert out.index("第 1 号") < out.index("第 2 号")
    assert main(["import-package", str(stick / "nothing.vdpkg"), "--db", str(township_db)]) == 1
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.slow
def test_a_plain_database_refuses_a_package_before_reading_it(tmp_path, village_db, stick):
    plain = tmp_path / "plain.sqlite3"
    with open_store(plain):
        pass
    shutil.copy(write(village_db, stick), tmp_path / "copy.vdpkg")
    with pytest.raises(UserError, match="村级数据库"):
        take(plain, tmp_path / "copy.vdpkg")


@pytest.mark.slow
def test_a_demo_village_arrives_whole_and_its_replica_matches_it_table_by_table(tmp_path, township_db, stick):
    from villagedesk.demo.village import build_demo

    village = tmp_path / "demo.sqlite3"
    with open_store(village) as store:
        build_demo(store, size="small", seed=3)
        join(store, township_db)
        tables = [t.name for t in writer.sync_tables(store)]
        expected = {t: store.scalar(f"SELECT count(*) FROM [{t}]") for t in tables}
        code = store.row("SELECT code FROM village")["code"]
        sample = store.row("SELECT e.id, e.hash, h.code FROM point_entries e JOIN households h "
                           "ON h.id = e.household_id WHERE e.reverses_id IS NOT NULL LIMIT 1")
    result = take(township_db, write(village, stick))
    assert sum(c["new"] for c in result.counts.values()) == sum(expected.values())
    with open_store(township_db) as store:
        figures = json.loads(township.villages(store)[0]["figures"])
        assert figures["households"] == 300 and 0 < figures["participation"] <= 1
        assert figures["requests_total"] > 0 and figures["notices_posted"] + figures["notices_overdue"] > 0
        # What the village sent is what the township would compute from the records it sent
        # (from a replica of only the tables the figures read).
        assert refresh_figures(store, code, date.fromisoformat(figures["as_of"])) == figures
        replica = township.build_replica(store, code, tmp_path / "replica.sqlite3")
        try:
            assert {t: replica.scalar(f"SELECT count(*) FROM [{t}]") for t in tables} == expected
            # The village's numbers and references survive: the same entry, the same household, the same chain.
            again = replica.row("SELECT e.id, e.hash, h.code FROM point_entries e JOIN households h "
                                "ON h.id = e.household_id WHERE e.id = ?", (sample["id"],))
            assert again == sample
            from villagedesk.core.points import ledger
            assert ledger.chain_problems(replica) == []
        finally:
            replica.close()


def test_a_package_is_readable_by_others_as_any_copied_file_would_be(village_db, stick):
    import os
    import stat

    if not hasattr(os, "fchmod"):
        pytest.skip("Windows: the folder's permissions apply")
    mask = os.umask(0o022)
    os.umask(mask)
    mode = stat.S_IMODE(write(village_db, stick).stat().st_mode)
    assert mode == 0o666 & ~mask  # not mkstemp's owner-only 0600


@pytest.mark.slow
def test_archiving_in_the_village_reaches_the_township(village_db, township_db, stick):
    take(township_db, write(village_db, stick))
    with open_store(village_db) as store:
        house = people.household_by_code(store, "HH002")
        people.archive_household(store, house["id"], "整户迁出")
    result = take(township_db, write(village_db, stick))
    assert result.counts["households"]["updated"] == 1 and result.counts["persons"]["updated"] == 1
    archived = {h["code"]: (h["archived"], h["archived_reason"]) for h in rows(township_db, "households")}
    assert archived == {"HH001": (0, ""), "HH002": (1, "整户迁出")}


@pytest.mark.slow
def test_a_writer_killed_mid_package_leaves_nothing_that_looks_complete(tmp_path, township_db, stick):
    import os
    import signal
    import subprocess
    import sys
    import time

    from villagedesk.demo.village import build_demo

    if not hasattr(signal, "SIGKILL"):
        pytest.skip("no SIGKILL on Windows")
    village = tmp_path / "demo.sqlite3"
    with open_store(village) as store:
        build_demo(store, size="small", seed=5)
        join(store, township_db)
    laptop = tmp_path / "laptop-temp"  # the writer's temporary folder, where the zip is made before sealing
    laptop.mkdir()
    command = [sys.executable, "-m", "villagedesk", "package", "--db", str(village), "-o", str(stick)]
    writer_process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      env={**os.environ, "TMPDIR": str(laptop), "TMP": str(laptop)})
    deadline = time.monotonic() + 60
    # Killed as soon as the package is being made (the stick pulled out, the power cut).
    while not any(laptop.rglob("package.zip")) and not any(stick.iterdir()) and writer_process.poll() is None \
            and time.monotonic() < deadline:
        time.sleep(0.01)
    writer_process.send_signal(signal.SIGKILL)
    writer_process.wait()
    assert writer_process.returncode == -signal.SIGKILL, "the package was finished before the kill"
    assert [p for p in stick.iterdir() if looks_like_package(p.name)] == []
    assert all(p.name.startswith(".") and p.name.endswith(".tmp") for p in stick.iterdir())
    with open_store(village) as store:
        assert writer.package_history(store) == []
    # The next try writes the first package whole.
    again = write(village, stick)
    assert opened(again, township_db).sequence == 1 and os.path.getsize(again) > 0
