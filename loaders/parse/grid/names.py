"""A name is never a figure: rows whose name, item or label reads as an amount are not kept.

A name cell holding ``2,082.85`` means the row was read off its columns (a block printed beside
another, a name on a line of its own): its figure may belong to another row, so the row is
dropped and named in a warning — a wrong value is worse than a missing one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from loaders.model import ParseIssue
from loaders.parse.grid.amounts import is_number

NAME_FIELDS = ("functional_name", "item", "economic_name", "government_economic_name", "name")
GROUPED = re.compile(r"[.,]")  # an amount, not a code or a row number: decimals or thousands


def reads_as_amount(text: str | None) -> bool:
    flat = "".join((text or "").split())
    return bool(flat) and is_number(flat) and bool(GROUPED.search(flat))


def amount_name(row) -> str | None:
    """The first name field of ``row`` that reads as an amount."""
    return next((v for f in NAME_FIELDS if reads_as_amount(v := getattr(row, f, None))), None)


def rows_named_by_names(rows: Sequence, title: str | None) -> tuple[list, list[ParseIssue]]:
    """The rows whose names are names; the others named in one warning per printed line."""
    kept, issues, warned = [], [], set()
    for row in rows:
        name = amount_name(row)
        if name is None:
            kept.append(row)
        elif row.lineno not in warned:
            warned.add(row.lineno)
            issues.append(
                ParseIssue("warning", title, row.lineno, f"row named by a figure ({name}): its cells not read")
            )
    return kept, issues
