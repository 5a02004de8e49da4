"""Lists that page, sort and search in SQL, never in Python.

A :class:`ListQuery` names a FROM clause, its columns and how a search text
becomes a WHERE clause.  The window's table model, the exports and the prints
all read through one, so they agree on what "the household list" is.  Each area
defines its own lists in its ``lists`` module (register, points, meetings,
requests, notices): common only knows how to page them (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from villagedesk.store import Store

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

    def fetch_ids(self, store: Store, ids, *, include_archived: bool = False) -> list[dict]:
        """The rows of the records ``ids`` (those chosen in a picker), in the list's order."""
        ids = tuple(ids)
        marks = ", ".join("?" * len(ids))
        return self.fetch(store, extra=f"{self.id_expr} IN ({marks})", params=ids, include_archived=include_archived)
