"""What needs the clerk today (the home page's list), and the village at a glance.

:func:`items` gathers one line per thing to do from every area, most urgent
first.  Each :class:`Item` keeps structured fields (the rule, dates, counts, the
record's code and title); the window words them.  The rules and their
boundaries, for ``today``:

- **Disclosure calendar** — an item 已逾期 (its deadline has passed) is overdue;
  an item 待公开 is listed once its deadline is at most 7 days away (deadline
  ``today + 7`` yes, ``today + 8`` not yet).  States come from
  :func:`villagedesk.core.notices.calendar`.
- **Posting period ends this week** — a notice 已张贴 whose last posting day is
  between today and this Sunday, both included (the week runs Monday–Sunday).
  A period that ended yesterday is over (公示期满), not listed.
- **Objections past their reply deadline** — unanswered, ``reply_due`` before
  today (:func:`villagedesk.core.notices.overdue_objections`): due on the 11th,
  listed from the 12th.
- **Requests** — not closed, with a deadline: before today is overdue (as
  :func:`villagedesk.core.requests.ledger.is_overdue`); today up to ``today + 7`` is due
  (in 7 days listed, in 8 days not).
- **Points waiting for review** — one line with the number of pending entries.
- **A points period ready to post** — a scheme period that has ended (its last
  day is before today), still open, with approved points and nothing pending:
  exactly what :func:`villagedesk.core.points.ledger.post_period` accepts.  Only
  the last :data:`POST_LOOKBACK` ended periods after the latest posted one are
  looked at: a village that posted the third quarter will not post the first.
- **Ready to lock** — posted, and the objection window is over (its last day,
  ``objection_until``, is before today); open objections are counted on the
  line, since :func:`~villagedesk.core.points.ledger.lock_period` wants them
  resolved first.
- **Committee vacancies** — while a term covers today: a body without its head
  (书记 / 主任), a village committee below 3 members; no term covering today at
  all (once terms are kept) is a line too.
- **Last backup, last USB package** — older than 30 days: made 30 days ago is
  not listed, 31 days ago is.  "Never" counts as old once the register has a
  household.  A township database keeps no households of its own (it merges
  the villages' in its own tables) and writes no packages: neither line there.

Ordering: overdue lines first (a "never" first of all, then the earliest
deadline first), then lines due by a date (soonest first), then the undated work
(committee, points) in a fixed order.

:func:`grouped` puts the lines of one rule together (a big village has hundreds of
overdue requests): the groups in the order of their most urgent line, and inside a
group the overdue lines newest first (the deadline just missed before the one missed
years ago), then those still due, soonest first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from villagedesk import clock
from villagedesk.core import notices as notice_area
from villagedesk.core.committee import roster as committee
from villagedesk.core.common import periods
from villagedesk.core.notices import disclosure
from villagedesk.core.points import ledger
from villagedesk.core.points.rules import get_scheme
from villagedesk.core.requests import ledger as ledger_of_requests
from villagedesk.store import Store
from villagedesk.store.backup import list_backups

SOON_DAYS = 7  # requests and calendar items due within this many days are listed
STALE_DAYS = 30  # a backup or USB package older than this is listed
POST_LOOKBACK = 4  # ended scheme periods looked at for "ready to post"

# The rules, each a line the window words on its own.
CALENDAR = "calendar"  # subject: item name; detail: the period's label
POSTING_ENDS = "posting_ends"  # subject: notice code + title
OBJECTION = "objection"  # subject: notice code + title; detail: who objected
REQUEST = "request"  # subject: request code; detail: content; who: raised by
POINTS_PENDING = "points_pending"  # count: entries waiting
POINTS_POST = "points_post"  # subject: period label
POINTS_LOCK = "points_lock"  # subject: period label; count: open objections; last: objections closed on
VACANT_HEAD = "vacant_head"  # subject: body; detail: the head's title (书记 / 主任)
COMMITTEE_SIZE = "committee_size"  # count: members of the village committee now
NO_TERM = "no_term"
BACKUP = "backup"  # last: the day of the latest backup (None: never)
PACKAGE = "package"  # last: the day of the latest USB package (None: never)

# Undated work, in this order after everything with a date.
_UNDATED_ORDER = (NO_TERM, VACANT_HEAD, COMMITTEE_SIZE, POINTS_LOCK, POINTS_POST, POINTS_PENDING)

_BACKUP_STAMP = re.compile(r"-(\d{8})-\d{6}-\d+-[^-]+$")


@dataclass(frozen=True)
class Item:
    """One line of the list.

    ``target`` is what ``MainWindow.open_record`` opens: ('request', id),
    ('notice', id), ('objection', id), ('calendar_item', id), ('points_review',
    None), ('points_period', code), ('committee', None), ('backup', None),
    ('package', None).  ``days`` is the days late when ``overdue``, else the days
    left until ``due`` (0 without a due date).
    """

    rule: str
    target: tuple[str, object]
    due: date | None = None
    overdue: bool = False
    days: int = 0
    subject: str = ""
    detail: str = ""
    who: str = ""
    count: int = 0
    last: date | None = None

    def sort_key(self) -> tuple:
        if self.overdue:
            return 0, self.due or date.min, self.rule, self.subject
        if self.due is not None:
            return 1, self.due, self.rule, self.subject
        return 2, date.max, _UNDATED_ORDER.index(self.rule) if self.rule in _UNDATED_ORDER else 99, self.subject


def _dated(rule: str, target: tuple[str, object], due: date, today: date, **fields) -> Item:
    overdue = due < today
    return Item(rule, target, due, overdue, (today - due).days if overdue else (due - today).days, **fields)


# --- notices ---------------------------------------------------------------------------

def _calendar(store: Store, today: date) -> list[Item]:
    found = []
    for state in notice_area.calendar(store, today):
        soon = state.state == disclosure.DUE and state.days_left is not None and state.days_left <= SOON_DAYS
        # Only 事项发生时 items go without a deadline, and they are never due or overdue.
        if (state.state == disclosure.OVERDUE or soon) and state.deadline is not None:
            found.append(_dated(CALENDAR, ("calendar_item", state.item["id"]), state.deadline, today,
                                subject=state.item["name"], detail=state.period.label if state.period else ""))
    return found


def week_end(today: date) -> date:
    """This week's Sunday (the week runs Monday to Sunday)."""
    return today + timedelta(days=6 - today.weekday())


