"""One way to fill a translated message: Qt's numbered markers, filled in one pass.

Translators see ``%1``, ``%2`` … in Qt Linguist, as Qt's own ``QString::arg``
gives them; :func:`fmt` fills every marker at once, so a value that itself
contains ``%2`` (a file name, a villager's note) is never read as a marker.
"""

from __future__ import annotations

import re

_MARKER = re.compile(r"%(\d{1,2})")


def fmt(text: str, *args: object) -> str:
    """``text`` with ``%1`` … ``%n`` replaced by ``args`` (``str()`` of each); other ``%`` left as they are."""

    def fill(found: re.Match) -> str:
        index = int(found.group(1)) - 1
        return str(args[index]) if 0 <= index < len(args) else found.group(0)

    return _MARKER.sub(fill, text)


__all__ = ["fmt"]
