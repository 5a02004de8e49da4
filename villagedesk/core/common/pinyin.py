"""Pinyin initials for search: "zs" finds 张三.

pypinyin knows the readings; names need one more rule: a surname such as 曾 or 单
is read differently from the common word, so the first character of a name is
looked up in the surname table first.
"""

from __future__ import annotations

from functools import lru_cache

_SURNAME_INITIAL = {
    "曾": "z", "单": "s", "仇": "q", "解": "x", "区": "o", "朴": "p", "查": "z",
    "翟": "z", "缪": "m", "覃": "q", "尉": "y", "乐": "y", "盖": "g", "种": "c",
    "秘": "b", "召": "s", "长": "c", "重": "c", "沈": "s", "柏": "b", "藏": "z",
}


@lru_cache(maxsize=1)
def _converter():
    # Imported on first use: pypinyin's tables cost ~0.25 s to load, which the
    # window's start-up must not pay.
    from pypinyin import Style, lazy_pinyin

    # Non-Chinese runs reach ``errors``: keep their ASCII letters and digits, drop the rest.
    def keep_ascii(chars: str) -> str:
        return "".join(c for c in chars if c.isascii() and c.isalnum())

    return lambda text: lazy_pinyin(text, style=Style.FIRST_LETTER, errors=keep_ascii)


def initials(name: str) -> str:
    """Lower-case initials of a Chinese name; ASCII letters are kept as they are."""
    name = (name or "").strip()
    if not name:
        return ""
    head = _SURNAME_INITIAL.get(name[0])
    if head is not None:
        return head + initials_of(name[1:])
    return initials_of(name)


def initials_of(text: str) -> str:
    return "".join(_converter()(text)).lower()
