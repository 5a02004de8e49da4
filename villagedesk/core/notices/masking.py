"""Personal numbers on a public notice (docs/DOMAIN.md §4.5).

Every text that goes on the board — the body, the cells of a free table, the
ID numbers of a recipient list — passes through :func:`public_text` or
:func:`public_id`.  The masks themselves are the ones every printout uses
(:func:`villagedesk.core.common.ids.mask_id` and ``mask_phone``).

- Any run of 15 or more digits (an 18-digit ID, an old 15-digit one, a bank card
  number) keeps its first 6 and last 4 characters.
- Mobile numbers keep 3 + **** + 4; landlines their area code and last 4.
- The village's own contact phone is where villagers object, so it stays whole.

A notice may show ID numbers in full only when someone approved it for that
notice (``full_numbers``, recorded with who and when); phones are always masked.
"""

from __future__ import annotations

import re

from villagedesk.core.common import ids

# Long digit runs (IDs, bank cards), an ID's final X included.
_LONG_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{15,}[Xx]?(?![0-9A-Za-z])")
# Mobiles, whole or written 138-1234-5678 / 138 1234 5678, and landlines with their area code.
_PHONE = re.compile(r"(?<![0-9])(?:1[3-9]\d[- ]?\d{4}[- ]?\d{4}|0\d{2,3}-?\d{7,8})(?![0-9])")


def public_id(number: str | None, full: bool = False) -> str:
    """An ID number as a public notice prints it: masked unless ``full`` was approved."""
    number = ids.normalize_id(number or "")
    return number if full else ids.mask_id(number)


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


def public_text(text: str | None, *, full_ids: bool = False, keep_phones: tuple[str, ...] = ()) -> str:
    """``text`` with every ID-like number and phone masked (IDs kept when ``full_ids``).

    ``keep_phones`` are public numbers (the village office) left as they are.
    """
    if not text:
        return ""
    kept = {_digits(p) for p in keep_phones if p}

    def phone(found: re.Match) -> str:
        raw = found.group(0)
        if _digits(raw) in kept:
            return raw
        return ids.mask_phone(raw.replace(" ", ""))

    if not full_ids:
        text = _LONG_NUMBER.sub(lambda m: ids.mask_id(m.group(0).upper()), text)
    return _PHONE.sub(phone, text)


class PublicText:
    """The masking of one notice: ``public(text)`` and ``public.id_number(number)``."""

    def __init__(self, full_ids: bool = False, keep_phones: tuple[str, ...] = ()):
        self.full_ids, self.keep_phones = full_ids, keep_phones

    def __call__(self, text) -> str:
        return public_text(str(text if text is not None else ""), full_ids=self.full_ids,
                           keep_phones=self.keep_phones)

    def id_number(self, number: str | None) -> str:
        return public_id(number, self.full_ids)


def for_notice(notice: dict, village_phone: str = "") -> PublicText:
    """How ``notice`` goes public: its own full-number choice, the village phone kept whole."""
    return PublicText(bool(notice["full_numbers"]), (village_phone,) if village_phone else ())
