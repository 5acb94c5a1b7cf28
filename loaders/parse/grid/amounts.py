"""Printed cells → Decimal amounts in yuan; blank, '-', '——' mean nothing printed."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from loaders.parse.vocabulary.units import UNIT_FACTOR

BLANKS = {"", "-", "—", "——", "--", "---", "/", "－", "—-"}
NUMBER = re.compile(r"^-?[\d,]*\.?\d+$")
INTEGER = re.compile(r"^\d{1,3}(\.0+)?$")
CENT = Decimal("0.01")


def is_blank(cell: str) -> bool:
    return cell.replace(" ", "") in BLANKS


def is_number(cell: str) -> bool:
    return bool(NUMBER.match(cell.replace(" ", "")))


def parse_number(cell: str) -> Decimal | None:
    """The printed number, or None for a blank cell; ValueError when it is not a number."""
    text = cell.replace(" ", "").replace(",", "")
    if text in BLANKS:
        return None
    if text.endswith("%"):
        text = text[:-1]
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {cell!r}") from exc


LIMIT = Decimal(10) ** 18  # numeric(20,2) holds 18 integer digits


def to_yuan(value: Decimal, unit: str) -> Decimal:
    yuan = value * UNIT_FACTOR.get(unit, Decimal(1))
    if abs(yuan) >= LIMIT:
        raise ValueError(f"amount {value} {unit} is too large to be a budget figure")
    return yuan.quantize(CENT)
