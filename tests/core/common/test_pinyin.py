"""Pinyin of names: initials and the full spelling, surnames read as surnames."""

from __future__ import annotations

import pytest

from villagedesk.core.common import pinyin


@pytest.mark.parametrize(("name", "initials", "spelled"), [
    ("戴瑞", "dr", "dairui"),
    ("张三", "zs", "zhangsan"),
    ("曾国华", "zgh", "zengguohua"),  # 曾 as a surname is zēng
    ("单田芳", "stf", "shantianfang"),
    ("吕芳", "lf", "lvfang"),  # ü typed as v, as on every pinyin keyboard
    ("Anna李", "annal", "annali"),
    ("  ", "", ""),
])
def test_initials_and_full_pinyin(name, initials, spelled):
    assert pinyin.initials(name) == initials
    assert pinyin.spelled(name) == spelled
