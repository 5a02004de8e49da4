"""What many tests share: factories, hostile files, widget helpers, and where the checkout is."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"

#: How long a test waits for something the program does in the background (a job, a print, a dialog)
#: before it gives up: the wait ends as soon as it happens, so a generous limit costs nothing on a
#: quiet machine and keeps a busy, shared one from failing a test that would have passed.
WAIT = 60
WAIT_MS = WAIT * 1000  # the same for qtbot.waitUntil, which counts milliseconds
