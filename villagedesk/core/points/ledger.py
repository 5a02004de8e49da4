"""The points ledger: record, review, correct, chain — and lock what was posted.

Approved entries are never changed (a trigger refuses it); a correction is a new
entry that reverses one approved entry and says why.  Each approved entry stores
SHA-256 over its content and the previous approved entry's hash, so any row
changed behind the program's back breaks the chain at that row.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable
from datetime import date
from enum import StrEnum

import orjson

from villagedesk import clock
from villagedesk.core.accounts import signatures
from villagedesk.core.accounts.accounts import Account
from villagedesk.core.accounts.roles import Action
from villagedesk.core.common import periods, records, workdays
from villagedesk.core.common.checks import allowed
from villagedesk.core.common.dates import parse_date
from villagedesk.core.points import messages
from villagedesk.core.points.rules import get_scheme
from villagedesk.core.register.people import head_name_sql
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.store.check import on_readers
from villagedesk.store.driver import sqlite3


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
                                                       "objection_until": None, "locked_on": None, "locked_by": None,
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
    # The same 公示期 rule as a notice's: the posting day is the first of the objection days.
    until = workdays.posting_end(day, get_scheme(store).objection_days)
    # The board printed from now on shows this chain position; kept so `villagedesk check` can tell a
    # ledger whose tail was cut after posting (docs/PACKAGES.md "The village checks itself").
    count, head = chain_head(store)
    return _set_period(store, period.code, {"status": PeriodStatus.POSTED, "posted_on": day.isoformat(),
                                            "objection_until": until.isoformat(), "chain_count": count,
                                            "chain_head": head}, "post")


def lock_period(store: Store, code: str, day: date | None = None, *, signer: Account | None = None) -> dict:
    """After the meeting review (讲评): nothing more goes into the period.

    Signed (docs/SECURITY.md "Signatures"): where the database has accounts by ``signer``, an
    account whose role may lock (its password checked at the desk); in a plain one by the name the
    audit names. The period keeps who signed (``locked_by``)."""
    period = _check_lock(store, code)
    signed = signatures.signer(store, store.actor if signer is None else signer, Action.LOCK_PERIOD,
                               missing=messages.SIGNER_MISSING, field="signer")
    # An upheld objection's correction (or an entry added after posting) would be stuck unreviewed.
    if pending_count(store, period.code):
        raise UserError(messages.LOCK_PENDING_ENTRIES.format(label=period.label))
    waiting = open_objections(store, period.code)
    if waiting:
        raise UserError(messages.LOCK_OPEN_OBJECTIONS.format(label=period.label, waiting=waiting))
    return _set_period(store, period.code, {"status": PeriodStatus.LOCKED, "locked_by": signed.text,
                                            "locked_on": (day or clock.today()).isoformat()}, "lock")


def unlock_period(store: Store, code: str, reason: str) -> dict:
    period = _check_unlock(store, code)
    reason = (reason or "").strip()
    if not reason:
        raise UserError(messages.UNLOCK_REASON_MISSING, field="reason")
    return _set_period(store, period.code, {"status": PeriodStatus.POSTED, "locked_on": None, "locked_by": None,
                                            "note": reason},
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
                  recorded_by: str) -> dict:
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
            "evidence": (evidence or "").strip(), "recorded_by": recorded_by,
            "status": EntryStatus.PENDING, "reviewer": None, "reviewed_at": None, "reject_reason": "",
            "reverses_id": None, "reverse_reason": "", "seq": None, "prev_hash": None, "hash": None}


def record_entry(store: Store, *, household_id: int, rule_id: int, day, quantity=1, note: str = "",
                 evidence: str = "", recorded_by: str | None = None) -> dict:
    """登记: a pending entry; it counts once approved."""
    with store.atomic():
        return records.insert(store, "point_entries", _entry_values(
            store, household_id, rule_id, day, quantity, note, evidence, signatures.author(store, recorded_by)))


def record_batch(store: Store, *, household_ids: Iterable[int], rule_id: int, day, quantity=1, note: str = "",
                 evidence: str = "", recorded_by: str | None = None) -> list[dict]:
    """One item for many households at once (a clean-up day); all or nothing."""
    household_ids = list(dict.fromkeys(household_ids))
    if not household_ids:
        raise UserError(messages.HOUSEHOLDS_MISSING, field="household")
    recorded_by = signatures.author(store, recorded_by)
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


def package_entry_hash(row: dict) -> str:
    """The hash of an approved entry as a package carries it: its references are the records' uids.

    What the township recomputes for every approved entry it receives (docs/PACKAGES.md
    "What the township checks, before its transaction", step 5).
    orjson writes the very bytes json.dumps does for this content (text, integers, None) at a
    fraction of the cost — a million entries in a full package; anything it will not write (an
    integer beyond 64 bits, a lone surrogate) takes the reference path.
    """
    content = _content(row, row["household_id"], row["rule_id"], row["reverses_id"])
    try:
        text = orjson.dumps(content, option=orjson.OPT_SORT_KEYS)
    except TypeError:
        return entry_hash(content)
    return hashlib.sha256(text).hexdigest()


_CHAIN_ROWS = """
    SELECT e.*, h.uid AS household_uid, h.code AS household_code, r.uid AS rule_uid, v.uid AS reverses_uid
    FROM point_entries e JOIN households h ON h.id = e.household_id JOIN point_rules r ON r.id = e.rule_id
    LEFT JOIN point_entries v ON v.id = e.reverses_id
