"""The rows of a 收支总表 as items: a stable key for each known label (总计, 本年收入合计, 一般公共预算财政拨款收入 …),
the 结转 block a side's sub-items belong to, and the grand total where it is printed as 收入合计 / 支出合计.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from loaders.model import SummaryAmount
from loaders.parse.grid.amounts import to_yuan
from loaders.parse.tables.base import TableContext
from loaders.parse.vocabulary import SUMMARY_ITEM_KEYS, label_key
from loaders.parse.vocabulary.tables import SUMMARY_NUMBERING as NUMBERING

ITEM_KEYS = SUMMARY_ITEM_KEYS
EXPENDITURE_MEASURES = ("total", "general_public_budget", "government_fund", "state_capital")


def item_key(label: str) -> str | None:
    """A stable key for the known rows (总计, 本年收入合计, 一般公共预算财政拨款收入 …)."""
    text = NUMBERING.sub("", label_key(label))
    for needle, key in ITEM_KEYS:
        if text in (needle, needle + "收入", needle + "拨款"):
            return key
    return None


def summary_amount(
    ctx: TableContext,
    side: str,
    label: str,
    row_number: int | None,
    measure: str,
    value: Decimal,
    line,
    carryover: dict[str, str],
) -> SummaryAmount:
    """One printed amount with its item key; ``carryover`` remembers the 结转 block a side is in."""
    key = item_key(label)
    if key in ("carryover_begin", "carryover_end"):
        carryover[side] = key
    elif key == "grand_total":
        carryover.pop(side, None)
    elif key and side in carryover:
        key = f"{carryover[side]}:{key}"  # 年初结转和结余 其中 一般公共预算财政拨款
    return SummaryAmount(
        ctx.kind, side, label, key, row_number, measure, to_yuan(value, ctx.unit), line.page, line.lineno
    )


def grand_totals(rows: list[SummaryAmount]) -> list[SummaryAmount]:
    """收入合计 / 支出合计 / 合计 printed as the grand total (Fujian, Jiangsu, Chongqing): the last one on a
    side that prints no 总计 (a 本年收入合计 printed above it stays the current year's total)."""
    grand: set[int] = set()
    for side in ("income", "expenditure"):
        side_rows = [r for r in rows if r.side == side]
        if any(r.item_key == "grand_total" for r in side_rows):
            continue
        totals = [r for r in side_rows if NUMBERING.sub("", label_key(r.item)) in ("收入合计", "支出合计", "合计")]
        if totals:
            last = totals[-1].lineno
            grand.update(id(r) for r in totals if r.lineno == last)
    return [replace(r, item_key="grand_total") if id(r) in grand else r for r in rows]
