"""Starting the window: application, font, language, database, first-run profile."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QTimer,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from villagedesk.core.common.village import get_profile
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.kit.application import make_app
from villagedesk.ui.main_window import MainWindow
from villagedesk.ui.setup.start import authenticate, guard, new_village

# Set by the bundle build's smoke test and start-time figures: the window closes itself once painted.
EXIT_AFTER_PAINT = "VILLAGEDESK_EXIT_AFTER_PAINT"


def open_window(db_path: Path) -> MainWindow | None:
    """Open the database, then the window over it; None when the person gave up or (said why) the file is refused.

    Each step of the start is a function of its own (docs/ARCHITECTURE.md "Start-up").
    """
    store = open_database(db_path)
    if store is None:
        return None
    return show_window(store)


def open_database(db_path: Path) -> Store | None:
    """The database the window works on, its account logged in; None when the person gave up, or after
    saying why the file is refused. No backup here: the window's follows in the background (a migration
    still backs up first, inside open_store)."""
    try:
        # The login, or the first start's set-up of a plain database (docs/SECURITY.md "The window").
        return authenticate(db_path)
    except UserError as err:
        QMessageBox.critical(None, QCoreApplication.translate("app", "VillageDesk"), str(err))
        return None


def show_window(store: Store) -> MainWindow:
    """The window over ``store``, shown; what it has to say at once (an upgrade, the first start) follows."""
    window = MainWindow(store)
    guard(window)
    window.show()
    if store.writable:
        back_up_once_settled(window)
    window.announce_upgrade()
    if get_profile(store) is None or new_village(store):
        # First start: the guided first hour, and its first step at once (nothing can be printed
        # until the village is named).
        window.offer_first_hour()
    return window


def back_up_once_settled(window: MainWindow) -> None:
    """The periodic backup, on its own thread, once the window has painted itself and built its pages: the
    copy never competes with what the clerk sees first (docs/ARCHITECTURE.md "Data rules")."""
    window.settled.connect(window.store.backup_in_background)


def no_display() -> bool:
    """A Linux or BSD desktop with no display to show a window on (a server, ssh without -X).

    Qt would abort the process there, blaming a missing libxcb-cursor0: said plainly before it starts.
    A platform chosen on purpose (offscreen for tests and the bundle's smoke test) needs none.
    """
    if sys.platform.startswith(("win", "darwin")) or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


NO_DISPLAY = ("没有可用的显示器，无法打开窗口（DISPLAY 和 WAYLAND_DISPLAY 都没有设置）。"
              "请在有桌面的电脑上打开，或使用命令行的各个命令（villagedesk --help）。")


def run(db_path: Path) -> int:
    if no_display():
        raise UserError(NO_DISPLAY)
    app = make_app()
    window = open_window(db_path)
    if window is None:
        return 1
    if os.environ.get(EXIT_AFTER_PAINT):
        _quit_after_first_paint(app, window)
    code = app.exec()
    try:
        window.store.close()
    except UserError as err:  # nothing lost (a full disk at the last fold of the WAL): said, then exit
        QMessageBox.warning(None, QCoreApplication.translate("app", "VillageDesk"), str(err))
        return 1
    return code


def run_county(url: str) -> int:
    """The county window over the county database at ``url`` (docs/COUNTY.md "The county window"): the
    person logs in with their own PostgreSQL role first; 1 when they cancelled or (said why) it failed."""
    if no_display():
        raise UserError(NO_DISPLAY)
    # loads psycopg: not at start-up (only a county's window needs it)
    from villagedesk.ui.county.login import open_session
    from villagedesk.ui.county.window import CountyWindow

    app = make_app()
    session = open_session(url)
    if session is None:
        return 1
    window = CountyWindow(session)
    window.show()
    if os.environ.get(EXIT_AFTER_PAINT):
        _quit_after_first_paint(app, window)
    return app.exec()


class _FirstPaint(QObject):
    """Quits the application after the first paint of anything in ``window``."""

    def __init__(self, app: QApplication, window: QWidget):
        super().__init__(app)
        self._window = window
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (not self._done and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                and watched.window() is self._window):
            self._done = True
            QTimer.singleShot(0, QCoreApplication.quit)
        return False


def _quit_after_first_paint(app: QApplication, window: QWidget) -> None:
    app.installEventFilter(_FirstPaint(app, window))
