"""Undo of the clerk's last edit in this session, where the data rules allow it.

Every write through core leaves audit rows with the record before and after
(docs/ARCHITECTURE.md "Form → database"); an edit is the audit rows of one outermost
transaction (one save, one archiving, one import).  :class:`UndoJournal`, opened
when the window opens a database, notes which transaction each new audit row
belongs to, in a temporary table beside the connection (a TEMP trigger on
``audit``, so every writer is seen, also the bulk ones that insert audit rows
themselves).  Nothing of it reaches the file: a new session starts with nothing
to undo.

Undoing puts every record of the newest edit back as it was, newest change first
(an insert is taken away, an update written back, a deletion put back whole), in
one transaction audited as ``undo`` with the record before and after, so the
history still shows both steps.  It is refused, with the reason, where the data
rules forbid a change (docs/ARCHITECTURE.md "Data rules"): approved or judged
point entries and the points ledger, finalised minutes, reviewed or posted
notices, answered objections, the append-only logs, packages already written for
the township, keys and the township's own tables; and where the record was
changed again since (only the newest edit is undone, one at a time).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from villagedesk.core.common import messages, records
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.store.driver import sqlite3

#: Audit actions written by undo itself: such an edit is not undone again (that would be a redo).
UNDO_ACTION = "undo"

# What each table's records are called when an edit is described ("修改 人员 张三").
TABLE_LABELS = {
    "village": "村情资料", "households": "户", "persons": "人员", "terms": "届次", "posts": "职务",
    "trainings": "培训", "training_attendees": "培训人员", "appraisals": "考核", "point_scheme": "积分方案",
    "point_rules": "积分细则", "point_entries": "积分记录", "point_periods": "积分期",
    "point_objections": "积分异议", "shop_goods": "超市商品", "redemptions": "兑换记录", "meetings": "会议记录",
    "meeting_people": "参会人员", "meeting_agenda": "议程", "meeting_resolutions": "决议", "matters": "四议两公开事项",
    "requests": "民情诉求", "disclosure_items": "公开目录", "notices": "公开事项", "notice_free_rows": "公开表格行",
    "notice_finance_lines": "收支明细", "notice_recipients": "名单人员", "notice_objections": "公开异议",
}
_ACTION_LABELS = {"insert": "新增", "delete": "删除"}

# Tables whose rows an undo never touches: append-only logs, what went to the township, keys,
# the township's merged data, settings.  The message says why.
_NEVER = {
    "request_log": messages.UNDO_LOG, "meeting_amendments": messages.UNDO_LOG,
    "redemptions": messages.UNDO_REDEMPTION, "packages": messages.UNDO_TOWNSHIP,
    "keys": messages.UNDO_TOWNSHIP, "township_cards": messages.UNDO_TOWNSHIP, "settings": messages.UNDO_TOWNSHIP,
    "tw_villages": messages.UNDO_TOWNSHIP, "tw_packages": messages.UNDO_TOWNSHIP, "tw_rows": messages.UNDO_TOWNSHIP,
    "tw_village_keys": messages.UNDO_TOWNSHIP, "tw_events": messages.UNDO_TOWNSHIP, "audit": messages.UNDO_TOWNSHIP,
    "accounts": messages.UNDO_ACCOUNTS,
}
# Child tables locked with their parent: (parent table, the column naming it, the parent's final test).
_PARENT = {
    "meeting_people": ("meetings", "meeting_id"), "meeting_agenda": ("meetings", "meeting_id"),
    "meeting_resolutions": ("meetings", "meeting_id"), "notice_free_rows": ("notices", "notice_id"),
    "notice_finance_lines": ("notices", "notice_id"), "notice_recipients": ("notices", "notice_id"),
}


def _final(table: str, row: dict | None) -> str | None:
    """Why ``row`` of ``table`` is fixed by the data rules, or None when it may still change.

    The statuses are spelled here, not taken from the areas' enums: core/common sits below the
    areas and imports none of them (docs/ARCHITECTURE.md "Layers and areas"); the database's
    triggers, which refuse the same changes, spell them too.
    """
    if row is None:
        return None
    status = row.get("status")
    if table == "point_entries" and status in ("approved", "rejected"):
        return messages.UNDO_POINTS_JUDGED
    if table == "point_periods" and status in ("posted", "locked"):
        return messages.UNDO_PERIOD_POSTED
    if table == "meetings" and status == "已定稿":
        return messages.UNDO_MINUTES_FINAL
    if table == "notices" and status not in (None, "草稿"):
        return messages.UNDO_NOTICE_REVIEWED
    if table in ("notice_objections", "point_objections") and (row.get("reply") or status in ("upheld", "dismissed")):
        return messages.UNDO_OBJECTION_ANSWERED
    return None


# Tables whose rows are never deleted (triggers): a record added to them is not taken away by undo.
_NEVER_DELETED = {
    "point_entries": messages.UNDO_POINTS_ADDED, "notices": messages.UNDO_NOTICE_ADDED,
    "notice_objections": messages.UNDO_OBJECTION_ADDED,
}


@dataclass(frozen=True)
class Change:
    """One audit row of an edit: the record ``before`` and ``after`` (None for an insert / a deletion)."""

    audit_id: int
    action: str
    table: str
    uid: str
    before: dict | None
    after: dict | None

    @property
    def kind(self) -> str:
        return "insert" if self.before is None else "delete" if self.after is None else "update"


@dataclass(frozen=True)
class Edit:
    """The newest edit of the session that was not undone: its changes, oldest first."""

    txn: int
    changes: tuple[Change, ...]

    def describe(self) -> str:
        """The edit in a few words, as the Edit menu says it ("修改 人员 张三")."""
        first = self.changes[0]
        row = first.after or first.before or {}
        name = next((str(row[k]) for k in ("name", "title", "topic", "code", "item", "text") if row.get(k)), "")
        what = f"{_ACTION_LABELS.get(first.kind, '修改')} {TABLE_LABELS.get(first.table, first.table)} {name}".strip()
        records_touched = {(c.table, c.uid) for c in self.changes}
        if len(records_touched) > 1:
            return messages.UNDO_MANY.format(what=what, count=len(records_touched))
        return what


class UndoJournal:
    """The edits written through ``store`` since the journal was opened, and undo of the newest."""

    def __init__(self, store: Store):
        self.store = store
        self._txn = 0
        self._last_seen_transaction: object = None
        conn = store.conn
        # The transaction an audit row belongs to: a new number whenever the connection left its
        # transaction since the last audit row (see _transaction).
        conn.create_function("villagedesk_undo_txn", 0, self._transaction)
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS undo_journal "
                     "(audit_id INTEGER PRIMARY KEY, txn INTEGER NOT NULL, undone INTEGER NOT NULL DEFAULT 0)")
        conn.execute("CREATE TEMP TRIGGER IF NOT EXISTS undo_journal_note AFTER INSERT ON main.audit BEGIN "
                     "INSERT INTO undo_journal (audit_id, txn) VALUES (NEW.id, villagedesk_undo_txn()); END")
        conn.commit()

    def _transaction(self) -> int:
        # The journal cannot see commits; it counts the store's outermost transactions (Store.atomic).
        current = self.store.transactions
        if current != self._last_seen_transaction:
            self._last_seen_transaction = current
            self._txn += 1
        return self._txn

    # --- reading ------------------------------------------------------------------------------------
    def newest(self) -> Edit | None:
        """The newest edit not undone and not itself an undo, or None when there is nothing to undo."""
        rows = self.store.rows(
            "SELECT j.txn, a.id, a.action, a.table_name, a.record_uid, a.before, a.after FROM temp.undo_journal j "
            "JOIN main.audit a ON a.id = j.audit_id WHERE j.undone = 0 "
            "AND j.txn = (SELECT max(txn) FROM temp.undo_journal k JOIN main.audit b ON b.id = k.audit_id "
            f"            WHERE k.undone = 0 AND b.action != '{UNDO_ACTION}') ORDER BY a.id")
        if not rows:
            return None
        changes = tuple(Change(r["id"], r["action"], r["table_name"], r["record_uid"], _load(r["before"]),
                               _load(r["after"])) for r in rows)
        return Edit(rows[0]["txn"], changes)

    def refusal(self, edit: Edit) -> str | None:
        """Why ``edit`` cannot be undone (the clerk's sentence), or None when it can."""
        sent = self.store.scalar("SELECT max(audit_max) FROM packages") or 0
        if any(c.audit_id <= sent for c in edit.changes):
            return messages.UNDO_PACKAGED
        for change in edit.changes:
            reason = self._refusal(edit, change)
            if reason is not None:
                return reason
        return None

    def _refusal(self, edit: Edit, change: Change) -> str | None:
        if change.table in _NEVER:
            return _NEVER[change.table]
        images = [i for i in (change.before, change.after) if i is not None]
        for image in images:
            reason = _final(change.table, image) or self._parent_final(change.table, image)
            if reason is not None:
                return reason
        # Undo writes whole records back: an audit row that kept only some columns cannot be reversed.
        if not images or any("id" not in i or "uid" not in i for i in images):
            return messages.UNDO_NOT_POSSIBLE
        if change.kind == "insert" and change.table in _NEVER_DELETED:
            return _NEVER_DELETED[change.table]
        current = records.get(self.store, change.table, images[0]["id"])
        reason = _final(change.table, current)
        if reason is not None:
            return reason
        # The record must still be as this edit left it (a later edit of it was undone first, or none came).
        expected = change.after
        if _later_change(edit, change):
            return None
        if (current is None) != (expected is None) or (
                current is not None and expected is not None and any(current.get(k) != v for k, v in expected.items())):
            # An insert's image lacks the columns the database filled by default: only what it names is compared.
            return messages.UNDO_CHANGED_SINCE
        return None

    def _parent_final(self, table: str, row: dict) -> str | None:
        parent = _PARENT.get(table)
        if parent is None:
            return None
        parent_table, column = parent
        if row.get(column) is None:
            return None
        return _final(parent_table, records.get(self.store, parent_table, row[column]))

    # --- undoing --------------------------------------------------------------------------------------
    def undo(self) -> Edit:
        """Undo the newest edit; UserError saying why when there is none or the rules forbid it."""
        edit = self.newest()
        if edit is None:
            raise UserError(messages.UNDO_NOTHING)
        reason = self.refusal(edit)
        if reason is not None:
            raise UserError(messages.UNDO_REFUSED.format(what=edit.describe(), reason=reason))
        try:
            with self.store.atomic():
                for change in reversed(edit.changes):
                    _reverse(self.store, change)
                placeholders = ",".join("?" * len(edit.changes))
                self.store.conn.execute(f"UPDATE temp.undo_journal SET undone = 1 WHERE audit_id IN ({placeholders})",
                                        [c.audit_id for c in edit.changes])
        except sqlite3.IntegrityError:
            # A trigger or a reference the rules above did not foresee: nothing was changed.
            raise UserError(messages.UNDO_REFUSED.format(what=edit.describe(),
                                                         reason=messages.UNDO_NOT_POSSIBLE)) from None
        return edit

    def close(self) -> None:
        """Stop noting edits (the window closes, or opens its data anew after a restore)."""
        conn = self.store.conn
        try:
            conn.execute("DROP TRIGGER IF EXISTS temp.undo_journal_note")
            conn.execute("DROP TABLE IF EXISTS temp.undo_journal")
            conn.commit()
        except sqlite3.ProgrammingError:
            pass  # the database was closed first: its temporary journal went with it


def _later_change(edit: Edit, change: Change) -> bool:
    """Whether the same record changes again later in ``edit`` (then it is checked at that change)."""
    return any(c.audit_id > change.audit_id and (c.table, c.uid) == (change.table, change.uid) for c in edit.changes)


def _load(text: str | None) -> dict | None:
    return None if text is None else json.loads(text)


def _reverse(store: Store, change: Change) -> None:
    """Put one record back as it was before ``change``, audited as an undo."""
    table, conn = change.table, store.conn
    current = records.get(store, table, (change.after or change.before or {})["id"])
    if change.before is None:
        conn.execute(f"DELETE FROM [{table}] WHERE id = ?", (change.after["id"],))  # type: ignore[index]
    elif current is None:
        store.db.table(table).insert(change.before)
    else:
        restored = {k: v for k, v in change.before.items() if k != "id"}
        store.db.table(table).update(change.before["id"], restored)
    store.db.table("audit").insert(records.audit_row(store, UNDO_ACTION, table, change.uid, current, change.before))
