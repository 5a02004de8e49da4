"""积分公示榜 and 积分明细, built through core.scoring on a real SQLite file and read back with pypdf."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest
from pypdf import PdfReader

from tests.helpers.factories import valid_id, valid_uscc
from tests.helpers.pdf_pages import without_check_values
from villagedesk import clock
from villagedesk.core.common import records, village
from villagedesk.core.points import ledger, ranking, rules, shop
from villagedesk.core.register import people
from villagedesk.documents.pdf import base
from villagedesk.documents.pdf.messages import NO_PROFILE
from villagedesk.documents.pdf.ranking import print_ranking, star_label
from villagedesk.documents.pdf.statement import print_statement
from villagedesk.errors import UserError
from villagedesk.store import open_store

TODAY = date(2026, 10, 20)  # 2026-Q3 posted on 10-08 (objections until 10-14); Q4 under way
Q3 = "2026-Q3"
VILLAGE_PHONE = "0738-3312345"  # the village office: printed in full, it is where objections go


@dataclass
class Head:
    code: str
    name: str
    group: str
    id_number: str
    phone: str
    household_id: int = 0


HEADS = [
    Head("HH001", "张建国", "一组", valid_id(date(1972, 4, 8), 111), "13812345678"),
    Head("HH002", "李红梅", "一组", valid_id(date(1980, 11, 20), 122), "13923456789"),
    Head("HH003", "王志强", "二组", valid_id(date(1985, 1, 2), 133), "15034567890"),
    Head("HH004", "赵丽", "二组", valid_id(date(1990, 7, 15), 144), "15145678901"),
    Head("HH005", "刘洋", "三组", valid_id(date(1992, 3, 3), 155), "18756789012"),
    Head("HH006", "陈明", "三组", valid_id(date(1965, 9, 9), 167), "13698765432"),
    Head("HH007", "孙德胜", "三组", valid_id(date(1958, 6, 1), 171), "13512348765"),
]


def rule_id(store, item: str) -> int:
    return store.scalar("SELECT id FROM point_rules WHERE item = ? AND valid_to IS NULL", (item,))


def build_points(store) -> dict:
    """Seven households scored in 2026-Q3 through the core, as the window would, then posted.

    Q3 (base 100, pass 60, stars at 100/110/120/130/140):
      HH001 张建国 +50 (国家级荣誉) +10 (整洁, then reversed: 重复登记)  → +50, 150, 五星, rank 1
      HH002 李红梅 +20 (整洁 ×2) +5 (义务劳动)                          → +25, 125, 三星, rank 2
      HH003 王志强 +25 (义务劳动 ×5)                                    → +25, 125, 三星, rank 2 (tie)
      HH004 赵丽   +5 rejected (当天未到场)                             →   0, 100, 一星, rank 4
      HH005 刘洋   −20 (赌博) −5 (乱倒垃圾)                             → −25,  75,      rank 5
      HH006 陈明   −20 ×2 (赌博)                                        → −40,  60, pass line exactly, rank 6
      HH007 孙德胜 −20 ×2 (赌博) −20 (破坏公共秩序)                     → −60,  40, 不合格, rank 7
    HH002 redeems 20 points of cooking oil on 2026-09-20.  In Q4: HH004 +5 approved, HH003 +5 pending.
    """
    village.save_profile(store, village.Profile("油溪桥村", valid_uscc(), "天门乡", "新化县", "李文书",
                                                VILLAGE_PHONE))
    for head in HEADS:
        house = people.add_household(store, code=head.code, group_name=head.group, address="油溪桥",
                                     phone=head.phone)
        people.add_person(store, house["id"], name=head.name, relation="户主", id_number=head.id_number,
                          phone=head.phone)
        head.household_id = house["id"]
    rules.install_default_catalogue(store, date(2026, 1, 1))
    h = {head.code: head.household_id for head in HEADS}

    def rec(code, item, day, quantity=1, note=""):
        return ledger.record_entry(store, household_id=h[code], rule_id=rule_id(store, item), day=day,
                                   quantity=quantity, note=note)

    honour = rec("HH001", "获国家级荣誉", "2026-07-02", note="全国文明家庭")
    wrong = rec("HH001", "房前屋后干净整洁，无乱堆乱放", "2026-07-10")
    approved = [honour, wrong,
                rec("HH002", "房前屋后干净整洁，无乱堆乱放", "2026-07-10", 2),
                rec("HH002", "参加义务劳动（义务工）", "2026-08-01"),
                rec("HH003", "参加义务劳动（义务工）", "2026-08-01", 5),
                rec("HH005", "参与赌博", "2026-08-15"),
                rec("HH005", "乱倒垃圾", "2026-09-03"),
                rec("HH006", "参与赌博", "2026-08-15", 2),
                rec("HH007", "参与赌博", "2026-08-15", 2),
                rec("HH007", "破坏公共秩序", "2026-09-10")]
    rejected = rec("HH004", "参加义务劳动（义务工）", "2026-08-01")
    ledger.approve(store, [e["id"] for e in approved], "王审核", date(2026, 9, 25))
    ledger.reject(store, [rejected["id"]], "王审核", "当天未到场")
    reversal = ledger.reverse(store, wrong["id"], "重复登记")
    ledger.approve(store, [reversal["id"]], "王审核", date(2026, 9, 28))
    oil = shop.add_goods(store, name="食用油（5 升）", price=20, stock=10)
    redemption = shop.redeem(store, household_id=h["HH002"], goods_id=oil["id"], day="2026-09-20", note="中秋")
    ledger.post_period(store, Q3, date(2026, 10, 8))
    q4 = rec("HH004", "参加义务劳动（义务工）", "2026-10-12")
    ledger.approve(store, [q4["id"]], "王审核", date(2026, 10, 13))
    pending = rec("HH003", "参加义务劳动（义务工）", "2026-10-16")
    return {"households": h, "honour": honour, "wrong": wrong, "reversal": reversal, "rejected": rejected,
            "redemption": redemption, "pending": pending, "q4": q4}


@pytest.fixture
def fixed_today(monkeypatch):
    clock.set(TODAY)
    return TODAY


@pytest.fixture
def store(fixed_today, store):
    """tests/conftest.py's, on the fixed day."""
    return store


