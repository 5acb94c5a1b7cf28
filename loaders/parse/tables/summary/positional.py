"""收支总表 read by the order of its cells, for text whose cells lost their columns (loose, collapsed rows).

Each row holds up to two items, each a label, a 行次 and one or more amounts. Some
extractions drop the empty cells of an empty income side, so sides are told apart by
whether anything, even a blank cell, stands before the label in its row.
"""

from __future__ import annotations

from decimal import Decimal

from loaders.model import ParseIssue
from loaders.parse.grid.amounts import INTEGER, is_blank, is_number, parse_number
from loaders.parse.grid.lines import content_lines, join_broken_rows
from loaders.parse.tables.base import TableContext, TableFacts
from loaders.parse.tables.summary.items import EXPENDITURE_MEASURES, grand_totals, summary_amount
from loaders.parse.vocabulary import compact as clean
from loaders.parse.vocabulary.tables import SKIP


def _is_label(cell: str) -> bool:
    text = clean(cell)
    return bool(text) and not is_number(text) and not is_blank(text) and text not in SKIP


def read_positional(ctx: TableContext) -> TableFacts:
    """Items in printed order, for text whose cells lost their columns (loose, collapsed rows)."""
    facts = TableFacts()
    lines = join_broken_rows(content_lines(ctx.lines))
    has_row_numbers = any("行次" in clean(ln.text) for ln in lines[:8])
    started = False
    carryover: dict[str, str] = {}  # side → the carry-over block its sub-items belong to
    for line in lines:
        cells = [clean(c) for c in line.cells]
        if not started:
            if (
                "栏次" in cells
                or "档次" in cells
                or (cells and cells[0] not in SKIP and any(is_number(c) for c in cells))
            ):
                started = True
            if "栏次" in cells or "档次" in cells:
                continue
        if not started or len(cells) < 2 or not any(is_number(c) for c in cells):
            continue  # the header repeated on a continuation page, or a row printing no figure
        i, seen_content = 0, False
        while i < len(cells):
            cell = cells[i]
            if not _is_label(cell):
                seen_content = True  # a blank cell before a label is the blank income side
                i += 1
                continue
            label, side = cell, "expenditure" if seen_content else "income"
            seen_content = True
            i += 1
            row_number = None
            if has_row_numbers and i < len(cells) and INTEGER.match(cells[i]):
                row_number, i = int(Decimal(cells[i])), i + 1
            amounts = []
            while i < len(cells) and not _is_label(cells[i]):
                amounts.append(cells[i])
                i += 1
            measures = ("amount",) if side == "income" or ctx.kind != "fiscal_summary" else EXPENDITURE_MEASURES
            for measure, cell_value in zip(measures, amounts or [""], strict=False):
                try:
                    value = parse_number(cell_value)
                except ValueError:
                    facts.issues.append(
                        ParseIssue("warning", ctx.title, line.lineno, f"unreadable cell {cell_value!r}")
                    )
                    continue
                if value is None:
                    continue
                facts.rows.append(summary_amount(ctx, side, label, row_number, measure, value, line, carryover))
    facts.rows = grand_totals(facts.rows)
    return facts
