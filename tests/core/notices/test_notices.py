"""Public notices on a real SQLite file: drafts and tables, review, posting, archive, corrections,
full ID numbers, objections, the disclosure calendar, the notices list, drafts from other areas.

Every refusal is checked to leave every notice table as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from tests.helpers.factories import valid_id, wrong_check
from villagedesk import clock
from villagedesk.core import notices
from villagedesk.core.committee import roster as committee
from villagedesk.core.committee.roster import SUPERVISION, VILLAGE
from villagedesk.core.common import records
from villagedesk.core.meetings import matters
from villagedesk.core.notices import disclosure, tables
from villagedesk.core.register import people
from villagedesk.errors import UserError
from villagedesk.store.driver import sqlite3

TODAY = date(2026, 7, 20)  # a Monday; 第十二届 began on 2026-03-01
NOTICE_TABLES = ("notices", "notice_free_rows", "notice_finance_lines", "notice_recipients", "notice_objections",
                 "disclosure_items", "matters")


@dataclass
class Village:
    store: object
    reviewer: dict  # 监委会主任 of 第十二届
    former: dict  # 监委会委员 of 第十一届 only
    director: dict  # 村委会主任: serves, but not on the supervision committee
    villagers: list[dict]


def build_village(store) -> Village:
    """Two terms; a supervision committee of one in each, a village committee director, six villagers."""
    cast = {}
    for n, name in enumerate(("周监委", "吴前监委", "王主任", "张三", "李四", "王五", "赵六", "钱七", "孙八"), 1):
        house = people.add_household(store, code=f"HH{n:03d}", group_name=f"第{'一二三'[n % 3]}村民小组",
                                     phone=f"1390000{n:04d}")
        cast[name] = people.add_person(store, house["id"], name=name, relation="户主",
                                       id_number=valid_id(date(1950 + n, n, 10 + n), 100 + n), phone=f"1380000{n:04d}")
    old = committee.save_term(store, number=11, start_date="2021-03-01")
    new = committee.save_term(store, number=12, start_date="2026-03-01")
    committee.start_post(store, person_id=cast["吴前监委"]["id"], body=SUPERVISION, role="委员", term_id=old["id"],
                         start_date="2021-03-01")
    committee.start_post(store, person_id=cast["周监委"]["id"], body=SUPERVISION, role="主任", term_id=new["id"],
                         start_date="2026-03-01")
    committee.start_post(store, person_id=cast["王主任"]["id"], body=VILLAGE, role="主任", term_id=new["id"],
                         start_date="2026-03-01")
    return Village(store, cast["周监委"], cast["吴前监委"], cast["王主任"],
                   [cast[n] for n in ("张三", "李四", "王五", "赵六", "钱七", "孙八")])


@pytest.fixture
def today(monkeypatch):
    clock.set(TODAY)
    return TODAY


@pytest.fixture
def village(profiled_store, today) -> Village:
    return build_village(profiled_store)


def snapshot(store) -> dict[str, list]:
    return {t: store.conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in NOTICE_TABLES}


def audits(store, table: str, action: str) -> int:
    return store.scalar("SELECT count(*) FROM audit WHERE table_name = ? AND action = ?", (table, action))


def finance(*lines, opening=None):
    return tables.finance_statement(lines or [(tables.INCOME, "租金", "1,000"), (tables.EXPENSE, "办公费", "250.50")],
                                    opening=opening)


def draft(store, **values) -> dict:
    values = {"category": "财务公开", "title": "2026年6月村级财务收支公开", "body": "现将收支情况公开如下。",
              "table": finance(), **values}
    return notices.create_notice(store, **values)


def posted(village, start=date(2026, 7, 1), days=7, working=False, **values) -> dict:
    """A draft reviewed on ``start`` and posted that day."""
    notice = draft(village.store, issued_on=start, **values)
    notices.review_notice(village.store, notice["id"], reviewer_id=village.reviewer["id"], day=start)
    return notices.post_notice(village.store, notice["id"], start=start, days=days, working_days=working)


# --- drafts and their tables ------------------------------------------------------------------

def test_a_draft_with_its_defaults_and_its_code(village):
    store = village.store
    notice = draft(store, table=None)
    assert (notice["code"], notice["status"], notice["issued_on"]) == ("GK0001", notices.DRAFT, "2026-07-20")
    assert notice["issuer"] == "油溪桥村村民委员会" and notice["table_kind"] == notices.NO_TABLE
    party = draft(store, category="党务公开", title="2026年第三季度党务公开", table=None)
    assert party["issuer"] == "中共油溪桥村支部委员会"
    for typed in ("GK0002", "gk2", "2", " 0002 "):
        assert notices.find_notice(store, typed)["id"] == party["id"]
    for typed in ("GK0099", "HY0001", "", "二"):
        with pytest.raises(UserError, match="没有编号为"):
            notices.find_notice(store, typed)


@pytest.mark.parametrize("values, field, words", [
    ({"category": "通知"}, "category", "请选择公开类别"),
    ({"title": "  "}, "title", "请填写公示标题"),
    ({"title": "长" * 81}, "title", "标题太长"),
    ({"issued_on": "2026-13-01"}, "issued_on", "落款日期"),
    ({"item_id": 99}, "item", "公开计划事项"),
])
def test_a_bad_draft_is_one_message_and_writes_nothing(village, values, field, words):
    before = snapshot(village.store)
    with pytest.raises(UserError, match=words) as err:
        draft(village.store, **values)
    assert err.value.field == field
    assert snapshot(village.store) == before


def test_a_recipient_list_comes_from_the_register_or_as_typed(village):
    store = village.store
    zhang, li = village.villagers[:2]
    typed_id = valid_id(date(1948, 2, 2), 333)
    listed = tables.recipient_list(store, [
        {"person_id": zhang["id"], "amount": "330", "reason": "年老体弱"},
        {"name": "外嫁回村刘氏", "group_name": "第二村民小组", "id_number": typed_id.lower(), "amount": "270.50"},
        {"name": "", "id_number": "", "amount": "", "reason": ""},  # a blank row in the editor
        {"person_id": li["id"], "amount": 390, "reason": "重病"},
    ])
    assert [(r.name, r.group_name, r.id_number, r.amount_fen, r.person_id) for r in listed.recipients] == [
        ("张三", zhang_group(store, zhang), zhang["id_number"], 33000, zhang["id"]),
        ("外嫁回村刘氏", "第二村民小组", typed_id, 27050, None),
        ("李四", zhang_group(store, li), li["id_number"], 39000, li["id"])]
    assert listed.total_fen == 99050


def zhang_group(store, person) -> str:
    return store.scalar("SELECT group_name FROM households WHERE id = ?", (person["household_id"],))


@pytest.mark.parametrize("rows, words", [
    ([{"name": "刘氏", "id_number": wrong_check(valid_id()), "amount": "1"}], "第 1 行：刘氏 的身份证号校验位不对"),
    ([{"name": "刘氏", "id_number": "431322700305123", "amount": "1"}], "应为 18 位，现在是 15 位"),
    ([{"name": "刘氏", "amount": "-5"}], "不能是负数"),
    ([{"name": "刘氏", "amount": "0"}], "应大于 0"),
    ([{"name": "刘氏", "amount": "三百"}], "不是数字"),
    ([{"name": "刘氏"}], "请填写刘氏 的金额"),
    ([{"name": "", "amount": "1", "reason": "低保"}], "请填写姓名"),
    ([{"person_id": 999, "amount": "1"}], "名册中找不到"),
])
def test_a_bad_recipient_names_its_row(village, rows, words):
    with pytest.raises(UserError, match=words):
        tables.recipient_list(village.store, rows)


def test_a_person_or_an_id_number_appears_once(village):
    zhang = village.villagers[0]
    with pytest.raises(UserError, match="第 2 行：张三 在名单中出现了两次"):
        tables.recipient_list(village.store, [{"person_id": zhang["id"], "amount": "1"}] * 2)
    with pytest.raises(UserError, match="第 2 行：身份证号与前面的一行重复"):
        tables.recipient_list(village.store, [{"person_id": zhang["id"], "amount": "1"},
                                              {"name": "张叁", "id_number": zhang["id_number"], "amount": "1"}])
    people.archive_person(village.store, village.villagers[1]["id"], "迁出")
    with pytest.raises(UserError, match="已从名册中归档"):
        tables.recipient_list(village.store, [{"person_id": village.villagers[1]["id"], "amount": "1"}])


def test_a_drafts_table_is_rewritten_row_by_row(village):
    store = village.store
    notice = draft(store, table=finance((tables.INCOME, "租金", "1"), (tables.INCOME, "利息", "2"),
                                        (tables.EXPENSE, "水费", "3")))
    lines = store.rows("SELECT id, item FROM notice_finance_lines WHERE notice_id = ? ORDER BY seq", (notice["id"],))
    notices.update_notice(store, notice["id"], title="2026年6月财务公开（修改）",
                          table=finance((tables.INCOME, "租金", "1"), (tables.INCOME, "利息", "2.50")))
    assert notices.notice_table(store, notice["id"]).lines == (tables.FinanceLine(tables.INCOME, "租金", 100),
                                                                tables.FinanceLine(tables.INCOME, "利息", 250))
    # The first line did not change and kept its row; the second was updated; the third deleted, audited.
    assert store.rows("SELECT id FROM notice_finance_lines WHERE notice_id = ? ORDER BY seq", (notice["id"],)) == [
        {"id": lines[0]["id"]}, {"id": lines[1]["id"]}]
    assert audits(store, "notice_finance_lines", "update") == 1
    assert audits(store, "notice_finance_lines", "delete") == 1
    free = notices.update_notice(store, notice["id"], table=tables.free_table(["户主", "得分"], [["张三", "90"]]))
    assert free["table_kind"] == notices.FREE and free["title"] == "2026年6月财务公开（修改）"
    assert store.scalar("SELECT count(*) FROM notice_finance_lines") == 0
    assert notices.notice_table(store, notice["id"]) == tables.FreeTable(("户主", "得分"), (("张三", "90"),))
    assert notices.update_notice(store, notice["id"], table=None)["table_kind"] == notices.NO_TABLE
    assert store.scalar("SELECT count(*) FROM notice_free_rows") == 0


def test_a_finance_opening_balance_is_kept_with_the_notice(village):
    notice = draft(village.store, table=finance(opening="-12.30"))
    statement = notices.notice_table(village.store, notice["id"])
    assert statement.opening_fen == -1230 and statement.closing_fen == -1230 + 100000 - 25050


# --- review ----------------------------------------------------------------------------------------

def test_only_a_serving_supervision_member_reviews(village):
    store = village.store
    notice = draft(store)
    before = snapshot(store)
    with pytest.raises(UserError, match="王主任 在 2026-07-20 不是村务监督委员会成员.*周监委") as err:
        notices.review_notice(store, notice["id"], reviewer_id=village.director["id"])
    assert err.value.field == "reviewer"
    with pytest.raises(UserError, match="吴前监委 在 2026-07-20 不是村务监督委员会成员"):
        notices.review_notice(store, notice["id"], reviewer_id=village.former["id"])
    with pytest.raises(UserError, match="审核日期不能晚于今天"):
        notices.review_notice(store, notice["id"], reviewer_id=village.reviewer["id"], day="2026-07-21")
    assert snapshot(store) == before
    # On a day of the last term, its member could review, and the new one could not.
    notices.update_notice(store, notice["id"], issued_on="2026-02-20")
    with pytest.raises(UserError, match="周监委 在 2026-02-27"):
        notices.review_notice(store, notice["id"], reviewer_id=village.reviewer["id"], day="2026-02-27")
    reviewed = notices.review_notice(store, notice["id"], reviewer_id=village.former["id"], day="2026-02-28")
    assert (reviewed["status"], reviewed["reviewer"], reviewed["reviewed_on"]) == ("已审核", "吴前监委", "2026-02-28")
    assert [r["name"] for r in notices.reviewers(store)] == ["周监委"]
    assert audits(store, "notices", "review") == 1


def test_review_needs_something_to_post(village):
    store = village.store
    empty = draft(store, body="", table=None)
    with pytest.raises(UserError, match="既没有正文也没有表格"):
        notices.review_notice(store, empty["id"], reviewer_id=village.reviewer["id"])
    no_rows = draft(store, table=tables.recipient_list(store, []))
    with pytest.raises(UserError, match="名单还没有任何一行"):
        notices.review_notice(store, no_rows["id"], reviewer_id=village.reviewer["id"])


def test_a_reviewed_notice_is_edited_only_after_it_goes_back_to_draft(village):
    store = village.store
    notice = draft(store)
    notices.review_notice(store, notice["id"], reviewer_id=village.reviewer["id"])
    with pytest.raises(UserError, match="已由 周监委 审核，不能直接修改.*退回草稿"):
        notices.update_notice(store, notice["id"], title="改")
    with pytest.raises(UserError, match="只有草稿需要审核"):
        notices.review_notice(store, notice["id"], reviewer_id=village.reviewer["id"])
    back = notices.return_to_draft(store, notice["id"])
    assert (back["status"], back["reviewer"], back["reviewed_on"]) == ("草稿", None, None)
    assert notices.update_notice(store, notice["id"], title="改")["title"] == "改"
    with pytest.raises(UserError, match="只有已审核、尚未张贴"):
        notices.return_to_draft(store, notice["id"])


# --- posting -----------------------------------------------------------------------------------------

def test_posting_an_unreviewed_notice_is_refused(village):
    store = village.store
    notice = draft(store)
    before = snapshot(store)
    with pytest.raises(UserError, match="还没有审核：须经村务监督委员会成员审核后才能张贴"):
        notices.post_notice(store, notice["id"])
    assert snapshot(store) == before


@pytest.mark.parametrize("options, field, words", [
    ({"start": "2026-07-09"}, "posted_on", "早于审核日期 2026-07-10"),
    ({"start": "2026-07-21"}, "posted_on", "不能晚于今天"),
    ({"start": "7月10日"}, "posted_on", "张贴日期"),
    ({"start": "2026-07-10", "end": "2026-07-09"}, "posting_end", "截止日期 2026-07-09 早于张贴日期 2026-07-10"),
    ({"start": "2026-07-10", "end": "下周"}, "posting_end", "截止日期"),
    ({"start": "2026-07-10", "days": 0}, "days", "1 到 90"),
    ({"start": "2026-07-10", "days": "七"}, "days", "整数"),
    ({"start": "2026-07-10", "end": "2026-12-31"}, "posting_end", "最长 90 天"),
])
def test_a_bad_posting_is_one_message_and_writes_nothing(village, options, field, words):
    store = village.store
    notice = draft(store)
    notices.review_notice(store, notice["id"], reviewer_id=village.reviewer["id"], day="2026-07-10")
    before = snapshot(store)
    with pytest.raises(UserError, match=words) as err:
        notices.post_notice(store, notice["id"], **options)
    assert err.value.field == field
    assert snapshot(store) == before


@pytest.mark.parametrize("options, end, days", [
    ({"days": 7}, "2026-07-09", 7),
    ({"days": 7, "working_days": True}, "2026-07-13", 7),  # Friday 3 July: the weekends do not count
    ({"end": "2026-07-03"}, "2026-07-03", 1),
    ({"end": "2026-07-12", "days": 99, "working_days": True}, "2026-07-12", 10),  # an end date wins
])
def test_the_end_of_the_posting_period(village, options, end, days):
    store = village.store
    notice = draft(store, issued_on="2026-07-03")
    notices.review_notice(store, notice["id"], reviewer_id=village.reviewer["id"], day="2026-07-02")
    notice = notices.post_notice(store, notice["id"], start="2026-07-03", **options)
    assert (notice["status"], notice["posted_on"], notice["posting_end"], notice["posting_days"]) == (
        "已张贴", "2026-07-03", end, days)
    assert notice["working_days"] == int(bool(options.get("working_days")) and "end" not in options)
    assert audits(store, "notices", "post") == 1


def test_expired_is_read_from_the_dates(village):
    notice = posted(village, start=date(2026, 7, 1), days=7)
    assert notices.display_status(notice, date(2026, 7, 7)) == "已张贴"
    assert notices.display_status(notice, date(2026, 7, 8)) == "公示期满"
    assert notice["status"] == "已张贴"  # never stored


def test_a_posted_notice_is_never_edited(village):
    store = village.store
    notice = posted(village)
    before = snapshot(store)
    with pytest.raises(UserError, match="已于 2026-07-01 张贴（公示期满），张贴后不能修改。如有错误，请新建更正公示"):
        notices.update_notice(store, notice["id"], title="改标题")
    with pytest.raises(UserError, match="张贴后不能修改"):
        notices.update_notice(store, notice["id"], table=None)
    with pytest.raises(UserError, match="张贴后不能修改"):
        notices.allow_full_numbers(store, notice["id"], approved_by="王主任")
    with pytest.raises(UserError, match="不能再张贴"):
        notices.post_notice(store, notice["id"])
    assert snapshot(store) == before


@pytest.mark.parametrize("sql", [
    "UPDATE notices SET title = '改' WHERE id = 1",
    "UPDATE notices SET posting_end = '2026-12-31' WHERE id = 1",
    "UPDATE notices SET full_numbers = 1, full_numbers_by = 'x', full_numbers_at = 'y' WHERE id = 1",
    "UPDATE notice_finance_lines SET amount_fen = 1 WHERE notice_id = 1",
    "DELETE FROM notice_finance_lines WHERE notice_id = 1",
    "INSERT INTO notice_finance_lines (uid, created_at, updated_at, notice_id, seq, side, item, amount_fen) "
    "VALUES ('u', 'now', 'now', 1, 9, '收入', '补记', 1)",
    "DELETE FROM notices WHERE id = 1",
])
def test_the_database_itself_keeps_a_posted_notice(village, sql):
    posted(village)
    with pytest.raises(sqlite3.IntegrityError):
        village.store.conn.execute(sql)


# --- archive and corrections -----------------------------------------------------------------------

def test_archive_after_the_period_and_the_objections(village, today):
    store = village.store
    notice = posted(village, start=date(2026, 7, 14), days=7)  # until the 20th: today
    with pytest.raises(UserError, match="到 2026-07-20 才结束，期满后才能归档"):
        notices.archive_notice(store, notice["id"])
    objection = notices.add_objection(store, notice["id"], raised_by="张三", content="租金偏低", received_on="2026-07-15")
    tomorrow = today + timedelta(days=1)
    with pytest.raises(UserError, match="还有 1 条异议没有答复"):
        notices.archive_notice(store, notice["id"], today=tomorrow)
    notices.reply_objection(store, objection["id"], reply="租金按合同执行，合同可查阅。", today=tomorrow)
    filed = notices.archive_notice(store, notice["id"], today=tomorrow)
    assert (filed["status"], filed["archived_on"], filed["posted_on"]) == ("已归档", "2026-07-21", "2026-07-14")
    with pytest.raises(UserError, match="已经归档了"):
        notices.archive_notice(store, notice["id"], today=tomorrow)


def test_a_draft_is_dropped_with_a_reason(village):
    store = village.store
    notice = draft(store)
    with pytest.raises(UserError, match="归档时请写明原因") as err:
        notices.archive_notice(store, notice["id"])
    assert err.value.field == "reason"
    dropped = notices.archive_notice(store, notice["id"], reason="内容有变，不再公示")
    assert (dropped["status"], dropped["archived_reason"], dropped["posted_on"]) == ("已归档", "内容有变，不再公示", None)
    with pytest.raises(UserError, match="不能修改"):
        notices.update_notice(store, notice["id"], title="改")


def test_a_correction_replaces_the_posted_notice_and_both_are_kept(village, today):
    store = village.store
    old = posted(village, start=date(2026, 7, 10), days=7)
    with pytest.raises(UserError, match="还没有张贴，直接修改即可"):
        notices.start_correction(store, draft(store)["id"])
    fix = notices.start_correction(store, old["id"])
    assert (fix["status"], fix["replaces_id"], fix["title"]) == ("草稿", old["id"], "（更正）2026年6月村级财务收支公开")
    assert notices.notice_table(store, fix["id"]) == notices.notice_table(store, old["id"])
    with pytest.raises(UserError, match=f"已有一份未张贴的更正公示（{fix['code']}）"):
        notices.start_correction(store, old["id"])
    notices.update_notice(store, fix["id"], table=finance((tables.INCOME, "租金", "1,200")))
    assert notices.get_notice(store, old["id"])["status"] == "已张贴"  # still on the board until replaced
    notices.review_notice(store, fix["id"], reviewer_id=village.reviewer["id"])
    notices.post_notice(store, fix["id"])
    replaced = notices.get_notice(store, old["id"])
    assert replaced["status"] == "已被替换" and replaced["title"] == old["title"]
    assert notices.notice_table(store, old["id"]).income_fen == 100000  # the old one's table is kept as posted
    assert audits(store, "notices", "replace") == 1
    with pytest.raises(UserError, match="已被更正公示替换，请更正最新的那一份"):
        notices.start_correction(store, old["id"])
    with pytest.raises(UserError, match="已经被替换了"):
        notices.archive_notice(store, old["id"])
    assert notices.start_correction(store, fix["id"])["replaces_id"] == fix["id"]


# --- full ID numbers ---------------------------------------------------------------------------------

def test_full_id_numbers_are_an_explicit_recorded_choice(village):
    store = village.store
    notice = draft(store, table=tables.recipient_list(store, [{"person_id": village.villagers[0]["id"], "amount": "1"}]))
    assert notices.full_numbers_line(notice) is None
    with pytest.raises(UserError, match="请填写批准") as err:
        notices.allow_full_numbers(store, notice["id"], approved_by=" ")
    assert err.value.field == "approved_by"
    allowed = notices.allow_full_numbers(store, notice["id"], approved_by="王主任")
    assert allowed["full_numbers"] == 1 and allowed["full_numbers_by"] == "王主任"
    assert allowed["full_numbers_at"].startswith(clock.today().isoformat())
    assert audits(store, "notices", "full-numbers") == 1
    line = notices.full_numbers_line(allowed)
    assert line.startswith("本公示按规定完整公开身份证号码（经 王主任 于 ") and line.endswith("批准）")
    withdrawn = notices.withdraw_full_numbers(store, notice["id"])
    assert (withdrawn["full_numbers"], withdrawn["full_numbers_by"]) == (0, None)


# --- objections -------------------------------------------------------------------------------------

def test_objections_only_within_the_posting_period(village):
    store = village.store
    notice = posted(village, start=date(2026, 7, 1), days=7)
    before = snapshot(store)
    for day in ("2026-06-30", "2026-07-08"):
        with pytest.raises(UserError, match="公示期内提出（2026-07-01 至 2026-07-07）") as err:
            notices.add_objection(store, notice["id"], raised_by="张三", content="有误", received_on=day)
        assert err.value.field == "received_on"
    with pytest.raises(UserError, match="还没有张贴"):
        notices.add_objection(store, draft(store)["id"], raised_by="张三", content="有误", received_on="2026-07-01")
    before = snapshot(store)
    with pytest.raises(UserError, match="请填写异议人"):
        notices.add_objection(store, notice["id"], raised_by="", content="有误", received_on="2026-07-01")
    with pytest.raises(UserError, match="请填写异议内容"):
        notices.add_objection(store, notice["id"], raised_by="匿名", content=" ", received_on="2026-07-07")
    assert snapshot(store) == before
    first = notices.add_objection(store, notice["id"], raised_by="匿名", content="第一天", received_on="2026-07-01")
    last = notices.add_objection(store, notice["id"], raised_by="匿名", content="最后一天", received_on="2026-07-07")
    assert (first["reply_due"], last["reply_due"]) == ("2026-07-11", "2026-07-17")


def test_an_objection_in_the_future_is_refused(village, today):
    notice = posted(village, start=today, days=7)
    with pytest.raises(UserError, match="收到日期不能晚于今天"):
        notices.add_objection(village.store, notice["id"], raised_by="张三", content="x", received_on="2026-07-21")


def test_the_reply_is_due_ten_days_after_receipt(village):
    store = village.store
    notice = posted(village, start=date(2026, 7, 1), days=7)
    objection = notices.add_objection(store, notice["id"], raised_by="张三", content="利息算错了",
                                      received_on="2026-07-02")
    assert objection["reply_due"] == "2026-07-12"
    on_the_day = notices.notice_objections(store, notice["id"], date(2026, 7, 12))[0]
    assert (on_the_day["overdue"], on_the_day["days_overdue"]) == (False, 0)
    assert notices.overdue_objections(store, date(2026, 7, 12)) == []
    late = notices.overdue_objections(store, date(2026, 7, 13))
    assert [(o["notice_code"], o["notice_title"], o["days_overdue"]) for o in late] == [
        ("GK0001", "2026年6月村级财务收支公开", 1)]
    with pytest.raises(UserError, match="不能早于收到异议的日期 2026-07-02"):
        notices.reply_objection(store, objection["id"], reply="已核对", replied_on="2026-07-01")
    with pytest.raises(UserError, match="请填写答复内容"):
        notices.reply_objection(store, objection["id"], reply="")
    notices.reply_objection(store, objection["id"], reply="经核对无误。", replied_by="周监委", replied_on="2026-07-13")
    answered = notices.notice_objections(store, notice["id"], date(2026, 7, 20))[0]
    assert (answered["overdue"], answered["answered_late"], answered["replied_by"]) == (False, True, "周监委")
    assert notices.overdue_objections(store, date(2026, 7, 20)) == []
    with pytest.raises(UserError, match="已于 2026-07-13 答复，答复不能修改"):
        notices.reply_objection(store, objection["id"], reply="再答一次")
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("UPDATE notice_objections SET reply = '改' WHERE id = ?", (objection["id"],))


def test_objections_to_a_filed_notice_are_refused(village, today):
    store = village.store
    notice = posted(village, start=date(2026, 7, 1), days=7)
    notices.archive_notice(store, notice["id"])
    with pytest.raises(UserError, match="已归档，不能再登记异议"):
        notices.add_objection(store, notice["id"], raised_by="张三", content="x", received_on="2026-07-03")


# --- the disclosure calendar -----------------------------------------------------------------------

def item(store, name="村级财务收支", category="财务公开", frequency=disclosure.MONTHLY, due_day=10):
    return notices.save_item(store, name=name, category=category, frequency=frequency, due_day=due_day)


def test_a_monthly_item_is_due_until_its_day_then_overdue_until_posted(village):
    store = village.store
    finances = item(store)
    on_the_day = notices.item_state(store, finances, date(2026, 7, 10))
    assert (on_the_day.state, on_the_day.deadline, on_the_day.days_left) == ("待公开", date(2026, 7, 10), 0)
    assert on_the_day.last_posted is None and on_the_day.schedule == "每月 10 日前"
    late = notices.item_state(store, finances, date(2026, 7, 11))
    assert (late.state, late.days_overdue) == ("已逾期", 1)
    june = posted(village, start=date(2026, 6, 30), item_id=finances["id"])  # last month's does not count
    assert notices.item_state(store, finances, date(2026, 7, 11)).state == "已逾期"
    july = posted(village, start=date(2026, 7, 14), item_id=finances["id"])
    state = notices.item_state(store, finances, date(2026, 7, 20))
    assert (state.state, state.last_posted, state.last_notice) == ("已公开", date(2026, 7, 14), july["code"])
    assert notices.item_state(store, finances, date(2026, 7, 13)).last_notice == june["code"]  # as it stood then
    assert notices.item_state(store, finances, date(2026, 8, 1)).state == "待公开"


def test_a_quarterly_item_on_the_20th_of_the_first_month(village):
    store = village.store
    affairs = item(store, "村务公开", "村务公开", disclosure.QUARTERLY, 20)
    assert notices.item_state(store, affairs, date(2026, 7, 20)).state == "待公开"
    august = notices.item_state(store, affairs, date(2026, 8, 5))
    assert (august.state, august.deadline, august.days_overdue, august.period.code) == (
        "已逾期", date(2026, 7, 20), 16, "2026-Q3")
    assert august.schedule == "每季度首月 20 日前"


def test_deadlines_without_a_day_or_past_a_months_end(village):
    store = village.store
    yearly = item(store, "低保名单", "惠民政策", disclosure.YEARLY, None)
    state = notices.item_state(store, yearly, date(2026, 7, 20))
    assert (state.state, state.deadline) == ("待公开", date(2026, 12, 31))
    month_end = item(store, "月底公开", "村务公开", disclosure.MONTHLY, 31)
    assert notices.item_state(store, month_end, date(2026, 2, 10)).deadline == date(2026, 2, 28)
    event = item(store, "工程项目", "工程项目", disclosure.ON_EVENT, None)
    state = notices.item_state(store, event, date(2026, 7, 20))
    assert (state.state, state.deadline, state.period) == ("事项发生时", None, None)
    assert [s.item["name"] for s in notices.calendar(store, date(2026, 7, 20))] == ["月底公开", "低保名单", "工程项目"]


@pytest.mark.parametrize("values, field, words", [
    ({"name": ""}, "name", "请填写公开事项名称"),
    ({"category": "通知"}, "category", "请选择公开类别"),
    ({"frequency": "每周"}, "frequency", "请选择公开频次"),
    ({"due_day": 32}, "due_day", "1 到 31"),
    ({"due_day": "二十"}, "due_day", "1 到 31"),
    ({"frequency": disclosure.ON_EVENT, "due_day": 5}, "due_day", "没有固定公开日"),
    ({"name": "村级财务收支"}, "name", "已有“村级财务收支”"),
])
def test_a_bad_calendar_item_is_refused(village, values, field, words):
    store = village.store
    item(store)
    before = snapshot(store)
    with pytest.raises(UserError, match=words) as err:
        notices.save_item(store, **{"name": "党务公开", "category": "党务公开", "frequency": disclosure.QUARTERLY,
                                    "due_day": 20, **values})
    assert err.value.field == field
    assert snapshot(store) == before


def test_an_item_taken_off_the_calendar(village):
    store = village.store
    gone = item(store)
    notices.archive_item(store, gone["id"])
    assert notices.calendar(store, TODAY) == [] and len(notices.items(store, include_archived=True)) == 1
    assert item(store)["name"] == "村级财务收支"  # the name is free again


# --- the notices list -------------------------------------------------------------------------------

def test_the_list_filters_by_stage_and_category_in_sql(village, today):
    store = village.store
    expired = posted(village, start=date(2026, 7, 1))
    on_board = posted(village, start=date(2026, 7, 18), category="村务公开", title="2026年第三季度村务公开")
    waiting = draft(store, category="党务公开", title="2026年第三季度党务公开", table=None)
    dropped = notices.archive_notice(store, draft(store, title="作废的草稿")["id"], reason="重复")
    listing = notices.notice_list(today)

    def codes(text="", **filters) -> list[str]:
        extra, params = notices.notice_filter(today=today, **filters)
        found = [r["code"] for r in listing.fetch(store, text, extra=extra, params=params, order="code")]
        assert listing.count(store, text, extra=extra, params=params) == len(found)
        return found

    assert codes(status="公示期满") == [expired["code"]]
    assert codes(status="已张贴") == [on_board["code"]]
    assert codes(status="草稿") == [waiting["code"]]
    assert codes(status="已归档") == [dropped["code"]]
    assert codes(status=notices.CURRENT) == [expired["code"], on_board["code"], waiting["code"]]
    assert codes(category="村务公开") == [on_board["code"]]
    assert codes(category="财务公开", status="公示期满") == [expired["code"]]
    assert codes("GK2") == codes("2") == [on_board["code"]]
    assert codes("党务") == [waiting["code"]]
    assert codes("2026-7") == [expired["code"], on_board["code"], waiting["code"], dropped["code"]]
    assert codes(period="2026-07", table_kind=notices.FINANCE) == [expired["code"], on_board["code"], dropped["code"]]
    assert codes(table_kind=notices.NO_TABLE) == [waiting["code"]]
    with pytest.raises(UserError, match="没有“已撤销”这个状态"):
        notices.notice_filter(status="已撤销")
    page = listing.fetch(store, descending=True, limit=2)
    assert [r["code"] for r in page] == [dropped["code"], waiting["code"]]  # newest first: dated today, then by number
    assert listing.fetch(store, descending=True, offset=2, limit=2)[0]["code"] == on_board["code"]
    row = next(r for r in listing.fetch(store) if r["code"] == expired["code"])
    assert (row["status"], row["rows"], row["posting_end"], row["reviewer"]) == ("公示期满", 2, "2026-07-07", "周监委")


def test_the_list_counts_objections_and_flags_overdue_ones(village, today):
    store = village.store
    notice = posted(village, start=date(2026, 7, 1))
    notices.add_objection(store, notice["id"], raised_by="张三", content="有误", received_on="2026-07-02")
    notices.add_objection(store, notice["id"], raised_by="李四", content="有误", received_on="2026-07-07")
    row = notices.notice_list(date(2026, 7, 13)).fetch(store)[0]  # the first was due on the 12th, the second the 17th
    assert (row["objections"], row["open_objections"], row["overdue_objections"]) == (2, 2, 1)
    assert notices.notice_list(today).fetch(store)[0]["overdue_objections"] == 2
    extra, params = notices.notice_filter(open_objections=True)
    assert notices.notice_list(today).count(store, extra=extra, params=params) == 1
    notices.add_objection(store, posted(village, start=today)["id"], raised_by="王五", content="有误")
    assert notices.notice_list(today).count(store, extra=extra, params=params) == 2


# --- drafts from other areas -----------------------------------------------------------------------

def test_a_ranking_becomes_a_draft_with_its_table(tmp_path, monkeypatch):
    from tests.documents.pdf.test_points import TODAY as POINTS_DAY
    from tests.documents.pdf.test_points import build_points
    from villagedesk.store import open_store

    clock.set(POINTS_DAY)
    with open_store(tmp_path / "points.sqlite3") as store:
        build_points(store)
        notice = notices.notice_from_ranking(store, "2026-q3")
        assert (notice["category"], notice["title"], notice["status"], notice["source"]) == (
            "村务公开", "2026年第三季度积分排名公示", "草稿", "ranking:2026-Q3")
        table = notices.notice_table(store, notice["id"])
        assert table.headers == ("名次", "户编号", "户主", "村民小组", "本期得分", "总分", "星级", "是否合格")
        assert table.rows[0] == ("1", "HH001", "张建国", "一组", "+50", "150", "五星", "合格")
        assert table.rows[-1][:5] == ("7", "HH007", "孙德胜", "三组", "-60")
        assert "全村共 7 户" in notice["body"]
        with pytest.raises(UserError, match="2026 年第一季度还没有已审核的积分"):
            notices.notice_from_ranking(store, "2026-Q1")


def test_a_decided_matter_becomes_a_draft_and_posting_it_posts_the_resolution(profiled_store, monkeypatch):
    from tests.core.meetings.test_minutes import TODAY as MEETINGS_DAY
    from tests.core.meetings.test_minutes import four_meetings, make_register

    clock.set(MEETINGS_DAY)
    store = profiled_store
    register = make_register(store)
    held = four_meetings(store, register)
    matter = matters.create_matter(store, title="杨家湾至大塘冲组级道路硬化", description="硬化道路 1.2 公里")
    for stage, meeting in enumerate(held[:2], 1):
        matters.link_stage(store, matter["id"], stage, meeting["id"])
    with pytest.raises(UserError, match="四议还没有完成（下一步：党员大会审议）"):
        notices.notice_from_matter(store, matter["id"])
    for stage, meeting in enumerate(held[2:], 3):
        matters.link_stage(store, matter["id"], stage, meeting["id"])
    notice = notices.notice_from_matter(store, matter["id"])
    assert (notice["category"], notice["title"], notice["source"]) == (
        "四议两公开", "关于杨家湾至大塘冲组级道路硬化的决议公开", f"matter:{matter['id']}")
    body = notice["body"]
    assert "事项内容：硬化道路 1.2 公里。" in body
    assert f"四、村民（代表）会议决议：2026年6月20日，村民代表会议：村道硬化（会议记录 {held[3]['code']}）。" in body
    assert "同意本屋场投工投劳修缮水渠（赞成 4 票" in body  # the decision meeting's resolution, with its vote
    reviewer = people.add_person(store, register["张建国"]["household_id"], name="监委甲", relation="子",
                                 birth_date="1980-01-01")
    term = committee.save_term(store, number=12, start_date="2026-03-01")
    committee.start_post(store, person_id=reviewer["id"], body=SUPERVISION, role="主任", term_id=term["id"],
                         start_date="2026-03-01")
    notices.review_notice(store, notice["id"], reviewer_id=reviewer["id"], day="2026-06-21")
    notices.post_notice(store, notice["id"], start="2026-06-22")
    assert records.get(store, "matters", matter["id"])["resolution_posted_on"] == "2026-06-22"


# --- working days by the State Council's calendar (docs/DOMAIN.md §4.2, §4.7) ------------------

def test_a_dibao_list_posted_before_guoqing_stays_up_seven_real_working_days(village):
    clock.set(date(2026, 10, 20))
    notice = posted(village, start=date(2026, 9, 30), days=7, working=True)
    # Monday to Friday would have ended it on 8 October, the 国庆 holidays counted as working days.
    assert (notice["posting_end"], notice["posting_days"], notice["working_days"]) == ("2026-10-14", 7, 1)


def test_working_days_into_a_year_without_a_calendar_are_refused_until_it_is_loaded(village, tmp_path):
    from villagedesk.core.common import workdays

    last = max(workdays.library_years())
    start = date(last, 12, 24)
    clock.set(start)
    notice = draft(village.store, issued_on=start)
    notices.review_notice(village.store, notice["id"], reviewer_id=village.reviewer["id"], day=start)
    before = snapshot(village.store)
    with pytest.raises(UserError, match=f"没有 {last + 1} 年的法定节假日和调休安排") as err:
        notices.post_notice(village.store, notice["id"], start=start, days=10, working_days=True)
    assert err.value.field == "days" and snapshot(village.store) == before
    # Calendar days need no calendar; nor does a period that ends within the known year.
    assert notices.post_notice(village.store, notice["id"], start=start, days=5, working_days=True)["posting_end"] \
        <= f"{last}-12-31"
    other = draft(village.store, issued_on=start)
    notices.review_notice(village.store, other["id"], reviewer_id=village.reviewer["id"], day=start)
    path = tmp_path / "日历.csv"
    path.write_text(f"日期,类型,名称\n{last + 1}-01-01,休,元旦\n{last + 1}-01-04,休,元旦\n", encoding="utf-8")
    workdays.load_calendar_file(village.store, path)
    posted_ = notices.post_notice(village.store, other["id"], start=start, days=10, working_days=True)
    assert date.fromisoformat(posted_["posting_end"]).year == last + 1
