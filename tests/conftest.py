"""Shared fixtures: every test gets its own database file and its own settings."""

from __future__ import annotations

import os
import tempfile
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from villagedesk.store.driver import sqlite3

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402

# Until a test's own folder is set, settings go to a throw-away folder, never the user's.
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp(prefix="vd-settings-"))

from tests.helpers.factories import join, package_village, valid_uscc  # noqa: E402
from villagedesk import clock  # noqa: E402
from villagedesk.core.common.village import Profile, save_profile  # noqa: E402
from villagedesk.core.township import merge as township  # noqa: E402
from villagedesk.store import keys, open_store  # noqa: E402

#: The time limit (seconds) of a test marked slow that names none of its own: pytest.ini's default
#: is for a test that should take a second or two; a slow one on a shared, busy machine takes
#: three to five times its quiet time, and failing it then would say nothing about the program.
SLOW_TIMEOUT = 600


def pytest_collection_modifyitems(items):
    for item in items:
        if item.get_closest_marker("slow") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(SLOW_TIMEOUT))
        # A test on the county's server is marked so whatever its module says: -m "not postgres" leaves it out.
        if "postgres_server" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory, monkeypatch):
    """QSettings and the user data folder point into a temporary folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "settings"))


#: The day every test runs on unless it sets its own (a Monday): no test depends on the real date.
TEST_DAY = datetime(2026, 11, 16, 8)


@pytest.fixture(autouse=True)
def _program_clock():
    """The program's clock set to TEST_DAY for the test (and the programs it starts), then back."""
    clock.set(TEST_DAY)
    yield
    clock.set(None)


class StoppedClock:
    """The program's clock standing still at :attr:`at` until the test moves it on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.at = clock.now().replace(microsecond=0)
        monkeypatch.setattr(clock, "now", lambda: self.at)

    def move(self, **delta: float) -> None:
        self.at += timedelta(**delta)


@pytest.fixture
def stopped_clock(monkeypatch) -> StoppedClock:
    """For a test that compares a time the program stamps to the second with the time it expects: the
    test clock runs on, and on a busy machine a login or a new database can carry it past a second
    between the stamp and the test's own reading."""
    return StoppedClock(monkeypatch)


#: Argon2id's cost for the passwords tests set: the least it takes (docs/SECURITY.md "The key file"). Each
#: key file entry keeps its own cost, so what a test wrote unlocks as fast in the programs it starts;
#: tests/store/test_keys.py logs in once at the real cost.
TEST_KDF = keys.KdfCost(time_cost=1, memory_kib=8, parallelism=1)


@pytest.fixture(autouse=True)
def _cheap_kdf(monkeypatch):
    monkeypatch.setattr(keys, "KDF", TEST_KDF)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "village.sqlite3"


@pytest.fixture(scope="session")
def _new_database(tmp_path_factory) -> Path:
    """A database as the program makes it on first use, made once per test process."""
    path = tmp_path_factory.mktemp("new") / "village.sqlite3"
    open_store(path).close()
    return path


@pytest.fixture
def store(db_path, _new_database):
    """A new, empty database at ``db_path``, open for writing.

    Copied from one made for the session: running every migration on a new file takes a tenth of
    a second, hundreds of tests start from an empty database, and the copy is the same file (the
    store and upgrade tests make theirs from scratch).
    """
    with closing(sqlite3.connect(_new_database)) as source, closing(sqlite3.connect(db_path)) as copy:
        source.backup(copy)
    with open_store(db_path) as opened:
        yield opened


@pytest.fixture
def profiled_store(store):
    save_profile(store, Profile("油溪桥村", valid_uscc(), "天门乡", "新化县", "李文书", "13812341234"))
    return store


@pytest.fixture(scope="session", autouse=True)
def vd_app(qapp):
    """The application as the program sets it up: Chinese translation and CJK font.

    Every test sees the window as a clerk does, in Chinese, whatever ran before it.
    """
    from villagedesk.ui.kit.application import make_app

    return make_app()


@pytest.fixture
def boxes(monkeypatch):
    """Every QMessageBox.warning / critical / information call, recorded instead of shown."""
    from PySide6.QtWidgets import QMessageBox

    calls: list[tuple[str, str, str]] = []

    def recorder(kind):
        def record(parent, title, text, *args, **kwargs):
            calls.append((kind, title, text))
            return QMessageBox.StandardButton.Ok
        return record

    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, recorder(kind))
    return calls


# --- USB packages: a village to write from, a township to take them, a stick between ---------

@pytest.fixture
def village_db(tmp_path, township_db):
    """油溪桥村 (tests.helpers.factories.package_village), joined to the township of ``township_db``."""
    path = tmp_path / "village.sqlite3"
    package_village(path)
    join(path, township_db)
    return path


@pytest.fixture
def township_db(tmp_path):
    path = tmp_path / "township.sqlite3"
    with open_store(path) as store:
        save_profile(store, Profile("天门乡", valid_uscc(), "天门乡", "新化县", "王干事", "07381234567"))
        township.set_township(store, True)
    return path


@pytest.fixture
def stick(tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


# --- the county's PostgreSQL server (tests/helpers/postgres.py; docs/COUNTY.md) --------------------

@pytest.fixture(scope="session")
def postgres_server():
    """This test process's PostgreSQL server, started by the first test that needs it.

    Without PostgreSQL every test that needs it fails with one line saying how to install it:
    never a silent skip, so a machine without it cannot pass for one that ran the county's tests.
    """
    # loads psycopg: only the processes that run a county test start a server
    from tests.helpers import postgres

    try:
        server, problem = postgres.start(), ""
    except RuntimeError as exc:
        problem = str(exc)
    if problem:  # failed outside the except block: the one line, without "during handling of …" after it
        pytest.fail(problem, pytrace=False)
    yield server
    server.stop()


@pytest.fixture
def county_url(postgres_server):
    """A new, empty database on the test server, as its URL; dropped after the test."""
    name = postgres_server.create_database()
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


@pytest.fixture
def county(county_url):
    """``county_url`` made the county 新化县's."""
    # loads psycopg: as postgres_server
    from villagedesk.core.county.profile import create_county
    from villagedesk.store.postgres.connection import county_database

    with county_database(county_url, upgrade=False) as conn:
        create_county(conn, "新化县")
    return county_url
