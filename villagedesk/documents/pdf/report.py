"""月度村务报告: one A4 page a clerk hands to the township each month.

The title (village, 月度村务报告, month), the village in numbers
(core.attention.glance), the month's points and requests in two sentences, and
the three charts of the home page as images: points by 村民小组 and households
by star rating for the scheme period the month falls in, requests opened and
closed in the 12 months ending with it.  The images come in as PNG bytes
(ui.report_images draws them with Qt; documents never import Qt).  The chart
headings are printed here, so the report is Chinese whatever the window's
language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path

from reportlab.platypus import Image, Spacer

from villagedesk import clock
from villagedesk.core.common import village
from villagedesk.core.common.dates import chinese_date
from villagedesk.core.home import charts
from villagedesk.core.home.attention import glance
from villagedesk.documents.pdf import messages
from villagedesk.documents.pdf.base import (
    BODY,
    HEADING,
    SMALL,
    Progress,
    Table,
    TableStyle,
    build_pdf,
    data_table,
    para,
)
from villagedesk.errors import UserError
from villagedesk.store import Store

TITLE = "月度村务报告"
# What the chart images carry in words (the report's images have no title of their own).
OPENED, CLOSED = "受理", "办结"
NO_HOUSEHOLDS = "名册中还没有户。"
# Each chart's size on paper, in points: two side by side, then the months across the 510-point frame.
GROUPS_SIZE = (300.0, 230.0)
STARS_SIZE = (200.0, 230.0)
REQUESTS_SIZE = (510.0, 190.0)
_GAP = 10.0


@dataclass(frozen=True)
class ReportImages:
    """The three charts as PNG bytes, drawn at the sizes above."""

    groups: bytes
    stars: bytes
    requests: bytes


def report_month(period_code: str, today: date):
    """The month to report on; refused (UserError) when written wrongly or not begun."""
    month = charts.month(period_code)
    if month.start > today:
        raise UserError(messages.REPORT_MONTH_NOT_STARTED.format(label=month.label))
    return month


def _image(data: bytes, size: tuple[float, float]) -> Image:
    return Image(BytesIO(data), width=size[0], height=size[1])


def _counts_table(numbers, year: int):
    header = ["户数", "人口", "在任两委成员", "未办结诉求", f"{year} 年办结诉求", f"{year} 年公开事项"]
    values = [numbers.households, numbers.persons, numbers.committee_members, numbers.requests_open,
              numbers.requests_closed_year, numbers.notices_posted_year]
    return data_table(header, [[str(v) for v in values]], align=["CENTER"] * len(header), zebra=False,
                      font_size=10)


def _highlights(store: Store, month, period) -> str:
    """The month in two sentences: requests, and the points of its scheme period so far."""
    this = charts.requests_by_month(store, month.code, 1)[0]
    data = charts.for_period(store, period.code)
    households = sum(g.households for g in data.groups)
    points = sum(g.points for g in data.groups)
    text = f"{month.label}受理群众诉求 {this.opened} 件，办结 {this.closed} 件。"
    text += f"{period.label}全村 {households} 户共得积分 {points} 分"
    if data.stars.graded and households:
        starred = households - data.stars.counts[0]
        text += f"，评为星级户的 {starred} 户"
    return text + "。"


def _side_by_side(left_title: str, left: Image, right_title: str, right: Image) -> Table:
    widths = [GROUPS_SIZE[0], _GAP, STARS_SIZE[0]]
    table = Table([[para(left_title, HEADING), "", para(right_title, HEADING)], [left, "", right]],
                  colWidths=widths)
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def print_report(store: Store, path: Path | str, period_code: str, *, images: ReportImages,
                 progress: Progress | None = None, today: date | None = None) -> Path:
    """Print the monthly report of ``period_code`` (2026-11) to ``path``; one A4 page, portrait.

    Raises UserError, writing nothing, for a missing village profile or a month
    written wrongly or not begun.
    """
    profile = village.get_profile(store)
    if profile is None:
        raise UserError(messages.NO_PROFILE)
    today = today or clock.today()
    month = report_month(period_code, today)
    period = charts.current_period(store, month.start)
    months = charts.months_ending(month)
    as_of = min(month.end, today)
    numbers = glance(store, as_of)

    story = [
        para(f"村情概况（截至{chinese_date(as_of)}）", HEADING),
        _counts_table(numbers, as_of.year),
        Spacer(1, 6),
        para(_highlights(store, month, period), BODY),
        _side_by_side(f"各村民小组积分（{period.label}）", _image(images.groups, GROUPS_SIZE),
                      f"星级户分布（{period.label}）", _image(images.stars, STARS_SIZE)),
        para(f"诉求受理与办结（{months[0].label} 至 {months[-1].label}，按月）", HEADING),
        _image(images.requests, REQUESTS_SIZE),
        Spacer(1, 8),
        para("说明：积分只计审核通过的记录；诉求按受理日期、办结日期分别计入当月，"
             "办结后因群众不满意重新办理的不计为办结。", SMALL),
        Spacer(1, 14),
        para(f"制表人：{profile.clerk}　　　　审核人：＿＿＿＿＿＿　　　　制表日期：{chinese_date(today)}", BODY),
    ]
    return build_pdf(path, title=f"{profile.name}{TITLE}", profile=profile, story=story,
                     subtitle=f"{profile.full_name}　{month.label}", progress=progress, printed_on=today)


__all__ = ["CLOSED", "GROUPS_SIZE", "NO_HOUSEHOLDS", "OPENED", "REQUESTS_SIZE", "STARS_SIZE", "TITLE",
           "ReportImages", "print_report", "report_month"]
