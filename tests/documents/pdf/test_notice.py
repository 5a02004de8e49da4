"""The 公示 poster, read back with pypdf: text, masking, pages, repeated headers, nothing off the page;
and `villagedesk print notice`."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from tests.core.notices.test_notices import TODAY, build_village, finance, posted
from tests.helpers.factories import valid_id, valid_uscc
from tests.helpers.pdf_pages import lines, slanted_text
from villagedesk import clock
from villagedesk.cli import main
from villagedesk.core import notices
from villagedesk.core.common import village
from villagedesk.core.notices import tables
from villagedesk.documents.pdf.base import MARGIN_X
from villagedesk.documents.pdf.messages import NO_PROFILE
from villagedesk.documents.pdf.notice import BLANK_PERIOD, print_notice
from villagedesk.errors import UserError
from villagedesk.store import open_store

VILLAGE_PHONE = "13812341234"  # profiled_store's: where objections go, printed whole
LONG_BODY = "\n".join(
    f"第{n}条：根据《农村最低生活保障审核确认办法》，经本人申请、入户调查、民主评议和乡镇审核，"
    f"现将拟享受最低生活保障的对象名单予以公示。如对名单有异议，可在公示期内反映，第{n}条完。" * 3 for n in range(1, 41))


@pytest.fixture
def today(monkeypatch):
    clock.set(TODAY)
    return TODAY


@pytest.fixture
def board(profiled_store, today):
    return build_village(profiled_store)


def pages_of(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def squeezed(pages: list[str]) -> str:
    return re.sub(r"\s+", "", "".join(pages))


REASONS = ("年老体弱", "重病", "残疾，无稳定收入", "家庭人均收入低于当地低保标准")


def recipients(count: int, phones: bool = True) -> list[dict]:
    """``count`` typed recipients with valid ID numbers; with ``phones`` each reason carries a mobile."""
    return [{"name": f"村民{n}", "group_name": f"第{n % 12 + 1}村民小组",
             "id_number": valid_id(date(1940 + n % 60, n % 12 + 1, n % 28 + 1), 100 + n % 800, "431322"),
             "amount": f"{300 + n % 5 * 30}.50",
             "reason": f"年老体弱，联系电话139{n:08d}" if phones else REASONS[n % len(REASONS)]} for n in range(count)]


def posted_list(board, rows: list[dict], body: str = "经民主评议，名单公示如下。", **values) -> dict:
    table = tables.recipient_list(board.store, rows)
    return posted(board, start=date(2026, 7, 1), days=7, working=True, category="惠民政策",
                  title="2026年农村最低生活保障对象名单公示", body=body, table=table, table_title="低保对象名单", **values)


def _width(text: str, size: float) -> float:
    """About how wide ``text`` prints: a CJK character is one em, Vera's digits and letters about 0.62."""
    return sum(size if ord(c) > 0x2E80 else size * 0.62 for c in text)


