"""Characters with positions → rows and cells. Pure geometry; knows nothing of budgets or PDFs.

Like pdfplumber's utils/clustering: characters whose vertical centres lie within a
tolerance form a row; within a row a horizontal gap wider than about one character
starts a new cell. Fake-bold text (each glyph drawn twice, a fraction of a point
apart) is reduced to one glyph before grouping.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import Iterable


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


def dedupe_overprinted(glyphs: Iterable[Glyph], tolerance: float = 1.5) -> list[Glyph]:
    """Drop a glyph drawn again over itself (same text, offset under ``tolerance`` points)."""
    kept: list[Glyph] = []
    recent: dict[str, list[Glyph]] = {}
    for g in glyphs:
        twins = recent.setdefault(g.text, [])
        if any(abs(g.x0 - t.x0) < tolerance and abs(g.top - t.top) < tolerance for t in twins):
            continue
        twins.append(g)
        kept.append(g)
    return kept


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
