"""细则: the rule catalogue (current, or every version) and the scheme."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from villagedesk import clock
from villagedesk.core.points import rules
from villagedesk.store import Store
from villagedesk.ui.kit.file_dialogs import ask_open, ask_save, remember_save_folder
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.kit.workers import run_job
from villagedesk.ui.points.dialogs import RetireDialog, RuleDialog, SchemeDialog, sentences
from villagedesk.ui.points.tab import PointsTab, signed_text


class RulesTab(PointsTab):
    """The catalogue (current, or every version) and the scheme."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.scheme_label = QLabel(self)
        self.scheme_label.setObjectName("scheme_label")
        self.scheme_label.setWordWrap(True)
        self.history = QCheckBox(self.tr("Show earlier versions and retired rules"), self)
        self.history.setObjectName("show_history")
        self.model = ListTableModel(
            [("rule_key", self.tr("Key")), ("version", self.tr("Version")), ("category", self.tr("Category")),
             ("item", self.tr("Item")), ("points", self.tr("Points")), ("unit", self.tr("Counted")),
             ("cap_per_period", self.tr("Cap per period")), ("valid_from", self.tr("In force from")),
             ("valid_to", self.tr("Until")), ("note", self.tr("Note"))],
            [], {"points": signed_text}, self, muted=lambda r: r["valid_to"] is not None)
        self.view = self._table(self.model, "rules_view")
        top = QHBoxLayout()
        top.addWidget(self.scheme_label, 1)
        top.addWidget(self._button("scheme", self.tr("Scheme settings…"), self.edit_scheme))
        bar = self._bar([("add_rule", self.tr("Add rule…"), self.add_rule),
                         ("revise_rule", self.tr("New version…"), self.revise_rule),
                         ("retire_rule", self.tr("Retire…"), self.retire_rule),
                         ("install_default", self.tr("Install default catalogue"), self.install_default),
                         ("import_rules", self.tr("Import from Excel…"), self.import_rules),
                         ("export_rules", self.tr("Export to Excel…"), self.export_rules)])
        bar.addWidget(self.history)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.history.toggled.connect(lambda _on: self.refresh())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    def refresh(self) -> None:
        scheme = rules.get_scheme(self.store)
        kinds = {"month": self.tr("month"), "quarter": self.tr("quarter"), "year": self.tr("year")}
        text = fmt(self.tr("Scored by %1; base %2 points; pass line %3; stars from %4."), kinds[scheme.period_kind], scheme.base_points, scheme.pass_line, "/".join(map(str, scheme.star_thresholds)))
        text = sentences(text, self.tr("Points start again each period.") if scheme.reset_each_period
                         else self.tr("Points carry over."),
                         self.tr("Base points can be redeemed.") if scheme.base_redeemable
                         else self.tr("Base points cannot be redeemed."),
                         fmt(self.tr("Objections within %1 days of posting."), scheme.objection_days),
                         fmt(self.tr("Black list: households below %1."), scheme.black_threshold) if scheme.black_board
                         else self.tr("No black list is posted."))
        self.scheme_label.setText(text)
        selected = self.selected()
        self.model.set_rows(rules.catalogue(self.store, include_history=self.history.isChecked()))
        if selected is not None:
            self.select(selected["id"])
        self._update_buttons()

    def _update_buttons(self) -> None:
        rule = self.selected()
        current = rule is not None and rule["valid_to"] is None
        self.buttons["revise_rule"].setEnabled(current)
        self.buttons["retire_rule"].setEnabled(current)
        self.buttons["install_default"].setVisible(not rules.has_rules(self.store))

    def edit_scheme(self) -> None:
        self._done(SchemeDialog(self.store, self))

    def add_rule(self) -> None:
        self._done(RuleDialog(self.store, None, self))

    def revise_rule(self) -> None:
        rule = self.selected()
        if rule is not None:
            self._done(RuleDialog(self.store, rule["id"], self))

    def retire_rule(self) -> None:
        rule = self.selected()
        if rule is not None:
            self._done(RetireDialog(self.store, rule["id"], self))

    def import_rules(self) -> None:
        path = ask_open(self, self.tr("Import rule catalogue"), self.tr("Excel workbooks (*.xlsx)"))
        if path is None:
            return
        from villagedesk.ui.kit.import_dialog import start_rules_import  # loads openpyxl: not at start-up

        def imported() -> None:
            self.refresh()
            self.changed.emit()

        start_rules_import(self, self.store, path, imported)

    def export_rules(self) -> None:
        name = f"{self._village()}-积分细则-{clock.today():%Y%m%d}.xlsx"
        path = ask_save(self, self.tr("Export rule catalogue"), name, self.tr("Excel workbooks (*.xlsx)"), ".xlsx")
        if path is None:
            return
        from villagedesk.documents.imports.rules import export_rules  # loads openpyxl: not at start-up

        def saved(count: int) -> None:
            remember_save_folder(path)
            QMessageBox.information(self, self.tr("Export rule catalogue"),
                                    fmt(self.tr("Saved %1 rules (every version) to %2."), count, path))

        self.job = run_job(self, self.tr("Exporting"), lambda _progress: export_rules(self.store, path), saved)

    def install_default(self) -> None:
        start = date(clock.today().year, 1, 1)
        title = self.tr("Install default catalogue")
        if not self._confirm(title, fmt(self.tr(
                "Install the default catalogue of %1 items (from real village rules), in force from %2? "
                "Change any item afterwards with “New version…”."), len(rules.DEFAULT_CATALOGUE), start.isoformat())):
            return
        self._act(title, lambda: rules.install_default_catalogue(self.store, start))
