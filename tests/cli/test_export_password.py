"""`--password-prompt` and VILLAGEDESK_EXPORT_PASSWORD on the exports that carry full ID numbers (#17 item 7).

`export excel`, `print households` and `print roster --internal` may be written with an opening
password: typed twice at a terminal, or from the environment in a script.  Without a terminal the
prompt refuses in one line; an export without full ID numbers (the public roster) refuses a password
in one line, before anything is asked or written.
"""

from __future__ import annotations

import io
import os
from datetime import date

import msoffcrypto
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.helpers.factories import profiled_village, valid_id
from tests.helpers.terminal import at_terminal
from villagedesk.cli import main
from villagedesk.core.committee import roster as committee
from villagedesk.core.register import people
from villagedesk.documents import protect
from villagedesk.store import open_store

ID = valid_id(date(1980, 11, 20), 122)
PASSWORD = "Qingxi-2026"


@pytest.fixture
def village(tmp_path):
    """青溪桥村 with one household whose head serves on the committee (a plain database: no logging in)."""
    path = profiled_village(tmp_path / "village.sqlite3")
    with open_store(path) as store:
        house = people.add_household(store, code="HH001", group_name="一组")
        head = people.add_person(store, house["id"], name="李红梅", relation="户主", id_number=ID)
        term = committee.save_term(store, number=12, start_date="2026-03-01", election_date="2026-01-15")
        committee.start_post(store, person_id=head["id"], body=committee.VILLAGE, role="主任",
                             term_id=term["id"], start_date="2026-03-01")
    return path


@pytest.fixture
def no_password(monkeypatch):
    monkeypatch.delenv(protect.ENV_VAR, raising=False)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def _workbook_ids(path, password: str) -> list:
    with open(path, "rb") as fh:
        office = msoffcrypto.OfficeFile(fh)
        office.load_key(password=password)
        plain = io.BytesIO()
        office.decrypt(plain)
    sheet = load_workbook(plain)["人员"]
    column = [c.value for c in sheet[1]].index("身份证号") + 1
    return [sheet.cell(row, column).value for row in range(2, sheet.max_row + 1)]


def _pdf_text(path, password: str | None = None) -> str:
    reader = PdfReader(path)
    if password is not None:
        assert reader.decrypt(password)
    return "".join(page.extract_text() for page in reader.pages)


def test_a_script_gives_the_password_in_the_environment(village, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(protect.ENV_VAR, PASSWORD)
    book, register, roster = tmp_path / "村.xlsx", tmp_path / "花名册.pdf", tmp_path / "两委.pdf"
    code, out, err = run(capsys, "export", "excel", "--db", str(village), "-o", str(book))
    assert (code, err) == (0, "") and "已设打开密码" in out
    assert _workbook_ids(book, PASSWORD) == [ID]

    code, out, err = run(capsys, "print", "households", "--db", str(village), "-o", str(register))
    assert (code, err) == (0, "") and "已设打开密码" in out
    assert PdfReader(register).is_encrypted and ID in _pdf_text(register, PASSWORD)

    code, out, err = run(capsys, "print", "roster", "--internal", "--db", str(village), "-o", str(roster))
    assert (code, err) == (0, "") and ID in _pdf_text(roster, PASSWORD)


def test_without_the_flag_or_the_variable_the_files_are_as_before(village, tmp_path, capsys, no_password):
    book, register = tmp_path / "村.xlsx", tmp_path / "花名册.pdf"
    assert run(capsys, "export", "excel", "--db", str(village), "-o", str(book))[0] == 0
    assert load_workbook(book)["人员"]["A2"].value == "HH001-P01"
    code, out, _err = run(capsys, "print", "households", "--db", str(village), "-o", str(register))
    assert code == 0 and "密码" not in out
    assert not PdfReader(register).is_encrypted and ID in _pdf_text(register)


@pytest.mark.parametrize("argv", [("export", "excel", "-o", "村.xlsx"),
                                  ("print", "households", "-o", "花名册.pdf"),
                                  ("print", "roster", "--internal", "-o", "两委.pdf")])
def test_the_prompt_without_a_terminal_is_one_line_and_writes_nothing(village, tmp_path, capsys, no_password,
                                                                      monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv, "--password-prompt", "--db", str(village))
    assert (code, out) == (1, "")
    assert "没有终端" in _one_line(err) and protect.ENV_VAR in err
    assert not (tmp_path / argv[-1]).exists()


def test_the_public_roster_refuses_a_password_in_one_line(village, tmp_path, capsys, monkeypatch, no_password):
    pdf = tmp_path / "公开.pdf"
    code, _out, err = run(capsys, "print", "roster", "--password-prompt", "--db", str(village), "-o", str(pdf))
    assert code == 1 and "公开版两委成员花名册不含完整身份证号" in _one_line(err)
    monkeypatch.setenv(protect.ENV_VAR, PASSWORD)
    code, _out, err = run(capsys, "print", "roster", "--db", str(village), "-o", str(pdf))
    assert code == 1 and "不含完整身份证号" in _one_line(err)
    assert not pdf.exists()


def test_a_short_password_from_the_environment_is_one_line(village, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(protect.ENV_VAR, "12345")
    book = tmp_path / "村.xlsx"
    code, _out, err = run(capsys, "export", "excel", "--db", str(village), "-o", str(book))
    assert code == 1 and "至少要 6 个字符" in _one_line(err)
    assert not book.exists()


def _at_terminal(argv: list[str], answers: list[str]) -> tuple[int, str]:
    return at_terminal(argv, answers, {k: v for k, v in os.environ.items() if k != protect.ENV_VAR})


@pytest.mark.slow
def test_at_a_terminal_the_password_is_asked_twice(village, tmp_path):
    book = tmp_path / "村.xlsx"
    argv = ["--db", str(village), "export", "excel", "-o", str(book), "--password-prompt"]
    code, shown = _at_terminal(argv, [PASSWORD, PASSWORD + "x"])
    assert code == 1 and "两次输入的打开密码不一样" in shown and not book.exists()
    assert PASSWORD not in shown, "typed without echo"

    code, shown = _at_terminal(argv, [PASSWORD, PASSWORD])
    assert code == 0 and "已设打开密码" in shown, shown
    assert shown.count("打开密码") >= 2 and PASSWORD not in shown
    assert _workbook_ids(book, PASSWORD) == [ID]
