"""Rankings, group comparison and a household's statement — all summed in SQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from villagedesk.core.common import periods
from villagedesk.core.points import messages
from villagedesk.core.points.ledger import STATUS_LABEL, EntryStatus
from villagedesk.core.points.rules import Scheme, get_scheme
from villagedesk.core.register.people import head_name_sql
from villagedesk.errors import UserError
from villagedesk.store import Store


@dataclass(frozen=True)
class Standing:
    rank: int
    household_id: int
    code: str
    head: str
    group_name: str
    points: int  # earned in the period (approved entries)
    score: int  # with the base points
    stars: int | None  # None on a board that is not one scheme period (see graded)
    passed: bool | None
    entries: int
    parts_passed: int | None = None  # on a board of several: how many of its scheme periods the household passed
    parts: int = 1

    @property
    def in_good_standing(self) -> bool:
        """Passed the period, or (on a board of several scheme periods) every one of them.

        A board shorter than a scheme period grades nobody: everybody stands.
        """
        if self.passed is not None:
            return self.passed
        return self.parts_passed is None or self.parts_passed == self.parts


def graded(scheme: Scheme, period: periods.Period) -> bool:
    """Whether stars and the pass line apply to ``period`` as a whole.

    They are set for one scheme period.  When points carry over, a longer
    period ends with the score of its last scheme period, so it is graded too;
    when they reset, a year of quarters is four separate scores: the board says
    how many of them the household passed instead.
    """
    return period.kind == scheme.period_kind or not scheme.reset_each_period


def base_for(scheme: Scheme, period: periods.Period) -> int:
    """Base points a household starts the period with (once per scheme period when they reset)."""
    if not scheme.reset_each_period:
        return scheme.base_points
    return scheme.base_points * len(periods.split(period, scheme.period_kind))


def _window(scheme: Scheme, period: periods.Period) -> tuple[str, str]:
    """Which entries count: the period's, or everything up to its end when points carry over."""
    first = period.start.isoformat() if scheme.reset_each_period else "0000-01-01"
    return first, period.end.isoformat()


def ranking(store: Store, code: str, group: str | None = None) -> list[Standing]:
    """Every household in the register by score; ties share a rank (1, 2, 2, 4)."""
    period = periods.parse(code)
    scheme = get_scheme(store)
    base = base_for(scheme, period)
    first, last = _window(scheme, period)
    parts = periods.split(period, scheme.period_kind)
    # Grades per scheme period when the board spans several (a year of resetting quarters);
    # none at all for a board shorter than one (a month of a quarterly scheme).
    by_part = not graded(scheme, period) and len(parts) > 1
    ungraded = not graded(scheme, period) and not by_part
    # Each scheme period in the board (one unless a year of resetting quarters) is summed over its own
    # range of the covering index (status, entry_date, household_id, points); a CASE over the whole
    # year grouped by household and part took twice as long (a temporary B-tree of 12,000 groups).
    bounds = [(first, last)] if not by_part else [(p.start.isoformat(), p.end.isoformat()) for p in parts]
    per_part = " UNION ALL ".join(
        f"SELECT household_id, sum(points) AS points, count(*) AS entries FROM point_entries "
        f"WHERE status = :status AND entry_date BETWEEN :first{n} AND :last{n} GROUP BY household_id"
        for n in range(len(bounds)))
    part_base = scheme.base_points if by_part else base
    args = {"part_base": part_base, "pass_line": scheme.pass_line, "status": EntryStatus.APPROVED, "group": group}
    for n, (start, end) in enumerate(bounds):
        args[f"first{n}"], args[f"last{n}"] = start, end
    earned = {row[0]: row[1:] for row in store.conn.execute(f"""
        WITH per_part AS ({per_part})
        SELECT household_id, sum(points), sum(entries), count(*), sum(:part_base + points < :pass_line)
        FROM per_part GROUP BY household_id""", args)}
    where = "h.archived = 0" + (" AND h.group_name = :group" if group else "")
    households = store.conn.execute(f"""
        SELECT h.id, h.code, h.group_name,
               coalesce({head_name_sql("h.id", alias="p")}, '')
        FROM households h WHERE {where}""", args).fetchall()
    # Joined and ranked here, on plain tuples: 3,000 rows sort in a millisecond, where SQLite's join
    # of the grouped sums and a dict per row each cost more than the sums themselves.
    nothing = (0, 0, 0, 0)
    rows = sorted(((*h, *earned.get(h[0], nothing)) for h in households), key=lambda r: (-r[4], r[1]))
    # A scheme period without entries scores the base alone.
    unscored_fail = 0 if scheme.passes(part_base) else 1
    standings = []
    rank, previous = 0, None
    for n, (household_id, code_, group_name, head, points, entries, parts_scored, failed_scored) in enumerate(rows):
        if points != previous:
            rank, previous = n + 1, points
        score = base + points
        if by_part:
            failed = failed_scored + unscored_fail * (len(parts) - parts_scored)
            standings.append(Standing(rank, household_id, code_, head, group_name, points, score, None, None,
                                      entries, len(parts) - failed, len(parts)))
        elif ungraded:
            standings.append(Standing(rank, household_id, code_, head, group_name, points, score, None, None,
                                      entries))
        else:
            standings.append(Standing(rank, household_id, code_, head, group_name, points, score,
                                      scheme.stars(score), scheme.passes(score), entries))
    return standings


