"""The township's workbook: the summary (one row per village), then every village sheet merged, with a 村 column.

The merged sheets are the village workbook's own (documents.excel.default_sheets),
run on each village's replica (core.township.build_replica) one village after
another, so the township reads the same columns as a village clerk does, with
the village named in front.  A merged ledger longer than Excel's limit goes on
in a second sheet, as a village's does.  The county's workbook (county.py) is
made of the same pieces, with a 乡镇 column in front of the 村.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from villagedesk import clock
from villagedesk.core.township import merge as township
from villagedesk.core.township.merge import RowsSource
from villagedesk.core.township.summary import summary_rows
from villagedesk.documents.excel import messages
from villagedesk.documents.excel.spec import Col, Sheet, SheetSpec
from villagedesk.documents.excel.workbook import default_sheets, export_workbook
from villagedesk.documents.protect import OpenPassword
from villagedesk.errors import UserError
from villagedesk.store import Store

Progress = Callable[[int, int], None]

# Figures get narrow columns under wrapped headers: the sheet prints one page wide, and twenty
# header-wide columns shrank it to well under half size.
SUMMARY_COLUMNS = (
    Col("村", "name", width=14), Col("统一社会信用代码", "code", "id", width=20),
    Col("最后数据包", "last_sequence", "int", width=9), Col("数据包日期", "last_created", "date", width=11),
    Col("距今天数", "age", "int", width=9), Col("户数", "households", "int", width=9),
    Col("人口", "persons", "int", width=9), Col("两委成员", "committee_members", "int", width=9),
    Col("主职空缺", "committee", width=16), Col("一肩挑", "both_heads", "int", width=9),
    Col("积分期", "points_period", width=15), Col("积分参与率（%）", "participation_percent", "number", width=10),
    Col("诉求总数", "requests_total", "int", width=9), Col("在办诉求", "requests_open", "int", width=9),
    Col("逾期诉求", "requests_overdue", "int", width=9), Col("办结率（%）", "closed_percent", "number", width=10),
    Col("已按期公开", "notices_posted", "int", width=9), Col("逾期未公开", "notices_overdue", "int", width=9),
    Col("待公开", "notices_due", "int", width=9), Col("数字截至", "as_of", "date", width=11),
    # Which period the requests columns count (the points period is 积分期); the rest are as of 数字截至.
    Col("诉求统计期", "requests_period", width=22),
)


# The 村 in front of a merged sheet (MergedSheet.front): each village's ``village`` value.
VILLAGE = Col("村", "village", width=14)


def _percent(share) -> float | None:
    return None if share is None else round(share * 100, 1)


def summary_cells(line: dict) -> dict:
    """A summary line (core.township.summary: a village's, or a total's) as the summary sheet's cells."""
    return {**line, "committee": "齐全" if line["committee"] == "" else line["committee"],
            "participation_percent": _percent(line["participation"]),
            "closed_percent": _percent(line["requests_closed_share"])}


@dataclass(frozen=True)
class SummarySheet:
    """各村汇总: core.township_summary's lines (the same the villages page shows)."""

    today: date
    title: str = "各村汇总"
    columns: tuple[Col, ...] = SUMMARY_COLUMNS
    lead: tuple[str, ...] = ()

    def count(self, store: Store) -> int:
        return store.scalar("SELECT count(*) FROM tw_villages")

    def rows(self, store: Store) -> Iterator[dict]:
        yield from map(summary_cells, summary_rows(store, self.today))


@dataclass(frozen=True)
class MergedSheet:
    """One village sheet run on every village's replica, the village named in front (``front``: the
    columns of what names it, filled from each village's values: 村, and 乡镇 at the county)."""

    spec: SheetSpec
    villages: Sequence[tuple[dict, Store]]
    front: tuple[Col, ...] = (VILLAGE,)

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def columns(self) -> tuple[Col, ...]:
        return (*self.front, *self.spec.columns)

    @property
    def lead(self) -> tuple[str, ...]:
        return self.spec.lead

    def count(self, _store: Store) -> int:
        return sum(self.spec.count(replica) for _named, replica in self.villages)

    def rows(self, _store: Store) -> Iterator[dict]:
        for named, replica in self.villages:
            for row in self.spec.rows(replica):
                yield {**named, **row}


@contextlib.contextmanager
def village_replicas(villages: Sequence[dict], source: Store | RowsSource,
                     progress: Progress | None = None) -> Iterator[list[tuple[dict, Store]]]:
    """Each of ``villages``' replica (made from ``source``: a township's database or the county's rows), in a
    temporary folder for as long as the block runs, with what names it: ``villages`` each hold the
    village's ``code`` and the values of a MergedSheet's front columns."""
    found: list[tuple[dict, Store]] = []
    with tempfile.TemporaryDirectory(prefix="villagedesk-township-") as scratch:
        try:
            for n, village in enumerate(villages):
                if progress is not None:
                    progress(n, len(villages))
                code = village["code"]
                named = {key: value for key, value in village.items() if key != "code"}
                found.append((named, township.build_replica(source, code, Path(scratch) / f"{code}.sqlite3")))
            yield found
        finally:
            for _named, replica in found:
                replica.close()


def export_township_workbook(store: Store, path: Path | str, *, progress: Progress | None = None,
                             today: date | None = None, password: OpenPassword | None = None) -> dict[str, int]:
    """Write the township workbook to ``path`` atomically (encrypted with ``password`` when given);
    returns rows written per sheet title."""
    if not store.scalar("SELECT count(*) FROM tw_villages"):
        raise UserError(messages.NO_PACKAGES)
    today = today or clock.today()
    villages = [{"code": v["code"], "village": v["name"]} for v in township.villages(store)]
    with village_replicas(villages, store, progress) as replicas:
        sheets: list[Sheet] = [SummarySheet(today), *(MergedSheet(spec, replicas) for spec in default_sheets())]
        return export_workbook(store, path, sheets=sheets, progress=progress, password=password)


__all__ = ["SUMMARY_COLUMNS", "VILLAGE", "MergedSheet", "SummarySheet", "export_township_workbook", "summary_cells",
           "village_replicas"]
