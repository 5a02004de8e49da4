"""Workbooks in and out: the register and the rule catalogue read from Excel, the village's (the
township's, the county's) workbook, the rules and a notice's table written to Excel, and the plain
copy of the whole database only a 主任/书记 may make."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from villagedesk.cli import prompts, session
from villagedesk.cli.options import PASSWORD_HELP, XLSX_HELP, Commands
from villagedesk.core.accounts.roles import Action
from villagedesk.errors import UserError


def cmd_import_households(args) -> int:
    # loads openpyxl: not at start-up
    from villagedesk.documents.imports.households import read_roster

    path = session.db_path(args)
    with tempfile.TemporaryDirectory() as scratch:
        empty = args.dry_run and not path.exists()
        if empty:
            # A dry run changes nothing, not even by creating the database: check
            # the file against an empty register instead.
            path = Path(scratch) / "empty.sqlite3"
        store, _account = session.logged_in(args, path, write=empty or not args.dry_run, action=Action.RECORD)
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

    with session.opened(args, write=not args.dry_run, action=Action.SETTINGS) as store:
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


def cmd_export_excel(args) -> int:
    # loads openpyxl: not at start-up
    from villagedesk.core.township.merge import is_township
    from villagedesk.documents.excel.township import export_township_workbook
    from villagedesk.documents.excel.workbook import export_workbook

    # First: a county's URL on an installation without the PostgreSQL driver is told before a password is asked.
    url = session.county_url(args) if session.is_county(args) else None
    # The village's, the township's and the county's workbooks all carry the register, full ID numbers and all.
    password = prompts.export_password(args, full_ids=True, what="Excel 工作簿")
    if url is not None:  # the county's summary, then every village's sheets merged with 乡镇 and 村 columns
        # loads psycopg: not at start-up
        from villagedesk.documents.excel.county import export_county_workbook
        from villagedesk.store.postgres.connection import county_database

        with county_database(url) as conn:
            export_county_workbook(conn, Path(args.output), password=password)
    else:
        with session.opened(args, write=False) as store:
            if is_township(store):  # the summary, then every village's sheets merged with a 村 column
                export_township_workbook(store, Path(args.output), password=password)
            else:
                export_workbook(store, Path(args.output), password=password)
    print(f"已导出{'（已设打开密码）' if password else ''}：{args.output}")
    return 0


def cmd_export_rules(args) -> int:
    # loads openpyxl: not at start-up
    from villagedesk.documents.imports.rules import export_rules

    with session.opened(args, write=False) as store:
        count = export_rules(store, Path(args.output))
    print(f"已导出 {count} 条细则（含历史版本）：{args.output}")
    return 0


def cmd_export_sqlite(args) -> int:
    # loads sqlite-utils: not at start-up
    from villagedesk.core.accounts.accounts import note_plain_export
    from villagedesk.store.backup import check_target
    from villagedesk.store.encryption import export_plain

    output = Path(args.output)
    check_target(output, session.db_path(args), force=args.force)  # before logging in: a refused name touches nothing
    if not args.yes and not sys.stdin.isatty():
        raise UserError("没有终端可以确认：不加密的副本中有全村的身份证号等个人信息，"
                        "确认要导出时请加 --yes 再运行。没有写入任何文件。")
    store, _me = session.logged_in(args, write=True, action=Action.EXPORT_PLAIN)
    with store:
        if not args.yes:
            if not prompts.confirm(f"{output} 将是不加密的完整副本，任何人拿到都能读出全村的个人信息。确认导出？[y/N] "):
                raise UserError("已取消，没有写入任何文件。")
        written = export_plain(store, output, force=args.force)
        note_plain_export(store, written)
    print(f"已导出不加密的数据库副本：{written}。请妥善保管，用完删除。")
    return 0


def cmd_export_notice(args) -> int:
    # loads openpyxl: not at start-up
    from villagedesk.documents.excel.notice_table import export_notice_table

    with session.opened(args, write=False) as store:
        count = export_notice_table(store, Path(args.output), args.notice)
    print(f"已导出 {count} 行（身份证号、电话按公示规则隐去）：{args.output}")
    return 0


def add_commands(commands: Commands) -> None:
    imp = commands.group("import", "从 Excel 导入", what="导入什么")
    households = commands.add("households", cmd_import_households, "导入村民花名册（每行一人）", imp)
    households.add_argument("file", metavar="FILE.xlsx", help="村民花名册 Excel 文件")
    households.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")
    households.add_argument("--only-valid", action="store_true", help="只导入没有问题的行")

    rules = commands.add("rules", cmd_import_rules, "导入积分细则（导出的“积分细则”表改后可直接导入）", imp)
    rules.add_argument("file", metavar="FILE.xlsx", help="积分细则 Excel 文件")
    rules.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")

    exp = commands.group("export", "导出", description="导出为 Excel", what="导出什么")
    ex = commands.add("excel", cmd_export_excel, "导出 Excel 工作簿（含完整身份证号，内部资料）", exp)
    ex.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help=XLSX_HELP)
    ex.add_argument("--password-prompt", action="store_true", help=PASSWORD_HELP)
    commands.add("rules", cmd_export_rules, "导出积分细则（含历史版本）", exp).add_argument(
        "-o", "--output", required=True, metavar="FILE.xlsx", help=XLSX_HELP)
    es = commands.add("sqlite", cmd_export_sqlite, "导出不加密的完整数据库副本（只有主任/书记能做；会记录在案）", exp)
    es.add_argument("-o", "--output", required=True, metavar="FILE.sqlite3", help="写入的数据库副本")
    es.add_argument("--yes", action="store_true", help="不再询问：已知道副本不加密。没有终端时（脚本中）必须加此项")
    es.add_argument("--force", action="store_true", help="覆盖已有的文件（已有的村务通数据库仍不覆盖）")
    en = commands.add("notice", cmd_export_notice, "导出一项公开事项的表格（与张贴的一样隐去个人号码）", exp)
    en.add_argument("notice", metavar="ID", help="公开编号，如 GK0001")
    en.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help=XLSX_HELP)
