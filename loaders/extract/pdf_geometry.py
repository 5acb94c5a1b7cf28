"""Characters with positions → rows and cells. Pure geometry; knows nothing of budgets or PDFs.

Like pdfplumber's utils/clustering: characters whose vertical centres lie within a
tolerance form a row; within a row a horizontal gap wider than about one character
starts a new cell. Fake-bold text (each glyph drawn twice, a fraction of a point
apart) is reduced to one glyph before grouping.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median


@dataclass(frozen=True)
class Glyph:
    text: str
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float

    @property
    def width(self) -> float:
        return max(self.x1 - self.x0, 0.1)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def dedupe_overprinted(glyphs: Iterable[Glyph], tolerance: float = 1.5, reach: float = 0.75) -> list[Glyph]:
    """Drop a glyph drawn again over itself (same text, offset under ``tolerance`` points and under
    ``reach`` × its advance: in a tiny font the next glyph, "33", sits closer than 1.5 points)."""
    kept: list[Glyph] = []
    # kept glyphs by text and square of side ``tolerance``: a twin closer than that lies in the glyph's
    # square or one of its eight neighbours, so a page's glyphs are compared with a few, not all
    squares: dict[tuple[str, int, int], list[Glyph]] = {}
    for g in glyphs:
        col, row = _square(g.x0, tolerance), _square(g.top, tolerance)
        near = (squares.get((g.text, col + dc, row + dr), ()) for dc in (-1, 0, 1) for dr in (-1, 0, 1))
        if any(
            abs(g.x0 - t.x0) < min(tolerance, reach * t.width) and abs(g.top - t.top) < tolerance
            for twins in near
            for t in twins
        ):
            continue
        squares.setdefault((g.text, col, row), []).append(g)
        kept.append(g)
    return kept


def _square(position: float, side: float) -> int:
    """The square a position falls in; 0 for a position that is no number (no glyph is its twin)."""
    return math.floor(position / side) if math.isfinite(position) else 0


def cluster_rows(glyphs: list[Glyph], tolerance: float | None = None) -> list[list[Glyph]]:
    """Glyphs grouped into rows by vertical centre, top to bottom, each row left to right."""
    if not glyphs:
        return []
    heights = [g.bottom - g.top for g in glyphs if g.bottom > g.top]
    tol = tolerance if tolerance is not None else (median(heights) * 0.5 if heights else 2.0)
    rows: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: g.middle):
        # against the row's first glyph, not its last: a line centred between the two lines of a
        # wrapped cell would otherwise chain both into one row and interleave their characters
        if rows and abs(rows[-1][0].middle - g.middle) <= tol:
            rows[-1].append(g)
        else:
            rows.append([g])
    return [sorted(row, key=lambda g: g.x0) for row in rows]


def split_cells(row: list[Glyph], gap_factor: float = 1.0) -> list[tuple[float, str]]:
    """(x0, text) of each cell of a row: a gap wider than ``gap_factor`` × the char width splits."""
    if not row:
        return []
    width = median(g.width for g in row)
    cells: list[tuple[float, list[str]]] = [(row[0].x0, [row[0].text])]
    previous = row[0]
    for g in row[1:]:
        gap = g.x0 - previous.x1
        if gap > width * gap_factor:
            cells.append((g.x0, [g.text]))
        else:
            if gap > width * 0.25 and cells[-1][1] and cells[-1][1][-1] != " ":
                cells[-1][1].append(" ")
            cells[-1][1].append(g.text)
        previous = g
    return [(x, "".join(parts).strip()) for x, parts in cells]


@dataclass(frozen=True)
class Rule:
    """A vertical ruling line of a table grid: x position and vertical extent (from the top)."""

    x: float
    top: float
    bottom: float


def columns_at(rules: list[Rule], middle: float, tolerance: float = 1.0) -> list[float]:
    """Sorted x positions of the rules crossing the height ``middle``, near-duplicates merged."""
    xs = sorted(r.x for r in rules if r.top - tolerance <= middle <= r.bottom + tolerance)
    merged: list[float] = []
    for x in xs:
        if not merged or x - merged[-1] > 2.0:
            merged.append(x)
    return merged


def cells_by_rules(row: list[Glyph], rules_x: list[float]) -> list[str]:
    """One cell per column between consecutive rules; a column without glyphs is an empty cell."""
    cells = [[] for _ in range(len(rules_x) - 1)]
    for g in row:
        centre = (g.x0 + g.x1) / 2
        index = next((i for i in range(len(rules_x) - 1) if rules_x[i] <= centre < rules_x[i + 1]), None)
        if index is None:
            index = 0 if centre < rules_x[0] else len(cells) - 1
        column = cells[index]
        if column and g.x0 - column[-1].x1 > g.width * 0.25:
            column.append(Glyph(" ", g.x0, g.x0, g.top, g.bottom))
        column.append(g)
    return ["".join(g.text for g in column).strip() for column in cells]


def _merge_close(xs: Iterable[float], tolerance: float = 2.0) -> list[float]:
    merged: list[float] = []
    for x in sorted(xs):
        if not merged or x - merged[-1] > tolerance:
            merged.append(x)
    return merged


def table_columns(
    row_rules: list[list[float]], minimum: int = 3, carried: list[float] | None = None
) -> list[list[float] | None]:
    """Per row, the column boundaries of the table it belongs to (None for a row outside any grid).

    A header cell merged over several columns has no rule between them at its height, so
    rows are read against the union of the rules of the consecutive ruled rows around them:
    every row of one table then counts its columns the same way. ``carried`` is the columns
    of the table that ended the page before: a page's first table ruled on none but those
    columns continues it (a continuation page without the header's finer rules), and counts
    its columns the same way.
    """
    result: list[list[float] | None] = [None] * len(row_rules)
    start = 0
    while start < len(row_rules):
        if len(row_rules[start]) < minimum:
            start += 1
            continue
        end = start
        while (
            end + 1 < len(row_rules)
            and len(row_rules[end + 1]) >= minimum
            and _same_table(row_rules[end], row_rules[end + 1])
        ):
            end += 1
        union = _merge_close(x for rules in row_rules[start : end + 1] for x in rules)
        if carried and _on_columns(union, carried):
            union = carried
        carried = None
        for i in range(start, end + 1):
            result[i] = union
        start = end + 1
    return result


def _on_columns(rules: list[float], columns: list[float], tolerance: float = 2.0) -> bool:
    """Every rule stands on one of ``columns``, and the outer ones on the outer columns."""
    return (
        abs(rules[0] - columns[0]) <= tolerance
        and abs(rules[-1] - columns[-1]) <= tolerance
        and all(any(abs(x - y) <= tolerance for y in columns) for x in rules)
    )


def _same_table(a: list[float], b: list[float], tolerance: float = 2.0) -> bool:
    """Two rows share a table when their outer rules coincide, or most of the rules of one are the other's
    (a data row may add an outer frame the header rows lack)."""
    if abs(a[0] - b[0]) <= tolerance and abs(a[-1] - b[-1]) <= tolerance:
        return True
    shared = sum(1 for x in a if any(abs(x - y) <= tolerance for y in b))
    return shared >= max(3, 0.75 * min(len(a), len(b)))


def cell_columns(row_rules: list[float], columns: list[float]) -> list[tuple[int, int]]:
    """(first table column, span) of each cell between the row's own rules.

    A cell whose rules enclose several of the table's columns (a merged header cell)
    spans them.
    """
    placed = []
    for left, right in itertools.pairwise(row_rules):
        first = _nearest(columns, left)
        placed.append((first, max(_nearest(columns, right), first + 1) - first))
    return placed


def _nearest(columns: list[float], x: float) -> int:
    return min(range(len(columns)), key=lambda i: abs(columns[i] - x))
