"""Who signs: the account that reviews, locks or finalises, or the name typed in a plain database.

A review that the same person can record and approve is not a review (issue 17, docs/SECURITY.md
"Signatures"). Where the database has accounts, every review of points, review of a notice, lock of
a points period and finalisation of minutes is signed by an account whose role may do it
(:mod:`.roles`), enabled, and not the account that recorded or drafted the work; the window checks
its password at the same desk (core.accounts.session.verify) before it calls core. A PLAIN
database (no accounts yet: an older file, the tests' files) keeps the name typed or picked.

One value, :class:`Signer`, serves both: core stores :attr:`Signer.text` where it stored the typed
name (reviewer, recorded_by, finalised_by, locked_by, drafted_by), so lists, packages and printouts
read it as before, and the account's login is in it for the audit and the self-review check.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from villagedesk.core.accounts import accounts as account_core
from villagedesk.core.accounts import messages, roles
from villagedesk.core.accounts.accounts import Account, has_accounts
from villagedesk.errors import UserError
from villagedesk.store import Store


def stamp(account: Account) -> str:
    """How a record names an account: 王五（wangwu）: the name people read, the login that is unique."""
    return f"{account.name}（{account.login}）"


def stamp_sql(login: str) -> str:
    """SQL naming the account whose login is the expression ``login`` as :func:`stamp` does, or
    ``login`` itself when no account has it (a plain database's clerk, an older row)."""
    return (f"coalesce((SELECT a.name || '（' || a.login || '）' FROM accounts a WHERE a.login = {login}), "
            f"{login})")


@dataclass(frozen=True)
class Signer:
    """Who signs: an account, or (plain database only) a name as typed."""

    name: str
    account: Account | None = None

    @property
    def text(self) -> str:
        """What the record stores and the printout shows."""
        return stamp(self.account) if self.account is not None else self.name

    @property
    def login(self) -> str | None:
        return self.account.login if self.account is not None else None

    def wrote(self, author: str | None) -> bool:
        """Whether ``author`` (a stored recorded_by / drafted_by, or an audit actor) names this account."""
        return self.account is not None and author in (self.text, self.account.login)


def acting(store: Store) -> Signer:
    """Who works at the desk: the logged-in account (``store.actor`` is its login), or in a plain
    database the name the audit names (the profile's clerk)."""
    account = account_core.get(store, store.actor) if has_accounts(store) else None
    return Signer(account.name, account) if account is not None else Signer(store.actor)


def author(store: Store, typed: str | None, *, default: bool = True) -> str:
    """What a record stores as who did it (recorded_by, drafted_by, posted_by, an amendment's author):
    the logged-in account where there are accounts — a typed name cannot stand for one — else
    ``typed``, or when it is blank the desk's name (with ``default``) or "" for the caller to refuse."""
    desk = acting(store)
    if desk.account is not None:
        return desk.text
    return (typed or "").strip() or (desk.text if default else "")


def signer(store: Store, who: Account | str | None, action: roles.Action, *, missing: str,
           field: str = "reviewer") -> Signer:
    """The checked signer of ``action``: ``who`` is an account (its password checked by the caller),
    or in a plain database a name (``missing`` is said when it is blank).

    An account is read again (it may have been disabled since the dialog opened) and must be
    enabled and allowed ``action`` by its role; where the database has accounts a bare name is
    refused, so nobody signs by typing someone's name.
    """
    if isinstance(who, Account):
        current = account_core.existing(store, who.login)
        roles.require(current, action)  # refuses a disabled account too
        return Signer(current.name, current)
    if has_accounts(store):
        raise UserError(messages.SIGN_WITH_ACCOUNT, field=field)
    name = (who or "").strip()
    if not name:
        raise UserError(missing, field=field)
    return Signer(name)


def refuse_own(signer: Signer, authors: Iterable[str | None], what: str, field: str = "reviewer") -> None:
    """The recorder or drafter of the work never signs it (``what``: 登记的积分, 起草的公开事项 …)."""
    if any(signer.wrote(a) for a in authors):
        raise UserError(messages.SIGN_OWN_WORK.format(name=signer.text, what=what), field=field)


def named(store: Store, actor: str | None) -> str | None:
    """An audit row's actor as a record names it: an account's login as 王五（wangwu）, else as written."""
    account = account_core.get(store, actor) if actor and has_accounts(store) else None
    return stamp(account) if account is not None else actor


def logins_named(store: Store, authors: Iterable[str | None]) -> list[str]:
    """The logins of the accounts ``authors`` name: who the signing dialog leaves out."""
    texts = set(authors)
    return [a.login for a in account_core.list_accounts(store) if a.login in texts or stamp(a) in texts]


__all__ = ["Signer", "acting", "author", "has_accounts", "logins_named", "named", "refuse_own", "signer", "stamp", "stamp_sql"]
