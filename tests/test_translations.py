"""The window speaks Chinese: every string is translated and the .qm is current."""

from __future__ import annotations

import importlib.util

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QTabWidget, QWidget

from tests.helpers import ROOT


def _tool():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "tools" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_every_string_in_code_and_forms_is_translated():
    problems = _tool().check()
    assert problems == [], "\n".join(problems)


def test_untranslated_detector_sees_a_missing_translation(tmp_path):
    ts = tmp_path / "x.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="zh_CN"><context>'
                  '<name>A</name><message><source>Hello</source><translation type="unfinished"/>'
                  '</message><message><source>Done</source><translation>完成</translation></message>'
                  '</context></TS>', encoding="utf-8")
    assert _tool().untranslated(ts) == ["Hello"]


@pytest.mark.usefixtures("vd_app")
def test_main_window_shows_no_english(qtbot, profiled_store):
    from villagedesk.ui.main_window import MainWindow

    window = MainWindow(profiled_store)
    qtbot.addWidget(window)
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
    for tabs in window.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    points = window.points
    for model in (window.households.persons, window.households.households, window.committee.posts,
                  window.committee.person_posts, window.committee.trainings, window.committee.appraisals,
                  points.entry.recent, points.entry.form.picker.model, points.review.model, points.ledger.model,
                  points.ranking.standings, points.ranking.red, points.ranking.groups, points.ranking.objections,
                  points.statement.lines, points.rules.model, points.shop.goods, points.shop.redemptions):
        texts += [model.headerData(c, Qt.Orientation.Horizontal)
                  for c in range(model.columnCount())]
    english = [t for t in texts if t and t.replace("&", "").isascii() and any(c.isalpha() for c in t)
               and t not in {"HH001"} and "sqlite3" not in t]
    assert english == []
