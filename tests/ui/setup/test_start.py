"""The step before the window: the first start sets up a plain database, the login opens an encrypted one."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit

from tests.helpers.desk import PEOPLE, encrypted_village, fill_first_account, first_start_steps, login_step
from tests.helpers.factories import package_village, valid_uscc
from tests.helpers.ui import PreviewRecorder, when_modal
from villagedesk.core.accounts import messages as account_messages
from villagedesk.core.common.village import get_profile
from villagedesk.store import open_store
from villagedesk.store.backup import restorable_backups
from villagedesk.store.database import is_encrypted
from villagedesk.store.keys import Keyring, database_key
from villagedesk.ui.kit import print_preview
from villagedesk.ui.setup.first_start import FirstStartDialog, RecoveryKeyDialog
from villagedesk.ui.setup.start import authenticate


def test_first_start_on_an_older_plain_database_encrypts_it_and_shows_the_key_once(qtbot, tmp_path,
                                                                                   monkeypatch):
    path = tmp_path / "village.sqlite3"
    package_village(path)  # an older village: its profile, two households, a plain backup
    with open_store(path) as store:
        store.backup(reason="before-import")
    plain_backups = len(restorable_backups(path))
    assert plain_backups
    previews = PreviewRecorder()
    monkeypatch.setattr(print_preview, "PrintPreviewDialog", previews)
    seen: list[str] = []
    notes: list[str] = []

    def print_and_keep(dialog: RecoveryKeyDialog) -> None:
        notes.append(dialog.findChild(type(dialog.key), "encrypted_note").text())
        dialog.print_button.click()  # the preview (recorded) closes; the sheet's file is gone with it
        assert dialog.kept.isChecked() and dialog.ok.isEnabled()
        seen.append(dialog.key.text())
        dialog.ok.click()

    titles = when_modal(lambda d: fill_first_account(d), print_and_keep)
    store = authenticate(path)
    try:
        assert len(titles) == 2  # the form, then the key
        assert store.actor == "zhuren" and store.key is not None and is_encrypted(path)
        assert store.key == database_key(seen[0])  # the key shown opens the database
        assert get_profile(store).name == "油溪桥村"  # kept from the older file
        assert str(plain_backups) in notes[0] and restorable_backups(path) == []  # the plain backups gone, and said so
        (sheet, suggested), = previews
        assert seen[0].replace(" ", "") in sheet.replace(" ", "").replace("\n", "") and suggested == "恢复密钥单.pdf"
        assert "户主1" not in sheet
        assert [login for login, _name in Keyring.load(path).logins()] == ["zhuren"]
    finally:
        store.close()


def test_a_new_database_asks_for_the_profile_and_the_account_together(qtbot, tmp_path):
    path = tmp_path / "new.sqlite3"
    profile = {"name": "八名村", "code": valid_uscc(), "township": "天门乡", "county": "新化县", "clerk": "王文书",
               "phone": "13900001111"}
    when_modal(*first_start_steps(**profile))
    store = authenticate(path)
    try:
        assert get_profile(store).name == "八名村" and store.actor == "zhuren"
    finally:
        store.close()


def test_the_form_stays_open_until_the_account_is_right(qtbot, tmp_path):
    path = tmp_path / "village.sqlite3"
    package_village(path)
    with open_store(path) as store:
        dialog = FirstStartDialog(store)
        qtbot.addWidget(dialog)
        name, _role, secret = PEOPLE["zhuren"]
        for field, value in {"account_name": name, "login": "zhuren", "password": secret,
                             "password_again": "typo-typo"}.items():
            dialog.field(field).setText(value)
        dialog.try_accept()
        assert dialog.result() != QDialog.DialogCode.Accepted and dialog.error_label.isVisibleTo(dialog)
        assert dialog.field("password_again").text() == ""
        dialog.field("password_again").setText(secret)
        dialog.field("password").setText("short")
        dialog.field("password_again").setText("short")
        dialog.try_accept()
        assert dialog.error_label.text() == account_messages.PASSWORD_SHORT.format(length=8, count=5)
        assert dialog.field("role").currentData() == "head" and not dialog.field("role").isEnabled()
        assert isinstance(dialog.field("name"), QLineEdit) and dialog.field("name").text() == "油溪桥村"
    assert not is_encrypted(path)  # nothing done while the form is open


def test_cancelling_the_first_start_changes_nothing(qtbot, tmp_path):
    path = tmp_path / "village.sqlite3"
    package_village(path)
    when_modal(lambda d: d.reject())
    assert authenticate(path) is None
    assert not is_encrypted(path) and not Keyring.load(path).exists()


def test_an_encrypted_database_opens_through_the_login(qtbot, tmp_path, boxes):
    path = tmp_path / "village.sqlite3"
    encrypted_village(path)  # set up by the command line: the window has not said it is encrypted
    when_modal(login_step("jiandu"))
    store = authenticate(path)
    try:
        assert store.actor == "jiandu"
    finally:
        store.close()
    [(kind, title, text)] = boxes
    assert kind == "information" and "已经加密" in text  # once
    when_modal(login_step("wenshu"))
    authenticate(path).close()
    assert len(boxes) == 1
    when_modal(lambda d: d.reject())
    assert authenticate(path) is None


@pytest.mark.parametrize("older", [False, True])
def test_the_recovery_key_dialog_waits_until_the_key_is_kept(qtbot, tmp_path, older):
    package_village(tmp_path / "v.sqlite3")
    with open_store(tmp_path / "v.sqlite3") as store:
        profile = get_profile(store)
    dialog = RecoveryKeyDialog("7Q2M-9XKD-R4TB", profile, tmp_path / "v.sqlite3", removed_backups=2 if older else None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.key.text() == "7Q2M 9XKD R4TB" and not dialog.ok.isEnabled()
    dialog.reject()  # Esc: the only sight of the key is not thrown away
    assert dialog.isVisible()
    assert (dialog.findChild(type(dialog.key), "encrypted_note") is not None) == older


def test_a_script_logs_the_window_in_from_the_environment(qtbot, tmp_path, monkeypatch, boxes):
    path = tmp_path / "village.sqlite3"
    encrypted_village(path)
    monkeypatch.setenv("VILLAGEDESK_USER", "wenshu")
    monkeypatch.setenv("VILLAGEDESK_PASSWORD", PEOPLE["wenshu"][2])
    store = authenticate(path)  # no dialog: nobody is there to answer it
    try:
        assert store.actor == "wenshu" and boxes == []
    finally:
        store.close()


def test_a_window_that_closes_once_painted_opens_a_plain_database_as_before(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "village.sqlite3"
    package_village(path)
    monkeypatch.setenv("VILLAGEDESK_EXIT_AFTER_PAINT", "1")
    store = authenticate(path)  # no first start: nobody is there to make the account
    try:
        assert store.key is None and not is_encrypted(path)
    finally:
        store.close()
