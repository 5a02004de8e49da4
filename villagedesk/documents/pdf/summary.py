"""各村村务汇总表: the township's summary table for one period, printed (A4 landscape).

One line per village from core.township_summary, the same lines the villages
page and the workbook's summary sheet show; the points participation and the
requests are those of the chosen period, the rest as of each village's last
package.  A total line closes the table.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.platypus import Spacer

from villagedesk import clock
from villagedesk.core.common import periods, village
from villagedesk.core.common.dates import chinese_date
from villagedesk.core.township import merge as township
from villagedesk.core.township.summary import STALE_DAYS, summary_rows
from villagedesk.documents.pdf import messages
from villagedesk.documents.pdf.base import BODY, SMALL, Progress, build_pdf, data_table, para
from villagedesk.errors import UserError
from villagedesk.store import Store

TITLE = "各村村务汇总表"

# (header, relative width, alignment)
COLUMNS = (
    ("村", 70, "LEFT"), ("数据包", 44, "CENTER"), ("数据包日期", 66, "CENTER"), ("户数", 34, "RIGHT"), ("人口", 38, "RIGHT"),
    ("两委成员", 46, "RIGHT"), ("主职空缺", 66, "LEFT"), ("一肩挑", 38, "CENTER"), ("积分参与率", 56, "RIGHT"),
    ("诉求总数", 46, "RIGHT"), ("在办", 32, "RIGHT"), ("逾期", 32, "RIGHT"), ("办结率", 40, "RIGHT"),
    ("按期公开", 46, "RIGHT"), ("逾期未公开", 56, "RIGHT"), ("待公开", 40, "RIGHT"),
)
_SUMMED = ("households", "persons", "committee_members", "requests_total", "requests_open", "requests_overdue",
           "notices_posted", "notices_overdue", "notices_due")


def _percent(share) -> str:
    return "—" if share is None else f"{round(share * 100)}%"


def _number(value) -> str:
    return "—" if value is None else str(value)


def _line(row: dict) -> list:
    written = row["last_created"] + ("（过期）" if row["stale"] else "")
    if row["as_of"] and row["as_of"] != row["last_created"]:  # figures an older village program did not send
        written += f"（数字截至 {row['as_of']}）"
    committee = "—" if row["committee"] is None else (row["committee"] or "齐全")
    return [row["name"], f"第 {row['last_sequence']} 号", written, _number(row["households"]), _number(row["persons"]),
            _number(row["committee_members"]), committee, _number(row["both_heads"]), _percent(row["participation"]),
            _number(row["requests_total"]), _number(row["requests_open"]), _number(row["requests_overdue"]),
            _percent(row["requests_closed_share"]), _number(row["notices_posted"]), _number(row["notices_overdue"]),
            _number(row["notices_due"])]


def _total(rows: list[dict]) -> list:
    sums = {key: sum(r[key] or 0 for r in rows) for key in _SUMMED}
    closed = [r for r in rows if r["requests_closed_share"] is not None and r["requests_total"]]
    share = (sum(r["requests_closed_share"] * r["requests_total"] for r in closed) /
             sum(r["requests_total"] for r in closed)) if closed else None
    vacant = sum(1 for r in rows if r["committee"])
    return [f"合计（{len(rows)} 村）", "", "", sums["households"], sums["persons"], sums["committee_members"],
            f"{vacant} 个村有空缺" if vacant else "", sum(r["both_heads"] or 0 for r in rows), "",
            sums["requests_total"], sums["requests_open"], sums["requests_overdue"], _percent(share),
            sums["notices_posted"], sums["notices_overdue"], sums["notices_due"]]


def _township(store: Store) -> village.Profile:
    """Who prints: the township database's own profile, or else the township its villages name.

    A township database made with ``villagedesk township`` may never have had a profile filled in.
    """
    own = village.get_profile(store)
    first = township.villages(store)[0]
    if own is None:
        return village.Profile("", "", first["township"], first["county"], "", "")
    # A township's profile names the township twice (as its name and as its township).
    return own if own.name != own.township else village.Profile("", own.code, own.township, own.county,
                                                                   own.clerk, own.phone)


def print_summary(store: Store, path: Path | str, period: str, *, today: date | None = None,
                  progress: Progress | None = None) -> Path:
    """Print the summary of ``period`` (2026 / 2026-Q3 / 2026-07) to ``path`` and return the path."""
    chosen = periods.parse(period)
    today = today or clock.today()
    rows = summary_rows(store, today, chosen)
    if not rows:
        raise UserError(messages.SUMMARY_NO_PACKAGES)
    profile = _township(store)
    table = data_table([c[0] for c in COLUMNS], [*map(_line, rows), _total(rows)], [c[1] for c in COLUMNS],
                       align=[c[2] for c in COLUMNS], font_size=9)
    missing = [r["name"] for r in rows if r["participation"] is None]
    # Say which period each column covers (core.township.summary): the points and requests columns are the
    # chosen period's, the others as of each village's last package.
    notes = [f"积分参与率、诉求总数、在办、逾期、办结率为{chosen.label}的数字：积分参与率是该期有积分记录的户占全村户数的比例，"
             f"诉求是该期受理的诉求及其截至数据包当日的办理情况。"
             f"户数、人口、两委和村务公开为各村生成最后一次数据包当日的数字。"
             f"数据包超过 {STALE_DAYS} 天未更新的村标注“过期”。"]
    if missing:
        notes.append(f"{'、'.join(missing)}的数据包中没有{chosen.label}的数字，以“—”表示。")
    # A diverged points history is kept for good and printed with every summary (docs/PACKAGES.md, step 5):
    # the figures of that village rest on the history the officer accepted.
    names = {r["code"]: r["name"] for r in rows}
    diverged = [e for e in township.village_events(store) if e["kind"] == "divergence" and e["village_code"] in names]
    if diverged:
        notes.append("经乡镇确认接受、记录在案的积分历史改变：" + "；".join(
            f"{names[e['village_code']]}　{e['created_at'][:10]}　{e['text']}" for e in diverged) + "。")
    story = [table, Spacer(1, 8), *(para(n, SMALL) for n in notes), Spacer(1, 14),
             para(f"制表人：{profile.clerk or '＿＿＿＿＿＿'}　　　　审核人：＿＿＿＿＿＿　　　　制表日期：{chinese_date(today)}", BODY)]
    return build_pdf(path, title=TITLE, profile=profile, story=story, landscape=True,
                     subtitle=f"{chosen.label}（共 {len(rows)} 个村）", progress=progress, printed_on=today)


__all__ = ["print_summary"]
