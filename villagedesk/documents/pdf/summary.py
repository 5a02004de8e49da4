"""各村村务汇总表 (a township's) and 各乡镇村务汇总表 (a county's): the summary for one period, printed.

One line per village from core.township.summary (the county's from core.county.summary: the same
lines with the township in front), the same lines the villages page and the workbook's summary sheet
show; the points participation and the requests are those of the chosen period, the rest as of each
village's last package.  A total line closes the table; the county's has a subtotal line after each
township's villages.  Both are laid out by one piece of code (:func:`_print`): the county's differs
only in its 乡镇 column, its grouping and its heading.  No personal data: no villager, ID number or
phone is on either (docs/COUNTY.md "The county's outputs").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import A3, A4
from reportlab.platypus import Spacer

from villagedesk import clock
from villagedesk.core.common import periods, village
from villagedesk.core.common.dates import chinese_date
from villagedesk.core.township import merge as township
from villagedesk.core.township.summary import STALE_DAYS, summary_rows, totals
from villagedesk.documents.pdf import messages
from villagedesk.documents.pdf.base import (
    BODY,
    MARGIN_X,
    SMALL,
    SUBTITLE,
    Progress,
    build_pdf,
    data_table,
    para,
)
from villagedesk.documents.pdf.base import TITLE as TITLE_STYLE
from villagedesk.errors import UserError
from villagedesk.store import Store

if TYPE_CHECKING:
    import psycopg

TITLE = "各村村务汇总表"
COUNTY_TITLE = "各乡镇村务汇总表"

# (header, width in points at the table's 9-point type, alignment): together as wide as an A4 landscape page.
COLUMNS = (
    ("村", 70, "LEFT"), ("数据包", 44, "CENTER"), ("数据包日期", 66, "CENTER"), ("户数", 34, "RIGHT"), ("人口", 38, "RIGHT"),
    ("两委成员", 46, "RIGHT"), ("主职空缺", 66, "LEFT"), ("一肩挑", 38, "CENTER"), ("积分参与率", 56, "RIGHT"),
    ("诉求总数", 46, "RIGHT"), ("在办", 32, "RIGHT"), ("逾期", 32, "RIGHT"), ("办结率", 40, "RIGHT"),
    ("按期公开", 46, "RIGHT"), ("逾期未公开", 56, "RIGHT"), ("待公开", 40, "RIGHT"),
)
# The county's table names each village's township on its own line: a township's villages may run
# over a page break, and a page must say whose villages it lists without the page before it.  That column
# takes it past A4 to A3 (_page), where the three vacant heads fit on one line: twice the villages a page.
COUNTY_COLUMNS = (("乡镇", 56, "LEFT"), *((name, 160 if name == "主职空缺" else width, align)
                                          for name, width, align in COLUMNS))


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


def _total(label: str, total: dict) -> list:
    """A total line (a township's, a county's subtotal or total) in the columns after 乡镇, headed ``label``."""
    vacant = total["vacant_villages"]
    return [label, "", "", total["households"], total["persons"], total["committee_members"],
            f"{vacant} 个村有空缺" if vacant else "", total["both_heads"], _percent_or_blank(total["participation"]),
            total["requests_total"], total["requests_open"], total["requests_overdue"],
            _percent(total["requests_closed_share"]), total["notices_posted"], total["notices_overdue"],
            total["notices_due"]]


def _percent_or_blank(share) -> str:
    return "" if share is None else _percent(share)


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


@dataclass(frozen=True)
class _Printout:
    """What differs between the township's summary and the county's; :func:`_print` lays out either."""

    columns: Sequence[tuple[str, float, str]]
    table: list[list]  # the table's lines: villages, subtotals, the total
    lines: list[dict]  # the villages' summary lines
    named: dict[str, str]  # village code → the name a note calls it by
    diverged: list[dict]  # accepted diverged histories: code, at, text
    accepted_by: str  # who accepted them: 乡镇, 县里
    profile: village.Profile
    heading: list  # the title block (empty: build_pdf's own, of title and subtitle)
    title: str
    subtitle: str
    clerk: str


def _page(columns: Sequence[tuple[str, float, str]]):
    """A4 landscape when the columns fit it at their widths, else A3 landscape (the county's one more)."""
    return A4 if sum(c[1] for c in columns) <= A4[1] - 2 * MARGIN_X else A3


def _print(path: Path | str, chosen: periods.Period, today: date, printout: _Printout,
           progress: Progress | None) -> Path:
    columns = printout.columns
    table = data_table([c[0] for c in columns], printout.table, [c[1] for c in columns],
                       align=[c[2] for c in columns], font_size=9)
    missing = [printout.named[r["code"]] for r in printout.lines if r["participation"] is None]
    # Say which period each column covers (core.township.summary): the points and requests columns are the
    # chosen period's, the others as of each village's last package.
    notes = [f"积分参与率、诉求总数、在办、逾期、办结率为{chosen.label}的数字：积分参与率是该期有积分记录的户占全村户数的比例，"
             f"诉求是该期受理的诉求及其截至数据包当日的办理情况。"
             f"户数、人口、两委和村务公开为各村生成最后一次数据包当日的数字。"
             f"数据包超过 {STALE_DAYS} 天未更新的村标注“过期”。"]
    notes.append("合计的积分参与率按户数加权，办结率按诉求数加权：即所有户（诉求）合在一起的比例。")
    if missing:
        notes.append(f"{'、'.join(missing)}的数据包中没有{chosen.label}的数字，以“—”表示。")
    # A diverged points history is kept for good and printed with every summary (docs/PACKAGES.md, step 5):
    # the figures of that village rest on the history the officer accepted.
    diverged = [e for e in printout.diverged if e["code"] in printout.named]
    if diverged:
        notes.append(f"经{printout.accepted_by}确认接受、记录在案的积分历史改变：" + "；".join(
            f"{printout.named[e['code']]}　{str(e['at'])[:10]}　{e['text']}" for e in diverged) + "。")
    story = [*printout.heading, table, Spacer(1, 8), *(para(n, SMALL) for n in notes), Spacer(1, 14),
             para(f"制表人：{printout.clerk or '＿＿＿＿＿＿'}　　　　审核人：＿＿＿＿＿＿　　　　"
                  f"制表日期：{chinese_date(today)}", BODY)]
    return build_pdf(path, title=printout.title, profile=printout.profile, story=story, landscape=True,
                     pagesize=_page(columns), subtitle=printout.subtitle, progress=progress, printed_on=today,
                     title_block=not printout.heading)


def print_summary(store: Store, path: Path | str, period: str, *, today: date | None = None,
                  progress: Progress | None = None) -> Path:
    """Print the township's summary of ``period`` (2026 / 2026-Q3 / 2026-07) to ``path`` and return the path."""
    chosen = periods.parse(period)
    today = today or clock.today()
    rows = summary_rows(store, today, chosen)
    if not rows:
        raise UserError(messages.SUMMARY_NO_PACKAGES)
    profile = _township(store)
    diverged = [{"code": e["village_code"], "at": e["created_at"], "text": e["text"]}
                for e in township.village_events(store) if e["kind"] == "divergence"]
    table = [*map(_line, rows), _total(f"合计（{len(rows)} 村）", totals(rows))]
    return _print(path, chosen, today, _Printout(
        COLUMNS, table, rows, {r["code"]: r["name"] for r in rows}, diverged, "乡镇", profile, [], TITLE,
        f"{chosen.label}（共 {len(rows)} 个村）", profile.clerk), progress)


def print_county_summary(conn: psycopg.Connection, path: Path | str, period: str, *, today: date | None = None,
                         progress: Progress | None = None) -> Path:
    """Print the county's summary of ``period`` to ``path`` (each township's villages and subtotal, the
    county's total; A3 landscape) and return the path.  A reader role may: it reads no key."""
    # loads psycopg (absent from a village's bundle, where the township's summary is printed): not at start-up
    from villagedesk.core.county import summary as county_summary
    from villagedesk.core.county.profile import county_name

    chosen = periods.parse(period)
    today = today or clock.today()
    with county_summary.snapshot(conn):  # the lines and the notes of one moment
        county = county_name(conn)
        found = county_summary.county_summary(conn, today, chosen)
        diverged = [{"code": e["village_code"], "at": e["at"], "text": e["text"]}
                    for e in county_summary.diverged(conn)]
    if not found.townships:
        raise UserError(messages.COUNTY_SUMMARY_NO_PACKAGES.format(county=county))
    table: list[list] = []
    for group in found.townships:
        table += [[group.name, *_line(row)] for row in group.lines]
        table.append([group.name, *_total(f"小计（{len(group.lines)} 村）", group.total)])
    total = found.total
    table.append(["全县合计", *_total(f"{total['townships']} 个乡镇 {total['villages']} 村", total)])
    lines = found.lines
    # Two townships may each have a 石门村: a note names a village with its township.
    named = {r["code"]: f"{r['township']}{r['name']}" for r in lines}
    subtitle = f"{chosen.label}（共 {total['townships']} 个乡镇 {total['villages']} 个村）"
    heading = [para(f"{county}{COUNTY_TITLE}", TITLE_STYLE), para(subtitle, SUBTITLE)]
    profile = village.Profile("", "", "", county, "", "")
    return _print(path, chosen, today, _Printout(
        COUNTY_COLUMNS, table, lines, named, diverged, "县里", profile, heading, COUNTY_TITLE, subtitle, ""),
        progress)


__all__ = ["COUNTY_COLUMNS", "COLUMNS", "COUNTY_TITLE", "TITLE", "print_county_summary", "print_summary"]