"""


def chain_head(store: Store) -> tuple[int, str]:
    """(approved entries, hash of the last): printed on rankings so a board can be checked."""
    row = store.row("SELECT seq, hash FROM point_entries WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1")
    return (row["seq"], row["hash"]) if row else (0, GENESIS)


def recorders(store: Store, entry_ids: Iterable[int]) -> list[str]:
    """Who recorded the entries ``entry_ids`` (as the entries name them): none of them reviews them."""
    return [r["recorded_by"] for r in store.rows(
        "SELECT DISTINCT recorded_by FROM point_entries WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(entry_ids)),))]


def period_signers(store: Store, period: periods.Period) -> tuple[list[str], list[str]]:
    """Who recorded and who reviewed the approved entries dated in ``period``, each once, in the
    order they first signed: the board names both (docs/SECURITY.md "Signatures")."""
    rows = store.rows("SELECT recorded_by, reviewer FROM point_entries WHERE status = ? AND entry_date BETWEEN ? AND ? "
                      "GROUP BY recorded_by, reviewer ORDER BY min(id)",
                      (EntryStatus.APPROVED, period.start.isoformat(), period.end.isoformat()))
    return (list(dict.fromkeys(r["recorded_by"] for r in rows)),
            list(dict.fromkeys(r["reviewer"] for r in rows if r["reviewer"])))


def _reviewer(store: Store, reviewer: Account | str | None) -> signatures.Signer:
    """Who reviews: an account whose role may review points (its password checked at the desk), or
    the name typed in a plain database (docs/SECURITY.md "Signatures")."""
    return signatures.signer(store, reviewer, Action.REVIEW_POINTS, missing=messages.REVIEWER_MISSING)


def _refuse_own_entry(signer: signatures.Signer, entry: dict) -> None:
    """The recorder of an entry never reviews it: a review the same person can record and approve
    is not a review (docs/SECURITY.md "Signatures")."""
    signatures.refuse_own(signer, [entry["recorded_by"]], messages.OWN_ENTRY.format(
        household_code=entry["household_code"], entry_date=entry["entry_date"]))


def approve(store: Store, entry_ids: Iterable[int], reviewer: Account | str | None, day: date | None = None) -> int:
    """审核通过: the entries join the chain in the order given; all or nothing.

    ``reviewer`` signs: an account (where the database has accounts) or a typed name (a plain one);
    the entry stores its :attr:`~signatures.Signer.text`, the audit row names the recorder too."""
    signer = _reviewer(store, reviewer)
    reviewed_by = signer.text
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
            _refuse_own_entry(signer, entry)
            if entry["period"] not in open_periods:  # once per period, not once per entry
                _refuse_if_locked(store, entry["period"])
                open_periods.add(entry["period"])
            seq += 1
            entry.update(status=EntryStatus.APPROVED, reviewer=reviewed_by, reviewed_at=reviewed_at, seq=seq,
                         prev_hash=prev)
            prev = entry_hash(_content(entry, entry["household_uid"], entry["rule_uid"], entry["reverses_uid"]))
            changes.append((EntryStatus.APPROVED, reviewed_by, reviewed_at, seq, entry["prev_hash"], prev,
                            clock.timestamp(), entry_id))
            audits.append(records.audit_row(store, "approve", "point_entries", entry["uid"],
                                            {"status": EntryStatus.PENDING, "recorded_by": entry["recorded_by"]},
                                            {"status": EntryStatus.APPROVED, "reviewer": reviewed_by,
                                             "seq": seq, "hash": prev}))
        # One statement for a thousand approvals: the chain is computed above, in order.
        store.conn.executemany(
            "UPDATE point_entries SET status = ?, reviewer = ?, reviewed_at = ?, seq = ?, prev_hash = ?, "
            "hash = ?, updated_at = ? WHERE id = ?", changes)
        store.conn.executemany("INSERT INTO audit (at, actor, action, table_name, record_uid, before, after) "
                               "VALUES (:at, :actor, :action, :table_name, :record_uid, :before, :after)", audits)
    return len(changes)


def reject(store: Store, entry_ids: Iterable[int], reviewer: Account | str | None, reason: str,
           day: date | None = None) -> int:
    """驳回, signed as :func:`approve` is; the rejected entries keep the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise UserError(messages.REJECT_REASON_MISSING, field="reason")
    signer = _reviewer(store, reviewer)
    ids = list(dict.fromkeys(entry_ids))
    with store.atomic():
        for entry_id in ids:
            entry = store.row(f"{_CHAIN_ROWS} WHERE e.id = ?", (entry_id,))
            if entry is None or entry["status"] != EntryStatus.PENDING:
                raise UserError(messages.REJECT_NOT_PENDING)
            _refuse_own_entry(signer, entry)
            records.update(store, "point_entries", entry_id,
                           {"status": EntryStatus.REJECTED, "reviewer": signer.text,
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
        "points": -original["points"], "note": "", "evidence": "", "recorded_by": signatures.author(store, recorded_by),
        "status": EntryStatus.PENDING, "reviewer": None, "reviewed_at": None, "reject_reason": "",
        "reverses_id": entry_id, "reverse_reason": reason, "seq": None, "prev_hash": None, "hash": None})


