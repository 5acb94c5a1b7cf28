"""基本支出 by 经济分类 in budgets (预算公开表6) whose grid lost its positions, read by the order of cells:
one row per item, 部门经济科目 name, 政府经济科目 name (blank on 类 rows), then one amount per
measure (合计 / 人员经费 / 公用经费, from the header's labels); codes are looked up from the standard
names. A table whose rows name no 部门经济分类 item is another layout and is not read (warned).
"""

from __future__ import annotations

from loaders.model import ParseIssue
from loaders.parse.grid.amounts import is_number, parse_number
from loaders.parse.grid.coded_rows import is_numbering_row
from loaders.parse.grid.header import reading_order
from loaders.parse.grid.lines import join_broken_rows
from loaders.parse.tables.base import TableContext, TableFacts
from loaders.parse.tables.economic.named import EconomicRow, add_printed
from loaders.parse.vocabulary import compact as clean
from loaders.parse.vocabulary import expense_category
from loaders.parse.vocabulary.economic_names import economic_code
from loaders.parse.vocabulary.measures import ECONOMIC_BUDGET_COLUMNS


def _budget_measures(header) -> list[str]:
    measures = []
    for label in reading_order(header):
        measure = next((m for needle, m in ECONOMIC_BUDGET_COLUMNS if needle in label), None)
        if measure and measure not in measures:
            measures.append(measure)
    return measures


def _labelled_rows(lines) -> list[tuple[object, str, str | None, int]]:
    """Each data row with its name, its government name (or None) and where its figures start."""
    rows = []
    for line in join_broken_rows(lines):
        cells = [clean(c) for c in line.cells]
        first_figure = next((i for i, c in enumerate(cells) if is_number(c)), None)
        if first_figure is None or not cells[0] or is_number(cells[0]) or is_numbering_row(cells):
            continue  # the 栏次 row ("** | 1 | 2 | 3") numbers the columns
        labels = [c for c in cells[:first_figure] if c]
        rows.append((line, labels[0], labels[1] if len(labels) > 1 else None, first_figure))
    return rows


def read_positional(ctx: TableContext, lines) -> TableFacts:
    """Budget layout: name, government name (blank on 类 rows), then one amount per measure."""
    facts = TableFacts()
    figures = [any(is_number(clean(c)) for c in ln.cells) and not is_numbering_row(ln.cells) for ln in lines]
    data_start = figures.index(True) if True in figures else None  # after the 栏次 row (** 1 2 3)
    if data_start is None:
        return facts
    measures = _budget_measures(lines[:data_start])
    if not measures:
        facts.issues.append(
            ParseIssue("warning", ctx.title, lines[data_start].lineno, "no 合计/人员经费/公用经费 columns recognised")
        )
        return facts
    rows = _labelled_rows(lines[data_start:])
    unnamed = [name for _, name, _, _ in rows if name not in ("合计", "总计") and economic_code(name) is None]
    if unnamed:
        # rows by unit or by 政府经济分类 (工资和福利支出): a name that happens to match is no 部门经济分类 row
        listed = "、".join(unnamed[:3]) + (" …" if len(unnamed) > 3 else "")
        message = f"rows name no 部门经济分类 item ({listed}): table not read"
        facts.issues.append(ParseIssue("warning", ctx.title, lines[data_start].lineno, message))
        return facts
    for line, name, government, first_figure in rows:
        cells = [clean(c) for c in line.cells]
        is_total = name in ("合计", "总计")
        code = None if is_total else economic_code(name)
        figures = cells[first_figure:]
        while figures and not figures[-1]:
            figures.pop()
        values = dict(zip(measures, figures, strict=False))  # 合计 is never blank on a printed row
        category = (
            "personnel"
            if (parse_number(values.get("personnel", "")) or 0)
            else "public"
            if (parse_number(values.get("public", "")) or 0)
            else None
        )
        by_code = {"personnel": "personnel", "public": "public"}.get(expense_category(code))
        if by_code and len(figures) == 2 and len(measures) == 3 and "total" in measures:
            # layouts that drop blank cells leave 合计 and one figure: the column of the item's class
            values, category = {"total": figures[0], by_code: figures[1]}, by_code
        row = EconomicRow(code, name, category, is_total or government is None, government)
        for measure, raw in values.items():
            add_printed(facts, ctx, line, raw, row, measure)
    return facts
