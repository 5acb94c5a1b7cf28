"""三公 items as columns (final accounts, most budgets), under phase or year groups (预算数 | 决算数,
2025年 | 2026年, 当年预算 | 上年结转) or with phases as rows (rows 预算数 / 决算数), and with one row per
unit (合计 first, or the department and each unit). Which item and group each column holds comes
from the header (``header``); a column nobody knows is kept out and named in a warning.
"""

from __future__ import annotations

from decimal import Decimal

from loaders.model import Line, ParseIssue, StatisticItem, ThreePublicAmount
from loaders.parse.grid.amounts import is_blank, is_number
from loaders.parse.grid.lines import is_column_numbers
from loaders.parse.grid.sums import proven_zeros
from loaders.parse.tables.base import TableContext, TableFacts
from loaders.parse.tables.three_public.common import (
    STATISTICS,
    SUMS,
    amount_of,
    default_phase,
    has_figure,
    is_figure_row,
    wanted,
)
from loaders.parse.tables.three_public.header import (
    column_items,
    duplicated,
    in_reading_order,
    item_of_path,
    phase_of_columns,
    resolve,
    source_part,
)
from loaders.parse.vocabulary import compact as clean
from loaders.parse.vocabulary.three_public import CONTRACT_ITEMS, Group, group_of, item_of


