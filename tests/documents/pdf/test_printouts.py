"""Every printout of the small demo, read back as a reader and a print shop see it (issue 19).

The demo village is printed once per module: every kind of printout, the notices in every state
(a draft, a reviewed one, posted ones, one archived unreviewed, one replaced by its correction,
the correction), the points board posted and not yet posted on A4 and A3, and the township summary.
Each PDF is read back with pdfplumber (tests/helpers/pdf_pages.py) and checked on structure, not
pixels: the title where and how large, page header and footer on every page, the fonts, the type
sizes of the board, the mark across a page that must not be posted; every font a page names is
embedded; no line begins with a closing mark or ends with an opening one (避头尾).
"""

from __future__ import annotations

import math
from functools import partial
from pathlib import Path

import pytest

from tests.conftest import TEST_DAY
from tests.core.township.test_merge import take, write
from tests.helpers.pdf_pages import Line, bad_line_starts, fonts_not_embedded, lines, slanted_text
from villagedesk import clock
from villagedesk.core.common import village
from villagedesk.core.home import charts
from villagedesk.core.notices import NoticeStatus
from villagedesk.core.points import ranking
from villagedesk.core.points.ledger import PeriodStatus
from villagedesk.core.township.summary import summary_periods
from villagedesk.demo.village import build_demo
from villagedesk.documents.pdf.households import print_households
from villagedesk.documents.pdf.keys import print_keys
from villagedesk.documents.pdf.minutes import minutes_title, print_minutes
from villagedesk.documents.pdf.notice import print_notice
from villagedesk.documents.pdf.ranking import print_ranking, type_sizes
from villagedesk.documents.pdf.report import print_report
from villagedesk.documents.pdf.requests import print_requests
from villagedesk.documents.pdf.roster import print_roster
from villagedesk.documents.pdf.slip import print_slip
from villagedesk.documents.pdf.statement import print_statement
from villagedesk.documents.pdf.summary import print_summary
from villagedesk.store import open_store

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

#: The only faces a printout may use: the bundled Chinese font and reportlab's Vera for Latin.
FACES = {"DroidSansFallback", "BitstreamVeraSans-Roman", "BitstreamVeraSans-Bold"}
NOT_FOR_POSTING = "不得张贴"


class Printout:
    """One printed file and what it is: its title, whether internal, and its state if it must not be posted."""

    def __init__(self, path: Path, village: str, title: str, *, internal: bool = False, unfit: str = "",
                 title_size: float = 18):
        self.path, self.village, self.title, self.internal = path, village, title, internal
        self.unfit, self.title_size = unfit, title_size
        self.lines = lines(path)
        self.pages = max(line.page for line in self.lines)

    def on(self, page: int) -> list[Line]:
        return [line for line in self.lines if line.page == page]


