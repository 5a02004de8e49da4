"""积分明细: one household's points statement, for the household itself.

Every entry of the period in date order — approved, pending and rejected (with
the reason), corrections naming the entry they correct — and every redemption,
with the running balance from the opening (基础分) to the closing.  When points
reset each scheme period and the statement covers several (a year of quarters),
each scheme period is its own section with its own opening and closing, as the
household's score really runs.

Entries are named by their 积分编号 (JF0000123), the same key as the Excel
sheet 积分明细, so an objection can name the line it is about.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, Spacer

from villagedesk import clock
from villagedesk.core.common import messages as common_messages
from villagedesk.core.common import periods, village
from villagedesk.core.common.dates import chinese_date, chinese_span
from villagedesk.core.common.ids import mask_text
from villagedesk.core.points import ranking, shop
from villagedesk.core.points.ledger import EntryStatus
from villagedesk.core.points.rules import get_scheme
from villagedesk.core.register import people
from villagedesk.documents.excel.points import entry_code, redemption_code
from villagedesk.documents.pdf import messages
from villagedesk.documents.pdf.base import BODY, Progress, Section, build_pdf, data_table, para
from villagedesk.documents.pdf.ranking import signed, star_label
from villagedesk.errors import UserError
from villagedesk.store import Store

TITLE = "积分明细"

# (header, width weight, alignment)
# (header, width in points of the 510-point A4 frame, alignment): a date, a 积分编号 and
# +1000 fit on one line at 8.5 pt; 事项 and 说明 wrap.
COLUMNS = (
    ("日期", 76, "CENTER"),
    ("编号", 54, "CENTER"),
    ("类别", 46, "LEFT"),
    ("事项", 100, "LEFT"),
    ("数量", 30, "RIGHT"),
    ("分值", 36, "RIGHT"),
    ("状态", 40, "CENTER"),
    ("余额", 36, "RIGHT"),
    ("说明", 92, "LEFT"),
)


def find_household(store: Store, code: str) -> dict:
    """The household with ``code`` (any case); UserError naming the code when there is none."""
    text = (code or "").strip()
    household = people.household_by_code(store, text) if text else None
    if household is None:
        raise UserError(messages.NO_SUCH_HOUSEHOLD.format(shown=text or common_messages.EMPTY_VALUE))
    # The current head, else (an archived household) the last one, as the Excel 户 sheet names it.
    head = people.head_name(store, household["id"], former="last")
    return {**household, "head_name": head}


def _corrected(store: Store, ids: set[int]) -> dict[int, dict]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {r["id"]: r for r in store.rows(
        f"SELECT id, entry_date, points FROM point_entries WHERE id IN ({marks})", sorted(ids))}


def _explain(line: dict, corrected: dict[int, dict], corrections: dict[int, dict]) -> str:
    parts = []
    if line["kind"] == "entry" and line["reverses_id"] is not None:
        old = corrected.get(line["reverses_id"])
        what = entry_code(line["reverses_id"])
        if old:
            what += f"（{chinese_date(old['entry_date'])}，{signed(old['points'])} 分）"
        parts.append(f"冲正 {what}：{line['reverse_reason']}")
    later = corrections.get(line["id"]) if line["kind"] == "entry" else None
    if later is not None:
        parts.append(f"已由 {entry_code(later['id'])} 冲正" + ("（待审核）" if later["status"] == EntryStatus.PENDING else ""))
    if line["status"] == EntryStatus.REJECTED:
        parts.append(f"驳回理由：{line['reject_reason'] or '未写明'}，不计入")
    elif line["status"] == EntryStatus.PENDING:
        parts.append("待审核，审核通过后计入")
    if line["note"]:
        parts.append(f"备注：{line['note']}")
    return "；".join(parts)


def _line_row(line: dict, corrected: dict[int, dict], corrections: dict[int, dict]) -> list:
    if line["kind"] == "redemption":
        code, status = redemption_code(line["id"]), "已兑换"
    else:
        code, status = entry_code(line["id"]), line["status_label"]
    counts = line["status"] == EntryStatus.APPROVED
    # The statement goes home with the household: notes and reasons are masked like a notice (docs/DOMAIN.md §4.5).
    return [chinese_date(line["day"]), code, line["category"], line["item"], line["quantity"], signed(line["points"]), status,
            line["balance"] if counts else "", mask_text(_explain(line, corrected, corrections))]


def _parts(period: periods.Period, scheme, today: date) -> list[periods.Period]:
    """The sections of the statement: the scheme periods inside ``period`` when points reset."""
    if not scheme.reset_each_period:
        return [period]
    inside = periods.split(period, scheme.period_kind)
    if len(inside) <= 1:
        return [period]
    started = [p for p in inside if p.start <= today]
    return started or inside[:1]


def print_statement(store: Store, path: Path | str, household_code: str, period_code: str | None = None, *,
                    progress: Progress | None = None, today: date | None = None) -> Path:
    """Print household ``household_code``'s 积分明细 for ``period_code`` (default: this year) to ``path``.

    Raises UserError, writing nothing, for a missing village profile, an
    unknown household code, or a period written wrongly or not yet begun.
    """
    profile = village.get_profile(store)
    if profile is None:
        raise UserError(messages.NO_PROFILE)
    today = today or clock.today()
    household = find_household(store, household_code)
    period = periods.parse(period_code if period_code else str(today.year))
    if period.start > today:
        raise UserError(messages.STATEMENT_PERIOD_NOT_STARTED.format(label=period.label))
    scheme = get_scheme(store)
    parts = _parts(period, scheme, today)
    several = len(parts) > 1

    rows: list = []
    summary: list[str] = []
    totals = {"earned": 0, "spent": 0, "pending_entries": 0, "pending_points": 0, "rejected_entries": 0}
    for part in parts:
        sheet = ranking.statement(store, household["id"], part.code)
        lines = sheet["lines"]
        corrected = _corrected(store, {ln["reverses_id"] for ln in lines if ln["reverses_id"] is not None})
        # A correction has its original's date, so both are in this part.
        corrections = {ln["reverses_id"]: ln for ln in lines
                       if ln["kind"] == "entry" and ln["reverses_id"] is not None and ln["status"] != EntryStatus.REJECTED}
        if several:
            rows.append(Section(f"{part.label}（{chinese_span(part.start, part.end)}）"))
        if scheme.reset_each_period:
            opening_note = "基础分"
        else:
            redeemed_before = sheet["redeemed_before"]
            opening_note = f"基础分加以前累计 {sheet['opening'] + redeemed_before} 分" + (
                f"，减以前兑换 {redeemed_before} 分" if redeemed_before else "")
        rows.append(["", "", "", "期初", "", "", "", sheet["opening"], opening_note])
        for line in lines:
            rows.append(_line_row(line, corrected, corrections))
            if line["kind"] == "redemption":
                totals["spent"] += -line["points"]
            elif line["status"] == EntryStatus.APPROVED:
                totals["earned"] += line["points"]
            elif line["status"] == EntryStatus.PENDING:
                totals["pending_entries"] += 1
                totals["pending_points"] += line["points"]
            else:
                totals["rejected_entries"] += 1
        if not lines:
            rows.append(["", "", "", "（本期没有积分记录）", "", "", "", "", ""])
        score = sheet["score"]
        rows.append(["", "", "", "期末", "", "", "", sheet["balance"], f"总分 {score} 分"])
        standings = ranking.ranking(store, part.code)
        standing = next((s for s in standings if s.household_id == household["id"]), None)
        scored = any(s.entries for s in standings)
        place = f"，全村第 {standing.rank} 名（共 {len(standings)} 户）" if standing and scored else ""
        if part.kind == scheme.period_kind:  # stars and the pass line are set per scheme period
            verdict = "合格" if scheme.passes(score) else f"不合格（低于合格线 {scheme.pass_line} 分）"
            stars = star_label(scheme.stars(score)) or "未达一星"
            summary.append(f"{part.label}：总分 {score} 分，{stars}，{verdict}{place}。")
        else:
            summary.append(f"{part.label}：总分 {score} 分{place}。")

    table = data_table([c[0] for c in COLUMNS], rows, [c[1] for c in COLUMNS], align=[c[2] for c in COLUMNS],
                       zebra=False, font_size=8.5)
    tail: list[Flowable] = [para(line, BODY) for line in summary]
    tail.append(para(f"合计：已审核的加减分 {signed(totals['earned'])} 分，兑换用去 {totals['spent']} 分；"
                     f"待审核 {totals['pending_entries']} 条（{signed(totals['pending_points'])} 分，未计入），"
                     f"已驳回 {totals['rejected_entries']} 条。", BODY))
    if period.contains(today):
        tail.append(para(f"截至{chinese_date(today)}，可兑换积分 {max(shop.balance(store, household['id'], today), 0)} 分。",
                         BODY))
    tail.append(para("余额 = 期初 + 已审核的加减分 − 兑换用去的积分；总分不减去兑换；待审核和已驳回的不计入。"
                     "对某一条有异议，请注明其编号，在公示期内向村委会提出。", BODY))
    tail += [Spacer(1, 12),
             para(f"制表人：{profile.clerk}　　　　户主签字：＿＿＿＿＿＿　　　　制表日期：{chinese_date(today)}", BODY)]
    story = [table, Spacer(1, 8), KeepTogether(tail)]
    group = f"　{household['group_name']}" if household["group_name"] else ""
    gone = "（已归档）" if household["archived"] else ""
    subtitle = f"{household['code']}{gone}　户主：{household['head_name'] or '（未登记）'}{group}　{period.label}"
    return build_pdf(path, title=TITLE, profile=profile, story=story, subtitle=subtitle, progress=progress,
                     printed_on=today)


__all__ = ["TITLE", "find_household", "print_statement"]
