"""四议两公开: a major village matter through its four meetings, then posted twice.

The order is fixed (docs/DOMAIN.md §3.3): 党支部提议 (支委会) → 两委会议商议 (两委联席会议) →
党员大会审议 (党员大会) → 村民（代表）会议决议 (村民代表会议 or 村民会议); then the
resolution is posted (决议公开) and later the result of carrying it out (结果公开).

A stage is linked to finalised minutes of the fitting kind, dated no earlier than
the stage before it; a stage can only be linked once the ones before it are.  The
two voting stages are done only when the meeting carried a resolution under the
rules of :mod:`villagedesk.core.meetings.votes`; otherwise the stage stands as
未通过 and the matter goes no further until another meeting is linked in its place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from villagedesk import clock
from villagedesk.core.common import fields, records
from villagedesk.core.common import messages as common_messages
from villagedesk.core.common.dates import parse_date
from villagedesk.core.meetings import messages
from villagedesk.core.meetings import minutes as meetings
from villagedesk.core.meetings.votes import BRANCH, COMMITTEES, PARTY_MEMBERS, REPRESENTATIVES, VILLAGERS
from villagedesk.errors import UserError
from villagedesk.store import Store

DONE, FAILED, WAITING = "已完成", "未通过", "未开始"
RESOLUTION_POSTING, RESULT_POSTING = "决议公开", "实施结果公开"


@dataclass(frozen=True)
class Stage:
    number: int
    name: str
    column: str
    kinds: tuple[str, ...]
    needs_vote: bool


STAGES = (
    Stage(1, "党支部提议", "proposal_meeting_id", (BRANCH,), False),
    Stage(2, "两委会议商议", "discussion_meeting_id", (COMMITTEES,), False),
    Stage(3, "党员大会审议", "review_meeting_id", (PARTY_MEMBERS,), True),
    Stage(4, "村民（代表）会议决议", "decision_meeting_id", (REPRESENTATIVES, VILLAGERS), True),
)


@dataclass(frozen=True)
class StageState:
    stage: Stage
    meeting: dict | None
    state: str  # 已完成 / 未通过 / 未开始
    note: str = ""

    @property
    def held_meeting(self) -> dict:
        """The meeting of a stage that was held (done or failed): asked only of those."""
        if self.meeting is None:
            raise LookupError(f"“{self.stage.name}” has no meeting yet")
        return self.meeting


@dataclass(frozen=True)
class Progress:
    """Where a matter stands: each stage, and the one step to take next (None when all is done)."""

    matter: dict
    stages: tuple[StageState, ...]
    next_step: str | None

    @property
    def done_count(self) -> int:
        return sum(1 for s in self.stages if s.state == DONE)

    @property
    def finished(self) -> bool:
        return self.next_step is None


def _stage(value) -> Stage:
    for stage in STAGES:
        if value in (stage.number, stage.name, stage.column):
            return stage
    raise UserError(messages.NO_SUCH_STAGE.format(
        value=value, choices=common_messages.LIST_SEPARATOR.join(s.name for s in STAGES)))


def _matter(store: Store, matter_id: int) -> dict:
    row = records.get(store, "matters", matter_id) if matter_id else None
    if row is None:
        raise UserError(messages.NO_SUCH_MATTER.format(matter_id=matter_id))
    return row


def _clean(title, description) -> dict:
    title = fields.text(title)
    if not title:
        raise UserError(messages.MATTER_TITLE_MISSING, field="title")
    return {"title": title, "description": fields.text(description)}


def create_matter(store: Store, *, title: str, description: str = "") -> dict:
    return records.insert(store, "matters", {**_clean(title, description), "proposal_meeting_id": None,
                                             "discussion_meeting_id": None, "review_meeting_id": None,
                                             "decision_meeting_id": None, "resolution_posted_on": None,
                                             "result": "", "result_posted_on": None})


def update_matter(store: Store, matter_id: int, *, title: str, description: str = "") -> dict:
    _matter(store, matter_id)
    return records.update(store, "matters", matter_id, _clean(title, description))


def _carried(store: Store, meeting_id: int) -> bool:
    return any(r.verdict.passed for r in meetings.minutes(store, meeting_id).resolutions)


def link_stage(store: Store, matter_id: int, stage, meeting_id: int) -> dict:
    """Record that ``stage`` (1–4, or its name) was held at meeting ``meeting_id``.

    Refused unless the meeting is finalised, of the stage's kind, dated no earlier than
    the stage before and no later than a stage after that is already linked, not used
    for another stage, and every stage before it is linked.
    """
    stage = _stage(stage)
    with store.atomic():
        matter = _matter(store, matter_id)
        if matter["resolution_posted_on"]:
            raise UserError(messages.MATTER_RESOLUTION_POSTED)
        meeting = meetings.get_meeting(store, meeting_id) if meeting_id else None
        if meeting is None:
            raise UserError(messages.STAGE_MEETING_MISSING.format(stage=stage.name), field="meeting")
        if meeting["status"] != meetings.MeetingStatus.FINAL:
            raise UserError(messages.STAGE_MEETING_DRAFT.format(
                code=meeting["code"], stage=stage.name), field="meeting")
        if meeting["kind"] not in stage.kinds:
            raise UserError(messages.STAGE_WRONG_KIND.format(
                stage=stage.name, kinds=messages.OR.join(stage.kinds), code=meeting["code"], kind=meeting["kind"]),
                field="meeting")
        for other in STAGES:
            linked = matter[other.column]
            if other.number < stage.number and linked is None:
                raise UserError(messages.STAGE_OUT_OF_ORDER.format(
                    other=other.name, stage=stage.name), field="meeting")
            if linked is None or other is stage:
                continue
            if linked == meeting["id"]:
                raise UserError(messages.MEETING_ALREADY_A_STAGE.format(
                    code=meeting["code"], stage=other.name), field="meeting")
            day = meetings.require_meeting(store, linked)["meeting_date"]
            if other.number < stage.number and meeting["meeting_date"] < day:
                raise UserError(messages.STAGE_BEFORE_EARLIER.format(
                    stage=stage.name, meeting_date=meeting["meeting_date"], other=other.name, day=day),
                    field="meeting")
            if other.number > stage.number and meeting["meeting_date"] > day:
                raise UserError(messages.STAGE_AFTER_LATER.format(
                    stage=stage.name, meeting_date=meeting["meeting_date"], other=other.name, day=day),
                    field="meeting")
        return records.update(store, "matters", matter_id, {stage.column: meeting["id"]}, action="link")


def _posting_day(value, after: str, what: str, today: date) -> date:
    day = parse_date(value) if value not in (None, "") else today
    if day is None:
        raise UserError(messages.POSTING_DATE_INVALID.format(what=what), field="day")
    if day.isoformat() < after:
        raise UserError(messages.POSTING_DATE_TOO_EARLY.format(what=what, after=after), field="day")
    if day > today:
        raise UserError(messages.POSTING_DATE_IN_FUTURE.format(what=what), field="day")
    return day


def post_resolution(store: Store, matter_id: int, *, day=None, today: date | None = None) -> dict:
    """决议公开: the villagers' decision is posted; only after all four stages are done."""
    today = today or clock.today()
    with store.atomic():
        state = progress(store, matter_id)
        if state.matter["resolution_posted_on"]:
            raise UserError(messages.RESOLUTION_ALREADY_POSTED.format(
                posted_on=state.matter["resolution_posted_on"]))
        if state.done_count < len(STAGES):
            raise UserError(messages.FOUR_STEPS_NOT_DONE.format(next_step=state.next_step))
        decided = state.stages[-1].held_meeting["meeting_date"]
        posted = _posting_day(day, decided, "决议公开", today)
        return records.update(store, "matters", matter_id, {"resolution_posted_on": posted.isoformat()},
                              action="post")


