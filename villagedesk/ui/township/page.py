"""The township's window: the villages it merges, importing their USB packages, one village's records.

A township database (core.township) holds many villages as they sent
themselves.  This page lists them with the figures the township compares them
by (core.township_figures, computed when a package is taken), imports several
package files at once — each verified and merged on its own, so a refused file
holds up no other — and opens a village's records read-only: its replica is
built in a temporary folder off the GUI thread and shown sheet by sheet, with
the same sheets and Chinese headers as the village's Excel workbook.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk import clock
from villagedesk.core.common import periods
from villagedesk.core.township import merge as township
from villagedesk.core.township.summary import STALE_DAYS, summary_periods, summary_rows
from villagedesk.documents.excel.spec import sheet_page
from villagedesk.documents.package.importer import ImportSession, import_order
from villagedesk.errors import Cancelled, UserError
from villagedesk.store import Store, open_store
from villagedesk.ui.export.package_dialogs import PackageReportDialog
from villagedesk.ui.export.township_card import export_township_card, print_key_sheet
from villagedesk.ui.kit.dialogs import Dialog
from villagedesk.ui.kit.file_dialogs import ask_open_many, ask_save, remember_save_folder
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.open_password import ask_open_password, saved_text
from villagedesk.ui.kit.pager import Pager
from villagedesk.ui.kit.print_preview import BackgroundPrint, village_name
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.kit.tables import make_table, select_record, selected_record
from villagedesk.ui.kit.widgets import button_bar, page_column, splitter
from villagedesk.ui.kit.workers import Progress, run_job

_STALE = QColor("#fbe3c4")
_MAX_COLUMN = 200

_WIDTHS = {"sequence": 55, "full": 60, "written": 140, "imported": 140, "app_version": 70}


def percent(value) -> str:
    return "" if value is None else f"{round(value * 100)}%"


def _moment(value) -> str:
    return (value or "")[:16].replace("T", " ")


def summary_columns() -> tuple[list[tuple[str, str]], dict]:
    """The columns of the villages' summary lines (core.township.summary.summary_line) and how each shows its
    value: the township's villages page and the county's summary page (ui/county) show the same lines."""
    yes = QCoreApplication.translate("TownshipPage", "Yes")

    def committee(vacant) -> str:
        if vacant is None:
            return ""
        return (QCoreApplication.translate("TownshipPage", "Complete") if not vacant
                else fmt(QCoreApplication.translate("TownshipPage", "Vacant: %1"), vacant))

    columns = [
        ("name", QCoreApplication.translate("TownshipPage", "Village")),
        ("last_sequence", QCoreApplication.translate("TownshipPage", "Last package")),
        ("last_created", QCoreApplication.translate("TownshipPage", "Written on")),
        ("age", QCoreApplication.translate("TownshipPage", "Days ago")),
        ("households", QCoreApplication.translate("TownshipPage", "Households")),
        ("persons", QCoreApplication.translate("TownshipPage", "Persons")),
        ("committee", QCoreApplication.translate("TownshipPage", "Committee heads")),
        ("both_heads", QCoreApplication.translate("TownshipPage", "Both heads")),
        ("points_period", QCoreApplication.translate("TownshipPage", "Points period")),
        ("participation", QCoreApplication.translate("TownshipPage", "Taking part")),
        ("requests_open", QCoreApplication.translate("TownshipPage", "Requests open")),
        ("requests_overdue", QCoreApplication.translate("TownshipPage", "Overdue")),
        ("requests_closed_share", QCoreApplication.translate("TownshipPage", "Closed")),
        ("notices_posted", QCoreApplication.translate("TownshipPage", "Notices on time")),
        ("notices_overdue", QCoreApplication.translate("TownshipPage", "Notices overdue")),
    ]
    formatters = {"last_sequence": lambda n: "" if n is None else fmt(
                      QCoreApplication.translate("TownshipPage", "No. %1"), n),
                  "committee": committee, "both_heads": lambda n: yes if n else "",
                  "participation": percent, "requests_closed_share": percent}
    return columns, formatters


def period_combo(parent: QWidget, changed: Callable[[], None]) -> QComboBox:
    """The summary's period: each village's current figures until one is chosen (the township's villages page
    and the county's summary page); :func:`printed_period` says which one a printout is of."""
    combo = QComboBox(parent)
    combo.setObjectName("summary_period")
    combo.addItem(QCoreApplication.translate("TownshipPage", "Current figures"), None)
    for period in summary_periods(clock.today()):
        combo.addItem(period.label, period.code)
    combo.currentIndexChanged.connect(lambda *_: changed())
    return combo


def printed_period(combo: QComboBox) -> str:
    """The period a printed summary is of: the one chosen, or this quarter (a printout is always of one)."""
    return combo.currentData() or summary_periods(clock.today())[0].code


def stale_colour(row: dict) -> QColor | None:
    """A village whose last package is old stands out (core.township.summary.STALE_DAYS)."""
    return _STALE if row.get("stale") else None


def ask_use_as_township(parent: QWidget, store: Store) -> bool:
    """Ask, then make this database the township's; False (after saying why) when refused or declined."""
    title = QCoreApplication.translate("TownshipPage", "Use as township database")
    question = QCoreApplication.translate(
        "TownshipPage", "Use this database as the township's database?\n\nIt then imports the villages' USB "
        "packages and shows them side by side; it keeps no village records of its own. "
        "A village clerk should answer No.")
    if QMessageBox.question(parent, title, question) != QMessageBox.StandardButton.Yes:
        return False
    try:
        township.set_township(store, True)
    except UserError as err:
        QMessageBox.warning(parent, title, str(err))
        return False
    return True


# --- importing several files ---------------------------------------------------------

@dataclass
class ImportRun:
    """What importing a set of package files did, file by file (file names, the core's messages)."""

    imported: list[tuple[str, township.ImportResult]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    # What the officer must confirm (a new village's key, a changed key, a diverged history; core.township.merge
    # NeedsConfirmation): the village's files wait for the answer (village code → files, → the question).
    waiting: dict[str | None, list] = field(default_factory=dict)
    questions: dict[str | None, township.NeedsConfirmation] = field(default_factory=dict)
    stopped: list[str] = field(default_factory=list)  # not tried: Cancel was pressed

    def add(self, later: ImportRun) -> None:
        """The outcome of a second round (the files of villages the officer accepted)."""
        self.imported += later.imported
        self.refused += later.refused
        self.stopped += later.stopped
        self.waiting.update(later.waiting)
        self.questions.update(later.questions)


# What each kind of confirmation accepts, as ImportSession.take names it.
_ACCEPT = {"new-village": "accept_new_village", "new-key": "accept_new_key", "divergence": "accept_divergence"}


def import_all(store: Store, queue: list, accepted: dict, progress: Progress) -> ImportRun:
    """Import ``queue`` (importer.import_order) into ``store`` one file at a time; runs on a worker thread.

    A refused file is noted and the next one tried.  A file the officer must
    confirm (NeedsConfirmation: a village's first package and its key, a village
    of another township, a new key, a diverged history) is set aside with every
    later file of that village; ``accepted`` maps a village code to the kinds
    already confirmed for it.  Cancel stops before the next file: what was
    imported stays imported and is reported.
    """
    with ImportSession(store) as session:
        return _import_each(session, queue, accepted, progress)


def _import_each(session: ImportSession, queue: list, accepted: dict, progress: Progress) -> ImportRun:
    run = ImportRun()
    for n, queued in enumerate(queue):
        try:
            progress(n, len(queue))
        except Cancelled:
            run.stopped = [q.path.name for q in queue[n:]]
            break
        code = queued.village_code
        if code in run.waiting:
            run.waiting[code].append(queued)
            continue
        try:
            following = queue[n + 1].path if n + 1 < len(queue) else None
            result = session.take(queued.path, then=following,
                                  **{_ACCEPT[kind]: True for kind in accepted.get(code, ())})
        except township.NeedsConfirmation as err:
            run.waiting[code] = [queued]
            run.questions[code] = err
        except UserError as err:
            run.refused.append((queued.path.name, str(err)))
        else:
            run.imported.append((queued.path.name, result))
    return run


def report_text(run: ImportRun) -> tuple[str, list[str]]:
    """The headline and the lines of the final report."""
    taken = [(name, r) for name, r in run.imported if not r.already]
    again = [(name, r) for name, r in run.imported if r.already]
    counted = [(QCoreApplication.translate("TownshipPage", "Imported: %1."), len(taken)),
               (QCoreApplication.translate("TownshipPage", "Imported before, nothing changed: %1."), len(again)),
               (QCoreApplication.translate("TownshipPage", "Refused: %1."), len(run.refused)),
               (QCoreApplication.translate("TownshipPage", "Not tried (stopped): %1."), len(run.stopped))]
    # How many were imported is always said; the rest only when there are any.
    parts = [fmt(text, n) for i, (text, n) in enumerate(counted) if n or i == 0]
    lines = []
    for name, result in taken + again:
        # The summary's first line; its table-by-table lines name the tables as the database does.
        lines += [f"✔ {name}", "  " + result.summary().splitlines()[0]]
        if result.counts:
            text = QCoreApplication.translate("TownshipPage",
                                              "Records: %1 new, %2 updated, %3 unchanged, %4 deleted.")
            for n, key in enumerate(("new", "updated", "unchanged", "deleted"), 1):
                text = text.replace(f"%{n}", str(sum(c.get(key, 0) for c in result.counts.values())))
            lines.append("  " + text)
        # What taking it recorded for good (a new key, a diverged history, a restore), in the core's words.
        lines += ["  " + township.event_text(kind, detail, result.sequence) for kind, detail in result.events]
        lines.append("")
    for name, message in run.refused:
        lines += [f"✘ {name}", f"  {message}", ""]
    stopped = QCoreApplication.translate("TownshipPage", "Not imported: the import was stopped before this file.")
    for name in run.stopped:
        lines += [f"– {name}", f"  {stopped}", ""]
    return " ".join(parts), lines


# --- one village's records, read-only ----------------------------------------------------

def _formatters(spec) -> dict:
    found = {}
    for col in spec.columns:
        if col.kind == "datetime":
            found[col.key] = lambda v: "" if v is None else str(v).replace("T", " ")
        elif col.kind == "number":
            found[col.key] = lambda v: "" if v is None else (f"{v:g}" if isinstance(v, float) else str(v))
    return found


class VillageRecordsDialog(Dialog):
    """A village's records as its Excel workbook shows them, sheet by sheet, read-only.

    Owns ``replica`` (a temporary database built from what the village sent) and
    closes it when the dialog closes.  Long sheets are shown :data:`PAGE_ROWS`
    rows at a time; every page is read off the GUI thread.
    """

    PAGE_ROWS = 5000

    def __init__(self, replica: Store, sheets: list[tuple], village: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.replica = replica
        self.sheets = sheets  # (SheetSpec, row count)
        self.job = None  # the page being read (tests wait for it)
        self.buttons: dict[str, QPushButton] = {}
        self.setWindowTitle(fmt(self.tr("%1: records (read only)"), village["name"]))
        info = QLabel(fmt(self.tr("As sent in package No. %1 of %2. Nothing can be changed here: the village "
                              "keeps its own records."), village["last_sequence"], village["last_created"]), self)
        info.setObjectName("info")
        info.setWordWrap(True)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setObjectName("sheet_chooser")
        for spec, count in sheets:
            self.sheet_combo.addItem(fmt(self.tr("%1 (%2)"), spec.title, f"{count:,}"))
        self.page_label = QLabel(self)
        self.page_label.setObjectName("page_label")
        self.page_label.setWordWrap(True)
        self.model = ListTableModel([], [], None, self)
        self.view = make_table(self.model, self)
        self.view.setObjectName("records_view")
        self.view.setSortingEnabled(False)  # the sheet's own order: a page of a longer sheet cannot be sorted

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Sheet:"), self))
        top.addWidget(self.sheet_combo)
        top.addSpacing(16)
        self.pager = Pager(self, self.PAGE_ROWS, self.count, self._read, self.buttons)
        top.addLayout(self.pager.bar, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(top)
        layout.addWidget(self.page_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(close)
        self.resize(1080, 640)
        self.sheet_combo.currentIndexChanged.connect(self.show_sheet)
        self.show_sheet(0)

    def spec(self):
        return self.sheets[self.sheet_combo.currentIndex()][0]

    def count(self) -> int:
        return self.sheets[self.sheet_combo.currentIndex()][1]

    def show_sheet(self, _index: int = 0) -> None:
        spec = self.spec()
        self.pager.offset = 0
        previous = self.model
        self.model = ListTableModel([(c.key, c.header) for c in spec.columns], [], _formatters(spec), self)
        self.view.setModel(self.model)
        previous.deleteLater()
        for column, col in enumerate(spec.columns):
            self.view.setColumnWidth(column, max(60, min(320, int(col.display_width * 8))))
        self._read()

    def _read(self) -> None:
        spec, offset, replica = self.spec(), self.pager.offset, self.replica
        self.pager.hold()
        self.sheet_combo.setEnabled(False)
        self.job = run_job(self, self.tr("Reading the sheet"),
                           lambda _progress: sheet_page(spec, replica, offset, self.PAGE_ROWS), self._show_rows)
        self.job.finished.connect(self._update_controls)

    def _show_rows(self, rows: list[dict]) -> None:
        self.model.set_rows(rows)
        self.view.scrollToTop()
        total = self.count()
        if total > self.PAGE_ROWS:
            self.page_label.setText(
                fmt(self.tr("Rows %1–%2 of %3, shown %4 at a time. The whole sheet is in the village's Excel "
                        "workbook, inside its package."), f"{self.pager.offset + 1:,}", f"{self.pager.offset + len(rows):,}", f"{total:,}", f"{self.PAGE_ROWS:,}"))
        else:
            self.page_label.setText(fmt(self.tr("%1 rows."), f"{len(rows):,}"))

    def _update_controls(self) -> None:
        self.sheet_combo.setEnabled(True)
        self.pager.update()

    def done(self, result: int) -> None:
        # A page still being read uses the replica: let it finish before the replica is closed.
        if self.job is not None and not self.job.is_finished:
            self.job.wait(60)
        super().done(result)


# --- the page ----------------------------------------------------------------------------

class TownshipPage(QWidget):
    """Villages side by side; import packages; a village's packages and, on double-click, its records."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.job = None  # the last long job started here (tests wait for it)
        self.report: PackageReportDialog | None = None
        self.buttons: dict[str, QPushButton] = {}
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.period = period_combo(self, self.refresh)
        bar = button_bar(self, (
            ("import_packages", self.tr("Import packages…"), self.import_packages),
            ("open_village", self.tr("Browse records…"), self.open_village),
            ("export_excel", self.tr("Export Excel…"), self.export_excel),
            ("print_summary", self.tr("Print summary…"), self.print_summary),
            # The card the villages take once, and its fingerprints for the paper file (docs/PACKAGES.md).
            ("export_card", self.tr("Export township card…"), lambda: export_township_card(self, self.store)),
            ("print_keys", self.tr("Print key sheet…"), self.print_keys),
        ), self.buttons)
        bar.insertWidget(bar.count() - 1, QLabel(self.tr("Period:"), self))
        bar.insertWidget(bar.count() - 1, self.period)
        self.printer = None

        columns, formatters = summary_columns()
        self.villages = ListTableModel(
            [*columns, ("fingerprint", self.tr("Key fingerprint")), ("events", self.tr("Recorded"))],
            [], {**formatters, "events": lambda n: fmt(self.tr("%1 event(s)"), n) if n else ""},
            self, id_key="code", background=stale_colour)
        self.villages_view = self._table(self.villages, "villages_view")
        self.villages_view.doubleClicked.connect(self._double_clicked)
        self.villages_view.selectionModel().selectionChanged.connect(lambda *_: self._village_chosen())

        self.packages = ListTableModel(
            [("sequence", self.tr("No.")), ("full", self.tr("Kind")), ("written", self.tr("Written on")),
             ("imported", self.tr("Imported on")), ("app_version", self.tr("Program")),
             ("file_name", self.tr("File"))],
            [], {"full": lambda on: self.tr("Full") if on else self.tr("Changes")}, self, id_key="sequence")
        self.packages_view = self._table(self.packages, "packages_view")
        self.packages_view.setSortingEnabled(False)
        # What was accepted on confirmation for the chosen village (a new key, a diverged history, a restore),
        # kept for good by the township (core.township.merge.village_events).
        self.events_label = QLabel(self)
        self.events_label.setObjectName("events")
        self.events_label.setWordWrap(True)
        self.events_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.packages_box = QGroupBox(self)
        box = QVBoxLayout(self.packages_box)
        box.addWidget(self.events_label)
        box.addWidget(self.packages_view)

        page_column(self, self.summary, bar, splitter(self, self.villages_view, self.packages_box, sizes=(430, 200)))
        self.refresh()

    def _table(self, model: ListTableModel, name: str):
        view = make_table(model, self)
        view.setObjectName(name)
        for column, key in enumerate(model.keys()):
            if key in _WIDTHS:
                view.setColumnWidth(column, _WIDTHS[key])
        return view

    # --- showing --------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        # Ages count from today, which may be a new day.
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        chosen = self.selected_village()
        code = self.period.currentData()
        rows = summary_rows(self.store, clock.today(), None if code is None else periods.parse(code))
        # Who signs each village's packages, and how much was accepted on confirmation (docs/PACKAGES.md).
        fingerprints = township.village_keys(self.store)
        events: dict[str, int] = {}
        for event in township.village_events(self.store):
            events[event["village_code"]] = events.get(event["village_code"], 0) + 1
        for row in rows:
            row["fingerprint"], row["events"] = fingerprints.get(row["code"], ""), events.get(row["code"], 0)
        self.villages.set_rows(rows)
        # A few dozen villages: the columns fit their text (all thirteen fit a laptop screen).
        self.villages_view.resizeColumnsToContents()
        for column in range(self.villages.columnCount()):
            self.villages_view.setColumnWidth(column, min(_MAX_COLUMN, self.villages_view.columnWidth(column)))
        if chosen is not None:
            self.select_village(chosen["code"])
        self._summarise(rows)
        self._village_chosen()

    def _summarise(self, rows: list[dict]) -> None:
        if not rows:
            self.summary.setText(self.tr("No village yet. Import the packages the villages brought on their "
                                         "USB sticks with “Import packages…”."))
            return
        parts = [self.tr("%n village(s).", "", len(rows))]
        stale = [r["name"] for r in rows if r["stale"]]
        if stale:
            parts.append(fmt(self.tr("No package for more than %1 days (marked): %2."), STALE_DAYS, "、".join(stale)))
        else:
            parts.append(fmt(self.tr("Every village sent a package within %1 days."), STALE_DAYS))
        vacant = [r["name"] for r in rows if r["vacant_heads"]]
        if vacant:
            parts.append(fmt(self.tr("Committee heads vacant: %1."), "、".join(vacant)))
        parts.append(self.tr("Figures as of the day each village wrote its package. "
                             "Double-click a village to browse its records."))
        self.summary.setText(" ".join(parts))

    # --- township outputs -------------------------------------------------------
    def export_excel(self) -> None:
        """The summary sheet and every village's sheets merged, with a 村 column (off the GUI thread)."""
        title = self.tr("Export Excel workbook")
        # The villages' registers are in it, full ID numbers and all: an opening password may be set first.
        go, password = ask_open_password(self, title, self.tr("The workbook"))
        if not go:
            return
        name = f"{village_name(self.store) or self.tr('Township')}-各村汇总-{clock.today():%Y%m%d}.xlsx"
        path = ask_save(self, title, name, self.tr("Excel workbooks (*.xlsx)"), ".xlsx")
        if path is None:
            return

        def job(progress):
            # loads openpyxl: not at start-up
            from villagedesk.documents.excel.township import export_township_workbook

            with open_store(self.store.path, write=False, key=self.store.key) as reader:
                return export_township_workbook(reader, path, progress=progress, password=password)

        def saved(_written) -> None:
            remember_save_folder(path)
            QMessageBox.information(self, self.tr("Export"), saved_text(path, password))

        self.job = run_job(self, self.tr("Exporting the villages' records"), job, saved)

    def print_summary(self) -> None:
        """各村村务汇总表 for the chosen period, previewed before it is printed or saved."""
        from villagedesk.documents.pdf.summary import print_summary  # loads reportlab: not at start-up

        code = printed_period(self.period)
        if self.printer is None:
            self.printer = BackgroundPrint(self, self.store)
        suggested = "-".join(p for p in (village_name(self.store), "各村村务汇总表", code) if p) + ".pdf"
        self.job = self.printer.show(self.tr("Preparing the summary"), f"summary-{code}", suggested,
                                     lambda reader, pdf, progress: print_summary(reader, pdf, code,
                                                                                 progress=progress))

    def print_keys(self) -> None:
        if self.printer is None:
            self.printer = BackgroundPrint(self, self.store)
        self.job = print_key_sheet(self.printer)

    def selected_village(self) -> dict | None:
        return selected_record(self.villages_view)

    def select_village(self, code: str) -> bool:
        return select_record(self.villages_view, code)

    def village_texts(self, code: str) -> dict[str, str]:
        """What the villages table shows for ``code``, by column key (for tests and checks)."""
        row = self.villages.row_of(code)
        return {key: self.villages.data(self.villages.index(row, column))
                for column, key in enumerate(self.villages.keys())}

    def _village_chosen(self) -> None:
        village = self.selected_village()
        self.buttons["open_village"].setEnabled(village is not None)
        if village is None:
            self.packages_box.setTitle(self.tr("Packages received: choose a village above"))
            self.packages.set_rows([])
            self.events_label.setVisible(False)
            return
        events = township.village_events(self.store, village["code"])
        lines = [fmt(self.tr("Signing key fingerprint: %1"), village["fingerprint"] or self.tr("none yet"))]
        if events:
            lines.append(self.tr("Accepted on confirmation and recorded:"))
            lines += [f"• {_moment(e['created_at'])}　{e['text']}" for e in events]
        self.events_label.setText("\n".join(lines))
        self.events_label.setVisible(True)
        self.packages_box.setTitle(fmt(self.tr("Packages received from %1 (credit code %2)"), village["name"], village["code"]))
        self.packages.set_rows([
            {"sequence": p["sequence"], "full": bool(p["full"]), "written": _moment(p["package_created_at"]),
             "imported": _moment(p["created_at"]), "app_version": p["app_version"], "file_name": p["file_name"]}
            for p in township.packages_taken(self.store, village["code"])])

    # --- importing ------------------------------------------------------------
    def import_packages(self) -> None:
        files = ask_open_many(self, self.tr("Import packages"), self.tr("Village packages (*.vdpkg)"))
        if files:
            self.import_files(files)

    def import_files(self, files: list[Path]) -> None:
        """Import ``files`` in village and sequence order, off the GUI thread; then ask and report."""
        self._start_import(lambda: import_order(files), {}, ImportRun())

    def _start_import(self, make_queue, accepted: dict, before: ImportRun) -> None:
        store = self.store
        button = self.buttons["import_packages"]
        button.setEnabled(False)

        def job(progress):
            # Importing writes this database: the window's own store (see workers), as one file follows
            # another; the modal progress dialog and the disabled button keep the window from it meanwhile.
            return import_all(store, make_queue(), accepted, progress)

        def done(run: ImportRun) -> None:
            before.add(run)
            self.refresh()
            self._after_import(before, accepted)

        self.job = run_job(self, self.tr("Importing packages"), job, done)
        # A second round (accepted villages) starts before the first one has finished.
        self.job.finished.connect(lambda: button.setEnabled(self.job.is_finished))

    def _question(self, error: township.NeedsConfirmation) -> tuple[str, str]:
        """The title and the question of a confirmation; the core's message says what was found."""
        if error.kind == "new-key":
            return (self.tr("Village key changed"),
                    self.tr("Take the new key? Only if the village confirms it reinstalled and reads you this "
                            "fingerprint. The old key is retired and the change is recorded."))
        if error.kind == "divergence":
            return (self.tr("Points history differs"),
                    self.tr("Take this package all the same? Its points history replaces the one held, and the "
                            "difference is recorded for good."))
        if error.foreign:
            return self.tr("Village of another township"), self.tr("Import its packages all the same?")
        return (self.tr("New village"),
                self.tr("Does the village read you the same fingerprint (by phone or on its paper form)? "
                        "Import its packages?"))

    def _after_import(self, run: ImportRun, accepted: dict) -> None:
        """Ask what must be confirmed, village by village; import the confirmed ones again; else report."""
        retry, confirmed = [], {code: set(kinds) for code, kinds in accepted.items()}
        for code, error in list(run.questions.items()):
            files = run.waiting.pop(code)
            del run.questions[code]
            title, question = self._question(error)
            answer = QMessageBox.question(self, title, str(error) + "\n\n" + question)
            if answer == QMessageBox.StandardButton.Yes:
                retry += files
                confirmed.setdefault(code, set()).add(error.kind)
            else:
                run.refused += [(q.path.name, str(error) + " " + self.tr("(Not imported: you answered No.)"))
                                for q in files]
        if retry:
            self._start_import(lambda: retry, {code: frozenset(kinds) for code, kinds in confirmed.items()}, run)
            return
        headline, lines = report_text(run)
        self.report = PackageReportDialog(headline, lines, self)
        self.report.exec()

    # --- one village's records ------------------------------------------------
    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.villages_view.selectRow(index.row())
            self.open_village()

    def open_village(self) -> None:
        village = self.selected_village()
        if village is None:
            return
        db_path, key, code = self.store.path, self.store.key, village["code"]
        scratch = tempfile.TemporaryDirectory(prefix="villagedesk-village-")

        def job(progress):
            # loads openpyxl: not at start-up
            from villagedesk.documents.excel.workbook import default_sheets

            progress(0, 0)
            with open_store(db_path, write=False, key=key) as reader:
                replica = township.build_replica(reader, code, Path(scratch.name) / "village.sqlite3")
            try:
                sheets = [(spec, spec.count(replica)) for spec in default_sheets()]
                progress(1, 1)  # Cancel pressed while it was built: show nothing
            except BaseException:
                replica.close()
                raise
            return replica, sheets

        def show(built) -> None:
            replica, sheets = built
            try:
                VillageRecordsDialog(replica, sheets, village, self).exec()
            finally:
                replica.close()
                scratch.cleanup()

        self.job = run_job(self, self.tr("Opening the village's records"), job, show)
        self.job.finished.connect(lambda: self._discard(scratch))

    @staticmethod
    def _discard(scratch: tempfile.TemporaryDirectory) -> None:
        # After a failed or cancelled build (after a shown dialog it is gone already).
        with contextlib.suppress(OSError):
            scratch.cleanup()
