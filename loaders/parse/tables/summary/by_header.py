"""收支总表 read from the grid: sides and amount columns found by the header, never by position.

Columns holding row labels are the sides (the first the income side, the next the
expenditure side); a column headed 行次 holds row numbers; every other column with
figures belongs to the side on its left. A side's amount column is ``amount`` where the
side has one; where it has several (财政拨款收支总表's 合计 / 一般公共预算 / 政府性基金 /
国有资本经营) each is named by its label through the vocabulary, and a column nobody knows
is kept out with a warning. Returns None when the grid lost its positions.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from loaders.model import ParseIssue
from loaders.parse.grid.amounts import INTEGER, is_blank, is_number, parse_number
from loaders.parse.grid.checks import last_digit, tolerance
from loaders.parse.grid.coded_rows import has_figure, is_meta_row, is_numbering_row
from loaders.parse.grid.columns import measure_of
from loaders.parse.grid.grid import grid_from_lines, read_header
from loaders.parse.grid.lines import content_lines
from loaders.parse.tables.base import TableContext
from loaders.parse.vocabulary import FISCAL_SUMMARY_MEASURES, UNIT_FACTOR, compact
from loaders.parse.vocabulary.measures import COMPARISONS
from loaders.parse.vocabulary.tables import ROW_NUMBER_LABELS, SPILLED_TAIL, TOTAL_WORDS


def is_total_column(path: tuple[str, ...]) -> bool:
    return any(k in "".join(path) for k in TOTAL_WORDS)


@dataclass(frozen=True)
class SummaryCell:
    """One printed amount of a 收支总表 row: its side, label, 行次, measure and value."""

    side: str
    label: str
    row_number: int | None
    measure: str
    value: Decimal
    line: object


def _is_word(text: str) -> bool:
    flat = compact(text)
    return bool(flat) and not is_number(flat) and not is_blank(flat)


def _holds_labels(column: list[str]) -> bool:
    """Whether a column's cells are row labels: words, other than the spilled tails of the labels on
    its left in a column of figures."""
    words = [compact(t) for t in column if _is_word(t)]
    has_figures = any(is_number(compact(t)) for t in column)
    return bool(words) and not (has_figures and all(SPILLED_TAIL.match(w) for w in words))


def _tails_back(row: tuple[str, ...], amounts: list[int], owner: dict[int, int | None]) -> tuple[str, ...]:
    """The row with each label's spilled tail given back from the amount cell right of it."""
    cells = list(row)
    for c in amounts:
        label_col = owner[c]
        if (
            label_col is not None
            and SPILLED_TAIL.match(compact(cells[c]))
            and _is_word(cells[label_col])
            and not any(cells[k].strip() for k in range(label_col + 1, c))
        ):
            cells[label_col] += compact(cells[c])
            cells[c] = ""
    return tuple(cells)


def _splits(grid, header, data: list[int], measures: dict[int, str], unknown: list[int], owner, unit: str) -> list[int]:
    """The unknown columns that split their side's amount (本年预算 = 编制预算 + 上年结转): on every row
    the side's amount equals their sum within the rounding of the printed cells. A breakdown by
    source, no measure of the table's own; anything else stays unknown."""
    digit = last_digit((c for line in grid.lines for c in line.cells), unit)
    split: list[int] = []
    for main in measures:
        parts = [
            c for c in unknown if owner[c] == owner[main] and not any(k in "".join(header.path(c)) for k in COMPARISONS)
        ]
        if len(parts) < 2 or any(owner[c] == owner[main] and c != main for c in measures):
            continue  # one column is a copy, not a split; a side with several measures is read by them
        try:
            rows = [(parse_number(grid.row(r)[main]), [parse_number(grid.row(r)[c]) for c in parts]) for r in data]
        except ValueError:
            continue
        printed = [(whole, pieces) for whole, pieces in rows if whole is not None]
        if (
            printed
            and any(whole for whole, _ in printed)
            and all(
                abs(whole - sum((p or Decimal(0) for p in pieces), Decimal(0))) * UNIT_FACTOR.get(unit, Decimal(1))
                <= tolerance(len(pieces), digit)
                for whole, pieces in printed
            )
        ):
            split += parts
    return sorted(split)


