"""National identifiers: resident ID (GB 11643-1999), unified social credit code
(GB 32100-2015), phone numbers, and how each is masked on public documents."""

from __future__ import annotations

import re
from datetime import date

from villagedesk import clock
from villagedesk.core.common import messages

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")


def id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def normalize_id(raw: str) -> str:
    # Typed or pasted in groups (431322 19700101 1234, 431322-19700101-1234): the groups are one number.
    return re.sub(r"[\s\-\u3000\uff0d]", "", raw or "").upper()


def id_number_problem(number: str, today: date | None = None) -> str | None:
    """Why ``number`` is not a valid resident ID, or None when it is."""
    if len(number) != 18:
        return messages.ID_LENGTH.format(length=len(number))
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return messages.ID_DIGITS
    born = id_birth_date(number)
    if born is None:
        return messages.ID_BIRTH_INVALID.format(digits=number[6:14])
    if born > (today or clock.today()) or born.year < 1900:
        return messages.ID_BIRTH_UNLIKELY.format(born=born.isoformat())
    if id_check_char(number[:17]) != number[17]:
        return messages.ID_CHECK_CHAR
    return None


def id_birth_date(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def id_gender(number: str) -> str:
    return "男" if int(number[16]) % 2 == 1 else "女"


def make_id_number(area: str, born: date, serial: int) -> str:
    """A valid ID for ``area`` (6 digits), ``born`` and a 3-digit serial (odd = male)."""
    first17 = f"{area}{born:%Y%m%d}{serial:03d}"
    return first17 + id_check_char(first17)


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
    return _USCC_CHARS[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """Why ``code`` is not a valid 统一社会信用代码, or None when it is."""
    if len(code) != 18:
        return messages.USCC_LENGTH.format(length=len(code))
    bad = sorted({c for c in code if c not in _USCC_CHARS})
    if bad:
        return messages.USCC_BAD_CHARS.format(chars=messages.LIST_SEPARATOR.join(bad))
    if not code[2:8].isdigit():
        return messages.USCC_BAD_AREA
    if uscc_check_char(code[:17]) != code[17]:
        return messages.USCC_CHECK_CHAR
    return None


def normalize_phone(raw: str) -> str:
    return re.sub(r"[\s()（）]", "", raw or "")


def phone_problem(phone: str) -> str | None:
    if not phone or _MOBILE.match(phone) or _LANDLINE.match(phone):
        return None
    return messages.PHONE_FORMAT


# How people write numbers in free text and table cells: whole, or in groups split by a space or a
# hyphen, half- or full-width (431322 19700101 1234, 431322-19700101-1234, 4313 2219 7001 0112 34,
# 138 0013 8000, 138－0013－8000).  One separator between groups, the same one throughout.
_SEPARATORS = " -\u3000\uff0d"
_GROUPED = "|".join(rf"\d{{1,8}}(?:{re.escape(sep)}\d{{1,8}})+(?:{re.escape(sep)}?[Xx])?" for sep in _SEPARATORS)
# An ID number (18, or the old 15) or a bank card (16–19): 15 or more digits, an ID's final X included.
_LONG_NUMBER = re.compile(rf"(?<![0-9A-Za-z])(?:\d{{15,}}[Xx]?|{_GROUPED})(?![0-9A-Za-z])")
# Mobiles, whole or in groups, and landlines with their area code.
_PHONE = re.compile(r"(?<![0-9])(?:1[3-9]\d(?:[ \-\u3000\uff0d]?\d){8}|0\d{2,3}[ \-\uff0d]?\d{7,8})(?![0-9])")
_NOT_DIGITS = re.compile(r"[^0-9Xx]")
LONG_NUMBER_DIGITS = 15  # a written number with at least this many digits is masked as an ID (docs/DOMAIN.md §4.5)


def mask_id(number: str | None) -> str:
    """First 6 + ******** + last 4, as public notices require; spaces and hyphens are dropped first."""
    if not number:
        return ""
    number = _NOT_DIGITS.sub("", number).upper() or number
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str | None) -> str:
    """3 + **** + 4 for a mobile; a landline keeps its area code and last 4."""
    if not phone:
        return ""
    phone = re.sub(r"[\s\u3000]", "", phone).replace("\uff0d", "-")
    digits = phone.replace("-", "")
    if _MOBILE.match(digits):
        return digits[:3] + "****" + digits[-4:]
    if len(digits) <= 4:
        return "*" * len(digits)
    if _LANDLINE.match(phone):
        # Area codes are 3 digits for 010 and 02x, 4 for the rest (0738 娄底).
        area = 3 if phone[1] in "12" else 4
        rest = phone[area:]
        return phone[:area] + re.sub(r"\d", "*", rest[:-4]) + rest[-4:]
    return "*" * (len(phone) - 4) + phone[-4:]


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def mask_text(text: str | None, *, full_ids: bool = False, keep_phones: tuple[str, ...] = ()) -> str:
    """``text`` with every ID-like number and phone in it masked, however it is grouped.

    A number of 15 or more digits (spaces and hyphens between groups not counted) is
    masked as an ID; ``full_ids`` leaves those whole.  ``keep_phones`` are public
    numbers (the village office) left as they are.  docs/DOMAIN.md §4.5.
    """
    if not text:
        return ""
    kept = {_digits(p) for p in keep_phones if p}

    def phones(part: str) -> str:
        return _PHONE.sub(lambda found: found.group(0) if _digits(found.group(0)) in kept
                          else mask_phone(found.group(0)), part)

    # One pass over the long numbers; phones are looked for only outside them, so the middle of an
    # ID left whole (``full_ids``) is never read as a phone.
    out, at = [], 0
    for found in _LONG_NUMBER.finditer(text):
        raw = found.group(0)
        out.append(phones(text[at:found.start()]))
        if len(_digits(raw)) < LONG_NUMBER_DIGITS:
            out.append(phones(raw))  # grouped digits too short for an ID: a date, an amount, a phone
        else:
            out.append(raw if full_ids else mask_id(raw))
        at = found.end()
    out.append(phones(text[at:]))
    return "".join(out)
