"""The points ledger as a :class:`~villagedesk.core.common.listing.ListQuery` over a million entries.

``LEDGER`` pages the entries for the ledger, review and entry tabs; ``ledger_status``
is its filter by status.
"""

from __future__ import annotations

import re

from villagedesk.core.common.listing import CODE_LIKE, Column, ListQuery, like_escape
from villagedesk.core.points.ledger import EntryStatus
from villagedesk.core.register.people import head_name_sql, heads_sql
from villagedesk.store import Store

_PERIODISH = re.compile(r"^\d{4}(-(\d{1,2}|[Qq][1-4]?)?)?(-\d{0,2})?$")


def _ledger_search(text: str) -> tuple[str, list]:
    """Entries of the households (code, head's name or initials) or rule items that match;
    ``2026-07`` or ``2026-Q3`` finds the entries of that month or period.

    The matching households and rules are found first and the entries then through
    their indexes, so a search stays quick on a million entries.
    """
    if _PERIODISH.match(text):
        return ("(e.entry_date LIKE ? ESCAPE '\\' OR e.period = ?)", [like_escape(text) + "%", text.upper()])
    if CODE_LIKE.match(text):
        return ("e.household_id IN (SELECT sh.id FROM households sh WHERE sh.code LIKE ? ESCAPE '\\' "
                f"UNION SELECT sp.household_id FROM {heads_sql('sp')} "
                "AND sp.initials LIKE ? ESCAPE '\\')",
                ["%" + like_escape(text) + "%", like_escape(text.lower()) + "%"])
    inner = "%" + like_escape(text) + "%"
    return ("(e.household_id IN (SELECT sh.id FROM households sh WHERE sh.group_name LIKE ? ESCAPE '\\' "
            f"UNION SELECT sp.household_id FROM {heads_sql('sp')} "
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
    return ("+e.status = ?" if status == EntryStatus.APPROVED else "e.status = ?"), (status,)


# The points ledger.  Household and rule columns are looked up for the rows shown, not
# joined, so counting and paging a million entries touch only point_entries.
LEDGER = _LedgerQuery(
    source="point_entries e",
    columns=(
        Column("entry_date", "e.entry_date"),
        Column("period", "e.period"),
        Column("household_code", "(SELECT lh.code FROM households lh WHERE lh.id = e.household_id)"),
        Column("head_name", head_name_sql("e.household_id", former="first", alias="lp")),
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
                              f"AND x.status != '{EntryStatus.REJECTED}')"),
        Column("seq", "e.seq"),
        Column("household_id", "e.household_id"),
        Column("rule_id", "e.rule_id"),
    ),
    search=_ledger_search,
    archived_expr="0",  # entries are never archived; those of an archived household stay listed
    default_order="e.id",
    id_expr="e.id",
)
