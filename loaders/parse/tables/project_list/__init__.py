"""项目支出(预算)表 (budget 预算公开表12/13): one row per project, its 合计 and funding sources.

Rows become projects of phase ``budget_list`` (the amount budgeted per project,
before any performance sheet). Names broken over lines are joined; a row printed
flush left among indented rows names the unit the following projects belong to. A
项目支出表 keyed by 功能分类 code instead (some provinces print one) is read as such.

The kind (``project_expenditure``) declares: titles 项目支出…表 (``vocabulary.document.TITLE_RULES``); column
roles 项目名称, 单位, 合计/金额 and 执行 columns (``vocabulary.tables``); a row is one project, a
unit over its projects, or the total. Its layouts: rows by name and indentation (here), and units
listed by code with their projects beneath (``by_unit``).
"""

from __future__ import annotations

from loaders.model import ParseIssue
from loaders.parse.grid.amounts import is_number, parse_number, to_yuan
from loaders.parse.grid.centred_rows import centred_rows
from loaders.parse.grid.grid import grid_from_lines, read_header
from loaders.parse.grid.lines import content_lines, join_broken_rows
from loaders.parse.tables import functional
from loaders.parse.tables.base import TableContext, TableFacts
from loaders.parse.tables.project_list import by_unit
from loaders.parse.tables.project_list.by_unit import budget_project, check_sum
from loaders.parse.vocabulary import FUNCTIONAL_CODE, TOTAL_LABELS, is_total_label
from loaders.parse.vocabulary import compact as clean
from loaders.parse.vocabulary.tables import BRACKETED_CODE, EXECUTION_LABELS

AMOUNT_LABEL = "金额"  # the amount column of lists printing no 合计 (项目金额)


def _indent(cells) -> int:
    return next((i for i, c in enumerate(cells) if c.strip()), len(cells))


def _figures_follow(cells, at: int) -> bool:
    return any(is_number(clean(c)) for c in cells[at + 1 :])


def _labelled_columns(header) -> tuple[int | None, int | None, int | None]:
    """(amount, project name, unit name) columns: the one headed 合计/总计 at its top (not a 合计
    under 财政拨款), the one headed 项目名称, the one headed 单位名称; None where not printed."""
    rows = [line for line in header if len(line.cells) > 1]
    if not rows:
        return None, None, None
    grid = grid_from_lines(rows)
    paths = read_header(grid, range(grid.n_rows))

    def headed(test) -> int | None:
        return next((c for c in range(grid.n_cols) if paths.path(c) and test(paths.path(c))), None)

    total = headed(lambda path: is_total_label(path[0]))
    return (
        total if total is not None else headed(lambda path: path[0].endswith(AMOUNT_LABEL)),  # 项目金额
        headed(lambda path: "项目名称" in "".join(path)),
        headed(lambda path: "单位名称" in "".join(path)),
    )


def _column_holds_figures(rows, column: int) -> bool:
    """Whether every row printing figures prints one in ``column``: only then do the header's columns
    describe the rows (a header ruled apart from its rows, as some tools draw each row on its own,
    leaves the figures elsewhere and is read in reading order instead)."""
    return all(
        column < len(row.cells) and is_number(clean(row.cells[column]))
        for row in rows
        if any(is_number(clean(c)) for c in row.cells)
    )


def _wrapped_name(rows, index: int, at: int) -> tuple[str, set[int]]:
    """The name of a figure row printed blank, its pieces on the lines just above and below it."""

    def piece(i: int) -> str:
        if 0 <= i < len(rows) and not any(is_number(clean(c)) for c in rows[i].cells):
            cells = rows[i].cells
            return clean(cells[at]) if at < len(cells) and clean(cells[at]) else ""
        return ""

    above, below = piece(index - 1), piece(index + 1)
    used = {i for i, text in ((index - 1, above), (index + 1, below)) if text}
    return above + below, used


