"""The county's summary: one line per village with its township, township subtotals and a county total.

The lines are the township's (core.township.summary.summary_line: the same fields, from the same
figures.json each village's newest package carried), read from ``county.villages`` with the
township's name from ``county.townships``, in one query, ordered by township then village.  What
the county's window, its printed summary (documents/pdf/summary.py) and its workbook
(documents/excel/county.py) show is these lines, so the three agree (docs/COUNTY.md "The county's
outputs").  A reader (villagedesk_reader) reads all of it: nothing here touches ``county.keys``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from itertools import groupby

import psycopg
from psycopg import pq
from psycopg.rows import dict_row

from villagedesk.core.common import periods
from villagedesk.core.township import merge as township
from villagedesk.core.township.summary import summary_line, summary_periods, totals

# Only the chosen period's figures leave the server (a village sends a dozen periods); ordered by the
# names' code points, as the township orders its villages (SQLite compares text byte by byte), whatever
# collation the county's database was made with.
_LINES = """
    SELECT t.name AS township, v.code, v.name, v.last_sequence, v.last_created_at,
           v.figures - 'periods' AS figures, v.figures->'periods'->%(period)s AS chosen
    FROM county.villages v JOIN county.townships t ON t.id = v.township_id
    ORDER BY t.name COLLATE "C", v.name COLLATE "C", v.code"""
_DIVERGED = """
    SELECT t.name AS township, v.name, e.village_code, e.kind, e.detail, e.sequence, e.at
    FROM county.events e JOIN county.villages v ON v.code = e.village_code
    JOIN county.townships t ON t.id = v.township_id
    WHERE e.kind = 'divergence' ORDER BY e.id"""


@contextmanager
def snapshot(conn: psycopg.Connection) -> Iterator[psycopg.Connection]:
    """One read-only snapshot for the ``with`` block (REPEATABLE READ): an output read in it (the summary,
    its notes, every village's replica) holds a township package imported meanwhile in all its parts or in
    none.  PostgreSQL's readers take no lock an import waits on; end the block before writing a file.
    Inside a transaction the caller has open, that transaction's own."""
    outer = conn.info.transaction_status != pq.TransactionStatus.IDLE
    with conn.transaction():
        if not outer:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield conn


def summary_rows(conn: psycopg.Connection, today: date, period: periods.Period | None = None) -> list[dict]:
    """One line per village (core.township.summary.summary_line's fields, and ``township``), by
    township then village name.  ``period`` as for the township's summary_rows."""
    code = None if period is None else period.code
    with conn.cursor(row_factory=dict_row) as cursor:
        found = cursor.execute(_LINES, {"period": code}).fetchall()
    lines = []
    for village in found:
        figures = dict(village["figures"] or {})
        if village["chosen"] is not None:
            figures["periods"] = {code: village["chosen"]}
        lines.append({"township": village["township"], **summary_line(village, figures, today, period)})
    return lines


@dataclass(frozen=True)
class TownshipLines:
    """One township's villages in the summary and their total (core.township.summary.totals)."""

    name: str
    lines: list[dict]
    total: dict


@dataclass(frozen=True)
class CountySummary:
    """The county's summary for a period: each township's lines and subtotal, and the county's total."""

    townships: list[TownshipLines]
    total: dict

    @property
    def lines(self) -> list[dict]:
        return [line for group in self.townships for line in group.lines]


def grouped(lines: Sequence[dict]) -> CountySummary:
    """``lines`` (summary_rows, in their order) grouped by township, with the totals of each and of all."""
    townships = [TownshipLines(name, group, totals(group))
                 for name, group in ((name, list(found)) for name, found in groupby(lines, lambda r: r["township"]))]
    return CountySummary(townships, {**totals(lines), "townships": len(townships)})


def county_summary(conn: psycopg.Connection, today: date, period: periods.Period | None = None) -> CountySummary:
    """The county's summary for ``period`` (None: each village's current figures), in one query."""
    return grouped(summary_rows(conn, today, period))


def diverged(conn: psycopg.Connection) -> list[dict]:
    """The diverged points histories the county accepted on confirmation, oldest first: each with its
    village's township and name, when (``at``) and its ``text`` (core.township.merge.event_text).
    A summary prints them for good (docs/PACKAGES.md, step 5), as the township's does."""
    with conn.cursor(row_factory=dict_row) as cursor:
        found = cursor.execute(_DIVERGED).fetchall()
    return [{**row, "text": township.event_text(row["kind"], row["detail"], row["sequence"])} for row in found]


__all__ = ["CountySummary", "TownshipLines", "county_summary", "diverged", "grouped", "snapshot", "summary_periods",
           "summary_rows"]
