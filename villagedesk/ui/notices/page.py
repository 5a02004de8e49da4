"""The notice boards page (村务公开): notices, their objections, the disclosure calendar.

Three tabs over core.notices.  公开事项 is paged from SQLite (notice_list, made for
today because 公示期满 and overdue objections depend on the day) and filtered by
status and category in SQL; its buttons follow the chosen notice through
草稿 → 已审核 → 已张贴 → 公示期满 → 已归档, and a posted notice is corrected by a
new one, never edited.  异议 lists the chosen notice's objections and every
overdue one in red; 公开目录 shows what is due (amber) or overdue (red).
Posters are built off the GUI thread and previewed before printing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from villagedesk import clock
from villagedesk.core import notices as core
from villagedesk.core.meetings import matters
from villagedesk.core.notices import disclosure, templates
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import ReasonDialog
from villagedesk.ui.kit.holiday_calendar import load_calendar
from villagedesk.ui.kit.list_tab import ListTab
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.table_model import ListTableModel, PagedTableModel
from villagedesk.ui.kit.tables import selected_record
from villagedesk.ui.kit.widgets import page_column, splitter
from villagedesk.ui.notices.dialogs import (
    ItemDialog,
    NoticeDialog,
    ObjectionDialog,
    PostDialog,
    ReplyDialog,
    ReviewDialog,
    SourceDialog,
    describe,
)
from villagedesk.ui.points.tab import period_choices

RED_TEXT, RED_BACKGROUND = QColor("#a61b1b"), QColor("#fde2e1")
AMBER_TEXT, AMBER_BACKGROUND = QColor("#8a5a00"), QColor("#fff1cc")
PAPER_SIZES = ("A4", "A3")
DROP_REASONS = ("内容有变，不再公示", "重复录入", "事项取消")

_WIDTHS = {"code": 70, "category": 80, "title": 260, "status": 70, "issued_on": 90, "table_kind": 60, "rows": 45,
           "reviewer": 120, "posted_on": 90, "posting_end": 90, "objections": 50, "replaces_code": 75,
           "received_on": 90, "raised_by": 70, "content": 220, "reply_due": 90, "reply": 200, "replied_on": 90,
           "notice_code": 70, "name": 150, "schedule": 150, "last_posted": 90, "last_notice": 70, "deadline": 90,
           "state_text": 150, "notice_title": 180, "days_overdue": 60, "note": 160}


def _red(record: dict) -> bool:
    return bool(record.get("overdue") or record.get("overdue_objections"))


def red_text(record: dict) -> QColor | None:
    return RED_TEXT if _red(record) else None


def red_background(record: dict) -> QColor | None:
    return RED_BACKGROUND if _red(record) else None


class NoticeListTab(ListTab):
    """公开事项: the paged list, its filters and every step of a notice's way."""

    WIDTHS = _WIDTHS
    FOLLOW_SAVED = True
    noticeChosen = Signal(object)  # the chosen notice's id, or None

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self._day = clock.today()
        self._build_filters()
        self._build_list()
        self._build_layout()

        self.search.textChanged.connect(lambda text: self.model.set_search(text))
        for combo in (self.status, self.category):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self._connect_model()
        self.refresh()

    def _build_filters(self) -> None:
        self.search = self._search_box(self.tr("Search: title, body, issuer, reviewer, number (GK0012) or "
                                               "date (2026-07)"))
        self.status = self._combo("status_filter")
        self.status.addItem(self.tr("Any status"), None)
        self.status.addItem(self.tr("Not archived"), core.CURRENT)
        for status in core.NoticeStatus:
            self.status.addItem(status, status)
        self.status.setCurrentIndex(1)
        self.category = self._combo("category_filter")
        self.category.addItem(self.tr("Any category"), None)
        for category in core.CATEGORIES:
            self.category.addItem(category, category)
        self.paper = self._combo("paper")
        self.paper.addItems(PAPER_SIZES)

    def _build_list(self) -> None:
        """The notices, the chosen one's detail, and the line that says what was done."""
        self.columns = [("code", self.tr("No.")), ("category", self.tr("Category")), ("title", self.tr("Title")),
                        ("status", self.tr("Status")), ("issued_on", self.tr("Dated")),
                        ("table_kind", self.tr("Table")), ("rows", self.tr("Rows")),
                        ("reviewer", self.tr("Reviewer")), ("posted_on", self.tr("Posted on")),
                        ("posting_end", self.tr("Posted until")), ("objections", self.tr("Objections")),
                        ("replaces_code", self.tr("Corrects"))]
        self.formatters = {"rows": lambda v: str(v) if v else "", "objections": lambda v: str(v) if v else ""}
        self.model = self._list_model()
        self.view = self._table(self.model, "notices_view")
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the newest first
        self.view.doubleClicked.connect(lambda _i: self.edit_notice())
        self.summary = QLabel(self)
        self.summary.setObjectName("notices_summary")
        self.notice = self._notice_label()
        self.detail = self._detail_label("notice_detail")

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(QLabel(self.tr("Status:"), self))
        filters.addWidget(self.status)
        filters.addWidget(QLabel(self.tr("Category:"), self))
        filters.addWidget(self.category)
        steps = self._bar([("new_notice", self.tr("New…"), self.new_notice),
                           ("from_template", self.tr("From a template…"), self.from_template),
                           ("edit_notice", self.tr("Edit…"), self.edit_notice),
                           ("review_notice", self.tr("Review…"), self.review_notice),
                           ("return_notice", self.tr("Back to draft"), self.return_notice),
                           ("post_notice", self.tr("Post…"), self.post_notice),
                           ("archive_notice", self.tr("Archive…"), self.archive_notice),
                           ("correct_notice", self.tr("Correct…"), self.correct_notice)])
        steps.addWidget(self.summary)
        more = self._bar([("from_ranking", self.tr("From a points ranking…"), self.from_ranking),
                          ("from_matter", self.tr("From 四议两公开…"), self.from_matter),
                          ("load_calendar", self.tr("Load holiday calendar…"), self.load_calendar)])
        more.addWidget(QLabel(self.tr("Paper:"), self))
        more.addWidget(self.paper)
        more.addWidget(self._button("print_notice", self.tr("Print…"), self.print_notice))
        detail_box = QGroupBox(self.tr("Selected notice"), self)
        QVBoxLayout(detail_box).addWidget(self.detail)
        page_column(self, filters, steps, more, self.notice, splitter(self, self.view, detail_box, sizes=(380, 130)))

    def _list_model(self) -> PagedTableModel:
        # 公示期满 and overdue objections depend on the day: the list is made for today.
        return PagedTableModel(self.store, core.notice_list(self._day), self.columns, self.formatters, self,
                               foreground=red_text, background=red_background)

    def _connect_model(self) -> None:
        self.model.modelReset.connect(self._show_summary)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_detail())

    # --- showing ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        chosen = self.selected()
        if clock.today() != self._day:
            self._day = clock.today()
            self.model = self._list_model()
            self.view.setModel(self.model)
            self._connect_model()
            self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.apply_filters(force=True)
        if chosen is not None:
            self.select(chosen["_id"])

    def apply_filters(self, force: bool = False) -> None:
        sql, params = core.notice_filter(status=self.status.currentData(), category=self.category.currentData(),
                                         today=self._day)
        self.model.set_filter(sql, params)
        if force:
            self.model.refresh()
        self._show_summary()

    def _show_summary(self) -> None:
        self.summary.setText(self.tr("%n notice(s) listed.", "", self.model.rowCount()))
        self._show_detail()

    def show_notice(self, notice_id: int) -> bool:
        """One notice chosen, found by its number whatever the filters were; False when it is gone."""
        notice = core.get_notice(self.store, notice_id)
        if notice is None:
            return False
        for combo in (self.status, self.category):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.apply_filters()
        self.search.setText(notice["code"])
        self.select(notice_id)
        return True

    def chosen_notice(self) -> dict | None:
        chosen = self.selected()
        return core.get_notice(self.store, chosen["_id"]) if chosen else None

    def _show_detail(self) -> None:
        notice = self.chosen_notice()
        status = core.display_status(notice, self._day) if notice else None
        if notice is None:
            self.detail.setText(self.tr("Select a notice to see it and what can be done with it."))
        else:
            lines = [f"{describe(notice)}　{notice['category']}　{status}　{notice['issuer']} {notice['issued_on']}"]
            if notice["reviewer"]:
                lines.append(fmt(self.tr("Reviewed by %1 on %2"), notice["reviewer"], notice["reviewed_on"]))
            if notice["posted_on"]:
                lines.append(fmt(self.tr("Posted %1 to %2"), notice["posted_on"], notice["posting_end"]))
            full = core.full_numbers_line(notice)
            if full:
                lines.append(full)
            body = notice["body"].replace("\n", " ")
            lines.append(body[:160] + ("…" if len(body) > 160 else ""))
            self.detail.setText("\n".join(lines))
        buttons = self.buttons
        for key, may in (("edit_notice", core.can_edit), ("review_notice", core.can_review),
                         ("return_notice", core.can_return), ("post_notice", core.can_post),
                         ("archive_notice", lambda n: core.can_archive(n, self._day)),
                         ("correct_notice", core.can_correct)):
            buttons[key].setEnabled(notice is not None and may(notice))
        buttons["print_notice"].setEnabled(notice is not None)
        self.noticeChosen.emit(notice["id"] if notice else None)

    # --- actions ----------------------------------------------------------------------------------
    def _saved(self, dialog, text: str) -> bool:
        """Run a form; when it saved, the notice it returned is chosen (FOLLOW_SAVED): say what happened."""
        if not self._done(dialog):
            return False
        saved = dialog.saved
        if isinstance(saved, dict) and "code" in saved:
            self._say(fmt(text, saved["code"], core.display_status(saved, self._day)))
        return True

    def new_notice(self) -> None:
        self._saved(NoticeDialog(self.store, parent=self), self.tr("Draft %1 saved."))

    def from_template(self) -> None:
        """从模板新建: the kinds every village posts, their 落款 taken from the village profile."""
        menu = QMenu(self)
        for template in templates.TEMPLATES:
            menu.addAction(template.name).setData(template.key)
        button = self.buttons["from_template"]
        chosen = menu.exec(button.mapToGlobal(button.rect().bottomLeft()))
        if chosen is not None:
            self.new_from_template(chosen.data())

    def new_from_template(self, key: str) -> bool:
        """A new draft from the template ``key`` (core.notices.templates), edited before it is saved."""
        dialog = NoticeDialog(self.store, parent=self, template=templates.draft_values(self.store, key))
        return self._saved(dialog, self.tr("Draft %1 saved."))

    def edit_notice(self) -> None:
        notice = self.chosen_notice()
        if notice is None:
            return
        if not core.can_edit(notice):
            try:
                core.update_notice(self.store, notice["id"])  # the core says why not, and what to do instead
            except UserError as err:
                self._warn(self.tr("Edit notice"), err)
            return
        self._saved(NoticeDialog(self.store, notice["id"], self), self.tr("Draft %1 saved."))

    def review_notice(self) -> None:
        notice = self.chosen_notice()
        if notice is not None:
            self._saved(ReviewDialog(self.store, notice, self), self.tr("%1 is reviewed and can be posted."))

    def return_notice(self) -> None:
        notice = self.chosen_notice()
        if notice is None or not self._confirm(self.tr("Back to draft"), fmt(self.tr(
                "%1 goes back to draft; its review is cleared and it must be reviewed again."), describe(notice))):
            return
        self._step(self.tr("Back to draft"), lambda: core.return_to_draft(self.store, notice["id"]),
                   self.tr("%1 is a draft again."))

    def post_notice(self) -> None:
        notice = self.chosen_notice()
        if notice is not None:
            self._saved(PostDialog(self.store, notice, self), self.tr("%1 is posted (%2)."))

    def archive_notice(self) -> None:
        notice = self.chosen_notice()
        if notice is None:
            return
        if notice["posted_on"]:
            if self._confirm(self.tr("Archive"), fmt(self.tr("Archive %1? Its posting period is over."), describe(notice))):
                self._step(self.tr("Archive"), lambda: core.archive_notice(self.store, notice["id"]),
                           self.tr("%1 is archived."))
            return
        dialog = ReasonDialog(self.store, fmt(self.tr("Archive %1"), notice["code"]),
                              self.tr("This notice was never posted. Say why it is dropped; it stays in the archive."),
                              DROP_REASONS, lambda reason: core.archive_notice(self.store, notice["id"], reason=reason),
                              self)
        self._saved(dialog, self.tr("%1 is archived."))

    def correct_notice(self) -> None:
        notice = self.chosen_notice()
        if notice is None or not self._confirm(self.tr("Correct"), fmt(self.tr(
                "A posted notice is not changed. A correction is a new draft that replaces %1 once it is posted; "
                "both stay in the archive. Start the correction?"), describe(notice))):
            return
        corrected = self._step(self.tr("Correct"), lambda: core.start_correction(self.store, notice["id"]),
                               self.tr("Correction %1 drafted: edit it, have it reviewed and post it."))
        if corrected is not None and self.status.currentData() not in (None, core.CURRENT, core.NoticeStatus.DRAFT):
            self.status.setCurrentIndex(1)
            self.select(corrected["id"])

    def _step(self, title: str, action, text: str) -> dict | None:
        """A step without a form: the notice it returns chosen and ``text`` said of it."""
        saved = self._act(title, action)
        if saved is not None:
            self.select(saved["id"])
            self._say(fmt(text, saved["code"]))
        return saved

    def load_calendar(self) -> None:
        """The township's holiday calendar for a year the program has none of (docs/DOMAIN.md §4.7)."""
        load_calendar(self, self.store)

    def from_ranking(self) -> None:
        choices = [(p.label, p.code) for p in period_choices(self.store)]
        dialog = SourceDialog(self.store, self.tr("Notice from a points ranking"),
                              self.tr("The ranking of the chosen period becomes the table of a new draft."), choices,
                              lambda code: core.notice_from_ranking(self.store, code), self)
        self._saved(dialog, self.tr("Draft %1 made from the ranking."))

    def from_matter(self) -> None:
        choices = [(p.matter["title"], p.matter["id"]) for p in matters.all_matters(self.store)
                   if p.done_count == len(matters.STAGES)]
        dialog = SourceDialog(self.store, self.tr("Notice from 四议两公开"),
                              self.tr("The resolution of a matter whose four meetings are done becomes a new draft."),
                              choices, lambda matter_id: core.notice_from_matter(self.store, matter_id), self)
        self._saved(dialog, self.tr("Draft %1 made from the resolution."))

    def print_notice(self) -> None:
        notice = self.chosen_notice()
        if notice is None:
            return
        from villagedesk.documents.pdf.notice import print_notice  # loads reportlab: not at start-up

        code, size = notice["code"], self.paper.currentText()
        suggested = "-".join(p for p in (self._village(), "公开", code, size) if p) + ".pdf"
        self._print(self.tr("Preparing the notice"), f"notice-{code}-{size}", suggested,
                    lambda reader, pdf, progress: print_notice(reader, pdf, code, size=size, progress=progress))


