"""Tables keyed by 功能分类 code: 收入决算表, 支出决算表, 一般公共预算财政拨款支出表, 政府性基金, 国有资本经营.

Read from the grid by header labels (``parse_grid`` on ``grid.coded_rows``) wherever the cells keep their
columns; text that lost its positions (loose single-space text, rows printed without
their blank cells) is read here in printed order.
"""

from __future__ import annotations

from decimal import Decimal

from loaders.model import FunctionalAmount, ParseIssue
from loaders.parse.grid.amounts import is_blank, parse_number, to_yuan
from loaders.parse.grid.coded_rows import read_coded
from loaders.parse.grid.header import column_labels, reading_order
from loaders.parse.grid.lines import content_lines
from loaders.parse.tables.base import TableContext, TableFacts
from loaders.parse.vocabulary import FUNCTIONAL_CODE, FUNCTIONAL_MEASURES, TOTAL_LABELS, match_measure
from loaders.parse.vocabulary import compact as clean
from loaders.parse.vocabulary.tables import CODE_HEADER

ZERO = Decimal(0)


def parse_grid(ctx: TableContext) -> TableFacts | None:
    """The table's facts, or None when its cells lost their columns (read positionally then)."""
    table = read_coded(ctx, FUNCTIONAL_MEASURES)
    if table is None:
        return None
    facts = TableFacts(issues=table.issues)
    for row in table.rows:
        for measure, value in row.values.items():
            facts.rows.append(
                FunctionalAmount(
                    ctx.kind,
                    row.code,
                    row.name,
                    measure,
                    to_yuan(value if value is not None else ZERO, ctx.unit),
                    row.code is None,
                    row.line.page,
                    row.line.lineno,
                )
            )
    return facts


def _is_data(cells: tuple[str, ...]) -> bool:
    first = clean(cells[0]) if cells else ""
    return bool(FUNCTIONAL_CODE.match(first)) or first in TOTAL_LABELS


def _measures(header, n_cols: int) -> list[str]:
    aligned = [match_measure(label, FUNCTIONAL_MEASURES) for label in column_labels(header, 2, n_cols)]
    if all(aligned) and len(set(aligned)) == len(aligned):
        return aligned
    ordered = []
    for label in _leaf_order(header):
        measure = match_measure(label, FUNCTIONAL_MEASURES)
        if measure and (not ordered or ordered[-1] != measure):
            ordered.append(measure)
    return ordered


def _leaf_order(header) -> list[str]:
    """Header labels in column order when positions are lost (loose text).

    Labels printed above the 科目编码 line head the columns: the first one spans the
    columns printed under it (本年收入 over 合计 … 单位资金, 2023年预算数 over 合计 …
    项目支出); any after it are columns of their own to the right (上年结转).
    """
    code_line = next((i for i, line in enumerate(header) if CODE_HEADER.search(clean(line.text))), None)
    if code_line is None or code_line == 0:
        return reading_order(header)
    below = [
        label
        for label in reading_order(header[code_line:])
        if not CODE_HEADER.search(label) and not label.startswith("科目名称")
    ]
    if not below:  # the column labels all stand above the code line (aligned layouts)
        return reading_order(header)
    above = [label for label in reading_order(header[:code_line]) if label not in ("项目", "项目名称")]
    return below + above[1:]


def parse(ctx: TableContext) -> TableFacts:
    by_grid = parse_grid(ctx)
    return by_grid if by_grid is not None else _positional(ctx)


def _positional(ctx: TableContext) -> TableFacts:
    """Columns in printed order, for text whose positions are lost (loose, collapsed rows)."""
    facts = TableFacts()
    lines = content_lines(ctx.lines)
    data_start = next((i for i, line in enumerate(lines) if _is_data(line.cells)), None)
    if data_start is None:
        return facts
    header = [ln for ln in lines[:data_start] if "栏次" not in clean(ln.text)]
    data = [ln for ln in lines[data_start:] if _is_data(ln.cells)]
    # the header decides how many columns there are: trailing blank cells may be cut from data rows
    n_cols = max([len(ln.cells) - 2 for ln in data] + [len(ln.cells) - 2 for ln in header])
    measures = _measures(header, max(n_cols, 1))
    if not measures:
        facts.issues.append(ParseIssue("warning", ctx.title, lines[0].lineno, "no column labels recognised"))
        return facts
    for line in data:
        cells = line.cells
        label = clean(cells[0])
        is_total = label in TOTAL_LABELS
        if is_total:
            # aligned layouts leave the name cell of the 合计 row empty; collapsed ones drop it
            values = cells[2:] if len(cells) > 1 and is_blank(cells[1]) else cells[1:]
            code, name = None, label
        else:
            code, name, values = label, clean(cells[1]) if len(cells) > 1 else "", cells[2:]
        for measure, cell in zip(measures, list(values) + [""] * (len(measures) - len(values)), strict=False):
            try:
                value = parse_number(cell)
            except ValueError:
                facts.issues.append(ParseIssue("warning", ctx.title, line.lineno, f"unreadable cell {cell!r}"))
                continue
            facts.rows.append(
                FunctionalAmount(
                    ctx.kind,
                    code,
                    name,
                    measure,
                    to_yuan(value if value is not None else ZERO, ctx.unit),
                    is_total,
                    line.page,
                    line.lineno,
                )
            )
    return facts