# --- checking the chain (`villagedesk check`) ---------------------------------------------

class _Columns(dict):
    """Each point_entries column as ``e.<column>``: :func:`_content` then says what each key is made of."""

    def __missing__(self, key: str) -> str:
        return f"e.{key}"


def _walk_sql() -> tuple[str, str]:
    # SQLite writes the very text entry_hash hashes: json_object writes text, integers and null as
    # json.dumps(ensure_ascii=False, separators=(",", ":")) does, and the keys go in sorted order.
    # Equal texts are the same JSON, hence the same content: a text that differs only in how it is
    # written (a value of another type put there behind the program's back) is hashed the reference
    # way before anything is said (_hash_holds).
    content = _content(_Columns(), "h.uid", "r.uid", "v.uid")
    text = "json_object(" + ", ".join(f"'{key}', {content[key]}" for key in sorted(content)) + ")"
    joined = ("FROM point_entries e LEFT JOIN households h ON h.id = e.household_id "
              "LEFT JOIN point_rules r ON r.id = e.rule_id LEFT JOIN point_entries v ON v.id = e.reverses_id")
    rows = f"SELECT CAST({text} AS BLOB) AS text, e.hash, e.prev_hash, e.seq, e.status {joined} WHERE e.seq IS NOT NULL"
    # Hundreds of entries in one row: SQLite builds their texts in C with Python's lock let go, and
    # Python takes them in one step instead of hundreds (each step hands the lock between the
    # readers). json_object escapes every line break, so one joins the texts.  The aggregate reads
    # the seq index in order without a subquery's ORDER BY (a tenth of the walk): should SQLite
    # ever take the rows in another order, the seqs joined in that order are not the range's and
    # the chunk is walked entry by entry, in order (_chunk_whole, _walk_rows).
    # Only approved entries are taken: one that is not leaves its seq out of the list. Each seq less
    # the chunk's first, joined, says at once what a count, a min, a max and a sum over the statuses
    # said, and also that no seq is there twice; for every full chunk it is the same list, made once
    # (_offsets). The unary + keeps SQLite on the seq index: with status alone it may walk the status
    # index across the whole ledger per chunk.
    chunk = (f"SELECT group_concat(e.seq - ?1, ','), CAST(group_concat({text}, char(10)) AS BLOB), "
             f"group_concat(e.hash, ''), group_concat(e.prev_hash, '') {joined} "
             f"WHERE e.seq >= ?1 AND e.seq < ?2 AND +e.status = '{EntryStatus.APPROVED.value}'")
    return rows, chunk


