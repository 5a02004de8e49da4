"""The bundle's entry point: the same `villagedesk` command as the installed program.

PyInstaller freezes a script, not a console-script entry point; this is that script.
It lives outside the package so the frozen program does not also see villagedesk/*.py
as top-level modules (a script's own folder goes on sys.path).
"""

import sys

from villagedesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
