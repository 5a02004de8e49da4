"""The main window: side navigation over one page per area, the menus and their shortcuts.

The menu bar's titles are part of the window's first paint; the menus' entries are made right after it
(:meth:`MainWindow._fill_menus`), or at once when a key is pressed or an entry is asked for first.

The File menu's New, Save, Print and Print directly act on the page shown: they press the
page's own first button of that kind (a key starting ``new_`` / ``add_``, ``save``, ``print_``;
see :data:`COMMANDS`), so a page gains its shortcut by naming its buttons as every page
already does, and the button's tooltip names the shortcut.  Edit → Undo reverses the last
edit through core (core.common.undo); View holds Refresh, the pages (Ctrl+1 …) and the 字号;
Help the manual (F1) and the guided first hour.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QToolButton,
    QWidget,
)

from villagedesk import __version__
from villagedesk.core.common.undo import Edit, UndoJournal
from villagedesk.core.common.village import get_profile
from villagedesk.core.township.merge import is_township
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.store.upgrade import mark_shown, unshown_upgrade
from villagedesk.ui.accounts.page import AccountsPage
from villagedesk.ui.committee.page import CommitteePage
from villagedesk.ui.export.page import ExportPage
from villagedesk.ui.help.first_hour import FirstHourDialog
from villagedesk.ui.help.manual import ManualDialog
from villagedesk.ui.home.page import HomePage
from villagedesk.ui.home.search_dialog import SearchDialog
from villagedesk.ui.kit import font_size
from villagedesk.ui.kit.dialogs import fits_screen, small_screen
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.print_preview import direct_print
from villagedesk.ui.kit.tables import attach_row_menu
from villagedesk.ui.meetings.page import MeetingsPage
from villagedesk.ui.notices.page import NoticesPage
from villagedesk.ui.points.page import PointsPage
from villagedesk.ui.profile_dialog import ProfileDialog
from villagedesk.ui.register.page import HouseholdsPage
from villagedesk.ui.requests.page import RequestsPage
from villagedesk.ui.township.page import TownshipPage, ask_use_as_township

#: The page commands of the File menu: the button keys each presses, and its shortcut.
COMMANDS = {
    "new": (("new_", "add_"), QKeySequence.StandardKey.New),
    "save": (("save",), QKeySequence.StandardKey.Save),
    "print": (("print_",), QKeySequence.StandardKey.Print),
}
DIRECT_PRINT_KEYS = QKeySequence("Ctrl+Shift+P")
#: What _fill_menus makes: asking the window for one of them fills the menus first.
FILLED_LATER = frozenset({"command_actions", "direct_print_action", "search_action", "township_action",
                          "undo_action", "go_menu", "go_actions", "size_actions", "first_hour_action"})


class PageScroll(QScrollArea):
    """The pages, filling the window; scrolled only where the window is smaller than the page shown
    can be squeezed (its minimum size: the 字号 特大 on a 1366×768 laptop), never pushing the window off
    the screen.  A page that fits is laid out exactly as without the scroll area (a resizable scroll
    area would give a page with wrapped text its preferred height, and scroll bars it does not need)."""

    def __init__(self, pages: QStackedWidget, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("page_scroll")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)
        self.setWidget(pages)
        pages.installEventFilter(self)

    def fit(self) -> None:
        page = self.widget()
        need = page.minimumSizeHint().expandedTo(page.minimumSize())
        room = self.maximumViewportSize()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        width, height = room.width(), room.height()
        if need.width() > width:
            height -= bar
        if need.height() > height:
            width -= bar
            if need.width() > width and need.width() <= room.width():
                height -= bar
        page.resize(max(width, need.width()), max(height, need.height()))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.fit()
        return False


class MainWindow(QMainWindow):
    #: Once, when the pages are all built after the first paint: the window's own start is over.
    settled = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("VillageDesk"))
        # The edits of this session, for Edit → Undo (a read-only window writes none).
        self.undo_journal = UndoJournal(store) if store.writable else None
        self.manual_dialog: ManualDialog | None = None
        self.first_hour: FirstHourDialog | None = None
        self._scale = 1.0  # the 字号 factor this window's pixel sizes are at
        self._building = False  # _build_waiting is on its way
        self._settled = False
        self._township_pages = False  # the township's pages instead of the village's (show_township)

        self._frame()
        self._menu_titles()
        if is_township(store):
            self.show_township()
        else:
            self._build_pages()
            self.nav.setCurrentRow(0)  # before the switch is connected: the home page is built once shown
        self.nav.currentRowChanged.connect(self._show_row)
        self._pages_built()
        self.show_profile()
        self._scale_to(font_size.SIZES[font_size.chosen()])
        self._restore_geometry()

    def _frame(self) -> None:
        """The navigation beside the page area, and the status bar, each made inside its final parent (a
        widget moved to another parent is polished again)."""
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget(central)
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(150)
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setStyleSheet("QListWidget { font-size: 15px; } QListWidget::item { padding: 10px; }")
        layout.addWidget(self.nav)
        # A page taller or wider than the screen (the 字号 特大 on a 1366×768 laptop) scrolls inside the
        # window instead of pushing the window off the screen.
        self.pages = QStackedWidget()
        self.page_scroll = PageScroll(self.pages, central)
        # A stack asks for the room of its largest page: only the page shown counts here.
        self.pages.currentChanged.connect(self._size_to_current)
        layout.addWidget(self.page_scroll, 1)
        self.setCentralWidget(central)

        bar = self.statusBar()
        self.village_label = QLabel(bar)
        self.village_label.setObjectName("village_label")
        self.path_label = QLabel(str(self.store.path), bar)
        self.path_label.setObjectName("path_label")
        bar.addWidget(self.village_label)
        bar.addPermanentWidget(self.path_label)

    # --- menus ------------------------------------------------------------------------------------
    def _action(self, menu: QMenu, text: str, slot: Callable, shortcut=None, name: str = "") -> QAction:
        """A menu entry, its shortcut working anywhere in the window and shown in the menu."""
        action = QAction(text, self)
        if name:
            action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.addAction(action)  # shortcuts work with the menu bar hidden or closed, too
        return action

    def _menu_titles(self) -> None:
        """The menu bar as the first paint shows it: the menus' titles and the search button. Their entries
        follow right after the first paint (they are not seen before a click), or at once when a key is
        pressed first (docs/ARCHITECTURE.md "Start-up")."""
        bar = self.menuBar()
        self._menus = [bar.addMenu(title) for title in (self.tr("&File"), self.tr("&Edit"), self.tr("&View"),
                                                           self.tr("&Help"))]
        self._menus_filled = False
        self.search_dialog: SearchDialog | None = None
        self.search_button = QToolButton(self)
        self.search_button.setObjectName("search_button")
        self.search_button.setText(self.tr("Search (Ctrl+K)"))
        self.search_button.setToolTip(self.tr("Persons, households, meetings, requests and notices by name, "
                                              "pinyin initials or code"))
        self.search_button.setAutoRaise(True)
        self.search_button.clicked.connect(self.open_search)
        bar.setCornerWidget(self.search_button, Qt.Corner.TopRightCorner)

    def _fill_menus(self) -> None:
        """The menus' entries and their shortcuts (once; FILLED_LATER names what is made here)."""
        if self._menus_filled:
            return
        self._menus_filled = True
        file_menu, edit_menu, view_menu, help_menu = self._menus
        self.command_actions = {
            "new": self._action(file_menu, self.tr("&New"), lambda: self.run_command("new"),
                                COMMANDS["new"][1], "new_action"),
            "save": self._action(file_menu, self.tr("&Save"), lambda: self.run_command("save"),
                                 COMMANDS["save"][1], "save_action"),
            "print": self._action(file_menu, self.tr("&Print…"), lambda: self.run_command("print"),
                                  COMMANDS["print"][1], "print_action"),
        }
        self.direct_print_action = self._action(file_menu, self.tr("Print &directly"), self.print_directly,
                                                DIRECT_PRINT_KEYS, "direct_print_action")
        self.direct_print_action.setStatusTip(self.tr("Print the page's printout on the default printer, "
                                                      "without the preview"))
        file_menu.aboutToShow.connect(self._update_commands)
        file_menu.aboutToHide.connect(self._enable_commands)
        file_menu.addSeparator()
        self._search_entry(file_menu)
        profile = QAction(self.tr("Village &profile…"), self)
        profile.triggered.connect(self.edit_profile)
        file_menu.addAction(profile)
        self.township_action = QAction(self.tr("Use as &township database…"), self)
        self.township_action.triggered.connect(self.use_as_township)
        file_menu.addAction(self.township_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        self.undo_action = self._action(edit_menu, self.tr("&Undo"), self.undo, QKeySequence.StandardKey.Undo,
                                        "undo_action")
        edit_menu.aboutToShow.connect(self._update_undo)
        edit_menu.aboutToHide.connect(lambda: self.undo_action.setEnabled(True))

        self._action(view_menu, self.tr("&Refresh"), self.refresh_page, QKeySequence.StandardKey.Refresh,
                     "refresh_action")
        view_menu.addSeparator()
        self.go_menu = view_menu.addMenu(self.tr("&Go to page"))
        self.go_actions: list[QAction] = []
        size_menu = view_menu.addMenu(self.tr("Text &size"))
        size_menu.setObjectName("font_size_menu")
        self.size_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        chosen = font_size.chosen()
        for key, label in font_size.labels().items():
            action = QAction(label, self)
            action.setObjectName(f"font_{key}")
            action.setCheckable(True)
            action.setChecked(key == chosen)
            action.triggered.connect(lambda _checked=False, k=key: self.set_font_size(k))
            group.addAction(action)
            size_menu.addAction(action)
            self.size_actions[key] = action

        self._action(help_menu, self.tr("&Manual"), self.open_manual, QKeySequence.StandardKey.HelpContents,
                     "manual_action")
        self.first_hour_action = self._action(help_menu, self.tr("Your &first hour…"), self.open_first_hour,
                                              name="first_hour_action")
        help_menu.addSeparator()
        about = QAction(self.tr("&About VillageDesk"), self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)
        self.go_actions = []
        self._fill_go_menu()
        if self._township_pages:
            self._township_menus()

    def event(self, event: QEvent) -> bool:
        # A key pressed before the menus are filled (right after the window appeared) finds their
        # shortcuts: the window hears of it first, as the shortcut's override check goes up to it.
        if event.type() == QEvent.Type.ShortcutOverride and not self._menus_filled:
            self._fill_menus()
        return super().event(event)

    def __getattr__(self, name: str):
        # Reached only for an attribute not set: a village page not built yet (self.points) is built now,
        # a menu entry not made yet (self.undo_action) is made with all the others.
        if name in FILLED_LATER and self.__dict__.get("_menus_filled") is False:
            self._fill_menus()
            return getattr(self, name)
        makers = self.__dict__.get("_makers")
        if makers and name in makers:
            return self._build_page(name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _pages_built(self) -> None:
        """What every set of pages gets: Ctrl+1 … in the Go menu (once the menus are filled), shortcuts
        in the buttons' tooltips, a right-click menu on every list."""
        if self._menus_filled:
            self._fill_go_menu()
        for row in range(self.pages.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) not in self._makers:  # not a placeholder
                self._page_ready(self.pages.widget(row))

    def _fill_go_menu(self) -> None:
        """View → Go to page: Ctrl+1 … for the pages of the navigation, also said in its tooltips."""
        for action in self.go_actions:
            self.removeAction(action)
            action.deleteLater()
        self.go_menu.clear()
        self.go_actions = []
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            keys = QKeySequence(f"Ctrl+{row + 1}") if row < 9 else None
            action = self._action(self.go_menu, item.text(), lambda r=row: self.nav.setCurrentRow(r), keys,
                                  f"go_{item.data(Qt.ItemDataRole.UserRole)}")
            if keys is not None:
                item.setToolTip(fmt(self.tr("%1 (%2)"), item.text(), keys.toString(QKeySequence.SequenceFormat.NativeText)))
            self.go_actions.append(action)

    def _page_ready(self, page: QWidget) -> None:
        """What a page gets once built: shortcuts in its buttons' tooltips, a right-click menu on its lists,
        the 字号, the first hour's ticks (a page not built yet is a placeholder, and gets them when built)."""
        self._label_shortcuts(page)
        for view in page.findChildren(QAbstractItemView):
            if view.window() is self:  # not a chooser's drop-down list
                attach_row_menu(view)
        if self._scale != 1.0:  # pages built anew after the 字号 was chosen
            font_size.scale_widgets(page, self._scale)
        changed = getattr(page, "changed", None)
        if changed is not None:
            changed.connect(self._tick_first_hour)

    def _label_shortcuts(self, page: QWidget) -> None:
        """The button each command presses on ``page`` says its shortcut in its tooltip (the first of
        its kind in each row of buttons, as run_command finds it)."""
        for prefixes, keys in COMMANDS.values():
            text = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
            seen: set[int] = set()
            for button in page.findChildren(QPushButton):
                holder = id(button.parentWidget())
                if button.objectName().startswith(prefixes) and holder not in seen:
                    seen.add(holder)
                    tip = button.toolTip() or button.text().replace("&", "")
                    button.setToolTip(fmt(self.tr("%1 (%2)"), tip, text))

    # --- the page commands ----------------------------------------------------------------------------
    def page_button(self, role: str) -> QPushButton | None:
        """The button ``role`` presses on the page shown: the first of its kind shown and enabled."""
        page = self.pages.currentWidget()
        if page is None:
            return None
        prefixes = COMMANDS[role][0]
        for button in page.findChildren(QPushButton):
            if button.objectName().startswith(prefixes) and button.isVisibleTo(page) and button.isEnabled():
                return button
        return None

    def run_command(self, role: str) -> QPushButton | None:
        """New, Save or Print on the page shown; the status bar says so when the page has none."""
        button = self.page_button(role)
        if button is not None:
            button.click()
            return button
        if role == "save":
            self.statusBar().showMessage(self.tr("Every change is saved as soon as it is made; Ctrl+S saves an "
                                                 "open form."), 8000)
        else:
            self.statusBar().showMessage(self.tr("Nothing to do here: this page has no such button, or "
                                                 "nothing is chosen for it."), 8000)
        return None

    def print_directly(self) -> QPushButton | None:
        """The page's printout straight to the default printer, no preview."""
        button = self.page_button("print")
        if button is None:
            return self.run_command("print")
        if not direct_print(button):
            button.click()  # a printout that has no background print behind it: previewed
        return button

    def _update_commands(self) -> None:
        for role, action in self.command_actions.items():
            button = self.page_button(role)
            action.setEnabled(button is not None or role == "save")
            action.setStatusTip(button.text().replace("&", "") if button is not None else "")
        self.direct_print_action.setEnabled(self.page_button("print") is not None)

    def _enable_commands(self) -> None:
        # Shortcuts of disabled actions do nothing: with the menu closed, they always answer.
        for action in (*self.command_actions.values(), self.direct_print_action):
            action.setEnabled(True)

    def refresh_page(self) -> None:
        page = self.pages.currentWidget()
        if page is not None and hasattr(page, "refresh"):
            page.refresh()

    # --- undo ----------------------------------------------------------------------------------------------
    def _update_undo(self) -> None:
        edit = self.undo_journal.newest() if self.undo_journal is not None else None
        self.undo_action.setEnabled(edit is not None)
        self.undo_action.setText(fmt(self.tr("&Undo %1"), edit.describe()) if edit else self.tr("&Undo"))

    def undo(self) -> Edit | None:
        """Edit → Undo: the last edit put back through core; the rules' refusal said in a message box."""
        if self.undo_journal is None:
            return None
        try:
            edit = self.undo_journal.undo()
        except UserError as err:
            QMessageBox.information(self, self.tr("Undo"), str(err))
            return None
        for index in range(self.pages.count()):
            page = self.pages.widget(index)
            if hasattr(page, "refresh"):
                page.refresh()
        self.statusBar().showMessage(fmt(self.tr("Undone: %1"), edit.describe()), 10000)
        return edit

    # --- view and help ------------------------------------------------------------------------------------
    def set_font_size(self, key: str) -> None:
        """字号: the whole window and the charts at once; kept for the next start."""
        self._scale_to(font_size.choose(key))
        self.size_actions[key].setChecked(True)
        home = getattr(self, "home", None)
        if home is not None and self.pages.indexOf(home) >= 0:
            home.charts.refresh()

    def _scale_to(self, factor: float) -> None:
        font_size.apply(factor)
        if factor != self._scale:
            font_size.scale_widgets(self, factor / self._scale)
            self._scale = factor

    def open_manual(self) -> ManualDialog:
        """F1: the manual, at the section of the page shown."""
        if self.manual_dialog is None:
            self.manual_dialog = ManualDialog(self)
        item = self.nav.currentItem()
        self.manual_dialog.show_section(item.data(Qt.ItemDataRole.UserRole) if item is not None else None)
        return self.manual_dialog

    def open_first_hour(self) -> FirstHourDialog:
        """The checklist of the first steps, beside the window; its buttons open the pages and forms."""
        if self.first_hour is None:
            self.first_hour = FirstHourDialog(self.store, {
                "profile": self.edit_profile,
                "roster": lambda: self._open_page_step("households", lambda p: p.import_roster()),
                "points": lambda: self._open_page_step("points", lambda p: p.tabs.setCurrentWidget(p.entry)),
                "notice": lambda: self._open_page_step("notices", lambda p: (p.tabs.setCurrentWidget(p.list),
                                                                              p.list.from_template())),
            }, self)
        self.first_hour.refresh()
        self.first_hour.show()  # a dialog stays above its window: no raise_()
        self.first_hour.activateWindow()
        return self.first_hour

    def _size_to_current(self, index: int) -> None:
        """The pages not shown ask for no room (Ignored), the page shown for its own (Preferred)."""
        for row in range(self.pages.count()):
            page = self.pages.widget(row)
            policy = QSizePolicy.Policy.Preferred if row == index else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.page_scroll.fit()

    def _tick_first_hour(self) -> None:
        if self.first_hour is not None and self.first_hour.isVisible():
            self.first_hour.refresh()

    def _open_page_step(self, key: str, step: Callable[[QWidget], object]) -> None:
        page = self.go_to(key)
        if page is not None:
            self.activateWindow()
            step(page)

    def offer_first_hour(self) -> FirstHourDialog:
        """A village's first start: the checklist, and its first step (the profile) at once, unless the
        first start's set-up has just taken it with the first account (ui/setup)."""
        dialog = self.open_first_hour()
        if get_profile(self.store) is None:
            self.edit_profile()
            dialog.refresh()
        return dialog

    def _search_entry(self, menu) -> None:
        """Ctrl+K anywhere in the window and in the File menu (the button at the menu bar's right end is
        made with the menus' titles)."""
        self.search_action = QAction(self.tr("&Search everything…"), self)
        self.search_action.setShortcut(QKeySequence("Ctrl+K"))
        self.search_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.search_action.triggered.connect(self.open_search)
        menu.addAction(self.search_action)
        menu.addSeparator()

    def open_search(self) -> SearchDialog:
        if self.search_dialog is None:
            self.search_dialog = SearchDialog(self.store, self)
            self.search_dialog.chosen.connect(self.open_record)
        self.search_dialog.start()
        return self.search_dialog

    def show_profile(self) -> None:
        profile = get_profile(self.store)
        if is_township(self.store):
            where = "".join(p for p in (profile.county, profile.township) if p) if profile else ""
            self.village_label.setText(fmt(self.tr("Township database %1"), where).strip())
        elif profile is None:
            self.village_label.setText(self.tr("Village profile not filled in"))
        else:
            self.village_label.setText(f"{profile.full_name}  {profile.code}")

    def edit_profile(self) -> bool:
        accepted = ProfileDialog(self.store, self).exec() == ProfileDialog.DialogCode.Accepted
        self.show_profile()
        if self.first_hour is not None:
            self.first_hour.refresh()
        return accepted

    def use_as_township(self) -> None:
        if ask_use_as_township(self, self.store):
            self.show_township()
            self._pages_built()
            self.show_profile()

    def _build_pages(self) -> None:
        """The village's pages, in the navigation's order, each built when first needed.

        A page is built when it is first shown or used (``self.points``), and, once the window is up, the
        rest one per turn of the event loop: the window shows at once, even on a large village
        (docs/ARCHITECTURE.md "Start-up"). Until then a blank placeholder holds its place in ``self.pages``:
        the first paint needs the first page's only, the others are added by _hold_places.
        """
        store = self.store

        def home() -> HomePage:
            page = HomePage(store, self)
            page.open_requested.connect(self.open_record)
            page.charts.filter_requested.connect(self.apply_chart_filter)
            return page

        self._makers: dict[str, Callable[[], QWidget]] = {}
        pages = [
            ("home", self.tr("Home"), home),
            ("households", self.tr("Households"), lambda: HouseholdsPage(store, self)),
            ("committee", self.tr("Committee"), lambda: CommitteePage(store, self)),
            ("points", self.tr("Points"), lambda: PointsPage(store, self)),
            ("meetings", self.tr("Meetings"), lambda: MeetingsPage(store, self)),
            ("requests", self.tr("Requests ledger"), lambda: RequestsPage(store, self)),
            ("notices", self.tr("Public notices"), lambda: NoticesPage(store, self)),
            ("export", self.tr("Export & print"), lambda: ExportPage(store, self)),
        ]
        if store.key is not None:  # an encrypted database has accounts (docs/SECURITY.md "The window")
            pages.append(("accounts", self.tr("Accounts"), lambda: AccountsPage(store, self)))
        for key, title, make in pages:
            item = QListWidgetItem(title, self.nav)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self._makers[key] = make
        self.pages.addWidget(QWidget(self.pages))

    def _hold_places(self) -> None:
        """A blank placeholder for each page of the navigation not in ``self.pages`` yet (each costs the first
        paint a little): made before any page is built or shown."""
        while self.pages.count() < self.nav.count():
            self.pages.addWidget(QWidget(self.pages))

    def _build_page(self, key: str) -> QWidget:
        """Build page ``key`` and put it in its placeholder's place (shown, when that was shown)."""
        self._hold_places()
        page = self._makers.pop(key)()
        setattr(self, key, page)
        row = next(r for r in range(self.nav.count()) if self.nav.item(r).data(Qt.ItemDataRole.UserRole) == key)
        placeholder = self.pages.widget(row)
        shown = self.pages.currentIndex() == row
        self.pages.insertWidget(row, page)
        if shown:
            self.pages.setCurrentIndex(row)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
        self._page_ready(page)
        return page

    def _show_row(self, row: int) -> None:
        self._hold_places()
        key = self.nav.item(row).data(Qt.ItemDataRole.UserRole) if row >= 0 else None
        if key in self._makers:
            self._build_page(key)
        self.pages.setCurrentIndex(row)

    def _build_waiting(self) -> None:
        """The page shown first, then the others one per turn of the event loop, in the navigation's order;
        then the window is settled (once)."""
        if not self.isVisible() or self.store.closed:  # closed meanwhile: nothing to show
            self._building = False
            return
        if self._makers:
            current = self.nav.currentItem()
            key = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
            self._build_page(key if key in self._makers else next(iter(self._makers)))
            QTimer.singleShot(0, self, self._build_waiting)
            return
        self._building = False
        if not self._settled:
            self._settled = True
            self.settled.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._menus_filled:  # painted first, the menus' entries follow, then the pages
            QTimer.singleShot(0, self, self._fill_menus)
        if (self._makers or not self._settled) and not self._building:
            self._building = True
            QTimer.singleShot(0, self, self._build_waiting)

    def _clear_pages(self) -> None:
        self._makers = {}
        for row in range(self.nav.count()):  # built anew on next use, not the pages taken away here
            self.__dict__.pop(self.nav.item(row).data(Qt.ItemDataRole.UserRole), None)
        self.nav.clear()
        while self.pages.count():
            page = self.pages.widget(0)
            self.pages.removeWidget(page)
            page.deleteLater()

    def reload(self) -> None:
        """Show the file's data anew after its content was replaced (a restore): every page is built again,
        and what was edited before it can no longer be undone."""
        self._clear_pages()
        if self.undo_journal is not None:
            self.undo_journal.close()
            self.undo_journal = UndoJournal(self.store)
        if self.search_dialog is not None:
            self.search_dialog.deleteLater()
            self.search_dialog = None
        if is_township(self.store):
            self.show_township()
        else:
            self._township_pages = False
            self._build_pages()
            self.nav.setCurrentRow(0)
            self.update()  # the next paint builds the other pages
            self.township_action.setVisible(True)
            self.search_action.setEnabled(True)
            self.search_action.setVisible(True)
            self.first_hour_action.setVisible(True)
            self.search_button.show()
        self._pages_built()
        self.show_profile()

    def show_township(self) -> None:
        """A township database shows the township's pages instead of the village's (built, then replaced,
        so that a database made a township's from the File menu switches at once)."""
        self._clear_pages()
        self.township = TownshipPage(self.store, self)
        item = QListWidgetItem(self.tr("Villages"), self.nav)
        item.setData(Qt.ItemDataRole.UserRole, "villages")
        self.pages.addWidget(self.township)
        if self.store.key is not None:  # the township's own accounts (docs/SECURITY.md "The window")
            self.accounts = AccountsPage(self.store, self)
            item = QListWidgetItem(self.tr("Accounts"), self.nav)
            item.setData(Qt.ItemDataRole.UserRole, "accounts")
            self.pages.addWidget(self.accounts)
        self.nav.setCurrentRow(0)
        self.search_button.hide()
        self._township_pages = True
        if self._menus_filled:
            self._township_menus()

    def _township_menus(self) -> None:
        """A township database is one already, holds no village's register to search, and has no first hour."""
        self.township_action.setVisible(False)
        self.search_action.setEnabled(False)
        self.search_action.setVisible(False)
        self.first_hour_action.setVisible(False)

    def apply_chart_filter(self, kind: str, value) -> bool:
        """A click on a home page chart: the page behind it, filtered to what the bar or month counts.

        ('points-group', (period, group)) and ('stars', (period, stars)) open the period's ranking;
        ('requests-month', '2026-07') the requests raised in that month.  False when the page
        cannot show it (a period or month it does not offer); the page is shown all the same.
        """
        if kind == "requests-month":
            self.nav.setCurrentRow(self.pages.indexOf(self.requests))
            return self.requests.show_month(value)
        if kind not in ("points-group", "stars"):
            return False
        code, chosen = value
        self.nav.setCurrentRow(self.pages.indexOf(self.points))
        if kind == "stars":
            return self.points.show_ranking_of(code, stars=chosen)
        return self.points.show_ranking_of(code, group=chosen or None)

    # What open_record opens: kind → (the page's key in the navigation, the page's method showing one key).
    _OPENERS = {
        "household": ("households", "show_household"), "person": ("households", "show_person"),
        "meeting": ("meetings", "show_meeting"), "request": ("requests", "show_request"),
        "notice": ("notices", "show_notice"), "objection": ("notices", "show_objection"),
        "calendar_item": ("notices", "show_calendar_item"),
        "requests_overdue": ("requests", "show_overdue"),
        "points_review": ("points", "show_review"), "points_period": ("points", "show_ranking_of"),
        "committee": ("committee", None), "backup": ("export", None), "package": ("export", None),
    }

    def go_to(self, key: str) -> QWidget | None:
        """Switch to the page ``key`` names in the navigation (None when this window has no such page)."""
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                if key in self._makers:  # the row may be current already, with its placeholder
                    self._build_page(key)
                self.nav.setCurrentRow(row)
                return self.pages.widget(row)
        return None

    def open_record(self, kind: str, key) -> bool:
        """Switch to the page of ``kind`` and choose record ``key`` there: 'household', 'person', 'meeting',
        'request', 'notice', 'objection' (ids), 'calendar_item' (a disclosure item's id) and what the home
        page's lines lead to: 'points_review', 'points_period' (2026-Q3), 'requests_overdue', 'committee',
        'backup', 'package', or ('page', key) for a page itself.

        False, with nothing said and the page left as it was, when the record no longer exists.
        """
        if kind == "page":
            return self.go_to(key) is not None
        nav_key, method = self._OPENERS.get(kind, (None, None))
        before = self.nav.currentRow()
        page = self.go_to(nav_key) if nav_key else None
        if page is None:
            return False
        # The page is shown first: its refresh on showing must not undo the choice.
        if method is None or getattr(page, method)(key):
            return True
        self.nav.setCurrentRow(before)
        return False

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About VillageDesk"),
                          fmt(self.tr("VillageDesk %1\nOffline records for the village clerk."), __version__))

    def announce_upgrade(self) -> str | None:
        """Once after a newer program migrated this file: from which data version to which, when,
        and where the copy from before is.  Returns the text shown, None when there was nothing to say."""
        note = unshown_upgrade(self.store)
        if note is None or not self.store.writable:
            return None
        text = (fmt(self.tr("This database was upgraded from data version %1 to %2 by VillageDesk %3 on %4. "
                        "Every record was kept. A copy of the file as it was before is at:\n%5"), note.from_version, note.to_version, note.program, note.at, note.backup))
        mark_shown(self.store, note)
        QMessageBox.information(self, self.tr("Database upgraded"), text)
        return text

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 720)
        if small_screen(self) or not fits_screen(self):
            # A 1366×768 laptop: the whole screen rather than a window running under the taskbar.
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("window/geometry", self.saveGeometry())
        for helper in (self.first_hour, self.manual_dialog):
            if helper is not None:
                helper.close()
        if self.undo_journal is not None:
            self.undo_journal.close()
            self.undo_journal = None
        super().closeEvent(event)
