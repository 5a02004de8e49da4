"""Dialogs of the requests ledger (民情台账): intake, start, refer, close with feedback, reopen.

Each is a :class:`~villagedesk.ui.kit.dialogs.FormDialog` over a ``forms/request_*.ui``
form; core.requests checks the input and its UserError is shown in the dialog,
which stays open with nothing written.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from villagedesk import clock
from villagedesk.core.committee import roster as committee
from villagedesk.core.meetings import lists as meeting_lists
from villagedesk.core.meetings import minutes as meetings
from villagedesk.core.meetings.lists import meeting_label
from villagedesk.core.requests import ledger
from villagedesk.core.requests import lists as request_lists
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import WidgetFieldsDialog
from villagedesk.ui.kit.household_picker import group_names
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.person_picker import PersonPicker

#: Departments a village refers requests to (the clerk may type any other).
DEPARTMENTS = ("乡镇人民政府", "乡镇派出所", "乡镇司法所", "乡镇卫生院", "乡镇供电所", "乡镇自然资源所",
               "乡镇农业农村办", "乡镇民政办", "县信访局")
FEEDBACK_WAYS = ("上门告知", "电话告知", "屋场会上告知", "微信告知", "村部当面告知")
REOPEN_REASONS = ("问题没有解决", "办理结果与答复不符", "反馈不及时")
#: Meetings offered in the intake form's chooser (newest first), besides the one it was opened from.
RECENT_MEETINGS = 80


def _describe(request: dict) -> str:
    """SQ000012 王德明：杨家湾组级道路坑洼…: data, as a dialog names the request."""
    content = request["content"]
    return f"{request['code']} {request['raised_by']}：{content[:30]}{'…' if len(content) > 30 else ''}"


class _RequestForm(WidgetFieldsDialog):
    def hide_row(self, name: str, hidden: bool = True) -> None:
        widget = self.field(name)
        layout = widget.parentWidget().layout()
        if isinstance(layout, QFormLayout):
            layout.setRowVisible(widget, not hidden)

    def explain(self, text: str) -> None:
        self.form.findChild(QLabel, "explanation").setText(text)


class RequestDialog(_RequestForm):
    """Register a request (at ``meeting_id`` or directly), or correct an open one (``request_id``)."""

    form_file = "request_form.ui"
    fields = ("raised_by", "group_name", "meeting", "raised_on", "category", "handling", "department", "owner",
              "deadline", "result", "satisfaction")
    widget_fields = ("content",)

    def __init__(self, store: Store, request_id: int | None = None, *, meeting_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(store, parent)
        self.request_id = request_id
        current = ledger.get_request(store, request_id) if request_id else None
        if current is not None:
            meeting_id = current["meeting_id"]
        box = self.form.findChild(QWidget, "raised_by_box")
        self.picker = PersonPicker(store, box, visible_rows=4)
        self.picker.setObjectName("raised_by_person")
        box.findChild(QVBoxLayout, "raised_by_box_layout").addWidget(self.picker)
        self.content: QPlainTextEdit = self.field("content")
        self.content.textChanged.connect(lambda: self._unmark(self.content))
        self.hint: QLabel = self.form.findChild(QLabel, "handling_hint")

        self.fill_combo("group_name", group_names(store))
        self._fill_meetings(meeting_id)
        self.fill_combo("category", ledger.CATEGORIES)
        self.fill_combo("handling", ledger.HANDLINGS, blank=False)
        departments = request_lists.departments(store)
        self.fill_combo("department", list(dict.fromkeys([*DEPARTMENTS, *departments])))
        self._fill_owners()
        self.fill_combo("satisfaction", (ledger.SATISFIED, ledger.FAIRLY_SATISFIED))

        self.picker.chosenChanged.connect(self._person_chosen)
        self.field("raised_by").textEdited.connect(self._name_typed)
        self.field("meeting").currentIndexChanged.connect(lambda _i: self._meeting_chosen())
        self.field("handling").currentTextChanged.connect(self._handling_changed)
        self.setMinimumWidth(940)

        if current is not None:
            self.setWindowTitle(fmt(self.tr("Correct request %1"), current["code"]))
            # The person first: choosing one fills in their 组, which the request's own then replaces.
            self.picker.person_id = current["raised_by_id"]
            self.set_values(current)
            if current["raised_by_id"] is not None:
                self.field("raised_by").clear()
            self.content.setPlainText(current["content"])
            owner: QComboBox = self.field("owner")
            owner.setCurrentText(current["owner"])
            # The handling changes by referring the request, not here.
            self.field("handling").setEnabled(False)
        else:
            self.setWindowTitle(self.tr("Register a request"))
            self.set_values({"raised_on": clock.today().isoformat(), "handling": ledger.WITH_DEADLINE})
            self._meeting_chosen()
        self._handling_changed(self.field("handling").currentText())
        self.picker.search.setFocus()

    # --- choosers ---------------------------------------------------------------------------
    def _fill_meetings(self, meeting_id: int | None) -> None:
        combo: QComboBox = self.field("meeting")
        combo.clear()
        combo.addItem(self.tr("Directly (not at a meeting)"), None)
        rows = meeting_lists.meeting_choices(self.store, limit=RECENT_MEETINGS)
        if meeting_id is not None and all(r["id"] != meeting_id for r in rows):
            chosen = meetings.get_meeting(self.store, meeting_id)
            if chosen is not None:
                rows.insert(0, chosen)
        for meeting in rows:
            combo.addItem(meeting_label(meeting), meeting["id"])
        combo.setCurrentIndex(max(0, combo.findData(meeting_id)) if meeting_id is not None else 0)

    def _fill_owners(self) -> None:
        """Who usually takes requests on: the committee in office, then whoever had some before."""
        combo: QComboBox = self.field("owner")
        combo.clear()
        combo.addItem("", None)
        seen = set()
        for person_id, name in [(p["person_id"], p["name"]) for p in committee.serving_posts(self.store)] + \
                [(o["owner_id"], o["owner"]) for o in request_lists.owners(self.store)]:
            if name and name not in seen:
                seen.add(name)
                combo.addItem(name, person_id)

    def _person_chosen(self) -> None:
        self._unmark(self.field("raised_by"))
        chosen = self.picker.chosen()
        if chosen:
            self.field("raised_by").clear()
            self.field("group_name").setCurrentText(chosen[0]["group_name"])

    def _name_typed(self, text: str) -> None:
        if text.strip() and self.picker.person_id is not None:
            self.picker.clear()

    def _meeting_chosen(self) -> None:
        """A request raised at a meeting is dated on its day."""
        meeting_id = self.field("meeting").currentData()
        meeting = meetings.get_meeting(self.store, meeting_id) if meeting_id else None
        if meeting is not None and meeting["meeting_date"]:
            self.field("raised_on").setText(meeting["meeting_date"])

    def _handling_changed(self, handling: str) -> None:
        on_the_spot = handling == ledger.ON_THE_SPOT
        self.hide_row("department", handling != ledger.REFERRED)
        self.hide_row("deadline", on_the_spot)
        self.hide_row("result", not on_the_spot)
        self.hide_row("satisfaction", not on_the_spot)
        hints = {ledger.ON_THE_SPOT: self.tr("Solved at once: the request is closed with the result and the "
                                             "villager's satisfaction."),
                 ledger.WITH_DEADLINE: self.tr("Taken on with a deadline and someone in charge; it is overdue "
                                               "when still open after the deadline."),
                 ledger.REFERRED: self.tr("Referred to a department; the village follows it up and closes it "
                                          "with the feedback to the villager.")}
        self.hint.setText(hints.get(handling, ""))

    # --- saving -------------------------------------------------------------------------------
    def show_error(self, err: UserError) -> None:
        super().show_error(err)
        if err.field == "raised_by":
            self.picker.mark_invalid()

    def _owner(self) -> tuple[int | None, str]:
        combo: QComboBox = self.field("owner")
        text = combo.currentText().strip()
        index = combo.findText(text)
        return (combo.itemData(index) if index >= 0 else None), text

    def save(self, values: dict[str, str]) -> dict:
        owner_id, owner = self._owner()
        intake = {"raised_on": values["raised_on"], "raised_by_id": self.picker.person_id,
                  "raised_by": values["raised_by"], "group_name": values["group_name"],
                  "meeting_id": self.field("meeting").currentData(), "category": values["category"],
                  "content": self.content.toPlainText(), "department": values["department"], "owner_id": owner_id,
                  "owner": owner, "deadline": values["deadline"]}
        if self.request_id is not None:
            return ledger.update_request(self.store, self.request_id, **intake)
        return ledger.raise_request(self.store, handling=values["handling"], result=values["result"],
                                    satisfaction=values["satisfaction"] or None, **intake)


class StartDialog(_RequestForm):
    form_file = "request_start_form.ui"
    fields = ("day", "note")

    def __init__(self, store: Store, request: dict, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.request_id = request["id"]
        self.setWindowTitle(fmt(self.tr("Start handling %1"), request["code"]))
        self.explain(fmt(self.tr("%1 goes from “to do” to “in hand”."), _describe(request)))
        self.set_values({"day": clock.today().isoformat()})

    def save(self, values: dict[str, str]) -> dict:
        return ledger.start_request(self.store, self.request_id, day=values["day"], note=values["note"])


class ReferDialog(_RequestForm):
    form_file = "request_refer_form.ui"
    fields = ("department", "deadline", "day", "note")

    def __init__(self, store: Store, request: dict, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.request_id = request["id"]
        self.setWindowTitle(fmt(self.tr("Refer %1 to a department"), request["code"]))
        self.explain(fmt(self.tr("%1 is handed to a department; the village still gives the villager the feedback "
                             "and closes it."), _describe(request)))
        self.fill_combo("department", DEPARTMENTS)
        self.set_values({"day": clock.today().isoformat(), "deadline": request["deadline"]})
        self.field("department").setFocus()

    def save(self, values: dict[str, str]) -> dict:
        return ledger.refer_request(self.store, self.request_id, department=values["department"],
                                    deadline=values["deadline"], day=values["day"], note=values["note"])


class CloseDialog(_RequestForm):
    """办结: the result, the feedback to the villager and the villager's word; 不满意 sends it back."""

    form_file = "request_close_form.ui"
    fields = ("result", "feedback_on", "feedback_how", "satisfaction")

    def __init__(self, store: Store, request: dict, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.request_id = request["id"]
        self.setWindowTitle(fmt(self.tr("Close %1 with feedback"), request["code"]))
        self.explain(fmt(self.tr("%1: write what was done, when and how the villager was told, and whether they are "
                             "satisfied."), _describe(request)))
        self.fill_combo("feedback_how", FEEDBACK_WAYS)
        self.fill_combo("satisfaction", ledger.SATISFACTION)
        self.set_values({"result": request["result"], "feedback_on": clock.today().isoformat()})
        self.hint: QLabel = self.form.findChild(QLabel, "satisfaction_hint")
        self.field("satisfaction").currentTextChanged.connect(self._explain_satisfaction)
        self._explain_satisfaction(self.field("satisfaction").currentText())
        self.field("result").setFocus()

    def _explain_satisfaction(self, text: str) -> None:
        self.hint.setText(self.tr("Not satisfied: the request is not closed but goes back to “in hand” to be "
                                  "handled again.") if text == ledger.DISSATISFIED else "")

    def save(self, values: dict[str, str]) -> dict:
        return ledger.close_request(self.store, self.request_id, result=values["result"],
                                    feedback_on=values["feedback_on"], feedback_how=values["feedback_how"],
                                    satisfaction=values["satisfaction"])


class ReopenDialog(_RequestForm):
    form_file = "request_reopen_form.ui"
    fields = ("reason", "day")

    def __init__(self, store: Store, request: dict, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.request_id = request["id"]
        self.setWindowTitle(fmt(self.tr("Reopen %1"), request["code"]))
        self.explain(fmt(self.tr("%1 was closed on %2. The villager came back not satisfied: it goes back to "
                             "“in hand”."), _describe(request), request["closed_on"] or ""))
        self.fill_combo("reason", REOPEN_REASONS)
        self.set_values({"day": clock.today().isoformat()})

    def save(self, values: dict[str, str]) -> dict:
        return ledger.reopen_request(self.store, self.request_id, reason=values["reason"], day=values["day"])


__all__ = ["CloseDialog", "ReferDialog", "ReopenDialog", "RequestDialog", "StartDialog"]
