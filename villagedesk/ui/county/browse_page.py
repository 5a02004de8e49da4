"""乡镇与村: the county's townships, a township's villages, a village's records (read-only).

Each list is read on a worker thread (ui/kit/workers): the county's server may be across the office
network, and the window never waits on it.  Choosing a township lists its villages; choosing a
village shows its records below (ui/county/records.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from villagedesk.core.county import browse
from villagedesk.ui.county.page import CountyPage
from villagedesk.ui.county.records import RecordsPanel
from villagedesk.ui.county.session import CountySession
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.kit.tables import make_table, select_record, selected_record
from villagedesk.ui.kit.widgets import page_column, splitter
from villagedesk.ui.kit.workers import run_job


def _moment(value) -> str:
    return "" if value is None else str(value)[:16].replace("T", " ")


def _day(value) -> str:
    return "" if value is None else str(value)[:10]


class BrowsePage(CountyPage):
    """Townships beside their villages, and below them the chosen village's records."""

    def __init__(self, session: CountySession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.job = None  # the last read started here (tests wait for it)
        self.note = QLabel(self)
        self.note.setObjectName("browse_note")
        self.note.setWordWrap(True)
        number = lambda n: "" if not n else fmt(self.tr("No. %1"), n)  # noqa: E731
        self.townships = ListTableModel(
            [("name", self.tr("Township")), ("villages", self.tr("Villages")),
             ("last_sequence", self.tr("Last package")), ("last_imported_at", self.tr("Imported on"))],
            [], {"last_sequence": number, "last_imported_at": _moment}, self, id_key="id")
        self.townships_view = make_table(self.townships, self)
        self.townships_view.setObjectName("townships_view")
        self.villages = ListTableModel(
            [("name", self.tr("Village")), ("code", self.tr("Credit code")), ("clerk", self.tr("Clerk")),
             ("last_sequence", self.tr("Last package")), ("last_created_at", self.tr("Written on"))],
            [], {"last_sequence": number, "last_created_at": _day}, self, id_key="code")
        self.villages_view = make_table(self.villages, self)
        self.villages_view.setObjectName("villages_view")
        self.villages_box = QGroupBox(self.tr("Villages"), self)
        box = QVBoxLayout(self.villages_box)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.villages_view)
        townships_box = QGroupBox(self.tr("Townships"), self)
        box = QVBoxLayout(townships_box)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.townships_view)
        self.records = RecordsPanel(session, self)
        self.records_box = QGroupBox(self.tr("Records"), self)
        box = QVBoxLayout(self.records_box)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.records)
        lists = splitter(self, townships_box, self.villages_box, sizes=(380, 620), stretch=(2, 3),
                         orientation=Qt.Orientation.Horizontal)
        page_column(self, self.note, splitter(self, lists, self.records_box, sizes=(230, 420), stretch=(1, 2)))
        self.townships_view.selectionModel().selectionChanged.connect(lambda *_: self._township_chosen())
        self.villages_view.selectionModel().selectionChanged.connect(lambda *_: self._village_chosen())

    def refresh(self) -> None:
        """The townships read again (an import may have added some), the chosen one kept."""
        chosen = self.selected_township()

        def done(rows: list[dict]) -> None:
            self.townships.set_rows(rows)
            if not rows:
                self.note.setText(self.tr("No township package has been imported yet: "
                                          "villagedesk import-package FILE --db URL imports them."))
            else:
                self.note.setText(fmt(self.tr("%1 township(s), %2 village(s). Choose a township, then a village: "
                                              "its records are shown below, read only."),
                                      len(rows), sum(r["villages"] for r in rows)))
            if chosen is None or not self.select_township(chosen["id"]):
                self._township_chosen()

        self.job = run_job(self, self.tr("Reading the townships"), lambda _p: self.session.read(browse.townships), done)

    # --- choosing ---------------------------------------------------------------
    def selected_township(self) -> dict | None:
        return selected_record(self.townships_view)

    def selected_village(self) -> dict | None:
        return selected_record(self.villages_view)

    def select_township(self, township_id: int) -> bool:
        return select_record(self.townships_view, township_id)

    def select_village(self, code: str) -> bool:
        return select_record(self.villages_view, code)

    def _township_chosen(self) -> None:
        township = self.selected_township()
        self.villages.set_rows([])
        self.records.show_village(None)
        if township is None:
            self.villages_box.setTitle(self.tr("Villages: choose a township"))
            return
        self.villages_box.setTitle(fmt(self.tr("Villages of %1"), township["name"]))
        township_id = township["id"]

        def done(rows: list[dict]) -> None:
            chosen = self.selected_township()
            if chosen is not None and chosen["id"] == township_id:
                self.villages.set_rows(rows)

        self.job = run_job(self, self.tr("Reading the villages"),
                           lambda _p: self.session.read(lambda conn: browse.villages(conn, township_id)), done)

    def _village_chosen(self) -> None:
        village = self.selected_village()
        self.records.show_village(None if village is None else village["code"])
        self.job = self.records.job
        self.records_box.setTitle(self.tr("Records") if village is None
                                  else fmt(self.tr("Records of %1"), village["name"]))


__all__ = ["BrowsePage"]
