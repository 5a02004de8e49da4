"""Who may do what: the roles of issue 17 and the actions each may take (docs/DOMAIN.md §1.4,
docs/SECURITY.md "Roles and permissions").

The table is the separation of duties the 积分制 and 村务公开 rest on: the 文书 records and drafts,
the 村务监督委员会 reviews points and notices, the 村委会主任 / 书记 approves and manages accounts
(docs/DOMAIN.md §2.1, §4.1). A township's database knows two roles: its officers (乡镇) and a head who
manages their accounts.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from villagedesk.core.accounts import messages
from villagedesk.errors import UserError


class Role(StrEnum):
    CLERK = "clerk"
    HEAD = "head"
    SUPERVISOR = "supervisor"
    TOWNSHIP = "township"


class Action(StrEnum):
    RECORD = "record"  # register, points entries, requests, imports of rows
    DRAFT = "draft"  # notices and minutes in draft
    REVIEW_POINTS = "review-points"  # approve or reject point entries (审核)
    REVIEW_NOTICE = "review-notice"  # a notice reviewed before posting (§4.1)
    LOCK_PERIOD = "lock-period"  # a points period locked after 讲评 (§2.1 step 4)
    FINALISE_MINUTES = "finalise-minutes"  # signed by the chair or the recorder (§3.1)
    MANAGE_ACCOUNTS = "manage-accounts"
    SETTINGS = "settings"  # village profile, holiday calendar, joining a township
    MAKE_PACKAGE = "make-package"  # the USB package for the township
    IMPORT_PACKAGE = "import-package"  # a township taking villages' packages
    EXPORT_PLAIN = "export-plain"  # an unencrypted copy of the whole database
    RESTORE = "restore"  # the database replaced by a backup


_LABELS = {Role.CLERK: "文书", Role.HEAD: "村委会主任/书记", Role.SUPERVISOR: "村务监督委员会成员",
           Role.TOWNSHIP: "乡镇"}
# In a township's database the one who manages accounts is the township's own head.
_TOWNSHIP_LABELS = {**_LABELS, Role.HEAD: "乡镇负责人", Role.TOWNSHIP: "乡镇干部"}

# The roles a village's and a township's database hold.
VILLAGE_ROLES = (Role.CLERK, Role.HEAD, Role.SUPERVISOR)
TOWNSHIP_ROLES = (Role.TOWNSHIP, Role.HEAD)

_MAY: dict[Action, frozenset[Role]] = {
    Action.RECORD: frozenset({Role.CLERK, Role.HEAD}),
    Action.DRAFT: frozenset({Role.CLERK, Role.HEAD}),
    # Issue 17 item 3: points are reviewed by a member of the 村务监督委员会 (§2.1), whose scrutiny is
    # what makes them credible; the 主任 records and approves, so reviewing stays with the 监委会.
    Action.REVIEW_POINTS: frozenset({Role.SUPERVISOR}),
    # §4.1: a notice is reviewed by a member of the 村务监督委员会, and by no one else.
    Action.REVIEW_NOTICE: frozenset({Role.SUPERVISOR}),
    Action.LOCK_PERIOD: frozenset({Role.HEAD, Role.SUPERVISOR}),
    Action.FINALISE_MINUTES: frozenset({Role.CLERK, Role.HEAD, Role.SUPERVISOR}),
    Action.MANAGE_ACCOUNTS: frozenset({Role.HEAD}),
    Action.SETTINGS: frozenset({Role.CLERK, Role.HEAD, Role.TOWNSHIP}),
    Action.MAKE_PACKAGE: frozenset({Role.CLERK, Role.HEAD}),
    Action.IMPORT_PACKAGE: frozenset({Role.TOWNSHIP, Role.HEAD}),
    Action.EXPORT_PLAIN: frozenset({Role.HEAD}),
    Action.RESTORE: frozenset({Role.HEAD}),
}

# What each action is called in a refusal ("……不能审核积分").
_DOING = {
    Action.RECORD: "登记和修改记录", Action.DRAFT: "起草公开事项和会议记录", Action.REVIEW_POINTS: "审核积分",
    Action.REVIEW_NOTICE: "审核公开事项", Action.LOCK_PERIOD: "锁定积分期", Action.FINALISE_MINUTES: "会议记录定稿",
    Action.MANAGE_ACCOUNTS: "管理账户", Action.SETTINGS: "修改设置", Action.MAKE_PACKAGE: "生成数据包",
    Action.IMPORT_PACKAGE: "导入数据包", Action.EXPORT_PLAIN: "导出不加密的数据库", Action.RESTORE: "从备份恢复",
}


class Acting(Protocol):
    """What :func:`require` reads of an account (accounts.Account, which imports this module)."""

    @property
    def login(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def role(self) -> Role: ...
    @property
    def disabled(self) -> bool: ...


def label(role: Role | str, *, township: bool = False) -> str:
    """The role as the clerk calls it: 文书, 村委会主任/书记 …"""
    return (_TOWNSHIP_LABELS if township else _LABELS)[Role(role)]


def doing(action: Action | str) -> str:
    """The action as a refusal names it: 审核积分 …"""
    return _DOING[Action(action)]


def may(role: Role | str, action: Action | str) -> bool:
    return Role(role) in _MAY[Action(action)]


def roles_for(action: Action | str) -> tuple[Role, ...]:
    """The roles that may take ``action``, in the order the clerk knows them (a signer's picker)."""
    allowed = _MAY[Action(action)]
    return tuple(role for role in Role if role in allowed)


def require(account: Acting, action: Action | str) -> None:
    """Refuse, with one sentence, an account that may not take ``action`` (or is disabled)."""
    if account.disabled:
        raise UserError(messages.DISABLED.format(login=account.login, name=account.name))
    if not may(account.role, action):
        who = messages.LIST_SEPARATOR.join(_LABELS[r] for r in roles_for(action))
        raise UserError(messages.ROLE_MAY_NOT.format(name=account.name, role=_LABELS[Role(account.role)],
                                                     doing=doing(action), who=who))


def roles_of_database(township: bool) -> tuple[Role, ...]:
    return TOWNSHIP_ROLES if township else VILLAGE_ROLES


def parse_role(text: Role | str, *, township: bool = False) -> Role:
    """A role as typed (its code, clerk, or its Chinese name, 文书) that this kind of database holds."""
    wanted = str(text).strip()
    allowed = roles_of_database(township)
    names = messages.LIST_SEPARATOR.join(f"{r.value}（{label(r, township=township)}）" for r in allowed)
    role = find_role(wanted)
    if role is None:
        raise UserError(messages.BAD_ROLE.format(text=wanted, roles=names), field="role")
    if role not in allowed:
        kind = messages.TOWNSHIP_KIND if township else messages.VILLAGE_KIND
        raise UserError(messages.ROLE_NOT_HERE.format(kind=kind, role=label(role, township=township), roles=names),
                        field="role")
    return role


# Short names a clerk types for a role (`villagedesk account add … --role 主任`).
_SHORT = {"主任": Role.HEAD, "书记": Role.HEAD, "村委会主任": Role.HEAD, "监委": Role.SUPERVISOR,
          "监委会": Role.SUPERVISOR, "监委会成员": Role.SUPERVISOR}


def find_role(text: Role | str) -> Role | None:
    """The role ``text`` names (its code, either Chinese name or a short one), or None."""
    wanted = str(text).strip()
    for role in Role:
        if wanted.lower() == role.value or wanted in (label(role), label(role, township=True)):
            return role
    return _SHORT.get(wanted)
