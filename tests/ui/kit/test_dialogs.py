"""Every dialog fits the screen with OK/Cancel in sight; typed input is never dropped by Esc."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTableView,
    QTabWidget,
    QWidget,
)
from reportlab.pdfgen import canvas

import villagedesk.ui
from tests.helpers import ROOT, WAIT
from tests.helpers.factories import valid_uscc
from tests.helpers.ui import shown, when_modal
from villagedesk.core import notices as notice_core
from villagedesk.core.accounts.accounts import Account
from villagedesk.core.accounts.roles import Action, Role
from villagedesk.core.common.village import Profile, get_profile, save_profile
from villagedesk.core.notices import model as notice_model
from villagedesk.core.notices import objections as notice_objections
from villagedesk.core.points import ledger
from villagedesk.core.requests import ledger as requests
from villagedesk.core.township import keys, merge
from villagedesk.demo.village import build_demo
from villagedesk.documents.excel.workbook import default_sheets
from villagedesk.documents.imports.households import read_roster
from villagedesk.store import open_store
from villagedesk.ui.accounts.dialogs import AccountDialog, PasswordDialog
from villagedesk.ui.committee import dialogs as committee
from villagedesk.ui.county.login import CountyLoginDialog
from villagedesk.ui.export.package_dialogs import PackageReportDialog
from villagedesk.ui.export.restore_dialog import RestoreDialog
from villagedesk.ui.export.township_card import JoinTownshipDialog
from villagedesk.ui.help.first_hour import FirstHourDialog
from villagedesk.ui.help.manual import ManualDialog
from villagedesk.ui.home.search_dialog import SearchDialog
from villagedesk.ui.kit.dialogs import FormDialog, ReasonDialog, typed_state
from villagedesk.ui.kit.idle_lock import LockScreen
from villagedesk.ui.kit.import_dialog import ImportReportDialog
from villagedesk.ui.kit.login_dialog import LoginDialog, RecoverDialog
from villagedesk.ui.kit.open_password import OpenPasswordDialog
from villagedesk.ui.kit.print_preview import PrintPreviewDialog
from villagedesk.ui.kit.sign_dialog import SignDialog
from villagedesk.ui.main_window import MainWindow
from villagedesk.ui.meetings import dialogs as meetings
from villagedesk.ui.meetings.editor import MeetingDialog
from villagedesk.ui.notices import dialogs as notices
from villagedesk.ui.points import dialogs as points
from villagedesk.ui.profile_dialog import ProfileDialog
from villagedesk.ui.register import dialogs as register
from villagedesk.ui.register.dialogs import HouseholdDialog
from villagedesk.ui.requests import dialogs as req
from villagedesk.ui.setup.first_start import FirstStartDialog, RecoveryKeyDialog
from villagedesk.ui.township.page import VillageRecordsDialog

#: An account for the forms that take one (a new password for it).
_ACCOUNT = Account(1, "wenshu", "李文书", Role.CLERK, None, False)

#: The cheap laptop of the issue (#18): what every dialog must fit.
LAPTOP = (1366, 768)
#: Where the child run of this module gets that screen from (the offscreen platform's config).
SCREEN_ENV = "VILLAGEDESK_TEST_SCREEN"


def _dialog_classes() -> set[type]:
    for module in pkgutil.walk_packages(villagedesk.ui.__path__, "villagedesk.ui."):
        importlib.import_module(module.name)
    found: set[type] = set()
    todo = [QDialog]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub.__module__.startswith("villagedesk.") and sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    """The small demo village: a record of every kind for the dialogs that edit one."""
    path = tmp_path_factory.mktemp("demo") / "village.sqlite3"
    with open_store(path) as store:
        build_demo(store, size="small", seed=1, today=date(2026, 11, 16))
    return path


@pytest.fixture
def demo(village):
    with open_store(village) as store:
        yield store


def _first(store, sql: str) -> int:
    return store.rows(sql)[0]["id"]


def _card(tmp: Path):
    with open_store(tmp / "township.sqlite3") as township:
        save_profile(township, Profile("天门乡", valid_uscc(), "天门乡", "新化县", "王干事", "07381234567"))
        merge.set_township(township, True)
        card, _signature = keys.township_card(township)
    return card


def _roster_plan(store, tmp: Path):
    book = Workbook()
    book.active.append(["户编号", "姓名", "与户主关系", "身份证号"])
    book.active.append(["HH900", "张三", "户主", ""])
    book.save(tmp / "roster.xlsx")
    return read_roster(store, tmp / "roster.xlsx"), tmp / "roster.xlsx"


def _pdf(path: Path) -> Path:
    page = canvas.Canvas(str(path))
    page.drawString(72, 720, "VillageDesk")
    page.showPage()
    page.save()
    return path


def _finance_notice(store, parent):
    dialog = notices.NoticeDialog(store, parent=parent)
    dialog.field("table_kind").setCurrentText(notice_core.FINANCE)  # the dialog of the report
    return dialog


def _factories(store, tmp: Path) -> dict[str, object]:
    """How the program opens each dialog class, with records from the demo village."""
    household = _first(store, "SELECT id FROM households ORDER BY id")
    person = _first(store, "SELECT id FROM persons ORDER BY id")
    term = _first(store, "SELECT id FROM terms ORDER BY id DESC")
    post = _first(store, "SELECT id FROM posts WHERE end_date IS NULL ORDER BY id")
    meeting = _first(store, "SELECT id FROM meetings ORDER BY id DESC")
    matter = _first(store, "SELECT id FROM matters ORDER BY id")
    rule = _first(store, "SELECT id FROM point_rules ORDER BY id")
    goods = _first(store, "SELECT id FROM shop_goods ORDER BY id")
    request = requests.get_request(store, _first(store, "SELECT id FROM requests ORDER BY id"))
    notice = notice_model.get_notice(store, _first(store, "SELECT id FROM notices ORDER BY id"))
    objection = notice_objections.get_objection(store, _first(store, "SELECT id FROM notice_objections ORDER BY id"))
    objection = {**objection, "notice_code": notice_model.notice_code(objection["notice_id"])}
    item = store.rows("SELECT * FROM disclosure_items ORDER BY id")[0]
    period = store.rows("SELECT period FROM point_periods ORDER BY period DESC")[0]["period"]
    points_objections = [o for p in store.rows("SELECT period FROM point_periods")
                         for o in ledger.period_objections(store, p["period"])]
    pdf = _pdf(tmp / "sample.pdf")
    plan, roster = _roster_plan(store, tmp)
    sheets = [(spec, spec.count(store)) for spec in default_sheets()]
    village = {"code": "430000000001", "name": "油溪桥村", "last_sequence": 3, "last_created": "2026-11-01"}
    return {
        "TermDialog": lambda p: committee.TermDialog(store, p),
        "committee.PostDialog": lambda p: committee.PostDialog(store, term, None, p),
        "EndPostDialog": lambda p: committee.EndPostDialog(store, post, p),
        "TrainingDialog": lambda p: committee.TrainingDialog(store, (), p),
        "AppraisalDialog": lambda p: committee.AppraisalDialog(store, person, p),
        "RosterDialog": lambda p: committee.RosterDialog(store, term, p),
        "AgendaDialog": lambda p: meetings.AgendaDialog(store, meeting, None, p),
        "ResolutionDialog": lambda p: meetings.ResolutionDialog(store, meeting, None, p),
        "AmendmentDialog": lambda p: meetings.AmendmentDialog(store, meeting, p),
        "MatterDialog": lambda p: meetings.MatterDialog(store, None, p),
        "LinkStageDialog": lambda p: meetings.LinkStageDialog(store, matter, p),
        "PostingDialog": lambda p: meetings.PostingDialog(store, matter, True, p),
        "MeetingDialog": lambda p: MeetingDialog(store, meeting, p),
        "RequestDialog": lambda p: req.RequestDialog(store, parent=p),
        "StartDialog": lambda p: req.StartDialog(store, request, p),
        "ReferDialog": lambda p: req.ReferDialog(store, request, p),
        "CloseDialog": lambda p: req.CloseDialog(store, request, p),
        "ReopenDialog": lambda p: req.ReopenDialog(store, request, p),
        "NoticeDialog": lambda p: _finance_notice(store, p),
        "notices.ReviewDialog": lambda p: notices.ReviewDialog(store, notice, p),
        "notices.PostDialog": lambda p: notices.PostDialog(store, notice, p),
        "notices.ObjectionDialog": lambda p: notices.ObjectionDialog(store, notice, p),
        "ReplyDialog": lambda p: notices.ReplyDialog(store, objection, p),
        "ItemDialog": lambda p: notices.ItemDialog(store, item, p),
        "SourceDialog": lambda p: notices.SourceDialog(store, "来自积分排名", "选一期排名。", [("2026年10月", 1)],
                                                       lambda _c: {}, p),
        "RegisterPickDialog": lambda p: notices.RegisterPickDialog(store, p),
        "EntryForm": lambda p: points.EntryForm(store, p, batch=True),
        "points.ReviewDialog": lambda p: points.ReviewDialog(store, 3, True, p),
        "RuleDialog": lambda p: points.RuleDialog(store, rule, p),
        "RetireDialog": lambda p: points.RetireDialog(store, rule, p),
        "SchemeDialog": lambda p: points.SchemeDialog(store, p),
        "points.ObjectionDialog": lambda p: points.ObjectionDialog(store, period, household, p),
        "ResolveDialog": lambda p: points.ResolveDialog(store, points_objections[0], p),
        "GoodsDialog": lambda p: points.GoodsDialog(store, p),
        "RestockDialog": lambda p: points.RestockDialog(store, goods, p),
        "RedeemDialog": lambda p: points.RedeemDialog(store, goods, p),
        "ReasonDialog": lambda p: ReasonDialog(store, "归档", "为什么归档？", ["迁出", "死亡"], lambda r: r, p),
        "SignDialog": lambda p: SignDialog(store, "锁定", "锁定 2026 年第三季度？", Action.LOCK_PERIOD, lambda a: a,
                                           parent=p),
        "ProfileDialog": lambda p: ProfileDialog(store, p),
        "HouseholdDialog": lambda p: register.HouseholdDialog(store, household, p),
        "PersonDialog": lambda p: register.PersonDialog(store, household, person, p),
        "MoveDialog": lambda p: register.MoveDialog(store, person, p),
        "PrintPreviewDialog": lambda p: PrintPreviewDialog(pdf, p, "样张.pdf"),
        "PackageReportDialog": lambda p: PackageReportDialog("导入完成", [f"第 {n} 行" for n in range(60)], p),
        "RestoreDialog": lambda p: RestoreDialog(store, p),
        "JoinTownshipDialog": lambda p: JoinTownshipDialog(_card(tmp), None, p),
        "CountyLoginDialog": lambda p: CountyLoginDialog("postgresql://wang_li@county-server/villagedesk", p),
        "SearchDialog": lambda p: SearchDialog(store, p),
        "VillageRecordsDialog": lambda p: VillageRecordsDialog(store, sheets, village, p),
        "ImportReportDialog": lambda p: ImportReportDialog(plan, roster, p),
        "FirstHourDialog": lambda p: FirstHourDialog(store, {}, p),
        "ManualDialog": lambda p: ManualDialog(p),
        "OpenPasswordDialog": lambda p: OpenPasswordDialog("导出 Excel 工作簿", "工作簿", p),
        "AccountDialog": lambda p: AccountDialog(store, None, p),
        "PasswordDialog": lambda p: PasswordDialog(store, _ACCOUNT, lambda password: password, p),
        "FirstStartDialog": lambda p: FirstStartDialog(store, p, older=True),
        "RecoveryKeyDialog": lambda p: RecoveryKeyDialog("7Q2M-9XKD-R4TB-WW0H-3NZE-J8PC-Y6VA-K1MG-Q4XD",
                                                         get_profile(store), store.path, p, removed_backups=3),
        "LoginDialog": lambda p: LoginDialog([("wenshu", "李文书"), ("zhuren", "张主任")], lambda *_: None,
                                             lambda _login: 0, p),
        "LockScreen": lambda p: LockScreen("wenshu", "李文书", 10, lambda *_: None, lambda _login: 0, p),
        "RecoverDialog": lambda p: RecoverDialog(store.path, [("zhuren", "张主任")], p),
    }


def _key(cls: type, names: dict[str, int]) -> str:
    """The class's name, with its area (villagedesk.ui.<area>) when two classes share the name."""
    return f"{cls.__module__.split('.')[2]}.{cls.__name__}" if names[cls.__name__] > 1 else cls.__name__