@pytest.fixture
def points(store) -> dict:
    return build_points(store)


def pages_of(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def squeezed(pages: list[str]) -> str:
    return re.sub(r"\s+", "", "".join(pages))


def line_with(text: str, *needles: str) -> str:
    found = [line for line in text.splitlines() if all(n in line for n in needles)]
    assert len(found) == 1, (needles, found)
    return found[0]


def row_starting(text: str, *first: str) -> list[str]:
    """The one extracted line whose first cells are ``first``, split into cells."""
    found = [line.split() for line in text.splitlines() if line.split()[: len(first)] == list(first)]
    assert len(found) == 1, (first, found)
    return found[0]


def assert_nothing_private(pages: list[str]) -> None:
    flat = without_check_values(squeezed(pages))
    for head in HEADS:
        assert head.id_number not in flat and head.id_number[6:14] not in flat, head.name
        assert head.phone not in flat, head.name
    assert not re.search(r"\d{17}[\dX]", flat.replace(VILLAGE_PHONE.replace("-", ""), ""))
    assert not re.search(r"1[3-9]\d{9}", flat)


def test_the_check_for_numbers_passes_over_the_board_s_check_value_and_nowhere_else():
    # A real check value that once failed this check: 18 decimal digits in a row inside the hex.
    check_value = "1c2d222183537338901705" + "0ccdd3a2912a1496dacab657fceb45b" + "0" * 11
    board = [f"核对：末条校验值 {check_value[:16]}（截至打印时）。\n完整校验值：{check_value}\n制表人：李文书"]
    assert_nothing_private(board)
    for leak in ("430522199001011234", "13812345678"):
        with pytest.raises(AssertionError):
            assert_nothing_private([board[0] + f"\n户主电话 {leak}"])
        with pytest.raises(AssertionError):
            assert_nothing_private([board[0].replace("制表人", leak + "制表人")])


# --- the board ----------------------------------------------------------------------

def test_board_names_village_period_posting_and_where_to_object(tmp_path, points, store):
    pages = pages_of(print_ranking(store, tmp_path / "榜.pdf", Q3))
    text = "\n".join(pages)
    for expected in ("2026 年第三季度积分公示榜", "新化县天门乡油溪桥村", "公示期：2026年10月8日至2026年10月14日（共 7 天）",
                     f"异议请于公示期内向村委会（联系人 李文书，电话 {VILLAGE_PHONE}）提出",
                     "红榜", "黑榜", "全村排名", "各村民小组比较", "制表人：李文书", "油溪桥村村民委员会（盖章）"):
        assert expected in text, expected
    assert "尚未公示" not in text
    assert "待审核" not in text.replace("待审核和已驳回的不计入", "")  # none in Q3
    assert_nothing_private(pages)
    assert float(PdfReader(tmp_path / "榜.pdf").pages[0].mediabox.height) > float(
        PdfReader(tmp_path / "榜.pdf").pages[0].mediabox.width)


def test_full_ranking_rows_ranks_ties_scores_stars_and_pass(tmp_path, points, store):
    text = "\n".join(pages_of(print_ranking(store, tmp_path / "榜.pdf", Q3)))
    text = text[text.index("全村排名"):]  # the 黑榜 above names household codes too
    expected = {  # head: (rank, code, group, points, score, stars, verdict)
        "张建国": ("1", "HH001", "一组", "+50", "150", "五星", "合格"),
        "李红梅": ("2", "HH002", "一组", "+25", "125", "三星", "合格"),
        "王志强": ("2", "HH003", "二组", "+25", "125", "三星", "合格"),
        "赵丽": ("4", "HH004", "二组", "0", "100", "一星", "合格"),
        "刘洋": ("5", "HH005", "三组", "-25", "75", "", "合格"),
        "陈明": ("6", "HH006", "三组", "-40", "60", "", "合格"),
        "孙德胜": ("7", "HH007", "三组", "-60", "40", "", "不合格"),
    }
    for head, (rank, code, group, earned, score, stars, verdict) in expected.items():
        row = line_with(text, code)  # below the boards, the full table is the only place with the household code
        cells = row.split()
        assert cells[:6] == [rank, code, head, group, earned, score], row
        assert row.endswith(verdict) and (stars in row if stars else "星" not in row), row
    assert "共 7 户，合格 6 户，不合格 1 户" in text


def test_red_and_black_boards(tmp_path, points, store):
    standings = ranking.ranking(store, Q3)
    red = ranking.red_board(standings, 2)
    # The 2nd place is shared, so a board of 2 names all three.
    assert [s.head for s in red.shown] == ["张建国", "李红梅", "王志强"] and red.left_out is None
    # Naming two tied households on a board of one would double it: one of them only would be unfair.
    assert [s.head for s in ranking.red_board(standings, 1).shown] == ["张建国"]
    # The 黑榜 is the village's rule: below the pass line (孙德胜, 40), never 陈明 (60) who lost points but passed.
    assert [s.head for s in ranking.below_line(standings, rules.get_scheme(store))] == ["孙德胜"]
    text = "\n".join(pages_of(print_ranking(store, tmp_path / "榜.pdf", Q3, board=2)))
    assert "黑榜（总分低于 60 分的户）" in text
    black = squeezed([text[text.index("黑榜（"):text.index("全村排名")]])
    assert black.startswith("黑榜（总分低于60分的户）户编号户主村民小组总分上榜原因HH007孙德胜三组40总分40分，低于60分；扣分：")
    assert "陈明" not in black


@pytest.mark.slow
def test_boards_say_when_nobody_gained_or_lost(tmp_path, store):
    build_points(store)
    text = "\n".join(pages_of(print_ranking(store, tmp_path / "q4.pdf", "2026-Q4", board=3)))
    boards = squeezed([text[text.index("红榜（"):text.index("全村排名")]])
    assert "1赵丽二组+5" in boards and "本期没有总分低于60分的户。" in boards


def _standing(rank: int, n: int, points: int) -> ranking.Standing:
    return ranking.Standing(rank, n, f"HH{n:03d}", f"户{n}", "一组", points, 100 + points, 0, True, 1)


def test_ties_at_the_cut_are_named_in_full_or_left_out_and_said():
    points = [30, 20, 20, 20, 10, 10, 10, 10, 10, 10, 10, 0, -5, -5, -5, -5, -5, -9]
    standings, rank = [], 0
    for n, p in enumerate(points, 1):
        rank = n if n == 1 or p != points[n - 2] else rank
        standings.append(_standing(rank, n, p))
    red = ranking.red_board(standings, 3)
    assert [s.points for s in red.shown] == [30, 20, 20, 20] and red.left_out is None  # a tie up to 2 × 3
    assert [s.points for s in ranking.red_board(standings, 2).shown] == [30, 20, 20, 20]
    assert [s.points for s in ranking.red_board(standings, 1).shown] == [30]
    red = ranking.red_board(standings, 5)
    assert [s.points for s in red.shown] == [30, 20, 20, 20] and red.left_out == (5, 7, 10)
    red = ranking.red_board(standings, 20)
    assert len(red.shown) == 11 and red.left_out is None


def test_groups_summary(tmp_path, points, store):
    text = "\n".join(pages_of(print_ranking(store, tmp_path / "榜.pdf", Q3)))
    # 一组: 150, 125 → 137.5, both scored; 二组: 125, 100 → 112.5, 赵丽's only entry was rejected;
    # 三组: 75, 60, 40 → 58.3, all scored, one below the pass line.
    assert line_with(text, "一组 2 ").split() == ["一组", "2", "137.5", "2", "户（100.0%）", "2"]
    assert line_with(text, "二组 2 ").split() == ["二组", "2", "112.5", "1", "户（50.0%）", "2"]
    assert line_with(text, "三组 3 ").split() == ["三组", "3", "58.3", "3", "户（100.0%）", "2"]


def test_footer_block_carries_the_chain_count_and_head_hash(tmp_path, points, store):
    count, head = ledger.chain_head(store)
    assert count == 12  # ten in Q3, the reversal, one in Q4
    pages = pages_of(print_ranking(store, tmp_path / "榜.pdf", Q3))
    last = pages[-1]
    assert f"积分台账共 {count} 条已审核记录，末条校验值 {head[:16]}" in last
    assert head in squeezed([last])


def test_board_of_a_period_not_yet_posted_says_so_and_counts_pending(tmp_path, points, store):
    text = "\n".join(pages_of(print_ranking(store, tmp_path / "q4.pdf", "2026-Q4")))
    assert "本期积分尚未公示" in text and "公示期：" not in text
    assert "另有 1 条积分待审核，未计入本榜" in text
    assert line_with(text, "HH004").split()[:6] == ["1", "HH004", "赵丽", "二组", "+5", "105"]


def test_locked_period_shows_its_lock(tmp_path, points, store):
    ledger.lock_period(store, Q3, date(2026, 10, 18))
    text = squeezed(pages_of(print_ranking(store, tmp_path / "榜.pdf", Q3)))
    assert "公示期：2026年10月8日至2026年10月14日（共7天）。本期已经讲评，于2026年10月18日锁定" in text


def test_a3_is_portrait_a3(tmp_path, points, store):
    reader = PdfReader(print_ranking(store, tmp_path / "榜.pdf", Q3, size="a3"))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 1191)


