"""Reviewing and locking points with a second signature in the window (issue 17, docs/SECURITY.md
"Signatures"): the review dialog offers the accounts that may sign less the recorders, checks the
signer's own password, and keeps the dialog open with nothing changed when it is wrong."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers.factories import add_accounts, log_in, signed
from tests.helpers.ui import when_modal
from tests.ui.points.test_page import _ok, _ok_last
from villagedesk import clock
from villagedesk.core.points import ledger, rules
from villagedesk.core.register import people
from villagedesk.store import open_store
from villagedesk.ui.kit.second_signature import SecondSignature
from villagedesk.ui.points.dialogs import ReviewDialog
from villagedesk.ui.points.ranking import RankingTab
from villagedesk.ui.points.review import ReviewTab

pytestmark = pytest.mark.usefixtures("vd_app")

TODAY = date(2026, 8, 20)


@pytest.fixture
def desk(db_path):
    """The 主任 at the desk (who may review, but not their own entries) with one entry of theirs and one
    of the 文书's."""
    clock.set(TODAY)
    with open_store(db_path) as store:
        for code in ("HH001", "HH002"):
            household = people.add_household(store, code=code, group_name="第一组")
            people.add_person(store, household["id"], name=f"{code}户主", relation="户主")
        rules.install_default_catalogue(store, date(2026, 1, 1))
        rule = store.scalar("SELECT id FROM point_rules WHERE valid_to IS NULL ORDER BY id LIMIT 1")
    add_accounts(db_path, second_supervisor=True)
    with log_in(db_path, "wenshu") as session:
        ledger.record_entry(session.store, household_id=1, rule_id=rule, day="2026-08-01")
    with log_in(db_path, "zhuren") as session:
        ledger.record_entry(session.store, household_id=2, rule_id=rule, day="2026-08-01")
        yield session.store


def signers(signature: SecondSignature) -> list[str]:
    return [signature.account_box.itemData(i) for i in range(signature.account_box.count())]


def test_the_dialog_offers_who_may_sign_less_the_desk_and_the_recorders(desk, qtbot):
    ids = [r["id"] for r in desk.rows("SELECT id FROM point_entries ORDER BY id")]
    dialog = ReviewDialog(desk, 2, parent=None, recorders=ledger.recorders(desk, ids))
    qtbot.addWidget(dialog)
    assert dialog.signature is not None
    # 主任 is at the desk and recorded one; 文书 may not review: the two 监委会 members sign.
    assert signers(dialog.signature) == ["jiandu", "qian"]
    assert not dialog.form.layout().isRowVisible(dialog.field("reviewer"))


def test_a_wrong_password_keeps_the_dialog_open_and_changes_nothing(desk, qtbot):
    tab = ReviewTab(desk)
    qtbot.addWidget(tab)
    tab.view.selectRow(0)  # the 文书's entry
    before = desk.rows("SELECT * FROM point_entries ORDER BY id")

    def wrong(dialog):
        dialog.signature.login = "jiandu"
        dialog.signature.password.setText("not-it")
        _ok(dialog)
        assert dialog.isVisible() and "密码不对" in dialog.error_label.text()
        assert dialog.signature.password.text() == ""
        assert desk.rows("SELECT * FROM point_entries ORDER BY id") == before

    def right(dialog):
        dialog.signature.password.setText("demo-jiandu")
        _ok_last(dialog)

    when_modal(wrong, right)
    tab.buttons["approve"].click()
    assert tab.job is not None and tab.job.wait() and tab.job.state == "done"
    rows = desk.rows("SELECT status, recorded_by, reviewer FROM point_entries ORDER BY id")
    assert rows[0] == {"status": "approved", "recorded_by": "罗秀兰（wenshu）", "reviewer": "周监委（jiandu）"}
    assert rows[1]["status"] == "pending"


def test_locking_a_period_asks_for_a_signature(desk, qtbot):
    ids = [r["id"] for r in desk.rows("SELECT id FROM point_entries ORDER BY id")]
    with_signature = {}

    def sign(dialog):
        with_signature["offered"] = signers(dialog.signature)
        dialog.signature.login = "jiandu"
        dialog.signature.password.setText("demo-jiandu")
        _ok_last(dialog)

    # Reviewed at the desk by the 监委会, posted, then locked with a signature.
    ledger.approve(desk, ids[:1], signed(desk, "jiandu"))
    ledger.reject(desk, ids[1:], signed(desk, "qian"), "重复登记")
    ledger.post_period(desk, "2026-Q3", TODAY)
    tab = RankingTab(desk)
    qtbot.addWidget(tab)
    tab.refresh()  # as when the tab is shown: today's period, 2026-Q3
    assert tab.code() == "2026-Q3" and tab.buttons["lock"].isEnabled()
    when_modal(sign)
    tab.lock()
    assert with_signature["offered"] == ["jiandu", "qian"]  # 主任 at the desk; 文书 may not lock
    assert ledger.period_state(desk, "2026-Q3")["locked_by"] == "周监委（jiandu）"
