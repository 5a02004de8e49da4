"""字号: the application font, pixel sizes and chart fonts scaled; the choice kept in the settings."""

from __future__ import annotations

import pytest
from PySide6.QtCharts import QChart, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QVBoxLayout, QWidget

from villagedesk.ui.kit import font_size


@pytest.fixture
def standard_afterwards():
    yield
    font_size.apply(1.0)


def test_choosing_a_size_scales_the_font_and_is_kept(standard_afterwards):
    font_size.apply(1.0)
    base = QApplication.font().pointSizeF()
    assert font_size.choose("larger") == 1.5
    assert QApplication.font().pointSizeF() == pytest.approx(base * 1.5)
    assert font_size.chosen() == "larger" and font_size.factor() == 1.5
    font_size.choose("standard")
    assert QApplication.font().pointSizeF() == pytest.approx(base)


def test_pixel_sizes_follow(qtbot):
    root = QWidget()
    qtbot.addWidget(root)
    label = QLabel("村", root)
    label.setStyleSheet("font-size: 20px; font-weight: bold;")
    table = QTableView(root)
    table.verticalHeader().setDefaultSectionSize(26)
    fixed = QWidget(root)
    fixed.setFixedWidth(150)
    layout = QVBoxLayout(root)
    for widget in (label, table, fixed):
        layout.addWidget(widget)
    font_size.scale_widgets(root, 1.5)
    assert label.styleSheet() == "font-size: 30px; font-weight: bold;"
    assert table.verticalHeader().defaultSectionSize() == 39
    assert fixed.width() == 225 or fixed.minimumWidth() == 225


def test_charts_fonts_follow():
    chart = QChart()
    axis = QValueAxis()
    font = axis.labelsFont()
    font.setPointSizeF(9)
    axis.setLabelsFont(font)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    title = chart.titleFont().pointSizeF()
    font_size.scale_chart(chart, 1.25)
    assert axis.labelsFont().pointSizeF() == pytest.approx(9 * 1.25)
    assert chart.titleFont().pointSizeF() == pytest.approx(title * 1.125)  # titles grow half as much
