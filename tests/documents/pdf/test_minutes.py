"""会议记录 and 民情台账 printouts, built through the core on a real SQLite file and read back with pypdf."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from tests.core.meetings.test_minutes import TODAY, held_meeting, make_register
from tests.documents.pdf.test_pdf import pdf_fonts
from villagedesk import clock
from villagedesk.core.common import records
from villagedesk.core.meetings import matters
from villagedesk.core.meetings import minutes as meetings
from villagedesk.core.meetings.votes import BRANCH, COMMITTEES, PARTY_MEMBERS
from villagedesk.core.register import people
from villagedesk.core.requests import ledger
from villagedesk.documents.pdf import base
from villagedesk.documents.pdf.messages import NO_PROFILE
from villagedesk.documents.pdf.minutes import numeral, print_minutes
from villagedesk.documents.pdf.requests import print_requests
from villagedesk.errors import UserError
from villagedesk.store import open_store


@pytest.fixture
def village(profiled_store, monkeypatch):
    clock.set(TODAY)
    return profiled_store, make_register(profiled_store)


def pages_of(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def squeezed(pages: list[str]) -> str:
    return re.sub(r"\s+", "", "".join(pages))


def assert_embedded(path) -> None:
    fonts = pdf_fonts(path)
    assert fonts
    for name, font in fonts.items():
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), name


def assert_inside_the_margins(path) -> None:
    """No text starts left of the margin or runs past the right one."""
    for page in PdfReader(path).pages:
        width, xs = float(page.mediabox.width), []

        def visit(text, cm, tm, font, size, xs=xs):
            if text.strip():
                xs.append(tm[4] * cm[0] + cm[4])

        page.extract_text(visitor_text=visit)
        assert xs and min(xs) >= base.MARGIN_X - 1 and max(xs) < width - base.MARGIN_X


def requests_at(store, register, meeting, n: int, **values) -> list[dict]:
    return [ledger.raise_request(store, **{
        "meeting_id": meeting["id"], "raised_by_id": register["王德明"]["id"], "category": "基础设施",
        "content": f"第 {k + 1} 件：杨家湾组级道路坑洼不平，雨天泥泞难走，希望尽快硬化（含排水沟）",
        "handling": ledger.WITH_DEADLINE, "owner_id": register["张建国"]["id"], "deadline": "2026-07-15",
        **values}) for k in range(n)]


# --- 会议记录 ---------------------------------------------------------------------------------

def test_numerals_for_agenda_items():
    assert [numeral(n) for n in (1, 9, 10, 11, 20, 23)] == ["一", "九", "十", "十一", "二十", "二十三"]


@pytest.mark.slow
def test_minutes_say_everything_the_meeting_did(village, tmp_path):
    store, register = village
    meeting = held_meeting(store, register, kind=PARTY_MEMBERS, title="第三季度党员大会")
    meetings.amend_meeting(store, meeting["id"], author="曾国华", reason="记录笔误", text="讨论记录中的“杨家坳”应为“杨家湾”。")
    requests_at(store, register, meeting, 1)
    out = print_minutes(store, tmp_path / "纪要.pdf", meeting["code"])
    pages = pages_of(out)
    text = squeezed(pages)
    for words in ("第三季度党员大会记录", "油溪桥村", "党员大会", meeting["code"], "2026年7月10日（星期五）",
                  "19:30—21:00", "杨家湾张建国家院坝", "主持人", "张建国", "记录人", "曾国华",
                  "应到有表决权党员6人", "出席5人，缺席1人，列席1人",
                  "第一村民小组（2人）：张建国、王德明。", "第二村民小组（2人）：刘志高、杨福生。",
                  "彭光荣（外出务工）", "袁志刚（天门乡人民政府驻村干部）", "一、修缮杨家湾水渠", "大家同意投工投劳。",
                  "同意本屋场投工投劳修缮水渠", "赞成4票，反对0票，弃权1票", "通过",
                  "应到6人，实到5人：达到法定人数（有表决权的到会党员超过应到会有表决权党员的半数）",
                  "会上提出的诉求（1件）", "SQ000001", "逾期", "更正说明（1条）", "记录笔误",
                  "讨论记录中的“杨家坳”应为“杨家湾”。", "主持人（签字）", "记录人（签字）", "参会人员代表（签字）"):
        assert words in text, words
    assert all("内部资料" in page for page in pages)
    assert "草稿" not in text
    assert_embedded(out)
    assert_inside_the_margins(out)
    assert PdfReader(out).metadata.title == "第三季度党员大会记录"


def test_a_draft_says_so_and_an_empty_section_says_none(village, tmp_path):
    store, register = village
    meeting = meetings.create_meeting(store, kind="其他", title="防汛工作会议纪要")
    text = squeezed(pages_of(print_minutes(store, tmp_path / "d.pdf", str(meeting["id"]))))
    assert "防汛工作会议纪要" in text and "防汛工作会议纪要记录" not in text
    assert "草稿（未定稿）" in text and "（未填）" in text
    assert text.count("无。") == 7  # present, absent, guests, agenda, resolutions, requests, amendments
    assert "会上提出的诉求（0件）" in text


def test_a_stage_of_four_deliberations_is_named(village, tmp_path):
    store, register = village
    branch = held_meeting(store, register, kind=BRANCH, title="支委会", day="2026-06-01")
    matter = matters.create_matter(store, title="村道硬化")
    matters.link_stage(store, matter["id"], 1, branch["id"])
    text = squeezed(pages_of(print_minutes(store, tmp_path / "s.pdf", branch["code"])))
    assert "本次会议是“四议两公开”事项“村道硬化”的“党支部提议”环节。" in text


def test_a_party_meeting_prints_the_regulations_majority_of_all_who_should_attend(village, tmp_path):
    # 6 正式党员 should attend, 4 came, 3 voted yes: more than half of those present, yet not of the 6.
    store, register = village
    party = held_meeting(store, register, kind=PARTY_MEMBERS, title="党员大会", present=("王德明", "刘志高"),
                         absent={"杨福生": "外出", "彭光荣": "外出"}, guests=(("陈春莲", "预备党员"),), votes=(3, 1, 0))
    text = squeezed(pages_of(print_minutes(store, tmp_path / "p.pdf", party["code"])))
    assert "应到有表决权党员6人" in text and "第十一条" in text and "预备党员没有表决权" in text
    assert "赞成票未超过应到会有表决权党员（6人）的一半：未通过" in text


@pytest.mark.slow
def test_sixty_attendees_and_fifteen_requests_print_in_under_a_second(village, tmp_path):
    store, register = village
    households = [people.add_household(store, code=f"HH{100 + n}", group_name=f"第{'一二三四五'[n % 5]}村民小组")
                  for n in range(60)]
    attendees = [people.add_person(store, h["id"], name=f"村民{n:02d}", relation="户主")["id"]
                 for n, h in enumerate(households)]
    draft = held_meeting(store, register, kind=COMMITTEES, title="两委联席会议（扩大）", finalise=False)
    meetings.set_attendance(store, draft["id"], present=attendees[:58], absent={attendees[58]: "生病"})
    requests_at(store, register, draft, 15)
    out = print_minutes(store, tmp_path / "big.pdf", draft["code"])
    text = squeezed(pages_of(out))
    assert "出席60人，缺席1人" in text and "会上提出的诉求（15件）" in text and "SQ000015" in text


@pytest.mark.slow
def test_a_long_requests_table_repeats_its_header_on_every_page(village, tmp_path):
    store, register = village
    meeting = held_meeting(store, register)
    requests_at(store, register, meeting, 60)
    out = print_minutes(store, tmp_path / "long.pdf", meeting["code"])
    pages = pages_of(out)
    with_rows = [p for p in pages if "SQ0000" in p]
    assert len(pages) >= 3 and len(with_rows) >= 2
    assert all("诉求内容" in p and "办理方式" in p for p in with_rows)
    assert "SQ000060" in squeezed(pages)
    assert_inside_the_margins(out)


@pytest.mark.parametrize("typed", ["HY0099", "SQ000001", "abc"])
def test_an_unknown_meeting_writes_nothing(village, tmp_path, typed):
    store, register = village
    held_meeting(store, register)
    with pytest.raises(UserError, match="没有编号为"):
        print_minutes(store, tmp_path / "x.pdf", typed)
    assert not (tmp_path / "x.pdf").exists()


def test_no_profile_no_printout(tmp_path):
    with open_store(tmp_path / "v.sqlite3") as store:
        for printout, arg in ((print_minutes, "1"), (print_requests, "2026")):
            with pytest.raises(UserError) as err:
                printout(store, tmp_path / "x.pdf", arg)
            assert str(err.value) == NO_PROFILE
    assert not (tmp_path / "x.pdf").exists()


# --- 民情台账 ---------------------------------------------------------------------------------

def test_the_ledger_counts_by_outcome_and_lists_every_request(village, tmp_path):
    store, register = village
    meeting = held_meeting(store, register)
    late = requests_at(store, register, meeting, 2)
    ledger.close_request(store, late[0]["id"], result="铺了碎石", feedback_on="2026-07-14", feedback_how="上门告知",
                         satisfaction=ledger.SATISFIED)
    ledger.raise_request(store, raised_by="外村 周先生", raised_on="2026-07-02", category="政策咨询",
                         content="咨询农村建房审批手续", handling=ledger.ON_THE_SPOT, result="讲解了审批流程",
                         satisfaction=ledger.FAIRLY_SATISFIED, owner="罗秀兰")
    ledger.raise_request(store, raised_by_id=register["刘志高"]["id"], raised_on="2026-07-03", category="民生救助",
                         content="申请临时救助", handling=ledger.REFERRED, department="天门乡民政办",
                         owner_id=register["曾国华"]["id"])
    ledger.raise_request(store, raised_by_id=register["刘志高"]["id"], raised_on="2026-06-03", category="其他",
                         content="上个季度的诉求", handling=ledger.ON_THE_SPOT, result="已答复",
                         satisfaction=ledger.SATISFIED)
    out = print_requests(store, tmp_path / "台账.pdf", "2026-Q3")
    pages = pages_of(out)
    text = squeezed(pages)
    for words in ("2026年第三季度民情台账", "共受理诉求4件：当场解决1件，限期办理2件，转交部门1件；已办结2件，办结率50%。",
                  "其中逾期未办结1件", "按类别", "基础设施", "政策咨询", "民生救助", "诉求明细",
                  "SQ000001", "SQ000004", meeting["code"], "直接受理", "外村周先生", "转交部门：天门乡民政办",
                  "办理中", "逾期", "铺了碎石；2026-07-14上门告知", "基本满意", "制表人：李文书"):
        assert words in text, words
    assert "上个季度的诉求" not in text
    assert all("内部资料" in page for page in pages)
    page = PdfReader(out).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert_embedded(out)
    assert_inside_the_margins(out)


def test_a_period_without_requests_prints_an_empty_ledger(village, tmp_path):
    store, _register = village
    text = squeezed(pages_of(print_requests(store, tmp_path / "e.pdf", "2026-01")))
    assert "共受理诉求0件" in text and "办结率0%" in text and "本期没有登记民情诉求。" in text


@pytest.mark.parametrize("period, words", [("2026-Q5", "写法不对"), ("2027", "还没有开始"), ("", "写法不对")])
def test_a_bad_period_writes_nothing(village, tmp_path, period, words):
    store, _register = village
    with pytest.raises(UserError, match=words):
        print_requests(store, tmp_path / "x.pdf", period)
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.slow
def test_a_year_of_requests_paginates_with_the_header_on_every_page(village, tmp_path):
    store, register = village
    rows = [{"raised_on": (date(2026, 1, 1) + timedelta(days=n % 180)).isoformat(),
             "raised_by_id": register["王德明"]["id"], "raised_by": "王德明", "group_name": "第一村民小组",
             "meeting_id": None, "category": "环境卫生", "content": "垃圾收集点清运不及时，气味大，希望每两天清运一次",
             "handling": ledger.WITH_DEADLINE, "department": "", "owner_id": register["张建国"]["id"],
             "owner": "张建国", "deadline": "2026-08-01", "status": ledger.IN_HAND, "result": "", "feedback_on": None,
             "feedback_how": "", "satisfaction": None, "closed_on": None, "reopened": 0} for n in range(400)]
    records.insert_many(store, "requests", rows)
    out = print_requests(store, tmp_path / "year.pdf", "2026")
    pages = pages_of(out)
    assert len(pages) > 10
    assert all("诉求内容" in p and "满意度" in p for p in pages[1:])
    assert f"第{len(pages)}页共{len(pages)}页" in squeezed(pages[-1:])
    assert "SQ000400" in squeezed(pages)
