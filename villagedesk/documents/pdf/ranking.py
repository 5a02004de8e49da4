"""积分公示榜: a period's points ranking for the village notice board.

The board opens with the posting period and where to object, then 红榜 and 黑榜
(each its own table, rows of their own heights), the full ranking (ties share a rank), the comparison of 村民小组,
and closes with the ledger's size and head hash so anyone can check the board
against the database (``villagedesk check`` recomputes the chain).

Public: household heads' names only — no ID numbers, no villagers' phones.  The
one phone printed is the village's own contact number, where objections go.
The bundled fonts have no ★, so the full ranking writes the stars out (四星),
which a reader of the text can find too, and the red board draws them as shapes.

It is read from about two metres (docs/DOMAIN.md §4.9): on A3
the title is 36 pt, the 红榜 20 pt and every other table row 14 pt; the A4 board
is the same at 1/√2.  A board of a period not posted yet is a 核对稿, marked so
across every page.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Spacer

from villagedesk import clock
from villagedesk.core.common import periods, village, workdays
from villagedesk.core.common.dates import BLANK_DATE, chinese_date
from villagedesk.core.points import ledger, ranking
from villagedesk.core.points.ledger import EntryStatus, PeriodStatus
from villagedesk.core.points.rules import Scheme, get_scheme
from villagedesk.documents.pdf import messages
from villagedesk.documents.pdf.base import (
    BODY,
    HEADING,
    MARGIN_X,
    MISSING,
    SMALL,
    NotForPosting,
    Progress,
    Table,
    TableStyle,
    build_pdf,
    cell_style,
    data_table,
    para,
    text_width,
    uncovered,
)
from villagedesk.documents.pdf.base import (
    TITLE as TITLE_STYLE,
)
from villagedesk.documents.pdf.tables import TableCommand
from villagedesk.errors import UserError
from villagedesk.store import Store

TITLE = "积分公示榜"
SIZES = {"A4": A4, "A3": A3}
# (title, 红榜, every other table row) on A3, in points; A4 is the same board scaled by 1/√2.
A3_POINTS = (36.0, 20.0, 14.0)
SCALE = {"A3": 1.0, "A4": 1 / math.sqrt(2)}
MAX_BOARD = 100
NUMERALS = "零一二三四五六七八九十"
RED = colors.HexColor("#c00000")
DARK = colors.HexColor("#333333")
STAR = colors.HexColor("#d4a000")
NO_HEAD = "（户主未登记）"

# (header, width weight, alignment) of the full ranking.
COLUMNS = (
    ("名次", 36, "CENTER"),
    ("户编号", 52, "CENTER"),
    ("户主", 72, "LEFT"),
    ("村民小组", 90, "LEFT"),
    ("本期得分", 52, "RIGHT"),
    ("总分", 44, "RIGHT"),
    ("星级", 40, "CENTER"),
    ("是否合格", 48, "CENTER"),
)
# A board of several scheme periods under a scheme that resets (a year of quarters):
# instead of stars and pass, how many of those periods the household passed.
PARTS_COLUMNS = (*COLUMNS[:-2], ("合格期数", 88, "CENTER"))


def star_label(stars: int | None) -> str:
    """4 → 四星; no star (0, or None off a graded board) → empty."""
    return f"{NUMERALS[stars]}星" if stars is not None and stars > 0 else ""


def signed(points: int) -> str:
    return f"+{points}" if points > 0 else str(points)


class StarCell(Flowable):
    """``count`` stars drawn as shapes (the fonts have no ★)."""

    def __init__(self, count: int, size: float, leading: float):
        super().__init__()
        self.count, self.size, self.leading = count, size, leading
        self.star = size * 0.9
        self.width = count * self.star

    def wrap(self, aw, ah):
        return self.width, self.leading

    def draw(self):
        canv, r = self.canv, self.star / 2
        cy = self.leading - self.size + self.size * 0.36  # about the middle of a line of text
        canv.saveState()
        canv.setFillColor(STAR)
        path = canv.beginPath()
        for n in range(self.count):
            cx = r + n * self.star
            for k in range(10):
                radius = r if k % 2 == 0 else r * 0.42
                angle = math.pi / 2 + k * math.pi / 5
                x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
                path.moveTo(x, y) if k == 0 else path.lineTo(x, y)
            path.close()
        canv.drawPath(path, stroke=0, fill=1)
        canv.restoreState()


# --- what goes on the board --------------------------------------------------------

def type_sizes(paper: str) -> tuple[float, float, float]:
    """(title, 红榜, table) type sizes of the board on ``paper``, rounded up to half points."""
    return tuple(math.ceil(pt * SCALE[paper] * 2) / 2 for pt in A3_POINTS)  # type: ignore[return-value]


def not_for_posting(store: Store, period: periods.Period, scheme: Scheme) -> NotForPosting | None:
    """核对稿 unless the points the board shows have been posted: the scheme period it is, lies in,
    or every one it sums (a year of quarters)."""
    for part in periods.split(period, scheme.period_kind):
        state = ledger.period_state(store, part.code)
        if state["status"] == PeriodStatus.OPEN or not state["posted_on"]:
            return NotForPosting.PROOF
    return None


def _posting_lines(state: dict, profile: village.Profile, period: periods.Period, scheme: Scheme) -> list[str]:
    where = f"村委会（联系人 {profile.clerk}，电话 {profile.phone}）"
    if period.kind != scheme.period_kind and state["status"] == PeriodStatus.OPEN:
        # A year of a village that scores by quarter is never posted itself: its quarters are.
        kind = periods.KIND_LABEL[scheme.period_kind]
        return [f"本表为{period.label}内各{kind}积分的合计排名；各{kind}的公示期见当期公示榜。",
                f"异议请向{where}提出。"]
    if state["status"] == PeriodStatus.OPEN or not state["posted_on"]:
        return ["本期积分尚未公示：本表为公示前的排名，供核对。",
                f"公示后，异议请于公示期内向{where}提出。"]
    # One 公示期 rule and one way of writing it, as on a notice (core/common/workdays.period_text).
    lines = [f"公示期：{workdays.period_text(state['posted_on'], state['objection_until'])}。"]
    if state["status"] == PeriodStatus.LOCKED:
        lines[0] += f"本期已经讲评，于{chinese_date(state['locked_on'])}锁定。"
    lines.append(f"异议请于公示期内向{where}提出。")
    return lines


def _scheme_line(scheme: Scheme, period: periods.Period, graded: bool) -> str:
    base = ranking.base_for(scheme, period)
    if not graded:
        kind = periods.KIND_LABEL[scheme.period_kind]
        return (f"计分办法：本村按{kind}考评，每户每{kind}基础分 {scheme.base_points} 分（{period.label}合计 {base} 分），"
                f"加上已审核的加减分为总分；星级和是否合格按每{kind}评定，见各{kind}公示榜，"
                f"“合格期数”为其中合格的{kind}数（每{kind}总分 {scheme.pass_line} 分及以上为合格）。"
                "只计已审核的积分，待审核和已驳回的不计入。")
    stars = "、".join(f"{t} 分{NUMERALS[n]}星" for n, t in enumerate(scheme.star_thresholds, 1))
    if scheme.reset_each_period:
        earned = f"每户基础分 {base} 分，加上本期已审核的加减分为总分"
    else:
        earned = f"每户基础分 {base} 分，加上历年累计已审核的加减分为总分"
    return (f"计分办法：{earned}；总分 {scheme.pass_line} 分及以上为合格；星级：{stars}。"
            "只计已审核的积分，待审核和已驳回的不计入。")


def _cell(text, size: float, align: str = "LEFT", style: ParagraphStyle | None = None):
    return para(text, style or cell_style(size, align))


def _board_widths(shown: list[ranking.Standing], size: float, side: float, graded: bool) -> list[float]:
    """名次, 户主, 村民小组, 得分 and (``graded``) the stars or pass column of one board, ``side`` points in all.

    The rank, points and last column get what their longest entry needs; the
    names share the rest in proportion to theirs, wrapping if they must.
    """
    pad = 2 * 3 + size * 0.5 + 2  # cell padding, the paragraph's right indent, a little air

    def need(texts) -> float:
        return max(text_width(str(t), size) for t in texts) + pad

    fixed = [need(["名次", *(s.rank for s in shown)]), need(["得分", *(signed(s.points) for s in shown)])]
    if graded:
        fixed.append(max(StarCell(5, size, size).width, text_width("是否合格", size)) + pad)
    names = [need(["户主", *(s.head or NO_HEAD for s in shown)]), need(["村民小组", *(s.group_name for s in shown)])]
    rest = side - sum(fixed)
    if sum(names) <= rest:
        extra = (rest - sum(names)) / 2
        names = [w + extra for w in names]
    else:
        names = [rest * w / sum(names) for w in names]
    return [fixed[0], names[0], names[1], *fixed[1:]]


def _board_note(board: ranking.RedBoard, empty: str) -> str | None:
    """What the row under a board's names says: nobody to name, or a tie too large to name."""
    if board.left_out is not None:
        rank, count, points = board.left_out
        more = "另有" if board.shown else "有"
        return f"{more} {count} 户并列第 {rank} 名（{signed(points)} 分），人数超过榜单，不逐户列出，见全村排名。"
    return None if board.shown else empty