def _concrete() -> list[str]:
    classes = [c for c in _dialog_classes() if not c.__name__.startswith("_")
               and c.__name__ not in ("Dialog", "FormDialog", "WidgetFieldsDialog", "MeetingFormDialog")]
    names: dict[str, int] = {}
    for cls in classes:
        names[cls.__name__] = names.get(cls.__name__, 0) + 1
    return sorted(_key(c, names) for c in classes)


def _inside(area: QRect, widget: QWidget) -> bool:
    top_left = widget.mapToGlobal(QPoint(0, 0))
    return area.contains(QRect(top_left, widget.size()))


@pytest.mark.slow
def test_every_dialog_class_of_the_program_has_a_way_to_open_it_here(demo, tmp_path):
    assert sorted(_factories(demo, tmp_path)) == _concrete()


@pytest.mark.slow
@pytest.mark.parametrize("name", _concrete())
def test_every_dialog_keeps_its_buttons_on_the_screen(qtbot, demo, tmp_path, name, boxes):
    window = shown(qtbot, QWidget())
    dialog = _factories(demo, tmp_path)[name](window)
    dialog.show()  # the window, handed to qtbot, takes its dialog with it
    qtbot.waitExposed(dialog)
    job = getattr(dialog, "job", None)  # a dialog that reads its first page in the background
    if job is not None:
        assert job.wait(WAIT)
    area = dialog.screen().availableGeometry()
    if SCREEN_ENV in os.environ:
        assert (area.width(), area.height()) == LAPTOP
    assert area.contains(dialog.frameGeometry()), (name, dialog.frameGeometry(), area)
    boxes = [b for b in dialog.findChildren(QDialogButtonBox) if b.isVisible()]
    for box in boxes:
        for button in box.buttons():
            if button.isVisible():
                assert _inside(area, button), (name, button.text())
    if isinstance(dialog, FormDialog):
        assert boxes, name


