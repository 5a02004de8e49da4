"""The points ledger: record, review, correct, chain — and lock what was posted.

Approved entries are never changed (a trigger refuses it); a correction is a new
entry that reverses one approved entry and says why.  Each approved entry stores
SHA-256 over its content and the previous approved entry's hash, so any row
changed behind the program's back breaks the chain at that row.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum

from villagedesk import clock
from villagedesk.core.common import periods, records
from villagedesk.core.common.checks import allowed
from villagedesk.core.common.dates import parse_date
from villagedesk.core.points import messages
from villagedesk.core.points.rules import get_scheme
from villagedesk.core.register.people import head_name_sql
from villagedesk.errors import UserError
from villagedesk.store import Store


class EntryStatus(StrEnum):
    """An entry's review (docs/DOMAIN.md §2.1), as point_entries.status stores it: only approved points count."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        """待审核 / 已审核 / 已驳回, as lists and printouts show it."""
        return _ENTRY_LABELS[self]


class PeriodStatus(StrEnum):
    """A scoring period's stage, as point_periods.status stores it: 未公示 → 公示中 → 已锁定 (讲评)."""

    OPEN = "open"
    POSTED = "posted"
    LOCKED = "locked"

    @property
    def label(self) -> str:
        return _PERIOD_LABELS[self]


class ObjectionStatus(StrEnum):
    """An objection to posted points, as point_objections.status stores it."""

    OPEN = "open"
    UPHELD = "upheld"
    DISMISSED = "dismissed"


_ENTRY_LABELS = {EntryStatus.PENDING: "待审核", EntryStatus.APPROVED: "已审核", EntryStatus.REJECTED: "已驳回"}
_PERIOD_LABELS = {PeriodStatus.OPEN: "未公示", PeriodStatus.POSTED: "公示中", PeriodStatus.LOCKED: "已锁定"}

#: Entry status → its label; a plain string of the status finds it too.
STATUS_LABEL = {status: status.label for status in EntryStatus}
# The earlier names of the entry statuses, kept for the tests and benchmarks that spell them so.
PENDING, APPROVED, REJECTED = EntryStatus.PENDING, EntryStatus.APPROVED, EntryStatus.REJECTED
GENESIS = "0" * 64


# --- periods and their lock --------------------------------------------------------

def period_state(store: Store, code: str) -> dict:
    row = store.row("SELECT * FROM point_periods WHERE period = ?", (code,))
    return row or {"period": code, "status": PeriodStatus.OPEN, "posted_on": None, "objection_until": None}


def period_states(store: Store) -> dict[str, PeriodStatus]:
    """Every period that has a stage on file (posted or locked, or unlocked again) → its status."""
    return {r["period"]: PeriodStatus(r["status"]) for r in store.rows("SELECT period, status FROM point_periods")}


def _refuse_if_locked(store: Store, code: str) -> None:
    if period_state(store, code)["status"] == PeriodStatus.LOCKED:
        raise UserError(messages.PERIOD_LOCKED.format(label=periods.parse(code).label))


def _set_period(store: Store, code: str, values: dict, action: str) -> dict:
    row = store.row("SELECT id FROM point_periods WHERE period = ?", (code,))
    if row is None:
        return records.insert(store, "point_periods", {"period": code, "status": PeriodStatus.OPEN, "posted_on": None,
                                                       "objection_until": None, "locked_on": None,
                                                       "note": "", **values})
    return records.update(store, "point_periods", row["id"], values, action=action)


def _scheme_period(store: Store, code: str) -> periods.Period:
    period = periods.parse(code)
    kind = get_scheme(store).period_kind
    if period.kind != kind:
        raise UserError(messages.PERIOD_KIND_MISMATCH.format(
            kind_label=periods.KIND_LABEL[kind], code=periods.of(period.start, kind).code))
    return period


def is_scheme_period(store: Store, code: str) -> bool:
    """Whether ``code`` is a period of the scheme's kind: only those are posted and locked
    (a year of a village that scores by quarter sums its quarters)."""
    return periods.parse(code).kind == get_scheme(store).period_kind


def _check_post(store: Store, code: str) -> periods.Period:
    """What 公示 asks of the period itself; :func:`post_period` then checks its entries."""
    period = _scheme_period(store, code)
    if period_state(store, period.code)["status"] != PeriodStatus.OPEN:
        raise UserError(messages.PERIOD_ALREADY_POSTED.format(label=period.label))
    return period


