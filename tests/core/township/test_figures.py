"""The figures a village sends its township: every period the township's summary is printed for."""

from __future__ import annotations

from datetime import date

from villagedesk.core.points.rules import Scheme, save_scheme
from villagedesk.core.register import people
from villagedesk.core.requests import ledger
from villagedesk.core.township.figures import village_figures
from villagedesk.core.township.summary import summary_periods

TODAY = date(2026, 11, 16)


def test_a_village_scoring_by_month_sends_the_quarters_and_years_the_summary_is_printed_for(profiled_store):
    store = profiled_store
    save_scheme(store, Scheme(period_kind="month"))
    house = people.add_household(store, code="HH001", group_name="一组")
    people.add_person(store, house["id"], name="张三", relation="户主")
    for day in ("2026-10-20", "2026-11-02", "2026-05-06"):
        ledger.raise_request(store, raised_on=day, raised_by="张三", category="基础设施", content="修路",
                             handling=ledger.ON_THE_SPOT, result="已修", satisfaction=ledger.SATISFIED,
                             today=TODAY)
    found = village_figures(store, TODAY)
    sent = found["periods"]
    # Before: only its months and the two years, so a quarter's summary printed "—" for it.
    assert {p.code for p in summary_periods(TODAY)} <= set(sent)
    assert {"2025-01", "2026-11"} <= set(sent) and "2026-12" not in sent
    assert (sent["2026-Q4"]["requests_total"], sent["2026-11"]["requests_total"], sent["2026"]["requests_total"]) \
        == (2, 1, 3)
    assert sent["2026-Q4"]["label"] == "2026 年第四季度"
    # The current figures: the points of its own current period, the requests all of them.
    assert found["points_period"] == sent["2026-11"]["label"] and found["requests_total"] == 3
