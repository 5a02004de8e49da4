"""Importing a 花名册: real .xlsx files written with openpyxl, checked against the database."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from villagedesk.core.common import ids
from villagedesk.core.register import people
from villagedesk.documents.excel import workbook as excel
from villagedesk.documents.imports import households as import_households
from villagedesk.documents.imports.households import read_roster
from villagedesk.errors import Cancelled, UserError
from villagedesk.store import open_store


def id_for(born: date, serial: int) -> str:
    return ids.make_id_number("431322", born, serial)


ZHANG = id_for(date(1970, 3, 5), 11)   # male
LI = id_for(date(1972, 8, 1), 22)      # female
WANG = id_for(date(1980, 1, 15), 33)   # male
WANG_GIRL = id_for(date(2005, 9, 9), 44)
ZHAO = id_for(date(1965, 12, 1), 55)


def write_xlsx(path, rows, *, title="花名册", merges=()):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    wb.save(path)
    return path


def table_counts(store) -> dict:
    return {t: store.scalar(f"SELECT count(*) FROM {t}") for t in ("households", "persons", "audit")}


def persons(store) -> dict:
    return {r["name"]: r for r in store.rows(
        "SELECT p.*, h.code AS household_code, h.group_name, h.address, h.phone AS household_phone "
        "FROM persons p JOIN households h ON h.id = p.household_id")}


# --- a good roster ----------------------------------------------------------

GOOD_HEADER = ["序号", "与户主\n关系", "*姓  名", "身份证号码", "户主姓名", "性别", "出生年月（年.月）", "组别",
               "家庭住址", "联系电话", "备注", "民族", "文化程度", "政治面貌"]


def good_roster(path):
    """Title rows, the header in row 3, shuffled columns, extra columns, a blank row,
    merged-looking blank 户主 cells, padded names, and dates as Excel dates, numbers and serials."""
    return write_xlsx(path, [
        ["枫树村花名册（2026 年）"],
        [None, None, "填表日期：2026-01-05"],
        GOOD_HEADER,
        [1, "户主", "张三", ZHANG, "张三", "男", datetime(1970, 3, 5), "一组", "枫树湾 3 号",
         13800000001, "", "汉", "初中", "党员"],
        [2, "妻", "李四", LI, "张三", "女", 197208, "一组", None, None, "", "汉族", "小学", "群众"],
        [],
        # Excel stored the typed 2010.10 as the number 2010.1.
        [3, "长子", "张小三", None, None, "男", 2010.1, None, None, None, "在读", "汉族", None, None],
        # 29235 is 1980-01-15 as an Excel date serial whose date format was lost.
        [4, "户主", " 王\u3000五 ", " " + WANG, "王  五", "男性", 29235, "二组",
         "河边 8 号", "0738-1234567", "", "苗族", "高中", "群众"],
        [5, "女儿", "王小丽", WANG_GIRL, "王五", "女", datetime(2005, 9, 9), "二组", None, None, "", "苗族",
         None, "团员"],
    ])


def test_good_roster_reads_and_applies(store, tmp_path):
    plan = read_roster(store, good_roster(tmp_path / "good.xlsx"))
    assert plan.problems == [] and plan.skipped == []
    assert plan.header_row == 3 and plan.rows_read == 5
    assert [h["code"] for h in plan.new_households] == ["HH001", "HH002"]
    assert [(p.row, p.values["code"]) for p in plan.new_persons] == [
        (4, "HH001-P01"), (5, "HH001-P02"), (7, "HH001-P03"), (8, "HH002-P01"), (9, "HH002-P02")]
    assert "新增 2 户、5 人" in plan.summary()
    assert table_counts(store)["persons"] == 0  # reading writes nothing

    result = plan.apply(store)
    assert result["households"] == 2 and result["persons"] == 5
    assert result["backup"].exists() and "before-import" in result["backup"].name
    got = persons(store)
    assert set(got) == {"张三", "李四", "张小三", "王五", "王小丽"}
    zhang = got["张三"]
    assert zhang["household_code"] == "HH001" and zhang["group_name"] == "一组"
    assert zhang["address"] == "枫树湾 3 号" and zhang["household_phone"] == "13800000001"
    assert (zhang["birth_date"], zhang["ethnicity"], zhang["political"]) == ("1970-03-05", "汉族", "中共党员")
    assert zhang["initials"] == "zs"
    assert got["李四"]["relation"] == "配偶" and got["李四"]["household_code"] == "HH001"
    assert got["李四"]["birth_date"] == "1972-08-01"
    # A row with blank 户主 belongs to the household above it.
    kid = got["张小三"]
    assert (kid["household_code"], kid["relation"], kid["birth_date"]) == ("HH001", "子", "2010-10-01")
    assert kid["id_number"] is None
    wang = got["王五"]
    assert wang["name"] == "王五" and wang["id_number"] == WANG and wang["gender"] == "男"
    assert wang["household_code"] == "HH002" and wang["household_phone"] == "0738-1234567"
    assert got["王小丽"]["relation"] == "女" and got["王小丽"]["political"] == "共青团员"
    assert store.scalar("SELECT count(*) FROM audit WHERE action = 'insert'") == 7


def test_households_by_code_with_merged_cells(store, tmp_path):
    existing = people.add_household(store, code="HH001", group_name="一组")
    people.add_person(store, existing["id"], name="赵六", relation="户主", id_number=ZHAO)
    path = write_xlsx(tmp_path / "codes.xlsx", [
        ["户号", "姓名", "与户主关系", "身份证号", "屋场"],
        ["HH001", "赵小六", "子", None, None],
        ["hh005", "张三", "户主", ZHANG, "老屋场"],
        [None, "李四", "配偶", LI, None],
        [7, "王五", "户主", WANG, "新屋场"],      # the village's own number, not an HH code
        [None, "王小丽", "女", WANG_GIRL, None],
    ], merges=["A3:A4", "A5:A6", "E3:E4", "E5:E6"])
    plan = read_roster(store, path)
    assert plan.problems == []
    assert [(h["code"], h["group_name"]) for h in plan.new_households] == [
        ("HH005", "老屋场"), ("HH006", "新屋场")]
    plan.apply(store)
    got = persons(store)
    assert got["赵小六"]["code"] == "HH001-P02"  # joined the existing household
    assert got["李四"]["household_code"] == "HH005" and got["王小丽"]["household_code"] == "HH006"
    assert got["李四"]["group_name"] == "老屋场"


def test_head_name_matches_existing_household(store, tmp_path):
    hh = people.add_household(store, code="HH001", group_name="三组")
    people.add_person(store, hh["id"], name="赵六", relation="户主", id_number=ZHAO)
    path = write_xlsx(tmp_path / "r.xlsx", [
        ["户主", "姓名", "与户主关系", "村民小组", "身份证号"],
        ["赵六", "赵六", "户主", "三组", ZHAO],
        ["赵六", "赵小六", "子", "三组", None],
    ])
    plan = read_roster(store, path)
    assert plan.problems == [] and plan.new_households == []
    assert plan.skipped == [(2, "赵六 已在册（HH001-P01），跳过")]
    assert [(p.household_code, p.values["code"]) for p in plan.new_persons] == [("HH001", "HH001-P02")]
    assert "已在册，跳过 1 人" in plan.summary()


def test_merged_code_with_the_head_named_on_every_row(store, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [
        ["户编号", "户主", "姓名", "与户主关系", "组别"],
        [1, "张三", "张三", "户主", "一组"],
        [None, "张三", "李四", "配偶", None],
        [2, "王五", "王五", "户主", "二组"],
    ], merges=["A2:A3", "E2:E3"])
    plan = read_roster(store, path)
    assert plan.problems == []
    assert [(p.row, p.household_code) for p in plan.new_persons] == [(2, "HH001"), (3, "HH001"), (4, "HH002")]


def test_status_and_pasted_scientific_ids(store, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [
        ["户主", "姓名", "与户主关系", "身份证号", "状态", "归档原因"],
        ["张三", "张三", "户主", ZHANG, "在册", None],
        ["张三", "李四", "配偶", "4.31322197208E+17", None, None],
        ["张三", "张五", "子", None, "死亡", None],
        ["张三", "张六", "子", None, "已归档", "迁出"],
    ])
    plan = read_roster(store, path)
    problems = dict(plan.problems)
    assert sorted(problems) == [3, 4]
    assert "存成了数字（4.31322197208E+17）" in problems[3]
    assert "状态“死亡”看不懂" in problems[4]
    archived = [p.values for p in plan.new_persons if p.values["archived"]]
    assert [(v["name"], v["archived_reason"]) for v in archived] == [("张六", "迁出")]


def test_namesake_without_id_in_existing_household_is_skipped(store, tmp_path):
    hh = people.add_household(store, code="HH001")
    people.add_person(store, hh["id"], name="赵六", relation="户主", id_number=ZHAO)
    people.add_person(store, hh["id"], name="赵小六", relation="子")
    path = write_xlsx(tmp_path / "r.xlsx", [
        ["户编号", "姓名", "与户主关系", "身份证号"],
        ["HH001", "赵小六", "子", id_for(date(2005, 9, 19), 67)],
        ["HH001", "赵二", "女", None],
    ])
    plan = read_roster(store, path)
    assert plan.problems == []
    assert plan.skipped == [(2, "赵小六 已在户 HH001 中（库中此人未填身份证号，请在程序中补填），跳过")]
    assert [p.values["name"] for p in plan.new_persons] == ["赵二"]


def test_same_head_name_in_two_households_is_ambiguous(store, tmp_path):
    for code in ("HH001", "HH002"):
        hh = people.add_household(store, code=code)
        people.add_person(store, hh["id"], name="赵六", relation="户主")
    path = write_xlsx(tmp_path / "r.xlsx", [["户主", "姓名", "与户主关系"], ["赵六", "赵小六", "子"]])
    plan = read_roster(store, path)
    assert len(plan.problems) == 1 and plan.problems[0][0] == 2
    assert "2 户的户主都叫赵六" in plan.problems[0][1]


def test_rows_follow_their_head_without_household_columns(store, tmp_path):
    hh = people.add_household(store, code="HH001")
    people.add_person(store, hh["id"], name="赵六", relation="户主", id_number=ZHAO)
    namesake = people.add_household(store, code="HH002")  # by name alone 赵六 is ambiguous
    people.add_person(store, namesake["id"], name="赵六", relation="户主")
    path = write_xlsx(tmp_path / "r.xlsx", [
        ["姓名", "与户主关系", "身份证号"],
        ["赵六", "户主", ZHAO],       # already registered: the baby joins his household
        ["赵宝宝", "子", None],
        ["张三", "户主", ZHANG],
        ["李四", "配偶", LI],
    ])
    plan = read_roster(store, path)
    assert plan.problems == []
    assert [(p.row, p.household_code) for p in plan.new_persons] == [(3, "HH001"), (4, "HH003"), (5, "HH003")]


def test_reimporting_the_same_roster_skips_everyone(store, tmp_path):
    path = good_roster(tmp_path / "good.xlsx")
    read_roster(store, path).apply(store)
    before = table_counts(store)
    again = read_roster(store, path)
    assert again.problems == [] and again.new_persons == [] and again.new_households == []
    # 张小三 has no ID number: the same name in the same household counts as him.
    assert [row for row, _ in again.skipped] == [4, 5, 7, 8, 9]
    assert again.apply(store)["persons"] == 0
    assert table_counts(store) == before


# --- broken rosters ---------------------------------------------------------

def test_broken_rows_are_reported_and_nothing_is_written(store, tmp_path):
    hh = people.add_household(store, code="HH001")
    people.add_person(store, hh["id"], name="赵六", relation="户主", id_number=ZHAO)
    bad_check = ZHANG[:-1] + ("0" if ZHANG[-1] != "0" else "1")
    path = write_xlsx(tmp_path / "bad.xlsx", [
        ["户编号", "姓名", "与户主关系", "性别", "身份证号", "出生日期"],
        ["A", "张三", "户主", "男", ZHANG, None],
        ["A", "张错号", "子", "男", bad_check, None],
        ["A", "李四", "配偶", "男", LI, None],                      # the ID says female
        ["A", "张重复", "子", None, ZHANG, None],                    # same ID as row 2
        ["A", "赵六", "其他", None, ZHAO, None],                     # already in the database
        ["A", "王五", "户主", None, WANG, None],                     # a second head for A
        ["A", None, "子", "男", None, "2001-01-01"],                # no name
        ["A", "王浮点", "子", None, 4.31322197003051e17, None],      # Excel made it a number
        ["A", "王日期", "子", None, None, "去年"],
        ["A", "王不符", "女", None, WANG_GIRL, "2005-10-09"],        # the ID says 2005-09
        ["A", "王关系", "表哥", None, None, None],
        ["A", "张小小", "女", None, None, None],
        ["A", "张小小", "女", None, None, None],                    # typed twice
    ])
    before = table_counts(store)
    plan = read_roster(store, path)
    problems = dict(plan.problems)
    assert sorted(problems) == [3, 4, 5, 7, 8, 9, 10, 11, 12, 14]
    assert "校验位" in problems[3]
    assert "性别填的是男" in problems[4]
    assert "与第 2 行重复" in problems[5]
    assert "已有户主 张三（第 2 行）" in problems[7]
    assert problems[8] == "姓名为空"
    assert "存成了数字" in problems[9] and "4.31322197003051E+17" in problems[9]
    assert "看不懂" in problems[10]
    assert "不一致" in problems[11]
    assert "表哥" in problems[12]
    assert "第 13 行已有 张小小" in problems[14]
    assert plan.skipped == [(6, "赵六 已在册（HH001-P01），跳过")]
    assert [p.row for p in plan.new_persons] == [2, 13]
    assert all(f"第 {n} 行" in plan.summary() for n in problems)

    with pytest.raises(UserError, match="10 行有问题"):
        plan.apply(store)
    assert table_counts(store) == before
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").glob("*before-import*"))


def test_only_valid_imports_the_good_rows(store, tmp_path):
    path = write_xlsx(tmp_path / "mixed.xlsx", [
        ["户主", "姓名", "与户主关系", "身份证号"],
        ["张三", "张三", "户主", ZHANG],
        ["张三", "李四", "配偶", LI[:-1] + ("0" if LI[-1] != "0" else "1")],
        ["王五", "王五", "户主", WANG],
        ["王五", "王五五", "户主", None],
    ])
    plan = read_roster(store, path)
    assert [n for n, _ in plan.problems] == [3, 5]
    result = plan.apply(store, only_valid=True)
    assert (result["households"], result["persons"]) == (2, 2)
    assert set(persons(store)) == {"张三", "王五"}


def test_plan_is_stale_after_any_change(store, tmp_path):
    path = good_roster(tmp_path / "good.xlsx")
    plan = read_roster(store, path)
    people.add_household(store, code="HH009")
    with pytest.raises(UserError, match="重新读取"):
        plan.apply(store)
    plan = read_roster(store, path)
    plan.apply(store)
    with pytest.raises(UserError, match="重新读取"):
        plan.apply(store)  # the same plan twice would import everyone twice
    assert table_counts(store)["persons"] == 5


def test_two_heads_with_the_same_name_and_group_are_one_household(store, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [
        ["户主", "姓名", "与户主关系", "组别"],
        ["张三", "张三", "户主", "一组"],
        ["张三", "张三", "户主", "一组"],
        ["张三", "张三", "户主", "二组"],   # another group: another household
    ])
    plan = read_roster(store, path)
    assert [n for n, _ in plan.problems] == [3]
    assert len(plan.new_households) == 2


@pytest.mark.parametrize("content, message", [
    (b"name,id\n", "不是 Excel"),
    (b"PK\x03\x04 truncated zip", "不是 Excel"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, "旧版 Excel"),
])
def test_not_an_excel_file(store, tmp_path, content, message):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        read_roster(store, path)


def test_missing_file_and_folder(store, tmp_path):
    with pytest.raises(UserError, match="找不到文件"):
        read_roster(store, tmp_path / "nothing.xlsx")
    with pytest.raises(UserError, match="文件夹"):
        read_roster(store, tmp_path)


def test_empty_workbook(store, tmp_path):
    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    with pytest.raises(UserError, match="空表格"):
        read_roster(store, path)


def test_no_recognizable_header(store, tmp_path):
    path = write_xlsx(tmp_path / "other.xlsx", [["日期", "金额"], ["2026-01-01", 300]])
    with pytest.raises(UserError, match="找不到表头"):
        read_roster(store, path)
    late = [[f"说明 {i}"] for i in range(30)] + [["姓名", "身份证号"], ["张三", ZHANG]]
    with pytest.raises(UserError, match="前 30 行"):
        read_roster(store, write_xlsx(tmp_path / "late.xlsx", late))


def test_wrong_sheet_size_in_the_file_is_ignored(store, tmp_path):
    """Some programs write <dimension ref="A1"/> however long the sheet is."""
    path = write_xlsx(tmp_path / "r.xlsx", [["姓名", "与户主关系"], ["张三", "户主"], ["李四", "配偶"]])
    with zipfile.ZipFile(path) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:B2"/>', parts[sheet])
    assert b'ref="A1:B2"' in parts[sheet]
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    plan = read_roster(store, path)
    assert [p.values["name"] for p in plan.new_persons] == ["张三", "李四"]


def test_header_only(store, tmp_path):
    path = write_xlsx(tmp_path / "head.xlsx", [["姓名", "身份证号"], [], [None, "  "]])
    with pytest.raises(UserError, match="只有表头"):
        read_roster(store, path)


def test_progress_and_cancel(store, tmp_path, monkeypatch):
    monkeypatch.setattr(import_households, "_REPORT_EVERY", 1)
    path = good_roster(tmp_path / "good.xlsx")
    calls = []
    read_roster(store, path, progress=lambda done, total: calls.append((done, total)))
    assert (7, 10) in calls and calls[-1] == (10, 10)  # the checking half: 5 + 2 of 10

    def cancel_while_checking(done, total):
        if total == 10 and done > 5:
            raise Cancelled

    before = table_counts(store)
    with pytest.raises(Cancelled):
        read_roster(store, path, progress=cancel_while_checking)
    assert table_counts(store) == before


# --- round trip ---------------------------------------------------------------

PERSON_KEYS = ("code", "household_code", "name", "gender", "ethnicity", "birth_date", "id_number",
               "relation", "phone", "education", "political", "archived", "archived_reason", "initials")
HOUSEHOLD_KEYS = ("code", "group_name", "address", "phone", "archived", "archived_reason")


def snapshot(store):
    """Everything but ids, uids and timestamps, which a new database gives anew."""
    got = [{k: r[k] for k in PERSON_KEYS} for r in persons(store).values()]
    homes = store.rows(f"SELECT {', '.join(HOUSEHOLD_KEYS)} FROM households ORDER BY code")
    return sorted(got, key=lambda r: r["code"]), homes


@pytest.mark.slow
def test_export_then_import_gives_the_same_register(store, tmp_path):
    one = people.add_household(store, code="HH001", group_name="一组", address="枫树湾 3 号",
                               phone="13800000001")
    people.add_person(store, one["id"], name="张三", relation="户主", id_number=ZHANG, ethnicity="汉族",
                      phone="13800000001", education="初中", political="中共党员")
    people.add_person(store, one["id"], name="李四", relation="配偶", id_number=LI)
    kid = people.add_person(store, one["id"], name="张小三", relation="子", gender="男",
                            birth_date="2010-05-01")
    people.add_person(store, one["id"], name="张四", relation="子", gender="男")
    people.archive_person(store, kid["id"], "去世")
    two = people.add_household(store, code="HH002", group_name="二组", address="河边 8 号")
    people.add_person(store, two["id"], name="王五", relation="户主", id_number=WANG)
    people.add_person(store, two["id"], name="王小丽", relation="女", id_number=WANG_GIRL)
    people.archive_household(store, two["id"], "整户迁出")
    three = people.add_household(store, code="HH010", group_name="三组")
    people.add_person(store, three["id"], name="赵六", relation="户主", id_number=ZHAO)

    out = tmp_path / "export.xlsx"
    excel.export_workbook(store, out)
    with open_store(tmp_path / "second-v.sqlite3") as second:
        plan = read_roster(second, out)
        assert plan.problems == [] and plan.sheet == "人员"
        plan.apply(second)
        assert snapshot(second) == snapshot(store)


# --- size (the speed target is measured in benchmarks/bench_foundation.py) -------

@pytest.mark.slow
def test_ten_thousand_rows(store, tmp_path):
    """A 10,000-row 花名册 in the 户主姓名 layout arrives whole."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    ws.append(["户主姓名", "姓名", "与户主关系", "性别", "出生年月", "身份证号码", "组别", "联系电话"])
    for i in range(10_000):
        number = id_for(date(1940 + i % 70, 1 + i % 12, 1 + i % 28), i % 1000)
        head = f"户主{i // 4}"
        name, relation = (head, "户主") if i % 4 == 0 else (f"成员{i}", "子")
        ws.append([head, name, relation, ids.id_gender(number), number[6:12], number,
                   f"{i // 500 + 1}组", f"138{i:08d}"])
    path = tmp_path / "big.xlsx"
    wb.save(path)
    plan = read_roster(store, path)
    result = plan.apply(store)
    assert plan.problems == [] and result["persons"] == 10_000 and result["households"] == 2_500
    assert store.scalar("SELECT count(DISTINCT household_id) FROM persons") == 2_500


