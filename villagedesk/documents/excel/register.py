"""The register's sheets: 户 (households) and 人员 (persons), the first two of every workbook."""

from __future__ import annotations

from villagedesk.core.register.people import head_name_sql
from villagedesk.documents.excel.spec import Col, SheetSpec

_STATUS = "CASE {t}.archived WHEN 1 THEN '已归档' ELSE '在册' END"
# Codes grow past HH999, so sort by length first to keep HH1000 after HH999.
_CODE_ORDER = "length({t}.code), {t}.code"

HOUSEHOLDS = SheetSpec(
    title="户",
    columns=(
        Col("户编号", "code", width=10),
        Col("户主", "head_name", width=10),
        Col("村民小组", "group_name"),
        Col("住址", "address", width=30),
        Col("联系电话", "phone", "id", width=15, personal=True),
        Col("在册人数", "member_count", "int"),
        Col("状态", "status", width=8),
        Col("归档原因", "archived_reason", width=16),
        Col("唯一标识", "uid", width=38),
        Col("更新时间", "updated_at", "datetime"),
    ),
    # An archived household has only archived members: name its last head then.
    sql=f"""
        SELECT h.code, h.group_name, h.address, h.phone, h.archived_reason, h.uid, h.updated_at,
               {head_name_sql("h.id", former="last")} AS head_name,
               (SELECT count(*) FROM persons mp WHERE mp.household_id = h.id AND mp.archived = 0)
                AS member_count,
               {_STATUS.format(t="h")} AS status
        FROM households h ORDER BY {_CODE_ORDER.format(t="h")}""",
    count_sql="SELECT count(*) FROM households",
)

PERSONS = SheetSpec(
    title="人员",
    columns=(
        Col("人员编号", "code", width=13),
        Col("户编号", "household_code", width=10),
        Col("姓名", "name", width=10),
        Col("性别", "gender", width=6),
        Col("民族", "ethnicity", width=8),
        Col("出生日期", "birth_date", "date"),
        Col("身份证号", "id_number", "id", width=21, personal=True),
        Col("与户主关系", "relation"),
        Col("联系电话", "phone", "id", width=15, personal=True),
        Col("文化程度", "education"),
        Col("政治面貌", "political", width=14),
        Col("状态", "status", width=8),
        Col("归档原因", "archived_reason", width=16),
        Col("唯一标识", "uid", width=38),
        Col("更新时间", "updated_at", "datetime"),
    ),
    sql=f"""
        SELECT p.code, h.code AS household_code, p.name, p.gender, p.ethnicity, p.birth_date,
               p.id_number, p.relation, p.phone, p.education, p.political,
               {_STATUS.format(t="p")} AS status, p.archived_reason, p.uid, p.updated_at
        FROM persons p JOIN households h ON h.id = p.household_id
        ORDER BY {_CODE_ORDER.format(t="h")}, {_CODE_ORDER.format(t="p")}""",
    count_sql="SELECT count(*) FROM persons",
)

HOUSEHOLD_SHEETS: tuple[SheetSpec, ...] = (HOUSEHOLDS, PERSONS)