@dataclass(frozen=True)
class RedBoard:
    """Who the 红榜 names, the one answer the screen and the printed board both show."""

    shown: list[Standing]
    left_out: tuple[int, int, int] | None = None  # (rank, households, points) of a tie too large to name


def red_board(standings: list[Standing], size: int) -> RedBoard:
    """红榜: the top ``size`` households that gained points, in ranking order, never cut through a tie.

    A tie that straddles the cut is named in full while the board stays within
    twice ``size``; a larger one is left out (and the board says so), since
    naming some of equals and not others would be unfair.
    """
    pool = [s for s in standings if s.points > 0]
    shown = cut_at_ties(pool, size, lambda s: s.points)
    if len(shown) < size and len(shown) < len(pool):
        tie = [s for s in pool[len(shown):] if s.points == pool[len(shown)].points]
        return RedBoard(shown, (tie[0].rank, len(tie), tie[0].points))
    return RedBoard(shown)


def cut_at_ties(pool: list[Standing], size: int, key: Callable[[Standing], int]) -> list[Standing]:
    """The first ``size`` of ``pool`` (in its order), never cutting through households equal by ``key``:
    a tie that straddles the cut is named in full while that stays within twice ``size``; a larger
    one is left out, since naming some of equals and not others would be unfair."""
    shown: list[Standing] = []
    i = 0
    while i < len(pool) and len(shown) < size:
        j = i
        while j < len(pool) and key(pool[j]) == key(pool[i]):
            j += 1
        if len(shown) + (j - i) > 2 * size:
            break
        shown += pool[i:j]
        i = j
    return shown


def below_line(standings: list[Standing], scheme: Scheme) -> list[Standing]:
    """Who the village's rule puts on the 黑榜 of a graded board: every household scoring below
    the scheme's 黑榜 line, lowest first (docs/DOMAIN.md §2.3) — never the bottom ranks of
    households that passed.  Nobody when the village posts no 黑榜."""
    if not scheme.black_board:
        return []
    return sorted((s for s in standings if s.passed is not None and s.score < scheme.black_threshold),
                  key=lambda s: (s.score, s.code))


def boards(standings: list[Standing], size: int, scheme: Scheme | None = None) -> tuple[list[Standing], list[Standing]]:
    """红榜 (the top ``size`` that gained points) and 黑榜 (up to ``size`` households below the
    scheme's 黑榜 line, lowest first; the default scheme's when none is given)."""
    return red_board(standings, size).shown, below_line(standings, scheme or Scheme())[:size]


@dataclass(frozen=True)
class BlackEntry:
    """A household on the 黑榜 and why: its score against the line and the deductions behind it."""

    standing: Standing
    reason: str


