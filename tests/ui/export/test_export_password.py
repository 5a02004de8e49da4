"""The 导出与打印 page: the workbook and the register written with an opening password (#17 item 7)."""

from __future__ import annotations

import io
from datetime import date

import msoffcrypto
import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog

from tests.helpers import WAIT
from tests.helpers.factories import valid_id
from tests.helpers.ui import PreviewRecorder, when_modal
from villagedesk.core.register import people
from villagedesk.ui.export.page import ExportPage

pytestmark = pytest.mark.usefixtures("vd_app")

ID = valid_id(date(1972, 4, 8), 111)
PASSWORD = "Qingxi-2026"


@pytest.fixture
def page(qtbot, profiled_store):
    house = people.add_household(profiled_store, code="HH001", group_name="一组")
    people.add_person(profiled_store, house["id"], name="张建国", relation="户主", id_number=ID)
    page = ExportPage(profiled_store)
    qtbot.addWidget(page)
    return page


def _set_password(dialog) -> None:
    dialog.box.check.setChecked(True)
    dialog.box.first.setText(PASSWORD)
    dialog.box.second.setText(PASSWORD)
    dialog.try_accept()


def test_the_workbook_is_saved_with_the_password_chosen_first(page, stick, monkeypatch, boxes):
    target = stick / "油溪桥村.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    seen = when_modal(_set_password)
    job = page.export_excel()
    assert seen == ["导出 Excel 工作簿"]
    assert job is not None and job.wait(WAIT) and job.state == "done", job and job.error
    with open(target, "rb") as fh:
        office = msoffcrypto.OfficeFile(fh)
        office.load_key(password=PASSWORD)
        plain = io.BytesIO()
        office.decrypt(plain)
    persons = load_workbook(plain)["人员"]
    assert persons.cell(2, [c.value for c in persons[1]].index("身份证号") + 1).value == ID
    assert [p.name for p in stick.iterdir()] == [target.name]
    assert ("information", "导出", f"已保存到 {target}，已设打开密码。") in boxes


def test_cancelling_the_password_dialog_writes_nothing(page, stick, monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **_k: asked.append(a) or ("", ""))
    when_modal(lambda dialog: dialog.reject())
    assert page.export_excel() is None
    assert asked == [] and list(stick.iterdir()) == []


def test_the_register_is_previewed_from_an_encrypted_pdf(page, monkeypatch):
    recorder = PreviewRecorder()
    monkeypatch.setattr("villagedesk.ui.export.page.PrintPreviewDialog", recorder)
    when_modal(_set_password)
    job = page.print_households()
    assert job is not None and job.wait(WAIT) and job.state == "done", job and job.error
    text, suggested = recorder[0]  # the recorder decrypts with the password it was given: pypdf refuses a plain file
    assert ID in text and suggested.startswith("油溪桥村-村民花名册")
