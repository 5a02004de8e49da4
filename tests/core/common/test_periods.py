"""Scoring periods as clerks write them: 2026, 2026-Q3, 2026-07 — and nothing else."""

from __future__ import annotations

from datetime import date

import pytest

from villagedesk.core.common import periods
from villagedesk.errors import UserError


@pytest.mark.parametrize("text, code, kind, start, end, label", [
    ("2026", "2026", "year", date(2026, 1, 1), date(2026, 12, 31), "2026 年"),
    ("2026-Q1", "2026-Q1", "quarter", date(2026, 1, 1), date(2026, 3, 31), "2026 年第一季度"),
    ("2026-Q3", "2026-Q3", "quarter", date(2026, 7, 1), date(2026, 9, 30), "2026 年第三季度"),
    ("2026-q4", "2026-Q4", "quarter", date(2026, 10, 1), date(2026, 12, 31), "2026 年第四季度"),
    ("2026-07", "2026-07", "month", date(2026, 7, 1), date(2026, 7, 31), "2026 年 7 月"),
    ("2026-12", "2026-12", "month", date(2026, 12, 1), date(2026, 12, 31), "2026 年 12 月"),
    ("2026-01", "2026-01", "month", date(2026, 1, 1), date(2026, 1, 31), "2026 年 1 月"),
    (" 2026-04 ", "2026-04", "month", date(2026, 4, 1), date(2026, 4, 30), "2026 年 4 月"),
    # Februaries: leap years by 4, not by 100 unless by 400.
    ("2024-02", "2024-02", "month", date(2024, 2, 1), date(2024, 2, 29), "2024 年 2 月"),
    ("2026-02", "2026-02", "month", date(2026, 2, 1), date(2026, 2, 28), "2026 年 2 月"),
    ("2100-02", "2100-02", "month", date(2100, 2, 1), date(2100, 2, 28), "2100 年 2 月"),
    ("2000-02", "2000-02", "month", date(2000, 2, 1), date(2000, 2, 29), "2000 年 2 月"),
    ("2024-Q1", "2024-Q1", "quarter", date(2024, 1, 1), date(2024, 3, 31), "2024 年第一季度"),
])
def test_parse(text, code, kind, start, end, label):
    period = periods.parse(text)
    assert (period.code, period.kind, period.start, period.end, period.label) == (code, kind, start, end, label)
    assert periods.parse(period.code) == period  # the code reads back as the same period


@pytest.mark.parametrize("text", [
    "", None, "26", "20260", "2026-", "2026-Q0", "2026-Q5", "2026-Q", "2026Q3", "2026-7", "2026-007",
    "2026/07", "2026-07-01", "二〇二六", "2026年", "Q3-2026", "2026-H1",
])
def test_bad_spellings_are_refused_with_the_three_forms(text):
    with pytest.raises(UserError) as err:
        periods.parse(text)
    assert "2026-Q3" in str(err.value) and "2026-07" in str(err.value)


@pytest.mark.parametrize("text, message", [
    ("2026-13", "01 到 12"), ("2026-00", "01 到 12"), ("1999", "年份 1999"), ("2101-Q1", "年份 2101"),
])
def test_out_of_range_numbers_are_refused(text, message):
    with pytest.raises(UserError, match=message):
        periods.parse(text)


@pytest.mark.parametrize("text", ["2000", "2100-12", "2100-Q4"])
def test_the_edge_years_are_accepted(text):
    assert periods.parse(text).code == text


def test_contains_is_inclusive_on_both_ends():
    q3 = periods.parse("2026-Q3")
    assert q3.contains(date(2026, 7, 1)) and q3.contains(date(2026, 9, 30))
    assert not q3.contains(date(2026, 6, 30)) and not q3.contains(date(2026, 10, 1))


@pytest.mark.parametrize("day, kind, code", [
    (date(2026, 1, 1), "quarter", "2026-Q1"),
    (date(2026, 3, 31), "quarter", "2026-Q1"),
    (date(2026, 4, 1), "quarter", "2026-Q2"),
    (date(2026, 12, 31), "quarter", "2026-Q4"),
    (date(2024, 2, 29), "month", "2024-02"),
    (date(2026, 12, 31), "month", "2026-12"),
    (date(2026, 12, 31), "year", "2026"),
])
def test_of(day, kind, code):
    assert periods.of(day, kind).code == code


@pytest.mark.parametrize("text, kind, codes", [
    ("2026", "quarter", ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]),
    ("2026", "month", [f"2026-{m:02d}" for m in range(1, 13)]),
    ("2026", "year", ["2026"]),
    ("2026-Q3", "month", ["2026-07", "2026-08", "2026-09"]),
    ("2026-Q3", "quarter", ["2026-Q3"]),
    ("2024-Q1", "month", ["2024-01", "2024-02", "2024-03"]),
    ("2026-07", "month", ["2026-07"]),
    # A shorter period inside a longer scheme period: the scheme period it falls in.
    ("2026-07", "quarter", ["2026-Q3"]),
    ("2026-Q3", "year", ["2026"]),
])
def test_split(text, kind, codes):
    parts = periods.split(periods.parse(text), kind)
    assert [p.code for p in parts] == codes
    # The parts follow one another without gap or overlap.
    for before, after in zip(parts, parts[1:]):
        assert (after.start - before.end).days == 1
