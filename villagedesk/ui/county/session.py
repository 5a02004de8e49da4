"""The county database the window reads: one connection to the county's server, logged in as the person.

The window reads on one autocommit connection, a statement (or a read-only transaction of its own) per
question, so no transaction stays open while the person looks at the answer (docs/COUNTY.md "The
county database"); questions come from worker threads (ui/kit/workers.run_job) one at a time.  A long
piece of work (a printed summary, the workbook) gets a connection of its own (:meth:`CountySession.
connection`), so browsing goes on meanwhile.  Nothing here writes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import psycopg

from villagedesk.core.county.profile import county_name
from villagedesk.store.postgres import migrations
from villagedesk.store.postgres.connection import connect, parse, server_name, translated

T = TypeVar("T")


class CountySession:
    """The person's connection to the county database at ``url``; ``login``: the user and password typed
    into the window's login, when libpq found none (kept in this object only, to open the connections
    :meth:`connection` gives and to reconnect; never written anywhere)."""

    def __init__(self, url: str, conn: psycopg.Connection, login: dict[str, str] | None = None):
        self.url = url
        self.conn = conn
        self._login = dict(login or {})
        self._lock = threading.Lock()
        self.server = server_name(parse(url))
        self.user = conn.info.user
        self.database = conn.info.dbname
        with translated(conn):
            # Checked as every program that opens a county database checks it (docs/COUNTY.md "Schema versions").
            migrations.upgrade(conn)
            self.county = county_name(conn)

    @classmethod
    def open(cls, url: str, *, user: str | None = None, password: str | None = None) -> CountySession:
        """Connect (UserError, or connection.PasswordRefused when the server wants a password it did not get)."""
        conn = connect(url, user=user, password=password)
        try:
            return cls(url, conn, {key: value for key, value in (("user", user), ("password", password)) if value})
        except BaseException:
            conn.close()
            raise

    def read(self, question: Callable[[psycopg.Connection], T]) -> T:
        """``question(conn)`` on the window's connection (from any thread, one at a time); a connection the
        server dropped is opened again first."""
        with self._lock:
            if self.conn.closed:
                self.conn = connect(self.url, **self._login)
            with translated(self.conn):
                return question(self.conn)

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        """A connection of its own for one long piece of work, closed after the ``with`` block."""
        conn = connect(self.url, **self._login)
        try:
            with translated(conn):
                yield conn
        finally:
            conn.close()

    def close(self) -> None:
        with self._lock:
            self.conn.close()


__all__ = ["CountySession"]
