"""The accounts of an encrypted database from the command line: list, add (the first one encrypts the
file), disable, enable, reset, change one's own password, recover with the recovery key
(core.accounts; docs/SECURITY.md "Roles and permissions")."""

from __future__ import annotations

from pathlib import Path

from villagedesk.cli import printing, prompts, session
from villagedesk.cli.options import Commands
from villagedesk.core.accounts.roles import Action, label
from villagedesk.errors import UserError


def cmd_account_list(args) -> int:
    # loads sqlite-utils: not at start-up
    from villagedesk.core.accounts import accounts
    from villagedesk.core.common.village import is_township

    store, _me = session.logged_in(args, write=False)
    with store:
        found = accounts.list_accounts(store)
        township = is_township(store)
    if not found:
        print("这个数据库还没有账户（没有加密）。第一个账户：villagedesk account add 登录名 --name 姓名 --role head")
        return 0
    for account in found:
        state = "已停用" if account.disabled else "在用"
        print(f"{account.login}　{account.name}　{label(account.role, township=township)}　{state}")
    return 0


def cmd_account_add(args) -> int:
    # loads sqlite-utils and argon2: not at start-up
    from villagedesk.core.accounts import accounts
    from villagedesk.store.database import is_encrypted

    path = session.db_path(args)
    if not (path.is_file() and is_encrypted(path)):
        return _first_account(args, path)
    store, me = session.logged_in(args, write=True, action=Action.MANAGE_ACCOUNTS)
    with store:
        person = accounts.person_id_of(store, args.person) if args.person else None
        # Everything typed is checked before the password is asked for.
        accounts.checked_new_account(store, args.login, args.name, args.role, None, person)
        password = prompts.read_secret(args, "新账户的密码", twice=True)
        added = accounts.add(store, me, args.login, args.name, args.role, password, person_id=person)
    print(f"已添加账户 {added.login}（{added.name}）。")
    return 0


def _first_account(args, path: Path) -> int:
    """`account add` on a plain database: the first account, a 主任/书记's, which encrypts it."""
    # loads sqlite-utils and argon2: not at start-up
    from villagedesk.core.accounts import accounts, setup
    from villagedesk.core.common.village import get_profile
    from villagedesk.store import open_store

    sheet = printing.pdf_path(Path(args.sheet)) if args.sheet else None
    person = profile = None
    if args.person or sheet is not None:
        with open_store(path, write=False) as store:
            person = accounts.person_id_of(store, args.person) if args.person else None
            profile = get_profile(store)
        if sheet is not None and profile is None:
            raise UserError("恢复密钥单上要印村名：请先填写村庄信息（打开窗口），再添加第一个账户。没有做任何改动。")
    password = prompts.read_secret(args, "新账户的密码", twice=True)
    recovery = setup.first_account(path, args.login, args.name, args.role, password, person_id=person)
    print(f"已添加第一个账户 {accounts.normal_login(args.login)}，数据库已加密：{path}")
    print(f"恢复密钥：{recovery}")
    if sheet is not None and profile is not None:
        # loads reportlab: not at start-up
        from villagedesk.documents.pdf.recovery_sheet import print_recovery_sheet

        print_recovery_sheet(sheet, profile=profile, recovery_text=recovery, database=path)
        print(f"恢复密钥单：{sheet}（打印后删除这个文件）")
    print("请把恢复密钥抄在纸上或打印出来，锁进档案柜（另交乡镇一份）：它只显示这一次。"
          "忘了所有密码时，只有它能打开数据库。")
    return 0


def _managed(args, change) -> int:
    """disable / enable / reset: a 主任/书记 changes another account."""
    store, me = session.logged_in(args, write=True, action=Action.MANAGE_ACCOUNTS)
    with store:
        message = change(store, me)
    print(message)
    return 0


def cmd_account_disable(args) -> int:
    # loads sqlite-utils: not at start-up
    from villagedesk.core.accounts import accounts

    def change(store, me) -> str:
        account = accounts.disable(store, me, args.login)
        return f"已停用账户 {account.login}（{account.name}）。它的密码已作废；以后启用时要设新密码。"

    return _managed(args, change)


