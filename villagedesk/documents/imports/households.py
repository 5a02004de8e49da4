"""Import households and persons from an Excel 花名册 (one row per person).

:func:`read_roster` reads and checks the whole file and writes nothing; the
clerk sees the summary and every problem with the row number Excel shows.
:meth:`RosterPlan.apply` then writes everything in one transaction, after a
backup.  Our own Excel export reads back through here too (round trip).

The workbook itself is read by :mod:`~villagedesk.documents.imports.roster_reader`;
this module plans: which household each row belongs to, the checks of
core.people, the codes new households and persons get.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from villagedesk.core.common import ids, records
from villagedesk.core.register import people
from villagedesk.documents.imports import messages
from villagedesk.documents.imports.roster_reader import (
    ALIASES,
    Sheet,
    cell_birth,
    cell_id_number,
    cell_name,
    cell_text,
    read_workbook,
)
from villagedesk.documents.imports.sheet_reader import problem_lines
from villagedesk.errors import UserError
from villagedesk.store import Store

Progress = Callable[[int, int], None]

_REPORT_EVERY = 500

_RELATION_ALIASES = {
    "本人": "户主", "户主本人": "户主",
    "妻": "配偶", "妻子": "配偶", "夫": "配偶", "丈夫": "配偶", "之妻": "配偶", "之夫": "配偶",
    "儿子": "子", "长子": "子", "次子": "子", "三子": "子", "之子": "子", "独子": "子",
    "女儿": "女", "长女": "女", "次女": "女", "三女": "女", "之女": "女", "独女": "女",
    "媳": "儿媳", "儿媳妇": "儿媳", "父": "父亲", "母": "母亲",
    # GB/T 4761 puts 外孙子/外孙女 in the same group as 孙子/孙女.
    "孙": "孙子", "外孙": "孙子", "外孙子": "孙子", "外孙女": "孙女",
    "兄": "兄弟姐妹", "弟": "兄弟姐妹", "姐": "兄弟姐妹", "妹": "兄弟姐妹", "兄弟": "兄弟姐妹",
    "姐妹": "兄弟姐妹", "哥哥": "兄弟姐妹", "弟弟": "兄弟姐妹", "姐姐": "兄弟姐妹", "妹妹": "兄弟姐妹",
}
_POLITICAL_ALIASES = {"党员": "中共党员", "预备党员": "中共预备党员", "团员": "共青团员"}
_ACTIVE, _ARCHIVED = ("", "在册", "正常"), "已归档"


# --- rows -----------------------------------------------------------------

@dataclass
class _Row:
    number: int
    person: dict[str, Any]
    person_code: str
    household_code: str
    head_name: str
    group: str
    address: str
    archived: bool
    reason: str
    problem: str | None = None
    key: tuple | None = None


def _parse_row(number: int, values: dict[str, Any]) -> _Row:
    raw = values.get

    def text(name: str) -> str:
        return cell_text(raw(name))

    number_text, problem = cell_id_number(raw("id_number"))
    gender = text("gender").removesuffix("性")
    ethnicity = text("ethnicity")
    if ethnicity and ethnicity + "族" in people.ETHNICITIES:
        ethnicity += "族"
    relation = text("relation")
    political = text("political")
    person = {
        "name": cell_name(raw("name")),
        "gender": gender,
        "ethnicity": ethnicity,
        "birth_date": cell_birth(raw("birth_date")),
        "id_number": number_text,
        "relation": _RELATION_ALIASES.get(relation, relation),
        "phone": text("phone"),
        "education": text("education"),
        "political": _POLITICAL_ALIASES.get(political, political),
    }
    status = text("status")
    if status not in (*_ACTIVE, _ARCHIVED) and problem is None:
        problem = messages.STATUS_UNREADABLE.format(status=status)
    archived = status == _ARCHIVED
    reason = text("archived_reason") if archived else ""
    return _Row(
        number=number, person=person, person_code=text("person_code").upper(),
        household_code=text("household_code").upper(), head_name=cell_name(raw("head_name")),
        group=text("group_name"), address=text("address"), archived=archived,
        reason=reason or (messages.ARCHIVED_ON_IMPORT if archived else ""), problem=problem,
    )


def _assign_keys(rows: list[_Row]) -> None:
    """Which household each row belongs to, as a key within the file.

    户编号 decides when given; else the head's name with the group; else the row
    follows the household above it (merged cells leave all but the first row blank).
    """
    current: tuple | None = None
    heads: dict[tuple, str] = {}  # key → the head's name, once a row names it
    groups: dict[tuple, str] = {}
    for row in rows:
        head = row.head_name or (row.person["name"] if row.person["relation"] == people.HEAD else "")
        key: tuple | None
        if row.household_code:
            key = ("code", row.household_code)
        elif head:
            # Under a merged 户编号 or 组 cell the head's name still says "same household".
            follows = (current is not None and heads.get(current) == head
                       and (not row.group or groups.get(current, "") in ("", row.group)))
            key = current if follows else ("head", head, row.group)
        else:
            key = current
        if key is None:
            row.problem = row.problem or messages.HOUSEHOLD_UNKNOWN
        else:
            if head:
                heads.setdefault(key, head)
            if row.group:
                groups.setdefault(key, row.group)
        row.key = key
        current = key or current


# --- the plan -------------------------------------------------------------

@dataclass(frozen=True)
class PlannedPerson:
    row: int
    household_code: str
    values: dict[str, Any]


@dataclass
class RosterPlan:
    """What an import would write; nothing is written until :meth:`apply`."""

    path: Path
    sheet: str
    header_row: int
    rows_read: int
    problems: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    new_households: list[dict[str, Any]] = field(default_factory=list)
    new_persons: list[PlannedPerson] = field(default_factory=list)
    existing_household_ids: dict[str, int] = field(default_factory=dict)
    fingerprint: tuple = ()

    def summary(self, list_problems: bool = True) -> str:
        """The check's result in the clerk's words; ``list_problems`` False when the caller lists them all."""
        joining = self._joining()
        lines = [
            messages.READ_PERSONS_SHEET.format(
                name=self.path.name, sheet=self.sheet, header_row=self.header_row,
                                               rows_read=self.rows_read),
            messages.IMPORTABLE.format(
                households=len(self.new_households), persons=len(self.new_persons),
                joining=messages.IMPORTABLE_JOINING.format(count=joining) if joining else ""),
        ]
        if self.skipped:
            lines.append(messages.SKIPPED_REGISTERED.format(count=len(self.skipped)))
        lines += problem_lines(self.problems, messages.ADVICE_FIX_TO_IMPORT_ALL, list_problems)
        return "\n".join(lines)

    def _joining(self) -> int:
        return sum(1 for p in self.new_persons if p.household_code in self.existing_household_ids)

    def apply(self, store: Store, only_valid: bool = False) -> dict[str, Any]:
        """Write the plan in one transaction; returns counts and the backup's path."""
        if self.problems and not only_valid:
            raise UserError(
                messages.PLAN_HAS_PROBLEMS.format(count=len(self.problems))
            )
        if not store.writable:
            raise UserError(messages.READ_ONLY)
        if _fingerprint(store) != self.fingerprint:
            raise UserError(messages.DATA_CHANGED)
        result: dict[str, Any] = {"households": 0, "persons": 0, "backup": None}
        if not self.new_persons:
            return result
        result["backup"] = store.backup(reason="before-import")
        with store.atomic():
            added = records.insert_many(store, "households", self.new_households) \
                if self.new_households else []
            by_code = {**self.existing_household_ids, **{h["code"]: h["id"] for h in added}}
            records.insert_many(store, "persons", [
                {**p.values, "household_id": by_code[p.household_code]} for p in self.new_persons
            ])
        self.fingerprint = ()
        result.update(households=len(added), persons=len(self.new_persons))
        return result