@pytest.fixture(scope="module")
def printed(tmp_path_factory, vd_app) -> dict[str, Printout]:
    clock.set(TEST_DAY)
    folder = tmp_path_factory.mktemp("printouts")
    out: dict[str, Printout] = {}
    try:
        with open_store(folder / "demo.sqlite3") as store:
            build_demo(store, size="small", seed=1)
            name = village.get_profile(store).full_name

            def add(key: str, printer, *args, title: str, **kw) -> None:
                options = {k: kw.pop(k) for k in ("internal", "unfit", "title_size") if k in kw}
                out[key] = Printout(printer(store, folder / f"{key}.pdf", *args, **kw), name, title, **options)

            add("households", print_households, title="村民花名册", internal=True)
            add("roster", print_roster, title="村“两委”成员花名册")
            add("roster internal", partial(print_roster, internal=True), internal=True, title="村“两委”成员花名册")
            final = store.scalar("SELECT max(id) FROM meetings WHERE status = '已定稿'")
            add("minutes", print_minutes, final, internal=True,
                title=minutes_title(store.row("SELECT * FROM meetings WHERE id = ?", (final,))))
            add("requests", print_requests, "2026-Q3", title="2026年第三季度民情台账", internal=True)
            from villagedesk.ui.home.report_images import report_images  # loads Qt: the report's charts

            add("report", print_report, "2026-10", images=report_images(store, charts.month("2026-10").code),
                title=f"{village.get_profile(store).name}月度村务报告")
            posted = store.scalar("SELECT max(period) FROM point_periods WHERE status != ?", (PeriodStatus.OPEN,))
            for size, scale in (("A4", 1 / math.sqrt(2)), ("A3", 1.0)):
                add(f"board posted {size}", print_ranking, posted, size=size, title="2026年第三季度积分公示榜",
                    title_size=36 * scale)
                add(f"board open {size}", print_ranking, "2026-Q4", size=size, unfit="核对稿",
                    title="2026年第四季度积分公示榜（核对稿）", title_size=36 * scale)
            add("board year", print_ranking, "2026", title="2026年积分公示榜（核对稿）", unfit="核对稿",
                title_size=36 / math.sqrt(2))

            def notice(where: str, *args) -> dict:
                return store.row(f"SELECT id, title FROM notices WHERE {where} ORDER BY id DESC LIMIT 1", args)

            for key, row, unfit in (
                    ("notice draft", notice("status = ?", NoticeStatus.DRAFT), "草稿"),
                    ("notice reviewed", notice("status = ?", NoticeStatus.REVIEWED), ""),
                    ("notice posted", notice("status = ?", NoticeStatus.POSTED), ""),
                    ("notice archived unreviewed", notice("status = ? AND reviewed_on IS NULL", NoticeStatus.ARCHIVED),
                     "未审核"),
                    ("notice replaced", notice("status = ?", NoticeStatus.REPLACED), "已作废"),
                    ("notice correction", notice("replaces_id IS NOT NULL"), ""),
                    ("notice archived after posting", notice("status = ? AND posted_on IS NOT NULL",
                                                             NoticeStatus.ARCHIVED), "")):
                assert row is not None, key
                add(key, print_notice, row["id"], title=row["title"] + (f"（{unfit}）" if unfit else ""),
                    unfit=unfit, title_size=24)
            listed = notice("table_kind = '名单'")
            add("notice list A3", print_notice, listed["id"], size="A3", title=listed["title"], title_size=24 * 1.4)
            house = store.scalar("SELECT h.code FROM households h JOIN point_entries e ON e.household_id = h.id "
                                 "GROUP BY h.id ORDER BY count(*) DESC LIMIT 1")
            add("statement", print_statement, house, "2026", title="积分明细")
            add("slip", print_slip, str(store.scalar("SELECT max(id) FROM redemptions")), title="积分兑换单")
            add("keys", print_keys, title="密钥指纹登记表")
    finally:
        clock.set(None)
    return out


def test_every_font_any_printout_names_is_embedded(printed):
    for printout in printed.values():
        assert fonts_not_embedded(printout.path) == set(), printout.path.name


def test_the_township_summary(village_db, township_db, stick, tmp_path):
    """The one printout of a township, from a township that took the package of a village."""
    take(township_db, write(village_db, stick))
    with open_store(township_db, write=False) as store:
        path = print_summary(store, tmp_path / "summary.pdf", summary_periods(clock.today())[0].code)
    assert fonts_not_embedded(path) == set()
    assert bad_line_starts(path) == []
    assert_structure(Printout(path, "新化县天门乡", "各村村务汇总表"))  # the township of tests/conftest.py


def test_no_line_of_any_printout_begins_with_a_closing_mark(printed):
    for printout in printed.values():
        assert bad_line_starts(printout.path) == [], printout.path.name


def test_every_printout_has_its_title_header_and_footer_on_every_page(printed):
    for printout in printed.values():
        assert_structure(printout)


