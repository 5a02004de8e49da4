"""The county window (ui/county) against a real county: villages → townships → township packages → imported.

Real village and township files and packages (tests.helpers.county), a real PostgreSQL server, real widgets.
"""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from tests.core.township.test_merge import approve
from tests.helpers.county import VILLAGE_NAMES, filled_county, forward, import_into, send
from tests.helpers.postgres import PASSWORD_GROUP
from tests.helpers.ui import PreviewRecorder, when_modal
from villagedesk.store.postgres.connection import PasswordRefused
from villagedesk.ui.county.login import CountyLoginDialog, open_session
from villagedesk.ui.county.records import RecordsPanel, header
from villagedesk.ui.county.session import CountySession
from villagedesk.ui.county.window import CountyWindow
from villagedesk.ui.kit import print_preview

# A county of two townships and three villages made and imported (seconds), on a real PostgreSQL server.
pytestmark = [pytest.mark.slow, pytest.mark.postgres]


@pytest.fixture
def filled(county, tmp_path):
    """新化县 with 天门乡 (two villages) and 白溪镇 (one); 天门乡's first village sent 3 points entries since."""
    made = filled_county(county, tmp_path)
    tianmen = made.townships["天门乡"]
    approve(tianmen.villages[0], 3)
    send(tianmen.villages[0], tianmen.db, tianmen.folder / "stick")
    import_into(county, forward(tianmen.db, tianmen.folder / "to-county"))
    return made


def role_url(server, url: str, role: str) -> str:
    return url.replace(f"{server.user}@", f"{role}@", 1)


def open_window(qtbot, session: CountySession) -> CountyWindow:
    window = CountyWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def wait(job) -> None:
    assert job is not None and job.wait(30) and job.state == "done", (job and job.state, job and job.error)


def drill_down(qtbot, window: CountyWindow, township: str, village: str, table: str) -> list[dict]:
    """Townships → ``township`` → ``village`` → ``table``: the rows the records view shows, as texts by header."""
    page = window.browse
    window.tabs.setCurrentWidget(page)
    wait(page.job)
    township_id = next(r["id"] for r in page.townships.rows() if r["name"] == township)
    assert page.select_township(township_id)
    wait(page.job)
    code = next(r["code"] for r in page.villages.rows() if r["name"] == village)
    assert page.select_village(code)
    wait(page.records.job)
    records = page.records
    if records.table() != table:
        assert records.choose_table(table)
    wait(records.job)
    model = records.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [{headers[c]: model.data(model.index(r, c)) for c in range(model.columnCount())}
            for r in range(model.rowCount())]


def test_the_window_opens_on_the_summary_by_township_and_village(qtbot, filled):
    session = open_session(filled.url)
    window = open_window(qtbot, session)
    assert "新化县" in window.windowTitle() and session.user in window.windowTitle()
    page = window.summary
    wait(page.job)
    assert {r["name"] for r in page.totals.rows()[:2]} == {"天门乡", "白溪镇"}
    county = page.totals.rows()[-1]
    assert county.get("county") and county["villages"] == 3
    assert sorted((r["township"], r["name"]) for r in page.lines.rows()) == sorted([
        ("天门乡", VILLAGE_NAMES[0]), ("天门乡", VILLAGE_NAMES[1]), ("白溪镇", VILLAGE_NAMES[0])])
    # Each township's total: its villages and their households (two each).
    assert [(r["villages"], r["households"]) for r in page.totals.rows()] == [(2, 4), (1, 2), (3, 6)]
    # Another period: read again, the same villages.
    page.period.setCurrentIndex(1)
    wait(page.job)
    assert len(page.lines.rows()) == 3
    assert page.buttons["print_summary"].isEnabled() and page.buttons["export_excel"].isEnabled()


def test_drill_down_to_a_villages_points_entries(qtbot, filled, monkeypatch):
    monkeypatch.setattr(RecordsPanel, "PAGE_ROWS", 2)  # three entries: two pages
    window = open_window(qtbot, open_session(filled.url))
    rows = drill_down(qtbot, window, "天门乡", VILLAGE_NAMES[0], "point_entries")
    records = window.browse.records
    assert len(rows) == 2 and records.buttons["next_page"].isEnabled()
    assert not records.buttons["previous_page"].isEnabled()
    records.buttons["next_page"].click()
    wait(records.job)
    assert records.model.rowCount() == 1 and not records.buttons["next_page"].isEnabled()
    last = records.model.record(0)
    records.buttons["previous_page"].click()
    wait(records.job)
    # The village's order across the pages: its three entries by their id.
    ids = [records.model.record(r)["id"] for r in range(records.model.rowCount())] + [last["id"]]
    assert ids == sorted(ids) and len(set(ids)) == 3
    household = header("point_entries", "household_id")
    assert household == "户" and {r[household] for r in rows} == {"HH001"}
    # Every column in Chinese, and an entry's state in the village's own words.
    assert [h for h in rows[0] if h.isascii()] == []
    assert {r["状态"] for r in rows} == {"已审核"}
    info = window.browse.records.info.text()
    assert VILLAGE_NAMES[0] in info and "天门乡" in info
    combo = window.browse.records.table_combo
    assert combo.itemText(combo.findData("point_entries")).startswith("积分明细")
    assert "3" in combo.itemText(combo.findData("point_entries"))
    # Another township's village: its own records, no points entries.
    rows = drill_down(qtbot, window, "白溪镇", VILLAGE_NAMES[0], "households")
    assert len(rows) == 2 and window.browse.records.table_combo.findData("point_entries") < 0


