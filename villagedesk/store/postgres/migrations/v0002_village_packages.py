"""County schema version 2: which village packages the county took, and the county card's public half.

``village_packages`` is the township's ``tw_packages`` one level up: every village package a township
package carried and the county merged (village, sequence, SHA-256, file, the township package that
carried it, the village's own audit as it came), so taking the same one again changes nothing and
another package of the same sequence is refused (core.county.importer).  ``card_keys`` shows the
public half of the county's keys to every county role: an importer compares the county card's
fingerprint a township package was made for, and only the owner may read ``keys`` itself (a view
runs with its owner's rights, so row security on ``keys`` does not hide the public halves from it).
The index of one table across all villages (``rows_table``) is dropped: nothing reads by it; a
village's records are kept as the JSON text it sent (json, not jsonb).  A
township that reinstalled numbers its packages afresh under its new key: a township package
records the key it was signed with, and sequences are unique per key.  A township package is also
kept by the SHA-256 of the sealed file itself: the same file imported
again is known without opening it.

Released: never edit this step; a change is a new version.
"""

from __future__ import annotations

import psycopg

from villagedesk.store.postgres.migrations.v0001_county import READER, WRITER

NAME = "0002_village_packages"
VERSION = 2

STATEMENTS = [
    """CREATE TABLE county.village_packages (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        village_code text NOT NULL REFERENCES county.villages (code),
        sequence integer NOT NULL CHECK (sequence > 0),
        previous integer,
        "full" boolean NOT NULL,
        package_created_at timestamp(0) NOT NULL,
        app_version text NOT NULL,
        file_name text NOT NULL,
        sha256 text NOT NULL,
        counts jsonb NOT NULL DEFAULT '{}',
        audit bytea,
        township_package_id bigint NOT NULL REFERENCES county.township_packages (id),
        imported_at timestamp(0) NOT NULL,
        imported_by text NOT NULL DEFAULT current_user,
        UNIQUE (village_code, sequence)
    )""",
    "CREATE INDEX village_packages_township_package ON county.village_packages (township_package_id)",
    # The sealed file's own SHA-256: the same file brought again is known before it is opened.
    "ALTER TABLE county.township_packages ADD COLUMN file_sha256 text",
    "CREATE INDEX township_packages_file ON county.township_packages (file_sha256)",
    f"GRANT INSERT (file_sha256) ON county.township_packages TO {WRITER}",
    # The import records what the package brought once its villages are merged (core.county.importer).
    f"GRANT UPDATE (counts) ON county.township_packages TO {WRITER}",
    # A township that reinstalled signs with a new key and numbers its packages from 1 again: its
    # sequences are counted per key (core.county.importer), the key each package was signed with kept.
    "ALTER TABLE county.township_packages ADD COLUMN key_id bigint REFERENCES county.township_keys (id)",
    """UPDATE county.township_packages p SET key_id = (SELECT k.id FROM county.township_keys k
        WHERE k.township_id = p.township_id ORDER BY k.retired_at IS NULL DESC, k.id DESC LIMIT 1)""",
    "ALTER TABLE county.township_packages ALTER COLUMN key_id SET NOT NULL",
    "ALTER TABLE county.township_packages DROP CONSTRAINT township_packages_township_id_sequence_key",
    "ALTER TABLE county.township_packages ADD UNIQUE (key_id, sequence)",
    f"GRANT INSERT (key_id) ON county.township_packages TO {WRITER}",
    # The county's figures come with each village's packages (villages.figures) and every read of rows is
    # one village's (the primary key): an index over one table across all villages serves no query, and
    # costs every imported row an entry of its own.
    "DROP INDEX county.rows_table",
    # A village's record kept as the very text it sent (json, not jsonb): PostgreSQL only checks it is JSON
    # instead of taking it apart into its binary form, a third of the cost of importing a row, and the
    # record reads back as SQLite's json_extract reads the township's copy (numbers as written, 1e3
    # real, keys in the village's order).  Nothing asks the server to search inside records.
    "ALTER TABLE county.rows ALTER COLUMN data TYPE json USING data::json",
    "CREATE VIEW county.card_keys AS SELECT role, public FROM county.keys",
    f"GRANT SELECT ON county.village_packages, county.card_keys TO {READER}, {WRITER}",
    f'GRANT INSERT (village_code, sequence, previous, "full", package_created_at, app_version, file_name, sha256, '
    f"counts, audit, township_package_id, imported_at) ON county.village_packages TO {WRITER}",
    f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA county TO {WRITER}",
]


def migrate(conn: psycopg.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
