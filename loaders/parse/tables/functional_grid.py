"""Tables keyed by 功能分类 code read from the grid (``coded_grid``): one fact per code and measure."""

from __future__ import annotations

from decimal import Decimal

from loaders.model import FunctionalAmount
from loaders.parse.grid.amounts import to_yuan
from loaders.parse.tables.base import TableContext, TableFacts
from loaders.parse.tables.coded_grid import read_coded
from loaders.parse.vocabulary import FUNCTIONAL_MEASURES

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
