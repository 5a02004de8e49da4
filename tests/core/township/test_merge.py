"""What the township checks before it merges a package, and what it records when the officer confirms.

docs/PACKAGES.md "What the township checks, before its transaction", steps 3–6, and the cases of issue 16:
real village and township files, real sealed packages.  A forger who holds the
village's key (or a village whose own records were changed behind the program's
back) is played by changing the village database with raw SQL, or by opening a
package with the township's key, changing it and signing it again with the
village's key (tests/helpers/packages.py): what is left to catch it is the
township's own checks.  Every refusal leaves the township file byte for byte unchanged.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import orjson
import pytest

from tests.helpers.factories import PACKAGE_VILLAGE, join, package_village, valid_uscc
from tests.helpers.packages import forged_member, repackaged
from villagedesk.cli import main
from villagedesk.core.points import ledger, rules
from villagedesk.core.points.rules import Scheme
from villagedesk.core.register import people
from villagedesk.core.township import keys, validate
from villagedesk.core.township import merge as township
from villagedesk.documents.package import writer
from villagedesk.documents.package.importer import import_package
from villagedesk.errors import UserError
from villagedesk.store import open_store, restore
from villagedesk.store.migrations.v0008_trust import new_signing_key

# Every test here writes and opens real signed, sealed packages (a few tenths of a second each):
# in the full suite, not in the quick `-m "not slow"` run.
pytestmark = pytest.mark.slow

CODE = PACKAGE_VILLAGE
OTHER = valid_uscc("54431322MJ7777777")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write(db: Path, folder: Path, **kw) -> Path:
    with open_store(db) as store:
        return writer.write_package(store, folder, **kw)


def take(db: Path, package: Path, **kw) -> township.ImportResult:
    kw.setdefault("accept_new_village", True)
    with open_store(db) as store:
        return import_package(store, package, **kw)


def refused(db: Path, package: Path, match: str, error=UserError, **kw) -> str:
    """Taking ``package`` is refused with one line saying ``match``; the township file is unchanged."""
    before = digest(db)
    with pytest.raises(error, match=match) as found:
        take(db, package, **kw)
    assert digest(db) == before
    assert "\n" not in str(found.value)
    return str(found.value)


def fingerprint(db: Path) -> str:
    with open_store(db, write=False) as store:
        return keys.village_fingerprint(store)


def approve(db: Path, count: int, day: date = date(2026, 11, 2), points: int = 50) -> list[int]:
    """``count`` entries of ``points`` for HH001, approved (the scheme and a rule made the first time)."""
    with open_store(db) as store:
        rule = store.row("SELECT id FROM point_rules WHERE item = '测试加分'")
        if rule is None:
            rules.save_scheme(store, Scheme())
            rule = rules.add_rule(store, valid_from="2026-01-01", category="测试", item="测试加分", points=points,
                                  unit="每次")
        house = store.row("SELECT id FROM households WHERE code = 'HH001'")
        ids = [ledger.record_entry(store, household_id=house["id"], rule_id=rule["id"], day=day)["id"]
               for _ in range(count)]
        ledger.approve(store, ids, "审核员", day)
    return ids


def held(db: Path, code: str = CODE) -> dict:
    with open_store(db, write=False) as store:
        return store.row("SELECT * FROM tw_villages WHERE code = ?", (code,))


def jsonl_rows(data: bytes) -> list[dict]:
    return [orjson.loads(line) for line in data.splitlines() if line]


def jsonl(rows: list[dict]) -> bytes:
    return b"".join(orjson.dumps(r, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE) for r in rows)


def forged_rows(package: Path, target: Path, township_db: Path, village_db: Path, table: str, change,
                manifest_change=None) -> Path:
    """``package`` with ``change(rows) -> rows`` done to one table, checksums made to match, signed again by
    the village's own key: only the township's checks are left to catch it."""
    edit = forged_member(f"data/{table}.jsonl", lambda data: jsonl(change(jsonl_rows(data))), manifest_change)
    target.parent.mkdir(exist_ok=True)
    return repackaged(package, target, township_db, edit, signer=village_db)


def forged_manifest(package: Path, target: Path, township_db: Path, signer: Path, change) -> Path:
    def edit(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        change(manifest)
        return json.dumps(manifest, ensure_ascii=False).encode()
    return repackaged(package, target, township_db, edit, signer=signer)


# --- who made it ------------------------------------------------------------------------------

def test_a_villages_first_package_pins_its_key_only_once_the_fingerprint_is_confirmed(village_db, township_db,
                                                                                      stick, capsys):
    first = write(village_db, stick)
    message = refused(township_db, first, fingerprint(village_db), township.ForeignVillage, accept_new_village=False)
    assert "第一个数据包" in message
    before = digest(township_db)
    assert main(["import-package", str(first), "--db", str(township_db)]) == 1
    err = capsys.readouterr().err
    assert fingerprint(village_db) in err and "--accept-new-village" in err and "Traceback" not in err
    assert digest(township_db) == before

    result = take(township_db, first)
    assert result.new_village and result.fingerprint == fingerprint(village_db)
    with open_store(township_db, write=False) as store:
        (pinned,) = store.rows("SELECT * FROM tw_village_keys")
        public = keys.public_key(open_store(village_db, write=False))
        assert (pinned["village_code"], pinned["public_key"], pinned["fingerprint"], pinned["first_sequence"],
                pinned["retired_at"]) == (CODE, public, fingerprint(village_db), 1, None)
        assert township.village_keys(store) == {CODE: fingerprint(village_db)}
        assert township.village_events(store) == []


def reinstall(db: Path) -> None:
    """The village's database gets a new signing key, as a village that reinstalled from scratch has one."""
    private, public = new_signing_key()
    with open_store(db) as store, store.atomic():
        store.conn.execute("UPDATE keys SET private = ?, public = ? WHERE role = 'village-signing'", (private, public))


