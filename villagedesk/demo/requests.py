"""The demo village's requests (诉求): what villagers ask for and how each one went.

A request is drawn from its category's templates and handled the way such requests
usually are (policy questions answered on the spot, relief referred to 民政, roads
taken on with a deadline or referred to the county).  Its course is then lived up
to the demo's today: started, closed (on time or late), closed after a 不满意 and
a second try, still open, or stuck past its deadline.  The result is the request
row as it stands today and the steps of its handling log, as core.requests writes
them.  All names and events are invented.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from villagedesk.core.requests.ledger import (
    DISSATISFIED,
    FAIRLY_SATISFIED,
    HANDLINGS,
    ON_THE_SPOT,
    ON_THE_SPOT_FEEDBACK,
    REFERRED,
    SATISFIED,
    WITH_DEADLINE,
    RequestStatus,
)

# Category: (weight, handling weights (on the spot, with deadline, referred)).
CATEGORIES = {
    "基础设施": (30, (5, 55, 40)),
    "环境卫生": (20, (30, 60, 10)),
    "矛盾纠纷": (12, (15, 60, 25)),
    "政策咨询": (18, (75, 15, 10)),
    "民生救助": (12, (5, 35, 60)),
    "其他": (8, (30, 55, 15)),
}
TOWN = "{town}人民政府"
# Category: [(content, what the village did, what the department did, the departments it goes to)].
# category → (content, village's result, department's result, departments it may go to)
TEMPLATES: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = {
    "基础设施": [
        ("{place}组级道路坑洼不平，雨天泥泞难走，希望硬化", "组织村民投工投劳填平坑洼，铺设碎石，并列入村道硬化计划",
         "经{dept}立项，道路已完成硬化", ("{county}交通运输局", TOWN)),
        ("{place}有两盏路灯不亮，晚上出行不便", "已联系电工更换灯泡和线路，路灯恢复照明",
         "{dept}已派人检修线路，路灯恢复照明", ("{town}供电所",)),
        ("{place}山塘渗漏，担心汛期安全", "组织人员清淤并封堵渗漏点，汛期安排专人巡查",
         "{dept}已将山塘列入除险加固项目并完成整修", ("{county}水利局", "{town}水利站")),
        ("{place}灌溉水渠垮塌一段，影响放水", "村里出资修复垮塌渠段，已恢复通水", "{dept}已安排资金修复水渠",
         ("{town}水利站", "{county}水利局")),
        ("{place}自来水水压低，高处几户经常停水", "更换了主管阀门并加装增压泵，供水已正常",
         "{dept}已改造供水管网，供水恢复正常", ("{county}水务公司",)),
        ("{place}便民桥桥面开裂，请求维修", "已对桥面开裂处进行修补并设置警示牌", "{dept}已将便民桥列入危桥改造并完工",
         ("{county}交通运输局",)),
    ],
    "环境卫生": [
        ("{place}垃圾收集点清运不及时，气味大", "与保洁员约定每两天清运一次，并对收集点消毒",
         "{dept}已调整垃圾转运车班次", (TOWN,)),
        ("有人往{place}河沟倾倒建筑垃圾", "查明倾倒人，责令其清运完毕，并在河边立了禁倒牌",
         "{dept}已依法查处并督促清理", ("{county}生态环境局", TOWN)),
        ("{place}路边杂草丛生，影响通行", "组织志愿者清除了路边杂草", "{dept}已安排人员清理", (TOWN,)),
        ("邻居家养猪污水直排，影响环境", "上门劝导，督促其修建化粪池，污水不再外排", "{dept}已上门检查并责令整改到位",
         ("{county}生态环境局",)),
    ],
    "矛盾纠纷": [
        ("与邻居因宅基地界址发生争执", "村调委会现场丈量，双方签订调解协议，界址已明确",
         "经{dept}调处，双方达成一致并签订协议", ("{town}自然资源所", "{town}司法所")),
        ("与邻居因屋檐滴水和排水问题产生矛盾", "村干部上门调解，双方同意共同修建排水沟",
         "{dept}组织调解，双方达成协议", ("{town}司法所",)),
        ("兄弟之间因老人赡养费分摊产生纠纷", "村调委会组织家庭会议，兄弟三人签订赡养协议",
         "{dept}依法调解，签订了赡养协议", ("{town}司法所",)),
        ("与邻组村民因山林界址有争议", "两组组长和当事人一起踏勘，按林权证确定界址",
         "{dept}核对林权档案后作出处理，双方认可", ("{town}林业站", "{town}自然资源所")),
    ],
    "政策咨询": [
        ("咨询城乡居民医疗保险缴费标准和报销比例", "解答了今年的缴费标准、报销比例，并发放了宣传资料",
         "{dept}已电话答复缴费和报销政策", ("{county}医疗保障局",)),
        ("咨询高龄津贴的申领条件", "说明了申领条件和所需材料，已协助填写申请表", "{dept}已答复并受理申请",
         ("{town}民政办",)),
        ("咨询农村危房改造补助政策", "讲解了补助对象、标准和申请程序", "{dept}已答复补助政策并上门鉴定",
         ("{county}住房和城乡建设局",)),
        ("咨询城乡居民养老保险补缴办法", "说明了补缴条件和办理地点", "{dept}已答复补缴办法",
         ("{town}社会保障服务中心",)),
        ("咨询农村建房审批手续", "讲解了建房申请、审批流程和所需材料", "{dept}已答复审批手续", ("{town}自然资源所",)),
    ],
    "民生救助": [
        ("家中老人重病住院，医疗费用负担重，申请临时救助", "村里走访核实后上报，已发放临时救助金",
         "经{dept}审批，已发放临时救助金", ("{town}民政办",)),
        ("因病致贫，申请纳入低保", "入户调查并经村民代表评议后上报", "经{dept}审核，已纳入低保", ("{town}民政办",)),
        ("房屋因暴雨受损，申请救灾救助", "组织人员帮助修缮屋顶，并上报受灾情况", "{dept}已核定并发放救灾资金",
         ("{county}应急管理局", "{town}民政办")),
        ("孩子上大学学费困难，希望得到资助", "协助办理了生源地助学贷款", "{dept}已落实助学资助", ("{county}教育局",)),
        ("独居老人生活不便，希望安排结对帮扶", "安排党员结对帮扶，每周上门看望一次", "{dept}已纳入居家养老服务",
         ("{town}民政办",)),
    ],
    "其他": [
        ("希望村里组织一次柑橘种植技术培训", "联系农技人员到村开展了技术培训", "{dept}已派农技员到村授课",
         ("{town}农业综合服务中心",)),
        ("希望协调农产品销售渠道", "联系电商服务站帮助代销", "{dept}已对接收购企业", ("{county}商务局",)),
        ("建议在村部增设快递代收点", "已在村部便民服务中心设立快递代收点", "{dept}已协调快递企业设点", ("{county}邮政分公司",)),
    ],
}
FEEDBACK = ("上门告知", "电话告知", "屋场会上通报", "微信告知", "在村部当面告知")
SATISFACTION_WEIGHTS = ((SATISFIED, 68), (FAIRLY_SATISFIED, 24), (DISSATISFIED, 8))
DEADLINE_DAYS = (7, 10, 15, 20, 30, 30, 45, 60)
STUCK = {WITH_DEADLINE: 0.06, REFERRED: 0.10}  # never heard of again: these end up overdue
SLOW_START = (0.85, (15, 60))  # share started within five days; how long the others wait


@dataclass
class Drawn:
    """A request as it stands today, and its handling log (day, action, status, note)."""

    values: dict
    log: list[tuple[str, str, str, str]] = field(default_factory=list)


class RequestDrawer:
    """Draws requests for the demo; ``places`` fills {town} and {county} in departments."""

    def __init__(self, rng: random.Random, today: date, town: str, county: str):
        self.rng, self.today = rng, today
        self.places = {"town": town, "county": county}
        self.categories = list(CATEGORIES)
        # Cumulative weights, worked out once: twenty thousand draws in the large demo.
        self.category_weights = list(accumulate(CATEGORIES[c][0] for c in self.categories))
        self.handling_weights = {c: list(accumulate(CATEGORIES[c][1])) for c in self.categories}
        self.satisfaction = [s for s, _ in SATISFACTION_WEIGHTS]
        self.satisfaction_weights = list(accumulate(w for _, w in SATISFACTION_WEIGHTS))

    def draw(self, *, day: date, person: dict, group: str, place: str, owners: list[dict],
             meeting_id: int | None, on_the_spot_owner: dict | None = None) -> Drawn:
        """One request raised on ``day`` by ``person`` (a register row) of ``group`` living at ``place``."""
        rng = self.rng
        category = rng.choices(self.categories, cum_weights=self.category_weights)[0]
        content, village_result, department_result, departments = rng.choice(TEMPLATES[category])
        handling = rng.choices(HANDLINGS, cum_weights=self.handling_weights[category])[0]
        owner = on_the_spot_owner if handling == ON_THE_SPOT and on_the_spot_owner else rng.choice(owners)
        department = rng.choice(departments).format(**self.places) if handling == REFERRED else ""
        deadline = None
        if handling == WITH_DEADLINE or (handling == REFERRED and rng.random() < 0.6):
            deadline = day + timedelta(days=rng.choice(DEADLINE_DAYS) * (2 if handling == REFERRED else 1))
        values = {"raised_on": day.isoformat(), "raised_by_id": person["id"], "raised_by": person["name"],
                  "group_name": group, "meeting_id": meeting_id, "category": category,
                  "content": content.format(place=place), "handling": handling, "department": department,
                  "owner_id": owner["id"], "owner": owner["name"], "deadline": deadline.isoformat() if deadline else None,
                  "status": RequestStatus.TODO, "result": "", "feedback_on": None, "feedback_how": "", "satisfaction": None,
                  "closed_on": None, "reopened": 0}
        drawn = Drawn(values)
        result = (department_result.format(dept=department) if handling == REFERRED else village_result)
        if handling == ON_THE_SPOT:
            satisfaction = SATISFIED if rng.random() < 0.85 else FAIRLY_SATISFIED
            values.update(status=RequestStatus.CLOSED, result=village_result, feedback_on=day.isoformat(),
                          feedback_how=ON_THE_SPOT_FEEDBACK, satisfaction=satisfaction, closed_on=day.isoformat())
            drawn.log.append((day.isoformat(), "当场解决", RequestStatus.CLOSED, village_result))
            return drawn
        self._live(drawn, day, deadline, handling, department, result)
        return drawn

    def _live(self, drawn: Drawn, day: date, deadline: date | None, handling: str, department: str,
              result: str) -> None:
        """Its course up to today: started or referred, then closed (maybe after a second try) or not yet."""
        rng, today, values, log = self.rng, self.today, drawn.values, drawn.log
        if handling == REFERRED:
            values["status"] = RequestStatus.HANDED_OVER
            log.append((day.isoformat(), "转交", RequestStatus.HANDED_OVER, department))
            done = day + timedelta(days=rng.randint(15, 120))
        else:
            # Most are taken up within days; now and then the one in charge lets it wait.
            started = day + timedelta(days=rng.randint(0, 5) if rng.random() < SLOW_START[0] else
                                      rng.randint(*SLOW_START[1]))
            if started > today:
                return
            values["status"] = RequestStatus.IN_HAND
            log.append((started.isoformat(), "开始办理", RequestStatus.IN_HAND, ""))
            assert deadline is not None  # not referred and not settled on the spot: 限期办理, which has one
            planned = (deadline - day).days
            # Some finish late; one started late finishes no sooner than a day after it started.
            done = max(day + timedelta(days=round(planned * rng.uniform(0.3, 1.25))), started + timedelta(days=1))
        if rng.random() < STUCK[handling]:
            return
        feedback = done + timedelta(days=rng.randint(0, 3))
        for attempt in range(2):
            if feedback > today:
                return
            satisfaction = rng.choices(self.satisfaction, cum_weights=self.satisfaction_weights)[0] if attempt == 0 \
                else (SATISFIED if rng.random() < 0.6 else FAIRLY_SATISFIED)
            how = rng.choice(FEEDBACK)
            values.update(result=result, feedback_on=feedback.isoformat(), feedback_how=how,
                          satisfaction=satisfaction)
            if satisfaction != DISSATISFIED:
                values.update(status=RequestStatus.CLOSED, closed_on=feedback.isoformat())
                log.append((feedback.isoformat(), "办结", RequestStatus.CLOSED, f"{result}（{how}，{satisfaction}）"))
                return
            values.update(status=RequestStatus.IN_HAND, reopened=values["reopened"] + 1)
            log.append((feedback.isoformat(), "群众不满意，重新办理", RequestStatus.IN_HAND, result))
            result = f"再次办理：{result}"
            feedback += timedelta(days=rng.randint(7, 40))


__all__ = ["CATEGORIES", "TEMPLATES", "Drawn", "RequestDrawer"]
