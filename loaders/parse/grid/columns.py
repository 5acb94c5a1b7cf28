"""Columns found by their header labels: each column's path mapped to a measure through the vocabulary.

A column whose path the vocabulary does not know is kept out and named in a warning,
never read as its neighbour's measure. Labels broken over header lines (``事业单位经营``
/ ``支出``) are matched joined; a generic leaf (``金额``) under a known parent
(``本级财政拨款 › 金额``) takes the parent's measure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from loaders.parse.grid.grid import Header
from loaders.parse.vocabulary.grid import GENERIC_LEAVES
from loaders.parse.vocabulary.measures import COMPARISONS


def measure_of(
    path: Sequence[str], vocabulary: Sequence[tuple[str, str]], generic: Sequence[str] = GENERIC_LEAVES
) -> str | None:
    """The measure of a column path: its most specific label (joined with broken pieces) that is known."""
    parts = [p for p in path if p]
    if not parts or any(k in part for part in parts for k in COMPARISONS):
        return None  # 上年预算数, 增减: a comparison, kept out
    if parts[-1] in generic and len(parts) > 1:
        parent = measure_of(parts[:-1], vocabulary, generic)
        if parent is not None:
            return parent
    for start in range(len(parts) - 1, -1, -1):
        label = "".join(parts[start:])
        for needle, measure in vocabulary:
            # a needle ending in $ names a whole label (预算 alone, not 一般公共预算)
            if (label == needle[:-1]) if needle.endswith("$") else (needle in label):
                return measure
    return None


@dataclass(frozen=True)
class ColumnMap:
    """Measure per column, and the labelled columns nobody knows (kept out)."""

    measures: dict[int, str]
    unknown: dict[int, tuple[str, ...]]


def map_columns(
    header: Header,
    columns: Sequence[int],
    vocabulary: Sequence[tuple[str, str]],
    generic: Sequence[str] = GENERIC_LEAVES,
) -> ColumnMap:
    """Measures of ``columns``; a measure claimed twice keeps its first column, the later ones are unknown."""
    measures: dict[int, str] = {}
    unknown: dict[int, tuple[str, ...]] = {}
    for col in columns:
        path = header.path(col)
        if not path:
            continue
        measure = measure_of(path, vocabulary, generic)
        if measure is None or measure in measures.values():
            unknown[col] = path
        else:
            measures[col] = measure
    return ColumnMap(measures, unknown)
