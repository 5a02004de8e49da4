"""Reaching the county's database: a libpq URL in, one open connection or one UserError out.

The password never travels in the URL (it would stand on the command line for anyone on the PC
to read in the process list): libpq finds it itself, in ``~/.pgpass`` (``%APPDATA%\\postgresql\\
pgpass.conf`` on Windows) or ``PGPASSWORD``.  Every way of failing to reach the server (down, a
wrong password, no such database) is one sentence naming the server, never a traceback
(docs/COUNTY.md "Pointing the program at the county's server").
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import errors
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from villagedesk.errors import UserError
from villagedesk.store.postgres import is_database_url, messages, migrations

# libpq waits for an unreachable host as long as the system's TCP does (minutes); a clerk is told sooner.
CONNECT_TIMEOUT = 10
APPLICATION = "villagedesk"


def parse(url: str) -> dict[str, str]:
    """The connection parameters of ``url``; UserError for one that is not a PostgreSQL URL, is
    malformed, or carries a password."""
    if not is_database_url(url):
        raise UserError(messages.NOT_A_URL)
    try:
        params = {key: str(value) for key, value in conninfo_to_dict(url.strip()).items()}
    except psycopg.ProgrammingError as exc:
        raise UserError(messages.BAD_URL.format(reason=_reason(exc))) from None
    if "password" in params:
        raise UserError(messages.PASSWORD_IN_URL)
    return params


def user_name(params: dict[str, str]) -> str:
    """Who libpq logs in as for ``params`` (parse's answer): the URL's user, else PGUSER, else this PC's login."""
    return params.get("user") or os.environ.get("PGUSER") or getpass.getuser()


def _database(params: dict[str, str]) -> str:
    return params.get("dbname") or os.environ.get("PGDATABASE") or user_name(params)


def server_name(params: dict[str, str]) -> str:
    """The server as a person recognises it: host (or this PC, for a socket folder) and port."""
    host = params.get("host") or os.environ.get("PGHOST") or ""
    shown = f"本机（{host}）" if host.startswith("/") else host or "本机"
    port = params.get("port") or ""
    return f"{shown}:{port}" if port and not host.startswith("/") else shown


def _reason(exc: Exception) -> str:
    """libpq's own words, the part that says what happened: 'connection to server … failed: FATAL: x' → 'x'."""
    line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    line = line.rsplit("failed: ", 1)[-1]
    return re.sub(r"^(FATAL|ERROR):\s+", "", line).strip()


# What libpq's (English) text says, checked in this order: (any of these, and this too, the sentence).
# A server set to answer in another language falls through to CONNECTION_FAILED, which quotes its words.
_FAILURES = (
    (("password authentication failed", "no password supplied", "fe_sendauth"), "", messages.WRONG_PASSWORD),
    (('role "',), "does not exist", messages.NO_SUCH_USER),
    (('database "',), "does not exist", messages.NO_SUCH_DATABASE),
    (("permission denied for database", "no pg_hba.conf entry", "not permitted to log in"), "", messages.NO_ACCESS),
    (("connection refused", "no such file or directory", "could not translate host", "failed to resolve host",
      "timeout expired", "network is unreachable", "no route to host", "could not connect"), "",
     messages.SERVER_DOWN),
)


class PasswordRefused(UserError):
    """The server wants a password for this user and was given none, or a wrong one: the window then asks
    for it (ui/county/login.py)."""


def connection_error(exc: psycopg.Error, params: dict[str, str]) -> UserError:
    """The one sentence for a failed connection."""
    text = str(exc).lower()
    template = next((template for needles, also, template in _FAILURES
                     if any(needle in text for needle in needles) and also in text), messages.CONNECTION_FAILED)
    kind = PasswordRefused if template is messages.WRONG_PASSWORD else UserError
    return kind(template.format(server=server_name(params), user=user_name(params),
                                database=_database(params), reason=_reason(exc)))


def connect(url: str, *, user: str | None = None, password: str | None = None) -> psycopg.Connection:
    """A connection to the database ``url`` names, in autocommit: each unit of work opens its own
    ``conn.transaction()``, so nothing stays open between them (other people's imports wait on none).

    ``user`` and ``password``: what a person typed into the window's login, in place of the URL's user and
    what libpq finds; the password goes to libpq as a keyword, never into the URL, and is not kept."""
    params = parse(url)
    # libpq takes keywords after the URL's own parameters, in their place (psycopg.conninfo.make_conninfo).
    conninfo = make_conninfo(url.strip(), **{key: value for key, value in (("user", user), ("password", password))
                                             if value})
    timeout = params.get("connect_timeout", str(CONNECT_TIMEOUT))
    try:
        return psycopg.connect(conninfo, autocommit=True, application_name=APPLICATION, connect_timeout=timeout)
    except psycopg.Error as exc:
        raise connection_error(exc, {**params, **({"user": user} if user else {})}) from None


@contextmanager
def translated(conn: psycopg.Connection) -> Iterator[psycopg.Connection]:
    """Errors of the server while ``conn`` is used, as one UserError: a right this role lacks, a
    connection lost on the way (the transaction it was in is rolled back by the server)."""
    params = {key: str(value) for key, value in conn.info.get_parameters().items()}
    try:
        yield conn
    except errors.InsufficientPrivilege as exc:
        raise UserError(messages.DENIED.format(user=conn.info.user, reason=_reason(exc))) from None
    except psycopg.OperationalError as exc:
        raise UserError(messages.CONNECTION_LOST.format(server=server_name(params), reason=_reason(exc))) from None


@contextmanager
def county_database(url: str, *, upgrade: bool = True) -> Iterator[psycopg.Connection]:
    """The county database at ``url``, open for the ``with`` block, its schema brought up to this
    program's (``upgrade``; refused when it is no county or a newer one); closed afterwards."""
    conn = connect(url)
    try:
        with translated(conn):
            if upgrade:
                migrations.upgrade(conn)
            yield conn
    finally:
        conn.close()


__all__ = ["CONNECT_TIMEOUT", "PasswordRefused", "connect", "connection_error", "county_database", "parse", "server_name", "user_name",
           "translated"]
