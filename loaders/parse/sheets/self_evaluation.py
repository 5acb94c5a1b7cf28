"""项目支出绩效自评表 (the national template): 项目名称, 预算单位, 项目资金 row, indicators, 总分.

A sheet opens at a 项目名称 row and holds a 项目资金预算安排及执行进度 block and a 总分
row; its amounts are in the unit its funding header names (usually 万元). Indicator
rows carry their 一级/二级 指标 forward when the cells are merged (printed once).
Sheets whose funding header labels its columns (年初预算数 | 全年预算数 | 全年执行数 | 分值 |
执行率 | 得分, wrapped over lines) are read by ``self_evaluation_labelled``; 总分 is always
the 得分, never the 分值.

Code, not a declaration: the funding row is read by its labels only where the header names
its columns, else by position from its first figure (with paired header cells printing some
figures twice), and the 总分 row's two figures are told apart by the indicator header.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from loaders.model import Indicator, Line, ParseIssue, Project
from loaders.parse.grid.amounts import is_number, parse_number, to_yuan
from loaders.parse.sheets import self_evaluation_labelled as labelled
from loaders.parse.sheets.assembly import opens_with_name, read_sheets, sheet_blocks
from loaders.parse.sheets.cells import compact, unwrap
from loaders.parse.sheets.evaluated import evaluated_project
from loaders.parse.vocabulary.sheets import (
    BUDGET_UNIT_CELL,
    FUNDING,
    GRADES,
    LEVEL2,
    NAME_CELL,
    PERSONAL,
    TOTAL_SCORE_CELL,
)
from loaders.parse.vocabulary.sheets import SELF_EVALUATION_LEVEL1 as LEVEL1

VALUE_LIKE = re.compile(r"^[≥≤=<>＞＜]|^\d")
TABLE = "项目支出绩效自评表"
LAYOUT = "self_evaluation_national"


def _first(line: Line) -> str:
    """The first filled cell: merged cells leave the first column of many rows blank."""
    return next((compact(c) for c in line.cells if c.strip()), "")


def read(lines: Sequence[Line]) -> tuple[list[Project], list[ParseIssue]]:
    return read_sheets(sheet_blocks(lines, lambda i: opens_with_name(lines[i])), _read_sheet, TABLE, claims=_claims)


def _claims(block: Sequence[Line]) -> bool:
    """A sheet of this layout prints a 项目资金 block and a 总分 row."""
    firsts = [_first(ln) for ln in block]
    return any(FUNDING.match(f) for f in firsts) and any(f.startswith(TOTAL_SCORE_CELL) for f in firsts)


def _read_sheet(block: Sequence[Line]) -> tuple[Project, list[ParseIssue]]:
    try:
        project = _sheet(block)
    except (ValueError, IndexError, ArithmeticError, StopIteration) as exc:
        # a row looked for and not found (StopIteration) says nothing itself: say what was missing
        raise ValueError(str(exc) or "no 项目资金 row with figures where the header has its columns") from exc
    return project, _check_total(project)


def _check_total(project: Project) -> list[ParseIssue]:
    """总分 should be the 预算执行 得分 plus the indicators' 得分; a sheet that prints otherwise
    is loaded as printed, with a note (a source contradiction, not a misread)."""
    if project.score is None or project.budget_execution_score is None or not project.indicators:
        return []
    summed = project.budget_execution_score + sum(i.score or 0 for i in project.indicators)
    if summed == project.score:
        return []
    return [
        ParseIssue(
            "info",
            TABLE,
            project.lineno,
            f"{project.name}: 总分 {project.score} ≠ 预算执行得分 {project.budget_execution_score}"
            f" + 指标得分 {summed - project.budget_execution_score}",
        )
    ]


def _after(cells: Sequence[str], label: str) -> str | None:
    cleaned = [compact(c) for c in cells]
    for i, cell in enumerate(cleaned):
        if cell.startswith(label):
            return next((unwrap(c) for c in cells[i + 1 :] if c.strip()), None)
    return None


def _sheet(block: Sequence[Line]) -> Project:
    name = _after(block[0].cells, NAME_CELL) or ""
    unit_row = next(ln for ln in block if FUNDING.match(_first(ln)))
    unit = "元" if "(元)" in compact(unit_row.text) or "（元）" in compact(unit_row.text) else "万元"
    budget_unit = next(
        (_after(ln.cells, BUDGET_UNIT_CELL) for ln in block if BUDGET_UNIT_CELL in compact(ln.text)), None
    )
    # the 年度资金总额 row: the first with figures, read by its header's labels where they name the columns
    first_figures = next(
        ln for ln in block[block.index(unit_row) - 1 :] if sum(is_number(compact(c)) for c in ln.cells) >= 3
    )
    funds = labelled.funding(block, first_figures)
    if funds is not None:
        return _project(block, name, budget_unit, unit, funds, labelled.indicators)
    money = next(ln for ln in block[block.index(unit_row) :] if sum(is_number(compact(c)) for c in ln.cells) >= 6)
    # positional from the first figure: a blank cell (nothing executed yet) stays in its column
    first = next(i for i, c in enumerate(money.cells) if is_number(compact(c)))
    numbers = [parse_number(c) if is_number(compact(c)) else Decimal(0) for c in money.cells[first : first + 7]]
    declared, compiled, full_year, executed, balance, rate, budget_score = numbers + [None] * (7 - len(numbers))
    figures = [parse_number(c) for c in money.cells[first:] if is_number(compact(c))]
    if len(figures) > 7 and full_year - executed != balance:
        # paired header cells (目标申报数 | | 预算编制数 | | 全年预算数 | …) print some figures twice:
        # the last five are 全年预算, 全年执行, 结余, 执行率, 得分 whatever stands before them
        declared, compiled = figures[0], figures[1]
        full_year, executed, balance, rate, budget_score = figures[-5:]
    if None not in (full_year, executed, balance) and abs(full_year - executed - balance) > Decimal("0.01"):
        # a layout whose columns this reader does not map (e.g. paired 目标申报数/预算编制数 cells):
        # better no row than a misread one
        raise ValueError(f"funding row does not read as 全年预算 − 全年执行 = 结余 ({numbers})")
    return _project(
        block,
        name,
        budget_unit,
        unit,
        dict(
            declared=declared,
            compiled=compiled,
            full_year=full_year,
            executed=executed,
            balance=balance,
            rate=(rate / 100).quantize(Decimal("0.0001")) if rate is not None else None,
            rate_printed=str(rate) if rate is not None else None,
            score=budget_score,
        ),
        _indicators,
    )


def _project(
    block: Sequence[Line], name: str, budget_unit: str | None, unit: str, funds: dict, read_indicators
) -> Project:
    total_row = next(ln for ln in block if _first(ln).startswith(TOTAL_SCORE_CELL))
    total_cells = [compact(c) for c in total_row.cells if compact(c)][1:]
    score = labelled.total_score([c for c in total_cells if is_number(c)], block)
    grade = next((c for c in total_cells if c in GRADES), None)
    goal, result = labelled.goal_and_result(block) or _goal_and_result(block)
    indicators = read_indicators(block, block.index(total_row))

    amounts = ("declared", "compiled", "full_year", "executed", "balance")
    in_yuan = {key: to_yuan(v, unit) if key in amounts and v is not None else v for key, v in funds.items()}
    return evaluated_project(
        name,
        LAYOUT,
        budget_unit,
        in_yuan,
        block[0],
        score=score,
        grade=grade,
        annual_goal=goal,
        actual_result=result,
        indicators=tuple(indicators),
    )


def _goal_and_result(block: Sequence[Line]) -> tuple[str | None, str | None]:
    for i, line in enumerate(block):
        if "年度目标" in compact(line.text) and i + 1 < len(block):
            texts = [c.strip() for c in block[i + 1].cells if c.strip() and not PERSONAL.search(c)]
            return (texts[0] if texts else None), (texts[1] if len(texts) > 1 else None)
    return None, None


def _indicators(block: Sequence[Line], total_index: int) -> list[Indicator]:
    header = next((i for i, ln in enumerate(block) if "一级指标" in compact(ln.text)), None)
    if header is None:
        return []
    has_level3 = "三级指标" in compact(block[header].text)
    found: list[Indicator] = []
    level1 = level2 = None
    for line in block[header + 1 : total_index]:
        cells = [c.strip() for c in line.cells]
        while cells and (
            not compact(cells[0]) or compact(cells[0]) in LEVEL1 | {"绩效指标"} or LEVEL2.match(compact(cells[0]))
        ):
            head = compact(cells.pop(0))
            if head in LEVEL1:
                level1, level2 = head, None
            elif LEVEL2.match(head):
                level2 = head
        if not cells or PERSONAL.search(cells[0]):
            continue
        scored = _weight_and_score(cells)
        if scored is None:
            continue
        texts, weight, score, reason = scored
        # sheets without a 三级指标 column, or rows whose 三级 cell is blank, are named by their 二级
        if not has_level3 or VALUE_LIKE.match(texts[0]) or len(texts) < 3:
            texts = [level2 or level1 or "", *texts]
        indicator, values = texts[0], ([*texts[1:], None, None, None])
        target, adjusted, actual = values[0], values[1], values[2]
        found.append(
            Indicator(
                level1,
                level2,
                indicator,
                target or None,
                adjusted or None,
                actual or None,
                weight,
                score,
                reason,
                line.page,
                line.lineno,
            )
        )
    return found


def _weight_and_score(cells: list[str]):
    """(texts before 分值, 分值, 得分, 偏差原因) read from the right of an indicator row, or None.

    A row ends in 分值, 得分 and an optional reason. A blank 得分 beside a printed 分值
    scores nothing; a merged cell can push 得分 one cell right ("10 | | 10").
    """
    cells = list(cells)
    while cells and not cells[-1]:
        cells.pop()
    reason = None
    if cells and not is_number(compact(cells[-1])):
        reason = cells.pop()
        while cells and not cells[-1]:
            cells.pop()
    numeric = [is_number(compact(c)) for c in cells]
    if len(cells) >= 3 and numeric[-1] and numeric[-2]:
        weight, score, texts = parse_number(cells[-2]), parse_number(cells[-1]), cells[:-2]
    elif len(cells) >= 4 and numeric[-1] and not cells[-2] and numeric[-3]:
        weight, score, texts = parse_number(cells[-3]), parse_number(cells[-1]), cells[:-3]
    elif len(cells) >= 2 and numeric[-1]:
        weight, score, texts = parse_number(cells[-1]), Decimal(0), cells[:-1]
    else:
        return None
    texts = [t for t in texts if t]
    if not texts or (weight is not None and score is not None and score > weight):
        return None
    return texts, weight, score, reason
