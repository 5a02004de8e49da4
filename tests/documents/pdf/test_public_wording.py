"""One way of saying the same fact on every public printout (issue 19): dates in Chinese, one
公示期 rule printed with its length on the board and on the notice, the 落款 dated the day of
posting, 特此公示 / 特此通知, the 黑榜 by the village's rule; and numbers written in groups masked."""

from __future__ import annotations

import re
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.core.notices.test_notices import build_village, draft, posted
from tests.documents.pdf.test_points import Q3, TODAY, build_points
from villagedesk import clock
from villagedesk.core import notices
from villagedesk.core.notices import posting, tables
from villagedesk.core.points import rules
from villagedesk.documents.excel.notice_table import export_notice_table
from villagedesk.documents.pdf.notice import print_notice
from villagedesk.documents.pdf.ranking import print_ranking
from villagedesk.documents.pdf.statement import print_statement


def text_of(path) -> str:
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.fixture
def scored(store):
    clock.set(TODAY)
    build_points(store)  # Q3 posted on 2026-10-08
    return store


@pytest.fixture
def village(profiled_store):
    clock.set(date(2026, 10, 20))
    return build_village(profiled_store)


# --- the board and the notice of the same posting --------------------------------------------

def test_the_q3_board_and_its_notice_read_the_same_period(scored, tmp_path):
    board = text_of(print_ranking(scored, tmp_path / "榜.pdf", Q3))
    assert "公示期：2026年10月8日至2026年10月14日（共7天）" in board
    assert "2026-10-08" not in board and "2026-10-15" not in board
    # The board's 落款 is the day it went up, not the day it was printed (2026-10-20).
    signed = board[board.index("村民委员会（盖章）"):board.rindex("打印日期")]
    assert signed == "村民委员会（盖章）2026年10月8日"

    notice = notices.notice_from_ranking(scored, Q3)
    reviewer = scored.scalar("SELECT id FROM persons LIMIT 1")
    scored.conn.execute("UPDATE notices SET status = ?, reviewer_id = ?, reviewer = '王审核', reviewed_on = "
                        "'2026-10-08', posted_on = '2026-10-08', posting_days = 7, posting_end = ? WHERE id = ?",
                        (notices.POSTED, reviewer, posting.posting_end(date(2026, 10, 8), 7).isoformat(),
                         notice["id"]))
    poster = text_of(print_notice(scored, tmp_path / "公示.pdf", notice["code"]))
    assert "公示期：2026年10月8日至2026年10月14日（共7天）" in poster


def test_a_board_not_yet_posted_leaves_the_date_to_write_in(scored, tmp_path):
    text = text_of(print_ranking(scored, tmp_path / "q4.pdf", "2026-Q4"))
    assert text[text.index("村民委员会（盖章）"):text.rindex("打印日期")] == "村民委员会（盖章）年月日"


# --- the notice ------------------------------------------------------------------------------

def test_a_notice_is_signed_on_its_posting_day_and_closes_with_te_ci_gong_shi(village, tmp_path):
    notice = draft(village.store, issued_on=date(2026, 6, 28))
    notices.review_notice(village.store, notice["id"], reviewer_id=village.reviewer["id"], day=date(2026, 7, 3))
    notice = notices.post_notice(village.store, notice["id"], start=date(2026, 7, 3), days=7)
    text = text_of(print_notice(village.store, tmp_path / "n.pdf", notice["code"]))
    assert "公示期：2026年7月3日至2026年7月9日（共7天）" in text
    assert "特此公示。" in text and text.index("特此公示。") > text.index("10日内答复")
    seal = text[text.index("负责人（签字）："):text.index("村务监督委员会（盖章）")]
    assert "2026年7月3日" in seal and "2026年6月28日" not in text


def test_a_working_day_notice_prints_its_length_in_working_days(village, tmp_path):
    notice = posted(village, start=date(2026, 9, 30), days=7, working=True)
    assert notice["posting_end"] == "2026-10-14"  # 国庆 skipped, Saturday 10 October worked
    text = text_of(print_notice(village.store, tmp_path / "n.pdf", notice["code"]))
    assert "公示期：2026年9月30日至2026年10月14日（共7个工作日）" in text


