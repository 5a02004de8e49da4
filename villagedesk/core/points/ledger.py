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

from villagedesk import clock
from villagedesk.core.common import periods, records
from villagedesk.core.points.rules import get_scheme
from villagedesk.core.register.people import parse_date
from villagedesk.errors import UserError
from villagedesk.store import Store

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
STATUS_LABEL = {PENDING: "待审核", APPROVED: "已审核", REJECTED: "已驳回"}
GENESIS = "0" * 64


# --- periods and their lock --------------------------------------------------------

def period_state(store: Store, code: str) -> dict:
    row = store.row("SELECT * FROM point_periods WHERE period = ?", (code,))
    return row or {"period": code, "status": "open", "posted_on": None, "objection_until": None}


def _refuse_if_locked(store: Store, code: str) -> None:
    if period_state(store, code)["status"] == "locked":
        raise UserError(f"{periods.parse(code).label}的积分已讲评锁定，不能再登记或审核。"
                        "如确需更改，请先写明原因解除锁定。")


def _set_period(store: Store, code: str, values: dict, action: str) -> dict:
    row = store.row("SELECT id FROM point_periods WHERE period = ?", (code,))
    if row is None:
        return records.insert(store, "point_periods", {"period": code, "status": "open", "posted_on": None,
                                                       "objection_until": None, "locked_on": None,
                                                       "note": "", **values})
    return records.update(store, "point_periods", row["id"], values, action=action)


def _scheme_period(store: Store, code: str) -> periods.Period:
    period = periods.parse(code)
    kind = get_scheme(store).period_kind
    if period.kind != kind:
        raise UserError(f"本村按{periods.KIND_LABEL[kind]}考评，"
                        f"请写成 {periods.of(period.start, kind).code} 这样的期间。")
    return period


def post_period(store: Store, code: str, day: date | None = None) -> dict:
    """公示: the period's approved points go on the board; objections may come in."""
    period = _scheme_period(store, code)
    state = period_state(store, period.code)
    if state["status"] != "open":
        raise UserError(f"{period.label}已经公示过了。")
    if store.scalar("SELECT count(*) FROM point_entries WHERE period = ? AND status = ?",
                    (period.code, PENDING)):
        raise UserError(f"{period.label}还有待审核的积分，请审核完再公示。")
    day = day or clock.today()
    until = day + timedelta(days=get_scheme(store).objection_days)
    return _set_period(store, period.code, {"status": "posted", "posted_on": day.isoformat(),
                                            "objection_until": until.isoformat()}, "post")


def lock_period(store: Store, code: str, day: date | None = None) -> dict:
    """After the meeting review (讲评): nothing more goes into the period."""
    period = _scheme_period(store, code)
    state = period_state(store, period.code)
    if state["status"] != "posted":
        raise UserError(f"{period.label}还没有公示，公示并讲评后才能锁定。")
    # An upheld objection's correction (or an entry added after posting) would be stuck unreviewed.
    if store.scalar("SELECT count(*) FROM point_entries WHERE period = ? AND status = ?", (period.code, PENDING)):
        raise UserError(f"{period.label}还有待审核的积分（如异议成立后的冲正），请审核完再锁定。")
    open_objections = store.scalar(
        "SELECT count(*) FROM point_objections o JOIN point_entries e ON e.id = o.entry_id "
        "WHERE e.period = ? AND o.status = 'open'", (period.code,))
    if open_objections:
        raise UserError(f"{period.label}还有 {open_objections} 条异议没有处理，处理完才能锁定。")
    return _set_period(store, period.code, {"status": "locked",
                                            "locked_on": (day or clock.today()).isoformat()}, "lock")


def unlock_period(store: Store, code: str, reason: str) -> dict:
    period = _scheme_period(store, code)
    if period_state(store, period.code)["status"] != "locked":
        raise UserError(f"{period.label}没有锁定。")
    reason = (reason or "").strip()
    if not reason:
        raise UserError("解除锁定必须写明原因。", field="reason")
    return _set_period(store, period.code, {"status": "posted", "locked_on": None, "note": reason}, "unlock")


# --- recording -------------------------------------------------------------------

def _rule_on(store: Store, rule_id: int, day: date) -> dict:
    """The version of the chosen rule that is in force on ``day``."""
    chosen = records.get(store, "point_rules", rule_id)
    if chosen is None:
        raise UserError("请选择积分细则。", field="rule")
    version = store.row(
        "SELECT * FROM point_rules WHERE rule_key = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)",
        (chosen["rule_key"], day.isoformat(), day.isoformat()))
    if version is None:
        raise UserError(f"细则“{chosen['item']}”在 {day} 不生效，不能按它计分。", field="rule")
    return version


def _household(store: Store, household_id: int) -> dict:
    household = records.get(store, "households", household_id) if household_id else None
    if household is None:
        raise UserError("请选择一户（可按户主姓名或拼音首字母查找）。", field="household")
    if household["archived"]:
        raise UserError(f"户 {household['code']} 已归档，不能再记积分。", field="household")
    return household