def test_a_known_village_signing_with_another_key_is_taken_only_with_accept_new_key(village_db, township_db, stick,
                                                                                    capsys):
    take(township_db, write(village_db, stick))
    old = fingerprint(village_db)
    reinstall(village_db)
    new = fingerprint(village_db)
    with open_store(village_db) as store:
        people.add_household(store, code="HH003", group_name="一组")
    second = write(village_db, stick)

    message = refused(township_db, second, "签名密钥与本乡镇记下的不同", township.NewKey)
    assert old in message and new in message
    assert main(["import-package", str(second), "--db", str(township_db)]) == 1
    assert "--accept-new-key" in capsys.readouterr().err

    assert main(["import-package", str(second), "--db", str(township_db), "--accept-new-key"]) == 0
    out = capsys.readouterr().out
    assert "已记录在案" in out and new in out
    with open_store(township_db, write=False) as store:
        rows = store.rows("SELECT fingerprint, first_sequence, retired_at FROM tw_village_keys ORDER BY id")
        assert [(r["fingerprint"], r["first_sequence"], r["retired_at"] is not None) for r in rows] == [
            (old, 1, True), (new, 2, False)]
        (event,) = township.village_events(store, CODE)
        assert (event["kind"], event["sequence"]) == ("new-key", 2)
        assert old in event["text"] and new in event["text"]
        assert township.village_keys(store) == {CODE: new}
    assert len(township.village_rows(open_store(township_db, write=False), CODE, "households")) == 3


def test_a_package_relabelled_as_another_village_is_refused_naming_both_keys(village_db, township_db, stick,
                                                                            tmp_path):
    take(township_db, write(village_db, stick))
    other = tmp_path / "other.sqlite3"
    package_village(other, code=OTHER)
    join(other, township_db)
    theirs = write(other, stick)

    def relabel(manifest: dict) -> None:
        manifest["village"].update(code=CODE, name="油溪桥村")
        manifest["sequence"], manifest["previous_sequence"] = 2, None

    forged = forged_manifest(theirs, stick / f"VD-{CODE}-0002-20261116.vdpkg", township_db, other, relabel)
    message = refused(township_db, forged, "签名密钥与本乡镇记下的不同", township.NewKey)
    assert fingerprint(village_db) in message and fingerprint(other) in message


# --- sequences only forward ----------------------------------------------------------------------

def test_an_older_full_package_after_a_newer_one_is_refused_naming_the_newest(village_db, township_db, stick):
    first = write(village_db, stick)
    with open_store(village_db) as store:
        people.add_household(store, code="HH003", group_name="一组")
    second = write(village_db, stick, full=True)
    take(township_db, second)
    message = refused(township_db, first, "第 1 号数据包比已导入的第 2 号更早")
    assert "全量" in message
    assert held(township_db)["last_sequence"] == 2
    # The same package again is still nothing new, not a refusal.
    assert take(township_db, second).already


# --- history: the approved points entries ---------------------------------------------------------

