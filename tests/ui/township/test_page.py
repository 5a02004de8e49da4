"""The township's window: import several packages at once, the villages page, a village's records read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QMessageBox

from tests.helpers import WAIT, WAIT_MS
from tests.helpers.factories import join, valid_uscc
from tests.helpers.packages import repackaged
from tests.helpers.ui import PreviewRecorder, when_modal
from villagedesk import clock
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.core.register import people
from villagedesk.core.township import keys
from villagedesk.core.township import merge as township
from villagedesk.documents.package.importer import import_order
from villagedesk.documents.package.writer import write_package
from villagedesk.store import open_store
from villagedesk.ui.kit import print_preview
from villagedesk.ui.main_window import MainWindow
from villagedesk.ui.township.page import TownshipPage, VillageRecordsDialog

pytestmark = pytest.mark.usefixtures("vd_app")

A = valid_uscc("54431322MJ1234501")
B = valid_uscc("54431322MJ1234502")
FOREIGN = valid_uscc("54431322MJ1234503")


def _village(path: Path, code: str, name: str, joined=None, township_name: str = "天门乡") -> Path:
    """A village of two households that joined the township ``joined`` (a store or a path; None: none)."""
    with open_store(path) as store:
        save_profile(store, Profile(name, code, township_name, "新化县", "李文书", "13812341234"))
        if joined is not None:
            join(store, joined)
        for n in (1, 2):
            house = people.add_household(store, code=f"HH00{n}", group_name="一组", address=f"{name}{n}号")
            people.add_person(store, house["id"], name=f"{name[0]}户主{n}", relation="户主")
    return path


def _package(db: Path, stick: Path, change=None) -> Path:
    with open_store(db) as store:
        if change is not None:
            change(store)
        return write_package(store, stick)


def _tampered(package: Path, target: Path, township_store) -> Path:
    """The same package with one byte of its households changed (the checksum no longer matches), sealed again."""
    return repackaged(package, target, township_store, lambda name, data: data.replace(
        "一组".encode(), "二组".encode(), 1) if name == "data/households.jsonl" else data)


@pytest.fixture
def township_store(tmp_path):
    with open_store(tmp_path / "township.sqlite3") as store:
        save_profile(store, Profile("天门乡人民政府", valid_uscc("11431322MB1234567"), "天门乡", "新化县",
                                    "王干事", "07381234567"))
        township.set_township(store, True)
        yield store


@pytest.fixture
def window(qtbot, township_store):
    opened = MainWindow(township_store)
    qtbot.addWidget(opened)
    opened.show()  # clicks and double-clicks land on laid-out widgets
    qtbot.waitExposed(opened)
    return opened


@pytest.fixture(autouse=True)
def questions(monkeypatch) -> list[tuple[str, str]]:
    """Every question the page asks (a village's first package and its key fingerprint, …), answered Yes."""
    asked: list[tuple[str, str]] = []

    def ask(_parent, title, text, *_a, **_k):
        asked.append((title, text))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", ask)
    return asked


def _choose_files(monkeypatch, files):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(f) for f in files], ""))


def _import(qtbot, page: TownshipPage) -> str:
    """Click "Import packages…", wait for the job and its report; the report's text."""
    report, enabled = [], []
    button = page.buttons["import_packages"]
    seen = when_modal(lambda d: (report.append(d.text()), enabled.append(button.isEnabled()), d.accept()))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.job is not None
    qtbot.waitUntil(lambda: bool(report), timeout=WAIT_MS)
    assert page.job.wait(WAIT)
    assert seen == ["导入数据包：结果"]
    # No second import while one runs (a confirmed village is a second round), then free again.
    assert enabled == [False] and button.isEnabled()
    return report[0]


def test_a_township_database_opens_on_the_villages_page(window):
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == ["各村汇总"]
    assert isinstance(window.pages.currentWidget(), TownshipPage)
    assert "还没有村的数据" in window.township.summary.text()
    assert window.village_label.text() == "乡镇汇总数据库 新化县天门乡"
    assert not window.township_action.isVisible()


