"""PDF printouts, checked by reading the real files back with pypdf."""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ByteStringObject, ContentStream, TextStringObject
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from villagedesk import clock
from villagedesk.core.common import ids, records, village
from villagedesk.core.common.dates import chinese_date
from villagedesk.core.register import people
from villagedesk.documents.pdf import base
from villagedesk.documents.pdf.households import print_households
from villagedesk.documents.pdf.messages import NO_PROFILE
from villagedesk.errors import Cancelled, UserError

USCC17 = "12430522MA4L00001"


@pytest.fixture
def profile(store):
    return village.save_profile(store, village.Profile(
        name="油溪桥村", code=USCC17 + ids.uscc_check_char(USCC17), township="油溪乡",
        county="新化县", clerk="李文书", phone="13812345678"))


@pytest.fixture
def family(store, profile):
    """Two households entered through core.people, as the window would."""
    h1 = people.add_household(store, code="HH001", group_name="第一村民小组",
                              address="上屋场12号", phone="0738-3456789")
    people.add_person(store, h1["id"], name="张三丰", relation="户主", ethnicity="汉族",
                      id_number=ids.make_id_number("430522", date(1962, 3, 4), 11),
                      phone="13912345678", education="初中", political="中共党员")
    people.add_person(store, h1["id"], name="李秀英", relation="配偶", ethnicity="苗族",
                      id_number=ids.make_id_number("430522", date(1965, 5, 6), 22), education="小学")
    people.add_person(store, h1["id"], name="张䶮", relation="子", birth_date="1990-01-02")
    h2 = people.add_household(store, code="HH002", group_name="第二村民小组", address="下屋场3号")
    people.add_person(store, h2["id"], name="欧阳维吾尔", relation="户主", ethnicity="维吾尔族",
                      phone="0738-12345678")
    return h1, h2


def bulk(store, households: int, per_household: int, start: int = 1) -> None:
    """A big village fast: straight inserts, valid and unique ID numbers."""
    houses = records.insert_many(store, "households", [
        {"code": f"HH{i:04d}", "group_name": f"第{i % 8 + 1}村民小组", "address": f"第{i % 8 + 1}组{i}号",
         "phone": f"0738-{3000000 + i}"} for i in range(start, start + households)])
    rows = []
    for n, house in enumerate(houses):
        for k in range(per_household):
            serial = n * per_household + k
            born = date(1940 + serial % 60, 1 + serial % 12, 1 + serial % 28)
            rows.append({"code": f"{house['code']}-P{k + 1:02d}", "household_id": house["id"],
                         "name": "王" + "一二三四五六七八九十"[k % 10] + str(start + n),
                         "relation": "户主" if k == 0 else "子", "ethnicity": "汉族",
                         "birth_date": born.isoformat(),
                         "id_number": ids.make_id_number(f"{430500 + serial // 1000:06d}", born, serial % 1000),
                         "phone": f"139{serial:08d}", "education": "初中", "political": "群众"})
    records.insert_many(store, "persons", rows)


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def _to_unicode(font) -> dict[int, str]:
    """A PDF font's ToUnicode map: character code -> text."""
    data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    found = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            found[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be")
    return found


def pdf_fonts(path: Path) -> dict[str, dict]:
    fonts = {}
    for page in PdfReader(path).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"])] = font
    return fonts


def drawn_characters(path: Path) -> dict[str, set[str]]:
    """Per font (BaseFont), the characters the page content really shows with it."""
    reader = PdfReader(path)
    drawn: dict[str, set[str]] = {}
    for page in reader.pages:
        fonts = {str(k): v.get_object() for k, v in page["/Resources"]["/Font"].items()}
        maps = {k: _to_unicode(f) for k, f in fonts.items()}
        current = None
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"Tf":
                current = str(operands[0])
                continue
            if op in (b"Tj", b"'", b'"'):
                strings = [operands[-1]]
            elif op == b"TJ":
                strings = [x for x in operands[0] if isinstance(x, (ByteStringObject, TextStringObject))]
            else:
                continue
            base_font = str(fonts[current]["/BaseFont"])
            for s in strings:
                raw = s.original_bytes if isinstance(s, TextStringObject) else bytes(s)
                drawn.setdefault(base_font, set()).update(maps[current][b] for b in raw)
    return drawn


# --- the household register -------------------------------------------------

def test_register_prints_people_title_village_and_page_numbers(tmp_path, store, family):
    out = print_households(store, tmp_path / "名册.pdf")
    pages = page_texts(out)
    n = len(pages)
    text = "\n".join(pages)
    for expected in ("村民花名册", "新化县油溪乡油溪桥村", "张三丰", "李秀英", "张䶮", "欧阳维吾尔", "维吾尔族",
                     "430522196203040110"[:6], ids.make_id_number("430522", date(1962, 3, 4), 11),
                     "13912345678", "0738-12345678", "上屋场12号", "中共党员", "HH001-P01",
                     "合计：2 户，4 人", "制表人：李文书"):
        assert expected in text, expected
    for k, page in enumerate(pages, 1):
        assert f"第 {k} 页 共 {n} 页" in page
        assert "内部资料 注意保管" in page
        assert f"打印日期：{chinese_date(clock.today())}" in page
    assert "？" not in text  # every character had a glyph
    info = PdfReader(out).metadata
    assert info.title == "村民花名册" and info.author == "新化县油溪乡油溪桥村"


def test_register_is_landscape(tmp_path, store, family):
    page = PdfReader(print_households(store, tmp_path / "r.pdf")).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)


