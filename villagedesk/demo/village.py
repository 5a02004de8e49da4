"""A made-up Hunan village to try the program on: `villagedesk demo`.

The demo is a list of steps (:data:`STEPS`).  Each step gets the shared
:class:`Demo` state, writes its rows through :mod:`villagedesk.core.common.records`
(so the audit table sees them like any other change) and adds its counts.
A later area (committee, points, meetings, notices) appends its own step; it
reads what earlier steps left in ``demo.households`` / ``demo.persons``.

Every step draws from its own ``random.Random`` seeded with the seed and the
step's name, so adding a step never changes what the earlier steps build.
All names are invented; any likeness to a real person is chance.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

from villagedesk import clock
from villagedesk.core.committee import roster as committee
from villagedesk.core.common import ids, periods, pinyin, records
from villagedesk.core.common.village import Profile, get_profile, save_profile
from villagedesk.core.points import ledger, rules, shop
from villagedesk.core.points.rules import Scheme
from villagedesk.demo.base import (
    AUDIT_COLUMNS,
    GROUPS,
    MEETING,
    SIZES,
    WUCHANG,
    Demo,
    Step,
    insert_sql,
    years_before,
)
from villagedesk.demo.meetings import build_meetings
from villagedesk.demo.notices import build_notices
from villagedesk.errors import UserError
from villagedesk.store import Store

COUNTY_CODE = "431322"  # 新化县
# Where spouses married in from: 新化 itself most often, then its neighbours.
BIRTH_AREAS = (("431322", 70), ("431381", 6), ("431382", 6), ("431302", 4), ("431321", 4),
               ("430923", 4), ("430524", 3), ("431224", 3))

SURNAMES = (("刘", 9), ("李", 6), ("王", 6), ("张", 6), ("陈", 7), ("曾", 6), ("谭", 5), ("罗", 8),
            ("彭", 5), ("邓", 5), ("周", 5), ("唐", 5), ("杨", 7), ("袁", 4), ("谢", 4), ("邹", 3),
            ("苏", 3), ("伍", 2), ("孙", 2), ("戴", 2), ("梁", 2), ("肖", 3), ("胡", 3), ("黄", 4),
            ("吴", 3), ("奉", 1), ("欧阳", 1))
# Given names by the years people were born in; fashions changed (建国 in the 1950s, 梓萱 now).
GIVEN = {
    ("男", "old"): "建国 国华 德明 福生 春生 桂生 金山 光荣 志高 炳南 清明 松林 忠良 富贵 元成 有才 水生 "
                  "秋生 满生 长庚 凤鸣 国庆 跃进 卫东 树林 海清 振华 德胜 德 福 贵 松 林 华 明".split(),
    ("女", "old"): "秀英 桂英 桂兰 玉兰 翠花 凤英 菊香 冬梅 春莲 满娇 秀珍 玉梅 淑芳 金凤 爱莲 桂香 腊梅 "
                  "雪梅 月娥 香莲 素珍 美兰 秋菊 凤兰 英 兰 珍 梅 娥 莲".split(),
    ("男", "mid"): "伟 勇 军 强 波 斌 杰 涛 磊 鹏 辉 峰 超 亮 平 东 刚 志勇 志强 建军 建华 国平 海波 小军 "
                  "文斌 红兵 卫国 立新 明亮 俊杰 永红 小龙 向东 宏伟 春华 朝阳 建平 晓峰 德华".split(),
    ("女", "mid"): "丽 娟 艳 霞 燕 芳 敏 静 红 玲 琴 慧 娜 婷 莉 丽娟 艳芳 小红 春燕 海燕 晓玲 美玲 秀丽 "
                  "红梅 丽华 慧敏 小芳 金花 建英 利平 桂芳 雪琴".split(),
    ("男", "new"): "浩然 子轩 宇航 睿 博文 俊熙 泽宇 一鸣 梓豪 浩宇 家豪 锦程 皓轩 子墨 奕辰 宇 毅 晨阳 "
                  "嘉俊 思远 天佑 逸凡 明轩 俊宇 宇轩 浩 杰 鑫".split(),
    ("女", "new"): "欣怡 雨涵 梓萱 诗琪 佳怡 可馨 思雅 若曦 雨彤 嘉琳 语嫣 梦瑶 紫涵 子琪 雅婷 心怡 诗涵 "
                  "佳琪 欣悦 雨欣 婧 妍 萱 琳".split(),
}
ETHNICITIES = (("汉族", 94), ("苗族", 3), ("瑶族", 2), ("土家族", 1))
PHONE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
                  "152", "153", "155", "156", "158", "159", "173", "177", "180", "182", "185",
                  "186", "187", "188", "189", "199")
# Family shapes and how often each turns up in a register (sized for ≈ 3.3 persons a household).
SHAPES = (("elder_alone", 11), ("elder_couple", 20), ("young_couple", 7), ("nuclear", 34),
          ("three_generations", 18), ("with_parents", 10))
ID_SHARE = 0.85  # the rest have no number on file yet (new-born, never re-registered …)


def build_demo(store: Store, *, size: str = "small", seed: int = 1, progress=None,
               today: date | None = None) -> dict[str, int]:
    """Fill an empty database with a demo village; returns counts by kind.

    Everything is written in one transaction: if ``progress(done, total)`` raises
    :class:`~villagedesk.errors.Cancelled`, nothing is left behind.  ``today`` fixes
    the ages (tests pass it so two builds on either side of midnight agree).
    """
    if size not in SIZES:
        raise UserError(f"演示村大小只能是 {' 或 '.join(SIZES)}，不能是 {size}。")
    if store.scalar("SELECT EXISTS(SELECT 1 FROM households) OR EXISTS(SELECT 1 FROM persons) "
                    "OR EXISTS(SELECT 1 FROM terms) OR EXISTS(SELECT 1 FROM point_scheme) "
                    "OR EXISTS(SELECT 1 FROM point_rules) OR EXISTS(SELECT 1 FROM shop_goods) "
                    "OR EXISTS(SELECT 1 FROM meetings) OR EXISTS(SELECT 1 FROM requests)"):
        raise UserError("数据库中已有数据，演示村只能建在空数据库里。请用 --db 指定一个新文件。")
    demo = Demo(store, size, seed, today or clock.today())
    total = sum(step.weight for step in STEPS)
    actor = store.actor
    try:
        with store.atomic():
            done = 0
            for step in STEPS:
                if progress is not None:
                    def report(f: float, start: int = done, w: int = step.weight) -> None:
                        progress(start + min(w, int(f * w)), total)
                    demo.report = report
                    demo.report(0)
                step.run(demo)
                done += step.weight
            if progress is not None:
                progress(total, total)
    except BaseException:
        store.actor = actor  # save_profile set it for a profile that was rolled back
        raise
    return demo.counts


# --- step: village profile -----------------------------------------------------

def _org_code_check(first8: str) -> str:
    """GB 11714 check character of the 9-character organisation code inside a USCC."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(first8, weights))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def demo_uscc(rng: random.Random) -> str:
    """A real-format 统一社会信用代码 for a village committee in 新化县."""
    # 5 = registered with 民政, 4 = 村民委员会; then the county's region code.
    body = "MF" + "".join(rng.choice("0123456789") for _ in range(6))
    first17 = "54" + COUNTY_CODE + body + _org_code_check(body)
    return first17 + ids.uscc_check_char(first17)


def _village(demo: Demo) -> None:
    existing = get_profile(demo.store)
    if existing is not None:  # the clerk's own profile wins over the demo's
        demo.profile = existing
        demo.counts["village"] = 0
        return
    rng = demo.rng("village")
    demo.profile = save_profile(demo.store, Profile(
        name="青溪桥村", code=demo_uscc(rng), township="天门乡", county="新化县",
        clerk="罗秀兰", phone=_phone(rng, set()),
    ))
    demo.counts["village"] = 1


# --- step: households and persons ---------------------------------------------------

def _pick(rng: random.Random, weighted) -> str:
    names, weights = zip(*weighted)
    return rng.choices(names, weights)[0]


def _phone(rng: random.Random, used: set[str]) -> str:
    while True:
        number = rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        if number not in used:
            used.add(number)
            return number


