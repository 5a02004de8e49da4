"""恢复密钥单: the recovery key on one A4 page, large and in groups, with no villager on it."""

from __future__ import annotations

import re

from pypdf import PdfReader

from tests.helpers.factories import package_village
from villagedesk.core.common.village import get_profile
from villagedesk.documents.pdf.recovery_sheet import key_groups, print_recovery_sheet
from villagedesk.store import open_store

KEY = "7Q2M-9XKD-R4TB-WW0H-3NZE-J8PC-Y6VA-K1MG-Q4XD"


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_sheet_has_the_key_the_village_and_the_township_copy_and_no_villager(tmp_path):
    db = tmp_path / "village.sqlite3"
    package_village(db)  # two households with their heads: names a printout could leak
    with open_store(db) as store:
        profile = get_profile(store)
        names = [r["name"] for r in store.rows("SELECT name FROM persons")]
    assert names
    out = print_recovery_sheet(tmp_path / "sheet.pdf", profile=profile, recovery_text=KEY, database=db)
    (page,) = PdfReader(out).pages  # one page
    text = page.extract_text()
    assert "恢复密钥单" in text and "新化县天门乡油溪桥村" in text and "village.sqlite3" in text
    assert "2026年11月16日" in text  # the program's clock, set by the tests
    # The key, group by group in the order typed (the columns may space its letters out).
    assert _squeezed(KEY.replace("-", "")) in _squeezed(text)
    assert "档案柜" in text and "乡镇签收人（签字）" in text
    for name in names:
        assert name not in text
    assert round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842  # A4


def test_the_key_is_printed_in_groups_as_typed_back_whatever_its_separators():
    assert key_groups("7q2m-9xkd r4tb") == "7Q2M 9XKD R4TB"
    assert key_groups("  7Q2M  9XKD\n") == "7Q2M 9XKD"
