import sys

from villagedesk.cli import main

# Guarded: a worker process started by "spawn" (documents/package/prescan.py) imports this module again.
if __name__ == "__main__":
    sys.exit(main())