def read_columns(ctx: TableContext, lines: list[Line]) -> TableFacts:
    facts = TableFacts()
    data = [ln for ln in lines if is_figure_row(ln) and not is_column_numbers(ln)]
    if not data:
        return facts
    first = lines.index(data[0])
    header = [ln for ln in lines[:first] if not is_column_numbers(ln)]
    data = _block(lines[first:], len(data[0].cells))
    if not any(item_of(cell) in CONTRACT_ITEMS for line in header for cell in line.cells if clean(cell)):
        # a sum (总计, 合计) alone does not make a 三公 table: an economic table's 支出总计 is not the 三公 total
        facts.issues.append(
            ParseIssue("warning", ctx.title, data[0].lineno, "no 三公 item among the column labels: not read")
        )
        return facts
    # rows that end in blank cells may be printed without them: the widest row is the table's width
    n = max(len(ln.cells) for ln in header + data)
    paths, groups, loose, unplaced = column_items(header, n)
    split = [source_part(p) for p in paths]
    parts = {j for j, (_, is_part) in enumerate(split) if is_part}
    raw = [item_of_path(p) for p, _ in split]
    # X beside X › 小计 under one merged X (a label repeated as its own sub-column reads once): a part of X
    sums = {p[:-1] for p, _ in split if p and item_of(p[-1]) == "subtotal"}
    raw = [f"part:{i}" if i in CONTRACT_ITEMS and p in sums else i for i, (p, _) in zip(raw, split, strict=True)]
    groups = phase_of_columns(raw, groups, loose)
    items = resolve(raw, groups, parts)
    figure_columns = {j for ln in data for j, c in enumerate(ln.cells) if is_number(clean(c))}
    placed_by_spans = any(ln.spans for ln in header)  # the table model placed every label: no second guess
    if not placed_by_spans and (None in items or duplicated(items, groups, parts)):
        ordered = in_reading_order(header)
        if len(ordered) == n:
            all_groups = [g for ln in header for g in map(group_of, ln.cells) if g]
            items, groups = ordered, phase_of_columns(ordered, [None] * n, all_groups)
    if len(loose) > 1 and not any(groups):
        facts.issues.append(
            ParseIssue(
                "warning",
                ctx.title,
                data[0].lineno,
                f"groups {[g.phase or g.year for g in loose]} not matched to columns: kept out",
            )
        )
        return facts
    # a part of an item is kept out where a 小计 beside it holds the item, else it is unknown (warned)
    items = [None if i and i.startswith("part:") and i.removeprefix("part:") not in items else i for i in items]
    lost = sorted({label for label in unplaced if item_of(label) in CONTRACT_ITEMS and item_of(label) not in items})
    if lost:
        facts.issues.append(
            ParseIssue(
                "warning",
                ctx.title,
                data[0].lineno,
                f"header labels {lost} not placed over columns: their figures are kept out",
            )
        )
    for j in sorted(figure_columns):
        if j < n and items[j] is None:
            facts.issues.append(
                ParseIssue(
                    "warning",
                    ctx.title,
                    data[0].lineno,
                    f"column {j + 1} ({' › '.join(paths[j]) or 'no label'}) is not a 三公 item: kept out",
                )
            )
    padding = (
        {j for j in range(1, n) if j not in figure_columns and paths[j] and paths[j] == paths[j - 1][: len(paths[j])]}
        if placed_by_spans
        else set()
    )
    for line, row_group in _data_rows(ctx, data):
        if line.spaced and sum(1 for c in line.cells if clean(c)) < n:
            facts.issues.append(
                ParseIssue(
                    "warning",
                    ctx.title,
                    line.lineno,
                    f"row of {sum(1 for c in line.cells if clean(c))} cells under {n} columns, laid out by "
                    "spaces alone: which columns it fills is unknown, not read",
                )
            )
            continue
        taken: dict[tuple[str, str], tuple[Decimal, int]] = {}
        empty: dict[tuple[str, str], int] = {}  # items whose column prints nothing on this row
        for j, cell in enumerate(line.cells[:n] + ("",) * (n - len(line.cells))):
            item, group = items[j], groups[j]
            if (item not in CONTRACT_ITEMS and item not in STATISTICS) or j in padding:
                continue  # padding: a column of the ruling under a merged label, printing nothing
            if not wanted(group, ctx.fiscal_year) or not wanted(row_group, ctx.fiscal_year):
                continue
            phase = (row_group and row_group.phase) or (group and group.phase) or default_phase(ctx)
            key = (phase, item)
            before = taken[key][1] if key in taken else empty.get(key, -1)
            if before >= 0 and j in parts and before in parts:
                value = amount_of(facts, ctx, line, cell)  # one more funding source of the same item
                if value is not None:
                    taken[key] = (taken.get(key, (Decimal(0), -1))[0] + value, j)
                    empty.pop(key, None)
                continue
            if before >= 0 and (groups[before] is None) != (group is None):
                # a sum over the groups (合计 before 当年预算 | 上年结转) beside the kept group's own column:
                # the group's column is read, so that its items and total come from one group
                if group is None:
                    continue
                taken.pop(key, None)
                empty.pop(key, None)
            if key in taken or key in empty:
                facts.issues.append(
                    ParseIssue("warning", ctx.title, line.lineno, f"two columns read as {phase} {item}: both kept out")
                )
                taken[key] = (Decimal(0), -1)
                empty.pop(key, None)
                continue
            value = amount_of(facts, ctx, line, cell)
            if value is not None:
                taken[key] = (value, j)
            elif not clean(cell):
                empty[key] = j
        for phase in dict.fromkeys(p for p, _ in empty):
            printed = {i: v for (p, i), (v, j) in taken.items() if p == phase and j >= 0}
            for item in proven_zeros(printed, [i for p, i in empty if p == phase], SUMS):
                taken[(phase, item)] = (Decimal("0.00"), empty[(phase, item)])
        for (phase, item), (value, j) in taken.items():
            if j < 0:
                continue
            if item in STATISTICS:
                facts.rows.append(
                    StatisticItem("table", STATISTICS[item], "total", value, None, line.page, line.lineno)
                )
            else:
                facts.rows.append(ThreePublicAmount(ctx.kind, phase, item, value, line.page, line.lineno))
    return facts


def _block(lines: list[Line], n: int) -> list[Line]:
    """The figure rows right under the header: they end at the first line without a figure
    (or, in a PDF, of another width), where the region may run on into the next table."""
    block = []
    for line in lines:
        if is_column_numbers(line):
            continue
        if not has_figure(line) or (line.page is not None and len(line.cells) != n):
            break
        block.append(line)
    return block


def _data_rows(ctx: TableContext, data: list[Line]) -> list[tuple[Line, Group | None]]:
    """The rows to read: each wanted phase/year row, else the 合计 row, else the first (the department)."""
    labelled = []
    for line in data:
        labels = [clean(c) for c in line.cells if clean(c) and not is_number(clean(c)) and not is_blank(clean(c))]
        group = next((g for g in map(group_of, labels) if g), None)
        labelled.append((line, labels, group))
    if any(group for _, _, group in labelled):
        return [(line, group) for line, _, group in labelled if group]
    totals = [line for line, labels, _ in labelled if any(item_of(ln) == "subtotal" for ln in labels)]
    if totals:
        return [(totals[0], None)]
    return [(labelled[0][0], None)]
