"""Personal numbers on a public notice (docs/DOMAIN.md §4.5).

Every text that goes on the board — the body, the cells of a free table, the
ID numbers of a recipient list — passes through :func:`public_text` or
:func:`public_id`.  The masks themselves are the ones every printout uses
(:func:`villagedesk.core.common.ids.mask_id` and ``mask_phone``).

- Any number of 15 or more digits (an 18-digit ID, an old 15-digit one, a bank card
  number), whole or written in groups (431322 19700101 1234, 431322-19700101-1234,
  4313 2219 7001 0112 34), keeps its first 6 and last 4 characters.
- Mobile numbers keep 3 + **** + 4, however grouped (138 0013 8000, 138-0013-8000);
  landlines their area code and last 4.
- The village's own contact phone is where villagers object, so it stays whole.

A notice may show ID numbers in full only when someone approved it for that
notice (``full_numbers``, recorded with who and when); phones are always masked.
"""

from __future__ import annotations

from villagedesk.core.common import ids


def public_id(number: str | None, full: bool = False) -> str:
    """An ID number as a public notice prints it: masked unless ``full`` was approved."""
    number = ids.normalize_id(number or "")
    return number if full else ids.mask_id(number)


def public_text(text: str | None, *, full_ids: bool = False, keep_phones: tuple[str, ...] = ()) -> str:
    """``text`` with every ID-like number and phone masked (IDs kept when ``full_ids``), in
    any of the ways people group them (:func:`villagedesk.core.common.ids.mask_text`).

    ``keep_phones`` are public numbers (the village office) left as they are.
    """
    return ids.mask_text(text, full_ids=full_ids, keep_phones=keep_phones)


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
