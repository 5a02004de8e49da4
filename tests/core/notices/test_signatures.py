"""A notice reviewed with a second signature at the same desk (issue 17, docs/SECURITY.md "Signatures").

Where the database has accounts, a 监委会 member's account reviews, never one that drafted or edited
the notice; the notice keeps both names, the review's audit row names both, and so does the
printed notice. A plain database reviews by the member picked (test_notices.py).
"""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from tests.core.notices.test_notices import NOTICE_TABLES, TODAY, build_village, draft
from tests.helpers.factories import add_accounts, log_in, signed, valid_uscc
from villagedesk import clock
from villagedesk.core import notices
from villagedesk.core.accounts import accounts
from villagedesk.core.common.village import Profile, save_profile
from villagedesk.documents.pdf.notice import print_notice
from villagedesk.errors import UserError
from villagedesk.store import open_store


def snapshot(store) -> dict[str, list]:
    return {t: store.conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in (*NOTICE_TABLES, "audit")}


def refused(store, call, match: str) -> None:
    before = snapshot(store)
    with pytest.raises(UserError, match=match):
        call()
    assert snapshot(store) == before


@pytest.fixture
def village(db_path):
    """The notices tests' village; jiandu's account is 周监委 of the register, who serves on the 监委会."""
    clock.set(TODAY)
    with open_store(db_path) as store:
        save_profile(store, Profile("油溪桥村", valid_uscc(), "天门乡", "新化县", "李文书", "13812341234"))
        cast = build_village(store)
    add_accounts(db_path, persons={"jiandu": cast.reviewer["id"], "qian": cast.former["id"]},
                 second_supervisor=True)
    return cast


@pytest.fixture
def desk(db_path, village):
    """The 文书 at the desk with a draft of theirs."""
    with log_in(db_path, "wenshu") as session:
        yield session.store, draft(session.store)


def test_the_draft_names_its_drafter(desk):
    store, notice = desk
    assert notice["drafted_by"] == "罗秀兰（wenshu）"
    assert notices.drafter(store, notice) == "罗秀兰（wenshu）"


def test_a_member_reviews_and_the_notice_names_both(desk, tmp_path):
    store, notice = desk
    reviewed = notices.review_notice(store, notice["id"], reviewer=signed(store, "jiandu"))
    assert reviewed["status"] == notices.REVIEWED
    assert (reviewed["reviewer"], reviewed["drafted_by"]) == ("周监委（jiandu）", "罗秀兰（wenshu）")
    assert reviewed["reviewer_id"] == store.scalar("SELECT person_id FROM accounts WHERE login = 'jiandu'")
    audit = store.row("SELECT actor, after FROM audit WHERE action = 'review'")
    after = json.loads(audit["after"])
    assert audit["actor"] == "wenshu"
    assert (after["reviewer"], after["drafted_by"]) == ("周监委（jiandu）", "罗秀兰（wenshu）")
    pdf = print_notice(store, tmp_path / "notice.pdf", notice["id"])
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages).replace("\n", "")
    assert "拟稿人：罗秀兰（wenshu）" in text and "审核人（签字）：周监委（jiandu）" in text


def test_only_a_member_of_the_supervision_committee_reviews(desk):
    store, notice = desk
    refused(store, lambda: notices.review_notice(store, notice["id"], reviewer=signed(store, "wenshu")),
            "不能审核公开事项")
    refused(store, lambda: notices.review_notice(store, notice["id"], reviewer=signed(store, "zhuren")),
            "张主任（村委会主任/书记）不能审核公开事项")
    # 钱监督's account is 吴前监委, whose term ended: the register says who serves on the day.
    refused(store, lambda: notices.review_notice(store, notice["id"], reviewer=signed(store, "qian")),
            "不是村务监督委员会成员")


def test_a_typed_or_picked_person_does_not_sign_where_there_are_accounts(desk, village):
    store, notice = desk
    refused(store, lambda: notices.review_notice(store, notice["id"], reviewer_id=village.reviewer["id"]),
            "不能只填一个名字")


def test_who_drafted_or_edited_the_notice_never_reviews_it(db_path, village):
    with log_in(db_path, "jiandu") as session:  # a member drafting at the desk
        store = session.store
        own = draft(store, title="2026年7月村级财务收支公开")
        refused(store, lambda: notices.review_notice(store, own["id"], reviewer=session.account),
                "公开事项 GK0001是 周监委（jiandu） 登记或起草的，不能由本人审核签字")
    with log_in(db_path, "wenshu") as session:
        theirs = draft(session.store)
    with log_in(db_path, "jiandu") as session:  # the member edits the clerk's draft: no longer theirs to review
        store = session.store
        notices.update_notice(store, theirs["id"], body="现将收支情况公开如下（已核对）。")
        refused(store, lambda: notices.review_notice(store, theirs["id"], reviewer=session.account), "不能由本人审核")


def test_a_disabled_member_or_a_wrong_password_reviews_nothing(desk):
    store, notice = desk
    member = signed(store, "jiandu")
    before = snapshot(store)
    with pytest.raises(UserError, match="密码不对"):
        notices.review_notice(store, notice["id"], reviewer=signed(store, "jiandu", "guess"))
    assert snapshot(store) == before
    accounts.disable(store, signed(store, "zhuren"), "jiandu")
    refused(store, lambda: notices.review_notice(store, notice["id"], reviewer=member), "已停用")


def test_posting_and_replying_name_the_account_at_the_desk(desk, village):
    store, notice = desk
    notices.review_notice(store, notice["id"], reviewer=signed(store, "jiandu"))
    posted = notices.post_notice(store, notice["id"], days=7)
    assert posted["posted_by"] == "罗秀兰（wenshu）"
    objection = notices.add_objection(store, notice["id"], raised_by="张三", content="办公费偏高")
    replied = notices.reply_objection(store, objection["id"], reply="已核实，属实际开支。", replied_by="别人")
    assert replied["replied_by"] == "罗秀兰（wenshu）"


def test_a_notice_from_before_schema_14_names_its_drafter_from_the_audit(store):
    clock.set(TODAY)
    village = build_village(store)
    notice = draft(store)
    store.conn.execute("UPDATE notices SET drafted_by = NULL WHERE id = ?", (notice["id"],))
    notice = notices.get_notice(store, notice["id"])
    assert notices.drafter(store, notice) == store.actor
    reviewed = notices.review_notice(store, notice["id"], reviewer_id=village.reviewer["id"])
    assert (reviewed["reviewer"], reviewed["drafted_by"]) == ("周监委", store.actor)
