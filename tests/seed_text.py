"""A seed's printed rows from its own text (its tab or `|` delimiters), never from govfin's extractor.

Fixtures built from these rows (HTML pages) cannot hide a cell-splitting error of the
extractor: the oracle and the code under test split cells independently.
"""

from __future__ import annotations

import re
from pathlib import Path

MARKDOWN_RULE = re.compile(r"^\|?\s*:?-{3,}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")  # a seed saved from a web page keeps its <b> tags


def seed_rows(path: Path) -> list[tuple[str, ...]]:
    """The seed's lines as printed rows: cells split at its own tabs or `|`, a markdown rule dropped."""
    rows: list[tuple[str, ...]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if MARKDOWN_RULE.match(line.strip()):
            continue
        if "\t" in line:
            rows.append(tuple(cell.strip() for cell in line.split("\t")))
        elif "|" in line:
            row = line.strip().removeprefix("|").removesuffix("|")
            rows.append(tuple(cell.strip() for cell in row.split("|")))
        else:
            rows.append((line,))
    return rows
