"""A village package as the county checks it: with the township's very rules, against what the county holds.

A township package carries each village's package as the village signed it (docs/PACKAGES.md "A
township package"), so the county checks each one as a township checks it (docs/PACKAGES.md "What
the township checks, before its transaction", steps 3–6; core.township.merge.check_held): the key
pinned for the village (``county.village_keys``), its sequence, the points history it continues
(``county.villages``' chain position and the entries in ``county.rows``), every line against this
program's tables, and figures.json against the records — what is held asked through
core.county.held.  Nothing is written here: :func:`check_village` says what taking the package
would do, or refuses it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlite_utils import Database

from villagedesk.core.county.held import CountyHeld
from villagedesk.core.township import chain, validate
from villagedesk.core.township import merge as township
from villagedesk.core.township.held import HeldVillage
from villagedesk.store import Store
from villagedesk.store.driver import sqlite3
from villagedesk.store.migrations import migrations


@contextmanager
def village_schema() -> Iterator[Store]:
    """This program's own village schema, empty, in a database in memory: made by the same migrations every
    village file has (the county has no village file to read it from); closed after the ``with`` block."""
    schema = Store(Path(":memory:"), Database(sqlite3.connect(":memory:")))
    try:
        migrations.apply(schema.db)
        yield schema
    finally:
        schema.conn.close()


@functools.cache
def village_tables() -> dict[str, validate.TableSpec]:
    """The tables a village package may bring and what their lines may hold: this program's own schema.

    A township reads them from its own file (validate.table_specs); the county has none, so the schema
    is made once per process (:func:`village_schema`).
    """
    with village_schema() as schema:
        return validate.table_specs(schema, township.LOCAL_TABLES)


def _not_foreign(village: dict) -> str:
    # Which township a village belongs to is what the township package says (its card names it); a
    # village that moved township is the import's to record, not a reason to ask about its key.
    return ""


def check_village(conn: psycopg.Connection, package: township.IncomingPackage, *, sha256: str, taken: dict | None = None,
                  accept_new_village: bool = False, accept_new_key: bool = False,
                  accept_divergence: bool = False) -> township.ImportResult:
    """What taking the village package ``package`` (its zip's SHA-256 ``sha256``) would do to the county
    database on ``conn``; UserError when it must be refused, NeedsConfirmation for what the officer
    must confirm (a village's first key, another key, a diverged history), as at the township.

    ``taken``: the package of this village and sequence the county took before (``sha256``,
    ``file_name``), if any: the same one again changes nothing, another is refused.  Read in one
    transaction (the caller's, when it has one open).
    """
    held = CountyHeld(conn, package.village["code"])

    def scan(known: HeldVillage | None) -> validate.Scan:
        return township.scan_lines(village_tables(), held, package, chain.held_position(held, known))

    with conn.transaction():
        return township.check_held(held, package, sha256=sha256, taken=taken, foreign=_not_foreign, scan=scan,
                          accept_new_village=accept_new_village, accept_new_key=accept_new_key,
                          accept_divergence=accept_divergence)


__all__ = ["check_village", "village_schema", "village_tables"]
