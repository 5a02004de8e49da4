"""Households and persons: the village register every other area stands on."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from villagedesk import clock
from villagedesk.core.common import ids, pinyin, records
from villagedesk.core.common import messages as common_messages
from villagedesk.core.common.dates import parse_date
from villagedesk.core.register import messages
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
        raise UserError(messages.HOUSEHOLD_CODE_MISSING, field="code")
    if not HOUSEHOLD_CODE.match(clean["code"]):
        raise UserError(messages.HOUSEHOLD_CODE_FORMAT.format(code=clean["code"]), field="code")
    other = store.row("SELECT id FROM households WHERE code = ?", (clean["code"],))
    if other and other["id"] != household_id:
        raise UserError(messages.HOUSEHOLD_CODE_TAKEN.format(code=clean["code"]), field="code")
    problem = ids.phone_problem(clean["phone"])
    if problem:
        raise UserError(common_messages.SENTENCE.format(reason=problem), field="phone")
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
        raise UserError(messages.HOUSEHOLD_ARCHIVE_REASON_MISSING, field="reason")
    household = _household(store, household_id)
    if household["archived"]:
        raise UserError(messages.HOUSEHOLD_ALREADY_ARCHIVED.format(
            code=household["code"], reason=household["archived_reason"]))
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
        raise UserError(messages.HOUSEHOLD_NOT_ARCHIVED.format(code=household["code"]))
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
        f"ORDER BY {heads_first()}, code", (household_id,)
    )


def _household(store: Store, household_id: int) -> dict:
    row = records.get(store, "households", household_id)
    if row is None:
        raise UserError(messages.NO_SUCH_HOUSEHOLD.format(household_id=household_id))
    return row


def _recode_members(store: Store, household_id: int, new_code: str) -> None:
    for person in store.rows("SELECT id, code FROM persons WHERE household_id = ?", (household_id,)):
        suffix = person["code"].rsplit("-", 1)[-1]
        records.update(store, "persons", person["id"], {"code": f"{new_code}-{suffix}"})


# --- persons --------------------------------------------------------------

def clean_person(store: Store, values: dict, person_id: int | None = None) -> dict:
    """Validate a person; gender and birth date come from the ID number when given."""
    clean: dict[str, Any] = {k: values.get(k) for k in PERSON_FIELDS}
    for key in PERSON_FIELDS:
        if key != "birth_date":
            clean[key] = str(clean[key] or "").strip()
    if not clean["name"]:
        raise UserError(messages.NAME_MISSING, field="name")
    if len(clean["name"]) > 20:
        raise UserError(messages.NAME_TOO_LONG, field="name")
    clean["id_number"] = ids.normalize_id(clean["id_number"]) or None
    clean["phone"] = ids.normalize_phone(clean["phone"])
    born = parse_date(clean["birth_date"])
    if clean["birth_date"] not in (None, "") and born is None:
        raise UserError(messages.BIRTH_DATE_UNREADABLE.format(birth_date=clean["birth_date"]), field="birth_date")
    number = clean["id_number"]
    if number:
        problem = ids.id_number_problem(number)
        if problem:
            raise UserError(common_messages.SENTENCE.format(reason=problem), field="id_number")
        id_born, id_sex = ids.id_birth_date(number), ids.id_gender(number)
        assert id_born is not None  # id_number_problem has checked its birth date is a real day
        if clean["gender"] and clean["gender"] != id_sex:
            raise UserError(messages.GENDER_AGAINST_ID.format(gender=clean["gender"], id_sex=id_sex), field="gender")
        if born and (born.year, born.month) != (id_born.year, id_born.month):
            raise UserError(
                messages.BIRTH_DATE_AGAINST_ID.format(born=born.isoformat(), id_born=id_born.isoformat()),
                field="birth_date",
            )
        clean["gender"], born = id_sex, id_born
        other = store.row("SELECT id, name, code FROM persons WHERE id_number = ?", (number,))
        if other and other["id"] != person_id:
            raise UserError(
                messages.ID_NUMBER_TAKEN.format(number=number, name=other["name"], code=other["code"]),
                field="id_number",
            )
    if clean["gender"] and clean["gender"] not in GENDERS:
        raise UserError(messages.GENDER_CHOICES, field="gender")
    if born and born > clock.today():
        raise UserError(messages.BIRTH_DATE_IN_FUTURE, field="birth_date")
    clean["birth_date"] = born.isoformat() if born else None
    if clean["relation"] and clean["relation"] not in RELATIONS:
        raise UserError(messages.RELATION_CHOICES.format(
            relation=clean["relation"], choices=common_messages.LIST_SEPARATOR.join(RELATIONS)), field="relation")
    problem = ids.phone_problem(clean["phone"])
    if problem:
        raise UserError(common_messages.SENTENCE.format(reason=problem), field="phone")
    clean["initials"] = pinyin.initials(clean["name"])
    clean["pinyin"] = pinyin.spelled(clean["name"])
    return clean


def _check_one_head(store: Store, household_id: int, relation: str, person_id: int | None) -> None:
    if relation != HEAD:
        return
    head = store.row(
        "SELECT id, name FROM persons WHERE household_id = ? AND relation = ? AND archived = 0",
        (household_id, HEAD),
    )
    if head and head["id"] != person_id:
        raise UserError(messages.HEAD_ALREADY_THERE.format(head=head["name"]), field="relation")


def next_person_code(store: Store, household: dict) -> str:
    last = store.scalar(
        "SELECT max(CAST(substr(code, instr(code, '-P') + 2) AS INTEGER)) FROM persons "
        "WHERE household_id = ?", (household["id"],)
    )
    return f"{household['code']}-P{(last or 0) + 1:02d}"


def add_person(store: Store, household_id: int, **values) -> dict:
    household = _household(store, household_id)
    if household["archived"]:
        raise UserError(messages.HOUSEHOLD_ARCHIVED_NO_NEW_MEMBERS.format(code=household["code"]))
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
        raise UserError(messages.PERSON_ARCHIVED_NO_MOVE.format(name=person["name"]))
    if target["archived"]:
        raise UserError(messages.HOUSEHOLD_ARCHIVED_NO_MOVE_IN.format(code=target["code"]))
    if target["id"] == person["household_id"]:
        raise UserError(messages.PERSON_ALREADY_IN_HOUSEHOLD.format(name=person["name"], code=target["code"]))
    relation = (relation or "").strip()
    if relation not in RELATIONS:
        raise UserError(messages.MOVE_RELATION_MISSING, field="relation")
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
        raise UserError(messages.PERSON_SERVING_NO_ARCHIVE.format(
            name=serving["name"], body=serving["body"], role=serving["role"]), field="reason")


def archive_person(store: Store, person_id: int, reason: str) -> dict:
    reason = (reason or "").strip()
    if not reason:
        raise UserError(messages.PERSON_ARCHIVE_REASON_MISSING, field="reason")
    person = _person(store, person_id)
    if person["archived"]:
        raise UserError(messages.PERSON_ALREADY_ARCHIVED.format(
            name=person["name"], reason=person["archived_reason"]))
    _refuse_if_serving(store, [person_id], clock.today())
    return records.update(store, "persons", person_id,
                          {"archived": 1, "archived_reason": reason}, action="archive")


def restore_person(store: Store, person_id: int) -> dict:
    person = _person(store, person_id)
    if not person["archived"]:
        raise UserError(messages.PERSON_NOT_ARCHIVED.format(name=person["name"]))
    household = _household(store, person["household_id"])
    if household["archived"]:
        raise UserError(messages.PERSON_HOUSEHOLD_ARCHIVED.format(name=person["name"], code=household["code"]))
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
        raise UserError(messages.NO_SUCH_PERSON.format(person_id=person_id))
    return row


def counts(store: Store) -> dict:
    return {
        "households": store.scalar("SELECT count(*) FROM households WHERE archived = 0"),
        "persons": store.scalar("SELECT count(*) FROM persons WHERE archived = 0"),
    }


# --- the head of a household, as SQL ---------------------------------------------------
# Every list, sheet and printout names a household by its head through these, so the rule
# (who counts as the head, and whom an archived household names) is written once.  HEAD is
# spelled into the SQL, not bound: SQLite uses the partial index persons_one_head only
# when the query carries its literal condition.

FORMER = ("first", "last")


def is_head_sql(alias: str) -> str:
    """The condition that the persons row ``alias`` is (or was, when archived) a household's head."""
    return f"{alias}.relation = '{HEAD}'"


