"""避头尾: Chinese lines never begin with a closing mark nor end with an opening one, in paragraphs and cells."""

from __future__ import annotations

import pytest
from reportlab.lib.textsplit import ALL_CANNOT_START
from reportlab.platypus import Paragraph as PlainParagraph

from villagedesk.documents.pdf.base import BODY, TITLE, Paragraph, data_table, markup, para, register_fonts
from villagedesk.documents.pdf.linebreak import CANNOT_END, CANNOT_START, may_break

CLOSING = "，。、；：？！）》」』】〕”’"
OPENING = "（《「『【〔“‘"


def wrapped(paragraph, width: float) -> list[str]:
    """The lines ``paragraph`` breaks into at ``width`` points."""
    paragraph.wrap(width, 1e6)
    return ["".join(getattr(w, "text", "") for w in line.words) for line in paragraph.blPara.lines]


def at_every_width(text: str, style=BODY, widths=range(60, 400, 7)) -> list[list[str]]:
    register_fonts()
    return [wrapped(Paragraph(markup(text), style), width) for width in widths]


SENTENCE = ("经村民代表会议讨论，同意修缮杨家湾水渠（长约120米），由第一、第二村民小组投工投劳；"
            "所需水泥、砂石由村集体出资：共计3,450.00元。请大家于11月20日前到村部（“为民服务站”）报名！")


def test_the_librarys_list_lacks_the_full_width_comma_and_its_wrap_lets_one_start_a_line():
    """Why linebreak.py exists: reportlab's own CJK wrap puts ，：； at the start of lines."""
    assert "，" not in ALL_CANNOT_START and "：" not in ALL_CANNOT_START
    register_fonts()
    starts = {line[0] for width in range(60, 400, 7)
              for line in wrapped(PlainParagraph(markup(SENTENCE), BODY), width)[1:] if line}
    assert starts & set(CLOSING)


def test_no_line_begins_with_a_closing_mark_or_ends_with_an_opening_one_at_any_width():
    for lines in at_every_width(SENTENCE):
        assert "".join(lines) == SENTENCE.replace(" ", "")
        for line in lines[1:]:
            assert line[0] not in CLOSING, lines
        for line in lines[:-1]:
            assert line[-1] not in OPENING, lines


def test_numbers_and_latin_words_are_kept_whole_where_the_line_allows():
    text = "本期共有积分记录 18658 条，台账末条校验值为 d9a832ad8506787c，请核对。"
    for lines in at_every_width(text, widths=range(120, 400, 5)):
        joined = "|".join(lines)
        assert "18658" in joined.replace("|", "") and "1|8658" not in joined and "186|58" not in joined


def test_a_long_run_without_a_lawful_break_still_breaks():
    lines = at_every_width("校验值：" + "d9a832ad8506787c" * 6, widths=[100])[0]
    assert len(lines) > 3 and all(lines)


def test_the_rules_cover_the_chinese_marks():
    assert set(CLOSING) <= CANNOT_START and set(OPENING) <= CANNOT_END
    assert not may_break("水", "，") and not may_break("（", "长") and may_break("水", "渠")
    assert not may_break("—", "—") and not may_break("…", "…")


@pytest.mark.parametrize("title", ["2025年农村最低生活保障对象名单公示", "关于召开村民代表会议的通知（未审核）",
                                   "村部至杨家湾道路硬化工程竣工验收公示（已作废）"])
def test_a_title_never_leaves_one_character_on_its_last_line(title):
    register_fonts()
    for width in range(150, 500, 3):
        lines = wrapped(Paragraph(markup(title), TITLE), width)
        assert all(len(line) >= 2 for line in lines), (width, lines)
        if len(lines) == 2:  # balanced: the lines are about as long as each other
            assert abs(len(lines[0]) - len(lines[1])) <= 3, (width, lines)


def test_table_cells_wrap_by_the_same_rules():
    register_fonts()
    table = data_table(["事项", "说明"], [["修缮水渠", SENTENCE]] * 3, [40, 100])
    for width in range(150, 420, 9):
        table.wrap(width, 1e6)
        cell = table._data.cells[0][1]
        lines = wrapped(cell, table._data.widths[1] - 6)
        assert all(line[0] not in CLOSING for line in lines[1:]), lines


def test_para_makes_the_rule_following_paragraph():
    assert isinstance(para("，"), Paragraph)