def test_the_township_writes_its_card_and_prints_its_key_sheet(qtbot, window, township_store, tmp_path, monkeypatch):
    page = window.township
    target = tmp_path / "天门乡-乡镇卡片.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    shown = when_modal(lambda d: d.accept())
    qtbot.mouseClick(page.buttons["export_card"], Qt.MouseButton.LeftButton)
    card = keys.read_card(target)
    assert card == keys.township_card(township_store)[0] and len(shown) == 1

    previews = PreviewRecorder()
    monkeypatch.setattr(print_preview, "PrintPreviewDialog", previews)
    qtbot.mouseClick(page.buttons["print_keys"], Qt.MouseButton.LeftButton)
    assert page.job is not None and page.job.wait(WAIT)
    qtbot.waitUntil(lambda: bool(previews), timeout=WAIT_MS)
    assert card.fingerprint.replace(" ", "") in "".join(previews[0][0].split())


@pytest.mark.slow
def test_import_two_packages_and_a_tampered_one_at_once(qtbot, window, township_store, tmp_path, stick,
                                                        monkeypatch, boxes):
    a = _village(tmp_path / "a.sqlite3", A, "油溪桥村", township_store)
    first = _package(a, stick)
    second = _package(a, stick, lambda s: people.add_household(s, code="HH003", group_name="二组"))
    b = _village(tmp_path / "b.sqlite3", B, "八名村", township_store)
    bad = _tampered(_package(b, tmp_path), stick / "VD-tampered.vdpkg", township_store)
    # Given out of order: the window takes them village by village, in sequence.
    _choose_files(monkeypatch, [bad, second, first])
    page = window.township
    text = _import(qtbot, page)

    assert "已导入 2 个。 拒绝 1 个。" in text
    assert f"✔ {first.name}\n  已导入油溪桥村（{A}）第 1 号数据包（新加入的村）。\n" \
           "  记录：新增 5 条，更新 0 条，未变 0 条，删除 0 条。" in text
    assert text.index(first.name) < text.index(second.name) < text.index(bad.name)
    assert f"✘ {bad.name}\n  数据包 {bad.name} 不能导入：文件“data/households.jsonl”的校验值与清单不符" in text
    assert boxes == []  # one report, no message box per file
    assert [v["code"] for v in township.villages(township_store)] == [A]

    shown = page.village_texts(A)
    assert (shown["name"], shown["last_sequence"], shown["age"]) == ("油溪桥村", "第 2 号", "0")
    assert (shown["households"], shown["persons"]) == ("3", "2")
    assert shown["committee"] == "空缺：党组织书记、村委会主任、监委会主任"
    assert shown["participation"] == "0%" and shown["requests_open"] == "0"
    assert "共 1 个村" in page.summary.text() and "两委主职空缺：油溪桥村" in page.summary.text()
    # The village's packages, newest first.
    page.select_village(A)
    assert [r["sequence"] for r in page.packages.rows()] == [2, 1]
    assert page.packages.rows()[0]["file_name"] == second.name


@pytest.mark.slow
def test_an_old_package_stands_out(qtbot, window, township_store, tmp_path, stick, monkeypatch):
    from datetime import timedelta


    a = _village(tmp_path / "a.sqlite3", A, "油溪桥村", township_store)
    _choose_files(monkeypatch, [_package(a, stick)])
    page = window.township
    _import(qtbot, page)
    row = page.villages.row_of(A)
    background = page.villages.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert background is None
    clock.set(clock.today() + timedelta(days=31))
    page.refresh()
    assert page.village_texts(A)["age"] == "31"
    assert page.villages.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "超过 30 天没有新数据包（已标色）：油溪桥村" in page.summary.text()


