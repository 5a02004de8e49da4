"""County schema version 1: the county, its keys, townships, villages and their rows, events and audit.

The township's tables one level up (store/migrations/v0006_sync.py, v0008_trust.py: tw_villages,
tw_packages, tw_rows, tw_village_keys, tw_events): the county pins each township's key as the
township pins each village's, and keeps every village row as the village sent it, keyed by
(village, table, uid).  Roles and grants: docs/COUNTY.md "Roles and grants".

Released: never edit this step; a change is a new version.
"""

from __future__ import annotations

import psycopg
from psycopg import errors

from villagedesk.errors import UserError
from villagedesk.store.postgres import messages

NAME = "0001_county"
VERSION = 1

# The roles of the keys a county holds: it signs its card, and opens what townships sealed for it.
COUNTY_SIGNING = "county-signing"
COUNTY_SEALING = "county-sealing"
# Group roles (cluster-wide, NOLOGIN): a person's own login role is made a member of one
# (docs/COUNTY.md).  Readers browse and print; writers also import township packages.
READER, WRITER = "villagedesk_reader", "villagedesk_writer"

TABLES = [
    # Which versions were applied, when and by whom (store.postgres.migrations).
    """CREATE TABLE county.schema_version (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamp(0) NOT NULL,
        applied_by text NOT NULL DEFAULT current_user
    )""",
    # The county itself: one row.
    """CREATE TABLE county.profile (
        id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        name text NOT NULL CHECK (name <> ''),
        created_at timestamp(0) NOT NULL,
        updated_at timestamp(0) NOT NULL
    )""",
    # Never in a package, never readable by readers; writers see only the sealing identity (row security).
    f"""CREATE TABLE county.keys (
        role text PRIMARY KEY CHECK (role IN ('{COUNTY_SIGNING}', '{COUNTY_SEALING}')),
        private text NOT NULL,
        public text NOT NULL,
        created_at timestamp(0) NOT NULL
    )""",
    # Each township, with the signing key its first package pinned (the one in force) and the newest
    # of its packages taken; a township's name is unique within its county.
    """CREATE TABLE county.townships (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name text NOT NULL UNIQUE CHECK (name <> ''),
        county text NOT NULL,
        signing_key text NOT NULL UNIQUE,
        fingerprint text NOT NULL,
        last_sequence integer NOT NULL DEFAULT 0 CHECK (last_sequence >= 0),
        last_created_at timestamp(0),
        last_imported_at timestamp(0),
        created_at timestamp(0) NOT NULL,
        updated_at timestamp(0) NOT NULL
    )""",
    # Every key a township signed with, with the township card its package carried (docs/PACKAGES.md
    # "A township package"): the one in force has no retired_at (a township that reinstalled is taken
    # with its new key on confirmation, as the township takes a village's).
    """CREATE TABLE county.township_keys (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        township_id bigint NOT NULL REFERENCES county.townships (id),
        public_key text NOT NULL,
        fingerprint text NOT NULL,
        card text NOT NULL,
        first_sequence integer NOT NULL,
        retired_at timestamp(0),
        created_at timestamp(0) NOT NULL
    )""",
    "CREATE INDEX township_keys_township ON county.township_keys (township_id)",
    "CREATE UNIQUE INDEX township_keys_in_force ON county.township_keys (township_id) WHERE retired_at IS NULL",
    # Every township package taken.
    """CREATE TABLE county.township_packages (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        township_id bigint NOT NULL REFERENCES county.townships (id),
        sequence integer NOT NULL CHECK (sequence > 0),
        previous integer,
        "full" boolean NOT NULL,
        package_created_at timestamp(0) NOT NULL,
        app_version text NOT NULL,
        file_name text NOT NULL,
        sha256 text NOT NULL,
        counts jsonb NOT NULL DEFAULT '{}',
        imported_at timestamp(0) NOT NULL,
        imported_by text NOT NULL DEFAULT current_user,
        UNIQUE (township_id, sequence)
    )""",
    # Each village, in the township that last sent it (a village that moved township moves here
    # too, with a 'moved' event), with the newest of its own packages and its points chain position.
    """CREATE TABLE county.villages (
        code text PRIMARY KEY,
        township_id bigint NOT NULL REFERENCES county.townships (id),
        name text NOT NULL,
        clerk text NOT NULL DEFAULT '',
        phone text NOT NULL DEFAULT '',
        last_sequence integer NOT NULL DEFAULT 0 CHECK (last_sequence >= 0),
        last_created_at timestamp(0),
        chain_count integer NOT NULL DEFAULT 0 CHECK (chain_count >= 0),
        chain_head text NOT NULL DEFAULT '',
        figures jsonb NOT NULL DEFAULT '{}',
        created_at timestamp(0) NOT NULL,
        updated_at timestamp(0) NOT NULL
    )""",
    "CREATE INDEX villages_township ON county.villages (township_id, name)",
    # The key each village signs with, pinned by the first of its packages the county saw: each
    # village's own signed history stays verifiable at the county.
    """CREATE TABLE county.village_keys (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        village_code text NOT NULL REFERENCES county.villages (code),
        public_key text NOT NULL,
        fingerprint text NOT NULL,
        first_sequence integer NOT NULL,
        retired_at timestamp(0),
        created_at timestamp(0) NOT NULL
    )""",
    "CREATE INDEX village_keys_village ON county.village_keys (village_code)",
    # Every village row as the village sent it.  The key serves a village's drill-down (one village,
    # one table); rows_table serves the county's figures (one table across all villages).
    """CREATE TABLE county.rows (
        village_code text NOT NULL REFERENCES county.villages (code),
        table_name text NOT NULL,
        uid text NOT NULL,
        data jsonb NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        package_sequence integer NOT NULL,
        PRIMARY KEY (village_code, table_name, uid)
    )""",
    "CREATE INDEX rows_table ON county.rows (table_name, village_code) WHERE NOT deleted",
    # What the county accepted on confirmation, kept for good (docs/PACKAGES.md), of a township or a village.
    """CREATE TABLE county.events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        township_id bigint REFERENCES county.townships (id),
        village_code text REFERENCES county.villages (code),
        sequence integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('new-key', 'divergence', 'restored', 'moved')),
        detail text NOT NULL,
        at timestamp(0) NOT NULL,
        who text NOT NULL DEFAULT current_user,
        CHECK (township_id IS NOT NULL OR village_code IS NOT NULL)
    )""",
    "CREATE INDEX events_township ON county.events (township_id)",
    "CREATE INDEX events_village ON county.events (village_code)",
    # Who (the PostgreSQL role: each person logs in with their own), when and what.
    """CREATE TABLE county.audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamp(0) NOT NULL,
        who text NOT NULL DEFAULT current_user,
        action text NOT NULL,
        table_name text NOT NULL,
        record_key text,
        detail jsonb
    )""",
    "CREATE INDEX audit_at ON county.audit (at)",
]

