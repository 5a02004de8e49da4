"""Dialogs of the committee page: terms, posts, training, appraisal, the roster print choice.

Each is a :class:`~villagedesk.ui.kit.dialogs.FormDialog` over a form in ``forms/``;
core.committee checks the input and its UserError is shown in the dialog, which
stays open with nothing written.  Fields that are neither a line edit nor a combo
box (the person picker, the attendee list) are ``widget_fields``: this module marks
them itself.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QListView, QPushButton, QRadioButton, QVBoxLayout, QWidget

from villagedesk import clock
from villagedesk.core.committee import roster as committee
from villagedesk.core.common import records
from villagedesk.core.common.dates import parse_date
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import WidgetFieldsDialog
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.open_password import OpenPasswordBox
from villagedesk.ui.kit.person_picker import PersonPicker
from villagedesk.ui.kit.table_model import ListTableModel


def term_label(term: dict) -> str:
    """第 11 届（2021-03-01 至 2026-02-28）: data, written as a clerk writes it."""
    return f"第 {term['number']} 届（{term['start_date']} 至 {term['end_date']}）"


class _CommitteeForm(WidgetFieldsDialog):
    """The committee dialogs' shared term chooser."""

    def _fill_terms(self, combo: QComboBox, selected: int | None) -> None:
        combo.clear()
        for term in committee.terms(self.store):
            combo.addItem(term_label(term), term["id"])
        index = combo.findData(selected) if selected is not None else -1
        combo.setCurrentIndex(index if index >= 0 else (0 if combo.count() else -1))


class TermDialog(_CommitteeForm):
    form_file = "term_form.ui"
    fields = ("number", "election_date", "start_date", "end_date")

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        number = committee.next_term_number(store)
        if number:
            self.set_values({"number": number})
        self.hint: QLabel = self.form.findChild(QLabel, "end_date_hint")
        self.field("start_date").textChanged.connect(self._explain_end)
        self.field("end_date").textChanged.connect(self._explain_end)
        self._explain_end()

    def _explain_end(self, *_args) -> None:
        """Say when the term ends while the end date is left empty."""
        start = parse_date(self.field("start_date").text())
        if self.field("end_date").text().strip() or start is None:
            self.hint.setText("")
        else:
            self.hint.setText(fmt(self.tr("Left empty, the term ends on %1, five years after it starts."), committee.default_end(start).isoformat()))

    def save(self, values: dict[str, str]) -> dict:
        return committee.save_term(self.store, **values)


