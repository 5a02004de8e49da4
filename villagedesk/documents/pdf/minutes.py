"""会议记录: the formal minutes of one meeting, for the village's files.

Header (kind, code, date and time, place, chair, recorder, attendance counts),
who came (by 村民小组), who did not and why, guests, the agenda with the
discussion of each item, the resolutions with their votes and whether the
quorum and majority rules were met, the requests raised at the meeting (with
where each stands on the day of printing), the amendments made after the
minutes were finalised, and signature lines.  A draft prints with 草稿 in its
subtitle.  Minutes name villagers and their troubles, so every page is marked
内部资料.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Spacer

from villagedesk import clock
from villagedesk.core.common import village
from villagedesk.core.common.dates import chinese_date
from villagedesk.core.meetings import matters
from villagedesk.core.meetings import minutes as meetings
from villagedesk.core.meetings.votes import RULES, eligible_words
from villagedesk.core.requests.ledger import is_overdue
from villagedesk.documents.pdf import messages
from villagedesk.documents.pdf.base import (
    BODY,
    HEADING,
    MARGIN_X,
    SMALL,
    Progress,
    Table,
    TableStyle,
    build_pdf,
    cell_style,
    data_table,
    para,
)
from villagedesk.documents.pdf.tables import GRID, HEADER_BG, TableCommand
from villagedesk.errors import UserError
from villagedesk.store import Store

WEEKDAYS = "一二三四五六日"
NUMERALS = "一二三四五六七八九十"
ITEM = ParagraphStyle("vd-minutes-item", parent=BODY, leftIndent=21)
NOTHING = "无。"
FRAME_WIDTH = A4[0] - 2 * MARGIN_X

RESOLUTION_COLUMNS = (("序号", 30, "CENTER"), ("决议内容", 250, "LEFT"), ("表决情况", 150, "LEFT"),
                      ("结果", 50, "CENTER"))
# Widths in points of the 510-point A4 frame at 8.5 pt: a code, a date and 办理中 fit on one line.
REQUEST_COLUMNS = (("编号", 54, "CENTER"), ("提出人", 42, "LEFT"), ("类别", 44, "CENTER"), ("诉求内容", 138, "LEFT"),
                   ("办理方式", 70, "LEFT"), ("责任人", 42, "LEFT"), ("期限", 72, "CENTER"), ("状态", 48, "CENTER"))
AMENDMENT_COLUMNS = (("日期", 80, "CENTER"), ("更正人", 52, "LEFT"), ("原因", 100, "LEFT"), ("更正内容", 252, "LEFT"))


def numeral(n: int) -> str:
    """1 → 一, 12 → 十二 (agenda items are numbered so, up to 99)."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + (NUMERALS[ones - 1] if ones else "")


def _when(meeting: dict) -> str:
    if not meeting["meeting_date"]:
        return "（未填）"
    day = date.fromisoformat(meeting["meeting_date"])
    return f"{chinese_date(day)}（星期{WEEKDAYS[day.weekday()]}）"


def _hours(meeting: dict) -> str:
    if meeting["start_time"] and meeting["end_time"]:
        return f"{meeting['start_time']}—{meeting['end_time']}"
    return meeting["start_time"] or "（未填）"


def _status(meeting: dict) -> str:
    if meeting["status"] == meetings.MeetingStatus.FINAL:
        # Who signed the finalising: the chair or the recorder (docs/SECURITY.md "Signatures").
        return f"已定稿（{meeting['finalised_at'][:10]}，{meeting['finalised_by']} 签字）"
    return "草稿（未定稿）"