def cmd_account_enable(args) -> int:
    # loads sqlite-utils and argon2: not at start-up
    from villagedesk.core.accounts import accounts

    def change(store, me) -> str:
        accounts.check_enable(store, me, args.login)  # refused before a new password is asked for
        account = accounts.enable(store, me, args.login, prompts.read_secret(args, "新密码", twice=True))
        return f"已启用账户 {account.login}（{account.name}），并设了新密码。"

    return _managed(args, change)


def cmd_account_reset(args) -> int:
    # loads sqlite-utils and argon2: not at start-up
    from villagedesk.core.accounts import accounts

    def change(store, me) -> str:
        account = accounts.check_reset(store, me, args.login)  # refused before a new password is asked for
        accounts.reset_password(store, me, account.login, prompts.read_secret(args, "新密码", twice=True))
        return f"已为账户 {account.login}（{account.name}）设了新密码。"

    return _managed(args, change)


def cmd_account_passwd(args) -> int:
    # loads sqlite-utils and argon2: not at start-up
    from villagedesk.core.accounts import accounts

    store, me = session.logged_in(args, write=True)
    if me is None:
        store.close()
        raise UserError("这个数据库还没有账户，没有密码可改。")
    with store:
        _user, old = session.credentials(args)
        accounts.change_password(store, me, old, prompts.read_secret(args, "新密码", twice=True))
    print(f"已改好 {me.login} 的密码。")
    return 0


def cmd_account_recover(args) -> int:
    # loads sqlite-utils and argon2: not at start-up
    from villagedesk.core.accounts.session import recover

    recovery = prompts.read_secret(args, "恢复密钥")
    password = prompts.read_secret(args, "新密码", twice=True)
    account = recover(session.db_path(args), recovery, args.login, password)
    print(f"已用恢复密钥为 {account.login}（{account.name}）设了新密码。请登录后为忘了密码的其他人重设。")
    return 0


def add_commands(commands: Commands) -> None:
    acc = commands.group("account", "账户：列出、添加、停用、启用、重设密码、改自己的密码、用恢复密钥重设",
                         description="账户（登录、角色；见 docs/SECURITY.md）", metavar="ACTION", what="做什么")
    secret_help = "从标准输入读密码（每行一个；recover 先读恢复密钥），供脚本使用；不加时在终端输入"

    def account_command(name: str, func, help: str, *, login: bool = True, secret: bool = True):
        sub = commands.add(name, func, help, acc)
        if login:
            sub.add_argument("login", metavar="LOGIN", help="账户的登录名，如 wenshu")
        if secret:
            sub.add_argument("--password-stdin", action="store_true", help=secret_help)
        return sub

    account_command("list", cmd_account_list, "列出全部账户（登录名、姓名、角色、是否在用）", login=False, secret=False)
    ad = account_command("add", cmd_account_add, "添加账户（主任/书记）。数据库还没有账户时，这就是第一个账户："
                         "数据库随之加密，并显示一次恢复密钥")
    ad.add_argument("--name", required=True, help="姓名（打印和记录中显示的名字）")
    ad.add_argument("--role", required=True, type=str.lower, metavar="ROLE",
                    help="角色：clerk（文书）、head（村委会主任/书记）、supervisor（村务监督委员会成员）；"
                         "乡镇数据库中为 township（乡镇干部）或 head")
    ad.add_argument("--person", metavar="CODE", help="花名册中此人的编号，如 HH001-P01（可不填）")
    ad.add_argument("--sheet", metavar="FILE.pdf",
                    help="第一个账户：同时把恢复密钥单（一页 A4）写到这个 PDF，打印后锁进档案柜")
    account_command("disable", cmd_account_disable, "停用账户（主任/书记；账户从不删除，它的密码随即作废）",
                    secret=False)
    account_command("enable", cmd_account_enable, "启用停用的账户，并设新密码（主任/书记）")
    account_command("reset", cmd_account_reset, "为忘了密码的账户设新密码（主任/书记）")
    account_command("passwd", cmd_account_passwd, "改自己的密码（先用现在的密码登录）", login=False)
    account_command("recover", cmd_account_recover,
                    "用恢复密钥重设主任/书记的密码（密码全忘了、或密钥文件丢了时；不用登录）")