def _check_lock(store: Store, code: str) -> periods.Period:
    """What 锁定 asks of the period itself; :func:`lock_period` then checks entries and objections."""
    period = _scheme_period(store, code)
    if period_state(store, period.code)["status"] != PeriodStatus.POSTED:
        raise UserError(messages.PERIOD_NOT_POSTED_NO_LOCK.format(label=period.label))
    return period


def _check_unlock(store: Store, code: str) -> periods.Period:
    period = _scheme_period(store, code)
    if period_state(store, period.code)["status"] != PeriodStatus.LOCKED:
        raise UserError(messages.PERIOD_NOT_LOCKED.format(label=period.label))
    return period


def _check_objection_period(state: dict) -> None:
    """Objections to a period's points are taken while it is posted (公示中)."""
    if state["status"] != PeriodStatus.POSTED:
        raise UserError(messages.PERIOD_NOT_OPEN_FOR_OBJECTIONS.format(
            label=periods.parse(state["period"]).label))


def first_entry_day(store: Store, statuses=tuple(EntryStatus)) -> str | None:
    """The earliest entry_date (ISO) among entries of ``statuses``, None without any."""
    # Per status, each off the first row of the ranking index: a plain min scans a million entries.
    return store.scalar("SELECT min(first) FROM (" + " UNION ALL ".join(
        ["SELECT min(entry_date) AS first FROM point_entries WHERE status = ?"] * len(statuses)) + ")",
        tuple(statuses))


def approved_entries(store: Store, household_id: int, code: str) -> list[dict]:
    """The approved entries of one household in period ``code`` (id, entry_date, points, item), by date:
    what an objection can be about."""
    return store.rows("SELECT e.id, e.entry_date, e.points, r.item FROM point_entries e "
                      "JOIN point_rules r ON r.id = e.rule_id WHERE e.household_id = ? AND e.period = ? "
                      "AND e.status = ? ORDER BY e.entry_date, e.id", (household_id, code, EntryStatus.APPROVED))


def can_post(store: Store, code: str) -> bool:
    """Whether 公示 is offered for ``code``: a scheme period not posted yet (entries still pending
    are told when it is attempted)."""
    return allowed(_check_post, store, code)


def can_lock(store: Store, code: str) -> bool:
    """Whether 讲评锁定 is offered for ``code``: a posted scheme period."""
    return allowed(_check_lock, store, code)


def can_unlock(store: Store, code: str) -> bool:
    return allowed(_check_unlock, store, code)


def can_object(store: Store, code: str) -> bool:
    """Whether objections to the points of ``code`` can be recorded: a posted scheme period."""
    return is_scheme_period(store, code) and allowed(_check_objection_period, period_state(store, code))


def pending_count(store: Store, code: str | None = None) -> int:
    """Entries waiting for review, in period ``code`` or in the whole ledger."""
    if code is None:
        return store.scalar("SELECT count(*) FROM point_entries WHERE status = ?", (EntryStatus.PENDING,))
    return store.scalar("SELECT count(*) FROM point_entries WHERE period = ? AND status = ?",
                        (code, EntryStatus.PENDING))


def open_objections(store: Store, code: str) -> int:
    """Objections to the points of period ``code`` not resolved yet: the period is locked only without any."""
    return store.scalar("SELECT count(*) FROM point_objections o JOIN point_entries e ON e.id = o.entry_id "
                        "WHERE e.period = ? AND o.status = ?", (code, ObjectionStatus.OPEN))


def post_period(store: Store, code: str, day: date | None = None) -> dict:
    """公示: the period's approved points go on the board; objections may come in."""
    period = _check_post(store, code)
    if pending_count(store, period.code):
        raise UserError(messages.POST_PENDING_ENTRIES.format(label=period.label))
    day = day or clock.today()
    until = day + timedelta(days=get_scheme(store).objection_days)
    return _set_period(store, period.code, {"status": PeriodStatus.POSTED, "posted_on": day.isoformat(),
                                            "objection_until": until.isoformat()}, "post")