@pytest.mark.parametrize(("period", "size", "board", "message"), [
    ("2026Q3", "A4", 10, "写法不对"),
    ("2026-Q5", "A4", 10, "写法不对"),
    ("2025", "A4", 10, "2025 年还没有已审核的积分"),
    ("2027-Q1", "A4", 10, "还没有已审核的积分"),
    (Q3, "A5", 10, "纸张只能是 A4 或 A3"),
    (Q3, "A4", 0, "1 到 100"),
])
def test_bad_requests_are_user_errors_and_write_nothing(tmp_path, points, store, period, size, board, message):
    out = tmp_path / "榜.pdf"
    with pytest.raises(UserError) as err:
        print_ranking(store, out, period, size=size, board=board)
    assert message in str(err.value)
    assert not out.exists()


def test_pending_only_period_asks_for_review_first(tmp_path, store):
    build_points(store)
    # A month-by-month reading of Q4 where only the pending entry's month remains unreviewed is not a scheme
    # period; a fresh village with only a pending entry is.
    with open_store(tmp_path / "fresh.sqlite3") as fresh:
        village.save_profile(fresh, village.get_profile(store))
        house = people.add_household(fresh, code="HH001")
        rules.install_default_catalogue(fresh, date(2026, 1, 1))
        ledger.record_entry(fresh, household_id=house["id"], rule_id=rule_id(fresh, "乱倒垃圾"), day="2026-10-02")
        with pytest.raises(UserError) as err:
            print_ranking(fresh, tmp_path / "x.pdf", "2026-Q4")
        assert "还有 1 条积分待审核" in str(err.value)


