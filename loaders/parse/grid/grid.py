"""The table model: a ``Grid`` of cells (text, row, column, spans, page, line) and its ``Header``.

Every extraction meets the table parsers in this one shape. Lines with cells become
rows: PDF rows already placed on their table's columns (with the span of a merged
cell), tab- and ``|``-separated text, HTML rows (colspan/rowspan), spreadsheet and Word
rows, and space-aligned text cut by its header's positions (``loaders.parse.aligned``).
Prose lines (one cell) do not belong to a grid.

The ``Header`` merges the header rows into one path per column, top to bottom, a
merged cell heading every column it spans: 决算数 › 公务用车购置及运行维护费 ›
公务用车购置费.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from loaders.model import Line
from loaders.parse.vocabulary import compact
from loaders.parse.vocabulary.grid import SPILL


@dataclass(frozen=True)
class Cell:
    """One printed cell: its text and where it stands (row/column of its top-left corner)."""

    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    page: int | None = None
    lineno: int = 0


@dataclass(frozen=True)
class Grid:
    """The cells of one printed table, rows × columns; ``lines`` gives each row's provenance."""

    cells: tuple[Cell, ...]
    lines: tuple[Line, ...]
    n_cols: int

    @property
    def n_rows(self) -> int:
        return len(self.lines)

    @cached_property
    def _covering_rows(self) -> dict[int, list[Cell]]:
        """Row → the cells over it (printed in it or merged down into it), in the order of ``cells``: a row
        is looked up without scanning the whole table, so reading a table is linear in its cells."""
        index: dict[int, list[Cell]] = {}
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.row_span):
                index.setdefault(r, []).append(cell)
        return index

    def _row_cells(self, r: int) -> list[Cell]:
        return [cell for cell in self._covering_rows.get(r, ()) if cell.row == r]

    def row(self, r: int) -> tuple[str, ...]:
        """The texts of row ``r`` by column; '' where nothing is printed or a merged cell covers it."""
        texts = [""] * self.n_cols
        for cell in self._row_cells(r):
            texts[cell.col] = cell.text
        return tuple(texts)

    def row_under(self, r: int, header: Header) -> tuple[str, ...]:
        """The texts of row ``r`` by the header's columns: a cell merged over several columns stands under
        the one of them the header labels (a header ruled finer than its data rows: 金额 printed over the
        middle of three columns a data cell spans), else at its first column."""
        texts = [""] * self.n_cols
        for cell in self._row_cells(r):
            span = range(cell.col, min(cell.col + cell.col_span, self.n_cols))
            labelled = [c for c in span if header.path(c)]
            at = cell.col if header.path(cell.col) or len(labelled) != 1 else labelled[0]
            texts[at] = cell.text
        return tuple(texts)

    def covering(self, r: int, c: int) -> Cell | None:
        """The cell printed over row ``r``, column ``c`` (itself or a merged cell spanning it)."""
        for cell in self._covering_rows.get(r, ()):
            if cell.col <= c < cell.col + cell.col_span:
                return cell
        return None


INTEGER_PART = re.compile(r"^-?\d{1,3}(?:,\d{3})*$|^-?\d+$")
DECIMAL_PART = re.compile(r"^\.\d+$")


def rejoin_wrapped(lines: Sequence[Line]) -> list[Line]:
    """Amounts wrapped in narrow columns put back together, split anywhere: ``168,441`` over ``.81``
    → ``168,441.81``, ``21,118.5`` over ``1`` → ``21,118.51``.

    A line whose only cells are pieces of figures completes the line above, column by column,
    where that line prints the head of each figure: an integer part over its decimals, or any
    head that is no whole amount (two decimals) over a tail that is none either, the two making one.
    """
    out: list[Line] = []
    for line in lines:
        filled = [i for i, c in enumerate(line.cells) if c.strip()]
        previous = out[-1] if out else None
        if (
            previous is not None
            and filled
            and all(DECIMAL_PART.match(line.cells[i].strip()) for i in filled)
            and all(i < len(previous.cells) and INTEGER_PART.match(previous.cells[i].strip()) for i in filled)
        ):
            cells = tuple(c.strip() + line.cells[i].strip() if i in filled else c for i, c in enumerate(previous.cells))
            out[-1] = replace(previous, cells=cells, text="\t".join(cells))
            continue
        joined = _split_figures(previous, line) if previous is not None else None
        if joined is not None:
            out[-1] = joined
            continue
        out.append(line)
    return _rejoin_around(out)


FIGURE_PIECE = re.compile(r"^-?[\d,.]*\d[\d,.]*$|^\.\d+$")