def read_summary(ctx: TableContext) -> tuple[list[SummaryCell], list[ParseIssue]] | None:
    grid = grid_from_lines(content_lines(ctx.lines))
    rows = [grid.row(r) for r in range(grid.n_rows)]
    numbering = [is_numbering_row(cells) or any(compact(c) in ("栏次", "档次") for c in cells) for cells in rows]
    data = [r for r in range(grid.n_rows) if has_figure(rows[r]) and not numbering[r]]
    if not data or data[0] == 0:
        return None
    header = read_header(grid, [r for r in range(data[0]) if not numbering[r] and not is_meta_row(rows[r])])
    numbers = {c for c in range(grid.n_cols) if any(k in "".join(header.path(c)) for k in ROW_NUMBER_LABELS)}
    labels = sorted(c for c in range(grid.n_cols) if c not in numbers and _holds_labels([rows[r][c] for r in data]))
    if not labels:
        return None
    # the first label column is the income side; the others are the expenditure side, by function
    # and by purpose (Jiangsu prints both side by side)
    sides = {c: "income" if i == 0 else "expenditure" for i, c in enumerate(labels)}
    amounts = [
        c
        for c in range(grid.n_cols)
        if c not in numbers and c not in sides and any(is_number(compact(rows[r][c])) for r in data)
    ]
    owner = {c: max((s for s in labels if s < c), default=None) for c in amounts + sorted(numbers)}
    if any(owner[c] is None for c in amounts):
        return None  # figures left of every label: positions are lost
    issues: list[ParseIssue] = []
    measures: dict[int, str] = {}
    unknown: list[int] = []
    for side_col in labels:
        own = [c for c in amounts if owner[c] == side_col]
        if not own:
            continue
        if not (ctx.kind == "fiscal_summary" and sides[side_col] == "expenditure"):
            # the side's amount: its first column that is not a comparison (上年数, 增减)
            main = next((c for c in own if not any(k in "".join(header.path(c)) for k in COMPARISONS)), own[0])
            measures[main] = "amount"
            rest = [c for c in own if c != main]
            if is_total_column(header.path(main)) and own[0] == main:
                rest = []  # the columns after a printed 合计 are its breakdown (其中): not needed
            unknown += rest
            continue
        for c in own:
            measure = measure_of(header.path(c), FISCAL_SUMMARY_MEASURES)
            if measure is None or measure in (measures.get(o) for o in own):
                unknown.append(c)
            else:
                measures[c] = measure
        if "total" not in (measures.get(c) for c in own) and own[0] in unknown:
            unknown.remove(own[0])  # a side printing no 合计 label: its first column is its amount
            measures[own[0]] = "total"
    split = _splits(grid, header, data, measures, unknown, owner, ctx.unit)
    unknown = [c for c in unknown if c not in split]
    for severity, what, columns in (
        ("info", "columns splitting their side's amount (every row adds up), kept out", split),
        ("warning", "columns not recognised, kept out", unknown),
    ):
        if columns:
            named = "; ".join(f"column {c + 1} ({' › '.join(header.path(c)) or 'no label'})" for c in columns)
            issues.append(ParseIssue(severity, ctx.title, grid.lines[data[0]].lineno, f"{what}: {named}"))
    cells: list[SummaryCell] = []
    for r in data:
        line, row = grid.lines[r], _tails_back(rows[r], amounts, owner)
        if any(_is_word(row[c]) for c in amounts) or any(is_number(compact(row[c])) for c in labels):
            return None  # words in an amount column, figures in a label column: the row is off the columns
        for side_col, side in sides.items():
            label = compact(row[side_col])
            if not label:
                continue
            number_col = next((c for c in sorted(numbers) if owner[c] == side_col), None)
            printed = compact(row[number_col]) if number_col is not None else ""
            row_number = int(Decimal(printed)) if INTEGER.match(printed) else None
            for c, measure in measures.items():
                if owner[c] != side_col:
                    continue
                try:
                    value = parse_number(row[c])
                except ValueError:
                    issues.append(ParseIssue("warning", ctx.title, line.lineno, f"unreadable cell {row[c]!r}"))
                    continue
                if value is not None:
                    cells.append(SummaryCell(side, label, row_number, measure, value, line))
    return cells, issues
