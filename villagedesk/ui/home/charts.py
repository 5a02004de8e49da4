"""The home page's charts (Qt Charts): points by 村民小组, requests per month, households by stars.

The numbers are core.charts'; the charts are drawn by ui.home.chart_builders, which
the monthly report (ui.home.report_images) draws with too, so both show the very same
charts.

Clicking a bar or a month asks the window, through ``filter_requested``, to open
the page behind it filtered to what was clicked:
``('points-group', (period_code, group))``, ``('stars', (period_code, stars))``
or ``('requests-month', 'YYYY-MM')``.
"""

from __future__ import annotations

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QPainter, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk import clock
from villagedesk.core.common import periods
from villagedesk.core.home import charts
from villagedesk.core.points import ledger
from villagedesk.core.requests import lists as request_lists
from villagedesk.store import Store
from villagedesk.ui.home.chart_builders import group_rows_height, groups_chart, requests_chart, stars_chart
from villagedesk.ui.kit.font_size import scale_chart
from villagedesk.ui.kit.freshness import Freshness
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.print_preview import BackgroundPrint, village_name


def month_choices(store: Store) -> list[periods.Period]:
    """Newest first: every month from the first request or approved points entry up to this one."""
    today = clock.today()
    # Both read off an index's first row (status, entry_date for the points): a min over all the
    # entries would scan a million of them.
    firsts = [d for d in (request_lists.first_day(store),
                          ledger.first_entry_day(store, (ledger.EntryStatus.APPROVED,))) if d]
    start = min([periods.parse(d[:7]) for d in firsts], key=lambda p: p.start, default=None)
    current = periods.of(today, "month")
    if start is None or start.start > current.start:
        return [current]
    count = (current.start.year - start.start.year) * 12 + current.start.month - start.start.month + 1
    return list(reversed(charts.months_ending(current, count)))


class ChartsPanel(QWidget):
    """The three charts of a month (the scheme period it falls in, and the 12 months ending with it)."""

    filter_requested = Signal(str, object)

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.data: charts.PeriodCharts | None = None
        self.months: list[charts.MonthCounts] = []
        self.month = QComboBox(self)
        self.month.setObjectName("chart_month")
        self.month.setMinimumContentsLength(10)
        self.print_button = QPushButton(self.tr("Print monthly report…"), self)
        self.print_button.setObjectName("print_report")
        self.print_button.setToolTip(self.tr("One page for the township: the village's counts and these three "
                                             "charts for the month chosen."))
        self.print_button.clicked.connect(self.print_report)
        self.hint = QLabel(self.tr("Click a bar or a month to open the list behind it."), self)
        self.hint.setStyleSheet("color: #666666;")
        self.views: dict[str, QChartView] = {}
        row = QHBoxLayout()
        for key in ("groups", "requests", "stars"):
            view = QChartView(self)
            view.setObjectName(f"{key}_chart")
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumSize(260, 240)
            view.setCursor(Qt.CursorShape.PointingHandCursor)
            self.views[key] = view
            row.addWidget(view, 4 if key == "requests" else 3)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month:"), self))
        top.addWidget(self.month)
        top.addWidget(self.hint, 1)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(row, 1)
        self._printer = None
        self.month.currentIndexChanged.connect(lambda _i: self.show_charts())
        # Drawn when shown, and again when shown after points or requests changed on other pages.
        self.freshness = Freshness(store)

    def showEvent(self, event: QShowEvent) -> None:
        if self.freshness.stale():
            self.refresh()
        super().showEvent(event)

    @property
    def job(self):
        return self._printer.job if self._printer else None

    def refresh(self) -> None:
        """Reread the months to choose from (keeping the choice) and redraw."""
        self.freshness.reading()
        chosen = self.month.currentData()
        self.month.blockSignals(True)
        self.month.clear()
        for period in month_choices(self.store):
            self.month.addItem(period.label, period.code)
        self.month.setCurrentIndex(max(0, self.month.findData(chosen)) if chosen else 0)
        self.month.blockSignals(False)
        self.show_charts()

    def month_code(self) -> str | None:
        return self.month.currentData()

    def show_charts(self) -> None:
        code = self.month_code()
        if code is None:  # not refreshed yet
            return
        period = charts.current_period(self.store, periods.parse(code).start)
        self.data = charts.for_period(self.store, period.code)
        self.months = charts.requests_by_month(self.store, code)
        label = period.label
        no_data = self.tr("No data yet")
        groups = groups_chart(self.data.groups, fmt(self.tr("Points by group, %1"), label),
                              self.tr("No households in the register yet."), no_data)
        # Tall enough for Qt to label every group, not every other one.
        self.views["groups"].setMinimumHeight(max(240, group_rows_height(len(self.data.groups))))
        stars = stars_chart(self.data.stars, fmt(self.tr("Households by stars, %1"), label), no_data)
        requests = requests_chart(self.months, fmt(self.tr("Requests opened and closed, %1 to %2"), self.months[0].month, self.months[-1].month),
                                  self.tr("Opened"), self.tr("Closed"), no_data)
        for chart, slot in ((groups, self._group_clicked), (stars, self._stars_clicked)):
            for series in chart.series():
                for bar_set in series.barSets():
                    bar_set.clicked.connect(slot)
        for series in requests.series():
            series.clicked.connect(self._month_clicked)
        for key, chart in (("groups", groups), ("stars", stars), ("requests", requests)):
            scale_chart(chart)  # the 字号 chosen in the View menu
            old = self.views[key].chart()
            self.views[key].setChart(chart)  # the view owns the new chart; the old one is ours to drop
            old.deleteLater()

    # --- clicks ---------------------------------------------------------------------------------
    def _group_clicked(self, index: int) -> None:
        bars = self.data.groups
        group = bars[len(bars) - 1 - index]  # drawn bottom-up
        self.filter_requested.emit("points-group", (self.data.period.code, group.group))

    def _stars_clicked(self, index: int) -> None:
        self.filter_requested.emit("stars", (self.data.period.code, index))

    def _month_clicked(self, point: QPointF) -> None:
        index = min(max(round(point.x()), 0), len(self.months) - 1)
        self.filter_requested.emit("requests-month", self.months[index].month)

    # --- the monthly report ----------------------------------------------------------------------
    def print_report(self) -> None:
        """The month's one-page report, previewed: charts drawn here, the PDF built off the GUI thread."""
        # loads reportlab: not at start-up
        from villagedesk.documents.pdf.report import print_report
        from villagedesk.ui.home.report_images import report_images

        if self.month_code() is None:
            self.refresh()
        code = self.month_code()
        images = report_images(self.store, code)  # Qt draws on the GUI thread only
        if self._printer is None:
            self._printer = BackgroundPrint(self, self.store)
        suggested = "-".join(p for p in (village_name(self.store), "月度村务报告", code) if p) + ".pdf"
        self._printer.show(self.tr("Preparing the monthly report"), f"report-{code}", suggested,
                           lambda reader, pdf, progress: print_report(reader, pdf, code, images=images,
                                                                      progress=progress))
