"""Import the rule catalogue (积分细则) from Excel; the 积分细则 sheet of our export reads back unchanged.

The file says what the catalogue should be; :func:`read_rules` compares it with
the village's and plans, row by row, through the same rules core.scoring.rules
applies in the window:

- a row without 细则编号, or with one the village does not have: a new rule
  (several rows of one unknown 细则编号 are its versions, oldest first);
- a row of the current version with a later 生效日期 and other content: a new
  version from that day; with only 停用日期 filled in: the rule is retired;
- a row whose 版本 is blank or one past the latest: a new version;
- a row identical to the stored version: nothing to do;
- a changed row of a superseded version: refused, history is not edited.

Nothing is written while any row has a problem; :meth:`RulePlan.apply` writes
everything in one transaction after a backup.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from villagedesk.core.common.dates import parse_date
from villagedesk.core.points import rules
from villagedesk.documents.excel.points import rules_sheet
from villagedesk.documents.excel.workbook import export_workbook
from villagedesk.documents.imports import messages
from villagedesk.documents.imports.roster_reader import cell_text
from villagedesk.documents.imports.sheet_reader import (
    Progress,
    field_names,
    open_workbook,
    problem_lines,
    read_table,
    sheet_is_empty,
)
from villagedesk.errors import UserError
from villagedesk.store import Store

ALIASES: dict[str, tuple[str, ...]] = {
    "rule_key": ("细则编号", "编号"),
    "version": ("版本",),
    "category": ("类别", "积分类别", "考评类别", "类型"),
    "item": ("事项", "积分事项", "考评内容", "考评事项", "内容"),
    "points": ("分值", "分数", "积分"),
    "unit": ("计分单位", "单位"),
    "cap_per_period": ("每期上限", "上限"),
    "valid_from": ("生效日期",),
    "valid_to": ("停用日期",),
    "note": ("备注",),
}
_FIELD_OF = field_names(ALIASES)
_CONTENT = ("category", "item", "points", "unit", "cap_per_period", "note")


def _classify(columns: dict[str, int]) -> str | None:
    return "rules" if {"item", "points"} <= columns.keys() else None


@dataclass(frozen=True)
class Step:
    """One write of row ``row``: ``kind`` is new, revise or retire.

    ``key`` is the file's 细则编号 (blank for a new rule without one);
    ``last_day``, when set, retires the rule written by this step on that day.
    """

    kind: str
    row: int
    key: str
    values: dict[str, Any]
    last_day: str | None = None


@dataclass
class RulePlan:
    """What an import would write; nothing is written until :meth:`apply`."""

    path: Path
    sheet: str
    rows_read: int
    steps: list[Step] = field(default_factory=list)
    unchanged: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for s in self.steps if s.kind == kind)

    def summary(self, list_problems: bool = True) -> str:
        lines = [messages.READ_RULES_SHEET.format(
            name=self.path.name, sheet=self.sheet, rows_read=self.rows_read),
                 messages.RULES_PLANNED.format(new=self.count("new"), revise=self.count("revise"),
                                               retire=self.count("retire"), unchanged=self.unchanged)]
        lines += problem_lines(self.problems, messages.ADVICE_FIX_TO_IMPORT, list_problems)
        return "\n".join(lines)

    def apply(self, store: Store) -> dict[str, Any]:
        """Write every step in one transaction; returns counts and the backup's path."""
        if self.problems:
            raise UserError(messages.RULES_PLAN_HAS_PROBLEMS.format(count=len(self.problems)))
        if not store.writable:
            raise UserError(messages.READ_ONLY)
        result: dict[str, Any] = {"new": self.count("new"), "revise": self.count("revise"),
                                  "retire": self.count("retire"), "backup": None}
        if not self.steps:
            return result
        result["backup"] = store.backup(reason="before-import")
        with store.atomic():
            made: dict[str, int] = {}  # the file's key of a new rule → its id here
            for step in self.steps:
                try:
                    _write(store, step, made)
                except UserError as err:
                    # The data changed since the file was read: say which row met it.
                    raise UserError(messages.RULES_ROW_FAILED.format(row=step.row, err=err)) from None
        self.steps = []
        return result


def _write(store: Store, step: Step, made: dict[str, int]) -> None:
    content = {k: step.values[k] for k in (*_CONTENT, "valid_from")}
    if step.kind == "new":
        rule = rules.add_rule(store, rule_key=step.key or None, **content)
    else:
        current = made.get(step.key) or store.scalar(
            "SELECT id FROM point_rules WHERE rule_key = ? AND valid_to IS NULL", (step.key,))
        if current is None:
            raise UserError(messages.RULE_RETIRED.format(key=step.key))
        if step.kind == "retire":
            rules.retire_rule(store, current, last_day=step.last_day)
            return
        rule = rules.revise_rule(store, current, **content)
    made[step.key] = rule["id"]
    if step.last_day:
        rules.retire_rule(store, rule["id"], last_day=step.last_day)


# --- reading --------------------------------------------------------------

@dataclass
class _Row:
    number: int
    key: str
    version: int | None
    values: dict[str, Any]


# Free text keeps its full-width ，（） as typed; cell_text folds them (NFKC) for numbers and dates.
_WORDS = ("category", "item", "note")


def _words(value: Any) -> str:
    return value.strip() if isinstance(value, str) else cell_text(value)


