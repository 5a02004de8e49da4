"""Disk and media faults: a full disk, a read-only file or folder, a database whose folder vanishes.

Each gives one clear Chinese message, changes nothing that was saved, and leaves the program
usable (or, when it cannot open the file at all, closing cleanly).  SQLite's disk full is
real (``PRAGMA max_page_count``); a full disk under a PDF, workbook, package or backup is an
``OSError(ENOSPC)`` raised from the file layer.  Read-only files are tested as a clerk without
root rights (root may write any file): as root, the subprocess drops to ``nobody``.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import ROOT, WAIT
from tests.helpers.ui import when_modal
from tests.ui.points.test_page import _bulk_pending
from villagedesk import clock
from villagedesk.cli import main
from villagedesk.core.points import ledger, rules
from villagedesk.core.register import people
from villagedesk.documents import atomic
from villagedesk.errors import UserError
from villagedesk.store import backup as backups
from villagedesk.store import open_store
from villagedesk.store.driver import sqlite3

FULL = "磁盘空间已满"


@pytest.fixture
def village(profiled_store, monkeypatch):
    clock.set(date(2026, 8, 20))
    for n in range(1, 5):
        household = people.add_household(profiled_store, code=f"HH00{n}", group_name="第一组")
        people.add_person(profiled_store, household["id"], name=f"户主{n}", relation="户主")
    rules.install_default_catalogue(profiled_store, date(2026, 1, 1))
    return profiled_store


def snapshot(store) -> dict:
    return {t: store.conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
            for t in ("households", "persons", "point_entries", "audit")}


def fill_disk(store) -> None:
    """The database may grow no more: the next write needing a new page fails with SQLITE_FULL."""
    assert store.scalar("PRAGMA freelist_count") < 5  # free pages would be used before growing
    store.conn.execute(f"PRAGMA max_page_count = {store.scalar('PRAGMA page_count')}")


def free_disk(store) -> None:
    store.conn.execute("PRAGMA max_page_count = 4294967294")


# --- disk full: the database ------------------------------------------------------------

def test_disk_full_while_saving_is_one_message_and_nothing_changes(village):
    rule = village.scalar("SELECT id FROM point_rules WHERE cap_per_period IS NULL AND points > 0 LIMIT 1")
    households = [r["id"] for r in village.rows("SELECT id FROM households")]
    _bulk_pending(village, 300)
    before = snapshot(village)
    fill_disk(village)
    with pytest.raises(UserError, match=FULL) as err:
        ledger.approve(village, [e["id"] for e in village.rows("SELECT id FROM point_entries")], "王主任")
    assert "之前保存的数据完好" in str(err.value)
    assert snapshot(village) == before and not village.conn.in_transaction
    with pytest.raises(UserError, match=FULL):
        for _ in range(200):  # small writes fill the last free room, then one is refused
            ledger.record_batch(village, household_ids=households, rule_id=rule, day=date(2026, 8, 1))
    assert not village.conn.in_transaction
    # Room again: the same store goes on, the chain is whole.
    free_disk(village)
    assert ledger.approve(village, list(range(1, 301)), "王主任") == 300
    assert ledger.chain_problems(village) == []
    assert village.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_other_database_errors_are_not_hidden(store):
    # Only what the disk refused becomes a message; a mistake in the program stays an error.
    with pytest.raises(sqlite3.OperationalError, match="no such table"), store.atomic():
        store.conn.execute("INSERT INTO no_such_table VALUES (1)")


def test_window_shows_disk_full_and_stays_usable(qtbot, village, boxes):
    from villagedesk.ui.main_window import MainWindow

    _bulk_pending(village, 300)
    window = MainWindow(village)
    qtbot.addWidget(window)
    window.go_to("points")
    review = window.points.review
    window.points.tabs.setCurrentIndex(1)
    review.buttons["select_all"].click()
    fill_disk(village)
    when_modal(lambda d: d.buttons.button(d.buttons.StandardButton.Ok).click())
    review.buttons["approve"].click()
    assert review.job.wait(WAIT)
    assert review.job.state == "failed"
    assert [kind for kind, _title, _text in boxes] == ["warning"]
    assert FULL in boxes[0][2]
    assert village.scalar("SELECT count(*) FROM point_entries WHERE status = 'approved'") == 0
    # The clerk frees some room and tries again in the same window.
    free_disk(village)
    review.buttons["select_all"].click()
    when_modal(lambda d: d.buttons.button(d.buttons.StandardButton.Ok).click())
    review.buttons["approve"].click()
    assert review.job.wait(WAIT) and review.job.state == "done"
    assert village.scalar("SELECT count(*) FROM point_entries WHERE status = 'approved'") == 300


# --- disk full: files (PDF, workbook, package, backup) ----------------------------------------

class _FullDisk:
    """Stands in for the temporary file: the disk fills after ``room`` bytes."""

    def __init__(self, real, room: int):
        self._real, self._room = real, room

    def write(self, data) -> int:
        self._room -= len(data)
        if self._room < 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self._real.write(data)

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._real.close()


@pytest.fixture
def full_files(monkeypatch):
    """Files written through documents/atomic.py hit a full disk after 2 kB."""
    real_fdopen = os.fdopen

    def fdopen(fd, *args, **kwargs):
        return _FullDisk(real_fdopen(fd, *args, **kwargs), 2048)

    monkeypatch.setattr(atomic.os, "fdopen", fdopen)


def _write_excel(store, path):
    from villagedesk.documents.excel.workbook import export_workbook

    export_workbook(store, path)


def _print_households(store, path):
    from villagedesk.documents.pdf.households import print_households

    print_households(store, path)


@pytest.mark.parametrize("write", [_write_excel, _print_households], ids=["excel", "pdf"])
def test_disk_full_under_a_document_keeps_the_old_file_and_leaves_no_half_file(village, tmp_path, full_files,
                                                                                 write):
    out = tmp_path / "out"
    out.mkdir()
    old = out / "document"
    old.write_bytes(b"yesterday's file")
    with pytest.raises(UserError, match=FULL):
        write(village, old)
    assert [p.name for p in out.iterdir()] == ["document"]
    assert old.read_bytes() == b"yesterday's file"


def test_disk_full_under_a_package_records_nothing(village, township_db, stick, full_files):
    from tests.helpers.factories import join
    from villagedesk.documents.package.writer import write_package

    join(village, township_db)
    with pytest.raises(UserError, match=FULL):
        write_package(village, stick)
    assert list(stick.iterdir()) == []
    assert village.scalar("SELECT count(*) FROM packages") == 0


def test_disk_full_under_a_backup_leaves_no_part_file(village, monkeypatch, capsys):
    def no_room(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    before = backups.list_backups(village.path)
    monkeypatch.setattr(backups.os, "fsync", no_room)
    with pytest.raises(UserError, match=FULL):
        village.backup(reason="manual")
    assert backups.list_backups(village.path) == before
    assert not list(backups.backup_dir(village.path).glob("*.part"))
    # The command line says the same in one line.
    target = village.path.parent / "copy.sqlite3"
    village.close()
    assert main(["backup", "--db", str(village.path), "-o", str(target)]) == 1
    err = capsys.readouterr().err.strip()
    assert FULL in err and len(err.splitlines()) == 1 and not target.exists()


# --- the database's folder vanishes mid-session (a USB stick pulled) -------------------------

def test_database_folder_renamed_away_refuses_writes_and_keeps_what_was_saved(tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    with open_store(stick / "village.sqlite3") as store:
        saved = people.add_household(store, code="HH001", group_name="一组")
        (tmp_path / "stick").rename(tmp_path / "elsewhere")
        # SQLite would go on writing into the moved file: the program refuses instead.
        with pytest.raises(UserError, match="已不在原处") as err:
            people.add_household(store, code="HH002", group_name="一组")
        assert "之前保存的数据都在原来的文件中" in str(err.value)
        with pytest.raises(UserError, match="已不在原处"):
            store.backup(reason="manual")
        # Nothing brings the old folder back (an empty village would open there next time).
        assert not stick.exists()
        # Reading what is open still works.
        assert store.scalar("SELECT count(*) FROM households") == 1
    assert not stick.exists()
    with open_store(tmp_path / "elsewhere" / "village.sqlite3", write=False) as moved:
        assert [r["uid"] for r in moved.rows("SELECT uid FROM households")] == [saved["uid"]]
        assert moved.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.slow
def test_window_write_after_the_stick_is_pulled_shows_the_message_and_goes_on(qtbot, tmp_path):
    from PySide6.QtWidgets import QLineEdit

    from villagedesk.ui.main_window import MainWindow

    (tmp_path / "stick").mkdir()
    store = open_store(tmp_path / "stick" / "village.sqlite3")
    people.add_household(store, code="HH001", group_name="一组")
    window = MainWindow(store)
    qtbot.addWidget(window)
    (tmp_path / "stick").rename(tmp_path / "elsewhere")
    errors = []

    def fill_and_save(dialog):
        for name, text in (("name", "油溪桥村"), ("township", "天门乡"), ("county", "新化县"),
                           ("clerk", "李文书"), ("phone", "13812341234")):
            dialog.field(name).setText(text)
        from tests.helpers.factories import valid_uscc

        dialog.form.findChild(QLineEdit, "code").setText(valid_uscc())
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        errors.append(dialog.error_label.text())
        assert dialog.isVisible(), "a refused save keeps the dialog open"
        dialog.reject()

    when_modal(fill_and_save)
    assert window.edit_profile() is False
    assert "已不在原处" in errors[0]
    # The window still works: its pages read what is open.
    assert window.go_to("households") is window.households
    store.close()
    with open_store(tmp_path / "elsewhere" / "village.sqlite3", write=False) as moved:
        assert moved.scalar("SELECT count(*) FROM households") == 1
        assert moved.scalar("SELECT count(*) FROM village") == 0


# --- read-only database file and folder ---------------------------------------------------

def _run(*args: str, code: str | None = None) -> subprocess.CompletedProcess:
    """The program in a subprocess, as a clerk: root may write any file, so it loses that right."""
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "villagedesk", *args]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: a read-only file cannot be shown")
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--", *command]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


_WINDOW = """
from PySide6.QtWidgets import QMessageBox
QMessageBox.critical = lambda parent, title, text, *a, **k: print("MESSAGE", text)
from villagedesk.ui.app import make_app, open_window
make_app([])
print("WINDOW", open_window(DB) is not None)
"""


def _one_line(got: subprocess.CompletedProcess, *words: str) -> None:
    assert got.returncode == 1, got.stderr
    assert "Traceback" not in got.stderr and len(got.stderr.strip().splitlines()) == 1, got.stderr
    for word in words:
        assert word in got.stderr


@pytest.mark.slow
def test_read_only_database_file_is_named_by_cli_and_window(village_db, tmp_path):
    village_db.chmod(0o444)
    before = _sha(village_db)
    _one_line(_run("township", "--db", str(village_db)), "只读", "未作任何改动")
    # Reading still works: check, print.
    assert _run("check", "--db", str(village_db)).returncode == 0
    assert _run("print", "households", "--db", str(village_db), "-o", str(tmp_path / "h.pdf")).returncode == 0
    window = _run(code=_WINDOW.replace("DB", repr(str(village_db))))
    assert "WINDOW False" in window.stdout, window.stderr
    assert "MESSAGE" in window.stdout and "只读" in window.stdout
    assert _sha(village_db) == before


@pytest.mark.slow
def test_read_only_folder_is_named_and_still_readable(village_db):
    folder = village_db.parent
    (folder / "village.sqlite3.lock").unlink(missing_ok=True)
    before = _sha(village_db)
    folder.chmod(0o555)
    try:
        _one_line(_run("township", "--db", str(village_db)), "可写")
        checked = _run("check", "--db", str(village_db))
        assert checked.returncode == 0, checked.stderr
    finally:
        folder.chmod(0o755)
    assert _sha(village_db) == before


# --- restore from the window ------------------------------------------------------------

@pytest.mark.slow
def test_restore_from_the_window_backs_up_first_and_reloads(qtbot, profiled_store, boxes, capsys):
    from PySide6.QtWidgets import QMessageBox

    from villagedesk.ui.export.restore_dialog import RestoreDialog
    from villagedesk.ui.main_window import MainWindow

    store = profiled_store
    people.add_household(store, code="HH001", group_name="一组")
    chosen = store.backup(reason="manual")
    people.add_household(store, code="HH002", group_name="一组")
    store.backup(reason="before-import")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.go_to("export")
    old_page = window.households
    assert old_page.households.rowCount() == 2
    listed = []

    def choose(dialog):
        assert isinstance(dialog, RestoreDialog)
        table = dialog.table
        listed.extend(table.item(row, 1).text() for row in range(table.rowCount()))
        dialog.table.selectRow(next(r for r, b in enumerate(dialog.backups) if b.path == chosen))
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    when_modal(choose, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    job = window.export.restore_backup()
    assert job is not None and job.wait(WAIT) and job.state == "done", job and job.error
    assert listed == ["导入前", "手动备份"]
    assert [kind for kind, _t, _x in boxes] == ["information"] and "已恢复" in boxes[0][2]
    # The current data was backed up first; the window shows the restored data on new pages.
    safety = backups.restorable_backups(store.path)[0]
    assert safety.reason == "before-restore"
    with open_store(safety.path, write=False) as kept:
        assert kept.scalar("SELECT count(*) FROM households") == 2
    assert store.scalar("SELECT group_concat(code) FROM households") == "HH001"
    assert window.households is not old_page and window.households.households.rowCount() == 1
    assert main(["check", "--db", str(store.path)]) == 0, capsys.readouterr()


def test_restore_without_backups_says_so(qtbot, store, boxes):
    from villagedesk.ui.export.page import ExportPage

    page = ExportPage(store)
    qtbot.addWidget(page)
    assert page.restore_backup() is None
    assert [kind for kind, _t, _x in boxes] == ["information"]


def test_a_stick_not_plugged_in_starts_no_empty_village(tmp_path, capsys, monkeypatch):
    """--db on a folder that is not there (a USB stick not plugged in) is refused; the program's own folder is made."""
    from villagedesk.cli import main
    from villagedesk.store import database

    missing = tmp_path / "stick" / "village.sqlite3"
    assert main(["check", "--db", str(missing)]) == 1
    assert main(["demo", "--db", str(missing)]) == 1
    assert "U 盘可能没有插好" in capsys.readouterr().err and not (tmp_path / "stick").exists()
    own = tmp_path / "data" / "VillageDesk" / "village.sqlite3"
    monkeypatch.setattr(database, "default_db_path", lambda: own)
    with open_store(own) as store:
        assert store.scalar("SELECT count(*) FROM households") == 0
    assert own.is_file()