_WALK, _WALK_CHUNK = _walk_sql()
_ENTRY_BY_SEQ = """
    SELECT e.*, h.uid AS household_uid, h.code AS household_code, r.uid AS rule_uid, v.uid AS reverses_uid
    FROM point_entries e LEFT JOIN households h ON h.id = e.household_id LEFT JOIN point_rules r ON r.id = e.rule_id
    LEFT JOIN point_entries v ON v.id = e.reverses_id WHERE e.seq = ?
"""
# The approved entries outside the chain, looked for among the few without a seq: the unary +
# keeps SQLite on the seq index rather than counting the status index's million approved entries.
_UNCHAINED = "SELECT count(*) FROM point_entries WHERE seq IS NULL AND +status = ?"
#: Approved entries one reader takes at least: below that a second connection costs more than it saves.
_READER_SHARE = 50_000

# (what is wrong: gap / link / hash, the seq expected there, the seq of the entry found there)
_Problem = tuple[str, int, object]


def _hash_holds(conn: sqlite3.Connection, seq: object) -> bool:
    """Whether the entry at ``seq`` hashes, the reference way, to the hash it stores."""
    try:
        cur = conn.execute(_ENTRY_BY_SEQ, (seq,))
        entry = dict(zip([d[0] for d in cur.description], cur.fetchone()))
        content = _content(entry, entry["household_uid"], entry["rule_uid"], entry["reverses_uid"])
        return entry_hash(content) == entry["hash"]
    except (sqlite3.OperationalError, TypeError, ValueError):  # not text, not even UTF-8: not as approved
        return False


def _bounded(sql: str, column: str, lo: object, hi: object) -> tuple[str, list]:
    params = []
    if lo is not None:
        sql, params = f"{sql} AND {column} >= ?", [lo]
    if hi is not None:
        sql, params = f"{sql} AND {column} < ?", [*params, hi]
    return sql, params


def _walk(conn: sqlite3.Connection, lo: int | None, hi: int | None, last: int, chunk: int
          ) -> tuple[_Problem | None, int]:
    """One reader's share: the entries from seq ``lo`` (the start when None) to before ``hi`` (the
    end when None; ``last`` is then one past the chain's count), in order. The first problem, and
    the seq expected next.

    ``chunk`` entries at a time are taken whole or looked at entry by entry (:func:`_walk_rows`):
    anything out of place in them (a gap, a link, a status, a hash) sends them there.
    """
    expected = 1
    prev: str | None = GENESIS
    if lo is not None:
        # Whether the entry before is there and sound is the previous reader's to tell.
        expected = lo
        before = conn.execute("SELECT hash FROM point_entries WHERE seq = ?", (lo - 1,)).fetchone()
        prev = before[0] if before else None
    elif conn.execute("SELECT 1 FROM point_entries WHERE seq < 1 LIMIT 1").fetchone():
        return _walk_rows(conn, lo, hi, expected, prev)[:2]  # an entry before the first: entry by entry
    first, start, end, walked = (expected, prev), expected, last if hi is None else hi, 0
    while start < end:
        stop = min(start + chunk, end)
        head = _chunk_whole(conn, start, stop, prev)
        if head is None:
            problem, reached, head = _walk_rows(conn, start, stop, start, prev)
            if problem is not None:
                return problem, reached
            if reached != stop:  # ended early without a word: the rest of the share entry by entry
                return _walk_rows(conn, stop, hi, reached, head)[:2]
        walked, start, prev = walked + stop - start, stop, head
    sql, params = _bounded("SELECT count(*) FROM point_entries WHERE seq IS NOT NULL", "seq", lo, hi)
    if conn.execute(sql, params).fetchone()[0] != walked:
        # Entries beside the whole numbers walked (a seq below 1, past the count, not a whole number):
        # the share entry by entry.
        return _walk_rows(conn, lo, hi, *first)[:2]
    return None, start


