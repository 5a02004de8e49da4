"""The demo village's notice board: written through core.notices, every stage on the demo's today."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from villagedesk.core import notices
from villagedesk.core.common import periods
from villagedesk.core.meetings import minutes as meetings
from villagedesk.core.notices import lifecycle
from villagedesk.demo import village as demo
from villagedesk.documents.pdf.notice import print_notice
from villagedesk.store import open_store

# Every test reads one small demo village, built once for the module.
pytestmark = pytest.mark.slow

TODAY = date(2026, 6, 30)  # a Tuesday; as in test_demo
NOTICE_TABLES = ("notices", "notice_free_rows", "notice_finance_lines", "notice_recipients", "notice_objections",
                 "disclosure_items")


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    """The small demo, and which steps ran."""
    ran: list[str] = []

    def noted(step):
        def run(d):
            step.run(d)
            ran.append(step.name)
        return replace(step, run=run)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(demo, "STEPS", [noted(step) for step in demo.STEPS])
        with open_store(tmp_path_factory.mktemp("notices-demo") / "demo.sqlite3") as store:
            counts = demo.build_demo(store, size="small", seed=1, today=TODAY)
            yield store, counts, ran


def all_notices(store) -> list[dict]:
    return [notices.get_notice(store, r["id"]) for r in store.rows("SELECT id FROM notices ORDER BY id")]


def test_the_step_runs_and_is_counted(village):
    store, counts, ran = village
    assert "notices" in ran  # its time is in the demo benchmark
    assert counts["notices"] == store.scalar("SELECT count(*) FROM notices") > 60
    assert counts["notice_objections"] == store.scalar("SELECT count(*) FROM notice_objections") >= 4
    assert counts["disclosure_items"] == len(notices.items(store)) == 6


def test_every_stage_is_on_the_board_today(village):
    store, _, _ = village
    stages = Counter(notices.display_status(n, TODAY) for n in all_notices(store))
    assert set(stages) == set(notices.STATUSES)
    assert stages["已归档"] > 50 and stages["已被替换"] == 1
    categories = {n["category"] for n in all_notices(store)}
    assert categories == set(notices.CATEGORIES)


def test_a_finance_statement_for_every_month_each_opening_the_last_closing(village):
    store, _, _ = village
    statements = [n for n in all_notices(store) if n["table_kind"] == notices.FINANCE]
    months = [periods.of(date.fromisoformat(n["posted_on"]) - timedelta(days=15), "month").code for n in statements]
    first = periods.of(TODAY.replace(year=TODAY.year - 3, day=1), "month")
    expected, month = [], first
    while month.end < periods.of(TODAY, "month").start - timedelta(days=1):
        expected.append(month.code)
        month = periods.of(month.end + timedelta(days=1), "month")
    assert months == expected  # every month up to the last but one; last month's is late
    tables = [notices.notice_table(store, n["id"]) for n in statements]
    for before, after in zip(tables, tables[1:]):
        assert after.opening_fen == before.closing_fen
    assert all(t.closing_fen > 0 for t in tables) and all(len(t.lines) >= 5 for t in tables)


def test_every_review_by_a_supervision_member_in_office_that_day(village):
    store, _, _ = village
    reviewed = [n for n in all_notices(store) if n["reviewed_on"]]
    assert len(reviewed) > 60
    for n in reviewed:
        serving = {m["person_id"] for m in lifecycle.reviewers(store, date.fromisoformat(n["reviewed_on"]))}
        assert n["reviewer_id"] in serving, n["code"]
        assert n["reviewed_on"] <= (n["posted_on"] or "9999")


def test_objections_answered_open_and_overdue(village):
    store, _, _ = village
    overdue = notices.overdue_objections(store, TODAY)
    assert len(overdue) == 1 and overdue[0]["notice_title"].endswith("竣工验收公示")
    waiting = store.rows("SELECT * FROM notice_objections WHERE replied_on IS NULL AND reply_due >= ?",
                         (TODAY.isoformat(),))
    assert len(waiting) == 1
    answered = store.rows("SELECT * FROM notice_objections WHERE replied_on IS NOT NULL")
    assert answered and all(r["replied_on"] <= r["reply_due"] for r in answered)


def test_the_calendar_shows_what_is_done_and_what_is_late(village):
    store, _, _ = village
    states = {s.item["name"]: s for s in notices.calendar(store, TODAY)}
    assert states["村级财务收支"].state == "已逾期"  # June's statement was due on the 10th
    assert states["党务公开"].state == "已逾期" and states["村务公开（常规事项）"].state == "已公开"
    assert states["最低生活保障对象名单"].state == "已公开"
    assert states["四议两公开决议及实施结果"].last_posted is not None


def test_the_dibao_list_is_corrected_and_prints_masked(village, tmp_path):
    store, _, _ = village
    lists = [n for n in all_notices(store) if n["table_kind"] == notices.RECIPIENTS]
    replaced = [n for n in lists if n["status"] == "已被替换"]
    assert len(replaced) == 1
    correction = next(n for n in lists if n["replaces_id"] == replaced[0]["id"])
    old, new = (notices.notice_table(store, n["id"]) for n in (replaced[0], correction))
    assert new.recipients == old.recipients[1:] and all(r.person_id for r in new.recipients)
    text = "".join(p.extract_text() for p in PdfReader(print_notice(store, tmp_path / "低保.pdf", lists[-1]["code"],
                                                                     today=TODAY)).pages)
    numbers = [r.id_number for r in notices.notice_table(store, lists[-1]["id"]).recipients if r.id_number]
    assert numbers and not any(n in text for n in numbers) and not re.search(r"\d{15,}", text)


def test_the_matter_and_the_ranking_became_notices(village):
    store, _, _ = village
    (matter_notice,) = [n for n in all_notices(store) if n["category"] == "四议两公开"]
    matter = store.row("SELECT * FROM matters WHERE id = ?", (int(matter_notice["source"].split(":")[1]),))
    assert matter_notice["posted_on"] == matter["resolution_posted_on"]
    decision = meetings.minutes(store, matter["decision_meeting_id"])
    assert any(r.row["text"] in matter_notice["body"] for r in decision.resolutions if r.verdict.passed)
    (ranking,) = [n for n in all_notices(store) if n["source"].startswith("ranking:")]
    assert len(notices.notice_table(store, ranking["id"]).rows) == 300


def test_every_row_written_through_the_program_is_audited(village):
    store, _, _ = village
    for table in NOTICE_TABLES:
        # A draft's rows that were edited away are deleted with an audit row each.
        written = store.scalar("SELECT sum(action = 'insert') - sum(action = 'delete') FROM audit "
                               "WHERE table_name = ?", (table,))
        assert written == store.scalar(f"SELECT count(*) FROM {table}"), table
    actions = dict(store.conn.execute("SELECT action, count(*) FROM audit WHERE table_name = 'notices' "
                                      "AND action != 'insert' GROUP BY action"))
    posted = store.scalar("SELECT count(*) FROM notices WHERE posted_on IS NOT NULL")
    assert actions["post"] == posted and actions["review"] == posted + 1 and actions["replace"] == 1
