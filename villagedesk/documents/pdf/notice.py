"""公示 poster: one public notice for the village notice board, A4 or A3 portrait.

Large title, category and 公开编号, the body, the table (its header repeated on
every page; a finance statement closes with its totals and balance, a list
with its count and sum), the posting period (公示期：2026年7月1日至2026年7月7日（共 7 天）,
the points board's words for the same period), where and to whom to object, 特此公示, and two
signature and seal boxes: the issuing body dated the day the notice went up (the 村民委员会; the
party branch signs a 党务公开) and the 村务监督委员会 with its reviewer and the review date.  A
通知 has no 公示期 and no objection block and closes with 特此通知 (docs/DOMAIN.md §4.1).  The tail is kept on one
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
from reportlab.platypus import Flowable, KeepTogether, Spacer

from villagedesk import clock
from villagedesk.core import notices
from villagedesk.core.common import village
from villagedesk.core.common.dates import BLANK_DATE, chinese_date
from villagedesk.core.notices import masking, posting
from villagedesk.core.notices.model import closing_words, is_notification, require_notice
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
    NotForPosting,
    Progress,
    Section,
    Table,
    TableStyle,
    build_pdf,
    count_pages,
    data_table,
    para,
    story_height,
    uncovered,
)
from villagedesk.errors import UserError
from villagedesk.store import Store

SIZES = {"A4": A4, "A3": A3}
SCALE = {"A4": 1.0, "A3": 1.4}  # A3 is the same poster, larger, for reading from a step back
RED = colors.HexColor("#b00000")
GREY = colors.HexColor("#777777")
BLANK_PERIOD = f"公示期：{BLANK_DATE}至{BLANK_DATE}（共　　天）"
SEAL_SPACE = 24 * mm  # with the lines around it, room for a 42 mm round seal
TIGHT_SAVES = 1.2  # the tight setting can bring back at most this much of a page


class _Styles:
    """The poster's paragraph styles at one paper size.

    ``tight`` sets the prose a little closer (leading and the space around paragraphs
    and seals; never the type size or the table), for a notice whose tail would
    otherwise sit alone on a page of its own.
    """

    def __init__(self, paper: str, tight: bool = False):
        k = SCALE[paper]
        lead, space = (0.88, 0.5) if tight else (1.0, 1.0)
        tag = f"{paper}-tight" if tight else paper

        def style(name: str, size: float, leading: float, **kw) -> ParagraphStyle:
            for key in ("spaceBefore", "spaceAfter"):
                if key in kw:
                    kw[key] *= space
            return ParagraphStyle(f"vd-notice-{name}-{tag}", parent=BODY, fontSize=size * k,
                                  leading=max(leading * k * lead, size * k * 1.2), **kw)

        self.title = style("title", 24, 32, alignment=TA_CENTER, spaceAfter=4 * k, rightIndent=0, balance=1)
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
        self.space = k * space  # the spacers of the poster
        self.seal_space = SEAL_SPACE * k * (0.85 if tight else 1.0)


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

def not_for_posting(notice: dict, today: date) -> NotForPosting | None:
    """Why this notice must not be posted from its printout, or None when it may be (docs/DOMAIN.md §4.9).

    A draft; a notice archived without ever being posted (未审核 when it was never
    reviewed, 已作废 when it was reviewed and then withdrawn); a notice its
    correction replaced.  A reviewed notice prints clean: it is the copy that goes up.
    """
    status = notices.display_status(notice, today)
    if status == notices.NoticeStatus.DRAFT:
        return NotForPosting.DRAFT
    if status == notices.NoticeStatus.REPLACED:
        return NotForPosting.VOID
    if status == notices.NoticeStatus.ARCHIVED and not notice["posted_on"]:
        return NotForPosting.VOID if notice["reviewed_on"] else NotForPosting.UNREVIEWED
    return None


def _warnings(store: Store, notice: dict, unfit: NotForPosting | None) -> list[str]:
    if unfit is NotForPosting.DRAFT:
        return ["草稿：未经审核，不得张贴"]
    if notice["status"] == notices.NoticeStatus.REPLACED:
        newer = notices.replacement(store, notice["id"])
        return [f"本公示已被 {newer['code'] if newer else '更正公示'} 更正替换，已作废，仅供存档"]
    if unfit is not None:  # archived without being posted
        why = f"（{notice['archived_reason']}）" if notice["archived_reason"] else ""
        how = "未经审核即" if unfit is NotForPosting.UNREVIEWED else "审核后未张贴即"
        return [f"本公示{how}于{chinese_date(notice['archived_on'])}归档{why}，不得张贴，仅供存档"]
    return []


def _correction_line(store: Store, notice: dict, public: masking.PublicText) -> str | None:
    if not notice["replaces_id"]:
        return None
    old = require_notice(store, notice["replaces_id"])
    posted = f"（{notices.long_date(old['posted_on'])}张贴）" if old["posted_on"] else ""
    return f"本公示是对 {old['code']}《{public(old['title'])}》{posted}的更正，原公示同时作废。"


def posting_line(notice: dict) -> str:
    """公示期：2026年7月1日至2026年7月7日（共 7 天）, or blanks to fill in by hand before it is posted;
    the same words the points board uses for the same period (core/common/workdays.period_text)."""
    if not notice["posted_on"]:
        return BLANK_PERIOD
    return f"公示期：{posting.notice_period_text(notice)}"


def _objection_line(profile: village.Profile) -> str:
    return (f"公示期内如有异议，请向村务监督委员会或村民委员会反映（联系人：{profile.clerk}，"
            f"联系电话：{profile.phone}），村里将在收到异议之日起 {notices.REPLY_DAYS} 日内答复。")


def _seals(notice: dict, drafter: str | None, styles: _Styles, width: float) -> Table:
    """Two boxes with room for a signature and a seal: the issuing body (the 村民委员会 unless a
    party notice names the branch) with who drafted the notice, dated as the notice is, and the
    村务监督委员会 that reviewed it with its reviewer: two people (docs/SECURITY.md "Signatures")."""
    reviewed = notices.long_date(notice["reviewed_on"]) if notice["reviewed_on"] else BLANK_DATE
    space = Spacer(1, styles.seal_space)
    # The 落款 is the day the notice went up (docs/DOMAIN.md §4.1), blank to fill in before then.
    issuer = [para(f"{notice['issuer']}（盖章）", styles.seal), para("负责人（签字）：", styles.seal),
              para(f"拟稿人：{drafter or ''}", styles.seal), space,
              para(chinese_date(notice["posted_on"], BLANK_DATE), styles.seal)]
    # A line's room where the issuer's box names the drafter: the two dates stay level.
    review = [para("村务监督委员会（盖章）", styles.seal), para(f"审核人（签字）：{notice['reviewer'] or ''}", styles.seal),
              para("　", styles.seal), space, para(reviewed, styles.seal)]
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
    public = masking.for_notice(notice, profile.phone)
    table = notices.notice_table(store, notice["id"])
    unfit = not_for_posting(notice, today)
    title = public(notice["title"])

    def poster(tight: bool = False) -> list[Flowable]:
        return _poster(store, notice, profile, public, table, unfit, _Styles(paper, tight),
                       SIZES[paper][0] - 2 * MARGIN_X)

    story = poster()
    # A tail (公示期, seals) pushed onto a second page comes back when slightly tighter spacing
    # fits the notice on one; tried only when the first page overflows by a little.
    need, room = story_height(story, pagesize=SIZES[paper])
    if room < need <= room * TIGHT_SAVES and count_pages(poster(), pagesize=SIZES[paper]) == 2 \
            and count_pages(poster(tight=True), pagesize=SIZES[paper]) == 1:
        story = poster(tight=True)
    return build_pdf(path, title=title, profile=profile, story=story, pagesize=SIZES[paper],
                     progress=progress, printed_on=today, title_block=False, unfit=unfit)


def _poster(store: Store, notice: dict, profile: village.Profile, public: masking.PublicText,
            table: NoticeTable | None, unfit: NotForPosting | None, styles: _Styles, width: float) -> list[Flowable]:
    """The poster's flowables: title, warnings, body, table, and the tail kept with its seals."""
    title = public(notice["title"])
    story: list[Flowable] = [para(unfit.titled(title) if unfit else title, styles.title),
                             para(f"{notice['category']}　　公开编号：{notice['code']}", styles.meta)]
    story += [para(line, styles.warning) for line in _warnings(store, notice, unfit)]
    correction = _correction_line(store, notice, public)
    if correction:
        story.append(para(correction, styles.plain))
    story += [para(public(line), styles.body) for line in notice["body"].split("\n") if line.strip()]
    if table is not None:
        if notice["table_title"]:
            story.append(para(public(notice["table_title"]), styles.caption))
        else:
            story.append(Spacer(1, 6 * styles.space))
        story += _table(table, public, styles.table_size)

    tail: list[Flowable] = [Spacer(1, 10 * styles.space)]
    rare = _rare_names(table)
    if rare:
        tail.append(para(f"注：{'、'.join(rare[:20])} 的姓名中有本机字体没有的生僻字，已印作“{MISSING}”。",
                         styles.plain))
    full = notices.full_numbers_line(notice)
    if full:
        tail.append(para(full, styles.plain))
    if not is_notification(notice):  # a 通知 is not posted for scrutiny: no 公示期, no objections
        tail += [para(posting_line(notice), styles.plain), para(_objection_line(profile), styles.plain)]
    tail += [para(closing_words(notice), styles.body), Spacer(1, 8 * styles.space), _seals(notice, notices.drafter(store, notice), styles, width)]
    story.append(KeepTogether(tail))
    return story


__all__ = ["BLANK_PERIOD", "SIZES", "not_for_posting", "posting_line", "print_notice"]