def _board_grid(title: str, colours: tuple, headers: list[str], rows: list[list], widths: list[float],
                note: str | None, size: float) -> Table:
    """One board: a coloured title row, its column headers, the named households, and a note
    (nobody to name, a tie too large to name) spanning the width under them."""
    head = ParagraphStyle("vd-board-head", parent=cell_style(size + 1.5, "CENTER", header=True),
                          textColor=colors.white, leading=round((size + 1.5) * 1.3, 1))
    n = len(widths)
    data = [[_cell(title, size, style=head)] + [""] * (n - 1), [_cell(t, size, "CENTER") for t in headers], *rows]
    grid = colors.HexColor("#555555")
    style: list[TableCommand] = [
        ("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), colours[0]),
        ("BACKGROUND", (0, 1), (-1, 1), colours[1]),
        ("GRID", (0, 0), (-1, -1), 0.5, grid), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if note is not None:
        data.append([_cell(note, size, "CENTER")] + [""] * (n - 1))
        style.append(("SPAN", (0, len(data) - 1), (-1, len(data) - 1)))
    return Table(data, colWidths=widths, repeatRows=2, style=TableStyle(style), hAlign="LEFT")


def _red_table(red_board: ranking.RedBoard, size: float, board: int, frame_width: float, graded: bool) -> Table:
    """红榜, with the stars drawn (none without ``graded``: a year of a village that grades by quarter).

    The caption counts whom it names: fewer than ``board`` when fewer gained
    points, more when a tie at the cut is named in full.
    """
    red = red_board.shown
    tie = "，含并列" if len(red) > board else ""
    caption = f"红榜（本期得分最高的 {len(red)} 户{tie}）" if red else "红榜"
    widths = _board_widths(red, size, frame_width, graded)
    leading = round(size * 1.28, 1)
    stars = [StarCell(k, size, leading) for k in range(6)]
    rows = [[_cell(s.rank, size, "CENTER"), _cell(s.head or NO_HEAD, size), _cell(s.group_name, size),
             _cell(signed(s.points), size, "RIGHT"), stars[s.stars] if s.stars else ""][:len(widths)] for s in red]
    headers = ["名次", "户主", "村民小组", "得分", "星级"][:len(widths)]
    return _board_grid(caption, (RED, colors.HexColor("#f6dcdc")), headers, rows, widths,
                       _board_note(red_board, "本期没有加分的户。"), size)


def _black_table(entries: list[ranking.BlackEntry], more: int, line: int, size: float, frame_width: float) -> Table:
    """黑榜 as the village's rule has it: the households below the line, lowest first, with the reason;
    ``more`` below it not named (the board's size reached: they are in the full ranking)."""
    pad = 2 * 3 + size * 0.5 + 2

    def need(texts) -> float:
        return max(text_width(str(t), size) for t in texts) + pad

    shown = [e.standing for e in entries]
    widths = [need(["户编号", *(s.code for s in shown)]), need(["户主", *(s.head or NO_HEAD for s in shown)]),
              need(["村民小组", *(s.group_name for s in shown)]), need(["总分", *(s.score for s in shown)])]
    widths.append(max(frame_width - sum(widths), frame_width * 0.35))
    rows = [[_cell(s.code, size, "CENTER"), _cell(s.head or NO_HEAD, size), _cell(s.group_name, size),
             _cell(s.score, size, "RIGHT"), _cell(e.reason, size)] for e, s in zip(entries, shown, strict=True)]
    return _board_grid(f"黑榜（总分低于 {line} 分的户）", (DARK, colors.HexColor("#dddddd")),
                       ["户编号", "户主", "村民小组", "总分", "上榜原因"], rows, widths,
                       f"另有 {more} 户总分低于 {line} 分，人数超过榜单，不逐户列出，见全村排名。" if more
                       else None if entries else f"本期没有总分低于 {line} 分的户。", size)


def _ranking_rows(standings: list[ranking.Standing], graded: bool) -> list[list]:
    # Plain text cells: they go out with the table's one text object, in row order.
    def grades(s: ranking.Standing) -> list:
        if graded:
            return [star_label(s.stars), "合格" if s.passed else "不合格"]
        return [] if s.parts_passed is None else [f"{s.parts_passed}/{s.parts}"]

    return [[s.rank, s.code, s.head or NO_HEAD, s.group_name, signed(s.points), s.score, *grades(s)]
            for s in standings]


def _groups_table(standings: list[ranking.Standing], size: float, graded: bool, by_part: bool):
    n = 5 if graded or by_part else 4  # a board shorter than a scheme period passes nobody
    rows = [[g["group_name"], g["households"], f"{g['average']:.1f}",
             f"{round(g['participation'] * g['households'])} 户（{g['participation'] * 100:.1f}%）",
             g["passed"]][:n] for g in ranking.groups(standings)]
    return data_table(["村民小组", "户数", "平均总分", "参与户数（有积分记录）",
                       "合格户数" if graded else "各期均合格户数"][:n], rows,
                      [90, 40, 60, 120, 80][:n], align=["LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"][:n],
                      font_size=size)


def _count(store: Store, status: str, period: periods.Period) -> int:
    return store.scalar("SELECT count(*) FROM point_entries WHERE status = ? AND entry_date BETWEEN ? AND ?",
                        (status, period.start.isoformat(), period.end.isoformat()))


def _names(names: list[str], shown: int = 4) -> str:
    """Who signed, as the board's foot names them: a few, then 等 N 人; a blank line to sign on for none."""
    if not names:
        return "＿＿＿＿＿＿"
    more = f"等 {len(names)} 人" if len(names) > shown else ""
    return "、".join(names[:shown]) + more


def _clean_options(size: str, board) -> tuple[str, int]:
    paper = str(size or "").strip().upper()
    if paper not in SIZES:
        raise UserError(messages.PAPER_SIZE.format(size=size))
    try:
        count = int(board)
    except (TypeError, ValueError):
        raise UserError(messages.BOARD_NOT_INTEGER) from None
    if not 1 <= count <= MAX_BOARD:
        raise UserError(messages.BOARD_RANGE.format(limit=MAX_BOARD))
    return paper, count


def print_ranking(store: Store, path: Path | str, period_code: str, *, size: str = "A4", board: int = 10,
                  progress: Progress | None = None, today: date | None = None) -> Path:
    """Print the public points board of ``period_code`` (2026 / 2026-Q3 / 2026-07) to ``path``.

    ``size`` is A4 or A3 (portrait); ``board`` is how many households 红榜 and
    黑榜 name (more when the last one ties).  Raises UserError, writing nothing,
    for a missing profile, a period written wrongly, a village with no
    households, or a period that is not posted and has no approved points.
    """
    profile = village.get_profile(store)
    if profile is None:
        raise UserError(messages.NO_PROFILE)
    paper, board = _clean_options(size, board)
    period = periods.parse(period_code)
    today = today or clock.today()
    scheme = get_scheme(store)
    state = ledger.period_state(store, period.code)
    approved, pending = _count(store, EntryStatus.APPROVED, period), _count(store, EntryStatus.PENDING, period)
    if not approved and state["status"] == PeriodStatus.OPEN:
        hint = messages.RANKING_PENDING_HINT.format(pending=pending) if pending else ""
        raise UserError(messages.RANKING_NO_POINTS.format(label=period.label, hint=hint))
    standings = ranking.ranking(store, period.code)
    if not standings:
        raise UserError(messages.RANKING_NO_HOUSEHOLDS)

    title_size, red_size, font = type_sizes(paper)
    title_style = ParagraphStyle(f"vd-board-title-{paper}", parent=TITLE_STYLE, fontSize=title_size,
                                 leading=round(title_size * 1.3, 1), spaceAfter=title_size * 0.2)
    body = ParagraphStyle(f"vd-board-body-{paper}", parent=BODY, fontSize=font + 1.5,
                          leading=round((font + 1.5) * 1.5, 1))
    heading = ParagraphStyle(f"vd-board-heading-{paper}", parent=HEADING, fontSize=font + 4,
                             leading=round((font + 4) * 1.4, 1), spaceBefore=8, spaceAfter=4)
    page_width = SIZES[paper][0]

    notes = _posting_lines(state, profile, period, scheme)
    if pending:
        notes.append(f"另有 {pending} 条积分待审核，未计入本榜。")
    if state["status"] == PeriodStatus.POSTED:
        objections = ledger.open_objections(store, period.code)
        if objections:
            notes.append(f"本期有 {objections} 条异议正在处理。")
    red = ranking.red_board(standings, board)
    black = ranking.black_board(store, period.code, standings, board)
    graded = ranking.graded(scheme, period)
    by_part = standings[0].parts_passed is not None
    columns = COLUMNS if graded else PARTS_COLUMNS if by_part else COLUMNS[:-2]
    earned_header = "本期得分" if scheme.reset_each_period else "累计得分"
    headers = [h if h != "本期得分" else earned_header for h, _, _ in columns]
    table = data_table(headers, _ranking_rows(standings, graded), [w for _, w, _ in columns],
                       align=[a for _, _, a in columns], zebra=True, font_size=font)
    passed = sum(1 for s in standings if s.in_good_standing)
    counted = f"共 {len(standings)} 户"
    if graded:
        counted += f"，合格 {passed} 户，不合格 {len(standings) - passed} 户"
    elif by_part:
        kind = periods.KIND_LABEL[scheme.period_kind]
        counted += f"，{standings[0].parts} 个{kind}均合格的 {passed} 户"
    rare = sorted({s.head for s in standings if s.head and uncovered(s.head)})

    count, head_hash = ledger.chain_head(store)
    recorders, reviewers = ledger.period_signers(store, period)
    story: list[Flowable] = [para(line, body) for line in notes]
    story += [para(_scheme_line(scheme, period, graded), body),
              para("红榜 · 黑榜" if black is not None else "红榜", heading),
              _red_table(red, red_size, board, page_width - 2 * MARGIN_X, graded)]
    if black is not None:
        more = len(ranking.below_line(standings, scheme)) - len(black)
        story += [Spacer(1, 6), _black_table(black, more, scheme.black_threshold, font, page_width - 2 * MARGIN_X)]
    elif scheme.black_board and not graded:
        kind = periods.KIND_LABEL[scheme.period_kind]
        story.append(para(f"黑榜按每{kind}评定，见各{kind}公示榜。", body))
    story += [para("全村排名", heading),
              para(f"{counted}。得分相同的户名次并列。", body),
              table,
              para("各村民小组比较", heading),
              _groups_table(standings, font, graded, by_part)]
    tail: list[Flowable] = []
    if rare:
        tail.append(para(f"注：{'、'.join(rare[:20])} 的姓名中有本机字体没有的生僻字，已印作“{MISSING}”。", body))
    tail += [
        para(f"核对：积分台账共 {count} 条已审核记录，末条校验值 {head_hash[:16]}（截至打印时）。"
             "本榜可与村委会电脑中的积分台账核对，台账中任何一条被改动，校验值都会对不上。", body),
        para(f"完整校验值：{head_hash}", SMALL),
        Spacer(1, 12),
        para(f"制表人：{profile.clerk}　　登记人：{_names(recorders)}", body),
        para(f"审核人：{_names(reviewers)}　　村务监督委员会：＿＿＿＿＿＿", body),
        # The 落款 is the day the board went up, not the day it was printed; before posting, a blank to fill in.
        para(f"{profile.name}村民委员会（盖章）　　{chinese_date(state['posted_on'], BLANK_DATE)}", body),
    ]
    story.append(Spacer(1, 10))
    story.append(KeepTogether(tail))
    return build_pdf(path, title=f"{period.label}{TITLE}", profile=profile, story=story, pagesize=SIZES[paper],
                     subtitle=profile.full_name, progress=progress, printed_on=today,
                     unfit=not_for_posting(store, period, scheme), title_style=title_style)


__all__ = ["TITLE", "not_for_posting", "print_ranking", "star_label", "type_sizes"]