def test_an_approved_entry_changed_behind_the_programs_back_is_refused_by_the_chain(village_db, township_db, stick):
    approve(village_db, 3)
    take(township_db, write(village_db, stick))
    assert (held(township_db)["chain_count"], held(township_db)["chain_head"]) == ledger.chain_head(
        open_store(village_db, write=False))
    with open_store(village_db) as store, store.atomic():
        store.conn.execute("DROP TRIGGER point_entries_approved_fixed")
        entry = store.row("SELECT id FROM point_entries WHERE seq = 2")
        store.conn.execute("UPDATE point_entries SET points = 5000, updated_at = '2026-11-16T09:00:00' "
                           "WHERE seq = 2")
    changed = write(village_db, stick)
    message = refused(township_db, changed, "内容与它的校验值不符")
    assert f"第 2 条已审核积分（JF{entry['id']:07d}）" in message
    # Sent whole, the same entry is refused the same way.
    refused(township_db, write(village_db, stick, full=True), f"JF{entry['id']:07d}")


def test_an_entry_changed_in_the_package_and_signed_again_is_refused_by_the_chain(village_db, township_db, stick,
                                                                                 tmp_path):
    approve(village_db, 3)
    package = write(village_db, stick)

    def inflate(rows: list[dict]) -> list[dict]:
        for row in rows:
            if row["seq"] == 1:
                row["points"] = 5000
        return rows

    forged = forged_rows(package, tmp_path / package.name, township_db, village_db, "point_entries", inflate)
    refused(township_db, forged, "第 1 条已审核积分.*内容与它的校验值不符")
    # Without the village's key the signature gives it away first (the reader's check).
    edit = forged_member("data/point_entries.jsonl", lambda d: jsonl(inflate(jsonl_rows(d))))
    (tmp_path / "unsigned").mkdir()
    refused(township_db, repackaged(package, tmp_path / "unsigned" / package.name, township_db, edit), "签名与内容不符")
    take(township_db, package)  # the genuine one is still taken


def test_a_shortened_or_rewritten_chain_in_an_incremental_package_is_refused(village_db, township_db, stick,
                                                                             tmp_path):
    approve(village_db, 3)
    take(township_db, write(village_db, stick))
    approve(village_db, 1)
    second = write(village_db, stick)

    def shorter(manifest: dict) -> None:
        manifest["chain"]["count"] = 2

    forged = forged_manifest(second, tmp_path / second.name, township_db, village_db, shorter)
    refused(township_db, forged, "只有 2 条，比本乡镇已收到的 3 条少")

    def drop_new(rows: list[dict]) -> list[dict]:
        return [r for r in rows if r["seq"] != 4]

    missing = forged_rows(second, tmp_path / "m" / second.name, township_db, village_db, "point_entries", drop_new)
    refused(township_db, missing, "缺少第 4 条已审核积分")
    take(township_db, second)

    # The village's ledger rewritten behind the program's back, every hash made again: nothing new is sent,
    # yet its head moved.
    with open_store(village_db) as store, store.atomic():
        store.conn.execute("DROP TRIGGER point_entries_approved_fixed")
        store.conn.execute("UPDATE point_entries SET points = 5000 WHERE seq = 1")
        _rehash(store, touch=False)
    rewritten = write(village_db, stick)
    message = refused(township_db, rewritten, "积分链与本乡镇已收到的不同（在第 4 条已审核积分（JF")
    assert "改写" in message
    # Sent whole, the rewritten history parts from the township's at its first entry.
    refused(township_db, write(village_db, stick, full=True), "从第 1 条（JF", township.Diverged)


def test_an_approved_entry_sent_again_must_be_the_one_held(village_db, township_db, stick):
    approve(village_db, 2)
    take(township_db, write(village_db, stick))
    with open_store(village_db) as store, store.atomic():
        store.conn.execute("DROP TRIGGER point_entries_approved_fixed")
        store.conn.execute("UPDATE point_entries SET note = '改过' WHERE seq = 1")
        _rehash(store)  # every hash made again and every entry marked changed: all of them are sent again
        entry = store.scalar("SELECT id FROM point_entries WHERE seq = 1")
    refused(township_db, write(village_db, stick), f"第 1 条已审核积分（JF{entry:07d}）与本乡镇已收到的那一条不同")