def _parse(number: int, raw: dict[str, Any]) -> _Row:
    """One row as checked values; raises UserError naming what is wrong."""
    text = {name: _words(raw.get(name)) if name in _WORDS else cell_text(raw.get(name)) for name in ALIASES}
    clean = rules.clean_rule(text)
    start = parse_date(text["valid_from"])
    if start is None:
        raise UserError(messages.VALID_FROM_MISSING)
    end = parse_date(text["valid_to"]) if text["valid_to"] else None
    if end is not None and end < start:
        raise UserError(messages.VALID_TO_BEFORE_FROM)
    version = None
    if text["version"]:
        try:
            version = int(text["version"])
        except ValueError:
            raise UserError(messages.VERSION_NOT_INTEGER) from None
    return _Row(number, text["rule_key"].upper(), version,
                {**clean, "valid_from": start.isoformat(), "valid_to": end.isoformat() if end else None})


def _same(row: _Row, stored: dict) -> bool:
    return all(row.values[k] == stored[k] for k in (*_CONTENT, "valid_from", "valid_to"))


def _plan_known(plan: RulePlan, key: str, rows: list[_Row], versions: dict[int, dict]) -> None:
    latest = versions[max(versions)]
    changed = False
    for row in rows:
        stored = versions.get(row.version) if row.version is not None else None
        if _same(row, stored or latest) and (stored is not None or row.version is None):
            plan.unchanged += 1
            continue
        problem = None
        if row.version is not None and stored is None and row.version != latest["version"] + 1:
            problem = messages.NO_SUCH_VERSION.format(key=key, version=row.version, latest=latest["version"])
        elif stored is not None and stored["version"] != latest["version"]:
            problem = messages.VERSION_SUPERSEDED.format(key=key, version=row.version)
        elif changed:
            problem = messages.RULE_CHANGED_TWICE.format(key=key)
        elif latest["valid_to"] is not None:
            problem = messages.RULE_RETIRED_ON.format(key=key, valid_to=latest["valid_to"])
        elif all(row.values[k] == latest[k] for k in (*_CONTENT, "valid_from")):
            plan.steps.append(Step("retire", row.number, key, row.values, row.values["valid_to"]))
        elif row.values["valid_from"] <= latest["valid_from"]:
            problem = (messages.NEW_VERSION_DATE_NEEDED.format(key=key, valid_from=latest["valid_from"]))
        else:
            plan.steps.append(Step("revise", row.number, key, row.values, row.values["valid_to"]))
        if problem:
            plan.problems.append((row.number, problem))
        changed = True


def _plan_new(plan: RulePlan, key: str, rows: list[_Row]) -> None:
    """A rule the village does not have, with its versions (oldest first) when the file has several."""
    rows = sorted(rows, key=lambda r: (r.version or 0, r.values["valid_from"]))
    for n, row in enumerate(rows):
        following = rows[n + 1] if n + 1 < len(rows) else None
        if following is not None and following.values["valid_from"] <= row.values["valid_from"]:
            plan.problems.append((following.number, messages.VERSIONS_OUT_OF_ORDER.format(key=key)))
            return
        plan.steps.append(Step("new" if n == 0 else "revise", row.number, key, row.values,
                               # an earlier version ends when the next begins
                               row.values["valid_to"] if following is None else None))


def read_rules(store: Store, path: Path | str, progress: Progress | None = None) -> RulePlan:
    """Read and check the catalogue in ``path`` against the village's; writes nothing."""
    path = Path(path)
    with open_workbook(path) as wb:
        found = None
        for ws in wb.worksheets:
            found = read_table(ws, _FIELD_OF, _classify, progress)
            if found is not None:
                break
        if found is None:
            if all(sheet_is_empty(ws) for ws in wb.worksheets):
                raise UserError(messages.EMPTY_FILE.format(name=path.name))
            raise UserError(messages.NO_RULES_HEADER.format(name=path.name))
        sheet = found[1]
    if not sheet.rows:
        raise UserError(messages.NO_RULE_ROWS.format(name=path.name, title=sheet.title))
    plan = RulePlan(path, sheet.title, len(sheet.rows))
    stored: dict[str, dict[int, dict]] = defaultdict(dict)
    in_force: dict[tuple[str, str], str] = {}
    for rule in store.rows("SELECT * FROM point_rules ORDER BY version"):
        stored[rule["rule_key"]][rule["version"]] = rule
        in_force[(rule["category"], rule["item"])] = rule["rule_key"]
    groups: dict[str, list[_Row]] = defaultdict(list)
    for number, cells in sheet.rows:
        try:
            row = _parse(number, sheet.values(cells))
        except UserError as err:
            plan.problems.append((number, str(err)))
            continue
        if not row.key:
            # A catalogue without numbers (another village's, a template): a row
            # naming a rule the village has is that rule; any other is new.
            row.key = in_force.get((row.values["category"], row.values["item"]), "")
        if row.key and not rules.RULE_KEY.match(row.key):
            plan.problems.append((number, messages.RULE_KEY_FORMAT.format(key=row.key)))
            continue
        groups[row.key or f"#{number}"].append(row)
    for group, rows in groups.items():
        if group in stored:
            _plan_known(plan, group, rows, stored[group])
        else:
            _plan_new(plan, rows[0].key, rows)
    plan.problems.sort()
    return plan


def export_rules(store: Store, path: Path | str, today: date | None = None) -> int:
    """The 积分细则 sheet alone, as the workbook has it: the file :func:`read_rules` reads back."""
    return export_workbook(store, path, sheets=[rules_sheet(today)])["积分细则"]


__all__ = ["ALIASES", "RulePlan", "Step", "export_rules", "read_rules"]
