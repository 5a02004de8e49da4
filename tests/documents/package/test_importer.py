"""Everything on a stick taken in one session: the next package is read ahead while one is merged.

Real village and township files and real sealed packages.  What is read ahead must be
taken exactly as if it had been read when its turn came: the same records, the same
refusal, nothing written for a refused one, and no opened copy left behind in the
system's temporary folder, even for a package read ahead and never taken.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.core.township.test_merge import forged_rows
from tests.documents.package.test_package import CODE, digest, write
from tests.helpers.factories import join, package_village, valid_uscc
from villagedesk.cli import main
from villagedesk.core.register import people
from villagedesk.core.township import merge as township
from villagedesk.core.township import validate
from villagedesk.documents.package.importer import ImportSession, import_order
from villagedesk.documents.package.prescan import Prescanner
from villagedesk.errors import UserError
from villagedesk.store import open_store

pytestmark = pytest.mark.slow  # real sealed packages, several per test

OTHER = valid_uscc("54431322MF7777777")


def _stick_of_two_villages(tmp_path: Path, township_db: Path, stick: Path) -> list[Path]:
    """Two villages, two packages each (a full one, then an incremental one), all on one stick."""
    files = []
    for n, code in enumerate((CODE, OTHER)):
        db = tmp_path / f"village-{n}.sqlite3"
        package_village(db, code=code)
        join(db, township_db)
        files.append(write(db, stick))
        with open_store(db) as store:
            people.add_household(store, code="HH009", group_name="三组", address="新屋")
        files.append(write(db, stick))
    return files


def _held(db: Path) -> dict:
    with open_store(db, write=False) as store:
        return {code: township.village_rows(store, code, "households") for code in (CODE, OTHER)}


def test_reading_ahead_takes_the_same_records_and_leaves_no_copy(tmp_path, township_db, stick, laptop_temp):
    files = _stick_of_two_villages(tmp_path, township_db, stick)
    alone = tmp_path / "alone.sqlite3"
    alone.write_bytes(township_db.read_bytes())
    with open_store(alone) as store, ImportSession(store) as session:
        for queued in import_order(files):
            session.take(queued.path, accept_new_village=True)
    with open_store(township_db) as store, ImportSession(store) as session:
        queue = import_order(files)
        taken = [session.take(q.path, then=queue[n + 1].path if n + 1 < len(queue) else None,
                              accept_new_village=True) for n, q in enumerate(queue)]
    # Village by village (by code), each by its sequence.
    assert [(r.village_code, r.sequence) for r in taken] == sorted([(CODE, 1), (CODE, 2), (OTHER, 1), (OTHER, 2)])
    assert _held(township_db) == _held(alone)
    assert len(_held(township_db)[OTHER]) == 3
    assert list(laptop_temp.iterdir()) == []


def test_a_bad_package_read_ahead_is_refused_when_its_turn_comes(tmp_path, township_db, stick, laptop_temp):
    good, _second, *_ = _stick_of_two_villages(tmp_path, township_db, stick)
    bad = stick / "VD-9-0001-20261116.vdpkg"
    bad.write_bytes(b"age-encryption.org/v1\n-> X25519 nonsense\n")
    with open_store(township_db) as store:
        ImportSession(store).take(good, accept_new_village=True)
    before = digest(township_db)
    with open_store(township_db, backup_on_open=False) as store, ImportSession(store) as session:
        assert session.take(good, then=bad).already  # taken before: nothing written, the next one read ahead
        with pytest.raises(UserError, match=bad.name) as error:
            session.take(bad)
    assert "\n" not in str(error.value)
    assert digest(township_db) == before
    assert list(laptop_temp.iterdir()) == []


def test_a_package_read_ahead_and_never_taken_leaves_nothing(tmp_path, township_db, stick, laptop_temp):
    first, second, other, _ = _stick_of_two_villages(tmp_path, township_db, stick)
    with open_store(township_db) as store, ImportSession(store) as session:
        session.take(first, then=second, accept_new_village=True)
        # The officer goes on with another village's package instead: the one read ahead is dropped.
        session.take(other, accept_new_village=True)
        assert list(laptop_temp.iterdir()) == []
        session.take(first, then=second)  # taken before: nothing to do, and the next one read ahead
    assert list(laptop_temp.iterdir()) == []
    with open_store(township_db, write=False) as store:
        assert {v["code"]: v["last_sequence"] for v in township.villages(store)} == {CODE: 1, OTHER: 1}


def test_the_command_line_takes_a_whole_stick_in_order(tmp_path, township_db, stick, capsys, laptop_temp):
    files = _stick_of_two_villages(tmp_path, township_db, stick)
    assert main(["import-package", *map(str, reversed(files)), "--accept-new-village", "--db", str(township_db)]) == 0
    assert capsys.readouterr().out.count("第 ") >= 4
    with open_store(township_db, write=False) as store:
        assert {v["code"]: v["last_sequence"] for v in township.villages(store)} == {CODE: 2, OTHER: 2}
    assert list(laptop_temp.iterdir()) == []


def _folding() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("township-fold")]


def test_what_a_package_committed_is_folded_into_the_file_while_the_next_is_taken(tmp_path, township_db, stick,
                                                                                   laptop_temp):
    files = _stick_of_two_villages(tmp_path, township_db, stick)
    queue = import_order(files)
    with open_store(township_db) as store:
        automatic = store.scalar("PRAGMA wal_autocheckpoint")
        size = township_db.stat().st_size
        with ImportSession(store) as session:
            session.take(queue[0].path, then=queue[1].path, accept_new_village=True)
            # Folded by the session's second connection, not by the commit that waits for it.
            assert store.scalar("PRAGMA wal_autocheckpoint") == 0
        # The session closed once its fold was over: the package is in the file itself, not only in its WAL
        # (a package this small never fills the thousand pages at which SQLite folds on its own).
        assert township_db.stat().st_size > size
        assert store.scalar("PRAGMA wal_autocheckpoint") == automatic
        assert _folding() == []
        session = ImportSession(store)
        session.take(queue[1].path, then=queue[2].path)
        assert _folding()
        # The last package, named with no next one: nothing is left running, even for a session never closed.
        session.take(queue[2].path, accept_new_village=True)
        assert _folding() == []
        assert store.scalar("PRAGMA wal_autocheckpoint") == automatic
    with open_store(township_db, write=False) as store:
        assert {v["code"]: v["last_sequence"] for v in township.villages(store)} == {
            queue[0].village_code: 2, queue[2].village_code: 1}


def test_the_next_villages_lines_are_checked_on_a_worker_while_one_is_merged(tmp_path, township_db, stick,
                                                                             monkeypatch, laptop_temp):
    files = _stick_of_two_villages(tmp_path, township_db, stick)
    here: list[str] = []  # the packages whose lines this process checked (the worker is another process)
    real = validate.scan
    monkeypatch.setattr(validate, "scan", lambda store, package, *a: here.append(package.village["code"]) or
                        real(store, package, *a))
    with open_store(township_db) as store, ImportSession(store) as session:
        queue = import_order(files)
        for n, q in enumerate(queue):
            session.take(q.path, then=queue[n + 1].path if n + 1 < len(queue) else None, accept_new_village=True)
    # In code order: OTHER's two packages, then CODE's.  The first package had nobody ahead of it; CODE's first
    # was checked on the worker while OTHER's second was merged.  A village's next package is checked there
    # too, and used only if the worker read the township after the one before was merged (else checked here).
    assert here[0] == OTHER and here.count(CODE) <= 1 and len(here) <= 3, (here, Prescanner.failures)
    assert len(_held(township_db)[OTHER]) == 3
    assert list(laptop_temp.iterdir()) == []


def test_a_package_with_a_bad_line_checked_ahead_is_refused_at_its_turn_as_if_checked_then(
        tmp_path, township_db, stick, laptop_temp):
    first, _second, other, _ = _stick_of_two_villages(tmp_path, township_db, stick)

    def text_id(rows: list[dict]) -> list[dict]:
        rows[0]["id"] = "七"
        return rows
    bad = forged_rows(other, tmp_path / "forged" / other.name, township_db, tmp_path / "village-1.sqlite3",
                      "households", text_id)
    alone = tmp_path / "alone.sqlite3"
    alone.write_bytes(township_db.read_bytes())
    with open_store(alone) as store, pytest.raises(UserError) as said_alone:
        ImportSession(store).take(bad, accept_new_village=True)
    with open_store(township_db) as store, ImportSession(store) as session:
        session.take(first, then=bad, accept_new_village=True)
        before = _held(township_db)
        with pytest.raises(UserError) as said:
            session.take(bad, accept_new_village=True)
    assert str(said.value) == str(said_alone.value) and "id" in str(said.value)
    assert _held(township_db) == before
    assert list(laptop_temp.iterdir()) == []