def parse(ctx: TableContext) -> TableFacts:
    facts = TableFacts()
    if any(label in "".join(ln.text.split()) for ln in ctx.lines[:8] for label in EXECUTION_LABELS):
        # a 项目支出情况表 of budget execution (an evaluation report's): the project-sheet readers' table
        first = ctx.lines[0].lineno if ctx.lines else None
        message = "a table of budget execution (执行率): read by the project-sheet readers, not as a budget list"
        facts.issues.append(ParseIssue("info", ctx.title, first, message))
        return facts
    lines = [ln for ln in content_lines(ctx.lines) if ln.cells]
    first = next((i for i, ln in enumerate(lines) if any(is_number(clean(c)) for c in ln.cells)), len(lines))
    unit_coded = by_unit.columns_of(lines[: first + 1])
    if unit_coded is not None:
        return by_unit.read(ctx, lines, unit_coded)
    total_col, named_col, unit_col = _labelled_columns(lines[:first])
    # names broken over lines are joined to their figures' line, except in tables the table model
    # placed by their ruling (merged header cells), read by column: a name wrapped around its
    # figures is rejoined there by position (_wrapped_name)
    by_position = (
        total_col is not None
        and any(line.spans for line in lines[:first])
        and _column_holds_figures(lines[first:], total_col)
    )
    if total_col is not None and None not in (named_col, unit_col) and named_col != unit_col:
        return _named_columns(ctx, lines, total_col, named_col, unit_col)
    rows = lines if by_position else [ln for ln in join_broken_rows(lines) if ln.cells]
    if not by_position:
        total_col = None
    coded = sum(1 for ln in rows if FUNCTIONAL_CODE.match(clean(ln.cells[0])))
    with_figures = sum(
        1 for ln in rows if any(is_number(clean(c)) for c in ln.cells[1:]) and clean(ln.cells[0]) not in TOTAL_LABELS
    )
    if coded and coded * 2 >= with_figures:
        return functional.parse(ctx)
    first = next((i for i, ln in enumerate(rows) if any(is_number(clean(c)) for c in ln.cells)), len(rows))
    data = []
    name_col = min(
        (_indent(ln.cells) for ln in rows[first:] if _figures_follow(ln.cells, _indent(ln.cells))), default=0
    )
    for index, line in enumerate(rows):
        at = _indent(line.cells)
        label = clean(line.cells[at]) if at < len(line.cells) else ""
        blank_name = name_col >= len(line.cells) or not clean(line.cells[name_col])
        if index >= first and total_col is not None and blank_name and _figures_follow(line.cells, name_col):
            label, _ = _wrapped_name(rows, index, name_col)  # a name wrapped around its figures
            at = name_col
        if label and not is_number(label) and _figures_follow(line.cells, at) and "项目名称" not in label:
            data.append((line, at, label))
    if not data:
        return facts
    read, total = [], None
    for line, at, label in data:
        if total_col is not None and at < total_col < len(line.cells):
            cell = line.cells[total_col]
        else:
            cell = next(c for c in line.cells[at + 1 :] if c.strip())
        try:
            amount = parse_number(cell)
        except ValueError:
            facts.issues.append(ParseIssue("warning", ctx.title, line.lineno, f"unreadable cell {cell!r}"))
            continue
        if label in TOTAL_LABELS or label.endswith("合计"):
            total = amount if total is None else total
        elif amount is not None:
            read.append((line, at, label, amount))
    project_indent = max((at for _, at, _, _ in read), default=0)
    units = (
        _unit_rows([amount for _, _, _, amount in read], total)
        if all(at == project_indent for _, at, _, _ in read)
        else {i for i, r in enumerate(read) if r[1] < project_indent}
    )
    unit = None
    for i, (line, _at, label, amount) in enumerate(read):
        if i in units:
            unit = label  # a unit's subtotal row heads its projects
            continue
        facts.rows.append(budget_project(label, unit, to_yuan(amount, ctx.unit), line))
    return facts


def _unit_rows(amounts: list, total) -> set[int]:
    """Unit subtotal rows printed in the projects' column, told by the arithmetic alone.

    Only when the rows add up to twice the 合计 (each project counted in its unit's row
    too) and they split exactly into [unit, its projects …] groups; otherwise none.
    """
    if total is None or not amounts or sum(amounts) != 2 * total:
        return set()
    units, i = set(), 0
    while i < len(amounts):
        units.add(i)
        running, j = 0, i + 1
        while j < len(amounts) and running < amounts[i]:
            running += amounts[j]
            j += 1
        if running != amounts[i] or j == i + 1:
            return set()
        i = j
    return units


def _named_columns(ctx: TableContext, lines, total_col: int, name_col: int, unit_col: int) -> TableFacts:
    """Tables printing 单位名称 and 项目名称 in columns of their own (Zhejiang, Xi'an 2020): each row read
    by them, names wrapped around their row's figure line given back to it."""
    facts = TableFacts()
    grid = grid_from_lines(lines)
    first = next((r for r in range(grid.n_rows) if any(is_number(clean(c)) for c in grid.row(r))), grid.n_rows)
    printed_total = None
    for row in centred_rows(grid, read_header(grid, range(first)), total_col, (name_col, unit_col)):
        name, unit = row.text(name_col), BRACKETED_CODE.sub("", row.text(unit_col))
        if any(is_total_label(c) for c in row.cells if c):
            printed_total = printed_total or (row.line, to_yuan(parse_number(row.cells[total_col]), ctx.unit))
            continue
        if not name or is_number(name):  # the ** of a 栏次 row
            continue
        if not row.centred:
            facts.issues.append(
                ParseIssue("warning", ctx.title, row.line.lineno, f"names wrapped over lines not told apart: {name!r}")
            )
        amount = to_yuan(parse_number(row.cells[total_col]), ctx.unit)
        facts.rows.append(budget_project(name, unit or None, amount, row.line))
    if printed_total is not None:
        facts.issues.extend(
            check_sum(
                ctx,
                printed_total[0],
                "合计",
                printed_total[1],
                [p.budget_full_year_yuan for p in facts.rows],
                "Σ the projects",
            )
        )
    return facts
