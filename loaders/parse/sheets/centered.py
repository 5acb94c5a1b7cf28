"""Wrapped cells of vertically centred table rows, told apart line by line.

Wide project tables (the one-table 绩效目标表, the 自评表 indicator rows, the 项目支出情况表
of an evaluation report) print each row's cells centred on the row's middle: a one-line
cell (an amount, a 分值) sits on the middle line (the *anchor*) and a wrapped cell spreads
as far above it as below it. The text lines of one column that lie between two anchors
are therefore the tail of one cell and the head of the next; ``split_centred`` finds, for
every gap, the split that keeps every cell best centred on its anchor, preferring splits
the caller says look like a cell boundary.

Where lines carry their vertical position (PDFs) a cell's offset is measured in line
pitches; otherwise as the difference between the counts of its lines above and below.
Pure functions on line indexes: nothing here knows what the cells mean.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import median

from loaders.parse.grid.settings import current


@dataclass(frozen=True)
class Split:
    """The text lines of each anchor's cell, and the largest imbalance (in lines) of any cell."""

    cells: tuple[tuple[int, ...], ...]
    imbalance: int


def position(page: int | None, y: float | None) -> float | None:
    """A line's place for ``split_centred``: its page, then its height on the page."""
    return None if y is None else (page or 0) * current().centring_page + y


def split_centred(
    texts: Sequence[int],
    anchors: Sequence[int],
    boundary: Callable[[int], bool] = lambda index: True,
    firm: bool = False,
    at: Callable[[int], float | None] = lambda index: None,
) -> Split:
    """Assign each text line index to one anchor's cell.

    ``texts`` and ``anchors`` are sorted line indexes; a text on an anchor's own line is
    that anchor's. ``boundary(i)`` says whether text line ``i`` may open a cell; ``firm``
    when it always does (a numbering every cell starts with). ``at(i)`` is line ``i``'s
    vertical position (``position``) where known.
    """
    if not anchors:
        raise ValueError("no anchor rows")
    miss = current().centring_firm if firm else current().centring_soft
    before = [t for t in texts if t < anchors[0]]
    after = [t for t in texts if t > anchors[-1]]
    on = [[t for t in texts if t == a] for a in anchors]
    gaps = [[t for t in texts if low < t < high] for low, high in itertools.pairwise(anchors)]
    offset = _offset_measure(texts, anchors, at)

    def cell(k: int, head: Sequence[int], tail: Sequence[int]) -> tuple[float, float, list[int]]:
        """(off centre, spread and an unlikely opening line) of the cell, and its lines."""
        lines = list(head) + on[k] + list(tail)
        off, spread = offset(anchors[k], head, on[k], tail)
        return off, spread + (miss if lines and not boundary(lines[0]) else 0.0), lines

    # best[x]: (cost, splits) with x lines of the current gap given to the anchor above it
    best: dict[int, tuple[float, list[int]]] = {-1: (0.0, [])}
    head = before
    for k in range(len(anchors)):
        tails = range(len(gaps[k]) + 1) if k < len(gaps) else [None]
        nxt: dict[int, tuple[float, list[int]]] = {}
        for x in tails:
            tail = gaps[k][:x] if x is not None else after
            options = []
            for prev, (cost, splits) in best.items():
                rows_head = head if k == 0 else gaps[k - 1][prev:]
                off, spread, _ = cell(k, rows_head, tail)
                options.append((cost + off + spread, [*splits, x]))
            nxt[-1 if x is None else x] = min(options, key=lambda c: c[0])
        best = nxt
    _, splits = min(best.values(), key=lambda c: c[0])
    cells, imbalance = [], 0
    for k in range(len(anchors)):
        rows_head = before if k == 0 else gaps[k - 1][splits[k - 1] :]
        tail = gaps[k][: splits[k]] if k < len(gaps) else after
        off, _, lines = cell(k, rows_head, tail)
        imbalance = max(imbalance, round(off))
        cells.append(tuple(lines))
    return Split(tuple(cells), imbalance)


