"""Dialogs of the notice boards (村务公开): the notice editor with its table editor, review,
posting, objections and replies, the disclosure calendar's items, drafts from other areas.

Each is a :class:`~villagedesk.ui.kit.dialogs.FormDialog` over a ``forms/notice_*.ui`` form;
core.notices checks the input and its Chinese UserError is shown in the dialog, which
stays open with nothing written.  Tables are small (a month's accounts, a list of
recipients), so the table editor is a QTableWidget; amounts are read by the core's
money helpers (whole fen), never as floats.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from villagedesk import clock
from villagedesk.core import notices
from villagedesk.core.accounts import signatures
from villagedesk.core.accounts.roles import Action
from villagedesk.core.common import workdays
from villagedesk.core.common.dates import parse_date
from villagedesk.core.notices import disclosure, money, posting
from villagedesk.core.notices.masking import public_id
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import Dialog, WidgetFieldsDialog
from villagedesk.ui.kit.holiday_calendar import load_calendar
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.person_picker import PersonPicker
from villagedesk.ui.kit.sign_dialog import add_signature, hide_typed_names, signed_by
from villagedesk.ui.kit.widgets import button_bar

ERROR_STYLE = "color: #c0392b;"
_SEPARATORS = re.compile(r"\s*[,，、]\s*")


def describe(notice: dict) -> str:
    """GK0003《2026年6月村级财务收支公开》: data, as a dialog names the notice."""
    return f"{notice['code']}《{notice['title']}》"


# --- the table editor -----------------------------------------------------------------------

class RegisterPickDialog(Dialog):
    """Persons ticked in the register, for a recipient list."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add persons from the register"))
        self.picker = PersonPicker(store, self, multi=True, visible_rows=10)
        self.picker.setObjectName("register_picker")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker, 1)
        layout.addWidget(buttons)
        self.resize(620, 460)