def _rehash(store, touch: bool = True) -> None:
    """Make every approved entry's hash again from its content, as someone rewriting the chain would
    (``touch``: marked changed, so the next package sends them; else dated before any package)."""
    prev = ledger.GENESIS
    for entry in store.rows("SELECT e.*, h.uid AS h, r.uid AS r, v.uid AS v FROM point_entries e "
                            "JOIN households h ON h.id = e.household_id JOIN point_rules r ON r.id = e.rule_id "
                            "LEFT JOIN point_entries v ON v.id = e.reverses_id WHERE e.seq IS NOT NULL ORDER BY e.seq"):
        entry["prev_hash"] = prev
        prev = ledger.package_entry_hash({**entry, "household_id": entry["h"], "rule_id": entry["r"],
                                          "reverses_id": entry["v"]})
        store.conn.execute("UPDATE point_entries SET prev_hash = ?, hash = ?, "
                           "updated_at = CASE WHEN ? THEN '2026-11-16T09:00:00' ELSE '2026-11-01T00:00:00' END "
                           "WHERE id = ?",
                           (entry["prev_hash"], prev, touch, entry["id"]))


def restored_village(village_db: Path, township_db: Path, stick: Path, tmp_path: Path) -> Path:
    """Two packages taken (3 then 4 approved entries); the village then restores the backup from before
    the second and approves another entry: its full package's history parts from the township's at 4."""
    approve(village_db, 3)
    take(township_db, write(village_db, stick))
    with open_store(village_db) as store:
        backup = store.backup(tmp_path / "before-second.sqlite3")
    approve(village_db, 1)
    take(township_db, write(village_db, stick))
    with open_store(village_db) as store:
        restore(store, backup)
    approve(village_db, 1, day=date(2026, 11, 9))
    return write(village_db, stick)


def test_a_diverging_full_package_is_taken_only_with_accept_divergence_and_recorded(village_db, township_db, stick,
                                                                                   tmp_path, capsys):
    third = restored_village(village_db, township_db, stick, tmp_path)
    message = refused(township_db, third, "积分历史与本乡镇已收到的不同", township.Diverged)
    assert "本乡镇有 4 条，这个数据包有 4 条，从第 4 条（JF" in message
    before = digest(township_db)
    assert main(["import-package", str(third), "--db", str(township_db)]) == 1
    assert "--accept-divergence" in capsys.readouterr().err
    assert digest(township_db) == before

    assert main(["import-package", str(third), "--db", str(township_db), "--accept-divergence"]) == 0
    assert "积分历史改变" in capsys.readouterr().out
    with open_store(township_db, write=False) as store, open_store(village_db, write=False) as village:
        kinds = [e["kind"] for e in township.village_events(store, CODE)]
        assert kinds == ["divergence", "restored"]
        assert (held(township_db)["chain_count"], held(township_db)["chain_head"]) == ledger.chain_head(village)
        divergence = township.village_events(store, CODE)[0]
        assert json.loads(divergence["detail"])["seq"] == 4


def test_a_restored_village_whose_history_only_continues_is_taken_with_a_restored_event(village_db, township_db,
                                                                                       stick, tmp_path):
    approve(village_db, 1)
    with open_store(village_db) as store:
        backup = store.backup(tmp_path / "before-first.sqlite3")
    take(township_db, write(village_db, stick))
    with open_store(village_db) as store:
        restore(store, backup)  # from before package 1: the next one is full and says why
    approve(village_db, 2)
    result = take(township_db, write(village_db, stick))
    assert [kind for kind, _ in result.events] == ["restored"]
    with open_store(township_db, write=False) as store:
        (event,) = township.village_events(store, CODE)
        assert event["kind"] == "restored" and "恢复了备份" in event["text"]


def test_a_full_package_with_fewer_entries_than_held_diverges(village_db, township_db, stick, tmp_path):
    with open_store(village_db) as store:
        backup = store.backup(tmp_path / "empty.sqlite3")
    approve(village_db, 2)
    take(township_db, write(village_db, stick))
    with open_store(village_db) as store:
        restore(store, backup)
    package = write(village_db, stick)
    message = refused(township_db, package, "本乡镇有 2 条，这个数据包有 0 条，从第 1 条", township.Diverged)
    assert "JF" in message
    take(township_db, package, accept_divergence=True)
    assert held(township_db)["chain_count"] == 0


# --- every line -----------------------------------------------------------------------------------

