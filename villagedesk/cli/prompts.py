"""What the command line asks at the terminal: passwords (without echo), a recovery key, a yes or no.

A script has no terminal: each prompt says which option or environment variable gives the answer
instead, and Ctrl+D at any prompt gives up, changing nothing."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from typing import TypeVar

from villagedesk.core.common import passwords
from villagedesk.documents import protect
from villagedesk.errors import UserError

T = TypeVar("T")


# Ctrl+D at a prompt: the person gave up.
CANCELLED = "已取消，没有做任何改动。"


def read_secret(args, prompt: str, *, twice: bool = False) -> str:
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
        return typed_twice(prompt, str, what=passwords.ACCOUNT)
    try:
        return getpass.getpass(f"{prompt}：")
    except EOFError:
        raise UserError(CANCELLED) from None


def typed_twice(prompt: str, rule: Callable[[str], T], *, what: str) -> T:
    """A new password typed twice at the terminal without echo, then ``rule`` (core.common.passwords: an
    account's and an export's are asked alike, their rules differ); Ctrl+D gives up, changing nothing."""
    try:
        first = getpass.getpass(f"{prompt}：")
        return passwords.typed_twice(first, getpass.getpass(f"再输一次{what}："), rule, what=what)
    except EOFError:
        raise UserError(CANCELLED) from None


def confirm(question: str) -> bool:
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes", "是")


def export_password(args, *, full_ids: bool, what: str) -> protect.OpenPassword | None:
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
    return typed_twice(f"打开密码（至少 {protect.MIN_LENGTH} 个字符）", protect.OpenPassword, what=passwords.FILE)
