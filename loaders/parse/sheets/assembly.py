"""What every project-sheet reader does, once: cut the document into sheets, read each sheet or
warn, find columns by their header labels, read the value beside a label.

A reader says where its sheets open and what a sheet of its own holds (``claims``); the
assembly cuts the lines into blocks from one opening to the next (``sheet_blocks``) and reads
each claimed block, turning a sheet that does not read as its layout into a warning naming
its first line (``read_sheets``). Column roles are declared as ``(role, pattern)`` pairs
(``vocabulary.sheets``) and matched against the header's labels (``header_labels``,
``columns_by_label``, ``roles_by_column``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from loaders.model import Line, ParseIssue, Project
from loaders.parse.sheets.cells import SHEET_ERRORS, compact, padded, unwrap
from loaders.parse.vocabulary.sheets import NAME_CELL, PERSONAL

Roles = Sequence[tuple[str, re.Pattern]]


def sheet_blocks(lines: Sequence[Line], opens: Callable[[int], bool]) -> list[Sequence[Line]]:
    """The lines of each sheet: from a line where ``opens(i)`` to the next such line (or the end)."""
    starts = [i for i in range(len(lines)) if opens(i)]
    return [lines[start : starts[n + 1] if n + 1 < len(starts) else len(lines)] for n, start in enumerate(starts)]


def opens_with_name(line: Line) -> bool:
    """A row opening with a 项目名称 cell and printing the name beside it: where a sheet starts."""
    return bool(line.cells) and compact(line.cells[0]) == NAME_CELL and len(line.cells) > 1


def read_sheets(
    blocks: Sequence[Sequence[Line]],
    read_one: Callable[[Sequence[Line]], tuple[Project, list[ParseIssue]]],
    table: str,
    claims: Callable[[Sequence[Line]], bool] = lambda block: True,
) -> tuple[list[Project], list[ParseIssue]]:
    """Each claimed block read into a Project; a block that does not read as its layout is a
    warning for that sheet, never a crash, and the document's other sheets still load."""
    projects: list[Project] = []
    issues: list[ParseIssue] = []
    for block in blocks:
        if not claims(block):
            continue  # another layout's sheet
        try:
            project, problems = read_one(block)
        except SHEET_ERRORS as exc:
            issues.append(ParseIssue("warning", table, block[0].lineno, f"sheet not read: {exc}"))
            continue
        projects.append(project)
        issues.extend(problems)
    return projects, issues


def header_labels(rows: Sequence[Line], width: int) -> list[str]:
    """Each column's header label: its cells over the header rows joined ("得" + "分")."""
    return ["".join(compact(padded(ln.cells, width)[c]) for ln in rows) for c in range(width)]


def columns_by_label(labels: Sequence[str], roles: Roles, exclusive: bool = False) -> dict[str, int]:
    """Each declared role's column: the first whose label its pattern finds (roles in their
    declared order; with ``exclusive``, a column another role took is passed over)."""
    columns: dict[str, int] = {}
    for role, pattern in roles:
        taken = set(columns.values()) if exclusive else set()
        match = next((c for c, label in enumerate(labels) if c not in taken and pattern.search(label)), None)
        if match is not None:
            columns[role] = match
    return columns


def roles_by_column(texts: Sequence[Sequence[str]], roles: Roles) -> dict[str, int]:
    """Column per role, read column by column: the first of a column's texts (a sub-header before
    the merged cell above it) that names a role not yet found gives the column that role."""
    columns: dict[str, int] = {}
    for i, candidates in enumerate(texts):
        for text in candidates:
            label = compact(text)
            role = next((r for r, p in roles if p.search(label)), None) if label else None
            if role and role not in columns:
                columns[role] = i
                break
    return columns


def value_beside(block: Sequence[Line], label: str) -> str | None:
    """The first filled cell after a cell reading ``label`` ("预算单位 | X"); None when absent or
    when it holds personal data."""
    for line in block:
        cells = [compact(c) for c in line.cells]
        if label in cells:
            i = cells.index(label)
            value = next((unwrap(c) for c in line.cells[i + 1 :] if c.strip()), None)
            return value if value and not PERSONAL.search(value) else None
    return None
