"""基本支出明细表 by 经济分类: one block of coded rows read from the grid by labels (``parse_grid``),
else final accounts' code triples, or budgets' named rows (by their labels in ``economic_named``
where the grid keeps its columns, else positionally here).

Final accounts (公开06表) print (code, name, amount) triples side by side, blocks of
人员经费 and 公用经费 next to each other; some print a second amount column
(其中：基本支出) beside each 金额. Budgets (预算公开表6) print one row per item:
部门经济科目 name, 政府经济科目 name, then 合计 / 人员经费 / 公用经费; their codes
are looked up from the standard names. Cells printed blank, '——' or 0 are not rows.
"""

from __future__ import annotations

from loaders.model import EconomicAmount, ParseIssue
from loaders.parse.grid.amounts import is_blank, is_number, parse_number, to_yuan
from loaders.parse.grid.header import reading_order
from loaders.parse.tables.base import TableContext, TableFacts, clean, content_lines, join_broken_rows
from loaders.parse.tables.coded_grid import is_numbering_row, read_coded
from loaders.parse.tables.economic_named import printed_amount as _printed_amount
from loaders.parse.tables.economic_named import read_named
from loaders.parse.vocabulary import ECONOMIC_CODE, ECONOMIC_MEASURES, ECONOMIC_TOTALS, expense_category
from loaders.parse.vocabulary.economic_names import economic_code
from loaders.parse.vocabulary.measures import ECONOMIC_BUDGET_COLUMNS

TOTALS = ECONOMIC_TOTALS


# One block of coded rows on labelled columns (codes such as ``301 | 01``, columns 合计 / 人员经费 /
# 公用经费 or 金额 with 其中：基本支出): cells printed blank or 0 are not rows.
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


def parse(ctx: TableContext) -> TableFacts:
    by_grid = parse_grid(ctx)
    if by_grid is not None:
        return by_grid
    lines = content_lines(ctx.lines)
    if not any(ECONOMIC_CODE.match(clean(c)) for line in lines for c in line.cells):
        by_name = read_named(ctx)
        return by_name if by_name is not None else _named_rows(ctx, lines)
    return _code_triples(ctx, lines)


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


def _named_rows(ctx: TableContext, lines) -> TableFacts:
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
        for measure, raw in values.items():
            value = _printed_amount(facts, ctx, line, raw)
            if value is None:
                continue
            facts.rows.append(
                EconomicAmount(
                    ctx.kind,
                    code,
                    name,
                    category,
                    measure,
                    to_yuan(value, ctx.unit),
                    is_total or government is None,
                    line.page,
                    line.lineno,
                    government,
                )
            )
    return facts


def _code_triples(ctx: TableContext, lines) -> TableFacts:
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
                value = _printed_amount(facts, ctx, line, raw)
                if value is None:
                    continue
                category = TOTALS.get(name) or expense_category(code)
                facts.rows.append(
                    EconomicAmount(
                        ctx.kind,
                        code,
                        name,
                        category,
                        measure,
                        to_yuan(value, ctx.unit),
                        code is None or len(code) == 3,
                        line.page,
                        line.lineno,
                    )
                )
    return facts
