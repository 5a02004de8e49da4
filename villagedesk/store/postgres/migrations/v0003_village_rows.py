"""County schema version 3: a village's rows checked to belong to a known village once per statement, and
how many each of its tables holds kept with the village.

Version 1 had ``county.rows.village_code`` reference ``county.villages``: PostgreSQL checks such a
reference row by row, a query and a row lock for each of the 32,000 rows of a small village, which
made up a third of the server's work in importing one (benchmarks/bench_county.py).  The same rule
now holds by statement-level triggers that look at every row a statement wrote, at once:

- a statement that writes rows (INSERT, COPY, UPDATE) fails with ``foreign_key_violation`` when one
  of them names a village ``county.villages`` does not hold;
- a village that has rows keeps its code and cannot be deleted.

The import writes a village's row before its records, in the same transaction
(core.county.importer), so it never meets them; they stand against anything else.  Unlike a foreign
key they take no lock on the village: two transactions at once, one deleting a village and one
writing its rows, could both pass.  Only the owner deletes in the county (v0001's grants), and it
never deletes a village.

``villages.table_rows`` holds, for each table a village sent records of, how many are not deleted:
what the county window lists when a village is opened (core.county.browse.village_tables).  Counting
them there read every row of the village (32,000 for a small one) at every click; the import keeps the
count as it merges the village (core.county.importer), in the same transaction as the rows.

Released: never edit this step; a change is a new version.
"""

from __future__ import annotations

import psycopg

NAME = "0003_village_rows"
VERSION = 3

STATEMENTS = [
    "ALTER TABLE county.rows DROP CONSTRAINT rows_village_code_fkey",
    """CREATE FUNCTION county.rows_of_known_villages() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        stray text;
    BEGIN
        SELECT w.village_code INTO stray FROM (SELECT DISTINCT village_code FROM written) w
            WHERE NOT EXISTS (SELECT FROM county.villages v WHERE v.code = w.village_code) LIMIT 1;
        IF FOUND THEN
            RAISE foreign_key_violation USING
                MESSAGE = format('county.rows: village %s is not in county.villages', stray);
        END IF;
        RETURN NULL;
    END $$""",
    # Transition tables are given to triggers of one event each.
    "CREATE TRIGGER rows_inserted AFTER INSERT ON county.rows REFERENCING NEW TABLE AS written "
    "FOR EACH STATEMENT EXECUTE FUNCTION county.rows_of_known_villages()",
    "CREATE TRIGGER rows_updated AFTER UPDATE ON county.rows REFERENCING NEW TABLE AS written "
    "FOR EACH STATEMENT EXECUTE FUNCTION county.rows_of_known_villages()",
    """CREATE FUNCTION county.villages_keep_their_rows() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' OR NEW.code IS DISTINCT FROM OLD.code THEN
            IF EXISTS (SELECT FROM county.rows r WHERE r.village_code = OLD.code) THEN
                RAISE foreign_key_violation USING
                    MESSAGE = format('county.villages: village %s has rows in county.rows', OLD.code);
            END IF;
        END IF;
        RETURN NULL;
    END $$""",
    "CREATE TRIGGER villages_kept AFTER DELETE OR UPDATE OF code ON county.villages "
    "FOR EACH ROW EXECUTE FUNCTION county.villages_keep_their_rows()",
    "ALTER TABLE county.villages ADD COLUMN table_rows jsonb NOT NULL DEFAULT '{}'",
    """UPDATE county.villages v SET table_rows = coalesce((
        SELECT jsonb_object_agg(table_name, n) FROM (
            SELECT table_name, count(*) AS n FROM county.rows r WHERE r.village_code = v.code AND NOT r.deleted
            GROUP BY table_name) counted), '{}')""",
]


def migrate(conn: psycopg.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