def lock_period(store: Store, code: str, day: date | None = None) -> dict:
    """After the meeting review (讲评): nothing more goes into the period."""
    period = _check_lock(store, code)
    # An upheld objection's correction (or an entry added after posting) would be stuck unreviewed.
    if pending_count(store, period.code):
        raise UserError(messages.LOCK_PENDING_ENTRIES.format(label=period.label))
    waiting = open_objections(store, period.code)
    if waiting:
        raise UserError(messages.LOCK_OPEN_OBJECTIONS.format(label=period.label, waiting=waiting))
    return _set_period(store, period.code, {"status": PeriodStatus.LOCKED,
                                            "locked_on": (day or clock.today()).isoformat()}, "lock")


def unlock_period(store: Store, code: str, reason: str) -> dict:
    period = _check_unlock(store, code)
    reason = (reason or "").strip()
    if not reason:
        raise UserError(messages.UNLOCK_REASON_MISSING, field="reason")
    return _set_period(store, period.code, {"status": PeriodStatus.POSTED, "locked_on": None, "note": reason},
                       "unlock")


# --- recording -------------------------------------------------------------------

def _rule_on(store: Store, rule_id: int, day: date) -> dict:
    """The version of the chosen rule that is in force on ``day``."""
    chosen = records.get(store, "point_rules", rule_id)
    if chosen is None:
        raise UserError(messages.RULE_MISSING, field="rule")
    version = store.row(
        "SELECT * FROM point_rules WHERE rule_key = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)",
        (chosen["rule_key"], day.isoformat(), day.isoformat()))
    if version is None:
        raise UserError(messages.RULE_NOT_IN_FORCE.format(item=chosen["item"], day=day), field="rule")
    return version


def _household(store: Store, household_id: int) -> dict:
    household = records.get(store, "households", household_id) if household_id else None
    if household is None:
        raise UserError(messages.HOUSEHOLD_MISSING, field="household")
    if household["archived"]:
        raise UserError(messages.HOUSEHOLD_ARCHIVED.format(code=household["code"]), field="household")
    return household


def points_so_far(store: Store, rule_key: str, household_id: int, code: str) -> int:
    """What ``household_id`` has under the rule ``rule_key`` (any version) in period ``code``, not
    counting rejected entries: what the rule's cap per period is measured on."""
    return store.scalar(
        "SELECT coalesce(sum(e.points), 0) FROM point_entries e JOIN point_rules r ON r.id = e.rule_id "
        "WHERE r.rule_key = ? AND e.household_id = ? AND e.period = ? AND e.status != ?",
        (rule_key, household_id, code, EntryStatus.REJECTED))


def _check_cap(store: Store, rule: dict, household_id: int, code: str, adding: int) -> None:
    cap = rule["cap_per_period"]
    if cap is None:
        return
    so_far = points_so_far(store, rule["rule_key"], household_id, code)
    if abs(so_far + adding) > cap:
        left = max(0, cap - abs(so_far))
        raise UserError(messages.RULE_CAP_REACHED.format(
            item=rule["item"], cap=cap, so_far=abs(so_far), left=left), field="quantity")


def _entry_values(store: Store, household_id: int, rule_id: int, day, quantity, note: str, evidence: str,
                  recorded_by: str | None) -> dict:
    when = parse_date(day)
    if when is None:
        raise UserError(messages.DATE_INVALID, field="date")
    if when > clock.today():
        raise UserError(messages.DATE_IN_FUTURE, field="date")
    try:
        quantity = int(str(quantity).strip())
    except ValueError:
        raise UserError(messages.QUANTITY_NOT_POSITIVE, field="quantity") from None
    if quantity <= 0 or quantity > 1000:
        raise UserError(messages.QUANTITY_RANGE, field="quantity")
    household = _household(store, household_id)
    rule = _rule_on(store, rule_id, when)
    code = periods.of(when, get_scheme(store).period_kind).code
    _refuse_if_locked(store, code)
    points = rule["points"] * quantity
    _check_cap(store, rule, household["id"], code, points)
    return {"household_id": household["id"], "rule_id": rule["id"], "entry_date": when.isoformat(),
            "period": code, "quantity": quantity, "points": points, "note": (note or "").strip(),
            "evidence": (evidence or "").strip(), "recorded_by": recorded_by or store.actor,
            "status": EntryStatus.PENDING, "reviewer": None, "reviewed_at": None, "reject_reason": "",
            "reverses_id": None, "reverse_reason": "", "seq": None, "prev_hash": None, "hash": None}


