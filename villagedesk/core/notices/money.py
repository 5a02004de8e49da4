"""Amounts in yuan as clerks type them, kept as whole fen (分).

Money is read with :mod:`decimal` and stored as an integer number of fen, so
0.10 + 0.20 is 0.30 on every statement; a float never touches an amount.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from villagedesk.core.notices import messages
from villagedesk.errors import UserError

# A village's yearly budget is far below this; anything larger is a typing slip.
MAX_FEN = 10**12  # 100 亿元
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
_DECORATION = re.compile(r"^[¥￥]|元$")


def parse_yuan(value, what: str = "金额", field: str = "amount", *, allow_negative: bool = False) -> int:
    """``1,234.5`` / ``¥12`` / ``12元`` / ``１２.３０`` → fen; a UserError for anything else.

    More than two decimals, a sign where none is allowed, and text that is not a
    number are refused rather than rounded: an amount on a public notice must be
    exactly what the books say.
    """
    if value is None:
        value = ""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise UserError(messages.AMOUNT_NOT_NUMBER.format(what=what), field=field)
    text = value.strip().translate(_FULL_WIDTH).replace(",", "").replace(" ", "")
    text = _DECORATION.sub("", text).strip()
    if not text:
        raise UserError(messages.AMOUNT_MISSING.format(what=what), field=field)
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise UserError(messages.AMOUNT_UNREADABLE.format(what=what, value=value.strip()),
        field=field) from None
    if not amount.is_finite():
        raise UserError(messages.AMOUNT_NOT_A_NUMBER.format(what=what, value=value.strip()), field=field)
    if amount < 0 and not allow_negative:
        raise UserError(messages.AMOUNT_NEGATIVE.format(what=what, value=value.strip()), field=field)
    exact = amount * 100
    if exact != exact.to_integral_value():
        raise UserError(messages.AMOUNT_FRACTION.format(what=what, value=value.strip()), field=field)
    fen = int(exact)
    if abs(fen) >= MAX_FEN:
        raise UserError(messages.AMOUNT_TOO_LARGE.format(what=what, value=value.strip()), field=field)
    return fen


def yuan(fen: int | None, *, grouped: bool = True) -> str:
    """12345 → ``123.45``; 123456789 → ``1,234,567.89``; None → empty."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole:,}.{cents:02d}" if grouped else f"{sign}{whole}.{cents:02d}"


def to_decimal(fen: int | None) -> Decimal | None:
    """Fen as a Decimal number of yuan (two places), for exports that want a number."""
    return None if fen is None else Decimal(fen).scaleb(-2)
