"""The monthly report's three charts as PNG images, drawn by ui.home.chart_builders as the window draws them.

documents.pdf.report lays the page out and never imports Qt; this module draws
the charts for it at print resolution.  Each chart is laid out at the size it
will have on paper (one point of paper = 4/3 logical pixels, so a 9 pt label
prints at 9 pt) and painted into an image ``SCALE`` times as dense.

The command line has no window: :func:`ensure_app` starts a QApplication on the
offscreen platform when there is no display, with the bundled CJK font.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsScene

from villagedesk.core.home import charts
from villagedesk.documents.pdf import report
from villagedesk.store import Store
from villagedesk.ui.home.chart_builders import groups_chart, requests_chart, stars_chart
from villagedesk.ui.kit.application import make_app

PIXELS_PER_POINT = 96 / 72
SCALE = 2.5  # 240 dpi on paper: sharp on a laser printer, a few hundred KB a page


def ensure_app() -> QApplication:
    """The running application, or one started for drawing (offscreen where there is no display)."""
    app = QApplication.instance()
    if app is not None:
        return app
    headless = sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or
                                                        os.environ.get("WAYLAND_DISPLAY"))
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return make_app([sys.argv[0] if sys.argv else "villagedesk"])


def chart_png(chart, size_points: tuple[float, float], scale: float = SCALE) -> bytes:
    """``chart`` laid out at ``size_points`` of paper and painted into a PNG."""
    width, height = (v * PIXELS_PER_POINT for v in size_points)
    scene = QGraphicsScene()
    scene.addItem(chart)
    chart.setGeometry(QRectF(0, 0, width, height))
    chart.layout().activate()  # axes and labels are placed on layout, not on paint
    QApplication.processEvents()
    image = QImage(round(width * scale), round(height * scale), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, image.width(), image.height()), QRectF(0, 0, width, height))
    painter.end()
    scene.removeItem(chart)
    chart.deleteLater()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def report_images(store: Store, month_code: str) -> report.ReportImages:
    """The three charts of the month's report (its scheme period; the 12 months ending with it)."""
    ensure_app()
    month = charts.month(month_code)
    period = charts.current_period(store, month.start)
    data = charts.for_period(store, period.code)
    months = charts.requests_by_month(store, month.code)
    # The report prints each chart's heading itself, in Chinese, so the images carry none.
    return report.ReportImages(
        groups=chart_png(groups_chart(data.groups, "", report.NO_HOUSEHOLDS), report.GROUPS_SIZE),
        requests=chart_png(requests_chart(months, "", report.OPENED, report.CLOSED), report.REQUESTS_SIZE),
        stars=chart_png(stars_chart(data.stars, ""), report.STARS_SIZE),
    )


__all__ = ["chart_png", "ensure_app", "report_images"]