def test_a_household_injected_into_a_package_is_refused(village_db, township_db, stick, tmp_path):
    take(township_db, write(village_db, stick))
    with open_store(village_db) as store:
        people.update_household(store, store.scalar("SELECT id FROM households WHERE code = 'HH001'"),
                                phone="13900000000")
    second = write(village_db, stick)

    def inject(rows: list[dict]) -> list[dict]:
        extra = dict(rows[0], uid="injected-household", code="HH099", id=99)
        return [*rows, extra]

    forged = forged_rows(second, tmp_path / second.name, township_db, village_db, "households", inject)
    refused(township_db, forged, "户数写的是 2，按记录算是 3")

    def with_person(rows: list[dict]) -> list[dict]:
        return [*rows, dict(rows[0], uid="injected-person", id=99, name="冒名")]

    first = write(village_db, stick, full=True)
    persons = forged_rows(first, tmp_path / "p" / first.name, township_db, village_db, "persons", with_person)
    refused(township_db, persons, "人口写的是 2，按记录算是 3")


def test_figures_edited_in_a_package_are_refused(village_db, township_db, stick, tmp_path):
    package = write(village_db, stick)

    def edit(data: bytes) -> bytes:
        figures = json.loads(data)
        figures["households"] = 9999
        return json.dumps(figures, ensure_ascii=False).encode()

    forged = repackaged(package, tmp_path / package.name, township_db, forged_member("figures.json", edit),
                        signer=village_db)
    refused(township_db, forged, "户数写的是 9999，按记录算是 2")


@pytest.mark.parametrize(("change", "match"), [
    (lambda r: r.update(id="1"), "第 1 行的“id”应当是整数"),
    (lambda r: r.update(archived=True), "第 1 行的“archived”应当是整数"),
    (lambda r: r.update(code=None), "第 1 行的“code”没有填写"),
    (lambda r: r.pop("code"), "第 1 行的“code”没有填写"),
    (lambda r: r.update(secret="x"), "第 1 行有本程序不认识的栏目“secret”"),
    (lambda r: r.update(uid=""), "第 1 行不是有效的记录"),
    (lambda r: r.pop("uid"), "第 1 行不是有效的记录"),
])
def test_a_line_not_of_its_tables_columns_and_types_is_refused(village_db, township_db, stick, tmp_path, change,
                                                                match):
    package = write(village_db, stick)

    def edit(rows: list[dict]) -> list[dict]:
        change(rows[0])
        return rows

    forged = forged_rows(package, tmp_path / package.name, township_db, village_db, "households", edit)
    message = refused(township_db, forged, match)
    assert "data/households.jsonl" in message


def test_a_reference_must_hold_a_uid(village_db, township_db, stick, tmp_path):
    package = write(village_db, stick)

    def edit(rows: list[dict]) -> list[dict]:
        rows[0]["household_id"] = 1
        return rows

    forged = forged_rows(package, tmp_path / package.name, township_db, village_db, "persons", edit)
    refused(township_db, forged, "“household_id”应当是所指记录的编号")


