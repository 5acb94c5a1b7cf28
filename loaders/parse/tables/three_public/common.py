"""What every layout of a 三公 table shares: its statistics, its sums, how a row, a phase and a cell are read."""

from __future__ import annotations

from decimal import Decimal

from loaders.model import Line, ParseIssue
from loaders.parse.grid.amounts import is_number, parse_number, to_yuan
from loaders.parse.tables.base import TableContext, TableFacts
from loaders.parse.vocabulary import compact as clean
from loaders.parse.vocabulary.three_public import Group

STATISTICS = {"operating_cost": "operating_cost", "administrative_cost": "administrative_cost"}
# each whole with the parts it is printed as the sum of (either breakdown of the total): empty cells
# these sums prove zero are 0.00 (``grid.sums``)
SUMS = (
    ("total", ("overseas_travel", "vehicles_total", "official_reception")),
    ("total", ("overseas_travel", "vehicle_purchase", "vehicle_operation", "official_reception")),
    ("vehicles_total", ("vehicle_purchase", "vehicle_operation")),
)


def has_figure(line: Line) -> bool:
    return any(is_number(clean(c)) for c in line.cells)


def is_figure_row(line: Line) -> bool:
    """A row of amounts: two figures, or one printed as an amount (a year such as 2026 alone is not)."""
    figures = [clean(c) for c in line.cells if is_number(clean(c))]
    return len(figures) >= 2 or any("." in f or "," in f for f in figures)


def default_phase(ctx: TableContext) -> str:
    return "actual" if "决算" in ctx.title else "budget"


def wanted(group: Group | None, year: int | None) -> bool:
    return group is None or (group.kept and (group.year is None or year is None or group.year == year))


def amount_of(facts: TableFacts, ctx: TableContext, line: Line, cell: str) -> Decimal | None:
    """A printed cell in yuan; None for an empty cell (no figure: never 0) and, warned, an unreadable one.

    A dash (-, —) is printed, and reads as zero as elsewhere; only a cell with nothing in it is no figure.
    """
    if not clean(cell):
        return None
    try:
        value = parse_number(cell)
    except ValueError:
        facts.issues.append(ParseIssue("warning", ctx.title, line.lineno, f"unreadable cell {cell!r}"))
        return None
    return to_yuan(value if value is not None else Decimal(0), ctx.unit)


def first_label(line: Line) -> tuple[int, str]:
    at = next((i for i, c in enumerate(line.cells) if clean(c)), len(line.cells))
    return at, clean(line.cells[at]) if at < len(line.cells) else ""
