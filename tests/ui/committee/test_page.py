"""The committee page driven with qtbot over a real database: terms, posts, checks, training, appraisal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QRadioButton

from tests.helpers.ui import when_modal
from villagedesk import clock
from villagedesk.core.committee import roster as committee
from villagedesk.core.register import people
from villagedesk.ui.committee.dialogs import PostDialog, RosterDialog
from villagedesk.ui.committee.page import ALL_TERMS
from villagedesk.ui.kit.person_picker import PersonPicker
from villagedesk.ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("vd_app")

TODAY = date(2024, 6, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """Every date rule (在任, the current term, the appraisal year) sees the same day."""
    clock.set(TODAY)


@pytest.fixture
def village(profiled_store):
    """Six villagers in two groups; no terms or posts yet."""
    store = profiled_store
    h1 = people.add_household(store, code="HH001", group_name="第一组")
    h2 = people.add_household(store, code="HH002", group_name="第二组")
    h3 = people.add_household(store, code="HH003", group_name="第二组")
    for household, name, relation, gender in (
            (h1, "张三", "户主", "男"), (h1, "李四", "配偶", "女"), (h2, "王五", "户主", "男"),
            (h2, "赵六", "子", "男"), (h3, "孙七", "户主", "男"), (h3, "周八", "配偶", "女")):
        people.add_person(store, household["id"], name=name, relation=relation, gender=gender,
                          phone="13812345678" if name == "张三" else "")
    return store


def _pid(store, name: str) -> int:
    return store.scalar("SELECT id FROM persons WHERE name = ?", (name,))


def _term(store, number=11, start="2021-03-01", end=None):
    return committee.save_term(store, number=number, start_date=start, end_date=end)


def _post(store, name, body, role, term, start=None):
    return committee.start_post(store, person_id=_pid(store, name), body=body, role=role,
                                term_id=term["id"], start_date=start or term["start_date"])


def _full_committee(store):
    """张三 一肩挑 (书记 + 主任), 李四 and 王五 委员, 赵六 监委会主任."""
    term = _term(store)
    _post(store, "张三", committee.PARTY, "书记", term)
    _post(store, "张三", committee.VILLAGE, "主任", term)
    _post(store, "李四", committee.VILLAGE, "委员", term)
    _post(store, "王五", committee.VILLAGE, "委员", term)
    _post(store, "赵六", committee.SUPERVISION, "主任", term)
    return term


def _page(qtbot, store):
    window = MainWindow(store)
    qtbot.addWidget(window)
    return window, window.committee


def _fill(dialog, **values):
    for name, value in values.items():
        widget = dialog.field(name)
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        else:
            index = widget.findText(value)
            assert index >= 0, f"{value!r} is not offered in {name}"
            widget.setCurrentIndex(index)


def _ok(dialog):
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()


def _ok_last(dialog):
    """OK in a flow's last step: a dialog that refused the input is closed, so the test fails at once."""
    _ok(dialog)
    if dialog.isVisible():
        dialog.reject()


def _rows(page):
    return [page.posts.record(r) for r in range(page.posts.rowCount())]


def _shown(page):
    """(name, body, role, status) of each row as the table shows it."""
    return [(r["name"], r["body"], r["role"], r["status"]) for r in _rows(page)]


def _select(page, name, role=None):
    for row, record in enumerate(_rows(page)):
        if record["name"] == name and role in (None, record["role"]):
            page.posts_view.selectRow(row)
            return record
    raise AssertionError(f"{name} {role or ''} is not in the committee table")


# --- terms ------------------------------------------------------------------------

@pytest.mark.slow
def test_add_term_through_form_then_overlapping_term_refused_inline(qtbot, village):
    window, page = _page(qtbot, village)
    hints = []

    def first(d):
        _fill(d, number="11", election_date="2021-01-15", start_date="2021-03-01")
        hints.append(d.form.findChild(QLabel, "end_date_hint").text())
        _ok_last(d)

    when_modal(first)
    page.buttons["new_term"].click()
    assert "2026-02-28" in hints[0], "an empty end date should be explained as five years"
    assert village.rows("SELECT number, election_date, start_date, end_date FROM terms") == [
        {"number": 11, "election_date": "2021-01-15", "start_date": "2021-03-01", "end_date": "2026-02-28"}]
    assert page.term_combo.currentText().startswith("第 11 届（2021-03-01 至 2026-02-28）")
    assert "本届" in page.term_combo.currentText()

    seen = {}

    def overlapping(d):
        assert d.field("number").text() == "12", "the next number is offered"
        _fill(d, start_date="2023-01-01")
        _ok(d)
        seen["open"] = d.isVisible()
        seen["error"] = d.error_label.text()
        seen["marked"] = d.field("start_date").styleSheet()
        d.reject()

    when_modal(overlapping)
    page.buttons["new_term"].click()
    assert seen["open"], "an overlapping term must keep the dialog open"
    assert "重叠" in seen["error"] and "第 11 届" in seen["error"]
    assert "border" in seen["marked"]
    assert village.scalar("SELECT count(*) FROM terms") == 1


