"""Nothing public prints a villager's full ID number or mobile number; every internal sheet says it is internal.

The small demo village is printed once per module, every printout the program
makes, and each PDF is read back with pypdf.

Public — posted on the board or taken home (docs/DOMAIN.md §4.5: masked numbers):
the points board (积分公示榜, A4 and A3), every notice (公示, A4 and A3), the
committee roster's public version, a household's points statement (积分明细),
the redemption slip (兑换单, one copy goes home) and the monthly report for the
township (月度村务报告).  Internal — full numbers, villagers' troubles, marked
内部资料 on every page: the household register (花名册), the roster's internal
version, the minutes (会议记录) and the requests ledger (民情台账).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers.pdf_pages import without_check_values
from villagedesk import clock
from villagedesk.core.home import charts
from villagedesk.demo.village import build_demo
from villagedesk.documents.pdf import document
from villagedesk.documents.pdf.households import print_households
from villagedesk.documents.pdf.minutes import print_minutes
from villagedesk.documents.pdf.notice import print_notice
from villagedesk.documents.pdf.ranking import print_ranking
from villagedesk.documents.pdf.report import print_report
from villagedesk.documents.pdf.requests import print_requests
from villagedesk.documents.pdf.roster import print_roster
from villagedesk.documents.pdf.slip import print_slip
from villagedesk.documents.pdf.statement import print_statement
from villagedesk.store import open_store

# Every test reads the printouts of one small demo village, printed once: about 40 s quiet, and
# whichever test comes first on a busy machine pays for it.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

INTERNAL = "内部资料"
# An ID number or a mobile number standing on its own (not inside a longer run of digits).
_FULL_ID = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9X](?![0-9X])")
_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")


def pages_of(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def printed(tmp_path_factory, vd_app) -> dict:
    """Every printout of the small demo read back: {"public": {name: pages' text}, "internal": …, "people": …}."""
    folder = tmp_path_factory.mktemp("privacy")
    public: dict[str, Path] = {}
    internal: dict[str, Path] = {}
    with open_store(folder / "demo.sqlite3") as store:
        build_demo(store, size="small", seed=7)
        today = clock.today()
        people = store.rows("SELECT name, id_number, phone FROM persons")
        phones = {r["phone"] for r in store.rows("SELECT phone FROM households")} | {p["phone"] for p in people}
        village_phone = store.scalar("SELECT phone FROM village")

        def out(name: str) -> Path:
            return folder / f"{name}.pdf"

        periods = [r["period"] for r in store.rows("SELECT period FROM point_periods WHERE status != 'open' "
                                                   "ORDER BY period DESC LIMIT 1")]
        for period in periods:
            for size in ("A4", "A3"):
                public[f"ranking {period} {size}"] = print_ranking(store, out(f"ranking-{period}-{size}"), period,
                                                                   size=size)
        # Every list of names (they carry ID numbers), and two notices of every other category and kind of table.
        for notice in store.rows("SELECT id, table_kind FROM (SELECT id, table_kind, row_number() OVER "
                                 "(PARTITION BY category, table_kind ORDER BY id DESC) AS n FROM notices) "
                                 "WHERE n <= 2 OR table_kind = '名单' ORDER BY id"):
            public[f"notice {notice['id']}"] = print_notice(store, out(f"notice-{notice['id']}"), notice["id"])
            if notice["table_kind"] == "名单":  # the lists of names are the ones that carry ID numbers
                public[f"notice {notice['id']} A3"] = print_notice(store, out(f"notice-{notice['id']}-A3"),
                                                                   notice["id"], size="A3")
        public["roster"] = print_roster(store, out("roster"))
        # The households with the most entries and redemptions: the statements and slips with the most lines.
        busiest = store.rows("SELECT h.code FROM households h JOIN point_entries e ON e.household_id = h.id "
                             "GROUP BY h.id ORDER BY count(*) DESC LIMIT 3")
        for row in busiest:
            public[f"statement {row['code']}"] = print_statement(store, out(f"statement-{row['code']}"), row["code"],
                                                                 str(today.year))
        for (number,) in store.conn.execute("SELECT id FROM redemptions ORDER BY id DESC LIMIT 3"):
            public[f"slip {number}"] = print_slip(store, out(f"slip-{number}"), str(number))
        last_month = (date(today.year, today.month, 1) - timedelta(days=1)).strftime("%Y-%m")
        from villagedesk.ui.home.report_images import report_images

        public["report"] = print_report(store, out("report"), last_month,
                                        images=report_images(store, charts.month(last_month).code))

        internal["households"] = print_households(store, out("households"))
        internal["roster internal"] = print_roster(store, out("roster-internal"), internal=True)
        for (meeting,) in store.conn.execute("SELECT id FROM meetings ORDER BY (SELECT count(*) FROM requests r "
                                             "WHERE r.meeting_id = meetings.id) DESC, id LIMIT 3"):
            internal[f"minutes {meeting}"] = print_minutes(store, out(f"minutes-{meeting}"), meeting)
        quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
        internal["requests"] = print_requests(store, out("requests"), quarter)
    # Read back once: pypdf takes about 0.1 s a page of Chinese.
    return {"public": {name: pages_of(path) for name, path in public.items()},
            "internal": {name: pages_of(path) for name, path in internal.items()},
            "people": people, "phones": phones - {""}, "village_phone": village_phone}


def test_no_public_printout_carries_a_full_id_number_or_mobile_number(printed):
    ids = {p["id_number"] for p in printed["people"] if p["id_number"]}
    phones = printed["phones"]
    assert len(ids) > 500 and len(phones) > 500  # the demo's people really have numbers to leak
    for name, pages in printed["public"].items():
        text = without_check_values("\n".join(pages))
        assert len(text) > 50, name
        squeezed = re.sub(r"\s+", "", text)
        leaked_ids = {n for n in ids if n in squeezed}
        leaked_phones = {n for n in phones if n in squeezed}
        assert not leaked_ids, f"{name}: full ID numbers {sorted(leaked_ids)[:3]}"
        assert not leaked_phones, f"{name}: mobile numbers {sorted(leaked_phones)[:3]}"
        # Nor anything that looks like one: the village's own number, where objections go, is the only phone.
        assert _FULL_ID.findall(text) == [], name
        assert set(_MOBILE.findall(text)) <= {printed["village_phone"]}, name
        assert not any(INTERNAL in page for page in pages), f"{name} is public but marked internal"


def test_the_public_lists_show_masked_numbers(printed):
    """The check above is not empty: the lists of names print the masked forms of the same numbers."""
    lists = [name for name in printed["public"] if name.startswith("notice") and "A3" in name]
    assert lists
    text = "".join("".join(printed["public"][name]) for name in lists)
    assert re.search(r"[0-9]{6}\*{8}[0-9]{3}[0-9X]", text)
    roster = "".join(printed["public"]["roster"])
    assert re.search(r"1[3-9][0-9]\*{4}[0-9]{4}", roster)


def test_every_page_of_an_internal_printout_is_marked(printed):
    for name, pages in printed["internal"].items():
        assert pages, name
        unmarked = [n for n, page in enumerate(pages, 1) if INTERNAL not in page]
        assert unmarked == [], f"{name}: pages {unmarked} of {len(pages)} not marked {INTERNAL}"
    # The register is long enough to test "every page", and it does carry the full numbers.
    register = printed["internal"]["households"]
    assert len(register) > 5
    ids = {p["id_number"] for p in printed["people"] if p["id_number"]}
    assert any(n in re.sub(r"\s+", "", "".join(register)) for n in ids)
    assert document.INTERNAL_MARK.startswith(INTERNAL)
