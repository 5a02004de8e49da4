"""A township database: many villages' records, merged from their USB packages.

The township keeps each village's records as the village sent them — one JSON
object per record, keyed by (village, table, uid) — so a package is applied by
uid whatever the village's schema version, and nothing a village sends can
collide with another village's codes (every village has an HH001).

A package is applied only when it follows the last one taken from its village
(its previous sequence is that one), or is a full package, which replaces the
village's records.  Taking the same package again changes nothing.  Everything
is decided before the first write, and written in one transaction.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import orjson

from villagedesk import clock
from villagedesk.core.common import records, village
from villagedesk.core.township import keys, messages
from villagedesk.errors import UserError
from villagedesk.store import Store, open_store

# Tables that stay where they are: local settings, the audit (it travels apart), a
# village's own package history, and (in a township database) what villages sent.
LOCAL_TABLES = frozenset({"settings", "packages", "tw_villages", "tw_packages", "tw_rows", "audit", "keys",
                          "township_cards", "tw_village_keys", "tw_events"})

MODE_KEY = "mode"
TOWNSHIP = "township"


class ForeignVillage(UserError):
    """A village of another township: taken only once the officer confirms (the window asks; the CLI needs a flag)."""


class IncomingPackage(Protocol):
    """What :func:`apply_package` needs of a verified package (documents.package.reader.Package)."""

    # Read-only: Package computes all but the manifest from the manifest.
    @property
    def manifest(self) -> dict: ...
    @property
    def village(self) -> dict: ...
    @property
    def sequence(self) -> int: ...
    @property
    def previous(self) -> int | None: ...
    @property
    def full(self) -> bool: ...

    def tables(self) -> list[str]: ...
    def raw_rows(self, table: str) -> Iterator[str]: ...
    def deleted(self) -> Iterator[dict]: ...
    def audit_deflated(self) -> bytes: ...


def is_township(store: Store) -> bool:
    return store.scalar("SELECT value FROM settings WHERE key = ?", (MODE_KEY,)) == TOWNSHIP


def set_township(store: Store, on: bool) -> None:
    """Make this database a township's (it then merges packages and writes none), or a village's again."""
    if not on and store.scalar("SELECT count(*) FROM tw_villages"):
        raise UserError(messages.ALREADY_TOWNSHIP)
    if on and store.scalar("SELECT count(*) FROM households") + store.scalar("SELECT count(*) FROM packages"):
        raise UserError(messages.NOT_EMPTY_FOR_TOWNSHIP)
    with store.atomic():
        if on:
            keys.make_township_keys(store)
        store.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           (MODE_KEY, TOWNSHIP if on else "village"))
        store.db.table("audit").insert(records.audit_row(store, "set-mode", "settings", MODE_KEY, None,
                                                   {"mode": TOWNSHIP if on else "village"}))


# What the import report calls each table (a table a newer village sends is named as it is).
TABLE_LABELS = {
    "village": "村庄信息", "households": "户", "persons": "人员", "terms": "届次", "posts": "两委任职",
    "trainings": "培训", "training_attendees": "参训人员", "appraisals": "年度考核", "point_scheme": "积分办法",
    "point_rules": "积分细则", "point_entries": "积分明细", "point_periods": "考评期", "point_objections": "积分异议",
    "shop_goods": "积分超市商品", "redemptions": "积分兑换", "meetings": "会议记录", "meeting_people": "参会人员",
    "meeting_agenda": "会议议题", "meeting_resolutions": "会议决议", "meeting_amendments": "会议更正",
    "matters": "四议两公开事项", "requests": "民情诉求", "request_log": "诉求办理记录",
    "disclosure_items": "公开目录", "notices": "公开事项", "notice_free_rows": "公开表格行",
    "notice_finance_lines": "财务收支行", "notice_recipients": "公示名单", "notice_objections": "公开异议",
}


@dataclass
class ImportResult:
    village_code: str
    village_name: str
    sequence: int
    already: bool = False  # the same package was taken before: nothing changed
    new_village: bool = False
    replaced: bool = False  # a full package replaced the village's records
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # table → new / updated / unchanged / deleted

    def summary(self) -> str:
        who = messages.PACKAGE_NAME.format(
            village_name=self.village_name, village_code=self.village_code, sequence=self.sequence)
        if self.already:
            return messages.ALREADY_IMPORTED.format(who=who)
        lines = [messages.IMPORTED.format(
            who=who, new_village=messages.IMPORTED_NEW_VILLAGE if self.new_village else "",
            replaced=messages.IMPORTED_REPLACED if self.replaced else "")]
        for table, c in sorted(self.counts.items()):
            if any(c.values()):
                lines.append(messages.TABLE_COUNTS.format(
                    table=TABLE_LABELS.get(table, table), new=c["new"], updated=c["updated"],
                    unchanged=c["unchanged"], deleted=c["deleted"]))
        return "\n".join(lines)


def _check_order(store: Store, package: IncomingPackage, known: dict | None, sha256: str,
                 accept_new_village: bool) -> tuple[bool, bool]:
    """(already taken, new village); raises UserError when the package must be refused."""
    code, name = package.village["code"], package.village["name"]
    taken = store.row("SELECT sha256, file_name FROM tw_packages WHERE village_code = ? AND sequence = ?",
                      (code, package.sequence))
    if taken is not None:
        if taken["sha256"] != sha256:
            raise UserError(messages.PACKAGE_DIFFERENT.format(
                name=name, sequence=package.sequence, file_name=taken["file_name"]))
        return True, False
    if known is None:
        own = village.get_profile(store)
        if own is not None and (package.village["township"], package.village["county"]) != (own.township,
                                                                                           own.county):
            if not accept_new_village:
                # Said as a fact: the window then asks, the command line names its flag.
                raise ForeignVillage(messages.FOREIGN_VILLAGE.format(
                    name=name, county=package.village["county"], township=package.village["township"], own_county=own.county, own_township=own.township))
        if not package.full and package.previous is not None:
            raise UserError(messages.PACKAGE_GAP_NEW_VILLAGE.format(
                name=name, sequence=package.sequence, previous=package.previous))
        return False, True
    if package.full:
        return False, False
    if package.sequence < known["last_sequence"]:
        raise UserError(messages.PACKAGE_OLDER.format(
            name=name, sequence=package.sequence, last_sequence=known["last_sequence"]))
    if package.previous != known["last_sequence"]:
        missing = known["last_sequence"] + 1
        raise UserError(messages.PACKAGE_MISSING.format(
            name=name, missing=missing, last_sequence=known["last_sequence"], sequence=package.sequence))
    return False, False


def require_township(store: Store, doing: str = messages.DOING_IMPORT) -> None:
    if not is_township(store):
        raise UserError(messages.VILLAGE_DATABASE.format(doing=doing))


def check_package(store: Store, package: IncomingPackage, *, sha256: str,
                  accept_new_village: bool = False) -> ImportResult:
    """What taking ``package`` would do (nothing written); UserError when it must be refused."""
    require_township(store)
    known = store.row("SELECT * FROM tw_villages WHERE code = ?", (package.village["code"],))
    already, new_village = _check_order(store, package, known, sha256, accept_new_village)
    return ImportResult(package.village["code"], package.village["name"], package.sequence, already=already,
                        new_village=new_village, replaced=package.full and known is not None)


def apply_package(store: Store, package: IncomingPackage, *, file_name: str, sha256: str,
                  accept_new_village: bool = False) -> ImportResult:
    """Merge a verified package into this township database; see the module's rules.

    A line that is not a record (a forged package whose checksums were made to
    match) is refused while it is applied: UserError, and the transaction rolls back.
    """
    result = check_package(store, package, sha256=sha256, accept_new_village=accept_new_village)
    if result.already:
        return result
    code = result.village_code
    known = store.row("SELECT * FROM tw_villages WHERE code = ?", (code,))
    with store.atomic():
        if result.replaced:
            store.conn.execute("DELETE FROM tw_rows WHERE village_code = ?", (code,))
        for table in package.tables():
            result.counts[table] = _merge_rows(store, code, table, package, file_name)
        for gone in _deletions(package, file_name):
            counts = result.counts.setdefault(gone["table"], {"new": 0, "updated": 0, "unchanged": 0,
                                                              "deleted": 0})
            hit = store.conn.execute(
                "UPDATE tw_rows SET deleted = 1, package_sequence = ? WHERE village_code = ? AND table_name = ? "
                "AND uid = ? AND deleted = 0", (package.sequence, code, gone["table"], gone["uid"])).rowcount
            counts["deleted"] += hit
        _record(store, package, known, file_name, sha256)
    return result


# The line is kept as the village wrote it; SQLite reads its uid, and a line that is not
# a JSON object with a text uid fails the statement (malformed JSON, or a NULL key).
_UPSERT = ("INSERT INTO tw_rows (village_code, table_name, uid, data, deleted, package_sequence) "
           "VALUES (?1, ?2, CASE json_type(?3, '$.uid') WHEN 'text' THEN nullif(json_extract(?3, '$.uid'), '') END, "
           "?3, 0, ?4) ON CONFLICT (village_code, table_name, uid) DO UPDATE SET "
           "data = excluded.data, deleted = 0, package_sequence = excluded.package_sequence "
           "WHERE tw_rows.data != excluded.data OR tw_rows.deleted = 1")


def _merge_rows(store: Store, code: str, table: str, package: IncomingPackage, file_name: str) -> dict[str, int]:
    """Upsert one table's lines; a row sent again unchanged is not written (and counted as unchanged)."""
    def held() -> int:
        return store.scalar("SELECT count(*) FROM tw_rows WHERE village_code = ? AND table_name = ?", (code, table))

    before, start, sent = held(), store.conn.total_changes, 0

    def lines() -> Iterator[tuple]:
        nonlocal sent
        for line in package.raw_rows(table):
            sent += 1
            yield code, table, line, package.sequence

    try:
        store.conn.executemany(_UPSERT, lines())
    except (sqlite3.IntegrityError, sqlite3.OperationalError):
        raise _bad_line(file_name, package.manifest["tables"][table]["file"], sent) from None
    except UnicodeDecodeError:  # not UTF-8 (a line written in GBK): found before it was sent
        raise _bad_line(file_name, package.manifest["tables"][table]["file"], sent + 1) from None
    changed = store.conn.total_changes - start
    new = held() - before
    return {"new": new, "updated": changed - new, "unchanged": sent - changed, "deleted": 0}


