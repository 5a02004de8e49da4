"""Writing record rows: uid and timestamps stamped, every change audited."""

from __future__ import annotations

import json
import uuid
from typing import Any

from villagedesk import clock
from villagedesk.store import Store


def new_uid() -> str:
    return str(uuid.uuid4())


def stamp(values: dict[str, Any]) -> dict[str, Any]:
    """A new record row: ``values`` plus uid and timestamps."""
    ts = clock.timestamp()
    return {"uid": new_uid(), "created_at": ts, "updated_at": ts, **values}


def audit_row(store: Store, action: str, table: str, uid: str, before, after) -> dict:
    def dump(row):
        return None if row is None else json.dumps(row, ensure_ascii=False, sort_keys=True)

    return {
        "at": clock.timestamp(),
        "actor": store.actor,
        "action": action,
        "table_name": table,
        "record_uid": uid,
        "before": dump(before),
        "after": dump(after),
    }


def get(store: Store, table: str, record_id: int) -> dict | None:
    return store.row(f"SELECT * FROM [{table}] WHERE id = ?", (record_id,))


def get_existing(store: Store, table: str, record_id: int) -> dict:
    """``get`` for a row the caller has just read or written, so it is there."""
    row = get(store, table, record_id)
    if row is None:
        raise LookupError(f"{table} {record_id} does not exist")
    return row


def insert(store: Store, table: str, values: dict[str, Any]) -> dict:
    row = stamp(values)
    with store.atomic():
        row["id"] = store.db.table(table).insert(row).last_pk
        store.db.table("audit").insert(audit_row(store, "insert", table, row["uid"], None, row))
    return row


def insert_many(store: Store, table: str, rows: list[dict[str, Any]]) -> list[dict]:
    """Bulk insert (demo, imports): stamped rows, one audit row each, one transaction."""
    stamped = [stamp(values) for values in rows]
    with store.atomic():
        # One writer holds the lock, so the next ids are ours to hand out.
        first = store.scalar(f"SELECT coalesce(max(id), 0) + 1 FROM [{table}]")
        for offset, row in enumerate(stamped):
            row["id"] = first + offset
        store.db.table(table).insert_all(stamped, batch_size=500)
        store.db.table("audit").insert_all(
            (audit_row(store, "insert", table, r["uid"], None, r) for r in stamped), batch_size=500
        )
    return stamped


def delete(store: Store, table: str, row: dict) -> None:
    """Remove ``row`` (a draft's part: an agenda item, a table line), keeping it whole in the audit.

    Records that count — people, points, finalised minutes, posted notices — are
    never deleted; their tables refuse it with triggers.
    """
    store.conn.execute(f"DELETE FROM [{table}] WHERE id = ?", (row["id"],))
    store.db.table("audit").insert(audit_row(store, "delete", table, row["uid"], row, None))


def update(store: Store, table: str, record_id: int, changes: dict[str, Any], action: str = "update") -> dict:
    """Apply ``changes``; unchanged values write nothing, not even an audit row."""
    with store.atomic():
        before = get(store, table, record_id)
        if before is None:
            raise LookupError(f"{table} {record_id} does not exist")
        changed = {k: v for k, v in changes.items() if before.get(k) != v}
        if not changed:
            return before
        changed["updated_at"] = clock.timestamp()
        store.db.table(table).update(record_id, changed)
        after = {**before, **changed}
        store.db.table("audit").insert(audit_row(store, action, table, before["uid"], before, after))
    return after