def assert_structure(printout: Printout) -> None:
    """The title where and how large, the header and footer on every page, only the bundled faces."""
    name = printout.path.name
    first = printout.on(1)
    title = next(line for line in first if line.size > 12 and printout.title.startswith(line.text))
    # The title opens the first page under the header band, centred, in the printout's title size.
    assert title.top < 130 and abs(title.centre - title.page_width / 2) < 2, name
    assert title.size == pytest.approx(printout.title_size, abs=0.5), name
    for page in range(1, printout.pages + 1):
        top = [line.text for line in printout.on(page) if line.top < 40]
        bottom = [line.text for line in printout.on(page) if line.top > line.page_height - 40]
        assert printout.village in top and any(t.startswith(printout.title[:8]) for t in top), (name, page, top)
        assert f"第{page}页共{printout.pages}页" in bottom, (name, page, bottom)
        assert ("内部资料注意保管" in bottom) == printout.internal, (name, page)
    assert {font for line in printout.lines for font in line.fonts} <= FACES, name


def test_what_must_not_be_posted_is_marked_across_every_page_and_in_its_title(printed):
    for printout in printed.values():
        name = printout.path.name
        marks = slanted_text(printout.path)
        if printout.unfit:
            assert marks == [f"{printout.unfit} — {NOT_FOR_POSTING}"] * printout.pages, name
            assert printout.title.endswith(f"（{printout.unfit}）"), name
        else:
            assert marks == [""] * printout.pages, name
            assert not any(NOT_FOR_POSTING in line.text for line in printout.lines), name


def test_the_board_is_legible_where_it_hangs(printed):
    for size in ("A3", "A4"):
        title, red, table = type_sizes(size)
        if size == "A3":
            assert (title, red, table) == (36, 20, 14)
        else:  # the same board at 1/√2, never smaller
            assert (title, red, table) >= (36 / math.sqrt(2), 20 / math.sqrt(2), 14 / math.sqrt(2))
        for state in ("posted", "open"):
            board = printed[f"board {state} {size}"]
            body = [line for line in board.lines
                    if 40 < line.top < line.page_height - 40 and not line.text.startswith("完整校验值")]
            assert max(line.size for line in body) == title
            # Every line below the title block, table rows included, at least the table size.
            assert min(line.size for line in body if line.text != board.village) >= table - 0.01, (size, state)


def test_the_red_board_names_who_its_caption_counts(printed, tmp_path):
    for size in ("A3", "A4"):
        board = printed[f"board posted {size}"]
        red_size = type_sizes(size)[1]
        caption = next(line for line in board.lines if line.text.startswith("红榜（"))
        black = next(line for line in board.lines if line.text.startswith("黑榜（"))
        assert black.page == caption.page
        below = [line for line in board.on(caption.page) if caption.top < line.top < black.top]
        assert below[0].text == "名次" and below[0].size == red_size
        # The rows under the caption in the red board's own type size: the header, then one a household.
        count = int(caption.text.removeprefix("红榜（本期得分最高的").split("户")[0])
        assert len({round(line.top) for line in below if line.size == red_size}) - 1 == count
        # The 黑榜 rows are in the table size: rows of their own heights.
        black_rows = [line for line in board.on(black.page) if line.top > black.top]
        assert black_rows[0].size == type_sizes(size)[2]
    with open_store(printed["board posted A4"].path.parent / "demo.sqlite3", write=False) as store:
        standings = ranking.ranking(store, "2026-Q3")
    red = ranking.red_board(standings, 10)
    assert count == len(red.shown) and count >= 10
    tie = "，含并列" if count > 10 else ""
    assert caption.text == f"红榜（本期得分最高的{count}户{tie}）"


def test_notice_titles_never_leave_one_character_alone(printed):
    for printout in printed.values():
        title_lines = [line for line in printout.on(1) if line.size == printout.title_size and line.top < 200]
        assert all(len(line.text) >= 2 for line in title_lines), printout.path.name
