"""基本支出 by 经济分类 as one block of coded rows on labelled columns (codes such as ``301 | 01``,
columns 合计 / 人员经费 / 公用经费 or 金额 with 其中：基本支出), read by the generic coded-row
reader (``grid.coded_rows``): cells printed blank or 0 are not rows.
"""

from __future__ import annotations

from loaders.model import EconomicAmount
from loaders.parse.grid.amounts import to_yuan
from loaders.parse.grid.coded_rows import read_coded
from loaders.parse.tables.base import TableContext, TableFacts
from loaders.parse.vocabulary import ECONOMIC_CODE, ECONOMIC_MEASURES, ECONOMIC_TOTALS, expense_category


def parse_grid(ctx: TableContext) -> TableFacts | None:
    """The table's facts, or None when it is not one block of coded rows on its columns."""
    # 基本支出预算 › 小计 is the table's total here, not the 其中：基本支出 of a 金额
    table = read_coded(ctx, ECONOMIC_MEASURES, generic=(), row_labels=ECONOMIC_TOTALS)
    if table is None or not any(row.code and ECONOMIC_CODE.match(row.code) for row in table.rows):
        return None
    facts = TableFacts(issues=table.issues)
    printed = {row.code for row in table.rows if row.code}
    for row in table.rows:
        code = row.code if row.code and ECONOMIC_CODE.match(row.code) else None
        # a 类, or a 款 whose 7-digit items are printed below it: the items are the leaves
        is_subtotal = code is None or len(code) == 3 or any(c != code and c.startswith(code) for c in printed)
        category = expense_category(code) or ECONOMIC_TOTALS.get(row.name)
        for measure, value in row.values.items():
            if not value:
                continue
            facts.rows.append(
                EconomicAmount(
                    ctx.kind,
                    code,
                    row.name,
                    category,
                    measure,
                    to_yuan(value, ctx.unit),
                    is_subtotal,
                    row.line.page,
                    row.line.lineno,
                    row.second_name,
                )
            )
    return facts
