"""The step before the window: log in to an encrypted database, or set up a plain one.

``ui/app.py`` calls :func:`authenticate` for the store the window works on and :func:`guard` on the
window it built (docs/SECURITY.md "The window"):

- an ENCRYPTED database opens through the login (ui/kit/login_dialog.py);
- a new database, or a PLAIN one from an older version, first asks for the village profile and the
  first account together (ui/setup/first_start.py); making the account encrypts the file in place,
  the recovery key is shown and printed once, and the window opens logged in as that account;
- a plain database another program is writing opens read-only as before (it cannot be set up while
  that program has it), and so does one a script opens (a window that closes once painted).

:func:`guard` puts the idle lock (ui/kit/idle_lock.py) on a window over an encrypted database.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QMessageBox, QToolButton, QWidget

from villagedesk.core.accounts import accounts, roles, session, setup
from villagedesk.core.accounts.environment import PASSWORD_VARIABLE, USER_VARIABLE
from villagedesk.core.common.village import get_profile, is_township, save_profile
from villagedesk.errors import UserError
from villagedesk.store import Store, open_store
from villagedesk.store.backup import restorable_backups
from villagedesk.store.database import is_encrypted
from villagedesk.store.keys import Keyring
from villagedesk.store.upgrade import mark_shown, unshown_encryption
from villagedesk.ui.kit.idle_lock import IdleLock, lock_minutes
from villagedesk.ui.kit.login_dialog import login_dialog
from villagedesk.ui.setup.first_start import FirstStartDialog, RecoveryKeyDialog, encrypted_text

# ui/app.py's: a window that closes itself once painted (the bundle's smoke test, the start-time
# benchmark) has nobody to set a plain database up; it opens it as before.
EXIT_AFTER_PAINT = "VILLAGEDESK_EXIT_AFTER_PAINT"

# The stores a first start has just set up for a new village (not an older file): the form filled the
# profile in, yet the window still offers the guided first hour (ui/app.py show_window).
_NEW_VILLAGES: weakref.WeakSet[Store] = weakref.WeakSet()


def new_village(store: Store) -> bool:
    """Whether ``store`` is a new village's, set up by the first start that just ended."""
    return store in _NEW_VILLAGES


def authenticate(path: Path, parent: QWidget | None = None) -> Store | None:
    """The store the window works on, its account logged in; None when the person gave up (nothing
    changed). A refused file raises UserError, as open_store does."""
    path = Path(path).expanduser().absolute()
    if path.is_file() and is_encrypted(path):
        return log_in(path, parent)
    store = open_store(path, backup_on_open=False)
    if not store.writable or os.environ.get(EXIT_AFTER_PAINT):
        return store
    return first_start(store, parent)


def log_in(path: Path, parent: QWidget | None = None) -> Store | None:
    """The encrypted database at ``path`` opened by a login (from the environment when a script set it)."""
    login, password = os.environ.get(USER_VARIABLE, "").strip(), os.environ.get(PASSWORD_VARIABLE)
    if login and password is not None:
        # A script (the bundle's smoke test, the start-time benchmark) logs in as the command line does,
        # and nobody is there to read a message.
        return session.login(path, login, password).store
    dialog = login_dialog(path, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    store = dialog.outcome.store
    # Encrypted from the command line (villagedesk account add): the window says it once all the same.
    note = unshown_encryption(store) if store.writable else None
    if note is not None:
        QMessageBox.information(parent, QCoreApplication.translate("RecoveryKeyDialog", "The database is encrypted"),
                                encrypted_text(note.removed))
        mark_shown(store, note)
    return store


def first_start(store: Store, parent: QWidget | None = None) -> Store | None:
    """Set up the plain database ``store`` (profile, first account, encryption) and log its account in;
    None (the store closed, the file as it was) when the person cancels."""
    path = store.path
    older = get_profile(store) is not None or bool(restorable_backups(path))
    dialog = FirstStartDialog(store, parent, older=older)
    while True:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            store.close()
            return None
        profile, account = dialog.profile, dialog.account
        assert profile is not None and account is not None
        try:
            save_profile(store, profile)
            store.close()
            recovery = setup.first_account(path, **account)
            break
        except UserError as err:
            # Nothing was encrypted: the plain file opens again and the form says what to change.
            if store.closed:
                store = open_store(path, backup_on_open=False)
                dialog.store = dialog.picker.store = store
            dialog.show_error(err)
    logged = session.login(path, account["login"], account["password"])
    note = unshown_encryption(logged.store)
    RecoveryKeyDialog(recovery, profile, path, parent,
                      removed_backups=note.removed if note is not None and older else None).exec()
    if note is not None:
        mark_shown(logged.store, note)
    if not older:
        _NEW_VILLAGES.add(logged.store)
    return logged.store


def guard(window: QMainWindow) -> IdleLock | None:
    """The idle lock on ``window`` when its database is encrypted and an account is logged in (kept as
    ``window.idle_lock``, the accounts page sets its minutes), and, in the status bar, who is logged in
    and a button (Ctrl+L) to lock at once when leaving the desk."""
    store: Store = window.store  # type: ignore[attr-defined]
    if store.key is None:
        return None
    account = accounts.get(store, store.actor)
    if account is None:
        return None
    lock = IdleLock(window, account.login, account.name,
                    lambda login, password: session.verify(store, login, password),
                    lambda login: session.seconds_to_wait(Keyring.load(store.path), login),
                    lock_minutes(), on_close=window.close)
    window.idle_lock = lock  # type: ignore[attr-defined]
    who = QLabel(f"{account.name}（{roles.label(account.role, township=is_township(store))}）", window)
    who.setObjectName("account_label")
    button = QToolButton(window)
    button.setObjectName("lock_button")
    button.setAutoRaise(True)
    button.setText(QCoreApplication.translate("IdleLock", "Lock (Ctrl+L)"))
    button.setToolTip(QCoreApplication.translate("IdleLock", "Leaving the desk: lock the window now"))
    button.clicked.connect(lock.lock)
    shortcut = QAction(window)
    shortcut.setShortcut(QKeySequence("Ctrl+L"))
    shortcut.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    shortcut.triggered.connect(lock.lock)
    window.addAction(shortcut)
    window.statusBar().addPermanentWidget(who)
    window.statusBar().addPermanentWidget(button)
    return lock


__all__ = ["authenticate", "first_start", "guard", "log_in", "new_village"]