class ObjectionsTab(ListTab):
    """异议: the chosen notice's objections, and every overdue one (all notices) in red."""

    WIDTHS = _WIDTHS
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.notice_id: int | None = None
        columns = [("received_on", self.tr("Received")), ("raised_by", self.tr("Raised by")),
                   ("content", self.tr("Objection")), ("reply_due", self.tr("Reply due")),
                   ("reply", self.tr("Reply")), ("replied_on", self.tr("Replied on"))]
        self.model = ListTableModel(columns, [], None, self, foreground=red_text, background=red_background)
        self.view = self._table(self.model, "objections_view")
        self.overdue_model = ListTableModel([("notice_code", self.tr("Notice")), ("notice_title", self.tr("Title")),
                                             *columns[:4], ("days_overdue", self.tr("Days overdue"))], [], None,
                                            self, foreground=red_text, background=red_background)
        self.overdue_view = self._table(self.overdue_model, "overdue_view")
        self.heading = QLabel(self)
        self.heading.setObjectName("objections_heading")
        self._last: QTableView = self.view
        for view in (self.view, self.overdue_view):
            view.selectionModel().selectionChanged.connect(lambda *_, v=view: self._chosen(v))
            view.doubleClicked.connect(lambda _i: self.reply())
        bar = self._bar([("record_objection", self.tr("Record an objection…"), self.record_objection),
                         ("reply_objection", self.tr("Reply…"), self.reply)])
        overdue_box = QGroupBox(self.tr("Overdue objections (all notices)"), self)
        QVBoxLayout(overdue_box).addWidget(self.overdue_view)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addWidget(self.view, 3)
        layout.addWidget(overdue_box, 2)
        self.refresh()

    def set_notice(self, notice_id: int | None) -> None:
        self.notice_id = notice_id
        self.refresh()

    def refresh(self) -> None:
        notice = core.get_notice(self.store, self.notice_id) if self.notice_id else None
        self.heading.setText(fmt(self.tr("Objections to %1"), describe(notice)) if notice
                             else self.tr("Select a notice under “Notices” to see its objections."))
        self.model.set_rows(core.notice_objections(self.store, notice["id"]) if notice else [])
        self.overdue_model.set_rows(core.overdue_objections(self.store))
        self.buttons["record_objection"].setEnabled(notice is not None and core.can_object(notice))
        self._chosen(self._last)

    def _chosen(self, view: QTableView) -> None:
        self._last = view
        objection = selected_record(view)
        self.buttons["reply_objection"].setEnabled(objection is not None and objection["replied_on"] is None)

    def record_objection(self) -> None:
        notice = core.get_notice(self.store, self.notice_id) if self.notice_id else None
        if notice is not None:
            self._done(ObjectionDialog(self.store, notice, self))

    def reply(self) -> None:
        objection = selected_record(self._last)
        if objection is not None and objection["replied_on"] is None:
            self._done(ReplyDialog(self.store, objection, self))


