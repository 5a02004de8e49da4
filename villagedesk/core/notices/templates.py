"""Notice templates for the kinds every village posts (docs/DOMAIN.md §4.8).

A template is the start of a draft: category, title, the opening of the body, the
table it needs (a finance statement, a recipient list, a project table or none) and the
落款 (issuing body and date) taken from the village profile.  What only the clerk knows
is marked 【…】 in the text, to be replaced before review.  The draft is written by
:func:`villagedesk.core.notices.create_notice` like any other: a template writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from villagedesk import clock
from villagedesk.core.common import periods
from villagedesk.core.common.village import get_profile
from villagedesk.core.notices._drafts import default_issuer
from villagedesk.core.notices.model import FINANCE, FREE, NO_TABLE, RECIPIENTS
from villagedesk.store import Store

#: How a blank the clerk must fill in is marked in a template's text.
BLANK_OPEN, BLANK_CLOSE = "【", "】"


@dataclass(frozen=True)
class Template:
    key: str
    name: str  # as the 从模板新建 menu lists it
    category: str
    table_kind: str
    headers: tuple[str, ...] = ()  # a free table's columns


TEMPLATES = (
    Template("finance", "财务收支公开", "财务公开", FINANCE),
    Template("dibao", "低保对象公示", "惠民政策", RECIPIENTS),
    Template("project", "工程项目公示", "工程项目", FREE,
             ("项目名称", "建设地点", "建设内容", "资金来源", "投资金额（元）", "施工单位", "工期")),
    Template("resolution", "会议决议公开", "村务公开", NO_TABLE),
)
BY_KEY = {t.key: t for t in TEMPLATES}


def _blank(what: str) -> str:
    return f"{BLANK_OPEN}{what}{BLANK_CLOSE}"


def draft_values(store: Store, key: str, today: date | None = None) -> dict:
    """The draft a template starts: create_notice's fields (category, title, body, issuer, issued_on,
    table_title), plus ``table_kind`` and, for a free table, its ``headers``.

    Finances are posted for the month just ended, subsidy lists for the quarter under way.
    """
    template = BY_KEY[key]
    today = today or clock.today()
    profile = get_profile(store)
    village = profile.name if profile else _blank("村名")
    if key == "finance":
        month = periods.of(today.replace(day=1) - timedelta(days=1), "month")
        when = f"{month.start.year}年{month.start.month}月"
        title = f"{village}{when}村级财务收支公开"
        body = (f"根据村务公开的有关规定，现将本村{when}财务收支情况公布如下，"
                "请广大村民监督。对收支有疑问的，可向村务监督委员会查询。")
        table_title = f"{when}收支明细"
    elif key == "dibao":
        quarter = periods.of(today, "quarter")
        when = f"{quarter.start.year}年第{'一二三四'[(quarter.start.month - 1) // 3]}季度"
        title = f"{village}{when}农村最低生活保障对象公示"
        body = ("根据社会救助和最低生活保障审核确认的有关规定，经本人申请、村民委员会入户调查、"
                f"民主评议，拟将以下{_blank('人数')}人纳入农村最低生活保障，现予公示，"
                "公示期为 7 个工作日。")
        table_title = "拟享受最低生活保障对象名单"
    elif key == "project":
        title = f"关于{_blank('项目名称')}的公示"
        body = (f"经{_blank('日期')}村民代表会议讨论通过，本村拟实施{_blank('项目名称')}，"
                "现将项目基本情况公示如下，接受村民监督。")
        table_title = "项目基本情况"
    else:
        title = f"关于{_blank('事项')}的决议公开"
        body = (f"{_blank('日期')}，本村召开{_blank('村民代表会议')}，应到{_blank('人数')}人，"
                f"实到{_blank('人数')}人，会议讨论了{_blank('事项')}，经表决形成决议如下：\n"
                f"一、{_blank('决议内容')}\n现将决议公开，接受村民监督。")
        table_title = ""
    return {"category": template.category, "title": title, "body": body,
            "issuer": default_issuer(store, template.category), "issued_on": today.isoformat(),
            "table_title": table_title, "table_kind": template.table_kind, "headers": template.headers}
