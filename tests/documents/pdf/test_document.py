"""The page frame every printout shares: the mark on what must not be posted, headings kept with what
follows them, and laying a story out in memory to count its pages."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from reportlab.platypus import KeepTogether, Spacer

from tests.helpers.pdf_pages import lines, slanted_text
from villagedesk.core.common import village
from villagedesk.documents.pdf.base import (
    BODY,
    HEADING,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    TITLE,
    NotForPosting,
    build_pdf,
    count_pages,
    data_table,
    para,
)


def story(gap: float) -> list:
    """A paragraph, ``gap`` points of nothing, a heading and a long table under it."""
    rows = [[n, f"第{n}户", "已审核"] for n in range(1, 40)]
    return [para("说明文字。", BODY), Spacer(1, gap), para("全村排名", HEADING),
            data_table(["序号", "户", "状态"], rows)]


def test_every_page_of_a_printout_not_for_posting_is_marked_and_titled(profiled_store, tmp_path):
    profile = village.get_profile(profiled_store)
    path = build_pdf(tmp_path / "proof.pdf", title="积分公示榜", profile=profile, story=story(600),
                     unfit=NotForPosting.PROOF)
    pages = len(PdfReader(path).pages)
    assert pages >= 2 and slanted_text(path) == ["核对稿 — 不得张贴"] * pages
    assert PdfReader(path).metadata.title == "积分公示榜（核对稿）"
    found = lines(path)
    assert any(line.text == "积分公示榜（核对稿）" and line.size == 18 for line in found)
    assert all(any(line.page == n and line.top < 40 and line.text == "积分公示榜（核对稿）" for line in found)
               for n in range(1, pages + 1))
    plain = build_pdf(tmp_path / "plain.pdf", title="积分公示榜", profile=profile, story=story(0))
    assert set(slanted_text(plain)) == {""}


@pytest.mark.slow
def test_a_heading_never_ends_a_page_alone(profiled_store, tmp_path):
    profile = village.get_profile(profiled_store)
    # An A4 page's frame less the title (24 + 4) and the paragraph (16 + 4) above the gap.
    room = 842 - MARGIN_TOP - MARGIN_BOTTOM - 28 - 20
    # The heading lands ever lower on the first page, till it would sit alone at its foot.
    heading_pages = set()
    for gap in range(int(room) - 110, int(room), 8):
        path = build_pdf(tmp_path / f"{gap}.pdf", title="排名", profile=profile, story=story(gap))
        found = lines(path)
        heading = next(line for line in found if line.text == "全村排名")
        first_row = next(line for line in found if line.text == "第1户")
        assert heading.page == first_row.page, gap
        heading_pages.add(heading.page)
        # Pushed over only when no row fits under it: the page before keeps what fits.
        assert count_pages([para("排名", TITLE), *story(gap)]) == len(PdfReader(path).pages)
    assert heading_pages == {1, 2}  # kept on the first page with rows under it while any fit


def test_a_heading_goes_with_a_block_kept_together(profiled_store, tmp_path):
    """platypus would leave the heading behind when the KeepTogether after it moves on."""
    profile = village.get_profile(profiled_store)
    block = KeepTogether([para(f"第{n}行说明。", BODY) for n in range(8)])
    path = build_pdf(tmp_path / "block.pdf", title="说明", profile=profile,
                     story=[Spacer(1, 600), para("填表说明", HEADING), block])
    found = lines(path)
    assert next(ln for ln in found if ln.text == "填表说明").page == next(
        ln for ln in found if ln.text == "第0行说明。").page == 2