class _Family:
    """Draws the people of one register; keeps ID and phone numbers unique."""

    def __init__(self, rng: random.Random, today: date):
        self.rng, self.today = rng, today
        self.id_numbers: set[str] = set()
        self.phones: set[str] = set()

    def born(self, age: int) -> date:
        start = date(self.today.year - age, 1, 1)
        return min(start + timedelta(days=self.rng.randrange(365)), self.today - timedelta(days=1))

    def given(self, gender: str, born: date) -> str:
        era = "old" if born.year < 1965 else "mid" if born.year < 1995 else "new"
        return self.rng.choice(GIVEN[gender, era])

    def person(self, relation: str, gender: str, age: int, surname: str, ethnicity: str,
               area: str = COUNTY_CODE) -> dict:
        rng = self.rng
        born = self.born(max(age, 0))
        id_number = None
        if rng.random() < ID_SHARE:
            while id_number is None or id_number in self.id_numbers:
                serial = rng.randrange(500) * 2 + (1 if gender == "男" else 0)  # odd = male
                id_number = ids.make_id_number(area, born, serial)
            self.id_numbers.add(id_number)
        adult = age >= 18
        return {
            "name": surname + self.given(gender, born),
            "gender": gender,
            "ethnicity": ethnicity,
            "birth_date": born.isoformat(),
            "id_number": id_number,
            "relation": relation,
            "phone": self._phone_for(age),
            "education": self._education(born, age),
            "political": self._political(gender, age) if adult else
            ("共青团员" if age >= 14 and rng.random() < 0.4 else "群众"),
        }

    def _phone_for(self, age: int) -> str:
        share = 0 if age < 18 else 0.95 if age < 70 else 0.7 if age < 80 else 0.35
        return _phone(self.rng, self.phones) if self.rng.random() < share else ""

    def _education(self, born: date, age: int) -> str:
        rng = self.rng
        if age < 6:
            return "未上学"
        if age < 12:
            return "小学"
        if age < 15:
            return "初中"
        if age < 18:
            return rng.choice(("初中", "高中", "中专"))
        if born.year < 1950:
            return _pick(rng, (("未上学", 35), ("小学", 50), ("初中", 15)))
        if born.year < 1970:
            return _pick(rng, (("小学", 35), ("初中", 45), ("高中", 15), ("中专", 5)))
        if born.year < 1990:
            return _pick(rng, (("小学", 8), ("初中", 50), ("高中", 22), ("中专", 12), ("大专", 6),
                               ("本科", 2)))
        return _pick(rng, (("初中", 25), ("高中", 22), ("中专", 18), ("大专", 20), ("本科", 13),
                           ("研究生", 2)))

    def _political(self, gender: str, age: int) -> str:
        rng = self.rng
        roll = rng.random()
        party = 0.075 if gender == "男" else 0.035
        if age >= 40:
            party *= 1.3
        if roll < party:
            return "中共党员"
        if age < 40 and roll < party + 0.01:
            return "中共预备党员"
        if age <= 28 and rng.random() < 0.3:
            return "共青团员"
        return "群众"

    def household(self, surname: str) -> list[dict]:
        """The members of one household, head first."""
        rng = self.rng
        shape = _pick(rng, SHAPES)
        ethnicity = _pick(rng, ETHNICITIES)
        elder = shape in ("elder_alone", "elder_couple")
        head_age = {"elder_alone": (62, 92), "elder_couple": (60, 85), "young_couple": (22, 34),
                    "nuclear": (27, 56), "three_generations": (50, 78),
                    "with_parents": (28, 48)}[shape]
        age = rng.randint(*head_age)
        # Most registers name the man as 户主; widows head many elderly households.
        head_gender = "女" if rng.random() < (0.55 if shape == "elder_alone" else 0.08) else "男"
        head = self.person("户主", head_gender, age, surname, ethnicity)
        people = [head]
        married = shape != "elder_alone" and not (shape == "nuclear" and rng.random() < 0.08)
        wife_age = age
        if married:
            spouse_gender = "女" if head_gender == "男" else "男"
            gap = rng.randint(0, 5) if head_gender == "男" else -rng.randint(0, 5)
            spouse_age = max(20, age - gap)
            wife_age = spouse_age if head_gender == "男" else age
            people.append(self.person("配偶", spouse_gender, spouse_age,
                                      self.outside_surname(surname), _ethnicity_near(rng, ethnicity),
                                      area=_pick(rng, BIRTH_AREAS)))
        if shape in ("nuclear", "with_parents"):
            people += self.children(surname, ethnicity, wife_age, rng.choice((1, 1, 2, 2, 2, 3)))
        if shape == "with_parents":
            parent_age = age + rng.randint(23, 32)
            if parent_age <= 92:
                if rng.random() < 0.6:
                    people.append(self.person("父亲", "男", parent_age, surname, ethnicity))
                people.append(self.person("母亲", "女", parent_age - rng.randint(0, 4),
                                          self.outside_surname(surname), ethnicity))
        if shape == "three_generations":
            son_age = wife_age - rng.randint(22, 30)
            son = self.person("子", "男", son_age, surname, ethnicity)
            people.append(son)
            if son_age >= 22:
                bride_age = max(20, son_age - rng.randint(0, 4))
                people.append(self.person("儿媳", "女", bride_age, self.outside_surname(surname),
                                          _ethnicity_near(rng, ethnicity), area=_pick(rng, BIRTH_AREAS)))
                grandchildren = self.children(surname, ethnicity, bride_age, rng.choice((1, 2, 2)),
                                              relations=("孙子", "孙女"))
                people += grandchildren
            elif rng.random() < 0.4:
                people.append(self.person("女", "女", son_age + rng.randint(-3, 3), surname, ethnicity))
        if elder and married and rng.random() < 0.1:
            # An unmarried adult son still living with old parents is common enough.
            people.append(self.person("子", "男", age - rng.randint(25, 32), surname, ethnicity))
        return people

    def children(self, surname: str, ethnicity: str, mother_age: int, count: int,
                 relations=("子", "女")) -> list[dict]:
        rng = self.rng
        kids, age = [], mother_age - rng.randint(21, 30)
        for _ in range(count):
            if age < 0:
                break
            boy = rng.random() < 0.52
            kids.append(self.person(relations[0] if boy else relations[1], "男" if boy else "女",
                                    age, surname, ethnicity))
            age -= rng.randint(1, 6)
        return kids

    def outside_surname(self, surname: str) -> str:
        # Marriage within a clan was avoided; a spouse comes with another surname.
        while True:
            other = _pick(self.rng, SURNAMES)
            if other != surname:
                return other


def _ethnicity_near(rng: random.Random, ethnicity: str) -> str:
    return ethnicity if rng.random() < 0.8 else _pick(rng, ETHNICITIES)


def _group_sizes(rng: random.Random, total: int) -> list[int]:
    """Split ``total`` households over the twelve groups, unevenly, as real ones are."""
    weights = [rng.uniform(0.6, 1.4) for _ in GROUPS]
    sizes = [int(total * w / sum(weights)) for w in weights]
    for i in range(total - sum(sizes)):
        sizes[i % len(sizes)] += 1
    return sizes


def _households(demo: Demo) -> None:
    rng = demo.rng("households")
    family = _Family(rng, demo.today)
    total = demo.household_count
    # Four digits for the large demo so HH0999 sorts before HH1000 as text.
    width = max(3, len(str(total)))
    profile = demo.profile
    village = profile.name if profile else ""
    plan: list[tuple[dict, list[dict]]] = []
    number = 0
    for group, size, (places, clan) in zip(GROUPS, _group_sizes(rng, total), WUCHANG):
        doors = {place: 0 for place in places}
        for _ in range(size):
            number += 1
            place = rng.choice(places)
            doors[place] += 1
            surname = clan if rng.random() < 0.45 else _pick(rng, SURNAMES)
            people = family.household(surname)
            household = {
                "code": f"HH{number:0{width}d}",
                "group_name": group,
                "address": f"{village}{group}{place}{doors[place]}号",
                "phone": people[0]["phone"] or next((p["phone"] for p in people if p["phone"]), ""),
                "archived": 0,
                "archived_reason": "",
            }
            plan.append((household, people))
    demo.report(0.2)

    initials: dict[str, str] = {}  # names repeat; pypinyin is the slow part
    spelled: dict[str, str] = {}
    chunk = 100  # households per write, so progress moves and Cancel is heard
    for start in range(0, len(plan), chunk):
        part = plan[start:start + chunk]
        written = records.insert_many(demo.store, "households", [h for h, _ in part])
        rows = []
        for household, (_, people) in zip(written, part):
            for n, person in enumerate(people, 1):
                name = person["name"]
                if name not in initials:
                    initials[name] = pinyin.initials(name)
                    spelled[name] = pinyin.spelled(name)
                rows.append({**person, "code": f"{household['code']}-P{n:02d}",
                             "household_id": household["id"], "initials": initials[name],
                             "pinyin": spelled[name],
                             "archived": 0, "archived_reason": ""})
        demo.households += written
        demo.persons += records.insert_many(demo.store, "persons", rows)
        demo.report(0.2 + 0.8 * (start + len(part)) / len(plan))
    demo.counts["households"] = len(demo.households)
    demo.counts["persons"] = len(demo.persons)


