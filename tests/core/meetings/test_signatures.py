"""Minutes finalised with the chair's or the recorder's signature (issue 17, docs/SECURITY.md "Signatures").

Where the database has accounts, the account that signs the 定稿 must be the meeting's chair or
recorder in the register, its password checked at the desk; the minutes and the printout name it.
A plain database finalises under the name the audit names (test_minutes.py).
"""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from tests.core.meetings.test_minutes import TODAY, held_meeting, make_register
from tests.helpers.factories import add_accounts, log_in, signed, valid_uscc
from villagedesk import clock
from villagedesk.core.accounts import accounts
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.core.meetings import minutes as meetings
from villagedesk.documents.pdf.minutes import print_minutes
from villagedesk.errors import UserError
from villagedesk.store import open_store


@pytest.fixture
def desk(db_path):
    """The 文书 at the desk with a held meeting to finalise: 张建国 chairs (张主任's account), 曾国华
    records (周监委's account); 钱监督's account is 王德明, who only attended."""
    clock.set(TODAY)
    with open_store(db_path) as store:
        save_profile(store, Profile("油溪桥村", valid_uscc(), "天门乡", "新化县", "李文书", "13812341234"))
        register = make_register(store)
    add_accounts(db_path, persons={"zhuren": register["张建国"]["id"], "jiandu": register["曾国华"]["id"],
                                   "qian": register["王德明"]["id"]}, second_supervisor=True)
    with log_in(db_path, "wenshu") as session:
        yield session.store, held_meeting(session.store, register, finalise=False)


def unchanged(store, call, match: str) -> None:
    before = store.rows("SELECT * FROM meetings"), store.scalar("SELECT count(*) FROM audit")
    with pytest.raises(UserError, match=match):
        call()
    assert (store.rows("SELECT * FROM meetings"), store.scalar("SELECT count(*) FROM audit")) == before


def test_the_chair_signs_and_the_minutes_name_them(desk, tmp_path):
    store, meeting = desk
    final = meetings.finalise_meeting(store, meeting["id"], signer=signed(store, "zhuren"))
    assert final["status"] == meetings.FINAL and final["finalised_by"] == "张主任（zhuren）"
    audit = store.row("SELECT actor, after FROM audit WHERE action = 'finalise'")
    assert audit["actor"] == "wenshu" and json.loads(audit["after"])["finalised_by"] == "张主任（zhuren）"
    pdf = print_minutes(store, tmp_path / "minutes.pdf", meeting["id"])
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages).replace("\n", "")
    assert "张主任（zhuren） 签字" in text and "张建国" in text and "曾国华" in text


def test_the_recorder_may_sign_too(desk):
    store, meeting = desk
    assert meetings.finalise_meeting(store, meeting["id"], signer=signed(store, "jiandu"))["finalised_by"] \
        == "周监委（jiandu）"


def test_someone_who_neither_chaired_nor_recorded_does_not_sign(desk):
    store, meeting = desk
    unchanged(store, lambda: meetings.finalise_meeting(store, meeting["id"], signer=signed(store, "qian")),
              r"会议记录由主持人或记录人（张建国、曾国华）签字定稿，钱监督（qian） 不是本次会议的主持人或记录人")
    # The clerk at the desk is tied to nobody: not the chair or the recorder either.
    unchanged(store, lambda: meetings.finalise_meeting(store, meeting["id"], signer=signed(store, "wenshu")),
              "不是本次会议的主持人或记录人")
    unchanged(store, lambda: meetings.finalise_meeting(store, meeting["id"]), "不能只填一个名字")


def test_a_disabled_recorder_or_a_wrong_password_finalises_nothing(desk):
    store, meeting = desk
    recorder = signed(store, "jiandu")
    unchanged(store, lambda: meetings.finalise_meeting(store, meeting["id"],
                                                       signer=signed(store, "zhuren", "wrong-one")), "密码不对")
    accounts.disable(store, signed(store, "zhuren"), "jiandu")
    unchanged(store, lambda: meetings.finalise_meeting(store, meeting["id"], signer=recorder), "已停用")


def test_an_amendment_is_written_by_the_account_at_the_desk(desk):
    store, meeting = desk
    meetings.finalise_meeting(store, meeting["id"], signer=signed(store, "zhuren"))
    amendment = meetings.amend_meeting(store, meeting["id"], author="别人", reason="票数记错",
                                       text="第 1 项决议赞成 4 票应为 3 票。")
    assert amendment["author"] == "罗秀兰（wenshu）"
