"""Making a county database, and its name (docs/COUNTY.md "The county database").

A county database is made in an empty PostgreSQL database its administrator created for it: the
county schema, the group roles and grants, the county's name and its two keys, all in one
transaction, so a failure on the way leaves the database as empty as it was.
"""

from __future__ import annotations

import psycopg

from villagedesk import clock
from villagedesk.core.county import audit, messages
from villagedesk.core.township.keys import new_card_keys
from villagedesk.errors import UserError
from villagedesk.store.postgres import migrations
from villagedesk.store.postgres.migrations.v0001_county import COUNTY_SEALING, COUNTY_SIGNING

# Anything in a schema of its own is someone's data; PostgreSQL's own schemas are in every database.
_FOREIGN = """
    SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%%'
      AND n.nspname NOT LIKE 'pg\\_temp%%'
    UNION ALL SELECT nspname FROM pg_namespace WHERE nspname = %s
    LIMIT 1"""


def county_name(conn: psycopg.Connection) -> str:
    """The name of the county this database is; UserError for a county database without one."""
    row = conn.execute("SELECT name FROM county.profile").fetchone()
    if row is None:
        raise UserError(messages.NO_PROFILE.format(database=conn.info.dbname))
    return str(row[0])


def create_county(conn: psycopg.Connection, name: str) -> None:
    """Make the empty database ``conn`` is connected to the county ``name``'s.

    Refused, changing nothing, for a database that is a county already or holds anything else.
    """
    name = name.strip()
    if not name:
        raise UserError(messages.NAME_NEEDED)
    with conn.transaction():
        # The schema's own lock: two people making the county at once make it once, the second is told.
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (migrations.LOCK,))
        if migrations.version(conn) is not None:
            raise UserError(messages.ALREADY_COUNTY.format(database=conn.info.dbname, county=county_name(conn)))
        found = conn.execute(_FOREIGN, (migrations.SCHEMA,)).fetchone()
        if found is not None:
            raise UserError(messages.NOT_EMPTY.format(database=conn.info.dbname, found=found[0]))
        migrations.upgrade(conn, create=True)
        now = clock.now().replace(microsecond=0)
        conn.execute("INSERT INTO county.profile (name, created_at, updated_at) VALUES (%s, %s, %s)", (name, now, now))
        made = new_card_keys()
        for role, kind in ((COUNTY_SIGNING, "signing"), (COUNTY_SEALING, "sealing")):
            conn.execute("INSERT INTO county.keys (role, private, public, created_at) VALUES (%s, %s, %s, %s)",
                         (role, *made[kind], now))
        audit.write(conn, "create-county", "profile", None, {"name": name})


__all__ = ["county_name", "create_county"]
