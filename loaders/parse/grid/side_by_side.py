"""Blocks printed side by side: one grid per block of a table whose header repeats its code column.

A 基本支出 table may print its 人员经费 items left and its 公用经费 items right, each block with its
own code, name and amount columns (``科目编码 | 科目名称 | 金额 | 科目编码 | 科目名称 | 金额``).
Each block is cut out as a grid of its own, from its code column to the next block's, with the
header's paths over those columns, so that the generic readers read it as one table: a row's name,
code and amounts never come from another block.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from loaders.parse.grid.code_columns import code_columns
from loaders.parse.grid.grid import Grid, Header


def side_by_side(grid: Grid, header: Header) -> list[tuple[Grid, Header]]:
    """The grid and its header cut into its blocks, left to right; a single block: the grid itself."""
    starts = code_columns(header, grid.n_cols)
    if len(starts) < 2:
        return [(grid, header)]
    bounds = [0, *starts[1:], grid.n_cols]  # columns left of the first code column belong to the first block
    blocks = []
    for a, b in pairwise(bounds):
        cells = tuple(
            replace(cell, col=cell.col - a, col_span=min(cell.col_span, b - cell.col))
            for cell in grid.cells
            if a <= cell.col < b
        )
        blocks.append((Grid(cells, grid.lines, b - a), Header(header.rows, header.paths[a:b])))
    return blocks
