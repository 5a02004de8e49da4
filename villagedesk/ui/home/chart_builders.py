"""The home charts drawn with Qt Charts: points by 村民小组, households by stars, requests per month.

The window's charts panel (ui.home.charts) and the monthly report's images
(ui.home.report_images) both draw with these builders, so the report prints the very
charts the clerk sees.  Each builder takes the words it prints as arguments: the
window passes the clerk's language, the report always Chinese.  A module of its own so
that the panel can use the report and the report the builders without an import cycle
(docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPen
from PySide6.QtWidgets import QGraphicsTextItem

from villagedesk.core.home import charts

POINTS_COLOUR, STARS_COLOUR = QColor("#2e7d32"), QColor("#e0a000")
OPENED_COLOUR, CLOSED_COLOUR = QColor("#1f5fa8"), QColor("#2e7d32")
LABEL_POINT_SIZE = 9


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


def nice_ticks(low: int, high: int) -> tuple[int, int, int]:
    """(bottom, top, step) of a count axis from ``low`` to ``high``: whole steps of 1, 2 or 5 × 10ⁿ, at
    most five of them, zero included.  Counts have no fractions: Qt's own nice numbers over 0…1
    labelled the ticks 0, 0, 0, 0, 1 once printed as whole numbers."""
    low, high = min(0, low), max(high, 1)
    step, scale = 1, 1
    while True:
        for base in (1, 2, 5):
            step = base * scale
            bottom, top = -(-low // step) * step if low >= 0 else (low // step) * step, -(-high // step) * step
            if (top - bottom) // step <= 5:
                return bottom, top, step
        scale *= 10


def _value_axis(low: int, high: int) -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    axis.setLabelsFont(_font())
    bottom, top, step = nice_ticks(low, high)
    axis.setRange(bottom, top)
    axis.setTickCount((top - bottom) // step + 1)
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


def group_rows_height(groups: int) -> int:
    """Pixels a groups chart needs so that Qt labels every group (it drops every other label of
    categories narrower than their text): a line per group at the label size, plus title and axis."""
    line = QFontMetrics(_font()).lineSpacing() + 3
    return groups * line + 90


def groups_chart(bars: list[charts.GroupBar], title: str, empty: str, no_data: str = charts.NO_DATA) -> QChart:
    """Horizontal bars, the first group on top: long group names read along the axis."""
    chart = _chart(title)
    if not bars:
        _say(chart, empty)
        return chart
    if not any(b.points for b in bars):
        _say(chart, no_data)
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


def stars_chart(stars: charts.StarCounts, title: str, no_data: str = charts.NO_DATA) -> QChart:
    chart = _chart(title)
    if not stars.graded:
        _say(chart, stars.why_not)
        return chart
    if not any(stars.counts):
        _say(chart, no_data)
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


def requests_chart(months: list[charts.MonthCounts], title: str, opened: str, closed: str,
                   no_data: str = charts.NO_DATA) -> QChart:
    """Two lines over the months; the x value of month n is n (its category on the axis)."""
    chart = _chart(title)
    if not any(m.opened or m.closed for m in months):
        _say(chart, no_data)
        return chart
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
