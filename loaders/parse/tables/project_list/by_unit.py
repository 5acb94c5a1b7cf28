"""项目支出表 listing units by code with their projects beneath (Xi'an's 专项业务经费支出表).

Columns are found by their labels: 单位编码 (the unit code), 单位(项目)名称 (one column
naming units and projects), 项目金额 / 金额 / 合计 (the amount); any other column (项目简介,
备注) is kept out. A row printing a unit code (``125001``) is a unit; a code that prefixes
others (``125``) is the department over them. Rows without a code are the projects of the
unit above, possibly under category rows (项目类别 通用项目 › 委托咨询业务) told by their
arithmetic (``loaders.parse.grid.subtotal_levels``). A name wrapped over several lines is
given back to the row whose amount it is centred on (``loaders.parse.grid.wrapped_cells``).

Every sum is checked as it is read: a unit against Σ its projects, a department against
Σ its units, 合计 against the top rows; a sum that does not hold, or a wrapped name that
cannot be placed, gets a warning naming the table and the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from loaders.model import Line, ParseIssue, Project
from loaders.parse.grid.amounts import is_number, parse_number, to_yuan
from loaders.parse.grid.centred_rows import centred_rows
from loaders.parse.grid.checks import CENT, last_digit, tolerance
from loaders.parse.grid.grid import Grid, grid_from_lines, read_header
from loaders.parse.grid.subtotal_levels import levels
from loaders.parse.tables.base import TableContext, TableFacts
from loaders.parse.vocabulary import compact as clean
from loaders.parse.vocabulary import is_total_label
from loaders.parse.vocabulary.tables import AMOUNT_LABELS, CODE_LABELS

NAME_LABEL = "名称"
UNIT_CODE = re.compile(r"^\d{3,}$")


@dataclass(frozen=True)
class Columns:
    """Where the unit code, the name and the amount stand in the grid."""

    code: int
    name: int
    amount: int


@dataclass(frozen=True)
class Record:
    """One printed row: its amount, its name gathered from the lines around it, its code if any."""

    name: str
    code: str
    amount: Decimal  # yuan
    line: Line
    is_total: bool


def budget_project(name: str, unit: str | None, amount: Decimal, line: Line) -> Project:
    """A project of a 项目支出表: its budgeted amount (phase ``budget_list``)."""
    return Project(
        seq=0,
        name=name,
        phase="budget_list",
        sheet_layout="project_expenditure_table",
        implementing_unit=unit,
        budget_full_year_yuan=amount,
        page=line.page,
        lineno=line.lineno,
    )


def check_sum(
    ctx: TableContext, line: Line, what: str, printed: Decimal, parts: list[Decimal], relation: str
) -> list[ParseIssue]:
    """A warning when ``parts`` do not make ``printed`` within the rounding of the table's cells."""
    digit = last_digit((c for ln in ctx.lines for c in ln.cells), ctx.unit)
    made = sum(parts, Decimal(0))
    if not parts or abs(made - printed) <= tolerance(len(parts), digit):
        return []
    return [
        ParseIssue(
            "warning",
            ctx.title,
            line.lineno,
            f"does not add up: {what} is {printed} but {relation} make {made} "
            f"(difference {printed - made}, tolerance {tolerance(len(parts), digit).quantize(CENT)} yuan)",
        )
    ]


def _first_figure_row(grid: Grid) -> int:
    return next((r for r in range(grid.n_rows) if any(is_number(clean(c)) for c in grid.row(r))), grid.n_rows)