def _deletions(package: IncomingPackage, file_name: str) -> list[dict]:
    found = []
    try:
        for gone in package.deleted():
            if not (isinstance(gone, dict) and isinstance(gone.get("table"), str) and isinstance(gone.get("uid"), str)):
                raise ValueError
            found.append(gone)
    except ValueError:
        raise _bad_line(file_name, "deleted.jsonl", len(found) + 1) from None
    return found


def _bad_line(file_name: str, member: str, line: int) -> UserError:
    return UserError(messages.PACKAGE_BAD_RECORD.format(file_name=file_name, member=member, line=line))


def _record(store: Store, package: IncomingPackage, known: dict | None, file_name: str, sha256: str) -> None:
    v, now = package.village, clock.timestamp()
    values = {"name": v["name"], "township": v["township"], "county": v["county"], "clerk": v.get("clerk", ""),
              "phone": v.get("phone", ""), "last_sequence": package.sequence,
              "last_created_at": package.manifest["created_at"], "last_imported_at": now}
    if known is None:
        records.insert(store, "tw_villages", {"code": v["code"], **values})
    else:
        records.update(store, "tw_villages", known["id"], values, action="import-package")
    counts = {name: info.get("rows") for name, info in package.manifest["files"].items()}
    taken = records.insert(store, "tw_packages", {
        "village_code": v["code"], "sequence": package.sequence, "previous": package.previous,
        "full": int(package.full), "package_created_at": package.manifest["created_at"],
        "app_version": str(package.manifest.get("app_version", "")), "file_name": file_name, "sha256": sha256,
        "counts": json.dumps(counts, ensure_ascii=False)})
    # The village's own audit rides along, outside the township's audit of its own writes.
    store.conn.execute("UPDATE tw_packages SET audit = ? WHERE id = ?", (package.audit_deflated(), taken["id"]))