@functools.lru_cache(maxsize=16)
def _offsets(count: int) -> str:
    """'0,1,…' up to ``count`` - 1, as SQLite joins the seqs of a whole chunk less its first: one
    list for every full chunk, and one for the last of each share."""
    return ",".join(map(str, range(count)))


def _chunk_whole(conn: sqlite3.Connection, start: int, stop: int, prev: str | None) -> str | None:
    """The hash of the last entry when the entries from seq ``start`` to before ``stop`` are all
    there, approved, linked to ``prev`` and to each other, and hash as they say; None otherwise."""
    try:
        seqs, texts, hashes, prevs = conn.execute(_WALK_CHUNK, (start, stop)).fetchone()
    except sqlite3.OperationalError:  # a value json_object will not write
        return None
    # The seqs as SQLite joined the texts: every whole number of the range once, in order, each an
    # approved entry's. Anything else (one missing, unapproved, repeated where the seq is no longer
    # unique, out of order, a real or a text) makes the list another one.
    if seqs != _offsets(stop - start) or hashes is None or prevs is None:
        return None
    # The hashes one after the other, each entry's link the one before: compared whole, in C.
    if prev is None or prevs != prev + hashes[:-64] or len(hashes) != 64 * (stop - start):
        return None
    sha = hashlib.sha256
    if b"".join([sha(text).digest() for text in texts.split(b"\n")]).hex() != hashes:
        return None
    return hashes[-64:]


def _walk_rows(conn: sqlite3.Connection, lo: int | None, hi: int | None, expected: int, prev: str | None
               ) -> tuple[_Problem | None, int, str | None]:
    """Entry by entry from seq ``lo`` (the start when None) to before ``hi`` (the end when None),
    ``expected`` and ``prev`` the seq and the hash the first should have: the first problem, the
    seq expected next and the last hash."""
    sql, params = _bounded(_WALK, "e.seq", lo, hi)
    sha, approved = hashlib.sha256, EntryStatus.APPROVED.value
    try:
        for text, stored, prev_hash, seq, status in conn.execute(sql + " ORDER BY e.seq", params):
            if seq != expected:
                return ("gap", expected, seq), expected, prev
            if status != approved or prev_hash != prev:
                return ("link", expected, seq), expected, prev
            if sha(text).hexdigest() != stored and not _hash_holds(conn, seq):
                return ("hash", expected, seq), expected, prev
            expected, prev = expected + 1, stored
    except sqlite3.OperationalError:
        # A value json_object will not write (a blob, put there behind the program's back): the
        # slow way from where this walk stopped.
        return _walk_slowly(conn, expected, hi, prev)
    return None, expected, prev


def _walk_slowly(conn: sqlite3.Connection, expected: int, hi: int | None, prev: str | None
                 ) -> tuple[_Problem | None, int, str | None]:
    sql, params = _bounded("SELECT seq, status, prev_hash, hash FROM point_entries WHERE seq IS NOT NULL", "seq",
                           expected, hi)
    for seq, status, prev_hash, stored in conn.execute(sql + " ORDER BY seq", params).fetchall():
        if seq != expected:
            return ("gap", expected, seq), expected, prev
        if status != EntryStatus.APPROVED or prev_hash != prev:
            return ("link", expected, seq), expected, prev
        if not _hash_holds(conn, seq):
            return ("hash", expected, seq), expected, prev
        expected, prev = expected + 1, stored
    return None, expected, prev


