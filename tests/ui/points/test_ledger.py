"""The ledger tab (台账): what a clerk reads it by stays in view; an entry's audit trail below the list."""

from __future__ import annotations

from tests.ui.points.test_page import TODAY, _approve_all, _hid, _rule, _today, _window, village  # noqa: F401
from villagedesk.core.points import ledger
from villagedesk.ui.points.ledger import TRAIL


def test_the_chosen_entry_shows_its_trail_below_the_list_not_in_columns(qtbot, village):  # noqa: F811
    # At 1366 pixels the ledger's last five columns hid behind a horizontal scroll (#18).
    entry = ledger.record_entry(village, household_id=_hid(village, "HH002"), rule_id=_rule(village, "焚烧秸秆"),
                                day=TODAY, evidence="照片 IMG_0412", note="村民举报", recorded_by="李文书")
    _approve_all(village, reviewer="王主任")
    window, page = _window(qtbot, village)
    page.tabs.setCurrentWidget(page.ledger)
    tab = page.ledger
    keys = tab.model.keys()
    assert [k for c, k in enumerate(keys) if tab.view.isColumnHidden(c)] == list(TRAIL)
    assert {"household_code", "head_name", "group_name", "item", "points", "status", "reverses_id",
            "reversed_by"} <= {k for c, k in enumerate(keys) if not tab.view.isColumnHidden(c)}
    assert tab.trail.text() == "选择一条记录，查看它的凭证、登记人和审核人。"

    tab.view.selectRow(0)
    seq = village.scalar("SELECT seq FROM point_entries WHERE id = ?", (entry["id"],))
    trail = tab.trail.text()
    for part in (f"编号 {entry['id']}", "凭证：照片 IMG_0412", "备注：村民举报", "登记人：李文书", "审核人：王主任",
                 TODAY.isoformat(), f"链序号：{seq}"):
        assert part in trail, trail
