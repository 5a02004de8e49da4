"""The window asks, core decides (docs/ARCHITECTURE.md).

Checked on the source: no SQL in ``villagedesk/ui``; record codes spelled in SQL only
by ``core/common/codes.py``; statuses never written as bare strings where core's enums
say them.  Checked on real databases: each ``can_*`` question core answers for the
window agrees with the action it stands for — offered exactly when the action's own
check lets it through.
"""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

from villagedesk.core.common import codes
from villagedesk.core.meetings.minutes import MeetingStatus
from villagedesk.core.notices.model import NoticeStatus
from villagedesk.core.points.ledger import EntryStatus, ObjectionStatus, PeriodStatus
from villagedesk.core.requests.ledger import RequestStatus
from villagedesk.errors import UserError

PACKAGE = Path(__file__).resolve().parents[1] / "villagedesk"
STATUS_ENUMS = (EntryStatus, PeriodStatus, ObjectionStatus, NoticeStatus, MeetingStatus, RequestStatus)


# --- reading the source -------------------------------------------------------------------------

def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _translated(tree: ast.AST) -> set[int]:
    """Source texts of tr(): English words for the clerk's screen, not data."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in (
                "tr", "translate"):
            found.update(id(arg) for arg in node.args)
    return found


def strings(source: str, *, translated: bool = True) -> list[tuple[int, str]]:
    """(line, text) of every string constant but docstrings (and tr() texts unless ``translated``);
    an f-string gives its literal parts."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | (set() if translated else _translated(tree))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip]


def files(*parts: str, skip: tuple[str, ...] = ()) -> list[Path]:
    found = []
    for part in parts:
        root = PACKAGE / part
        found += [root] if root.is_file() else sorted(root.rglob("*.py"))
    return [f for f in found if not any(f.relative_to(PACKAGE).as_posix().startswith(s) for s in skip)]


def where(path: Path, line: int, text: str) -> str:
    return f"{path.relative_to(PACKAGE.parent).as_posix()}:{line}: {text[:70]!r}"


# --- 1. no SQL in the window -----------------------------------------------------------------------

# Statements, and the WHERE fragments a list filter is made of ("p.household_id = ?", "m.id IN (…").
SQL = re.compile(r"\bSELECT\b|\bINSERT\s+INTO\b|\bDELETE\s+FROM\b|\bUPDATE\s+\[?\w+\]?\s+SET\b|\bWHERE\b"
                 r"|\b\w+\.\w+\s*(?:=|!=|<>|<=|>=|<|>)\s*\?|\bIN\s*\($")
_QUERIES = {"rows", "row", "scalar", "execute", "executemany", "executescript"}


def sql_in_window(source: str) -> list[tuple[int, str]]:
    """SQL text in string literals, and queries sent to a store or a connection."""
    found = [(line, text) for line, text in strings(source) if SQL.search(text)]
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _QUERIES
                and re.search(r"(store|conn|db)$", ast.unparse(node.func.value))):
            found.append((node.lineno, ast.unparse(node.func)))
    return found


def test_the_sql_finder_finds_sql():
    sample = ('def f(self, code):\n'
              '    """SELECT in a docstring is prose."""\n'
              '    self.model.rows()\n'
              '    rows = self.store.rows(f"SELECT * FROM t WHERE code = {code!r}")\n'
              '    where = "m.id IN (SELECT meeting_id FROM requests)"\n'
              '    self.store.conn.execute(q)\n'
              '    self.members.set_filter("p.household_id = ?", (0,))\n'
              '    extra = f"{self.query.id_expr} IN ({marks})"\n')
    assert sorted(line for line, _ in sql_in_window(sample)) == [4, 4, 5, 6, 7, 8]
    assert sql_in_window('label = self.tr("Select all")\n') == []


@pytest.mark.slow
def test_the_window_sends_no_sql():
    """Every query of the window is a named function of core (or documents): ui/ holds none."""
    found = [where(path, line, text) for path in files("ui")
             for line, text in sql_in_window(path.read_text(encoding="utf-8"))]
    assert found == []


