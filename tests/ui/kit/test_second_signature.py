"""The second signature: another account that may sign, and its own password, checked through the key file."""

from __future__ import annotations

import pytest

from tests.helpers.desk import encrypted_village, log_in, password
from villagedesk.core.accounts.roles import Action
from villagedesk.errors import UserError
from villagedesk.store.keys import Keyring
from villagedesk.ui.kit.second_signature import PASSWORD_FIELD, SecondSignature


@pytest.fixture
def desk(tmp_path):
    path = tmp_path / "village.sqlite3"
    encrypted_village(path)
    return path


def _offered(widget: SecondSignature) -> list[str]:
    return [widget.account_box.itemData(i) for i in range(widget.account_box.count())]


def test_only_others_who_may_sign_are_offered(qtbot, desk):
    with log_in(desk, "wenshu") as session:
        points = SecondSignature(session.store, Action.REVIEW_POINTS)
        qtbot.addWidget(points)
        assert _offered(points) == ["jiandu", "qian"]  # the 监委会 reviews points; not the clerk logged in
        recorder_aside = SecondSignature(session.store, Action.REVIEW_POINTS, exclude=["qian"])
        qtbot.addWidget(recorder_aside)
        assert _offered(recorder_aside) == ["jiandu"]
        assert recorder_aside.account_box.currentText() == "周监委（村务监督委员会成员）"
    with log_in(desk, "jiandu") as session:
        assert _offered(SecondSignature(session.store, Action.REVIEW_NOTICE)) == ["qian"]
        notice = SecondSignature(session.store, Action.REVIEW_NOTICE, exclude=["qian"])
        qtbot.addWidget(notice)
        # Only a 监委会 member reviews a notice, and the one logged in cannot sign twice.
        assert _offered(notice) == [] and not notice.password.isEnabled()
        with pytest.raises(UserError):
            notice.verified()


def test_the_right_password_gives_the_account_and_a_wrong_one_is_noted(qtbot, desk):
    with log_in(desk, "wenshu") as session:
        widget = SecondSignature(session.store, Action.REVIEW_POINTS)
        qtbot.addWidget(widget)
        widget.login = "jiandu"
        assert not widget.ready()
        widget.password.setText("not-the-password")
        with pytest.raises(UserError) as wrong:
            widget.verified()
        assert wrong.value.field == PASSWORD_FIELD and widget.password.text() == ""
        assert [f["login"] for f in Keyring.load(desk).failures()] == ["jiandu"]
        widget.password.setText(password("jiandu"))
        signer = widget.verified()
        assert (signer.login, signer.name) == ("jiandu", "周监委")
        assert session.store.actor == "wenshu"  # signing changes who is logged in not at all