# --- posts ------------------------------------------------------------------------

def test_start_post_for_person_found_by_pinyin_initials(qtbot, village):
    _term(village)
    window, page = _page(qtbot, village)
    assert _rows(page) == []
    found = {}

    def start(d):
        picker = d.picker
        qtbot.keyClicks(picker.search, "zs")
        found["matches"] = [picker.model.record(r)["name"] for r in range(picker.model.rowCount())]
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
        found["chosen"] = picker.person_id
        found["label"] = picker.chosen_label.text()
        assert d.field("term").currentText().startswith("第 11 届")
        assert d.field("start_date").text() == TODAY.isoformat(), "a term under way starts today"
        _fill(d, body="村党组织")
        found["roles"] = [d.field("role").itemText(i) for i in range(d.field("role").count())]
        _fill(d, role="书记", start_date="2021-03-01")
        _ok_last(d)

    when_modal(start)
    page.buttons["start_post"].click()
    assert found["matches"] == ["张三"]
    assert found["chosen"] == _pid(village, "张三")
    assert "张三" in found["label"] and "HH001-P01" in found["label"]
    assert found["roles"] == ["", "书记", "副书记", "委员"], "the roles follow the body"
    assert _shown(page) == [("张三", "村党组织", "书记", "在任")]
    assert _rows(page)[0]["phone"] == "13812345678"
    assert "今天在任成员 1 人" in page.summary.text()
    # The new post is selected and its holder's record shown below.
    assert page.selected_post()["name"] == "张三"
    assert page.detail_label.text().startswith("张三")


def test_role_list_follows_body(qtbot, village):
    _term(village)
    dialog = PostDialog(village)
    qtbot.addWidget(dialog)
    _fill(dialog, body="村务监督委员会")
    assert [dialog.field("role").itemText(i) for i in range(dialog.field("role").count())] == ["", "主任", "委员"]
    _fill(dialog, role="委员", body="村民委员会")
    assert dialog.field("role").currentText() == "委员", "a role the new body also has is kept"


def test_post_without_person_then_second_secretary_refused_inline(qtbot, village):
    term = _term(village)
    _post(village, "张三", committee.PARTY, "书记", term)
    window, page = _page(qtbot, village)
    seen = {}

    def no_person(d):
        _fill(d, body="村党组织", role="书记", start_date="2022-01-01")
        _ok(d)
        seen["no_person"] = d.error_label.text()
        seen["picker_marked"] = d.picker.search.styleSheet()

    def second(d):
        d.picker.search.setText("李四")
        qtbot.keyClick(d.picker.search, Qt.Key.Key_Return)
        assert d.picker.person_id == _pid(village, "李四")
        assert d.picker.search.styleSheet() == "", "choosing a person clears the mark"
        _ok(d)
        seen["open"] = d.isVisible()
        seen["second"] = d.error_label.text()
        seen["role_marked"] = d.field("role").styleSheet()
        d.reject()

    when_modal(no_person, second)
    page.buttons["start_post"].click()
    assert "请从村民名册中选择" in seen["no_person"]
    assert "border" in seen["picker_marked"]
    assert seen["open"]
    assert "同一时间只能有一位党组织书记" in seen["second"] and "张三" in seen["second"]
    assert "border" in seen["role_marked"]
    assert village.scalar("SELECT count(*) FROM posts") == 1
    assert _shown(page) == [("张三", "村党组织", "书记", "在任")]