class CalendarTab(ListTab):
    """公开目录: what must be posted and how often; 已逾期 red, 待公开 amber."""

    WIDTHS = _WIDTHS
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        colours = {disclosure.OVERDUE: (RED_TEXT, RED_BACKGROUND), disclosure.DUE: (AMBER_TEXT, AMBER_BACKGROUND)}
        self.model = ListTableModel(
            [("name", self.tr("Item")), ("category", self.tr("Category")), ("schedule", self.tr("Frequency")),
             ("last_posted", self.tr("Last posted")), ("last_notice", self.tr("Notice")),
             ("deadline", self.tr("Deadline")), ("state_text", self.tr("State")), ("note", self.tr("Note"))],
            [], None, self,
            foreground=lambda r: colours.get(r["state"], (None, None))[0],
            background=lambda r: colours.get(r["state"], (None, None))[1])
        self.view = self._table(self.model, "calendar_view")
        self.view.doubleClicked.connect(lambda _i: self.edit_item())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        bar = self._bar([("new_item", self.tr("Add item…"), self.new_item),
                         ("edit_item", self.tr("Edit item…"), self.edit_item),
                         ("archive_item", self.tr("Remove item"), self.archive_item)])
        self.summary = QLabel(self)
        self.summary.setObjectName("calendar_summary")
        bar.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.refresh()

    def refresh(self) -> None:
        states = core.calendar(self.store, clock.today())
        overdue_word, left_word = self.tr("%1 (%2 days late)"), self.tr("%1 (%2 days left)")
        rows = []
        for s in states:
            state = s.state
            if s.days_overdue:
                state = fmt(overdue_word, state, s.days_overdue)
            elif s.days_left is not None:
                state = fmt(left_word, state, s.days_left)
            rows.append({**s.item, "schedule": s.schedule, "last_posted": s.last_posted.isoformat()
                         if s.last_posted else "", "last_notice": s.last_notice or "",
                         "deadline": s.deadline.isoformat() if s.deadline else "", "state": s.state,
                         "state_text": state})
        self.model.set_rows(rows)
        overdue = sum(1 for s in states if s.state == disclosure.OVERDUE)
        due = sum(1 for s in states if s.state == disclosure.DUE)
        self.summary.setText(fmt(self.tr("%1 overdue, %2 due"), overdue, due))
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = selected_record(self.view) is not None
        self.buttons["edit_item"].setEnabled(chosen)
        self.buttons["archive_item"].setEnabled(chosen)

    def new_item(self) -> None:
        self._done(ItemDialog(self.store, parent=self))

    def edit_item(self) -> None:
        item = selected_record(self.view)
        if item is not None:
            self._done(ItemDialog(self.store, item, self))

    def archive_item(self) -> None:
        item = selected_record(self.view)
        if item is not None and self._confirm(self.tr("Remove item"), fmt(self.tr(
                "Take “%1” off the calendar? Notices posted for it keep their link."), item["name"])):
            self._act(self.tr("Remove item"), lambda: disclosure.archive_item(self.store, item["id"]))


