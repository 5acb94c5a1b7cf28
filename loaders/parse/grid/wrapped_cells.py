"""Pieces of wrapped cells given back to their row by vertical centring (居中换行的单元格).

A ruled table centres a cell's text vertically in its row: a long name wraps over
several lines and the row's single-line figure sits at the middle of them. Extraction
gives every printed line apart, and the lines of a long neighbouring cell (a 项目简介)
may fall between the pieces. Each row is an *anchor* (the line printing its figure);
every other piece goes to the anchor before or after it, so that each row's lines are
centred on its anchor as nearly as possible. Pure geometry: nothing here knows budgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

INFINITE = float("inf")


@dataclass(frozen=True)
class Mark:
    """Where a printed line stands: page and vertical position (PDF: points from the top; text: line number)."""

    page: int | None
    y: float


def _span_error(anchor: Mark, members: Sequence[Mark]) -> float:
    """How far the middle of ``members`` (the anchor among them) lies from the anchor."""
    if any(m.page != anchor.page for m in members):
        return INFINITE
    ys = [anchor.y, *(m.y for m in members)]
    return abs((min(ys) + max(ys)) / 2 - anchor.y)


def assign_centred(anchors: Sequence[Mark], pieces: Sequence[tuple[int, Mark]]) -> tuple[list[list[int]], list[float]]:
    """Each anchor's pieces, and how far each anchor's lines are from centred on it.

    ``anchors`` in printed order; ``pieces`` as (position among all lines, mark), where an
    anchor's position is its index in ``anchors`` interleaved by the caller: a piece printed
    before the first anchor has position -1, between anchors i and i + 1 position i, after
    the last one len(anchors) - 1. The pieces between two anchors are split once into the
    first one's tail and the second one's head, the split that centres all anchors best.
    """
    n = len(anchors)
    if n == 0:
        return [], []
    between: list[list[tuple[int, Mark]]] = [[] for _ in range(n + 1)]  # gap g: before anchor g
    for index, (after, mark) in enumerate(pieces):
        between[after + 1].append((index, mark))
    # best[i][k]: least total error for anchors < i when gap i gives its first k pieces to anchor i - 1
    best: list[dict[int, tuple[float, int | None]]] = [{} for _ in range(n + 1)]
    best[0] = {0: (0.0, None)}
    for i in range(n):
        head_gap, tail_gap = between[i], between[i + 1]
        for taken, (cost, _) in best[i].items():
            head = [m for _, m in head_gap[taken:]]
            tail_choices = range(len(tail_gap) + 1) if i < n - 1 else [len(tail_gap)]
            for k in tail_choices:
                error = _span_error(anchors[i], head + [m for _, m in tail_gap[:k]])
                total = cost + error
                if k not in best[i + 1] or total < best[i + 1][k][0]:
                    best[i + 1][k] = (total, taken)
    # walk back the choices
    groups: list[list[int]] = [[] for _ in range(n)]
    errors = [0.0] * n
    k = min(best[n], key=lambda key: best[n][key][0])
    for i in range(n, 0, -1):
        taken = best[i][k][1]
        head_gap, tail_gap = between[i - 1], between[i]
        members = [index for index, _ in head_gap[taken:]] + [index for index, _ in tail_gap[:k]]
        groups[i - 1] = members
        errors[i - 1] = _span_error(anchors[i - 1], [pieces[j][1] for j in members])
        k = taken
    return groups, errors
