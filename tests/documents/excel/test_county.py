"""The county's workbook (documents/excel/county.py) from a real county of two townships (PostgreSQL):
the summary sheet with 乡镇, subtotals and the county's total, every village sheet merged with 乡镇 and 村
in front, split past Excel's row limit, the opening password; reopened with openpyxl."""

from __future__ import annotations

import io
from types import SimpleNamespace

import msoffcrypto
import pytest
from openpyxl import load_workbook

from tests.helpers.county import filled_county, forward, import_into, send
from tests.helpers.factories import valid_id
from villagedesk import clock
from villagedesk.core.county.summary import county_summary
from villagedesk.core.register import people
from villagedesk.documents.excel import workbook
from villagedesk.documents.excel.county import export_county_workbook
from villagedesk.documents.protect import OpenPassword
from villagedesk.errors import UserError
from villagedesk.store import open_store
from villagedesk.store.postgres.connection import county_database

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

# A villager of 天门乡's 油溪桥村 with an ID number and a phone: never on a county print.
VILLAGER = SimpleNamespace(name="彭秀英", id_number=valid_id(serial=456), phone="13907381234")


@pytest.fixture
def filled(county, tmp_path):
    """天门乡 (油溪桥村 of three households after its second package, one of them 彭秀英's with her ID number
    and phone; 大熊山村 of two) and 白溪镇 (油溪桥村, two households)."""
    made = filled_county(county, tmp_path)
    tianmen = made.townships["天门乡"]
    with open_store(tianmen.villages[0]) as store:
        house = people.add_household(store, code="HH003", group_name="三组", address="油溪桥3号")
        people.add_person(store, house["id"], name=VILLAGER.name, relation="户主", id_number=VILLAGER.id_number,
                          phone=VILLAGER.phone)
    send(tianmen.villages[0], tianmen.db, tianmen.folder / "stick")
    import_into(county, forward(tianmen.db, tianmen.folder / "to-county"))
    return made


def _sheet(book, title: str) -> list[dict]:
    header, *rows = book[title].iter_rows(values_only=True)
    return [dict(zip(header, row)) for row in rows]


def test_the_summary_sheet_has_every_village_with_its_township_and_the_totals(filled, tmp_path):
    out = tmp_path / "county.xlsx"
    with county_database(filled.url) as conn:
        written = export_county_workbook(conn, out)
        found = county_summary(conn, clock.today())
    book = load_workbook(out, read_only=True)
    assert book.sheetnames[0] == "各村汇总" and written["各村汇总"] == 3 + 2 + 1
    rows = _sheet(book, "各村汇总")
    assert list(rows[0])[:4] == ["乡镇", "村", "统一社会信用代码", "最后数据包"]
    assert [(r["乡镇"], r["村"], r["户数"], r["人口"], r["最后数据包"]) for r in rows] == [
        ("天门乡", "大熊山村", 2, 2, 1), ("天门乡", "油溪桥村", 3, 3, 2), ("天门乡", "小计（2 村）", 5, 5, None),
        ("白溪镇", "油溪桥村", 2, 2, 1), ("白溪镇", "小计（1 村）", 2, 2, None),
        ("全县合计", "2 个乡镇 3 村", 7, 7, None)]
    # Each village's row holds the summary line's values, as the township's sheet does.
    by_code = {r["统一社会信用代码"]: r for r in rows if r["统一社会信用代码"]}
    for line in found.lines:
        row = by_code[line["code"]]
        assert (row["主职空缺"], row["积分期"], row["诉求总数"], row["数字截至"].date().isoformat()) == (
            line["committee"], line["points_period"], line["requests_total"], line["as_of"])
    assert [r["主职空缺"] for r in rows if r["村"].startswith("小计")] == ["2 个村有空缺", "1 个村有空缺"]
    book.close()


def test_every_village_sheet_is_merged_with_township_and_village_in_front(filled, tmp_path):
    out = tmp_path / "county.xlsx"
    with county_database(filled.url) as conn:
        written = export_county_workbook(conn, out)
    book = load_workbook(out, read_only=True)
    households = _sheet(book, "户")
    assert list(households[0])[:3] == ["乡镇", "村", "户编号"] and written["户"] == 7
    assert sorted((r["乡镇"], r["村"], r["户编号"]) for r in households) == [
        ("天门乡", "大熊山村", "HH001"), ("天门乡", "大熊山村", "HH002"), ("天门乡", "油溪桥村", "HH001"),
        ("天门乡", "油溪桥村", "HH002"), ("天门乡", "油溪桥村", "HH003"), ("白溪镇", "油溪桥村", "HH001"),
        ("白溪镇", "油溪桥村", "HH002")]
    # What the township's workbook carries: the register, full ID numbers and all.
    persons = {r["姓名"]: r for r in _sheet(book, "人员")}
    assert persons[VILLAGER.name]["身份证号"] == VILLAGER.id_number
    assert (persons[VILLAGER.name]["乡镇"], persons[VILLAGER.name]["村"]) == ("天门乡", "油溪桥村")
    book.close()


def test_a_merged_sheet_past_the_row_limit_goes_on_in_a_continuation(filled, tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_ROWS", 4)  # a header and three rows per sheet
    out = tmp_path / "county.xlsx"
    with county_database(filled.url) as conn:
        written = export_county_workbook(conn, out)
    book = load_workbook(out, read_only=True)
    assert written["户"] == 7
    parts = [_sheet(book, title) for title in ("户", "户（续1）", "户（续2）")]
    assert [len(part) for part in parts] == [3, 3, 1]
    assert all(list(part[0])[:2] == ["乡镇", "村"] for part in parts)
    assert [len(_sheet(book, t)) for t in ("各村汇总", "各村汇总（续1）")] == [3, 3]
    book.close()


def test_the_county_workbook_takes_an_opening_password(filled, tmp_path):
    out = tmp_path / "county.xlsx"
    with county_database(filled.url) as conn:
        export_county_workbook(conn, out, password=OpenPassword("Xinhua-2026"))
    with open(out, "rb") as fh:
        office = msoffcrypto.OfficeFile(fh)
        office.load_key(password="Xinhua-2026")
        plain = io.BytesIO()
        office.decrypt(plain)
    assert load_workbook(plain, read_only=True).sheetnames[:2] == ["各村汇总", "户"]


def test_a_county_without_villages_has_nothing_to_export(county, tmp_path):
    out = tmp_path / "county.xlsx"
    with county_database(county) as conn, pytest.raises(UserError, match="新化县还没有导入任何乡镇的数据包"):
        export_county_workbook(conn, out)
    assert not out.exists()
