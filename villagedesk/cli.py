"""The command line: `villagedesk [--db PATH] [COMMAND …]`.

Exit 0 on success, 1 with one plain line on stderr for anything the user can fix
(a bad file, a bad id, a locked database), 2 for wrong usage (argparse).

Each command imports what it needs inside its function, each import saying what it
loads: `villagedesk --version`, `--help` and a usage error start without sqlite-utils,
openpyxl, reportlab or Qt (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import argparse
import getpass
import gettext
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from villagedesk import __version__, clock
from villagedesk.core.accounts.roles import Action, label
from villagedesk.core.common import passwords
from villagedesk.core.township import messages as township_messages
from villagedesk.documents import protect
from villagedesk.documents.atomic import atomic_output, refuse_database_target
from villagedesk.errors import UserError
from villagedesk.paths import default_db_path

T = TypeVar("T")
# Ctrl+D at a prompt: the person gave up.
CANCELLED = "已取消，没有做任何改动。"


def _db_path(args) -> Path:
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


def _county_url(args) -> str:
    """The county database's URL of a county command (docs/COUNTY.md): --db must give one."""
    # loads the store package: not at start-up
    from villagedesk.store.postgres import require_driver

    if not args.db:
        raise UserError("请用 --db 写明县级数据库的地址，如 --db postgresql://县服务器/村务通（docs/COUNTY.md）。")
    require_driver()
    return args.db


def _is_county(args) -> bool:
    """Whether --db names a county's database (a ``postgresql://`` URL) rather than a file."""
    # loads the store package: not at start-up
    from villagedesk.store.postgres import is_database_url

    return bool(args.db) and is_database_url(args.db)


# The account a script logs in as (docs/SECURITY.md "Command line credentials").
USER_VARIABLE, PASSWORD_VARIABLE = "VILLAGEDESK_USER", "VILLAGEDESK_PASSWORD"


def _credentials(args) -> tuple[str, str]:
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
        raise UserError(CANCELLED) from None
    return args.credentials


def _login(args, path: Path | None = None, *, write: bool, action=None):
    """The command's database opened, with the account that works in it.

    A plain database (no accounts yet: an older file, a new one) opens as it always did, with no account;
    an encrypted one only after logging in, and a command that needs a role the account lacks is refused
    before anything is done (core.accounts.roles)."""
    # loads sqlite-utils: not at start-up
    from villagedesk.store import open_store
    from villagedesk.store.database import is_encrypted

    path = path or _db_path(args)
    if not (path.is_file() and is_encrypted(path)):
        return open_store(path, write=write, create=write), None
    # loads argon2 and cryptography: not at start-up
    from villagedesk.core.accounts.session import login

    user, password = _credentials(args)
    session = login(path, user, password, write=write, backup_on_open=True, action=action)
    return session.store, session.account


def _open(args, *, write: bool, action=None):
    """The command's store (see _login); ``action`` is what the command does, checked against the role."""
    return _login(args, write=write, action=action)[0]


def _need_profile(store):
    # loads sqlite-utils: not at start-up
    from villagedesk.core.common.village import get_profile

    profile = get_profile(store)
    if profile is None:
        raise UserError("数据库中还没有村庄信息。请先打开窗口填写村庄信息，或用 villagedesk demo 建演示村。")
    return profile


def cmd_window(args) -> int:
    # loads Qt: not at start-up
    from villagedesk.store.postgres import is_database_url
    from villagedesk.ui.app import run, run_county

    if is_database_url(args.db):
        return run_county(_county_url(args))  # the county window (docs/COUNTY.md "The county window")
    return run(_db_path(args))


def cmd_demo(args) -> int:
    # loads sqlite-utils: not at start-up
    from villagedesk.demo.accounts import make_demo_accounts
    from villagedesk.demo.village import build_demo
    from villagedesk.store import open_store
    from villagedesk.store.database import is_encrypted

    path = _db_path(args)
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


# --- accounts (core.accounts; docs/SECURITY.md "Roles and permissions") -----------------------------

def _read_secret(args, prompt: str, *, twice: bool = False) -> str:
    """A password or recovery key: one line of standard input with --password-stdin (a script), else
    typed at the terminal without echo (a new password twice)."""
    if args.password_stdin:
        line = sys.stdin.readline()
        if not line.strip():
            raise UserError(f"标准输入中缺少{prompt}（每行一个）。没有做任何改动。")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UserError(f"没有终端可以输入{prompt}：请加 --password-stdin，从标准输入给出（每行一个）。没有做任何改动。")
    if twice:
        return _typed_twice(prompt, str, what=passwords.ACCOUNT)
    try:
        return getpass.getpass(f"{prompt}：")
    except EOFError:
        raise UserError(CANCELLED) from None


def _typed_twice(prompt: str, rule: Callable[[str], T], *, what: str) -> T:
    """A new password typed twice at the terminal without echo, then ``rule`` (core.common.passwords: an
    account's and an export's are asked alike, their rules differ); Ctrl+D gives up, changing nothing."""
    try:
        first = getpass.getpass(f"{prompt}：")
        return passwords.typed_twice(first, getpass.getpass(f"再输一次{what}："), rule, what=what)
    except EOFError:
        raise UserError(CANCELLED) from None


def cmd_account_list(args) -> int:
    # loads sqlite-utils: not at start-up
    from villagedesk.core.accounts import accounts
    from villagedesk.core.common.village import is_township

    store, _me = _login(args, write=False)
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

    path = _db_path(args)
    if not (path.is_file() and is_encrypted(path)):
        return _first_account(args, path)
    store, me = _login(args, write=True, action=Action.MANAGE_ACCOUNTS)
    with store:
        person = accounts.person_id_of(store, args.person) if args.person else None
        # Everything typed is checked before the password is asked for.
        accounts.checked_new_account(store, args.login, args.name, args.role, None, person)
        password = _read_secret(args, "新账户的密码", twice=True)
        added = accounts.add(store, me, args.login, args.name, args.role, password, person_id=person)
    print(f"已添加账户 {added.login}（{added.name}）。")
    return 0


