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