def _fingerprint(store: Store) -> tuple:
    # Every change made through the program writes an audit row.
    return (str(store.path), store.scalar("SELECT coalesce(max(id), 0) FROM audit"),
            store.scalar("SELECT count(*) FROM persons"), store.scalar("SELECT count(*) FROM households"))


# --- checking and planning ------------------------------------------------

class _Register:
    """What the database already holds, loaded once instead of one query per row."""

    def __init__(self, store: Store):
        self.store = store
        self.by_id_number = {r["id_number"]: r for r in store.rows(
            "SELECT id_number, code, name, household_id FROM persons WHERE id_number IS NOT NULL")}
        self.households = {r["code"]: r for r in store.rows("SELECT id, code, archived FROM households")}
        self.household_by_id = {r["id"]: r for r in self.households.values()}
        self.heads: dict[str, list[dict]] = defaultdict(list)
        self.head_of: dict[int, str] = {}
        for r in people.current_heads(store):
            self.heads[r["name"]].append(r)
            self.head_of[r["id"]] = r["name"]
        self.person_codes = {r[0] for r in store.conn.execute("SELECT code FROM persons")}
        self.last_person = dict(store.conn.execute(
            "SELECT household_id, max(CAST(substr(code, instr(code, '-P') + 2) AS INTEGER)) "
            "FROM persons GROUP BY household_id"))
        self.last_household = store.scalar(
            "SELECT coalesce(max(CAST(substr(code, 3) AS INTEGER)), 0) FROM households "
            "WHERE code GLOB 'HH[0-9]*'")
        self._members: dict[int, dict[str, list]] = {}

    def member_ids(self, household_id: int, name: str) -> list:
        """The ID numbers (None when blank) of members called ``name`` in that household."""
        if household_id not in self._members:
            found: dict[str, list] = defaultdict(list)
            for member, number in self.store.conn.execute(
                "SELECT name, id_number FROM persons WHERE household_id = ?", (household_id,)
            ):
                found[member].append(number)
            self._members[household_id] = found
        return self._members[household_id].get(name, [])


