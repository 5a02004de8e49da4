"""A new password typed twice: one check for accounts and exports, each with its own rule."""

from __future__ import annotations

import pytest

from villagedesk.core.accounts.accounts import check_password
from villagedesk.core.common import messages
from villagedesk.core.common.passwords import ACCOUNT, FILE, typed_twice
from villagedesk.documents import protect
from villagedesk.errors import UserError


def test_the_same_twice_is_handed_to_the_rule():
    assert typed_twice("wenshu-2026", "wenshu-2026", lambda p: check_password(p, "wenshu")) == "wenshu-2026"
    assert typed_twice("abc123", "abc123", protect.OpenPassword, what=FILE) == protect.OpenPassword("abc123")


@pytest.mark.parametrize("what", [ACCOUNT, FILE])
def test_two_different_typings_are_refused_before_the_rule(what):
    def rule(password: str) -> str:
        raise AssertionError("the rule is not asked about a mistyped password")

    with pytest.raises(UserError) as refused:
        typed_twice("abc123", "abc124", rule, what=what)
    assert str(refused.value) == messages.PASSWORDS_DIFFER.format(what=what) and refused.value.field == "password_again"


def test_each_rule_keeps_its_own_minimum():
    # Six characters open a file; an account needs eight (docs/SECURITY.md).
    assert typed_twice("abc123", "abc123", protect.OpenPassword, what=FILE).text == "abc123"
    with pytest.raises(UserError, match="8"):
        typed_twice("abc123", "abc123", lambda p: check_password(p, "wenshu"))
