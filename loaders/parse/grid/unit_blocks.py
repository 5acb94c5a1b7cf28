"""Consolidated tables printed unit by unit (部门综合预算 by 单位): a unit row, then that unit's coded rows.

A unit row prints a unit's code (``125001``, six digits or more, no classification code)
or a name marked 本级, and the unit's totals. A row printing the department's code, the units'
codes without their last three digits (``125`` over ``125001``, never a 功能分类 类), is the
department's total and is checked against the table's 合计. The warehouse keeps departments, so the
department's figure of a code is the sum over its units; the table's 合计 must equal the
sum of the unit rows, else a warning names the table and row. Where the table prints the
department's own coded rows before its first unit, those are the department's figures
and the unit blocks repeat them in parts: they are checked, not added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from loaders.model import Line, ParseIssue
from loaders.parse.grid.checks import tolerance
from loaders.parse.vocabulary import compact

UNIT_CODE = re.compile(r"^\d{6,}$")


def unit_label(cells: Sequence[str]) -> str | None:
    """The unit a row heads (``125001``, ``某市某局(本级)``), None when the row is no unit row."""
    filled = [compact(c) for c in cells if c.strip()]
    if not filled:
        return None
    if UNIT_CODE.match(filled[0]):
        return " ".join(filled)
    return filled[0] if "本级" in filled[0] else None


def department_codes(rows: Sequence[Sequence[str]]) -> set[str]:
    """The department codes a table's unit rows imply: 125 for 125001, 125002."""
    codes = set()
    for cells in rows:
        filled = [compact(c) for c in cells if c.strip()]
        if filled and UNIT_CODE.match(filled[0]):
            codes.add(filled[0][:-3])
    return codes


@dataclass(frozen=True)
class UnitRow:
    label: str
    values: dict[str, Decimal | None]
    line: Line
    is_department: bool = False


def _adds_up(total: Decimal, parts: Sequence[Decimal]) -> bool:
    """Within CONTRACT.md's tolerance, in the printed unit (the values are not yet in yuan)."""
    decimals = max((-v.as_tuple().exponent for v in (total, *parts) if v.as_tuple().exponent < 0), default=0)
    return abs(total - sum(parts, Decimal(0))) <= tolerance(len(parts), Decimal(1).scaleb(-decimals))


def merge_units(rows: list, units: Sequence[UnitRow], title: str) -> tuple[list, list[ParseIssue]]:
    """The department's rows of a table printed by unit, with warnings for sums that do not hold.

    ``rows`` carry ``code``, ``name``, ``second_name``, ``values``, ``line`` and ``unit`` (the index
    of the unit row above them, None before the first); total rows (code None) stay as printed.
    Rows are summed per code and second classification (部门经济 30101 under 政府经济 50101 or 50501).
    """
    issues: list[ParseIssue] = []
    total = next((r for r in rows if r.code is None), None)
    parts_of = [u for u in units if not u.is_department]
    if total is not None:
        for measure, value in total.values.items():
            parts = [p for p in (u.values.get(measure) for u in parts_of) if p is not None]
            if value is not None and parts and not _adds_up(value, parts):
                issues.append(_mismatch(title, total.line, f"{total.name} ({measure})", value, parts, "Σ unit rows"))
            for department in (u for u in units if u.is_department):
                printed = department.values.get(measure)
                if value is not None and printed is not None and not _adds_up(value, [printed]):
                    issues.append(
                        _mismatch(title, department.line, f"{department.label} ({measure})", printed, [value], "合计")
                    )
    units = parts_of
    if not parts_of:
        return rows, issues
    if any(r.code is not None and r.unit is None for r in rows):
        # the department's own rows are printed: the unit blocks detail them
        kept = [r for r in rows if r.unit is None]
        issues.append(
            ParseIssue(
                "info",
                title,
                units[0].line.lineno,
                f"{len(units)} unit blocks below the department's rows: the department's rows are kept",
            )
        )
        return kept, issues
    at: dict[tuple, int] = {}  # (code, second classification's name) → its row's index in out
    out: list = []
    for row in rows:
        key = (row.code, row.second_name)
        if row.code is None or key not in at:
            if row.code is not None:
                at[key] = len(out)
            out.append(row)
            continue
        seen = out[at[key]]
        values = {m: _add(seen.values.get(m), row.values.get(m)) for m in {**seen.values, **row.values}}
        out[at[key]] = replace(seen, name=seen.name or row.name, values=values)
    return out, issues


def _mismatch(title: str, line: Line, what: str, value: Decimal, parts: Sequence[Decimal], relation: str) -> ParseIssue:
    return ParseIssue(
        "warning", title, line.lineno, f"does not add up: {what} is {value} but {relation} make {sum(parts)}"
    )


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None and b is None else (a or Decimal(0)) + (b or Decimal(0))
