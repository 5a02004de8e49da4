"""The demo village's notice board: the ``notices`` step of `villagedesk demo`.

Three years up to the demo's today, written through core.notices as the window
would (create, review by a serving 监委会 member, post, archive), so every rule
holds for the demo too:

- the disclosure calendar: finances monthly by the 10th, village and party
  affairs quarterly by the 20th of the quarter's first month, the 低保 list
  yearly, projects and 四议两公开 results when they happen;
- a finance statement for every month, posted early the next month, its
  opening balance the last one's closing balance;
- village and party affairs each quarter; a 低保 list each spring (7 working
  days), last year's corrected after an objection (已被替换);
- the latest posted points ranking, and the 四议两公开 matter the meetings step
  carried through, when those steps ran;
- every stage on the demo's today: a draft, a reviewed notice, one on the board
  with an objection not yet due, one whose period is over with an objection past
  its deadline, a dropped draft; this month's finances and this quarter's party
  affairs are late, so the calendar shows what is overdue.

Everything else is archived after its period, with its objections answered.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from villagedesk.core import notices
from villagedesk.core.common import periods, workdays
from villagedesk.core.notices import disclosure, lifecycle, objections, sources, tables
from villagedesk.core.notices.model import require_notice
from villagedesk.core.notices.money import yuan
from villagedesk.core.register import people

YEARS = 3
OPENING_BALANCE = "126480.35"

# (name, category, frequency, fixed day, note)
CALENDAR = (
    ("村级财务收支", "财务公开", disclosure.MONTHLY, 10, "上月收支明细，每月 10 日前公开"),
    ("村务公开（常规事项）", "村务公开", disclosure.QUARTERLY, 20, "每季度首月 20 日前公开"),
    ("党务公开", "党务公开", disclosure.QUARTERLY, 20, "每季度首月 20 日前公开"),
    ("最低生活保障对象名单", "惠民政策", disclosure.YEARLY, None, "年度复核后公示 7 个工作日"),
    ("工程项目", "工程项目", disclosure.ON_EVENT, None, "立项、招标、验收时公开"),
    ("四议两公开决议及实施结果", "四议两公开", disclosure.ON_EVENT, None, "决议作出后即时公开"),
)
# (item, lowest yuan, highest yuan, how often a month has it)
INCOME = (("上级转移支付（村级组织运转经费）", 15000, 25000, 0.34), ("集体山林、鱼塘发包收入", 2000, 6000, 0.3),
          ("村集体经济合作社经营收入", 3000, 15000, 0.5), ("一事一议财政奖补资金", 20000, 80000, 0.06),
          ("银行存款利息", 5, 80, 1.0))
EXPENSE = (("村干部误工补贴", 6000, 9000, 1.0), ("办公费（纸张、打印、网络）", 200, 900, 1.0), ("水电费", 150, 600, 1.0),
           ("保洁员工资", 2400, 2400, 1.0), ("道路、水渠维修", 1000, 8000, 0.3), ("会议误工补贴", 300, 1500, 0.4),
           ("积分超市商品采购", 1000, 4000, 0.25), ("困难群众走访慰问", 500, 3000, 0.1))
AFFAIRS = ("本季度村“两委”工作重点：春耕生产、森林防火和农村人居环境整治。",
           "村集体经济合作社本季度经营情况：油茶基地完成抚育 120 亩，光伏电站发电收入按月入账。",
           "本季度办理村民诉求的情况：共受理诉求若干件，已办结的结果已向当事人反馈。",
           "积分制管理：本季度积分已审核并在积分公示栏公示，积分超市兑换正常。",
           "本季度享受惠民政策的对象无变化；新增申请正在审核中。")
PARTY_AFFAIRS = ("本季度党支部开展“三会一课”：支部党员大会 1 次、支委会 3 次、党小组会 3 次、党课 1 次。",
                 "党费收缴情况：本季度应缴党费的党员全部按时足额缴纳。",
                 "发展党员情况：本季度确定入党积极分子 1 名，按程序进行培养考察。",
                 "主题党日活动：组织党员开展义务劳动、走访慰问困难群众。")
DIBAO_REASONS = ("年老体弱，无劳动能力", "重病，家庭支出大", "残疾，无稳定收入", "家庭人均收入低于当地低保标准")
DIBAO_AMOUNTS = ("270", "330", "390", "450")
OBJECTIONS = (("办公费比上月高，请说明用在哪里。", "本月办公费含全年打印机耗材采购，发票已在村务监督委员会核对。"),
              ("保洁员工资是否按月足额发放？", "保洁员工资按月通过银行发放，工资表可到村委会查阅。"))


def _day_in(rng: random.Random, first: date, low: int, high: int) -> date:
    return first.replace(day=rng.randint(low, high))


class _Board:
    """One demo village's notice board, written through core.notices."""

    def __init__(self, demo, rng: random.Random):
        self.demo, self.store, self.rng, self.today = demo, demo.store, rng, demo.today
        self.items: dict[str, dict] = {}
        self.counts = {"notices": 0, "notice_objections": 0}

    def reviewer(self, day: date) -> tuple[int, date] | None:
        """A 监委会 member serving on ``day`` or within the days before it, and that day."""
        for back in range(0, 15):
            on = day - timedelta(days=back)
            members = lifecycle.reviewers(self.store, on)
            if members:
                return self.rng.choice(members)["person_id"], on
        return None

    def publish(self, draft: dict, posted: date, days: int = 7, working: bool = False,
                archive: bool = True) -> dict:
        """Review (a day or two before), post on ``posted`` and, once over and answered, archive."""
        found = self.reviewer(posted - timedelta(days=self.rng.randint(0, 2)))
        if found is None:
            return draft
        person, reviewed = found
        lifecycle.review_notice(self.store, draft["id"], reviewer_id=person, day=reviewed, today=posted)
        if working:
            # A year the holiday calendar does not know (a demo made years from now) is refused for
            # working days; the demo then gives the end date Monday–Friday counting reaches, as a clerk would.
            work = workdays.calendar(self.store)
            end = workdays.posting_end(posted, days, True, work)
            if work.uncovered(posted, end):
                days, working = workdays.days_between(posted, end), False
        notice = lifecycle.post_notice(self.store, draft["id"], start=posted, days=days, working_days=working,
                                       today=posted)
        if archive:
            self.archive_when_done(notice)
        return require_notice(self.store, notice["id"])

    def draft(self, **values) -> dict:
        self.counts["notices"] += 1
        return notices.create_notice(self.store, **values)

    # --- the parts ------------------------------------------------------------------------------

    def calendar(self) -> None:
        for name, category, frequency, day, note in CALENDAR:
            self.items[category] = disclosure.save_item(self.store, name=name, category=category,
                                                        frequency=frequency, due_day=day, note=note)

    def statement(self, month: periods.Period, opening: str) -> tables.FinanceStatement:
        rng, lines = self.rng, []
        for side, catalogue in ((tables.INCOME, INCOME), (tables.EXPENSE, EXPENSE)):
            for item, low, high, share in catalogue:
                festive = item.startswith("困难群众") and month.start.month in (1, 2)
                if festive or rng.random() < share:
                    fen = rng.randint(low * 100, high * 100)
                    lines.append((side, item, yuan(fen, grouped=False), ""))
        return tables.finance_statement(lines, opening=opening)

    def finances(self, first: date) -> None:
        """Each month's statement, posted between the 3rd and 9th of the next; this month's is late."""
        opening = OPENING_BALANCE
        month = periods.of(first, "month")
        while True:
            posted = _day_in(self.rng, month.end + timedelta(days=1), 3, 9)
            if posted > self.today or periods.of(posted, "month") == periods.of(self.today, "month"):
                break
            statement = self.statement(month, opening)
            label = month.label.replace(" ", "")
            draft = self.draft(category="财务公开", title=f"{label}村级财务收支公开",
                               body=f"根据村级财务公开制度，现将{label}村级财务收支情况公开如下，接受全体村民监督。",
                               table=statement, table_title=f"{label}财务收支明细", issued_on=posted,
                               item_id=self.items["财务公开"]["id"])
            notice = self.publish(draft, posted, archive=False)
            self.objection_on(notice)
            self.archive_when_done(notice)
            opening = yuan(statement.closing_fen, grouped=False)
            month = periods.of(month.end + timedelta(days=1), "month")

    def objection_on(self, notice: dict) -> None:
        """About one statement in eight draws a question, answered within the ten days."""
        if notice["status"] != notices.NoticeStatus.POSTED or self.rng.random() > 0.125:
            return
        received = date.fromisoformat(notice["posted_on"]) + timedelta(days=self.rng.randint(1, 4))
        if received > self.today:
            return
        question, answer = self.rng.choice(OBJECTIONS)
        row = objections.add_objection(self.store, notice["id"], raised_by=self.villager(), content=question,
                                       received_on=received, today=received)
        self.counts["notice_objections"] += 1
        replied = received + timedelta(days=self.rng.randint(2, 9))
        if replied <= self.today:
            objections.reply_objection(self.store, row["id"], reply=answer, replied_by=self.demo.profile.clerk,
                                       replied_on=replied, today=replied)

    def archive_when_done(self, notice: dict) -> None:
        notice = require_notice(self.store, notice["id"])  # a correction may have replaced it since
        if notice["status"] != notices.NoticeStatus.POSTED:
            return
        filed = date.fromisoformat(notice["posting_end"]) + timedelta(days=self.rng.randint(1, 12))
        if filed <= self.today and not lifecycle.open_objections(self.store, notice["id"]):
            lifecycle.archive_notice(self.store, notice["id"], today=filed)

    def villager(self) -> str:
        return self.rng.choice(self.demo.persons)["name"] if self.demo.persons else "匿名"

    def quarterly(self, first: date) -> None:
        """村务 and 党务 each quarter by the 20th of its first month; this quarter's 党务 is still a draft."""
        quarter = periods.of(first, "quarter")
        current = periods.of(self.today, "quarter")
        while quarter.start <= self.today:
            label = quarter.label.replace(" ", "")
            for category, title, lines in (("村务公开", f"{label}村务公开", AFFAIRS),
                                           ("党务公开", f"{label}党务公开", PARTY_AFFAIRS)):
                posted = _day_in(self.rng, quarter.start, 12, 20)
                chosen = self.rng.sample(lines, k=min(3, len(lines)))
                body = "\n".join(f"{n}. {line}" for n, line in enumerate(chosen, 1))
                if quarter == current and (category == "党务公开" or posted > self.today):
                    if category == "党务公开":
                        self.draft(category=category, title=title, body=body, issued_on=self.today,
                                   item_id=self.items[category]["id"])
                    continue
                draft = self.draft(category=category, title=title, body=body, issued_on=posted,
                                   item_id=self.items[category]["id"])
                self.publish(draft, posted)
            quarter = periods.of(quarter.end + timedelta(days=1), "quarter")

    def dibao(self, first: date) -> None:
        """Each spring's 低保 list from the register (7 working days); last year's is corrected."""
        heads = self.store.rows(f"SELECT p.id FROM persons p WHERE {people.is_head_sql('p')} AND p.archived = 0 "
                                "ORDER BY p.id")
        size = max(8, len(heads) * 3 // 100)
        year = first.year + 1
        lists = []
        while True:
            posted = date(year, 3, 1) + timedelta(days=self.rng.randint(0, 20))
            if posted > self.today:
                break
            chosen = sorted(self.rng.sample(heads, k=min(size, len(heads))), key=lambda h: h["id"])
            rows = [{"person_id": h["id"], "amount": self.rng.choice(DIBAO_AMOUNTS),
                     "reason": self.rng.choice(DIBAO_REASONS)} for h in chosen]
            draft = self.draft(category="惠民政策", title=f"{year}年农村最低生活保障对象名单公示",
                               body=(f"经户主申请、入户调查、村民代表评议，{year}年拟享受农村最低生活保障的对象"
                                     "名单公示如下（保障金额为每月每户，单位：元）。"),
                               table=tables.recipient_list(self.store, rows), table_title="低保对象名单",
                               issued_on=posted, item_id=self.items["惠民政策"]["id"])
            lists.append((self.publish(draft, posted, days=7, working=True, archive=False), rows))
            year += 1
        if len(lists) >= 2:
            self.correct_list(*lists[-2])
        for notice, _rows in lists:
            self.archive_when_done(notice)

    def correct_list(self, notice: dict, rows: list[dict]) -> None:
        """An objection says one household does not qualify; checked, upheld, the list re-posted without it."""
        if notice["posted_on"] is None:
            return  # no supervision committee to review it (a demo without the committee step)
        received = date.fromisoformat(notice["posted_on"]) + timedelta(days=2)
        row = objections.add_objection(self.store, notice["id"], raised_by="匿名", today=received, received_on=received,
                                       content="名单中有一户家庭有小车和门面出租收入，不符合低保条件。")
        self.counts["notice_objections"] += 1
        replied = received + timedelta(days=6)
        objections.reply_objection(self.store, row["id"], replied_on=replied, today=replied,
                                   replied_by=self.demo.profile.clerk,
                                   reply="经村务监督委员会入户核实，情况属实，已取消该户资格，名单更正后重新公示。")
        correction = lifecycle.start_correction(self.store, notice["id"], today=replied)
        self.counts["notices"] += 1
        notices.update_notice(self.store, correction["id"], table=tables.recipient_list(self.store, rows[1:]))
        self.publish(correction, replied + timedelta(days=1), days=7, working=True)

    def ranking(self) -> None:
        """The latest posted points period, as a 村务公开 notice."""
        period = self.store.row("SELECT period, posted_on FROM point_periods WHERE posted_on IS NOT NULL "
                                "ORDER BY posted_on DESC LIMIT 1")
        if period is None:
            return
        posted = date.fromisoformat(period["posted_on"])
        draft = sources.notice_from_ranking(self.store, period["period"], today=posted)
        self.counts["notices"] += 1
        self.publish(draft, posted)

    def matters(self) -> None:
        """Each 四议两公开 decision the meetings step posted, as the notice that posted it."""
        for matter in self.store.rows("SELECT id, resolution_posted_on FROM matters "
                                      "WHERE resolution_posted_on IS NOT NULL ORDER BY id"):
            posted = date.fromisoformat(matter["resolution_posted_on"])
            draft = sources.notice_from_matter(self.store, matter["id"], today=posted)
            self.counts["notices"] += 1
            notices.update_notice(self.store, draft["id"], item_id=self.items["四议两公开"]["id"])
            self.publish(draft, posted)

    def today_stages(self) -> None:
        """The board as the clerk finds it today: one notice of each stage still in hand."""
        today, project = self.today, self.items["工程项目"]["id"]
        over = self.draft(category="工程项目", title="村部至杨家湾道路硬化工程竣工验收公示", item_id=project,
                          issued_on=today - timedelta(days=20),
                          body="村部至杨家湾道路硬化工程已完工，经乡镇、村两委和村民代表共同验收合格。"
                               "工程决算 46.3 万元，其中上级奖补 30 万元，村集体自筹 16.3 万元。")
        over = self.publish(over, today - timedelta(days=20), days=10, archive=False)
        if over["status"] == notices.NoticeStatus.POSTED:
            received = today - timedelta(days=14)
            objections.add_objection(self.store, over["id"], raised_by=self.villager(), received_on=received,
                                     today=received, content="路面有两处开裂，验收是否合格？请公开验收记录。")
            self.counts["notice_objections"] += 1
        board = self.draft(category="村务公开", title="关于开展“清洁庭院”评比结果的公示", issued_on=today - timedelta(days=3),
                           body="经各组推荐、村评比小组入户检查，评出本年度“清洁庭院”示范户，名单如下。",
                           table=tables.free_table(["村民小组", "户主", "评比得分"],
                                                   [["第一村民小组", self.villager(), "96"],
                                                    ["第三村民小组", self.villager(), "94"],
                                                    ["第五村民小组", self.villager(), "93"]]))
        board = self.publish(board, today - timedelta(days=3), archive=False)
        if board["status"] == notices.NoticeStatus.POSTED:
            objections.add_objection(self.store, board["id"], raised_by=self.villager(), today=today,
                                     received_on=today - timedelta(days=1), content="第七组也有好几户很干净，为何没有评上？")
            self.counts["notice_objections"] += 1
        reviewed = self.draft(category="惠民政策", title=f"{today.year}年度耕地地力保护补贴发放情况公示", issued_on=today,
                              body="耕地地力保护补贴按确权面积发放，每亩 105.5 元，已通过“一卡通”直接发放到户。")
        found = self.reviewer(today)
        if found:
            lifecycle.review_notice(self.store, reviewed["id"], reviewer_id=found[0], day=found[1], today=today)
        dropped = self.draft(category="其他", title="关于召开村民代表会议的通知", issued_on=today - timedelta(days=30),
                             body="定于本月下旬召开村民代表会议，审议村规民约修订稿。")
        lifecycle.archive_notice(self.store, dropped["id"], today=today - timedelta(days=28),
                                 reason="会议改期，另行通知")


def build_notices(demo) -> None:
    board = _Board(demo, demo.rng("notices"))
    first = periods.of(demo.today.replace(year=demo.today.year - YEARS, day=1), "month").start
    board.calendar()
    board.finances(first)
    demo.report(0.4)
    board.quarterly(first)
    board.dibao(first)
    demo.report(0.7)
    board.ranking()
    board.matters()
    board.today_stages()
    demo.counts.update(board.counts)
    demo.counts["disclosure_items"] = len(CALENDAR)


__all__ = ["build_notices"]
