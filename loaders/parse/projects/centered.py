"""Wrapped cells of vertically centred table rows, told apart without coordinates.

Wide project tables (the Guangzhou 绩效目标表, the 自评表 indicator rows) print each row's
cells centred on the row's middle: a one-line cell (an amount, a 分值) sits on the middle
line (the *anchor*) and a wrapped cell spreads over as many lines above it as below it
(±1, when its middle line falls between two text lines). The text lines of one column
that lie between two anchors are therefore the tail of one cell and the head of the next;
``split_centred`` finds, for every gap, the split that keeps every cell most nearly
balanced around its anchor, preferring splits the caller says look like a cell boundary.
Pure functions on line indexes: nothing here knows what the cells mean.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

# what a split costs where the caller's hint says no cell opens: a soft hint (less than one
# line of imbalance: balance decides, the hint breaks ties) or a firm one (a marker that
# every cell of the column opens with)
SOFT = 0.5
FIRM = 100.0


@dataclass(frozen=True)
class Split:
    """The text lines of each anchor's cell, and the largest imbalance any cell has."""

    cells: tuple[tuple[int, ...], ...]
    imbalance: int


def split_centred(texts: Sequence[int], anchors: Sequence[int],
                  boundary: Callable[[int], bool] = lambda index: True, firm: bool = False) -> Split:
    """Assign each text line index to one anchor's cell.

    ``texts`` and ``anchors`` are sorted line indexes; a text on an anchor's own line is
    that anchor's. ``boundary(i)`` says whether text line ``i`` may open a cell; ``firm``
    when it always does (a numbering every cell starts with).
    """
    miss = FIRM if firm else SOFT
    if not anchors:
        raise ValueError("no anchor rows")
    before = [t for t in texts if t < anchors[0]]
    after = [t for t in texts if t > anchors[-1]]
    on = [tuple(t for t in texts if t == a) for a in anchors]
    gaps = [[t for t in texts if low < t < high] for low, high in zip(anchors, anchors[1:])]
    # best[x] = (cost, splits) with x lines of the current gap left to the anchor below it
    best: dict[int, tuple[float, list[int]]] = {}
    head = len(before)
    if not gaps:
        cost = abs(head - len(after))
        return Split((tuple(before) + on[0] + tuple(after),), cost)
    for x in range(len(gaps[0]) + 1):
        best[x] = (abs(head - x) + _hint(gaps[0], x, boundary, miss), [x])
    for k in range(1, len(gaps)):
        nxt: dict[int, tuple[float, list[int]]] = {}
        for x in range(len(gaps[k]) + 1):
            hint = _hint(gaps[k], x, boundary, miss)
            nxt[x] = min(((cost + abs((len(gaps[k - 1]) - prev) - x) + hint, splits + [x])
                          for prev, (cost, splits) in best.items()), key=lambda c: c[0])
        best = nxt
    _, splits = min(((cost + abs((len(gaps[-1]) - x) - len(after)), s) for x, (cost, s) in best.items()),
                    key=lambda c: c[0])
    cells, imbalance, above = [], 0, before
    for k, anchor in enumerate(anchors):
        below = gaps[k][:splits[k]] if k < len(gaps) else after
        imbalance = max(imbalance, abs(len(above) - len(below)))
        cells.append(tuple(above) + on[k] + tuple(below))
        above = gaps[k][splits[k]:] if k < len(gaps) else []
    return Split(tuple(cells), imbalance)


def _hint(gap: Sequence[int], x: int, boundary: Callable[[int], bool], miss: float) -> float:
    """The cost of opening the next cell at ``gap[x]`` (nothing when the gap is all one cell's)."""
    return 0.0 if x == len(gap) or boundary(gap[x]) else miss