def record_entry(store: Store, *, household_id: int, rule_id: int, day, quantity=1, note: str = "",
                 evidence: str = "", recorded_by: str | None = None) -> dict:
    """登记: a pending entry; it counts once approved."""
    with store.atomic():
        return records.insert(store, "point_entries", _entry_values(
            store, household_id, rule_id, day, quantity, note, evidence, recorded_by))


def record_batch(store: Store, *, household_ids: Iterable[int], rule_id: int, day, quantity=1, note: str = "",
                 evidence: str = "", recorded_by: str | None = None) -> list[dict]:
    """One item for many households at once (a clean-up day); all or nothing."""
    household_ids = list(dict.fromkeys(household_ids))
    if not household_ids:
        raise UserError(messages.HOUSEHOLDS_MISSING, field="household")
    with store.atomic():
        rows = []
        for household_id in household_ids:
            values = _entry_values(store, household_id, rule_id, day, quantity, note, evidence, recorded_by)
            rows.append(records.insert(store, "point_entries", values))
        return rows


# --- review and the chain ------------------------------------------------------------

def _content(entry: dict, household_uid: str, rule_uid: str, reverses_uid: str | None) -> dict:
    """What the hash covers: everything that gives the entry its meaning."""
    return {"seq": entry["seq"], "prev_hash": entry["prev_hash"], "uid": entry["uid"],
            "household": household_uid, "rule": rule_uid, "entry_date": entry["entry_date"],
            "period": entry["period"], "quantity": entry["quantity"], "points": entry["points"],
            "note": entry["note"], "evidence": entry["evidence"], "recorded_by": entry["recorded_by"],
            "reviewer": entry["reviewer"], "reviewed_at": entry["reviewed_at"],
            "reverses": reverses_uid, "reverse_reason": entry["reverse_reason"]}


def entry_hash(content: dict) -> str:
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_CHAIN_ROWS = """
    SELECT e.*, h.uid AS household_uid, h.code AS household_code, r.uid AS rule_uid, v.uid AS reverses_uid
    FROM point_entries e JOIN households h ON h.id = e.household_id JOIN point_rules r ON r.id = e.rule_id
    LEFT JOIN point_entries v ON v.id = e.reverses_id
"""


def chain_head(store: Store) -> tuple[int, str]:
    """(approved entries, hash of the last): printed on rankings so a board can be checked."""
    row = store.row("SELECT seq, hash FROM point_entries WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1")
    return (row["seq"], row["hash"]) if row else (0, GENESIS)


def approve(store: Store, entry_ids: Iterable[int], reviewer: str, day: date | None = None) -> int:
    """审核通过: the entries join the chain in the order given; all or nothing."""
    reviewer = (reviewer or "").strip()
    if not reviewer:
        raise UserError(messages.REVIEWER_MISSING, field="reviewer")
    ids = list(dict.fromkeys(entry_ids))
    if not ids:
        raise UserError(messages.ENTRIES_MISSING)
    reviewed_at = (day or clock.today()).isoformat()
    with store.atomic():
        seq, prev = chain_head(store)
        placeholders = ",".join("?" * len(ids))
        found = {e["id"]: e for e in store.rows(f"{_CHAIN_ROWS} WHERE e.id IN ({placeholders})", ids)}
        changes, audits, open_periods = [], [], set()
        for entry_id in ids:
            entry = found.get(entry_id)
            if entry is None:
                raise UserError(messages.NO_SUCH_ENTRY.format(entry_id=entry_id))
            if entry["status"] != EntryStatus.PENDING:
                raise UserError(messages.ENTRY_NOT_PENDING.format(
                    household_code=entry["household_code"], entry_date=entry["entry_date"], status=STATUS_LABEL[entry["status"]]))
            if entry["period"] not in open_periods:  # once per period, not once per entry
                _refuse_if_locked(store, entry["period"])
                open_periods.add(entry["period"])
            seq += 1
            entry.update(status=EntryStatus.APPROVED, reviewer=reviewer, reviewed_at=reviewed_at, seq=seq,
                         prev_hash=prev)
            prev = entry_hash(_content(entry, entry["household_uid"], entry["rule_uid"], entry["reverses_uid"]))
            changes.append((EntryStatus.APPROVED, reviewer, reviewed_at, seq, entry["prev_hash"], prev,
                            clock.timestamp(), entry_id))
            audits.append(records.audit_row(store, "approve", "point_entries", entry["uid"],
                                            {"status": EntryStatus.PENDING},
                                            {"status": EntryStatus.APPROVED, "reviewer": reviewer,
                                             "seq": seq, "hash": prev}))
        # One statement for a thousand approvals: the chain is computed above, in order.
        store.conn.executemany(
            "UPDATE point_entries SET status = ?, reviewer = ?, reviewed_at = ?, seq = ?, prev_hash = ?, "
            "hash = ?, updated_at = ? WHERE id = ?", changes)
        store.conn.executemany("INSERT INTO audit (at, actor, action, table_name, record_uid, before, after) "
                               "VALUES (:at, :actor, :action, :table_name, :record_uid, :before, :after)", audits)
    return len(changes)


