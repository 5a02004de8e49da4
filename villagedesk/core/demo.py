"""A made-up Hunan village to try the program on: `villagedesk demo`.

The demo is a list of steps (:data:`STEPS`).  Each step gets the shared
:class:`Demo` state, writes its rows through :mod:`villagedesk.core.records`
(so the audit table sees them like any other change) and adds its counts.
A later area (committee, points, meetings, notices) appends its own step; it
reads what earlier steps left in ``demo.households`` / ``demo.persons``.

Every step draws from its own ``random.Random`` seeded with the seed and the
step's name, so adding a step never changes what the earlier steps build.
All names are invented; any likeness to a real person is chance.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from villagedesk.core import committee, ids, pinyin, records
from villagedesk.core.village import Profile, get_profile, save_profile
from villagedesk.errors import UserError
from villagedesk.store import Store

SIZES = {"small": 300, "large": 3000}  # households; persons come out ≈ 3.3 per household

COUNTY_CODE = "431322"  # 新化县
# Where spouses married in from: 新化 itself most often, then its neighbours.
BIRTH_AREAS = (("431322", 70), ("431381", 6), ("431382", 6), ("431302", 4), ("431321", 4),
               ("430923", 4), ("430524", 3), ("431224", 3))

GROUPS = ("第一村民小组", "第二村民小组", "第三村民小组", "第四村民小组", "第五村民小组",
          "第六村民小组", "第七村民小组", "第八村民小组", "第九村民小组", "第十村民小组",
          "第十一村民小组", "第十二村民小组")
# Each group's 屋场 and the clan that mostly lives there (Hunan villages grew by lineage).
WUCHANG = (
    (("杨家湾", "大塘冲"), "杨"), (("罗家坳", "枫树坪"), "罗"), (("曾家垅", "石板桥"), "曾"),
    (("刘家院子", "茶山坳"), "刘"), (("谭家冲", "竹山湾"), "谭"), (("彭家台", "油溪口"), "彭"),
    (("陈家湾", "梨树垅"), "陈"), (("邓家坪", "老屋场"), "邓"), (("周家冲", "新屋场"), "周"),
    (("唐家湾", "水井坳"), "唐"), (("李家坪", "桐子坡"), "李"), (("袁家垅", "岩门前"), "袁"),
)
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


@dataclass
class Step:
    name: str
    run: Callable[[Demo], None]
    weight: int = 1  # share of the progress bar


@dataclass
class Demo:
    """What the steps share: the store, the size, and the rows written so far."""

    store: Store
    size: str
    seed: int
    today: date
    counts: dict[str, int] = field(default_factory=dict)
    profile: Profile | None = None
    households: list[dict] = field(default_factory=list)  # as inserted, with id and code
    persons: list[dict] = field(default_factory=list)
    report: Callable[[float], None] = lambda fraction: None

    @property
    def household_count(self) -> int:
        return SIZES[self.size]

    def rng(self, step: str) -> random.Random:
        # A string seed is hashed with SHA-512, the same on every run and machine.
        return random.Random(f"villagedesk-demo:{self.seed}:{step}")


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
                    "OR EXISTS(SELECT 1 FROM terms)"):
        raise UserError("数据库中已有数据，演示村只能建在空数据库里。请用 --db 指定一个新文件。")
    demo = Demo(store, size, seed, today or date.today())
    total = sum(step.weight for step in STEPS)
    actor = store.actor
    try:
        with store.atomic():
            done = 0
            for step in STEPS:
                if progress is not None:
                    start = done
                    demo.report = lambda f, start=start, w=step.weight: progress(
                        start + min(w, int(f * w)), total)
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
                rows.append({**person, "code": f"{household['code']}-P{n:02d}",
                             "household_id": household["id"], "initials": initials[name],
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
TRAININGS = (
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
        plan = []  # (day, topic, audience, organiser, hours)
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


# The order matters: a step may use what the steps before it wrote.
STEPS: list[Step] = [
    Step("village", _village, weight=1),
    Step("households", _households, weight=20),
    Step("committee", _committee, weight=2),
]