@dataclass
class _Target:
    """The household a file key resolves to: an existing one, or one to create."""

    existing: dict | None = None
    keep_code: str = ""  # the file's own HH code for a new household
    problem: str | None = None
    head: str | None = None  # who heads it so far, as the problem message names them
    rows: list[_Row] = field(default_factory=list)  # the rows that will be imported


def _resolve(key: tuple, rows: list[_Row], reg: _Register) -> _Target:
    target = _Target()
    known_heads = [reg.by_id_number[r.person["id_number"]] for r in rows
                   if r.person["relation"] == people.HEAD and r.person["id_number"] in reg.by_id_number]
    existing = None
    if key[0] == "code" and key[1] in reg.households:
        existing = reg.households[key[1]]
    elif known_heads:
        # The head is already registered: the rest of the family joins that household.
        existing = reg.household_by_id[known_heads[0]["household_id"]]
    elif key[0] == "head":
        _, name, group = key
        found = [h for h in reg.heads.get(name, []) if not group or h["group_name"] == group]
        if len(found) > 1:
            target.problem = messages.HEAD_NAME_AMBIGUOUS.format(count=len(found), name=name)
        elif found:
            existing = reg.households[found[0]["code"]]
    if existing is not None:
        target.existing = existing
        if existing["archived"]:
            target.problem = messages.HOUSEHOLD_ARCHIVED.format(code=existing["code"])
        if existing["id"] in reg.head_of:
            target.head = messages.HEAD_REGISTERED.format(head_of=reg.head_of[existing["id"]])
    elif key[0] == "code" and people.HOUSEHOLD_CODE.match(key[1]):
        target.keep_code = key[1]
    return target


