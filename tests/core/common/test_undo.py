"""Undo of the last edit: reversed through core, audited as an undo, refused where the rules forbid it."""

from __future__ import annotations

import json

import pytest

from tests.core.notices.test_notices import build_village, draft
from villagedesk.core import notices
from villagedesk.core.common import records
from villagedesk.core.common.undo import UndoJournal
from villagedesk.core.register import people
from villagedesk.errors import UserError


@pytest.fixture
def journal(store):
    opened = UndoJournal(store)
    yield opened
    opened.close()


def _household(store, code="HH001"):
    return people.add_household(store, code=code, group_name="第一村民小组", address="杨家湾1号")


def test_nothing_to_undo_in_a_new_session(store, journal):
    _household(store)
    journal.close()
    fresh = UndoJournal(store)
    assert fresh.newest() is None
    with pytest.raises(UserError, match="没有可以撤销的改动"):
        fresh.undo()
    fresh.close()


def test_an_edit_is_put_back_and_the_audit_keeps_both_steps(store, journal):
    house = _household(store)
    before = records.get(store, "households", house["id"])
    people.update_household(store, house["id"], address="杨家湾2号", phone="13812341234")
    edit = journal.newest()
    assert edit is not None and edit.describe() == "修改 户 HH001"
    journal.undo()
    assert records.get(store, "households", house["id"]) == before
    undo_row = store.row("SELECT * FROM audit WHERE action = 'undo'")
    assert json.loads(undo_row["after"]) == before
    assert json.loads(undo_row["before"])["address"] == "杨家湾2号"
    # The next undo takes the household away: it was added in this session.
    assert journal.newest().describe() == "新增 户 HH001"
    journal.undo()
    assert people.get_household(store, house["id"]) is None
    assert journal.newest() is None


def test_one_edit_of_many_records_is_undone_whole(store, journal):
    house = _household(store)
    head = people.add_person(store, house["id"], name="张三", gender="男", birth_date="1960-01-01", relation="户主")
    wife = people.add_person(store, house["id"], name="李四", gender="女", birth_date="1962-01-01", relation="配偶")
    people.archive_household(store, house["id"], "整户迁出")
    edit = journal.newest()
    assert edit.describe() == "修改 人员 张三 等 3 条记录"
    journal.undo()
    assert not people.get_household(store, house["id"])["archived"]
    assert [people.get_person(store, p["id"])["archived"] for p in (head, wife)] == [0, 0]
    # The undo itself is not undone again: the next edit back is adding 李四.
    assert journal.newest().describe() == "新增 人员 李四"


def test_a_record_changed_since_is_not_undone(store, journal):
    house = _household(store)
    people.update_household(store, house["id"], address="杨家湾2号")
    # Written around core and around the journal (another program would do this): the check still sees it.
    store.conn.execute("UPDATE households SET address = '别处' WHERE id = ?", (house["id"],))
    store.conn.commit()
    with pytest.raises(UserError, match="之后又改过"):
        journal.undo()
    assert people.get_household(store, house["id"])["address"] == "别处"


def test_what_went_to_the_township_is_not_undone(store, journal):
    house = _household(store)
    people.update_household(store, house["id"], address="杨家湾2号")
    last = store.scalar("SELECT max(id) FROM audit")
    store.conn.execute("INSERT INTO packages (uid, created_at, updated_at, sequence, full, audit_max, file_name, "
                       "sha256, counts) VALUES ('u', 'x', 'x', 1, 1, ?, 'f', 's', '{}')", (last,))
    store.conn.commit()
    with pytest.raises(UserError, match="已写入给乡镇的 U 盘包"):
        journal.undo()
    assert people.get_household(store, house["id"])["address"] == "杨家湾2号"


def test_notices_follow_their_rules(profiled_store):
    store = profiled_store
    village = build_village(store)
    journal = UndoJournal(store)
    notice = draft(store)
    with pytest.raises(UserError, match="公开事项从不删除"):
        journal.undo()
    # A draft's edit, with its table rows rewritten, is undone whole.
    notices.update_notice(store, notice["id"], title="改过的标题", table=None)
    journal.undo()
    assert notices.get_notice(store, notice["id"])["title"] == notice["title"]
    assert notices.notice_table(store, notice["id"]) == notices.notice_table(store, notice["id"])
    assert len(notices.notice_table(store, notice["id"]).lines) == 2
    notices.review_notice(store, notice["id"], reviewer_id=village.reviewer["id"])
    with pytest.raises(UserError, match="已审核或已张贴") as err:
        journal.undo()
    assert "不能撤销“修改 公开事项" in str(err.value)
    assert notices.get_notice(store, notice["id"])["status"] == notices.REVIEWED
    journal.close()


def test_points_are_never_taken_back_by_undo(store, monkeypatch):
    from tests.core.points.test_helpers import LABOUR, fix_today, make_village, record
    from villagedesk.core.points import ledger

    fix_today(monkeypatch)
    village = make_village(store)
    journal = UndoJournal(store)
    entry = record(store, village["HH001"], LABOUR)
    with pytest.raises(UserError, match="积分记录从不删除"):
        journal.undo()
    ledger.approve(store, [entry["id"]], "审核员")
    with pytest.raises(UserError, match="已审核（通过或驳回）的积分记录不能再改"):
        journal.undo()
    assert records.get(store, "point_entries", entry["id"])["status"] == ledger.APPROVED
    journal.close()
