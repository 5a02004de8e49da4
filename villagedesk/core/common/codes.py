"""Printed record codes (JF0000123, HY0012, SQ000045, …): one record's number with a prefix.

The code is how a clerk names a record on paper, in Excel and on the command
line; typing it back in any case, with or without the prefix and the zeros,
finds the same record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Code:
    prefix: str
    digits: int
    _pattern: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_pattern",
                           re.compile(rf"^(?:{re.escape(self.prefix)})?0*(\d{{1,12}})$", re.IGNORECASE))

    @property
    def printf(self) -> str:
        """The format SQLite's printf() and Python's % take: JF%07d."""
        return f"{self.prefix}%0{self.digits}d"

    def __call__(self, record_id: int) -> str:
        return self.printf % record_id

    def sql(self, expr: str) -> str:
        """The code as an SQL expression of the record id ``expr``: ``printf('HY%04d', m.id)``.

        The one place SQL spells a code, so a listing, a sheet and the CLI print the same.
        """
        return f"printf('{self.printf}', {expr})"

    def parse(self, text) -> int | None:
        """JF0000123, jf123 or 123 → 123; None when ``text`` is not such a code."""
        found = self._pattern.match(str(text or "").strip())
        return int(found.group(1)) if found else None


ENTRY = Code("JF", 7)
REDEMPTION = Code("DH", 6)
GOODS = Code("SP", 4)
MEETING = Code("HY", 4)
REQUEST = Code("SQ", 6)
NOTICE = Code("GK", 4)
POST = Code("ZW", 4)  # a committee post (职务), as the roster sheet numbers it
TRAINING = Code("PX", 4)  # a cadre training (培训)

__all__ = ["ENTRY", "GOODS", "MEETING", "NOTICE", "POST", "REDEMPTION", "REQUEST", "TRAINING", "Code"]
