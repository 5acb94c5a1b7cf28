"""The rows of a list table whose text cells wrap around the line printing their amount.

A ruled list (项目支出表: 单位名称 | 项目名称 | 金额 | 项目简介) centres each cell vertically in
its row, so a long name prints as pieces above and below the row's figure line, and the
lines of a long 项目简介 fall between them. Each line printing a figure in the amount
column anchors a row; every line printing text in one of the text columns gives its
pieces to the row they are centred on (``loaders.parse.grid.wrapped_cells``). Columns not
asked for (项目简介, 备注) are never read.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from loaders.model import Line
from loaders.parse.grid.amounts import is_number
from loaders.parse.grid.grid import Grid, Header
from loaders.parse.grid.lines import is_column_numbers
from loaders.parse.grid.settings import current
from loaders.parse.grid.wrapped_cells import Mark, assign_centred
from loaders.parse.vocabulary import compact as clean


@dataclass(frozen=True)
class CentredRow:
    """One row: the line printing its amount, that line's cells by column, the pieces of each text
    column in printed order, and whether its pieces sit centred on it."""

    line: Line
    cells: tuple[str, ...]
    pieces: dict[int, tuple[str, ...]]
    centred: bool

    def text(self, col: int) -> str:
        return "".join(self.pieces.get(col, ()))


def _mark(line: Line) -> Mark:
    return Mark(line.page, line.y if line.y is not None else float(line.lineno))


def _pitch(lines: Sequence[Line]) -> float:
    """The usual vertical distance between two printed lines of the table."""
    gaps = [_mark(b).y - _mark(a).y for a, b in pairwise(lines) if a.page == b.page]
    gaps = [g for g in gaps if g > 0]
    return statistics.median(gaps) if gaps else 1.0


def _has_text(cell: str) -> bool:
    return any(ch.isalnum() for ch in cell)


def centred_rows(grid: Grid, header: Header, amount_col: int, text_cols: Sequence[int]) -> list[CentredRow]:
    """The body's rows (after ``header``), a header repeated on a continuation page left out, up to a
    header labelling other columns."""
    header_texts = {tuple(clean(c) for c in grid.row(r)) for r in header.rows}
    anchors: list[tuple[Line, tuple[str, ...]]] = []
    pieces: list[tuple[int, Mark]] = []
    piece_cells: list[tuple[Line, tuple[str, ...]]] = []
    body: list[Line] = []
    for r in range(max(header.rows, default=-1) + 1, grid.n_rows):
        cells = tuple(clean(c) for c in grid.row_under(r, header))
        line = grid.lines[r]
        if cells in header_texts or is_column_numbers(line):
            continue  # the header repeated on a continuation page, the 栏次 row
        if any(cells[c] and cells[c] in header.path(c) for c in text_cols):
            break  # a header with other columns: the next table (an untitled 绩效表 listing the same projects)
        body.append(line)
        if is_number(cells[amount_col]):
            anchors.append((line, cells))
        elif any(_has_text(cells[c]) for c in text_cols):
            pieces.append((len(anchors) - 1, _mark(line)))
            piece_cells.append((line, cells))
    groups, errors = assign_centred([_mark(line) for line, _ in anchors], pieces)
    limit = current().off_centre * _pitch(body)
    rows = []
    for (line, cells), members, error in zip(anchors, groups, errors, strict=True):
        parts = sorted([(line, cells)] + [piece_cells[i] for i in members], key=lambda p: p[0].lineno)
        texts = {c: tuple(p[c] for _, p in parts if _has_text(p[c])) for c in text_cols}
        rows.append(CentredRow(line, cells, texts, error <= limit))
    return rows