def _first_account(args, path: Path) -> int:
    """`account add` on a plain database: the first account, a 主任/书记's, which encrypts it."""
    # loads sqlite-utils and argon2: not at start-up
    from villagedesk.core.accounts import accounts, setup
    from villagedesk.core.common.village import get_profile
    from villagedesk.store import open_store

    sheet = _pdf_path(Path(args.sheet)) if args.sheet else None
    person = profile = None
    if args.person or sheet is not None:
        with open_store(path, write=False) as store:
            person = accounts.person_id_of(store, args.person) if args.person else None
            profile = get_profile(store)
        if sheet is not None and profile is None:
            raise UserError("恢复密钥单上要印村名：请先填写村庄信息（打开窗口），再添加第一个账户。没有做任何改动。")
    password = _read_secret(args, "新账户的密码", twice=True)
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
    store, me = _login(args, write=True, action=Action.MANAGE_ACCOUNTS)
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
        account = accounts.enable(store, me, args.login, _read_secret(args, "新密码", twice=True))
        return f"已启用账户 {account.login}（{account.name}），并设了新密码。"

    return _managed(args, change)


def cmd_account_reset(args) -> int:
    # loads sqlite-utils and argon2: not at start-up
    from villagedesk.core.accounts import accounts

    def change(store, me) -> str:
        account = accounts.check_reset(store, me, args.login)  # refused before a new password is asked for
        accounts.reset_password(store, me, account.login, _read_secret(args, "新密码", twice=True))
        return f"已为账户 {account.login}（{account.name}）设了新密码。"

    return _managed(args, change)


def cmd_account_passwd(args) -> int:
    # loads sqlite-utils and argon2: not at start-up
    from villagedesk.core.accounts import accounts

    store, me = _login(args, write=True)
    if me is None:
        store.close()
        raise UserError("这个数据库还没有账户，没有密码可改。")
    with store:
        _user, old = _credentials(args)
        accounts.change_password(store, me, old, _read_secret(args, "新密码", twice=True))
    print(f"已改好 {me.login} 的密码。")
    return 0


def cmd_account_recover(args) -> int:
    # loads sqlite-utils and argon2: not at start-up
    from villagedesk.core.accounts import session

    recovery = _read_secret(args, "恢复密钥")
    password = _read_secret(args, "新密码", twice=True)
    account = session.recover(_db_path(args), recovery, args.login, password)
    print(f"已用恢复密钥为 {account.login}（{account.name}）设了新密码。请登录后为忘了密码的其他人重设。")
    return 0


def cmd_export_sqlite(args) -> int:
    # loads sqlite-utils: not at start-up
    from villagedesk.core.accounts.accounts import note_plain_export
    from villagedesk.store.backup import check_target
    from villagedesk.store.encryption import export_plain

    output = Path(args.output)
    check_target(output, _db_path(args), force=args.force)  # before logging in: a refused name touches nothing
    if not args.yes and not sys.stdin.isatty():
        raise UserError("没有终端可以确认：不加密的副本中有全村的身份证号等个人信息，"
                        "确认要导出时请加 --yes 再运行。没有写入任何文件。")
    store, _me = _login(args, write=True, action=Action.EXPORT_PLAIN)
    with store:
        if not args.yes:
            if not _confirm(f"{output} 将是不加密的完整副本，任何人拿到都能读出全村的个人信息。确认导出？[y/N] "):
                raise UserError("已取消，没有写入任何文件。")
        written = export_plain(store, output, force=args.force)
        note_plain_export(store, written)
    print(f"已导出不加密的数据库副本：{written}。请妥善保管，用完删除。")
    return 0


def cmd_import_households(args) -> int:
    # loads openpyxl: not at start-up
    from villagedesk.documents.imports.households import read_roster

    path = _db_path(args)
    with tempfile.TemporaryDirectory() as scratch:
        empty = args.dry_run and not path.exists()
        if empty:
            # A dry run changes nothing, not even by creating the database: check
            # the file against an empty register instead.
            path = Path(scratch) / "empty.sqlite3"
        store, _account = _login(args, path, write=empty or not args.dry_run, action=Action.RECORD)
        with store:
            plan = read_roster(store, Path(args.file))
            for row, reason in plan.problems:
                print(f"第 {row} 行：{reason}")
            print(plan.summary(list_problems=False))
            if args.dry_run and plan.problems:
                raise UserError(f"检查发现 {len(plan.problems)} 行有问题（见上）；这是试运行，没有写入任何数据。")
            if args.dry_run:
                return 0
            if plan.problems and not args.only_valid:
                raise UserError(f"文件中有 {len(plan.problems)} 行有问题，未导入任何数据。改正后重试，"
                                "或加 --only-valid 只导入没有问题的行。")
            plan.apply(store, only_valid=args.only_valid)
    print("导入完成。")
    return 0


def cmd_import_rules(args) -> int:
    # loads openpyxl: not at start-up
    from villagedesk.documents.imports.rules import read_rules

    with _open(args, write=not args.dry_run, action=Action.SETTINGS) as store:
        plan = read_rules(store, Path(args.file))
        for row, reason in plan.problems:
            print(f"第 {row} 行：{reason}")
        print(plan.summary(list_problems=False))
        if plan.problems:
            raise UserError(f"检查发现 {len(plan.problems)} 行有问题（见上），没有导入任何细则。")
        if args.dry_run:
            return 0
        plan.apply(store)
    print("导入完成。")
    return 0


