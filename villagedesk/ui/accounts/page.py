"""The accounts page: who works with the program, in which role, enabled or not.

Everyone logged in sees the list (who may sign what is no secret at the desk); a 主任 or 书记
(roles.Action.MANAGE_ACCOUNTS) adds accounts, disables and enables them and sets a new password
for someone who forgot theirs. Accounts are never deleted: a disabled one keeps its name in every
audit row and signature (docs/SECURITY.md "Roles and permissions"). Core refuses what may not be
done (the last 主任 disabled, one's own account disabled) with its own sentence.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from villagedesk.core.accounts import accounts as account_core
from villagedesk.core.accounts import roles
from villagedesk.core.accounts.accounts import Account
from villagedesk.core.common.village import is_township
from villagedesk.core.register import lists as register_lists
from villagedesk.store import Store
from villagedesk.ui.accounts.dialogs import AccountDialog, PasswordDialog
from villagedesk.ui.kit.dialogs import notify
from villagedesk.ui.kit.freshness import Freshness
from villagedesk.ui.kit.idle_lock import LOCK_MINUTES_CHOICES, lock_minutes, set_lock_minutes
from villagedesk.ui.kit.list_tab import ListTab
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.kit.widgets import page_column


def logged_in(store: Store) -> Account | None:
    """The account this window's store writes as (core sets ``store.actor`` at login)."""
    return account_core.get(store, store.actor)


