"""Lists that page, sort and search in SQL, never in Python.

A :class:`ListQuery` names a FROM clause, its columns and how a search text
becomes a WHERE clause.  The window's table model, the exports and the prints
all read through one, so they agree on what "the household list" is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from villagedesk.store import Store

_ASCII = re.compile(r"^[A-Za-z0-9\-]+$")


# A search text that can only be a record code or pinyin initials, and one that reads as a date prefix.
CODE_LIKE = re.compile(r"^[A-Za-z0-9\-]+$")
DATE_PREFIX = re.compile(r"^\d{4}(-\d{1,2}){0,2}$")


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class Column:
    key: str
    expr: str


@dataclass(frozen=True)
class ListQuery:
    """``SELECT <columns> FROM <source> WHERE <filters> ORDER BY … LIMIT …``."""

    source: str
    columns: tuple[Column, ...]
    search: Callable[[str], tuple[str, list]]
    archived_expr: str
    default_order: str
    id_expr: str = "id"
    keys: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", tuple(c.key for c in self.columns))

    def _where(self, text: str, include_archived: bool, extra: str = "", params=()) -> tuple[str, list]:
        clauses, args = [], list(params)
        if extra:
            clauses.append(extra)
        if not include_archived:
            clauses.append(f"{self.archived_expr} = 0")
        text = (text or "").strip()
        if text:
            sql, more = self.search(text)
            clauses.append(sql)
            args += more
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", args

    def count(self, store: Store, text: str = "", include_archived: bool = False,
              extra: str = "", params=()) -> int:
        where, args = self._where(text, include_archived, extra, params)
        return store.scalar(f"SELECT count(*) FROM {self.source}{where}", args)

    def fetch(self, store: Store, text: str = "", *, order: str | None = None, descending: bool = False,
              offset: int = 0, limit: int = -1, include_archived: bool = False,
              extra: str = "", params=()) -> list[dict]:
        where, args = self._where(text, include_archived, extra, params)
        by = {c.key: c.expr for c in self.columns}.get(order or "", self.default_order)
        direction = "DESC" if descending else "ASC"
        select = ", ".join(f"{c.expr} AS [{c.key}]" for c in self.columns)
        sql = (f"SELECT {self.id_expr} AS _id, {select} FROM {self.source}{where} "
               f"ORDER BY {by} {direction}, {self.id_expr} {direction} LIMIT ? OFFSET ?")
        return store.rows(sql, [*args, limit, offset])


def _person_search(text: str) -> tuple[str, list]:
    if _ASCII.match(text):
        prefix = like_escape(text.lower()) + "%"
        return ("(p.initials LIKE ? ESCAPE '\\' OR p.code LIKE ? ESCAPE '\\' "
                "OR p.id_number LIKE ? ESCAPE '\\' OR p.phone LIKE ? ESCAPE '\\')",
                [prefix, prefix, prefix, "%" + like_escape(text) + "%"])
    inner = "%" + like_escape(text) + "%"
    return ("(p.name LIKE ? ESCAPE '\\' OR h.group_name LIKE ? ESCAPE '\\')", [inner, inner])


def _household_search(text: str) -> tuple[str, list]:
    # A household matches when it, or anyone living in it, matches.
    member_sql, member_args = _person_search(text)
    own = "%" + like_escape(text) + "%"
    return (f"(h.code LIKE ? ESCAPE '\\' OR h.address LIKE ? ESCAPE '\\' OR h.group_name LIKE ? "
            f"ESCAPE '\\' OR h.phone LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM persons p "
            f"WHERE p.household_id = h.id AND p.archived = 0 AND {member_sql}))",
            [own, own, own, own, *member_args])


PERSONS = ListQuery(
    source="persons p JOIN households h ON h.id = p.household_id",
    columns=(
        Column("code", "p.code"),
        Column("name", "p.name"),
        Column("gender", "p.gender"),
        Column("birth_date", "p.birth_date"),
        Column("id_number", "p.id_number"),
        Column("relation", "p.relation"),
        Column("group_name", "h.group_name"),
        Column("phone", "p.phone"),
        Column("ethnicity", "p.ethnicity"),
        Column("education", "p.education"),
        Column("political", "p.political"),
        Column("household_code", "h.code"),
        Column("archived", "p.archived"),
    ),
    search=_person_search,
    archived_expr="p.archived",
    default_order="p.code",
    id_expr="p.id",
)

HOUSEHOLDS = ListQuery(
    source="households h",
    columns=(
        Column("code", "h.code"),
        Column("head_name", "(SELECT name FROM persons hp WHERE hp.household_id = h.id "
                            "AND hp.relation = '户主' AND hp.archived = 0)"),
        Column("group_name", "h.group_name"),
        Column("address", "h.address"),
        Column("phone", "h.phone"),
        Column("member_count", "(SELECT count(*) FROM persons mp WHERE mp.household_id = h.id "
                               "AND mp.archived = 0)"),
        Column("archived", "h.archived"),
    ),
    search=_household_search,
    archived_expr="h.archived",
    default_order="h.code",
    id_expr="h.id",
)


_PERIODISH = re.compile(r"^\d{4}(-(\d{1,2}|[Qq][1-4]?)?)?(-\d{0,2})?$")


def _ledger_search(text: str) -> tuple[str, list]:
    """Entries of the households (code, head's name or initials) or rule items that match;
    ``2026-07`` or ``2026-Q3`` finds the entries of that month or period.

    The matching households and rules are found first and the entries then through
    their indexes, so a search stays quick on a million entries.
    """
    if _PERIODISH.match(text):
        return ("(e.entry_date LIKE ? ESCAPE '\\' OR e.period = ?)", [like_escape(text) + "%", text.upper()])
    if _ASCII.match(text):
        return ("e.household_id IN (SELECT sh.id FROM households sh WHERE sh.code LIKE ? ESCAPE '\\' "
                "UNION SELECT sp.household_id FROM persons sp WHERE sp.relation = '户主' "
                "AND sp.initials LIKE ? ESCAPE '\\')",
                ["%" + like_escape(text) + "%", like_escape(text.lower()) + "%"])
    inner = "%" + like_escape(text) + "%"
    return ("(e.household_id IN (SELECT sh.id FROM households sh WHERE sh.group_name LIKE ? ESCAPE '\\' "
            "UNION SELECT sp.household_id FROM persons sp WHERE sp.relation = '户主' "
            "AND sp.name LIKE ? ESCAPE '\\') "
            "OR e.rule_id IN (SELECT sr.id FROM point_rules sr WHERE sr.item LIKE ? ESCAPE '\\' "
            "OR sr.category LIKE ? ESCAPE '\\'))", [inner, inner, inner, inner])


#: Pages deeper than this are read from whichever end of the list is nearer.
_FAR = 10_000


class _LedgerQuery(ListQuery):
    """A ListQuery for a list of a million rows.

    A page is chosen on the narrow row (ids and the sort key) and only its rows are
    looked up in full, and a page beyond the middle is read backwards from the end:
    the last page of a million entries costs what the first does.
    """

    def fetch(self, store: Store, text: str = "", *, order: str | None = None, descending: bool = False,
              offset: int = 0, limit: int = -1, include_archived: bool = False,
              extra: str = "", params=()) -> list[dict]:
        if limit > 0 and offset > _FAR:
            total = self.count(store, text, include_archived, extra, params)
            if offset > total // 2:
                take = min(limit, total - offset)
                if take <= 0:
                    return []
                rows = self._page(store, text, order, not descending, max(0, total - offset - limit), take,
                                  include_archived, extra, params)
                return rows[::-1]
        return self._page(store, text, order, descending, offset, limit, include_archived, extra, params)

    def _page(self, store, text, order, descending, offset, limit, include_archived, extra, params):
        where, args = self._where(text, include_archived, extra, params)
        by = {c.key: c.expr for c in self.columns}.get(order or "", self.default_order)
        ordering = f"{by} {'DESC' if descending else 'ASC'}, {self.id_expr} {'DESC' if descending else 'ASC'}"
        select = ", ".join(f"{c.expr} AS [{c.key}]" for c in self.columns)
        sql = (f"SELECT {self.id_expr} AS _id, {select} FROM {self.source} WHERE {self.id_expr} IN "
               f"(SELECT {self.id_expr} FROM {self.source}{where} ORDER BY {ordering} LIMIT ? OFFSET ?) "
               f"ORDER BY {ordering}")
        return store.rows(sql, [*args, limit, offset])


def ledger_status(status: str | None) -> tuple[str, tuple]:
    """The ``extra`` filter of LEDGER for one status (None: every entry).

    Approved entries are most of a ledger: they are walked in id order rather than
    found through the status index and sorted (``+`` keeps SQLite off that index).
    """
    if not status:
        return "", ()
    return ("+e.status = ?" if status == "approved" else "e.status = ?"), (status,)


# The points ledger.  Household and rule columns are looked up for the rows shown, not
# joined, so counting and paging a million entries touch only point_entries.
LEDGER = _LedgerQuery(
    source="point_entries e",
    columns=(
        Column("entry_date", "e.entry_date"),
        Column("period", "e.period"),
        Column("household_code", "(SELECT lh.code FROM households lh WHERE lh.id = e.household_id)"),
        Column("head_name", "(SELECT lp.name FROM persons lp WHERE lp.household_id = e.household_id "
                            "AND lp.relation = '户主' ORDER BY lp.archived, lp.id LIMIT 1)"),
        Column("group_name", "(SELECT lh.group_name FROM households lh WHERE lh.id = e.household_id)"),
        Column("category", "(SELECT lr.category FROM point_rules lr WHERE lr.id = e.rule_id)"),
        Column("item", "(SELECT lr.item FROM point_rules lr WHERE lr.id = e.rule_id)"),
        Column("quantity", "e.quantity"),
        Column("points", "e.points"),
        Column("status", "e.status"),
        Column("recorded_by", "e.recorded_by"),
        Column("reviewer", "e.reviewer"),
        Column("reviewed_at", "e.reviewed_at"),
        Column("note", "e.note"),
        Column("evidence", "e.evidence"),
        Column("reject_reason", "e.reject_reason"),
        # Why it was rejected, or why it reverses the entry it names.
        Column("reason", "CASE WHEN e.reverses_id IS NOT NULL THEN e.reverse_reason ELSE e.reject_reason END"),
        Column("reverses_id", "e.reverses_id"),
        Column("reverse_reason", "e.reverse_reason"),
        Column("reversed_by", "(SELECT min(x.id) FROM point_entries x WHERE x.reverses_id = e.id "
                              "AND x.status != 'rejected')"),
        Column("seq", "e.seq"),
        Column("household_id", "e.household_id"),
        Column("rule_id", "e.rule_id"),
    ),
    search=_ledger_search,
    archived_expr="0",  # entries are never archived; those of an archived household stay listed
    default_order="e.id",
    id_expr="e.id",
)