def package_changes(store: Store, code: str, sequence: int) -> Iterator[dict]:
    """The village's audit rows that came with its package ``sequence``: who changed what, oldest first."""
    found = store.row("SELECT audit FROM tw_packages WHERE village_code = ? AND sequence = ?", (code, sequence))
    if found is None or found["audit"] is None:
        return
    inflater, rest = zlib.decompressobj(-zlib.MAX_WBITS), b""
    stream = memoryview(found["audit"])
    for at in range(0, len(stream), 1 << 16):
        rest += inflater.decompress(stream[at:at + (1 << 16)])
        *whole, rest = rest.split(b"\n")
        for line in whole:
            yield orjson.loads(line)
    rest += inflater.flush()
    for line in rest.split(b"\n"):
        if line:
            yield orjson.loads(line)


# --- one village, as it sent itself ------------------------------------------------------

def build_replica(store: Store, code: str, path: Path, tables: Iterable[str] | None = None) -> Store:
    """The village's records in a database of their own at ``path``, in this program's schema.

    What the village's own reports are computed from (the committee checks, the
    points ranking, the requests' outcomes), and what the township browses
    read-only.  Records keep the village's numbers, so JF0000123 is the same
    entry in both places; columns a newer village program added are left out.
    ``tables`` limits the copy to the tables a report reads and those they point at
    (all tables by default).
    """
    if not store.scalar("SELECT count(*) FROM tw_villages WHERE code = ?", (code,)):
        raise UserError(messages.NO_SUCH_VILLAGE.format(code=code))
    replica = open_store(path, backup_on_open=False)
    try:
        # A copy of records already made, only for reading, is made without the checks that guard
        # records being made one by one: the triggers (finalised minutes, approved points) and the
        # foreign keys, so rows go in table by table in any order.
        for trigger in replica.rows("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
            replica.conn.execute(f"DROP TRIGGER [{trigger['name']}]")
        replica.conn.execute("PRAGMA foreign_keys = OFF")
        # A scratch copy made again from the township's rows whenever it is needed: not worth an fsync.
        replica.conn.execute("PRAGMA synchronous = OFF")
        replica.conn.execute("PRAGMA cache_size = -65536")
        wanted = _replica_tables(replica) if tables is None else _with_parents(replica, tables)
        with replica.atomic():
            ids: dict[str, dict[str, int]] = {}  # table → uid → the village's id
            for table in _replica_tables(replica):
                if table in wanted:
                    _copy_table(store, replica, code, table, ids)
        replica.conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        replica.close()
        raise
    return replica


def _copy_table(store: Store, replica: Store, code: str, table: str, ids: dict[str, dict[str, int]]) -> None:
    columns = [r["name"] for r in replica.rows(f"PRAGMA table_info([{table}])")]
    references = {r["from"]: r["table"] for r in replica.rows(f"PRAGMA foreign_key_list([{table}])")}
    rows = [orjson.loads(data) for (data,) in store.conn.execute(
        "SELECT data FROM tw_rows WHERE village_code = ? AND table_name = ? AND deleted = 0", (code, table))]
    # In the village's order: rows land at the end of the table instead of all over it (ten times faster).
    rows.sort(key=lambda row: row.get("id") or 0)
    own = ids.setdefault(table, {})
    own.update((row["uid"], row.get("id")) for row in rows)
    for column, target in references.items():
        if target not in ids:  # a table pointed at before it was copied (only a table pointing at itself)
            ids[target] = {}
        targets = ids[target]
        for row in rows:
            if row.get(column) is not None:
                row[column] = targets.get(row[column])
    if rows:
        # The columns the village sent (a newer village sends more, an older one fewer: the rest take defaults).
        sent = [c for c in columns if c in rows[0]]
        names = ", ".join(f"[{c}]" for c in sent)
        replica.conn.executemany(f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' * len(sent))})",
                                 ([row.get(c) for c in sent] for row in rows))


def _replica_tables(replica: Store) -> list[str]:
    """Record tables in creation order, which puts a table after the tables it points at."""
    names = [r["name"] for r in replica.rows(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]
    return [n for n in names if n not in LOCAL_TABLES
            and "uid" in {r["name"] for r in replica.rows(f"PRAGMA table_info([{n}])")}]


def _with_parents(replica: Store, tables: Iterable[str]) -> set[str]:
    """``tables`` and every table they point at, however indirectly (a points entry needs its rule)."""
    found, todo = set(), list(tables)
    while todo:
        table = todo.pop()
        if table not in found:
            found.add(table)
            todo += [r["table"] for r in replica.rows(f"PRAGMA foreign_key_list([{table}])")]
    return found


def villages(store: Store) -> list[dict]:
    """The villages this township merges, with their last package."""
    return store.rows("SELECT * FROM tw_villages ORDER BY name")


def village_rows(store: Store, code: str, table: str) -> list[dict]:
    """A village's current records of ``table`` as it sent them (read-only)."""
    return [orjson.loads(r["data"]) for r in store.rows(
        "SELECT data FROM tw_rows WHERE village_code = ? AND table_name = ? AND deleted = 0", (code, table))]


def packages_taken(store: Store, code: str) -> list[dict]:
    """The packages taken from village ``code``, newest first."""
    return store.rows("SELECT * FROM tw_packages WHERE village_code = ? ORDER BY sequence DESC", (code,))


__all__ = ["ForeignVillage", "ImportResult", "IncomingPackage", "apply_package", "build_replica", "check_package",
           "is_township", "package_changes", "packages_taken", "require_township", "set_township", "village_rows",
           "villages"]
