"""A notice reviewed in the window with a 监委会 member's own password (issue 17, docs/SECURITY.md
"Signatures"): the drafter is not offered, a wrong password keeps the dialog open and changes nothing."""

from __future__ import annotations

import pytest

from tests.core.notices import test_signatures as core
from tests.ui.points.test_page import _ok, _ok_last
from villagedesk.core import notices
from villagedesk.ui.notices.dialogs import ReviewDialog

pytestmark = pytest.mark.usefixtures("vd_app")

# The core tests' village with accounts and the 文书's draft at the desk.
village, desk = core.village, core.desk


def test_the_member_signs_in_the_review_dialog(desk, qtbot):
    store, notice = desk
    dialog = ReviewDialog(store, notice)
    qtbot.addWidget(dialog)
    signature = dialog.signature
    # 文书 drafted it and sits at the desk; 主任 may not review notices: the 监委会 members sign.
    assert [signature.account_box.itemData(i) for i in range(signature.account_box.count())] == ["jiandu", "qian"]
    signature.login = "jiandu"
    signature.password.setText("wrong")
    before = store.rows("SELECT * FROM notices")
    _ok(dialog)
    assert "密码不对" in dialog.error_label.text() and store.rows("SELECT * FROM notices") == before
    signature.password.setText("demo-jiandu")
    _ok_last(dialog)
    reviewed = notices.get_notice(store, notice["id"])
    assert (reviewed["status"], reviewed["reviewer"]) == (notices.REVIEWED, "周监委（jiandu）")
