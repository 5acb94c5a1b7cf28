"""项目支出(预算)表 (budget 预算公开表12/13): one row per project, its 合计 and funding sources.

Rows become projects of phase ``budget_list`` (the amount budgeted per project,
before any performance sheet). Names broken over lines are joined; a row printed
flush left among indented rows names the unit the following projects belong to. A
项目支出表 keyed by 功能分类 code instead (some provinces print one) is read as such.
"""
from __future__ import annotations

from loaders.model import ParseIssue, Project
from loaders.parse.amounts import is_number, parse_number, to_yuan
from loaders.parse.tables import functional
from loaders.parse.tables.base import (FUNCTIONAL_CODE, TOTAL_LABELS, TableContext, TableFacts, clean, content_lines,
                                       join_broken_rows)


def _indent(cells) -> int:
    return next((i for i, c in enumerate(cells) if c.strip()), len(cells))


def _figures_follow(cells, at: int) -> bool:
    return any(is_number(clean(c)) for c in cells[at + 1:])


EXECUTION_LABELS = ("执行率", "实际执行")


def parse(ctx: TableContext) -> TableFacts:
    facts = TableFacts()
    if any(label in "".join(l.text.split()) for l in ctx.lines[:8] for label in EXECUTION_LABELS):
        # a 项目支出情况表 of budget execution (an evaluation report's): the project-sheet readers' table
        return facts
    rows = [l for l in join_broken_rows(content_lines(ctx.lines)) if l.cells]
    coded = sum(1 for l in rows if FUNCTIONAL_CODE.match(clean(l.cells[0])))
    with_figures = sum(1 for l in rows if any(is_number(clean(c)) for c in l.cells[1:])
                       and clean(l.cells[0]) not in TOTAL_LABELS)
    if coded and coded * 2 >= with_figures:
        return functional.parse(ctx)
    data = []
    for line in rows:
        at = _indent(line.cells)
        label = clean(line.cells[at]) if at < len(line.cells) else ""
        if label and not is_number(label) and _figures_follow(line.cells, at) and "项目名称" not in label:
            data.append((line, at, label))
    if not data:
        return facts
    project_indent = max(at for _, at, _ in data)
    unit = None
    for line, at, label in data:
        if label in TOTAL_LABELS or label.endswith("合计"):
            continue
        if at < project_indent:
            unit = label  # a unit's subtotal row heads its projects
            continue
        cell = next(c for c in line.cells[at + 1:] if c.strip())
        try:
            amount = parse_number(cell)
        except ValueError:
            facts.issues.append(ParseIssue("warning", ctx.title, line.lineno, f"unreadable cell {cell!r}"))
            continue
        facts.rows.append(Project(
            seq=0, name=label, phase="budget_list", sheet_layout="project_expenditure_table",
            department_code=None, budget_unit=None, implementing_unit=unit, initial_budget_declared_yuan=None,
            initial_budget_compiled_yuan=None, budget_full_year_yuan=to_yuan(amount, ctx.unit),
            executed_yuan=None, balance_yuan=None, execution_rate=None, execution_rate_printed=None,
            budget_execution_score=None, score=None, grade=None, annual_goal=None, actual_result=None,
            page=line.page, lineno=line.lineno))
    return facts