def _check_row(store: Store, row: _Row, reg: _Register, target: _Target | None,
               seen: dict[Any, int]) -> tuple[str, str]:
    """("ok", ""), ("skip", why) or ("problem", why); on "ok" row.person is cleaned.

    ``seen`` maps ID numbers and (kind, household key, name) to the first row that had them.
    """
    if row.problem:
        return "problem", row.problem
    # A row without a problem has a household key (_assign_keys), and every key has its target.
    assert target is not None
    name, number = row.person["name"], row.person["id_number"]
    if not name:
        return "problem", messages.NAME_EMPTY
    if number in reg.by_id_number:
        known = reg.by_id_number[number]
        if known["name"] != name:
            return "problem", messages.ID_NUMBER_OTHER_NAME.format(
                number=number, known_name=known["name"], code=known["code"], name=name)
        return "skip", messages.ALREADY_REGISTERED.format(name=name, code=known["code"])
    try:
        clean = people.clean_person(store, row.person)
    except UserError as err:
        return "problem", str(err).rstrip("。")
    if number:
        if number in seen:
            return "problem", messages.ID_NUMBER_REPEATED.format(number=number, seen=seen[number])
        seen[number] = row.number
    # Two rows of one name in one household are one person typed twice, unless
    # both carry (different) ID numbers, birth dates or person codes (our own export).
    distinct = (clean["birth_date"] or "", row.person_code)
    namesake = seen.get(("any" if not number else "no id", row.key, name, distinct))
    if namesake:
        return "problem", messages.NAMESAKE_IN_HOUSEHOLD.format(namesake=namesake, name=name)
    seen.setdefault(("any", row.key, name, distinct), row.number)
    if not number:
        seen.setdefault(("no id", row.key, name, distinct), row.number)
    if target.problem:
        return "problem", target.problem
    existing = target.existing
    namesakes = reg.member_ids(existing["id"], name) if existing else []
    if existing and namesakes and (not number or None in namesakes):
        # Without an ID number on one side, the same name in the same household is the
        # same person: importing it again would register them twice.
        hint = messages.HINT_NO_ID_NUMBER if number else ""
        return "skip", messages.ALREADY_IN_HOUSEHOLD.format(name=name, code=existing["code"], hint=hint)
    if clean["relation"] == people.HEAD and not row.archived:
        if target.head:
            return "problem", messages.HEAD_ALREADY_THERE.format(head=target.head)
        target.head = messages.HEAD_IN_ROW.format(name=name, number=row.number)
    row.person = clean
    return "ok", ""


def _check_rows(store: Store, rows: list[_Row], reg: _Register, targets: dict[tuple, _Target],
                plan: RosterPlan, progress: Progress | None) -> None:
    seen: dict[Any, int] = {}
    total = len(rows)
    for index, row in enumerate(rows, 1):
        if progress is not None and index % _REPORT_EVERY == 0:
            progress(total + index, 2 * total)
        target = targets.get(row.key) if row.key is not None else None
        verdict, why = _check_row(store, row, reg, target, seen)
        if verdict == "problem":
            plan.problems.append((row.number, why))
        elif verdict == "skip":
            plan.skipped.append((row.number, why))
        else:
            assert target is not None  # _check_row passes no row without one
            target.rows.append(row)


def _household_values(key: tuple, target: _Target, code: str, sheet_info: dict[str, dict]) -> dict:
    head = next((r for r in target.rows if r.person["relation"] == people.HEAD), None)
    ordered = [head, *target.rows] if head else target.rows  # the head's row speaks first
    info = sheet_info.get(key[1], {}) if key[0] == "code" else {}

    def first(attr: str) -> str:
        return next((getattr(r, attr) for r in ordered if getattr(r, attr)), "")

    phone = info.get("phone", "")
    if ids.phone_problem(phone):
        phone = ""  # a bad number in the 户 sheet: the head's own number is better than none
    return {
        "code": code,
        "group_name": info.get("group_name") or first("group"),
        "address": info.get("address") or first("address"),
        "phone": phone or (head.person["phone"] if head else ""),
        "archived": int(info.get("archived", False)),
        "archived_reason": info.get("archived_reason", ""),
    }


