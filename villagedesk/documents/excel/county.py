"""The county's workbook: the summary (one row per village with its 乡镇, township subtotals, the county's
total), then every village sheet merged with 乡镇 and 村 columns in front.

The township's workbook (township.py) one level up, made of its pieces: the summary sheet's columns
and cells, the merged sheets run on each village's replica, here made from the county's rows
(core.county.replica.CountyRows), split past Excel's row limit as a village's are.  It carries what
the township's carries (the villages' registers, full ID numbers and all), so it takes an opening
password on the same terms (documents/protect.py).  A reader role can make it: it reads no key
(docs/COUNTY.md "The county's outputs").
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import psycopg

from villagedesk import clock
from villagedesk.core.county.profile import county_name
from villagedesk.core.county.replica import CountyRows
from villagedesk.core.county.summary import CountySummary, county_summary, snapshot
from villagedesk.documents.excel import messages
from villagedesk.documents.excel.spec import Col, Sheet
from villagedesk.documents.excel.township import (
    SUMMARY_COLUMNS,
    VILLAGE,
    MergedSheet,
    Progress,
    summary_cells,
    village_replicas,
)
from villagedesk.documents.excel.workbook import default_sheets, export_workbook
from villagedesk.documents.protect import OpenPassword
from villagedesk.errors import UserError
from villagedesk.store import Store

TOWNSHIP = Col("乡镇", "township", width=12)
# In front of every merged sheet: whose villages, then which village.
FRONT = (TOWNSHIP, VILLAGE)


def _total_cells(township: str, label: str, total: dict) -> dict:
    """A subtotal or total row: the counts and the weighted shares (core.township.summary.totals), the
    columns of one village's package (its number, date, period) left empty."""
    vacant = total["vacant_villages"]
    return summary_cells({**{col.key: None for col in SUMMARY_COLUMNS}, **total, "township": township,
                          "name": label, "committee": f"{vacant} 个村有空缺" if vacant else ""})


@dataclass(frozen=True)
class CountySummarySheet:
    """各村汇总: the county's lines (core.county.summary), each township's closed by its subtotal."""

    summary: CountySummary
    title: str = "各村汇总"
    columns: tuple[Col, ...] = (TOWNSHIP, *SUMMARY_COLUMNS)
    lead: tuple[str, ...] = ()

    def count(self, _store: Store) -> int:
        return len(self.summary.lines) + len(self.summary.townships) + 1

    def rows(self, _store: Store) -> Iterator[dict]:
        for group in self.summary.townships:
            yield from map(summary_cells, group.lines)
            yield _total_cells(group.name, f"小计（{len(group.lines)} 村）", group.total)
        total = self.summary.total
        yield _total_cells("全县合计", f"{total['townships']} 个乡镇 {total['villages']} 村", total)


def export_county_workbook(conn: psycopg.Connection, path: Path | str, *, progress: Progress | None = None,
                           today: date | None = None, password: OpenPassword | None = None) -> dict[str, int]:
    """Write the county's workbook to ``path`` atomically (encrypted with ``password`` when given); returns
    rows written per sheet title."""
    today = today or clock.today()
    with contextlib.ExitStack() as scratch:
        # The summary and every village's replica of one moment; over before the workbook is written.
        with snapshot(conn):
            county = county_name(conn)
            summary = county_summary(conn, today)
            if not summary.townships:
                raise UserError(messages.COUNTY_NO_PACKAGES.format(county=county))
            villages = [{"code": line["code"], "township": line["township"], "village": line["name"]}
                        for line in summary.lines]
            replicas = scratch.enter_context(village_replicas(villages, CountyRows(conn), progress))
        sheets: list[Sheet] = [CountySummarySheet(summary),
                               *(MergedSheet(spec, replicas, FRONT) for spec in default_sheets())]
        # The writer hands each sheet a database to read; these sheets carry their own (the county's lines,
        # each village's replica) and read none: the first replica stands in.
        return export_workbook(replicas[0][1], path, sheets=sheets, progress=progress, password=password)


__all__ = ["FRONT", "TOWNSHIP", "CountySummarySheet", "export_county_workbook"]
