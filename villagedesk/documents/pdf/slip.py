"""积分兑换单: the slip of one redemption at the points shop, two copies on one A4 sheet.

The upper copy (存根联) stays in the village's files, the lower one (兑换人联)
goes home with the household; a dashed line marks where to cut.  Both carry the
slip's number (兑换编号, DH000123, as the Excel sheet 积分兑换 names it), what was
taken, the points spent and the redeemable points left, and lines for the
household's and the shop keeper's signatures.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from villagedesk import clock
from villagedesk.core.common import codes, village
from villagedesk.core.common import messages as common_messages
from villagedesk.core.points import shop
from villagedesk.core.points.rules import get_scheme
from villagedesk.documents.excel.points import redemption_code
from villagedesk.documents.pdf import messages
from villagedesk.documents.pdf.base import (
    BODY,
    Progress,
    Table,
    TableStyle,
    build_pdf,
    cell_style,
    draw_text,
    para,
)
from villagedesk.documents.pdf.statement import find_household
from villagedesk.errors import UserError
from villagedesk.store import Store

TITLE = "积分兑换单"
COPIES = ("存根联（村委会留存）", "兑换人联（交兑换户）")


def find_redemption(store: Store, code: str) -> dict:
    """The redemption named ``code`` (DH000123, dh123 or 123); UserError naming it when there is none."""
    text = (code or "").strip()
    number = codes.REDEMPTION.parse(text)
    found = store.row(
        "SELECT d.*, g.name AS goods, g.price AS unit_price, h.code AS household_code FROM redemptions d "
        "JOIN shop_goods g ON g.id = d.goods_id JOIN households h ON h.id = d.household_id WHERE d.id = ?",
        (number,)) if number is not None else None
    if found is None:
        raise UserError(messages.NO_SUCH_REDEMPTION.format(shown=text or common_messages.EMPTY_VALUE))
    return found


class _CutLine(Flowable):
    """A dashed line across the frame with 沿此线剪开 in its middle."""

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, 10 * mm

    def draw(self) -> None:
        canv = self.canv
        y = 5 * mm
        label = "沿此线剪开"
        canv.saveState()
        canv.setStrokeColor(colors.HexColor("#777777"))
        canv.setDash(4, 3)
        gap = 36 * mm
        canv.line(0, y, (self.width - gap) / 2, y)
        canv.line((self.width + gap) / 2, y, self.width, y)
        canv.restoreState()
        draw_text(canv, self.width / 2, y - 3, label, 8.5, "center")


def _copy(profile: village.Profile, redemption: dict, household: dict, left: int, copy: str,
          width: float) -> KeepTogether:
    label, value = cell_style(10.5), cell_style(10.5)
    cost = redemption["points"]
    rows = [
        ["兑换编号", redemption_code(redemption["id"]), "兑换日期", redemption["redeemed_on"]],
        ["户编号", household["code"], "户主", household["head_name"] or "（未登记）"],
        ["村民小组", household["group_name"] or "", "", ""],
        ["兑换商品", redemption["goods"], "数量", str(redemption["quantity"])],
        ["单价（积分）", str(redemption["unit_price"]), "用去积分", str(cost)],
        ["兑换前可兑换积分", str(left + cost), "兑换后可兑换积分", str(left)],
        ["备注", redemption["note"] or "", "", ""],
    ]
    data = [[para(text, label if n % 2 == 0 else value) for n, text in enumerate(row)] for row in rows]
    grid = colors.HexColor("#555555")
    table = Table(data, colWidths=[width * f for f in (0.23, 0.27, 0.23, 0.27)], hAlign="LEFT", style=TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, grid),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eeeeee")),
        ("BACKGROUND", (2, 0), (2, 1), colors.HexColor("#eeeeee")),
        ("BACKGROUND", (2, 3), (2, 5), colors.HexColor("#eeeeee")),
        ("SPAN", (1, 2), (3, 2)), ("SPAN", (1, 6), (3, 6)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    heading = para(f"{profile.name}{TITLE}　　{copy}", BODY)
    signatures = para("兑换人签字：＿＿＿＿＿＿＿＿　　　经办人签字：＿＿＿＿＿＿＿＿　　　"
                      f"{profile.name}积分超市（盖章）", BODY)
    return KeepTogether([heading, table, Spacer(1, 14), signatures])


def print_slip(store: Store, path: Path | str, code: str, *, progress: Progress | None = None,
               today: date | None = None) -> Path:
    """Print the slip of redemption ``code`` (DH000123) to ``path``; UserError, writing nothing, when there is none."""
    profile = village.get_profile(store)
    if profile is None:
        raise UserError(messages.NO_PROFILE)
    today = today or clock.today()
    redemption = find_redemption(store, code)
    household = find_household(store, redemption["household_code"])
    left = shop.balance_after(store, redemption["id"])
    width = 180 * mm  # the A4 frame
    story = [_copy(profile, redemption, household, left, COPIES[0], width), _CutLine(),
             _copy(profile, redemption, household, left, COPIES[1], width),
             Spacer(1, 6),
             para("可兑换积分按打印时的积分台账计算：已审核的积分" +
                  ("（含基础分）" if get_scheme(store).base_redeemable else "") +
                  "减去此前和本次兑换用去的积分。", BODY)]
    return build_pdf(path, title=TITLE, profile=profile, story=story, progress=progress, printed_on=today,
                     subtitle=f"{profile.full_name}　{redemption_code(redemption['id'])}")


__all__ = ["TITLE", "find_redemption", "print_slip"]
