"""The files the command line writes and opens (#18): a PDF named .pdf, a backup that replaces no database,
one lock per real file, a full disk at close, no display for the window — each one plain line, nothing lost."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from tests.helpers import ROOT
from tests.helpers.factories import profiled_village
from villagedesk.cli import main
from villagedesk.core.register import people
from villagedesk.errors import UserError
from villagedesk.store import open_store


@pytest.fixture
def village(tmp_path):
    return profiled_village(tmp_path / "village.sqlite3", households=1)


def _one_line(capsys, *words: str) -> str:
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    for word in words:
        assert word in err
    return err


@pytest.mark.parametrize("argv", [["print", "households"], ["print", "keys"], ["print", "summary", "2026"]])
def test_print_refuses_an_output_not_named_pdf(village, tmp_path, capsys, argv):
    output = tmp_path / "x.txt"
    assert main([*argv, "--db", str(village), "-o", str(output)]) == 1
    _one_line(capsys, ".pdf", "x.txt")
    assert not output.exists()


def _households(path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM households").fetchone()[0]


def test_backup_to_a_file_never_replaces_another_database(village, tmp_path, capsys):
    other = tmp_path / "other-village.sqlite3"
    with open_store(other) as store:
        for n in range(3):
            people.add_household(store, code=f"HH00{n}", group_name="一组")
    for force in ([], ["--force"]):
        assert main(["backup", "--db", str(village), "-o", str(other), *force]) == 1
        _one_line(capsys, "已经是一个数据库文件")
        assert _households(other) == 3


def test_backup_to_an_existing_other_file_asks_for_force(village, tmp_path, capsys):
    notes = tmp_path / "notes.bak"
    notes.write_text("文书的笔记", encoding="utf-8")
    assert main(["backup", "--db", str(village), "-o", str(notes)]) == 1
    _one_line(capsys, "--force")
    assert notes.read_text(encoding="utf-8") == "文书的笔记"
    assert main(["backup", "--db", str(village), "-o", str(notes), "--force"]) == 0
    assert _households(notes) == 1


def test_the_same_database_through_a_symbolic_link_is_locked_once(village, tmp_path):
    link = tmp_path / "link.sqlite3"
    link.symlink_to(village)
    with open_store(village):
        with pytest.raises(UserError, match="正在被另一个"):
            open_store(link)
    folder_link = tmp_path / "linked-folder"
    folder_link.symlink_to(tmp_path, target_is_directory=True)
    with open_store(folder_link / village.name):
        with pytest.raises(UserError, match="正在被另一个"):
            open_store(village)


# Writes a household, then may write no byte past the size the database file has now (RLIMIT_FSIZE):
# the checkpoint at close, which folds the WAL into the file, fails as on a full disk.
_FULL_AT_CLOSE = """
import resource, signal, sys
from villagedesk.cli import main
from villagedesk.core.register import people
from villagedesk.store import open_store
from villagedesk.errors import UserError
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
store = open_store(sys.argv[1], backup_on_open=False)
store.conn.execute("PRAGMA wal_autocheckpoint = 0")
for n in range(200):
    people.add_household(store, code=f"HH{n + 100:03}", group_name="二组", address="x" * 500)
size = __import__("os").path.getsize(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
try:
    store.close()
except UserError as err:
    print(f"villagedesk: {err}", file=sys.stderr)
    sys.exit(1)
"""


@pytest.mark.slow
def test_a_disk_that_cannot_take_the_checkpoint_at_close_is_one_line_and_loses_nothing(village):
    got = subprocess.run([sys.executable, "-c", _FULL_AT_CLOSE, str(village)], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert got.returncode == 1, got.stderr
    assert "Traceback" not in got.stderr and len(got.stderr.strip().splitlines()) == 1, got.stderr
    assert "数据已保存" in got.stderr and "-wal" in got.stderr
    assert (village.parent / (village.name + "-wal")).stat().st_size > 0
    with open_store(village, write=False) as store:  # the WAL is folded in at the next open: nothing lost
        assert store.scalar("SELECT count(*) FROM households") == 201


@pytest.mark.slow
def test_the_window_without_a_display_says_so_in_one_line(village):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    got = subprocess.run([sys.executable, "-m", "villagedesk", "--db", str(village)], capture_output=True,
                         text=True, env={**env, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert got.returncode == 1
    assert got.stderr.strip().splitlines() == [got.stderr.strip()] and "没有可用的显示器" in got.stderr