def _posting_ends(store: Store, today: date) -> list[Item]:
    rows = store.rows("SELECT id, title, posting_end FROM notices WHERE status = ? AND posting_end BETWEEN ? AND ? "
                      "ORDER BY posting_end, id", (notice_area.NoticeStatus.POSTED, today.isoformat(), week_end(today).isoformat()))
    return [_dated(POSTING_ENDS, ("notice", r["id"]), date.fromisoformat(r["posting_end"]), today,
                   subject=notice_area.notice_code(r["id"]), detail=r["title"]) for r in rows]


def _objections(store: Store, today: date) -> list[Item]:
    return [_dated(OBJECTION, ("objection", o["id"]), date.fromisoformat(o["reply_due"]), today,
                   subject=o["notice_code"], detail=o["notice_title"], who=o["raised_by"])
            for o in notice_area.overdue_objections(store, today)]


# --- requests --------------------------------------------------------------------------

def _requests(store: Store, today: date) -> list[Item]:
    horizon = today + timedelta(days=SOON_DAYS)
    marks = ", ".join("?" * len(ledger_of_requests.OPEN_STATUSES))
    rows = store.rows(f"SELECT id, raised_by, content, deadline FROM requests WHERE status IN ({marks}) "
                      "AND deadline IS NOT NULL AND deadline <= ? ORDER BY deadline, id",
                      (*ledger_of_requests.OPEN_STATUSES, horizon.isoformat()))
    return [_dated(REQUEST, ("request", r["id"]), date.fromisoformat(r["deadline"]), today,
                   subject=ledger_of_requests.request_code(r["id"]), detail=r["content"], who=r["raised_by"])
            for r in rows]


