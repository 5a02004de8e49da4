"""Reading a roster workbook: its sheets, header row, raw rows and cell values.

Finds the sheet of persons (and, in our own export, the sheet of households)
by a header row within the first :data:`HEADER_SEARCH_ROWS` rows whose
columns are named by any spelling in :data:`ALIASES`, and turns what Excel
stored into text the checks can trust.  Nothing here knows the register.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from openpyxl.utils.datetime import from_excel

from villagedesk.core.common import ids
from villagedesk.documents.imports import messages
from villagedesk.documents.imports.sheet_reader import (
    HEADER_SEARCH_ROWS,
    Progress,
    Sheet,
    field_names,
    open_workbook,
    read_table,
    sheet_is_empty,
)
from villagedesk.errors import UserError

# Header spellings seen on real rosters, matched after _header_key().
ALIASES: dict[str, tuple[str, ...]] = {
    "household_code": ("户编号", "户号", "户代码"),
    "head_name": ("户主", "户主姓名"),
    "name": ("姓名", "成员姓名"),
    "gender": ("性别",),
    "ethnicity": ("民族",),
    "birth_date": ("出生日期", "出生年月", "出生年月日"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "身份证"),
    "relation": ("与户主关系", "关系", "与户主的关系"),
    "phone": ("联系电话", "电话", "手机号", "手机号码", "手机"),
    "education": ("文化程度", "学历"),
    "political": ("政治面貌",),
    "group_name": ("村民小组", "组别", "小组", "屋场", "组"),
    "address": ("住址", "家庭住址", "地址", "现住址"),
    # Columns of our own export, so an exported workbook imports back as it was.
    "person_code": ("人员编号",),
    "status": ("状态",),
    "archived_reason": ("归档原因",),
}
_PERSON_EVIDENCE = {"id_number", "household_code", "head_name", "relation", "gender", "birth_date"}
_HOUSEHOLD_EVIDENCE = {"group_name", "address", "head_name"}


# --- the workbook ---------------------------------------------------------

_FIELD_OF = field_names(ALIASES)


def _classify(columns: dict[str, int], wanted: set[str]) -> str | None:
    if "name" in columns and columns.keys() & _PERSON_EVIDENCE:
        kind = "persons"
    elif "household_code" in columns and columns.keys() & _HOUSEHOLD_EVIDENCE:
        kind = "households"
    else:
        return None
    return kind if kind in wanted else None


def read_workbook(path: Path, progress: Progress | None) -> tuple[Sheet, Sheet | None]:
    """The sheet of persons and, from our own export, the sheet of households.

    Raises UserError when the file is not a usable roster.
    """
    with open_workbook(path) as wb:
        return _pick_sheets(wb, path, progress)


def _pick_sheets(wb, path: Path, progress: Progress | None) -> tuple[Sheet, Sheet | None]:
    """The first sheet of persons and, from our own export, the first sheet of households."""
    found: dict[str, Sheet] = {}
    for ws in wb.worksheets:
        wanted = {"persons", "households"} - found.keys()
        if not wanted:
            break
        hit = read_table(ws, _FIELD_OF, partial(_classify, wanted=wanted), progress)
        if hit is not None:
            found[hit[0]] = hit[1]
    persons = found.get("persons")
    if persons is None:
        if all(sheet_is_empty(ws) for ws in wb.worksheets):
            raise UserError(messages.EMPTY_FILE.format(name=path.name))
        raise UserError(
            messages.NO_HEADER.format(name=path.name, rows=HEADER_SEARCH_ROWS)
        )
    if not persons.rows:
        raise UserError(messages.NO_PERSON_ROWS.format(name=path.name, title=persons.title))
    return persons, found.get("households")


# --- cell values ----------------------------------------------------------

def cell_text(value: Any) -> str:
    """Any cell as trimmed text: 12.0 as 12, dates as 2024-01-31."""
    if isinstance(value, str):
        # NFKC turns full-width digits and letters (１２３Ｘ) into plain ones.
        return unicodedata.normalize("NFKC", value).strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


# Clerks pad two-character names to line up with three-character ones: "王  五".
_NAME_PADDING = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")


def cell_name(value: Any) -> str:
    """A person's name without the padding between its Chinese characters."""
    return _NAME_PADDING.sub("", cell_text(value))


def cell_birth(value: Any) -> Any:
    """A birth date: a date when Excel stored one, else text for core.people to read."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer():
            number = int(value)
            # Five digits is an Excel date serial (1927–2173) that lost its format.
            if 10000 <= number < 100000:
                return from_excel(number).date()
            return str(number)
        # Excel turned the typed 1980.10 into 1980.1: two decimals give the month back.
        return f"{value:.2f}"
    return cell_text(value)


_SCIENTIFIC = re.compile(r"^\d(\.\d+)?E\+?\d+$")


def cell_id_number(value: Any) -> tuple[str, str | None]:
    """(text, problem): an ID number that Excel stored as a number has lost digits."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if abs(value) < 1e15:
            return cell_text(value), None  # short: the length check explains it
        shown = f"{value:.15G}" if isinstance(value, float) else str(value)
    else:
        text = ids.normalize_id(cell_text(value))
        if not _SCIENTIFIC.match(text):
            return text, None
        shown = text  # the number's display, pasted back as text
    return "", (
        messages.ID_NUMBER_AS_NUMBER.format(shown=shown)
    )
