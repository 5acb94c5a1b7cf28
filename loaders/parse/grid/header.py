"""Column labels of a table header: per column where cells align, else in reading order.

Header cells are often split over two or three lines ("公务用车购" / "置费") or, in
some extractions, printed one label per line. Labels are matched after removing
spaces, against the vocabulary (``loaders.parse.vocabulary``).
"""

from __future__ import annotations

from collections.abc import Sequence

from loaders.model import Line


def clean(text: str) -> str:
    """A header label as compared: no whitespace, no colons."""
    return "".join(text.split()).replace(":", "").replace("：", "")


def column_labels(header: Sequence[Line], first_data_col: int, n_cols: int) -> list[str]:
    """Leaf label per data column (index from ``first_data_col``) for aligned layouts."""
    labels = [""] * n_cols
    for line in header:
        for j in range(n_cols):
            k = first_data_col + j
            if k < len(line.cells) and clean(line.cells[k]) and not clean(line.cells[k]).isdigit():
                labels[j] = labels[j] + "/" + clean(line.cells[k]) if labels[j] else clean(line.cells[k])
    return labels


def reading_order(header: Sequence[Line]) -> list[str]:
    return [clean(c) for line in header for c in line.cells if clean(c)]