def test_fonts_are_embedded_and_have_every_glyph_they_draw(tmp_path, store, family):
    out = print_households(store, tmp_path / "r.pdf")
    fonts = pdf_fonts(out)
    assert fonts
    for basefont, font in fonts.items():
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), basefont  # embedded TrueType
    originals = {}
    for name in (base.FONT, base.LATIN, base.LATIN_BOLD):
        face = pdfmetrics.getFont(name).face
        originals[face.name.decode()] = face.charToGlyph
    drawn = drawn_characters(out)
    for basefont, chars in drawn.items():
        original = originals[basefont.split("+", 1)[1]]  # after the subset tag, e.g. /AAAAAA+
        missing = {c for c in chars if ord(c) not in original}
        assert not missing, f"{basefont} shows characters it has no glyph for: {missing}"
    everything = set().union(*drawn.values())
    # Digits and Chinese both drawn, each from a font that has them.
    assert {"0", "7", "-", "张", "䶮", "第"} <= everything


def test_character_no_font_has_prints_as_question_mark_with_a_note(tmp_path, store, profile):
    rare = "\U00020000"  # CJK Extension B: not in the bundled font
    assert base.uncovered("张" + rare) == {rare}
    house = people.add_household(store, code="HH001")
    people.add_person(store, house["id"], name="张" + rare, relation="户主")
    text = "\n".join(page_texts(print_households(store, tmp_path / "r.pdf")))
    assert "张？" in text and rare not in text
    assert "HH001-P01 的姓名或住址中有本机字体没有的生僻字" in text


def test_household_codes_print_in_number_order(tmp_path, store, profile):
    for code in ("HH1000", "HH101", "HH100"):
        people.add_household(store, code=code)
    text = "\n".join(page_texts(print_households(store, tmp_path / "r.pdf")))
    assert text.index("HH100　") < text.index("HH101　") < text.index("HH1000　")


def test_empty_household_and_missing_head_are_shown(tmp_path, store, profile):
    people.add_household(store, code="HH001")
    text = "\n".join(page_texts(print_households(store, tmp_path / "r.pdf")))
    assert "户主：（未登记）" in text and "（无成员）" in text and "合计：1 户，0 人" in text


def test_archived_people_only_on_request(tmp_path, store, family):
    h1, h2 = family
    people.archive_household(store, h2["id"], "整户迁出")
    plain = "\n".join(page_texts(print_households(store, tmp_path / "a.pdf")))
    assert "欧阳维吾尔" not in plain and "HH002" not in plain and "合计：1 户，3 人" in plain
    full = "\n".join(page_texts(print_households(store, tmp_path / "b.pdf", include_archived=True)))
    assert "欧阳维吾尔" in full and "已归档：整户迁出" in full and "备注" in full
    assert "另列已归档 1 户、1 人" in full


