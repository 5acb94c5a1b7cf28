"""收支总表 (kinds ``income_expenditure_summary``, ``fiscal_summary``): income items left, expenditure items right.

The kind declares:
- titles: 收入支出(决算)总表, 财政拨款收入支出(决算)总表 (``vocabulary.document.TITLE_RULES``);
- column roles: per side a label, a 行次 and one amount (``amount``), or 财政拨款's 合计 / 一般公共预算 /
  政府性基金 / 国有资本经营 (``vocabulary.FISCAL_SUMMARY_MEASURES``);
- row meaning: one item of a side, keyed by its label (``items``).

Read from the grid by its header (``by_header``) wherever cells keep their columns, otherwise by the
order of cells (``positional``).
"""

from __future__ import annotations

from loaders.parse.tables.base import TableContext, TableFacts
from loaders.parse.tables.summary.by_header import read_summary
from loaders.parse.tables.summary.items import grand_totals, summary_amount
from loaders.parse.tables.summary.positional import read_positional


def parse(ctx: TableContext) -> TableFacts:
    read = read_summary(ctx)
    if read is None:
        return read_positional(ctx)
    cells, issues = read
    facts = TableFacts(issues=issues)
    carryover: dict[str, str] = {}
    for cell in cells:
        facts.rows.append(
            summary_amount(ctx, cell.side, cell.label, cell.row_number, cell.measure, cell.value, cell.line, carryover)
        )
    facts.rows = grand_totals(facts.rows)
    return facts