def cmd_export_rules(args) -> int:
    # loads openpyxl: not at start-up
    from villagedesk.documents.imports.rules import export_rules

    with _open(args, write=False) as store:
        count = export_rules(store, Path(args.output))
    print(f"已导出 {count} 条细则（含历史版本）：{args.output}")
    return 0


def cmd_export_notice(args) -> int:
    # loads openpyxl: not at start-up
    from villagedesk.documents.excel.notice_table import export_notice_table

    with _open(args, write=False) as store:
        count = export_notice_table(store, Path(args.output), args.notice)
    print(f"已导出 {count} 行（身份证号、电话按公示规则隐去）：{args.output}")
    return 0


def _export_password(args, *, full_ids: bool, what: str) -> protect.OpenPassword | None:
    """The opening password of an export (documents/protect.py): typed twice with --password-prompt, or
    VILLAGEDESK_EXPORT_PASSWORD in a script; None with neither.  Asked before the database is opened, so
    a refusal (no terminal, no full ID numbers to protect, a mismatch) writes nothing."""
    given = os.environ.get(protect.ENV_VAR)
    if not args.password_prompt and given is None:
        return None
    protect.require_full_ids(full_ids, what)
    if not args.password_prompt:
        return protect.OpenPassword(given or "")
    if not sys.stdin.isatty():
        raise UserError(f"没有终端可以输入打开密码：脚本中请用环境变量 {protect.ENV_VAR} 给出。没有写入任何文件。")
    return _typed_twice(f"打开密码（至少 {protect.MIN_LENGTH} 个字符）", protect.OpenPassword, what=passwords.FILE)


def cmd_export_excel(args) -> int:
    # loads openpyxl: not at start-up
    from villagedesk.core.township.merge import is_township
    from villagedesk.documents.excel.township import export_township_workbook
    from villagedesk.documents.excel.workbook import export_workbook

    # First: a county's URL on an installation without the PostgreSQL driver is told before a password is asked.
    url = _county_url(args) if _is_county(args) else None
    # The village's, the township's and the county's workbooks all carry the register, full ID numbers and all.
    password = _export_password(args, full_ids=True, what="Excel 工作簿")
    if url is not None:  # the county's summary, then every village's sheets merged with 乡镇 and 村 columns
        # loads psycopg: not at start-up
        from villagedesk.documents.excel.county import export_county_workbook
        from villagedesk.store.postgres.connection import county_database

        with county_database(url) as conn:
            export_county_workbook(conn, Path(args.output), password=password)
    else:
        with _open(args, write=False) as store:
            if is_township(store):  # the summary, then every village's sheets merged with a 村 column
                export_township_workbook(store, Path(args.output), password=password)
            else:
                export_workbook(store, Path(args.output), password=password)
    print(f"已导出{'（已设打开密码）' if password else ''}：{args.output}")
    return 0


def _pdf_output(args) -> Path:
    """The file a `print` command writes: a PDF is named .pdf, or the clerk's computer opens it with the wrong program."""
    return _pdf_path(Path(args.output))


def _pdf_path(path: Path) -> Path:
    refuse_database_target(path)  # said first: the clerk's records, not a file name, are at stake
    if path.suffix.lower() != ".pdf":
        raise UserError(f"打印的文件名要以 .pdf 结尾（现在是 {path.name}），例如 {path.with_suffix('.pdf').name}。"
                        "没有写入任何文件。")
    return path


def _print_pdf(args, printout: Callable, **options) -> int:
    """Every `print` command: open the database read-only, check the profile, print, say where."""
    output = _pdf_output(args)
    with _open(args, write=False) as store:
        _need_profile(store)
        printout(store, output, **options)
    print(f"已生成{'（已设打开密码）' if options.get('password') else ''}：{args.output}")
    return 0


