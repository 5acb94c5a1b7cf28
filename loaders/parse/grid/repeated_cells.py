"""One fact per item, measure and printed line of a table.

A line can state one figure in several columns that map to the same fact: the 支出总计 of a
收支总表 printing its expenditure side three times (by function, by economic class, by
department), read once. Where such cells disagree (0.00 under one label, 4,651.67 under
another), the columns were not told apart, so none is kept and the row is named in a warning:
a wrong value is worse than a missing one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields

from loaders.model import ParseIssue

VALUES = ("amount_yuan", "count_value")


def _key(row) -> tuple:
    return (type(row).__name__, *(getattr(row, f.name) for f in fields(row) if f.name not in VALUES))


def one_fact_per_cell(rows: Sequence, title: str) -> tuple[list, list[ParseIssue]]:
    """The rows with repeats of one fact on one line read once; disagreeing repeats dropped and warned."""
    values: dict[tuple, set] = {}
    for row in rows:
        values.setdefault(_key(row), set()).add(tuple(getattr(row, v, None) for v in VALUES))
    kept, issues, seen = [], [], set()
    for row in rows:
        key = _key(row)
        if key in seen:
            continue
        seen.add(key)
        if len(values[key]) == 1:
            kept.append(row)
            continue
        amounts = sorted(str(v[0] if v[0] is not None else v[1]) for v in values[key])
        name = next((getattr(row, f) for f in ("functional_name", "item", "economic_name") if hasattr(row, f)), "")
        issues.append(
            ParseIssue(
                "warning",
                title,
                row.lineno,
                f"{name} ({getattr(row, 'measure', '')}) printed in several columns of one measure with "
                f"different amounts ({', '.join(amounts)}): not read",
            )
        )
    return kept, issues
