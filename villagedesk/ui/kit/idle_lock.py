"""The idle lock: after some minutes without a key or a click, the window hides behind a password.

The village laptop is left open in the office while its clerk is called away; anyone walking by
could read every villager's ID number (docs/SECURITY.md "The window"). :class:`IdleLock` watches
the application's input; after ``minutes`` without any it shows :class:`LockScreen`, which covers
the screen (every window of the program, forms included) and asks the password of the account
logged in. Nothing is closed or saved behind it: a form half filled in stays as it was and is
there again once the same person unlocks. A wrong password counts as a failed login (core records
it and imposes the same slow-down).

Someone else wanting the laptop closes the program from the lock screen and logs in anew, so that
what one person typed is never saved under another's account; that button is offered only while no
form is open, since closing would throw its typed input away.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from villagedesk.ui.kit.login_dialog import Check, Delay, LoginDialog
from villagedesk.ui.kit.messages import fmt

#: The idle time before the lock, when the village set none (issue 17: ten minutes).
DEFAULT_MINUTES = 10

# This laptop's idle time (a 主任/书记 chooses it on the accounts page): the lock guards the desk, not
# the file, so it is a setting of the computer (QSettings), not of the database.
LOCK_MINUTES_KEY = "security/lock_minutes"
LOCK_MINUTES_CHOICES = (3, 5, 10, 15, 30)


def lock_minutes() -> int:
    value = QSettings().value(LOCK_MINUTES_KEY, DEFAULT_MINUTES)
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        return DEFAULT_MINUTES
    return minutes if minutes in LOCK_MINUTES_CHOICES else DEFAULT_MINUTES


def set_lock_minutes(minutes: int) -> None:
    QSettings().setValue(LOCK_MINUTES_KEY, int(minutes))


# What counts as someone at the keyboard.
_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
          QEvent.Type.TouchBegin, QEvent.Type.InputMethod}


class LockScreen(LoginDialog):
    """The login of the account logged in, covering its screen; Close VillageDesk while no form is open."""

    close_requested = Signal()

    def __init__(self, login: str, name: str, minutes: int, check: Check, delay: Delay, window: QWidget):
        super().__init__([(login, name)], check, delay, window, intro=fmt(
            self.tr("VillageDesk is locked after %1 minutes without use. %2 is logged in: type the password "
                    "to go on. Whatever was open stays as it was."), minutes, name))
        self.setWindowTitle(self.tr("VillageDesk is locked"))
        self.setObjectName("lock_screen")
        self.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                            | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.account.setEnabled(False)
        self.cancel.clicked.disconnect()
        self.cancel.clicked.connect(self._close_program)
        self.intro.setStyleSheet("font-size: 16px;")
        self.layout_.setContentsMargins(0, 0, 0, 0)
        # The form in a column in the middle of the covered screen.
        self.layout_.insertStretch(0, 1)
        self.setStyleSheet("#lock_screen { background: #dfe6ee; }")

    def ok_text(self) -> str:
        return self.tr("Unlock")

    def cancel_text(self) -> str:
        return self.tr("Close VillageDesk")

    def showEvent(self, event: QShowEvent) -> None:
        # The whole free area of the screen, not a dialog's size: nothing behind it may show.
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        self.setGeometry(area)
        side = max(0, (area.width() - 560) // 2)
        self.layout_.setContentsMargins(side, 0, side, area.height() // 4)
        open_forms = self.open_forms()
        self.cancel.setEnabled(not open_forms)
        self.cancel.setToolTip(self.tr("Another person closes the program here and starts it again to log in.")
                               if not open_forms else
                               self.tr("A form is open: only the person logged in can unlock and finish it."))
        QDialog.showEvent(self, event)

    def open_forms(self) -> list[QWidget]:
        """The window's dialogs now open (forms, previews): what closing the window would lose."""
        return [w for w in self.parentWidget().findChildren(QDialog) if w is not self and w.isVisible()]

    def reject(self) -> None:
        # Esc does not lift the lock.
        return

    def _close_program(self) -> None:
        if not self.open_forms():
            self.close_requested.emit()


class IdleLock(QObject):
    """Locks ``window`` after ``minutes`` without input; ``check(login, password)`` unlocks."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: QWidget, login: str, name: str, check: Check, delay: Delay,
                 minutes: int = DEFAULT_MINUTES, on_close: Callable[[], None] | None = None):
        super().__init__(window)
        self.window = window
        self.login, self.name = login, name
        self._check, self._delay = check, delay
        self._on_close = on_close
        self.screen: LockScreen | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        window.destroyed.connect(self._stop)

    @property
    def minutes(self) -> int:
        return self.timer.interval() // 60_000

    def set_minutes(self, minutes: int) -> None:
        self.timer.setInterval(max(1, minutes) * 60_000)
        if self.screen is None:
            self.timer.start()

    @property
    def is_locked(self) -> bool:
        return self.screen is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.screen is None and event.type() in _INPUT:
            self.timer.start()  # restarts: the idle time counts from the last input
        return False

    def lock(self) -> LockScreen:
        """Cover the screen now (the timer's end; File → Lock does the same)."""
        if self.screen is not None:
            return self.screen
        self.timer.stop()
        self.screen = LockScreen(self.login, self.name, self.minutes, self._check, self._delay, self.window)
        self.screen.accepted.connect(self._unlocked)
        self.screen.close_requested.connect(self._close)
        self.screen.show()
        self.screen.activateWindow()
        self.locked.emit()
        return self.screen

    def _unlocked(self) -> None:
        screen, self.screen = self.screen, None
        if screen is not None:
            screen.deleteLater()
        self.timer.start()
        self.unlocked.emit()

    def _close(self) -> None:
        screen, self.screen = self.screen, None
        if screen is not None:
            screen.hide()
            screen.deleteLater()
        if self._on_close is not None:
            self._on_close()
        else:
            self.window.close()

    def _stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


__all__ = ["DEFAULT_MINUTES", "LOCK_MINUTES_CHOICES", "IdleLock", "LockScreen", "lock_minutes", "set_lock_minutes"]