def _header(record: meetings.Minutes, width: float) -> Table:
    """The facts of the meeting as a two-pair-per-row grid."""
    m, counts = record.meeting, record.attendance
    counted = f"出席 {counts.present} 人，缺席 {counts.absent} 人，列席 {counts.guests} 人"
    pairs = [("会议类型", m["kind"]), ("会议编号", m["code"]), ("会议日期", _when(m)), ("会议时间", _hours(m)),
             ("地点", m["place"] or "（未填）"), ("记录状态", _status(m)),
             ("主持人", m["chair_name"] or "（未填）"), ("记录人", m["recorder_name"] or "（未填）")]
    if counts.eligible:
        pairs.append((eligible_words(m["kind"]), f"{counts.eligible} 人"))
    if counts.households_eligible:
        pairs.append(("到会户数", f"{counts.households_present} 户（共 {counts.households_eligible} 户）"))
    pairs.append(("到会情况", counted))
    if len(pairs) % 2:
        pairs.append(("", ""))
    label = cell_style(9.5, "CENTER", header=True)
    value = cell_style(9.5)
    rows: list[list[Flowable | str]] = [[para(a, label), para(b, value), para(c, label), para(d, value)]
                                        for (a, b), (c, d) in zip(pairs[::2], pairs[1::2])]
    if m["note"]:
        rows.append([para("备注", label), para(m["note"], value), "", ""])
    side = width * 0.14
    table = Table(rows, colWidths=[side, width / 2 - side, side, width / 2 - side])
    style: list[TableCommand] = [("GRID", (0, 0), (-1, -1), 0.5, GRID),
                                 ("BACKGROUND", (0, 0), (0, -1), HEADER_BG),
                                 ("BACKGROUND", (2, 0), (2, -1), HEADER_BG), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if m["note"]:
        style.append(("SPAN", (1, len(rows) - 1), (3, len(rows) - 1)))
    table.setStyle(TableStyle(style))
    return table


def _by_group(people: list[dict]) -> list:
    """出席人员 as one paragraph per 村民小组: 第一村民小组（3 人）：张三、李四、王五。"""
    groups: dict[str, list[str]] = defaultdict(list)
    for person in people:
        groups[person["group_name"] or "其他"].append(person["name"])
    return [para(f"{group}（{len(names)} 人）：{'、'.join(names)}。", ITEM) for group, names in groups.items()]


def _people(record: meetings.Minutes) -> list:
    story: list[Flowable] = [para(f"出席人员（{len(record.present)} 人）", HEADING)]
    story += _by_group(record.present) or [para(NOTHING, ITEM)]
    story.append(para(f"缺席人员（{len(record.absent)} 人）", HEADING))
    absent = [f"{p['name']}（{p['note']}）" if p["note"] else p["name"] for p in record.absent]
    story.append(para("、".join(absent) + "。" if absent else NOTHING, ITEM))
    story.append(para(f"列席人员（{len(record.guests)} 人）", HEADING))
    guests = [f"{p['name']}（{p['note']}）" if p["note"] else p["name"] for p in record.guests]
    story.append(para("、".join(guests) + "。" if guests else NOTHING, ITEM))
    return story


def _agenda(record: meetings.Minutes) -> list:
    story: list[Flowable] = [para("会议议程及讨论情况", HEADING)]
    if not record.agenda:
        return story + [para(NOTHING, ITEM)]
    for item in record.agenda:
        story.append(para(f"{numeral(item['seq'])}、{item['topic']}", BODY))
        story.append(para(item["discussion"] or "（未记录讨论情况）", ITEM))
    return story


def _votes(row: dict) -> str:
    votes = meetings.resolution_votes(row)
    if votes is None:
        return "未表决"
    return f"赞成 {votes.votes_for} 票，反对 {votes.against} 票，弃权 {votes.abstain} 票"


def _resolutions(record: meetings.Minutes) -> list:
    story: list[Flowable] = [para("会议决议", HEADING)]
    if not record.resolutions:
        return story + [para(NOTHING, ITEM)]
    rows = []
    for resolution in record.resolutions:
        text = resolution.row["text"]
        if resolution.agenda_topic:
            text += f"（议题：{resolution.agenda_topic}）"
        rows.append([resolution.row["seq"], text, _votes(resolution.row), resolution.verdict.label])
    story.append(data_table([c[0] for c in RESOLUTION_COLUMNS], rows, [c[1] for c in RESOLUTION_COLUMNS],
                            align=[c[2] for c in RESOLUTION_COLUMNS], zebra=False, font_size=9))
    voted = [r for r in record.resolutions if r.verdict.passed is not None]
    if voted:
        # Every resolution of one meeting is judged against the same attendance.
        story += [Spacer(1, 4), para(f"表决规则：{RULES[record.meeting['kind']].basis}。", SMALL),
                  para(f"到会情况：{voted[0].verdict.quorum_text}。", SMALL)]
        story += [para(f"第 {r.row['seq']} 项：{r.verdict.vote_text}", SMALL) for r in voted]
    return story


def _request_state(request: dict, today: date) -> str:
    if is_overdue(request, today):
        return f"{request['status']}\n（逾期）"
    return request["status"]


def _requests(record: meetings.Minutes, today: date) -> list:
    story: list[Flowable] = [para(f"会上提出的诉求（{len(record.requests)} 件）", HEADING)]
    if not record.requests:
        return story + [para(NOTHING, ITEM)]
    rows = []
    for r in record.requests:
        handling = r["handling"] + (f"：{r['department']}" if r["department"] else "")
        rows.append([r["code"], r["raised_by"], r["category"], r["content"], handling, r["owner"], chinese_date(r["deadline"]),
                     _request_state(r, today)])
    story.append(para(f"以下为截至{chinese_date(today)}的办理状态，详见民情台账。", SMALL))
    story.append(data_table([c[0] for c in REQUEST_COLUMNS], rows, [c[1] for c in REQUEST_COLUMNS],
                            align=[c[2] for c in REQUEST_COLUMNS], zebra=True, font_size=8.5))
    return story


def _amendments(record: meetings.Minutes) -> list:
    story: list[Flowable] = [para(f"更正说明（{len(record.amendments)} 条）", HEADING)]
    if not record.amendments:
        return story + [para(NOTHING, ITEM)]
    rows = [[chinese_date(a["amended_on"]), a["author"], a["reason"], a["text"]] for a in record.amendments]
    story.append(para("以下更正在会议记录定稿后添加，原记录保持不变。", SMALL))
    story.append(data_table([c[0] for c in AMENDMENT_COLUMNS], rows, [c[1] for c in AMENDMENT_COLUMNS],
                            align=[c[2] for c in AMENDMENT_COLUMNS], zebra=False, font_size=9))
    return story


def _matters(store: Store, meeting_id: int) -> list:
    linked = matters.matters_of_meeting(store, meeting_id)
    if not linked:
        return []
    lines = [f"本次会议是“四议两公开”事项“{matter['title']}”的“{stage.name}”环节。" for matter, stage in linked]
    return [Spacer(1, 6), *(para(line, BODY) for line in lines)]


def _signatures() -> list:
    blank = "＿＿＿＿＿＿＿＿"
    return [
        Spacer(1, 14),
        para(f"主持人（签字）：{blank}　　　　记录人（签字）：{blank}", BODY),
        Spacer(1, 10),
        para(f"参会人员代表（签字）：{blank}　{blank}　{blank}", BODY),
        Spacer(1, 10),
        para("签字日期：　　　　年　　月　　日", BODY),
    ]


def minutes_title(meeting: dict) -> str:
    """杨家湾屋场会 → 杨家湾屋场会记录; a title already ending in 记录 or 纪要 stays as it is."""
    title = meeting["title"]
    return title if title.endswith(("记录", "纪要")) else f"{title}记录"


def print_minutes(store: Store, path: Path | str, meeting, *, progress: Progress | None = None,
                  today: date | None = None) -> Path:
    """Print the minutes of ``meeting`` (its code HY0001, or its number) to ``path``.

    Raises UserError, writing nothing, for a missing village profile or an unknown meeting.
    """
    profile = village.get_profile(store)
    if profile is None:
        raise UserError(messages.NO_PROFILE)
    today = today or clock.today()
    found = meetings.find_meeting(store, meeting)
    record = meetings.minutes(store, found["id"])
    story = [_header(record, FRAME_WIDTH), *_matters(store, found["id"]), *_people(record), *_agenda(record),
             *_resolutions(record), *_requests(record, today),
             # The signatures never stand alone on a last page: the amendments come along.
             KeepTogether([*_amendments(record), *_signatures()])]
    draft = "" if record.final else "　草稿（未定稿）"
    subtitle = f"{profile.full_name}　{record.meeting['kind']}　会议编号 {record.code}{draft}"
    return build_pdf(path, title=minutes_title(record.meeting), profile=profile, story=story, subtitle=subtitle,
                     internal=True, progress=progress, printed_on=today)


__all__ = ["minutes_title", "numeral", "print_minutes"]
