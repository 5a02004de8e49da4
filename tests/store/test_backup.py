"""Backups (store/backup.py): taken only when the file changed, kept by day, week and month within a size,
matched to their own database by name, taken in the background and stopped cleanly (#18)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.helpers.factories import QINGXI_PROFILE, profiled_village
from villagedesk import clock
from villagedesk.core.common.village import save_profile
from villagedesk.core.register import people
from villagedesk.errors import UserError
from villagedesk.store import backup as backups
from villagedesk.store import open_store
from villagedesk.store.backup import BackgroundBackup, BackupFile, list_backups, restorable_backups
from villagedesk.store.driver import sqlite3


@pytest.fixture
def village(tmp_path):
    return profiled_village(tmp_path / "village.sqlite3", households=0)


def test_a_periodic_backup_is_taken_only_when_the_file_changed_since_the_last_backup(village):
    with open_store(village, backup_on_open=False) as store:
        first = backups.periodic_backup(store.conn, store.path)
        assert first is not None and first.name.endswith("-open.sqlite3")
        assert backups.periodic_backup(store.conn, store.path) is None  # nothing new
        people.add_household(store, code="HH001", group_name="一组")
        second = backups.periodic_backup(store.conn, store.path)
    # The newest of a day stands for the day: the first, taken the same day, made room for it.
    assert second is not None and list_backups(village) == [second] and not first.exists()
    # Opening for the command line backs up the same way: unchanged now, so nothing is added.
    open_store(village).close()
    assert list_backups(village) == [second]


def _fake(taken: datetime, size: int = 1) -> BackupFile:
    return BackupFile(Path(f"v-{taken:%Y%m%d-%H%M%S}-000000-open.sqlite3"), taken, "open", size)


def test_the_rotation_keeps_the_newest_of_each_of_the_last_days_weeks_and_months():
    # One backup every six hours for two years, newest first.
    start = datetime(2026, 11, 16, 20, 0)
    found = [_fake(start - timedelta(hours=6 * n)) for n in range(4 * 730)]
    kept = backups.periodic_keep(found)
    days = {b.taken.date() for b in kept}
    # The last seven days, each by its newest backup.
    assert {start.date() - timedelta(days=n) for n in range(7)} <= days
    assert all(b.taken.hour == 20 for b in kept)  # each day by its newest backup
    assert len({b.taken.isocalendar()[:2] for b in kept}) >= 4
    months = {(b.taken.year, b.taken.month) for b in kept}
    assert len(months) == 12 and (2025, 12) in months and (2025, 11) not in months
    assert len(kept) <= backups.DAYS + backups.WEEKS + backups.MONTHS
    assert kept == sorted(kept, key=lambda b: b.taken, reverse=True)


def test_the_kept_backups_stay_within_the_size_and_the_newest_always_stays():
    start = datetime(2026, 11, 16, 8, 0)
    kept = [_fake(start - timedelta(days=n), size=700) for n in range(10)]
    assert backups.within_size(kept, limit=2000) == kept[:2]
    assert backups.within_size(kept[:1], limit=10) == kept[:1]  # larger than the limit alone: kept


def test_rotation_prunes_old_periodic_backups_on_disk(village):
    with open_store(village, backup_on_open=False) as store:
        for day in range(20):
            clock.set(date(2026, 10, 1) + timedelta(days=day))
            people.add_household(store, code=f"HH{day:03}", group_name="一组")
            backups.periodic_backup(store.conn, store.path)
    kept = restorable_backups(village)
    assert [b.taken.date() for b in kept[:7]] == [date(2026, 10, 20) - timedelta(days=n) for n in range(7)]
    assert len(kept) < 20
    for backup in kept:
        with sqlite3.connect(backup.path) as conn:
            assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_rotation_leaves_the_backups_of_a_database_with_a_longer_name_alone(tmp_path):
    """v.sqlite3's rotation used to delete v-1.sqlite3's backups lying beside them."""
    ours, theirs = tmp_path / "v.sqlite3", tmp_path / "v-1.sqlite3"
    for path in (ours, theirs):
        with open_store(path) as store:
            save_profile(store, QINGXI_PROFILE)
    with open_store(theirs, backup_on_open=False) as store:
        their_backup = store.backup(reason="manual")
    with open_store(ours, backup_on_open=False) as store:
        for _ in range(backups.KEEP + 2):
            store.backup(reason="manual")
    assert their_backup.exists()
    assert list_backups(theirs) == [their_backup]
    assert their_backup not in list_backups(ours) and len(list_backups(ours)) == backups.KEEP


def test_a_background_backup_copies_one_snapshot_while_the_window_writes(village):
    with open_store(village, backup_on_open=False) as store:
        people.add_household(store, code="HH001", group_name="一组")
        told = []
        running = store.backup_in_background(lambda path, error: told.append((path, error)))
        people.add_household(store, code="HH002", group_name="一组")  # the window goes on writing
        assert running.wait(60)
        assert running.error is None and running.result is not None and told == [(running.result, None)]
        with sqlite3.connect(running.result) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert copy.execute("SELECT count(*) FROM households").fetchone()[0] in (1, 2)


def test_a_stopped_background_backup_leaves_nothing_behind(village):
    with open_store(village, backup_on_open=False) as store:
        stopped = BackgroundBackup(store.path)
        stopped.stop()  # closing the window before the copy is done
        stopped.start()
        assert stopped.wait(60)
        assert stopped.result is None and stopped.error is None
    assert list(backups.backup_dir(village).glob("*")) == []


def test_closing_the_store_stops_its_background_backup(village):
    store = open_store(village, backup_on_open=False)
    running = store.backup_in_background()
    store.close()  # never raises, never waits for the whole copy
    assert not running.running()
    assert list(backups.backup_dir(village).glob("*.part")) == []


def test_a_copy_for_a_usb_stick_is_checked_whole(village, tmp_path):
    stick = tmp_path / "stick"
    with open_store(village, write=False) as store:
        copy = backups.backup_to(store.conn, stick / "copy.sqlite3", verify="integrity_check")
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT name FROM village").fetchone()[0] == "青溪桥村"


@pytest.mark.parametrize("existing, force, refused", [
    ("database", True, "已经是一个数据库文件"),
    ("text", False, "--force"),
    ("text", True, None),
    (None, False, None),
])
def test_a_backup_target_chosen_by_hand(village, tmp_path, existing, force, refused):
    dest = tmp_path / "chosen.sqlite3"
    if existing == "database":
        sqlite3.connect(dest).execute("CREATE TABLE other(x)").connection.close()
    elif existing == "text":
        dest.write_text("notes", encoding="utf-8")
    if refused is None:
        backups.check_target(dest, village, force=force)
    else:
        with pytest.raises(UserError, match=refused):
            backups.check_target(dest, village, force=force)
