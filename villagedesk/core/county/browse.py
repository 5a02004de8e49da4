"""Browsing the county read-only: townships, a township's villages, a village's tables, a page of its records.

What the county window's 乡镇与村 page shows (docs/COUNTY.md "The county window").  Every function is
one query, answered from an index the county schema has (store/postgres/migrations/v0001_county.py):
the townships with their village counts (``villages_township`` per township), a township's villages
(``villages_township``), a village's tables with their row counts and one page of one table's rows
(the primary key of ``county.rows``: ``village_code``, ``table_name``, ``uid``), the village's newest
package (``village_packages``' unique (``village_code``, ``sequence``)).  None reads more than one
village's rows, so a drill-down costs the same in a county of 600 villages as in one of six.

Each runs as one statement on the caller's connection (autocommit: no transaction stays open
between two of them, docs/COUNTY.md "The county database") and only reads: a role in
``villagedesk_reader`` browses everything here.

Records are shown as the village sent them, but no full ID number or phone leaves this module: the
county's browse masks them as a public notice does (core.common.ids; docs/DOMAIN.md §4.5), and a
reference to another record (a uid) is shown as that record's number and name.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from villagedesk.core.common import ids
from villagedesk.core.county.merge import village_schema
from villagedesk.core.township.merge import LOCAL_TABLES, TABLE_LABELS

#: Rows a page of a village's table holds unless asked otherwise.
PAGE_ROWS = 200
# Columns holding nothing but an ID number or a phone, masked whole; other text is searched for them.
_ID_COLUMNS = frozenset({"id_number"})
_PHONE_COLUMNS = frozenset({"phone"})
# Written by the program, never by a person: nothing personal to look for in them.
_PLAIN = frozenset({"uid", "hash", "prev_hash", "created_at", "updated_at"})


@dataclass(frozen=True)
class TableLayout:
    """A village table's columns in the program's order, and which of them point at another table."""

    name: str
    columns: tuple[str, ...]
    references: dict[str, str]  # column → the table it points at


@functools.cache
def layouts() -> dict[str, TableLayout]:
    """The record tables a village sends, in the order of its schema, with their columns (made once per process)."""
    found = {}
    with village_schema() as schema:
        for (name,) in schema.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"):
            columns = tuple(r[1] for r in schema.conn.execute(f"PRAGMA table_info([{name}])"))
            if name in LOCAL_TABLES or "uid" not in columns:
                continue
            references = {r[3]: r[2] for r in schema.conn.execute(f"PRAGMA foreign_key_list([{name}])")}
            found[name] = TableLayout(name, columns, references)
    return found


def layout(table: str) -> TableLayout:
    """``table``'s layout; a table only a newer village program has gets one with no known columns."""
    return layouts().get(table) or TableLayout(table, (), {})


def table_label(table: str) -> str:
    """What the county calls a village table (as the import report names it)."""
    return TABLE_LABELS.get(table, table)


# --- townships and villages --------------------------------------------------------------------------

def townships(conn: psycopg.Connection) -> list[dict]:
    """Every township, by name, with how many villages it sent and its newest township package."""
    return _rows(conn, """
        SELECT t.id, t.name, t.county, t.fingerprint, t.last_sequence, t.last_created_at, t.last_imported_at,
               (SELECT count(*) FROM county.villages v WHERE v.township_id = t.id) AS villages
        FROM county.townships t ORDER BY t.name""")


def villages(conn: psycopg.Connection, township_id: int) -> list[dict]:
    """A township's villages, by name: code, name, clerk, the newest of its own packages and its date."""
    return _rows(conn, """
        SELECT code, name, clerk, last_sequence, last_created_at, chain_count
        FROM county.villages WHERE township_id = %s ORDER BY name""", (township_id,))


def village(conn: psycopg.Connection, code: str) -> dict | None:
    """Village ``code``: its township, and the newest of its packages the county took, with the township
    package that carried it and who imported it (``package_*``: None when the county has no record of it)."""
    found = _rows(conn, """
        SELECT v.code, v.name, v.clerk, v.last_sequence, v.last_created_at, v.chain_count,
               t.id AS township_id, t.name AS township,
               p.sequence AS package_sequence, p."full" AS package_full, p.package_created_at,
               p.file_name AS package_file, p.imported_at AS package_imported_at,
               p.imported_by AS package_imported_by, tp.sequence AS township_sequence
        FROM county.villages v JOIN county.townships t ON t.id = v.township_id
        LEFT JOIN LATERAL (SELECT * FROM county.village_packages vp WHERE vp.village_code = v.code
                           ORDER BY vp.sequence DESC LIMIT 1) p ON true
        LEFT JOIN county.township_packages tp ON tp.id = p.township_package_id
        WHERE v.code = %s""", (code,))
    return found[0] if found else None


