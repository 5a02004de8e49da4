"""村民花名册: the internal household register, with full ID numbers and phones.

One table for the whole village: a shaded line per household (户编号, 户主,
村民小组, 住址, 电话, 人数) followed by its members; a household is kept on one
page, and the column header repeats on every page.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from reportlab.platypus import Spacer

from villagedesk import clock
from villagedesk.core.common import village
from villagedesk.core.register import people
from villagedesk.documents.pdf import messages
from villagedesk.documents.pdf.base import (
    BODY,
    MISSING,
    Progress,
    Section,
    build_pdf,
    data_table,
    para,
    uncovered,
)
from villagedesk.documents.protect import OpenPassword
from villagedesk.errors import UserError
from villagedesk.store import Store

TITLE = "村民花名册"

# (header, person key, relative width, alignment); widths fit 18-digit IDs and
# 13-character landlines on one line in landscape A4 at 9.5 pt.
COLUMNS = (
    ("人员编号", "code", 70, "LEFT"),
    ("姓名", "name", 62, "LEFT"),
    ("性别", "gender", 30, "CENTER"),
    ("民族", "ethnicity", 44, "CENTER"),
    ("出生日期", "birth_date", 62, "CENTER"),
    ("身份证号", "id_number", 112, "LEFT"),
    ("与户主关系", "relation", 56, "CENTER"),
    ("文化程度", "education", 48, "CENTER"),
    ("政治面貌", "political", 62, "CENTER"),
    ("联系电话", "phone", 78, "LEFT"),
)
NOTE_COLUMN = ("备注", "note", 70, "LEFT")

# Codes are HH + 3–6 digits: order by the number so HH1000 follows HH999.
_CODE_ORDER = "CAST(substr({t}.code, 3) AS INTEGER), {t}.code"
_PERSON_ORDER = "CAST(substr(p.code, instr(p.code, '-P') + 2) AS INTEGER), p.code"


def _households(store: Store, include_archived: bool) -> list[dict]:
    where = "" if include_archived else "WHERE h.archived = 0"
    return store.rows(
        "SELECT h.id, h.code, h.group_name, h.address, h.phone, h.archived, h.archived_reason, "
        f"{people.head_name_sql('h.id', former='first')} AS head_name "
        f"FROM households h {where} ORDER BY {_CODE_ORDER.format(t='h')}"
    )


def _members(store: Store, include_archived: bool) -> dict[int, list[dict]]:
    where = "" if include_archived else "WHERE p.archived = 0 AND h.archived = 0"
    found: dict[int, list[dict]] = defaultdict(list)
    for person in store.rows(
        "SELECT p.household_id, p.code, p.name, p.gender, p.ethnicity, p.birth_date, p.id_number, "
        "p.relation, p.education, p.political, p.phone, p.archived, p.archived_reason "
        f"FROM persons p JOIN households h ON h.id = p.household_id {where} "
        f"ORDER BY p.household_id, p.archived, {people.heads_first('p')}, {_PERSON_ORDER}"
    ):
        found[person["household_id"]].append(person)
    return found


def _household_line(house: dict, people: list[dict]) -> str:
    current = sum(1 for p in people if not p["archived"])
    gone = len(people) - current
    parts = [house["code"], f"户主：{house['head_name'] or '（未登记）'}"]
    if house["group_name"]:
        parts.append(f"村民小组：{house['group_name']}")
    if house["address"]:
        parts.append(f"住址：{house['address']}")
    if house["phone"]:
        parts.append(f"电话：{house['phone']}")
    parts.append(f"人数：{current}" + (f"（另有已归档 {gone} 人）" if gone else ""))
    if house["archived"]:
        parts.append(f"【已归档：{house['archived_reason'] or '未写原因'}】")
    return "　".join(parts)


def _person_row(person: dict, columns) -> list:
    if person["archived"]:
        person = {**person, "note": f"已归档：{person['archived_reason'] or '未写原因'}"}
    return [person.get(key) for _, key, _, _ in columns]


def print_households(store: Store, path: Path | str, *, include_archived: bool = False,
                     progress: Progress | None = None, password: OpenPassword | None = None) -> Path:
    """Print the register to ``path`` (A4 landscape, 内部资料; encrypted with ``password`` when
    given) and return the path."""
    profile = village.get_profile(store)
    if profile is None:
        raise UserError(messages.NO_PROFILE)
    columns = COLUMNS + (NOTE_COLUMN,) if include_archived else COLUMNS
    households = _households(store, include_archived)
    members = _members(store, include_archived)

    rows: list = []
    people_count = archived_people = archived_houses = 0
    rare: list[str] = []  # person codes whose name or address has a character no font has
    for house in households:
        people = members.get(house["id"], [])
        rows.append(Section(_household_line(house, people)))
        if house["archived"]:
            archived_houses += 1
        if uncovered(house["address"]):
            rare.append(house["code"])
        if not people:
            rows.append(["", "（无成员）"])
        for person in people:
            rows.append(_person_row(person, columns))
            if person["archived"]:
                archived_people += 1
            else:
                people_count += 1
            if uncovered(person["name"]):
                rare.append(person["code"])
    if not households:
        rows.append(Section("尚未登记任何户。"))

    table = data_table([c[0] for c in columns], rows, [c[2] for c in columns],
                       align=[c[3] for c in columns], zebra=False, font_size=9.5)
    total_line = f"合计：{len(households) - archived_houses} 户，{people_count} 人。"
    if include_archived:
        total_line += f"另列已归档 {archived_houses} 户、{archived_people} 人（含已归档户的成员）。"
    story = [table, Spacer(1, 8), para(total_line, BODY)]
    if rare:
        shown = "、".join(rare[:30]) + ("等" if len(rare) > 30 else "")
        story.append(para(f"注：{shown} 的姓名或住址中有本机字体没有的生僻字，已印作“{MISSING}”，"
                          "请在纸上手工补写。", BODY))
    story.append(Spacer(1, 14))
    story.append(para(f"制表人：{profile.clerk}　　　　审核人：＿＿＿＿＿＿　　　　"
                      f"制表日期：{clock.today().isoformat()}", BODY))
    subtitle = "（含已归档户和人员）" if include_archived else ""
    return build_pdf(path, title=TITLE, profile=profile, story=story, landscape=True, internal=True,
                     subtitle=subtitle, progress=progress, full_ids=True, password=password)
