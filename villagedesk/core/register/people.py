"""Households and persons: the village register every other area stands on."""

from __future__ import annotations

import re
from datetime import date

from villagedesk import clock
from villagedesk.core.common import ids, pinyin, records
from villagedesk.errors import UserError
from villagedesk.store import Store

HEAD = "户主"
RELATIONS = ("户主", "配偶", "子", "女", "儿媳", "女婿", "孙子", "孙女", "父亲", "母亲",
             "祖父", "祖母", "兄弟姐妹", "其他")
GENDERS = ("男", "女")
EDUCATION = ("未上学", "小学", "初中", "高中", "中专", "大专", "本科", "研究生")
POLITICAL = ("中共党员", "中共预备党员", "共青团员", "民主党派", "群众")
PARTY = ("中共党员", "中共预备党员")
ETHNICITIES = ("汉族", "苗族", "瑶族", "侗族", "土家族", "回族", "壮族", "白族", "维吾尔族",
               "满族", "蒙古族", "藏族", "彝族", "其他")

HOUSEHOLD_CODE = re.compile(r"^HH\d{3,6}$")
HOUSEHOLD_FIELDS = ("code", "group_name", "address", "phone")
PERSON_FIELDS = ("name", "gender", "ethnicity", "birth_date", "id_number", "relation",
                 "phone", "education", "political")


# --- households -----------------------------------------------------------

def next_household_code(store: Store) -> str:
    last = store.scalar(
        "SELECT max(CAST(substr(code, 3) AS INTEGER)) FROM households WHERE code GLOB 'HH[0-9]*'"
    )
    return f"HH{(last or 0) + 1:03d}"


def clean_household(store: Store, values: dict, household_id: int | None = None) -> dict:
    clean = {k: str(values.get(k) or "").strip() for k in HOUSEHOLD_FIELDS}
    clean["code"] = clean["code"].upper()
    clean["phone"] = ids.normalize_phone(clean["phone"])
    if not clean["code"]:
        raise UserError("请填写户编号（如 HH001）。", field="code")
    if not HOUSEHOLD_CODE.match(clean["code"]):
        raise UserError(f"户编号 {clean['code']} 格式不对，应为 HH 加 3–6 位数字，如 HH001。", field="code")
    other = store.row("SELECT id FROM households WHERE code = ?", (clean["code"],))
    if other and other["id"] != household_id:
        raise UserError(f"户编号 {clean['code']} 已被另一户使用，请换一个编号。", field="code")
    problem = ids.phone_problem(clean["phone"])
    if problem:
        raise UserError(problem + "。", field="phone")
    return clean


def add_household(store: Store, **values) -> dict:
    with store.atomic():
        return records.insert(store, "households", clean_household(store, values))


def update_household(store: Store, household_id: int, **values) -> dict:
    current = _household(store, household_id)
    merged = {**{k: current[k] for k in HOUSEHOLD_FIELDS}, **values}
    with store.atomic():
        clean = clean_household(store, merged, household_id)
        if clean["code"] != current["code"]:
            _recode_members(store, household_id, clean["code"])
        return records.update(store, "households", household_id, clean)


def archive_household(store: Store, household_id: int, reason: str) -> dict:
    """Archive a household and its current members; nothing is deleted."""
    reason = (reason or "").strip()
    if not reason:
        raise UserError("请写明归档原因（如：整户迁出）。", field="reason")
    household = _household(store, household_id)
    if household["archived"]:
        raise UserError(f"户 {household['code']} 已经归档（{household['archived_reason']}）。")
    _refuse_if_serving(store, [r["id"] for r in store.rows(
        "SELECT id FROM persons WHERE household_id = ? AND archived = 0", (household_id,))], clock.today())
    with store.atomic():
        for person in store.rows(
            "SELECT id FROM persons WHERE household_id = ? AND archived = 0", (household_id,)
        ):
            records.update(store, "persons", person["id"],
                           {"archived": 1, "archived_reason": reason}, action="archive")
        return records.update(store, "households", household_id,
                              {"archived": 1, "archived_reason": reason}, action="archive")


def restore_household(store: Store, household_id: int) -> dict:
    """Undo an archiving: the household and the members archived with it (same reason) come back."""
    household = _household(store, household_id)
    if not household["archived"]:
        raise UserError(f"户 {household['code']} 没有归档。")
    with store.atomic():
        for person in store.rows("SELECT id FROM persons WHERE household_id = ? AND archived = 1 "
                                 "AND archived_reason = ?", (household_id, household["archived_reason"])):
            records.update(store, "persons", person["id"], {"archived": 0, "archived_reason": ""},
                           action="restore")
        return records.update(store, "households", household_id,
                              {"archived": 0, "archived_reason": ""}, action="restore")


