"""积分超市: goods with price and stock, and the redemptions that spend points.

A redemption made in error is voided (作废) by a reversal core records (docs/DOMAIN.md §2.4):
both rows stay in the list, greyed, the reversal just above what it voids.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QSplitter, QVBoxLayout, QWidget

from villagedesk.core.points import shop
from villagedesk.documents.excel.points import redemption_code
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import ReasonDialog
from villagedesk.ui.kit.messages import fmt
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.points.dialogs import GoodsDialog, RedeemDialog, RestockDialog
from villagedesk.ui.points.tab import PointsTab


class ShopTab(PointsTab):
    """Goods with price and stock; redemptions spend a household's redeemable points."""

    RECENT = 200

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self._slips: list[int] = []  # slips still to preview, of goods redeemed together
        self.goods = ListTableModel([("name", self.tr("Goods")), ("price", self.tr("Price in points")),
                                     ("stock", self.tr("In stock"))], [], None, self,
                                    muted=lambda g: not g["stock"])
        self.goods_view = self._table(self.goods, "goods_view")
        self.redemptions = ListTableModel(
            [("code", self.tr("No.")), ("redeemed_on", self.tr("Date")), ("household_code", self.tr("Household")),
             ("head_name", self.tr("Head")), ("goods", self.tr("Goods")), ("quantity", self.tr("Qty")),
             ("points", self.tr("Points spent")), ("note", self.tr("Note"))], [], None, self,
            muted=lambda r: r["reversed_by"] is not None or r["reverses_id"] is not None)
        self.redemptions_view = self._table(self.redemptions, "redemptions_view", code=88, household_code=70,
                                            goods=110)
        goods_box = QGroupBox(self.tr("Goods"), self)
        QVBoxLayout(goods_box).addWidget(self.goods_view)
        recent_box = QGroupBox(self.tr("Redemptions (newest first)"), self)
        QVBoxLayout(recent_box).addWidget(self.redemptions_view)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(goods_box)
        split.addWidget(recent_box)
        split.setSizes([380, 610])
        layout = QVBoxLayout(self)
        layout.addLayout(self._bar([("add_goods", self.tr("Add goods…"), self.add_goods),
                                    ("restock", self.tr("Restock…"), self.restock),
                                    ("redeem", self.tr("Redeem…"), self.redeem),
                                    ("print_slip", self.tr("Print slip…"), self.print_selected_slip),
                                    ("void", self.tr("Void redemption…"), self.void)]))
        layout.addWidget(split, 1)
        self.goods_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.redemptions_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    def refresh(self) -> None:
        selected = self.selected_goods()
        self.goods.set_rows(shop.goods_on_offer(self.store))
        if selected is not None:
            self.select(selected, self.goods_view)
        self.redemptions.set_rows([self._shown(r) for r in shop.recent_redemptions(self.store, self.RECENT)])
        self._update_buttons()

    def _shown(self, row: dict) -> dict:
        """A redemption as listed: its number, and a reversal's reason after its note."""
        note = fmt(self.tr("%1: %2"), row["note"], row["reason"]) if row["reverses_id"] is not None else row["note"]
        return {**row, "code": redemption_code(row["id"]), "note": note}

    def selected_goods(self) -> int | None:
        return self.selected_id(self.goods_view)

    def selected_redemption(self) -> int | None:
        return self.selected_id(self.redemptions_view)

    def _selected_row(self) -> dict | None:
        rows = self.redemptions_view.selectionModel().selectedRows()
        return self.redemptions.record(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.buttons["restock"].setEnabled(self.selected_goods() is not None)
        self.buttons["redeem"].setEnabled(self.goods.rowCount() > 0)
        row = self._selected_row()
        # A reversal has no slip of its own; only what core would void is offered for voiding.
        self.buttons["print_slip"].setEnabled(row is not None and row["reverses_id"] is None)
        self.buttons["void"].setEnabled(row is not None and shop.can_reverse(self.store, row))

    def add_goods(self) -> None:
        self._done(GoodsDialog(self.store, self))

    def restock(self) -> None:
        goods = self.selected_goods()
        if goods is not None:
            self._done(RestockDialog(self.store, goods, self))

    def redeem(self) -> None:
        dialog = RedeemDialog(self.store, self.selected_goods(), self)
        if not self._done(dialog):
            return
        saved = dialog.saved
        if len(saved) == 1:
            if self._confirm(self.tr("Redeem"), self.tr("Redeemed. Print the slip now?")):
                self.print_slip(saved[0]["id"])
        elif self._confirm(self.tr("Redeem"), fmt(self.tr("%1 goods redeemed. Print their slips now, one after "
                                                        "another?"), len(saved))):
            self._slips = [row["id"] for row in saved]
            self._next_slip()

    def _next_slip(self) -> None:
        """The slips of a redemption of several goods, one preview after the other."""
        if not self._slips:
            return
        self.print_slip(self._slips.pop(0))
        job = self.job  # its preview closed (or it failed): the next slip, or none after a failure
        job.finished.connect(lambda: self._next_slip() if job.state == "done" else self._slips.clear())

    def void(self) -> None:
        """作废: core records the reversal, with the clerk's reason; the goods go back into stock."""
        row = self._selected_row()
        if row is None:
            return
        dialog = ReasonDialog(self.store, fmt(self.tr("Void redemption %1"), row["code"]),
                              fmt(self.tr("Void %1: %2 × %3 for household %4 (%5 points)? The redemption stays on "
                                          "file; a reversal gives the points back and returns the goods to stock. "
                                          "Why is it voided?"), row["code"], row["goods"], row["quantity"],
                                  row["household_code"], row["points"]),
                              (), lambda reason: shop.reverse_redemption(self.store, row["id"], reason=reason), self)
        if self._done(dialog):
            self.select(dialog.saved["id"], self.redemptions_view)

    def print_selected_slip(self) -> None:
        redemption_id = self.selected_redemption()
        if redemption_id is not None:
            self.print_slip(redemption_id)

    def print_slip(self, redemption_id: int) -> None:
        from villagedesk.documents.pdf.slip import print_slip  # loads reportlab: not at start-up

        code = redemption_code(redemption_id)
        self._print(self.tr("Preparing the slip"), f"slip-{code}", f"{self._village()}-积分兑换单-{code}.pdf",
                    lambda reader, pdf, progress: print_slip(reader, pdf, code, progress=progress))