def test_missing_profile(tmp_path, store):
    with pytest.raises(UserError) as err:
        print_ranking(store, tmp_path / "x.pdf", Q3)
    assert str(err.value) == NO_PROFILE
    with pytest.raises(UserError):
        print_statement(store, tmp_path / "x.pdf", "HH001")
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.slow
def test_stars_are_written_out_and_drawn_not_missing_glyphs(tmp_path, points, store):
    assert [star_label(n) for n in range(6)] == ["", "一星", "二星", "三星", "四星", "五星"]
    out = print_ranking(store, tmp_path / "榜.pdf", Q3, board=2)
    text = "".join(pages_of(out))
    assert "★" not in text and base.MISSING not in text
    # The red board draws each household's stars as one filled path of closed star outlines, in gold.
    content = PdfReader(out).pages[0].get_contents().get_data().decode("latin-1")
    drawn = re.findall(r"\.831373 \.627451 0 rg\s+n (.*?)\sf\*?\s", content, re.S)
    assert [len(re.findall(r"\bh\b", path)) for path in drawn] == [5, 3, 3]


def test_board_stays_inside_the_page(tmp_path, points, store):
    reader = PdfReader(print_ranking(store, tmp_path / "榜.pdf", Q3))
    xs = []
    for page in reader.pages:
        def visit(text, cm, tm, font, size, xs=xs):
            if text.strip():
                xs.append(tm[4] * cm[0] + cm[4])

        page.extract_text(visitor_text=visit)
    width = float(reader.pages[0].mediabox.width)
    assert xs and min(xs) >= base.MARGIN_X - 1 and max(xs) < width - base.MARGIN_X


