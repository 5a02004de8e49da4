"""The county database's versioned schema (docs/COUNTY.md "Schema versions").

Everything of the county lives in the PostgreSQL schema ``county``; ``county.schema_version``
has one row per step applied.  Each step runs in its own transaction (PostgreSQL's DDL is
transactional: a step fails whole) under a transaction-level advisory lock, so two programs
started at once against an older database do not both migrate it: the second waits, then finds
the step done.  Steps are append-only, like the village file's (docs/ARCHITECTURE.md "Data
rules"): a change is a new ``vNNNN_<what>.py`` added to :data:`STEPS`.  A database of a newer
version than this program knows is refused untouched.
"""

from __future__ import annotations

import psycopg
from psycopg import errors

from villagedesk import clock
from villagedesk.errors import UserError
from villagedesk.store.postgres import messages
from villagedesk.store.postgres.migrations import (
    v0001_county,
    v0002_village_packages,
    v0003_village_rows,
)

STEPS = (v0001_county, v0002_village_packages, v0003_village_rows)
SCHEMA_VERSION = len(STEPS)
SCHEMA = "county"
# pg_advisory_xact_lock's key for "the county schema is being changed": any constant of this
# program's own; the bytes spell VDCOUNTY.
LOCK = 0x5644_434F_554E_5459


def version(conn: psycopg.Connection) -> int | None:
    """The version of the county schema in this database; None when it holds none."""
    # Asked of the catalog tables, not with to_regclass: reading them takes their locks, which makes the
    # server drop what it cached of the catalog (a "no such schema" remembered from before another
    # program's migration committed), so a program that waited on LOCK sees what that one made.
    found = conn.execute("SELECT EXISTS (SELECT FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                         "ON n.oid = c.relnamespace WHERE n.nspname = 'county' AND c.relname = 'schema_version')"
                         ).fetchone()
    if not (found and found[0]):
        return None
    row = conn.execute("SELECT coalesce(max(version), 0) FROM county.schema_version").fetchone()
    return int(row[0]) if row else 0


def _refuse_newer(found: int | None) -> None:
    if found is not None and found > SCHEMA_VERSION:
        raise UserError(messages.NEWER_SCHEMA.format(found=found, known=SCHEMA_VERSION))


def upgrade(conn: psycopg.Connection, *, create: bool = False) -> int:
    """Bring the county schema up to SCHEMA_VERSION, one transaction per step; the version reached.

    Without ``create`` a database holding no county schema is refused (NOT_A_COUNTY): only
    core.county.create_county makes one, after checking the database is empty.  A database at
    this version costs one query and takes no lock, so every program start checks it.
    """
    found = version(conn)
    _refuse_newer(found)
    if found is None and not create:
        raise UserError(messages.NOT_A_COUNTY.format(database=conn.info.dbname))
    for step in STEPS[found or 0:]:
        try:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK,))
                now = version(conn)  # read again under the lock: another program may have done it meanwhile
                _refuse_newer(now)
                if (now or 0) >= step.VERSION:
                    continue
                step.migrate(conn)
                conn.execute("INSERT INTO county.schema_version (version, name, applied_at) VALUES (%s, %s, %s)",
                             (step.VERSION, step.NAME, clock.now().replace(microsecond=0)))
        except errors.InsufficientPrivilege:
            raise UserError(messages.UPGRADE_DENIED.format(found=found or 0, known=SCHEMA_VERSION,
                                                           user=conn.info.user)) from None
    return SCHEMA_VERSION


__all__ = ["LOCK", "SCHEMA", "SCHEMA_VERSION", "STEPS", "upgrade", "v0001_county", "v0002_village_packages", "version"]