@pytest.mark.slow
def test_the_main_lists_keep_their_columns_in_view(qtbot, demo):
    if SCREEN_ENV not in os.environ:
        pytest.skip("a check at the laptop's width: run by test_every_dialog_fits_a_1366x768_laptop")
    window = shown(qtbot, MainWindow(demo))
    cut: dict[str, list[str]] = {}
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        page = window.pages.currentWidget()
        tabs = next((t for t in page.findChildren(QTabWidget) if t.isVisible()), None)
        for tab in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(tab)
            qtbot.wait(50)  # the page lays itself out
            for view in page.findChildren(QTableView):
                if view.isVisible():
                    width = view.viewport().width()
                    model = view.model()
                    hidden = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())
                              if not view.isColumnHidden(c)
                              and view.columnViewportPosition(c) + view.columnWidth(c) > width]
                    if hidden:
                        cut[view.objectName()] = hidden
    assert window.isMaximized() and cut == {}


@pytest.mark.slow
def test_every_dialog_fits_a_1366x768_laptop(tmp_path):
    """The same checks in a child whose (offscreen) screen is the issue's laptop."""
    config = tmp_path / "screen.json"
    width, height = LAPTOP
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", SCREEN_ENV: "1"}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          str(Path(__file__).relative_to(ROOT)), "-k", "keeps_its_buttons or keep_their_columns"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-4000:]
    assert f"{len(_concrete()) + 1} passed" in run.stdout


