"""The ranking tab and the scheme dialog: the 黑榜 as the village's rule has it (docs/DOMAIN.md §2.3),
and a posting period running into a year without a holiday calendar said where it is set (§4.7)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.ui.points.test_page import _hid, _rule, _today, village  # noqa: F401 (fixtures)
from villagedesk import clock
from villagedesk.core.common import workdays
from villagedesk.core.points import ledger, rules
from villagedesk.ui.points.dialogs import SchemeDialog
from villagedesk.ui.points.ranking import RankingTab

pytestmark = pytest.mark.usefixtures("vd_app")


def _score(store, code: str, item: str, quantity: int) -> None:
    entry = ledger.record_entry(store, household_id=_hid(store, code), rule_id=_rule(store, item), day="2026-07-10",
                                quantity=quantity)
    ledger.approve(store, [entry["id"]], "王主任")


def _black(tab) -> list[dict]:
    return [tab.black.record(i) for i in range(tab.black.rowCount())]


def test_the_black_list_on_screen_names_households_below_the_line_with_the_reason(qtbot, village):  # noqa: F811
    _score(village, "HH001", "参与赌博", 3)  # 40: below the pass line
    _score(village, "HH002", "参与赌博", 1)  # 80: lost points, but passed
    tab = RankingTab(village)
    qtbot.addWidget(tab)
    tab.refresh()
    tab.period.setCurrentIndex(tab.period.findData("2026-Q3"))
    black = _black(tab)
    assert [(r["code"], r["score"]) for r in black] == [("HH001", 40)]
    assert black[0]["reason"] == "总分 40 分，低于 60 分；扣分：参与赌博 3 次 -60 分"
    assert tab.side.isTabEnabled(tab.side.indexOf(tab.black_view))


def test_the_scheme_dialog_sets_the_line_and_turns_the_black_list_off(qtbot, village):  # noqa: F811
    _score(village, "HH001", "参与赌博", 3)
    dialog = SchemeDialog(village)
    qtbot.addWidget(dialog)
    assert dialog.black_board.isChecked() and dialog.field("black_line").text() == ""
    dialog.field("black_line").setText("3x")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert "黑榜分数线应为整数" in dialog.error_label.text()
    dialog.field("black_line").setText("30")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert rules.get_scheme(village).black_line == 30

    dialog = SchemeDialog(village)
    qtbot.addWidget(dialog)
    assert dialog.field("black_line").text() == "30"
    dialog.black_board.setChecked(False)
    assert not dialog.field("black_line").isEnabled()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert rules.get_scheme(village).black_board is False

    tab = RankingTab(village)
    qtbot.addWidget(tab)
    tab.refresh()
    tab.period.setCurrentIndex(tab.period.findData("2026-Q3"))
    assert _black(tab) == [] and not tab.side.isTabEnabled(tab.side.indexOf(tab.black_view))


def test_posting_a_period_into_a_year_without_a_holiday_calendar_says_so(qtbot, village, monkeypatch):  # noqa: F811
    last = max(workdays.library_years())
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: asked.append(text)
                        or QMessageBox.StandardButton.No)
    tab = RankingTab(village)
    qtbot.addWidget(tab)
    for today, warned in ((date(last, 12, 20), False), (date(last, 12, 28), True)):
        clock.set(today)
        tab.refresh()
        tab.period.setCurrentIndex(tab.period.findData(f"{last}-Q4"))
        tab.post()
        assert ("公示 7 天" in asked[-1]) and (f"没有 {last + 1} 年的法定节假日和调休安排" in asked[-1]) is warned
    assert ledger.period_state(village, f"{last}-Q4")["status"] == "open"  # answered no
