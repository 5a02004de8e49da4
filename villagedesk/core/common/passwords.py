"""A new password typed twice: nobody sees what they type into a password field or at the terminal, so a
typo there would lock them out of an account or a file.

One check for every place that asks for a new password (the command line and the window, an account's
password and an export's opening password); what the password itself must be differs from one to the
other (core.accounts.accounts.check_password: at least 8 characters; documents.protect.OpenPassword: at
least 6 printable ASCII characters), so that rule is handed in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from villagedesk.core.common import messages
from villagedesk.errors import UserError

T = TypeVar("T")

#: What the person is told they typed: an account's password, or an export's opening password.
ACCOUNT, FILE = "密码", "打开密码"


def typed_twice(first: str, second: str, rule: Callable[[str], T], *, what: str = ACCOUNT) -> T:
    """``rule(first)`` once ``second`` repeats it; UserError (field ``password_again``) when the two differ,
    or the rule's own refusal."""
    if first != second:
        raise UserError(messages.PASSWORDS_DIFFER.format(what=what), field="password_again")
    return rule(first)


__all__ = ["ACCOUNT", "FILE", "typed_twice"]
