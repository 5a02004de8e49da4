"""各村村务汇总表 with what the township accepted on confirmation (a diverged points history is printed), and
the county's 各乡镇村务汇总表 read back from a real county of two townships."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from tests.core.township.test_merge import restored_village, take
from tests.documents.excel.test_county import filled  # noqa: F401  (a fixture: a county of two townships)
from villagedesk import clock
from villagedesk.core.township.summary import summary_periods
from villagedesk.documents.pdf.summary import print_summary
from villagedesk.store import open_store


def text(path) -> str:
    # Table cells and wrapped notes come back with line breaks and spaces in between.
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.mark.slow
def test_a_diverged_history_is_printed_in_the_summary(village_db, township_db, stick, tmp_path):
    third = restored_village(village_db, township_db, stick, tmp_path)
    period = summary_periods(clock.today())[0]
    plain = tmp_path / "before.pdf"
    with open_store(township_db, write=False) as store:
        print_summary(store, plain, period.code)
    assert "积分历史改变" not in text(plain)

    take(township_db, third, accept_divergence=True)
    printed = tmp_path / "summary.pdf"
    with open_store(township_db, write=False) as store:
        print_summary(store, printed, period.code)
    found = text(printed)
    assert "经乡镇确认接受、记录在案的积分历史改变：油溪桥村" in found
    assert "原有4条，改为4条，从第4条起不同" in found


# --- the county's: 各乡镇村务汇总表 (PostgreSQL) ----------------------------------------------


@pytest.mark.slow
@pytest.mark.postgres
def test_the_county_summary_is_grouped_by_township_with_subtotals_and_no_personal_data(filled, tmp_path):  # noqa: F811
    from tests.documents.excel.test_county import VILLAGER
    from villagedesk.documents.pdf.summary import print_county_summary
    from villagedesk.store.postgres.connection import county_database

    period = summary_periods(clock.today())[0]
    printed = tmp_path / "county.pdf"
    with county_database(filled.url) as conn:
        print_county_summary(conn, printed, period.code)
    found = text(printed)
    assert found.startswith("新化县各乡镇村务汇总表")  # the page header: the county, then the title
    for expected in (f"新化县各乡镇村务汇总表{period.label}（共2个乡镇3个村）".replace(" ", ""),
                     "天门乡大熊山村第1号", "天门乡油溪桥村第2号", "天门乡小计（2村）55",
                     "白溪镇油溪桥村第1号", "白溪镇小计（1村）22", "全县合计2个乡镇3村77", "3个村有空缺",
                     "合计的积分参与率按户数加权"):
        assert expected in found, expected
    # No villager, ID number or phone, not even the village clerk's (county.villages keeps it).
    for personal in (VILLAGER.name, VILLAGER.id_number, VILLAGER.phone, "13812341234", "李文书"):
        assert personal not in found
    page = PdfReader(printed).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (1191, 842)  # A3 landscape


@pytest.mark.slow
@pytest.mark.postgres
def test_a_village_of_the_same_name_in_two_townships_is_named_with_its_township(filled, tmp_path):  # noqa: F811
    from villagedesk.documents.pdf.summary import print_county_summary
    from villagedesk.store.postgres.connection import county_database

    printed = tmp_path / "old.pdf"
    with county_database(filled.url) as conn, conn.transaction():  # in a transaction of the caller's, that one
        print_county_summary(conn, printed, "2020-Q1")
    assert "天门乡大熊山村、天门乡油溪桥村、白溪镇油溪桥村的数据包中没有2020年第一季度的数字" in text(printed)


@pytest.mark.slow
@pytest.mark.postgres
def test_a_diverged_history_the_county_accepted_is_printed_in_its_summary(filled, tmp_path):  # noqa: F811
    """As the township prints the ones it accepted (docs/PACKAGES.md, step 5); the event as the county's import
    keeps it (core.county.importer: the township's check's own detail)."""
    import json

    from tests.helpers.county import village_code
    from villagedesk.documents.pdf.summary import print_county_summary
    from villagedesk.store.postgres.connection import county_database

    printed = tmp_path / "county.pdf"
    with county_database(filled.url) as conn:
        conn.execute("INSERT INTO county.events (township_id, village_code, sequence, kind, detail, at) "
                     "SELECT township_id, code, 1, 'divergence', %s, '2026-11-10 09:00' FROM county.villages "
                     "WHERE code = %s", (json.dumps({"held_count": 4, "count": 4, "seq": 4}), village_code(2, 1)))
        print_county_summary(conn, printed, summary_periods(clock.today())[0].code)
    assert "经县里确认接受、记录在案的积分历史改变：白溪镇油溪桥村2026-11-10" in text(printed)
    assert "原有4条，改为4条，从第4条起不同" in text(printed)
