"""The county's outputs on the command line: `print summary PERIOD --db postgresql://…` and `export excel
--db postgresql://…`, by a person of the reader group; one line and no file on a user error (a real
PostgreSQL server, a county of two townships)."""

from __future__ import annotations

import io

import msoffcrypto
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.cli.test_keys import one_line, run
from tests.documents.excel.test_county import filled  # noqa: F401  (a fixture: a county of two townships)
from villagedesk import clock
from villagedesk.core.township.summary import summary_periods
from villagedesk.documents import protect
from villagedesk.store.postgres.migrations.v0001_county import READER

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def reader_url(filled, postgres_server):  # noqa: F811
    """The filled county's URL as a person of the reader group logs in with it."""
    with postgres_server.login_role(READER) as person:
        yield postgres_server.url(filled.url.rsplit("/", 1)[1], person)


def test_a_reader_prints_the_county_summary_and_exports_the_workbook(reader_url, tmp_path, capsys, monkeypatch):
    period = summary_periods(clock.today())[0]
    pdf, book = tmp_path / "县汇总.pdf", tmp_path / "县.xlsx"
    code, out, err = run(capsys, "print", "summary", period.code, "--db", reader_url, "-o", str(pdf))
    assert (code, err) == (0, "") and str(pdf) in out
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "新化县各乡镇村务汇总表" in text and "白溪镇" in text
    monkeypatch.setenv(protect.ENV_VAR, "Xinhua-2026")  # as a script gives it: the same rules as the township's
    code, out, err = run(capsys, "export", "excel", "--db", reader_url, "-o", str(book))
    assert (code, err) == (0, "") and "已设打开密码" in out
    with open(book, "rb") as fh:
        office = msoffcrypto.OfficeFile(fh)
        office.load_key(password="Xinhua-2026")
        plain = io.BytesIO()
        office.decrypt(plain)
    summary = list(load_workbook(plain, read_only=True)["各村汇总"].iter_rows(values_only=True))
    assert summary[0][:2] == ("乡镇", "村") and summary[-1][:2] == ("全县合计", "2 个乡镇 3 村")


def test_a_bad_period_or_file_name_is_one_line_and_no_file(filled, tmp_path, capsys):  # noqa: F811
    pdf = tmp_path / "s.pdf"
    code, _, err = run(capsys, "print", "summary", "2026-Q9", "--db", filled.url, "-o", str(pdf))
    assert code == 1 and one_line(err) and not pdf.exists()
    code, _, err = run(capsys, "print", "summary", "2026", "--db", filled.url, "-o", str(tmp_path / "s.txt"))
    assert code == 1 and ".pdf" in one_line(err)


def test_an_empty_county_prints_and_exports_nothing(county, tmp_path, capsys):
    pdf, book = tmp_path / "s.pdf", tmp_path / "b.xlsx"
    code, _, err = run(capsys, "print", "summary", "2026", "--db", county, "-o", str(pdf))
    assert code == 1 and "新化县还没有导入任何乡镇的数据包" in one_line(err) and not pdf.exists()
    code, _, err = run(capsys, "export", "excel", "--db", county, "-o", str(book))
    assert code == 1 and "新化县还没有导入任何乡镇的数据包" in one_line(err) and not book.exists()
