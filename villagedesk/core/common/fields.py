"""A form's text fields checked in one place: trimmed text, a choice from a list, a required text with a limit.

Each area keeps its own messages (core/<area>/messages.py); these only apply them, so a refusal
names the field the window marks.
"""

from __future__ import annotations

from collections.abc import Sequence

from villagedesk.core.common import messages as common_messages
from villagedesk.errors import UserError


def text(value) -> str:
    """What the clerk typed, trimmed; None is empty (0 stays "0")."""
    return str(value if value is not None else "").strip()


def choice(value, choices: Sequence[str], message: str, field: str) -> str:
    """``value`` when it is one of ``choices``; else ``message`` (a template with {choices}) on ``field``."""
    chosen = text(value)
    if chosen not in choices:
        raise UserError(message.format(choices=common_messages.LIST_SEPARATOR.join(choices)), field=field)
    return chosen


def required_text(value, limit: int, missing: str, too_long: str, field: str) -> str:
    """Filled-in text of at most ``limit`` characters; ``missing`` or ``too_long`` (with {limit}) on ``field``."""
    found = text(value)
    if not found:
        raise UserError(missing, field=field)
    if len(found) > limit:
        raise UserError(too_long.format(limit=limit), field=field)
    return found
