"""Asking before acting: whether a rule of core lets an action through.

The window offers an action (enables its button) when core would accept it, by
running the very check the action runs (docs/ARCHITECTURE.md): one rule, one
place, and the refusal the clerk then reads is the action's own UserError.
"""

from __future__ import annotations

from collections.abc import Callable

from villagedesk.errors import UserError


def allowed(check: Callable[..., object], *args, **kwargs) -> bool:
    """True when ``check(*args, **kwargs)`` passes, False when it refuses with a UserError."""
    try:
        check(*args, **kwargs)
    except UserError:
        return False
    return True


__all__ = ["allowed"]
