"""What every project-sheet reader does to a cell: strip it, unwrap it, spot personal data.

Sheets print text wrapped inside cells ("服务 管理局"), label columns by header text, and
print contacts (经办人, 联系电话, phone numbers) that must never be read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from loaders.parse.grid.amounts import parse_number
from loaders.parse.vocabulary import compact  # noqa: F401 (re-exported to the sheet readers)

# a sheet that does not read as its layout: a warning for that sheet, never a crash
SHEET_ERRORS = (ValueError, IndexError, KeyError, ArithmeticError)
CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
SENTENCE_END = ("。", "；", ";", "！", "？")


def unwrap(text: str) -> str:
    """The spaces a line break left between Chinese characters removed ("服务 管理局")."""
    return CJK_GAP.sub("", text.strip())


def join_wrapped(parts: Sequence[str]) -> str:
    """Lines of one wrapped cell joined: no space inside a word, one after a sentence."""
    joined = ""
    for part in (p.strip() for p in parts):
        if part:
            joined += (" " if joined.endswith(SENTENCE_END) else "") + part
    return joined


def padded(cells: Sequence[str], width: int) -> tuple[str, ...]:
    """The cells filled out to ``width``: text formats drop a row's trailing empty cells."""
    return tuple(cells) + ("",) * (width - len(cells))


def cell(cells: Sequence[str], columns: dict[str, int], key: str) -> str | None:
    """The cell of the column ``key`` was found in, stripped; None when absent."""
    i = columns.get(key)
    return cells[i].strip() if i is not None and i < len(cells) else None


def execution_rate(printed: str, budget: Decimal | None, executed: Decimal | None) -> Decimal:
    """执行率 as a fraction. Printed as a percent ('100', '87%') unless it reads as B/A itself (0.87);
    with no executed amount printed there is no B/A to compare, so the percent."""
    value = parse_number(printed)
    if value is None:
        raise ValueError(f"执行率 {printed!r} is not a number")
    fraction = value / 100
    if not printed.endswith("%") and budget and executed is not None:
        ratio = executed / budget
        if abs(value - ratio) < abs(fraction - ratio):
            fraction = value
    return fraction.quantize(Decimal("0.0001"))