def cmd_print_households(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.documents.pdf.households import print_households

    password = _export_password(args, full_ids=True, what="村民花名册")
    return _print_pdf(args, print_households, include_archived=args.archived, password=password)


def cmd_print_roster(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.documents.pdf.roster import print_roster

    password = _export_password(args, full_ids=args.internal, what="公开版两委成员花名册")
    return _print_pdf(args, print_roster, term_number=args.term, internal=args.internal, password=password)


def cmd_print_minutes(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.documents.pdf.minutes import print_minutes

    return _print_pdf(args, print_minutes, meeting=args.meeting)


def cmd_print_requests(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.documents.pdf.requests import print_requests

    return _print_pdf(args, print_requests, period_code=args.period)


def cmd_print_report(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.documents.pdf.report import report_month

    report_month(args.period, clock.today())  # a bad month is one line, before Qt is started

    def printout(store, path: Path, period_code: str) -> Path:
        # loads reportlab, and Qt (the only print command that needs it): not at start-up
        from villagedesk.documents.pdf.report import print_report
        from villagedesk.ui.home.report_images import report_images

        return print_report(store, path, period_code, images=report_images(store, period_code))

    return _print_pdf(args, printout, period_code=args.period)


def cmd_print_summary(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.core.township.merge import require_township
    from villagedesk.documents.pdf.summary import print_summary

    # Not through _print_pdf: a township made with `villagedesk township` may have no profile of its own.
    output = _pdf_output(args)
    if _is_county(args):  # 各乡镇村务汇总表
        url = _county_url(args)
        # loads psycopg: not at start-up
        from villagedesk.documents.pdf.summary import print_county_summary
        from villagedesk.store.postgres.connection import county_database

        with county_database(url) as conn:
            print_county_summary(conn, output, args.period)
    else:
        with _open(args, write=False) as store:
            require_township(store, township_messages.DOING_SUMMARY)
            print_summary(store, output, args.period)
    print(f"已生成：{args.output}")
    return 0


def cmd_print_ranking(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.documents.pdf.ranking import print_ranking

    return _print_pdf(args, print_ranking, period_code=args.period, size=args.size, board=args.board)


def cmd_print_notice(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.documents.pdf.notice import print_notice

    return _print_pdf(args, print_notice, notice=args.notice, size=args.size)


def cmd_print_statement(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.documents.pdf.statement import print_statement

    return _print_pdf(args, print_statement, household_code=args.household, period_code=args.period)


def cmd_print_slip(args) -> int:
    # loads reportlab: not at start-up
    from villagedesk.documents.pdf.slip import print_slip

    return _print_pdf(args, print_slip, code=args.redemption)


def cmd_package(args) -> int:
    # loads sqlite-utils: not at start-up
    from villagedesk.core.township.merge import is_township
    from villagedesk.documents.package.township_writer import write_township_package
    from villagedesk.documents.package.writer import write_package

    with _open(args, write=True, action=Action.MAKE_PACKAGE) as store:
        if is_township(store):  # a township's package carries its villages' packages to the county
            written = write_township_package(store, Path(args.output), full=args.full)
            print(f"已生成给县里的数据包：{written.path}")
            print(f"第 {written.sequence} 号{'全量' if written.full else ''}数据包，"
                  f"含 {written.villages} 个村的 {written.payloads} 个村级数据包。")
            if written.warning:
                print(written.warning, file=sys.stderr)
            return 0
        path = write_package(store, Path(args.output), full=args.full)
    print(f"已生成数据包：{path}")
    return 0


def cmd_import_package(args) -> int:
    # loads the store package: not at start-up
    from villagedesk.store.postgres import is_database_url

    if is_database_url(args.db):
        return _import_into_county(args)
    # loads sqlite-utils: not at start-up
    from villagedesk.core.township.merge import NeedsConfirmation
    from villagedesk.documents.package.importer import ImportSession, import_order

    accepted = {"accept_new_village": args.accept_new_village, "accept_new_key": args.accept_new_key,
                "accept_divergence": args.accept_divergence}
    with _open(args, write=True, action=Action.IMPORT_PACKAGE) as store, ImportSession(store) as session:
        # Several packages at once (everything on a stick) go in sequence order, village by village.
        queue = import_order(args.files)
        for n, queued in enumerate(queue):
            following = queue[n + 1].path if n + 1 < len(queue) else None
            try:
                print(session.take(queued.path, then=following, **accepted).summary())
            except NeedsConfirmation as err:
                # Said as a fact by the core (with the fingerprint to compare); the command line names its flag.
                raise UserError(f"{err}{err.hint}") from None
    return 0


def _import_into_county(args) -> int:
    """import-package --db postgresql://…: township packages into the county, each in one transaction."""
    url = _county_url(args)  # first: it says so when this installation has no PostgreSQL driver
    # loads psycopg and the package reader: not at start-up
    from villagedesk.core.county.keys import county_identity
    from villagedesk.documents.package.county_import import Refused, import_packages
    from villagedesk.store.postgres.connection import county_database

    accepted = {"accept_new_township": args.accept_new_township,
                "accept_new_township_key": args.accept_new_township_key,
                "accept_new_key": args.accept_new_key, "accept_divergence": args.accept_divergence}
    with county_database(url) as conn:
        # Said once, before any file is opened or a worker started: the server, the schema, and whether this
        # login may import at all (a reader is told so here, not once per township).
        county_identity(conn)
    # Several at once (everything on a stick): each township's in sequence order, townships side by side.
    for done in import_packages(url, args.files, **accepted):
        if isinstance(done, Refused):
            raise UserError(done.message)
        print(done[1], flush=True)
    return 0


def cmd_township(args) -> int:
    # loads sqlite-utils: not at start-up
    from villagedesk.core.township.keys import set_township_names, township_names
    from villagedesk.core.township.merge import set_township

    if bool(args.name) != bool(args.county):
        raise UserError("请同时写明 --name（乡镇名）和 --county（县名）。")
    with _open(args, write=True, action=Action.SETTINGS) as store:
        with store.atomic():
            set_township(store, True)
            if args.name:
                set_township_names(store, args.name, args.county)
        named = all(township_names(store))
    print("已设为乡镇汇总数据库：可以导入各村的数据包（import-package）。")
    if named:
        print("下一步：villagedesk township-card -o 乡镇卡片.json，把卡片交给各村加入乡镇。")
    else:
        print("生成乡镇卡片前，请写明乡镇名和县名：villagedesk township --name 乡镇名 --county 县名")
    return 0


def _is_card_file(path: Path, kind: str) -> bool:
    """Whether ``path`` holds a township card (any township's, even a damaged one): what township-card replaces."""
    try:
        with path.open("rb") as fh:
            head = fh.read(64 << 10)
    except OSError:
        return False
    return f'"kind": "{kind}"'.encode() in head


def _write_card(args, card, signature: str, kind: str, name: str) -> None:
    """township-card and county-card: the card of ``kind`` (called ``name``) written to ``args.output``."""
    output = Path(args.output)
    # A card is public and made again at will, so an older card is simply replaced; any other file
    # there is the clerk's (a spreadsheet, a package) and is kept unless --force says otherwise.
    if output.is_dir():
        raise UserError(f"{output} 是一个文件夹，请给卡片文件起一个名字，如 {output / (name + '.json')}。")
    if output.exists() and not args.force and not _is_card_file(output, kind):
        raise UserError(f"{output} 已经存在，而且不是{name}。请换一个文件名，或加 --force 覆盖它。")
    with atomic_output(output) as fh:
        fh.write(card.to_json(signature).encode("utf-8") + b"\n")
    print(f"已生成{name}：{output}")
    print(f"{card.county}{card.township}　指纹：{card.fingerprint}")


def cmd_township_card(args) -> int:
    # loads sqlite-utils and cryptography: not at start-up
    from villagedesk.core.township.keys import CARD_KIND, township_card

    with _open(args, write=False) as store:
        card, signature = township_card(store)
    _write_card(args, card, signature, CARD_KIND, "乡镇卡片")
    print("请把卡片交给各村，并把指纹告诉各村文书（电话或纸质《密钥指纹登记表》：villagedesk print keys），"
          "让他们加入时核对。")
    return 0


def cmd_county(args) -> int:
    url = _county_url(args)  # first: it says so when this installation has no PostgreSQL driver
    # loads psycopg: not at start-up
    from villagedesk.core.county.profile import create_county
    from villagedesk.store.postgres.connection import county_database

    with county_database(url, upgrade=False) as conn:
        create_county(conn, args.name)
        database = conn.info.dbname
    print(f"已建立{args.name.strip()}的县级数据库（数据库 {database}）。")
    print("下一步：villagedesk county-card --db 地址 -o 县卡片.json，把县卡片交给各乡镇加入县；"
          "给各人建登录账户见 docs/COUNTY.md。")
    return 0


def cmd_county_card(args) -> int:
    url = _county_url(args)  # first: it says so when this installation has no PostgreSQL driver
    # loads psycopg and cryptography: not at start-up
    from villagedesk.core.county.keys import county_card
    from villagedesk.core.township.keys import COUNTY_CARD_KIND
    from villagedesk.store.postgres.connection import county_database

    with county_database(url) as conn:
        card, signature = county_card(conn)
    _write_card(args, card, signature, COUNTY_CARD_KIND, "县卡片")
    print("请把县卡片交给各乡镇，并把指纹告诉各乡镇（电话或纸质登记表），让他们加入时核对（villagedesk join-county）。")
    return 0


def _confirm(question: str) -> bool:
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes", "是")


def _join(args, kind: str) -> int:
    """join-township (a village takes its township's card) and join-county (a township its county's)."""
    # loads sqlite-utils: not at start-up
    from villagedesk.core.township import keys
    from villagedesk.core.township.county import join_county
    from villagedesk.core.township.merge import is_township

    county = kind == keys.COUNTY_CARD_KIND
    us, level, issuer = ("本乡镇", "县", "县里") if county else ("本村", "乡镇", "乡镇")
    # The card is read and verified before the database is opened: a bad card touches nothing.
    card, text = keys.read_card_file(args.file, kind)
    name = f"{card.county}{card.township}"
    with _open(args, write=True, action=Action.SETTINGS) as store:
        if is_township(store) != county:  # take_card's callers refuse too; said before the card is shown
            raise UserError(keys.wrong_database(kind))
        current = keys.trusted_card(store, kind)
        if current == card:
            print(f"{us}已经加入{name}（指纹 {card.fingerprint}），这张卡片与现在的相同，没有任何改动。")
            return 0
        if current is not None and not args.replace:
            # take_card says the same; said here before the clerk is asked anything.
            raise UserError(keys.already_joined(current))
        print(f"{level}：{name}")
        print(f"指纹：{card.fingerprint}")
        if current is not None:
            print(f"将替换现在的{level}：{current.county}{current.township}（指纹 {current.fingerprint}），"
                  "原来的卡片保留在记录中。")
        if not args.yes:
            # Without a terminal no one can compare the fingerprint: a script must say it did (--yes).
            if not sys.stdin.isatty():
                raise UserError(f"没有终端可以确认：请与{issuer}核对指纹后，加 --yes 再运行。没有加入{level}。")
            if not _confirm(f"请与{issuer}核对指纹（电话或纸质登记表），每一组都相同才能加入。确认加入？[y/N] "):
                raise UserError(f"已取消，没有加入{level}。")
        if county:
            join_county(store, card, text, replace=args.replace)
        else:
            keys.join_township(store, card, text, replace=args.replace)
    opens = "以后给县里的数据包只有这个县能打开" if county else "以后的数据包只有这个乡镇能打开"
    print(f"已加入{name}（指纹 {card.fingerprint}）。{opens}。")
    return 0


def cmd_join_township(args) -> int:
    # loads sqlite-utils: not at start-up (through _join)
    from villagedesk.core.township.keys import CARD_KIND

    return _join(args, CARD_KIND)


def cmd_join_county(args) -> int:
    # loads sqlite-utils: not at start-up (through _join)
    from villagedesk.core.township.keys import COUNTY_CARD_KIND

    return _join(args, COUNTY_CARD_KIND)


def cmd_print_keys(args) -> int:
    # loads reportlab and the store package: not at start-up
    from villagedesk.documents.pdf.keys import print_county_keys, print_keys
    from villagedesk.store.postgres import is_database_url

    if is_database_url(args.db):  # the county's sheet: its card, and every township key it pinned
        url = _county_url(args)
        output = _pdf_output(args)
        # loads psycopg: not at start-up
        from villagedesk.store.postgres.connection import county_database

        with county_database(url) as conn:
            print_county_keys(conn, output)
        print(f"已生成：{args.output}")
        return 0
    # Not through _print_pdf: print_keys names a township database by its own profile, and says itself
    # when there is none.
    output = _pdf_output(args)
    with _open(args, write=False) as store:
        print_keys(store, output)
    print(f"已生成：{args.output}")
    return 0


def cmd_backup(args) -> int:
    # loads sqlite-utils: not at start-up
    from villagedesk.store.backup import check_target

    if args.output:  # checked before the database is opened: a refused name touches nothing
        check_target(Path(args.output), _db_path(args), force=args.force)
    with _open(args, write=False) as store:
        dest = store.backup(Path(args.output) if args.output else None)
    print(f"已备份到：{dest}")
    return 0


def cmd_restore(args) -> int:
    # loads sqlite-utils: not at start-up
    from villagedesk.core.accounts.session import KeyMismatch, unlock
    from villagedesk.store import DamagedDatabase, is_encrypted, restore, restore_damaged

    try:
        with _open(args, write=True, action=Action.RESTORE) as store:
            safety = restore(store, Path(args.file))
    except (DamagedDatabase, KeyMismatch):  # an encrypted file damaged in its first page says the latter
        path = _db_path(args)
        key = None
        if is_encrypted(path):
            # Nobody can be looked up in a file that cannot be read: any account's password gives the key.
            # The damaged file is kept aside, nothing is lost; a key file of another database unwraps a
            # key the backup does not open either, and the restore is refused before anything is moved.
            key = unlock(path, *_credentials(args))
        kept = restore_damaged(path, Path(args.file), key=key)
        print(f"已从 {args.file} 恢复。损坏的数据库没有删除，已移到：{kept}")
        return 0
    print(f"已从 {args.file} 恢复。恢复前的数据已备份到：{safety}")
    return 0


def cmd_calendar_load(args) -> int:
    # loads sqlite-utils and the holiday tables: not at start-up
    from villagedesk.core.common import workdays

    with _open(args, write=True, action=Action.SETTINGS) as store:
        year = workdays.load_calendar_file(store, Path(args.file))
    print(workdays.loaded_message(year, Path(args.file).name))
    return 0


def cmd_check(args) -> int:
    # loads sqlite-utils: not at start-up
    from villagedesk.core.points.ledger import chain_problems
    from villagedesk.store.check import check_problems

    with _open(args, write=False) as store:
        # SQLite's own check, the points chain beside it on the cores it leaves (a damaged file tells
        # only the former).
        problems = check_problems(store, lambda other: chain_problems(other, beside=1))
    if problems:
        for line in problems:
            print(line)
        raise UserError(f"检查未通过：共 {len(problems)} 处问题，第一处是：{problems[0]}")
    print(f"检查通过：{store.path}")
    return 0


# argparse's own words (its usage line, headings and errors), as Python 3.11's argparse spells them.
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的%(type)s：%(value)r",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有这个命令：%(parser_name)r（可选：%(choices)s）",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的值 %r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能给一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开 '%(filename)s'：%(error)s",
}


class _ArgparseChinese(gettext.NullTranslations):
    """The catalogue above as a gettext translation."""

    def gettext(self, message: str) -> str:
        return _ARGPARSE_ZH.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


@contextmanager
def _argparse_in_chinese() -> Iterator[None]:
    """argparse speaks Chinese while the command line is built and parsed.

    Python 3.11's argparse asks gettext's global domain (`from gettext import gettext as _`), not a
    domain of its own, and the language from the environment (LANG), which a clerk's Windows does
    not set. So the translation is handed to the argparse module alone, for this call only: no other
    module, no environment variable and no later caller of argparse sees it.
    """
    chinese = _ArgparseChinese()
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = chinese.gettext, chinese.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def _whole_number(text: str) -> int:
    return int(text)


_whole_number.__name__ = "整数"  # argparse names the type in "invalid … value"


def build_parser() -> argparse.ArgumentParser:
    db_help = ("数据库文件（默认：用户数据文件夹中的 village.sqlite3）；county 和 county-card 用县级数据库的地址 "
               "postgresql://服务器/数据库名")
    user_help = (f"加密的数据库用哪个账户登录（登录名），然后在终端输入密码；脚本中用环境变量 {USER_VARIABLE} "
                 f"和 {PASSWORD_VARIABLE}")
    pdf_help, xlsx_help = "写入的 PDF 文件（以 .pdf 结尾）", "写入的 Excel 文件（以 .xlsx 结尾）"
    password_help = (f"给文件设打开密码：在终端输入两遍；脚本中用环境变量 {protect.ENV_VAR}。"
                     f"至少 {protect.MIN_LENGTH} 个字符，只用英文字母、数字和符号")
    # --db may stand before or after the command; the sub-parsers must not reset it.
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--db", default=argparse.SUPPRESS, metavar="FILE", help=db_help)
    shared.add_argument("--user", default=argparse.SUPPRESS, metavar="NAME", help=user_help)

    parser = argparse.ArgumentParser(prog="villagedesk", description="村务通 VillageDesk：村务记录（离线）")
    parser.add_argument("--db", default=None, metavar="FILE", help=db_help)
    parser.add_argument("--user", default=None, metavar="NAME", help=user_help)
    parser.add_argument("--version", action="version", version=f"villagedesk {__version__}", help="显示版本号并退出")
    parser.set_defaults(func=cmd_window)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", help="要做的事（不写则打开窗口）")

    def command(name: str, func: Callable, help: str, parent=commands):
        sub = parent.add_parser(name, parents=[shared], help=help, description=help)
        sub.set_defaults(func=func)
        return sub

    demo = command("demo", cmd_demo, "在空数据库中建一个演示村")
    demo.add_argument("--size", choices=("small", "large"), default="small",
                      help="small：约 300 户（默认）；large：约 3000 户，用来试速度")
    demo.add_argument("--seed", type=_whole_number, default=1, help="随机数种子：同一个种子建出同样的村（默认 1）")
    demo.add_argument("--plain", action="store_true",
                      help="不建账户、不加密（和旧版本一样；用来比较速度或试旧文件的做法）")

    imp = commands.add_parser("import", help="从 Excel 导入", description="从 Excel 导入").add_subparsers(
        dest="kind", metavar="KIND", required=True, help="导入什么")
    households = command("households", cmd_import_households, "导入村民花名册（每行一人）", imp)
    households.add_argument("file", metavar="FILE.xlsx", help="村民花名册 Excel 文件")
    households.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")
    households.add_argument("--only-valid", action="store_true", help="只导入没有问题的行")

    rules = command("rules", cmd_import_rules, "导入积分细则（导出的“积分细则”表改后可直接导入）", imp)
    rules.add_argument("file", metavar="FILE.xlsx", help="积分细则 Excel 文件")
    rules.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")

    exp = commands.add_parser("export", help="导出", description="导出为 Excel").add_subparsers(
        dest="kind", metavar="KIND", required=True, help="导出什么")
    ex = command("excel", cmd_export_excel, "导出 Excel 工作簿（含完整身份证号，内部资料）", exp)
    ex.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help=xlsx_help)
    ex.add_argument("--password-prompt", action="store_true", help=password_help)
    command("rules", cmd_export_rules, "导出积分细则（含历史版本）", exp).add_argument(
        "-o", "--output", required=True, metavar="FILE.xlsx", help=xlsx_help)
    es = command("sqlite", cmd_export_sqlite, "导出不加密的完整数据库副本（只有主任/书记能做；会记录在案）", exp)
    es.add_argument("-o", "--output", required=True, metavar="FILE.sqlite3", help="写入的数据库副本")
    es.add_argument("--yes", action="store_true", help="不再询问：已知道副本不加密。没有终端时（脚本中）必须加此项")
    es.add_argument("--force", action="store_true", help="覆盖已有的文件（已有的村务通数据库仍不覆盖）")
    en = command("notice", cmd_export_notice, "导出一项公开事项的表格（与张贴的一样隐去个人号码）", exp)
    en.add_argument("notice", metavar="ID", help="公开编号，如 GK0001")
    en.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help=xlsx_help)

    prt = commands.add_parser("print", help="打印为 PDF", description="打印为 PDF").add_subparsers(
        dest="kind", metavar="KIND", required=True, help="打印什么")
    ph = command("households", cmd_print_households, "村民花名册（内部资料）", prt)
    ph.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help=pdf_help)
    ph.add_argument("--archived", action="store_true", help="包括已归档的户和人员")
    ph.add_argument("--password-prompt", action="store_true", help=password_help)
    pr = command("roster", cmd_print_roster, "村“两委”成员花名册（默认为公开版：不含身份证号，电话部分隐去）", prt)
    pr.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help=pdf_help)
    pr.add_argument("--term", type=_whole_number, metavar="N", help="打印第 N 届的全部成员（默认：现任成员）")
    pr.add_argument("--internal", action="store_true", help="内部版：含完整身份证号和电话，每页标注内部资料")
    pr.add_argument("--password-prompt", action="store_true", help=password_help + "（只用于 --internal）")
    pm = command("minutes", cmd_print_minutes, "会议记录（出席人员、议程、决议和表决、诉求、更正说明、签字栏；内部资料）",
                 prt)
    pm.add_argument("meeting", metavar="ID", help="会议编号，如 HY0001（或只写数字 1）")
    pm.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help=pdf_help)
    pq = command("requests", cmd_print_requests, "民情台账（一个期间的诉求明细和按办理结果的统计；内部资料）", prt)
    pq.add_argument("period", metavar="PERIOD", help="期间：2026（全年）、2026-Q3（季度）或 2026-07（月份）")
    pq.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help=pdf_help)

    rp = command("report", cmd_print_report, "月度村务报告（一页：村情概况、各组积分、星级户分布、近 12 个月诉求受理与办结）",
                 prt)
    rp.add_argument("period", metavar="PERIOD", help="月份，如 2026-11")
    rp.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help=pdf_help)

    su = command("summary", cmd_print_summary, "乡镇：各村村务汇总表（每村一行：数据包、户数、两委、积分参与率、诉求、村务公开）",
                 prt)
    su.add_argument("period", metavar="PERIOD", help="期间：2026（全年）、2026-Q3（季度）或 2026-07（月份）")
    su.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help=pdf_help)

    rk = command("ranking", cmd_print_ranking, "积分公示榜（公开：红黑榜、全村排名、各组比较、台账校验值）", prt)
    rk.add_argument("period", metavar="PERIOD", help="期间：2026（全年）、2026-Q3（季度）或 2026-07（月份）")
    rk.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help=pdf_help)
    rk.add_argument("--size", type=str.upper, choices=("A4", "A3"), default="A4", help="纸张（默认 A4，竖排）")
    rk.add_argument("--board", type=_whole_number, default=10, metavar="N", help="红榜、黑榜各列几户（默认 10）")
    pn = command("notice", cmd_print_notice, "公示（张贴用：标题、正文、表格、公示期、异议联系方式、签章栏；"
                 "身份证号和电话部分隐去）", prt)
    pn.add_argument("notice", metavar="ID", help="公开编号，如 GK0001（或只写数字 1）")
    pn.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help=pdf_help)
    pn.add_argument("--size", type=str.upper, choices=("A4", "A3"), default="A4", help="纸张（默认 A4，竖排）")
    st = command("statement", cmd_print_statement, "一户的积分明细（逐条记录、余额）", prt)
    st.add_argument("household", metavar="HOUSEHOLD", help="户编号，如 HH001")
    st.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help=pdf_help)
    st.add_argument("--period", metavar="P", help="期间，如 2026 或 2026-Q3（默认：今年）")
    sl = command("slip", cmd_print_slip, "积分兑换单（一式两联：存根联、兑换人联）", prt)
    sl.add_argument("redemption", metavar="REDEMPTION", help="兑换编号，如 DH000012")
    sl.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help=pdf_help)

    pky = command("keys", cmd_print_keys, "密钥指纹登记表（一页：本数据库的签名密钥指纹、乡镇卡片指纹、乡镇加入的县卡片指纹、签字栏；存档用）",
                  prt)
    pky.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help=pdf_help)

    pk = command("package", cmd_package, "生成给乡镇的数据包（写到 U 盘）；乡镇汇总数据库中：生成给县里的数据包")
    pk.add_argument("-o", "--output", required=True, metavar="DIR", help="写入的文件夹（如 U 盘）")
    pk.add_argument("--full", action="store_true", help="全量数据包（默认只含上次以来的变动）")
    ip = command("import-package", cmd_import_package,
                 "乡镇：导入各村的数据包；县（--db postgresql://…）：导入各乡镇的数据包（可一次多个）")
    ip.add_argument("files", nargs="+", metavar="FILE.vdpkg", help="村里（或乡镇）交来的数据包文件（可写多个）")
    ip.add_argument("--accept-new-township", action="store_true",
                    help="县：接受一个乡镇的第一个数据包（已与乡镇核对过密钥指纹）")
    ip.add_argument("--accept-new-township-key", action="store_true",
                    help="县：接受乡镇重装程序后换了签名密钥的数据包（已与乡镇核对过新指纹；原密钥作废并记录在案）")
    ip.add_argument("--accept-new-village", action="store_true",
                    help="接受新村的第一个数据包（已与村里核对过密钥指纹），或其他乡镇的村的数据包")
    ip.add_argument("--accept-new-key", action="store_true",
                    help="接受村里重装程序后换了签名密钥的数据包（已与村里核对过新指纹；原密钥作废并记录在案）")
    ip.add_argument("--accept-divergence", action="store_true",
                    help="接受积分历史与本乡镇已收到的不同的全量数据包（村里恢复了旧备份；永久记录在案）")
    tw = command("township", cmd_township, "把一个新数据库设为乡镇汇总数据库（已是乡镇的，可再写明名称）")
    tw.add_argument("--name", help="本乡镇的名称（印在乡镇卡片上），如 天门乡")
    tw.add_argument("--county", help="所属县的名称，如 新化县")

    tc = command("township-card", cmd_township_card,
                 "乡镇：生成本乡镇的卡片（交给各村加入乡镇用），并显示它的指纹")
    tc.add_argument("-o", "--output", required=True, metavar="FILE", help="卡片文件，如 天门乡-乡镇卡片.json")
    tc.add_argument("--force", action="store_true", help="覆盖已有的文件（原来的乡镇卡片不需要此项，会直接替换）")
    jt = command("join-township", cmd_join_township,
                 "村：加入乡镇（导入乡镇卡片）。显示卡片的指纹，与乡镇核对后确认；数据包以后只有这个乡镇能打开")
    jt.add_argument("file", metavar="FILE", help="乡镇给的卡片文件（villagedesk township-card 生成）")
    jt.add_argument("--replace", action="store_true", help="换成另一个乡镇（原来的卡片保留在记录中）")
    jt.add_argument("--yes", action="store_true",
                    help="不再询问：已经与乡镇核对过指纹。没有终端时（脚本中）必须加此项")
    co = command("county", cmd_county, "县：把县里数据库管理员新建的空 PostgreSQL 数据库建成县级数据库"
                 "（--db postgresql://服务器/数据库名；见 docs/COUNTY.md）")
    co.add_argument("--name", required=True, help="本县的名称（印在县卡片上），如 新化县")
    cc = command("county-card", cmd_county_card, "县：生成本县的县卡片（交给各乡镇加入县用），并显示它的指纹")
    cc.add_argument("-o", "--output", required=True, metavar="FILE", help="卡片文件，如 新化县-县卡片.json")
    cc.add_argument("--force", action="store_true", help="覆盖已有的文件（原来的县卡片不需要此项，会直接替换）")
    jc = command("join-county", cmd_join_county,
                 "乡镇：加入县（导入县卡片）。显示卡片的指纹，与县里核对后确认；给县里的数据包以后只有这个县能打开")
    jc.add_argument("file", metavar="FILE", help="县里给的卡片文件（villagedesk county-card 生成）")
    jc.add_argument("--replace", action="store_true", help="换成另一个县（原来的卡片保留在记录中）")
    jc.add_argument("--yes", action="store_true",
                    help="不再询问：已经与县里核对过指纹。没有终端时（脚本中）必须加此项")
    cal = commands.add_parser("calendar", help="法定节假日和调休日历（按工作日计公示期用）",
                              description="法定节假日和调休日历（按工作日计公示期用）").add_subparsers(
        dest="kind", metavar="ACTION", required=True, help="做什么")
    command("load", cmd_calendar_load, "载入乡镇下发的一年节假日日历文件（CSV：日期,类型,名称）", cal).add_argument(
        "file", metavar="FILE.csv", help="节假日日历文件")

    acc = commands.add_parser("account", help="账户：列出、添加、停用、启用、重设密码、改自己的密码、用恢复密钥重设",
                              description="账户（登录、角色；见 docs/SECURITY.md）").add_subparsers(
        dest="kind", metavar="ACTION", required=True, help="做什么")
    secret_help = "从标准输入读密码（每行一个；recover 先读恢复密钥），供脚本使用；不加时在终端输入"

    def account_command(name: str, func: Callable, help: str, *, login: bool = True, secret: bool = True):
        sub = command(name, func, help, acc)
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

    bk = command("backup", cmd_backup, "备份数据库（默认写到数据库旁边的 backups 文件夹）")
    bk.add_argument("-o", "--output", metavar="FILE",
                    help="备份写到这个文件（不能是已有的数据库；其他已有文件要加 --force 才覆盖）")
    bk.add_argument("--force", action="store_true", help="覆盖已有的文件（已有的村务通数据库仍不覆盖）")
    command("restore", cmd_restore, "从备份恢复（先自动备份当前数据）").add_argument(
        "file", metavar="FILE", help="要恢复的备份文件（backups 文件夹中的 .sqlite3 文件）")
    command("check", cmd_check, "检查数据库是否完好")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    with _argparse_in_chinese():
        args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UserError as err:
        print(f"villagedesk: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("villagedesk: 已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`villagedesk import-package … | head`): what was done is done, and
        # nothing more can be said to it. stdout is pointed at devnull so its flush at exit is silent.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
