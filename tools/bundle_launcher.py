"""The bundle's entry point: the same `villagedesk` command as the installed program.

PyInstaller freezes a script, not a console-script entry point; this is that script.
It lives outside the package so the frozen program does not also see villagedesk/*.py
as top-level modules (a script's own folder goes on sys.path).
"""

import multiprocessing
import sys

from villagedesk.cli import main

if __name__ == "__main__":
    # A township's import checks the next package on a worker process started by "spawn"
    # (villagedesk/documents/package/prescan.py): in a frozen program that worker is this
    # executable again, and freeze_support runs it as the worker instead of the command line.
    multiprocessing.freeze_support()
    sys.exit(main())
