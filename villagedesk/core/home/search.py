"""One search across the register, the minutes, the requests ledger and the notices (Ctrl+K).

Each kind of record is searched with the matcher its own list already uses
(:mod:`villagedesk.core.register.lists`, :mod:`~villagedesk.core.meetings.lists`,
:mod:`~villagedesk.core.notices.lists`), so "zs" finds 张三 here exactly as it does
on the households page ("dairui" finds 戴瑞 by full pinyin), HY0012 finds that meeting and 2026-07 that month's records.
Only the few columns a result line shows are read, and at most ``limit_per_kind``
rows of each kind, so a keystroke stays quick on a large village.

Words separated by spaces must all match (``张 第一组``).  Within a kind, an exact
match comes before one that starts with the text, and that before the rest (requests
are listed newest first instead); archived records (persons moved away, archived
households, archived or replaced notices) come last and say so.  As on the households
page, an archived household is found by its code and by the names of those it had when archived.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from villagedesk import clock
from villagedesk.core.common.listing import ListQuery, like_escape
from villagedesk.core.meetings.lists import MEETINGS
from villagedesk.core.notices.lists import notice_list
from villagedesk.core.notices.model import NoticeStatus
from villagedesk.core.register.lists import HOUSEHOLDS, PERSONS
from villagedesk.core.register.people import heads_sql
from villagedesk.core.requests.lists import request_board
from villagedesk.store import Store

#: Results of one kind listed at first; the rest of a kind on asking for all of it (``whole``).
LIMIT_PER_KIND = 10

#: Longest title or detail line; the rest of a request's content is on its page.
_LINE = 60


@dataclass(frozen=True)
class Hit:
    kind: str  # 'person', 'household', 'meeting', 'request', 'notice' (MainWindow.open_record's kinds)
    id: int
    title: str
    detail: str
    archived: bool = False


@dataclass(frozen=True)
class Group:
    kind: str
    label: str  # the kind in Chinese for callers without Qt; the window translates ``kind`` itself
    hits: tuple[Hit, ...]
    more: bool  # more records of this kind match than are listed


@dataclass(frozen=True)
class _Kind:
    kind: str
    label: str
    query: Callable[[], ListQuery]
    fields: tuple[str, ...]  # column keys of the query that the lines are made of
    archived: str  # SQL: 1 for a record that is no longer current
    # SQL expressions (or column keys) compared with the whole text: equal ranks first, starting
    # with it next; none: the order alone.
    ranked_by: tuple[str, ...]
    order: str
    title: Callable[[dict], str]
    detail: Callable[[dict], str]
    # Ranked as ranked_by, but in rows found by a correlated ``FROM … WHERE …`` (a household's head).
    ranked_in: tuple[str, tuple[str, ...]] | None = None


def _joined(*parts) -> str:
    return " · ".join(str(p) for p in parts if p)


def _cut(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= _LINE else text[:_LINE - 1] + "…"


_HEADS = heads_sql("hp", "h.id")

KINDS = (
    _Kind("person", "村民", lambda: PERSONS, ("name", "code", "relation", "group_name"), "p.archived",
          ("p.name", "p.initials", "p.pinyin", "p.code"), "p.code",
          lambda r: r["name"], lambda r: _joined(r["code"], r["relation"], r["group_name"])),
    _Kind("household", "农户", lambda: HOUSEHOLDS, ("code", "head_name", "group_name", "address", "member_count"),
          "h.archived", ("h.code",), "h.code",
          lambda r: _joined(r["head_name"] and f"{r['head_name']}户", r["code"]),
          lambda r: _joined(r["group_name"], r["address"], not r["_archived"] and f"{r['member_count']} 人"),
          ranked_in=(_HEADS, ("hp.name", "hp.initials", "hp.pinyin"))),
    _Kind("meeting", "会议", lambda: MEETINGS, ("code", "title", "meeting_date", "kind", "place", "status"), "0",
          ("m.title", "code"), "coalesce(m.meeting_date, '9999-12-31') DESC",
          lambda r: _joined(r["code"], _cut(r["title"])),
          lambda r: _joined(r["meeting_date"], r["kind"], r["place"], r["status"])),
    _Kind("request", "诉求", lambda: request_board(clock.today()),
          # No ranking: newest first walks the raised_on index and stops at the limit, where ranking
          # would sort every match (a common word matches thousands of requests).
          ("code", "content", "raised_by", "raised_on", "status"), "0", (), "r.raised_on DESC",
          lambda r: _joined(r["code"], _cut(r["content"])),
          lambda r: _joined(r["raised_by"], r["raised_on"], r["status"])),
    _Kind("notice", "公开事项", lambda: notice_list(clock.today()),
          ("code", "title", "category", "status", "issued_on"), f"n.status IN ('{NoticeStatus.ARCHIVED}', '{NoticeStatus.REPLACED}')",
          ("n.title", "code"), "coalesce(n.posted_on, n.issued_on) DESC",
          lambda r: _joined(r["code"], _cut(r["title"])),
          lambda r: _joined(r["category"], r["issued_on"], r["status"])),
)


def search(store: Store, text: str, limit_per_kind: int = LIMIT_PER_KIND, whole: frozenset[str] = frozenset()
           ) -> list[Group]:
    """The records matching ``text``, grouped by kind in :data:`KINDS` order; kinds without a match are left
    out, and blank text matches nothing.  The kinds named in ``whole`` list every match."""
    words = (text or "").split()
    if not words:
        return []
    text_whole = " ".join(words)
    groups = []
    for kind in KINDS:
        limit = -1 if kind.kind in whole else limit_per_kind  # SQLite: LIMIT -1 is no limit
        rows = _find(store, kind, words, text_whole, limit + 1 if limit >= 0 else -1)
        if rows:
            listed = rows if limit < 0 else rows[:limit]
            hits = tuple(Hit(kind.kind, row["_id"], kind.title(row), kind.detail(row), bool(row["_archived"]))
                         for row in listed)
            groups.append(Group(kind.kind, kind.label, hits, len(rows) > len(listed)))
    return groups


def _find(store: Store, kind: _Kind, words: list[str], whole: str, limit: int) -> list[dict]:
    query = kind.query()
    clauses, args = [], []
    for word in words:
        sql, more = query.search(word)
        clauses.append(sql)
        args += more
    exprs = {c.key: c.expr for c in query.columns}
    select = ", ".join(f"{exprs[key]} AS [{key}]" for key in kind.fields)
    ordering, order_args = [], []
    if kind.archived != "0":
        ordering.append(kind.archived)
    rows, inner = kind.ranked_in or ("", ())
    if kind.ranked_by or inner:
        # The best way any expression matches: 0 equal, 1 starts with the text, 2 otherwise.
        ranks = [_rank(exprs.get(e, e)) for e in kind.ranked_by]
        if inner:
            # min(min(…)): the scalar min of each row, then the aggregate over the rows.
            ranks.append(f"coalesce((SELECT min(min({', '.join(_rank(e) for e in inner)}, 2)) FROM {rows}), 2)")
        ordering.append(f"min({', '.join(ranks)}, 2)")
        order_args = [whole, like_escape(whole) + "%"] * (len(kind.ranked_by) + len(inner))
    ordering += [kind.order, f"{query.id_expr} DESC"]
    order_by = ", ".join(ordering)
    # The matches are ordered on their ids alone and only those listed are read in full: a
    # household's head and member count cost a lookup each, which a thousand matches must not pay.
    sql = (f"SELECT {query.id_expr} AS _id, {kind.archived} AS _archived, {select} FROM {query.source} "
           f"WHERE {query.id_expr} IN (SELECT {query.id_expr} FROM {query.source} WHERE {' AND '.join(clauses)} "
           f"ORDER BY {order_by} LIMIT ?) ORDER BY {order_by}")
    return store.rows(sql, [*args, *order_args, limit, *order_args])


def _rank(expr: str) -> str:
    return f"CASE WHEN {expr} = ? COLLATE NOCASE THEN 0 WHEN {expr} LIKE ? ESCAPE '\\' THEN 1 ELSE 2 END"


def hit_count(groups: list[Group]) -> int:
    return sum(len(g.hits) for g in groups)


__all__ = ["KINDS", "LIMIT_PER_KIND", "Group", "Hit", "hit_count", "search"]
