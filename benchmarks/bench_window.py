"""The window on the large demo village: how soon it is shown, and each page switch (issue 18, "Performance").

    python benchmarks/bench_window.py --db LARGE_DEMO.sqlite3 [--runs 5] [--work FOLDER]

The large demo is copied into the work folder first (never opened in place) and opened once so that any
migration is done before the figures.  Each figure is the median of the runs, each run in this process:

* a bare QMainWindow: made, shown, and its first paint done (what any Qt window costs on this machine);
* the program's window (open the database as the login hands it over, then ``ui/app.show_window``: build
  the window, show it) until its first paint, on the day's first open (no backup yet: the periodic backup
  is due, and starts in the background once the window has built its pages) and on a later open (today's
  backup taken, nothing changed since); the ratio to the bare window.  What the disk still has to do for
  the backups made or deleted between the runs is let finish (sync, then a second) before the clock
  starts: the run after a copy, not the window, paid for it;
* the home page filled in (its attention list and charts are read once the window is painted);
* each page switch once every page is built: a click in the navigation until the page is painted.

Targets: window shown under 0.5 s and at most 5× the bare window; every page switch under 100 ms.
Run it under the display the clerk has (``xvfb-run -a`` for X11); QT_QPA_PLATFORM=offscreen by default.

"Painted" is the first paint event of anything in the window.  In a paint pass Qt paints a widget before
its children, so that is the window's own paint event (the home page's own, for the home page): the
window's first paint is watched on the window alone.  An application-wide Python event filter would also
be called, and a Python object made, for each of the thousands of events of building the window (against
the bare window's few dozen), which costs this process more than the window's first paint itself.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget  # noqa: E402

from benchmarks.measure import report  # noqa: E402
from villagedesk.store import open_store  # noqa: E402
from villagedesk.store.backup import backup_dir, periodic_backup  # noqa: E402
from villagedesk.store.upgrade import mark_shown, unshown_upgrade  # noqa: E402
from villagedesk.ui.app import show_window  # noqa: E402
from villagedesk.ui.home.page import HomePage  # noqa: E402
from villagedesk.ui.kit.application import make_app  # noqa: E402


class _Painted(QObject):
    """Notes when anything inside ``window`` (inside a widget of type ``inside``, when given) is painted."""

    def __init__(self):
        super().__init__()
        self.window: QWidget | None = None
        self.inside: type | None = None
        self.painted = False

    def eventFilter(self, watched, event) -> bool:
        if (event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and self.window is not None
                and watched.window() is self.window and (self.inside is None or self._within(watched))):
            self.painted = True
        return False

    def _within(self, widget: QWidget) -> bool:
        while widget is not None:
            if isinstance(widget, self.inside):
                return True
            widget = widget.parentWidget()
        return False


def _until_painted(app: QApplication, painted: _Painted, window: QWidget, start: float, limit: float = 60,
                   inside: type | None = None) -> float:
    """Seconds from ``start`` until anything in ``window`` (in a widget of type ``inside``) is painted,
    watched over the whole application."""
    return _watched(app, app, painted, window, start, limit, inside)


def _until_window_painted(app: QApplication, painted: _Painted, window: QWidget, start: float,
                          limit: float = 60) -> float:
    """Seconds from ``start`` until ``window``'s first paint: the paint event of the window itself, the
    first of any paint pass (see the module's doc), watched on the window alone."""
    return _watched(app, window, painted, window, start, limit, None)


def _watched(app: QApplication, watch: QObject, painted: _Painted, window: QWidget, start: float, limit: float,
             inside: type | None) -> float:
    painted.window, painted.painted, painted.inside = window, False, inside
    watch.installEventFilter(painted)
    try:
        while not painted.painted and time.perf_counter() - start < limit:
            app.processEvents()
    finally:
        watch.removeEventFilter(painted)
    return time.perf_counter() - start


def bare_window(app: QApplication, painted: _Painted) -> float:
    start = time.perf_counter()
    window = QMainWindow()
    window.setCentralWidget(QLabel("村务通"))
    window.resize(1366, 768)
    window.show()
    seconds = _until_window_painted(app, painted, window, start)
    window.close()
    window.deleteLater()
    return seconds


SETTLE_SECONDS = 1.0


def program_window(app: QApplication, painted: _Painted, db: Path, *, first_of_day: bool, key: bytes | None = None):
    """``key``: the database key of an encrypted ``db`` (the login's part is timed by bench_encryption.py)."""
    if first_of_day:
        shutil.rmtree(backup_dir(db), ignore_errors=True)
    else:
        with open_store(db, backup_on_open=False, key=key) as store:
            periodic_backup(store.conn, store.path, key=key)  # today's, unless one is there and nothing changed
    # A backup copied or deleted just before (hundreds of MB the disk has still to write or discard)
    # would slow whatever comes next: the disk is given the time to finish first.
    os.sync()
    time.sleep(SETTLE_SECONDS)
    start = time.perf_counter()
    window = show_window(open_store(db, backup_on_open=False, key=key))
    seconds = _until_window_painted(app, painted, window, start)
    filled = _until_painted(app, painted, window, start, inside=HomePage)  # its lists are read after showing
    return window, seconds, filled


def build_every_page(app: QApplication, window) -> None:
    """Every page built and shown once (what the window does by itself in the clerk's first seconds)."""
    for row in range(window.nav.count()):
        window.go_to(window.nav.item(row).data(Qt.ItemDataRole.UserRole))
        app.processEvents()
    window.go_to("home")
    app.processEvents()


def page_switches(app: QApplication, painted: _Painted, window) -> dict[str, float]:
    found = {}
    for row in [*range(1, window.nav.count()), 0]:
        item = window.nav.item(row)
        start = time.perf_counter()
        window.nav.setCurrentRow(row)
        found[item.text()] = _until_painted(app, painted, window, start)
    return found


def close(app: QApplication, window) -> None:
    window.close()
    window.store.close()  # stops a background backup still running
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path, help="the large demo village (copied, never opened)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, help="folder for the copy (default: a temporary folder)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-window-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "large.sqlite3"
    if not db.exists():
        shutil.copyfile(args.db, db)
    # An older demo is migrated here, not timed; the window's one-time "database upgraded" note is
    # marked as said, or its message box would wait for a click in every run.
    with open_store(db, backup_on_open=False) as store:
        note = unshown_upgrade(store)
        if note is not None:
            mark_shown(store, note)

    app = make_app([])
    painted = _Painted()
    bare, first, later, filled = [], [], [], []
    switches: dict[str, list[float]] = {}
    for _ in range(args.runs):
        bare.append(bare_window(app, painted))
        window, seconds, home = program_window(app, painted, db, first_of_day=True)
        first.append(seconds)
        filled.append(home)
        close(app, window)
        window, seconds, home = program_window(app, painted, db, first_of_day=False)
        later.append(seconds)
        filled.append(home)
        build_every_page(app, window)
        for name, took in page_switches(app, painted, window).items():
            switches.setdefault(name, []).append(took)
        close(app, window)

    base = report("bare QMainWindow shown", bare, "(the unit)")
    for name, seconds in (("window shown, day's first open", first), ("window shown, later open", later)):
        median = report(name, seconds, "< 500 ms and ≤ 5× bare")
        print(f"{'':<46} ratio to the bare window {median / base:.1f}×")
    report("home page filled in (from the start of open)", filled, "(after the window is shown)")
    for name, seconds in switches.items():
        report(f"switch to {name}", seconds, "< 100 ms")
    slowest = max(statistics.median(s) for s in switches.values())
    print(f"slowest page switch (median) {slowest * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