class TableEditor(QWidget):
    """The one table of a notice: a free table, a finance statement or a recipient list.

    :meth:`table` builds it with the core's ``*_table`` functions (UserError for bad
    input); the totals under a finance statement or a list are shown as it is typed.
    They are recomputed by the core from every row on each change of the grid (a row in or
    out, a cell typed, a side chosen), never kept as running sums, so they cannot drift from
    the lines the notice prints.
    """

    edited = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.kind = notices.NO_TABLE
        self._filling = 0  # > 0 while rows are being built: the totals wait for the whole row
        self.buttons: dict[str, QPushButton] = {}
        self.headers = QLineEdit(self)
        self.headers.setObjectName("table_headers")
        self.headers.setPlaceholderText(self.tr("Column headings, separated by commas (e.g. 姓名，金额，备注)"))
        self.opening = QLineEdit(self)
        self.opening.setObjectName("opening")
        self.opening.setPlaceholderText(self.tr("Balance brought forward in yuan (optional)"))
        self.grid = QTableWidget(0, 0, self)
        self.grid.setObjectName("table_grid")
        self.grid.setMinimumHeight(190)
        self.grid.verticalHeader().setDefaultSectionSize(26)
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.totals = QLabel(self)
        self.totals.setObjectName("table_totals")
        self.totals.setWordWrap(True)
        bar = button_bar(self, [("add_row", self.tr("Add row"), self.add_row),
                                ("remove_row", self.tr("Remove row"), self.remove_row),
                                ("from_register", self.tr("From the register…"), self.from_register)], self.buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.headers)
        layout.addWidget(self.opening)
        layout.addLayout(bar)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.totals)
        self.headers.textChanged.connect(self._headers_changed)
        self.opening.textChanged.connect(lambda _t: self._changed())
        self.grid.cellChanged.connect(lambda _r, _c: self._changed())
        # Rows come and go through the model whatever removed them (buttons, keys, load).
        model = self.grid.model()
        model.rowsInserted.connect(lambda *_: self._changed())
        model.rowsRemoved.connect(lambda *_: self._changed())
        self.set_kind(notices.NO_TABLE)

    # --- kinds and columns ----------------------------------------------------------------
    def _columns(self) -> list[str]:
        if self.kind == notices.FINANCE:
            return [self.tr("Income / expense"), self.tr("Item"), self.tr("Amount (yuan)"), self.tr("Note")]
        if self.kind == notices.RECIPIENTS:
            return [self.tr("Name"), self.tr("Group"), self.tr("ID number"), self.tr("Amount (yuan)"),
                    self.tr("Reason")]
        return [h for h in _SEPARATORS.split(self.headers.text().strip()) if h] if self.kind == notices.FREE else []

    def set_kind(self, kind: str) -> None:
        """Show the editor of ``kind`` (empty); 无 hides it."""
        self.kind = kind
        self.setVisible(kind != notices.NO_TABLE)
        self.headers.setVisible(kind == notices.FREE)
        self.opening.setVisible(kind == notices.FINANCE)
        self.buttons["from_register"].setVisible(kind == notices.RECIPIENTS)
        with self._building():
            self.grid.setRowCount(0)
            columns = self._columns()
            self.grid.setColumnCount(len(columns))
            self.grid.setHorizontalHeaderLabels(columns)
            widths = {notices.FINANCE: (110, 220, 110), notices.RECIPIENTS: (80, 100, 170, 100)}.get(kind, ())
            for column, width in enumerate(widths):
                self.grid.setColumnWidth(column, width)
            if kind != notices.NO_TABLE:
                self.add_row()

    def _headers_changed(self) -> None:
        if self.kind != notices.FREE:
            return
        columns = self._columns()
        self.grid.setColumnCount(len(columns))
        self.grid.setHorizontalHeaderLabels(columns)
        self._changed()

    # --- rows -------------------------------------------------------------------------------------
    @contextmanager
    def _building(self) -> Iterator[None]:
        """Change the grid without a recount per cell; the totals are recounted once at the end,
        also when the change failed half-way (a grid left blocked would show stale totals)."""
        self._filling += 1
        blocker = QSignalBlocker(self.grid)
        try:
            yield
        finally:
            blocker.unblock()
            self._filling -= 1
            self._changed()

    def add_row(self, cells=(), person_id: int | None = None, side: str = "") -> int:
        cells = list(cells)
        row = self.grid.rowCount()
        with self._building():
            self.grid.insertRow(row)
            for column in range(self.grid.columnCount()):
                if self.kind == notices.FINANCE and column == 0:
                    combo = QComboBox(self.grid)
                    combo.addItems(["", notices.INCOME, notices.EXPENSE])
                    combo.setCurrentText(side)
                    combo.currentTextChanged.connect(lambda _t: self._changed())
                    self.grid.setCellWidget(row, 0, combo)
                    continue
                text = cells[column] if column < len(cells) else ""
                item = QTableWidgetItem("" if text is None else str(text))
                if person_id is not None and column < 3:
                    # Name, 组 and ID number come from the register.
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    item.setData(Qt.ItemDataRole.UserRole, person_id)
                self.grid.setItem(row, column, item)
        return row

    def remove_row(self) -> None:
        rows = sorted({i.row() for i in self.grid.selectedIndexes()} or {self.grid.currentRow()}, reverse=True)
        with self._building():
            for row in rows:
                if row >= 0:
                    self.grid.removeRow(row)

    def set_cell(self, row: int, column: int, text: str) -> None:
        """Type ``text`` into a cell (the side of a finance line is chosen from its list)."""
        widget = self.grid.cellWidget(row, column)
        if isinstance(widget, QComboBox):
            widget.setCurrentText(text)
        else:
            self.grid.item(row, column).setText(text)

    def from_register(self) -> None:
        dialog = RegisterPickDialog(self.store, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        listed = {self._person_id(r) for r in range(self.grid.rowCount())}
        for person in dialog.picker.chosen():
            if person["_id"] in listed:
                continue
            empty = next((r for r in range(self.grid.rowCount()) if not any(self._cells(r))), None)
            if empty is not None:
                self.grid.removeRow(empty)
            self.add_row([person["name"], person["group_name"], public_id(person["id_number"])], person["_id"])

    def _text(self, row: int, column: int) -> str:
        widget = self.grid.cellWidget(row, column)
        if isinstance(widget, QComboBox):
            return widget.currentText()
        item = self.grid.item(row, column)
        return item.text().strip() if item is not None else ""

    def _cells(self, row: int) -> list[str]:
        return [self._text(row, c) for c in range(self.grid.columnCount())]

    def _person_id(self, row: int) -> int | None:
        item = self.grid.item(row, 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    # --- the table as the core builds it ---------------------------------------------------------
    def table(self) -> notices.NoticeTable | None:
        rows = range(self.grid.rowCount())
        if self.kind == notices.FREE:
            return notices.free_table(self._columns(), [self._cells(r) for r in rows])
        if self.kind == notices.FINANCE:
            lines = []
            for r in rows:
                side, *rest = self._cells(r)
                # A line with nothing typed but its side is an empty line.
                lines.append([side if any(rest) else "", *rest])
            return notices.finance_statement(lines, opening=self.opening.text())
        if self.kind == notices.RECIPIENTS:
            result = []
            for r in rows:
                name, group, number, amount, reason = self._cells(r)
                person_id = self._person_id(r)
                typed = {"name": name, "group_name": group, "id_number": number}
                result.append({**({"person_id": person_id} if person_id else typed),
                               "amount": amount, "reason": reason})
            return notices.recipient_list(self.store, result)
        return None

    def load(self, table: notices.NoticeTable | None) -> None:
        """Show a stored table (its kind chosen first)."""
        if table is None:
            return
        if isinstance(table, notices.FreeTable):
            self.headers.setText("，".join(table.headers))
        self.set_kind(table.kind)
        with self._building():
            self.grid.setRowCount(0)
            if isinstance(table, notices.FreeTable):
                for row in table.rows:
                    self.add_row(row)
            elif isinstance(table, notices.FinanceStatement):
                self.opening.setText(money.yuan(table.opening_fen, grouped=False))
                for line in table.lines:
                    self.add_row(["", line.item, money.yuan(line.amount_fen, grouped=False), line.note], side=line.side)
            else:
                for r in table.recipients:
                    number = public_id(r.id_number) if r.person_id else r.id_number
                    self.add_row([r.name, r.group_name, number, money.yuan(r.amount_fen, grouped=False), r.reason],
                                 r.person_id)

    def _changed(self) -> None:
        """The totals as typed so far, or what is wrong with the input."""
        if self._filling:
            return
        self.grid.setStyleSheet("")
        text, style = "", ""
        if self.kind in (notices.FINANCE, notices.RECIPIENTS):
            try:
                table = self.table()
            except UserError as err:
                text, style = str(err), ERROR_STYLE
            else:
                if isinstance(table, notices.FinanceStatement):
                    text = "　".join(f"{label}：{money.yuan(fen)} 元" for label, fen in table.summary())
                else:
                    text = fmt(self.tr("%1 person(s), total %2 yuan"), len(table.recipients), money.yuan(table.total_fen))
        self.totals.setText(text)
        self.totals.setStyleSheet(style)
        self.edited.emit()


# --- the notice editor ------------------------------------------------------------------------

class NoticeDialog(WidgetFieldsDialog):
    """A new draft, or a draft changed (``notice_id``): its text, its table, full ID numbers."""

    form_file = "notice_form.ui"
    fields = ("category", "title", "issuer", "issued_on", "table_kind", "table_title", "approved_by")
    widget_fields = ("body", "table", "opening")

    def __init__(self, store: Store, notice_id: int | None = None, parent: QWidget | None = None,
                 template: dict | None = None):
        """``template``: a new draft started from core.notices.templates.draft_values."""
        super().__init__(store, parent)
        self.notice_id = notice_id
        self.body: QPlainTextEdit = self.field("body")
        self.body.setMinimumHeight(110)
        self.editor = TableEditor(store, self.form)
        self.editor.setObjectName("table_editor")
        self.form.findChild(QVBoxLayout, "table_box_layout").addWidget(self.editor)
        self.full_numbers: QCheckBox = self.form.findChild(QCheckBox, "full_numbers")
        self.fill_combo("category", notices.CATEGORIES)
        self.fill_combo("table_kind", notices.TABLE_KINDS, blank=False)
        notice = notices.get_notice(store, notice_id) if notice_id else None
        if notice is not None:
            self.setWindowTitle(fmt(self.tr("Edit notice %1"), notice["code"]))
            self.set_values(notice)
            self.body.setPlainText(notice["body"])
            self.editor.load(notices.notice_table(store, notice_id))
            self.full_numbers.setChecked(bool(notice["full_numbers"]))
            self.field("approved_by").setText(notice["full_numbers_by"] or "")
        elif template is not None:
            self.setWindowTitle(self.tr("New notice from a template"))
            self.set_values(template)
            self.body.setPlainText(template["body"])
            self.editor.headers.setText("，".join(template["headers"]))
            self.editor.set_kind(template["table_kind"])
        else:
            self.setWindowTitle(self.tr("New notice"))
            self.set_values({"issued_on": clock.today().isoformat(), "table_kind": notices.NO_TABLE})
        self.field("approved_by").setEnabled(self.full_numbers.isChecked())
        self.field("table_kind").currentTextChanged.connect(self._kind_changed)
        self.field("category").currentTextChanged.connect(self._category_changed)
        self.full_numbers.toggled.connect(self._full_numbers_toggled)
        self.body.textChanged.connect(lambda: self._unmark(self.body))
        self.editor.edited.connect(lambda: self._unmark(self.editor.grid))
        self.editor.opening.textChanged.connect(lambda _t: self._unmark(self.editor.opening))
        self._category_changed(self.field("category").currentText())
        self.setMinimumWidth(760)
        self.field("title").setFocus()

    def field_widget(self, name: str) -> QWidget:
        return {"table": self.editor.grid, "opening": self.editor.opening}.get(name) or self.field(name)

    def _kind_changed(self, kind: str) -> None:
        self.editor.set_kind(kind)

    def _category_changed(self, category: str) -> None:
        issuer: QLineEdit = self.field("issuer")
        issuer.setPlaceholderText(notices.default_issuer(self.store, category) if category else "")

    def _full_numbers_toggled(self, on: bool) -> None:
        if on:
            answer = QMessageBox.question(
                self, self.tr("Full ID numbers"),
                self.tr("ID numbers are masked on public notices (first 6 and last 4 digits). Print them in full "
                        "on this notice? The choice is recorded with the name of who approved it."))
            if answer != QMessageBox.StandardButton.Yes:
                self.full_numbers.blockSignals(True)
                self.full_numbers.setChecked(False)
                self.full_numbers.blockSignals(False)
                on = False
        self.field("approved_by").setEnabled(on)
        if on:
            self.field("approved_by").setFocus()

    def save(self, values: dict[str, str]) -> dict:
        table = self.editor.table()
        text = {k: values[k] for k in ("category", "title", "issuer", "issued_on", "table_title")}
        with self.store.atomic():
            if self.notice_id is None:
                notice = notices.create_notice(self.store, body=self.body.toPlainText(), table=table, **text)
            else:
                notice = notices.update_notice(self.store, self.notice_id, body=self.body.toPlainText(),
                                               table=table, **text)
            if self.full_numbers.isChecked():
                if not notice["full_numbers"] or notice["full_numbers_by"] != values["approved_by"].strip():
                    notice = notices.allow_full_numbers(self.store, notice["id"], approved_by=values["approved_by"])
            elif notice["full_numbers"]:
                notice = notices.withdraw_full_numbers(self.store, notice["id"])
        return notice


# --- lifecycle --------------------------------------------------------------------------------

class _NoticeForm(WidgetFieldsDialog):
    def explain(self, text: str) -> None:
        self.form.findChild(QLabel, "explanation").setText(text)

    def text_field(self, name: str) -> QPlainTextEdit:
        edit: QPlainTextEdit = self.field(name)
        edit.textChanged.connect(lambda: self._unmark(edit))
        return edit


class ReviewDialog(_NoticeForm):
    """审核 by a member of the 村务监督委员会 serving that day."""

    form_file = "notice_review_form.ui"
    fields = ("reviewer", "reviewed_on")

    def __init__(self, store: Store, notice: dict, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.notice_id = notice["id"]
        self.setWindowTitle(fmt(self.tr("Review %1"), notice["code"]))
        members = notices.reviewers(store)
        self.explain(fmt(self.tr("%1 is checked by a member of the village supervision committee, who is named on "
                             "the notice."), describe(notice)) +
                     ("" if members else "\n" + self.tr("Nobody serves on the supervision committee today: "
                                                        "record its members under Committee first.")))
        combo: QComboBox = self.field("reviewer")
        combo.clear()
        for member in members:
            combo.addItem(f"{member['name']}（{member['role']}）", member["person_id"])
        self.set_values({"reviewed_on": clock.today().isoformat()})
        # With accounts the member signs with their own password; who drafted or edited it is not offered.
        self.signature = add_signature(self, Action.REVIEW_NOTICE, replacing=("reviewer",),
                                       exclude=signatures.logins_named(store, notices.authors(store, notice)))

    def save(self, values: dict[str, str]) -> dict:
        if self.signature is not None:
            return notices.review_notice(self.store, self.notice_id, reviewer=signed_by(self.signature),
                                         day=values["reviewed_on"])
        return notices.review_notice(self.store, self.notice_id, reviewer_id=self.field("reviewer").currentData(),
                                     day=values["reviewed_on"])


class PostDialog(_NoticeForm):
    """张贴: the first day and the period in days or working days; the last day shown as it is typed."""

    form_file = "notice_post_form.ui"
    fields = ("posted_on", "days")

    def __init__(self, store: Store, notice: dict, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.notice_id = notice["id"]
        self.setWindowTitle(fmt(self.tr("Post %1"), notice["code"]))
        self.explain(fmt(self.tr("%1 goes up on the board. Objections may be raised until the last day of the "
                             "posting period."), describe(notice)))
        self.working: QCheckBox = self.form.findChild(QCheckBox, "working_days")
        self.end_label: QLabel = self.form.findChild(QLabel, "posting_end_hint")
        # A year without the State Council's holidays is said here, where the period is set (docs/DOMAIN.md §4.7).
        self.calendar_warning: QLabel = self.form.findChild(QLabel, "calendar_warning")
        self.load_button: QPushButton = self.form.findChild(QPushButton, "load_calendar")
        self.load_button.clicked.connect(self.load_calendar)
        self.work = posting.work_calendar(store)
        self.set_values({"posted_on": clock.today().isoformat(), "days": str(posting.DEFAULT_DAYS)})
        for name in self.fields:
            self.field(name).textChanged.connect(lambda _t: self.show_end())
        self.working.toggled.connect(lambda _on: self.show_end())
        self.show_end()

    def show_end(self) -> None:
        start = parse_date(self.field("posted_on").text())
        days = self.field("days").text().strip()
        warning = None
        if start is None or not days.isdigit() or not 1 <= int(days) <= posting.MAX_DAYS:
            self.end_label.setText(self.tr("(give the first day and the number of days)"))
        else:
            working = self.working.isChecked()
            end = posting.posting_end(start, int(days), working, self.work)
            self.end_label.setText(f"{notices.long_date(end)}（{notices.long_date(start)}起，"
                                   f"{posting.period_label(int(days), working)}）")
            warning = workdays.coverage_warning(self.work, start, end) if working else None
        self.calendar_warning.setText(warning or "")
        self.calendar_warning.setVisible(warning is not None)
        self.load_button.setVisible(warning is not None)

    def load_calendar(self) -> None:
        if load_calendar(self, self.store):
            self.work = posting.work_calendar(self.store)
            self.show_end()

    def save(self, values: dict[str, str]) -> dict:
        return notices.post_notice(self.store, self.notice_id, start=values["posted_on"], days=values["days"],
                                   working_days=self.working.isChecked())


class ObjectionDialog(_NoticeForm):
    form_file = "notice_objection_form.ui"
    fields = ("received_on", "raised_by")
    widget_fields = ("content",)

    def __init__(self, store: Store, notice: dict, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.notice_id = notice["id"]
        self.setWindowTitle(fmt(self.tr("Objection to %1"), notice["code"]))
        self.explain(fmt(self.tr("%1, posted %2 to %3. The objection is answered within %4 days."), describe(notice), notice["posted_on"] or "", notice["posting_end"] or "", notices.REPLY_DAYS))
        self.content = self.text_field("content")
        self.set_values({"received_on": clock.today().isoformat()})

    def save(self, values: dict[str, str]) -> dict:
        return notices.add_objection(self.store, self.notice_id, raised_by=values["raised_by"],
                                     content=self.content.toPlainText(), received_on=values["received_on"])


class ReplyDialog(_NoticeForm):
    form_file = "notice_reply_form.ui"
    fields = ("replied_by", "replied_on")
    widget_fields = ("reply",)

    def __init__(self, store: Store, objection: dict, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.objection_id = objection["id"]
        self.setWindowTitle(fmt(self.tr("Reply to the objection to %1"), objection["notice_code"]))
        self.explain(f"{objection['received_on']} {objection['raised_by']}：{objection['content']}")
        self.reply = self.text_field("reply")
        self.set_values({"replied_on": clock.today().isoformat()})
        hide_typed_names(self, "replied_by")  # with accounts, the account at the desk replied

    def save(self, values: dict[str, str]) -> dict:
        return notices.reply_objection(self.store, self.objection_id, reply=self.reply.toPlainText(),
                                       replied_by=values["replied_by"], replied_on=values["replied_on"])


class ItemDialog(_NoticeForm):
    """An item of the disclosure calendar (公开目录), new or changed."""

    form_file = "notice_item_form.ui"
    fields = ("name", "category", "frequency", "due_day", "note")

    def __init__(self, store: Store, item: dict | None = None, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.item_id = item["id"] if item else None
        self.fill_combo("category", notices.CATEGORIES)
        self.fill_combo("frequency", notices.FREQUENCIES)
        self.field("due_day").setPlaceholderText(self.tr("day of the period's first month, e.g. 20 (optional)"))
        if item is not None:
            self.setWindowTitle(self.tr("Edit calendar item"))
            self.set_values(item)
        else:
            self.setWindowTitle(self.tr("New calendar item"))

    def save(self, values: dict[str, str]) -> dict:
        return disclosure.save_item(self.store, item_id=self.item_id, **values)


class SourceDialog(_NoticeForm):
    """One choice (a points period, a 四议两公开 matter) and the draft ``action(choice)`` makes of it."""

    form_file = "notice_source_form.ui"
    fields = ("source",)

    def __init__(self, store: Store, title: str, explanation: str, choices: list[tuple[str, object]],
                 action: Callable[[object], dict], parent: QWidget | None = None):
        super().__init__(store, parent)
        self.setWindowTitle(title)
        self.explain(explanation)
        combo: QComboBox = self.field("source")
        combo.clear()
        for text, data in choices:
            combo.addItem(text, data)
        self._action = action

    def save(self, values: dict[str, str]) -> dict:
        chosen = self.field("source").currentData()
        if chosen is None:
            raise UserError("请先选择。", field="source")
        return self._action(chosen)


__all__ = ["ItemDialog", "NoticeDialog", "ObjectionDialog", "PostDialog", "RegisterPickDialog",
           "ReplyDialog", "ReviewDialog", "SourceDialog", "TableEditor", "describe"]
