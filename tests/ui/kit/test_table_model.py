"""The paged model over SQLite: sorting reorders without counting a million rows again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from villagedesk.core.common import listing
from villagedesk.core.register import people
from villagedesk.core.register.lists import HOUSEHOLDS
from villagedesk.ui.kit.table_model import PagedTableModel


def test_sorting_reorders_without_recounting_and_searching_recounts(store, monkeypatch):
    for code, group in (("HH001", "三组"), ("HH002", "一组"), ("HH003", "二组")):
        people.add_household(store, code=code, group_name=group)
    counted = []
    real_count = listing.ListQuery.count

    def counting(self, *args, **kwargs):
        counted.append(args[1:2])
        return real_count(self, *args, **kwargs)

    monkeypatch.setattr(listing.ListQuery, "count", counting)
    model = PagedTableModel(store, HOUSEHOLDS, [("code", "户编号"), ("group_name", "村民小组")])
    assert model.rowCount() == 3 and len(counted) == 1
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert [model.record(r)["group_name"] for r in range(3)] == ["一组", "三组", "二组"]  # by text, in SQL
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert [model.record(r)["code"] for r in range(3)] == ["HH003", "HH001", "HH002"]
    model.sort(1, Qt.SortOrder.DescendingOrder)  # Qt asks again: nothing to do
    assert len(counted) == 1
    model.set_search("HH002")
    assert model.rowCount() == 1 and len(counted) == 2


def test_locate_finds_a_record_on_a_page_not_read_yet(store):
    from villagedesk.core.common.records import insert_many
    from villagedesk.ui.kit.table_model import PAGE

    insert_many(store, "households", [{"code": f"HH{n:04d}", "group_name": "", "address": "", "phone": "",
                                       "archived": 0, "archived_reason": ""} for n in range(PAGE * 2 + 5)])
    model = PagedTableModel(store, HOUSEHOLDS, [("code", "户编号")])
    last = store.scalar("SELECT id FROM households WHERE code = ?", (f"HH{PAGE * 2 + 4:04d}",))
    assert model.row_of(last) is None  # not read yet
    assert model.locate(last) == PAGE * 2 + 4
    assert model.record(PAGE * 2 + 4)["_id"] == last
    assert model.locate(-1) is None
