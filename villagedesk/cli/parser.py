"""The command line's words: every command and option, each area's added by its own module, and
argparse's own words in Chinese (usage, headings, errors)."""

from __future__ import annotations

import argparse
import gettext
from collections.abc import Iterator
from contextlib import contextmanager

from villagedesk import __version__
from villagedesk.cli import accounts, cards, import_export, packages, printing, session, upkeep
from villagedesk.cli.options import Commands
from villagedesk.core.accounts.environment import PASSWORD_VARIABLE, USER_VARIABLE


def cmd_window(args) -> int:
    # loads Qt: not at start-up
    from villagedesk.store.postgres import is_database_url
    from villagedesk.ui.app import run, run_county

    if is_database_url(args.db):
        return run_county(session.county_url(args))  # the county window (docs/COUNTY.md "The county window")
    return run(session.db_path(args))


# argparse's own words (its usage line, headings and errors), as Python 3.11's argparse spells them.
ARGPARSE_ZH = {
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
        return ARGPARSE_ZH.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


@contextmanager
def argparse_in_chinese() -> Iterator[None]:
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


def build_parser() -> argparse.ArgumentParser:
    db_help = ("数据库文件（默认：用户数据文件夹中的 village.sqlite3）；county 和 county-card 用县级数据库的地址 "
               "postgresql://服务器/数据库名")
    user_help = (f"加密的数据库用哪个账户登录（登录名），然后在终端输入密码；脚本中用环境变量 {USER_VARIABLE} "
                 f"和 {PASSWORD_VARIABLE}")
    # --db may stand before or after the command; the sub-parsers must not reset it.
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--db", default=argparse.SUPPRESS, metavar="FILE", help=db_help)
    shared.add_argument("--user", default=argparse.SUPPRESS, metavar="NAME", help=user_help)

    parser = argparse.ArgumentParser(prog="villagedesk", description="村务通 VillageDesk：村务记录（离线）")
    parser.add_argument("--db", default=None, metavar="FILE", help=db_help)
    parser.add_argument("--user", default=None, metavar="NAME", help=user_help)
    parser.add_argument("--version", action="version", version=f"villagedesk {__version__}", help="显示版本号并退出")
    parser.set_defaults(func=cmd_window)
    commands = Commands(parser.add_subparsers(dest="command", metavar="COMMAND", help="要做的事（不写则打开窗口）"),
                        shared)
    # In the order --help lists them: what a clerk does first, then the township's and county's, then upkeep.
    upkeep.add_demo(commands)
    import_export.add_commands(commands)
    printing.add_commands(commands)
    packages.add_commands(commands)
    cards.add_commands(commands)
    accounts.add_commands(commands)
    upkeep.add_commands(commands)
    return parser