@pytest.mark.slow
def test_3000_households_print_with_long_ties_summarised(tmp_path, store):
    village.save_profile(store, village.Profile("油溪桥村", valid_uscc(), "天门乡", "新化县", "李文书",
                                                VILLAGE_PHONE))
    rules.install_default_catalogue(store, date(2026, 1, 1))
    now = clock.timestamp()
    groups = [f"{n}组" for n in range(1, 13)]
    with store.atomic():
        store.conn.executemany(
            "INSERT INTO households (uid, created_at, updated_at, code, group_name, address, phone, archived, "
            "archived_reason) VALUES (?, ?, ?, ?, ?, '', '', 0, '')",
            [(records.new_uid(), now, now, f"HH{n:04d}", groups[n % 12]) for n in range(1, 3001)])
        store.conn.executemany(
            "INSERT INTO persons (uid, created_at, updated_at, household_id, code, name, initials, gender, "
            "ethnicity, relation, archived, archived_reason) "
            "SELECT ?, ?, ?, id, code || '-P01', '户主' || substr(code, 3), '', '男', '汉族', '户主', 0, '' "
            "FROM households WHERE code = ?",
            [(records.new_uid(), now, now, f"HH{n:04d}") for n in range(1, 3001)])
    ids = [r["id"] for r in store.rows("SELECT id FROM households ORDER BY id")]
    clean = rule_id(store, "参加义务劳动（义务工）")
    litter = rule_id(store, "乱倒垃圾")
    made = ledger.record_batch(store, household_ids=ids[: 2000], rule_id=clean, day="2026-08-01",
                               quantity=3)
    made += [ledger.record_entry(store, household_id=i, rule_id=clean, day="2026-08-02") for i in ids[:700]]
    made += ledger.record_batch(store, household_ids=ids[2500:], rule_id=litter, day="2026-08-03", quantity=9)
    ledger.approve(store, [e["id"] for e in made], "王审核", date(2026, 9, 1))
    ledger.post_period(store, Q3, date(2026, 10, 8))
    out = print_ranking(store, tmp_path / "榜.pdf", Q3)
    pages = pages_of(out)
    text = "\n".join(pages)
    assert "共 3000 户" in text and line_with(text, "HH2999 ").split()[0] == "2501"
    flat = squeezed(pages[:1])
    assert "有700户并列第1名（+20分），人数超过榜单，不逐户列出，见全村排名。" in flat
    # Their 55 points are below the pass line: 500 equals on the 黑榜, too many to name.
    assert "另有500户总分低于60分，人数超过榜单，不逐户列出，见全村排名。" in flat
    assert "1 HH0001 户主0001" in text and "701 HH0701" in text
    assert "积分台账共 3200 条已审核记录" in pages[-1]


