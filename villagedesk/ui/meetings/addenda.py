"""What the minutes editor lists beside the proceedings: the requests raised at the
meeting, and the amendments appended once the minutes are final (docs/DOMAIN.md §3.1)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QVBoxLayout

from villagedesk.core.meetings.minutes import Minutes
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.kit.tables import small_table
from villagedesk.ui.meetings.host import MinutesEditor
from villagedesk.ui.requests.dialogs import RequestDialog


class AddendaPart(QObject):
    """The requests raised tab and the amendments tab."""

    def __init__(self, editor: MinutesEditor):
        super().__init__(editor)
        self.editor = editor
        self.store = editor.store
        form = editor.form
        self.raised = ListTableModel(
            [("code", self.tr("No.")), ("raised_by", self.tr("Raised by")), ("category", self.tr("Category")),
             ("content", self.tr("Request")), ("handling", self.tr("Handling")), ("owner", self.tr("In charge")),
             ("deadline", self.tr("Deadline")), ("status", self.tr("Status"))], [], None, self)
        self.raised_view = small_table(self.raised, editor, "raised_view")
        layout = form.findChild(QVBoxLayout, "requests_layout")
        editor.button_row(layout, [("add_request", self.tr("Register a request raised here…"), self.add_request)])
        layout.addWidget(self.raised_view, 1)

        self.amendments = ListTableModel(
            [("amended_on", self.tr("Date")), ("author", self.tr("Amended by")), ("reason", self.tr("Reason")),
             ("text", self.tr("Correction"))], [], None, self)
        self.amendments_view = small_table(self.amendments, editor, "amendments_view")
        self.amendments_hint: QLabel = form.findChild(QLabel, "amendments_hint")
        form.findChild(QVBoxLayout, "amendments_layout").addWidget(self.amendments_view, 1)

    def load(self, record: Minutes) -> None:
        self.raised.set_rows(record.requests)
        self.amendments.set_rows(record.amendments)

    def set_final(self, final: bool) -> None:
        self.amendments_hint.setText(
            self.tr("Amendments appended after the minutes were finalised; they are printed with them.") if final
            else self.tr("A draft is simply corrected. Once the minutes are final, corrections are added here "
                         "with “Add amendment…”."))

    def add_request(self) -> None:
        if self.editor.ensure_saved():
            self.editor.run_form(RequestDialog(self.store, meeting_id=self.editor.meeting_id, parent=self.editor))