def test_end_post_leaves_current_committee_but_history_keeps_it(qtbot, village):
    _full_committee(village)
    window, page = _page(qtbot, village)
    assert ("李四", "村民委员会", "委员", "在任") in _shown(page)
    assert not page.buttons["end_post"].isEnabled()
    _select(page, "李四")
    assert page.buttons["end_post"].isEnabled()
    seen = {}

    def too_early(d):
        assert "李四" in d.form.findChild(QLabel, "post").text()
        assert d.field("end_date").text() == (TODAY - timedelta(days=1)).isoformat()  # left yesterday
        _fill(d, end_date="2020-01-01", reason="辞职")
        _ok(d)
        seen["early"] = d.error_label.text()

    def right(d):
        _fill(d, end_date="2024-05-01")
        _ok_last(d)

    when_modal(too_early, right)
    page.buttons["end_post"].click()
    assert "早于任职日期" in seen["early"]
    assert village.row("SELECT end_date, end_reason FROM posts WHERE person_id = ?", (_pid(village, "李四"),)) == {
        "end_date": "2024-05-01", "end_reason": "辞职"}

    names = [r["name"] for r in _rows(page)]
    assert "李四" not in names, "who has left is not in the current committee"
    assert names.count("张三") == 2
    # The detail still shows 李四, whose post is now over.
    assert page.detail_label.text().startswith("李四")
    assert [(p["title"], p["status"]) for p in page.person_posts.rows()] == [("村委会委员", "离任")]

    page.show_left.setChecked(True)
    assert ("李四", "村民委员会", "委员", "离任") in _shown(page)
    greyed = {r["name"] for row, r in enumerate(_rows(page))
              if isinstance(page.posts.index(row, 0).data(Qt.ItemDataRole.ForegroundRole), QColor)}
    assert greyed == {"李四"}, "posts that are over are shown grey"
    page.show_left.setChecked(False)
    page.term_combo.setCurrentIndex(page.term_combo.findData(ALL_TERMS))
    assert not page.show_left.isEnabled()
    left = [r for r in _rows(page) if r["name"] == "李四"]
    assert [(r["status"], r["end_date"], r["end_reason"]) for r in left] == [("离任", "2024-05-01", "辞职")]
    assert not page.posts_view.isColumnHidden(page.posts.keys().index("term_number"))


def test_one_person_both_heads_is_marked(qtbot, village):
    _full_committee(village)
    window, page = _page(qtbot, village)
    marked = [(r["name"], r["role"]) for r in _rows(page) if r["both_heads"]]
    assert sorted(marked) == [("张三", "主任"), ("张三", "书记")]
    column = page.posts.keys().index("both_heads")
    texts = {page.posts.index(r, column).data() for r in range(page.posts.rowCount())}
    assert texts == {"是", ""}
    assert "一肩挑" in page.summary.text() and "张三" in page.summary.text()
    # 赵六 is 主任 of the supervision committee: a head, but not 一肩挑.
    assert not _select(page, "赵六")["both_heads"]

    # Once 张三 is no longer 书记, the current committee has no 一肩挑; the term's history keeps it.
    secretary = _select(page, "张三", "书记")
    committee.end_post(village, secretary["id"], end_date="2024-05-20", reason="免职")
    page.refresh()
    page.show_left.setChecked(True)
    assert [r["both_heads"] for r in _rows(page) if r["name"] == "张三"] == [False, False]
    assert "一肩挑" not in page.summary.text()
    page.term_combo.setCurrentIndex(page.term_combo.findData(ALL_TERMS))
    assert [r["both_heads"] for r in _rows(page) if r["name"] == "张三"] == [True, True]


def test_findings_name_missing_heads_until_the_committee_is_complete(qtbot, village):
    window, page = _page(qtbot, village)
    assert any("请登记本届届次" in text for text in page.findings_text())

    term = _term(village)
    page.refresh()
    found = page.findings_text()
    assert "村党组织目前没有书记。" in found
    assert "村务监督委员会目前没有主任。" in found
    assert any("村民委员会现有 0 人" in text for text in found)

    _post(village, "张三", committee.PARTY, "书记", term)
    page.refresh()
    assert "村党组织目前没有书记。" not in page.findings_text()

    _post(village, "张三", committee.VILLAGE, "主任", term)
    _post(village, "李四", committee.VILLAGE, "委员", term)
    _post(village, "王五", committee.VILLAGE, "委员", term)
    _post(village, "赵六", committee.SUPERVISION, "主任", term)
    page.refresh()
    assert page.findings_text() == ["没有需要核对的问题。"]


def test_double_click_on_a_finding_shows_the_person(qtbot, village):
    term = _term(village)
    committee.start_post(village, person_id=_pid(village, "孙七"), body=committee.VILLAGE, role="委员",
                         term_id=term["id"], start_date="2021-03-01")
    village.db.execute("UPDATE persons SET birth_date = '2010-01-01' WHERE id = ?", (_pid(village, "孙七"),))
    window, page = _page(qtbot, village)
    item = next(page.findings.item(i) for i in range(page.findings.count())
                if "未满 18 周岁" in page.findings.item(i).text())
    page.findings.itemDoubleClicked.emit(item)
    assert page.selected_post()["name"] == "孙七"
    assert page.detail_label.text().startswith("孙七")


# --- training and appraisal ------------------------------------------------------