def get_household(store: Store, household_id: int) -> dict | None:
    return store.row(
        f"SELECT h.*, {_HEAD_NAME} AS head_name FROM households h WHERE h.id = ?", (household_id,)
    )


def household_by_code(store: Store, code: str) -> dict | None:
    return store.row("SELECT * FROM households WHERE code = ?", (code.strip().upper(),))


def members(store: Store, household_id: int, include_archived: bool = False) -> list[dict]:
    extra = "" if include_archived else "AND archived = 0"
    return store.rows(
        f"SELECT * FROM persons WHERE household_id = ? {extra} "
        "ORDER BY relation != '户主', code", (household_id,)
    )


def _household(store: Store, household_id: int) -> dict:
    row = records.get(store, "households", household_id)
    if row is None:
        raise UserError(f"找不到编号为 {household_id} 的户。")
    return row


def _recode_members(store: Store, household_id: int, new_code: str) -> None:
    for person in store.rows("SELECT id, code FROM persons WHERE household_id = ?", (household_id,)):
        suffix = person["code"].rsplit("-", 1)[-1]
        records.update(store, "persons", person["id"], {"code": f"{new_code}-{suffix}"})


# --- persons --------------------------------------------------------------

def parse_date(value) -> date | None:
    """Dates as clerks write them: 1980-01-02, 1980/1/2, 1980.01, 198001, 19800102."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value if not hasattr(value, "date") else value.date()
    text = str(value).strip().replace("年", "-").replace("月", "-").replace("日", "")
    text = re.sub(r"[./]", "-", text).strip("-")
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    elif re.fullmatch(r"\d{6}", text):
        text = f"{text[:4]}-{text[4:]}"
    parts = text.split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 2:
            numbers.append(1)
        if len(numbers) != 3:
            return None
        return date(*numbers)
    except ValueError:
        return None


def clean_person(store: Store, values: dict, person_id: int | None = None) -> dict:
    """Validate a person; gender and birth date come from the ID number when given."""
    clean = {k: values.get(k) for k in PERSON_FIELDS}
    for key in PERSON_FIELDS:
        if key != "birth_date":
            clean[key] = str(clean[key] or "").strip()
    if not clean["name"]:
        raise UserError("请填写姓名。", field="name")
    if len(clean["name"]) > 20:
        raise UserError("姓名太长（最多 20 个字）。", field="name")
    clean["id_number"] = ids.normalize_id(clean["id_number"]) or None
    clean["phone"] = ids.normalize_phone(clean["phone"])
    born = parse_date(clean["birth_date"])
    if clean["birth_date"] not in (None, "") and born is None:
        raise UserError(f"出生日期 {clean['birth_date']} 看不懂，请写成 1980-01-02。", field="birth_date")
    number = clean["id_number"]
    if number:
        problem = ids.id_number_problem(number)
        if problem:
            raise UserError(problem + "。", field="id_number")
        id_born, id_sex = ids.id_birth_date(number), ids.id_gender(number)
        if clean["gender"] and clean["gender"] != id_sex:
            raise UserError(f"性别填的是{clean['gender']}，但身份证号显示为{id_sex}，请核对。", field="gender")
        if born and (born.year, born.month) != (id_born.year, id_born.month):
            raise UserError(
                f"出生日期 {born.isoformat()} 与身份证号中的 {id_born.isoformat()} 不一致，请核对。",
                field="birth_date",
            )
        clean["gender"], born = id_sex, id_born
        other = store.row("SELECT id, name, code FROM persons WHERE id_number = ?", (number,))
        if other and other["id"] != person_id:
            raise UserError(
                f"身份证号 {number} 已登记给 {other['name']}（{other['code']}），同一个号码不能登记两次。",
                field="id_number",
            )
    if clean["gender"] and clean["gender"] not in GENDERS:
        raise UserError("性别应为 男 或 女。", field="gender")
    if born and born > clock.today():
        raise UserError("出生日期不能晚于今天。", field="birth_date")
    clean["birth_date"] = born.isoformat() if born else None
    if clean["relation"] and clean["relation"] not in RELATIONS:
        raise UserError(f"与户主关系“{clean['relation']}”不在列表中：{'、'.join(RELATIONS)}。", field="relation")
    problem = ids.phone_problem(clean["phone"])
    if problem:
        raise UserError(problem + "。", field="phone")
    clean["initials"] = pinyin.initials(clean["name"])
    return clean


def _check_one_head(store: Store, household_id: int, relation: str, person_id: int | None) -> None:
    if relation != HEAD:
        return
    head = store.row(
        "SELECT id, name FROM persons WHERE household_id = ? AND relation = ? AND archived = 0",
        (household_id, HEAD),
    )
    if head and head["id"] != person_id:
        raise UserError(f"这一户已有户主 {head['name']}，一户只能有一位户主。", field="relation")


def next_person_code(store: Store, household: dict) -> str:
    last = store.scalar(
        "SELECT max(CAST(substr(code, instr(code, '-P') + 2) AS INTEGER)) FROM persons "
        "WHERE household_id = ?", (household["id"],)
    )
    return f"{household['code']}-P{(last or 0) + 1:02d}"


def add_person(store: Store, household_id: int, **values) -> dict:
    household = _household(store, household_id)
    if household["archived"]:
        raise UserError(f"户 {household['code']} 已归档，不能再添加成员。")
    with store.atomic():
        clean = clean_person(store, values)
        _check_one_head(store, household_id, clean["relation"], None)
        clean["household_id"] = household_id
        clean["code"] = next_person_code(store, household)
        return records.insert(store, "persons", clean)


def update_person(store: Store, person_id: int, **values) -> dict:
    current = _person(store, person_id)
    merged = {**{k: current[k] for k in PERSON_FIELDS}, **values}
    with store.atomic():
        clean = clean_person(store, merged, person_id)
        if not current["archived"]:
            _check_one_head(store, current["household_id"], clean["relation"], person_id)
        return records.update(store, "persons", person_id, clean)


def move_person(store: Store, person_id: int, household_id: int, relation: str) -> dict:
    """Move a person to another household; the code follows the new household."""
    person = _person(store, person_id)
    target = _household(store, household_id)
    if person["archived"]:
        raise UserError(f"{person['name']} 已归档，不能迁移。")
    if target["archived"]:
        raise UserError(f"户 {target['code']} 已归档，不能迁入。")
    if target["id"] == person["household_id"]:
        raise UserError(f"{person['name']} 已经在户 {target['code']} 中。")
    relation = (relation or "").strip()
    if relation not in RELATIONS:
        raise UserError("请选择迁入后与户主的关系。", field="relation")
    with store.atomic():
        _check_one_head(store, household_id, relation, person_id)
        return records.update(
            store, "persons", person_id,
            {"household_id": household_id, "relation": relation,
             "code": next_person_code(store, target)},
            action="move",
        )


def _refuse_if_serving(store: Store, person_ids: list[int], day: date) -> None:
    """A committee member in office cannot leave the register unnoticed: end the post first."""
    if not person_ids:
        return
    marks = ",".join("?" * len(person_ids))
    serving = store.row(
        f"SELECT s.name, p.body, p.role FROM posts p JOIN terms t ON t.id = p.term_id "
        f"JOIN persons s ON s.id = p.person_id WHERE p.person_id IN ({marks}) AND p.start_date <= ? "
        f"AND coalesce(p.end_date, t.end_date) >= ?", (*person_ids, day.isoformat(), day.isoformat()))
    if serving:
        raise UserError(f"{serving['name']} 正在{serving['body']}任{serving['role']}，不能归档。"
                        "请先在“两委成员”页办理离任登记。", field="reason")


def archive_person(store: Store, person_id: int, reason: str) -> dict:
    reason = (reason or "").strip()
    if not reason:
        raise UserError("请写明归档原因（如：迁出、去世）。", field="reason")
    person = _person(store, person_id)
    if person["archived"]:
        raise UserError(f"{person['name']} 已经归档（{person['archived_reason']}）。")
    _refuse_if_serving(store, [person_id], clock.today())
    return records.update(store, "persons", person_id,
                          {"archived": 1, "archived_reason": reason}, action="archive")


def restore_person(store: Store, person_id: int) -> dict:
    person = _person(store, person_id)
    if not person["archived"]:
        raise UserError(f"{person['name']} 没有归档。")
    household = _household(store, person["household_id"])
    if household["archived"]:
        raise UserError(f"{person['name']} 所在的户 {household['code']} 已归档，请先恢复这一户。")
    with store.atomic():
        _check_one_head(store, person["household_id"], person["relation"], person_id)
        return records.update(store, "persons", person_id,
                              {"archived": 0, "archived_reason": ""}, action="restore")


def get_person(store: Store, person_id: int) -> dict | None:
    return store.row(
        "SELECT p.*, h.code AS household_code, h.group_name FROM persons p "
        "JOIN households h ON h.id = p.household_id WHERE p.id = ?", (person_id,)
    )


def _person(store: Store, person_id: int) -> dict:
    row = records.get(store, "persons", person_id)
    if row is None:
        raise UserError(f"找不到编号为 {person_id} 的人员。")
    return row


def counts(store: Store) -> dict:
    return {
        "households": store.scalar("SELECT count(*) FROM households WHERE archived = 0"),
        "persons": store.scalar("SELECT count(*) FROM persons WHERE archived = 0"),
    }


_HEAD_NAME = (
    "(SELECT name FROM persons hp WHERE hp.household_id = h.id AND hp.relation = '户主' "
    "AND hp.archived = 0)"
)
