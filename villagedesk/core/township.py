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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from villagedesk.core import records, village
from villagedesk.errors import UserError
from villagedesk.store import Store, open_store

# Tables that stay where they are: local settings, the audit (it travels apart), a
# village's own package history, and (in a township database) what villages sent.
LOCAL_TABLES = frozenset({"settings", "packages", "tw_villages", "tw_packages", "tw_rows", "audit"})

MODE_KEY = "mode"
TOWNSHIP = "township"


class ForeignVillage(UserError):
    """A village of another township: taken only once the clerk confirms (the window asks; the CLI needs a flag)."""


class IncomingPackage(Protocol):
    """What :func:`apply_package` needs of a verified package (documents.package.reader.Package)."""

    manifest: dict
    village: dict
    sequence: int
    previous: int | None
    full: bool

    def tables(self) -> list[str]: ...
    def rows(self, table: str) -> Iterator[dict]: ...
    def deleted(self) -> Iterator[dict]: ...
    def audit(self) -> Iterator[dict]: ...


def is_township(store: Store) -> bool:
    return store.scalar("SELECT value FROM settings WHERE key = ?", (MODE_KEY,)) == TOWNSHIP


def set_township(store: Store, on: bool) -> None:
    """Make this database a township's (it then merges packages and writes none), or a village's again."""
    if not on and store.scalar("SELECT count(*) FROM tw_villages"):
        raise UserError("这个乡镇数据库已经汇总了村的数据，不能改回村级数据库。")
    if on and store.scalar("SELECT count(*) FROM households") + store.scalar("SELECT count(*) FROM packages"):
        raise UserError("这个数据库已经有本村的户籍或数据包记录，不能设为乡镇汇总数据库。请新建一个数据库。")
    with store.atomic():
        store.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           (MODE_KEY, TOWNSHIP if on else "village"))
        store.db["audit"].insert(records.audit_row(store, "set-mode", "settings", MODE_KEY, None,
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
        who = f"{self.village_name}（{self.village_code}）第 {self.sequence} 号数据包"
        if self.already:
            return f"{who}已经导入过，这次没有任何改动。"
        lines = [f"已导入{who}" + ("（新加入的村）" if self.new_village else "") +
                 ("，全量数据包替换了该村原有的全部记录" if self.replaced else "") + "。"]
        for table, c in sorted(self.counts.items()):
            if any(c.values()):
                lines.append(f"  {TABLE_LABELS.get(table, table)}：新增 {c['new']}，更新 {c['updated']}，未变 {c['unchanged']}，"
                             f"删除 {c['deleted']}")
        return "\n".join(lines)


def _check_order(store: Store, package: IncomingPackage, known: dict | None, sha256: str,
                 accept_new_village: bool) -> tuple[bool, bool]:
    """(already taken, new village); raises UserError when the package must be refused."""
    code, name = package.village["code"], package.village["name"]
    taken = store.row("SELECT sha256, file_name FROM tw_packages WHERE village_code = ? AND sequence = ?",
                      (code, package.sequence))
    if taken is not None:
        if taken["sha256"] != sha256:
            raise UserError(f"{name}第 {package.sequence} 号数据包已经导入过（{taken['file_name']}），"
                            "但这一份的内容不同。请向村里核实是哪一份。")
        return True, False
    if known is None:
        own = village.get_profile(store)
        if own is not None and (package.village["township"], package.village["county"]) != (own.township,
                                                                                           own.county):
            if not accept_new_village:
                raise ForeignVillage(f"{name}属于{package.village['county']}{package.village['township']}，"
                                f"不是本乡镇（{own.county}{own.township}）的村。确认要汇总它，"
                                "请在窗口中确认，或在命令行加 --accept-new-village。")
        if not package.full and package.previous is not None:
            raise UserError(f"这是{name}的第 {package.sequence} 号数据包，但本乡镇还没有导入过该村的"
                            f"第 {package.previous} 号数据包。请先导入第 {package.previous} 号，或请村里生成一个全量数据包。")
        return False, True
    if package.full:
        return False, False
    if package.sequence < known["last_sequence"]:
        raise UserError(f"{name}第 {package.sequence} 号数据包比已导入的第 {known['last_sequence']} 号更早，不能再导入。")
    if package.previous != known["last_sequence"]:
        missing = known["last_sequence"] + 1
        raise UserError(f"缺少{name}第 {missing} 号数据包（已导入到第 {known['last_sequence']} 号，"
                        f"这一份是第 {package.sequence} 号）。请先导入第 {missing} 号。")
    return False, False


def require_township(store: Store) -> None:
    if not is_township(store):
        raise UserError("这是村级数据库，不能导入其他村的数据包。请打开乡镇汇总数据库"
                        "（在“村庄信息”中设为乡镇汇总数据库）。")


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
    """Merge a verified package into this township database; see the module's rules."""
    result = check_package(store, package, sha256=sha256, accept_new_village=accept_new_village)
    if result.already:
        return result
    code = result.village_code
    known = store.row("SELECT * FROM tw_villages WHERE code = ?", (code,))
    with store.atomic():
        if result.replaced:
            store.conn.execute("DELETE FROM tw_rows WHERE village_code = ?", (code,))
        for table in package.tables():
            result.counts[table] = _merge_rows(store, code, table, package.rows(table), package.sequence)
        for gone in package.deleted():
            counts = result.counts.setdefault(gone["table"], {"new": 0, "updated": 0, "unchanged": 0,
                                                              "deleted": 0})
            hit = store.conn.execute(
                "UPDATE tw_rows SET deleted = 1, package_sequence = ? WHERE village_code = ? AND table_name = ? "
                "AND uid = ? AND deleted = 0", (package.sequence, code, gone["table"], gone["uid"])).rowcount
            counts["deleted"] += hit
        _merge_rows(store, code, "audit", ({**a, "uid": f"audit-{a['id']}"} for a in package.audit()),
                    package.sequence)
        _record(store, package, known, file_name, sha256)
    return result


_BATCH = 2000
_UPSERT = ("INSERT INTO tw_rows (village_code, table_name, uid, data, deleted, package_sequence) "
           "VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (village_code, table_name, uid) DO UPDATE SET "
           "data = excluded.data, deleted = 0, package_sequence = excluded.package_sequence "
           "WHERE tw_rows.data != excluded.data OR tw_rows.deleted = 1")


def _merge_rows(store: Store, code: str, table: str, rows, sequence: int) -> dict[str, int]:
    """Upsert ``rows`` in batches; a row sent again unchanged is not written (and counted as unchanged)."""
    def held() -> int:
        return store.scalar("SELECT count(*) FROM tw_rows WHERE village_code = ? AND table_name = ?", (code, table))

    before, sent, changed = held(), 0, 0
    batch: list[tuple] = []

    def flush() -> None:
        nonlocal changed
        start = store.conn.total_changes
        store.conn.executemany(_UPSERT, batch)
        changed += store.conn.total_changes - start
        batch.clear()

    for row in rows:
        batch.append((code, table, row["uid"], json.dumps(row, ensure_ascii=False, sort_keys=True), sequence))
        sent += 1
        if len(batch) >= _BATCH:
            flush()
    flush()
    new = held() - before
    return {"new": new, "updated": changed - new, "unchanged": sent - changed, "deleted": 0}


def _record(store: Store, package: IncomingPackage, known: dict | None, file_name: str, sha256: str) -> None:
    v, now = package.village, records.now()
    values = {"name": v["name"], "township": v["township"], "county": v["county"], "clerk": v.get("clerk", ""),
              "phone": v.get("phone", ""), "last_sequence": package.sequence,
              "last_created_at": package.manifest["created_at"], "last_imported_at": now}
    if known is None:
        records.insert(store, "tw_villages", {"code": v["code"], **values})
    else:
        records.update(store, "tw_villages", known["id"], values, action="import-package")
    counts = {name: info.get("rows") for name, info in package.manifest["files"].items()}
    records.insert(store, "tw_packages", {
        "village_code": v["code"], "sequence": package.sequence, "previous": package.previous,
        "full": int(package.full), "package_created_at": package.manifest["created_at"],
        "app_version": str(package.manifest.get("app_version", "")), "file_name": file_name, "sha256": sha256,
        "counts": json.dumps(counts, ensure_ascii=False)})


# --- one village, as it sent itself ------------------------------------------------------

def build_replica(store: Store, code: str, path: Path) -> Store:
    """The village's records in a database of their own at ``path``, in this program's schema.

    What the village's own reports are computed from (the committee checks, the
    points ranking, the requests' outcomes), and what the township browses
    read-only.  Records keep the village's numbers, so JF0000123 is the same
    entry in both places; columns a newer village program added are left out.
    """
    if not store.scalar("SELECT count(*) FROM tw_villages WHERE code = ?", (code,)):
        raise UserError(f"本乡镇没有统一社会信用代码为 {code} 的村。")
    replica = open_store(path, backup_on_open=False)
    try:
        with replica.atomic():
            # The triggers guard records being made one by one (finalised minutes, approved points);
            # a copy of records already made, only for reading, is made without them.
            for trigger in replica.rows("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
                replica.conn.execute(f"DROP TRIGGER [{trigger['name']}]")
            for table in _replica_tables(replica):
                columns = {r["name"] for r in replica.rows(f"PRAGMA table_info([{table}])")}
                references = {r["from"]: r["table"] for r in replica.rows(f"PRAGMA foreign_key_list([{table}])")}
                # Streamed in the village's own order, so a record comes after the ones it points at
                # (a correction after the entry it corrects) and memory stays flat for a million entries.
                found = store.conn.execute(
                    "SELECT data FROM tw_rows WHERE village_code = ? AND table_name = ? AND deleted = 0 "
                    "ORDER BY CAST(json_extract(data, '$.id') AS INTEGER)", (code, table))
                for (data,) in found:
                    row = json.loads(data)
                    values = {k: v for k, v in row.items() if k in columns}
                    for column, target in references.items():
                        if values.get(column) is not None:
                            values[column] = replica.scalar(f"SELECT id FROM [{target}] WHERE uid = ?",
                                                            (values[column],))
                    names = ", ".join(f"[{k}]" for k in values)
                    replica.conn.execute(f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' * len(values))})",
                                         list(values.values()))
    except BaseException:
        replica.close()
        raise
    return replica


def _replica_tables(replica: Store) -> list[str]:
    """Record tables in creation order, which puts a table after the tables it points at."""
    names = [r["name"] for r in replica.rows(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]
    return [n for n in names if n not in LOCAL_TABLES
            and "uid" in {r["name"] for r in replica.rows(f"PRAGMA table_info([{n}])")}]


def villages(store: Store) -> list[dict]:
    """The villages this township merges, with their last package."""
    return store.rows("SELECT * FROM tw_villages ORDER BY name")


def village_rows(store: Store, code: str, table: str) -> list[dict]:
    """A village's current records of ``table`` as it sent them (read-only)."""
    return [json.loads(r["data"]) for r in store.rows(
        "SELECT data FROM tw_rows WHERE village_code = ? AND table_name = ? AND deleted = 0", (code, table))]


__all__ = ["ForeignVillage", "ImportResult", "IncomingPackage", "apply_package", "check_package", "is_township",
           "require_township", "set_township", "village_rows", "villages"]
