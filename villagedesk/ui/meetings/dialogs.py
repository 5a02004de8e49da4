"""The meetings area's small dialogs: agenda items, resolutions, amendments, 四议两公开.

Each is a form over core.meetings (or core.matters for 四议两公开): its UserError
is shown under the form and nothing is written.  The minutes editor that opens
the first three is :class:`~villagedesk.ui.meetings.editor.MeetingDialog`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QPlainTextEdit, QWidget

from villagedesk import clock
from villagedesk.core.common.village import get_profile
from villagedesk.core.meetings import lists as meeting_lists
from villagedesk.core.meetings import matters
from villagedesk.core.meetings import minutes as meetings
from villagedesk.core.meetings.lists import meeting_label
from villagedesk.core.meetings.votes import Votes, judge
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import INVALID_STYLE, WidgetFieldsDialog
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.sign_dialog import hide_typed_names

GREEN, RED, GREY = QColor("#1e7e34"), QColor("#c0392b"), QColor(Qt.GlobalColor.gray)


# --- agenda items, resolutions, amendments --------------------------------------------------

class MeetingFormDialog(WidgetFieldsDialog):
    """A form whose multi-line fields (QPlainTextEdit) are widget_fields, unmarked as they are typed in."""

    def _plain(self, name: str) -> QPlainTextEdit:
        widget: QPlainTextEdit = self.field(name)
        widget.textChanged.connect(lambda: self._unmark(widget))
        return widget

    def hide_row(self, name: str) -> None:
        layout: QFormLayout = self.form.layout()
        layout.setRowVisible(self.field(name), False)


class AgendaDialog(MeetingFormDialog):
    form_file = "meeting_agenda_form.ui"
    fields = ("topic",)
    widget_fields = ("discussion",)

    def __init__(self, store: Store, meeting_id: int, item: dict | None = None, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.meeting_id = meeting_id
        self.item_id = item["id"] if item else None
        self.discussion = self._plain("discussion")
        self.setMinimumWidth(560)
        if item is not None:
            self.setWindowTitle(fmt(self.tr("Agenda item %1"), item["seq"]))
            self.set_values(item)
            self.discussion.setPlainText(item["discussion"])
        else:
            self.setWindowTitle(self.tr("New agenda item"))

    def save(self, values: dict[str, str]) -> dict:
        return meetings.save_agenda_item(self.store, self.meeting_id, topic=values["topic"],
                                         discussion=self.discussion.toPlainText(), item_id=self.item_id)


class ResolutionDialog(MeetingFormDialog):
    """A resolution, and its votes judged as they are typed: quorum and majority by core.meeting_rules."""

    form_file = "meeting_resolution_form.ui"
    fields = ("agenda", "votes_for", "votes_against", "votes_abstain")
    widget_fields = ("text", "votes")

    def __init__(self, store: Store, meeting_id: int, resolution: dict | None = None,
                 parent: QWidget | None = None):
        super().__init__(store, parent)
        self.meeting_id = meeting_id
        self.resolution_id = resolution["id"] if resolution else None
        self.meeting = meetings.get_meeting(store, meeting_id)
        self.attendance = meetings.attendance(store, meeting_id)
        self.text = self._plain("text")
        self.voted: QCheckBox = self.field("voted")
        self.verdict: QLabel = self.form.findChild(QLabel, "verdict")
        self.setMinimumWidth(560)
        agenda: QComboBox = self.field("agenda")
        agenda.addItem(self.tr("(none)"), None)
        for item in meeting_lists.agenda_items(store, meeting_id):
            agenda.addItem(f"{item['seq']}. {item['topic']}", item["id"])
        if resolution is not None:
            self.setWindowTitle(fmt(self.tr("Resolution %1"), resolution["seq"]))
            self.text.setPlainText(resolution["text"])
            agenda.setCurrentIndex(max(0, agenda.findData(resolution["agenda_id"])))
            self.voted.setChecked(bool(resolution["voted"]))
            if resolution["voted"]:
                self.set_values({"votes_for": resolution["votes_for"], "votes_against": resolution["votes_against"],
                                 "votes_abstain": resolution["votes_abstain"]})
        else:
            self.setWindowTitle(self.tr("New resolution"))
        self._reserve_message_lines()
        self.voted.toggled.connect(self._show_verdict)
        for name in ("votes_for", "votes_against", "votes_abstain"):
            self.field(name).textChanged.connect(self._show_verdict)
        self._show_verdict()
        self.text.setFocus()

    def _reserve_message_lines(self) -> None:
        """The verdict and the error line keep their room whether they say something or not, so the
        fields above them do not move as the clerk types (the longest verdict runs to four lines)."""
        lines = self.verdict.fontMetrics().lineSpacing()
        # The resolution's text keeps its height: spare room goes below the verdict, not above the votes.
        self.text.setFixedHeight(max(self.text.minimumHeight(), 5 * self.text.fontMetrics().lineSpacing() + 12))
        self.verdict.setMinimumHeight(4 * lines + 4)
        for name in ("votes_for", "votes_against", "votes_abstain"):
            # A red frame (INVALID_STYLE) changes a line edit's own height: keep the one it has now.
            self.field(name).setFixedHeight(self.field(name).sizeHint().height())
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.error_label.setMinimumHeight(2 * lines + 2)
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        policy = self.error_label.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.error_label.setSizePolicy(policy)

    def votes(self) -> tuple[str, str, str] | None:
        if not self.voted.isChecked():
            return None
        return tuple(self.field(n).text() for n in ("votes_for", "votes_against", "votes_abstain"))

    def _show_verdict(self, *_args) -> None:
        """What core will say of these votes, live: quorum met? carried?"""
        for name in ("votes_for", "votes_against", "votes_abstain"):
            self.field(name).setEnabled(self.voted.isChecked())
        votes = self.votes()
        counted = None
        if votes is not None and not any(v.strip() for v in votes):
            self.verdict.setStyleSheet("")
            self.verdict.setText(fmt(self.tr("%1 present: enter the votes for, against and abstaining."), self.attendance.present))
            return
        if votes is not None:
            try:
                counted = Votes(*(int(v.strip() or 0) for v in votes))
            except ValueError:
                self.verdict.setStyleSheet(f"color: {RED.name()};")
                self.verdict.setText(self.tr("Votes are whole numbers."))
                return
        verdict = judge(self.meeting["kind"], self.attendance, counted)
        marked = INVALID_STYLE if verdict.impossible else ""
        for name in ("votes_for", "votes_against", "votes_abstain"):
            self.field(name).setStyleSheet(marked)
        if verdict.impossible:
            # Numbers that cannot be get no 通过 / 未通过 beside them: only what to check.
            self.verdict.setStyleSheet(f"color: {RED.name()};")
            self.verdict.setText(verdict.vote_text)
            return
        colour = GREY if verdict.passed is None else GREEN if verdict.passed else RED
        self.verdict.setStyleSheet(f"color: {colour.name()};")
        self.verdict.setText(verdict.text)

    def show_error(self, err: UserError) -> None:
        if err.field == "votes":
            # The votes' own line says it, in place of the verdict: one message, in one place.
            self.verdict.setStyleSheet(f"color: {RED.name()};")
            self.verdict.setText(str(err))
            for name in ("votes_for", "votes_against", "votes_abstain"):
                self.field(name).setStyleSheet(INVALID_STYLE)
            self.field("votes_for").setFocus()
            return
        super().show_error(err)

    def save(self, values: dict[str, str]) -> dict:
        return meetings.save_resolution(self.store, self.meeting_id, text=self.text.toPlainText(),
                                        votes=self.votes(), agenda_id=self.field("agenda").currentData(),
                                        resolution_id=self.resolution_id)


class AmendmentDialog(MeetingFormDialog):
    form_file = "meeting_amendment_form.ui"
    fields = ("day", "author", "reason")
    widget_fields = ("text",)

    def __init__(self, store: Store, meeting_id: int, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.meeting_id = meeting_id
        meeting = meetings.get_meeting(store, meeting_id)
        self.text = self._plain("text")
        self.setMinimumWidth(520)
        profile = get_profile(store)
        names = [n for n in (profile.clerk if profile else "", meeting["recorder_name"], meeting["chair_name"]) if n]
        names = list(dict.fromkeys(names))
        self.fill_combo("author", names, blank=False)
        self.set_values({"day": clock.today().isoformat(), "author": names[0] if names else ""})
        hide_typed_names(self, "author")  # with accounts, the account at the desk wrote it
        self.form.findChild(QLabel, "explanation").setText(
            fmt(self.tr("The minutes of %1 are final and stay as they are. The amendment is appended to them, "
                    "with its date, who made it and why, and printed with them."), meeting["code"]))
        self.field("reason").setFocus()

    def save(self, values: dict[str, str]) -> dict:
        return meetings.amend_meeting(self.store, self.meeting_id, author=values["author"], reason=values["reason"],
                                      text=self.text.toPlainText(), day=values["day"])


# --- 四议两公开 -------------------------------------------------------------------------------

class MatterDialog(MeetingFormDialog):
    form_file = "meeting_matter_form.ui"
    fields = ("title", "description")

    def __init__(self, store: Store, matter: dict | None = None, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.matter_id = matter["id"] if matter else None
        self.setMinimumWidth(520)
        if matter is not None:
            self.setWindowTitle(self.tr("Edit major matter"))
            self.set_values(matter)
        else:
            self.setWindowTitle(self.tr("New major matter (四议两公开)"))

    def save(self, values: dict[str, str]) -> dict:
        if self.matter_id is None:
            return matters.create_matter(self.store, **values)
        return matters.update_matter(self.store, self.matter_id, **values)


class LinkStageDialog(MeetingFormDialog):
    """Which finalised meeting held a stage: the next stage by default, its kinds of meeting offered."""

    form_file = "meeting_link_form.ui"
    fields = ("stage", "meeting")

    def __init__(self, store: Store, matter_id: int, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.matter_id = matter_id
        self.setMinimumWidth(560)
        progress = matters.progress(store, matter_id)
        self.form.findChild(QLabel, "explanation").setText(
            fmt(self.tr("%1: the four stages are held in order, each at finalised minutes of its kind of meeting."), progress.matter["title"]))
        stage_combo: QComboBox = self.field("stage")
        for state in progress.stages:
            stage_combo.addItem(f"{state.stage.number}. {state.stage.name}", state.stage.number)
        pending = next((s.stage.number for s in progress.stages if s.state != matters.DONE), None)
        stage_combo.setCurrentIndex(max(0, stage_combo.findData(pending)))
        self.hint: QLabel = self.form.findChild(QLabel, "meeting_hint")
        stage_combo.currentIndexChanged.connect(lambda _i: self._fill_meetings())
        self._fill_meetings()

    def stage(self) -> matters.Stage:
        return matters.STAGES[self.field("stage").currentData() - 1]

    def _fill_meetings(self) -> None:
        stage = self.stage()
        combo: QComboBox = self.field("meeting")
        combo.clear()
        for meeting in meeting_lists.final_meetings_of(self.store, stage.kinds):
            combo.addItem(meeting_label(meeting), meeting["id"])
        self.hint.setText(fmt(self.tr("Finalised minutes of a %1 are offered, newest first."), "、".join(stage.kinds)) if combo.count() else
                          fmt(self.tr("No finalised minutes of a %1 yet: record and finalise that meeting first."), "、".join(stage.kinds)))

    def save(self, values: dict[str, str]) -> dict:
        return matters.link_stage(self.store, self.matter_id, self.stage().number, self.field("meeting").currentData())


class PostingDialog(MeetingFormDialog):
    """决议公开 (a date) or 实施结果公开 (the result and a date)."""

    form_file = "meeting_posting_form.ui"
    fields = ("day", "result")

    def __init__(self, store: Store, matter_id: int, result: bool, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.matter_id = matter_id
        self.result = result
        matter = matters.progress(store, matter_id).matter
        self.setMinimumWidth(520)
        self.set_values({"day": clock.today().isoformat()})
        explanation = self.form.findChild(QLabel, "explanation")
        if result:
            self.setWindowTitle(self.tr("Post the result"))
            explanation.setText(fmt(self.tr("%1: post how the decision was carried out (实施结果公开)."), matter["title"]))
            self.field("result").setFocus()
        else:
            self.setWindowTitle(self.tr("Post the resolution"))
            explanation.setText(fmt(self.tr("%1: the villagers' decision is posted publicly (决议公开)."), matter["title"]))
            self.hide_row("result")

    def save(self, values: dict[str, str]) -> dict:
        if self.result:
            return matters.post_result(self.store, self.matter_id, result=values["result"], day=values["day"])
        return matters.post_resolution(self.store, self.matter_id, day=values["day"])


__all__ = ["AgendaDialog", "AmendmentDialog", "LinkStageDialog", "MatterDialog", "MeetingFormDialog",
           "PostingDialog", "ResolutionDialog"]
