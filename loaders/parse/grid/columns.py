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
    """Measures of ``columns``; a measure claimed twice keeps its first column, the later ones are unknown.

    Columns that owe a measure only to the label they are printed under (财政专户拨款收入 › 教育收费 |
    其他专户收入拨款) are parts of it, none the whole: none of them is read as that measure, unless
    one is the parent's 小计 (its whole)."""
    measures: dict[int, str] = {}
    unknown: dict[int, tuple[str, ...]] = {}
    claims: dict[str, list[int]] = {}
    for col in columns:
        path = header.path(col)
        if not path:
            continue
        measure = measure_of(path, vocabulary, generic)
        if measure is not None:
            claims.setdefault(measure, []).append(col)
        if measure is None or measure in measures.values():
            unknown[col] = path
        else:
            measures[col] = measure
    for measure, cols in claims.items():
        parent = _common_parent([header.path(c) for c in cols])
        if len(cols) < 2 or not parent or measure_of(parent, vocabulary, generic) != measure:
            continue
        # the parent's 小计 is its whole (一般公共预算拨款 › 小计 | 其中：专项资金); without one, none is
        whole = [c for c in cols if header.path(c)[-1] in generic]
        for col in cols:
            measures.pop(col, None)
            unknown[col] = header.path(col)
        if len(whole) == 1:
            measures[whole[0]] = measure
            del unknown[whole[0]]
    return ColumnMap(measures, dict(sorted(unknown.items())))


def _common_parent(paths: Sequence[Sequence[str]]) -> tuple[str, ...]:
    """The labels every path starts with, short of any path's own leaf."""
    parent: list[str] = []
    for parts in zip(*(p[:-1] for p in paths), strict=False):
        if len(set(parts)) != 1:
            break
        parent.append(parts[0])
    return tuple(parent)
