"""The command line's own words are Chinese: every --help, argparse's errors, a help text for every option (#18)."""

from __future__ import annotations

import argparse

import pytest

from villagedesk.cli import build_parser, main
from villagedesk.cli.parser import ARGPARSE_ZH


def _commands(parser: argparse.ArgumentParser, path=()):
    """Every parser of the command line with the words that reach it: (), ("print",), ("print", "notice") …"""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*path, name))


def _english(text: str) -> list[str]:
    words = [w for w in ARGPARSE_ZH if not w.startswith("%")] + ["usage:", "optional arguments", "error:",
                                                                   "show program's version"]
    return [w.split("%")[0].strip() for w in words if w.split("%")[0].strip() and w.split("%")[0].strip() in text]


PATHS = [path for path, _parser in _commands(build_parser())]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "villagedesk")
def test_help_of_every_command_is_chinese(capsys, path):
    with pytest.raises(SystemExit) as stop:
        main([*path, "--help"])
    out = capsys.readouterr().out
    assert stop.value.code == 0
    assert "用法：" in out and "显示本帮助并退出" in out
    assert _english(out) == []


def test_every_option_and_argument_has_a_help_text():
    missing = [f"{' '.join(path) or 'villagedesk'} {action.option_strings or action.dest}"
               for path, parser in _commands(build_parser()) for action in parser._actions
               if not action.help or action.help == argparse.SUPPRESS]
    assert missing == []


@pytest.mark.parametrize("argv, said", [
    (["print", "notice"], "缺少必需的参数"),
    (["print", "ranking", "2026", "-o", "x.pdf", "--size", "B5"], "无效的选择"),
    (["print", "ranking", "2026", "-o", "x.pdf", "--board", "ten"], "无效的整数"),
    (["print", "nothing-like-this"], "无效的选择"),
    (["check", "--what"], "无法识别的参数"),
])
def test_usage_errors_are_said_in_chinese(capsys, argv, said):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    err = capsys.readouterr().err
    assert stop.value.code == 2
    assert "用法：" in err and "错误：" in err and said in err
    assert _english(err) == []


def test_argparse_speaks_english_again_after_the_command_line(capsys):
    """The translation is for villagedesk's own parser only: another program's argparse in the same process is untouched."""
    with pytest.raises(SystemExit):
        main(["--help"])
    capsys.readouterr()
    other = argparse.ArgumentParser(prog="other")
    assert "show this help message and exit" in other.format_help()
