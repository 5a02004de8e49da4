"""Looking after the database file: a demo village made in an empty one, backups, a restore, the
check of the file and its points chain, and the holiday calendar the township sends."""

from __future__ import annotations

from pathlib import Path

from villagedesk.cli import session
from villagedesk.cli.options import Commands, whole_number
from villagedesk.core.accounts.environment import PASSWORD_VARIABLE, USER_VARIABLE
from villagedesk.core.accounts.roles import Action, label
from villagedesk.errors import UserError


def cmd_demo(args) -> int:
    # loads sqlite-utils: not at start-up
    from villagedesk.demo.accounts import make_demo_accounts
    from villagedesk.demo.village import build_demo
    from villagedesk.store import open_store
    from villagedesk.store.database import is_encrypted

    path = session.db_path(args)
    if path.is_file() and is_encrypted(path):  # it has accounts, so it is not empty (build_demo says the same)
        raise UserError("数据库中已有数据，演示村只能建在空数据库里。请用 --db 指定一个新文件。")
    with open_store(path) as store:
        counts = build_demo(store, size=args.size, seed=args.seed)
    print(f"演示村已建好：{store.path}")
    labels = {"households": "户", "persons": "人"}
    print("，".join(f"{v} {labels[k]}" for k, v in counts.items() if k in labels))
    if args.plain:
        return 0
    recovery, made = make_demo_accounts(store.path)
    print("账户（登录名　密码　姓名　角色）：")
    for account in made:
        print(f"  {account.login}　{account.password}　{account.name}　{label(account.role)}")
    print(f"恢复密钥：{recovery}")
    print(f"演示村已加密。命令行登录：设置环境变量 {USER_VARIABLE}=wenshu 和 {PASSWORD_VARIABLE}=demo-wenshu，"
          "或加 --user wenshu 后输入密码。")
    return 0


def cmd_backup(args) -> int:
    # loads sqlite-utils: not at start-up
    from villagedesk.store.backup import check_target

    if args.output:  # checked before the database is opened: a refused name touches nothing
        check_target(Path(args.output), session.db_path(args), force=args.force)
    with session.opened(args, write=False) as store:
        dest = store.backup(Path(args.output) if args.output else None)
    print(f"已备份到：{dest}")
    return 0


def cmd_restore(args) -> int:
    # loads sqlite-utils: not at start-up
    from villagedesk.core.accounts.session import KeyMismatch, unlock
    from villagedesk.store import DamagedDatabase, is_encrypted, restore, restore_damaged

    try:
        with session.opened(args, write=True, action=Action.RESTORE) as store:
            safety = restore(store, Path(args.file))
    except (DamagedDatabase, KeyMismatch):  # an encrypted file damaged in its first page says the latter
        path = session.db_path(args)
        key = None
        if is_encrypted(path):
            # Nobody can be looked up in a file that cannot be read: any account's password gives the key.
            # The damaged file is kept aside, nothing is lost; a key file of another database unwraps a
            # key the backup does not open either, and the restore is refused before anything is moved.
            key = unlock(path, *session.credentials(args))
        kept = restore_damaged(path, Path(args.file), key=key)
        print(f"已从 {args.file} 恢复。损坏的数据库没有删除，已移到：{kept}")
        return 0
    print(f"已从 {args.file} 恢复。恢复前的数据已备份到：{safety}")
    return 0


def cmd_check(args) -> int:
    # loads sqlite-utils: not at start-up
    from villagedesk.core.points.ledger import chain_problems
    from villagedesk.store.check import check_problems

    with session.opened(args, write=False) as store:
        # SQLite's own check, the points chain beside it on the cores it leaves (a damaged file tells
        # only the former).
        problems = check_problems(store, lambda other: chain_problems(other, beside=1))
    if problems:
        for line in problems:
            print(line)
        raise UserError(f"检查未通过：共 {len(problems)} 处问题，第一处是：{problems[0]}")
    print(f"检查通过：{store.path}")
    return 0


def cmd_calendar_load(args) -> int:
    # loads sqlite-utils and the holiday tables: not at start-up
    from villagedesk.core.common import workdays

    with session.opened(args, write=True, action=Action.SETTINGS) as store:
        year = workdays.load_calendar_file(store, Path(args.file))
    print(workdays.loaded_message(year, Path(args.file).name))
    return 0


def add_demo(commands: Commands) -> None:
    demo = commands.add("demo", cmd_demo, "在空数据库中建一个演示村")
    demo.add_argument("--size", choices=("small", "large"), default="small",
                      help="small：约 300 户（默认）；large：约 3000 户，用来试速度")
    demo.add_argument("--seed", type=whole_number, default=1, help="随机数种子：同一个种子建出同样的村（默认 1）")
    demo.add_argument("--plain", action="store_true",
                      help="不建账户、不加密（和旧版本一样；用来比较速度或试旧文件的做法）")


def add_commands(commands: Commands) -> None:
    cal = commands.group("calendar", "法定节假日和调休日历（按工作日计公示期用）", metavar="ACTION", what="做什么")
    commands.add("load", cmd_calendar_load, "载入乡镇下发的一年节假日日历文件（CSV：日期,类型,名称）", cal).add_argument(
        "file", metavar="FILE.csv", help="节假日日历文件")
    bk = commands.add("backup", cmd_backup, "备份数据库（默认写到数据库旁边的 backups 文件夹）")
    bk.add_argument("-o", "--output", metavar="FILE",
                    help="备份写到这个文件（不能是已有的数据库；其他已有文件要加 --force 才覆盖）")
    bk.add_argument("--force", action="store_true", help="覆盖已有的文件（已有的村务通数据库仍不覆盖）")
    commands.add("restore", cmd_restore, "从备份恢复（先自动备份当前数据）").add_argument(
        "file", metavar="FILE", help="要恢复的备份文件（backups 文件夹中的 .sqlite3 文件）")
    commands.add("check", cmd_check, "检查数据库是否完好")