def reject(store: Store, entry_ids: Iterable[int], reviewer: str, reason: str, day: date | None = None) -> int:
    reason = (reason or "").strip()
    if not reason:
        raise UserError(messages.REJECT_REASON_MISSING, field="reason")
    reviewer = (reviewer or "").strip()
    if not reviewer:
        raise UserError(messages.REVIEWER_MISSING, field="reviewer")
    ids = list(dict.fromkeys(entry_ids))
    with store.atomic():
        for entry_id in ids:
            entry = records.get(store, "point_entries", entry_id)
            if entry is None or entry["status"] != EntryStatus.PENDING:
                raise UserError(messages.REJECT_NOT_PENDING)
            records.update(store, "point_entries", entry_id,
                           {"status": EntryStatus.REJECTED, "reviewer": reviewer,
                            "reviewed_at": (day or clock.today()).isoformat(), "reject_reason": reason},
                           action="reject")
    return len(ids)


def _check_reversible(entry: dict) -> None:
    """Only an approved entry that is no correction itself is reversed."""
    if entry["status"] != EntryStatus.APPROVED:
        raise UserError(messages.REVERSE_NOT_APPROVED)
    if entry["reverses_id"] is not None:
        raise UserError(messages.REVERSE_A_REVERSAL)


def can_reverse(entry: dict) -> bool:
    """Whether 冲正 is offered for ``entry`` (a ledger row with ``status`` and ``reverses_id``);
    :func:`reverse` also refuses an entry reversed already or in a locked period."""
    return allowed(_check_reversible, entry)


def reverse(store: Store, entry_id: int, reason: str, recorded_by: str | None = None) -> dict:
    """A correction: a new pending entry with the opposite points, naming the one it corrects."""
    reason = (reason or "").strip()
    if not reason:
        raise UserError(messages.REVERSE_REASON_MISSING, field="reason")
    original = records.get(store, "point_entries", entry_id)
    if original is None:
        raise UserError(messages.NO_SUCH_ENTRY_TO_REVERSE)
    _check_reversible(original)
    already = store.scalar("SELECT count(*) FROM point_entries WHERE reverses_id = ? AND status != ?",
                           (entry_id, EntryStatus.REJECTED))
    if already:
        raise UserError(messages.ENTRY_ALREADY_REVERSED)
    _refuse_if_locked(store, original["period"])
    return records.insert(store, "point_entries", {
        "household_id": original["household_id"], "rule_id": original["rule_id"],
        "entry_date": original["entry_date"], "period": original["period"], "quantity": -original["quantity"],
        "points": -original["points"], "note": "", "evidence": "", "recorded_by": recorded_by or store.actor,
        "status": EntryStatus.PENDING, "reviewer": None, "reviewed_at": None, "reject_reason": "",
        "reverses_id": entry_id, "reverse_reason": reason, "seq": None, "prev_hash": None, "hash": None})