class PostDialog(_CommitteeForm):
    form_file = "post_form.ui"
    fields = ("body", "role", "term", "start_date", "note")
    widget_fields = ("person",)

    def __init__(self, store: Store, term_id: int | None = None, person_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(store, parent)
        box = self.form.findChild(QWidget, "person_box")
        self.picker = PersonPicker(store, box)
        self.picker.setObjectName("person")
        box.findChild(QVBoxLayout, "person_box_layout").addWidget(self.picker)
        self.picker.chosenChanged.connect(lambda: self._unmark(self.picker))
        if person_id is not None:
            self.picker.person_id = person_id

        self.fill_combo("body", committee.BODIES)
        self.field("body").currentTextChanged.connect(self._body_changed)
        self._body_changed("")
        term_combo: QComboBox = self.field("term")
        self._fill_terms(term_combo, term_id)
        term_combo.currentIndexChanged.connect(self._term_changed)
        self._term_changed()
        self.picker.search.setFocus()

    def _body_changed(self, body: str) -> None:
        """The roles offered follow the body: 书记 only in the party organisation."""
        combo: QComboBox = self.field("role")
        role = combo.currentText()
        self.fill_combo("role", committee.ROLES.get(body, ()))
        combo.setCurrentIndex(max(0, combo.findText(role)))

    def _term_changed(self, *_args) -> None:
        """Start today when the term is under way, else on the term's first day."""
        term_id = self.field("term").currentData()
        term = records.get(self.store, "terms", term_id) if term_id else None
        if term is None:
            return
        today = clock.today().isoformat()
        start = today if term["start_date"] <= today <= term["end_date"] else term["start_date"]
        self.field("start_date").setText(start)

    def save(self, values: dict[str, str]) -> dict:
        return committee.start_post(
            self.store, person_id=self.picker.person_id, body=values["body"], role=values["role"],
            term_id=self.field("term").currentData(), start_date=values["start_date"], note=values["note"])


class EndPostDialog(_CommitteeForm):
    form_file = "end_post_form.ui"
    fields = ("end_date", "reason")

    def __init__(self, store: Store, post_id: int, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.post_id = post_id
        post = committee.get_post(store, post_id)
        self.form.findChild(QLabel, "post").setText(
            f"{post['name']}　{committee.title(post['body'], post['role'])}　"
            + fmt(self.tr("in office since %1"), post["start_date"]))
        self.fill_combo("reason", committee.END_REASONS)
        # The end date is the last day in office; by default the member left yesterday,
        # so the post shows as ended at once and a successor can start today.
        yesterday = (clock.today() - timedelta(days=1)).isoformat()
        self.set_values({"end_date": max(post["start_date"], min(yesterday, post["term_end"]))})

    def save(self, values: dict[str, str]) -> dict:
        return committee.end_post(self.store, self.post_id, end_date=values["end_date"],
                                  reason=values["reason"])


def _member_rows(store: Store, today: date | None = None) -> list[dict]:
    """Everyone who has held a post; those in office first, the others marked 已离任."""
    serving = {p["person_id"] for p in committee.serving_posts(store, today)}
    rows = [{**m, "serving": m["id"] in serving} for m in committee.members(store)]
    rows.sort(key=lambda m: not m["serving"])
    return rows


class TrainingDialog(_CommitteeForm):
    form_file = "training_form.ui"
    fields = ("date", "topic", "hours", "organiser")
    widget_fields = ("attendees",)
    ORGANISERS = ("乡镇党委", "县委组织部", "县民政局", "村党组织")

    def __init__(self, store: Store, attendee_ids=(), parent: QWidget | None = None):
        super().__init__(store, parent)
        self.fill_combo("organiser", self.ORGANISERS)
        self.set_values({"date": clock.today().isoformat()})
        self.members = _member_rows(store)
        for member in self.members:
            member["label"] = f"{member['name']}（{member['code']}）" + (
                "" if member["serving"] else self.tr("(left office)"))
        self.attendees = ListTableModel([("label", self.tr("Member"))], self.members, None, self,
                                        muted=lambda m: not m["serving"], checkable=True)
        self.attendees.set_checked(attendee_ids)
        view: QListView = self.field("attendees")
        view.setModel(self.attendees)
        self.attendees.checkedChanged.connect(lambda: self._unmark(view))
        self.form.findChild(QPushButton, "all_serving").clicked.connect(
            lambda: self.attendees.set_checked([m["id"] for m in self.members if m["serving"]]))
        self.field("topic").setFocus()

    def save(self, values: dict[str, str]) -> dict:
        return committee.add_training(
            self.store, day=values["date"], topic=values["topic"], hours=values["hours"],
            organiser=values["organiser"], attendee_ids=self.attendees.checked_ids())


class AppraisalDialog(_CommitteeForm):
    form_file = "appraisal_form.ui"
    fields = ("person", "year", "result")

    def __init__(self, store: Store, person_id: int | None = None, parent: QWidget | None = None):
        super().__init__(store, parent)
        combo: QComboBox = self.field("person")
        for member in _member_rows(store):
            combo.addItem(f"{member['name']}（{member['code']}）", member["id"])
        combo.setCurrentIndex(combo.findData(person_id) if person_id is not None else -1)
        self.fill_combo("result", committee.APPRAISALS)
        # The appraisal of a year is made when it is over.
        self.set_values({"year": clock.today().year - 1})
        self.hint: QLabel = self.form.findChild(QLabel, "year_hint")
        combo.currentIndexChanged.connect(self._show_existing)
        self.field("year").textChanged.connect(self._show_existing)
        self._show_existing()

    def _show_existing(self, *_args) -> None:
        """A member has one result a year: say so when saving would replace it."""
        person_id = self.field("person").currentData()
        year = self.field("year").text().strip()
        existing = committee.appraisal(self.store, person_id, year) if person_id and year.isdigit() else None
        self.hint.setText(fmt(self.tr("Already recorded for this year: %1. Saving replaces it."), existing["result"]) if existing else "")

    def save(self, values: dict[str, str]) -> dict:
        return committee.set_appraisal(self.store, person_id=self.field("person").currentData(),
                                       year=values["year"], result=values["result"])


class RosterDialog(_CommitteeForm):
    """Which roster to print: who (in office today, or a term), public or internal, and for the
    internal one (full ID numbers) an opening password if the clerk wants one (ui/kit/open_password.py)."""

    form_file = "roster_form.ui"
    fields = ("term",)

    def __init__(self, store: Store, term_id: int | None = None, parent: QWidget | None = None):
        super().__init__(store, parent)
        combo: QComboBox = self.field("term")
        combo.addItem(self.tr("Everyone in office today"), None)
        for term in committee.terms(store):
            combo.addItem(fmt(self.tr("Everyone who served in %1"), term_label(term)), term["number"])
        number = committee.term_number(store, term_id) if term_id else None
        combo.setCurrentIndex(max(0, combo.findData(number)) if number is not None else 0)
        self.open_password = OpenPasswordBox(self.form)
        self.form.layout().addRow(self.open_password)
        internal: QRadioButton = self.form.findChild(QRadioButton, "internal")
        internal.toggled.connect(self.open_password.set_available)
        self.open_password.set_available(internal.isChecked())

    def save(self, values: dict[str, str]) -> dict[str, Any]:
        internal = self.form.findChild(QRadioButton, "internal").isChecked()
        return {"term_number": self.field("term").currentData(), "internal": internal,
                "password": self.open_password.password()}
