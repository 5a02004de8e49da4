"""The quorum and majority rules of each kind of meeting (docs/DOMAIN.md §3.2), on plain counts."""

from __future__ import annotations

import pytest

from villagedesk.core.meetings.votes import (
    BRANCH,
    COMMITTEES,
    HOUSE,
    OTHER,
    PARTY_MEMBERS,
    REPRESENTATIVES,
    RULES,
    VILLAGERS,
    Attendance,
    Votes,
    eligible_words,
    judge,
    quorum,
)


def test_two_thirds_of_the_representatives_present_is_a_quorum_one_less_is_not():
    assert quorum(REPRESENTATIVES, Attendance(present=20, eligible=30))[0] is True  # exactly two thirds
    assert quorum(REPRESENTATIVES, Attendance(present=19, eligible=30))[0] is False
    assert quorum(REPRESENTATIVES, Attendance(present=30, eligible=30))[0] is True
    met, said = quorum(REPRESENTATIVES, Attendance(present=19, eligible=30))
    assert "应到 30 人，实到 19 人" in said and "未达到法定人数" in said


def test_a_party_meeting_needs_more_than_half_of_the_voting_members_present():
    # 支部工作条例 Art. 11: more than half of those with a vote who should attend, not two thirds.
    assert quorum(PARTY_MEMBERS, Attendance(present=16, eligible=30))[0] is True
    assert quorum(PARTY_MEMBERS, Attendance(present=15, eligible=30))[0] is False  # exactly half
    met, said = quorum(PARTY_MEMBERS, Attendance(present=15, eligible=30))
    assert "未达到法定人数（有表决权的到会党员超过应到会有表决权党员的半数）" in said


def test_a_party_resolution_needs_yes_votes_from_more_than_half_of_all_who_should_attend():
    held = Attendance(present=40, eligible=57)
    # 28 of the 40 present is a majority of those present, yet not of the 57 who should attend.
    short = judge(PARTY_MEMBERS, held, Votes(28, 10, 2))
    assert (short.quorum_met, short.passed, short.label) == (True, False, "未通过")
    assert "赞成票未超过应到会有表决权党员（57 人）的一半：未通过" in short.vote_text
    assert judge(PARTY_MEMBERS, held, Votes(29, 10, 1)).passed is True
    exactly_half = Attendance(present=20, eligible=40)
    assert judge(PARTY_MEMBERS, Attendance(present=21, eligible=40), Votes(20, 1, 0)).passed is False
    assert judge(PARTY_MEMBERS, exactly_half, Votes(20, 0, 0)).quorum_met is False
    carried = judge(PARTY_MEMBERS, held, Votes(29, 10, 1))
    assert carried.label == "通过" and "赞成票超过应到会有表决权党员（57 人）的一半：通过" in carried.text


def test_a_party_vote_without_the_number_expected_is_not_carried():
    verdict = judge(PARTY_MEMBERS, Attendance(present=12), Votes(12, 0, 0))
    assert verdict.passed is False and "应到会有表决权党员人数未填" in verdict.vote_text


def test_the_rule_in_words_cites_the_party_regulation():
    assert "第十一条" in RULES[PARTY_MEMBERS].basis and "预备党员没有表决权" in RULES[PARTY_MEMBERS].basis
    assert eligible_words(PARTY_MEMBERS) == "应到有表决权党员" and eligible_words(HOUSE) == "应到人数"


def test_exactly_half_of_those_present_in_favour_fails_one_more_passes():
    held = Attendance(present=20, eligible=30)
    assert judge(REPRESENTATIVES, held, Votes(10, 5, 5)).passed is False  # exactly half is not more than half
    assert judge(REPRESENTATIVES, held, Votes(11, 9, 0)).passed is True
    half = judge(REPRESENTATIVES, held, Votes(10, 5, 5))
    assert half.label == "未通过" and "未超过到会人数（20 人）的一半" in half.vote_text


def test_without_a_quorum_even_a_unanimous_vote_is_void():
    verdict = judge(PARTY_MEMBERS, Attendance(present=15, eligible=30), Votes(15, 0, 0))
    assert (verdict.quorum_met, verdict.passed, verdict.label) == (False, False, "未通过")
    assert "决议无效" in verdict.text


@pytest.mark.parametrize("kind", [HOUSE, REPRESENTATIVES, PARTY_MEMBERS])
def test_impossible_numbers_get_no_verdict_only_what_to_check(kind):
    # 7011 votes from 40 present: neither 通过 nor 未通过, and never counted as carried.
    verdict = judge(kind, Attendance(present=40, eligible=57), Votes(7011, 0, 0))
    assert verdict.impossible and verdict.passed is False and verdict.label == "票数有误"
    assert "票数合计 7011 超过了到会人数 40" in verdict.vote_text and "通过" not in verdict.vote_text
    crowded = judge(kind, Attendance(present=60, eligible=57), Votes(50, 0, 0))
    if kind == HOUSE:  # an open meeting expects no number
        assert not crowded.impossible
    else:
        assert crowded.impossible and crowded.label == "票数有误" and "实到 60 人超过了应到人数 57" in crowded.text


@pytest.mark.parametrize("kind", [COMMITTEES, BRANCH])
def test_committees_need_more_than_half_present(kind):
    assert quorum(kind, Attendance(present=4, eligible=8))[0] is False  # half is not more than half
    assert quorum(kind, Attendance(present=5, eligible=8))[0] is True


def test_villagers_meeting_quorum_by_adults_or_by_households():
    assert quorum(VILLAGERS, Attendance(present=50, eligible=100))[0] is False
    assert quorum(VILLAGERS, Attendance(present=51, eligible=100))[0] is True
    # Too few adults, but two thirds of the households sent someone: that is a quorum too.
    by_households = Attendance(present=40, eligible=100, households_present=20, households_eligible=30)
    assert quorum(VILLAGERS, by_households)[0] is True
    short = Attendance(present=40, eligible=100, households_present=19, households_eligible=30)
    met, said = quorum(VILLAGERS, short)
    assert met is False and "到会 19 户，共 30 户" in said


@pytest.mark.parametrize("kind", [HOUSE, OTHER])
def test_open_meetings_have_no_quorum_and_carry_by_majority(kind):
    verdict = judge(kind, Attendance(present=9), Votes(5, 4, 0))
    assert verdict.quorum_met is None and verdict.passed is True and "不设法定人数" in verdict.quorum_text
    assert judge(kind, Attendance(present=10), Votes(5, 5, 0)).passed is False


def test_a_resolution_not_put_to_the_vote():
    verdict = judge(PARTY_MEMBERS, Attendance(present=25, eligible=30), None)
    assert (verdict.passed, verdict.label, verdict.vote_text) == (None, "未表决", "未表决。")
