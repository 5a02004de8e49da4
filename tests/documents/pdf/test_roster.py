"""The committee roster printout (村“两委”成员花名册), read back from the real PDF with pypdf."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest
from pypdf import PdfReader

from tests.helpers.factories import valid_id, valid_uscc
from villagedesk.core.committee import roster as committee
from villagedesk.core.common import village
from villagedesk.core.register import people
from villagedesk.documents.pdf import base
from villagedesk.documents.pdf.messages import NO_PROFILE
from villagedesk.documents.pdf.roster import TITLE, print_roster, term_name
from villagedesk.errors import UserError

TODAY = date(2028, 5, 10)  # inside term 12, after 刘洋 resigned


@dataclass
class Member:
    name: str
    id_number: str
    phone: str
    person_id: int = 0


MEMBERS = {
    "张建国": Member("张建国", valid_id(date(1972, 4, 8), 111), "13812345678"),
    "李红梅": Member("李红梅", valid_id(date(1980, 11, 20), 122), "13923456789"),
    "王志强": Member("王志强", valid_id(date(1985, 1, 2), 133), "15034567890"),
    "赵丽": Member("赵丽", valid_id(date(1990, 7, 15), 144), "15145678901"),
    "刘洋": Member("刘洋", valid_id(date(1992, 3, 3), 155), "18756789012"),
    "陈明": Member("陈明", valid_id(date(1965, 9, 9), 167), "0738-3456789"),
    "孙德胜": Member("孙德胜", valid_id(date(1958, 6, 1), 171), "13698765432"),
}


def build_committee(store) -> dict:
    """Two terms entered through core.committee, as the window would.

    Term 11 (2021–2026): 孙德胜 书记 (ended 届满 on the term's last day), 张建国 主任, 李红梅 委员.  Term 12 (2026–2031): 张建国 一肩挑,
    李红梅 副书记, 王志强 党组织委员 and 村委会委员, 赵丽 副主任, 刘洋 村委会委员 until he
    resigned on 2027-06-30, 陈明 监委会主任.
    """
    house = people.add_household(store, code="HH001", group_name="一组", address="枫树湾 3 号")
    for k, member in enumerate(MEMBERS.values()):
        if k and k % 2 == 0:
            house = people.add_household(store, code=f"HH{k + 1:03d}", address=f"河边 {k} 号")
        person = people.add_person(store, house["id"], name=member.name, relation="户主" if k % 2 == 0 else "配偶",
                                   id_number=member.id_number, phone=member.phone, ethnicity="汉族",
                                   education="高中", political="中共党员" if k < 4 else "群众")
        member.person_id = person["id"]
    old = committee.save_term(store, number=11, start_date="2021-03-01", election_date="2021-01-20")
    new = committee.save_term(store, number=12, start_date="2026-03-01", election_date="2026-01-15")
    p = {name: m.person_id for name, m in MEMBERS.items()}

    def post(name, body, role, term, start):
        return committee.start_post(store, person_id=p[name], body=body, role=role, term_id=term["id"],
                                    start_date=start)

    served = post("孙德胜", committee.PARTY, "书记", old, "2021-03-01")
    committee.end_post(store, served["id"], end_date="2026-02-28", reason="届满")  # as the clerk may record it
    post("张建国", committee.VILLAGE, "主任", old, "2021-03-01")
    post("李红梅", committee.PARTY, "委员", old, "2021-03-01")
    post("张建国", committee.PARTY, "书记", new, "2026-03-01")
    post("张建国", committee.VILLAGE, "主任", new, "2026-03-01")
    post("李红梅", committee.PARTY, "副书记", new, "2026-03-01")
    post("王志强", committee.PARTY, "委员", new, "2026-03-01")
    post("王志强", committee.VILLAGE, "委员", new, "2026-03-01")
    post("赵丽", committee.VILLAGE, "副主任", new, "2026-03-01")
    gone = post("刘洋", committee.VILLAGE, "委员", new, "2026-03-01")
    committee.end_post(store, gone["id"], end_date="2027-06-30", reason="辞职")
    post("陈明", committee.SUPERVISION, "主任", new, "2026-03-01")
    return {"old": old, "new": new, "persons": p, "gone": gone}


@pytest.fixture
def profile(store):
    return village.save_profile(store, village.Profile("油溪桥村", valid_uscc(), "天门乡", "新化县", "李文书",
                                                       "13800001111"))


@pytest.fixture
def committee_db(store, profile):
    build_committee(store)
    return store


def pages_of(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def squeezed(pages: list[str]) -> str:
    """All text with line breaks and spaces removed, so a number split by layout still matches."""
    return re.sub(r"\s+", "", "".join(pages))


def test_term_names_in_chinese_numerals():
    assert [term_name(n) for n in (1, 9, 10, 11, 12, 20, 21, 99)] == [
        "第一届", "第九届", "第十届", "第十一届", "第十二届", "第二十届", "第二十一届", "第九十九届"]
    assert term_name(120) == "第 120 届"


def test_public_roster_has_names_titles_masked_phones_and_no_full_numbers(tmp_path, committee_db):
    out = print_roster(committee_db, tmp_path / "花名册.pdf", today=TODAY)
    pages = pages_of(out)
    text = "\n".join(pages)
    flat = squeezed(pages)
    for expected in (TITLE, "新化县天门乡油溪桥村", "现任（截至2028年5月10日）", "第十二届（2026年3月1日至2031年2月28日）",
                     "张建国", "党组织书记、村委会主任", "李红梅", "党组织副书记", "王志强",
                     "党组织委员、村委会委员", "赵丽", "村委会副主任", "陈明", "监委会主任",
                     "138****5678", "139****6789", "0738-***6789", "1972.04", "中共党员", "高中",
                     "制表人：李文书", "一肩挑"):
        assert expected in text, expected
    # Who left before TODAY and who served only in term 11 are not on today's roster.
    assert "刘洋" not in text and "孙德胜" not in text
    for member in MEMBERS.values():
        assert member.id_number not in flat, member.name
        assert member.id_number[6:14] not in flat  # not even the birth date part
        assert member.phone.replace("-", "") not in flat.replace("-", ""), member.name
    assert not re.search(r"\d{17}[\dX]", flat)
    assert not re.search(r"1[3-9]\d{9}", flat)
    assert "身份证号" not in text.replace("不含身份证号", "")  # no such column
    assert "合计：5 人" in text and "一肩挑 1 人" in text
    for page in pages:
        assert "内部资料" not in page
    assert float(PdfReader(out).pages[0].mediabox.width) > float(PdfReader(out).pages[0].mediabox.height)


def test_both_heads_is_marked_on_the_right_row(tmp_path, committee_db):
    text = "\n".join(pages_of(print_roster(committee_db, tmp_path / "r.pdf", today=TODAY)))
    lines = text.splitlines()
    zhang = next(line for line in lines if "张建国" in line)
    assert zhang.rstrip().endswith("是"), zhang
    for name in ("李红梅", "王志强", "赵丽", "陈明"):
        row = next(line for line in lines if name in line)
        assert not row.rstrip().endswith("是"), row
    assert "“一肩挑”指同一人同时担任党组织书记和村委会主任" in text


def test_party_organisation_comes_first(tmp_path, committee_db):
    text = "\n".join(pages_of(print_roster(committee_db, tmp_path / "r.pdf", today=TODAY)))
    order = [text.index(name) for name in ("张建国", "李红梅", "王志强", "赵丽", "陈明")]
    assert order == sorted(order)


@pytest.mark.slow
def test_internal_roster_has_full_ids_and_phones_and_is_marked_on_every_page(tmp_path, committee_db):
    # Enough members to run over more than one page.
    house = people.add_household(committee_db, code="HH100")
    term = committee.term_by_number(committee_db, 12)
    for k in range(40):
        person = people.add_person(committee_db, house["id"], name=f"监委{k:02d}", relation="户主" if k == 0 else "子",
                                   id_number=valid_id(date(1970 + k % 20, 1 + k % 12, 1 + k % 27), 200 + k),
                                   phone=f"139{k:08d}")
        committee.start_post(committee_db, person_id=person["id"], body=committee.SUPERVISION, role="委员",
                             term_id=term["id"], start_date="2026-03-01")
    out = print_roster(committee_db, tmp_path / "内部.pdf", internal=True, today=TODAY)
    pages = pages_of(out)
    assert len(pages) >= 2
    flat = squeezed(pages)
    for name in ("张建国", "李红梅", "王志强", "赵丽", "陈明"):
        member = MEMBERS[name]
        assert member.id_number in flat, name
        assert member.phone in flat, name
    assert valid_id(date(1970, 1, 1), 200) in flat and "13900000039" in flat
    for k, page in enumerate(pages, 1):
        assert "内部资料" in page, f"page {k}"
        assert f"第 {k} 页 共 {len(pages)} 页" in page
        assert "身份证号" in page and "职务" in page  # the header repeats on every page
    assert "合计：45 人" in pages[-1]
    assert "****" not in flat


def test_an_older_term_lists_that_terms_members(tmp_path, committee_db):
    text = "\n".join(pages_of(print_roster(committee_db, tmp_path / "r11.pdf", term_number=11, today=TODAY)))
    assert "第十一届（2021年3月1日至2026年2月28日）" in text
    assert "孙德胜" in text and "张建国" in text and "李红梅" in text
    assert "赵丽" not in text and "陈明" not in text and "王志强" not in text
    zhang = next(line for line in text.splitlines() if "张建国" in line)
    assert "村委会主任" in zhang and "党组织书记" not in zhang and not zhang.rstrip().endswith("是")
    assert "合计：3 人" in text and "一肩挑 0 人" in text and "现任" not in text
    assert "届满" not in text  # leaving with the term is no departure worth a note


def test_a_whole_term_shows_who_left_and_why(tmp_path, committee_db):
    text = "\n".join(pages_of(print_roster(committee_db, tmp_path / "r12.pdf", term_number=12, today=TODAY)))
    assert "第十二届（2026年3月1日至2031年2月28日）" in text
    assert "刘洋" in text and "村委会委员（2027-06-30辞职）" in squeezed([text])
    assert "合计：6 人" in text


def test_unknown_term_is_a_user_error_and_writes_nothing(tmp_path, committee_db):
    out = tmp_path / "r.pdf"
    with pytest.raises(UserError) as err:
        print_roster(committee_db, out, term_number=99)
    assert str(err.value).startswith("没有第 99 届的记录。") and "11、12" in str(err.value)
    assert not out.exists()


def test_no_committee_data_is_a_user_error(tmp_path, store, profile):
    out = tmp_path / "r.pdf"
    with pytest.raises(UserError, match="还没有登记两委成员"):
        print_roster(store, out)
    committee.save_term(store, number=12, start_date="2026-03-01")
    with pytest.raises(UserError, match="第十二届还没有登记任职人员"):
        print_roster(store, out, term_number=12)
    with pytest.raises(UserError, match="没有在任的成员"):
        print_roster(store, out, today=TODAY)
    with pytest.raises(UserError, match="不在任何一届任期内"):
        print_roster(store, out, today=date(2040, 1, 1))
    assert not out.exists()


def test_missing_profile_is_the_same_message_as_the_register(tmp_path, store):
    build_committee(store)
    with pytest.raises(UserError) as err:
        print_roster(store, tmp_path / "r.pdf", today=TODAY)
    assert str(err.value) == NO_PROFILE
    assert not (tmp_path / "r.pdf").exists()


def test_roster_stays_inside_the_page(tmp_path, committee_db):
    reader = PdfReader(print_roster(committee_db, tmp_path / "r.pdf", internal=True, term_number=12))
    xs = []
    for page in reader.pages:
        width = float(page.mediabox.width)

        def visit(text, cm, tm, font, size, xs=xs):
            if text.strip():
                xs.append(tm[4] * cm[0] + cm[4])

        page.extract_text(visitor_text=visit)
    assert xs and min(xs) >= base.MARGIN_X - 1 and max(xs) < width - base.MARGIN_X