@pytest.mark.slow
def test_record_training_with_two_attendees(qtbot, village):
    _full_committee(village)
    window, page = _page(qtbot, village)
    seen = {}

    def tick(d, *names):
        model = d.attendees
        for row in range(model.rowCount()):
            if model.record(row)["name"] in names:
                assert model.setData(model.index(row, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)

    def without_attendees(d):
        seen["offered"] = [d.attendees.record(r)["name"] for r in range(d.attendees.rowCount())]
        _fill(d, date="2024-04-10", topic="村务公开与财务管理", hours="2.5", organiser="乡镇党委")
        _ok(d)
        seen["error"] = d.error_label.text()
        seen["marked"] = d.field("attendees").styleSheet()

    def with_two(d):
        tick(d, "张三", "赵六")
        assert d.field("attendees").styleSheet() == ""
        _ok_last(d)

    when_modal(without_attendees, with_two)
    page.buttons["training"].click()
    assert sorted(seen["offered"]) == sorted(["张三", "李四", "王五", "赵六"])
    assert "至少选择一名参训人员" in seen["error"] and "border" in seen["marked"]
    training = village.row("SELECT id, date, topic, hours, organiser FROM trainings")
    assert training == {"id": training["id"], "date": "2024-04-10", "topic": "村务公开与财务管理",
                        "hours": 2.5, "organiser": "乡镇党委"}
    attendees = village.rows("SELECT s.name FROM training_attendees a JOIN persons s ON s.id = a.person_id "
                             "WHERE a.training_id = ? ORDER BY s.name", (training["id"],))
    assert sorted(a["name"] for a in attendees) == ["张三", "赵六"]

    _select(page, "赵六")
    assert [(t["topic"], t["hours"]) for t in page.trainings.rows()] == [("村务公开与财务管理", 2.5)]
    assert page.detail_tabs.tabText(1) == "培训 (1)"
    hours = page.trainings.index(0, page.trainings.keys().index("hours")).data()
    assert hours == "2.5"


def test_tick_everyone_in_office(qtbot, village):
    _full_committee(village)
    post = village.row("SELECT id FROM posts WHERE person_id = ?", (_pid(village, "王五"),))
    committee.end_post(village, post["id"], end_date="2023-12-31", reason="调动")
    window, page = _page(qtbot, village)
    seen = {}

    def all_serving(d):
        d.form.findChild(QPushButton, "all_serving").click()
        model = d.attendees
        seen["ticked"] = {model.record(r)["name"] for r in range(model.rowCount())
                          if model.index(r, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked}
        seen["labels"] = [model.index(r, 0).data() for r in range(model.rowCount())]
        d.reject()

    when_modal(all_serving)
    page.buttons["training"].click()
    assert seen["ticked"] == {"张三", "李四", "赵六"}
    assert seen["labels"][-1] == "王五（HH002-P01）（已离任）", "who has left is listed last and marked"


def test_set_appraisal_for_selected_member(qtbot, village):
    _full_committee(village)
    window, page = _page(qtbot, village)
    _select(page, "李四")
    seen = {}

    def bad_year(d):
        assert d.field("person").currentText().startswith("李四")
        assert d.field("year").text() == "2023", "last year is offered"
        _fill(d, year="1990", result="优秀")
        _ok(d)
        seen["error"] = d.error_label.text()
        seen["marked"] = d.field("year").styleSheet()

    def right(d):
        _fill(d, year="2023")
        _ok_last(d)

    when_modal(bad_year, right)
    page.buttons["appraisal"].click()
    assert "考核年度应在 2000 至 2024 之间" in seen["error"] and "border" in seen["marked"]
    assert village.rows("SELECT person_id, year, result FROM appraisals") == [
        {"person_id": _pid(village, "李四"), "year": 2023, "result": "优秀"}]
    assert [(a["year"], a["result"]) for a in page.appraisals.rows()] == [(2023, "优秀")]

    def again(d):
        seen["hint"] = d.form.findChild(QLabel, "year_hint").text()
        _fill(d, result="称职")
        _ok_last(d)

    when_modal(again)
    page.buttons["appraisal"].click()
    assert "优秀" in seen["hint"], "replacing a year's result is said before saving"
    assert village.scalar("SELECT result FROM appraisals") == "称职"
    assert village.scalar("SELECT count(*) FROM appraisals") == 1


def test_member_detail_lists_posts_trainings_and_appraisals(qtbot, village):
    old = _term(village, number=10, start="2016-03-01")
    _full_committee(village)
    committee.start_post(village, person_id=_pid(village, "张三"), body=committee.VILLAGE, role="委员",
                         term_id=old["id"], start_date="2016-03-01")
    committee.add_training(village, day="2023-05-06", topic="乡村振兴政策", hours=4, organiser="县委组织部",
                           attendee_ids=[_pid(village, "张三"), _pid(village, "李四")])
    committee.add_training(village, day="2024-03-02", topic="换届后业务培训", hours=1.5, organiser="乡镇党委",
                           attendee_ids=[_pid(village, "张三")])
    committee.set_appraisal(village, person_id=_pid(village, "张三"), year=2023, result="优秀")
    window, page = _page(qtbot, village)
    assert page.detail_label.text().startswith("请在上面选择")
    _select(page, "张三", "书记")
    assert page.detail_label.text().split("　")[:2] == ["张三", "男"]
    assert "13812345678" in page.detail_label.text()
    posts = [(p["term_number"], p["title"], p["status"]) for p in page.person_posts.rows()]
    assert sorted(posts) == [(10, "村委会委员", "离任"), (11, "党组织书记", "在任"), (11, "村委会主任", "在任")]
    assert [t["topic"] for t in page.trainings.rows()] == ["换届后业务培训", "乡村振兴政策"]
    assert [(a["year"], a["result"]) for a in page.appraisals.rows()] == [(2023, "优秀")]
    assert [page.detail_tabs.tabText(i) for i in range(3)] == ["职务 (3)", "培训 (2)", "考核 (1)"]
    # The past term is in the chooser and shows who served then.
    page.term_combo.setCurrentIndex(page.term_combo.findData(old["id"]))
    assert _shown(page) == [("张三", "村民委员会", "委员", "离任")]


def test_print_roster_action_is_there(qtbot, village):
    _full_committee(village)
    window, page = _page(qtbot, village)
    button = window.findChild(QPushButton, "print_roster")
    assert button is page.buttons["print_roster"]
    assert button.isEnabled() and button.text() == "打印花名册…"


def test_roster_choice_offers_today_or_a_term_public_or_internal(qtbot, village):
    term = _full_committee(village)
    dialog = RosterDialog(village)
    qtbot.addWidget(dialog)
    combo = dialog.field("term")
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "今天在任的全体成员", "第 11 届（2021-03-01 至 2026-02-28）任职过的全体成员"]
    _ok(dialog)
    assert dialog.saved == {"term_number": None, "internal": False, "password": None}, "public is the default"

    dialog = RosterDialog(village, term["id"])
    qtbot.addWidget(dialog)
    dialog.form.findChild(QRadioButton, "internal").setChecked(True)
    _ok(dialog)
    assert dialog.saved == {"term_number": 11, "internal": True, "password": None}


# --- the picker and the models ----------------------------------------------------

def test_person_picker_multi_keeps_ticks_across_searches(qtbot, village):
    picker = PersonPicker(village, multi=True)
    qtbot.addWidget(picker)
    changes = []
    picker.chosenChanged.connect(lambda: changes.append(picker.person_ids))
    qtbot.keyClicks(picker.search, "zs")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    picker.search.clear()
    qtbot.keyClicks(picker.search, "zl")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert sorted(picker.person_ids) == sorted([_pid(village, "张三"), _pid(village, "赵六")])
    assert "张三" in picker.chosen_label.text() and "赵六" in picker.chosen_label.text()
    assert len(changes) == 2
    picker.search.clear()
    assert picker.model.rowCount() == 6
    ticked = {picker.model.record(r)["name"] for r in range(6)
              if picker.model.index(r, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked}
    assert ticked == {"张三", "赵六"}


def test_person_picker_hides_archived_and_says_when_the_list_is_cut(qtbot, village):
    people.archive_person(village, _pid(village, "周八"), "迁出")
    picker = PersonPicker(village, limit=3)
    qtbot.addWidget(picker)
    assert picker.model.rowCount() == 3
    assert "前 3 条" in picker.chosen_label.text()
    picker.search.setText("周")
    assert picker.model.rowCount() == 0
    picker.person_id = _pid(village, "王五")
    assert picker.person_id == _pid(village, "王五") and "王五" in picker.chosen_label.text()
    picker.person_id = _pid(village, "周八")
    assert picker.person_id is None, "an archived person cannot be chosen"


def test_committee_models_pass_qt_model_checks(qtmodeltester, qtbot, village):
    _full_committee(village)
    window, page = _page(qtbot, village)
    _select(page, "张三", "书记")
    qtmodeltester.check(page.posts)
    qtmodeltester.check(page.person_posts)
    picker = PersonPicker(village, multi=True)
    qtbot.addWidget(picker)
    qtmodeltester.check(picker.model)