def _walk_problems(store: Store, readers: int | None, beside: int, chunk: int) -> list[str]:
    """The first approved entry that no longer matches, the chain shared among ``readers``."""
    chained = store.scalar("SELECT count(*) FROM point_entries WHERE seq IS NOT NULL")
    if readers is None:
        readers = min((os.cpu_count() or 1) - beside, 4, chained // _READER_SHARE)
    readers = max(1, min(readers, chained))
    bounds: list[int | None] = [None, *(1 + chained * k // readers for k in range(1, readers)), None]
    jobs = [functools.partial(_walk, lo=bounds[k], hi=bounds[k + 1], last=chained + 1, chunk=chunk)
            for k in range(readers)]
    for hi, (problem, expected) in zip(bounds[1:], on_readers(store, jobs)):
        if problem is not None:
            return [_problem_message(store, *problem)]
        if hi is not None and expected != hi:
            # This share ended early: the next entry of the chain, in whichever share, follows a gap.
            after = store.conn.execute("SELECT seq FROM point_entries WHERE seq >= ? ORDER BY seq LIMIT 1",
                                       (hi,)).fetchone()
            if after is not None:
                return [_problem_message(store, "gap", expected, after[0])]
    # Every chained entry was walked and is approved: any other approved entry is outside the chain.
    unchained = store.scalar(_UNCHAINED, (EntryStatus.APPROVED,))
    if unchained:
        return [messages.CHAIN_UNCHAINED.format(unchained=unchained)]
    return []


def _problem_message(store: Store, kind: str, expected: int, seq: object) -> str:
    entry = store.row("SELECT e.id, e.entry_date, h.code AS household_code FROM point_entries e "
                      "LEFT JOIN households h ON h.id = e.household_id WHERE e.seq = ?", (seq,)) or {}
    where = messages.CHAIN_ENTRY.format(seq=seq, household_code=entry.get("household_code"),
                                        entry_date=entry.get("entry_date"), entry_id=entry.get("id"))
    if kind == "gap":
        return messages.CHAIN_GAP.format(expected_seq=expected, where=where)
    if kind == "link":
        return messages.CHAIN_LINK_BROKEN.format(where=where)
    return messages.CHAIN_HASH_MISMATCH.format(where=where)


def position_problems(store: Store) -> list[str]:
    """Every package sent and every board posted against the ledger, one line for each that no
    longer matches: the approved entry at the count it carried must be there with the hash it carried.

    A ledger whose tail was cut behind the program's back is whole in itself; what was sent and
    posted before tells (docs/PACKAGES.md "The village checks itself").
    """
    now = chain_head(store)[0]
    problems = []
    for sent in store.rows("SELECT sequence, file_name, chain_count, chain_head FROM packages "
                           "WHERE chain_count IS NOT NULL ORDER BY sequence"):
        when = messages.CHAIN_WHEN_PACKAGE.format(sequence=sent["sequence"], file_name=sent["file_name"])
        problems += _position(store, when, sent["chain_count"], sent["chain_head"], now)
    for board in store.rows("SELECT period, chain_count, chain_head FROM point_periods "
                            "WHERE chain_count IS NOT NULL ORDER BY period"):
        try:
            label = periods.parse(board["period"]).label
        except UserError:
            label = str(board["period"])
        problems += _position(store, messages.CHAIN_WHEN_BOARD.format(label=label), board["chain_count"],
                              board["chain_head"], now)
    return problems


def _position(store: Store, when: str, count: object, head: object, now: int) -> list[str]:
    if not isinstance(count, int) or count < 0 or (count == 0 and head != GENESIS):
        return [messages.CHAIN_POSITION_INVALID.format(when=when, count=count, head=head)]
    if count == 0:
        return []
    found = store.scalar("SELECT hash FROM point_entries WHERE seq = ? AND status = ?",
                         (count, EntryStatus.APPROVED))
    if found is None and isinstance(now, int) and now < count:
        return [messages.CHAIN_POSITION_CUT.format(when=when, count=count, now=now, lost=count - now)]
    if found is None:
        return [messages.CHAIN_POSITION_MISSING.format(when=when, count=count)]
    if found != head:
        return [messages.CHAIN_POSITION_CHANGED.format(when=when, count=count, head=str(head)[:16],
                                                       actual=str(found)[:16])]
    return []


def chain_problems(store: Store, *, readers: int | None = None, beside: int = 0, chunk: int = 500) -> list[str]:
    """Recompute the chain and name the first approved entry that no longer matches; then each
    package sent and board posted the ledger no longer matches (:func:`position_problems`).

    ``readers``: how many connections share the walk (by default one per core not taken by the
    ``beside`` cores other work takes meanwhile, at most four, each with at least 50,000 entries);
    ``chunk``: how many entries a reader takes at once. Five hundred keep a chunk's texts near
    250 KB: at a thousand (near 500 KB) the C allocator handed each reader thread fresh pages for
    every chunk, twice the time in the kernel (benchmarks/bench_check.py), and fewer only add
    statements.
    """
    return _walk_problems(store, readers, beside, chunk) + position_problems(store)


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
