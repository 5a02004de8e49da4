"""What the commands' arguments share: the help of an output file and of an opening password, a whole
number argparse names in Chinese, and how each area's module adds its commands."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from villagedesk.documents import protect

PDF_HELP, XLSX_HELP = "写入的 PDF 文件（以 .pdf 结尾）", "写入的 Excel 文件（以 .xlsx 结尾）"
PASSWORD_HELP = (f"给文件设打开密码：在终端输入两遍；脚本中用环境变量 {protect.ENV_VAR}。"
                 f"至少 {protect.MIN_LENGTH} 个字符，只用英文字母、数字和符号")


def whole_number(text: str) -> int:
    return int(text)


whole_number.__name__ = "整数"  # argparse names the type in "invalid … value"


class Commands:
    """The command line's commands, for each area's module to add its own (``add_commands``)."""

    def __init__(self, commands: argparse._SubParsersAction, shared: argparse.ArgumentParser) -> None:
        # ``shared``: --db and --user, which may stand after the command's name as well as before it.
        self._commands, self._shared = commands, shared

    def add(self, name: str, func: Callable, help: str,
            group: argparse._SubParsersAction | None = None) -> argparse.ArgumentParser:
        """The command ``name`` (in ``group``, or at the top), run by ``func``."""
        sub = (group or self._commands).add_parser(name, parents=[self._shared], help=help, description=help)
        sub.set_defaults(func=func)
        return sub

    def group(self, name: str, help: str, *, description: str | None = None, metavar: str = "KIND",
              what: str) -> argparse._SubParsersAction:
        """A command whose next word names what to do (`print ranking`, `account add`): add those with ``add``."""
        return self._commands.add_parser(name, help=help, description=description or help).add_subparsers(
            dest="kind", metavar=metavar, required=True, help=what)