# --- step: committee ------------------------------------------------------------

PARTY, VILLAGE, SUPERVISION = committee.PARTY, committee.VILLAGE, committee.SUPERVISION
FIRST_TERM = 10, date(2016, 3, 1)  # 第十届; every term since follows, five years each
BOTH_HEADS_FROM = date(2021, 1, 1)  # the 2021 换届 made 书记 + 主任 in one person (一肩挑) the rule
MEMBER_AGE = (25, 65)  # on the day a post starts
HEAD_AGE = (35, 58)  # preferred when a new 书记 or 主任 is chosen
YOUNG_AGE = (25, 35)  # preferred for the young member each term brings in
# A body's seats: (body, role, number among equals).
SEATS = (
    (PARTY, "书记", 0), (PARTY, "副书记", 0), (PARTY, "委员", 0), (PARTY, "委员", 1), (PARTY, "委员", 2),
    (VILLAGE, "主任", 0), (VILLAGE, "副主任", 0), (VILLAGE, "委员", 0), (VILLAGE, "委员", 1),
    (VILLAGE, "委员", 2),
    (SUPERVISION, "主任", 0), (SUPERVISION, "委员", 0), (SUPERVISION, "委员", 1),
)
WOMENS_SEAT = (VILLAGE, "委员", 0)  # the law wants a woman on the village committee
CROSS_SEAT = (VILLAGE, "委员", 2)  # held by a party 委员 since 2021 (交叉任职)
# Mid-term departures in each term long enough under way: how, from which body and posts.
# The seat is filled by a by-election (补选) the day after.
DEPARTURES = (("辞职", VILLAGE, ("副主任", "委员")), ("调动", PARTY, ("副书记", "委员")))
ALL_BODIES = committee.BODIES
# Topic, who is sent, first and last year it was taught, who organised it.
TRAININGS: tuple[tuple[str, tuple[str, ...], int, int, tuple[str, ...]], ...] = (
    ("“两学一做”学习教育", (PARTY,), 2016, 2017, ("{town}党委", "{county}委组织部")),
    ("党史学习教育", (PARTY,), 2021, 2021, ("{town}党委", "{county}委组织部")),
    ("党章党规与廉洁自律", (PARTY, SUPERVISION), 2016, 9999, ("{town}党委", "{town}纪委")),
    ("基层党组织建设", (PARTY,), 2016, 9999, ("{county}委组织部", "{town}党委")),
    ("精准扶贫政策解读", ALL_BODIES, 2016, 2020, ("{county}扶贫开发办公室", "{town}人民政府")),
    ("乡村振兴政策解读", ALL_BODIES, 2018, 9999, ("{county}农业农村局", "{town}党委")),
    ("巩固拓展脱贫攻坚成果", ALL_BODIES, 2021, 9999, ("{county}乡村振兴局", "{town}人民政府")),
    ("村务公开与财务管理", (VILLAGE, SUPERVISION), 2016, 9999, ("{town}人民政府", "{town}农村经营管理站")),
    ("村务监督工作实务", (SUPERVISION,), 2016, 9999, ("{town}纪委", "{county}纪委监委")),
    ("积分制管理", ALL_BODIES, 2020, 9999, ("{town}党委", "{county}农业农村局")),
    ("农村人居环境整治", (VILLAGE,), 2018, 9999, ("{town}人民政府",)),
    ("矛盾纠纷排查调解", (VILLAGE,), 2016, 9999, ("{county}司法局", "{town}司法所")),
    ("防汛抗旱与安全生产", (VILLAGE,), 2016, 9999, ("{town}人民政府", "{county}应急管理局")),
)
NEWCOMERS_TRAINING = ("新任村干部履职能力培训", "{county}委组织部", 8)  # the spring after a 换届
TRAINING_HOURS = (2, 2, 3, 3, 4, 4, 6, 8)
ATTENDANCE = 0.85
APPRAISAL_SHARES = (("优秀", 15), ("称职", 80), ("基本称职", 5))


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class _Seating:
    """Who sits where in one term: old hands kept by chance, newcomers drawn from the register.

    Members have an ID number and a phone (the township's roster asks for both), are
    25–65 on the day they start, and come from a household no other member of the
    term lives in.
    """

    def __init__(self, rng: random.Random, candidates: list[dict], born: dict[int, date]):
        self.rng, self.candidates, self.born = rng, candidates, born
        self.used: set[int] = set()
        self.homes: set[int] = set()

    def fits(self, person: dict, on: date, party: bool) -> bool:
        low, high = MEMBER_AGE
        return (low <= _age(self.born[person["id"]], on) <= high
                and (not party or person["political"] == "中共党员"))

    def take(self, person: dict) -> dict:
        self.used.add(person["id"])
        self.homes.add(person["household_id"])
        return person

    def keep(self, person: dict | None, on: date, party: bool, chance: float) -> dict | None:
        if (person is None or person["id"] in self.used or person["household_id"] in self.homes
                or not self.fits(person, on, party)):
            return None
        return self.take(person) if self.rng.random() < chance else None

    def new(self, on: date, party: bool, gender: str | None = None, ages: tuple | None = None) -> dict:
        pool = [p for p in self.candidates if p["id"] not in self.used and self.fits(p, on, party)]
        for narrower in (
            lambda p: p["household_id"] not in self.homes,
            lambda p: gender is None or p["gender"] == gender,
            lambda p: ages is None or ages[0] <= _age(self.born[p["id"]], on) <= ages[1],
        ):
            pool = [p for p in pool if narrower(p)] or pool  # a wish, not a must
        if not pool:
            raise RuntimeError(f"demo register has nobody left to seat on {on}")
        return self.take(self.rng.choice(pool))


def _seat_term(seating: _Seating, before: dict, start: date, both_heads: bool) -> dict:
    """Everyone's seat in a new term, from who held which seat at the end of the last one."""
    keep, new = seating.keep, seating.new
    seats: dict[tuple, dict] = {}

    def old(body, role, n=0):
        return before.get((body, role, n))

    secretary = (keep(old(PARTY, "书记"), start, True, 0.6) or keep(old(PARTY, "副书记"), start, True, 0.7)
                 or new(start, True, ages=HEAD_AGE))
    seats[PARTY, "书记", 0] = secretary
    seats[PARTY, "副书记", 0] = (keep(old(PARTY, "副书记"), start, True, 0.6)
                               or keep(old(PARTY, "委员", 0), start, True, 0.5) or new(start, True))
    for n in range(2):
        seats[PARTY, "委员", n] = keep(old(PARTY, "委员", n), start, True, 0.5) or new(start, True)
    # Each 换届 brings in a young party member (后备干部).
    seats[PARTY, "委员", 2] = new(start, True, ages=YOUNG_AGE)
    if both_heads:
        seats[VILLAGE, "主任", 0] = secretary
    else:
        seats[VILLAGE, "主任", 0] = keep(old(VILLAGE, "主任"), start, False, 0.6) or new(start, False, ages=HEAD_AGE)
    # Where 一肩挑 came in, the last 主任 often stays on as 副主任.
    seats[VILLAGE, "副主任", 0] = (keep(old(VILLAGE, "副主任"), start, False, 0.6)
                                 or (both_heads and keep(old(VILLAGE, "主任"), start, False, 0.8))
                                 or new(start, False))
    for n in range(3):
        seat = (VILLAGE, "委员", n)
        if seat == CROSS_SEAT and both_heads:
            seats[seat] = seats[PARTY, "委员", 0]
        else:
            seats[seat] = keep(before.get(seat), start, False, 0.5) or new(
                start, False, gender="女" if seat == WOMENS_SEAT else None)
    seats[SUPERVISION, "主任", 0] = keep(old(SUPERVISION, "主任"), start, True, 0.5) or new(start, True)
    for n in range(2):
        seats[SUPERVISION, "委员", n] = keep(old(SUPERVISION, "委员", n), start, False, 0.5) or new(start, False)
    return {seat: seats[seat] for seat in SEATS}