def _split_figures(head_line: Line, tail_line: Line) -> Line | None:
    """``head_line`` with the figure pieces of ``tail_line`` appended in their columns, where every
    piece completes a figure cut in two (neither part a whole amount, the two together one)."""
    tails, slots = _fragments(tail_line), _by_column(head_line)
    if not tails or not all(FIGURE_PIECE.match(piece) for piece in tails.values()):
        return None
    cells = list(head_line.cells)
    for column, tail in tails.items():
        head = cells[slots[column]].strip() if column in slots else ""
        if not head or not FIGURE_PIECE.match(head) or AMOUNT.match(head) or AMOUNT.match(tail):
            return None
        if not AMOUNT.match(head + tail):
            return None
        cells[slots[column]] = head + tail
    return replace(head_line, cells=tuple(cells), text="\t".join(cells))


HEAD_PART = re.compile(r"^-?[\d,]*\d\.\d?$")  # "1682.7", "0.0", "1682.": a figure cut inside its decimals
TAIL_PART = re.compile(r"^\d{1,2}$")
AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$")


def _by_column(line: Line) -> dict[int, int]:
    """Table column → index of the line's cell starting there."""
    return dict(zip(line.columns or range(len(line.cells)), range(len(line.cells)), strict=False))


def _fragments(line: Line) -> dict[int, str]:
    """The filled cells by table column."""
    return {c: line.cells[i].strip() for c, i in _by_column(line).items() if line.cells[i].strip()}


def _rejoin_around(lines: list[Line]) -> list[Line]:
    """Amounts wrapped around their row's line: a cell's text centred on two lines, the row's label on
    one line between them (``1682.7`` / ``总计: … 997.20`` / ``6`` → 1682.76 in the 总计 row).

    The lines above and below hold nothing but the two parts of each figure, in the same columns,
    where the row's line is blank; the parts must make an amount with two decimals.
    """
    out: list[Line] = []
    i = 0
    while i < len(lines):
        if i + 2 < len(lines):
            above, row, below = lines[i], lines[i + 1], lines[i + 2]
            heads, tails, slots = _fragments(above), _fragments(below), _by_column(row)
            if (
                heads
                and heads.keys() == tails.keys()
                and all(HEAD_PART.match(h) and TAIL_PART.match(tails[c]) for c, h in heads.items())
                and all(c in slots and not row.cells[slots[c]].strip() for c in heads)
                and all(AMOUNT.match(h + tails[c]) for c, h in heads.items())
            ):
                cells = list(row.cells)
                for c, head in heads.items():
                    cells[slots[c]] = head + tails[c]
                out.append(replace(row, cells=tuple(cells), text="\t".join(cells)))
                i += 3
                continue
        out.append(lines[i])
        i += 1
    return out


def unspill(cells: Sequence[str]) -> list[str]:
    """Cells with a label's spilled tail given back to the label before them."""
    cells = list(cells)
    for i in range(1, len(cells)):
        match = SPILL.match(cells[i])
        previous = next((k for k in range(i - 1, -1, -1) if cells[k]), None)
        if match and previous is not None and not re.search(r"\d$", cells[previous]):
            cells[previous] += match.group(1)
            cells[i] = match.group(2)
    return cells


def grid_from_lines(lines: Sequence[Line]) -> Grid:
    """The grid of lines that hold cells (one row per line); prose lines are left out.

    A PDF row of a ruled table places each cell at its table column (``Line.columns``); other
    lines' cells are their columns in order.
    """
    rows = [line for line in rejoin_wrapped(lines) if len(line.cells) > 1]
    cells: list[Cell] = []
    n_cols = 0
    for r, line in enumerate(rows):
        texts = unspill(line.cells) if line.columns else line.cells
        starts = line.columns or tuple(range(len(texts)))
        spans = line.spans or (1,) * len(texts)
        for text, c, span in zip(texts, starts, spans, strict=False):
            if span and text.strip():
                cells.append(Cell(text.strip(), r, c, 1, span, line.page, line.lineno))
        n_cols = max(n_cols, (starts[-1] + max(spans[-1], 1)) if starts else 0)
    return Grid(tuple(cells), tuple(rows), n_cols)


@dataclass(frozen=True)
class Header:
    """The header rows of a grid merged into one label path per column (labels compacted)."""

    rows: tuple[int, ...]
    paths: tuple[tuple[str, ...], ...]

    def path(self, col: int) -> tuple[str, ...]:
        return self.paths[col] if col < len(self.paths) else ()


def read_header(grid: Grid, rows: Sequence[int]) -> Header:
    """Column paths from header ``rows``: each column gathers, top to bottom, the labels over it."""
    paths = []
    for c in range(grid.n_cols):
        path: list[str] = []
        for r in rows:
            cell = grid.covering(r, c)
            label = compact(cell.text) if cell is not None and cell.row == r else ""
            if label and (not path or path[-1] != label):
                path.append(label)
        paths.append(tuple(path))
    return Header(tuple(rows), tuple(paths))
