"""The monthly report (月度村务报告): one A4 page read back — title, counts, three chart images — and its CLI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date

import pytest
from pypdf import PdfReader

from tests.core.points.test_helpers import VILLAGE_HONOUR, approved, fix_today, make_village
from villagedesk import clock
from villagedesk.cli import main
from villagedesk.core.home.attention import glance
from villagedesk.core.requests import ledger
from villagedesk.documents.pdf.report import print_report
from villagedesk.errors import UserError
from villagedesk.ui.home.report_images import report_images

pytestmark = pytest.mark.usefixtures("vd_app")


def add_requests(store) -> None:
    """Three requests in July 2026 (two closed on the spot), one in June."""
    for day, handling in (("2026-06-12", ledger.ON_THE_SPOT), ("2026-07-03", ledger.ON_THE_SPOT),
                          ("2026-07-28", ledger.ON_THE_SPOT), ("2026-07-15", ledger.REFERRED)):
        spot = handling == ledger.ON_THE_SPOT
        ledger.raise_request(store, raised_on=day, raised_by="张大山", group_name="第一组", category="基础设施",
                             content="水渠堵塞", handling=handling, department="" if spot else "乡水利站",
                             result="当场处理" if spot else "", satisfaction=ledger.SATISFIED if spot else None)


@pytest.fixture
def village(profiled_store, monkeypatch):
    fix_today(monkeypatch)  # 2026-08-20
    store = profiled_store
    households = make_village(store)
    approved(store, households["HH001"], VILLAGE_HONOUR, date(2026, 7, 10), quantity=8)
    add_requests(store)
    return store


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def images_on(page) -> list:
    objects = page["/Resources"]["/XObject"]
    return [name for name, ref in objects.items() if ref.get_object()["/Subtype"] == "/Image"]


@pytest.mark.slow
def test_one_page_with_title_counts_and_three_chart_images(village, tmp_path):
    pdf = print_report(village, tmp_path / "report.pdf", "2026-07", images=report_images(village, "2026-07"))
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    (page,) = reader.pages
    text = flat(page.extract_text())
    assert "油溪桥村月度村务报告" in text and "2026年7月" in text
    numbers = glance(village, date(2026, 7, 31))
    assert (numbers.households, numbers.persons, numbers.requests_open) == (4, 4, 1)
    assert "户数人口在任两委成员未办结诉求2026年办结诉求2026年公开事项" in text
    assert (f"{numbers.households}{numbers.persons}{numbers.committee_members}{numbers.requests_open}"
            f"{numbers.requests_closed_year}{numbers.notices_posted_year}") in text
    assert "2026年7月受理群众诉求3件，办结2件" in text
    assert "2026年第三季度全村4户共得积分40分" in text
    assert "各村民小组积分（2026年第三季度）" in text and "星级户分布（2026年第三季度）" in text
    assert "诉求受理与办结（2025年8月至2026年7月，按月）" in text
    assert len(images_on(page)) == 3
    # Drawn at print resolution: the wide chart is far more than screen pixels across.
    widths = sorted(int(page["/Resources"]["/XObject"][name].get_object()["/Width"]) for name in images_on(page))
    assert widths[-1] >= 510 * 96 / 72 * 2


def test_a_month_not_begun_or_not_a_month_writes_nothing(village, tmp_path):
    images = report_images(village, "2026-07")
    for code, words in (("2026-09", "还没有开始"), ("2026-Q3", "不是月份"), ("2026-7-1", "写法不对")):
        with pytest.raises(UserError, match=words):
            print_report(village, tmp_path / "x.pdf", code, images=images)
    assert not (tmp_path / "x.pdf").exists()


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
def test_cli_prints_the_report(village, tmp_path, capsys):
    out_file = tmp_path / "月报.pdf"
    code, out, err = run(capsys, "print", "report", "2026-07", "--db", str(village.path), "-o", str(out_file))
    assert (code, err) == (0, "") and str(out_file) in out
    (page,) = PdfReader(out_file).pages
    assert "油溪桥村月度村务报告" in flat(page.extract_text()) and len(images_on(page)) == 3


@pytest.mark.parametrize("period, words", [("2026-13", "01 到 12"), ("2026-Q3", "不是月份"),
                                           ("next month", "写法不对"), ("2026-12", "还没有开始")])
def test_cli_bad_period_is_one_line_and_no_file(village, tmp_path, capsys, period, words):
    out_file = tmp_path / "bad.pdf"
    code, out, err = run(capsys, "print", "report", period, "--db", str(village.path), "-o", str(out_file))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and words in err and "Traceback" not in err
    assert not out_file.exists()


@pytest.mark.slow
def test_cli_draws_the_charts_without_a_display(profiled_store, tmp_path):
    """The real command in its own process: no window, no display, Qt started offscreen by the command."""
    clock.set(date(2026, 8, 20))  # the child process reads the same clock (VILLAGEDESK_CLOCK)
    make_village(profiled_store)
    add_requests(profiled_store)
    month = f"{clock.today():%Y-%m}"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out_file = tmp_path / "report.pdf"
    done = subprocess.run([sys.executable, "-m", "villagedesk", "--db", str(profiled_store.path), "print", "report",
                           month, "-o", str(out_file)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    (page,) = PdfReader(out_file).pages
    assert len(images_on(page)) == 3
