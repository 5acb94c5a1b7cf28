"""Wrapped cells of vertically centred table rows, told apart line by line.

Wide project tables (the Guangzhou 绩效目标表, the 自评表 indicator rows, the 项目支出情况表
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

# what a split costs where the caller's hint says no cell opens: a soft hint (less than one
# line of imbalance: balance decides, the hint breaks ties) or a firm one (a marker that
# every cell of the column opens with)
SOFT = 0.5
FIRM = 100.0
PAGE = 10_000.0  # a position's page weight: a cell never straddles a page break
WIDE_GAP = 1.4  # pitches between two lines of one cell, at most
GAP_WEIGHT = 2.0  # cost of each pitch of gap beyond that


@dataclass(frozen=True)
class Split:
    """The text lines of each anchor's cell, and the largest imbalance (in lines) of any cell."""

    cells: tuple[tuple[int, ...], ...]
    imbalance: int


def position(page: int | None, y: float | None) -> float | None:
    """A line's place for ``split_centred``: its page, then its height on the page."""
    return None if y is None else (page or 0) * PAGE + y


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
    miss = FIRM if firm else SOFT
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
        steps = [b - a for a, b in itertools.pairwise(ordered) if 0 < b - a < PAGE / 2]
        pitch = median(steps) if steps else 1.0

        def by_position(anchor: int, head, on, tail) -> tuple[float, float]:
            lines = list(head) + list(on) + list(tail)
            if not lines:
                return 0.0, 0.0
            middle = (positions[lines[0]] + positions[lines[-1]]) / 2
            # the lines of one cell follow each other at the pitch; a wider gap is a cell border
            gaps = sum(max(0.0, (positions[b] - positions[a]) / pitch - WIDE_GAP) for a, b in itertools.pairwise(lines))
            # half a pitch off centre is one line more on one side than the other
            return 2 * abs(middle - positions[anchor]) / pitch, GAP_WEIGHT * gaps

        return by_position

    def by_count(anchor: int, head, on, tail) -> tuple[float, float]:
        return float(abs(len(head) - len(tail))), 0.0

    return by_count