# --- the statement ------------------------------------------------------------------

def test_statement_of_a_quarter_lines_statuses_and_balance(tmp_path, points, store):
    out = print_statement(store, tmp_path / "明细.pdf", "hh002", Q3)
    pages = pages_of(out)
    text = "\n".join(pages)
    assert "积分明细" in text
    assert "HH002户主：李红梅一组2026年第三季度" in squeezed(pages)
    assert row_starting(text, "期初") == ["期初", "100", "基础分"]
    # date, 积分编号, category, (wrapped item), quantity, points, status, running balance
    clean = line_with(text, "2026年7月10日").split()
    assert clean[0] == "2026年7月10日" and re.fullmatch(r"JF\d{7}", clean[1]) and clean[-4:] == ["2", "+20", "已审核", "120"]
    assert line_with(text, "2026年8月1日").split()[-4:] == ["1", "+5", "已审核", "125"]
    oil = line_with(text, "2026年9月20日").split()
    assert oil[:3] == ["2026年9月20日", f"DH{points['redemption']['id']:06d}", "积分兑换"]
    assert oil[-5:] == ["1", "-20", "已兑换", "105", "备注：中秋"]
    assert row_starting(text, "期末") == ["期末", "105", "总分", "125", "分"]
    assert "2026 年第三季度：总分 125 分，三星，合格，全村第 2 名（共 7 户）" in text
    assert "兑换用去 20 分" in text
    assert "可兑换积分" not in text  # Q3 is over; the balance belongs to the current period
    assert_nothing_private(pages)


def test_statement_names_corrections_and_rejections(tmp_path, points, store):
    pages = pages_of(print_statement(store, tmp_path / "a.pdf", "HH001", Q3))
    text, flat = "\n".join(pages), squeezed(pages)
    wrong, fix = f"JF{points['wrong']['id']:07d}", f"JF{points['reversal']['id']:07d}"
    assert row_starting(text, "2026年7月10日", wrong) == ["2026年7月10日", wrong, "环境卫生", "1", "+10", "已审核", "160",
                                                        "已由", fix, "冲正"]
    assert row_starting(text, "2026年7月10日", fix) == ["2026年7月10日", fix, "环境卫生", "-1", "-10", "已审核", "150"]
    assert f"冲正{wrong}（2026年7月10日，+10分）：重复登记" in flat
    assert "备注：全国文明家庭" in text
    assert row_starting(text, "期末") == ["期末", "150", "总分", "150", "分"]
    assert "已审核的加减分 +50 分" in text

    pages = pages_of(print_statement(store, tmp_path / "b.pdf", "HH004", Q3))
    text = "\n".join(pages)
    rejected = line_with(text, "2026年8月1日").split()
    assert rejected[-3:] == ["1", "+5", "已驳回"]  # no balance: it does not count
    assert "驳回理由：当天未到场，不计入" in squeezed(pages)
    assert "总分 100 分，一星，合格" in text and "已驳回 1 条" in text


