"""The rules of a public notice that need no database: money in fen, masking, posting periods."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.helpers.factories import valid_id
from villagedesk.core.common import ids, workdays
from villagedesk.core.notices import masking, posting
from villagedesk.core.notices.money import parse_yuan, to_decimal, yuan
from villagedesk.core.notices.tables import EXPENSE, INCOME, finance_statement, free_table
from villagedesk.errors import UserError

# --- money ------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed, fen", [
    ("0.1", 10), ("0.10", 10), ("1,234.5", 123450), ("1234.56", 123456), ("¥12", 1200), ("12元", 1200),
    ("￥0.01", 1), ("１２．３", 1230), (" 7 ", 700), (25, 2500), ("0", 0), ("-0", 0), ("1e2", 10000),
])
def test_amounts_as_clerks_type_them(typed, fen):
    assert parse_yuan(typed) == fen


@pytest.mark.parametrize("typed, words", [
    ("-5", "不能是负数"), ("-0.01", "不能是负数"), ("1.234", "两位小数"), ("0.005", "两位小数"),
    ("abc", "不是数字"), ("12元5角", "不是数字"), ("NaN", "不是数字"), ("inf", "不是数字"), ("", "请填写"),
    ("   ", "请填写"), (None, "请填写"), (1.5, "应为数字"), (True, "应为数字"), ("10000000000", "太大"),
])
def test_bad_amounts_are_refused_not_rounded(typed, words):
    with pytest.raises(UserError, match=words) as err:
        parse_yuan(typed, "金额", "amount")
    assert err.value.field == "amount"


def test_a_negative_opening_balance_is_allowed_where_asked_for():
    assert parse_yuan("-1,000.50", allow_negative=True) == -100050


def test_yuan_prints_two_decimals_grouped():
    assert [yuan(0), yuan(5), yuan(123456789), yuan(-1234), yuan(None)] == [
        "0.00", "0.05", "1,234,567.89", "-12.34", ""]
    assert yuan(123456789, grouped=False) == "1234567.89"
    assert str(to_decimal(30)) == "0.30" and to_decimal(None) is None


def test_totals_are_exact_where_floats_are_not():
    assert 0.1 + 0.2 != 0.3  # why amounts are never floats
    statement = finance_statement([(INCOME, "租金", "0.1"), (INCOME, "利息", "0.2"), (EXPENSE, "办公费", "0.3")],
                                  opening="0")
    assert (statement.income_fen, statement.expense_fen, statement.net_fen, statement.closing_fen) == (30, 30, 0, 0)
    many = finance_statement([(EXPENSE, f"第{n}笔", "0.01") for n in range(1, 1001)])
    assert many.expense_fen == 1000 and yuan(many.net_fen) == "-10.00" and many.closing_fen is None


def test_the_summary_is_what_the_totals_say():
    statement = finance_statement([{"side": INCOME, "item": "发包收入", "amount": "1,000"},
                                   {"side": EXPENSE, "item": "水电费", "amount": "250.75", "note": "6 月"}],
                                  opening="-100")
    assert statement.summary() == [("上期结余", -10000), ("本期收入合计", 100000), ("本期支出合计", 25075),
                                   ("本期收支结余（收入－支出）", 74925),
                                   ("期末余额（上期结余＋本期收支结余）", 64925)]
    assert statement.lines[1].note == "6 月"


@pytest.mark.parametrize("lines, words", [
    ([("收支", "租金", "1")], "第 1 行：请选择“收入”或“支出”"),
    ([(INCOME, "租金", "1"), (EXPENSE, "", "2")], "第 2 行：请填写收支项目"),
    ([(INCOME, "租金", "-1")], "不能是负数"),
    ([(INCOME, "租金", "1.001")], "两位小数"),
    ([(INCOME, "租金", "一百")], "不是数字"),
])
def test_a_bad_finance_line_names_its_row(lines, words):
    with pytest.raises(UserError, match=words):
        finance_statement(lines)


def test_blank_lines_are_skipped_and_a_blank_opening_is_none():
    statement = finance_statement([("", "", "", ""), (INCOME, "租金", "1")], opening=" ")
    assert len(statement.lines) == 1 and statement.opening_fen is None


def test_a_free_table_pads_short_rows_and_refuses_long_ones():
    table = free_table(["户主", "组别", "得分", ""], [["张三", "一组"], ["", ""], ["李四", "二组", "90"]])
    assert table.headers == ("户主", "组别", "得分")
    assert table.rows == (("张三", "一组", ""), ("李四", "二组", "90"))
    with pytest.raises(UserError, match="第 1 行：有 4 格"):
        free_table(["a", "b"], [["1", "2", "3", "4"]])
    with pytest.raises(UserError, match="第 2 列没有列标题"):
        free_table(["a", "", "c"], [])
    with pytest.raises(UserError, match="请填写表格的列标题"):
        free_table(["", " "], [["x"]])


# --- masking ------------------------------------------------------------------------------------

ID18 = valid_id(date(1970, 3, 5), 123)
ID_X = next(n for n in (valid_id(date(1980, 1, 1), s) for s in range(1, 999)) if n.endswith("X"))
ID15 = "431322700305123"  # a pre-1999 number: 6 area + YYMMDD + 3


def test_ids_keep_six_and_four_whatever_their_length():
    assert masking.public_id(ID18) == ID18[:6] + "********" + ID18[-4:]
    assert masking.public_id(ID15) == "431322*****5123"
    assert masking.public_id(ID_X.lower()) == ID_X[:6] + "********" + ID_X[-4:]  # typed with a small x
    assert masking.public_id(ID18, full=True) == ID18
    assert masking.public_id("") == "" and masking.public_id(None) == ""
    assert masking.public_id("123456789") == "*********"  # too short to keep 10 characters


def test_phones_keep_three_and_four_and_landlines_their_area_code():
    assert ids.mask_phone("13812345678") == "138****5678"
    assert ids.mask_phone("0738-3312345") == "0738-***2345"
    assert ids.mask_phone("010-12345678") == "010-****5678"
    assert ids.mask_phone("12345") == "*2345"  # a short service number keeps only its last four
    assert ids.mask_phone("1234") == "****"


def test_every_number_in_a_text_is_masked():
    text = (f"申请人张三，身份证{ID18}，旧证 {ID15}，配偶 {ID_X.lower()}，银行卡6217001234567890123，"
            "手机13812345678、139-2345-6789 或 150 3456 7890，家里座机0738-3312345。")
    masked = masking.public_text(text)
    for number in (ID18, ID15, ID_X, ID_X.lower(), "6217001234567890123", "13812345678", "139-2345-6789",
                   "150 3456 7890", "3312345"):
        assert number not in masked
    assert f"身份证{ID18[:6]}********{ID18[-4:]}" in masked and "旧证 431322*****5123" in masked
    assert "银行卡621700*********0123" in masked
    assert "手机138****5678、139****6789 或 150****7890" in masked and "座机0738-***2345" in masked


# Written as people write them: in groups split by spaces or hyphens (half- or full-width), a final x.
GROUPED_IDS = ["431322 19700101 1234", "431322-19700101-1234", "4313 2219 7001 0112 34", "431322 19700101 123X",
               "431322-19700101-123x", "4313 2219 7001 0112 3x", "431322　19700101　1234", "431322－19700101－1234",
               "431322 700305 123"]
GROUPED_PHONES = ["138 0013 8000", "138-0013-8000", "1380 013 8000", "138　0013　8000", "138－0013－8000",
                  "0738 3312345"]


@pytest.mark.parametrize("written", GROUPED_IDS)
def test_ids_written_in_groups_are_masked_in_text_and_as_a_number(written):
    digits = written.replace(" ", "").replace("-", "").replace("　", "").replace("－", "").upper()
    expected = digits[:6] + "*" * (len(digits) - 10) + digits[-4:]
    for text in (written, f"身份证号：{written}。", f"张三（{written}）", f"|{written}|"):
        masked = masking.public_text(text)
        assert expected in masked and written not in masked and digits[6:-4] not in masked.replace("*", ""), masked
    assert masking.public_id(written) == expected
    assert masking.public_text(written, full_ids=True) == written


@pytest.mark.parametrize("written", GROUPED_PHONES)
def test_phones_written_in_groups_are_masked(written):
    masked = masking.public_text(f"联系电话：{written}。")
    digits = "".join(c for c in written if c.isdigit())
    assert written not in masked and digits[-4:] in masked and digits[3:7] not in masked.replace(digits[-4:], "")
    assert masking.public_text(f"联系电话：{written}。", keep_phones=(digits,)) == f"联系电话：{written}。"


def test_an_id_and_a_phone_side_by_side_are_both_masked():
    masked = masking.public_text("张三 431322 19700101 1234 电话 138 0013 8000")
    assert masked == "张三 431322********1234 电话 138****8000"


def test_grouped_digits_that_are_no_id_are_left_alone():
    text = "2026-07-01 至 2026-07-07，金额 1 000 元，编号 12-34-56，户号 HH001-P01。"
    assert masking.public_text(text) == text


def test_full_ids_keep_the_ids_but_never_the_phones():
    masked = masking.public_text(f"身份证{ID18}，电话13812345678", full_ids=True)
    assert masked == f"身份证{ID18}，电话138****5678"


def test_the_village_phone_stays_whole_and_other_numbers_are_left_alone():
    text = "咨询电话 0738-3312345（村委会），另 0738-3319999；2026年7月1日，金额 1,234.50 元，编号 GK0012，20260701。"
    masked = masking.public_text(text, keep_phones=("07383312345",))
    assert "0738-3312345（村委会）" in masked and "0738-***9999" in masked
    assert "2026年7月1日，金额 1,234.50 元，编号 GK0012，20260701。" in masked
    assert masking.public_text("") == "" and masking.public_text(None) == ""


def test_a_notices_own_masking():
    public = masking.for_notice({"full_numbers": 0}, "13800000000")
    assert public(f"{ID18} 13800000000 13912345678") == f"{ID18[:6]}********{ID18[-4:]} 13800000000 139****5678"
    assert public.id_number(ID18) != ID18
    assert masking.for_notice({"full_numbers": 1}).id_number(ID18) == ID18


# --- posting periods -------------------------------------------------------------------------------

FRIDAY, SATURDAY, SUNDAY = date(2026, 7, 3), date(2026, 7, 4), date(2026, 7, 5)


def test_calendar_days_count_the_first_day():
    assert posting.posting_end(date(2026, 7, 1), 7) == date(2026, 7, 7)
    assert posting.posting_end(date(2026, 7, 1), 1) == date(2026, 7, 1)
    assert posting.posting_end(date(2026, 12, 28), 7) == date(2027, 1, 3)
    assert posting.days_between(date(2026, 7, 1), date(2026, 7, 7)) == 7


@pytest.mark.parametrize("start, days, end", [
    (date(2026, 7, 1), 7, date(2026, 7, 9)),  # Wednesday: Wed Thu Fri, Mon–Thu
    (FRIDAY, 1, FRIDAY),
    (FRIDAY, 2, date(2026, 7, 6)),  # Friday counts, the weekend does not
    (FRIDAY, 7, date(2026, 7, 13)),
    (SATURDAY, 1, date(2026, 7, 6)),  # posted on a Saturday: the count starts on Monday
    (SATURDAY, 7, date(2026, 7, 14)),
    (SUNDAY, 5, date(2026, 7, 10)),
    (date(2026, 7, 29), 5, date(2026, 8, 4)),  # across a month end
    (date(2026, 3, 26), 3, date(2026, 3, 30)),  # March's end on a weekend
    # The State Council's calendar, not Monday to Friday: a 低保 list posted on 30 September for 7
    # working days skips 国庆 (1–7 October) and counts Saturday 10 October, worked in its place (调休).
    (date(2026, 9, 30), 7, date(2026, 10, 14)),
    (date(2026, 2, 26), 3, date(2026, 2, 28)),  # Saturday 28 February is worked after 春节
    (date(2026, 2, 13), 2, date(2026, 2, 14)),  # and Saturday 14 February before it
    (date(2026, 2, 14), 2, date(2026, 2, 24)),  # 春节: 15–23 February off
    (date(2025, 12, 31), 2, date(2026, 1, 4)),  # 元旦 1–3 January 2026, Sunday 4 January worked
])
def test_working_days_follow_the_holiday_calendar(start, days, end):
    assert posting.posting_end(start, days, working_days=True) == end
    counted = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    assert sum(posting.is_working_day(d) for d in counted) == days and posting.is_working_day(end)


def test_a_year_past_the_library_is_uncovered_and_said():
    work = posting.work_calendar()
    last = max(work.known)
    assert work.covers(last) and not work.covers(last + 1)
    first, end = date(last, 12, 28), date(last + 1, 1, 8)
    assert work.uncovered(first, end) == [last + 1]
    warning = workdays.coverage_warning(work, first, end)
    assert warning is not None and f"{last + 1} 年的法定节假日" in warning and "载入" in warning
    assert workdays.coverage_warning(work, date(last, 3, 1), date(last, 3, 9)) is None


def test_the_printed_period_says_its_length():
    assert workdays.period_text("2026-10-08", "2026-10-14") == "2026年10月8日至2026年10月14日（共 7 天）"
    assert workdays.period_text(date(2026, 9, 30), date(2026, 10, 14), 7, True) == \
        "2026年9月30日至2026年10月14日（共 7 个工作日）"
    assert posting.notice_period_text({"posted_on": "2026-10-08", "posting_end": "2026-10-17", "posting_days": 10,
                                       "working_days": 0}) == "2026年10月8日至2026年10月17日（共 10 天）"


def test_a_period_lasts_at_least_a_day():
    with pytest.raises(ValueError):
        posting.posting_end(FRIDAY, 0)
    assert posting.period_label(7, True) == "7 个工作日" and posting.period_label(5, False) == "5 天"
