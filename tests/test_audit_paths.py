"""Every change made through the program leaves an audit row with what the record was before and after.

One walk through each write path of core (people, committee, points, meetings,
requests, notices, the village profile, the township's import), on a real
SQLite file.  Around every step the whole database is compared row by row:
each record that appeared, changed or went away must be named by an audit row
of that step, and the audit's ``after`` must be the record as it now stands.

``walk`` is also how tools/make_schema_fixture.py fills the committed old-version
fixtures: records written by the program itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.factories import valid_id, valid_uscc
from villagedesk import clock
from villagedesk.core import notices
from villagedesk.core.accounts import accounts
from villagedesk.core.committee import roster as committee
from villagedesk.core.common import records, workdays
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.core.meetings import matters
from villagedesk.core.meetings import minutes as meetings
from villagedesk.core.notices import disclosure, tables
from villagedesk.core.points import ledger, rules, shop
from villagedesk.core.points.rules import Scheme
from villagedesk.core.register import people
from villagedesk.core.requests import ledger as ledger_of_requests
from villagedesk.core.township import keys
from villagedesk.core.township import merge as township
from villagedesk.store import Store, open_store

TODAY = date(2026, 8, 20)
# Tables whose rows are not the village's records: settings are keyed by name, the
# township's copies of village rows travel with the package's own audit (tw_packages.audit).
UNAUDITED = {"_sqlite_migrations", "audit", "tw_rows"}


@dataclass
class Step:
    label: str
    action: str
    table: str
    run: Callable[[dict], dict]  # the record written (with its uid)


def _steps() -> list[Step]:
    def S(label, action, table):
        def wrap(fn):
            found.append(Step(label, action, table, fn))
            return fn
        return wrap

    found: list[Step] = []

    @S("village profile", "insert", "village")
    def _(c):
        save_profile(c["store"], Profile("油溪桥村", valid_uscc(), "天门乡", "新化县", "李文书", "13812341234"))
        return c["store"].row("SELECT * FROM village")

    @S("village profile changed", "update", "village")
    def _(c):
        save_profile(c["store"], Profile("油溪桥村", valid_uscc(), "天门乡", "新化县", "李文书", "13812345678"))
        return c["store"].row("SELECT * FROM village")

    @S("household added", "insert", "households")
    def _(c):
        s = c["store"]
        for n, (head, group) in enumerate((("张大山", "第一组"), ("李秀英", "第一组"), ("王建国", "第二组"),
                                           ("刘桂兰", "第二组"), ("周监委", "第三组")), 1):
            c[f"h{n}"] = people.add_household(s, code=f"HH00{n}", group_name=group, address=f"油溪桥{n}号",
                                              phone=f"1390000{n:04d}")
            c[head] = people.add_person(s, c[f"h{n}"]["id"], name=head, relation="户主", gender="男" if n % 2 else "女",
                                        id_number=valid_id(date(1960 + n, n, 10), 100 + n), phone=f"1380000{n:04d}",
                                        political="中共党员" if n < 4 else "群众")
        return c["h1"]

    @S("person added", "insert", "persons")
    def _(c):
        c["spouse"] = people.add_person(c["store"], c["h1"]["id"], name="张妻", relation="配偶", gender="女",
                                        birth_date="1962-04-01", id_number=valid_id(date(1962, 4, 1), 202))
        return c["spouse"]

    @S("household changed", "update", "households")
    def _(c):
        return people.update_household(c["store"], c["h1"]["id"], address="油溪桥村一组 8 号")

    @S("person changed", "update", "persons")
    def _(c):
        return people.update_person(c["store"], c["spouse"]["id"], education="高中")

    @S("person moved", "move", "persons")
    def _(c):
        return people.move_person(c["store"], c["spouse"]["id"], c["h2"]["id"], "配偶")

    @S("person archived", "archive", "persons")
    def _(c):
        return people.archive_person(c["store"], c["spouse"]["id"], "迁出")

    @S("person restored", "restore", "persons")
    def _(c):
        return people.restore_person(c["store"], c["spouse"]["id"])

    @S("household archived", "archive", "households")
    def _(c):
        c["h6"] = people.add_household(c["store"], code="HH006", group_name="第三组")
        people.add_person(c["store"], c["h6"]["id"], name="孙八", relation="户主")
        return people.archive_household(c["store"], c["h6"]["id"], "全户迁出")

    @S("household restored", "restore", "households")
    def _(c):
        return people.restore_household(c["store"], c["h6"]["id"])

    @S("term", "insert", "terms")
    def _(c):
        c["term"] = committee.save_term(c["store"], number=12, start_date="2026-03-01", election_date="2026-02-20")
        return c["term"]

    @S("term changed", "update", "terms")
    def _(c):
        return committee.save_term(c["store"], number=12, start_date="2026-03-01", note="按期换届",
                                   term_id=c["term"]["id"])

    @S("post started", "insert", "posts")
    def _(c):
        s = c["store"]
        committee.start_post(s, person_id=c["张大山"]["id"], body=committee.PARTY, role="书记",
                             term_id=c["term"]["id"], start_date="2026-03-01")
        committee.start_post(s, person_id=c["张大山"]["id"], body=committee.VILLAGE, role="主任",
                             term_id=c["term"]["id"], start_date="2026-03-01")
        committee.start_post(s, person_id=c["周监委"]["id"], body=committee.SUPERVISION, role="主任",
                             term_id=c["term"]["id"], start_date="2026-03-01")
        c["post"] = committee.start_post(s, person_id=c["王建国"]["id"], body=committee.VILLAGE, role="委员",
                                         term_id=c["term"]["id"], start_date="2026-03-01")
        return c["post"]

    @S("post ended", "end", "posts")
    def _(c):
        return committee.end_post(c["store"], c["post"]["id"], end_date="2026-07-31", reason="辞职")

    @S("training", "insert", "trainings")
    def _(c):
        return committee.add_training(c["store"], day="2026-04-10", topic="村级财务管理", hours=4,
                                      organiser="天门乡党委", attendee_ids=[c["张大山"]["id"], c["王建国"]["id"]])

    @S("appraisal", "insert", "appraisals")
    def _(c):
        return committee.set_appraisal(c["store"], person_id=c["张大山"]["id"], year=2026, result="优秀")

    @S("points scheme", "insert", "point_scheme")
    def _(c):
        rules.save_scheme(c["store"], Scheme())
        return c["store"].row("SELECT * FROM point_scheme")

    @S("black board turned off", "update", "point_scheme")
    def _(c):
        rules.save_scheme(c["store"], Scheme(black_board=False))
        return c["store"].row("SELECT * FROM point_scheme")

    @S("holiday calendar loaded", "insert", "holiday_calendars")
    def _(c):
        path = Path(c["store"].path).parent / "2027年节假日.csv"
        path.write_text("日期,类型,名称\n2027-01-01,休,元旦\n", encoding="utf-8")
        workdays.load_calendar_file(c["store"], path)
        return c["store"].row("SELECT * FROM holiday_calendars WHERE year = 2027")

    @S("holiday calendar reloaded", "load-calendar", "holiday_calendars")
    def _(c):
        path = Path(c["store"].path).parent / "2027年节假日.csv"
        path.write_text("日期,类型,名称\n2027-01-01,休,元旦\n2027-02-06,休,春节\n", encoding="utf-8")
        workdays.load_calendar_file(c["store"], path)
        return c["store"].row("SELECT * FROM holiday_calendars WHERE year = 2027")

    @S("default catalogue", "insert", "point_rules")
    def _(c):
        rules.install_default_catalogue(c["store"], date(2026, 1, 1))
        return c["store"].row("SELECT * FROM point_rules ORDER BY id LIMIT 1")

    @S("rule added", "insert", "point_rules")
    def _(c):
        c["rule"] = rules.add_rule(c["store"], valid_from="2026-01-01", category="公益参与", item="护林巡山",
                                   points=3, unit="每次", cap_per_period=None)
        return c["rule"]

    @S("rule revised", "insert", "point_rules")
    def _(c):
        c["rule"] = rules.revise_rule(c["store"], c["rule"]["id"], valid_from="2026-04-01", category="公益参与",
                                      item="护林巡山", points=4, unit="每次", cap_per_period=None)
        return c["rule"]

    @S("rule retired", "retire", "point_rules")
    def _(c):
        extra = rules.add_rule(c["store"], valid_from="2026-01-01", category="其他", item="临时事项", points=1,
                               unit="每次", cap_per_period=None)
        return rules.retire_rule(c["store"], extra["id"], last_day="2026-06-30")

    @S("points recorded", "insert", "point_entries")
    def _(c):
        s = c["store"]
        c["entries"] = [ledger.record_entry(s, household_id=c[f"h{n}"]["id"], rule_id=c["rule"]["id"],
                                            day=date(2026, 5, 10 + n), note="护林") for n in (1, 2, 3)]
        return c["entries"][0]

    @S("points approved", "approve", "point_entries")
    def _(c):
        ledger.approve(c["store"], [e["id"] for e in c["entries"][:2]], "周监委", date(2026, 5, 20))
        return records.get(c["store"], "point_entries", c["entries"][0]["id"])

    @S("points rejected", "reject", "point_entries")
    def _(c):
        ledger.reject(c["store"], [c["entries"][2]["id"]], "周监委", "无照片", date(2026, 5, 20))
        return records.get(c["store"], "point_entries", c["entries"][2]["id"])

    @S("points reversed", "insert", "point_entries")
    def _(c):
        c["reversal"] = ledger.reverse(c["store"], c["entries"][1]["id"], "记错户")
        return c["reversal"]

    @S("period posted", "insert", "point_periods")
    def _(c):
        ledger.approve(c["store"], [c["reversal"]["id"]], "周监委", date(2026, 5, 21))
        return ledger.post_period(c["store"], "2026-Q2", date(2026, 7, 2))

    @S("points objection", "insert", "point_objections")
    def _(c):
        c["objection"] = ledger.raise_objection(c["store"], entry_id=c["entries"][0]["id"], raised_by="李秀英",
                                                content="不应加分", day=date(2026, 7, 3))
        return c["objection"]

    @S("points objection resolved", "resolve", "point_objections")
    def _(c):
        return ledger.resolve_objection(c["store"], c["objection"]["id"], upheld=False, resolution="有照片为证",
                                        day=date(2026, 7, 5))

    @S("period locked", "lock", "point_periods")
    def _(c):
        return ledger.lock_period(c["store"], "2026-Q2", date(2026, 7, 12))

    @S("period unlocked", "unlock", "point_periods")
    def _(c):
        return ledger.unlock_period(c["store"], "2026-Q2", "补录一笔")

    @S("goods", "insert", "shop_goods")
    def _(c):
        c["goods"] = shop.add_goods(c["store"], name="食用油", price=2, stock=10)
        return c["goods"]

    @S("goods restocked", "restock", "shop_goods")
    def _(c):
        return shop.restock(c["store"], c["goods"]["id"], 5)

    @S("redeemed", "insert", "redemptions")
    def _(c):
        return shop.redeem(c["store"], household_id=c["h1"]["id"], goods_id=c["goods"]["id"], quantity=1,
                           day=date(2026, 6, 30))

    @S("meeting", "insert", "meetings")
    def _(c):
        s = c["store"]
        c["meeting"] = meetings.create_meeting(s, kind="屋场会", title="杨家湾屋场会", meeting_date="2026-07-10",
                                               start_time="19:30", end_time="21:00", place="张大山家院坝",
                                               chair_id=c["张大山"]["id"], recorder_id=c["王建国"]["id"])
        return c["meeting"]

    @S("attendance", "insert", "meeting_people")
    def _(c):
        meetings.set_attendance(c["store"], c["meeting"]["id"], present=[c["李秀英"]["id"], c["刘桂兰"]["id"]],
                                absent={c["周监委"]["id"]: "外出"}, guests=[("袁志刚", "天门乡驻村干部")])
        return c["store"].row("SELECT * FROM meeting_people ORDER BY id DESC LIMIT 1")

    @S("agenda", "insert", "meeting_agenda")
    def _(c):
        c["agenda"] = meetings.save_agenda_item(c["store"], c["meeting"]["id"], topic="修缮水渠",
                                                discussion="大家同意投工投劳。")
        c["spare"] = meetings.save_agenda_item(c["store"], c["meeting"]["id"], topic="临时议题")
        return c["agenda"]

    @S("agenda item removed", "delete", "meeting_agenda")
    def _(c):
        meetings.remove_agenda_item(c["store"], c["spare"]["id"])
        return c["spare"]

    @S("resolution", "insert", "meeting_resolutions")
    def _(c):
        return meetings.save_resolution(c["store"], c["meeting"]["id"], text="同意投工投劳修缮水渠",
                                        votes=(3, 0, 0), agenda_id=c["agenda"]["id"])

    @S("meeting finalised", "finalise", "meetings")
    def _(c):
        return meetings.finalise_meeting(c["store"], c["meeting"]["id"])

    @S("meeting amended", "insert", "meeting_amendments")
    def _(c):
        return meetings.amend_meeting(c["store"], c["meeting"]["id"], author="王建国", reason="笔误",
                                      text="更正一处地名。", day="2026-07-12")

    @S("matter", "insert", "matters")
    def _(c):
        c["matter"] = matters.create_matter(c["store"], title="组级道路硬化", description="杨家湾至大塘冲")
        return c["matter"]

    @S("matter changed", "update", "matters")
    def _(c):
        return matters.update_matter(c["store"], c["matter"]["id"], title="组级道路硬化工程",
                                     description="杨家湾至大塘冲")

    @S("matter linked", "link", "matters")
    def _(c):
        branch = meetings.create_meeting(c["store"], kind="支委会", title="支部提议道路硬化",
                                         meeting_date="2026-07-01", chair_id=c["张大山"]["id"],
                                         recorder_id=c["王建国"]["id"])
        meetings.set_attendance(c["store"], branch["id"], present=[c["张大山"]["id"], c["王建国"]["id"], c["李秀英"]["id"]])
        meetings.save_agenda_item(c["store"], branch["id"], topic="提议道路硬化")
        meetings.finalise_meeting(c["store"], branch["id"])
        return matters.link_stage(c["store"], c["matter"]["id"], 1, branch["id"])

    @S("request", "insert", "requests")
    def _(c):
        c["request"] = ledger_of_requests.raise_request(
            c["store"], raised_on="2026-07-10", raised_by_id=c["李秀英"]["id"], meeting_id=c["meeting"]["id"],
            category="基础设施", content="路灯坏了", handling=ledger_of_requests.WITH_DEADLINE,
            owner_id=c["王建国"]["id"], deadline="2026-08-10")
        return c["request"]

    @S("request changed", "update", "requests")
    def _(c):
        return ledger_of_requests.update_request(c["store"], c["request"]["id"], content="村口路灯坏了")

    @S("request started", "start", "requests")
    def _(c):
        return ledger_of_requests.start_request(c["store"], c["request"]["id"], day="2026-07-12")

    @S("request closed", "close", "requests")
    def _(c):
        return ledger_of_requests.close_request(c["store"], c["request"]["id"], result="已换灯泡",
                                                feedback_on="2026-07-20", feedback_how="上门告知",
                                                satisfaction=ledger_of_requests.SATISFIED)

    @S("request reopened", "reopen", "requests")
    def _(c):
        return ledger_of_requests.reopen_request(c["store"], c["request"]["id"], reason="又坏了", day="2026-07-25")

    @S("request referred", "refer", "requests")
    def _(c):
        return ledger_of_requests.refer_request(c["store"], c["request"]["id"], department="天门乡供电所",
                                                deadline="2026-08-30", day="2026-07-26")

    @S("disclosure item", "insert", "disclosure_items")
    def _(c):
        c["item"] = disclosure.save_item(c["store"], name="村级财务收支", category="财务公开",
                                         frequency=disclosure.MONTHLY, due_day=10)
        return c["item"]

    @S("disclosure item archived", "archive", "disclosure_items")
    def _(c):
        other = disclosure.save_item(c["store"], name="工程项目", category="工程项目", frequency=disclosure.ON_EVENT)
        return disclosure.archive_item(c["store"], other["id"])

    @S("notice drafted", "insert", "notices")
    def _(c):
        c["notice"] = notices.create_notice(
            c["store"], category="财务公开", title="2026年7月村级财务收支公开", body="现将收支情况公开如下。",
            issued_on="2026-08-01", item_id=c["item"]["id"],
            table=tables.finance_statement([(tables.INCOME, "租金", "1,000"), (tables.EXPENSE, "办公费", "250.50")]))
        return c["notice"]

    @S("notice changed", "update", "notices")
    def _(c):
        return notices.update_notice(c["store"], c["notice"]["id"], title="2026年7月财务收支公开")

    @S("notice reviewed", "review", "notices")
    def _(c):
        return notices.review_notice(c["store"], c["notice"]["id"], reviewer_id=c["周监委"]["id"], day="2026-08-02")

    @S("notice posted", "post", "notices")
    def _(c):
        return notices.post_notice(c["store"], c["notice"]["id"], start="2026-08-03", days=10)

    @S("notice objection", "insert", "notice_objections")
    def _(c):
        c["n_objection"] = notices.add_objection(c["store"], c["notice"]["id"], raised_by="刘桂兰",
                                                 content="办公费偏高", received_on="2026-08-05")
        return c["n_objection"]

    @S("notice objection answered", "reply", "notice_objections")
    def _(c):
        return notices.reply_objection(c["store"], c["n_objection"]["id"], reply="按票据列支。", replied_by="周监委",
                                       replied_on="2026-08-08")

    @S("recipient list", "insert", "notice_recipients")
    def _(c):
        s = c["store"]
        listed = notices.create_notice(s, category="惠民政策", title="2026年低保名单", issued_on="2026-08-01",
                                       table=tables.recipient_list(s, [
                                           {"person_id": c["刘桂兰"]["id"], "amount": "300", "reason": "因病"},
                                           {"name": "外来户", "group_name": "第三组",
                                            "id_number": valid_id(date(1980, 1, 1), 303), "amount": "200",
                                            "reason": "残疾"}]))
        c["listed"] = listed
        return s.row("SELECT * FROM notice_recipients WHERE notice_id = ? ORDER BY seq LIMIT 1", (listed["id"],))

    @S("free table", "insert", "notice_free_rows")
    def _(c):
        s = c["store"]
        free = notices.create_notice(s, category="村务公开", title="评比结果", issued_on="2026-08-01",
                                     table=tables.free_table(["户", "结果"], [["张大山", "文明户"], ["李秀英", "文明户"]]))
        return s.row("SELECT * FROM notice_free_rows WHERE notice_id = ? ORDER BY seq LIMIT 1", (free["id"],))

    @S("full numbers allowed", "full-numbers", "notices")
    def _(c):
        return notices.allow_full_numbers(c["store"], c["listed"]["id"], approved_by="周监委")

    @S("notice archived", "archive", "notices")
    def _(c):
        return notices.archive_notice(c["store"], c["listed"]["id"], reason="未张贴，作废")

    def township_card(c, name: str):
        # A township of its own beside the walked file: its card is what the village takes.
        with open_store(c["store"].path.with_name(f"{c['store'].path.stem}-{name}.sqlite3")) as made:
            save_profile(made, Profile(name, valid_uscc(), name, "新化县", "王干事", "07381234567"))
            township.set_township(made, True)
            card, signature = keys.township_card(made)
        return card, card.to_json(signature)

    @S("township joined", "insert", "township_cards")
    def _(c):
        keys.join_township(c["store"], *township_card(c, "桑梓镇"))
        return c["store"].row("SELECT * FROM township_cards")

    @S("township changed", "replace-township", "township_cards")
    def _(c):
        first = c["store"].row("SELECT * FROM township_cards")
        keys.join_township(c["store"], *township_card(c, "天门乡"), replace=True)
        return c["store"].row("SELECT * FROM township_cards WHERE id = ?", (first["id"],))

    @S("first account written (core.accounts.setup, before it encrypts the file)", "insert", "accounts")
    def _(c):
        # The other account changes need an encrypted file: tests/core/accounts checks their audit rows.
        s = c["store"]
        person = s.scalar("SELECT id FROM persons ORDER BY id LIMIT 1")
        accounts.insert_account(s, accounts.checked_new_account(s, "zhuren", "张大山", "head", None, person))
        return s.row("SELECT * FROM accounts WHERE login = 'zhuren'")

    return found


WALK = _steps()


@contextmanager
def program_day(day: date = TODAY) -> Iterator[None]:
    """The program's today fixed: the walk's dates stay valid whenever it runs."""
    with clock.fixed(day):
        yield


def walk(store: Store, check: Callable[[Step, dict], None] | None = None) -> dict:
    """Run every step on ``store``; ``check(step, record)`` after each.  Returns what the steps made."""
    made: dict = {"store": store}
    with program_day():
        for step in WALK:
            record = step.run(made)
            if check is not None:
                check(step, record)
    return made


# --- the test -------------------------------------------------------------------------

def _record_tables(store: Store) -> list[str]:
    names = [r["name"] for r in store.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return [n for n in names if n not in UNAUDITED and
            "uid" in {c["name"] for c in store.rows(f"PRAGMA table_info([{n}])")}]


def _snapshot(store: Store, tables_: list[str]) -> dict[tuple[str, str], dict]:
    return {(t, row["uid"]): row for t in tables_ for row in store.rows(f"SELECT * FROM [{t}]")}


@pytest.mark.slow
def test_every_write_path_leaves_its_audit_row_with_before_and_after(db_path):
    with open_store(db_path) as store:
        tables_ = _record_tables(store)
        state = {"before": _snapshot(store, tables_), "audit": 0}
        seen: set[tuple[str, str]] = set()

        def check(step: Step, record: dict) -> None:
            now = _snapshot(store, tables_)
            rows = store.rows("SELECT * FROM audit WHERE id > ? ORDER BY id", (state["audit"],))
            audited = {(r["table_name"], r["record_uid"]): r for r in rows}  # the last row of each record
            changed = {key for key in now.keys() | state["before"].keys() if now.get(key) != state["before"].get(key)}
            assert changed, f"{step.label}: nothing was written"
            assert changed <= audited.keys(), f"{step.label}: changed without an audit row: {changed - audited.keys()}"
            mine = audited.get((step.table, record["uid"]))
            assert mine is not None, f"{step.label}: no audit row for {step.table} {record['uid']}"
            assert mine["action"] == step.action or any(
                r["action"] == step.action and r["record_uid"] == record["uid"] for r in rows), step.label
            # The profile names the clerk; from then on every row is theirs.
            assert mine["at"] and mine["actor"] == ("clerk" if step is WALK[0] else "李文书"), step.label
            for (table, uid), row in audited.items():
                if table not in tables_:
                    continue
                before, after = (json.loads(row[k]) if row[k] else None for k in ("before", "after"))
                first = next(r for r in rows if (r["table_name"], r["record_uid"]) == (table, uid))
                was = json.loads(first["before"]) if first["before"] else None
                assert was == (None if first["before"] is None else {k: state["before"][(table, uid)][k]
                                                                     for k in was}), f"{step.label}: {table} before"
                if after is None:
                    assert (table, uid) not in now, f"{step.label}: {table} deleted but still there"
                else:
                    assert {k: now[(table, uid)][k] for k in after} == after, f"{step.label}: {table} after"
                    assert row["action"] == "insert" or before is not None, f"{step.label}: {table} no before"
            seen.update(changed)
            state["before"], state["audit"] = now, store.scalar("SELECT max(id) FROM audit")

        made = walk(store, check)
        # Every table of a village's records was written at least once on the way.
        # (A township's county tables are written only in a township: tests/core/township/test_county.py.)
        village_tables = {t for t in tables_ if not t.startswith(("tw_", "county_")) and t != "packages"}
        assert village_tables <= {t for t, _ in seen}, village_tables - {t for t, _ in seen}
        assert store.scalar("SELECT count(*) FROM audit WHERE before IS NULL AND after IS NULL") == 0
        del made


@pytest.mark.slow
def test_the_township_records_its_import_and_its_mode(tmp_path, township_db, stick):
    from villagedesk.documents.package.importer import import_package
    from villagedesk.documents.package.writer import write_package

    village = tmp_path / "walked.sqlite3"
    with open_store(village) as store:
        walk(store)
        with open_store(township_db, write=False) as officer:  # the walk joined a township of its own
            card, signature = keys.township_card(officer)
        keys.join_township(store, card, card.to_json(signature), replace=True)
        package = write_package(store, stick)
    with open_store(township_db) as store:
        assert store.row("SELECT action, table_name, record_uid, after FROM audit WHERE action = 'set-mode'") == {
            "action": "set-mode", "table_name": "settings", "record_uid": township.MODE_KEY,
            "after": json.dumps({"mode": township.TOWNSHIP})}
        before = store.scalar("SELECT max(id) FROM audit")
        import_package(store, package, accept_new_village=True)  # its key pinned, as the officer confirms
        rows = store.rows("SELECT * FROM audit WHERE id > ?", (before,))
        taken = store.row("SELECT uid FROM tw_packages")
        villages = store.row("SELECT uid FROM tw_villages")
        assert {(r["action"], r["table_name"], r["record_uid"]) for r in rows} >= {
            ("insert", "tw_villages", villages["uid"]), ("insert", "tw_packages", taken["uid"])}
        # The village's own history came whole with the package, not as township audit rows.
        assert len(list(township.package_changes(store, township.villages(store)[0]["code"], 1))) > 50


def fixture_village(path: Path) -> dict:
    """A village written by the walk, for tools/make_schema_fixture.py."""
    with open_store(path) as store:
        made = walk(store)
        made.pop("store")
    return made
