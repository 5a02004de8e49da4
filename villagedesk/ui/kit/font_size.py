"""The 字号 setting: standard, large or larger text in the whole window and its charts.

For older committee members reading over the clerk's shoulder.  The choice is kept in
QSettings (:data:`SETTING`) and applied at once: the application font grows (every
widget and dialog that uses it follows), and what was sized in pixels for the standard
font is scaled with it — style sheets' ``font-size: Npx``, the lists' row heights and
column widths — and the charts' own fonts (:func:`scale_chart`, called where a chart is
drawn).  Printed documents keep their sizes.
"""

from __future__ import annotations

import re

from PySide6.QtCharts import QBarCategoryAxis, QCategoryAxis, QChart
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QGraphicsTextItem, QTableView, QWidget

# QSettings key of the chosen size.
SETTING = "view/font_size"
# The sizes offered, by key: (factor, the menu's text).
SIZES = {"standard": 1.0, "large": 1.25, "larger": 1.5}
DEFAULT = "standard"

_PX = re.compile(r"font-size:\s*(\d+)px")
_BASE_POINT_SIZE = "_villagedesk_base_point_size"


def labels() -> dict[str, str]:
    """The sizes as the View menu names them."""
    return {"standard": QCoreApplication.translate("FontSize", "Standard"),
            "large": QCoreApplication.translate("FontSize", "Large"),
            "larger": QCoreApplication.translate("FontSize", "Larger")}


def chosen() -> str:
    key = str(QSettings().value(SETTING, DEFAULT))
    return key if key in SIZES else DEFAULT


def factor() -> float:
    """The factor in use (1.0 until a size is applied)."""
    app = QApplication.instance()
    return float(app.property("font_factor") or 1.0) if app is not None else 1.0


def choose(key: str) -> float:
    """Keep ``key`` in the settings and set the application font to it; returns the factor."""
    QSettings().setValue(SETTING, key)
    return apply(SIZES[key])


def apply(new: float) -> float:
    """The application font at ``new`` × the standard size (widgets sized in pixels: scale_widgets)."""
    app = QApplication.instance()
    base = app.property(_BASE_POINT_SIZE)
    if base is None:
        base = app.font().pointSizeF()
        app.setProperty(_BASE_POINT_SIZE, base)
    font = app.font()
    font.setPointSizeF(float(base) * new)
    app.setFont(font)
    app.setProperty("font_factor", new)
    return new


def scale_widgets(root: QWidget, ratio: float) -> None:
    """Pixel sizes under ``root`` times ``ratio``: style sheet font sizes, row heights, column widths."""
    for widget in [root, *root.findChildren(QWidget)]:
        sheet = widget.styleSheet()
        if "font-size" in sheet:
            widget.setStyleSheet(_PX.sub(lambda m: f"font-size: {round(int(m.group(1)) * ratio)}px", sheet))
        if isinstance(widget, QTableView):
            rows = widget.verticalHeader()
            rows.setDefaultSectionSize(round(rows.defaultSectionSize() * ratio))
            columns = widget.horizontalHeader()
            for column in range(columns.count()):
                columns.resizeSection(column, round(columns.sectionSize(column) * ratio))
            columns.setDefaultSectionSize(round(columns.defaultSectionSize() * ratio))
        elif widget.minimumWidth() and widget.maximumWidth() == widget.minimumWidth():
            # A fixed width (the navigation) holds longer text now.
            widget.setFixedWidth(round(widget.minimumWidth() * ratio))


def scale_chart(chart: QChart, ratio: float | None = None) -> None:
    """A chart's fonts (title, axes, bar labels, legend, the note of an empty chart) at the chosen size."""
    ratio = factor() if ratio is None else ratio
    if ratio == 1.0:
        return

    def bigger(font):
        font.setPointSizeF(font.pointSizeF() * ratio)
        return font

    def half(font):
        font.setPointSizeF(font.pointSizeF() * (1 + (ratio - 1) / 2))
        return font

    # Titles are long and already large, and a category axis holds a label per bar or month: they grow
    # half as much, so a narrow chart neither cuts its title nor runs its labels into each other.
    chart.setTitleFont(half(chart.titleFont()))
    chart.legend().setFont(bigger(chart.legend().font()))
    for axis in chart.axes():
        crowded = isinstance(axis, (QBarCategoryAxis, QCategoryAxis))
        axis.setLabelsFont(half(axis.labelsFont()) if crowded else bigger(axis.labelsFont()))
        axis.setTitleFont(bigger(axis.titleFont()))
    for series in chart.series():
        for bar_set in getattr(series, "barSets", list)():
            bar_set.setLabelFont(bigger(bar_set.labelFont()))
    for item in chart.childItems():
        if isinstance(item, QGraphicsTextItem):
            item.setFont(bigger(item.font()))