def _offset_measure(texts: Sequence[int], anchors: Sequence[int], at: Callable[[int], float | None]):
    """How far a cell sits off its anchor, in lines: by positions when every line has one."""
    positions = {i: at(i) for i in list(texts) + list(anchors)}
    if texts and all(p is not None for p in positions.values()):
        ordered = sorted(positions[t] for t in texts)
        steps = [b - a for a, b in itertools.pairwise(ordered) if 0 < b - a < current().centring_page / 2]
        pitch = median(steps) if steps else 1.0

        def by_position(anchor: int, head, on, tail) -> tuple[float, float]:
            lines = list(head) + list(on) + list(tail)
            if not lines:
                return 0.0, 0.0
            middle = (positions[lines[0]] + positions[lines[-1]]) / 2
            # the lines of one cell follow each other at the pitch; a wider gap is a cell border
            gaps = sum(
                max(0.0, (positions[b] - positions[a]) / pitch - current().centring_wide_gap)
                for a, b in itertools.pairwise(lines)
            )
            # half a pitch off centre is one line more on one side than the other
            return 2 * abs(middle - positions[anchor]) / pitch, current().centring_gap_weight * gaps

        return by_position

    def by_count(anchor: int, head, on, tail) -> tuple[float, float]:
        return float(abs(len(head) - len(tail))), 0.0

    return by_count


# --------------------------------------------------------------------------- rows without an anchor


def pair_centred(
    first: Sequence[int],
    second: Sequence[int],
    at: Callable[[int], float],
    tolerance: float,
    max_gap: float = float("inf"),
) -> list[tuple[tuple[int, ...], tuple[int, ...]]] | None:
    """Rows of two columns that print one cell a row, each cell centred on its row.

    ``first`` and ``second`` are the sorted line indexes where each column prints text; ``at``
    gives a line's position. A row takes consecutive lines of both columns, no two of a cell
    more than ``max_gap`` apart, lies wholly below the row before it, and its two cells'
    middles differ by at most ``tolerance``. Among the
    readings that centre every row, the best centred wins, and between equals the one with
    more rows (two one-line rows are not one two-line row). None when no reading centres them.
    """
    n, m = len(first), len(second)
    inf = float("inf")

    def middle(lines: Sequence[int]) -> float:
        return (at(lines[0]) + at(lines[-1])) / 2

    def whole(column: Sequence[int], start: int, size: int) -> bool:
        """The last of ``size`` lines from ``start`` follows the one before it as a wrapped line does."""
        return size == 1 or at(column[start + size - 1]) - at(column[start + size - 2]) <= max_gap

    # best[(a, b)]: (cost, rows) having used a lines of the first column and b of the second
    best: dict[tuple[int, int], tuple[float, list]] = {(0, 0): (0.0, [])}
    for a in range(n + 1):
        for b in range(m + 1):
            if (a, b) not in best or (a, b) == (n, m):
                continue
            cost, rows = best[(a, b)]
            floor = max(at(first[a - 1]) if a else -inf, at(second[b - 1]) if b else -inf)
            for x in range(1, min(current().centring_max_cell_lines, n - a) + 1):
                if not whole(first, a, x):
                    break
                left = first[a : a + x]
                for y in range(1, min(current().centring_max_cell_lines, m - b) + 1):
                    if not whole(second, b, y):
                        break
                    right = second[b : b + y]
                    if min(at(left[0]), at(right[0])) <= floor:
                        continue  # the row would reach into the one above it
                    off = abs(middle(left) - middle(right))
                    if off > tolerance:
                        continue
                    step = cost + off / tolerance + current().centring_merge * (x + y - 2)
                    if step < best.get((a + x, b + y), (inf, None))[0]:
                        best[(a + x, b + y)] = (step, [*rows, (tuple(left), tuple(right))])
    return best[(n, m)][1] if (n, m) in best else None


def span_centred(labels: Sequence[float], rows: Sequence[float]) -> list[int] | None:
    """The label of each row, where a label spans consecutive rows and is centred on them.

    ``labels`` and ``rows`` are sorted middles (positions). Every label spans at least one
    row and every row lies under one label; a label spanning rows i..j sits at the mean of
    their first and last middle. Returns each row's label index; None when there are more
    labels than rows.
    """
    n, k = len(rows), len(labels)
    if k == 0 or k > n:
        return None
    inf = float("inf")
    # best[j][r]: (cost, owners) with the first j labels spanning the first r rows
    best = [[(inf, [])] * (n + 1) for _ in range(k + 1)]
    best[0][0] = (0.0, [])
    for j in range(1, k + 1):
        for r in range(j, n - (k - j) + 1):
            for s in range(j - 1, r):
                cost, owners = best[j - 1][s]
                if cost == inf:
                    continue
                off = abs(labels[j - 1] - (rows[s] + rows[r - 1]) / 2)
                if cost + off < best[j][r][0]:
                    best[j][r] = (cost + off, [*owners, *([j - 1] * (r - s))])
    return best[k][n][1]
