"""Pinyin for search: initials ("zs" finds 张三) and the full spelling ("dairui" finds 戴瑞).

pypinyin knows the readings; names need one more rule: a surname such as 曾 or 单
is read differently from the common word, so the first character of a name is
looked up in the surname table first.
"""

from __future__ import annotations

from functools import lru_cache

#: Surnames read otherwise than the common word (曾 zēng, not céng).
SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "仇": "qiu", "解": "xie", "区": "ou", "朴": "piao", "查": "zha",
    "翟": "zhai", "缪": "miao", "覃": "qin", "尉": "yu", "乐": "yue", "盖": "ge", "种": "chong",
    "秘": "bi", "召": "shao", "长": "chang", "重": "chong", "沈": "shen", "柏": "bai", "藏": "zang",
}


@lru_cache(maxsize=2)
def _converter(first_letter: bool):
    # Imported on first use: pypinyin's tables cost ~0.25 s to load, which the
    # window's start-up must not pay.
    from pypinyin import Style, lazy_pinyin

    # Non-Chinese runs reach ``errors``: keep their ASCII letters and digits, drop the rest.
    def keep_ascii(chars: str) -> str:
        return "".join(c for c in chars if c.isascii() and c.isalnum())

    style = Style.FIRST_LETTER if first_letter else Style.NORMAL
    return lambda text: lazy_pinyin(text, style=style, errors=keep_ascii)


def _reading(name: str, first_letter: bool) -> str:
    name = (name or "").strip()
    if not name:
        return ""
    head = SURNAME_READINGS.get(name[0])
    if head is not None:
        return (head[0] if first_letter else head) + _of(name[1:], first_letter)
    return _of(name, first_letter)


def _of(text: str, first_letter: bool) -> str:
    return "".join(_converter(first_letter)(text)).lower()


def initials(name: str) -> str:
    """Lower-case initials of a Chinese name; ASCII letters are kept as they are."""
    return _reading(name, first_letter=True)


def initials_of(text: str) -> str:
    return _of(text, first_letter=True)


def spelled(name: str) -> str:
    """The full pinyin of a name, lower case, without tones or spaces: 戴瑞 → dairui, 吕 → lv."""
    return _reading(name, first_letter=False)