def post_result(store: Store, matter_id: int, *, result: str, day=None, today: date | None = None) -> dict:
    """结果公开: how the decision was carried out is posted; after the resolution was."""
    today = today or clock.today()
    result = fields.text(result)
    with store.atomic():
        matter = _matter(store, matter_id)
        if not matter["resolution_posted_on"]:
            raise UserError(messages.RESULT_BEFORE_RESOLUTION)
        if matter["result_posted_on"]:
            raise UserError(messages.RESULT_ALREADY_POSTED.format(posted_on=matter["result_posted_on"]))
        if not result:
            raise UserError(messages.RESULT_MISSING, field="result")
        posted = _posting_day(day, matter["resolution_posted_on"], "结果公开", today)
        return records.update(store, "matters", matter_id, {"result": result, "result_posted_on": posted.isoformat()},
                              action="post")


def progress(store: Store, matter_id: int) -> Progress:
    """Each stage's state and the next step: the first stage not done, then the two postings."""
    matter = _matter(store, matter_id)
    states = []
    for stage in STAGES:
        meeting_id = matter[stage.column]
        if meeting_id is None:
            states.append(StageState(stage, None, WAITING))
            continue
        meeting = meetings.require_meeting(store, meeting_id)
        if stage.needs_vote and not _carried(store, meeting_id):
            states.append(StageState(stage, meeting, FAILED, messages.STAGE_NOT_CARRIED.format(
                code=meeting["code"])))
        else:
            states.append(StageState(stage, meeting, DONE))
    pending = next((s for s in states if s.state != DONE), None)
    if pending is not None:
        next_step = pending.stage.name
    elif not matter["resolution_posted_on"]:
        next_step = RESOLUTION_POSTING
    elif not matter["result_posted_on"]:
        next_step = RESULT_POSTING
    else:
        next_step = None
    return Progress(matter, tuple(states), next_step)


def all_matters(store: Store) -> list[Progress]:
    """Every matter, newest first, with its progress (a village has a handful a year)."""
    return [progress(store, r["id"]) for r in store.rows("SELECT id FROM matters ORDER BY id DESC")]


def matters_of_meeting(store: Store, meeting_id: int) -> list[tuple[dict, Stage]]:
    """The matters (and stages) a meeting is part of, for its minutes."""
    found = []
    for row in store.rows("SELECT * FROM matters WHERE ? IN (proposal_meeting_id, discussion_meeting_id, "
                          "review_meeting_id, decision_meeting_id) ORDER BY id", (meeting_id,)):
        found += [(row, s) for s in STAGES if row[s.column] == meeting_id]
    return found


__all__ = ["DONE", "FAILED", "RESOLUTION_POSTING", "RESULT_POSTING", "STAGES", "WAITING", "Progress",
           "Stage", "StageState", "all_matters", "create_matter", "link_stage", "matters_of_meeting", "post_resolution",
           "post_result", "progress", "update_matter"]