def test_statement_of_the_year_has_a_section_per_quarter(tmp_path, points, store):
    text = "\n".join(pages_of(print_statement(store, tmp_path / "a.pdf", "HH003")))  # default: this year
    assert "2026 年" in text
    for quarter in ("第一季度", "第二季度", "第三季度", "第四季度"):
        assert f"2026 年{quarter}" in text
    assert "2026 年第三季度：总分 125 分，三星，合格，全村第 2 名" in text
    assert "2026 年第四季度：总分 100 分，一星，合格" in text
    pending = line_with(text, "2026年10月16日")
    assert "待审核" in pending and "+5" in pending
    assert "待审核 1 条（+5 分，未计入）" in text
    assert "截至2026年10月20日，可兑换积分 0 分" in text  # the base is not redeemable; the +5 is pending


def test_statement_of_an_unknown_household_names_it(tmp_path, points, store):
    out = tmp_path / "x.pdf"
    with pytest.raises(UserError) as err:
        print_statement(store, out, "HH999")
    assert "HH999" in str(err.value)
    with pytest.raises(UserError) as err:
        print_statement(store, out, "HH001", "2026-13")
    assert "月份" in str(err.value)
    with pytest.raises(UserError) as err:
        print_statement(store, out, "HH001", "2027")
    assert "2027 年还没有开始" in str(err.value)
    assert not out.exists()


def test_board_of_a_year_sums_its_quarters(tmp_path, points, store):
    text = "\n".join(pages_of(print_ranking(store, tmp_path / "年.pdf", "2026")))
    assert "2026 年积分公示榜" in text
    assert "本表为2026 年内各季度积分的合计排名" in text and "尚未公示" not in text
    # Four quarters of base (400) plus Q3 and the approved Q4 points.  Stars and the pass line belong to
    # each quarter, so a year's board shows how many quarters each household passed instead.
    assert line_with(text, "HH001").split() == ["1", "HH001", "张建国", "一组", "+50", "450", "4/4"]
    assert line_with(text, "HH004").split() == ["4", "HH004", "赵丽", "二组", "+5", "405", "4/4"]
    assert line_with(text, "HH006").split() == ["6", "HH006", "陈明", "三组", "-40", "360", "4/4"]  # 60: passes
    assert line_with(text, "HH007").split() == ["7", "HH007", "孙德胜", "三组", "-60", "340", "3/4"]  # 40 in Q3
    assert "星级和是否合格按每季度评定" in text and "星" not in text.replace("星级和", "")
    assert "共 7 户，4 个季度均合格的 6 户。" in text
    assert line_with(text, "一组 2 ").split() == ["一组", "2", "437.5", "2", "户（100.0%）", "2"]
    assert line_with(text, "三组 3 ").split()[-1] == "2"  # 各期均合格户数: HH005 and HH006, not HH007


def test_statement_of_a_month_has_no_stars(tmp_path, points, store):
    # Stars and the pass line are set per quarter here: a month's statement gives the score and rank only.
    text = "\n".join(pages_of(print_statement(store, tmp_path / "m.pdf", "HH003", "2026-08")))
    assert "2026 年 8 月：总分 125 分，全村第 1 名（共 7 户）。" in text  # HH001 scored in July
    assert "三星" not in text


def test_points_that_carry_over_are_ranked_and_stated_cumulatively(tmp_path, points, store):
    rules.save_scheme(store, rules.Scheme(reset_each_period=False))
    text = "\n".join(pages_of(print_ranking(store, tmp_path / "q4.pdf", "2026-Q4")))
    assert "累计得分" in text and "历年累计已审核的加减分" in text
    assert line_with(text, "HH001").split() == ["1", "HH001", "张建国", "一组", "+50", "150", "五星", "合格"]
    assert line_with(text, "HH004").split()[:6] == ["4", "HH004", "赵丽", "二组", "+5", "105"]
    text = "\n".join(pages_of(print_statement(store, tmp_path / "s.pdf", "HH002", "2026-Q4")))
    # Q3's approved +25 carries into Q4's score; the 20 points redeemed in Q3 are gone from the balance.
    assert row_starting(text, "期初")[:2] == ["期初", "105"]
    assert "基础分加以前累计125分，减以前兑换20分" in squeezed([text])
    assert row_starting(text, "期末") == ["期末", "105", "总分", "125", "分"]


