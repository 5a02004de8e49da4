"""The command line: `villagedesk [--db PATH] [COMMAND …]`.

Exit 0 on success, 1 with one plain line on stderr for anything the user can fix
(a bad file, a bad id, a locked database), 2 for wrong usage (argparse).

Each command imports what it needs inside its function, each import saying what it
loads: `villagedesk --version`, `--help` and a usage error start without sqlite-utils,
openpyxl, reportlab or Qt (docs/ARCHITECTURE.md). A module per kind of work holds its
commands and adds their words to the parser (`add_commands`); `session` opens the database
a command works on, `prompts` asks at the terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from villagedesk.cli.parser import argparse_in_chinese, build_parser
from villagedesk.errors import UserError

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    with argparse_in_chinese():
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
