"""基本支出明细表 by 经济分类 (kind ``basic_expenditure_economic``).

The kind declares:
- titles: 基本支出 tables by 经济分类 (``vocabulary.document.TITLE_RULES``, recognised by ``document.segment``);
- column roles: 合计 / 人员经费 / 公用经费, or 金额 with 其中：基本支出 (``vocabulary.ECONOMIC_MEASURES``);
- row meaning: one 部门经济分类 item (类 301 …, 款 30101 …) or a total; 人员经费合计 / 公用经费合计
  rows are kept as printed (``vocabulary.ECONOMIC_TOTALS``).

Its layouts, each a module of this package, tried in this order:
``coded`` (coded rows on labelled columns), ``named`` (names without codes, by the grid's column
labels), ``positional`` (budgets' named rows whose grid lost its positions) and ``blocks``
((code, name, amount) blocks side by side).
"""

from __future__ import annotations

from loaders.parse.grid.lines import content_lines
from loaders.parse.tables.base import TableContext, TableFacts
from loaders.parse.tables.economic.blocks import read_blocks
from loaders.parse.tables.economic.coded import parse_grid
from loaders.parse.tables.economic.named import read_named
from loaders.parse.tables.economic.positional import read_positional
from loaders.parse.vocabulary import ECONOMIC_CODE
from loaders.parse.vocabulary import compact as clean


def parse(ctx: TableContext) -> TableFacts:
    by_grid = parse_grid(ctx)
    if by_grid is not None:
        return by_grid
    lines = content_lines(ctx.lines)
    if not any(ECONOMIC_CODE.match(clean(c)) for line in lines for c in line.cells):
        by_name = read_named(ctx)
        return by_name if by_name is not None else read_positional(ctx, lines)
    return read_blocks(ctx, lines)
