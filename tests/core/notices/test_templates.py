"""Notice templates: the common kinds, their 落款 from the village profile, a draft core accepts."""

from __future__ import annotations

from datetime import date

import pytest

from villagedesk.core import notices
from villagedesk.core.notices import templates

DAY = date(2026, 11, 16)


@pytest.mark.parametrize(("key", "category", "kind", "title"), [
    ("finance", "财务公开", notices.FINANCE, "油溪桥村2026年10月村级财务收支公开"),
    ("dibao", "惠民政策", notices.RECIPIENTS, "油溪桥村2026年第四季度农村最低生活保障对象公示"),
    ("project", "工程项目", notices.FREE, "关于【项目名称】的公示"),
    ("resolution", "村务公开", notices.NO_TABLE, "关于【事项】的决议公开"),
])
def test_each_template_starts_a_draft_signed_by_the_village(profiled_store, key, category, kind, title):
    values = templates.draft_values(profiled_store, key, DAY)
    assert (values["category"], values["table_kind"], values["title"]) == (category, kind, title)
    assert values["issuer"] == "油溪桥村村民委员会" and values["issued_on"] == "2026-11-16"
    assert values["body"]
    table = notices.free_table(values["headers"], [["" for _ in values["headers"]]]) if kind == notices.FREE else None
    notice = notices.create_notice(profiled_store, table=table,
                                   **{k: values[k] for k in ("category", "title", "body", "issuer", "issued_on",
                                                              "table_title")})
    assert notice["issuer"] == "油溪桥村村民委员会" and notice["status"] == notices.DRAFT


def test_finances_are_for_the_month_just_ended(profiled_store):
    values = templates.draft_values(profiled_store, "finance", date(2027, 1, 5))
    assert values["title"] == "油溪桥村2026年12月村级财务收支公开"
    assert values["table_title"] == "2026年12月收支明细"


def test_every_template_is_listed_once_with_a_name(profiled_store):
    assert [t.key for t in templates.TEMPLATES] == ["finance", "dibao", "project", "resolution"]
    assert all(t.name for t in templates.TEMPLATES)
    project = templates.draft_values(profiled_store, "project", DAY)
    assert project["headers"][0] == "项目名称" and "投资金额（元）" in project["headers"]


def test_without_a_profile_the_village_is_a_blank_to_fill(store):
    values = templates.draft_values(store, "finance", DAY)
    assert values["title"].startswith("【村名】")