@pytest.mark.slow
def test_long_register_repeats_header_and_keeps_households_on_one_page(tmp_path, store, profile):
    bulk(store, 60, 5)
    pages = page_texts(print_households(store, tmp_path / "r.pdf"))
    assert len(pages) >= 4
    seen = set()
    for text in pages:
        assert "人员编号" in text and "身份证号" in text  # the column header on every page
        for code in set(re.findall(r"\bHH\d{4}(?!-)", text)):
            members = {f"{code}-P{k:02d}" for k in range(1, 6)}
            assert all(m in text for m in members), f"{code} split across pages"
            seen.add(code)
    assert len(seen) == 60
    assert "合计：60 户，300 人" in pages[-1]


def test_register_stays_inside_the_page(tmp_path, store, family):
    # A very long address and name must wrap inside the table, not run off the paper.
    house = people.add_household(store, code="HH003", address="很长的地址" * 40)
    people.add_person(store, house["id"], name="欧阳" + "长" * 18, relation="户主")
    reader = PdfReader(print_households(store, tmp_path / "r.pdf"))
    xs = []
    for page in reader.pages:
        width = float(page.mediabox.width)

        def visit(text, cm, tm, font, size, xs=xs):
            if text.strip():
                xs.append(tm[4] * cm[0] + cm[4])

        page.extract_text(visitor_text=visit)
    assert xs and min(xs) >= base.MARGIN_X - 1 and max(xs) < width - base.MARGIN_X
    text = "".join(p.extract_text() for p in reader.pages).replace("\n", "")
    assert "很长的地址" * 40 in text.replace(" ", "")


def test_missing_profile_is_a_user_error_and_writes_nothing(tmp_path, store):
    with pytest.raises(UserError) as err:
        print_households(store, tmp_path / "r.pdf")
    assert str(err.value) == NO_PROFILE
    assert not (tmp_path / "r.pdf").exists()


@pytest.mark.slow
def test_register_of_10k_scale_is_linear(tmp_path, store, profile):
    # 2,000 people; quadratic table splitting took minutes at this size.
    bulk(store, 500, 4)
    out = print_households(store, tmp_path / "r.pdf")
    reader = PdfReader(out)
    assert len(reader.pages) > 50
    last = reader.pages[-1].extract_text()
    assert "合计：500 户，2000 人" in last and "HH0500-P04" in last


# --- atomic writing, progress, errors ----------------------------------------

def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_cancel_leaves_no_file_and_keeps_the_older_one(tmp_path, store, profile):
    bulk(store, 40, 3)
    out = tmp_path / "r.pdf"
    calls = []

    def cancel_midway(done, total):
        calls.append(done)
        if done > total // 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        print_households(store, out, progress=cancel_midway)
    assert not out.exists() and not _leftovers(tmp_path)
    assert calls[0] == 0 and len(calls) > 2

    out.write_bytes(b"older printout")
    with pytest.raises(Cancelled):
        print_households(store, out, progress=cancel_midway)
    assert out.read_bytes() == b"older printout" and not _leftovers(tmp_path)


def test_cancel_at_the_very_end_still_leaves_nothing(tmp_path, store, family):
    out = tmp_path / "r.pdf"

    def cancel_when_done(done, total):
        if done == total:
            raise Cancelled

    with pytest.raises(Cancelled):
        print_households(store, out, progress=cancel_when_done)
    assert not out.exists() and not _leftovers(tmp_path)


def test_progress_runs_from_zero_to_total(tmp_path, store, profile):
    bulk(store, 30, 3)
    calls = []
    print_households(store, tmp_path / "r.pdf", progress=lambda d, t: calls.append((d, t)))
    totals = {t for _, t in calls}
    assert len(totals) == 1 and totals.pop() >= 120  # 30 household rows + 90 people
    done = [d for d, _ in calls]
    assert done[0] == 0 and done[-1] == calls[-1][1] and done == sorted(done)
    assert len(set(done)) > 3  # moves during the layout, not only at the ends


def test_a_failing_build_keeps_the_older_file(tmp_path, profile):
    class Broken(Flowable):
        def wrap(self, aw, ah):
            raise RuntimeError("boom")

    out = tmp_path / "r.pdf"
    out.write_bytes(b"older printout")
    with pytest.raises(RuntimeError):
        base.build_pdf(out, title="测试", profile=profile, story=[base.para("正文"), Broken()])
    assert out.read_bytes() == b"older printout" and not _leftovers(tmp_path)


