"""民情台账: the villagers' requests raised in a period, with the counts by outcome.

It opens with what townships report — how many requests, how many solved on the
spot, taken on with a deadline, referred, closed (办结率) — and the same counts by
category, then lists every request of the period: who raised it and where (the
meeting's code, or 直接受理), what they asked, how it was handled and by whom,
its deadline and status (逾期 when past its deadline and still open), the result
and the feedback, and the villager's satisfaction.  Statuses are as on the day of
printing.  The ledger names villagers and their troubles: every page is marked 内部资料.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.platypus import KeepTogether, Spacer

from villagedesk import clock
from villagedesk.core.common import periods, village
from villagedesk.core.requests import ledger
from villagedesk.documents.pdf import messages
from villagedesk.documents.pdf.base import BODY, HEADING, SMALL, Progress, build_pdf, data_table, para
from villagedesk.errors import UserError
from villagedesk.store import Store

TITLE = "民情台账"
DIRECT = "直接受理"

# (header, width in points, alignment) in the 757-point landscape A4 frame at 8 pt: a date,
# a code and 基本满意 fit on one line; the two wide columns share what is left and wrap.
COLUMNS = (
    ("编号", 50, "CENTER"),
    ("日期", 56, "CENTER"),
    ("诉求人", 70, "LEFT"),
    ("来源", 42, "CENTER"),
    ("类别", 42, "CENTER"),
    ("诉求内容", 120, "LEFT"),
    ("办理方式", 64, "LEFT"),
    ("责任人", 42, "LEFT"),
    ("期限", 56, "CENTER"),
    ("状态", 50, "CENTER"),
    ("办理结果及反馈", 124, "LEFT"),
    ("满意度", 42, "CENTER"),
)
_CLOSED, _TODO, _IN_HAND = ledger.RequestStatus.CLOSED.value, ledger.RequestStatus.TODO.value, ledger.RequestStatus.IN_HAND.value
OUTCOME_COLUMNS = ("受理", "当场解决", "限期办理", "转交部门", _CLOSED, "办结率", f"{_TODO}、{_IN_HAND}",
                   ledger.RequestStatus.HANDED_OVER.value, "逾期未办结")


def _outcome_row(counts: ledger.Outcomes) -> list:
    return [counts.total, counts.on_the_spot, counts.with_deadline, counts.referred, counts.closed,
            counts.closed_percent, counts.in_hand, counts.handed_over, counts.overdue]


def _by_category(store: Store, period: periods.Period):
    """件数 / 已办结 / 办结率 by category, one column a category (a short, wide table)."""
    found = {r["category"]: r for r in store.rows(
        f"SELECT category, count(*) AS n, sum(status = '{ledger.RequestStatus.CLOSED}') AS closed FROM requests "
        "WHERE raised_on BETWEEN ? AND ? GROUP BY category", (period.start.isoformat(), period.end.isoformat()))}
    if not found:
        return None
    known = [c for c in ledger.CATEGORIES if c in found] + sorted(set(found) - set(ledger.CATEGORIES))
    rows = [["件数", *(found[c]["n"] for c in known)], [_CLOSED, *(found[c]["closed"] for c in known)],
            ["办结率", *(f"{round(found[c]['closed'] * 100 / found[c]['n'])}%" for c in known)]]
    return data_table(["类别", *known], rows, align=["CENTER"] * (len(known) + 1), zebra=False, font_size=9)


def _handling(request: dict) -> str:
    return request["handling"] + (f"：{request['department']}" if request["department"] else "")


def _outcome(request: dict) -> str:
    """办理结果及反馈: what was done, then when and how the villager was told."""
    parts = []
    if request["result"]:
        parts.append(request["result"])
    if request["feedback_on"]:
        parts.append(f"{request['feedback_on']} {request['feedback_how']}")
    if request["reopened"]:
        parts.append(f"曾因群众不满意重新办理 {request['reopened']} 次")
    return "；".join(parts)


def _row(request: dict, today: date) -> list:
    status = request["status"] + ("\n（逾期）" if ledger.is_overdue(request, today) else "")
    satisfaction = request["satisfaction"] or ""
    who = request["raised_by"] + (f"\n{request['group_name']}" if request["group_name"] else "")
    return [request["code"], request["raised_on"], who, request["meeting_code"] or DIRECT, request["category"], request["content"], _handling(request),
            request["owner"], request["deadline"] or "", status, _outcome(request), satisfaction]


def print_requests(store: Store, path: Path | str, period_code: str, *, progress: Progress | None = None,
                   today: date | None = None) -> Path:
    """Print the requests ledger of ``period_code`` (2026 / 2026-Q3 / 2026-07) to ``path``.

    Raises UserError, writing nothing, for a missing village profile, a period
    written wrongly, or one that has not begun.  A period without requests prints
    its (empty) ledger: that, too, is something a township asks for.
    """
    profile = village.get_profile(store)
    if profile is None:
        raise UserError(messages.NO_PROFILE)
    today = today or clock.today()
    period = periods.parse(period_code)
    if period.start > today:
        raise UserError(messages.REQUESTS_PERIOD_NOT_STARTED.format(label=period.label))
    counts = ledger.outcomes(store, period, today=today)
    found = ledger.in_period(store, period)

    summary = [para(f"{period.label}（{period.start.isoformat()} 至 {period.end.isoformat()}）{counts.sentence()}",
                    BODY),
               para(f"截至 {today.isoformat()}：待办、办理中 {counts.in_hand} 件，已转交待反馈 {counts.handed_over} 件，"
                    f"其中逾期未办结 {counts.overdue} 件；办结的诉求中群众满意 {counts.satisfied} 件、基本满意 "
                    f"{counts.fairly_satisfied} 件；因群众不满意重新办理过的 {counts.reopened} 件。", BODY),
               Spacer(1, 4),
               data_table(OUTCOME_COLUMNS, [_outcome_row(counts)], align=["CENTER"] * len(OUTCOME_COLUMNS),
                          zebra=False, font_size=9)]
    categories = _by_category(store, period)
    if categories is not None:
        summary += [para("按类别", HEADING), categories]
    rows = [_row(r, today) for r in found] or [["", "", "", "", "", "本期没有登记民情诉求。"] + [""] * 6]
    table = data_table([c[0] for c in COLUMNS], rows, [c[1] for c in COLUMNS], align=[c[2] for c in COLUMNS],
                       zebra=True, font_size=8)
    notes = [para("说明：办结须有办理结果并向群众反馈，群众不满意的重新办理；“逾期”指已过办理期限仍未办结。"
                  f"来源为会议编号的，诉求在该次会议上提出；“{DIRECT}”为群众到村部或电话反映。", SMALL),
             Spacer(1, 12),
             para(f"制表人：{profile.clerk}　　　　审核人：＿＿＿＿＿＿　　　　制表日期：{today.isoformat()}", BODY)]
    story = [KeepTogether(summary), para("诉求明细", HEADING), table, Spacer(1, 6), KeepTogether(notes)]
    return build_pdf(path, title=f"{period.label}{TITLE}", profile=profile, story=story, landscape=True,
                     subtitle=profile.full_name, internal=True, progress=progress, printed_on=today)


__all__ = ["TITLE", "print_requests"]
