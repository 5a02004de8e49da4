"""Excel sheets of the committee area: 两委成员, 届次, 培训记录, 年度考核.

The township's internal workbook: full ID numbers and phones.  One row per
post (a person with two posts has two rows, joined by 人员编号), one row per
training attendee (joined to the training by 培训编号).  Headers are a
contract (see ``excel``): never renamed or moved, new columns go at the end.

Whether a post is 在任 / 离任 / 未到任 is never stored: it is derived from the
dates on the day of the export (``committee.status``).
"""

from __future__ import annotations

from datetime import date

from villagedesk.core.committee import roster as committee
from villagedesk.core.common import codes
from villagedesk.documents.excel.spec import Col, SheetSpec

_BODY_ORDER = "CASE p.body WHEN '村党组织' THEN 0 WHEN '村民委员会' THEN 1 ELSE 2 END"
_ROLE_ORDER = "CASE WHEN p.role IN ('书记', '主任') THEN 0 WHEN p.role IN ('副书记', '副主任') THEN 1 ELSE 2 END"
_PERSON_ORDER = "length(s.code), s.code"

# A head post (党组织书记 / 村委会主任) held by someone who, at an overlapping time,
# also holds the other one: the same rule as committee.both_heads.
_OTHER_HEAD = """EXISTS (
    SELECT 1 FROM posts q JOIN terms u ON u.id = q.term_id
    WHERE q.person_id = p.person_id AND q.body = '{body}' AND q.role = '{role}'
      AND q.start_date <= coalesce(p.end_date, t.end_date)
      AND p.start_date <= coalesce(q.end_date, u.end_date))"""
_BOTH_HEADS = (
    f"CASE WHEN (p.body = '{committee.PARTY}' AND p.role = '书记' "
    f"AND {_OTHER_HEAD.format(body=committee.VILLAGE, role='主任')}) "
    f"OR (p.body = '{committee.VILLAGE}' AND p.role = '主任' "
    f"AND {_OTHER_HEAD.format(body=committee.PARTY, role='书记')}) THEN '是' ELSE '否' END"
)


def _post_status(today: date | None):
    """The ``derive`` hook of 两委成员: 状态 from the dates, and when a post ran to the
    end of its term without an end date, 离任时间 = the term's end and 离任原因 = 届满."""

    def derive(row: dict) -> dict:
        state = committee.status(row, {"end_date": row["term_end"]}, today)
        values = {"status": state}
        if state == committee.LEFT and not row["end_date"]:
            values.update(end_date=row["term_end"], end_reason="届满")
        return values

    return derive


POST_COLUMNS = (
    Col("职务编号", "post_code", width=10),
    Col("人员编号", "person_code", width=13),
    Col("姓名", "name", width=10),
    Col("性别", "gender", width=6),
    Col("民族", "ethnicity", width=8),
    Col("出生年月", "birth_date", "date"),
    Col("身份证号", "id_number", "id", width=21, personal=True),
    Col("政治面貌", "political", width=14),
    Col("文化程度", "education"),
    Col("机构", "body", width=16),
    Col("职务", "role", width=8),
    Col("届次", "term_number", "int", width=6),
    Col("任职时间", "start_date", "date"),
    Col("离任时间", "end_date", "date"),
    Col("离任原因", "end_reason", width=10),
    Col("状态", "status", width=8),
    Col("联系电话", "phone", "id", width=15, personal=True),
    Col("住址", "address", width=30),
    Col("是否一肩挑", "both_heads", width=10),
    Col("唯一标识", "uid", width=38),
    Col("更新时间", "updated_at", "datetime"),
)