def _committee(demo: Demo) -> None:
    rng = demo.rng("committee")
    store, today = demo.store, demo.today
    number, start = FIRST_TERM
    counts = {"terms": 0, "posts": 0, "trainings": 0, "appraisals": 0}
    if start > today:
        demo.counts.update(counts)
        return
    born = {p["id"]: date.fromisoformat(p["birth_date"]) for p in demo.persons if p["birth_date"]}
    candidates = [p for p in demo.persons if p["id_number"] and p["phone"] and p["id"] in born]
    profile = demo.profile
    places = {"town": profile.township if profile else "天门乡", "county": profile.county if profile else "新化县"}
    terms: list[dict] = []
    before: dict[tuple, dict] = {}
    while start <= today:
        end = committee.default_end(start)
        term = committee.save_term(store, number=number, start_date=start, end_date=end,
                                   election_date=start - timedelta(days=rng.randint(5, 25)))
        terms.append(term)
        seating = _Seating(rng, candidates, born)
        seats = _seat_term(seating, before, start, both_heads=start >= BOTH_HEADS_FROM)
        post_ids = {}
        for seat, person in seats.items():
            body, role, _ = seat
            post_ids[seat] = committee.start_post(store, person_id=person["id"], body=body, role=role,
                                                  term_id=term["id"], start_date=start)["id"]
        # Departures well inside the term, and only ones that already happened.
        earliest, latest = start + timedelta(days=365), min(end - timedelta(days=365), today - timedelta(days=30))
        for reason, body, roles in DEPARTURES if earliest <= latest else ():
            held = Counter(p["id"] for p in seats.values())
            choices = [s for s in SEATS if s[0] == body and s[1] in roles and held[seats[s]["id"]] == 1]
            seat = rng.choice(choices)
            left = earliest + timedelta(days=rng.randrange((latest - earliest).days + 1))
            committee.end_post(store, post_ids[seat], end_date=left, reason=reason)
            successor = seating.new(left + timedelta(days=1), body == PARTY,
                                    gender="女" if seat == WOMENS_SEAT else None)
            seats[seat] = successor
            post_ids[seat] = committee.start_post(
                store, person_id=successor["id"], body=body, role=seat[1], term_id=term["id"],
                start_date=left + timedelta(days=1), note="补选")["id"]
        if end < today:  # the term is over: everyone still in office leaves at its end
            for post in store.rows("SELECT id FROM posts WHERE term_id = ? AND end_date IS NULL ORDER BY id",
                                   (term["id"],)):
                committee.end_post(store, post["id"], end_date=end, reason="届满")
        before = seats
        number, start = number + 1, end + timedelta(days=1)
        demo.report(0.6 * len(terms) / (len(terms) + 1))
    counts["terms"] = len(terms)
    counts["posts"] = store.scalar("SELECT count(*) FROM posts")
    counts["trainings"] = _trainings(demo, rng, terms, places)
    demo.report(0.8)
    counts["appraisals"] = _appraisals(demo, rng, date.fromisoformat(terms[0]["start_date"]))
    demo.counts.update(counts)


def _trainings(demo: Demo, rng: random.Random, terms: list[dict], places: dict) -> int:
    """Three or four trainings a year, each for the members of the bodies it was meant for."""
    store, today = demo.store, demo.today
    first = date.fromisoformat(terms[0]["start_date"]) + timedelta(days=14)
    term_starts = [date.fromisoformat(t["start_date"]) for t in terms]
    written = 0
    for year in range(first.year, today.year + 1):
        plan: list[tuple[date, str, tuple[str, ...], str, int]] = []  # (day, topic, audience, organiser, hours)
        newcomers: set[int] = set()
        for start in term_starts:
            if start.year == year:
                day = start + timedelta(days=rng.randint(30, 75))
                serving = {p["person_id"] for p in committee.serving_posts(store, day)}
                newcomers = serving - {p["person_id"] for p in
                                       committee.serving_posts(store, start - timedelta(days=1))}
                topic, organiser, hours = NEWCOMERS_TRAINING
                plan.append((day, topic, ALL_BODIES, organiser, hours))
        topics = [t for t in TRAININGS if t[2] <= year <= t[3]]
        low, high = max(first, date(year, 1, 1)), date(year, 12, 31)
        for topic, audience, _, _, organisers in rng.sample(topics, rng.choice((3, 4)) - len(plan)):
            day = low + timedelta(days=rng.randrange((high - low).days + 1))
            plan.append((day, topic, audience, rng.choice(organisers), rng.choice(TRAINING_HOURS)))
        for day, topic, audience, organiser, hours in sorted(plan):
            if day >= today:
                continue
            invited = sorted({p["person_id"] for p in committee.serving_posts(store, day)
                              if p["body"] in audience})
            if topic == NEWCOMERS_TRAINING[0]:
                invited = [i for i in invited if i in newcomers]
            if not invited:
                continue
            attendees = [i for i in invited if rng.random() < ATTENDANCE] or [rng.choice(invited)]
            committee.add_training(store, day=day, topic=topic, hours=hours,
                                   organiser=organiser.format(**places), attendee_ids=attendees)
            written += 1
    return written


def _appraisals(demo: Demo, rng: random.Random, first: date) -> int:
    """Each finished year, everyone in office on 31 December is appraised."""
    rows = []
    for year in range(first.year, demo.today.year):
        serving = sorted({p["person_id"] for p in committee.serving_posts(demo.store, date(year, 12, 31))})
        rows += [{"person_id": i, "year": year, "result": _pick(rng, APPRAISAL_SHARES), "note": ""}
                 for i in serving]
    if rows:
        records.insert_many(demo.store, "appraisals", rows)
    return len(rows)









# --- step: points (积分制) ------------------------------------------------------------

POINTS_YEARS = {"small": 2, "large": 10}  # how far back the ledger goes
# 八名村's scheme (docs/DOMAIN.md §2.2): quarterly, base 100, below 60 no redemption and no star,
# scores reset each quarter; the score is what a household spends at the 积分超市.
POINTS_SCHEME = Scheme(period_kind="quarter", base_points=100, pass_line=60,
                       star_thresholds=[110, 125, 140, 155, 170], reset_each_period=True,
                       base_redeemable=True, objection_days=7)
# Items of the default catalogue the village scores all the time.
TIDY = "房前屋后干净整洁，无乱堆乱放"
CLUTTER = "房前屋后乱堆乱放（每处）"
CLEAN_UP = "志愿清扫公共区域"
LABOUR = "参加义务劳动（义务工）"
NO_VIOLATION = "遵守村规民约，全年无违规"
TIDY_REVISION = 8, "每月检查都合格的户一季度可得 24 分，不再超出 25 分的上限"  # new points, why
CLEAN_UP_PLACES = ("村道沿线", "河堤", "村部广场", "公路两侧", "屋场公共区域", "学校周边")
LABOUR_TASKS = ("清理水渠", "修补村道", "植树", "清除路边杂草", "疏通排水沟", "防汛值守", "修缮山塘",
                "清理河道垃圾", "修整机耕道", "栽种行道树")
# Now-and-then items: (item, chance per household and month, note).  Deductions come more
# often from a few troublesome households; straw is burnt after the harvests.
INCIDENTS = (
    ("乱倒垃圾", 0.004, "在河边倾倒生活垃圾"),
    ("焚烧秸秆", 0.003, "在田间焚烧秸秆"),
    ("违反村规民约，经劝导拒不改正", 0.002, "屋旁私搭棚子，劝导后不拆"),
    ("破坏公共秩序", 0.0004, "酒后在村部吵闹"),
    ("大操大办、铺张浪费", 0.001, "寿宴摆酒四十桌"),
    ("不赡养老人，经调解不改", 0.0002, "不给老人生活费，调解后仍不改"),
    ("参与赌博", 0.002, "参与打牌赌博，被派出所查处"),
    ("引发邻里纠纷，造成不良影响", 0.003, "因宅基地与邻居争吵"),
    ("违章建房", 0.0005, "未经审批在耕地上建房"),
    ("红白喜事简办，不大操大办", 0.006, "喜事简办，按村规民约标准办酒"),
    ("参与调解矛盾纠纷", 0.005, "协助调解邻里纠纷"),
)
BURNING_MONTHS = (4, 5, 10, 11)
TROUBLE_SHARE, TROUBLE_FACTOR = 0.03, 40  # a few households lose points again and again
AWAY_SHARE = 0.08  # the whole family works in the city (外出务工): the house stands locked
# Year-end appraisal in December: (item, share of households, note).
YEAR_END = (
    ("孝敬老人，家庭和睦，获村评议表扬", 0.08, "年终评议：孝老爱亲"),
    ("发展特色产业，带动乡邻增收", 0.04, "年终评议：发展特色产业"),
    ("获村级表彰", 0.06, "评为村“文明家庭”"),
    ("获乡镇级荣誉", 0.015, "评为乡“最美庭院”"),
    ("获县级荣誉", 0.005, "评为县“文明家庭”"),
    ("获市级荣誉", 0.0015, "评为市“五好家庭”"),
    ("获省级荣誉", 0.0004, "评为省“最美家庭”"),
    ("获国家级荣誉", 0.0001, "评为全国“最美家庭”"),
)
DUPLICATE_SHARE, ABSENT_SHARE = 0.012, 0.008  # entries the review turns down
REJECT_DUPLICATE = "重复登记：同一天同一事项已经记过"
REJECT_ABSENT = "经核实当天未参加"
CORRECTIONS = ("重复计分，予以冲正", "登记时选错了细则，予以冲正", "经复查不符合加分条件，予以冲正")
OBJECTIONS = {  # against a deduction (the household itself) / a bonus (a neighbour)
    "minus": ("认为扣分不实，当天已经清理干净", "认为扣分过重，只有一处堆放"),
    "plus": ("反映该户当天没有参加，却记了分", "反映该户家里当天没人，不应加分"),
}
UPHELD = ("经村务监督委员会复核属实", "查看签到表，该户确未签到")
DISMISSED = ("经查签到表和现场照片，记分无误", "经网格员现场复核，记分属实")
UPHELD_SHARE = 0.3
# The 积分超市: (goods, price, stock kept per 100 households, how much it is wanted).
GOODS = (("食盐（400 克）", 10, 20, 3), ("肥皂", 15, 20, 3), ("牙膏", 20, 20, 3), ("毛巾", 25, 15, 2),
         ("洗衣粉（1 公斤）", 30, 25, 5), ("酱油（500 毫升）", 30, 15, 3), ("挂面（2 公斤）", 40, 15, 3),
         ("食用油（1.8 升）", 80, 20, 5), ("大米（10 公斤）", 100, 25, 6), ("食用油（5 升）", 200, 5, 4))
