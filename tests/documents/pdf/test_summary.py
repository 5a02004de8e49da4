"""各村村务汇总表 with what the township accepted on confirmation: a diverged points history is printed."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from tests.core.township.test_merge import restored_village, take
from villagedesk import clock
from villagedesk.core.township.summary import summary_periods
from villagedesk.documents.pdf.summary import print_summary
from villagedesk.store import open_store


def text(path) -> str:
    # Table cells and wrapped notes come back with line breaks and spaces in between.
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.mark.slow
def test_a_diverged_history_is_printed_in_the_summary(village_db, township_db, stick, tmp_path):
    third = restored_village(village_db, township_db, stick, tmp_path)
    period = summary_periods(clock.today())[0]
    plain = tmp_path / "before.pdf"
    with open_store(township_db, write=False) as store:
        print_summary(store, plain, period.code)
    assert "积分历史改变" not in text(plain)

    take(township_db, third, accept_divergence=True)
    printed = tmp_path / "summary.pdf"
    with open_store(township_db, write=False) as store:
        print_summary(store, printed, period.code)
    found = text(printed)
    assert "经乡镇确认接受、记录在案的积分历史改变：油溪桥村" in found
    assert "原有4条，改为4条，从第4条起不同" in found
