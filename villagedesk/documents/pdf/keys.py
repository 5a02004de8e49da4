"""密钥指纹登记表: this database's fingerprints on one A4 page, signed and kept in the paper file.

A fingerprint is what two people compare to know a key is the right one
(docs/PACKAGES.md, "The township card"): the township reads its card's fingerprint to the
villages, a village's signing key is pinned by the township on its first
package.  The sheet puts them on paper, large and in even columns so that a
clerk can read them out group by group, with the card the database trusts (a village's
township card, a township's county card: docs/PACKAGES.md "The county card") and any it
replaced, and lines for the two people who checked them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

import psycopg
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer

from villagedesk import clock
from villagedesk.core.common import village
from villagedesk.core.county.keys import card_fingerprint, township_keys
from villagedesk.core.county.profile import county_name
from villagedesk.core.township import keys
from villagedesk.core.township.merge import is_township
from villagedesk.documents.pdf import messages
from villagedesk.documents.pdf.base import (
    BODY,
    LATIN_BOLD,
    Progress,
    Table,
    TableStyle,
    build_pdf,
    cell_style,
    data_table,
    para,
    register_fonts,
)
from villagedesk.errors import UserError
from villagedesk.store import Store

TITLE = "密钥指纹登记表"
_GREY = colors.HexColor("#555555")
_SHADE = colors.HexColor("#eeeeee")


class Fingerprint(Flowable):
    """A fingerprint in large bold letters, two lines of four groups, every character in a cell of one width.

    The bundled fonts have no monospaced face (and reportlab's Courier is not embedded),
    so the columns are made here: each character is centred in its cell by the spacing
    (Tc) around it, in one line of text per row that a PDF reader extracts as it is
    printed.  Two rows of four groups, as a clerk reads them out.
    """

    SIZE: float = 22
    GROUPS_PER_LINE = 4
    ALPHABET = "0123456789ABCDEF"  # the characters a cell must hold

    def __init__(self, text: str, size: float = SIZE):
        super().__init__()
        self.SIZE = size
        register_fonts()  # the widths below are the registered font's
        groups = text.split()
        self.lines = [" ".join(groups[i:i + self.GROUPS_PER_LINE])
                      for i in range(0, len(groups), self.GROUPS_PER_LINE)] or [""]
        self.cell = max(stringWidth(ch, LATIN_BOLD, self.SIZE) for ch in self.ALPHABET) + 3
        self.gap = self.cell * 0.8  # between groups

    def _width(self, ch: str) -> float:
        return self.gap if ch == " " else self.cell

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = self.SIZE * (1.4 * len(self.lines) + 0.8)
        return available_width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setFillColor(_SHADE)
        canv.setStrokeColor(_GREY)
        canv.setLineWidth(0.6)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        canv.setFillColor(colors.black)
        for row, text in enumerate(self.lines):
            y = self.height - self.SIZE * (1.4 * row + 1.35)
            total = sum(self._width(ch) for ch in text)
            glyphs = [stringWidth(ch, LATIN_BOLD, self.SIZE) for ch in text]
            line = canv.beginText((self.width - total) / 2 + (self._width(text[0]) - glyphs[0]) / 2, y)
            line.setFont(LATIN_BOLD, self.SIZE)
            for n, ch in enumerate(text):
                # Tc adds its space after the glyph: the rest of this cell, then the start of the next one.
                after = (self._width(ch) - glyphs[n]) / 2
                if n + 1 < len(text):
                    after += (self._width(text[n + 1]) - glyphs[n + 1]) / 2
                line.setCharSpace(after)
                line.textOut(ch)
            line.setCharSpace(0)
            canv.drawText(line)
        canv.restoreState()


def facts_table(rows: list[tuple[str, str]], width: float) -> Table:
    label, value = cell_style(10.5), cell_style(10.5)
    table = Table([[para(a, label), para(b, value)] for a, b in rows], colWidths=[width * 0.3, width * 0.7],
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, _GREY),
        ("BACKGROUND", (0, 0), (0, -1), _SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _section(heading: str, *parts: Flowable) -> KeepTogether:
    return KeepTogether([para(heading, cell_style(12.5)), Spacer(1, 3), *parts, Spacer(1, 10)])


def _day(moment: str | None) -> str:
    return (moment or "")[:10]


def signature_lines(width: float, signers: tuple[str, ...], line: str = "＿" * 10) -> Table:
    """A line to sign and one to date by hand for each of ``signers`` (the sheets of keys kept on paper)."""
    rows = [[para(f"{who}（签字）：{line}", BODY), para(f"日期：{line}", BODY)] for who in signers]
    table = Table(rows, colWidths=[width * 0.6, width * 0.4], hAlign="LEFT")
    table.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 14)]))
    return table


def _header_profile(profile: village.Profile) -> village.Profile:
    # A township's profile names the township twice (as its name and as its township): say it once.
    if profile.name == profile.township:
        return village.Profile("", profile.code, profile.township, profile.county, profile.clerk, profile.phone)
    return profile


def _profile(store: Store, township: bool) -> village.Profile:
    profile = village.get_profile(store)
    if profile is not None:
        return profile
    # `villagedesk township --name … --county …` gives a township its names and no profile: its card carries
    # those names (keys.township_names), and so does the sheet its card's fingerprint is checked against.
    name, county_name = keys.township_names(store) if township else ("", "")
    if not name:
        raise UserError(messages.NO_PROFILE)
    return village.Profile(name, "", name, county_name, "", "")


def print_keys(store: Store, path: Path | str, *, progress: Progress | None = None,
               today: date | None = None) -> Path:
    """Print this database's key sheet to ``path`` and return the path; UserError without a profile (a
    township made on the command line goes by the names it was made with)."""
    township = is_township(store)
    profile = _profile(store, township)
    shown = _header_profile(profile)
    width = 180 * mm  # the A4 frame
    signing = store.row("SELECT created_at FROM keys WHERE role = ?", (keys.VILLAGE_SIGNING,))
    kind = "乡镇汇总数据库" if township else "村级数据库"
    # A township's sheet holds three fingerprints (its key, its card, its county's card): a little
    # smaller, so that the sheet stays one page with a replaced county card listed too.
    size = _TOWNSHIP_SIZE if township else Fingerprint.SIZE
    story: list[Flowable] = [
        para("指纹是密钥的简短摘要，用来确认对方的密钥没有被调换：双方各念一遍，八组数字和字母每一组都相同才算核对无误。"
             "本表由经办人和核对人签字后存档。", BODY),
        Spacer(1, 6),
        _section("一、本数据库", facts_table([
            ("名称", shown.full_name), ("统一社会信用代码", profile.code), ("类型", kind),
            ("签名密钥生成日期", _day(signing["created_at"] if signing else None))], width), Spacer(1, 6),
            para("签名密钥指纹" + ("" if township else "（乡镇收到本村第一个数据包时核对）"), BODY),
            Fingerprint(keys.village_fingerprint(store), size)),
    ]
    if township:
        card = keys.fingerprint(keys.public_key(store, keys.TOWNSHIP_SIGNING),
                                keys.public_key(store, keys.TOWNSHIP_SEALING))
        story.append(_section(
            "二、乡镇卡片", para("乡镇卡片指纹（各村加入乡镇时与此核对；卡片用 villagedesk township-card 生成）", BODY),
            Fingerprint(card, size)))
        story.append(_trusted(store, width, _COUNTY, size))
    else:
        story.append(_trusted(store, width, _TOWNSHIP))
    story.append(Spacer(1, 16))
    story.append(signature_lines(width, ("经办人", "核对人")))
    return build_pdf(path, title=TITLE, profile=shown, story=story, progress=progress, printed_on=today or clock.today(),
                     subtitle=f"{shown.full_name}　{kind}")


class _Trusted(NamedTuple):
    """How the sheet speaks of the card a database trusts: a village's township, a township's county."""

    heading: str
    table: str
    names: list[str]  # the columns naming who it is
    missing: str
    fingerprint: str
    earlier: str


_TOWNSHIP = _Trusted(
    "二、本村加入的乡镇", "township_cards", ["township", "county"],
    "本村还没有加入乡镇。请向乡镇索取乡镇卡片，核对指纹后加入（窗口“导出与打印”页的“加入乡镇…”，"
    "或 villagedesk join-township），再生成数据包。",
    "乡镇卡片指纹（应与乡镇打印的登记表上的“乡镇卡片指纹”相同）", "以前加入过的乡镇（已更换，卡片保留在记录中）")
_COUNTY = _Trusted(
    "三、本乡镇加入的县", "county_cards", ["county"],
    "本乡镇还没有加入县。请向县里索取县卡片，核对指纹后加入（villagedesk join-county），再生成给县里的数据包。",
    "县卡片指纹（应与县里打印的登记表上的“县卡片指纹”相同）", "以前加入过的县（已更换，卡片保留在记录中）")
_TOWNSHIP_SIZE = 18
_NAME_LABELS = {"township": "乡镇", "county": "县（市、区）"}


def _trusted(store: Store, width: float, shown: _Trusted, size: float = Fingerprint.SIZE) -> Flowable:
    """The card in force (a village's township card, a township's county card), then the ones it replaced."""
    current = store.row(f"SELECT * FROM {shown.table} WHERE replaced_at IS NULL ORDER BY id DESC LIMIT 1")
    parts: list[Flowable] = []
    if current is None:
        parts.append(para(shown.missing, BODY))
    else:
        parts += [facts_table([*((_NAME_LABELS[n], current[n]) for n in shown.names),
                               ("加入日期", _day(current["created_at"]))], width), Spacer(1, 6),
                  para(shown.fingerprint, BODY), Fingerprint(current["fingerprint"], size)]
    replaced = store.rows(f"SELECT * FROM {shown.table} WHERE replaced_at IS NOT NULL "
                          "ORDER BY replaced_at DESC, id DESC")
    if replaced:
        # The fingerprint column takes what the township column leaves when there is none.
        widths = [32, 40, 150, 38, 38] if len(shown.names) == 2 else [72, 150, 38, 38]
        parts += [Spacer(1, 8), para(shown.earlier, BODY),
                  data_table([*(_NAME_LABELS[n] for n in shown.names), "指纹", "加入日期", "更换日期"],
                             [[*(r[n] for n in shown.names), r["fingerprint"], _day(r["created_at"]),
                               _day(r["replaced_at"])] for r in replaced],
                             widths, font_size=9)]
    return _section(shown.heading, *parts)


def print_county_keys(conn: psycopg.Connection, path: Path | str, *, progress: Progress | None = None,
                      today: date | None = None) -> Path:
    """The county database's key sheet: its card's fingerprint (what each township compares when it joins)
    and every township key it pinned (what a township's officer reads out when asked), with lines to sign.

    Any county role may print it: it reads only public halves (county.card_keys, county.township_keys).
    """
    name = county_name(conn)
    shown = village.Profile("", "", "", name, "", "")
    width = 180 * mm  # the A4 frame
    pinned = township_keys(conn)
    story: list[Flowable] = [
        para("指纹是密钥的简短摘要，用来确认对方的密钥没有被调换：双方各念一遍，八组数字和字母每一组都相同才算核对无误。"
             "本表由经办人和核对人签字后存档。", BODY),
        Spacer(1, 6),
        _section("一、本县", facts_table([("名称", name), ("类型", "县级数据库"),
                                          ("数据库", f"{conn.info.dbname}（服务器 {conn.info.host}）")], width),
                 Spacer(1, 6), para("县卡片指纹（各乡镇加入县时与此核对；卡片用 villagedesk county-card 生成）", BODY),
                 Fingerprint(card_fingerprint(conn))),
    ]
    if pinned:
        rows = [[k["township"], k["fingerprint"], str(k["first_sequence"]), _day(str(k["created_at"])),
                 "在用" if k["retired_at"] is None else f"{_day(str(k['retired_at']))} 作废"] for k in pinned]
        story.append(_section("二、各乡镇的签名密钥（乡镇第一个数据包导入时登记）",
                              data_table(["乡镇", "签名密钥指纹", "起始数据包", "登记日期", "状态"], rows,
                                         [28, 78, 18, 24, 32], font_size=9)))
    else:
        story.append(_section("二、各乡镇的签名密钥", para("还没有导入过乡镇的数据包。", BODY)))
    story += [Spacer(1, 16), signature_lines(width, ("经办人", "核对人"))]
    return build_pdf(path, title=TITLE, profile=shown, story=story, progress=progress,
                     printed_on=today or clock.today(), subtitle=f"{name}　县级数据库")


__all__ = ["TITLE", "Fingerprint", "facts_table", "print_county_keys", "print_keys"]
