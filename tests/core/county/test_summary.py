"""The county's summary lines and totals, read from a real county of two townships (PostgreSQL).

The villages, townships and packages are real (tests/helpers/county.py): the county's lines must be
the very lines each township prints of the same villages, with the township in front.
"""

from __future__ import annotations

import pytest

from tests.helpers.county import filled_county, forward, import_into, send
from villagedesk import clock
from villagedesk.core.county import summary as county_summary
from villagedesk.core.register import people
from villagedesk.core.township import summary as township_summary
from villagedesk.store import open_store
from villagedesk.store.postgres.connection import county_database
from villagedesk.store.postgres.migrations.v0001_county import READER

pytestmark = pytest.mark.postgres


@pytest.fixture
def filled(county, tmp_path):
    """天门乡 (油溪桥村 of three households after its second package, 大熊山村 of two) and 白溪镇 (油溪桥村, two)."""
    made = filled_county(county, tmp_path)
    tianmen = made.townships["天门乡"]
    with open_store(tianmen.villages[0]) as store:
        people.add_household(store, code="HH003", group_name="三组", address="油溪桥3号")
    send(tianmen.villages[0], tianmen.db, tianmen.folder / "stick")
    import_into(county, forward(tianmen.db, tianmen.folder / "to-county"))
    return made


@pytest.mark.slow
def test_the_county_lines_are_each_townships_lines_with_the_township_in_front(filled):
    today = clock.today()
    for period in (None, township_summary.summary_periods(today)[0], township_summary.summary_periods(today)[-1]):
        with county_database(filled.url) as conn:
            lines = county_summary.summary_rows(conn, today, period)
        expected = []
        for name in ("天门乡", "白溪镇"):  # by township, then by village, as the county orders them
            with open_store(filled.townships[name].db, write=False) as store:
                expected += [{"township": name, **line} for line in township_summary.summary_rows(store, today, period)]
        assert lines == expected
    assert [(r["township"], r["name"], r["households"], r["last_sequence"]) for r in lines] == [
        ("天门乡", "大熊山村", 2, 1), ("天门乡", "油溪桥村", 3, 2), ("白溪镇", "油溪桥村", 2, 1)]


@pytest.mark.slow
def test_each_township_has_its_subtotal_and_the_county_its_total(filled):
    with county_database(filled.url) as conn:
        found = county_summary.county_summary(conn, clock.today())
    assert [(t.name, len(t.lines)) for t in found.townships] == [("天门乡", 2), ("白溪镇", 1)]
    tianmen, baixi = (t.total for t in found.townships)
    assert (tianmen["villages"], tianmen["households"], tianmen["persons"]) == (2, 5, 4)
    assert (baixi["villages"], baixi["households"], baixi["persons"]) == (1, 2, 2)
    total = found.total
    assert (total["townships"], total["villages"], total["households"], total["persons"]) == (2, 3, 7, 6)
    # No village has its heads recorded: every village has a vacant head's post.
    assert (tianmen["vacant_villages"], baixi["vacant_villages"], total["vacant_villages"]) == (2, 1, 3)
    assert total["requests_total"] == total["requests_overdue"] == total["notices_overdue"] == 0
    assert total["participation"] == 0.0 and total["requests_closed_share"] is None  # no request anywhere


def _line(households, participation, requests, closed, committee=""):
    return {"households": households, "participation": participation, "requests_total": requests,
            "requests_closed_share": closed, "committee": committee,
            **{key: 0 for key in township_summary.SUMMED if key not in ("households", "requests_total")}}


def test_shares_are_weighted_by_households_and_requests():
    """A village of 30 households all taking part and one of 270 where none does: 10% of the households
    took part, not the 50% a mean of the two villages' shares would say."""
    lines = [_line(30, 1.0, 2, 1.0), _line(270, 0.0, 18, 0.5, "村委会主任"), _line(50, None, 0, None)]
    total = township_summary.totals(lines)
    assert total["participation"] == 0.1
    assert total["requests_closed_share"] == 0.55
    assert (total["villages"], total["households"], total["requests_total"], total["vacant_villages"]) == (
        3, 350, 20, 1)
    assert township_summary.totals([_line(5, None, 0, None)])["participation"] is None


@pytest.mark.slow
def test_a_reader_reads_the_summary(filled, postgres_server):
    with postgres_server.login_role(READER) as person:
        with county_database(postgres_server.url(filled.url.rsplit("/", 1)[1], person)) as conn:
            found = county_summary.county_summary(conn, clock.today())
            assert conn.info.user == person
    assert found.total["villages"] == 3


def test_the_county_summarises_the_periods_the_township_does():
    today = clock.today()
    assert county_summary.summary_periods(today) == township_summary.summary_periods(today)