def black_board(store: Store, code: str, standings: list[Standing] | None = None,
                size: int | None = None) -> list[BlackEntry] | None:
    """The 黑榜 of period ``code`` with each household's reason; None when the village posts none
    or the board grades nobody (shorter than a scheme period, or a year of resetting periods,
    whose 黑榜 are those of its periods).  With ``size``, at most about that many, lowest first,
    cut at ties of score as the 红榜 is (the rest are in the full ranking)."""
    period = periods.parse(code)
    scheme = get_scheme(store)
    if not scheme.black_board:
        return None
    standings = ranking(store, code) if standings is None else standings
    if not standings or standings[0].passed is None:
        return None
    named = below_line(standings, scheme)
    if size is not None:
        named = cut_at_ties(named, size, lambda s: s.score)
    if not named:
        return []
    first, last = _window(scheme, period)
    marks = ",".join("?" * len(named))
    deductions: dict[int, list[str]] = {}
    for row in store.rows(f"""
            SELECT e.household_id, r.item, sum(e.quantity) AS times, sum(e.points) AS points
            FROM point_entries e JOIN point_rules r ON r.id = e.rule_id
            WHERE e.status = ? AND e.points < 0 AND e.entry_date BETWEEN ? AND ? AND e.household_id IN ({marks})
            GROUP BY e.household_id, r.item ORDER BY e.household_id, sum(e.points), r.item""",
            (EntryStatus.APPROVED, first, last, *(s.household_id for s in named))):
        times = f" {row['times']} 次" if row["times"] > 1 else ""
        deductions.setdefault(row["household_id"], []).append(
            messages.BLACK_DEDUCTION.format(item=row["item"], times=times, points=row["points"]))
    return [BlackEntry(s, messages.BLACK_REASON.format(
        score=s.score, line=scheme.black_threshold,
        deductions=messages.BLACK_SEPARATOR.join(deductions.get(s.household_id, [])) or messages.BLACK_NO_DEDUCTION))
        for s in named]


def groups(standings: list[Standing]) -> list[dict]:
    """By 村民小组: households, average score, participation (share with at least one entry)."""
    by_group: dict[str, list[Standing]] = {}
    for standing in standings:
        by_group.setdefault(standing.group_name or "（未分组）", []).append(standing)
    result = []
    for name, members in by_group.items():
        result.append({"group_name": name, "households": len(members),
                       "average": round(sum(m.score for m in members) / len(members), 1),
                       "participation": round(sum(1 for m in members if m.entries) / len(members), 3),
                       "passed": sum(1 for m in members if m.in_good_standing)})
    return sorted(result, key=lambda g: -g["average"])


def statement(store: Store, household_id: int, code: str) -> dict:
    """Every entry and redemption of a household in a period, with a running balance.

    ``opening`` and ``balance`` are what the household could spend (redemptions
    taken off); ``score`` is what it is ranked by (they are not).
    """
    period = periods.parse(code)
    scheme = get_scheme(store)
    household = store.row("SELECT * FROM households WHERE id = ?", (household_id,))
    if household is None:
        raise UserError(messages.NO_SUCH_HOUSEHOLD)
    last = period.end.isoformat()
    # When points carry over, so does what was spent: the score starts from everything earned
    # before the period, the balance from that less everything redeemed before it.
    earned_before = redeemed_before = 0
    if not scheme.reset_each_period:
        first = period.start.isoformat()
        earned_before = store.scalar("SELECT coalesce(sum(points), 0) FROM point_entries WHERE household_id = ? "
                                     "AND status = ? AND entry_date < ?", (household_id, EntryStatus.APPROVED, first))
        redeemed_before = store.scalar("SELECT coalesce(sum(points), 0) FROM redemptions WHERE household_id = ? "
                                       "AND redeemed_on < ?", (household_id, first))
    opening_score = base_for(scheme, period) + earned_before
    opening = opening_score - redeemed_before
    lines = store.rows(f"""
        SELECT e.id, e.entry_date AS day, r.category, r.item, e.quantity, e.points, e.status,
               e.reverses_id, e.reverse_reason, e.reject_reason, e.note, 'entry' AS kind
        FROM point_entries e JOIN point_rules r ON r.id = e.rule_id
        WHERE e.household_id = ? AND e.entry_date BETWEEN ? AND ?
        UNION ALL
        SELECT d.id, d.redeemed_on, '积分兑换', g.name, d.quantity, -d.points, '{EntryStatus.APPROVED}', NULL, '', '', d.note,
               'redemption'
        FROM redemptions d JOIN shop_goods g ON g.id = d.goods_id
        WHERE d.household_id = ? AND d.redeemed_on BETWEEN ? AND ?
        ORDER BY 2, 12, 1""", (household_id, period.start.isoformat(), last,
                               household_id, period.start.isoformat(), last))
    balance, earned = opening, opening_score
    for line in lines:
        line["status_label"] = STATUS_LABEL[line["status"]]
        if line["status"] == EntryStatus.APPROVED:
            balance += line["points"]
            if line["kind"] == "entry":
                earned += line["points"]
        line["balance"] = balance
    return {"household": household, "period": period, "opening": opening, "lines": lines,
            "score": earned, "balance": balance, "earned_before": earned_before, "redeemed_before": redeemed_before}