# --- 2. record codes only through core/common/codes.py ---------------------------------------------

CODE_FORMAT = re.compile(r"printf\s*\(|\b[A-Z]{2}%0\d+d")


@pytest.mark.slow
def test_record_codes_are_spelled_only_by_codes_py():
    """SQL names a record's code through ``Code.sql`` (one format per kind of record), never a
    hand-written printf('HY%04d', …).  Released migrations are history and stay as they are."""
    found = [where(path, line, text)
             for path in files("", skip=("core/common/codes.py", "store/migrations/"))
             for line, text in strings(path.read_text(encoding="utf-8")) if CODE_FORMAT.search(text)]
    assert found == []


def test_code_sql_is_what_the_code_prints(store):
    for kind in (codes.ENTRY, codes.MEETING, codes.REQUEST, codes.NOTICE, codes.POST, codes.TRAINING):
        assert store.scalar(f"SELECT {kind.sql('?')}", (42,)) == kind(42)
    assert codes.MEETING.sql("m.id") == "printf('HY%04d', m.id)"


# --- the household head: one fragment in core/register/people.py -------------------------------------

HEAD_IN_SQL = re.compile(r"'户主'")


@pytest.mark.slow
def test_the_household_head_is_written_in_sql_once():
    found = [where(path, line, text)
             for path in files("", skip=("core/register/people.py", "store/migrations/"))
             for line, text in strings(path.read_text(encoding="utf-8")) if HEAD_IN_SQL.search(text)]
    assert found == []


def test_an_archived_household_names_its_first_or_last_head(store):
    from villagedesk.core.register import people

    house = people.add_household(store, code="HH001", group_name="一组")
    old = people.add_person(store, house["id"], name="张老汉", relation="户主")
    people.archive_person(store, old["id"], "去世")
    people.add_person(store, house["id"], name="张大山", relation="户主")

    def named(former):
        return store.scalar(f"SELECT {people.head_name_sql('?', former=former)}", (house["id"],))

    assert (named(None), named("first"), named("last")) == ("张大山", "张大山", "张大山")
    people.archive_household(store, house["id"], "整户迁出")
    assert (named(None), named("first"), named("last")) == (None, "张老汉", "张大山")
    assert people.head_name(store, house["id"], former="last") == "张大山"
    with pytest.raises(ValueError):
        people.head_name_sql("h.id", former="newest")


# --- 3. statuses: core's enums, not bare strings --------------------------------------------------

# A status compared with a literal in SQL (status = 'open', status IN ('posted', …)): the value
# should come from the enum (an f-string field or a parameter).
SQL_STATUS = re.compile(r"\bstatus\s*(?:=|!=|<>)\s*'[^'{]|\bstatus\s+(?:NOT\s+)?IN\s*\(\s*'[^'{]", re.IGNORECASE)
# The same word meaning something else: a household's 已归档 (archived), the backup made when the
# program opens ("open" as a backup reason), the owners' count of open requests (a column), the
# radio button of the objection form named "upheld".
OTHER_MEANINGS = {
    ("villagedesk/ui/register/page.py", "已归档"),
    ("villagedesk/documents/imports/households.py", "已归档"),
    ("villagedesk/ui/export/restore_dialog.py", "open"),
    ("villagedesk/ui/requests/page.py", "open"),
    ("villagedesk/ui/points/dialogs.py", "upheld"),
}


def test_status_values_are_what_the_database_stores():
    """No migration came with the enums: their values are the strings in the CHECK constraints."""
    assert [s.value for s in EntryStatus] == ["pending", "approved", "rejected"]
    assert [s.value for s in PeriodStatus] == ["open", "posted", "locked"]
    assert [s.value for s in ObjectionStatus] == ["open", "upheld", "dismissed"]
    assert [s.value for s in MeetingStatus] == ["草稿", "已定稿"]
    assert [s.value for s in RequestStatus] == ["待办", "办理中", "已办结", "已转交"]
    assert [s.value for s in NoticeStatus] == ["草稿", "已审核", "已张贴", "公示期满", "已归档", "已被替换"]
    assert EntryStatus.PENDING == "pending" and f"'{MeetingStatus.FINAL}'" == "'已定稿'"


