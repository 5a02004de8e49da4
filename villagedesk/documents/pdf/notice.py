"""公示 poster: one public notice for the village notice board, A4 or A3 portrait.

Large title, category and 公开编号, the body, the table (its header repeated on
every page; a finance statement closes with its totals and balance, a list
with its count and sum), the posting period (公示期：2026年7月1日至2026年7月7日),
where and to whom to object, and two signature and seal boxes: the issuing body
with the notice's date (the 村民委员会; the party branch signs a 党务公开) and the
村务监督委员会 with its reviewer and the review date.  The tail is kept on one
page with the seals, so no page holds a seal alone.

Everything printed passes through :mod:`villagedesk.core.notices.masking`: ID
numbers keep 6 + 4 characters and phones 3 + 4 unless the notice was approved
for full ID numbers, which the poster then says.  The village's own phone (where
objections go) is printed whole.  A draft prints as such (未经审核，不得张贴);
a notice not posted yet leaves the dates of the period to be written in by hand.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from villagedesk import clock
from villagedesk.core import notices
from villagedesk.core.common import village
from villagedesk.core.notices import masking
from villagedesk.core.notices.model import require_notice
from villagedesk.core.notices.money import yuan
from villagedesk.core.notices.tables import (
    EXPENSE,
    INCOME,
    FinanceStatement,
    FreeTable,
    NoticeTable,
    RecipientList,
)
from villagedesk.documents.pdf import messages
from villagedesk.documents.pdf.base import (
    BODY,
    MARGIN_X,
    MISSING,
    Progress,
    Section,
    build_pdf,
    data_table,
    para,
    uncovered,
)
from villagedesk.errors import UserError
from villagedesk.store import Store

SIZES = {"A4": A4, "A3": A3}
SCALE = {"A4": 1.0, "A3": 1.4}  # A3 is the same poster, larger, for reading from a step back
RED = colors.HexColor("#b00000")
GREY = colors.HexColor("#777777")
BLANK_DATE = "　　　年　　月　　日"
BLANK_PERIOD = f"公示期：{BLANK_DATE}至{BLANK_DATE}"
SEAL_SPACE = 24 * mm  # with the lines around it, room for a 42 mm round seal


class _Styles:
    """The poster's paragraph styles at one paper size."""

    def __init__(self, paper: str):
        k = SCALE[paper]

        def style(name: str, size: float, leading: float, **kw) -> ParagraphStyle:
            return ParagraphStyle(f"vd-notice-{name}-{paper}", parent=BODY, fontSize=size * k,
                                  leading=leading * k, **kw)

        self.title = style("title", 24, 32, alignment=TA_CENTER, spaceAfter=4 * k, rightIndent=0)
        self.meta = style("meta", 11, 16, alignment=TA_CENTER, textColor=colors.HexColor("#444444"),
                          spaceAfter=10 * k, rightIndent=0)
        self.warning = style("warning", 12, 18, alignment=TA_CENTER, textColor=RED, spaceAfter=6 * k, rightIndent=0)
        self.body = style("body", 13, 22, firstLineIndent=26 * k, spaceAfter=4 * k)
        self.plain = style("plain", 13, 22, spaceAfter=4 * k)
        self.caption = style("caption", 13, 20, alignment=TA_CENTER, spaceBefore=6 * k, spaceAfter=4 * k,
                             rightIndent=0)
        self.seal = style("seal", 12, 20)
        self.table_size = 10.5 * k
        self.scale = k


def _clean_size(size: str) -> str:
    paper = str(size or "").strip().upper()
    if paper not in SIZES:
        raise UserError(messages.PAPER_SIZE.format(size=size))
    return paper


# --- the table ------------------------------------------------------------------------------

def _free(table: FreeTable, public: masking.PublicText, size: float) -> list[Flowable]:
    rows = [[public(c) for c in row] for row in table.rows]
    return [data_table([public(h) for h in table.headers], rows, font_size=size)]


def _finance(table: FinanceStatement, public: masking.PublicText, size: float) -> list[Flowable]:
    rows: list = []
    for number, side, total in (("一", INCOME, table.income_fen), ("二", EXPENSE, table.expense_fen)):
        lines = table.side(side)
        rows.append(Section(f"{number}、{side}"))
        rows += [[n, public(x.item), yuan(x.amount_fen), public(x.note)] for n, x in enumerate(lines, 1)]
        if not lines:
            rows.append(["", f"本期无{side}", "", ""])
        rows.append(["", f"{side}合计", yuan(total), ""])
    ledger = data_table(["序号", "收支项目", "金额（元）", "备注"], rows, [30, 170, 80, 120],
                        align=["CENTER", "LEFT", "RIGHT", "LEFT"], zebra=False, font_size=size)
    summary = [[label, yuan(fen)] for label, fen in table.summary()]
    totals = data_table(["合计", "金额（元）"], summary, [300, 100], align=["LEFT", "RIGHT"], zebra=False,
                        font_size=size)
    return [ledger, Spacer(1, 8), KeepTogether([totals])]


def _recipients(table: RecipientList, public: masking.PublicText, size: float) -> list[Flowable]:
    rows = [[n, r.name, r.group_name, public.id_number(r.id_number), yuan(r.amount_fen), public(r.reason)]
            for n, r in enumerate(table.recipients, 1)]
    rows.append(["", "合计", f"共 {len(table.recipients)} 人", "", yuan(table.total_fen), ""])
    return [data_table(["序号", "姓名", "村民小组", "身份证号码", "金额（元）", "享受原因"], rows,
                       [34, 58, 84, 124, 68, 116], align=["CENTER", "LEFT", "LEFT", "CENTER", "RIGHT", "LEFT"],
                       font_size=size)]