class AccountsPage(ListTab):
    WIDTHS = {"name": 110, "login": 110, "role": 150, "person": 110, "state": 70}

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.freshness = Freshness(store)
        self.township = is_township(store)
        self.accounts: list[Account] = []
        columns = [("name", self.tr("Name")), ("login", self.tr("Login")), ("role", self.tr("Role")),
                   ("person", self.tr("In the register")), ("state", self.tr("State"))]
        self.model = ListTableModel(columns, [], None, self, id_key="login", muted=lambda r: r["disabled"])
        self.view = self._table(self.model, "accounts")
        self.note = QLabel(self)
        self.note.setObjectName("accounts_note")
        self.note.setWordWrap(True)
        self.notice = self._notice_label()
        bar = self._bar([("add", self.tr("Add account…"), self.add),
                         ("disable", self.tr("Disable"), self.disable),
                         ("enable", self.tr("Enable…"), self.enable),
                         ("reset", self.tr("Set a new password…"), self.reset)])
        # How long this laptop waits without input before it locks (ui/kit/idle_lock.py).
        self.lock_box = self._combo("lock_minutes")
        for minutes in LOCK_MINUTES_CHOICES:
            self.lock_box.addItem(fmt(self.tr("%1 minutes"), minutes), minutes)
        self.lock_box.setCurrentIndex(self.lock_box.findData(lock_minutes()))
        self.lock_box.setToolTip(self.tr("A setting of this computer: after this long without a key or a click, "
                                         "the window locks and asks the password again."))
        self.lock_box.currentIndexChanged.connect(lambda _=0: self.set_lock_minutes(self.lock_box.currentData()))
        bar.insertWidget(bar.count() - 1, QLabel(self.tr("Lock after"), self))
        bar.insertWidget(bar.count() - 1, self.lock_box)
        page_column(self, self.note, bar, self.notice, self.view)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable_buttons())
        self.view.doubleClicked.connect(lambda _index: self.reset())
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self.freshness.stale():
            self.refresh()
        super().showEvent(event)

    @property
    def manager(self) -> Account | None:
        """The account logged in when it may manage accounts, else None (the page is read-only)."""
        account = logged_in(self.store)
        if account is None or account.disabled or not roles.may(account.role, roles.Action.MANAGE_ACCOUNTS):
            return None
        return account

    def refresh(self) -> None:
        self.freshness.reading()
        chosen = self.selected_id()
        self.accounts = account_core.list_accounts(self.store)
        ids = [a.person_id for a in self.accounts if a.person_id is not None]
        people = {r["_id"]: r["name"] for r in register_lists.PERSONS.fetch_ids(self.store, ids, include_archived=True)} \
            if ids else {}
        self.model.set_rows([
            {"login": a.login, "name": a.name, "role": roles.label(a.role, township=self.township),
             "person": people.get(a.person_id, "") if a.person_id is not None else "",
             "state": self.tr("Disabled") if a.disabled else self.tr("In use"), "disabled": a.disabled}
            for a in self.accounts])
        if chosen is not None:
            self.select(chosen)
        me = logged_in(self.store)
        if not self.accounts:
            self.note.setText(self.tr("This database has no accounts yet and is not encrypted. The first account "
                                      "is made when VillageDesk starts on it."))
        elif self.manager is None:
            self.note.setText(fmt(self.tr("%1 sees the accounts; a village head or party secretary adds and "
                                          "changes them."), me.name if me else self.store.actor))
        else:
            self.note.setText(self.tr("Accounts are never deleted: disable one that is no longer used. "
                                      "Someone who forgot the password gets a new one here."))
        for key in ("add", "disable", "enable", "reset"):
            self.buttons[key].setVisible(self.manager is not None)
        self.lock_box.setEnabled(self.manager is not None)
        self._enable_buttons()

    def chosen(self) -> Account | None:
        login = self.selected_id()
        return next((a for a in self.accounts if a.login == login), None)

    def _enable_buttons(self) -> None:
        manager, chosen = self.manager, self.chosen()
        self.buttons["add"].setEnabled(manager is not None)
        self.buttons["disable"].setEnabled(manager is not None and chosen is not None and not chosen.disabled)
        self.buttons["enable"].setEnabled(manager is not None and chosen is not None and chosen.disabled)
        self.buttons["reset"].setEnabled(manager is not None and chosen is not None and not chosen.disabled)

    # --- acting -------------------------------------------------------------------------------------
    def set_lock_minutes(self, minutes: int) -> None:
        """This laptop's idle time, kept and put into force in the window's lock at once."""
        if self.manager is None:
            return
        set_lock_minutes(minutes)
        lock = getattr(self.window(), "idle_lock", None)
        if lock is not None:
            lock.set_minutes(minutes)
        self._say(fmt(self.tr("This computer now locks after %1 minutes without use."), minutes))

    def add(self) -> bool:
        if self.manager is None:
            return False
        dialog = AccountDialog(self.store, self.manager, self)
        if not self._done(dialog):
            return False
        self.select(dialog.saved.login)
        self._say(fmt(self.tr("Account %1 added: %2 logs in with it from now on."), dialog.saved.login,
                      dialog.saved.name))
        return True

    def disable(self) -> bool:
        # The password is thrown away with it (core.accounts.accounts.disable): enabling sets a new one.
        manager, chosen = self.manager, self.chosen()
        if manager is None or chosen is None:
            return False
        if not self._confirm(self.tr("Disable account"),
                             fmt(self.tr("Disable the account of %1 (%2)? They can no longer log in or sign; "
                                         "what they did keeps their name. It can be enabled again."),
                                 chosen.name, chosen.login)):
            return False
        done = self._act(self.tr("Disable account"),
                         lambda: account_core.disable(self.store, manager, chosen.login)) is not None
        if done:
            self._say(fmt(self.tr("Account %1 disabled."), chosen.login))
        return done

    def enable(self) -> bool:
        manager, chosen = self.manager, self.chosen()
        if manager is None or chosen is None:
            return False
        dialog = PasswordDialog(self.store, chosen,
                                lambda password: account_core.enable(self.store, manager, chosen.login, password),
                                self)
        if not self._done(dialog):
            return False
        self._say(fmt(self.tr("Account %1 enabled with a new password."), chosen.login))
        return True

    def reset(self) -> bool:
        manager, chosen = self.manager, self.chosen()
        if manager is None or chosen is None or chosen.disabled:
            return False
        dialog = PasswordDialog(
            self.store, chosen, lambda password: account_core.reset_password(self.store, manager, chosen.login, password),
            self)
        if not self._done(dialog):
            return False
        text = fmt(self.tr("%1 has a new password."), chosen.name)
        self._say(text)
        notify(self, text)
        return True


__all__ = ["AccountsPage", "logged_in"]