@pytest.mark.slow
def test_sql_compares_no_status_with_a_literal():
    found = [where(path, line, text)
             for path in files("core", "documents", "ui", "demo")
             for line, text in strings(path.read_text(encoding="utf-8")) if SQL_STATUS.search(text)]
    assert found == []


@pytest.mark.slow
def test_the_window_and_the_documents_spell_no_status():
    """ui/ and documents/ name a status through its enum; a string equal to one is a leak."""
    values = {s.value for enum in STATUS_ENUMS for s in enum}
    found = [where(path, line, text) for path in files("ui", "documents")
             for line, text in strings(path.read_text(encoding="utf-8"), translated=False)
             if text in values and (path.relative_to(PACKAGE.parent).as_posix(), text) not in OTHER_MEANINGS]
    assert found == []


def test_the_status_checks_can_fail():
    assert SQL_STATUS.search("SELECT * FROM point_periods WHERE status IN ('posted', 'locked')")
    assert SQL_STATUS.search("o.status = 'open'")
    assert not SQL_STATUS.search("r.status != '")  # an f-string's literal part before {RequestStatus.CLOSED}
    assert (2, "草稿") in strings('x = 1\nif s == "草稿": pass\n', translated=False)
    assert strings('label = self.tr("posted")\n', translated=False) == []


# --- 4. can_*: the window's question and the action's check are one rule ---------------------------

def allowed(action) -> bool:
    try:
        action()
    except UserError:
        return False
    return True


# Points periods: post → lock → unlock, on a quarterly scheme (tests/core/points).

@pytest.fixture
def points(store):
    from tests.core.points.test_helpers import TODAY, make_village
    from villagedesk import clock

    clock.set(TODAY)
    return store, make_village(store)


def test_a_period_is_offered_post_then_lock_then_unlock(points):
    from tests.core.points.test_helpers import LABOUR, approved
    from villagedesk.core.points import ledger

    store, village = points
    entry = approved(store, village["HH001"], LABOUR, date(2026, 7, 10))
    q3 = "2026-Q3"

    def offered():
        return [name for name, may in (("post", ledger.can_post), ("lock", ledger.can_lock),
                                       ("unlock", ledger.can_unlock), ("object", ledger.can_object))
                if may(store, q3)]

    assert offered() == ["post"]
    assert not ledger.can_post(store, "2026")  # a year of quarters is never posted itself
    assert not allowed(lambda: ledger.post_period(store, "2026"))
    ledger.post_period(store, q3, date(2026, 8, 1))
    assert offered() == ["lock", "object"] and not allowed(lambda: ledger.post_period(store, q3))
    objection = ledger.raise_objection(store, entry_id=entry["id"], raised_by="李秀英", content="没参加",
                                       day="2026-08-02")
    assert ledger.can_resolve(objection) and ledger.open_objections(store, q3) == 1
    # Offered, and refused when attempted for what the button does not know: the open objection.
    with pytest.raises(UserError, match="1 条异议没有处理"):
        ledger.lock_period(store, q3, date(2026, 8, 15))
    resolved = ledger.resolve_objection(store, objection["id"], upheld=False, resolution="核实已参加",
                                        day=date(2026, 8, 3))
    assert not ledger.can_resolve(resolved) and ledger.open_objections(store, q3) == 0
    assert not allowed(lambda: ledger.resolve_objection(store, objection["id"], upheld=False, resolution="再议"))
    ledger.lock_period(store, q3, date(2026, 8, 15))
    assert offered() == ["unlock"] and not allowed(lambda: ledger.lock_period(store, q3))
    ledger.unlock_period(store, q3, "登记有误需要补正")
    assert offered() == ["lock", "object"]