def test_a_notification_has_no_posting_period_and_no_objection_block(village, tmp_path):
    notice = posted(village, category="其他", title="关于召开村民代表会议的通知", body="定于7月10日召开村民代表会议。",
                    table=None)
    text = text_of(print_notice(village.store, tmp_path / "通知.pdf", notice["code"]))
    assert "特此通知。" in text and "特此公示" not in text
    assert "公示期" not in text and "异议" not in text
    assert "2026年7月1日" in text  # still signed on the day it went up


def test_a_draft_leaves_the_signing_date_blank(village, tmp_path):
    notice = notices.create_notice(village.store, category="村务公开", title="测试公示", body="正文。",
                                   issued_on=date(2026, 6, 1))
    text = text_of(print_notice(village.store, tmp_path / "d.pdf", notice["code"]))
    assert "2026年6月1日" not in text and "公示期：年月日至年月日（共天）" in text


# --- numbers written in groups ----------------------------------------------------------------

GROUPED = "431322 19700101 1234", "4313-2219-7001-0112-3X", "138 0013 8000", "139-0013-9000"


def _with_grouped_numbers(village) -> dict:
    table = tables.free_table(["姓名", "身份证号", "电话"], [["张三", GROUPED[0], GROUPED[2]],
                                                        ["李四", GROUPED[1], GROUPED[3]]])
    return posted(village, category="村务公开", title="名单公示",
                  body=f"张三身份证 {GROUPED[0]}，电话 {GROUPED[2]}；李四 {GROUPED[1]}，{GROUPED[3]}。",
                  table=table, table_title="名单")


def test_grouped_numbers_are_masked_on_the_poster(village, tmp_path):
    notice = _with_grouped_numbers(village)
    text = text_of(print_notice(village.store, tmp_path / "n.pdf", notice["code"]))
    for written in GROUPED:
        assert written.replace(" ", "") not in text
    for digits in ("19700101", "22197001", "0013"):
        assert digits not in text
    assert "431322********1234" in text and "431322********123X" in text and "138****8000" in text


def test_grouped_numbers_are_masked_in_export_notice(village, tmp_path):
    notice = _with_grouped_numbers(village)
    export_notice_table(village.store, tmp_path / "n.xlsx", notice["code"])
    cells = [str(c) for ws in load_workbook(tmp_path / "n.xlsx").worksheets
             for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    flat = " ".join(cells)
    assert "19700101" not in flat and "0013" not in flat and "22197001" not in flat
    assert "431322********1234" in cells and "138****8000" in cells


def test_grouped_numbers_in_a_note_are_masked_on_the_statement(scored, tmp_path):
    household = scored.scalar("SELECT id FROM households WHERE code = 'HH001'")
    rule = scored.scalar("SELECT id FROM point_rules WHERE item = '参加义务劳动（义务工）' AND valid_to IS NULL")
    from villagedesk.core.points import ledger
    ledger.record_entry(scored, household_id=household, rule_id=rule, day="2026-10-15",
                        note="本人 431322-19700101-1234，电话 138 0013 8000")
    text = text_of(print_statement(scored, tmp_path / "s.pdf", "HH001", "2026-Q4"))
    assert "19700101" not in text and "0013" not in text and "431322********1234" in text


# --- the 黑榜 ---------------------------------------------------------------------------------

def test_the_black_board_names_households_below_the_line_with_the_reason(scored, tmp_path):
    text = text_of(print_ranking(scored, tmp_path / "榜.pdf", Q3))
    black = text[text.index("黑榜（"):text.index("全村排名")]
    assert "黑榜（总分低于60分的户）" in black
    # 孙德胜 (40) is below the pass line; 陈明 (60) and 刘洋 (75) lost points but passed.
    assert "孙德胜" in black and "陈明" not in black and "刘洋" not in black
    assert "总分40分，低于60分；扣分：" in black and "参与赌博2次-40分" in black


def test_a_village_without_a_black_board_prints_none(scored, tmp_path):
    rules.save_scheme(scored, rules.Scheme(black_board=False))
    text = text_of(print_ranking(scored, tmp_path / "榜.pdf", Q3))
    assert "黑榜" not in text and "红榜（" in text