def _check_cap(store: Store, rule: dict, household_id: int, code: str, adding: int) -> None:
    cap = rule["cap_per_period"]
    if cap is None:
        return
    so_far = store.scalar(
        "SELECT coalesce(sum(e.points), 0) FROM point_entries e JOIN point_rules r ON r.id = e.rule_id "
        "WHERE r.rule_key = ? AND e.household_id = ? AND e.period = ? AND e.status != ?",
        (rule["rule_key"], household_id, code, REJECTED))
    if abs(so_far + adding) > cap:
        left = max(0, cap - abs(so_far))
        raise UserError(f"“{rule['item']}”每期最多 {cap} 分，这一户本期已记 {abs(so_far)} 分，"
                        f"最多还能记 {left} 分。", field="quantity")


def _entry_values(store: Store, household_id: int, rule_id: int, day, quantity, note: str, evidence: str,
                  recorded_by: str | None) -> dict:
    when = parse_date(day)
    if when is None:
        raise UserError("请填写正确的日期（如 2026-07-15）。", field="date")
    if when > clock.today():
        raise UserError("不能为将来的日期记积分。", field="date")
    try:
        quantity = int(str(quantity).strip())
    except ValueError:
        raise UserError("数量应为正整数。", field="quantity") from None
    if quantity <= 0 or quantity > 1000:
        raise UserError("数量应为 1 到 1000 之间的整数。", field="quantity")
    household = _household(store, household_id)
    rule = _rule_on(store, rule_id, when)
    code = periods.of(when, get_scheme(store).period_kind).code
    _refuse_if_locked(store, code)
    points = rule["points"] * quantity
    _check_cap(store, rule, household["id"], code, points)
    return {"household_id": household["id"], "rule_id": rule["id"], "entry_date": when.isoformat(),
            "period": code, "quantity": quantity, "points": points, "note": (note or "").strip(),
            "evidence": (evidence or "").strip(), "recorded_by": recorded_by or store.actor,
            "status": PENDING, "reviewer": None, "reviewed_at": None, "reject_reason": "",
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
        raise UserError("请至少选择一户。", field="household")
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
        raise UserError("请填写审核人。", field="reviewer")
    ids = list(dict.fromkeys(entry_ids))
    if not ids:
        raise UserError("请先选择要审核的积分。")
    reviewed_at = (day or clock.today()).isoformat()
    with store.atomic():
        seq, prev = chain_head(store)
        placeholders = ",".join("?" * len(ids))
        found = {e["id"]: e for e in store.rows(f"{_CHAIN_ROWS} WHERE e.id IN ({placeholders})", ids)}
        changes, audits, open_periods = [], [], set()
        for entry_id in ids:
            entry = found.get(entry_id)
            if entry is None:
                raise UserError(f"找不到编号为 {entry_id} 的积分记录。")
            if entry["status"] != PENDING:
                raise UserError(f"户 {entry['household_code']} {entry['entry_date']} 的这条积分状态为"
                                f"“{STATUS_LABEL[entry['status']]}”，只有待审核的积分才能审核。")
            if entry["period"] not in open_periods:  # once per period, not once per entry
                _refuse_if_locked(store, entry["period"])
                open_periods.add(entry["period"])
            seq += 1
            entry.update(status=APPROVED, reviewer=reviewer, reviewed_at=reviewed_at, seq=seq, prev_hash=prev)
            prev = entry_hash(_content(entry, entry["household_uid"], entry["rule_uid"], entry["reverses_uid"]))
            changes.append((APPROVED, reviewer, reviewed_at, seq, entry["prev_hash"], prev, clock.timestamp(), entry_id))
            audits.append(records.audit_row(store, "approve", "point_entries", entry["uid"],
                                            {"status": PENDING}, {"status": APPROVED, "reviewer": reviewer,
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
        raise UserError("驳回必须写明理由。", field="reason")
    reviewer = (reviewer or "").strip()
    if not reviewer:
        raise UserError("请填写审核人。", field="reviewer")
    ids = list(dict.fromkeys(entry_ids))
    with store.atomic():
        for entry_id in ids:
            entry = records.get(store, "point_entries", entry_id)
            if entry is None or entry["status"] != PENDING:
                raise UserError("只能驳回待审核的积分。")
            records.update(store, "point_entries", entry_id,
                           {"status": REJECTED, "reviewer": reviewer,
                            "reviewed_at": (day or clock.today()).isoformat(), "reject_reason": reason},
                           action="reject")
    return len(ids)


def reverse(store: Store, entry_id: int, reason: str, recorded_by: str | None = None) -> dict:
    """A correction: a new pending entry with the opposite points, naming the one it corrects."""
    reason = (reason or "").strip()
    if not reason:
        raise UserError("冲正必须写明原因。", field="reason")
    original = records.get(store, "point_entries", entry_id)
    if original is None:
        raise UserError("找不到要冲正的积分记录。")
    if original["status"] != APPROVED:
        raise UserError("只有已审核的积分需要冲正；待审核的可直接驳回。")
    if original["reverses_id"] is not None:
        raise UserError("这是一条冲正记录，不能再冲正它；如有错误，请重新登记正确的积分。")
    already = store.scalar("SELECT count(*) FROM point_entries WHERE reverses_id = ? AND status != ?",
                           (entry_id, REJECTED))
    if already:
        raise UserError("这条积分已经冲正过了。")
    _refuse_if_locked(store, original["period"])
    return records.insert(store, "point_entries", {
        "household_id": original["household_id"], "rule_id": original["rule_id"],
        "entry_date": original["entry_date"], "period": original["period"], "quantity": -original["quantity"],
        "points": -original["points"], "note": "", "evidence": "", "recorded_by": recorded_by or store.actor,
        "status": PENDING, "reviewer": None, "reviewed_at": None, "reject_reason": "",
        "reverses_id": entry_id, "reverse_reason": reason, "seq": None, "prev_hash": None, "hash": None})


def chain_problems(store: Store) -> list[str]:
    """Recompute the chain; name the first approved entry that no longer matches."""
    expected_seq, prev = 1, GENESIS
    cur = store.conn.execute(f"{_CHAIN_ROWS} WHERE e.seq IS NOT NULL ORDER BY e.seq")
    names = [d[0] for d in cur.description]
    for values in cur:
        entry = dict(zip(names, values))
        where = f"第 {entry['seq']} 条已审核积分（户 {entry['household_code']}，{entry['entry_date']}，编号 {entry['id']}）"
        if entry["seq"] != expected_seq:
            return [f"积分链缺少第 {expected_seq} 条：已审核的积分被删除了（在{where}之前）。"]
        if entry["status"] != APPROVED or entry["prev_hash"] != prev:
            return [f"{where}在程序之外被改动过（与前一条的链接不符）。"]
        actual = entry_hash(_content(entry, entry["household_uid"], entry["rule_uid"], entry["reverses_uid"]))
        if actual != entry["hash"]:
            return [f"{where}在程序之外被改动过（内容与校验值不符）。"]
        expected_seq, prev = expected_seq + 1, entry["hash"]
    unchained = store.scalar("SELECT count(*) FROM point_entries WHERE status = ? AND seq IS NULL", (APPROVED,))
    if unchained:
        return [f"有 {unchained} 条积分标为已审核却不在积分链中：它们是在程序之外改动的。"]
    return []


# --- objections (异议) ---------------------------------------------------------------

def raise_objection(store: Store, *, entry_id: int, raised_by: str, content: str, day=None) -> dict:
    entry = records.get(store, "point_entries", entry_id)
    if entry is None or entry["status"] != APPROVED:
        raise UserError("只能对已审核、已公示的积分提出异议。")
    state = period_state(store, entry["period"])
    if state["status"] != "posted":
        raise UserError(f"{periods.parse(entry['period']).label}的积分不在公示期内。")
    if not (raised_by or "").strip() or not (content or "").strip():
        raise UserError("请填写异议人和异议内容。", field="content")
    received = parse_date(day) if day else clock.today()
    if received is None:
        raise UserError("请填写收到异议的日期。", field="date")
    if received > clock.today():
        raise UserError("不能登记将来日期收到的异议。", field="date")
    if received.isoformat() < state["posted_on"]:
        raise UserError(f"收到日期早于公示开始日期 {state['posted_on']}。", field="date")
    if received.isoformat() > state["objection_until"]:
        raise UserError(f"公示期已于 {state['objection_until']} 结束，之后收到的异议不再作为公示异议登记；"
                        "如确有错误，可由审核人直接冲正。", field="date")
    return records.insert(store, "point_objections", {
        "entry_id": entry_id, "raised_by": raised_by.strip(), "received_on": received.isoformat(),
        "content": content.strip(), "status": "open", "resolution": "", "resolved_on": None})


def resolve_objection(store: Store, objection_id: int, *, upheld: bool, resolution: str,
                      day: date | None = None) -> dict:
    """Upheld: the entry is reversed (the reversal then goes through review); dismissed: reason kept."""
    objection = records.get(store, "point_objections", objection_id)
    if objection is None or objection["status"] != "open":
        raise UserError("这条异议已经处理过了。")
    resolution = (resolution or "").strip()
    if not resolution:
        raise UserError("请写明处理意见。", field="resolution")
    resolved = day or clock.today()
    if resolved.isoformat() < objection["received_on"]:
        raise UserError(f"处理日期不能早于收到异议的日期 {objection['received_on']}。")
    with store.atomic():
        if upheld:
            reverse(store, objection["entry_id"], f"异议成立：{resolution}")
        return records.update(store, "point_objections", objection_id, {
            "status": "upheld" if upheld else "dismissed", "resolution": resolution,
            "resolved_on": resolved.isoformat()}, action="resolve")