def heads_sql(alias: str = "hp", household: str | None = None) -> str:
    """``persons <alias> WHERE <alias> is a head`` (current or former), of the household whose
    id is the SQL expression ``household`` when given: the FROM … WHERE of a subquery."""
    where = f"persons {alias} WHERE {is_head_sql(alias)}"
    return f"{where} AND {alias}.household_id = {household}" if household else where


def head_name_sql(household: str, *, former: str | None = None, alias: str = "hp") -> str:
    """The name of the head of the household whose id is the SQL expression ``household``.

    ``former=None``: the current head only (NULL when there is none).  ``former="first"`` or
    ``"last"``: the current head, else — an archived household has only archived members —
    its first or its last former head, for lists that keep naming archived households.
    """
    rows = f"SELECT {alias}.name FROM {heads_sql(alias, household)}"
    if former is None:
        return f"({rows} AND {alias}.archived = 0)"
    if former not in FORMER:
        raise ValueError(f"former is one of {FORMER}, not {former!r}")
    return f"({rows} ORDER BY {alias}.archived, {alias}.id{' DESC' if former == 'last' else ''} LIMIT 1)"


def heads_cte(name: str = "heads") -> str:
    """``name AS (household_id, name)``, a WITH part naming each household's head as
    ``head_name_sql(..., former="last")`` does: one pass for a sheet of a million rows."""
    return f"""{name} AS (
    SELECT household_id, name FROM (
        SELECT household_id, name,
               row_number() OVER (PARTITION BY household_id ORDER BY archived, id DESC) AS n
        FROM persons WHERE relation = '{HEAD}')
    WHERE n = 1)"""