# --- typed input and Esc ----------------------------------------------------------------------

def test_esc_with_typed_input_asks_and_keeps_the_dialog_open(qtbot, store):
    dialog = shown(qtbot, HouseholdDialog(store))
    dialog.field("address").setText("罗家冲12号")
    answers = when_modal(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert answers and dialog.isVisible()
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Discard).click())
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_esc_without_changes_closes_at_once(qtbot, store):
    dialog = shown(qtbot, HouseholdDialog(store))
    dialog.field("address").setText("x")
    dialog.field("address").setText("")  # typed and taken back: nothing to lose
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_close_button_asks_too(qtbot, store):
    dialog = shown(qtbot, HouseholdDialog(store))
    dialog.field("address").setText("罗家冲12号")
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    dialog.windowHandle().close()  # what the title bar's × does: a close event from the system
    qtbot.wait(50)
    assert dialog.isVisible()


def test_typed_state_sees_text_choices_ticks_and_table_cells(qtbot, store):
    dialog = shown(qtbot, notices.NoticeDialog(store))
    dialog.field("table_kind").setCurrentText(notice_core.FINANCE)
    before = typed_state(dialog.form)
    dialog.editor.set_cell(0, 1, "保洁")
    assert typed_state(dialog.form) != before
    assert QApplication.activeModalWidget() is None