def _table(table: NoticeTable, public: masking.PublicText, size: float) -> list[Flowable]:
    if isinstance(table, FreeTable):
        return _free(table, public, size)
    if isinstance(table, FinanceStatement):
        return _finance(table, public, size)
    return _recipients(table, public, size)


def _rare_names(table: NoticeTable | None) -> list[str]:
    if not isinstance(table, RecipientList):
        return []
    return sorted({r.name for r in table.recipients if uncovered(r.name)})


# --- around the table -------------------------------------------------------------------------

def _warnings(store: Store, notice: dict, today: date) -> list[str]:
    status = notices.display_status(notice, today)
    if status == notices.NoticeStatus.DRAFT:
        return ["草稿：未经审核，不得张贴"]
    if status == notices.NoticeStatus.REPLACED:
        newer = notices.replacement(store, notice["id"])
        return [f"本公示已被 {newer['code'] if newer else '更正公示'} 更正替换，仅供存档"]
    return []


def _correction_line(store: Store, notice: dict, public: masking.PublicText) -> str | None:
    if not notice["replaces_id"]:
        return None
    old = require_notice(store, notice["replaces_id"])
    posted = f"（{notices.long_date(old['posted_on'])}张贴）" if old["posted_on"] else ""
    return f"本公示是对 {old['code']}《{public(old['title'])}》{posted}的更正，原公示同时作废。"


def posting_line(notice: dict) -> str:
    """公示期：2026年7月1日至2026年7月7日, or blanks to fill in by hand before it is posted."""
    if not notice["posted_on"]:
        return BLANK_PERIOD
    return f"公示期：{notices.long_date(notice['posted_on'])}至{notices.long_date(notice['posting_end'])}"


def _objection_line(profile: village.Profile) -> str:
    return (f"公示期内如有异议，请向村务监督委员会或村民委员会反映（联系人：{profile.clerk}，"
            f"联系电话：{profile.phone}），村里将在收到异议之日起 {notices.REPLY_DAYS} 日内答复。")


def _seals(notice: dict, styles: _Styles, width: float) -> Table:
    """Two boxes with room for a signature and a seal: the issuing body (the 村民委员会 unless a
    party notice names the branch), dated as the notice is, and the 村务监督委员会 that reviewed it."""
    reviewed = notices.long_date(notice["reviewed_on"]) if notice["reviewed_on"] else BLANK_DATE
    space = Spacer(1, SEAL_SPACE * styles.scale)
    issuer = [para(f"{notice['issuer']}（盖章）", styles.seal), para("负责人（签字）：", styles.seal), space,
              para(notices.long_date(notice["issued_on"]), styles.seal)]
    review = [para("村务监督委员会（盖章）", styles.seal), para(f"审核人（签字）：{notice['reviewer'] or ''}", styles.seal),
              space, para(reviewed, styles.seal)]
    gap = 12
    table = Table([[issuer, "", review]], colWidths=[(width - gap) / 2, gap, (width - gap) / 2])
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (0, 0), 0.6, GREY), ("BOX", (2, 0), (2, 0), 0.6, GREY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table


def print_notice(store: Store, path: Path | str, notice, *, size: str = "A4", progress: Progress | None = None,
                 today: date | None = None) -> Path:
    """Print notice ``notice`` (GK0012, 12 or the id) as a poster to ``path``; ``size`` A4 or A3.

    Raises UserError, writing nothing, for a missing profile, an unknown notice or a
    paper size other than A4/A3.
    """
    profile = village.get_profile(store)
    if profile is None:
        raise UserError(messages.NO_PROFILE)
    paper = _clean_size(size)
    notice = notices.find_notice(store, notice)
    today = today or clock.today()
    styles = _Styles(paper)
    public = masking.for_notice(notice, profile.phone)
    table = notices.notice_table(store, notice["id"])
    width = SIZES[paper][0] - 2 * MARGIN_X

    story: list[Flowable] = [para(public(notice["title"]), styles.title),
                             para(f"{notice['category']}　　公开编号：{notice['code']}", styles.meta)]
    story += [para(line, styles.warning) for line in _warnings(store, notice, today)]
    correction = _correction_line(store, notice, public)
    if correction:
        story.append(para(correction, styles.plain))
    story += [para(public(line), styles.body) for line in notice["body"].split("\n") if line.strip()]
    if table is not None:
        if notice["table_title"]:
            story.append(para(public(notice["table_title"]), styles.caption))
        else:
            story.append(Spacer(1, 6 * styles.scale))
        story += _table(table, public, styles.table_size)

    tail: list[Flowable] = [Spacer(1, 10 * styles.scale)]
    rare = _rare_names(table)
    if rare:
        tail.append(para(f"注：{'、'.join(rare[:20])} 的姓名中有本机字体没有的生僻字，已印作“{MISSING}”。",
                         styles.plain))
    full = notices.full_numbers_line(notice)
    if full:
        tail.append(para(full, styles.plain))
    tail += [para(posting_line(notice), styles.plain),
             para(_objection_line(profile), styles.plain), Spacer(1, 8 * styles.scale), _seals(notice, styles, width)]
    story.append(KeepTogether(tail))
    return build_pdf(path, title=public(notice["title"]), profile=profile, story=story, pagesize=SIZES[paper],
                     progress=progress, printed_on=today, title_block=False)


__all__ = ["BLANK_PERIOD", "SIZES", "posting_line", "print_notice"]