SHOP_VISIT = 0.55


def _insert_audited(store: Store, table: str, rows: list[dict]) -> list[dict]:
    """What records.insert_many writes — stamped rows, one audit row each — with executemany,
    several times faster than sqlite-utils' insert_all for the small demo's 20,000 entries."""
    if not rows:
        return []
    stamped = [records.stamp(values) for values in rows]
    first = store.scalar(f"SELECT coalesce(max(id), 0) + 1 FROM [{table}]")
    for offset, row in enumerate(stamped):
        row["id"] = first + offset
    columns = list(stamped[0])
    store.conn.executemany(insert_sql(table, tuple(columns)), [tuple(r[c] for c in columns) for r in stamped])
    audits = [records.audit_row(store, "insert", table, r["uid"], None, r) for r in stamped]
    store.conn.executemany(insert_sql("audit", AUDIT_COLUMNS), [tuple(a[c] for c in AUDIT_COLUMNS) for a in audits])
    return stamped




class _Entry:
    """One ledger line as the demo village lives it: recorded, then approved or turned down."""

    __slots__ = ("household", "rule", "day", "quantity", "points", "note", "evidence", "recorded_by", "period",
                 "reverses", "reverse_reason", "reject_reason", "id", "uid")

    def __init__(self, household: dict, rule: dict, day: str, quantity: int, note: str, evidence: str,
                 recorded_by: str, period: str, reject_reason: str = ""):
        self.household, self.rule, self.day, self.quantity = household, rule, day, quantity
        self.points = rule["points"] * quantity
        self.note, self.evidence, self.recorded_by, self.period = note, evidence, recorded_by, period
        self.reverses: _Entry | None = None
        self.reverse_reason = ""
        self.reject_reason = reject_reason  # set: the review turns it down
        self.id: int | None = None
        self.uid: str | None = None

    @property
    def row_id(self) -> int:
        """The id of an entry already written: all that reviews, reversals and objections see."""
        assert self.id is not None
        return self.id

    def pending_row(self) -> dict:
        return {"household_id": self.household["id"], "rule_id": self.rule["id"], "entry_date": self.day,
                "period": self.period, "quantity": self.quantity, "points": self.points, "note": self.note,
                "evidence": self.evidence, "recorded_by": self.recorded_by, "status": ledger.EntryStatus.PENDING,
                "reviewer": None, "reviewed_at": None, "reject_reason": "",
                "reverses_id": self.reverses.id if self.reverses else None,
                "reverse_reason": self.reverse_reason, "seq": None, "prev_hash": None, "hash": None}


class _ProgramWriter:
    """The small demo's ledger, written as the program writes it.

    Recorded entries go in audited, as records.insert_many writes them; on the review
    days ``ledger.approve`` chains them in date order; corrections are ``ledger.reverse``.
    Turned-down entries get the change ``ledger.reject`` makes, dated on the review day
    instead of today.
    """

    def __init__(self, store: Store):
        self.store = store

    def record(self, entries: list[_Entry]) -> None:
        written = _insert_audited(self.store, "point_entries", [e.pending_row() for e in entries])
        for entry, row in zip(entries, written):
            entry.id, entry.uid = row["id"], row["uid"]

    def reverse(self, entry: _Entry) -> None:
        assert entry.reverses is not None  # a correction always names the entry it reverses
        row = ledger.reverse(self.store, entry.reverses.row_id, entry.reverse_reason, entry.recorded_by)
        entry.id, entry.uid = row["id"], row["uid"]

    def review(self, approved: list[_Entry], rejected: list[_Entry], reviewer: str, day: date) -> None:
        if approved:
            ledger.approve(self.store, [e.row_id for e in approved], reviewer, day)
        for entry in rejected:
            records.update(self.store, "point_entries", entry.row_id, {
                "status": ledger.EntryStatus.REJECTED, "reviewer": reviewer, "reviewed_at": day.isoformat(),
                "reject_reason": entry.reject_reason}, action="reject")

    def redeem(self, rows: list[dict]) -> None:
        _insert_audited(self.store, "redemptions", rows)

    def finish(self, pending: list[_Entry]) -> None:
        pass  # pending entries are in already


# What ledger._content hashes, serialised as ledger.entry_hash does (sorted keys, no spaces):
# formatting it directly is many times faster than json.dumps of a dict.
_CHAIN_TEXT = ('{"entry_date":"%s","evidence":%s,"household":"%s","note":%s,"period":"%s","points":%d,'
               '"prev_hash":"%s","quantity":%d,"recorded_by":%s,"reverse_reason":%s,"reverses":%s,'
               '"reviewed_at":"%s","reviewer":%s,"rule":"%s","seq":%d,"uid":"%s"}')
_ENTRY_COLUMNS = ("id", "uid", "created_at", "updated_at", "household_id", "rule_id", "entry_date", "period",
                  "quantity", "points", "note", "evidence", "recorded_by", "status", "reviewer", "reviewed_at",
                  "reject_reason", "reverses_id", "reverse_reason", "seq", "prev_hash", "hash")
_REDEMPTION_COLUMNS = ("id", "uid", "created_at", "updated_at", "household_id", "goods_id", "quantity", "points",
                       "redeemed_on", "note")
# Indexes nothing reads while the large ledger goes in: built once at the end (a sort),
# instead of row by row (≈ 7 s less for a million entries).
_LATER_INDEXES = ("point_entries_household", "point_entries_rule", "point_entries_reverses")


