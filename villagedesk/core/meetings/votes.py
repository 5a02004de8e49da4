"""How many must be present and how many must agree: the rules of each kind of meeting.

Where the law sets them (docs/DOMAIN.md §3.2):

- 党员大会 (中国共产党支部工作条例（试行） 第十一条): more than half of the members
  with a vote (正式党员; 预备党员 have none) who should attend present; a resolution
  needs yes votes from more than half of those who should attend, not of those
  present: with 40 of 57 present, 28 yes votes are not enough.
- 村民代表会议 (村民委员会组织法 第二十六条): at least two thirds of its members present;
  more than half of those present.
- 村民会议 (村民委员会组织法 第二十二条): more than half of the villagers aged 18 or over,
  or the representatives of at least two thirds of the households, present; more than
  half of those present.

Where it is silent the program follows what villages practise under 民主集中制:

- 两委联席会议 and 支委会: more than half of the members present; more than half of
  those present.
- 屋场会 and 其他: open meetings without a membership, so no quorum applies; a show
  of hands carries with more than half of those present.

"Those present" are the attendees taken from the register; guests (列席) neither
count towards the quorum nor vote.  Numbers that cannot be (more votes than people
present, more present than expected) get no verdict at all, only what to check.  Exactly half is never more than half, and
exactly two thirds is at least two thirds: all comparisons are on whole numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from villagedesk.core.meetings import messages

HOUSE, REPRESENTATIVES, COMMITTEES, PARTY_MEMBERS, VILLAGERS, BRANCH, OTHER = (
    "屋场会", "村民代表会议", "两委联席会议", "党员大会", "村民会议", "支委会", "其他")
KINDS = (HOUSE, REPRESENTATIVES, COMMITTEES, PARTY_MEMBERS, VILLAGERS, BRANCH, OTHER)


@dataclass(frozen=True)
class Rule:
    """``present / eligible`` must reach ``quorum`` (a fraction), or exceed it when ``strict``.

    A resolution is carried by more than half of those present, or of all who should
    attend (应到) when ``of_eligible``.
    """

    quorum: tuple[int, int] | None
    strict: bool
    words: str  # the quorum in words, as the minutes print it
    basis: str
    households: tuple[int, int] | None = None  # 村民会议: or this share of the households represented
    of_eligible: bool = False


RULES: dict[str, Rule] = {
    PARTY_MEMBERS: Rule((1, 2), True, "有表决权的到会党员超过应到会有表决权党员的半数",
                        "《中国共产党支部工作条例（试行）》第十一条：有表决权的到会党员须超过应到会有表决权党员的半数，"
                        "赞成票超过应到会有表决权党员的半数为通过；预备党员没有表决权", of_eligible=True),
    REPRESENTATIVES: Rule((2, 3), False, "三分之二以上组成人员到会",
                          "《村民委员会组织法》第二十六条：三分之二以上组成人员参加，决定经到会人员过半数同意"),
    VILLAGERS: Rule((1, 2), True, "本村十八周岁以上村民过半数到会，或三分之二以上的户派代表参加",
                    "《村民委员会组织法》第二十二条：十八周岁以上村民过半数或三分之二以上的户的代表参加，"
                    "决定经到会人员过半数通过", households=(2, 3)),
    COMMITTEES: Rule((1, 2), True, "过半数成员到会", "民主集中制：过半数成员到会，决定经到会人员过半数同意"),
    BRANCH: Rule((1, 2), True, "过半数支部委员到会", "民主集中制：过半数委员到会，决定经到会委员过半数同意"),
    HOUSE: Rule(None, False, "不设法定人数", "屋场会为群众议事会，不设法定人数；表决以到会人员过半数赞成为通过"),
    OTHER: Rule(None, False, "不设法定人数", "不设法定人数；表决以到会人员过半数赞成为通过"),
}


@dataclass(frozen=True)
class Attendance:
    """The counts a quorum is judged on; ``eligible`` is 应到 (None: the kind has no membership)."""

    present: int
    absent: int = 0
    guests: int = 0
    eligible: int | None = None
    households_present: int | None = None
    households_eligible: int | None = None


@dataclass(frozen=True)
class Votes:
    votes_for: int
    against: int
    abstain: int

    @property
    def cast(self) -> int:
        return self.votes_for + self.against + self.abstain


@dataclass(frozen=True)
class Verdict:
    """``quorum_met``/``passed`` are None where they do not apply (no quorum rule, no vote)."""

    quorum_met: bool | None
    passed: bool | None
    quorum_text: str  # 应到 57 人，实到 40 人：达到法定人数（三分之二以上…）
    vote_text: str  # 赞成 30 票，反对 1 票，弃权 2 票，赞成票超过到会人数（40 人）的一半：通过。
    impossible: bool = False  # the numbers cannot be: no verdict, vote_text says what to check

    @property
    def text(self) -> str:
        return messages.VERDICT_TEXT.format(quorum_text=self.quorum_text, vote_text=self.vote_text)

    @property
    def label(self) -> str:
        """通过 / 未通过 / 未表决 / 票数有误, as a table cell says it."""
        if self.impossible:
            return messages.LABEL_IMPOSSIBLE
        return messages.LABEL_NOT_VOTED if self.passed is None else (
            messages.LABEL_CARRIED if self.passed else messages.LABEL_NOT_CARRIED)


def _reaches(part: int, whole: int, share: tuple[int, int], strict: bool) -> bool:
    num, den = share
    return part * den > num * whole if strict else part * den >= num * whole


def quorum(kind: str, attendance: Attendance) -> tuple[bool | None, str]:
    """(met?, a sentence saying why); None when the kind has no quorum or 应到 is unknown."""
    rule = RULES[kind]
    counted = messages.QUORUM_COUNTED.format(eligible=attendance.eligible, present=attendance.present)
    if rule.quorum is None:
        return None, messages.QUORUM_NOT_APPLICABLE.format(present=attendance.present, words=rule.words)
    if not attendance.eligible:
        return None, messages.QUORUM_ELIGIBLE_UNKNOWN.format(present=attendance.present)
    met = _reaches(attendance.present, attendance.eligible, rule.quorum, rule.strict)
    text = counted
    if rule.households is not None and attendance.households_eligible:
        by_households = _reaches(attendance.households_present or 0, attendance.households_eligible,
                                 rule.households, False)
        text += messages.QUORUM_HOUSEHOLDS.format(
            households_present=attendance.households_present or 0, households_eligible=attendance.households_eligible)
        met = met or by_households
    verdict = messages.QUORUM_MET if met else messages.QUORUM_NOT_MET
    return met, messages.QUORUM_VERDICT.format(text=text, verdict=verdict, words=rule.words)


def judge(kind: str, attendance: Attendance, votes: Votes | None) -> Verdict:
    """Whether a resolution of a ``kind`` meeting was carried, with the reasons in words.

    A resolution is carried when the meeting had its quorum (where one applies) and
    more than half of those present voted for it, or of all who should attend for a
    党员大会 (docs/DOMAIN.md §3.2).  Without ``votes`` it was not voted on.  Numbers that
    cannot be give no verdict (``impossible``, never carried) but what to check.
    """
    rule = RULES[kind]
    if rule.quorum is not None and attendance.eligible and attendance.present > attendance.eligible:
        check = messages.FINALISE_PRESENT_EXCEEDS_ELIGIBLE.format(present=attendance.present,
                                                                   eligible=attendance.eligible)
        return Verdict(None, False if votes else None, check, messages.NOT_VOTED if votes is None else check,
                       impossible=votes is not None)
    met, said = quorum(kind, attendance)
    if votes is None:
        return Verdict(met, None, said, messages.NOT_VOTED)
    if votes.cast > attendance.present:
        return Verdict(met, False, said, messages.VOTES_EXCEED_PRESENT.format(
            cast=votes.cast, present=attendance.present), impossible=True)
    tally = messages.VOTE_TALLY.format(
        votes_for=votes.votes_for, against=votes.against, abstain=votes.abstain)
    if met is False:
        return Verdict(False, False, said, messages.VOTE_NO_QUORUM.format(tally=tally))
    if rule.of_eligible:
        if not attendance.eligible:
            return Verdict(met, False, said, messages.VOTE_ELIGIBLE_UNKNOWN.format(tally=tally))
        base, half = attendance.eligible, messages.VOTE_HALF_ELIGIBLE.format(eligible=attendance.eligible)
    else:
        base, half = attendance.present, messages.VOTE_HALF.format(present=attendance.present)
    if votes.votes_for * 2 <= base:
        return Verdict(met, False, said, messages.VOTE_NOT_CARRIED.format(tally=tally, half=half))
    return Verdict(met, True, said, messages.VOTE_CARRIED.format(tally=tally, half=half))


def eligible_words(kind: str) -> str:
    """What 应到 counts at a ``kind`` meeting, as the minutes print it (应到人数, 应到会有表决权党员)."""
    return messages.ELIGIBLE_VOTERS if RULES[kind].of_eligible else messages.ELIGIBLE_PEOPLE


__all__ = ["BRANCH", "COMMITTEES", "HOUSE", "KINDS", "OTHER", "PARTY_MEMBERS", "REPRESENTATIVES", "RULES", "VILLAGERS",
           "Attendance", "Rule", "Verdict", "Votes", "eligible_words", "judge", "quorum"]
