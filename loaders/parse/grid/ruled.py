"""PDF rows of a ruled table spread over the table's columns.

PDF rows of a ruled table keep their own cells and say where each starts among the table's
columns (``Line.columns``); ``on_columns`` spreads them over those columns, so that a label
merged over several columns (预算数 over six) heads exactly the columns its rules enclose.
"""

from __future__ import annotations

from dataclasses import replace

from loaders.model import Line


def on_columns(line: Line) -> Line:
    """A PDF row of a ruled table spread over its table's columns: each cell at the column where
    its rules start it, with its span; the columns it covers hold '' with span 0 (no spans where every cell
    spans one column, as text lines). Other lines as they are."""
    if not line.columns:
        return line
    spans = line.spans or (1,) * len(line.cells)
    width = max(c + max(s, 1) for c, s in zip(line.columns, spans, strict=False))
    cells, placed = [""] * width, [1] * width
    for text, column, span in zip(line.cells, line.columns, spans, strict=False):
        cells[column], placed[column] = text, max(span, 1)
        for covered in range(column + 1, column + span):
            placed[covered] = 0
    return replace(line, cells=tuple(cells), spans=tuple(placed) if set(placed) != {1} else (), columns=())
