"""Dialogs of the points page: entries, review, rules and scheme, objections, the shop.

Each is a :class:`~villagedesk.ui.kit.dialogs.FormDialog` over a ``forms/points_*.ui``
form; core.scoring checks the input and its UserError is shown in the dialog,
which stays open with nothing written.  The household pickers are
``widget_fields`` (marked by the committee forms' base class).

:class:`EntryForm` is also the entry tab itself: embedded in the page it saves
and clears for the next entry instead of closing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QWidget,
)

from villagedesk import clock
from villagedesk.core.accounts import signatures
from villagedesk.core.accounts.roles import Action
from villagedesk.core.committee import roster as committee
from villagedesk.core.common import periods, records
from villagedesk.core.common.dates import parse_date
from villagedesk.core.common.village import get_profile
from villagedesk.core.points import ledger, rules, shop
from villagedesk.errors import UserError
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import INVALID_STYLE, WidgetFieldsDialog
from villagedesk.ui.kit.household_picker import HouseholdPicker
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.sign_dialog import add_signature, signed_by
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.kit.tables import small_table
from villagedesk.ui.kit.widgets import button_bar

_DONE = "color: #1e7e34;"


def signed(points: int) -> str:
    return f"{points:+d}"


def stars_text(stars: int | None) -> str:
    return "★" * (stars or 0)


def sentences(*parts: str) -> str:
    """Sentences one after another: a space after English ones, none after 。 (the translation)."""
    text = ""
    for part in filter(None, parts):
        text += part if not text or text.endswith(("。", "）", "：")) else " " + part
    return text


def _int(text: str) -> int | None:
    try:
        return int(str(text).strip())
    except ValueError:
        return None


class _PointsForm(WidgetFieldsDialog):
    """A points form, with the household picker put into its ``household_box``."""

    def _add_picker(self, multi: bool = False, visible_rows: int = 5) -> HouseholdPicker:
        box = self.form.findChild(QWidget, "household_box")
        picker = HouseholdPicker(self.store, box, multi=multi, visible_rows=visible_rows)
        picker.setObjectName("household")
        box.layout().addWidget(picker)
        picker.chosenChanged.connect(lambda: self._unmark(picker))
        return picker

    def hide_row(self, name: str) -> None:
        layout: QFormLayout = self.form.layout()
        layout.setRowVisible(self.field(name), False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit()

    def fit(self) -> None:
        """Grow tall enough for wrapped explanations (a window does not follow height-for-width)."""
        if not self.isWindow() or not self.isVisible():
            return
        needed = self.layout().heightForWidth(self.width()) if self.layout().hasHeightForWidth() else -1
        if needed > self.height():
            self.resize(self.width(), needed)


# --- entries --------------------------------------------------------------------------

class EntryForm(_PointsForm):
    """登记: one household (or, with ``batch``, many) + one rule in force on the date.

    The item chooser offers the rules in force on the date typed, by category;
    the hint under it says the points, how they are counted and the cap, and the
    points the entry will give are shown as quantity and households change.
    """

    form_file = "points_entry_form.ui"
    fields = ("date", "category", "rule", "quantity", "note", "evidence")
    widget_fields = ("household",)
    #: The entries just saved (a list of rows), in both modes.
    recorded = Signal(list)

    def __init__(self, store: Store, parent: QWidget | None = None, *, batch: bool = False,
                 embedded: bool = False):
        super().__init__(store, parent)
        self.batch = batch
        self.embedded = embedded
        self._rules: dict[int, dict] = {}
        self.picker = self._add_picker(multi=batch, visible_rows=8 if batch else 5)
        self.picker.chosenChanged.connect(self._show_points)
        self.rule_hint: QLabel = self.form.findChild(QLabel, "rule_hint")
        self.preview: QLabel = self.form.findChild(QLabel, "points_preview")
        if batch:
            self.setWindowTitle(self.tr("Batch entry: one item for many households"))
            groups: QComboBox = self.field("group")
            groups.addItems(self.picker.groups())
            self.form.findChild(QPushButton, "tick_group").clicked.connect(
                lambda: self.picker.tick_group(groups.currentText()) if groups.currentText() else None)
            self.form.findChild(QPushButton, "clear_ticks").clicked.connect(self.picker.clear)
        else:
            self.hide_row("group_row")
        self.set_values({"date": clock.today().isoformat(), "quantity": "1"})
        self.field("date").textChanged.connect(lambda _t: self._fill_rules())
        self.field("category").currentIndexChanged.connect(lambda _i: self._fill_items())
        self.field("rule").currentIndexChanged.connect(lambda _i: self._show_rule())
        self.field("quantity").textChanged.connect(lambda _t: self._show_points())
        self._fill_rules()
        if embedded:
            self._embed()
        self.picker.search.setFocus()

    def _embed(self) -> None:
        """In the page: Save keeps the form open for the next entry; Clear empties it."""
        self.setWindowFlags(Qt.WindowType.Widget)
        self.setMinimumWidth(0)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        save.setText(self.tr("Save"))
        save.setObjectName("save_entry")
        # Enter in the search box chooses a household; it must not save as well.
        save.setAutoDefault(False)
        save.setDefault(False)
        clear = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        clear.setText(self.tr("Clear"))
        clear.setAutoDefault(False)
        self.done_label = QLabel(self)
        self.done_label.setObjectName("done_label")
        self.done_label.setWordWrap(True)
        self.done_label.setStyleSheet(_DONE)
        self.layout().insertWidget(2, self.done_label)

    # --- the rule chooser -------------------------------------------------------
    def day(self) -> date:
        return parse_date(self.field("date").text()) or clock.today()

    def chosen_rule(self) -> dict | None:
        return self._rules.get(self.field("rule").currentData())

    def _fill_rules(self) -> None:
        """The rules in force on the date; the item chosen stays chosen while it is in force."""
        keep = self.chosen_rule()
        self._rules = {r["id"]: r for r in rules.rules_in_force(self.store, self.day())}
        combo: QComboBox = self.field("category")
        category = keep["category"] if keep else combo.currentText()
        combo.blockSignals(True)
        combo.clear()
        combo.addItems(list(dict.fromkeys(r["category"] for r in self._rules.values())))
        combo.setCurrentIndex(combo.findText(category) if category else -1)
        combo.blockSignals(False)
        self._fill_items(keep["rule_key"] if keep else None)

    def _fill_items(self, rule_key: str | None = None) -> None:
        combo: QComboBox = self.field("rule")
        category = self.field("category").currentText()
        combo.blockSignals(True)
        combo.clear()
        for rule in self._rules.values():
            if rule["category"] == category:
                combo.addItem(f"{rule['item']}（{signed(rule['points'])}）", rule["id"])
        keys = [self._rules[combo.itemData(i)]["rule_key"] for i in range(combo.count())]
        combo.setCurrentIndex(keys.index(rule_key) if rule_key in keys else -1)
        combo.blockSignals(False)
        self._show_rule()

    def choose_rule(self, rule_id: int) -> bool:
        """Choose a rule (tests, and the page after a batch); False when not in force on the date."""
        rule = self._rules.get(rule_id)
        if rule is None:
            return False
        self.field("category").setCurrentText(rule["category"])
        self._fill_items(rule["rule_key"])
        return True

    def _show_rule(self) -> None:
        rule = self.chosen_rule()
        if rule is None:
            self.rule_hint.setText(self.tr("Choose the category, then the item.") if self._rules else
                                   self.tr("No rule is in force on this date: add rules on the Rules tab."))
        else:
            cap = (fmt(self.tr("at most %1 points per period"), rule["cap_per_period"])
                   if rule["cap_per_period"] else self.tr("no cap per period"))
            self.rule_hint.setText(fmt(self.tr("%1 points %2; %3."), signed(rule["points"]), rule["unit"], cap))
        self._show_points()

    # --- the points it gives ------------------------------------------------------
    def _so_far(self, rule: dict, household_id: int) -> int:
        """What the household already has under this rule in the period (not rejected)."""
        code = periods.of(self.day(), rules.get_scheme(self.store).period_kind).code
        return ledger.points_so_far(self.store, rule["rule_key"], household_id, code)

    def _show_points(self) -> None:
        rule = self.chosen_rule()
        quantity = _int(self.field("quantity").text())
        if rule is None or quantity is None or quantity <= 0:
            self.preview.setText("")
            return
        points = rule["points"] * quantity
        if self.batch:
            count = len(self.picker.household_ids)
            text = fmt(self.tr("%1 points for each of %n household(s).", "", count), signed(points))
        else:
            text = fmt(self.tr("This entry: %1 points."), signed(points))
            household = self.picker.household_id
            if household is not None and rule["cap_per_period"]:
                so_far = abs(self._so_far(rule, household))
                text = sentences(text, fmt(self.tr("This period the household has %1 of at most %2 points "
                                               "for this item."), so_far, rule["cap_per_period"]))
        self.preview.setText(text)
        self.fit()

    # --- saving ------------------------------------------------------------------------
    def save(self, values: dict[str, str]) -> list[dict]:
        common = {"rule_id": self.field("rule").currentData(), "day": values["date"],
                  "quantity": values["quantity"], "note": values["note"], "evidence": values["evidence"]}
        if self.batch:
            # Recorded in the order of the register, however they were ticked.
            ids = [r["_id"] for r in sorted(self.picker.chosen(), key=lambda r: r["code"])]
            return ledger.record_batch(self.store, household_ids=ids, **common)
        return [ledger.record_entry(self.store, household_id=self.picker.household_id, **common)]

    def accept(self) -> None:
        self.recorded.emit(self.saved)
        if not self.embedded:
            super().accept()
            return
        rule = self.chosen_rule()
        chosen = self.picker.chosen()
        who = self.picker.describe(chosen[0]) if chosen else ""
        self.done_label.setText(fmt(self.tr("Recorded, waiting for review: %1 %2 %3 points."), who, rule["item"] if rule else "", signed(self.saved[0]["points"])))
        self.clear()

    def reject(self) -> None:
        if self.embedded:
            self.clear()
            self.done_label.clear()
        else:
            super().reject()

    def clear(self) -> None:
        """Ready for the next entry: the household, quantity and notes go; date and item stay."""
        self.picker.clear()
        self.picker.search.clear()
        for name, text in (("quantity", "1"), ("note", ""), ("evidence", "")):
            self.field(name).setText(text)
        self.error_label.hide()
        self.picker.search.setFocus()

    def refresh(self) -> None:
        """Households, groups and rules may have changed elsewhere."""
        self.picker.refresh()
        self._fill_rules()


# --- review ---------------------------------------------------------------------------

def reviewer_names(store: Store) -> list[str]:
    """The clerk, then who serves on the committees: who usually reviews."""
    profile = get_profile(store)
    names = [profile.clerk] if profile and profile.clerk else [store.actor]
    names += [p["name"] for p in committee.serving_posts(store)]
    return list(dict.fromkeys(n for n in names if n))


class ReviewDialog(_PointsForm):
    """Who approves (or rejects, and why) the entries chosen; the page then does it.

    Where the database has accounts the reviewer signs with their own account and password, and
    the accounts that recorded the entries (``recorders``, as the entries name them) are not offered
    (docs/SECURITY.md "Signatures"); in a plain one the reviewer's name is typed or picked."""

    form_file = "points_review_form.ui"
    fields = ("reviewer", "reason")
    REASONS = ("证据不足", "不符合积分细则", "重复登记", "数量或日期有误")

    def __init__(self, store: Store, count: int, reject: bool = False, parent: QWidget | None = None, *,
                 recorders: Iterable[str] = ()):
        super().__init__(store, parent)
        self.rejecting = reject
        names = reviewer_names(store)
        self.fill_combo("reviewer", names, blank=False)
        self.signature = add_signature(self, Action.REVIEW_POINTS, replacing=("reviewer",),
                                       exclude=signatures.logins_named(store, recorders))
        explanation: QLabel = self.form.findChild(QLabel, "explanation")
        if reject:
            self.setWindowTitle(self.tr("Reject entries"))
            self.fill_combo("reason", self.REASONS)
            explanation.setText(self.tr("Reject %n entry(s)? They will not count; the reason is kept "
                                        "with them.", "", count))
            self.field("reason").setFocus()
        else:
            self.setWindowTitle(self.tr("Approve entries"))
            self.hide_row("reason")
            explanation.setText(self.tr("Approve %n entry(s)? Approved points count in the ranking and "
                                        "are never changed again: a mistake is then corrected by a "
                                        "reversing entry.", "", count))

    def save(self, values: dict[str, str]) -> dict[str, Any]:
        reason = values["reason"].strip()
        if self.rejecting and not reason:
            raise UserError(self.tr("Say why the entries are rejected."), field="reason")
        if self.signature is not None:
            return {"reviewer": signed_by(self.signature), "reason": reason}
        reviewer = values["reviewer"].strip()
        if not reviewer:
            raise UserError(self.tr("Enter who reviewed the entries."), field="reviewer")
        return {"reviewer": reviewer, "reason": reason}


