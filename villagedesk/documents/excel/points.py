"""Excel sheets of the points area: 积分细则, 积分明细, 积分排名, 积分兑换.

积分明细 has one row per ledger entry — a million in the large demo — streamed
from one cursor in id order, so memory stays flat however long the ledger is.
Entries are keyed by 积分编号 (JF + the entry's number, seven digits), which the
statement printout uses too; a correction names the 积分编号 it corrects.

积分排名 is computed, not stored: one row per household for each period that
was posted (公示) or locked, and for the current period when it has approved
points — a few periods of a few thousand households each, one at a time.

Headers are a contract (see ``excel``): never renamed or moved, new columns go
at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from villagedesk import clock
from villagedesk.core.common import codes, periods
from villagedesk.core.points import ledger, ranking
from villagedesk.core.points.ledger import STATUS_LABEL, EntryStatus, PeriodStatus
from villagedesk.core.points.rules import get_scheme
from villagedesk.core.register.people import heads_cte
from villagedesk.documents.excel.spec import Col, SheetSpec
from villagedesk.store import Store

# 积分编号 of a ledger entry (JF0000123) and 兑换编号 of a redemption, as sheets and printouts name them.
entry_code = codes.ENTRY
redemption_code = codes.REDEMPTION


def _case(column: str, labels: dict) -> str:
    whens = " ".join(f"WHEN '{key}' THEN '{label}'" for key, label in labels.items())
    return f"CASE {column} {whens} END"


# The head of each household, as the 户 sheet names it: the current head, else the last one.
_HEADS = heads_cte("heads")
_HOUSEHOLD_ORDER = "length(h.code), h.code"


# --- 积分细则 ----------------------------------------------------------------------

def _rule_state(today: date | None):
    """The ``derive`` hook of 积分细则: 状态 on the day of the export."""

    def derive(row: dict) -> dict:
        day = (today or clock.today()).isoformat()
        if row["valid_from"] > day:
            return {"state": "未生效"}
        if row["valid_to"] is not None and row["valid_to"] < day:
            return {"state": "已停用"}
        return {"state": "在用"}

    return derive


RULE_COLUMNS = (
    Col("细则编号", "rule_key", width=9),
    Col("版本", "version", "int", width=6),
    Col("类别", "category", width=10),
    Col("事项", "item", width=34),
    Col("分值", "points", "int", width=6),
    Col("计分单位", "unit", width=9),
    Col("每期上限", "cap_per_period", "int"),
    Col("生效日期", "valid_from", "date"),
    Col("停用日期", "valid_to", "date"),
    Col("状态", "state", width=8),
    Col("备注", "note", width=20),
    Col("唯一标识", "uid", width=38),
    Col("更新时间", "updated_at", "datetime"),
)


def rules_sheet(today: date | None = None) -> SheetSpec:
    """积分细则: every version of every rule, 状态 as on ``today`` (default: the day it is written)."""
    return SheetSpec(
        title="积分细则",
        columns=RULE_COLUMNS,
        sql="""
            SELECT rule_key, version, category, item, points, unit, cap_per_period, valid_from, valid_to,
                   note, uid, updated_at
            FROM point_rules ORDER BY CAST(substr(rule_key, 2) AS INTEGER), rule_key, version""",
        count_sql="SELECT count(*) FROM point_rules",
        derive=_rule_state(today),
    )


# --- 积分明细 ----------------------------------------------------------------------

ENTRY_COLUMNS = (
    Col("积分编号", "entry_code", width=11),
    Col("户编号", "household_code", width=10),
    Col("户主", "head_name", width=10),
    Col("日期", "entry_date", "date"),
    Col("期间", "period", width=9),
    Col("细则编号", "rule_key", width=9),
    Col("版本", "version", "int", width=6),
    Col("事项", "item", width=30),
    Col("数量", "quantity", "int", width=6),
    Col("分值", "points", "int", width=6),
    Col("状态", "status", width=8),
    Col("审核人", "reviewer", width=10),
    Col("审核日期", "reviewed_at", "date"),
    Col("驳回理由", "reject_reason", width=20),
    Col("冲正的积分编号", "reverses_code", width=15),
    Col("冲正原因", "reverse_reason", width=20),
    Col("链序号", "seq", "int", width=9),
    Col("校验值", "hash", width=66),
    Col("唯一标识", "uid", width=38),
    Col("更新时间", "updated_at", "datetime"),
)

ENTRIES = SheetSpec(
    title="积分明细",
    columns=ENTRY_COLUMNS,
    # In id order: the table's own order, streamed without sorting a million rows.
    sql=f"""
        WITH {_HEADS}
        SELECT {codes.ENTRY.sql("e.id")} AS entry_code, h.code AS household_code, hd.name AS head_name,
               e.entry_date, e.period, r.rule_key, r.version, r.item, e.quantity, e.points,
               {_case("e.status", STATUS_LABEL)} AS status, e.reviewer, e.reviewed_at, e.reject_reason,
               CASE WHEN e.reverses_id IS NOT NULL THEN {codes.ENTRY.sql("e.reverses_id")} END
                   AS reverses_code,
               e.reverse_reason, e.seq, e.hash, e.uid, e.updated_at
        FROM point_entries e JOIN households h ON h.id = e.household_id
        JOIN point_rules r ON r.id = e.rule_id LEFT JOIN heads hd ON hd.household_id = e.household_id
        ORDER BY e.id""",
    count_sql="SELECT count(*) FROM point_entries",
)


# --- 积分排名 ----------------------------------------------------------------------

@dataclass(frozen=True)
class ComputedSheet(SheetSpec):
    """A sheet whose rows are computed in Python: ``produce(store)`` yields them, ``counter(store)`` counts them."""

    # Keyword-only: SheetSpec's fields with defaults come first, and these two are required.
    produce: Callable[[Store], Iterator[dict]] = field(kw_only=True)
    counter: Callable[[Store], int] = field(kw_only=True)

    def count(self, store: Store) -> int:
        return self.counter(store)

    def rows(self, store: Store) -> Iterator[dict]:
        for n, row in enumerate(self.produce(store)):
            if n == 0:
                self._check_keys(row)
            yield row


RANKING_COLUMNS = (
    Col("期间", "period", width=9),
    Col("期间名称", "period_label", width=18),
    Col("公示状态", "period_status", width=9),
    Col("名次", "rank", "int", width=6),
    Col("户编号", "household_code", width=10),
    Col("户主", "head", width=10),
    Col("村民小组", "group_name"),
    Col("本期得分", "points", "int"),
    Col("总分", "score", "int", width=8),
    Col("星级", "stars", "int", width=6),
    Col("是否合格", "passed", width=9),
    Col("积分条数", "entries", "int"),
)


def ranked_periods(store: Store, today: date | None = None) -> list[tuple[periods.Period, PeriodStatus]]:
    """(period, status) ranked in the sheet: posted and locked ones, and the current one if it has points."""
    chosen: dict[str, PeriodStatus] = {code: status for code, status in ledger.period_states(store).items()
                                       if status != PeriodStatus.OPEN}
    current = periods.of(today or clock.today(), get_scheme(store).period_kind)
    if current.code not in chosen and store.scalar(
            "SELECT count(*) FROM point_entries WHERE status = ? AND entry_date BETWEEN ? AND ?",
            (EntryStatus.APPROVED, current.start.isoformat(), current.end.isoformat())):
        chosen[current.code] = PeriodStatus.OPEN
    found = [(periods.parse(code), status) for code, status in chosen.items()]
    return sorted(found, key=lambda p: (p[0].start, p[0].end))


def ranking_sheet(today: date | None = None) -> SheetSpec:
    """积分排名 with the current period as of ``today`` (default: the day it is written)."""

    def produce(store: Store) -> Iterator[dict]:
        for period, status in ranked_periods(store, today):
            for s in ranking.ranking(store, period.code):
                yield {"period": period.code, "period_label": period.label,
                       "period_status": PeriodStatus(status).label, "rank": s.rank, "household_code": s.code,
                       "head": s.head, "group_name": s.group_name, "points": s.points, "score": s.score,
                       "stars": s.stars, "passed": "合格" if s.passed else "不合格", "entries": s.entries}

    def counter(store: Store) -> int:
        households = store.scalar("SELECT count(*) FROM households WHERE archived = 0")
        return households * len(ranked_periods(store, today))

    return ComputedSheet(title="积分排名", columns=RANKING_COLUMNS, sql="", count_sql="", produce=produce,
                         counter=counter)


# --- 积分兑换 ----------------------------------------------------------------------

REDEMPTION_COLUMNS = (
    Col("兑换编号", "redemption_code", width=10),
    Col("户编号", "household_code", width=10),
    Col("户主", "head_name", width=10),
    Col("兑换日期", "redeemed_on", "date"),
    Col("商品编号", "goods_code", width=9),
    Col("商品", "goods_name", width=20),
    Col("数量", "quantity", "int", width=6),
    Col("用去积分", "points", "int"),
    Col("备注", "note", width=20),
    Col("商品唯一标识", "goods_uid", width=38),
    Col("唯一标识", "uid", width=38),
    Col("更新时间", "updated_at", "datetime"),
)

REDEMPTIONS = SheetSpec(
    title="积分兑换",
    columns=REDEMPTION_COLUMNS,
    sql=f"""
        WITH {_HEADS}
        SELECT {codes.REDEMPTION.sql("d.id")} AS redemption_code, h.code AS household_code,
               hd.name AS head_name, d.redeemed_on, {codes.GOODS.sql("g.id")} AS goods_code,
               g.name AS goods_name, d.quantity, d.points, d.note, g.uid AS goods_uid, d.uid, d.updated_at
        FROM redemptions d JOIN households h ON h.id = d.household_id JOIN shop_goods g ON g.id = d.goods_id
        LEFT JOIN heads hd ON hd.household_id = d.household_id
        ORDER BY d.redeemed_on, d.id""",
    count_sql="SELECT count(*) FROM redemptions",
)

RULES = rules_sheet()
RANKINGS = ranking_sheet()

# In workbook order, after the committee's sheets.
POINTS_SHEETS: tuple[SheetSpec, ...] = (RULES, ENTRIES, RANKINGS, REDEMPTIONS)


def points_sheets(today: date | None = None) -> tuple[SheetSpec, ...]:
    """The points sheets with 状态 and the current period as on ``today``."""
    return (rules_sheet(today), ENTRIES, ranking_sheet(today), REDEMPTIONS)


__all__ = ["ENTRIES", "ENTRY_COLUMNS", "POINTS_SHEETS", "RANKINGS", "RANKING_COLUMNS", "REDEMPTIONS",
           "REDEMPTION_COLUMNS", "RULES", "RULE_COLUMNS", "ComputedSheet", "entry_code", "points_sheets",
           "ranked_periods", "ranking_sheet", "redemption_code", "rules_sheet"]