def heads_first(alias: str = "") -> str:
    """An ORDER BY term that lists the head of a household before its other members."""
    return f"{alias + '.' if alias else ''}relation != '{HEAD}'"


def head_name(store: Store, household_id: int, *, former: str | None = None) -> str | None:
    """The name of the head of ``household_id`` (see :func:`head_name_sql`)."""
    return store.scalar(f"SELECT {head_name_sql('?', former=former)}", (household_id,))


def current_heads(store: Store) -> list[dict]:
    """Every current head of a household: name, and the household's id, code and group_name."""
    return store.rows(f"SELECT p.name, h.id, h.code, h.group_name FROM persons p JOIN households h "
                      f"ON h.id = p.household_id WHERE {is_head_sql('p')} AND p.archived = 0")


def household_choices(store: Store, *, except_id: int | None = None) -> list[dict]:
    """Households a person can move to, by code: id, code and ``head`` (the current head, or '')."""
    return store.rows(f"SELECT h.id, h.code, coalesce({head_name_sql('h.id')}, '') AS head FROM households h "
                      "WHERE h.archived = 0 AND h.id != ? ORDER BY h.code", (except_id or 0,))


def group_names(store: Store, *, include_archived: bool = True) -> list[str]:
    """The 村民小组 named in the register, in name order (only those with current households
    unless ``include_archived``)."""
    where = "" if include_archived else " AND archived = 0"
    return [r["group_name"] for r in store.rows(
        f"SELECT DISTINCT group_name FROM households WHERE group_name != ''{where} "
        f"ORDER BY {group_order_sql('group_name')}, group_name")]


_DIGITS = "一二三四五六七八九"


def group_order_sql(name: str) -> str:
    """SQL ORDER BY terms: 村民小组 by their number (第一 1, 第十 10, 第十一 11, 第二十三 23, 第3 3),
    so 第十 comes after 第九, not after 第一; groups without a number after the numbered ones.

    Names are 第 + a number in Chinese (up to 九十九) or in digits + the rest (村民小组, 组, 队).
    """
    n = f"(CASE WHEN substr({name}, 1, 1) = '第' THEN substr({name}, 2) ELSE {name} END)"

    def digit(position: int) -> str:
        return f"instr('{_DIGITS}', substr({n}, {position}, 1))"

    number = (f"(CASE WHEN substr({n}, 1, 1) GLOB '[0-9]' THEN CAST({n} AS INTEGER) "
              f"WHEN substr({n}, 1, 1) = '十' THEN 10 + {digit(2)} "
              f"WHEN {digit(1)} > 0 AND substr({n}, 2, 1) = '十' THEN {digit(1)} * 10 + {digit(3)} "
              f"WHEN {digit(1)} > 0 THEN {digit(1)} END)")
    return f"{number} IS NULL, {number}"


def household_ids_of_group(store: Store, group_name: str) -> list[int]:
    """The current households of one 村民小组, by code."""
    return [r["id"] for r in store.rows(
        "SELECT id FROM households WHERE group_name = ? AND archived = 0 ORDER BY code", (group_name,))]


_HEAD_NAME = head_name_sql("h.id")