def test_a_table_this_program_does_not_know_is_refused(village_db, township_db, stick, tmp_path):
    package = write(village_db, stick)

    def add_table(manifest: dict) -> None:
        manifest["tables"]["secrets"] = {"file": "data/secrets.jsonl", "references": {}}
        line = b'{"id":1,"uid":"x"}\n'
        manifest["files"]["data/secrets.jsonl"] = {"sha256": hashlib.sha256(line).hexdigest(), "rows": 1}

    def edit(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        add_table(manifest)
        return json.dumps(manifest, ensure_ascii=False).encode()

    forged = repackaged(package, tmp_path / package.name, township_db, edit, signer=village_db,
                        add={"data/secrets.jsonl": b'{"id":1,"uid":"x"}\n'})
    refused(township_db, forged, "不认识的表“secrets”")


def test_deleting_a_points_entry_is_refused(village_db, township_db, stick, tmp_path):
    approve(village_db, 1)
    take(township_db, write(village_db, stick))
    with open_store(village_db) as store:
        people.add_household(store, code="HH003", group_name="一组")
    second = write(village_db, stick)
    uid = held_entry_uid(township_db)
    edit = forged_member("deleted.jsonl", lambda d: d + orjson.dumps({"table": "point_entries", "uid": uid}) + b"\n")
    forged = repackaged(second, tmp_path / second.name, township_db, edit, signer=village_db)
    refused(township_db, forged, "积分明细从不删除")


def held_entry_uid(township_db: Path) -> str:
    with open_store(township_db, write=False) as store:
        return store.scalar("SELECT uid FROM tw_rows WHERE table_name = 'point_entries' LIMIT 1")


def test_an_approved_entry_sent_back_as_pending_is_refused(village_db, township_db, stick, tmp_path):
    approve(village_db, 2)
    take(township_db, write(village_db, stick))
    with open_store(village_db) as store:
        people.add_household(store, code="HH003", group_name="一组")
    second = write(village_db, stick)
    with open_store(township_db, write=False) as store:
        entry = township.village_rows(store, CODE, "point_entries")[0]
    entry.update(status="pending", seq=None, prev_hash=None, hash=None, reviewer=None, reviewed_at=None)

    edit = forged_member("data/point_entries.jsonl", lambda d: d + jsonl([entry]))
    forged = repackaged(second, tmp_path / second.name, township_db, edit, signer=village_db)
    refused(township_db, forged, "改成了未审核或删除")


def test_a_demo_village_passes_every_check_full_and_incremental(tmp_path, township_db, stick):
    """The checks agree with what a real village writes: its figures, its chain, every line (no false refusal)."""
    from villagedesk.demo.village import build_demo

    village = tmp_path / "demo.sqlite3"
    with open_store(village) as store:
        build_demo(store, size="small", seed=3)
        join(store, township_db)
    take(township_db, write(village, stick))
    with open_store(village) as store:
        pending = [r["id"] for r in store.rows("SELECT id FROM point_entries WHERE status = 'pending' LIMIT 30")]
        ledger.approve(store, pending, "审核员")
        house = store.row("SELECT id FROM households WHERE archived = 0 ORDER BY id LIMIT 1")
        people.archive_household(store, house["id"], "迁出")
        people.add_household(store, code="HH999", group_name="一组")
    result = take(township_db, write(village, stick))
    assert not result.replaced and result.counts["point_entries"]["updated"] == len(pending)
    with open_store(village, write=False) as store:
        assert (held(township_db, result.village_code)["chain_count"],
                held(township_db, result.village_code)["chain_head"]) == ledger.chain_head(store)


def test_a_village_taken_before_packages_were_signed_continues_from_the_entries_held(village_db, township_db,
                                                                                    stick):
    approve(village_db, 2)
    take(township_db, write(village_db, stick))
    with open_store(township_db) as store, store.atomic():  # as a township upgraded from schema 7 holds it
        store.conn.execute("UPDATE tw_villages SET chain_count = 0, chain_head = ''")
        store.conn.execute("DELETE FROM tw_village_keys")
    approve(village_db, 1)
    second = write(village_db, stick)
    message = refused(township_db, second, "还没有记下", township.ForeignVillage, accept_new_village=False)
    assert fingerprint(village_db) in message
    take(township_db, second)
    assert held(township_db)["chain_count"] == 3


def _tw_rows(db: Path) -> list[tuple]:
    with open_store(db, write=False) as store:
        return store.conn.execute("SELECT village_code, table_name, uid, data, deleted, package_sequence FROM tw_rows "
                                  "ORDER BY village_code, table_name, uid").fetchall()


@pytest.mark.parametrize("keep_bytes", [0, 1 << 10])
def test_a_package_too_large_to_keep_its_lines_is_merged_alike_from_the_file(village_db, township_db, stick, tmp_path,
                                                                            monkeypatch, keep_bytes):
    """The check keeps the lines it read, with their uids, for the merge up to validate.KEEP_BYTES; past it
    (nothing kept, or the first tables only) the merge reads them from the package again: the same records."""
    approve(village_db, 2)
    first = write(village_db, stick)
    with open_store(village_db) as store:
        people.add_household(store, code="HH009", group_name="三组")
        house = store.scalar("SELECT id FROM households WHERE code = 'HH001'")
        people.update_household(store, house, phone="13900000000")
    second = write(village_db, stick)
    kept_db = tmp_path / "kept.sqlite3"
    kept_db.write_bytes(township_db.read_bytes())
    kept = [take(kept_db, package) for package in (first, second)]
    assert [r.kept for r in kept] == [None, None]  # the lines are not carried by the result the caller keeps
    monkeypatch.setattr(validate, "KEEP_BYTES", keep_bytes)
    read_again = [take(township_db, package) for package in (first, second)]
    assert [r.counts for r in read_again] == [r.counts for r in kept]
    assert (kept[1].counts["households"]["new"], kept[1].counts["households"]["updated"]) == (1, 1)
    assert _tw_rows(township_db) == _tw_rows(kept_db)