def village_tables(conn: psycopg.Connection, code: str) -> list[dict]:
    """The tables village ``code`` sent records of, in the program's order: ``table``, ``label``, ``rows``
    (its records not deleted; a table whose every record was deleted is left out)."""
    # Kept with the village by the import (villages.table_rows, schema 3): counting them here would read
    # every row of the village at each click.
    found = conn.execute("SELECT table_rows FROM county.villages WHERE code = %s", (code,)).fetchone()
    counted = [(table, n) for table, n in (found[0] if found else {}).items() if type(n) is int and n > 0]
    order = {name: n for n, name in enumerate(layouts())}
    counted.sort(key=lambda r: (order.get(r[0], len(order)), r[0]))
    return [{"table": table, "label": table_label(table), "rows": n} for table, n in counted]


def columns(table: str, rows: list[dict] | None = None) -> list[str]:
    """The columns a page of ``table`` shows: the program's, then any a newer village program sent in ``rows``,
    what the program writes by itself (uid, timestamps, hashes) last."""
    known = list(layout(table).columns)
    for row in rows or ():
        known += [key for key in row if key not in known]
    return [c for c in known if c not in _PLAIN] + [c for c in known if c in _PLAIN]


def rows_page(conn: psycopg.Connection, code: str, table: str, offset: int = 0,
              limit: int = PAGE_ROWS) -> list[dict]:
    """Records ``offset`` … ``offset + limit`` of village ``code``'s ``table`` (not deleted), in the order of
    the record's id in the village; IDs and phones masked, references shown as the record pointed at."""
    references = layout(table).references
    labels = sql.SQL("").join(
        sql.SQL(", (SELECT nullif(concat_ws(' ', coalesce(t.data->>'code', t.data->>'rule_key'), "
                "coalesce(t.data->>'name', t.data->>'title', t.data->>'item')), '') "
                "FROM county.rows t WHERE t.village_code = %(code)s AND t.table_name = {} "
                "AND t.uid = page.data->>{}) AS {}").format(
            sql.Literal(target), sql.Literal(column), sql.Identifier(f"ref_{n}"))
        for n, (column, target) in enumerate(references.items()))
    query = sql.SQL("""
        SELECT page.data{labels} FROM (
            SELECT data, uid FROM county.rows
            WHERE village_code = %(code)s AND table_name = %(table)s AND NOT deleted
            ORDER BY (data->>'id')::numeric NULLS LAST, uid OFFSET %(offset)s LIMIT %(limit)s) page
        ORDER BY (page.data->>'id')::numeric NULLS LAST, page.uid""").format(labels=labels)
    found = _rows(conn, query, {"code": code, "table": table, "offset": max(0, offset), "limit": max(0, limit)})
    shown = []
    for row in found:
        record = dict(row["data"])
        for n, column in enumerate(references):
            if record.get(column) is not None:
                # A record the county was never sent (an older township's package): its uid, as the village has it.
                record[column] = row[f"ref_{n}"] or record[column]
        shown.append({key: _masked(key, value) for key, value in record.items()})
    return shown


def _masked(column: str, value: object) -> object:
    """What the county shows of one value: an ID number or phone masked, wherever in the text it stands."""
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, str) or column in _PLAIN:
        return value
    if column in _ID_COLUMNS:
        return ids.mask_id(value)
    if column in _PHONE_COLUMNS:
        return ids.mask_phone(value)
    return ids.mask_text(value)


def _rows(conn: psycopg.Connection, query, params=None) -> list[dict]:
    with conn.cursor(row_factory=dict_row) as cursor:
        return cursor.execute(query, params).fetchall()


__all__ = ["PAGE_ROWS", "TableLayout", "columns", "layout", "layouts", "rows_page", "table_label", "townships",
           "village", "village_tables", "villages"]
