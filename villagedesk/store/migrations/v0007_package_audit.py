"""Schema version 7: The township keeps each package's audit compressed, and its rows in arrival order.

Released: never edit this step; a change is a new version."""

from __future__ import annotations

import json
import zlib

from sqlite_utils import Database

from villagedesk.store.migrations.base import stamp

NAME = "0007_package_audit"


def migrate(db: Database) -> None:
    """Each package's audit kept whole and compressed with the package, not as one row per change;
    the township's rows in a table that takes a package's lines in the order they come.

    A village's history is most of what a package carries (a small village sends
    50,000 audit rows); as rows it was most of an import's time and of the
    township file.  What a township took before moves to the village's last package.
    """
    db.execute("ALTER TABLE tw_packages ADD COLUMN audit BLOB")
    villages = [code for (code,) in db.execute(
        "SELECT DISTINCT village_code FROM tw_rows WHERE table_name = 'audit'").fetchall()]
    for code in villages:
        lines = []
        for (data,) in db.execute("SELECT data FROM tw_rows WHERE village_code = ? AND table_name = 'audit' "
                                  "ORDER BY CAST(json_extract(data, '$.id') AS INTEGER)", [code]).fetchall():
            row = json.loads(data)
            row.pop("uid", None)  # the key the township once made up for it
            lines.append(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        history = packer.compress("".join(lines).encode("utf-8")) + packer.flush()
        db.execute("UPDATE tw_packages SET audit = ? WHERE village_code = ? AND sequence = "
                   "(SELECT max(sequence) FROM tw_packages WHERE village_code = ?)", [history, code, code])
    # Rows in arrival order with a small key beside them: a package's lines are appended instead of
    # being threaded one by one into a tree ordered by their random uids (half the time of an import).
    statements = [
        """CREATE TABLE tw_rows_v7 (
            id INTEGER PRIMARY KEY,
            village_code TEXT NOT NULL,
            table_name TEXT NOT NULL,
            uid TEXT NOT NULL,
            data TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            package_sequence INTEGER NOT NULL
        )""",
        "INSERT INTO tw_rows_v7 (village_code, table_name, uid, data, deleted, package_sequence) "
        "SELECT village_code, table_name, uid, data, deleted, package_sequence FROM tw_rows "
        "WHERE table_name != 'audit' ORDER BY village_code, table_name, uid",
        "DROP TABLE tw_rows",
        "ALTER TABLE tw_rows_v7 RENAME TO tw_rows",
        "CREATE UNIQUE INDEX tw_rows_key ON tw_rows (village_code, table_name, uid)",
    ]
    for sql in statements:
        db.execute(sql)
    stamp(db, 7)
