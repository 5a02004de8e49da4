"""The county's database on a PostgreSQL server (issue 20; docs/COUNTY.md).

A county keeps every township's villages in one PostgreSQL database that several people use at
once, instead of one SQLite file.  ``connection`` opens it from a ``postgresql://`` URL and turns
every way of failing to reach it into one UserError; ``migrations`` holds its own versioned schema.
This module itself loads no driver: the command line asks :func:`is_database_url` of every
``--db`` it is given.
"""

from __future__ import annotations

from villagedesk.errors import UserError
from villagedesk.store.postgres import messages

# The URI schemes libpq accepts (PostgreSQL's documentation, "Connection URIs").
SCHEMES = ("postgresql://", "postgres://")


def is_database_url(text: object) -> bool:
    """Whether ``text`` names a PostgreSQL database (a libpq URL) rather than a database file."""
    return isinstance(text, str) and text.strip().lower().startswith(SCHEMES)


def require_driver() -> None:
    """UserError, said plainly, when this installation has no PostgreSQL driver: the offline bundle for
    village laptops leaves psycopg out (tools/villagedesk.spec: a village never reaches a county's
    server, and its libraries would take the bundle over its size goal); a county installs with pip."""
    try:
        import psycopg  # noqa: F401  # loads psycopg: not at start-up (only a county's command asks)
    except ImportError:
        raise UserError(messages.NO_DRIVER) from None


__all__ = ["SCHEMES", "is_database_url", "require_driver"]
