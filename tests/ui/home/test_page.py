"""The home page in the real window: the attention list and its lines opening records; open_record for
every kind; the counts.  A real database built through the domain functions; today is 2026-07-20."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from tests.core.meetings.test_minutes import TODAY, held_meeting, make_register
from tests.helpers.ui import shown
from tests.ui.kit.test_freshness import reads_nothing, statements_run
from villagedesk import clock
from villagedesk.core import notices
from villagedesk.core.committee import roster as committee
from villagedesk.core.notices import disclosure
from villagedesk.core.points import ledger as points_ledger
from villagedesk.core.points import rules
from villagedesk.core.requests import ledger
from villagedesk.core.township import merge as township
from villagedesk.ui.home import page as home
from villagedesk.ui.home.page import OVERDUE_TEXT
from villagedesk.ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("vd_app")


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    clock.set(TODAY)  # Monday 2026-07-20


def _request(store, register, **values) -> dict:
    return ledger.raise_request(store, **{
        "raised_on": "2026-07-01", "raised_by_id": register["王德明"]["id"], "category": "基础设施",
        "content": "杨家湾组级道路坑洼，希望硬化", "handling": ledger.WITH_DEADLINE,
        "owner_id": register["张建国"]["id"], "deadline": "2026-07-31", **values})


def _window(qtbot, store) -> MainWindow:
    return shown(qtbot, MainWindow(store), (1280, 800))


def _line(window, text: str) -> QListWidgetItem:
    found = [window.home.attention.item(row) for row in range(window.home.attention.count())
             if text in window.home.attention.item(row).text()]
    assert len(found) == 1, window.home.lines()
    return found[0]


@pytest.mark.slow
def test_the_home_page_lists_an_overdue_request_and_a_double_click_opens_it(qtbot, profiled_store):
    store = profiled_store
    register = make_register(store)
    # Raised last year: the board's default period (this year) would not show it, nor its first page.
    overdue = _request(store, register, raised_on="2025-11-03", content="村道路灯不亮", deadline="2025-12-31")
    for n in range(205):
        _request(store, register, raised_on="2026-07-10", content=f"第 {n} 件", handling=ledger.ON_THE_SPOT,
                 deadline=None, result="当场解决", satisfaction=ledger.SATISFIED)
    soon = _request(store, register, deadline="2026-07-22")
    window = _window(qtbot, store)

    assert window.nav.currentItem().data(Qt.ItemDataRole.UserRole) == "home"
    home = window.home  # built on first use: the window's pages are built lazily
    assert window.pages.currentWidget() is home
    line = _line(window, overdue["code"])
    assert "村道路灯不亮" in line.text() and "2025-12-31" in line.text()
    assert line.foreground().color() == OVERDUE_TEXT
    soon_line = _line(window, soon["code"])
    assert soon_line.foreground().color() != OVERDUE_TEXT
    assert window.home.attention.row(line) < window.home.attention.row(soon_line)  # overdue first

    view = window.home.attention
    view.scrollToItem(line)
    rect = view.visualItemRect(line)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.pages.currentWidget() is window.requests
    assert window.requests.selected()["_id"] == overdue["id"]
    assert overdue["code"] in window.requests.detail.text()

    # Back home, Enter on the other line opens that one.
    window.open_record("page", "home")
    assert window.pages.currentWidget() is window.home
    view.setCurrentItem(_line(window, soon["code"]))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.requests
    assert window.requests.selected()["_id"] == soon["id"]


def test_an_empty_list_says_so(qtbot, profiled_store):
    window = _window(qtbot, profiled_store)
    assert window.home.attention.count() == 1
    only = window.home.attention.item(0)
    assert only.text() == "今天没有需要处理的事项。"
    assert only.flags() == Qt.ItemFlag.NoItemFlags
    assert window.home.tiles["households"].text() == "0"


@pytest.mark.slow
def test_a_long_rule_is_cut_with_a_line_to_the_whole_list(qtbot, profiled_store, monkeypatch):
    monkeypatch.setattr(home, "LINES_PER_RULE", 2)
    store = profiled_store
    register = make_register(store)
    for day in ("2026-07-10", "2026-07-11", "2026-07-12"):
        _request(store, register, deadline=day)
    window = _window(qtbot, store)
    lines = window.home.lines()
    codes = [n for n, text in enumerate(lines) if text.startswith("诉求 SQ")]
    assert len(codes) == 2
    more = window.home.attention.item(codes[-1] + 1)  # right after the rule's last line shown
    assert "还有 1 条" in more.text()
    window.home.open_item(more)
    assert window.pages.currentWidget() is window.requests
    assert window.requests.overdue.isChecked() and window.requests.model.rowCount() == 3


@pytest.fixture
def village(profiled_store):
    """Households, a meeting, a request, a posted notice with an objection, a calendar item,
    a committee (its supervision director reviews notices) and points waiting for review."""
    store = profiled_store
    register = make_register(store)
    term = committee.save_term(store, number=12, start_date="2026-03-01")
    committee.start_post(store, person_id=register["曾国华"]["id"], body=committee.SUPERVISION, role="主任",
                         term_id=term["id"], start_date="2026-03-01")
    meeting = held_meeting(store, register)
    request = _request(store, register)
    item = disclosure.save_item(store, name="村级财务收支", category="财务公开", frequency=disclosure.MONTHLY,
                                due_day=25)
    notice = notices.create_notice(store, category="村务公开", title="2026年村道硬化工程公示", body="现予公示。",
                                   issued_on="2026-07-01")
    notices.review_notice(store, notice["id"], reviewer_id=register["曾国华"]["id"], day="2026-07-01")
    notices.post_notice(store, notice["id"], start="2026-07-01", days=15)
    objection = notices.add_objection(store, notice["id"], raised_by="彭光荣", content="工程量有出入",
                                      received_on="2026-07-05")
    rules.install_default_catalogue(store, date(2026, 1, 1))
    rule = store.row("SELECT id FROM point_rules LIMIT 1")
    household = store.row("SELECT household_id FROM persons WHERE id = ?", (register["彭光荣"]["id"],))
    points_ledger.record_entry(store, household_id=household["household_id"], rule_id=rule["id"], day="2026-07-02")
    return {"store": store, "register": register, "meeting": meeting, "request": request, "item": item,
            "notice": notice, "objection": objection, "household": household["household_id"]}


@pytest.mark.slow
def test_open_record_chooses_the_record_of_each_kind(qtbot, village):
    window = _window(qtbot, village["store"])
    person = village["register"]["彭光荣"]

    assert window.open_record("household", village["household"])
    assert window.pages.currentWidget() is window.households
    assert window.households.on_households_tab() and window.households.selected_household() == village["household"]

    assert window.open_record("person", person["id"])
    assert not window.households.on_households_tab() and window.households.selected_person() == person["id"]

    assert window.open_record("meeting", village["meeting"]["id"])
    assert window.pages.currentWidget() is window.meetings
    assert window.meetings.meetings.selected()["_id"] == village["meeting"]["id"]

    assert window.open_record("request", village["request"]["id"])
    assert window.pages.currentWidget() is window.requests
    assert window.requests.selected()["_id"] == village["request"]["id"]

    assert window.open_record("notice", village["notice"]["id"])
    assert window.pages.currentWidget() is window.notices
    assert window.notices.tabs.currentWidget() is window.notices.list
    assert window.notices.list.selected()["_id"] == village["notice"]["id"]

    assert window.open_record("objection", village["objection"]["id"])
    assert window.notices.tabs.currentWidget() is window.notices.objections
    assert window.notices.objections.notice_id == village["notice"]["id"]
    chosen = window.notices.objections.view.selectionModel().selectedRows()
    assert [window.notices.objections.model.record(i.row())["id"] for i in chosen] == [village["objection"]["id"]]

    assert window.open_record("calendar_item", village["item"]["id"])
    assert window.notices.tabs.currentWidget() is window.notices.calendar
    chosen = window.notices.calendar.view.selectionModel().selectedRows()
    assert [window.notices.calendar.model.record(i.row())["id"] for i in chosen] == [village["item"]["id"]]

    assert window.open_record("points_review", None)
    assert window.pages.currentWidget() is window.points
    assert window.points.tabs.currentWidget() is window.points.review

    assert window.open_record("points_period", "2026-Q2")
    assert window.points.tabs.currentWidget() is window.points.ranking
    assert window.points.ranking.code() == "2026-Q2"

    for kind, page in (("committee", window.committee), ("backup", window.export), ("package", window.export)):
        assert window.open_record(kind, None)
        assert window.pages.currentWidget() is page
    assert window.open_record("page", "home")
    assert window.pages.currentWidget() is window.home


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["household", "person", "meeting", "request", "notice", "objection",
                                  "calendar_item"])
def test_a_record_that_is_gone_opens_nothing(qtbot, village, kind):
    window = _window(qtbot, village["store"])
    window.open_record("page", "committee")
    assert window.open_record(kind, 9999) is False
    assert window.pages.currentWidget() is window.committee
    assert window.open_record("no such kind", 1) is False
    assert window.pages.currentWidget() is window.committee


def test_the_lines_of_the_village_open_their_pages(qtbot, village):
    window = _window(qtbot, village["store"])
    # The objection was due on 15 July; the calendar item is due on the 25th; one entry waits for review.
    for text, page, tab in (("彭光荣", window.notices, window.notices.objections),
                            ("村级财务收支", window.notices, window.notices.calendar),
                            ("1 条积分", window.points, window.points.review)):
        window.open_record("page", "home")
        window.home.open_item(_line(window, text))
        assert window.pages.currentWidget() is page, text
        assert page.tabs.currentWidget() is tab, text


def test_the_counts_at_a_glance(qtbot, village):
    window = _window(qtbot, village["store"])
    tiles = {key: label.text() for key, label in window.home.tiles.items()}
    assert tiles == {"households": "6", "persons": "12", "committee_members": "1", "requests_open": "1",
                     "requests_closed_year": "0", "notices_posted_year": "1"}


def test_a_township_window_has_no_home_page(qtbot, store):
    township.set_township(store, True)
    window = _window(qtbot, store)
    assert [window.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.nav.count())] == ["villages"]
    assert window.open_record("request", 1) is False
    assert window.open_record("page", "home") is False


@pytest.mark.slow
def test_hundreds_of_overdue_lines_are_one_group_with_counts_newest_first(qtbot, profiled_store):
    # The large demo listed 981 red rows: now each kind is a heading with its counts and a few lines.
    store = profiled_store
    register = make_register(store)
    for n in range(30):
        _request(store, register, raised_on="2026-01-02", content=f"第 {n} 件",
                 deadline=(date(2026, 2, 1) + timedelta(days=n)).isoformat())
    window = _window(qtbot, store)
    lines = window.home.lines()
    first = lines.index("民情诉求到期或逾期：30 条，其中逾期 30 条")
    assert window.home.attention.item(first).font().bold()
    lines = lines[first:]
    shown_requests = [text for text in lines if text.startswith("诉求 SQ")]
    assert len(shown_requests) == home.LINES_PER_RULE == 5
    assert "2026-03-02" in shown_requests[0], "the deadline missed last comes first"
    red = [window.home.attention.item(r) for r in range(window.home.attention.count())
           if window.home.attention.item(r).foreground().color() == OVERDUE_TEXT
           and window.home.attention.item(r).text().startswith("诉求 SQ")]
    assert len(red) == 5
    assert "还有 25 条" in lines[len(shown_requests) + 1]


@pytest.mark.slow
def test_shown_again_the_page_reads_only_what_changed_meanwhile(qtbot, profiled_store):
    # Every switch read the list and the charts again: 0.4 s on the large demo (#18, "Performance").
    store = profiled_store
    register = make_register(store)
    window = _window(qtbot, store)
    window.go_to("home")  # built and read once
    window.go_to("households")
    assert reads_nothing(statements_run(store, lambda: window.go_to("home")))
    assert not any("SQ" in line for line in window.home.lines())

    # A request raised elsewhere (another page, an import) is listed once the page is shown again.
    window.go_to("households")
    raised = _request(store, register, deadline="2026-07-22")
    window.go_to("home")
    assert "2026-07-22" in _line(window, raised["code"]).text()
    assert window.home.tiles["requests_open"].text() == "1"

    # Written by another program into the same file.
    window.go_to("households")
    with sqlite3.connect(store.path) as other:
        other.execute("UPDATE requests SET deadline = '2026-07-24' WHERE id = ?", (raised["id"],))
    window.go_to("home")
    assert "2026-07-24" in _line(window, raised["code"]).text()

    # The day turned: the same request is overdue now, in red.
    window.go_to("households")
    clock.set(date(2026, 7, 27))
    window.go_to("home")
    line = _line(window, raised["code"])
    assert line.foreground().color() == OVERDUE_TEXT

    # Undone from the Edit menu while another page is shown: gone from the list.
    window.go_to("households")
    fixed = _request(store, register, content="村口路灯不亮", deadline="2026-07-29")
    window.go_to("home")
    _line(window, fixed["code"])
    window.go_to("households")
    assert window.undo() is not None
    window.go_to("home")
    assert not any(fixed["code"] in line for line in window.home.lines())
