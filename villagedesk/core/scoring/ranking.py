"""Rankings, group comparison and a household's statement — all summed in SQL."""

from __future__ import annotations

from dataclasses import dataclass

from villagedesk.core.scoring import periods
from villagedesk.core.scoring.ledger import APPROVED, STATUS_LABEL
from villagedesk.core.scoring.rules import Scheme, get_scheme
from villagedesk.errors import UserError
from villagedesk.store import Store


@dataclass(frozen=True)
class Standing:
    rank: int
    household_id: int
    code: str
    head: str
    group_name: str
    points: int  # earned in the period (approved entries)
    score: int  # with the base points
    stars: int
    passed: bool
    entries: int


def base_for(scheme: Scheme, period: periods.Period) -> int:
    """Base points a household starts the period with (once per scheme period when they reset)."""
    if not scheme.reset_each_period:
        return scheme.base_points
    return scheme.base_points * len(periods.split(period, scheme.period_kind))


def _window(scheme: Scheme, period: periods.Period) -> tuple[str, str]:
    """Which entries count: the period's, or everything up to its end when points carry over."""
    first = period.start.isoformat() if scheme.reset_each_period else "0000-01-01"
    return first, period.end.isoformat()


def ranking(store: Store, code: str, group: str | None = None) -> list[Standing]:
    """Every household in the register by score; ties share a rank (1, 2, 2, 4)."""
    period = periods.parse(code)
    scheme = get_scheme(store)
    base = base_for(scheme, period)
    first, last = _window(scheme, period)
    where, args = "h.archived = 0", [APPROVED, first, last]
    if group:
        where += " AND h.group_name = ?"
        args.append(group)
    rows = store.rows(f"""
        WITH earned AS (
            SELECT household_id, sum(points) AS points, count(*) AS entries FROM point_entries
            WHERE status = ? AND entry_date BETWEEN ? AND ? GROUP BY household_id)
        SELECT h.id, h.code, h.group_name,
               coalesce((SELECT name FROM persons p WHERE p.household_id = h.id AND p.relation = '户主'
                         AND p.archived = 0), '') AS head,
               coalesce(e.points, 0) AS points, coalesce(e.entries, 0) AS entries,
               rank() OVER (ORDER BY coalesce(e.points, 0) DESC) AS rank
        FROM households h LEFT JOIN earned e ON e.household_id = h.id
        WHERE {where}
        ORDER BY rank, h.code""", args)
    return [Standing(r["rank"], r["id"], r["code"], r["head"], r["group_name"], r["points"], base + r["points"],
                     scheme.stars(base + r["points"]), scheme.passes(base + r["points"]), r["entries"])
            for r in rows]


def boards(standings: list[Standing], size: int) -> tuple[list[Standing], list[Standing]]:
    """红榜 (the top ``size``) and 黑榜 (the bottom ``size`` of those who lost points)."""
    red = [s for s in standings if s.points > 0][:size]
    black = [s for s in reversed(standings) if s.points < 0][:size]
    return red, black


def groups(standings: list[Standing]) -> list[dict]:
    """By 村民小组: households, average score, participation (share with at least one entry)."""
    by_group: dict[str, list[Standing]] = {}
    for standing in standings:
        by_group.setdefault(standing.group_name or "（未分组）", []).append(standing)
    result = []
    for name, members in by_group.items():
        result.append({"group_name": name, "households": len(members),
                       "average": round(sum(m.score for m in members) / len(members), 1),
                       "participation": round(sum(1 for m in members if m.entries) / len(members), 3),
                       "passed": sum(1 for m in members if m.passed)})
    return sorted(result, key=lambda g: -g["average"])


def statement(store: Store, household_id: int, code: str) -> dict:
    """Every entry and redemption of a household in a period, with a running balance."""
    period = periods.parse(code)
    scheme = get_scheme(store)
    household = store.row("SELECT * FROM households WHERE id = ?", (household_id,))
    if household is None:
        raise UserError("找不到这一户。")
    last = period.end.isoformat()
    opening = base_for(scheme, period)
    if not scheme.reset_each_period:
        opening += store.scalar("SELECT coalesce(sum(points), 0) FROM point_entries WHERE household_id = ? "
                                "AND status = ? AND entry_date < ?",
                                (household_id, APPROVED, period.start.isoformat()))
    lines = store.rows("""
        SELECT e.id, e.entry_date AS day, r.category, r.item, e.quantity, e.points, e.status,
               e.reverses_id, e.reverse_reason, e.reject_reason, e.note, 'entry' AS kind
        FROM point_entries e JOIN point_rules r ON r.id = e.rule_id
        WHERE e.household_id = ? AND e.entry_date BETWEEN ? AND ?
        UNION ALL
        SELECT d.id, d.redeemed_on, '积分兑换', g.name, d.quantity, -d.points, 'approved', NULL, '', '', d.note,
               'redemption'
        FROM redemptions d JOIN shop_goods g ON g.id = d.goods_id
        WHERE d.household_id = ? AND d.redeemed_on BETWEEN ? AND ?
        ORDER BY 2, 12, 1""", (household_id, period.start.isoformat(), last,
                               household_id, period.start.isoformat(), last))
    balance, earned = opening, opening
    for line in lines:
        line["status_label"] = STATUS_LABEL[line["status"]]
        if line["status"] == APPROVED:
            balance += line["points"]
            if line["kind"] == "entry":
                earned += line["points"]
        line["balance"] = balance
    return {"household": household, "period": period, "opening": opening, "lines": lines,
            "score": earned, "balance": balance}
