"""The demo village's meetings and requests ledger: the ``meetings`` step of `villagedesk demo`.

Over the last two years (five for the large village, whose points ledger goes back
ten: it began keeping its minutes in the program later) the village meets as
villages do:

- a 屋场会 in every 屋场 each quarter, on the day and with the households the points
  ledger credits for attending (参加屋场会), so minutes and points agree; each one
  collects requests — a handful in the small village, some thirty in the large one;
- a 两委联席会议 every month, a 党员大会 every quarter, a 村民代表会议 in spring and
  autumn, and the 村民会议 each January (again on the ledger's day, with its households);
- one 四议两公开 matter carried through its four meetings and posted twice, and one
  under way, recorded through core.matters; a few finalised minutes carry an
  amendment made through core.meetings.

Votes are judged by core.meetings.votes as the minutes show them: a 党员大会 carries
only with yes votes from more than half of all its 正式党员 (docs/DOMAIN.md §3.2), so
a thinly attended quarterly meeting may fail; the matters' meetings carry.

Requests are also brought to the village office directly, every month (in the
large village, some twenty thousand requests in all).  Each one runs its course up
to the demo's today (see demo_requests).  The minutes of the last ten days, and the
latest ones, are still drafts.  Without a points ledger (a test may leave that step
out) the step draws the 屋场会 days and households itself.

Bulk rows go in with executemany in their final state: the small demo audits each
row as records.insert would, the large one each batch with one 'bulk-insert' row,
as the points ledger's bulk writer does.
"""

from __future__ import annotations

import bisect
import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from villagedesk import clock
from villagedesk.core.committee.roster import PARTY, SUPERVISION, VILLAGE
from villagedesk.core.common import records
from villagedesk.core.meetings import matters
from villagedesk.core.meetings import minutes as meetings
from villagedesk.core.meetings.votes import (
    BRANCH,
    COMMITTEES,
    HOUSE,
    KINDS,
    PARTY_MEMBERS,
    REPRESENTATIVES,
    VILLAGERS,
    Attendance,
    Votes,
    judge,
)
from villagedesk.core.points.ledger import EntryStatus
from villagedesk.core.requests.ledger import RequestStatus
from villagedesk.demo.base import AUDIT_COLUMNS, GROUPS, MEETING, WUCHANG, Demo, insert_sql, years_before
from villagedesk.demo.requests import Drawn, RequestDrawer
from villagedesk.store import Store

DRAFT_DAYS = 10  # minutes of meetings this recent are not finalised yet
# Fewer years than the large village's ten of points: its attendance lists would be
# 130,000 rows, too slow for a demo that must build in under a minute.
MEETING_YEARS = {"small": 2, "large": 5}
REQUESTS_AT_HOUSE_MEETING = {"small": (3, 8), "large": (24, 38)}
DIRECT_PER_MONTH = {"small": (1, 3), "large": (75, 95)}
HOUSEHOLDS_PER_REPRESENTATIVE = 15  # 村民委员会组织法: one 村民代表 for every five to fifteen households
AMENDED_SHARE = 0.03
VILLAGERS_MEETING_NOTE = "村民会议"
ABSENCE = ("外出务工", "外出务工", "生病", "家中有事", "年老行动不便", "请假")
ENVOYS = ("袁志刚", "邹丽华", "伍建平", "苏晓峰")  # the township's 驻村干部 over the years
POLICIES = ("城乡居民医疗保险缴费", "防溺水安全", "森林防火", "耕地保护和“非农化”整治", "城乡居民养老保险",
            "防范电信诈骗", "移风易俗、红白喜事简办", "农村生活垃圾分类", "秸秆禁烧", "防汛避险",
            "产业发展奖补", "积分制管理办法")
HOUSE_RESOLUTIONS = ("同意修订本屋场《卫生保洁公约》，各户每月轮流清扫公共区域",
                     "同意本屋场群众投工投劳，清理{place}灌溉水渠", "同意在{place}设置集中晒谷坪，由组长负责协调",
                     "同意本屋场红白喜事按村规民约标准简办")
SEASONAL = {1: "春节期间安全生产和返乡人员服务", 2: "春节期间安全生产和返乡人员服务", 3: "春耕生产和森林防火",
            4: "春耕生产和森林防火", 5: "防汛备汛", 6: "防汛备汛", 7: "防溺水和高温防暑", 8: "防溺水和高温防暑",
            9: "秋收和秸秆禁烧", 10: "秋收和秸秆禁烧", 11: "冬修水利和年终考评", 12: "冬修水利和年终考评"}
STUDY = ("党的二十大精神", "新修订的《中国共产党纪律处分条例》", "习近平总书记关于“三农”工作的重要论述",
         "党章", "《中国共产党农村基层组织工作条例》", "乡村振兴有关政策")
REPRESENTATIVE_TOPICS = (("审议{year}年村级公益事业建设计划", "通过{year}年村级公益事业建设计划"),
                         ("讨论修订村规民约", "通过修订后的村规民约，张贴公布"),
                         ("审议上半年村级财务收支情况", "认可上半年村级财务收支情况"),
                         ("讨论集体经济合作社分红方案", "通过集体经济合作社分红方案"))
FINISHED_MATTER = ("{a}至{b}组级道路硬化", "修建{a}至{b}组级道路 1.2 公里，宽 4.5 米，预算 48 万元，"
                   "申请上级一事一议奖补，群众投工投劳", "道路已于{day}完工并通过验收，实际支出 46.3 万元，"
                   "账目已公开")