# --- points ----------------------------------------------------------------------------

def _points(store: Store, today: date) -> list[Item]:
    found = []
    pending = ledger.pending_count(store)
    if pending:
        found.append(Item(POINTS_PENDING, ("points_review", None), count=pending))
    # Posted periods whose objection window is over: the review meeting can lock them.
    for state in store.rows("SELECT * FROM point_periods WHERE status = ? AND objection_until < ? "
                            "ORDER BY period", (ledger.PeriodStatus.POSTED, today.isoformat())):
        period = periods.parse(state["period"])
        found.append(Item(POINTS_LOCK, ("points_period", period.code), subject=period.label,
                          count=ledger.open_objections(store, period.code),
                          last=date.fromisoformat(state["objection_until"])))
    found += [Item(POINTS_POST, ("points_period", p.code), subject=p.label) for p in ready_to_post(store, today)]
    return found


def ready_to_post(store: Store, today: date) -> list[periods.Period]:
    """Ended scheme periods that :func:`ledger.post_period` would accept now, oldest first (see the module)."""
    kind = get_scheme(store).period_kind
    latest = store.scalar("SELECT max(period) FROM point_periods")
    latest_end = periods.parse(latest).end if latest else date.min
    ended: list[periods.Period] = []
    day = periods.of(today, kind).start - timedelta(days=1)
    while len(ended) < POST_LOOKBACK and day > latest_end:
        period = periods.of(day, kind)
        ended.append(period)
        day = period.start - timedelta(days=1)
    ready = []
    for period in reversed(ended):
        if ledger.period_state(store, period.code)["status"] != ledger.PeriodStatus.OPEN:
            continue
        span = (period.start.isoformat(), period.end.isoformat())
        # The ranking index (status, entry_date, …) answers both at once for a million entries.
        has_points = store.scalar("SELECT EXISTS (SELECT 1 FROM point_entries WHERE status = ? "
                                  "AND entry_date BETWEEN ? AND ?)", (ledger.EntryStatus.APPROVED, *span))
        waiting = store.scalar("SELECT EXISTS (SELECT 1 FROM point_entries WHERE status = ? "
                               "AND entry_date BETWEEN ? AND ?)", (ledger.EntryStatus.PENDING, *span))
        if has_points and not waiting:
            ready.append(period)
    return ready


# --- committee -------------------------------------------------------------------------

def vacancies(store: Store, today: date) -> list[Item]:
    """Heads missing and a village committee too small, as :func:`committee.checks` finds them."""
    if not store.scalar("SELECT EXISTS (SELECT 1 FROM terms)"):
        return []  # the committee area is not in use yet
    if committee.current_term(store, today) is None:
        return [Item(NO_TERM, ("committee", None))]
    serving = committee.serving_posts(store, today)
    found = [Item(VACANT_HEAD, ("committee", None), subject=body, detail=committee.HEAD[body])
             for body in committee.BODIES
             if not any(p["body"] == body and p["role"] == committee.HEAD[body] for p in serving)]
    members = len({p["person_id"] for p in serving if p["body"] == committee.VILLAGE})
    if members < committee.VILLAGE_COMMITTEE_SIZE[0]:
        found.append(Item(COMMITTEE_SIZE, ("committee", None), subject=committee.VILLAGE, count=members))
    return found


# --- backups and packages --------------------------------------------------------------

def backup_day(path: Path) -> date | None:
    """The day of the newest backup in the database's backup folder (None: none)."""
    found = list_backups(Path(path))
    if not found:
        return None
    stamp = _BACKUP_STAMP.search(found[0].stem)
    if stamp:
        return datetime.strptime(stamp.group(1), "%Y%m%d").date()
    return datetime.fromtimestamp(found[0].stat().st_mtime).date()


def _stale(rule: str, target: tuple[str, object], last: date | None, today: date) -> list[Item]:
    if last is None:
        return [Item(rule, target, overdue=True)]
    due = last + timedelta(days=STALE_DAYS)
    return [_dated(rule, target, due, today, last=last)] if due < today else []