def test_only_an_approved_entry_that_corrects_nothing_is_offered_reversal(points):
    from tests.core.points.test_helpers import LABOUR, approved, record
    from villagedesk.core.points import ledger

    store, village = points
    pending = record(store, village["HH002"], LABOUR)
    done = approved(store, village["HH002"], LABOUR)
    assert not ledger.can_reverse(pending)
    assert not allowed(lambda: ledger.reverse(store, pending["id"], "登记错误"))
    assert ledger.can_reverse(done)
    correction = ledger.reverse(store, done["id"], "登记错误")
    ledger.approve(store, [correction["id"]], "审核员")
    corrected = store.row("SELECT * FROM point_entries WHERE id = ?", (correction["id"],))
    assert not ledger.can_reverse(corrected)
    assert not allowed(lambda: ledger.reverse(store, correction["id"], "再冲一次"))


# Notices: what each stage offers, for every stored stage and the derived 公示期满.

NOTICE_ACTIONS = ("can_edit", "can_review", "can_return", "can_post", "can_archive", "can_correct", "can_object")


def notice(status: NoticeStatus, posted: bool = False, posting_end: str = "2026-11-30") -> dict:
    return {"id": 1, "code": "GK0001", "status": status, "reviewer": "周监委", "posted_on": "2026-11-01" if posted
            else None, "posting_end": posting_end if posted else None}


@pytest.mark.parametrize("row, offered", [
    (notice(NoticeStatus.DRAFT), {"can_edit", "can_review", "can_archive"}),
    (notice(NoticeStatus.REVIEWED), {"can_return", "can_post", "can_archive"}),
    (notice(NoticeStatus.POSTED, posted=True), {"can_correct", "can_object"}),
    (notice(NoticeStatus.POSTED, posted=True, posting_end="2026-11-10"), {"can_archive", "can_correct", "can_object"}),
    (notice(NoticeStatus.ARCHIVED, posted=True, posting_end="2026-11-10"), {"can_correct"}),
    (notice(NoticeStatus.ARCHIVED), set()),
    (notice(NoticeStatus.REPLACED, posted=True), set()),
])
def test_each_stage_of_a_notice_offers_its_actions(row, offered):
    from villagedesk.core import notices

    today = date(2026, 11, 16)
    answers = {name for name in NOTICE_ACTIONS
               if (getattr(notices, name)(row, today) if name == "can_archive" else getattr(notices, name)(row))}
    assert answers == offered


def test_a_notice_is_offered_what_its_actions_accept(profiled_store):
    from tests.core.notices.test_notices import build_village, posted
    from villagedesk.core import notices

    village = build_village(profiled_store)
    store = village.store
    shown = posted(village, start=date(2026, 11, 2), days=7)
    assert notices.can_archive(shown) and notices.can_correct(shown) and not notices.can_post(shown)
    assert not allowed(lambda: notices.post_notice(store, shown["id"]))
    draft = notices.start_correction(store, shown["id"])
    assert notices.can_edit(draft) and notices.can_review(draft) and not notices.can_correct(draft)
    assert not allowed(lambda: notices.start_correction(store, draft["id"]))
    notices.archive_notice(store, shown["id"])
    filed = notices.get_notice(store, shown["id"])
    assert not notices.can_archive(filed) and not notices.can_object(filed)
    assert not allowed(lambda: notices.archive_notice(store, shown["id"]))
    assert not allowed(lambda: notices.add_objection(store, shown["id"], raised_by="张三", content="x",
                                                     received_on="2026-11-03"))


