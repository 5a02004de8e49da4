"""积分超市: goods with price and stock, and the redemptions that spend points."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QSplitter, QVBoxLayout, QWidget

from villagedesk.core.points import shop
from villagedesk.documents.excel.points import redemption_code
from villagedesk.store import Store
from villagedesk.ui.kit.table_model import ListTableModel
from villagedesk.ui.points.dialogs import GoodsDialog, RedeemDialog, RestockDialog
from villagedesk.ui.points.tab import PointsTab


class ShopTab(PointsTab):
    """Goods with price and stock; redemptions spend a household's redeemable points."""

    RECENT = 200

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        self.goods = ListTableModel([("name", self.tr("Goods")), ("price", self.tr("Price in points")),
                                     ("stock", self.tr("In stock"))], [], None, self,
                                    muted=lambda g: not g["stock"])
        self.goods_view = self._table(self.goods, "goods_view")
        self.redemptions = ListTableModel(
            [("redeemed_on", self.tr("Date")), ("household_code", self.tr("Household")),
             ("head_name", self.tr("Head")), ("goods", self.tr("Goods")), ("quantity", self.tr("Qty")),
             ("points", self.tr("Points spent")), ("note", self.tr("Note"))], [], None, self)
        self.redemptions_view = self._table(self.redemptions, "redemptions_view", household_code=70, goods=110)
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
                                    ("print_slip", self.tr("Print slip…"), self.print_selected_slip)]))
        layout.addWidget(split, 1)
        self.goods_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.redemptions_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    def refresh(self) -> None:
        selected = self.selected_goods()
        self.goods.set_rows(shop.goods_on_offer(self.store))
        if selected is not None:
            self.select(selected, self.goods_view)
        self.redemptions.set_rows(shop.recent_redemptions(self.store, self.RECENT))
        self._update_buttons()

    def selected_goods(self) -> int | None:
        return self.selected_id(self.goods_view)

    def selected_redemption(self) -> int | None:
        return self.selected_id(self.redemptions_view)

    def _update_buttons(self) -> None:
        self.buttons["restock"].setEnabled(self.selected_goods() is not None)
        self.buttons["redeem"].setEnabled(self.goods.rowCount() > 0)
        self.buttons["print_slip"].setEnabled(self.selected_redemption() is not None)

    def add_goods(self) -> None:
        self._done(GoodsDialog(self.store, self))

    def restock(self) -> None:
        goods = self.selected_goods()
        if goods is not None:
            self._done(RestockDialog(self.store, goods, self))

    def redeem(self) -> None:
        dialog = RedeemDialog(self.store, self.selected_goods(), self)
        if self._done(dialog) and self._confirm(self.tr("Redeem"), self.tr("Redeemed. Print the slip now?")):
            self.print_slip(dialog.saved["id"])

    def print_selected_slip(self) -> None:
        redemption_id = self.selected_redemption()
        if redemption_id is not None:
            self.print_slip(redemption_id)

    def print_slip(self, redemption_id: int) -> None:
        from villagedesk.documents.pdf.slip import print_slip  # loads reportlab: not at start-up

        code = redemption_code(redemption_id)
        self._print(self.tr("Preparing the slip"), f"slip-{code}", f"{self._village()}-积分兑换单-{code}.pdf",
                    lambda reader, pdf, progress: print_slip(reader, pdf, code, progress=progress))
