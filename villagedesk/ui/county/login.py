"""Logging in to the county's server: the URL as given, else the person's user name and password.

libpq first tries what it finds itself (``~/.pgpass``, ``PGPASSWORD``; docs/COUNTY.md "Pointing the
program at the county's server").  When the server still asks for a password, a small dialog asks for
the user name (the URL's, filled in) and the password, and connects with them: the password goes to
libpq as a keyword, never into the URL, and is not written anywhere.  Every other failure is the one
sentence store/postgres says; Cancel closes the program cleanly.  Connecting waits on a worker thread
(up to the connect timeout for a server that does not answer), so the window never freezes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from villagedesk.errors import UserError
from villagedesk.store.postgres.connection import PasswordRefused, parse, server_name, user_name
from villagedesk.ui.county.session import CountySession
from villagedesk.ui.kit.login_dialog import LoginDialog
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.workers import run_job


class CountyLoginDialog(LoginDialog):
    """The user name (typed, the URL's filled in) and the password for the county's server; ``outcome`` is
    the :class:`CountySession` once the server took them."""

    def __init__(self, url: str, parent: QWidget | None = None):
        params = parse(url)
        super().__init__([(user_name(params), user_name(params))], self._connect, lambda _login: 0, parent)
        self.url = url
        self.account.setEditable(True)
        self.form.labelForField(self.account).setText(self.tr("User name"))
        self.form.labelForField(self.password).setText(self.tr("Password"))
        self.intro.setText(fmt(self.tr("The county's database %1 on %2 asks for your password. Log in with the "
                                       "user name and password the county's database administrator gave you."),
                               params.get("dbname", ""), server_name(params)))
        self.intro.show()

    @property
    def login(self) -> str | None:
        return self.account.currentText().strip() or None

    def _connect(self, user: str, password: str) -> CountySession:
        # The event loop runs while the server is asked: a second click must not ask again meanwhile (a
        # refusal enables the button again, LoginDialog.try_login).
        self.ok.setEnabled(False)
        try:
            return connect_waiting(self, lambda: CountySession.open(self.url, user=user, password=password))
        except PasswordRefused:
            raise UserError(fmt(self.tr("The server did not let %1 in with this password. Check the user name "
                                        "and the password."), user)) from None


def connect_waiting(parent: QWidget | None, attempt: Callable[[], CountySession]) -> CountySession:
    """``attempt()`` on a worker thread, the event loop running meanwhile; its session, or what it raised."""
    job = run_job(parent, QCoreApplication.translate("CountyLogin", "Connecting to the county's database"),
                  lambda _progress: _outcome(attempt), lambda _result: None)
    job.wait(3600)
    error, session = job.result if job.result is not None else (job.error, None)
    if error is not None:
        raise error
    return session


def _outcome(attempt: Callable[[], CountySession]) -> tuple[UserError | None, CountySession | None]:
    # A refusal comes back as a value: the login decides how to show it, not the worker's message box.
    try:
        return None, attempt()
    except UserError as err:
        return err, None


def open_session(url: str, parent: QWidget | None = None) -> CountySession | None:
    """The county database at ``url``, logged in; None when the person cancelled or (said why) it failed."""
    title = QCoreApplication.translate("CountyLogin", "County database")
    try:
        return connect_waiting(parent, lambda: CountySession.open(url))
    except PasswordRefused:
        dialog = CountyLoginDialog(url, parent)
        return dialog.outcome if dialog.exec() == QDialog.DialogCode.Accepted else None
    except UserError as err:
        QMessageBox.critical(parent, title, str(err))
        return None


__all__ = ["CountyLoginDialog", "connect_waiting", "open_session"]