@pytest.mark.slow
def test_cancel_stops_before_the_next_file_and_reports_what_was_imported(qtbot, window, township_store, tmp_path,
                                                                         stick, monkeypatch):
    import threading

    from villagedesk.documents.package import importer

    a = _village(tmp_path / "a.sqlite3", A, "油溪桥村", township_store)
    first = _package(a, stick)
    second = _package(a, stick, lambda s: people.add_household(s, code="HH003"))
    started, go_on = threading.Event(), threading.Event()
    real = importer.ImportSession.take

    def slow(*args, **kwargs):
        started.set()
        go_on.wait(WAIT)  # the officer presses Cancel while the first file is imported
        return real(*args, **kwargs)

    monkeypatch.setattr(importer.ImportSession, "take", slow)
    _choose_files(monkeypatch, [second, first])
    page = window.township
    report = []
    when_modal(lambda d: (report.append(d.text()), d.accept()))
    qtbot.mouseClick(page.buttons["import_packages"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    page.job.cancel()
    go_on.set()
    qtbot.waitUntil(lambda: bool(report), timeout=WAIT_MS)
    assert page.job.wait(WAIT)
    assert "已导入 1 个。 因停止而未导入 1 个。" in report[0]
    assert f"– {second.name}\n  未导入：在这个文件之前已停止导入。" in report[0]
    assert [v["last_sequence"] for v in township.villages(township_store)] == [1]
    assert page.village_texts(A)["last_sequence"] == "第 1 号"


@pytest.mark.slow
@pytest.mark.parametrize("answer", ["no", "yes"])
def test_a_village_of_another_township_is_taken_only_when_confirmed(qtbot, window, township_store, tmp_path,
                                                                    stick, monkeypatch, answer):
    c = _village(tmp_path / "c.sqlite3", FOREIGN, "紫鹊界村", township_store, township_name="水车镇")
    files = [_package(c, stick), _package(c, stick, lambda s: people.add_household(s, code="HH003"))]
    questions = []

    def ask(_parent, title, text, *_a, **_k):
        questions.append((title, text))
        return QMessageBox.StandardButton.Yes if answer == "yes" else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", ask)
    _choose_files(monkeypatch, files)
    text = _import(qtbot, window.township)
    # One question for the village, though two of its packages came.
    assert len(questions) == 1
    title, question = questions[0]
    assert title == "外乡镇的村" and "紫鹊界村属于新化县水车镇" in question and "仍然导入" in question
    if answer == "yes":
        assert "已导入 2 个。" in text and "拒绝" not in text
        assert window.township.village_texts(FOREIGN)["last_sequence"] == "第 2 号"
    else:
        assert "已导入 0 个。 拒绝 2 个。" in text and text.count("您选择了“否”") == 2
        assert township.villages(township_store) == []


@pytest.mark.slow
def test_double_click_shows_the_villages_records_read_only(qtbot, window, township_store, tmp_path, stick,
                                                           monkeypatch):
    a = _village(tmp_path / "a.sqlite3", A, "油溪桥村", township_store)
    _package(a, stick)
    _package(a, stick, lambda s: people.add_household(s, code="HH003", group_name="二组", address="河边"))
    _choose_files(monkeypatch, sorted(stick.iterdir()))
    page = window.township
    _import(qtbot, page)
    monkeypatch.setattr(VillageRecordsDialog, "PAGE_ROWS", 2)  # three households: two pages
    seen: dict = {}

    def browse(dialog):
        assert dialog.job.wait(WAIT)
        seen["title"] = dialog.windowTitle()
        seen["sheet"] = dialog.sheet_combo.currentText()
        seen["sheets"] = [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())]
        model = dialog.model
        seen["headers"] = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        seen["page1"] = [(r["code"], r["address"]) for r in model.rows()]
        seen["label"] = dialog.page_label.text()
        seen["editable"] = any(model.flags(model.index(r, c)) & Qt.ItemFlag.ItemIsEditable
                               for r in range(model.rowCount()) for c in range(model.columnCount()))
        seen["triggers"] = dialog.view.editTriggers()
        assert dialog.buttons["next_page"].isEnabled() and not dialog.buttons["previous_page"].isEnabled()
        dialog.buttons["next_page"].click()
        assert dialog.job.wait(WAIT)
        seen["page2"] = [r["code"] for r in dialog.model.rows()]
        seen["replica"] = dialog.replica.path
        dialog.reject()

    titles = when_modal(browse)
    view = page.villages_view
    index = page.villages.index(page.villages.row_of(A), 0)
    where = view.visualRect(index).center()
    # A double-click is a press and release, then the double-click event.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: "replica" in seen, timeout=WAIT_MS)
    assert page.job.wait(WAIT)

    assert titles == ["油溪桥村的记录（只读）"] and seen["title"] == titles[0]
    assert seen["sheet"] == "户（3）" and "人员（2）" in seen["sheets"]
    assert seen["headers"][:4] == ["户编号", "户主", "村民小组", "住址"]
    assert seen["page1"] == [("HH001", "油溪桥村1号"), ("HH002", "油溪桥村2号")]
    assert seen["page2"] == ["HH003"]
    assert seen["label"].startswith("第 1–2 行，共 3 行")
    assert seen["editable"] is False
    assert seen["triggers"] == QAbstractItemView.EditTrigger.NoEditTriggers
    # The replica lived in a temporary folder and is gone with the dialog.
    assert not Path(seen["replica"]).exists() and not Path(seen["replica"]).parent.exists()


def test_use_as_township_database_from_the_file_menu(qtbot, store, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    window = MainWindow(store)
    qtbot.addWidget(window)
    assert window.nav.count() > 1
    window.township_action.trigger()
    assert township.is_township(store)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == ["各村汇总"]
    assert window.pages.count() == 1 and window.pages.currentWidget() is window.township
    assert window.village_label.text() == "乡镇汇总数据库"


def test_a_village_database_is_not_made_a_township_one(qtbot, profiled_store, monkeypatch, boxes):
    people.add_household(profiled_store, code="HH001", group_name="一组")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    window = MainWindow(profiled_store)
    qtbot.addWidget(window)
    pages = window.pages.count()
    window.township_action.trigger()
    assert boxes == [("warning", "设为乡镇汇总数据库",
                      "这个数据库已经有本村的户籍或数据包记录，不能设为乡镇汇总数据库。请新建一个数据库。")]
    assert not township.is_township(profiled_store)
    assert window.pages.count() == pages


@pytest.mark.slow
def test_import_order_puts_each_village_in_sequence_and_unreadable_files_last(tmp_path, stick, township_store):
    a = _village(tmp_path / "a.sqlite3", A, "油溪桥村", township_store)
    b = _village(tmp_path / "b.sqlite3", B, "八名村", township_store)
    a1, b1 = _package(a, stick), _package(b, stick)
    a2 = _package(a, stick, lambda s: people.add_household(s, code="HH003"))
    junk = stick / "VD-junk.zip"
    junk.write_bytes(b"not a zip")
    order = import_order([junk, a2, b1, a1])
    assert [q.path for q in order] == [a1, a2, b1, junk]
    assert [(q.village_code, q.sequence) for q in order] == [(A, 1), (A, 2), (B, 1), (None, None)]


@pytest.mark.slow
def test_a_new_village_and_a_new_key_are_asked_with_their_fingerprints_and_shown(qtbot, window, township_store,
                                                                                tmp_path, stick, monkeypatch,
                                                                                questions):
    from villagedesk.core.township import keys
    from villagedesk.store.migrations.v0008_trust import new_signing_key

    a = _village(tmp_path / "a.sqlite3", A, "油溪桥村", township_store)
    with open_store(a, write=False) as store:
        old = keys.village_fingerprint(store)
    _choose_files(monkeypatch, [_package(a, stick)])
    page = window.township
    _import(qtbot, page)
    ((title, text),) = questions
    assert title == "新加入的村" and old in text and "念出的指纹与此相同吗" in text
    assert page.village_texts(A)["fingerprint"] == old and page.village_texts(A)["events"] == ""

    # The village reinstalled: another key signs its next package.
    private, public = new_signing_key()
    with open_store(a) as store, store.atomic():
        store.conn.execute("UPDATE keys SET private = ?, public = ? WHERE role = 'village-signing'", (private, public))
        new = keys.village_fingerprint(store)
    _choose_files(monkeypatch, [_package(a, stick, lambda s: people.add_household(s, code="HH003"))])
    report = _import(qtbot, page)
    title, text = questions[1]
    assert title == "村的签名密钥变了" and old in text and new in text
    assert "更换签名密钥（第 2 号数据包）" in report
    assert page.village_texts(A)["fingerprint"] == new and page.village_texts(A)["events"] == "1 件"
    page.select_village(A)
    shown = page.events_label.text()
    assert f"签名密钥指纹：{new}" in shown and "经确认后接受并记录在案" in shown and old in shown


@pytest.mark.slow
def test_a_key_change_answered_no_changes_nothing(qtbot, window, township_store, tmp_path, stick, monkeypatch):
    from villagedesk.store.migrations.v0008_trust import new_signing_key

    a = _village(tmp_path / "a.sqlite3", A, "油溪桥村", township_store)
    _choose_files(monkeypatch, [_package(a, stick)])
    page = window.township
    _import(qtbot, page)
    private, public = new_signing_key()
    with open_store(a) as store, store.atomic():
        store.conn.execute("UPDATE keys SET private = ?, public = ? WHERE role = 'village-signing'", (private, public))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)
    second = _package(a, stick, lambda s: people.add_household(s, code="HH003"))
    _choose_files(monkeypatch, [second])
    report = _import(qtbot, page)
    assert f"✘ {second.name}" in report and "您选择了“否”" in report
    assert [v["last_sequence"] for v in township.villages(township_store)] == [1]
    assert township.village_events(township_store) == []
