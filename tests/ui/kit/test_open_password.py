"""设置打开密码 in the export and print dialogs (ui/kit/open_password.py; #17 item 7), with real widgets."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialogButtonBox, QRadioButton

from tests.helpers.factories import valid_id
from villagedesk.core.committee import roster as committee
from villagedesk.core.common import messages as common_messages
from villagedesk.core.register import people
from villagedesk.documents import messages, protect
from villagedesk.documents.pdf.households import print_households
from villagedesk.ui.committee.dialogs import RosterDialog
from villagedesk.ui.kit.open_password import OpenPasswordDialog
from villagedesk.ui.kit.print_preview import PrintPreviewDialog

DIFFER = common_messages.PASSWORDS_DIFFER.format(what="打开密码")

pytestmark = pytest.mark.usefixtures("vd_app")


def _dialog(qtbot) -> OpenPasswordDialog:
    dialog = OpenPasswordDialog("导出 Excel 工作簿", "这份工作簿")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _type(qtbot, dialog, first: str, second: str) -> None:
    for field, text in ((dialog.box.first, first), (dialog.box.second, second)):
        field.clear()
        qtbot.keyClicks(field, text)


def test_the_fields_wait_for_the_check_box_and_no_password_is_the_default(qtbot):
    dialog = _dialog(qtbot)
    assert dialog.box.check.text() == "设置打开密码" and not dialog.box.check.isChecked()
    assert not dialog.box.first.isEnabled() and not dialog.box.second.isEnabled()
    assert dialog.box.first.echoMode() == dialog.box.first.EchoMode.Password
    _ok(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.password is None


def test_two_different_passwords_keep_the_dialog_open_with_one_chinese_message(qtbot):
    dialog = _dialog(qtbot)
    check = dialog.box.check
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(6, check.height() // 2))  # on the box
    assert dialog.box.first.isEnabled() and dialog.box.second.isEnabled()
    _type(qtbot, dialog, "Qingxi-2026", "Qingxi-2027")
    _ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.password is None
    assert dialog.error_label.isVisible() and dialog.error_label.text() == DIFFER
    assert dialog.box.second.text() == "", "the repeat is typed again"

    _type(qtbot, dialog, "abc12", "abc12")
    assert not dialog.error_label.isVisible(), "typing again takes the message away"
    _ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.error_label.text() == messages.PASSWORD_TOO_SHORT.format(minimum=6)

    _type(qtbot, dialog, "Qingxi-2026", "Qingxi-2026")
    _ok(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.password == protect.OpenPassword("Qingxi-2026")


def test_unticking_forgets_what_was_typed(qtbot):
    dialog = _dialog(qtbot)
    dialog.box.check.setChecked(True)
    _type(qtbot, dialog, "Qingxi-2026", "Qingxi-2026")
    dialog.box.check.setChecked(False)
    assert dialog.box.first.text() == dialog.box.second.text() == ""
    _ok(qtbot, dialog)
    assert dialog.password is None


def test_the_roster_offers_a_password_for_its_internal_version_only(qtbot, profiled_store):
    dialog = RosterDialog(profiled_store)
    qtbot.addWidget(dialog)
    box = dialog.open_password
    assert not box.check.isEnabled(), "the public roster has no ID numbers to protect"
    dialog.form.findChild(QRadioButton, "internal").setChecked(True)
    assert box.check.isEnabled()
    box.check.setChecked(True)
    box.first.setText("Qingxi-2026")
    box.second.setText("Qingxi-2062")
    dialog.try_accept()
    assert dialog.saved is None and dialog.error_label.text() == DIFFER
    box.second.setText("Qingxi-2026")
    dialog.try_accept()
    assert dialog.saved == {"term_number": None, "internal": True, "password": protect.OpenPassword("Qingxi-2026")}

    dialog.form.findChild(QRadioButton, "public").setChecked(True)
    assert not box.check.isChecked() and not box.check.isEnabled() and box.first.text() == ""


def test_the_preview_opens_an_encrypted_register_with_its_password(qtbot, profiled_store, tmp_path):
    house = people.add_household(profiled_store, code="HH001", group_name="一组")
    people.add_person(profiled_store, house["id"], name="张建国", relation="户主",
                      id_number=valid_id(date(1972, 4, 8), 111))
    committee.save_term(profiled_store, number=12, start_date="2026-03-01")
    password = protect.OpenPassword("Qingxi-2026")
    pdf = print_households(profiled_store, tmp_path / "花名册.pdf", password=password)

    shown = PrintPreviewDialog(pdf, None, "花名册.pdf", password=password)
    qtbot.addWidget(shown)
    assert shown.load_error is None and shown.page_count() == 1
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert shown.print_to(printer) == 1, "the printer opens it with the password too"
    assert (tmp_path / "printed.pdf").stat().st_size > 0

    locked = PrintPreviewDialog(pdf, None, "花名册.pdf")
    qtbot.addWidget(locked)
    assert locked.document is None and "密码" in locked.load_error