class _SortedUids:
    """Version-4 UUIDs drawn at random but in rising order, so bulk rows append to the uid index."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.value = rng.getrandbits(100)

    def __call__(self) -> str:
        self.value += self.rng.getrandbits(96) + 1  # 122 random bits; stays far below 2**122
        v = self.value
        u = (v >> 74 << 80) | (0x4 << 76) | ((v >> 62 & 0xFFF) << 64) | (0x2 << 62) | (v & (1 << 62) - 1)
        h = f"{u:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class _BulkWriter:
    """The large demo's ledger: rows go in with executemany, the chain is computed here.

    Entries are held until reviewed and then written once, with their final status.
    The hashes are ledger.entry_hash(ledger._content(…)) exactly — checked against it
    on the first entry of every batch — and ledger.chain_problems finds the chain
    whole (tests/test_demo.py).

    The audit gets one 'bulk-insert' row per batch (a review day's entries, a market
    day's redemptions) naming the first row, the id range, the count and the chain
    head, not one row per entry: those cost ≈ 11 s of the 60 s the large demo may
    take and ≈ 700 MB of its file (measured), and tell nobody more about an invented past.
    """

    def __init__(self, store: Store, rng: random.Random):
        self.store = store
        self.conn = store.conn
        self.uids = _SortedUids(rng)
        self.now = clock.timestamp()
        self.seq, self.prev = ledger.chain_head(store)
        self.next_id = store.scalar("SELECT coalesce(max(id), 0) + 1 FROM point_entries")
        self.next_redemption = store.scalar("SELECT coalesce(max(id), 0) + 1 FROM redemptions")
        self.text: dict[str, str] = {}  # JSON strings, once each
        self.entry_sql = insert_sql("point_entries", _ENTRY_COLUMNS)
        self.audit_sql = insert_sql("audit", AUDIT_COLUMNS)
        self.later = store.rows("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN "
                                f"({', '.join('?' * len(_LATER_INDEXES))})", _LATER_INDEXES)
        for index in self.later:
            self.conn.execute(f"DROP INDEX [{index['name']}]")

    def _json(self, value: str) -> str:
        found = self.text.get(value)
        if found is None:
            found = self.text[value] = json.dumps(value, ensure_ascii=False)
        return found

    def record(self, entries: list[_Entry]) -> None:
        pass  # written once reviewed

    def reverse(self, entry: _Entry) -> None:
        pass  # a reversal is written with the review that approves it

    def review(self, approved: list[_Entry], rejected: list[_Entry], reviewer: str, day: date) -> None:
        now, js, uids = self.now, self._json, self.uids
        reviewed_at, who = day.isoformat(), js(reviewer)
        rows = []
        seq, prev, sha, next_id = self.seq, self.prev, hashlib.sha256, self.next_id
        approved_status = ledger.EntryStatus.APPROVED
        for e in approved:
            e.id, e.uid = next_id, uids()
            next_id += 1
            seq += 1
            reverses = e.reverses
            text = _CHAIN_TEXT % (e.day, js(e.evidence), e.household["uid"], js(e.note), e.period, e.points, prev,
                                  e.quantity, js(e.recorded_by), js(e.reverse_reason),
                                  f'"{reverses.uid}"' if reverses else "null", reviewed_at, who, e.rule["uid"], seq,
                                  e.uid)
            digest = sha(text.encode()).hexdigest()
            rows.append((e.id, e.uid, now, now, e.household["id"], e.rule["id"], e.day, e.period, e.quantity,
                         e.points, e.note, e.evidence, e.recorded_by, approved_status, reviewer, reviewed_at, "",
                         reverses.id if reverses else None, e.reverse_reason, seq, prev, digest))
            prev = digest
        if approved:
            self._check(approved[0], rows[0])
        first_seq = self.seq + 1
        self.seq, self.prev, self.next_id = seq, prev, next_id
        rows += [self._unchained(e, ledger.EntryStatus.REJECTED, reviewer, reviewed_at) for e in rejected]
        self.conn.executemany(self.entry_sql, rows)
        self._audit("point_entries", rows, approved=len(approved), rejected=len(rejected), reviewed_at=reviewed_at,
                    seq=[first_seq, seq] if approved else None, chain_head=prev)

    def _unchained(self, e: _Entry, status: str, reviewer: str | None, reviewed_at: str | None) -> tuple:
        e.id, e.uid = self.next_id, self.uids()
        self.next_id += 1
        return (e.id, e.uid, self.now, self.now, e.household["id"], e.rule["id"], e.day, e.period, e.quantity,
                e.points, e.note, e.evidence, e.recorded_by, status, reviewer, reviewed_at,
                e.reject_reason if status == ledger.EntryStatus.REJECTED else "", e.reverses.id if e.reverses else None,
                e.reverse_reason, None, None, None)

    def _audit(self, table: str, rows: list[tuple], **what) -> None:
        """One audit row for rows written together: the first one's uid, the ids, how many."""
        if rows:
            after = {"rows": len(rows), "ids": [rows[0][0], rows[-1][0]], **what}
            self.conn.execute(self.audit_sql, (self.now, self.store.actor, "bulk-insert", table, rows[0][1], None,
                                               json.dumps(after, ensure_ascii=False, sort_keys=True)))

    def _check(self, e: _Entry, row: tuple) -> None:
        """The first entry of a batch, hashed by the ledger itself: the formats must agree."""
        values = dict(zip(_ENTRY_COLUMNS, row))
        content = ledger._content(values, e.household["uid"], e.rule["uid"], e.reverses.uid if e.reverses else None)
        if ledger.entry_hash(content) != values["hash"]:
            raise RuntimeError("demo ledger: the bulk chain no longer hashes as ledger.entry_hash does")

    def redeem(self, rows: list[dict]) -> None:
        written = []
        for row in rows:
            written.append((self.next_redemption, self.uids(), self.now, self.now, row["household_id"],
                            row["goods_id"], row["quantity"], row["points"], row["redeemed_on"], row["note"]))
            self.next_redemption += 1
        self.conn.executemany(insert_sql("redemptions", _REDEMPTION_COLUMNS), written)
        self._audit("redemptions", written, points=sum(r[7] for r in written))

    def finish(self, pending: list[_Entry]) -> None:
        rows = [self._unchained(e, ledger.EntryStatus.PENDING, None, None) for e in pending]
        self.conn.executemany(self.entry_sql, rows)
        self._audit("point_entries", rows, pending=len(rows))
        for index in self.later:
            self.conn.execute(index["sql"])


class _PointsYears:
    """Two (small) or ten (large) years of village life in points, month by month.

    Each month: on the 5th the scoring group reviews last month's entries; in a
    quarter's first month the last quarter is posted on the 8th, objections come in
    until the 14th and the meeting on the 18th settles them and locks the quarter;
    on the 12th of the other months a few mistakes found in this quarter are
    corrected; the 20th of a quarter's last month is the 积分超市's day; and through
    the month the village cleans up, works, is inspected, meets — and now and then
    misbehaves.
    """

    def __init__(self, demo: Demo, rng: random.Random, writer, start: date):
        self.demo, self.rng, self.writer, self.start = demo, rng, writer, start
        self.store, self.today = demo.store, demo.today
        self.households = [h for h in demo.households if not h["archived"]]
        self.versions: dict[str, list[dict]] = {}
        for row in rules.catalogue(self.store, include_history=True):
            self.versions.setdefault(row["item"], []).append(row)
        heads = {p["household_id"]: p["name"] for p in demo.persons if p["relation"] == "户主"}
        self.head = {h["id"]: heads.get(h["id"], "") for h in self.households}
        self.clerk = self.store.actor
        # Each household's ways: how often it turns out, how tidy it keeps its yard, trouble.
        self.activity = {h["id"]: min(1.8, rng.lognormvariate(0, 0.45)) for h in self.households}
        self.tidiness = {h["id"]: rng.uniform(0.6, 0.97) for h in self.households}
        self.trouble, self.away = set(), set()
        for h in self.households:
            roll = rng.random()
            if roll < TROUBLE_SHARE:
                self.trouble.add(h["id"])
                self.activity[h["id"]] *= 0.4
                self.tidiness[h["id"]] = rng.uniform(0.2, 0.45)
            elif roll < TROUBLE_SHARE + AWAY_SHARE:
                self.away.add(h["id"])  # home at the Spring Festival, hardly otherwise
                self.activity[h["id"]] *= 0.1
        self.places = self._places()
        self.grid = self._grid_workers()
        self.reviewers: dict[date, str] = {}
        self.pending: list[_Entry] = []
        self.approved: dict[str, list[_Entry]] = {}  # by quarter, for corrections and objections
        self.earned: dict[str, dict[int, int]] = {}  # by quarter: approved points per household
        self.reversed: set[int] = set()  # ids of entries already corrected
        self.used: dict[tuple[int, str], int] = {}  # this quarter's points per household and rule, for caps
        self.quarter: periods.Period | None = None
        self.deducted: set[int] = set()  # households with a deduction this year
        self.goods = [shop.add_goods(self.store, name=name, price=price, stock=0) for name, price, _, _ in GOODS]
        self.counts: Counter = Counter()

    @property
    def quarter_code(self) -> str:
        """The quarter being lived: month() sets it before anything happens in it."""
        assert self.quarter is not None
        return self.quarter.code

    def _places(self) -> dict[int, str]:
        """Each household's 屋场, read back from its address."""
        by_group = {group: places for group, (places, _) in zip(GROUPS, WUCHANG)}
        found = {}
        for h in self.households:
            places = by_group.get(h["group_name"], ())
            found[h["id"]] = next((p for p in places if p in h["address"]), h["group_name"])
        return found

    def _grid_workers(self) -> dict[str, str]:
        """One 网格员 per 村民小组 records its inspections: an adult with a phone living there."""
        group_of = {h["id"]: h["group_name"] for h in self.households}
        chosen: dict[str, str] = {}
        for group in sorted(set(group_of.values())):
            able = [p for p in self.demo.persons if group_of.get(p["household_id"]) == group and p["phone"]
                    and 30 <= self.today.year - int(p["birth_date"][:4]) <= 58]
            chosen[group] = self.rng.choice(able)["name"] if able else self.clerk
        return chosen

    # --- rules and caps -----------------------------------------------------------------

    def rule(self, item: str, day: date) -> dict:
        iso = day.isoformat()
        for version in self.versions[item]:
            if version["valid_from"] <= iso and (version["valid_to"] is None or iso <= version["valid_to"]):
                return version
        raise RuntimeError(f"demo: {item} not in force on {day}")

    def entry(self, household: dict, rule: dict, day: str, quantity: int, note: str, evidence: str,
              recorded_by: str, reject_reason: str = "") -> _Entry | None:
        """An entry as the program would take it: within the rule's cap, or fewer, or none."""
        cap = rule["cap_per_period"]
        if cap is not None:
            key = household["id"], rule["rule_key"]
            used = self.used.get(key, 0)
            quantity = min(quantity, (cap - used) // abs(rule["points"]))
            if quantity <= 0:
                return None
            # Turned-down entries count until they are turned down: counting them throughout
            # keeps every entry within the cap on the day it was recorded.
            self.used[key] = used + quantity * abs(rule["points"])
        if rule["points"] < 0 and not reject_reason:
            self.deducted.add(household["id"])
        return _Entry(household, rule, day, quantity, note, evidence, recorded_by, self.quarter_code, reject_reason)

    # --- the months ----------------------------------------------------------------------

    def run(self) -> None:
        month = date(self.start.year, self.start.month, 1)
        months = (self.today.year - month.year) * 12 + self.today.month - month.month + 1
        done = 0
        while month <= self.today:
            self.month(month)
            done += 1
            self.demo.report(0.05 + 0.9 * done / months)
            month = (month + timedelta(days=32)).replace(day=1)
        self.writer.finish(self.pending)
        self.counts["pending"] = len(self.pending)

    def on(self, first: date, day: int) -> date | None:
        """The ``day``-th of the month, if it has come (and the ledger had begun)."""
        when = first.replace(day=day)
        return when if self.start <= when <= self.today else None

    def month(self, first: date) -> None:
        quarter = periods.of(first, "quarter")
        if self.quarter is None or quarter.code != self.quarter.code:
            for old in [code for code in self.approved if self.quarter and code < self.quarter.code]:
                del self.approved[old], self.earned[old]  # only the last quarter is still looked at
            self.quarter, self.used = quarter, {}
            self.earned[quarter.code], self.approved[quarter.code] = {}, []
        if first.month == 1:
            self.deducted = set()
        day = self.on(first, 5)
        if day:
            cutoff = first.isoformat()
            self.review(day, lambda e: e.day < cutoff or e.reverses is not None)
        in_quarter = (first.month - 1) % 3
        before = self.quarter_before(quarter)
        if in_quarter == 0 and before:
            self.post_and_lock(before, first)
        elif in_quarter and self.on(first, 12):
            self.correct(first.replace(day=12))
        self.happenings(first)
        if in_quarter == 2 and self.on(first, 20):
            self.shop_day(first.replace(day=20))

    def quarter_before(self, quarter: periods.Period) -> periods.Period | None:
        before = periods.of(quarter.start - timedelta(days=1), "quarter")
        return before if before.end >= self.start else None

    def reviewer(self, day: date) -> str:
        """The 村务监督委员会主任 of the day reviews for the scoring group."""
        if day not in self.reviewers:
            self.reviewers[day] = next((p["name"] for p in committee.serving_posts(self.store, day)
                                        if p["body"] == SUPERVISION and p["role"] == "主任"), self.clerk)
        return self.reviewers[day]

    def review(self, day: date, due: Callable[[_Entry], bool]) -> None:
        batch: list[_Entry] = []
        waiting: list[_Entry] = []
        for entry in self.pending:
            (batch if due(entry) else waiting).append(entry)
        self.pending = waiting
        if not batch:
            return
        batch.sort(key=lambda e: e.day)  # chained in date order; within a day as recorded
        approved = [e for e in batch if not e.reject_reason]
        rejected = [e for e in batch if e.reject_reason]
        self.writer.review(approved, rejected, self.reviewer(day), day)
        for entry in approved:
            earned = self.earned.get(entry.period)
            if earned is not None:
                household_id = entry.household["id"]
                earned[household_id] = earned.get(household_id, 0) + entry.points
                self.approved[entry.period].append(entry)
        self.counts["approved"] += len(approved)
        self.counts["rejected"] += len(rejected)

    def reverse(self, original: _Entry, reason: str) -> _Entry:
        correction = _Entry(original.household, original.rule, original.day, -original.quantity, "", "",
                            self.clerk, original.period)
        correction.reverses, correction.reverse_reason = original, reason
        self.writer.reverse(correction)
        self.reversed.add(original.row_id)
        self.counts["reversals"] += 1
        return correction

    def candidates(self, code: str) -> list[_Entry]:
        return [e for e in self.approved.get(code, ()) if e.reverses is None and e.id not in self.reversed]

    def correct(self, day: date) -> None:
        """Mistakes the clerk finds in this quarter's approved entries: reversed, reviewed next month."""
        found = self.candidates(self.quarter_code)
        wanted = round(len(self.households) / 150 * self.rng.uniform(0.3, 1.7))
        for original in self.rng.sample(found, min(wanted, len(found))):
            self.pending.append(self.reverse(original, self.rng.choice(CORRECTIONS)))

    def post_and_lock(self, quarter: periods.Period, first: date) -> None:
        """公示 on the 8th, objections until the 14th, 讲评 and lock on the 18th."""
        posted = self.on(first, 8)
        if not posted:
            return
        ledger.post_period(self.store, quarter.code, posted)
        self.counts["posted"] += 1
        found = self.candidates(quarter.code)
        wanted = max(1, round(len(self.households) / 200 * self.rng.uniform(0.5, 1.5)))
        raised = []
        for original in self.rng.sample(found, min(wanted, len(found))):
            received = self.on(first, self.rng.randint(9, 14))
            if not received:
                continue
            kind = "minus" if original.points < 0 else "plus"
            who = original.household  # a deduction: the household itself; a bonus: a neighbour
            while kind == "plus" and who is original.household:
                who = self.rng.choice(self.households)
            objection = ledger.raise_objection(
                self.store, entry_id=original.row_id, raised_by=self.head[who["id"]] or who["code"],
                content=self.rng.choice(OBJECTIONS[kind]), day=received)
            raised.append((objection, original))
        self.counts["objections"] += len(raised)
        meeting = self.on(first, 18)
        if not meeting:
            return
        corrections = []
        for objection, original in raised:
            upheld = self.rng.random() < UPHELD_SHARE
            resolution = self.rng.choice(UPHELD if upheld else DISMISSED)
            if upheld:  # as ledger.resolve_objection does, on the meeting's day
                corrections.append(self.reverse(original, f"异议成立：{resolution}"))
            records.update(self.store, "point_objections", objection["id"], {
                "status": ledger.ObjectionStatus.UPHELD if upheld else ledger.ObjectionStatus.DISMISSED, "resolution": resolution,
                "resolved_on": meeting.isoformat()}, action="resolve")
        if corrections:  # reviewed at the meeting: a locked quarter has nothing waiting
            self.writer.review(corrections, [], self.reviewer(meeting), meeting)
            self.counts["approved"] += len(corrections)
        ledger.lock_period(self.store, quarter.code, meeting)
        self.counts["locked"] += 1

    # --- what happens in a month ------------------------------------------------------

    def happenings(self, first: date) -> None:
        rng = self.rng
        last = min((first + timedelta(days=32)).replace(day=1) - timedelta(days=1), self.today)
        start = max(first, self.start)
        if start > last:
            return
        made: list[_Entry] = []
        clerk, activity, entry, add = self.clerk, self.activity, self.entry, made.append
        random_ = rng.random
        dubious = 1 - DUPLICATE_SHARE

        def turnout(share: float, item: str, day: date, quantities, note: str, evidence: str, who=None) -> None:
            """Each household comes with a chance (and 1, 2 or 3 people, split at ``quantities``);
            a few entries will not survive the review."""
            if not start <= day <= last:
                return
            rule, iso = self.rule(item, day), day.isoformat()
            for h in who or self.households:
                if random_() >= min(0.92, share * activity[h["id"]]):
                    continue
                roll = random_()
                quantity = 1 if not quantities or roll < quantities[0] else 2 if roll < quantities[1] else 3
                roll = random_()
                made_one = entry(h, rule, iso, quantity, note, evidence, clerk,
                                 REJECT_ABSENT if roll < ABSENT_SHARE else "")
                if made_one is not None:
                    add(made_one)
                    if roll > dubious:
                        again = entry(h, rule, iso, quantity, note, evidence, clerk, REJECT_DUPLICATE)
                        if again is not None:
                            add(again)

        saturdays = [d for d in (first + timedelta(days=n) for n in range(31))
                     if d.month == first.month and d.weekday() == 5]
        for day in saturdays[0:3:2]:  # the first and third Saturday: clean-up
            turnout(0.62, CLEAN_UP, day, (0.75, 0.97), f"志愿清扫：{rng.choice(CLEAN_UP_PLACES)}", "签到表")
        if first.month != 2:  # no labour day at the Spring Festival
            turnout(0.62, LABOUR, first.replace(day=rng.randint(10, 16)), (0.7, 1),
                    f"义务劳动：{rng.choice(LABOUR_TASKS)}", "签到表、现场照片")
        if first.month in (2, 5, 8, 11):  # each 屋场 meets once a quarter
            for place in sorted(set(self.places.values())):
                who = [h for h in self.households if self.places[h["id"]] == place]
                turnout(0.75, MEETING, first.replace(day=rng.randint(10, 20)), None, f"{place}屋场会", "会议签到表",
                        who)
        if first.month == 1:  # the villagers' assembly before the Spring Festival
            turnout(0.8, MEETING, first.replace(day=25), None, "村民会议：通报上年村务和积分", "会议签到表")
        self.inspection(first, start, last, add)
        self.incidents(first, start, last, add)
        if first.month == 12:
            self.year_end(first.replace(day=10), start, last, add)
        made.sort(key=lambda e: e.day)  # recorded as they happened
        self.writer.record(made)
        self.pending += made
        self.counts["entries"] += len(made)

    def inspection(self, first: date, start: date, last: date, add) -> None:
        """The monthly 人居环境 inspection, group by group, by the group's 网格员."""
        rng, entry = self.rng, self.entry
        days = {group: first.replace(day=rng.randint(22, 28)) for group in sorted(self.grid)}
        tidy_rule = {group: self.rule(TIDY, day) for group, day in days.items() if start <= day <= last}
        clutter = self.rule(CLUTTER, start)
        note = f"{first.month}月人居环境检查"
        for h in self.households:
            group = h["group_name"]
            if group not in tidy_rule or h["id"] in self.away:
                continue
            roll, tidy, day = rng.random(), self.tidiness[h["id"]], days[group].isoformat()
            if roll < tidy:
                reason = "检查记录与照片对不上" if rng.random() < 0.004 else ""
                made = entry(h, tidy_rule[group], day, 1, note, "网格员检查记录", self.grid[group], reason)
                if made is not None:
                    add(made)
            elif roll < tidy + (1 - tidy) * 0.5 or h["id"] in self.trouble:  # no cap on deductions
                add(entry(h, clutter, day, rng.choice((1, 1, 1, 2, 3)), f"{note}：柴草杂物堆在屋旁",
                          "网格员检查记录、照片", self.grid[group]))

    def incidents(self, first: date, start: date, last: date, add) -> None:
        rng = self.rng
        span = (last - start).days + 1
        for item, chance, note in INCIDENTS:
            rule = self.rule(item, start)
            if item == "焚烧秸秆" and first.month in BURNING_MONTHS:
                chance *= 8
            odds = chance * span / 30
            worse = odds * TROUBLE_FACTOR if rule["points"] < 0 else odds
            for h in self.households:
                if rng.random() < (worse if h["id"] in self.trouble else odds):
                    day = (start + timedelta(days=rng.randrange(span))).isoformat()
                    made = self.entry(h, rule, day, 1, note, "", self.grid[h["group_name"]])
                    if made is not None:
                        add(made)

    def year_end(self, day: date, start: date, last: date, add) -> None:
        """December's appraisal: a clean year, filial piety, enterprise, honours."""
        if not start <= day <= last:
            return
        rng, iso = self.rng, day.isoformat()
        clean = self.rule(NO_VIOLATION, day)
        others = [(self.rule(item, day), share, note) for item, share, note in YEAR_END]
        for h in self.households:
            made = [self.entry(h, clean, iso, 1, f"{day.year} 年全年无违规", "", self.clerk)
                    if h["id"] not in self.deducted else None]
            made += [self.entry(h, rule, iso, 1, note, "评议记录", self.clerk)
                     for rule, share, note in others if rng.random() < share]
            for one in made:
                if one is not None:
                    add(one)

    # --- the 积分超市 -------------------------------------------------------------------

    def shop_day(self, day: date) -> None:
        """Households that pass spend their score on the quarter's last market day."""
        rng, scheme, n = self.rng, POINTS_SCHEME, len(self.households)
        for goods, (_, _, per_hundred, _) in zip(self.goods, GOODS):
            wanted = max(2, round(per_hundred * n / 100))
            if goods["stock"] < wanted:
                goods.update(shop.restock(self.store, goods["id"], wanted - goods["stock"]))
        earned, weights, choices = self.earned[self.quarter_code], [g[3] for g in GOODS], range(len(GOODS))
        bought: list[dict] = []
        sold: Counter = Counter()
        for h in self.households:
            score = scheme.base_points + earned.get(h["id"], 0)
            if not scheme.passes(score) or rng.random() >= SHOP_VISIT:
                continue
            left = score  # the base is redeemable in this scheme
            for choice in rng.choices(choices, weights, k=rng.randint(1, 3)):
                goods = self.goods[choice]
                if goods["price"] > left or goods["stock"] - sold[choice] < 1:
                    continue
                quantity = 2 if goods["price"] <= 20 and rng.random() < 0.3 else 1
                quantity = min(quantity, left // goods["price"], goods["stock"] - sold[choice])
                sold[choice] += quantity
                left -= goods["price"] * quantity
                bought.append({"household_id": h["id"], "goods_id": goods["id"], "quantity": quantity,
                               "points": goods["price"] * quantity, "redeemed_on": day.isoformat(), "note": ""})
        self.writer.redeem(bought)
        for choice, quantity in sorted(sold.items()):  # one stock change per goods and market day
            goods = self.goods[choice]
            goods.update(records.update(self.store, "shop_goods", goods["id"],
                                        {"stock": goods["stock"] - quantity}, action="redeem"))
        self.counts["redemptions"] += len(bought)


def _points(demo: Demo) -> None:
    """八名村's scheme, the default catalogue, and two (small) or ten (large) years of points.

    The small village's ledger is written by the program's own functions (approved
    through ledger.approve); the large one's ≈ 1,000,000 entries in bulk (_BulkWriter).
    """
    rng = demo.rng("points")
    store = demo.store
    start = years_before(demo.today, POINTS_YEARS[demo.size])
    rules.save_scheme(store, POINTS_SCHEME)
    rules.install_default_catalogue(store, start)
    # A year ago the village made the yard inspection worth 8, so three good months fit the cap.
    revised = periods.of(years_before(demo.today, 1), "quarter").start
    if revised > start:
        tidy = next(r for r in rules.catalogue(store) if r["item"] == TIDY)
        points, why = TIDY_REVISION
        rules.revise_rule(store, tidy["id"], valid_from=revised, points=points, note=why)
    demo.report(0.05)
    writer = _ProgramWriter(store) if demo.size == "small" else _BulkWriter(store, rng)
    years = _PointsYears(demo, rng, writer, start)
    years.run()
    counts = years.counts
    demo.counts.update({
        "point_rules": store.scalar("SELECT count(*) FROM point_rules"),
        "point_entries": counts["entries"] + counts["reversals"],
        "approved": counts["approved"], "pending": counts["pending"], "rejected": counts["rejected"],
        "reversals": counts["reversals"], "objections": counts["objections"],
        "periods_locked": counts["locked"], "goods": len(GOODS), "redemptions": counts["redemptions"],
    })


# --- step: meetings and requests -------------------------------------------------------

def _meetings(demo: Demo) -> None:
    """Two (small) or ten (large) years of minutes and requests: see demo.meetings."""
    build_meetings(demo)


# --- step: notices --------------------------------------------------------------------

def _notices(demo: Demo) -> None:
    """Three years of the notice board and the disclosure calendar: see demo.notices."""
    build_notices(demo)


# The order matters: a step may use what the steps before it wrote.
STEPS: list[Step] = [
    Step("village", _village, weight=1),
    Step("households", _households, weight=20),
    Step("committee", _committee, weight=2),
    Step("points", _points, weight=20),
    Step("meetings", _meetings, weight=3),
    Step("notices", _notices, weight=1),
]