def posts_sheet(today: date | None = None) -> SheetSpec:
    """两委成员 with 状态 as on ``today`` (default: the day the rows are written)."""
    return SheetSpec(
        title="两委成员",
        columns=POST_COLUMNS,
        sql=f"""
            SELECT {codes.POST.sql("p.id")} AS post_code, s.code AS person_code, s.name, s.gender,
                   s.ethnicity, s.birth_date, s.id_number, s.political, s.education, p.body, p.role,
                   t.number AS term_number, t.end_date AS term_end, p.start_date, p.end_date,
                   p.end_reason, s.phone, h.address, {_BOTH_HEADS} AS both_heads, p.uid, p.updated_at
            FROM posts p JOIN terms t ON t.id = p.term_id JOIN persons s ON s.id = p.person_id
            JOIN households h ON h.id = s.household_id
            ORDER BY t.number, {_BODY_ORDER}, {_ROLE_ORDER}, p.start_date, {_PERSON_ORDER}, p.id""",
        count_sql="SELECT count(*) FROM posts",
        derive=_post_status(today),
    )


POSTS = posts_sheet()

TERMS = SheetSpec(
    title="届次",
    columns=(
        Col("届次", "number", "int", width=6),
        Col("选举日期", "election_date", "date"),
        Col("任期开始", "start_date", "date"),
        Col("任期结束", "end_date", "date"),
        Col("备注", "note", width=20),
        Col("唯一标识", "uid", width=38),
        Col("更新时间", "updated_at", "datetime"),
    ),
    sql="SELECT number, election_date, start_date, end_date, note, uid, updated_at FROM terms ORDER BY number",
    count_sql="SELECT count(*) FROM terms",
)

TRAININGS = SheetSpec(
    title="培训记录",
    columns=(
        Col("培训编号", "training_code", width=10),
        Col("日期", "date", "date"),
        Col("培训内容", "topic", width=30),
        Col("学时", "hours", "number", width=6),
        Col("组织单位", "organiser", width=20),
        Col("人员编号", "person_code", width=13),
        Col("姓名", "name", width=10),
        Col("备注", "note", width=16),
        Col("培训唯一标识", "training_uid", width=38),
        Col("唯一标识", "uid", width=38),
        Col("更新时间", "updated_at", "datetime"),
    ),
    sql=f"""
        SELECT {codes.TRAINING.sql("t.id")} AS training_code, t.date, t.topic, t.hours, t.organiser,
               s.code AS person_code, s.name, t.note, t.uid AS training_uid, a.uid,
               max(t.updated_at, a.updated_at) AS updated_at
        FROM training_attendees a JOIN trainings t ON t.id = a.training_id
        JOIN persons s ON s.id = a.person_id
        ORDER BY t.date, t.id, {_PERSON_ORDER}""",
    count_sql="SELECT count(*) FROM training_attendees",
)

APPRAISALS = SheetSpec(
    title="年度考核",
    columns=(
        Col("人员编号", "person_code", width=13),
        Col("姓名", "name", width=10),
        Col("年度", "year", "int", width=6),
        Col("考核结果", "result", width=10),
        Col("备注", "note", width=20),
        Col("唯一标识", "uid", width=38),
        Col("更新时间", "updated_at", "datetime"),
    ),
    sql=f"""
        SELECT s.code AS person_code, s.name, a.year, a.result, a.note, a.uid, a.updated_at
        FROM appraisals a JOIN persons s ON s.id = a.person_id
        ORDER BY a.year, {_PERSON_ORDER}""",
    count_sql="SELECT count(*) FROM appraisals",
)

# In workbook order, after the register's sheets.
COMMITTEE_SHEETS: tuple[SheetSpec, ...] = (POSTS, TERMS, TRAININGS, APPRAISALS)


def committee_sheets(today: date | None = None) -> tuple[SheetSpec, ...]:
    """The committee sheets with 状态 as on ``today``."""
    return (posts_sheet(today), TERMS, TRAININGS, APPRAISALS)


__all__ = ["APPRAISALS", "COMMITTEE_SHEETS", "POSTS", "POST_COLUMNS", "TERMS", "TRAININGS", "committee_sheets",
           "posts_sheet"]