def chain_problems(store: Store) -> list[str]:
    """Recompute the chain; name the first approved entry that no longer matches."""
    expected_seq, prev = 1, GENESIS
    cur = store.conn.execute(f"{_CHAIN_ROWS} WHERE e.seq IS NOT NULL ORDER BY e.seq")
    names = [d[0] for d in cur.description]
    for values in cur:
        entry = dict(zip(names, values))
        where = messages.CHAIN_ENTRY.format(seq=entry["seq"], household_code=entry["household_code"],
                                            entry_date=entry["entry_date"], entry_id=entry["id"])
        if entry["seq"] != expected_seq:
            return [messages.CHAIN_GAP.format(expected_seq=expected_seq, where=where)]
        if entry["status"] != EntryStatus.APPROVED or entry["prev_hash"] != prev:
            return [messages.CHAIN_LINK_BROKEN.format(where=where)]
        actual = entry_hash(_content(entry, entry["household_uid"], entry["rule_uid"], entry["reverses_uid"]))
        if actual != entry["hash"]:
            return [messages.CHAIN_HASH_MISMATCH.format(where=where)]
        expected_seq, prev = expected_seq + 1, entry["hash"]
    unchained = store.scalar("SELECT count(*) FROM point_entries WHERE status = ? AND seq IS NULL",
                             (EntryStatus.APPROVED,))
    if unchained:
        return [messages.CHAIN_UNCHAINED.format(unchained=unchained)]
    return []


# --- objections (异议) ---------------------------------------------------------------

def raise_objection(store: Store, *, entry_id: int, raised_by: str, content: str, day=None) -> dict:
    entry = records.get(store, "point_entries", entry_id)
    if entry is None or entry["status"] != EntryStatus.APPROVED:
        raise UserError(messages.OBJECTION_NOT_POSTED)
    state = period_state(store, entry["period"])
    _check_objection_period(state)
    if not (raised_by or "").strip() or not (content or "").strip():
        raise UserError(messages.OBJECTION_TEXT_MISSING, field="content")
    received = parse_date(day) if day else clock.today()
    if received is None:
        raise UserError(messages.OBJECTION_DATE_MISSING, field="date")
    if received > clock.today():
        raise UserError(messages.OBJECTION_DATE_IN_FUTURE, field="date")
    if received.isoformat() < state["posted_on"]:
        raise UserError(messages.OBJECTION_BEFORE_POSTING.format(posted_on=state["posted_on"]), field="date")
    if received.isoformat() > state["objection_until"]:
        raise UserError(messages.OBJECTION_AFTER_WINDOW.format(
            objection_until=state["objection_until"]), field="date")
    return records.insert(store, "point_objections", {
        "entry_id": entry_id, "raised_by": raised_by.strip(), "received_on": received.isoformat(),
        "content": content.strip(), "status": ObjectionStatus.OPEN, "resolution": "", "resolved_on": None})


def _check_unresolved(objection: dict | None) -> dict:
    if objection is None or objection["status"] != ObjectionStatus.OPEN:
        raise UserError(messages.OBJECTION_ALREADY_RESOLVED)
    return objection


def can_resolve(objection: dict) -> bool:
    """Whether 处理 is offered for ``objection``: it is still open."""
    return allowed(_check_unresolved, objection)


def period_objections(store: Store, code: str) -> list[dict]:
    """The objections to the points of period ``code``, oldest first, with the entry's household,
    head, item and points."""
    return store.rows(
        f"SELECT o.*, e.points, h.code AS household_code, r.item, {head_name_sql('h.id', former='first')} AS head_name "
        "FROM point_objections o JOIN point_entries e ON e.id = o.entry_id "
        "JOIN households h ON h.id = e.household_id JOIN point_rules r ON r.id = e.rule_id "
        "WHERE e.period = ? ORDER BY o.received_on, o.id", (code,))


def resolve_objection(store: Store, objection_id: int, *, upheld: bool, resolution: str,
                      day: date | None = None) -> dict:
    """Upheld: the entry is reversed (the reversal then goes through review); dismissed: reason kept."""
    objection = _check_unresolved(records.get(store, "point_objections", objection_id))
    resolution = (resolution or "").strip()
    if not resolution:
        raise UserError(messages.RESOLUTION_MISSING, field="resolution")
    resolved = day or clock.today()
    if resolved.isoformat() < objection["received_on"]:
        raise UserError(messages.RESOLUTION_BEFORE_RECEIPT.format(received_on=objection["received_on"]))
    with store.atomic():
        if upheld:
            reverse(store, objection["entry_id"], messages.OBJECTION_UPHELD_REASON.format(
                resolution=resolution))
        return records.update(store, "point_objections", objection_id, {
            "status": ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED, "resolution": resolution,
            "resolved_on": resolved.isoformat()}, action="resolve")