def text_spans(path) -> list[tuple[int, float, float, float, str, float, float]]:
    """(page, left, right, baseline, text, page width, page height) of every piece of text drawn.

    pypdf reports the text matrix of each show operator; runs shown one after the other
    (the CJK and Latin runs of one line) share it, so their widths are added up.
    """
    found = []
    for n, page in enumerate(PdfReader(path).pages, 1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        line = {"origin": None, "advance": 0.0}

        def visit(text, cm, tm, font, size, n=n, width=width, height=height, line=line):
            if not text.strip():
                return  # pypdf's own spaces and line breaks between runs, not drawn text
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scaled = size * (cm[0] ** 2 + cm[1] ** 2) ** 0.5 * (tm[0] ** 2 + tm[1] ** 2) ** 0.5
            if line["origin"] != (x, y):
                line["origin"], line["advance"] = (x, y), 0.0
            left = x + line["advance"]
            line["advance"] += _width(text.strip(), scaled)
            found.append((n, left, x + line["advance"], y, text, width, height))

        page.extract_text(visitor_text=visit)
    return found


def assert_on_the_page(path) -> None:
    """Every piece of text lies inside the page margins (a hanging 。or ） may pass by a little)."""
    spans = text_spans(path)
    assert spans
    for page, left, right, y, text, width, height in spans:
        assert MARGIN_X - 1 <= left and right <= width - MARGIN_X + 6, (page, text, left, right)
        assert 20 <= y <= height - 20, (page, text, y)  # the footer's baseline is 9 mm up


# --- what the poster says -----------------------------------------------------------------------

def test_a_finance_statement_poster(board, tmp_path):
    store = board.store
    statement = finance((tables.INCOME, "集体山林发包收入", "0.10"), (tables.INCOME, "利息", "0.20"),
                        (tables.EXPENSE, "办公费", "1,234.56"), opening="10,000")
    notice = posted(board, start=date(2026, 7, 1), days=7, table=statement, table_title="2026年6月收支明细")
    path = print_notice(store, tmp_path / "财务.pdf", notice["code"])
    pages = pages_of(path)
    assert len(pages) == 1
    text = squeezed(pages)
    for needle in ("2026年6月村级财务收支公开", "财务公开", "公开编号：GK0001", "现将收支情况公开如下。",
                   "2026年6月收支明细", "一、收入", "二、支出", "收入合计0.30", "支出合计1,234.56",
                   "上期结余10,000.00", "本期收入合计0.30", "本期支出合计1,234.56", "本期收支结余（收入－支出）-1,234.26",
                   "期末余额（上期结余＋本期收支结余）8,765.74", "公示期：2026年7月1日至2026年7月7日",
                   f"联系电话：{VILLAGE_PHONE}", "10日内答复", "油溪桥村村民委员会（盖章）", "村务监督委员会（盖章）",
                   "审核人（签字）：周监委", "负责人（签字）："):
        assert needle in text, needle
    assert "公示期：2026年7月1日至2026年7月7日" in pages[0]  # on one line, exactly so
    assert "草稿" not in text


@pytest.mark.slow
def test_a_recipient_list_of_300_masks_every_number_on_a4_and_a3(board, tmp_path):
    rows = recipients(300)
    body = f"{LONG_BODY[:300]}申请人刘某，身份证{rows[0]['id_number']}，手机13912345678。"
    notice = posted_list(board, rows, body=body)
    for size in ("A4", "A3"):
        path = print_notice(board.store, tmp_path / f"低保{size}.pdf", notice["id"], size=size)
        pages = pages_of(path)
        text = squeezed(pages)
        assert len(pages) > 3
        for row in rows:
            number = row["id_number"]
            assert number not in text and f"{number[:6]}********{number[-4:]}" in text
        assert not re.search(r"\d{15,}", text) and not re.search(r"1[3-9]\d{9}", text.replace(VILLAGE_PHONE, ""))
        assert "139****0299" in text and "139****5678" in text
        assert "序号姓名村民小组身份证号码金额（元）享受原因" in squeezed(pages[-1])
        listing = [page for page in pages if re.search(r"村民\d+", page)]
        assert len(listing) > 3 and all("身份证号码" in page for page in listing)  # the header on every page
        assert "合计共300人" in text and f"{sum(300 + n % 5 * 30 for n in range(300)) + 150:,}.00" in text
        assert "公示期：2026年7月1日至2026年7月9日" in text  # 7 working days from Wednesday 1 July
        assert_on_the_page(path)
    a4, a3 = (PdfReader(tmp_path / f"低保{s}.pdf") for s in ("A4", "A3"))
    assert round(float(a3.pages[0].mediabox.height)) == 1191 and round(float(a4.pages[0].mediabox.height)) == 842


@pytest.mark.slow
def test_a_long_body_wraps_and_runs_over_pages_on_a4_and_a3(board, tmp_path):
    notice = posted(board, start=date(2026, 7, 1), table=None, body=LONG_BODY, category="惠民政策",
                    title="关于做好2026年度城乡居民基本医疗保险参保缴费工作的通知（请各户户主认真阅读并相互转告）")
    for size in ("A4", "A3"):
        path = print_notice(board.store, tmp_path / f"长{size}.pdf", notice["code"], size=size)
        text = squeezed(pages_of(path))
        assert len(PdfReader(path).pages) >= 3
        assert "第1条：根据" in text and "第40条完。" in text and text.count("条完。") == 120
        assert_on_the_page(path)


def test_full_numbers_only_when_approved_and_then_said(board, tmp_path):
    store = board.store
    rows = recipients(3)
    notice = notices.create_notice(store, category="惠民政策", title="残疾人两项补贴名单公示",
                                   table=tables.recipient_list(store, rows))
    notices.allow_full_numbers(store, notice["id"], approved_by="王主任")
    notices.review_notice(store, notice["id"], reviewer_id=board.reviewer["id"])
    notices.post_notice(store, notice["id"], days=5)
    text = squeezed(pages_of(print_notice(store, tmp_path / "全号.pdf", notice["code"])))
    assert all(r["id_number"] in text for r in rows)
    assert f"本公示按规定完整公开身份证号码（经王主任于{notices.long_date(clock.today())}批准）" in text
    assert "13900000001" not in text and "139****0001" in text  # phones stay masked


def test_a_draft_and_a_notice_not_yet_posted(board, tmp_path):
    store = board.store
    notice = notices.create_notice(store, category="村务公开", title="关于“清洁庭院”评比结果的公示", body="名单如下。",
                                   table=tables.free_table(["户主", "得分"], [["张三", "96"]]))
    text = squeezed(pages_of(print_notice(store, tmp_path / "草稿.pdf", notice["id"])))
    assert "草稿：未经审核，不得张贴" in text and re.sub(r"\s+", "", BLANK_PERIOD) in text
    assert "审核人（签字）：村务监督" not in text and "户主得分张三96" in text
    notices.review_notice(store, notice["id"], reviewer_id=board.reviewer["id"])
    text = squeezed(pages_of(print_notice(store, tmp_path / "待张贴.pdf", notice["id"])))
    assert "草稿" not in text and re.sub(r"\s+", "", BLANK_PERIOD) in text and "审核人（签字）：周监委" in text


def test_a_correction_and_the_notice_it_replaced(board, tmp_path):
    store = board.store
    old = posted(board, start=date(2026, 7, 1))
    fix = notices.start_correction(store, old["id"])
    notices.update_notice(store, fix["id"], table=finance((tables.INCOME, "租金", "1,200")))
    notices.review_notice(store, fix["id"], reviewer_id=board.reviewer["id"])
    notices.post_notice(store, fix["id"])
    text = squeezed(pages_of(print_notice(store, tmp_path / "更正.pdf", fix["code"])))
    assert "（更正）2026年6月村级财务收支公开" in text
    assert "本公示是对GK0001《2026年6月村级财务收支公开》（2026年7月1日张贴）的更正，原公示同时作废。" in text
    text = squeezed(pages_of(print_notice(store, tmp_path / "原.pdf", old["code"])))
    assert "本公示已被GK0002更正替换，已作废，仅供存档" in text and "公示期：2026年7月1日至2026年7月7日" in text


def test_refusals_write_nothing(board, tmp_path, profiled_store):
    notice = posted(board)
    target = tmp_path / "x.pdf"
    with pytest.raises(UserError, match="纸张只能是 A4 或 A3"):
        print_notice(board.store, target, notice["code"], size="A5")
    with pytest.raises(UserError, match="没有编号为 GK0042 的公开事项"):
        print_notice(board.store, target, "GK0042")
    assert not target.exists()


def test_without_a_profile(store, tmp_path):
    with pytest.raises(UserError, match=NO_PROFILE):
        print_notice(store, tmp_path / "x.pdf", "GK0001")


# --- speed and size -----------------------------------------------------------------------------

def test_a_one_page_notice_is_small(board, tmp_path):
    notice = posted(board)
    path = print_notice(board.store, tmp_path / "one.pdf", notice["code"])
    assert len(PdfReader(path).pages) == 1
    assert path.stat().st_size < 300_000  # the font is embedded as a subset


@pytest.mark.slow
def test_a_list_of_2000_has_its_header_on_every_page(board, tmp_path):
    notice = posted_list(board, recipients(2000, phones=False))
    path = print_notice(board.store, tmp_path / "2000.pdf", notice["code"])
    pages = pages_of(path)
    listing = [page for page in pages if re.search(r"村民\d+", page)]
    assert len(listing) > 40 and all("身份证号码" in page for page in listing)
    assert "合计共2000人" in squeezed(listing[-1:])


# --- the command line ------------------------------------------------------------------------------

@pytest.fixture
def notice_db(tmp_path, monkeypatch):
    clock.set(TODAY)
    path = tmp_path / "notices.sqlite3"
    with open_store(path) as store:
        village.save_profile(store, village.Profile("油溪桥村", valid_uscc(), "天门乡", "新化县", "李文书",
                                                    VILLAGE_PHONE))
        board = build_village(store)
        posted_list(board, recipients(40))
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
@pytest.mark.parametrize("typed, size, height", [("GK0001", [], 842), ("1", ["--size", "a3"], 1191),
                                                  ("gk1", ["--size", "A3"], 1191)])
def test_print_notice_from_the_command_line(notice_db, tmp_path, capsys, typed, size, height):
    target = tmp_path / "公示.pdf"
    code, out, err = run(capsys, "print", "notice", typed, *size, "--db", str(notice_db), "-o", str(target))
    assert (code, err) == (0, "") and str(target) in out
    reader = PdfReader(target)
    assert round(float(reader.pages[0].mediabox.height)) == height
    assert "低保对象名单" in squeezed([p.extract_text() for p in reader.pages])


@pytest.mark.parametrize("typed", ["GK0099", "HY0001", "第一号"])
def test_a_bad_notice_id_is_one_line_on_stderr(notice_db, tmp_path, capsys, typed):
    target = tmp_path / "x.pdf"
    code, out, err = run(capsys, "print", "notice", typed, "--db", str(notice_db), "-o", str(target))
    assert code == 1 and out == "" and not target.exists()
    assert err.count("\n") == 1 and err.startswith("villagedesk: 没有编号为") and "GK0001" in err


def test_wrong_usage_exits_2(notice_db, tmp_path):
    with pytest.raises(SystemExit) as stop:
        main(["print", "notice", "GK0001", "--size", "A5", "--db", str(notice_db), "-o", str(tmp_path / "x.pdf")])
    assert stop.value.code == 2
    with pytest.raises(SystemExit) as stop:
        main(["print", "notice", "--db", str(notice_db), "-o", str(tmp_path / "x.pdf")])
    assert stop.value.code == 2


# --- what must not be posted, and a tail that would sit alone ---------------------------------

@pytest.mark.slow
def test_what_must_not_be_posted_is_marked_across_the_page_and_titled_so(board, tmp_path):
    store = board.store

    def printed(notice: dict, name: str) -> tuple[str, str]:
        path = print_notice(store, tmp_path / f"{name}.pdf", notice["id"])
        title = next(line.text for line in lines(path) if line.size == 24)
        return title, "".join(slanted_text(path))

    table = tables.free_table(["户主", "得分"], [["张三", "96"]])
    draft = notices.create_notice(store, category="村务公开", title="评比结果的公示", table=table)
    assert printed(draft, "草稿") == ("评比结果的公示（草稿）", "草稿 — 不得张贴")
    withdrawn = notices.create_notice(store, category="村务公开", title="会议通知", body="定于下周开会。")
    notices.archive_notice(store, withdrawn["id"], reason="会议改期")
    assert printed(withdrawn, "未审核") == ("会议通知（未审核）", "未审核 — 不得张贴")
    notices.review_notice(store, draft["id"], reviewer_id=board.reviewer["id"])
    assert printed(draft, "已审核") == ("评比结果的公示", "")  # the copy that goes up
    notices.archive_notice(store, draft["id"], reason="评比重新进行")
    assert printed(draft, "撤回") == ("评比结果的公示（已作废）", "已作废 — 不得张贴")
    old = posted(board, start=date(2026, 7, 1))
    fix = notices.start_correction(store, old["id"])
    notices.review_notice(store, fix["id"], reviewer_id=board.reviewer["id"])
    notices.post_notice(store, fix["id"])
    title, mark = printed(old, "被更正")
    assert title.endswith("（已作废）") and mark == "已作废 — 不得张贴"
    assert printed(fix, "更正")[1] == ""


def body_spacing(path) -> float:
    """The distance between the first two lines of the body (paragraphs of one line each)."""
    tops = [line.top for line in lines(path) if line.text.startswith("第") and line.text.endswith("项。")]
    return round(tops[1] - tops[0], 1)


@pytest.mark.slow
def test_a_tail_that_would_sit_alone_comes_back_with_a_slightly_tighter_setting(board, tmp_path):
    store = board.store
    notice = notices.create_notice(store, category="村务公开", title="关于村务的公示", body="第1项。")
    normal = tight = None
    for n in range(16, 40):
        notices.update_notice(store, notice["id"], body="\n".join(f"第{k}项。" for k in range(1, n + 1)))
        path = print_notice(store, tmp_path / f"{n}.pdf", notice["id"])
        pages = len(PdfReader(path).pages)
        spacing = body_spacing(path)
        if pages == 1 and spacing < 26 and tight is None:
            tight = (n, path)
        if pages == 2 and spacing == 26:
            normal = (n, path)
            break
    # One page longer than the normal setting holds, the tail still fits on the first page, set tighter...
    assert tight is not None and normal is not None and normal[0] > tight[0]
    found = lines(tight[1])
    assert "村务监督委员会（盖章）" in [line.text for line in found] and {line.size for line in found} >= {13, 24}
    # ...and a notice that overflows by more keeps the normal setting, its tail kept with its seals.
    last = [line.text for line in lines(normal[1]) if line.page == 2]
    assert "村务监督委员会（盖章）" in last and any("公示期" in text for text in last)
