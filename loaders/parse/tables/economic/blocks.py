"""基本支出 by 经济分类 printed as blocks of (code, name, amount) side by side (final accounts' 公开06表):
blocks of 人员经费 and 公用经费 items next to each other, some with a second amount column
(其中：基本支出) beside each 金额. Cells printed blank, '——' or 0 are not rows.
"""

from __future__ import annotations

from loaders.parse.grid.amounts import is_blank, is_number
from loaders.parse.tables.base import TableContext, TableFacts
from loaders.parse.tables.economic.named import EconomicRow, add_printed
from loaders.parse.vocabulary import ECONOMIC_CODE, ECONOMIC_TOTALS, expense_category
from loaders.parse.vocabulary import compact as clean

TOTALS = ECONOMIC_TOTALS


def read_blocks(ctx: TableContext, lines) -> TableFacts:
    facts = TableFacts()
    head = clean("".join(ln.text for ln in lines[:6]))
    measures = ("amount", "basic") if "其中" in head and "基本支出" in head else ("amount",)
    for line in lines:
        cells = [clean(c) for c in line.cells]
        i = 0
        while i < len(cells):
            cell = cells[i]
            if ECONOMIC_CODE.match(cell) and i + 1 < len(cells) and not is_number(cells[i + 1]):
                code, name, i = cell, cells[i + 1], i + 2
            elif cell in TOTALS:
                code, name, i = None, cell, i + 1
                while i < len(cells) and is_blank(cells[i]) and any(not is_blank(c) for c in cells[i:]):
                    i += 1  # totals may sit in the last column
            else:
                i += 1
                continue
            for measure in measures:
                if i >= len(cells) or ECONOMIC_CODE.match(cells[i]) or cells[i] in TOTALS:
                    break
                raw, i = cells[i], i + 1
                category = TOTALS.get(name) or expense_category(code)
                row = EconomicRow(code, name, category, code is None or len(code) == 3)
                add_printed(facts, ctx, line, raw, row, measure)
    return facts
