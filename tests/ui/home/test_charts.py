"""The home page's charts driven with qtbot: what they draw, and a click opening the page behind a bar."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCharts import QChartView
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFontMetrics

from tests.core.points.test_helpers import CLUTTER, VILLAGE_HONOUR, approved, fix_today, make_village
from tests.helpers import WAIT_MS
from tests.helpers.ui import shown
from villagedesk.core.common import periods
from villagedesk.core.home import charts
from villagedesk.core.requests import ledger
from villagedesk.demo.base import GROUPS
from villagedesk.ui.home.chart_builders import (
    _value_axis,
    group_rows_height,
    groups_chart,
    nice_ticks,
    requests_chart,
    stars_chart,
)
from villagedesk.ui.home.charts import ChartsPanel
from villagedesk.ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("vd_app")

JULY = date(2026, 7, 10)


@pytest.fixture
def village(profiled_store, monkeypatch):
    """Four households in 第一组 / 第二组 with points in 2026-Q3; requests raised in June and July."""
    fix_today(monkeypatch)  # 2026-08-20
    store = profiled_store
    households = make_village(store)
    approved(store, households["HH001"], VILLAGE_HONOUR, JULY, quantity=8)  # 140: five stars
    approved(store, households["HH002"], VILLAGE_HONOUR, JULY, quantity=2)  # 110: two stars
    approved(store, households["HH003"], CLUTTER, JULY)  # 95: no star
    for day, content in (("2026-06-12", "路灯不亮"), ("2026-07-03", "水渠堵塞"), ("2026-07-28", "垃圾未清运")):
        ledger.raise_request(store, raised_on=day, raised_by="张大山", group_name="第一组", category="基础设施",
                             content=content, handling=ledger.ON_THE_SPOT, result="当场处理",
                             satisfaction=ledger.SATISFIED)
    ledger.raise_request(store, raised_on="2026-07-15", raised_by="王建国", group_name="第二组", category="其他",
                         content="咨询低保", handling=ledger.REFERRED, department="乡民政办")
    return store


def _panel(qtbot, store) -> ChartsPanel:
    return shown(qtbot, ChartsPanel(store), (1100, 360))


def _bar_values(view) -> list[float]:
    (series,) = view.chart().series()
    (bar_set,) = series.barSets()
    return [bar_set.at(i) for i in range(bar_set.count())]


def test_the_charts_draw_the_current_period_and_the_last_twelve_months(qtbot, village):
    panel = _panel(qtbot, village)
    assert panel.month_code() == "2026-08" and panel.data.period.code == "2026-Q3"
    # Groups are drawn bottom-up: 第一组 is the top bar.
    assert _bar_values(panel.views["groups"]) == [-5.0, 50.0]
    assert _bar_values(panel.views["stars"]) == [1.0, 1.0, 1.0, 0.0, 0.0, 1.0]
    opened, closed = panel.views["requests"].chart().series()
    assert [opened.at(i).y() for i in range(12)][-3:] == [1.0, 3.0, 0.0]  # June, July, August
    assert [closed.at(i).y() for i in range(12)][-3:] == [1.0, 2.0, 0.0]
    # Another month: its scheme period and the twelve months ending with it.
    panel.month.setCurrentIndex(panel.month.findData("2026-06"))
    assert panel.data.period.code == "2026-Q2" and panel.months[-1].month == "2026-06"
    # No points in Q2: the chart says so instead of drawing two zero bars over an axis of 0, 0, 0, 1.
    assert panel.views["groups"].chart().series() == []
    assert panel.views["groups"].chart().property("empty_text") == "暂无数据"


@pytest.mark.parametrize("low, high, ticks", [
    (0, 0, [0, 1]), (0, 1, [0, 1]), (0, 3, [0, 1, 2, 3]), (0, 7, [0, 2, 4, 6, 8]), (0, 12, [0, 5, 10, 15]),
    (-5, 59, [-20, 0, 20, 40, 60]), (0, 981, [0, 200, 400, 600, 800, 1000])])
def test_count_axes_tick_in_whole_distinct_numbers(low, high, ticks):
    bottom, top, step = nice_ticks(low, high)
    assert list(range(bottom, top + 1, step)) == ticks
    axis = _value_axis(low, high)
    labels = [round(axis.min() + n * (axis.max() - axis.min()) / (axis.tickCount() - 1))
              for n in range(axis.tickCount())]
    assert labels == ticks and len(set(labels)) == len(labels)


def test_charts_of_nothing_but_zeros_say_no_data(qtbot):
    months = [charts.MonthCounts(f"2026-{m:02d}", f"{m}月", 0, 0) for m in range(1, 13)]
    assert requests_chart(months, "诉求", "受理", "办结").property("empty_text") == "暂无数据"
    stars = charts.StarCounts(periods.parse("2026-Q3"), True, (0, 0, 0, 0, 0, 0))
    assert stars_chart(stars, "星级户").property("empty_text") == "暂无数据"


def test_every_group_is_labelled_at_a_readable_size(qtbot, profiled_store):
    bars = [charts.GroupBar(name, name, 10 * n, 3) for n, name in enumerate(GROUPS, 1)]
    chart = groups_chart(bars, "各组积分", "无")
    view = QChartView(chart)
    qtbot.addWidget(view)
    view.resize(380, group_rows_height(len(bars)))
    view.show()
    qtbot.waitExposed(view)
    axis = chart.axes(Qt.Orientation.Vertical)[0]
    assert axis.labelsFont().pointSize() >= 9
    # Qt drops a category label that would overlap its neighbour: each group must have a label's height.
    per_group = chart.plotArea().height() / len(bars)
    assert per_group >= QFontMetrics(axis.labelsFont()).height()


def test_a_bar_or_a_month_asks_for_its_filter(qtbot, village):
    panel = _panel(qtbot, village)
    (series,) = panel.views["groups"].chart().series()
    with qtbot.waitSignal(panel.filter_requested) as group_click:
        series.barSets()[0].clicked.emit(1)  # the top bar
    assert group_click.args == ["points-group", ("2026-Q3", "第一组")]
    (series,) = panel.views["stars"].chart().series()
    with qtbot.waitSignal(panel.filter_requested) as stars_click:
        series.barSets()[0].clicked.emit(5)
    assert stars_click.args == ["stars", ("2026-Q3", 5)]
    closed = panel.views["requests"].chart().series()[1]
    with qtbot.waitSignal(panel.filter_requested) as month_click:
        closed.clicked.emit(QPointF(10.2, 2.0))  # near July's point
    assert month_click.args == ["requests-month", "2026-07"]


def test_a_real_mouse_click_on_a_bar_reaches_the_filter(qtbot, village):
    panel = _panel(qtbot, village)
    view = panel.views["stars"]
    chart = view.chart()
    (series,) = chart.series()
    middle = chart.mapToPosition(QPointF(2, 0.5), series)  # inside 二星's bar (one household)
    where = view.mapFromScene(middle)
    with qtbot.waitSignal(panel.filter_requested) as click:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(round(where.x()), round(where.y())))
    assert click.args == ["stars", ("2026-Q3", 2)]


def test_a_period_nobody_is_graded_in_says_so_instead_of_zeros(qtbot):
    stars = charts.StarCounts(periods.parse("2026-07"), False, ())
    chart = stars_chart(stars, "星级户")
    assert chart.series() == [] and "不评星级" in chart.property("empty_text")


def _window(qtbot, store) -> MainWindow:
    return shown(qtbot, MainWindow(store))


@pytest.mark.slow
def test_a_group_bar_opens_the_ranking_of_that_group(qtbot, village):
    window = _window(qtbot, village)
    assert window.apply_chart_filter("points-group", ("2026-Q3", "第二组"))
    assert window.pages.currentWidget() is window.points
    tab = window.points.ranking
    assert window.points.tabs.currentWidget() is tab
    assert (tab.period.currentData(), tab.group.currentData(), tab.stars.currentData()) == ("2026-Q3", "第二组", None)
    assert {(r["code"], r["group_name"]) for r in tab.standings.rows()} == {("HH003", "第二组"), ("HH004", "第二组")}
    # Visible and clearable: back to every group.
    tab.group.setCurrentIndex(0)
    assert tab.standings.rowCount() == 4


@pytest.mark.slow
def test_a_stars_bar_opens_the_households_of_that_rating(qtbot, village):
    window = _window(qtbot, village)
    tab = window.points.ranking
    window.apply_chart_filter("points-group", ("2026-Q3", "第一组"))
    assert window.apply_chart_filter("stars", ("2026-Q3", 0))
    # The group chosen before is cleared: the bar counted the whole village.
    assert (tab.group.currentData(), tab.stars.currentData()) == (None, 0)
    assert [r["code"] for r in tab.standings.rows()] == ["HH003"]
    window.apply_chart_filter("stars", ("2026-Q3", 5))
    assert [(r["code"], r["stars"]) for r in tab.standings.rows()] == [("HH001", 5)]
    tab.stars.setCurrentIndex(0)
    assert tab.standings.rowCount() == 4


def test_a_month_opens_the_requests_raised_in_it_with_other_filters_cleared(qtbot, village):
    window = _window(qtbot, village)
    page = window.requests
    window.nav.setCurrentRow(window.pages.indexOf(page))
    page.status.setCurrentIndex(page.status.findData(ledger.CLOSED))
    page.search.setText("路灯")
    assert window.apply_chart_filter("requests-month", "2026-07")
    assert window.pages.currentWidget() is page
    assert (page.period.currentData(), page.status.currentData(), page.search.text()) == ("2026-07", None, "")
    listed = {page.model.record(row)["content"] for row in range(page.model.rowCount())}
    assert listed == {"水渠堵塞", "垃圾未清运", "咨询低保"}
    page.period.setCurrentIndex(page.period.findData(None))  # cleared: every request
    assert page.model.rowCount() == 4


def test_the_home_page_charts_are_wired_to_the_window(qtbot, village):
    window = _window(qtbot, village)
    panel = window.home.charts
    (series,) = panel.views["stars"].chart().series()
    series.barSets()[0].clicked.emit(2)
    assert window.pages.currentWidget() is window.points
    assert [r["code"] for r in window.points.ranking.standings.rows()] == ["HH002"]


@pytest.mark.slow
def test_print_the_monthly_report_in_the_preview(qtbot, village, monkeypatch):
    from tests.helpers.ui import PreviewRecorder
    from villagedesk.ui.kit import print_preview

    previews = PreviewRecorder()
    monkeypatch.setattr(print_preview, "PrintPreviewDialog", previews)
    panel = _panel(qtbot, village)
    panel.month.setCurrentIndex(panel.month.findData("2026-07"))
    panel.print_button.click()
    assert panel.job is not None and panel.job.wait()
    qtbot.waitUntil(lambda: bool(previews), timeout=WAIT_MS)
    text, suggested = previews[0]
    assert suggested == "油溪桥村-月度村务报告-2026-07.pdf"
    text = "".join(text.split())
    assert "油溪桥村月度村务报告" in text and "2026年7月受理群众诉求3件，办结2件" in text