def test_statement_of_an_archived_household_names_its_last_head(tmp_path, points, store):
    people.archive_household(store, points["households"]["HH005"], "整户迁出")
    text = squeezed(pages_of(print_statement(store, tmp_path / "s.pdf", "HH005", Q3)))
    assert "HH005（已归档）户主：刘洋三组2026年第三季度" in text and "-20" in text


def test_progress_of_the_board_runs_to_its_total(tmp_path, points, store):
    seen = []
    print_ranking(store, tmp_path / "榜.pdf", Q3, progress=lambda done, total: seen.append((done, total)))
    total = seen[0][1]
    assert seen[0] == (0, total) and seen[-1] == (total, total) and total >= len(HEADS)
    assert all(a[0] <= b[0] for a, b in zip(seen, seen[1:]))


# --- 积分兑换单 ----------------------------------------------------------------------

def test_slip_prints_two_copies_with_the_balance_left_at_that_redemption(tmp_path, points, store):
    from villagedesk.documents.pdf.slip import print_slip

    code = f"DH{points['redemption']['id']:06d}"
    # A later redemption the same quarter does not change what this slip says was left.
    soap = shop.add_goods(store, name="肥皂", price=5, stock=3)
    shop.redeem(store, household_id=points["households"]["HH002"], goods_id=soap["id"], day="2026-09-25")
    pages = pages_of(print_slip(store, tmp_path / "slip.pdf", code.lower()))
    assert len(pages) == 1
    text = pages[0]
    assert text.count(code) == 3 and "存根联（村委会留存）" in text and "兑换人联（交兑换户）" in text
    # HH002: +20 (yard ×2) +5 (labour) approved in Q3, the base not redeemable; oil costs 20.
    assert text.count("兑换前可兑换积分\n25") == 2 and text.count("兑换后可兑换积分\n5") == 2
    assert "食用油（5 升）" in text and "李红梅" in text and "中秋" in text and "沿此线剪开" in text
    assert shop.balance_after(store, points["redemption"]["id"]) == 5
    assert shop.balance(store, points["households"]["HH002"], date(2026, 9, 30)) == 0


def test_slip_of_an_unknown_redemption_names_it_and_writes_nothing(tmp_path, points, store, capsys):
    from villagedesk.cli import main
    from villagedesk.documents.pdf.slip import print_slip

    out = tmp_path / "slip.pdf"
    for code in ("DH999999", "SP0001", ""):
        with pytest.raises(UserError, match="没有兑换编号为"):
            print_slip(store, out, code)
    assert not out.exists()
    db = str(store.path)
    store.close()
    assert main(["print", "slip", "DH999999", "--db", db, "-o", str(out)]) == 1
    assert "DH999999" in capsys.readouterr().err and not out.exists()
    assert main(["print", "slip", str(points["redemption"]["id"]), "--db", db, "-o", str(out)]) == 0
    assert out.exists()


def test_boards_and_slips_declare_only_the_embedded_fonts(tmp_path, points, store):
    from villagedesk.documents.pdf.slip import print_slip

    made = [print_ranking(store, tmp_path / "board.pdf", Q3),
            print_slip(store, tmp_path / "slip.pdf", str(points["redemption"]["id"]))]
    for path in made:
        fonts = {str(font.get_object()["/BaseFont"]) for page in PdfReader(path).pages
                 for font in page["/Resources"]["/Font"].values()}
        # A table without FONTNAME declares Helvetica, which is not embedded: every font here is ours.
        assert fonts and not any("Helvetica" in name for name in fonts), (path.name, fonts)