# What each group may do.  Nobody but the owner deletes: rows are marked deleted, events are kept for good,
# the audit only grows.  Who did it (audit.who, events.who, township_packages.imported_by) is the
# server's current_user: a writer inserts the other columns only, so nobody writes under another's name.
_READ = "county.schema_version, county.profile, county.townships, county.township_keys, " \
        "county.township_packages, county.villages, county.village_keys, county.rows, county.events, county.audit"
_WRITE = "county.townships, county.township_keys, county.villages, county.village_keys, county.rows"
GRANTS = [
    "REVOKE ALL ON SCHEMA county FROM PUBLIC",
    f"GRANT USAGE ON SCHEMA county TO {READER}, {WRITER}",
    f"GRANT SELECT ON {_READ} TO {READER}, {WRITER}",
    f"GRANT INSERT, UPDATE ON {_WRITE} TO {WRITER}",
    f'GRANT INSERT (township_id, sequence, previous, "full", package_created_at, app_version, file_name, sha256, '
    f"counts, imported_at) ON county.township_packages TO {WRITER}",
    f"GRANT INSERT (township_id, village_code, sequence, kind, detail, at) ON county.events TO {WRITER}",
    f"GRANT INSERT (at, action, table_name, record_key, detail) ON county.audit TO {WRITER}",
    f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA county TO {WRITER}",
    # A writer imports: it opens what townships sealed for the county, so it reads that identity,
    # and nothing else of the keys (the signing key, which makes the county's card, stays the owner's).
    "ALTER TABLE county.keys ENABLE ROW LEVEL SECURITY",
    f"CREATE POLICY sealing_for_writers ON county.keys FOR SELECT TO {WRITER} USING (role = '{COUNTY_SEALING}')",
    f"GRANT SELECT ON county.keys TO {WRITER}",
]


def make_groups(conn: psycopg.Connection) -> None:
    """The two group roles, if the cluster does not have them yet (roles are the cluster's, not one
    database's: a second county on the same server finds them made)."""
    for role in (READER, WRITER):
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
            continue
        try:
            with conn.transaction():
                conn.execute(f"CREATE ROLE {role} NOLOGIN")
        except errors.DuplicateObject:
            pass  # another county made it meanwhile
        except errors.InsufficientPrivilege:
            raise UserError(messages.ROLES_DENIED.format(user=conn.info.user)) from None


def migrate(conn: psycopg.Connection) -> None:
    conn.execute("CREATE SCHEMA county")
    for statement in TABLES:
        conn.execute(statement)
    make_groups(conn)
    for statement in GRANTS:
        conn.execute(statement)