def test_an_id_number_of_someone_else_is_a_problem(store, tmp_path):
    household = people.add_household(store, code="HH001")
    people.add_person(store, household["id"], name="周诗琪", id_number=ZHANG, relation="户主")
    path = write_xlsx(tmp_path / "r.xlsx", [["户编号", "姓名", "身份证号"], ["HH009", "孙三", ZHANG]])
    plan = read_roster(store, path)
    assert plan.skipped == []
    assert plan.problems == [(2, f"身份证号 {ZHANG} 已登记给 周诗琪（HH001-P01），与本行姓名 孙三 不符")]


@pytest.mark.slow
def test_namesakes_with_different_birth_dates_are_two_people(store, tmp_path):
    """Siblings may share a name (the demo has some): our own export must import back."""
    household = people.add_household(store, code="HH001")
    people.add_person(store, household["id"], name="陈大山", relation="户主", gender="男")
    people.add_person(store, household["id"], name="陈梦瑶", relation="女", gender="女", birth_date="2001-02-03")
    people.add_person(store, household["id"], name="陈梦瑶", relation="女", gender="女", birth_date="2004-05-06")
    out = tmp_path / "export.xlsx"
    excel.export_workbook(store, out)
    with open_store(tmp_path / "second.sqlite3") as second:
        plan = read_roster(second, out)
        assert plan.problems == []
        plan.apply(second)
        assert second.scalar("SELECT count(*) FROM persons WHERE name = '陈梦瑶'") == 2
