"""三公 items as rows (项目 | 预算数; 行政经费 and 三公 with indented 其中 rows): the first amount column
(合计 or 预算数), or the document year's.
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
    first_label,
    has_figure,
    wanted,
)
from loaders.parse.vocabulary import compact as clean
from loaders.parse.vocabulary.three_public import CONTRACT_ITEMS, group_of, item_of


def item_rows(lines: list[Line]) -> list[tuple[Line, int, str]]:
    """(line, label column, item) of rows that name a 三公 item and print figures or blanks after it."""
    rows = []
    for line in lines:
        at, label = first_label(line)
        item = item_of(label) if label and not is_number(label) and not label.endswith("表") else None
        rest = [clean(c) for c in line.cells[at + 1 :]]
        if item and item != "subtotal" and all(is_number(c) or is_blank(c) for c in rest):
            rows.append((line, at, item))
    return rows


def read_rows(ctx: TableContext, lines: list[Line], rows: list[tuple[Line, int, str]]) -> TableFacts:
    """Items as rows: the first amount column (合计 or 预算数), or the document year's."""
    facts = TableFacts()
    header = [ln for ln in lines[: lines.index(rows[0][0])] if not is_column_numbers(ln)]
    groups = [(j, group_of(c)) for ln in header for j, c in enumerate(ln.cells) if group_of(c)]
    chosen = [(j, g) for j, g in groups if wanted(g, ctx.fiscal_year)]
    column = chosen[0][0] if chosen and len(groups) > 1 else None
    phase = next((g.phase for _, g in chosen if g.phase), None) or default_phase(ctx)
    named_total = any(item == "total" and has_figure(line) for line, _, item in rows)
    related = any(item not in CONTRACT_ITEMS for _, _, item in rows)
    seen: dict[str, Decimal] = {}
    empty: dict[str, Line] = {}  # items whose row prints nothing in the column read
    for line in lines:
        at, label = first_label(line)
        rest = [clean(c) for c in line.cells[at + 1 :]]
        if (
            not label
            or is_number(label)
            or is_column_numbers(line)
            or label.endswith("表")
            or not all(is_number(c) or is_blank(c) for c in rest)
            or (item_of(label) is None and not any(rest))
        ):
            continue
        item = item_of(label)
        if item == "subtotal" and not named_total and not related:
            item = "total"  # 合计 of a table that lists only 三公 items
        if item == "total" and not any(rest):
            continue  # a heading such as “三公”经费 over its 其中 rows
        cells = line.cells[at + 1 :] if column is None else line.cells[column : column + 1]
        cell = next((c for c in cells if clean(c)), "")
        if item in CONTRACT_ITEMS or item in STATISTICS:
            value = amount_of(facts, ctx, line, cell)
            if value is None:
                if not clean(cell) and item in CONTRACT_ITEMS:
                    empty.setdefault(item, line)
                continue
            if item in seen:
                if seen[item] != value:
                    facts.issues.append(
                        ParseIssue(
                            "warning",
                            ctx.title,
                            line.lineno,
                            f"{item} printed twice ({seen[item]} and {value}): the first kept",
                        )
                    )
                continue
            seen[item] = value
            if item in STATISTICS:
                facts.rows.append(
                    StatisticItem("table", STATISTICS[item], "total", value, None, line.page, line.lineno)
                )
            else:
                facts.rows.append(ThreePublicAmount(ctx.kind, phase, item, value, line.page, line.lineno))
        elif item is None:
            facts.issues.append(
                ParseIssue("warning", ctx.title, line.lineno, f"row {label!r} is not a 三公 item: kept out")
            )
    printed = {item: value for item, value in seen.items() if item in CONTRACT_ITEMS}
    for item in proven_zeros(printed, [i for i in empty if i not in seen], SUMS):
        line = empty[item]
        facts.rows.append(ThreePublicAmount(ctx.kind, phase, item, Decimal("0.00"), line.page, line.lineno))
    return facts
