"""Chinese line breaking (避头尾, docs/DOMAIN.md §4.9) for every paragraph of every printout.

reportlab's CJK wrap (``wordWrap="CJK"``) breaks anywhere and keeps only the
characters of ``reportlab.lib.textsplit.ALL_CANNOT_START`` off a line start, by
letting one of them hang past the margin.  That list is Japanese: it has 、。」）
but not the full-width ，；：？！》”, so a line could begin with a comma, and it
has nothing against an opening mark ending a line.  :class:`Paragraph` breaks
with the library's own lists (``CANNOT_START_LINE`` / ``CANNOT_END_LINE``) plus
the Chinese marks they lack (W3C "Requirements for Chinese Text Layout" §3.1.7,
the 避头尾 rules after GB/T 15834), moving the break back a character or two
instead of hanging them, and keeps a run of Latin letters or digits (an ID
number, 2026, HH001) whole where it can.

A style with ``balance=1`` (titles) breaks into lines of even length, so a
title never leaves one character alone on its last line.
"""

from __future__ import annotations

from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.platypus import Paragraph as _Paragraph

# The pieces reportlab's own CJK wrap (cjkFragSplit) is made of; the stubs leave them out.
from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine  # type: ignore[attr-defined]
from reportlab.rl_config import _FUZZ

# What the library's lists lack for Chinese: full-width ，；：？！, closing 》〉〗｝, the
# closing quotes ”’, and the ellipsis, middle dot and percent signs that belong to
# what comes before them.
CANNOT_START = frozenset(ALL_CANNOT_START + "，；：？！》〉〗｝”’…·・％‰")
CANNOT_END = frozenset(ALL_CANNOT_END + "（《〈〖｛“‘")
# Two-character marks never split between their halves (破折号 ——, 省略号 ……).
_PAIRED = frozenset("—…")


def _word_char(ch: str) -> bool:
    """A character of a Latin word or a number, which a break should not cut."""
    return ch.isascii() and (ch.isalnum() or ch in "._-/:@%+*#")  # * of a masked ID number


def may_break(before: str, after: str) -> bool:
    """May a line end with ``before`` and the next begin with ``after``?"""
    if after in CANNOT_START or before in CANNOT_END:
        return False
    if before == after and before in _PAIRED:
        return False
    return not (_word_char(before) and _word_char(after))


def _break_before(chars: list[str], start: int, over: int) -> int:
    """Where the next line starts when character ``over`` no longer fits on the line from ``start``."""
    if chars[over].isspace():
        return over + 1  # a space at the end of a line is invisible
    # A Latin word or number is carried over whole unless it fills more than half the line.
    word_limit = (start + over) // 2
    for b in range(over, start, -1):
        before, after = chars[b - 1], chars[b]
        if may_break(before, after):
            return b
        if b <= word_limit and _word_char(before) and _word_char(after) and after not in CANNOT_START:
            return b
    # No lawful break on the line (a few characters wide): a closing mark hangs into the
    # margin (the styles keep room for one), else the line breaks where it overflows.
    return over + 1 if chars[over] in CANNOT_START else over


def split_lines(frags, max_widths: list[float], calc_bounds: bool) -> ParaLines:
    """Lines of ``frags`` at ``max_widths`` (one per line, the last repeating), breaking by 避头尾."""
    chars: list = []
    for frag in frags:
        text = frag.text
        if isinstance(text, bytes):
            text = text.decode("utf8")
        chars.extend(cjkU(t, frag, "utf8") for t in text) if text else chars.append(cjkU(text, frag, "utf8"))
    plain = [str(c) or "\n" for c in chars]
    lines: list = []
    start, i, used = 0, 0, 0.0
    n = len(chars)

    def width_at(line: int) -> float:
        return max_widths[min(line, len(max_widths) - 1)]

    def close(end: int, line_break: bool) -> None:
        width = width_at(len(lines))
        used_ = sum(c.width for c in chars[start:end])
        lines.append(makeCJKParaLine(chars[start:end], width, used_, width - used_, line_break, calc_bounds))

    while i < n:
        c = chars[i]
        used += c.width
        if hasattr(c.frag, "lineBreak"):
            close(i + 1, True)
            start = i = i + 1
            used = 0.0
            continue
        if used > width_at(len(lines)) + _FUZZ and i > start:
            end = _break_before(plain, start, i)
            close(end, False)
            start = i = end
            used = 0.0
            continue
        i += 1
    if start < n:
        close(n, False)
    return ParaLines(kind=1, lines=lines)


class Paragraph(_Paragraph):
    """A reportlab Paragraph whose CJK wrap follows the Chinese rules above (see the module)."""

    def breakLinesCJK(self, maxWidths):
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara  # a part of a paragraph split over pages keeps its lines
        self.height = 0
        if not self.frags:
            return super().breakLinesCJK(maxWidths)
        auto = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        calc_bounds = auto not in ("", "off")
        lines = split_lines(self.frags, list(maxWidths), calc_bounds)
        if getattr(self.style, "balance", 0) and len(lines.lines) > 1:
            lines = self._balanced(lines, list(maxWidths), calc_bounds)
        return lines

    def _balanced(self, lines: ParaLines, widths: list[float], calc_bounds: bool) -> ParaLines:
        """The same number of lines at the narrowest width that still gives that many."""
        count, full = len(lines.lines), widths[0]
        lo, hi = full / count, full
        for _ in range(12):
            mid = (lo + hi) / 2
            if len(split_lines(self.frags, [mid], calc_bounds).lines) > count:
                lo = mid
            else:
                hi = mid
        narrow = split_lines(self.frags, [hi], calc_bounds)
        for line in narrow.lines:
            # Measured against the full width, so centring centres on the page, not the narrow column.
            line.extraSpace += full - hi
            line.maxWidth = full
        return narrow


__all__ = ["CANNOT_END", "CANNOT_START", "Paragraph", "may_break", "split_lines"]
