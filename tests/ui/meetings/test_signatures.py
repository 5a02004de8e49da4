"""Minutes finalised in the window with the chair's or the recorder's own password (issue 17,
docs/SECURITY.md "Signatures"): only they are offered, and the minutes name who signed."""

from __future__ import annotations

import pytest

from tests.core.meetings import test_signatures as core
from tests.helpers.ui import when_modal
from tests.ui.meetings.test_page import _editor
from tests.ui.points.test_page import _ok, _ok_last
from villagedesk.core.meetings import minutes as meetings

pytestmark = pytest.mark.usefixtures("vd_app")

desk = core.desk  # the 文书 at the desk with a held meeting; chair and recorder have accounts


def test_the_chair_or_the_recorder_signs_the_finalising(desk, qtbot):
    store, meeting = desk
    offered = []

    def wrong(dialog):
        box = dialog.signature.account_box
        offered.extend(box.itemData(i) for i in range(box.count()))
        dialog.signature.login = "jiandu"
        dialog.signature.password.setText("nope")
        _ok(dialog)
        assert dialog.isVisible() and "密码不对" in dialog.error_label.text()
        assert meetings.get_meeting(store, meeting["id"])["status"] == meetings.DRAFT

    def right(dialog):
        dialog.signature.password.setText("demo-jiandu")
        _ok_last(dialog)

    editor = _editor(qtbot, store, meeting["id"])
    when_modal(wrong, right)
    editor.actions["finalise"].click()
    assert offered == ["zhuren", "jiandu"]  # the chair's and the recorder's accounts, nobody else
    final = meetings.get_meeting(store, meeting["id"])
    assert (final["status"], final["finalised_by"]) == (meetings.FINAL, "周监委（jiandu）")
    editor.close()
