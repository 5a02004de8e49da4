"""The database a command works on, and who works in it: a village's or a township's file (--db,
or the default), or a county's PostgreSQL URL for the commands that take one; an encrypted file is
opened only after logging in (docs/SECURITY.md "Command line credentials")."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from villagedesk.cli import prompts
from villagedesk.core.accounts.environment import PASSWORD_VARIABLE, USER_VARIABLE
from villagedesk.errors import UserError
from villagedesk.paths import default_db_path


def db_path(args) -> Path:
    """The database file of a command that works on one: every such command asks here, so a county's
    ``postgresql://`` URL given to one that cannot use it yet is refused once, for all of them."""
    # loads the store package: not at start-up
    from villagedesk.store.postgres import is_database_url

    if is_database_url(args.db):
        raise UserError(_not_for_county(getattr(args.func, "__name__", "")))
    return Path(args.db) if args.db else default_db_path()


# What a county database (a postgresql:// URL) is used with (docs/COUNTY.md "What works on a county
# database"); every other command works on a village's or a township's file.
COUNTY_COMMANDS = "窗口（不写命令）、county、county-card、import-package、print summary、print keys、export excel"


def _not_for_county(command: str) -> str:
    """Why the command ``command`` (its cmd_* function's name) does not take a county's URL, in one line."""
    if command.startswith("cmd_account_"):
        why = ("县级数据库的登录账户就是 PostgreSQL 的用户（villagedesk_reader、villagedesk_writer 两个用户组），"
               "由县里的数据库管理员在服务器上建立和停用，见 docs/COUNTY.md“Roles and grants”。")
    elif command in ("cmd_backup", "cmd_restore", "cmd_export_sqlite"):
        why = "县级数据库由县里的数据库管理员在服务器上备份和恢复（pg_dump、pg_restore），见 docs/COUNTY.md。"
    elif command == "cmd_check":
        why = ("县级数据库的完整性由 PostgreSQL 服务器自己保证；各村的积分记录链在每次导入时都已核验"
               "（docs/COUNTY.md“Importing township packages”）。")
    else:
        why = "这是村里或乡镇用的命令，请用 --db 写明村或乡镇的数据库文件。"
    return f"{why}县级数据库（postgresql:// 地址）能用的：{COUNTY_COMMANDS}。"


def county_url(args) -> str:
    """The county database's URL of a county command (docs/COUNTY.md): --db must give one."""
    # loads the store package: not at start-up
    from villagedesk.store.postgres import require_driver

    if not args.db:
        raise UserError("请用 --db 写明县级数据库的地址，如 --db postgresql://县服务器/村务通（docs/COUNTY.md）。")
    require_driver()
    return args.db


def is_county(args) -> bool:
    """Whether --db names a county's database (a ``postgresql://`` URL) rather than a file."""
    # loads the store package: not at start-up
    from villagedesk.store.postgres import is_database_url

    return bool(args.db) and is_database_url(args.db)


def credentials(args) -> tuple[str, str]:
    """Who logs in to an encrypted database, asked once per command: ``--user`` or VILLAGEDESK_USER, the
    password from VILLAGEDESK_PASSWORD (for that user) or typed at the terminal; neither and no terminal
    (a script): one line, exit 1."""
    cached = getattr(args, "credentials", None)
    if cached is not None:
        return cached
    from_env = os.environ.get(USER_VARIABLE, "").strip()
    login = (getattr(args, "user", None) or from_env).strip()
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is not None and login and (not from_env or login.lower() == from_env.lower()):
        args.credentials = (login, password)
        return args.credentials
    if not sys.stdin.isatty():
        raise UserError(f"这个数据库已加密，要先登录：请设置环境变量 {USER_VARIABLE} 和 {PASSWORD_VARIABLE}，"
                        "或在终端中加 --user 登录名 后输入密码。没有做任何改动。")
    try:
        if not login:
            login = input("登录名：").strip()
        args.credentials = (login, getpass.getpass(f"{login} 的密码："))
    except EOFError:
        raise UserError(prompts.CANCELLED) from None
    return args.credentials


def logged_in(args, path: Path | None = None, *, write: bool, action=None):
    """The command's database opened, with the account that works in it.

    A plain database (no accounts yet: an older file, a new one) opens as it always did, with no account;
    an encrypted one only after logging in, and a command that needs a role the account lacks is refused
    before anything is done (core.accounts.roles)."""
    # loads sqlite-utils: not at start-up
    from villagedesk.store import open_store
    from villagedesk.store.database import is_encrypted

    path = path or db_path(args)
    if not (path.is_file() and is_encrypted(path)):
        return open_store(path, write=write, create=write), None
    # loads argon2 and cryptography: not at start-up
    from villagedesk.core.accounts.session import login

    user, password = credentials(args)
    logged = login(path, user, password, write=write, backup_on_open=True, action=action)
    return logged.store, logged.account


def opened(args, *, write: bool, action=None):
    """The command's store (see logged_in); ``action`` is what the command does, checked against the role."""
    return logged_in(args, write=write, action=action)[0]


def need_profile(store):
    # loads sqlite-utils: not at start-up
    from villagedesk.core.common.village import get_profile

    profile = get_profile(store)
    if profile is None:
        raise UserError("数据库中还没有村庄信息。请先打开窗口填写村庄信息，或用 villagedesk demo 建演示村。")
    return profile