OPEN_MATTER = ("村集体闲置山林流转发展油茶产业", "将村集体闲置山林约 300 亩流转给油茶合作社，租期 15 年，"
               "租金归村集体")
AMENDMENTS = (("记录不完整", "第 1 项议题的讨论记录中漏记了{name}的发言，补记为：“同意，希望抓紧落实。”"),
              ("会议时间记录有误", "会议结束时间应为 {later}，特此更正。"),
              ("补充发言内容", "补记：{name}在讨论中提出，希望尽快落实{where}的道路维修。"))


@dataclass
class _Plan:
    """One meeting as the demo means it to be recorded."""

    kind: str
    title: str
    day: date
    start: str
    end: str
    place: str
    chair: dict
    recorder: dict
    present: list[dict]
    absent: list[tuple[dict, str]] = field(default_factory=list)
    guests: list[tuple[str, str]] = field(default_factory=list)
    agenda: list[tuple[str, str]] = field(default_factory=list)
    resolutions: list[tuple[int | None, str, tuple[int, int, int] | None]] = field(default_factory=list)
    eligible: int | None = None
    eligible_households: int | None = None
    requests: list[Drawn] = field(default_factory=list)
    tag: str = ""  # a 四议两公开 stage: "finished-1" … "open-2"
    id: int = 0


