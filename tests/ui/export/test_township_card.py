"""The township card in the window: a village joins (or changes) its township, a township writes its card."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QPushButton, QWidget

from tests.helpers import WAIT_MS
from tests.helpers.factories import valid_uscc
from tests.helpers.ui import PreviewRecorder, shown, when_modal
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.core.township import keys, merge
from villagedesk.core.township import messages as township_messages
from villagedesk.store import open_store
from villagedesk.ui.export.page import ExportPage
from villagedesk.ui.export.township_card import JoinTownshipDialog, export_township_card, print_key_sheet
from villagedesk.ui.kit import print_preview

pytestmark = pytest.mark.usefixtures("vd_app")


def _card_file(tmp_path, name: str):
    db = tmp_path / f"{name}.sqlite3"
    with open_store(db) as store:
        save_profile(store, Profile(name, valid_uscc(), name, "新化县", "王干事", "07381234567"))
        merge.set_township(store, True)
        card, signature = keys.township_card(store)
    path = tmp_path / f"{name}-乡镇卡片.json"
    path.write_text(card.to_json(signature), encoding="utf-8")
    return path


@pytest.fixture
def card_file(tmp_path):
    return _card_file(tmp_path, "天门乡")


@pytest.fixture
def choose(monkeypatch):
    """QFileDialog.getOpenFileName answers the file given to choose(path)."""
    chosen = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(chosen[-1]), "") if chosen else ("", ""))
    return chosen.append


def _page(qtbot, store) -> ExportPage:
    return shown(qtbot, ExportPage(store), (900, 800))


def _join_button(page) -> QPushButton:
    return page.township.buttons["join_township"]


def _no_dialog(monkeypatch) -> None:
    """The confirmation must not open (a when_modal waiting for a dialog that never comes would outlive the test)."""
    monkeypatch.setattr(JoinTownshipDialog, "exec", lambda _self: pytest.fail("the card was offered to confirm"))


def _confirm(dialog: QWidget) -> None:
    assert isinstance(dialog, JoinTownshipDialog)
    dialog.findChild(QPushButton, "confirm").click()


def test_a_village_joins_after_comparing_the_fingerprint(qtbot, profiled_store, card_file, choose, boxes):
    card = keys.read_card(card_file)
    page = _page(qtbot, profiled_store)
    status = page.township.status
    assert "还没有加入乡镇" in status.text() and _join_button(page).text() == "加入乡镇…"

    seen: dict[str, str] = {}

    def look_then_confirm(dialog):
        seen["township"] = dialog.findChild(QWidget, "township").text()
        seen["fingerprint"] = dialog.findChild(QWidget, "fingerprint").text()
        seen["replacing"] = dialog.findChild(QWidget, "replacing")
        _confirm(dialog)

    choose(card_file)
    titles = when_modal(look_then_confirm)
    qtbot.mouseClick(_join_button(page), Qt.MouseButton.LeftButton)
    assert titles == ["加入乡镇"]
    assert seen["township"] == "新化县天门乡的乡镇卡片" and seen["replacing"] is None
    assert seen["fingerprint"].split() == card.fingerprint.split()  # two lines of four groups
    assert keys.trusted_township(profiled_store) == card
    assert [kind for kind, _title, _text in boxes] == ["information"] and "已加入新化县天门乡" in boxes[0][2]
    assert card.fingerprint in status.text() and "新化县天门乡" in status.text()
    assert _join_button(page).text() == "更换乡镇…"


def test_cancel_joins_nothing(qtbot, profiled_store, card_file, choose, boxes):
    page = _page(qtbot, profiled_store)
    choose(card_file)
    when_modal(lambda dialog: dialog.reject())
    qtbot.mouseClick(_join_button(page), Qt.MouseButton.LeftButton)
    assert keys.trusted_township(profiled_store) is None and boxes == []
    assert profiled_store.scalar("SELECT count(*) FROM township_cards") == 0


def test_choosing_no_file_joins_nothing(qtbot, profiled_store, choose, boxes):
    page = _page(qtbot, profiled_store)
    qtbot.mouseClick(_join_button(page), Qt.MouseButton.LeftButton)
    assert keys.trusted_township(profiled_store) is None and boxes == []


@pytest.mark.parametrize("content", [None, b"not a card", b"[" * 50_000])
def test_a_bad_card_is_one_chinese_message_and_changes_nothing(qtbot, profiled_store, card_file, choose, boxes,
                                                               content, monkeypatch):
    if content is None:  # the township's name changed on the way
        found = json.loads(card_file.read_text(encoding="utf-8"))
        found["township"] = "桑梓镇"
        card_file.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    else:
        card_file.write_bytes(content)
    page = _page(qtbot, profiled_store)
    audit = profiled_store.scalar("SELECT count(*) FROM audit")
    choose(card_file)
    _no_dialog(monkeypatch)
    qtbot.mouseClick(_join_button(page), Qt.MouseButton.LeftButton)
    ((kind, title, text),) = boxes
    name = card_file.name
    assert kind == "warning" and title == "加入乡镇"
    assert text in (township_messages.CARD_TAMPERED.format(card="乡镇卡片", issuer="乡镇", name=name),
                    township_messages.CARD_UNREADABLE.format(card="乡镇卡片", issuer="乡镇", command="township-card", name=name))
    assert keys.trusted_township(profiled_store) is None
    assert profiled_store.scalar("SELECT count(*) FROM audit") == audit


def test_the_same_card_again_says_so(qtbot, profiled_store, card_file, choose, boxes, monkeypatch):
    card, text = keys.read_card_file(card_file)
    keys.join_township(profiled_store, card, text)
    page = _page(qtbot, profiled_store)
    choose(card_file)
    _no_dialog(monkeypatch)
    qtbot.mouseClick(_join_button(page), Qt.MouseButton.LeftButton)
    assert [k for k, _t, _x in boxes] == ["information"] and "没有任何改动" in boxes[0][2]
    assert profiled_store.scalar("SELECT count(*) FROM township_cards") == 1


def test_change_township_keeps_the_old_card(qtbot, tmp_path, profiled_store, card_file, choose, boxes):
    first, text = keys.read_card_file(card_file)
    keys.join_township(profiled_store, first, text)
    other_file = _card_file(tmp_path, "桑梓镇")
    other = keys.read_card(other_file)
    page = _page(qtbot, profiled_store)
    assert _join_button(page).text() == "更换乡镇…"
    replacing = []

    def confirm(dialog):
        replacing.append(dialog.findChild(QWidget, "replacing").text())
        _confirm(dialog)

    choose(other_file)
    titles = when_modal(confirm)
    qtbot.mouseClick(_join_button(page), Qt.MouseButton.LeftButton)
    assert titles == ["更换乡镇"]
    assert "新化县天门乡" in replacing[0] and first.fingerprint in replacing[0]
    assert keys.trusted_township(profiled_store) == other
    assert profiled_store.rows("SELECT township, replaced_at IS NULL AS current FROM township_cards ORDER BY id") == [
        {"township": "天门乡", "current": 0}, {"township": "桑梓镇", "current": 1}]
    assert other.fingerprint in page.township.status.text()


def test_the_dialog_does_not_join_on_enter(qtbot, card_file):
    dialog = JoinTownshipDialog(keys.read_card(card_file), None)
    shown(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_a_township_exports_its_card_and_sees_the_fingerprint(qtbot, tmp_path, township_db, monkeypatch, boxes):
    target = tmp_path / "out" / "天门乡-乡镇卡片.json"
    target.parent.mkdir()
    starts = []

    def save_as(_parent, _title, start, *_a, **_k):
        starts.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    parent = shown(qtbot, QWidget())
    with open_store(township_db) as store:
        assert export_township_card(parent, store) == target
        made, _signature = keys.township_card(store)
    assert starts[0].endswith("天门乡-乡镇卡片.json")
    assert keys.read_card(target) == made
    ((kind, title, text),) = boxes
    assert (kind, title) == ("information", "导出乡镇卡片") and made.fingerprint in text and str(target) in text


def test_a_village_has_no_card_to_export(qtbot, profiled_store, monkeypatch, boxes):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: pytest.fail("no file to choose"))
    assert export_township_card(shown(qtbot, QWidget()), profiled_store) is None
    assert boxes == [("warning", "导出乡镇卡片", township_messages.NOT_A_TOWNSHIP_KEY)]


def test_print_key_sheet_previews_the_real_pdf(qtbot, profiled_store, card_file, monkeypatch):
    card, text = keys.read_card_file(card_file)
    keys.join_township(profiled_store, card, text)
    previews = PreviewRecorder()
    monkeypatch.setattr(print_preview, "PrintPreviewDialog", previews)
    page = _page(qtbot, profiled_store)
    qtbot.mouseClick(page.township.buttons["print_keys"], Qt.MouseButton.LeftButton)
    assert page.township.job is not None and page.township.job.wait(60)
    qtbot.waitUntil(lambda: bool(previews), timeout=WAIT_MS)
    printed, suggested = previews[0]
    assert suggested == "油溪桥村-密钥指纹登记表-20261116.pdf"
    squeezed = re.sub(r"\s+", "", printed)
    assert card.fingerprint.replace(" ", "") in squeezed
    assert keys.village_fingerprint(profiled_store).replace(" ", "") in squeezed


def test_a_township_prints_its_key_sheet(qtbot, tmp_path, township_db, monkeypatch):
    previews = PreviewRecorder()
    monkeypatch.setattr(print_preview, "PrintPreviewDialog", previews)
    with open_store(township_db) as store:
        job = print_key_sheet(print_preview.BackgroundPrint(shown(qtbot, QWidget()), store))
        assert job is not None and job.wait(60)
        qtbot.waitUntil(lambda: bool(previews), timeout=WAIT_MS)
        card, _signature = keys.township_card(store)
    printed, suggested = previews[0]
    assert suggested == "天门乡-密钥指纹登记表-20261116.pdf"
    assert "乡镇卡片指纹" in printed and card.fingerprint.replace(" ", "") in re.sub(r"\s+", "", printed)


def test_no_file_chosen_no_card_written(qtbot, tmp_path, township_db, monkeypatch, boxes):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: ("", ""))
    with open_store(township_db) as store:
        assert export_township_card(shown(qtbot, QWidget()), store) is None
    assert boxes == [] and not list(tmp_path.glob("*.json"))