def _plan_writes(targets: dict[tuple, _Target], reg: _Register, sheet_info: dict[str, dict],
                 plan: RosterPlan) -> None:
    """Codes for new households and persons; the file's own codes are kept when free."""
    used = {key: t for key, t in targets.items() if t.rows}
    last = max([reg.last_household, *(int(t.keep_code[2:]) for t in used.values() if t.keep_code)])
    codes: dict[tuple, str] = {}
    for key, target in used.items():
        if target.existing:
            codes[key] = target.existing["code"]
            plan.existing_household_ids[codes[key]] = target.existing["id"]
            continue
        if not target.keep_code:
            last += 1
        codes[key] = target.keep_code or f"HH{last:03d}"
        plan.new_households.append(_household_values(key, target, codes[key], sheet_info))
    # Each row with its target's key, which is the row's own key (see _check_rows).
    rows = sorted(((key, row) for key, t in used.items() for row in t.rows), key=lambda kr: kr[1].number)
    taken = set(reg.person_codes)
    kept: dict[int, str] = {}
    for key, row in rows:
        prefix = codes[key] + "-P"
        suffix = row.person_code.removeprefix(prefix)
        if row.person_code.startswith(prefix) and suffix.isdigit() and row.person_code not in taken:
            kept[row.number] = row.person_code
            taken.add(row.person_code)
    counters: dict[str, int] = {}
    for key, row in rows:
        household = codes[key]
        code = kept.get(row.number)
        if code is None:
            existing = used[key].existing
            counter = counters.get(household, reg.last_person.get(existing["id"], 0) if existing else 0)
            while (code := f"{household}-P{counter + 1:02d}") in taken:
                counter += 1
            counters[household] = counter + 1
            taken.add(code)
        values = {**row.person, "code": code, "archived": int(row.archived), "archived_reason": row.reason}
        plan.new_persons.append(PlannedPerson(row.number, household, values))


def _household_sheet_info(sheet: Sheet | None) -> dict[str, dict]:
    """户编号 → group, address, phone, status from an exported 户 sheet."""
    if sheet is None:
        return {}
    info = {}
    for _, cells in sheet.rows:
        row = {name: cell_text(value) for name, value in sheet.values(cells).items()}
        code = row.get("household_code", "").upper()
        if code and code not in info:
            archived = row.get("status") == _ARCHIVED
            info[code] = {
                "group_name": row.get("group_name", ""), "address": row.get("address", ""),
                "phone": ids.normalize_phone(row.get("phone", "")), "archived": archived,
                "archived_reason": (row.get("archived_reason") or messages.ARCHIVED_ON_IMPORT) if archived else "",
            }
    return info


def read_roster(store: Store, path: Path | str, progress: Progress | None = None) -> RosterPlan:
    """Read and check a 花名册; writes nothing.  Raises UserError when the file is unusable."""
    path = Path(path)
    sheet, household_sheet = read_workbook(path, progress)
    rows = [_parse_row(number, sheet.values(cells)) for number, cells in sheet.rows]
    _assign_keys(rows)
    by_key: dict[tuple, list[_Row]] = defaultdict(list)
    for row in rows:
        if row.key is not None:
            by_key[row.key].append(row)
    reg = _Register(store)
    targets = {key: _resolve(key, key_rows, reg) for key, key_rows in by_key.items()}
    plan = RosterPlan(path=path, sheet=sheet.title, header_row=sheet.header_row, rows_read=len(rows),
                      fingerprint=_fingerprint(store))
    _check_rows(store, rows, reg, targets, plan, progress)
    _plan_writes(targets, reg, _household_sheet_info(household_sheet), plan)
    if progress is not None:
        progress(2 * len(rows), 2 * len(rows))
    return plan


__all__ = ["ALIASES", "PlannedPerson", "RosterPlan", "read_roster"]