class NoticesPage(QWidget):
    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("notice_tabs")
        self.list = NoticeListTab(store, self)
        self.objections = ObjectionsTab(store, self)
        self.calendar = CalendarTab(store, self)
        self.tabs.addTab(self.list, self.tr("Notices"))
        self.tabs.addTab(self.objections, self.tr("Objections"))
        self.tabs.addTab(self.calendar, self.tr("Disclosure calendar"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.list.noticeChosen.connect(self.objections.set_notice)
        for tab in (self.list, self.objections, self.calendar):
            tab.changed.connect(lambda t=tab: self._changed(t))
        self.tabs.currentChanged.connect(lambda _i: self.tabs.currentWidget().refresh())

    def showEvent(self, event: QShowEvent) -> None:
        # Notices may come from other areas, and the day may have turned.
        self.tabs.currentWidget().refresh()
        super().showEvent(event)

    def _changed(self, source: QWidget) -> None:
        for tab in (self.list, self.objections, self.calendar):
            if tab is not source:
                tab.refresh()
        self.changed.emit()

    @property
    def job(self):
        return self.list.job

    def show_notice(self, notice_id: int) -> bool:
        """The notices tab with one notice chosen; False when it is gone."""
        if not self.list.show_notice(notice_id):
            return False
        self.tabs.setCurrentWidget(self.list)
        return True

    def show_objection(self, objection_id: int) -> bool:
        """The objections tab with the notice of one objection, that objection chosen; False when it is gone."""
        objection = core.get_objection(self.store, objection_id)
        if objection is None or not self.list.show_notice(objection["notice_id"]):
            return False
        self.tabs.setCurrentWidget(self.objections)
        return self.objections.select(objection_id)

    def show_calendar_item(self, item_id: int) -> bool:
        """The disclosure calendar with one item chosen; False when it is no longer on the calendar."""
        self.tabs.setCurrentWidget(self.calendar)
        return self.calendar.select(item_id)