def columns_of(lines: list[Line]) -> Columns | None:
    """The unit-code, name and amount columns where the header labels all three, else None."""
    grid = grid_from_lines(lines)
    header = read_header(grid, range(_first_figure_row(grid)))

    def find(test) -> int | None:
        return next((c for c in range(grid.n_cols) if test("".join(header.path(c)))), None)

    code = find(lambda label: any(k in label for k in CODE_LABELS))
    names = [c for c in range(grid.n_cols) if NAME_LABEL in "".join(header.path(c)) and c != code]
    amount = find(lambda label: any(k in label for k in AMOUNT_LABELS))
    if len(names) != 1 or None in (code, amount) or len({code, names[0], amount}) < 3:
        return None  # 单位名称 and 项目名称 in columns of their own are read by them (project_list)
    name = names[0]
    return Columns(code, name, amount)


def _records(ctx: TableContext, grid: Grid, cols: Columns, facts: TableFacts) -> list[Record]:
    """The rows with an amount, each with the name pieces and code centred on it."""
    header = read_header(grid, range(_first_figure_row(grid)))
    records = []
    for row in centred_rows(grid, header, cols.amount, (cols.code, cols.name)):
        name = row.text(cols.name)
        codes = {c for c in row.pieces[cols.code] if UNIT_CODE.match(c)}
        total = any(is_total_label(c) for c in row.cells if c)
        if not row.centred or len(codes) > 1:
            facts.issues.append(
                ParseIssue(
                    "warning",
                    ctx.title,
                    row.line.lineno,
                    f"project name wrapped over lines not told apart from its neighbours: read as {name!r}",
                )
            )
        if not name and not total:
            facts.issues.append(ParseIssue("warning", ctx.title, row.line.lineno, "row with an amount but no name"))
            continue
        amount = to_yuan(parse_number(row.cells[cols.amount]), ctx.unit)
        records.append(Record(name, codes.pop() if len(codes) == 1 else "", amount, row.line, total))
    return records


def _parent_code(code: str, codes: set[str]) -> str | None:
    prefixes = [c for c in codes if c != code and code.startswith(c)]
    return max(prefixes, key=len) if prefixes else None


def read(ctx: TableContext, lines: list[Line], cols: Columns) -> TableFacts:
    facts = TableFacts()
    grid = grid_from_lines(lines)
    digit = last_digit((c for line in ctx.lines for c in line.cells), ctx.unit)

    def close(total: Decimal, printed: Decimal, n: int) -> bool:
        return abs(total - printed) <= tolerance(n, digit)

    def check(what: str, line: Line, printed: Decimal, parts: list[Decimal], relation: str) -> None:
        facts.issues.extend(check_sum(ctx, line, what, printed, parts, relation))

    records = _records(ctx, grid, cols, facts)
    total = next((r for r in records if r.is_total), None)
    codes = {r.code for r in records if r.code}
    parents = {_parent_code(c, codes) for c in codes} - {None}
    # each unit (a coded row no other code extends) with the uncoded rows under it
    units: list[tuple[Record | None, list[Record]]] = [(None, [])]
    for record in records:
        if record.is_total:
            continue
        if record.code:
            units.append((record, []))
        else:
            units[-1][1].append(record)
    for record in (r for r in records if r.code in parents):
        children = [r.amount for r in records if r.code and _parent_code(r.code, codes) == record.code]
        check(f"{record.code} {record.name}", record.line, record.amount, children, "Σ its units")
    if total is not None and codes:
        tops = [r.amount for r in records if r.code and _parent_code(r.code, codes) is None]
        check("合计", total.line, total.amount, tops, "Σ its top rows")
    for unit, items in units:
        if not items:
            continue
        parent = unit.amount if unit is not None else (total.amount if total is not None else None)
        found = levels([r.amount for r in items], parent, close) if parent is not None else None
        deepest = max(found) if found else 1
        if parent is not None and found is None:
            what = f"{unit.code} {unit.name}" if unit is not None else "合计"
            check(what, unit.line if unit else total.line, parent, [r.amount for r in items], "Σ its projects")
        for record, level in zip(items, found or [1] * len(items), strict=True):
            if level == deepest:  # the rows above the deepest level are categories summing them
                facts.rows.append(budget_project(record.name, unit.name if unit else None, record.amount, record.line))
    return facts