# --- rules and the scheme -----------------------------------------------------------

class RuleDialog(_PointsForm):
    """A new rule, or (with ``rule_id``) a new version of one from a date on."""

    form_file = "points_rule_form.ui"
    fields = ("category", "item", "points", "unit", "cap_per_period", "valid_from", "note")

    def __init__(self, store: Store, rule_id: int | None = None, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.rule_id = rule_id
        self.fill_combo("category", list(dict.fromkeys(r["category"] for r in rules.catalogue(store))))
        self.fill_combo("unit", rules.UNITS, blank=False)
        explanation: QLabel = self.form.findChild(QLabel, "explanation")
        today = clock.today()
        if rule_id is None:
            self.setWindowTitle(self.tr("New rule"))
            self.set_values({"valid_from": today.isoformat()})
            self.field("category").setFocus()
            return
        current = records.get(store, "point_rules", rule_id)
        self.setWindowTitle(fmt(self.tr("New version of %1"), current["item"]))
        start = max(today, date.fromisoformat(current["valid_from"]) + timedelta(days=1))
        self.set_values({**current, "valid_from": start.isoformat()})
        explanation.setText(fmt(self.tr("Version %1 (in force since %2) ends the day before the new version "
                                    "starts. Entries already recorded keep the version they were scored "
                                    "under."), current["version"], current["valid_from"]))
        self.field("points").setFocus()

    def save(self, values: dict[str, str]) -> dict:
        if self.rule_id is None:
            return rules.add_rule(self.store, **values)
        return rules.revise_rule(self.store, self.rule_id, **values)


class RetireDialog(_PointsForm):
    form_file = "points_retire_form.ui"
    fields = ("valid_to",)

    def __init__(self, store: Store, rule_id: int, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.rule_id = rule_id
        rule = records.get(store, "point_rules", rule_id)
        self.form.findChild(QLabel, "explanation").setText(
            fmt(self.tr("“%1” will no longer be offered for entries after its last day. Entries already "
                    "recorded under it stay as they are."), rule["item"]))
        self.set_values({"valid_to": max(clock.today().isoformat(), rule["valid_from"])})

    def save(self, values: dict[str, str]) -> dict:
        return rules.retire_rule(self.store, self.rule_id, last_day=values["valid_to"])


class SchemeDialog(_PointsForm):
    form_file = "points_scheme_form.ui"
    STARS = tuple(f"star_{n}" for n in range(1, 6))
    fields = ("period_kind", "base_points", "pass_line", "objection_days", "black_line", *STARS)

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        scheme = rules.get_scheme(store)
        combo: QComboBox = self.field("period_kind")
        for kind, text in (("month", self.tr("Month")), ("quarter", self.tr("Quarter")),
                           ("year", self.tr("Year"))):
            combo.addItem(text, kind)
        combo.setCurrentIndex(combo.findData(scheme.period_kind))
        self.set_values({"base_points": scheme.base_points, "pass_line": scheme.pass_line,
                         "objection_days": scheme.objection_days,
                         **dict(zip(self.STARS, scheme.star_thresholds, strict=True))})
        self.form.findChild(QCheckBox, "reset_each_period").setChecked(scheme.reset_each_period)
        self.form.findChild(QCheckBox, "base_redeemable").setChecked(scheme.base_redeemable)
        # The 黑榜 follows the village's rule (docs/DOMAIN.md §2.3): on or off, and its line (empty: the pass line).
        self.black_board: QCheckBox = self.form.findChild(QCheckBox, "black_board")
        self.black_board.toggled.connect(self.field("black_line").setEnabled)
        self.black_board.setChecked(scheme.black_board)
        self.field("black_line").setEnabled(scheme.black_board)
        self.field("black_line").setText("" if scheme.black_line is None else str(scheme.black_line))
        self.field("black_line").setPlaceholderText(self.tr("the pass line"))
        self.form.findChild(QLabel, "explanation").setText(self.tr(
            "Every household starts a period with the base points. Below the pass line it cannot "
            "redeem points and is marked on the board. A score of at least the first star score "
            "earns one star, and so on up to five. The black list names every household below its score, "
            "with the points it lost; a village that posts none turns it off."))

    def show_error(self, err: UserError) -> None:
        super().show_error(err)
        if err.field == "star_thresholds":
            for name in self.STARS:
                self.field(name).setStyleSheet(INVALID_STYLE)
            self.field(self.STARS[0]).setFocus()

    def save(self, values: dict[str, str]) -> rules.Scheme:
        scheme = rules.Scheme(
            period_kind=self.field("period_kind").currentData(), base_points=values["base_points"],
            pass_line=values["pass_line"], star_thresholds=[values[n] for n in self.STARS],
            reset_each_period=self.form.findChild(QCheckBox, "reset_each_period").isChecked(),
            base_redeemable=self.form.findChild(QCheckBox, "base_redeemable").isChecked(),
            objection_days=values["objection_days"], black_board=self.black_board.isChecked(),
            black_line=values["black_line"] or None)
        return rules.save_scheme(self.store, scheme)


# --- objections -----------------------------------------------------------------------

class ObjectionDialog(_PointsForm):
    """An objection against one approved entry of a posted period."""

    form_file = "points_objection_form.ui"
    fields = ("entry", "raised_by", "date", "content")
    widget_fields = ("household",)

    def __init__(self, store: Store, period_code: str, household_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(store, parent)
        self.period = periods.parse(period_code)
        self.setWindowTitle(fmt(self.tr("Objection to the points of %1"), self.period.label))
        self.picker = self._add_picker()
        self.picker.chosenChanged.connect(self._fill_entries)
        self.set_values({"date": clock.today().isoformat()})
        if household_id is not None:
            self.picker.household_id = household_id
        self._fill_entries()

    def _fill_entries(self) -> None:
        combo: QComboBox = self.field("entry")
        combo.clear()
        household = self.picker.household_id
        if household is None:
            return
        for entry in ledger.approved_entries(self.store, household, self.period.code):
            combo.addItem(f"{entry['entry_date']}　{entry['item']}　{signed(entry['points'])}", entry["id"])
        combo.setCurrentIndex(-1 if combo.count() != 1 else 0)

    def save(self, values: dict[str, str]) -> dict:
        entry_id = self.field("entry").currentData()
        if entry_id is None:
            raise UserError(self.tr("Choose the household, then the entry the objection is about."),
                            field="entry")
        return ledger.raise_objection(self.store, entry_id=entry_id, raised_by=values["raised_by"],
                                      content=values["content"], day=values["date"])


class ResolveDialog(_PointsForm):
    form_file = "points_resolve_form.ui"
    fields = ("resolution",)

    def __init__(self, store: Store, objection: dict, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.objection = objection
        self.form.findChild(QLabel, "explanation").setText(
            fmt(self.tr("%1 objects to %2 (%3 points): %4"), objection["raised_by"], f"{objection['household_code']} {objection['head_name'] or ''} {objection['item']}", signed(objection["points"]), objection["content"]))
        self.field("resolution").setFocus()

    def save(self, values: dict[str, str]) -> dict:
        upheld = self.form.findChild(QRadioButton, "upheld").isChecked()
        return ledger.resolve_objection(self.store, self.objection["id"], upheld=upheld,
                                        resolution=values["resolution"])


# --- the shop ---------------------------------------------------------------------------

class GoodsDialog(_PointsForm):
    form_file = "points_goods_form.ui"
    fields = ("name", "price", "stock")

    def save(self, values: dict[str, str]) -> dict:
        return shop.add_goods(self.store, **values)


class RestockDialog(_PointsForm):
    form_file = "points_restock_form.ui"
    fields = ("stock",)

    def __init__(self, store: Store, goods_id: int, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.goods_id = goods_id
        goods = records.get(store, "shop_goods", goods_id)
        self.setWindowTitle(fmt(self.tr("Restock %1"), goods["name"]))
        self.form.findChild(QLabel, "explanation").setText(
            fmt(self.tr("%1 in stock now."), goods["stock"]))

    def save(self, values: dict[str, str]) -> dict:
        return shop.restock(self.store, self.goods_id, values["stock"])


class RedeemDialog(_PointsForm):
    """积分超市: a household spends redeemable points on one or several goods at once.

    Goods are added to a list (the goods still in the chooser count too); OK asks core
    whether the whole list can be redeemed, then asks the clerk once, then core redeems
    it in one transaction.  The balance line uses the ranking's words and figures:
    得分 (+61) and 总分 (161).
    """

    form_file = "points_redeem_form.ui"
    fields = ("goods", "quantity", "date", "note")
    widget_fields = ("household", "items")

    def __init__(self, store: Store, goods_id: int | None = None, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.picker = self._add_picker()
        self.balance: QLabel = self.form.findChild(QLabel, "balance")
        self.items: list[dict] = []  # goods_id, goods, quantity, points: the list so far
        self.basket = ListTableModel([("goods", self.tr("Goods")), ("quantity", self.tr("Qty")),
                                      ("points", self.tr("Points"))], [], None, self, id_key="goods_id")
        self.items_view = small_table(self.basket, self, "items")
        self.items_view.setMaximumHeight(110)
        self.items_view.setColumnWidth(0, 260)
        self.setMinimumWidth(640)  # the goods' names with price and stock, and the list, read whole
        box = self.form.findChild(QWidget, "items_box").layout()
        box.addWidget(self.items_view)
        self.item_buttons: dict[str, QPushButton] = {}
        box.addLayout(button_bar(self, [("remove_item", self.tr("Remove from the list"), self.remove_item)],
                                 self.item_buttons))
        self.form.findChild(QPushButton, "add_item").clicked.connect(self.add_item)
        combo: QComboBox = self.field("goods")
        self._goods = {g["id"]: g for g in shop.goods_on_offer(store)}
        for goods in self._goods.values():
            combo.addItem(fmt(self.tr("%1 (%2 points, %3 in stock)"), goods["name"], goods["price"], goods["stock"]), goods["id"])
        combo.setCurrentIndex(combo.findData(goods_id) if goods_id is not None else -1)
        self.field("quantity").setText("1")
        self.field("date").setText(clock.today().isoformat())
        self.picker.chosenChanged.connect(self._show_balance)
        combo.currentIndexChanged.connect(lambda _i: self._show_balance())
        for name in ("quantity", "date"):
            self.field(name).textChanged.connect(lambda _t: self._show_balance())
        self._show_items()

    def field_widget(self, name: str) -> QWidget:
        return self.items_view if name == "items" else super().field_widget(name)

    # --- the list ---------------------------------------------------------------------------
    def _picked(self) -> list[tuple[int, str]]:
        """The goods still in the chooser, as an item: it is redeemed too, as the clerk sees it."""
        goods_id = self.field("goods").currentData()
        return [(goods_id, self.field("quantity").text())] if goods_id is not None else []

    def chosen_items(self) -> list[tuple[int, object]]:
        """What OK redeems: the list, and the goods still in the chooser."""
        return [(i["goods_id"], i["quantity"]) for i in self.items] + self._picked()

    def add_item(self) -> None:
        """The goods in the chooser go onto the list (the same goods again: more of it), checked by core."""
        try:
            ((goods, quantity),) = shop.basket_items(self.store, self._picked())
        except UserError as err:
            self.show_error(err)
            return
        for item in self.items:
            if item["goods_id"] == goods["id"]:
                item["quantity"] += quantity
                item["points"] = goods["price"] * item["quantity"]
                break
        else:
            self.items.append({"goods_id": goods["id"], "goods": goods["name"], "quantity": quantity,
                               "points": goods["price"] * quantity})
        self.field("goods").setCurrentIndex(-1)
        self.field("quantity").setText("1")
        self._show_items()

    def remove_item(self) -> None:
        rows = self.items_view.selectionModel().selectedRows()
        if rows:
            goods_id = self.basket.record_id(rows[0].row())
            self.items = [i for i in self.items if i["goods_id"] != goods_id]
            self._show_items()

    def _show_items(self) -> None:
        self.basket.set_rows(self.items)
        self.items_view.setVisible(bool(self.items))
        self.item_buttons["remove_item"].setVisible(bool(self.items))
        self._show_balance()

    def _cost(self) -> int:
        cost = sum(i["points"] for i in self.items)
        goods = self._goods.get(self.field("goods").currentData())
        quantity = _int(self.field("quantity").text())
        if goods is not None and quantity and quantity > 0:
            cost += goods["price"] * quantity
        return cost

    def _show_balance(self) -> None:
        household = self.picker.household_id
        day = parse_date(self.field("date").text())
        if household is None or day is None:
            self.balance.setText(self.tr("Choose the household to see its points."))
            return
        scheme = rules.get_scheme(self.store)
        have = shop.balance(self.store, household, day)
        earned, score = shop.standing(self.store, household, day)
        # The ranking's own words and figures: 得分 +61, 总分 161.
        text = fmt(self.tr("Redeemable: %1 points. This period: points earned %2, score %3 (pass line %4)."),
                   max(have, 0), signed(earned), score, scheme.pass_line)
        cost = self._cost()
        if cost:
            text = sentences(text, fmt(self.tr("This costs %1 points."), cost))
        self.balance.setText(text)
        self.fit()

    # --- redeeming --------------------------------------------------------------------------
    def try_accept(self) -> None:
        """Core checks the whole list first; the clerk confirms it once; then it is redeemed at once."""
        items = self.chosen_items()
        try:
            household, _day, basket = shop.check_redeem(self.store, household_id=self.picker.household_id,
                                                        items=items, day=self.field("date").text())
        except UserError as err:
            self.show_error(err)
            return
        listed = "、".join(fmt(self.tr("%1 × %2"), goods["name"], quantity) for goods, quantity in basket)
        cost = sum(goods["price"] * quantity for goods, quantity in basket)
        question = fmt(self.tr("Redeem for household %1: %2, %3 points in all?"), household["code"], listed, cost)
        if QMessageBox.question(self, self.tr("Redeem"), question) != QMessageBox.StandardButton.Yes:
            return
        super().try_accept()

    def save(self, values: dict[str, str]) -> list[dict]:
        return shop.redeem_items(self.store, household_id=self.picker.household_id, items=self.chosen_items(),
                                 day=values["date"], note=values["note"])

