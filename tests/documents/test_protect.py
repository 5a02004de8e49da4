"""An opening password on the exports that carry full ID numbers (documents/protect.py, issue #17 item 7).

The files are real: the workbook is decrypted with msoffcrypto and reopened with openpyxl, the PDF
is opened with pypdf (only after ``decrypt``) and poppler's pdftotext, and the bytes on disk are
searched for the ID number in clear.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
import zlib
from datetime import date

import msoffcrypto
import openpyxl
import pytest
from msoffcrypto.exceptions import InvalidKeyError
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from tests.helpers.factories import valid_id
from villagedesk.core.committee import roster as committee
from villagedesk.core.common import messages as common_messages
from villagedesk.core.register import people
from villagedesk.documents import messages, protect
from villagedesk.documents.excel.workbook import export_workbook
from villagedesk.documents.imports.rules import rules_sheet
from villagedesk.documents.pdf.households import print_households
from villagedesk.documents.pdf.roster import print_roster
from villagedesk.errors import UserError

DIFFER = common_messages.PASSWORDS_DIFFER.format(what="打开密码")

ID = valid_id(date(1972, 4, 8), 111)
PASSWORD = protect.OpenPassword("Qingxi-2026")


@pytest.fixture
def register(profiled_store):
    """One household whose head is on the village committee: a full ID number in every internal export."""
    house = people.add_household(profiled_store, code="HH001", group_name="一组", address="枫树湾 3 号")
    head = people.add_person(profiled_store, house["id"], name="张建国", relation="户主", id_number=ID,
                             phone="13812345678")
    term = committee.save_term(profiled_store, number=12, start_date="2026-03-01", election_date="2026-01-15")
    committee.start_post(profiled_store, person_id=head["id"], body=committee.VILLAGE, role="主任",
                         term_id=term["id"], start_date="2026-03-01")
    return profiled_store


def _no_id_in_clear(path) -> None:
    """Neither the bytes nor any zlib stream in them (a PDF's content, a zip member) hold the ID number."""
    data = path.read_bytes()
    assert ID.encode() not in data and ID.encode("utf-16-le") not in data
    for start in range(len(data) - 1):
        if data[start] == 0x78 and data[start + 1] in (0x01, 0x5E, 0x9C, 0xDA):
            try:
                assert ID.encode() not in zlib.decompressobj().decompress(data[start:start + 1_000_000])
            except zlib.error:  # not a compressed stream: its bytes were searched above
                continue


# --- the password itself ----------------------------------------------------------------------

def test_a_password_is_typed_the_same_twice_and_long_enough():
    assert protect.OpenPassword.confirmed("abc123", "abc123").text == "abc123"
    with pytest.raises(UserError) as differ:
        protect.OpenPassword.confirmed("abc123", "abc124")
    assert str(differ.value) == DIFFER
    with pytest.raises(UserError) as short:
        protect.OpenPassword.confirmed("abc12", "abc12")
    assert str(short.value) == messages.PASSWORD_TOO_SHORT.format(minimum=6)


@pytest.mark.parametrize("typed", ["１２３４５６", "密码密码密码", "abc 123", "abc123\t"])
def test_full_width_chinese_or_blank_characters_are_refused(typed):
    # A Chinese input method in full-width mode types １２３ for 123: it looks right and opens nothing.
    with pytest.raises(UserError) as refused:
        protect.OpenPassword(typed)
    assert str(refused.value) == messages.PASSWORD_CHARACTERS


def test_the_password_never_shows_in_a_repr():
    assert "Qingxi" not in repr(PASSWORD) and "Qingxi" not in repr([PASSWORD])


def test_an_export_without_full_id_numbers_refuses_a_password():
    assert protect.for_export(None, full_ids=False, what="积分公示榜") is None
    assert protect.for_export(PASSWORD, full_ids=True, what="村民花名册") is PASSWORD
    with pytest.raises(UserError) as refused:
        protect.for_export(PASSWORD, full_ids=False, what="积分公示榜")
    assert str(refused.value) == messages.NO_PASSWORD_WITHOUT_IDS.format(what="积分公示榜")


# --- the workbook -----------------------------------------------------------------------------

def _decrypted(path, password: str) -> io.BytesIO:
    with open(path, "rb") as fh:
        office = msoffcrypto.OfficeFile(fh)
        office.load_key(password=password, verify_password=True)
        plain = io.BytesIO()
        office.decrypt(plain, verify_integrity=True)
    plain.seek(0)
    return plain


def test_the_workbook_with_a_password_opens_only_with_it(register, stick):
    path = stick / "青溪桥村.xlsx"
    written = export_workbook(register, path, password=PASSWORD)
    assert written["人员"] == 1
    assert [p.name for p in stick.iterdir()] == [path.name], "no temporary file is left on the stick"
    assert not zipfile.is_zipfile(path)  # an OLE container holding the encrypted package
    with pytest.raises(zipfile.BadZipFile):
        openpyxl.load_workbook(path)
    with pytest.raises(InvalidKeyError):
        _decrypted(path, "Qingxi-2027")

    book = openpyxl.load_workbook(_decrypted(path, PASSWORD.text))
    persons = book["人员"]
    header = [c.value for c in persons[1]]
    assert persons.cell(2, header.index("身份证号") + 1).value == ID
    assert persons.oddHeader.right.text == "内部资料", "still marked internal"
    _no_id_in_clear(path)


def test_the_same_workbook_without_a_password_is_as_before(register, tmp_path):
    path = tmp_path / "plain.xlsx"
    export_workbook(register, path)
    book = openpyxl.load_workbook(path)
    assert book["人员"]["A2"].value == "HH001-P01"


def test_a_workbook_without_full_id_numbers_refuses_a_password_and_writes_nothing(register, stick):
    path = stick / "细则.xlsx"
    path.write_bytes(b"the clerk's older file")
    with pytest.raises(UserError) as refused:
        export_workbook(register, path, sheets=[rules_sheet(date(2026, 11, 16))], password=PASSWORD)
    assert "不含完整身份证号" in str(refused.value)
    assert path.read_bytes() == b"the clerk's older file"
    assert [p.name for p in stick.iterdir()] == [path.name]


# --- the PDFs ---------------------------------------------------------------------------------

def test_the_register_pdf_opens_only_after_decrypt_with_the_password(register, stick):
    path = print_households(register, stick / "花名册.pdf", password=PASSWORD)
    assert [p.name for p in stick.iterdir()] == [path.name]
    reader = PdfReader(path)
    assert reader.is_encrypted
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    assert not PdfReader(path).decrypt("Qingxi-2027")  # PasswordType.NOT_DECRYPTED (0)
    assert reader.decrypt(PASSWORD.text)
    text = reader.pages[0].extract_text()
    assert ID in text and "张建国" in text and "内部资料" in text
    encryption = reader.trailer["/Encrypt"]
    assert (encryption["/V"], encryption["/R"], encryption["/CF"]["/StdCF"]["/CFM"]) == (5, 6, "/AESV3"), \
        "AES-256, the PDF 2.0 standard security handler"
    _no_id_in_clear(path)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
def test_poppler_opens_the_encrypted_register_with_the_password_only(register, tmp_path):
    path = print_households(register, tmp_path / "花名册.pdf", password=PASSWORD)
    shown = subprocess.run(["pdftotext", "-upw", PASSWORD.text, str(path), "-"], capture_output=True, text=True)
    assert shown.returncode == 0 and ID in shown.stdout
    refused = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    assert refused.returncode != 0 and ID not in refused.stdout


def test_the_internal_roster_takes_a_password_the_public_one_refuses_it(register, tmp_path):
    internal = print_roster(register, tmp_path / "内部.pdf", internal=True, password=PASSWORD)
    reader = PdfReader(internal)
    assert reader.decrypt(PASSWORD.text)
    assert ID in reader.pages[0].extract_text()

    public = tmp_path / "公开.pdf"
    with pytest.raises(UserError) as refused:
        print_roster(register, public, password=PASSWORD)
    assert "不含完整身份证号" in str(refused.value)
    assert not public.exists()