def _votes(rng: random.Random, present: int, against_up_to: int = 1, abstain_up_to: int = 2) -> tuple[int, int, int]:
    against = rng.randint(0, min(against_up_to, present // 10))
    abstain = rng.randint(0, min(abstain_up_to, present // 8))
    return present - against - abstain, against, abstain


class _Village:
    """The register and the committee as the meetings need them."""

    def __init__(self, demo: Demo, rng: random.Random):
        self.rng, self.today = rng, demo.today
        self.households = {h["id"]: h for h in demo.households if not h["archived"]}
        self.persons = {p["id"]: p for p in demo.persons if not p["archived"] and p["household_id"] in self.households}
        self.members: dict[int, list[dict]] = {}
        for p in self.persons.values():
            self.members.setdefault(p["household_id"], []).append(p)
        by_group = {group: places for group, (places, _) in zip(GROUPS, WUCHANG)}
        self.place = {h["id"]: next((p for p in by_group.get(h["group_name"], ()) if p in h["address"]),
                                    h["group_name"]) for h in self.households.values()}
        self.groups = sorted({h["group_name"] for h in self.households.values()}, key=_group_order)
        cutoff = years_before(self.today, 18).isoformat()
        self.adults = [p for p in self.persons.values() if (p["birth_date"] or "") <= cutoff]
        self.adult_ids = {p["id"] for p in self.adults}
        self.births = sorted(p["birth_date"] or "" for p in self.persons.values())
        self.full_members = [p for p in self.persons.values() if p["political"] == "中共党员"]
        self.probationers = [p for p in self.persons.values() if p["political"] == "中共预备党员"]
        self.posts = demo.store.rows(
            "SELECT p.person_id, p.body, p.role, p.start_date, coalesce(p.end_date, t.end_date) AS last "
            "FROM posts p JOIN terms t ON t.id = p.term_id ORDER BY p.id")
        self._serving: dict[date, list[dict]] = {}
        # Without a committee (a test may leave that step out), two party members stand in.
        elders = sorted(self.full_members or self.adults, key=lambda p: p["id"])[:2]
        self.stand_ins = [{"person_id": p["id"], "body": PARTY, "role": role}
                          for p, role in zip(elders, ("书记", "委员"))]
        self.speaker = {h["id"]: self._representative(h) for h in self.households.values()}
        self._bodies: dict[tuple, list[dict]] = {}
        representatives: list[dict] = []
        for group in self.groups:
            speakers = [self.speaker[h["id"]] for h in self.households.values() if h["group_name"] == group]
            heads = [p for p in speakers if p is not None]
            count = max(1, round(len(heads) / HOUSEHOLDS_PER_REPRESENTATIVE))
            representatives += rng.sample(heads, min(count, len(heads)))
        self.representatives = representatives

    def _representative(self, household: dict) -> dict | None:
        """Who speaks for a household: its head when an adult, else its eldest adult."""
        adults = [p for p in self.members.get(household["id"], ()) if p["id"] in self.adult_ids]
        head = next((p for p in adults if p["relation"] == "户主"), None)
        return head or (min(adults, key=lambda p: p["birth_date"] or "") if adults else None)

    def adults_on(self, day: date) -> int:
        return bisect.bisect_right(self.births, years_before(day, 18).isoformat())

    def serving(self, day: date) -> list[dict]:
        if day not in self._serving:
            iso = day.isoformat()
            found = [p for p in self.posts if p["start_date"] <= iso <= p["last"] and p["person_id"] in self.persons]
            self._serving[day] = found or self.stand_ins
        return self._serving[day]

    def person(self, post: dict) -> dict:
        return self.persons[post["person_id"]]

    def holder(self, day: date, body: str, role: str) -> dict | None:
        post = next((p for p in self.serving(day) if p["body"] == body and p["role"] == role), None)
        return self.person(post) if post else None

    def body(self, day: date, *bodies: str) -> list[dict]:
        if (day, bodies) not in self._bodies:
            ids = dict.fromkeys(p["person_id"] for p in self.serving(day) if p["body"] in bodies)
            self._bodies[day, bodies] = [self.persons[i] for i in ids]
        return self._bodies[day, bodies]

    def officers(self, day: date, kind: str, group_index: int = 0) -> tuple[dict, dict]:
        """(chair, recorder): the 书记 or 主任 chairs, a 委员 records; a group's own cadre chairs its 屋场会."""
        cadres = self.body(day, VILLAGE, PARTY)
        secretary = self.holder(day, PARTY, "书记") or cadres[0]
        if kind == HOUSE:
            chair = cadres[group_index % len(cadres)]
        elif kind in (VILLAGERS, REPRESENTATIVES):
            chair = self.holder(day, VILLAGE, "主任") or secretary
        else:
            chair = secretary
        pool = self.body(day, PARTY) if kind in (PARTY_MEMBERS, BRANCH) else cadres
        clerks = [p for p in pool if p["id"] != chair["id"]] or [p for p in self.adults if p["id"] != chair["id"]]
        return chair, clerks[(group_index + day.month) % len(clerks)]


def _group_order(name: str) -> int:
    return GROUPS.index(name) if name in GROUPS else len(GROUPS)


def _at(hour: int, minute: int = 0) -> str:
    return f"{hour:02d}:{minute:02d}"


class _Meetings:
    """Plans every meeting of the demo's years, then writes them with their requests."""

    def __init__(self, demo: Demo, rng: random.Random):
        self.demo, self.rng, self.store = demo, rng, demo.store
        self.today = demo.today
        self.start = years_before(demo.today, MEETING_YEARS[demo.size])
        self.village = _Village(demo, rng)
        profile = demo.profile
        self.town = profile.township if profile else "天门乡"
        self.county = profile.county if profile else "新化县"
        self.drawer = RequestDrawer(rng, self.today, self.town, self.county)
        self.plans: list[_Plan] = []
        self.direct: list[Drawn] = []

    # --- the calendar -------------------------------------------------------------------

    def ledger_days(self) -> tuple[dict[tuple[str, date], list[int]], dict[date, list[int]]]:
        """屋场会 (place, day) and 村民会议 days with the households the points ledger credits."""
        house: dict[tuple[str, date], list[int]] = {}
        assembly: dict[date, list[int]] = {}
        # Through the rule index, where the period keeps earlier years' entries from being read;
        # ``+`` keeps SQLite off the reverses index, which would walk the whole million.
        rows = self.store.conn.execute(
            "SELECT e.note, e.entry_date, group_concat(e.household_id) FROM point_entries e WHERE e.rule_id IN "
            "(SELECT id FROM point_rules WHERE item = ?) AND e.period >= ? AND e.entry_date >= ? "
            f"AND e.status != '{EntryStatus.REJECTED}' AND +e.reverses_id IS NULL GROUP BY e.note, e.entry_date",
            (MEETING, str(self.start.year), self.start.isoformat()))
        known = self.village.households
        for note, day, ids in rows:
            households = sorted(i for i in map(int, ids.split(",")) if i in known)
            if note.startswith(VILLAGERS_MEETING_NOTE):
                assembly[date.fromisoformat(day)] = households
            elif note.endswith(HOUSE):
                house[note[: -len(HOUSE)], date.fromisoformat(day)] = households
        if house or assembly:
            return house, assembly
        return self._drawn_days()

    def _drawn_days(self):
        """No points ledger: each 屋场 meets in the middle month of each quarter, the village each January."""
        rng, village = self.rng, self.village
        house, assembly = {}, {}
        first = self.start.replace(day=1)
        while first <= self.today:
            if first.month in (2, 5, 8, 11):
                for place in sorted(set(village.place.values())):
                    day = first.replace(day=rng.randint(10, 20))
                    if self.start <= day <= self.today:
                        house[place, day] = [h for h, p in sorted(village.place.items())
                                             if p == place and rng.random() < 0.75]
            if first.month == 1 and self.start <= first.replace(day=25) <= self.today:
                assembly[first.replace(day=25)] = [h for h in sorted(village.households) if rng.random() < 0.8]
            first = (first + timedelta(days=32)).replace(day=1)
        return house, assembly

    def months(self):
        first = self.start.replace(day=1)
        while first <= self.today:
            yield first
            first = (first + timedelta(days=32)).replace(day=1)

    # --- the kinds of meeting ---------------------------------------------------------------

    def attendees(self, households: list[int]) -> list[dict]:
        """Who came for each household: its representative, now and then with a second adult."""
        village, rng, came = self.village, self.rng, []
        for household_id in households:
            first = village.speaker[household_id]
            if first is None:
                continue
            came.append(first)
            # The large village's minutes name one person a household: enough rows as it is.
            if self.demo.size == "small" and rng.random() < 0.2:
                others = [p for p in village.members[household_id] if p is not first and p["id"] in village.adult_ids]
                if others:
                    came.append(rng.choice(others))
        return came

    def house_meetings(self, house: dict[tuple[str, date], list[int]]) -> None:
        rng, village = self.rng, self.village
        low, high = REQUESTS_AT_HOUSE_MEETING[self.demo.size]
        group_of = {place: group for group, (places, _) in zip(GROUPS, WUCHANG) for place in places}
        for (place, day), households in sorted(house.items(), key=lambda item: (item[0][1], item[0][0])):
            group = group_of.get(place, "")
            chair, recorder = village.officers(day, HOUSE, _group_order(group))
            present = _with(self.attendees(households), chair, recorder)
            if len(present) < 3:
                continue
            host = present[rng.randrange(len(present))]
            policy = rng.choice(POLICIES)
            start = rng.choice((19, 19, 20)) if day.month not in (12, 1, 2) else 14
            plan = _Plan(HOUSE, f"{place}屋场会", day, _at(start, 30 if start != 14 else 0),
                         _at(start + 2, rng.choice((0, 15, 30))), f"{place}{host['name']}家院坝", chair, recorder,
                         present)
            villagers = [p for p in present if p["id"] not in (chair["id"], recorder["id"])]
            for _ in range(rng.randint(low, high)):
                raiser = rng.choice(villagers)
                plan.requests.append(self.drawer.draw(
                    day=day, person=raiser, group=village.households[raiser["household_id"]]["group_name"],
                    place=place, owners=village.body(day, VILLAGE, PARTY), meeting_id=None, on_the_spot_owner=chair))
            plan.agenda = [
                (f"政策宣讲：{policy}", f"{chair['name']}宣讲了{policy}的有关政策，{rng.randint(2, 6)}位群众提问，"
                                     "当场作了解答。"),
                ("通报人居环境检查和积分情况", f"通报了上季度本屋场人居环境检查结果和积分排名，{host['name']}家等户"
                                              "房前屋后干净整洁，受到表扬。"),
                ("收集群众意见和诉求", f"群众当场提出诉求 {len(plan.requests)} 件，已登记入民情台账；能当场解决的当场"
                                      "答复，其余明确了责任人和办理时限。"),
            ]
            if rng.random() < 0.3:
                plan.resolutions.append((2, rng.choice(HOUSE_RESOLUTIONS).format(place=place),
                                         _votes(rng, len(present), 2, 3)))
            self.plans.append(plan)

    def committee_meetings(self) -> None:
        rng, village = self.rng, self.village
        for first in self.months():
            day = first.replace(day=rng.randint(3, 8))
            if not self.start <= day <= self.today:
                continue
            chair, recorder = village.officers(day, COMMITTEES)
            members = _with(village.body(day, PARTY, VILLAGE), chair, recorder)
            officers = {chair["id"], recorder["id"]}
            absent = [(p, rng.choice(ABSENCE[2:])) for p in members if p["id"] not in officers and rng.random() < 0.06]
            away = {p["id"] for p, _ in absent}
            present = [p for p in members if p["id"] not in away]
            task = SEASONAL[day.month]
            owner = rng.choice(present)
            plan = _Plan(COMMITTEES, f"{day.year}年{day.month}月两委联席会议", day, "09:00",
                         rng.choice(("11:00", "11:30", "12:00")), "村部会议室", chair, recorder, present, absent,
                         eligible=len(members))
            plan.guests = self.guests(day, supervision=True)
            plan.agenda = [("学习传达上级会议和文件精神", f"{chair['name']}传达了{self.town}党委、政府近期工作会议精神。"),
                           ("研究上月民情诉求办理情况", "逐件梳理上月登记的民情诉求，对逾期未办结的明确了责任人和"
                                                      "办结时限。"),
                           (f"部署{task}工作", f"研究部署{task}工作，明确了分工。")]
            plan.resolutions = [(2, f"{task}工作由{owner['name']}牵头，各包组干部负责本组", None)]
            if rng.random() < 0.25:
                plan.resolutions.append((1, "同意按程序办理上月逾期诉求，下次会议通报结果", (len(present), 0, 0)))
            self.plans.append(plan)

    def guests(self, day: date, supervision: bool) -> list[tuple[str, str]]:
        found = []
        watcher = self.village.holder(day, SUPERVISION, "主任") if supervision else None
        if watcher is not None and self.rng.random() < 0.7:
            found.append((watcher["name"], "村务监督委员会主任"))
        if self.rng.random() < 0.3:
            found.append((ENVOYS[(day.year - self.start.year) % len(ENVOYS)], f"{self.town}人民政府驻村干部"))
        return found

    def party_meetings(self) -> None:
        rng, village = self.rng, self.village
        for first in self.months():
            if first.month % 3:
                continue
            day = first.replace(day=rng.randint(15, 25))
            if not self.start <= day <= self.today or not village.full_members:
                continue
            chair, recorder = village.officers(day, PARTY_MEMBERS)
            plan = self.party_meeting(day, chair, recorder, rng.uniform(0.72, 0.93))
            topic = rng.choice(STUDY)
            plan.agenda = [("主题党日：集体学习", f"集体学习了{topic}，{rng.randint(3, 8)}名党员作了交流发言。"),
                           ("通报党费收缴和党员活动情况", "通报了本季度党费收缴情况和党员参加志愿服务、屋场会的情况。")]
            if day.month == 12:
                plan.agenda.append(("民主评议党员", "党员逐一对照检查，开展批评与自我批评，进行了民主测评。"))
                plan.resolutions.append((3, f"通过{day.year}年度民主评议党员结果", _votes(rng, len(plan.present))))
            self.plans.append(plan)

    def party_meeting(self, day: date, chair: dict, recorder: dict, turnout: float) -> _Plan:
        """A 党员大会: 正式党员 present or absent, 预备党员 attend without a vote (列席)."""
        rng, village = self.rng, self.village
        members = _with(sorted(village.full_members, key=lambda p: p["id"]), chair, recorder)
        officers = {chair["id"], recorder["id"]}
        came = [p for p in members if p["id"] in officers or rng.random() < turnout]
        absent = _absentees(rng, members, came)
        plan = _Plan(PARTY_MEMBERS, f"{day.year}年第{(day.month - 1) // 3 + 1}季度党员大会", day, "14:30",
                     rng.choice(("16:30", "17:00")), "村部党员活动室", chair, recorder, came, absent,
                     eligible=len(village.full_members))
        plan.guests = [(p["name"], "预备党员") for p in village.probationers if rng.random() < turnout]
        return plan

    def representative_meetings(self) -> None:
        rng, village = self.rng, self.village
        for first in self.months():
            if first.month not in (4, 10):
                continue
            day = first.replace(day=rng.randint(10, 20))
            if not self.start <= day <= self.today:
                continue
            chair, recorder = village.officers(day, REPRESENTATIVES)
            plan = self.representative_meeting(day, chair, recorder, rng.uniform(0.75, 0.95))
            topic, resolution = rng.choice(REPRESENTATIVE_TOPICS)
            plan.agenda = [("通报村级财务收支情况", "村会计通报了村级财务收支情况，代表们逐项询问，村委会作了说明。"),
                           (topic.format(year=day.year), "代表们充分讨论，提出修改意见，会上作了修改。")]
            plan.resolutions = [(2, resolution.format(year=day.year), _votes(rng, len(plan.present)))]
            for _ in range(rng.randint(0, 2)):
                self.raise_at(plan, rng.choice(plan.present))
            self.plans.append(plan)

    def representative_meeting(self, day: date, chair: dict, recorder: dict, turnout: float) -> _Plan:
        """村民代表会议: the 村民委员会 and the 村民代表 are its members (组织法 第二十五条)."""
        rng, village = self.rng, self.village
        members = _with(village.body(day, VILLAGE) + village.representatives, chair, recorder)
        officers = {chair["id"], recorder["id"]}
        came = [p for p in members if p["id"] in officers or rng.random() < turnout]
        absent = _absentees(rng, members, came)
        return _Plan(REPRESENTATIVES, f"{day.year}年{'春季' if day.month <= 6 else '秋季'}村民代表会议", day, "09:00",
                     "11:30", "村部会议室", chair, recorder, came, absent, guests=self.guests(day, supervision=True),
                     eligible=len(members))

    def villagers_meetings(self, assembly: dict[date, list[int]]) -> None:
        rng, village = self.rng, self.village
        for day, households in sorted(assembly.items()):
            chair, recorder = village.officers(day, VILLAGERS)
            present = _with(self.attendees(households), chair, recorder)
            present = list({p["id"]: p for p in present}.values())
            plan = _Plan(VILLAGERS, f"{day.year}年村民会议", day, "09:00", "12:00", "村部广场", chair, recorder, present,
                         eligible=village.adults_on(day), eligible_households=len(village.households))
            plan.agenda = [("通报上年村务和积分情况", f"{chair['name']}通报了{day.year - 1}年村务、财务和积分制开展情况。"),
                           ("审议村民委员会年度工作报告", f"村民委员会报告了{day.year - 1}年工作和{day.year}年工作打算，"
                                                       "村民提出了意见建议。")]
            plan.resolutions = [(2, f"通过村民委员会{day.year - 1}年度工作报告", _votes(rng, len(present), 5, 20))]
            for _ in range(rng.randint(2, 5)):
                self.raise_at(plan, rng.choice(present))
            self.plans.append(plan)

    def raise_at(self, plan: _Plan, person: dict) -> None:
        village = self.village
        household = village.households[person["household_id"]]
        plan.requests.append(self.drawer.draw(
            day=plan.day, person=person, group=household["group_name"], place=village.place[household["id"]],
            owners=village.body(plan.day, VILLAGE, PARTY), meeting_id=None, on_the_spot_owner=plan.chair))

    def direct_requests(self) -> None:
        """Villagers who come to the office (or phone) with a request between meetings."""
        rng, village = self.rng, self.village
        low, high = DIRECT_PER_MONTH[self.demo.size]
        for first in self.months():
            for _ in range(rng.randint(low, high)):
                day = first + timedelta(days=rng.randrange(28))
                if not self.start <= day <= self.today:
                    continue
                person = rng.choice(village.adults)
                household = village.households[person["household_id"]]
                cadres = village.body(day, VILLAGE, PARTY)
                self.direct.append(self.drawer.draw(
                    day=day, person=person, group=household["group_name"], place=village.place[household["id"]],
                    owners=cadres, meeting_id=None, on_the_spot_owner=rng.choice(cadres)))

    # --- 四议两公开 ---------------------------------------------------------------------------

    def matter_meetings(self, tag: str, first_day: date, title: str, stages: int) -> None:
        """The meetings of one 四议两公开 matter, ``stages`` of them, a few days apart."""
        rng, village = self.rng, self.village
        day = first_day
        for stage in matters.STAGES[:stages]:
            kind = stage.kinds[0]
            chair, recorder = village.officers(day, kind)
            if kind == BRANCH:
                members = _with(village.body(day, PARTY), chair, recorder)
                plan = _Plan(BRANCH, f"支委会：研究{title}", day, "19:30", "21:30", "村部会议室", chair, recorder,
                             members, eligible=len(members))
                plan.agenda = [(f"提议：{title}", f"支部委员会研究认为群众要求迫切、条件已经具备，提议实施{title}，"
                                                 "提交两委联席会议商议。")]
                plan.resolutions = [(1, f"同意提议实施{title}", (len(members), 0, 0))]
            elif kind == COMMITTEES:
                members = _with(village.body(day, PARTY, VILLAGE), chair, recorder)
                plan = _Plan(COMMITTEES, f"两委联席会议：商议{title}", day, "09:00", "11:30", "村部会议室", chair,
                             recorder, members, guests=self.guests(day, supervision=True), eligible=len(members))
                plan.agenda = [(f"商议：{title}", "两委成员对实施方案、资金来源和施工组织逐项商议，形成了实施方案。")]
                plan.resolutions = [(1, f"形成{title}实施方案，提交党员大会审议", (len(members), 0, 0))]
            elif kind == PARTY_MEMBERS:
                plan = self.party_meeting(day, chair, recorder, 0.9)
                plan.title = f"党员大会：审议{title}"
                plan.agenda = [(f"审议：{title}实施方案", "党员们对实施方案进行了审议，提出了加强质量监督的意见。")]
                plan.resolutions = [(1, f"同意{title}实施方案，提交村民代表会议决议", _votes(rng, len(plan.present)))]
            else:
                plan = self.representative_meeting(day, chair, recorder, 0.9)
                plan.title = f"村民代表会议：决议{title}"
                plan.agenda = [(f"决议：{title}", "代表们讨论了实施方案和筹资方式，推选了 3 名代表参与工程质量监督。")]
                plan.resolutions = [(1, f"决定实施{title}，决议和实施结果按规定公开",
                                     _votes(rng, len(plan.present)))]
            if not _carried(plan):
                # The matter went on, so its vote carried under the kind's own rule as core judges it
                # (a 党员大会 by more than half of all 正式党员, docs/DOMAIN.md §3.2): all came, all agreed.
                plan.present, plan.absent = _with(plan.present, *(p for p, _ in plan.absent)), []
                plan.resolutions = [(item, text, (len(plan.present), 0, 0)) for item, text, _ in plan.resolutions]
            plan.tag = f"{tag}-{stage.number}"
            self.plans.append(plan)
            day += timedelta(days=rng.randint(4, 8))

    def record_matters(self, by_tag: dict[str, _Plan]) -> int:
        """The matters themselves, through core.matters as the window would record them."""
        store, rng, written = self.store, self.rng, 0
        for tag, (title, description) in self.matter_titles.items():
            stages = sorted(k for k in by_tag if k.startswith(f"{tag}-"))
            if not stages or any(self.draft(by_tag[k]) for k in stages):
                continue
            matter = matters.create_matter(store, title=title, description=description)
            for key in stages:
                matters.link_stage(store, matter["id"], int(key.rsplit("-", 1)[1]), by_tag[key].id)
            written += 1
            if len(stages) < len(matters.STAGES):
                continue
            posted = by_tag[stages[-1]].day + timedelta(days=2)
            completed = posted + timedelta(days=rng.randint(90, 150))
            if posted <= self.today:
                matters.post_resolution(store, matter["id"], day=posted, today=self.today)
            if completed + timedelta(days=3) <= self.today:
                matters.post_result(store, matter["id"], result=FINISHED_MATTER[2].format(day=completed.isoformat()),
                                    day=completed + timedelta(days=3), today=self.today)
        return written

    # --- the whole step -----------------------------------------------------------------------

    def draft(self, plan: _Plan) -> bool:
        """Minutes of the last ten days, and the latest ones whenever held, are still being typed up."""
        return plan.day > self.today - timedelta(days=DRAFT_DAYS) or plan is self.plans[-1]

    def plan(self) -> None:
        house, assembly = self.ledger_days()
        self.house_meetings(house)
        self.committee_meetings()
        self.party_meetings()
        self.representative_meetings()
        self.villagers_meetings(assembly)
        self.direct_requests()
        places = WUCHANG[0][0]
        finished = FINISHED_MATTER[0].format(a=places[0], b=places[1])
        self.matter_titles = {"finished": (finished, FINISHED_MATTER[1].format(a=places[0], b=places[1])),
                              "open": OPEN_MATTER}
        early = self.start + timedelta(days=150)
        if early + timedelta(days=40) < self.today:
            self.matter_meetings("finished", early, finished, 4)
        late = self.today - timedelta(days=35)
        if late > early + timedelta(days=40):
            self.matter_meetings("open", late, OPEN_MATTER[0], 2)
        order = {kind: n for n, kind in enumerate(KINDS)}
        self.plans.sort(key=lambda p: (p.day, order[p.kind], p.title))


def _carried(plan: _Plan) -> bool:
    """Whether every voted resolution of ``plan`` carries, judged by core as the minutes will be."""
    counts = Attendance(len(plan.present), len(plan.absent), len(plan.guests), plan.eligible)
    return all(judge(plan.kind, counts, Votes(*votes)).passed for _, _, votes in plan.resolutions if votes)


def _absentees(rng: random.Random, members: list[dict], came: list[dict]) -> list[tuple[dict, str]]:
    here = {p["id"] for p in came}
    return [(p, rng.choice(ABSENCE)) for p in members if p["id"] not in here]


def _with(people: list[dict], *more: dict) -> list[dict]:
    """``people`` with ``more`` added where missing, in order, each once."""
    seen = {p["id"]: p for p in people}
    for person in more:
        seen.setdefault(person["id"], person)
    return list(seen.values())


MEETING_COLUMNS = ("kind", "title", "meeting_date", "start_time", "end_time", "place", "chair_id", "recorder_id",
                   "eligible", "eligible_households", "note", "status", "finalised_at", "finalised_by")
PEOPLE_COLUMNS = ("meeting_id", "attendance", "person_id", "name", "group_name", "note")
AGENDA_COLUMNS = ("meeting_id", "seq", "topic", "discussion")
RESOLUTION_COLUMNS = ("meeting_id", "agenda_id", "seq", "text", "voted", "votes_for", "votes_against", "votes_abstain")
REQUEST_COLUMNS = ("raised_on", "raised_by_id", "raised_by", "group_name", "meeting_id", "category", "content",
                   "handling", "department", "owner_id", "owner", "deadline", "status", "result", "feedback_on",
                   "feedback_how", "satisfaction", "closed_on", "reopened")
LOG_COLUMNS = ("request_id", "day", "action", "status", "note")


class _RisingUids:
    """Version-4 UUIDs for bulk rows: 72 random bits drawn once, then a rising counter.

    Rising, so the rows append to the uid index; several times quicker to make than
    demo._SortedUids' fully random ones, which matters for a hundred thousand rows.
    """

    def __init__(self, rng: random.Random):
        bits = f"{rng.getrandbits(72):018x}"
        variant = "89ab"[int(bits[15], 16) % 4]
        self.prefix = f"{bits[:8]}-{bits[8:12]}-4{bits[12:15]}-{variant}{bits[15:18]}-"
        self.count = rng.getrandbits(44)

    def __call__(self) -> str:
        self.count += 1
        return f"{self.prefix}{self.count:012x}"


# The bulk rows are written without the indexes below (built once at the end, faster than
# row by row) and without the trigger that guards finalised minutes (the rows go in while
# their meetings are drafts); all come back in the same transaction, before finalising.
_SET_ASIDE = ("meeting_people_insert_final", "meeting_people_person", "request_log_request", "requests_raised",
              "requests_status", "requests_group", "requests_category", "requests_owner_open", "requests_owner_name",
              "requests_meeting", "requests_raised_by")


class _Writer:
    """Rows in with executemany, audited per row (small demo) or per batch (large)."""

    def __init__(self, store: Store, rng: random.Random, per_row: bool):
        self.store, self.conn, self.per_row = store, store.conn, per_row
        self.uids = _RisingUids(rng)
        self.now = clock.timestamp()
        self.audit_sql = insert_sql("audit", AUDIT_COLUMNS)

    def add(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> int:
        """Insert ``rows`` (values in ``columns`` order); returns the first id (the rest follow)."""
        first = self.store.scalar(f"SELECT coalesce(max(id), 0) + 1 FROM [{table}]")
        if not rows:
            return first
        now, uids = self.now, self.uids
        full = [(first + n, uids(), now, now, *row) for n, row in enumerate(rows)]
        names = ("id", "uid", "created_at", "updated_at", *columns)
        self.conn.executemany(insert_sql(table, names), full)
        if self.per_row:
            audits = [records.audit_row(self.store, "insert", table, r[1], None, dict(zip(names, r))) for r in full]
            self.conn.executemany(self.audit_sql, [tuple(a[c] for c in AUDIT_COLUMNS) for a in audits])
        else:
            after = {"rows": len(full), "ids": [full[0][0], full[-1][0]]}
            self.conn.execute(self.audit_sql, (now, self.store.actor, "bulk-insert", table, full[0][1], None,
                                               json.dumps(after, sort_keys=True)))
        return first

    def set_aside(self) -> list[dict]:
        kept = self.store.rows(f"SELECT type, name, sql FROM sqlite_master WHERE name IN "
                               f"({', '.join('?' * len(_SET_ASIDE))})", _SET_ASIDE)
        for item in kept:
            self.conn.execute(f"DROP {item['type'].upper()} [{item['name']}]")
        return kept

    def restore(self, kept: list[dict]) -> None:
        for item in kept:
            self.conn.execute(item["sql"])

    def finalise(self, changes: list[tuple[int, dict]]) -> None:
        """Set the drafts ``changes`` names (id, new values) to 已定稿, audited as 'finalise'."""
        if not changes:
            return
        names = ("eligible", "eligible_households", "status", "finalised_at", "finalised_by")
        before = {r["id"]: r for r in self.store.rows("SELECT * FROM meetings WHERE id BETWEEN ? AND ?",
                                                      (changes[0][0], changes[-1][0]))} if self.per_row else {}
        self.conn.executemany(
            f"UPDATE meetings SET {', '.join(f'{n} = ?' for n in names)}, updated_at = ? WHERE id = ?",
            [(*(values[n] for n in names), values["finalised_at"], meeting_id) for meeting_id, values in changes])
        if self.per_row:
            audits = [records.audit_row(self.store, "finalise", "meetings", before[i]["uid"], before[i],
                                        {**before[i], **values, "updated_at": values["finalised_at"]})
                      for i, values in changes]
            self.conn.executemany(self.audit_sql, [tuple(a[c] for c in AUDIT_COLUMNS) for a in audits])
        else:
            uid = self.store.scalar("SELECT uid FROM meetings WHERE id = ?", (changes[0][0],))
            after = {"rows": len(changes), "ids": [changes[0][0], changes[-1][0]], "status": meetings.MeetingStatus.FINAL}
            self.conn.execute(self.audit_sql, (self.now, self.store.actor, "bulk-finalise", "meetings", uid, None,
                                               json.dumps(after, ensure_ascii=False, sort_keys=True)))


def _write_minutes(step: _Meetings, writer: _Writer) -> dict[str, int]:
    """The meetings as drafts, with who came, the agenda and the resolutions; sets each plan's id."""
    plans, group = step.plans, {p["id"]: step.village.households[p["household_id"]]["group_name"]
                                for p in step.village.persons.values()}
    first = writer.add("meetings", MEETING_COLUMNS, [
        (p.kind, p.title, p.day.isoformat(), p.start, p.end, p.place, p.chair["id"], p.recorder["id"], None, None,
         "", meetings.MeetingStatus.DRAFT, None, None) for p in plans])
    for n, plan in enumerate(plans):
        plan.id = first + n
    people = []
    for p in plans:
        people += [(p.id, meetings.PRESENT, a["id"], a["name"], group[a["id"]], "") for a in p.present]
        people += [(p.id, meetings.ABSENT, a["id"], a["name"], group[a["id"]], why) for a, why in p.absent]
        people += [(p.id, meetings.GUEST, None, name, "", note) for name, note in p.guests]
    writer.add("meeting_people", PEOPLE_COLUMNS, people)
    step.demo.report(0.45)
    agenda_id = writer.add("meeting_agenda", AGENDA_COLUMNS, [
        (p.id, seq, topic, discussion) for p in plans for seq, (topic, discussion) in enumerate(p.agenda, 1)])
    agenda_ids, resolutions = {}, []
    for p in plans:
        for seq in range(1, len(p.agenda) + 1):
            agenda_ids[p.id, seq] = agenda_id
            agenda_id += 1
        for seq, (item, text, votes) in enumerate(p.resolutions, 1):
            resolutions.append((p.id, agenda_ids.get((p.id, item)) if item else None, seq, text, int(votes is not None),
                                *(votes or (None, None, None))))
    writer.add("meeting_resolutions", RESOLUTION_COLUMNS, resolutions)
    return {"meetings": len(plans), "meeting_people": len(people), "resolutions": len(resolutions)}


def _write_requests(step: _Meetings, writer: _Writer) -> dict[str, int]:
    """Every request, at its meeting or direct, in the order they came in, and their handling logs."""
    drawn = [(p.id, d) for p in step.plans for d in p.requests] + [(None, d) for d in step.direct]
    drawn.sort(key=lambda item: item[1].values["raised_on"])
    for meeting_id, d in drawn:
        d.values["meeting_id"] = meeting_id
    first = writer.add("requests", REQUEST_COLUMNS, [tuple(d.values[c] for c in REQUEST_COLUMNS) for _, d in drawn])
    step.demo.report(0.75)
    logs = [(first + n, *entry) for n, (_, d) in enumerate(drawn) for entry in d.log]
    logs.sort(key=lambda row: (row[1], row[0]))  # written on the day each step happened
    writer.add("request_log", LOG_COLUMNS, logs)
    today = step.today.isoformat()
    return {"requests": len(drawn), "request_log": len(logs),
            "requests_closed": sum(1 for _, d in drawn if d.values["status"] == RequestStatus.CLOSED),
            "requests_overdue": sum(1 for _, d in drawn if d.values["status"] != RequestStatus.CLOSED and d.values["deadline"]
                                    and d.values["deadline"] < today)}


def _finalise_and_amend(step: _Meetings, writer: _Writer) -> dict[str, int]:
    """All but the drafts finalised a few days after the meeting; a few amended later through core.meetings."""
    rng, today, finals = step.rng, step.today, []
    for p in step.plans:
        if step.draft(p):
            continue
        signed = datetime.combine(min(p.day + timedelta(days=rng.randint(1, 4)), today), time(17, rng.randint(0, 59)))
        finals.append((p.id, {"eligible": p.eligible, "eligible_households": p.eligible_households,
                              "status": meetings.MeetingStatus.FINAL, "finalised_at": signed.isoformat(timespec="seconds"),
                              "finalised_by": step.store.actor}))
    writer.finalise(finals)
    step.demo.report(0.85)
    amended = 0
    for p in step.plans:
        if step.draft(p) or rng.random() >= AMENDED_SHARE:
            continue
        reason, text = rng.choice(AMENDMENTS)
        others = [a for a in p.present if a["id"] not in (p.chair["id"], p.recorder["id"])] or p.present
        later = (datetime.combine(p.day, time.fromisoformat(p.end)) + timedelta(minutes=15)).strftime("%H:%M")
        where = p.title[: -len(HOUSE)] if p.kind == HOUSE else "村里"
        text = text.format(name=rng.choice(others)["name"], later=later, where=where)
        day = min(p.day + timedelta(days=rng.randint(5, 30)), today)
        meetings.amend_meeting(step.store, p.id, author=p.recorder["name"], reason=reason, text=text, day=day,
                               today=today)
        amended += 1
    return {"meetings_final": len(finals), "amendments": amended}


def build_meetings(demo: Demo) -> None:
    """The demo's meetings step (see the module's docstring)."""
    rng = demo.rng("meetings")
    step = _Meetings(demo, rng)
    if not step.village.adults:
        demo.counts.update(meetings=0, requests=0)
        return
    step.plan()
    demo.report(0.3)
    writer = _Writer(demo.store, rng, per_row=demo.size == "small")
    kept = writer.set_aside()
    demo.counts.update(_write_minutes(step, writer))
    demo.counts.update(_write_requests(step, writer))
    writer.restore(kept)  # before finalising: the lock on finalised minutes is back
    demo.counts.update(_finalise_and_amend(step, writer))
    demo.counts["matters"] = step.record_matters({p.tag: p for p in step.plans if p.tag})


__all__ = ["build_meetings"]
