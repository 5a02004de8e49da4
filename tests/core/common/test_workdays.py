"""Working days by the State Council's calendar, and the township's holiday calendar file
(docs/DOMAIN.md §4.2, §4.7): read back from a real SQLite file, every hostile file refused whole."""

from __future__ import annotations

from datetime import date

import pytest

from villagedesk.cli import main
from villagedesk.core.common import workdays
from villagedesk.core.common.dates import chinese_date, chinese_span
from villagedesk.errors import UserError

NEXT = max(workdays.library_years()) + 1  # the first year the library has no data for
CALENDAR = (f"日期,类型,名称\n{NEXT}-01-01,休,元旦\n{NEXT}-02-06,休,春节\n{NEXT}-02-08,休,春节\n"
            f"{NEXT}-02-09,休,春节\n")


def first_weekend_day(year: int) -> date:
    return next(date(year, 1, d) for d in range(1, 8) if date(year, 1, d).weekday() == 5)


def write(tmp_path, text: str | bytes, name: str = "节假日.csv"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_chinese_dates():
    assert chinese_date(date(2026, 10, 8)) == "2026年10月8日" == chinese_date("2026-10-08")
    assert chinese_date("2026-10-08T09:30:00") == "2026年10月8日"
    assert chinese_date(None, "＿") == "＿" and chinese_date("") == ""
    assert chinese_span("2026-10-08", date(2026, 10, 14)) == "2026年10月8日至2026年10月14日"


def test_the_library_knows_the_state_councils_2026():
    work = workdays.calendar()
    assert not work.is_working_day(date(2026, 10, 1)) and work.is_working_day(date(2026, 10, 10))
    assert not work.is_working_day(date(2026, 2, 16)) and work.is_working_day(date(2026, 2, 28))
    assert work.covers(2026) and not work.covers(NEXT)


def test_a_loaded_year_is_kept_and_counted(store, tmp_path):
    saturday = first_weekend_day(NEXT)
    path = write(tmp_path, CALENDAR + f"{saturday.isoformat()},班,调休上班\n")
    year = workdays.load_calendar_file(store, path)
    assert (year.year, year.holidays, year.workdays) == (NEXT, 4, 1)
    assert workdays.loaded_message(year, path.name) == f"已载入 {NEXT} 年节假日日历：放假 4 天，调休上班 1 天（来自 节假日.csv）。"
    work = workdays.calendar(store)
    assert work.covers(NEXT) and workdays.coverage_warning(work, date(NEXT - 1, 12, 30), date(NEXT, 1, 9)) is None
    assert not work.is_working_day(date(NEXT, 1, 1)) and work.is_working_day(saturday)
    row = store.row("SELECT year, source, loaded_by FROM holiday_calendars")
    assert row == {"year": NEXT, "source": "节假日.csv", "loaded_by": store.actor}
    # Loading the year again replaces it, audited.
    workdays.load_calendar_file(store, write(tmp_path, CALENDAR))
    assert store.scalar("SELECT count(*) FROM holiday_calendars") == 1
    assert workdays.calendar(store).is_working_day(saturday) is False
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'holiday_calendars'") == 2


def test_a_file_saved_by_excel_in_gbk_with_a_bom_or_crlf_is_read(store, tmp_path):
    workdays.load_calendar_file(store, write(tmp_path, CALENDAR.replace("\n", "\r\n").encode("gb18030")))
    workdays.load_calendar_file(store, write(tmp_path, "\ufeff".encode() + CALENDAR.encode("utf-8")))
    assert store.scalar("SELECT year FROM holiday_calendars") == NEXT


@pytest.mark.parametrize("text, words", [
    ("", "第一行应为“日期,类型,名称”"),
    ("date,kind,name\n2027-01-01,休,元旦\n", "第一行应为“日期,类型,名称”"),
    ("日期,类型,名称\n2027-01-01,休\n", "第 2 行应有 3 列"),
    ("日期,类型,名称\n2027-01-01,休,元旦,多\n", "第 2 行应有 3 列"),
    ("日期,类型,名称\n2027/1/1,休,元旦\n", "第 2 行的日期“2027/1/1”"),
    ("日期,类型,名称\n2027-02-30,休,元旦\n", "第 2 行的日期“2027-02-30”"),
    ("日期,类型,名称\n2027-01-01,假,元旦\n", "第 2 行的类型“假”"),
    ("日期,类型,名称\n2027-01-01,休,\n", "第 2 行缺少名称"),
    ("日期,类型,名称\n2027-01-01,休,元\x07旦\n", "不可见字符"),
    ("日期,类型,名称\n2027-01-01,休," + "长" * 21 + "\n", "超过 20 个字"),
    ("日期,类型,名称\n2027-01-01,休,元旦\n2027-01-01,休,元旦\n", "第 3 行的日期 2027-01-01 前面已经出现过"),
    ("日期,类型,名称\n2027-01-04,班,调休\n2027-01-01,休,元旦\n", "2027-01-04 是星期一，本来就上班"),
    ("日期,类型,名称\n2027-01-01,休,元旦\n2028-01-01,休,元旦\n", "只能有一年的日期：文件中有 2027、2028 年"),
    ("日期,类型,名称\n2027-01-09,班,调休\n", "没有放假日"),
    ("日期,类型,名称\n1999-01-01,休,元旦\n", "年份 1999 不在 2000–2100 年之间"),
    ("日期,类型,名称\n" + "2027-01-01,休,元旦\n" * 400, "超过 366 行"),
])
def test_a_hostile_file_is_refused_whole_and_changes_nothing(store, tmp_path, text, words):
    with pytest.raises(UserError, match=words):
        workdays.load_calendar_file(store, write(tmp_path, text))
    assert store.scalar("SELECT count(*) FROM holiday_calendars") == 0


def test_files_that_are_no_calendar_at_all(store, tmp_path):
    for data, words in ((b"\x00\xff\xfe" * 100, "不是 UTF-8 或 GBK"), (b"x" * (workdays.MAX_FILE_BYTES + 1), "太大")):
        with pytest.raises(UserError, match=words):
            workdays.load_calendar_file(store, write(tmp_path, data))
    with pytest.raises(UserError, match="找不到节假日日历文件"):
        workdays.load_calendar_file(store, tmp_path / "none.csv")
    with pytest.raises(UserError, match="找不到节假日日历文件"):
        workdays.load_calendar_file(store, tmp_path)  # a folder
    assert store.scalar("SELECT count(*) FROM holiday_calendars") == 0


def test_the_command_line_loads_a_year_or_says_why_not(db_path, store, tmp_path, capsys):
    store.close()
    assert main(["calendar", "load", str(write(tmp_path, CALENDAR)), "--db", str(db_path)]) == 0
    assert f"已载入 {NEXT} 年节假日日历" in capsys.readouterr().out
    assert main(["calendar", "load", str(write(tmp_path, "日期,类型,名称\n2027-01-01,假,元旦\n", "坏.csv")),
                 "--db", str(db_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "类型“假”" in err and "Traceback" not in err
