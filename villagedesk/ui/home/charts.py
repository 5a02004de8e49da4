"""The home page's charts (Qt Charts): points by 村民小组, requests per month, households by stars.

The numbers are core.charts'; this module only draws them.  The chart builders
(:func:`groups_chart`, :func:`stars_chart`, :func:`requests_chart`) take the words
they print as arguments, so the window (in the clerk's language) and the monthly
report (always Chinese, see ui.report_images) draw the very same charts.

Clicking a bar or a month asks the window, through ``filter_requested``, to open
the page behind it filtered to what was clicked:
``('points-group', (period_code, group))``, ``('stars', (period_code, stars))``
or ``('requests-month', 'YYYY-MM')``.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsTextItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk import clock
from villagedesk.core.common import periods
from villagedesk.core.home import charts
from villagedesk.core.points.ledger import APPROVED
from villagedesk.store import Store
from villagedesk.ui.kit.messages import fmt

POINTS_COLOUR, STARS_COLOUR = QColor("#2e7d32"), QColor("#e0a000")
OPENED_COLOUR, CLOSED_COLOUR = QColor("#1f5fa8"), QColor("#2e7d32")
LABEL_POINT_SIZE = 9


# --- building the charts (shared with the report) ----------------------------------------------

def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setPointSize(11)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    chart.legend().hide()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _font(size: int = LABEL_POINT_SIZE) -> QFont:
    font = QFont()
    font.setPointSize(size)
    return font


def _say(chart: QChart, text: str) -> None:
    """A chart with nothing to draw says why, in its middle, instead of drawing zeros."""
    note = QGraphicsTextItem(chart)
    note.setPlainText(text)
    note.setFont(_font(10))
    note.setDefaultTextColor(QColor("#666666"))
    option = note.document().defaultTextOption()
    option.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    note.document().setDefaultTextOption(option)

    def centre() -> None:
        box = chart.boundingRect()
        note.setTextWidth(max(box.width() - 24, 40))  # wrapped inside a narrow chart
        size = note.boundingRect()
        note.setPos(box.center() - QPointF(size.width() / 2, size.height() / 2))

    chart.geometryChanged.connect(centre)
    centre()
    chart.setProperty("empty_text", text)


def _value_axis(low: int, high: int) -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    axis.setLabelsFont(_font())
    axis.setRange(min(0, low), max(high, 1))
    axis.applyNiceNumbers()
    return axis


def _category_axis(labels) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append(list(labels))
    axis.setLabelsFont(_font())
    axis.setGridLineVisible(False)
    # Qt elides a CJK label that would fit (二星 became "…" with room to spare); ours are short.
    axis.setTruncateLabels(False)
    return axis


def _bar_set(name: str, values, colour: QColor) -> QBarSet:
    bar_set = QBarSet(name)
    bar_set.append([float(v) for v in values])
    bar_set.setColor(colour)
    bar_set.setBorderColor(colour)
    bar_set.setLabelColor(QColor("#222222"))
    bar_set.setLabelFont(_font(8))
    return bar_set


def groups_chart(bars: list[charts.GroupBar], title: str, empty: str) -> QChart:
    """Horizontal bars, the first group on top: long group names read along the axis."""
    chart = _chart(title)
    if not bars:
        _say(chart, empty)
        return chart
    shown = list(reversed(bars))  # a horizontal series draws its first category at the bottom
    series = QHorizontalBarSeries()
    series.append(_bar_set(title, [b.points for b in shown], POINTS_COLOUR))
    series.setLabelsVisible(True)
    series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setBarWidth(0.7)
    chart.addSeries(series)
    values = [b.points for b in bars]
    # Room beyond the longest bar for its number.
    axis_x = _value_axis(min(values), int(max(values) * 1.18) + 1)
    axis_y = _category_axis(b.label for b in shown)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    return chart


def stars_chart(stars: charts.StarCounts, title: str) -> QChart:
    chart = _chart(title)
    if not stars.graded:
        _say(chart, stars.why_not)
        return chart
    series = QBarSeries()
    series.append(_bar_set(title, stars.counts, STARS_COLOUR))
    series.setLabelsVisible(True)
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setBarWidth(0.65)
    chart.addSeries(series)
    axis_x = _category_axis(stars.labels)
    axis_y = _value_axis(0, int(max(stars.counts) * 1.08) + 1)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    return chart


def requests_chart(months: list[charts.MonthCounts], title: str, opened: str, closed: str) -> QChart:
    """Two lines over the months; the x value of month n is n (its category on the axis)."""
    chart = _chart(title)
    axis_x = _category_axis(m.label for m in months)
    axis_y = _value_axis(0, max([m.opened for m in months] + [m.closed for m in months] + [1]))
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    for name, colour, values in ((opened, OPENED_COLOUR, [m.opened for m in months]),
                                 (closed, CLOSED_COLOUR, [m.closed for m in months])):
        series = QLineSeries()
        series.setName(name)
        series.setPen(QPen(colour, 2))
        series.setPointsVisible(True)
        series.setMarkerSize(5)
        for n, value in enumerate(values):
            series.append(n, value)
        chart.addSeries(series)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
    legend = chart.legend()
    legend.show()
    legend.setFont(_font())
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


# --- the panel ----------------------------------------------------------------------------------

def month_choices(store: Store) -> list[periods.Period]:
    """Newest first: every month from the first request or approved points entry up to this one."""
    today = clock.today()
    # Both read off an index's first row (status, entry_date for the points): a min over all the
    # entries would scan a million of them.
    firsts = [d for d in (store.scalar("SELECT min(raised_on) FROM requests"),
                          store.scalar("SELECT min(entry_date) FROM point_entries WHERE status = ?",
                                       (APPROVED,))) if d]
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
        # Drawn when shown (and each time again: points and requests change on other pages).

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    @property
    def job(self):
        return self._printer.job if self._printer else None

    def refresh(self) -> None:
        """Reread the months to choose from (keeping the choice) and redraw."""
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
        groups = groups_chart(self.data.groups, fmt(self.tr("Points by group, %1"), label),
                              self.tr("No households in the register yet."))
        stars = stars_chart(self.data.stars, fmt(self.tr("Households by stars, %1"), label))
        requests = requests_chart(self.months, fmt(self.tr("Requests opened and closed, %1 to %2"), self.months[0].month, self.months[-1].month),
                                  self.tr("Opened"), self.tr("Closed"))
        for chart, slot in ((groups, self._group_clicked), (stars, self._stars_clicked)):
            for series in chart.series():
                for bar_set in series.barSets():
                    bar_set.clicked.connect(slot)
        for series in requests.series():
            series.clicked.connect(self._month_clicked)
        for key, chart in (("groups", groups), ("stars", stars), ("requests", requests)):
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
        from villagedesk.documents.pdf.report import print_report
        from villagedesk.ui.home.report_images import report_images
        from villagedesk.ui.kit.print_preview import BackgroundPrint, village_name

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