def _safety(store: Store, today: date) -> list[Item]:
    if not store.scalar("SELECT EXISTS (SELECT 1 FROM households)"):
        return []  # nothing kept yet, nothing to lose
    made = store.scalar("SELECT max(created_at) FROM packages")
    return (_stale(BACKUP, ("backup", None), backup_day(store.path), today)
            + _stale(PACKAGE, ("package", None), date.fromisoformat(made[:10]) if made else None, today))


# --- together ----------------------------------------------------------------------------

def items(store: Store, today: date | None = None) -> list[Item]:
    """Everything that needs the clerk on ``today``, most urgent first (see the module for each rule)."""
    today = today or clock.today()
    found = (_calendar(store, today) + _posting_ends(store, today) + _objections(store, today)
             + _requests(store, today) + _points(store, today) + vacancies(store, today) + _safety(store, today))
    return sorted(found, key=Item.sort_key)


@dataclass(frozen=True)
class Group:
    """The lines of one rule, newest first (see the module); ``overdue`` of them past their date."""

    rule: str
    items: tuple[Item, ...]

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.items if item.overdue)


def _newest_first(item: Item) -> tuple:
    if item.overdue:
        return 0, item.due is not None, -(item.due or date.min).toordinal()
    if item.due is not None:
        return 1, 0, item.due.toordinal()
    return 2, 0, 0  # undated: as items() put them


def grouped(found: list[Item]) -> list[Group]:
    """``found`` (as :func:`items` returns it) by rule: groups by their most urgent line, lines newest first."""
    by_rule: dict[str, list[Item]] = {}
    for item in sorted(found, key=Item.sort_key):
        by_rule.setdefault(item.rule, []).append(item)
    return [Group(rule, tuple(sorted(lines, key=_newest_first))) for rule, lines in by_rule.items()]


@dataclass(frozen=True)
class Glance:
    """The village in numbers, for the home page and the monthly report."""

    households: int
    persons: int
    committee_members: int
    requests_open: int
    requests_closed_year: int
    notices_posted_year: int


def glance(store: Store, today: date | None = None) -> Glance:
    """Households and persons in the register (not archived), committee members in office on ``today``,
    requests not closed, requests closed and notices posted in ``today``'s calendar year."""
    today = today or clock.today()
    first, last = date(today.year, 1, 1).isoformat(), date(today.year, 12, 31).isoformat()
    # Only scalar subqueries: always exactly one row.
    counts = store.rows(
        "SELECT (SELECT count(*) FROM households WHERE archived = 0) AS households, "
        "(SELECT count(*) FROM persons WHERE archived = 0) AS persons, "
        "(SELECT count(*) FROM requests WHERE status != ?) AS requests_open, "
        "(SELECT count(*) FROM requests WHERE status = ? AND closed_on BETWEEN ? AND ?) AS requests_closed_year, "
        "(SELECT count(*) FROM notices WHERE posted_on BETWEEN ? AND ?) AS notices_posted_year",
        (ledger_of_requests.RequestStatus.CLOSED, ledger_of_requests.RequestStatus.CLOSED, first, last, first, last))[0]
    members = len({p["person_id"] for p in committee.serving_posts(store, today)})
    return Glance(households=counts["households"], persons=counts["persons"], committee_members=members,
                  requests_open=counts["requests_open"], requests_closed_year=counts["requests_closed_year"],
                  notices_posted_year=counts["notices_posted_year"])


__all__ = ["BACKUP", "CALENDAR", "COMMITTEE_SIZE", "NO_TERM", "OBJECTION", "PACKAGE", "POINTS_LOCK",
           "POINTS_PENDING", "POINTS_POST", "POSTING_ENDS", "REQUEST", "SOON_DAYS", "STALE_DAYS", "VACANT_HEAD",
           "Glance", "Group", "Item", "backup_day", "glance", "grouped", "items", "ready_to_post", "vacancies", "week_end"]
