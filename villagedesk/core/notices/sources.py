"""Drafts from other areas, in one action: a points ranking, a 四议两公开 matter.

The draft carries the other area's table or text as it stands when it is made;
``source`` names where it came from (``ranking:2026-Q3``, ``matter:3``), and
posting a 决议公开 draft records the matter's resolution as posted
(see ``lifecycle.post_notice``).
"""

from __future__ import annotations

from datetime import date

from villagedesk import clock
from villagedesk.core.common import periods
from villagedesk.core.common.village import get_profile
from villagedesk.core.meetings import matters
from villagedesk.core.meetings import minutes as meetings
from villagedesk.core.notices import messages
from villagedesk.core.notices._drafts import create_notice
from villagedesk.core.notices.lifecycle import MATTER_SOURCE
from villagedesk.core.notices.model import long_date
from villagedesk.core.notices.tables import free_table
from villagedesk.core.points import ledger, ranking
from villagedesk.core.points.ledger import EntryStatus, PeriodStatus
from villagedesk.core.points.rules import get_scheme
from villagedesk.errors import UserError
from villagedesk.store import Store

RANKING_SOURCE = "ranking:"
NUMERALS = "零一二三四五六七八九十"


def _label(period: periods.Period) -> str:
    """The period's printed label without its spaces, for a title (2026年第三季度)."""
    return period.label.replace(" ", "")


def notice_from_ranking(store: Store, period_code: str, *, today: date | None = None) -> dict:
    """A 村务公开 draft with the period's points ranking as its table (名次, 户编号, 户主, 村民小组, …).

    Refused for a period without approved points or a village without households.
    """
    period = periods.parse(period_code)
    scheme = get_scheme(store)
    state = ledger.period_state(store, period.code)
    approved = store.scalar("SELECT count(*) FROM point_entries WHERE status = ? AND entry_date BETWEEN ? AND ?",
                            (EntryStatus.APPROVED, period.start.isoformat(), period.end.isoformat()))
    if not approved and state["status"] == PeriodStatus.OPEN:
        raise UserError(messages.RANKING_NO_POINTS.format(label=period.label))
    standings = ranking.ranking(store, period.code)
    if not standings:
        raise UserError(messages.RANKING_NO_HOUSEHOLDS)
    graded = ranking.graded(scheme, period)
    headers = ["名次", "户编号", "户主", "村民小组", "本期得分", "总分"]
    headers += ["星级", "是否合格"] if graded else ["合格期数"]
    rows = []
    for s in standings:
        grades = ([f"{NUMERALS[s.stars]}星" if s.stars else "", "合格" if s.passed else "不合格"] if graded
                  else [f"{s.parts_passed}/{s.parts}"])
        rows.append([str(s.rank), s.code, s.head or "（户主未登记）", s.group_name,
                     f"+{s.points}" if s.points > 0 else str(s.points), str(s.score), *grades])
    passed = sum(1 for s in standings if s.in_good_standing)
    base = ranking.base_for(scheme, period)
    body = (f"根据本村积分制管理办法，现将{_label(period)}各户积分排名公示如下。每户基础分 {base} 分，"
            f"加上经审核的加减分为总分，{scheme.pass_line} 分及以上为合格。全村共 {len(standings)} 户，"
            f"合格 {passed} 户。得分相同的户名次并列。\n"
            "各户如对本户或他户积分有异议，请在公示期内向村务监督委员会或村民委员会反映。")
    return create_notice(store, category="村务公开", title=f"{_label(period)}积分排名公示", body=body,
                         issued_on=today or clock.today(), table=free_table(headers, rows),
                         table_title=f"{_label(period)}积分排名", source=f"{RANKING_SOURCE}{period.code}")


def _sentence(text: str) -> str:
    return text if text.endswith(("。", "！", "？", "；")) else text + "。"


def _stage_lines(progress: matters.Progress) -> list[str]:
    lines = []
    for n, stage in enumerate(progress.stages, 1):
        meeting = stage.held_meeting
        lines.append(f"{NUMERALS[n]}、{stage.stage.name}：{long_date(meeting['meeting_date'])}，{meeting['title']}"
                     f"（会议记录 {meeting['code']}）。")
    return lines


def notice_from_matter(store: Store, matter_id: int, *, today: date | None = None) -> dict:
    """A 四议两公开 draft of a matter's decision: the four meetings and the finalised resolution text
    of the 村民（代表）会议 with its votes.  Refused until all four stages are done."""
    progress = matters.progress(store, matter_id)
    if progress.done_count < len(matters.STAGES):
        raise UserError(messages.MATTER_NOT_DONE.format(
            title=progress.matter["title"], next_step=progress.next_step))
    matter = progress.matter
    decision = progress.stages[-1].held_meeting
    carried = [r for r in meetings.minutes(store, decision["id"]).resolutions if r.verdict.passed]
    resolutions = [f"{r.row['text'].rstrip('。')}（{r.verdict.vote_text.rstrip('。')}）。" for r in carried]
    profile = get_profile(store)
    village = profile.name if profile else "本村"
    parts = [f"经{village}“四议两公开”程序，现将“{matter['title']}”的决议公开如下。"]
    if matter["description"]:
        parts.append(f"事项内容：{_sentence(matter['description'])}")
    parts.append("议事经过：")
    parts += _stage_lines(progress)
    parts.append("决议：")
    parts += resolutions if len(resolutions) == 1 else [f"{n}. {text}" for n, text in enumerate(resolutions, 1)]
    return create_notice(store, category="四议两公开", title=f"关于{matter['title']}的决议公开"[:80],
                         body="\n".join(parts), issued_on=today or clock.today(),
                         source=f"{MATTER_SOURCE}{matter['id']}")
