"""Levels of a list told by its arithmetic alone: which rows are subtotals of the rows beneath them.

Project lists print categories (项目类别 通用项目/专用项目, then 委托咨询业务 …) in the same
column as the projects, each followed by the rows it sums. Read in order, a list of ``depth``
levels is a run of heads, each followed by its children (a list one level shallower) adding
up to it; depth 1 is a plain list. The shallowest depth whose top rows add up to the
printed parent and that uses every row is the reading; every level then checks itself, so
no other depth can also fit (each level's rows sum to the one above: a deeper reading would
count the parent twice over). Amounts are positive figures; ``close`` decides equality
within rounding.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from loaders.parse.grid.settings import current

Close = Callable[[Decimal, Decimal, int], bool]  # (sum, printed, n summed cells) -> equal within rounding


def _cover(
    amounts: Sequence[Decimal], start: int, depth: int, target: Decimal, close: Close, depths: list[int]
) -> int | None:
    """End index of the rows from ``start`` that form nodes ``depth`` levels deep summing to ``target``
    (each row's depth marked in ``depths``), or None."""
    total, count, j = Decimal(0), 0, start
    while j < len(amounts) and total < target and not (count and close(total, target, count)):
        depths[j] = depth
        if depth > 1:
            end = _cover(amounts, j + 1, depth - 1, amounts[j], close, depths)
            if end is None or end == j + 1:
                return None
        else:
            end = j + 1
        total += amounts[j]
        count += 1
        j = end
    while depth == 1 and j < len(amounts) and amounts[j] == 0 and count:  # items budgeted at nothing
        depths[j] = depth
        j += 1
    return j if count and close(total, target, count) else None


def levels(amounts: Sequence[Decimal], parent: Decimal, close: Close) -> list[int] | None:
    """Each row's level (1: the rows summing to ``parent``; the deepest level holds the items), or None
    when no depth up to ``subtotal_max_depth`` uses every row and adds up."""
    for depth in range(1, current().subtotal_max_depth + 1):
        marks = [0] * len(amounts)
        if amounts and _cover(amounts, 0, depth, parent, close, marks) == len(amounts):
            return [depth - m + 1 for m in marks]
    return None