def test_a_reader_role_uses_all_of_it(qtbot, filled, postgres_server):
    with postgres_server.login_role("villagedesk_reader") as reader:
        session = open_session(role_url(postgres_server, filled.url, reader))
        assert session is not None and session.user == reader
        window = open_window(qtbot, session)
        wait(window.summary.job)
        assert len(window.summary.lines.rows()) == 3
        assert len(drill_down(qtbot, window, "天门乡", VILLAGE_NAMES[0], "point_entries")) == 3
        window.close()


def test_the_server_asks_for_a_password_the_login_dialog_gives_it(qtbot, filled, postgres_server, boxes):
    with postgres_server.login_role(PASSWORD_GROUP, "villagedesk_reader", password="richtig-2026") as person:
        url = role_url(postgres_server, filled.url, person)
        with pytest.raises(PasswordRefused):
            CountySession.open(url)

        def wrong(dialog):
            assert isinstance(dialog, CountyLoginDialog) and dialog.login == person
            dialog.password.setText("falsch")
            dialog.ok.click()

        def right(dialog):
            assert dialog.isVisible() and person in dialog.message.text()
            dialog.password.setText("richtig-2026")
            dialog.ok.click()

        when_modal(wrong, right)
        session = open_session(url)
        assert session is not None and session.user == person and session.county == "新化县"
        assert "richtig-2026" not in session.url
        window = open_window(qtbot, session)
        wait(window.summary.job)
        assert len(window.summary.lines.rows()) == 3
        window.close()
        assert boxes == []


def test_cancel_at_the_login_and_a_failed_connection_say_so_once(qtbot, filled, postgres_server, boxes):
    with postgres_server.login_role(PASSWORD_GROUP, password="richtig-2026") as person:
        when_modal(lambda dialog: dialog.reject())
        assert open_session(role_url(postgres_server, filled.url, person)) is None
        assert boxes == []
    assert open_session(filled.url.rsplit("/", 1)[0] + "/no_such_database") is None
    assert len(boxes) == 1 and boxes[0][0] == "critical" and "no_such_database" in boxes[0][2]
    assert "Traceback" not in boxes[0][2]


def test_a_login_dialog_prefills_the_urls_user(qtbot, filled):
    dialog = CountyLoginDialog(filled.url.replace("postgresql://", "postgresql://wang_li@", 1)
                               if "@" not in filled.url else filled.url)
    qtbot.addWidget(dialog)
    assert dialog.login and dialog.account.isEditable()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_a_reader_prints_the_summary_and_exports_the_workbook(qtbot, filled, postgres_server, tmp_path,
                                                              monkeypatch, boxes):
    with postgres_server.login_role("villagedesk_reader") as reader:
        window = open_window(qtbot, open_session(role_url(postgres_server, filled.url, reader)))
        page = window.summary
        wait(page.job)
        previews = PreviewRecorder()
        monkeypatch.setattr(print_preview, "PrintPreviewDialog", previews)
        qtbot.mouseClick(page.buttons["print_summary"], Qt.MouseButton.LeftButton)
        wait(page.job)
        qtbot.waitUntil(lambda: bool(previews), timeout=30_000)
        text, suggested = previews[0]
        assert "各乡镇村务汇总表" in text and "天门乡" in text and "白溪镇" in text
        assert suggested.startswith("新化县-各乡镇村务汇总表-")

        target = tmp_path / "新化县.xlsx"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
        when_modal(lambda dialog: dialog.buttons.accepted.emit())  # no opening password
        qtbot.mouseClick(page.buttons["export_excel"], Qt.MouseButton.LeftButton)
        wait(page.job)
        sheets = openpyxl.load_workbook(target, read_only=True).sheetnames
        assert len(sheets) > 1
        assert [kind for kind, _title, _text in boxes] == ["information"]
        window.close()
