"""基本支出 by 经济分类 printed by name only (no codes), read from the grid by its column labels.

Columns come from the vocabulary (合计/总计, 人员经费/人员类, 公用经费/公用类); columns that split
the total by source of funds (资金来源: 财政拨款, 一般公共预算, 单位资金, 上年结余 … printed beside a
总计, Shenzhen's 基本支出总表) are a breakdown the warehouse has no place for: kept out and named in
an info note, never read as a measure. Codes come from the standard names (``economic_names``).

A name wrapped around its row (``机关事业单位基本养老保险缴`` / figures / ``费``) is rejoined from
the name-only lines beside the row, kept only where the joined name is a standard one. A first
row naming no 经济分类 item (the 预算单位, ``某局(本级)``) is the table's total only where its
figures equal the sum of the 类 rows (else it is named in a warning and not read). Any other row
naming no standard item means the table is another layout (rows by unit, by 功能分类, by
政府经济分类): None is returned, as where the grid lost its positions or prints two name columns
(部门 and 政府经济科目 names), for the positional reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from loaders.model import EconomicAmount, Line, ParseIssue
from loaders.parse.grid.amounts import is_blank, is_number, parse_number, to_yuan
from loaders.parse.grid.checks import last_digit, tolerance
from loaders.parse.grid.coded_rows import grid_header, has_figure
from loaders.parse.grid.columns import map_columns, measure_of
from loaders.parse.grid.grid import grid_from_lines
from loaders.parse.grid.lines import content_lines
from loaders.parse.tables.base import TableContext, TableFacts
from loaders.parse.vocabulary import ECONOMIC_MEASURES, compact, expense_category, is_total_label
from loaders.parse.vocabulary.economic_names import economic_code
from loaders.parse.vocabulary.measures import FUNDING_SOURCES


@dataclass(frozen=True)
class NamedRow:
    """One row of figures with its name as printed (rejoined where wrapped) and its line."""

    name: str
    cells: tuple[str, ...]
    line: Line


def _is_word(text: str) -> bool:
    flat = compact(text)
    return bool(flat) and not is_number(flat) and not is_blank(flat)


def _name_piece(line: Line, label: int) -> str:
    """The text of a line printing nothing but a piece of a name in the name column, else ""."""
    filled = [(k, c) for k, c in enumerate(line.cells) if c.strip()]
    if len(filled) != 1 or not _is_word(filled[0][1]):
        return ""
    k, text = filled[0]
    column = line.columns[k] if line.columns and k < len(line.columns) else k
    return compact(text) if column == label else ""


def _rows(
    rows: Sequence[tuple[str, ...]], row_lines: Sequence[Line], lines: Sequence[Line], label: int
) -> list[NamedRow]:
    """Rows of figures, each with its name; the name pieces printed on the lines just above and below
    a row are joined to it where its own name is missing or no standard one and the joined name is."""
    at = {line.lineno: i for i, line in enumerate(lines)}
    used: set[int] = set()
    out = []
    for cells, line in zip(rows, row_lines, strict=True):
        if not has_figure(cells):
            continue
        own = compact(cells[label])
        name = own
        i = at.get(line.lineno)
        if i is not None and (not own or (economic_code(own) is None and not is_total_label(own))):
            above = _name_piece(lines[i - 1], label) if i > 0 and i - 1 not in used else ""
            below = _name_piece(lines[i + 1], label) if i + 1 < len(lines) else ""
            for joined, taken in (
                (above + own + below, {i - 1, i + 1}),
                (above + own, {i - 1}),
                (own + below, {i + 1}),
            ):
                if joined != own and economic_code(joined):
                    name = joined
                    used |= taken
                    break
        out.append(NamedRow(name, cells, line))
    return out


def read_named(ctx: TableContext) -> TableFacts | None:
    lines = content_lines(ctx.lines)
    grid = grid_from_lines(lines)
    found = grid_header(grid)
    if found is None:
        return None
    data_start, header = found
    rows = [grid.row_under(r, header) for r in range(data_start, grid.n_rows)]
    columns = map_columns(header, range(grid.n_cols), ECONOMIC_MEASURES)
    if not columns.measures:
        return None
    first = min(columns.measures)
    labels = [c for c in range(first) if any(_is_word(cells[c]) for cells in rows)]
    if len(labels) != 1 or any(_is_word(cells[c]) for cells in rows if has_figure(cells) for c in columns.measures):
        return None  # two name columns, or words among the figures: positions are lost
    figures = _rows(rows, grid.lines[data_start:], lines, labels[0])
    read: list[tuple[str | None, str, NamedRow]] = []
    for n, row in enumerate(figures):
        code = None if is_total_label(row.name) else economic_code(row.name)
        if code is None and not is_total_label(row.name) and not (n == 0 and row.name):
            return None  # rows by unit, by 功能分类 or by another classification: not this layout
        read.append((code, "合计" if code is None else row.name, row))
    facts = TableFacts()
    sources = {c: p for c, p in columns.unknown.items() if measure_of(p, FUNDING_SOURCES)}
    unknown = {c: p for c, p in columns.unknown.items() if c not in sources}
    if any(is_number(compact(r.cells[c])) for r in figures for c in unknown):
        facts.issues.append(_kept_out("warning", ctx, figures[0].line, "columns not recognised, kept out", unknown))
    if sources and "total" in columns.measures.values():
        note = "columns splitting the total by source of funds, kept out"
        facts.issues.append(_kept_out("info", ctx, figures[0].line, note, sources))
    if read and read[0][0] is None and not is_total_label(read[0][2].name):
        first_row = read[0][2]
        if not _totals_classes(read, columns.measures, ctx.unit, grid):
            message = f"first row {first_row.name!r} names no 经济分类 item and is not the sum of the 类 rows: not read"
            facts.issues.append(ParseIssue("warning", ctx.title, first_row.line.lineno, message))
            read = read[1:]
    for code, name, row in read:
        for col, measure in sorted(columns.measures.items()):
            row_amount = EconomicRow(code, name, expense_category(code), code is None or len(code) == 3)
            add_printed(facts, ctx, row.line, row.cells[col], row_amount, measure)
    return facts


@dataclass(frozen=True)
class EconomicRow:
    """What a row of a 基本支出 table says of its figures, whichever layout printed it."""

    code: str | None
    name: str
    category: str | None
    is_subtotal: bool
    government: str | None = None


def add_printed(facts: TableFacts, ctx: TableContext, line: Line, raw: str, row: EconomicRow, measure: str) -> None:
    """The cell's amount as an EconomicAmount of ``row`` under ``measure``; nothing for a blank,
    zero or unreadable cell (see ``printed_amount``)."""
    value = printed_amount(facts, ctx, line, raw)
    if value is None:
        return
    facts.rows.append(
        EconomicAmount(
            ctx.kind,
            row.code,
            row.name,
            row.category,
            measure,
            to_yuan(value, ctx.unit),
            row.is_subtotal,
            line.page,
            line.lineno,
            row.government,
        )
    )


def printed_amount(facts: TableFacts, ctx: TableContext, line: Line, raw: str) -> Decimal | None:
    """The cell's amount; None for a blank, zero or unreadable cell (the last with a warning)."""
    try:
        value = parse_number(raw)
    except ValueError:
        facts.issues.append(ParseIssue("warning", ctx.title, line.lineno, f"unreadable cell {raw!r}"))
        return None
    return value or None


def _totals_classes(read, measures: dict[int, str], unit: str, grid) -> bool:
    """Whether the first row's figures equal, column by column, the sum of the 类 rows under it
    (within the rounding of the printed cells)."""
    digit = last_digit((c for line in grid.lines for c in line.cells), unit)
    classes = [row for code, _, row in read[1:] if code and len(code) == 3]
    if not classes:
        return False
    try:
        for col in measures:
            parts = [to_yuan(parse_number(row.cells[col]) or Decimal(0), unit) for row in classes]
            total = to_yuan(parse_number(read[0][2].cells[col]) or Decimal(0), unit)
            if abs(total - sum(parts, Decimal(0))) > tolerance(len(parts), digit):
                return False
    except ValueError:
        return False  # an unreadable cell: nothing to compare (the cell is named where it is read)
    return True


def _kept_out(severity: str, ctx: TableContext, line, what: str, paths: dict[int, tuple[str, ...]]) -> ParseIssue:
    return ParseIssue(
        severity,
        ctx.title,
        line.lineno,
        f"{what}: " + "; ".join(f"column {c + 1} ({' › '.join(p)})" for c, p in sorted(paths.items())),
    )
