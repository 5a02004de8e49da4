"""A real PostgreSQL server for the county's tests: a throwaway cluster per test process.

The first test that asks for a county database starts a cluster of its own (initdb into a
temporary folder, listening only on a Unix socket there, fsync off: nothing in it must outlive
the test run), once per pytest process, so each xdist worker has one; it is stopped and removed
when the process ends, also after a failure.  Each test gets a new empty database in it.

``VILLAGEDESK_TEST_PGHOST`` (the socket folder of a server already running, where the user
``VILLAGEDESK_TEST_PGUSER``, default ``postgres``, may create databases and roles) takes the
place of the throwaway cluster.  docs/COUNTY.md "Running the PostgreSQL tests".
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import psycopg
from psycopg import sql

HOST_VARIABLE, USER_VARIABLE = "VILLAGEDESK_TEST_PGHOST", "VILLAGEDESK_TEST_PGUSER"
#: What a test says when there is no server to be had: one line, the way to fix it.
NOT_INSTALLED = ("PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin): "
                 "install it with `apt-get install postgresql`, or set VILLAGEDESK_TEST_PGHOST to the "
                 "socket folder of a running server")
# initdb refuses to run as root; the Debian package makes this unprivileged system user for the server.
SERVER_USER = "postgres"
# The throwaway cluster trusts every local login (no passwords to keep) except the members of this
# group, who must give their password: how a test sees a wrong password refused.
PASSWORD_GROUP = "vdtest_password_required"


def binaries() -> Path | None:
    """The folder of initdb and pg_ctl: on PATH, else the newest of Debian's versioned folders."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl", path=str(Path(found).resolve().parent)):
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(candidates[-1]).parent if candidates else None


def url(socket_dir: str | Path, database: str, user: str) -> str:
    """A libpq URL for ``database`` through the Unix socket in ``socket_dir`` (a folder, percent-encoded)."""
    return f"postgresql://{quote(user, safe='')}@{quote(str(socket_dir), safe='')}/{quote(database, safe='')}"


@dataclass
class Server:
    """A running server reached through a socket folder, as a user who may create databases and roles."""

    socket_dir: str
    user: str
    data_dir: str | None = None  # set for the throwaway cluster this process started
    bin_dir: Path | None = None
    _names: itertools.count = field(default_factory=itertools.count)

    def url(self, database: str = "postgres", user: str | None = None) -> str:
        return url(self.socket_dir, database, user or self.user)

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(self.url(), autocommit=True)

    def unique(self, prefix: str) -> str:
        """A name for a database or role no other test of any worker uses at the same time."""
        return f"{prefix}_{os.getpid()}_{next(self._names)}"

    def create_database(self, owner: str | None = None) -> str:
        name = self.unique("vdtest")
        with self.admin() as conn:
            statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            if owner:
                statement += sql.SQL(" OWNER {}").format(sql.Identifier(owner))
            conn.execute(statement)
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    @contextmanager
    def login_role(self, *groups: str, password: str | None = None) -> Iterator[str]:
        """A new login role, member of ``groups`` (made if missing), dropped afterwards: a person at the county."""
        name = self.unique("vdperson")
        with self.admin() as conn:
            for group in groups:
                conn.execute(sql.SQL("DO $$ BEGIN CREATE ROLE {} NOLOGIN; EXCEPTION WHEN duplicate_object THEN "
                                     "NULL; END $$").format(sql.Identifier(group)))
            statement = sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(name))
            if password is not None:
                statement += sql.SQL(" PASSWORD {}").format(sql.Literal(password))
            if groups:
                statement += sql.SQL(" IN ROLE {}").format(sql.SQL(", ").join(map(sql.Identifier, groups)))
            conn.execute(statement)
        try:
            yield name
        finally:
            with self.admin() as conn:
                conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
                conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))

    def stop(self) -> None:
        """Stop the throwaway cluster and remove its folder (nothing for a server this process did not start)."""
        if self.data_dir is None:
            return
        if Path(self.data_dir, "postmaster.pid").exists() and self.bin_dir is not None:
            _as_server_user([str(self.bin_dir / "pg_ctl"), "-D", self.data_dir, "-m", "immediate", "-w", "stop"],
                            check=False)
        shutil.rmtree(Path(self.data_dir).parent, ignore_errors=True)


def _as_server_user(command: list[str], *, check: bool = True) -> subprocess.CompletedProcess:
    user = SERVER_USER if os.geteuid() == 0 else None
    done = subprocess.run(command, user=user, capture_output=True, text=True, timeout=120)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def start() -> Server:
    """The server of this test process: the one named by VILLAGEDESK_TEST_PGHOST, else a new throwaway
    cluster (stopped and removed when the process exits).  RuntimeError(NOT_INSTALLED) without PostgreSQL."""
    if os.environ.get(HOST_VARIABLE):
        return Server(os.environ[HOST_VARIABLE], os.environ.get(USER_VARIABLE, SERVER_USER))
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError(NOT_INSTALLED)
    # Short and directly under /tmp: a socket's path has a limit of about 100 bytes, and the server's
    # user must be able to reach the folder (pytest's own temporary folders are root's alone).
    base = tempfile.mkdtemp(prefix="vdpg-", dir="/tmp")
    data_dir = os.path.join(base, "data")
    if os.geteuid() == 0:
        record = pwd.getpwnam(SERVER_USER)
        os.chown(base, record.pw_uid, record.pw_gid)
    server = Server(base, SERVER_USER if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name,
                    data_dir, bin_dir)
    atexit.register(server.stop)  # a process that ends without the fixture's finaliser still stops it
    try:
        _as_server_user([str(bin_dir / "initdb"), "-D", data_dir, "-A", "trust", "-U", server.user,
                         "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"])
        hba = os.path.join(base, "pg_hba.conf")
        Path(hba).write_text(f"local all +{PASSWORD_GROUP} scram-sha-256\nlocal all all trust\n", encoding="ascii")
        options = (f"-c listen_addresses='' -c unix_socket_directories='{base}' -c hba_file='{hba}' -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        _as_server_user([str(bin_dir / "pg_ctl"), "-D", data_dir, "-w", "-t", "60", "-o", options,
                         "-l", os.path.join(base, "server.log"), "start"])
        with server.admin() as conn:
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(PASSWORD_GROUP)))
    except BaseException:
        server.stop()
        raise
    return server