def test_missing_folder_is_a_user_error(tmp_path, profile):
    with pytest.raises(UserError, match="文件夹不存在"):
        base.build_pdf(tmp_path / "nope" / "r.pdf", title="测试", profile=profile, story=[])


def test_path_that_is_a_folder_is_a_user_error(tmp_path, profile):
    with pytest.raises(UserError, match="是一个文件夹"):
        base.build_pdf(tmp_path, title="测试", profile=profile, story=[])


@pytest.mark.skipif(not sys.platform.startswith("linux") or not os.path.isdir("/sys/kernel"),
                    reason="needs a folder even root cannot write into")
def test_unwritable_folder_is_a_user_error(profile):
    with pytest.raises(UserError, match="无法在文件夹 /sys 中写入文件"):
        base.build_pdf("/sys/r.pdf", title="测试", profile=profile, story=[])


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_folder_is_a_user_error(tmp_path, profile):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(UserError, match="无法在文件夹"):
            base.build_pdf(folder / "r.pdf", title="测试", profile=profile, story=[])
    finally:
        folder.chmod(0o700)


# --- the shared pieces --------------------------------------------------------

def test_data_table_wraps_long_text_and_escapes_markup(tmp_path, profile):
    rows = [[i, "A<B & C>" if i == 0 else f"第{i}行", "长文本，" * 60 if i == 1 else "短"] for i in range(120)]
    table = base.data_table(["序号", "名称", "说明"], rows, [1, 2, 3], align=["RIGHT", "LEFT", "LEFT"])
    out = base.build_pdf(tmp_path / "t.pdf", title="测试表", subtitle="副标题", profile=profile,
                         story=lambda: [table], internal=False)
    pages = page_texts(out)
    text = "".join(pages).replace("\n", "")
    assert "A<B & C>" in text and "长文本，" * 60 in text and "第119行" in text and "副标题" in text
    assert len(pages) >= 3 and all("序号" in p for p in pages)
    assert "内部资料" not in text


def test_data_table_sizes_columns_from_content(profile):
    table = base.data_table(["编号", "说明"], [["1", "很长的说明文字" * 5], ["2", "短"]])
    table.wrap(500, 800)
    narrow, wide = table._data.widths
    assert narrow < 60 < wide and abs(narrow + wide - 500) < 0.01


def test_bold_markup_stays_in_the_embedded_fonts(tmp_path, profile):
    story = [base.para("普通"), base.Paragraph("<b>" + base.markup("加粗2026", bold=True) + "</b>", base.BODY)]
    out = base.build_pdf(tmp_path / "b.pdf", title="加粗", profile=profile, story=story)
    names = set(pdf_fonts(out))
    assert names and not any("Helvetica" in n for n in names)
    assert any("VeraSans-Bold" in n for n in names)  # <b> digits use Vera Bold


def test_group_taller_than_a_page_breaks_instead_of_failing(tmp_path, profile):
    rows = [base.Section("第一组")] + [[i, "三行文字，" * 30] for i in range(25)] + [base.Section("第二组"), [99, "末行"]]
    table = base.data_table(["序号", "内容"], rows, [1, 4])
    pages = page_texts(base.build_pdf(tmp_path / "t.pdf", title="大组", profile=profile, story=[table]))
    text = "".join(pages)
    assert len(pages) >= 2 and "第二组" in text and "末行" in text
    assert "第一组" in pages[0]  # not pushed off a blank first page


def test_row_taller_than_a_page_is_broken_inside(tmp_path, profile):
    table = base.data_table(["序号", "内容"], [[1, "很长的一段说明。" * 700], [2, "下一行"]], [1, 6])
    pages = page_texts(base.build_pdf(tmp_path / "t.pdf", title="长行", profile=profile, story=[table]))
    assert len(pages) >= 2 and "下一行" in pages[-1]
    assert "很长的一段说明" in pages[0]  # starts under the title, no blank first page


def test_empty_village_prints_a_register_with_zero_totals(tmp_path, store, profile):
    text = "\n".join(page_texts(print_households(store, tmp_path / "r.pdf")))
    assert "尚未登记任何户" in text and "合计：0 户，0 人" in text