def test_objections_to_a_replaced_notice_go_to_its_correction(profiled_store):
    """The window never offered it; core now says so too instead of taking it."""
    from tests.core.notices.test_notices import build_village, posted
    from villagedesk.core import notices

    village = build_village(profiled_store)
    store = village.store
    old = posted(village, start=date(2026, 11, 2), days=30)
    correction = notices.start_correction(store, old["id"])
    notices.review_notice(store, correction["id"], reviewer_id=village.reviewer["id"])
    notices.post_notice(store, correction["id"])
    replaced = notices.get_notice(store, old["id"])
    assert replaced["status"] == NoticeStatus.REPLACED and not notices.can_object(replaced)
    with pytest.raises(UserError, match="已被更正公示替换"):
        notices.add_objection(store, old["id"], raised_by="张三", content="x", received_on="2026-11-10")


# Meetings: a draft is edited, finalised or deleted; finalised minutes take amendments.

def test_minutes_are_offered_editing_until_final_then_amendments(profiled_store):
    from tests.core.meetings.test_minutes import TODAY, held_meeting, make_register
    from villagedesk import clock
    from villagedesk.core.meetings import minutes as meetings

    clock.set(TODAY)
    register = make_register(profiled_store)
    draft = held_meeting(profiled_store, register, finalise=False)
    assert meetings.can_edit(draft) and not meetings.can_amend(draft)
    assert not meetings.minutes(profiled_store, draft["id"]).final
    assert not allowed(lambda: meetings.amend_meeting(profiled_store, draft["id"], author="曾国华", reason="笔误",
                                                      text="改正"))
    final = meetings.finalise_meeting(profiled_store, draft["id"])
    assert final["status"] == MeetingStatus.FINAL and meetings.minutes(profiled_store, final["id"]).final
    assert not meetings.can_edit(final) and meetings.can_amend(final)
    assert not allowed(lambda: meetings.finalise_meeting(profiled_store, final["id"]))
    assert not allowed(lambda: meetings.delete_draft(profiled_store, final["id"]))


# Requests: 待办 → 办理中 → 已办结 → (不满意) 办理中, and 已转交 on the way.

REQUEST_ACTIONS = ("can_edit", "can_start", "can_refer", "can_close", "can_reopen")


def test_each_request_status_offers_what_its_action_accepts(profiled_store):
    from tests.core.meetings.test_minutes import TODAY, make_register
    from villagedesk import clock
    from villagedesk.core.requests import ledger

    clock.set(TODAY)
    store = profiled_store
    register = make_register(store)

    def offered(request):
        return {name for name in REQUEST_ACTIONS if getattr(ledger, name)(request)}

    request = ledger.raise_request(store, raised_on="2026-07-01", raised_by_id=register["王德明"]["id"],
                                   category="基础设施", content="道路坑洼", handling=ledger.WITH_DEADLINE,
                                   owner_id=register["张建国"]["id"], deadline="2026-07-31")
    assert request["status"] == RequestStatus.TODO
    assert offered(request) == {"can_edit", "can_start", "can_refer", "can_close"}
    request = ledger.start_request(store, request["id"], day="2026-07-02")
    assert offered(request) == {"can_edit", "can_refer", "can_close"}
    assert not allowed(lambda: ledger.start_request(store, request["id"]))
    request = ledger.refer_request(store, request["id"], department="天门乡交通站", day="2026-07-03")
    assert offered(request) == {"can_edit", "can_close"}
    assert not allowed(lambda: ledger.refer_request(store, request["id"], department="县交通局"))
    assert not allowed(lambda: ledger.reopen_request(store, request["id"], reason="不满意"))
    request = ledger.close_request(store, request["id"], result="已修补", feedback_on="2026-07-10",
                                   feedback_how="上门告知", satisfaction=ledger.SATISFIED)
    assert request["status"] == RequestStatus.CLOSED and offered(request) == {"can_reopen"}
    assert not allowed(lambda: ledger.update_request(store, request["id"], content="改"))
    request = ledger.reopen_request(store, request["id"], reason="雨后又坏", day="2026-07-15")
    assert request["status"] == RequestStatus.IN_HAND and offered(request) == {"can_edit", "can_refer", "can_close"}
