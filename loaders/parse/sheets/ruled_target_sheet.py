"""项目绩效目标表 ruled as a grid, a sheet per project, each value in the cell beside its label
(the central-department budget template, and the 专项业务经费绩效目标表 printed like it).

A sheet opens at its title ("…绩效目标表") and 项目名称 row and holds:

* 主管部门及代码 ("[123]某局") and 实施单位;
* 项目资金 (万元): 年度资金总额 (or 实施期资金总额), 其中 财政拨款 / 上年结转 / 其他资金;
* 年度总体目标: one text wrapped over lines, beside a vertical label (年/度/总/体/目/标);
* the indicator table 一级 | 二级 | 三级指标 | 指标值 | 分值, read by
  ``self_evaluation_labelled.indicators`` (wrapped cells centred on their row).

A sheet whose indicator table has a 得分 column is a 自评表 (its own reader's). One without
a 分值 column has its rows told apart by ``unweighted_indicators``; where they cannot be
(a table printing 指标内容 for 三级指标), the sheet loads its name,
amounts and goal, and its indicators are left out with a warning saying why. A title may
wrap ("…项目绩效目标" / "表").

Code, not a declaration: a value sits beside its label or wraps above and below it, the goal
beside a vertical label, and an indicator table without 分值 has no figure to anchor its rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from loaders.model import Line, ParseIssue, Project
from loaders.parse.grid.amounts import is_number, parse_number, to_yuan
from loaders.parse.sheets import self_evaluation_labelled as labelled
from loaders.parse.sheets import unweighted_indicators as unweighted
from loaders.parse.sheets.assembly import opens_with_name
from loaders.parse.sheets.cells import SHEET_ERRORS, compact, join_wrapped, unwrap
from loaders.parse.vocabulary.sheets import FUNDS, IMPLEMENTING_UNIT_CELL, LABEL, NEXT_TABLE, PERSONAL
from loaders.parse.vocabulary.sheets import RULED_TARGET_TITLE as TITLE
from loaders.parse.vocabulary.sheets import RULED_TARGET_UNIT as UNIT

# the stored projects.sheet_layout value, kept from the module's former name (docs/projects.md)
LAYOUT = "target_central"
TABLE = "项目绩效目标表"

DEPARTMENT = re.compile(r"^(?:[\[［【](?P<code>\d{2,})[\]］】]|(?P<code2>\d{2,})[_\-－—])(?P<name>.+)$")


def read(lines: Sequence[Line]) -> tuple[list[Project], list[ParseIssue]]:
    starts = [i for i, line in enumerate(lines) if _opens(lines, i)]
    projects: list[Project] = []
    issues: list[ParseIssue] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] - 1 if n + 1 < len(starts) else len(lines)
        # a sheet ends where the next table's title or number starts (表15 部门整体支出绩效目标表 …)
        end = next(
            (i for i in range(start + 1, end) if _title(lines, i) or NEXT_TABLE.match(compact(lines[i].text))), end
        )
        block = lines[start:end]
        header = labelled.indicator_header(block)
        if header is not None and "score" in header[2]:
            continue  # a self-evaluation: another reader's
        try:
            project = _sheet(block, header, lines[max(0, start - 2) : start])
        except SHEET_ERRORS as exc:
            issues.append(ParseIssue("warning", TABLE, block[0].lineno, f"sheet not read: {exc}"))
            continue
        try:
            project = replace(project, indicators=tuple(_indicators(block, header)))
        except unweighted.Unreadable as exc:
            issues.append(ParseIssue("warning", TABLE, block[0].lineno, f"{project.name}: indicators not read ({exc})"))
        projects.append(project)
    return projects, issues


def _indicators(block: Sequence[Line], header) -> list:
    """The indicator rows: around each row's 分值 where the table prints one, else by centring."""
    if header is None:
        raise unweighted.Unreadable("no indicator table")
    if "weight" in header[2]:
        return labelled.indicators(block, len(block))
    return unweighted.read(block, header[1], header[2])


def _title(lines: Sequence[Line], i: int) -> bool:
    """A title ending in 绩效目标表 on line i, or wrapped over it and the next ("…绩效目标" / "表")."""
    text = compact(lines[i].text)
    if TITLE.search(text):
        return True
    after = compact(lines[i + 1].text) if i + 1 < len(lines) else ""
    return bool(TITLE.search(text + after)) and not TITLE.search(after)


def _opens(lines: Sequence[Line], i: int) -> bool:
    """A 项目名称 row just under a title ending in 绩效目标表."""
    return opens_with_name(lines[i]) and any(_title(lines, k) for k in range(max(0, i - 3), i))


def _sheet(block: Sequence[Line], header, above: Sequence[Line]) -> Project:
    name = _name(above, block)
    if not name:
        raise ValueError("no 项目名称 printed")
    code, department, implementing = _units(block)
    funding = next((i for i, ln in enumerate(block) if any(FUNDS.match(compact(c)) for c in ln.cells)), None)
    if funding is None:
        raise ValueError(f"{name}: no 年度资金总额 or 实施期资金总额 row")
    labels = "".join(compact(ln.cells[0]) for ln in block[: funding + 6])  # "专项资金情况(万" + "元)"
    unit = next(
        (
            UNIT.search(text).group(1)
            for text in [compact(ln.text) for ln in block[: funding + 6]] + [labels]
            if UNIT.search(text)
        ),
        None,
    )
    if unit is None:
        raise ValueError(f"{name}: no unit printed with 项目资金")
    cells = block[funding].cells
    at = next(k for k, c in enumerate(cells) if FUNDS.match(compact(c)))
    amount = next((parse_number(c) for c in cells[at + 1 :] if is_number(compact(c))), None)
    yuan = to_yuan(amount, unit) if amount is not None else None
    # 实施期资金总额 is the whole implementation period's; only 年度资金总额 is the year's budget
    annual = FUNDS.match(compact(cells[at])).group(1) != "实施期"
    return Project(
        seq=0,
        name=name,
        phase="target",
        sheet_layout=LAYOUT,
        department_code=code,
        budget_unit=department,
        implementing_unit=implementing,
        budget_full_year_yuan=yuan if annual else None,
        annual_goal=_goal(block[funding : header[0] if header else len(block)]),
        page=block[0].page,
        lineno=block[0].lineno,
        implementation_period_total_yuan=None if annual else yuan,
    )


def _name(above: Sequence[Line], block: Sequence[Line]) -> str:
    """The 项目名称 value, with the lines of its cell wrapped above and below the label's line
    (a centred cell: those lines print nothing but the name)."""

    def only_name(ln):
        return len(ln.cells) == 2 and not compact(ln.cells[0]) and compact(ln.cells[1])

    parts = [ln.cells[1] for ln in above if only_name(ln) and not TITLE.search(compact(ln.text))]
    parts += [c for c in block[0].cells[1:2] if c.strip()]
    parts += [ln.cells[1] for ln in block[1:2] if only_name(ln)]
    return unwrap(join_wrapped(parts))


def _units(block: Sequence[Line]) -> tuple[str | None, str | None, str | None]:
    """(code, 主管部门, 实施单位) from the cells beside their labels (labels may wrap: 主管部门及代 / 码)."""
    code = department = implementing = None
    for row, line in enumerate(block[:6]):
        cells = [compact(c) for c in line.cells]
        for k, text in enumerate(cells):
            # the value beside its label, or alone on the next line when the label wraps (主管部门及代 / 码)
            value = next((c for c in cells[k + 1 :] if c), None) if text.startswith("主管部门") else text
            coded = DEPARTMENT.match(value or "")
            if department is None and coded:
                code, department = coded.group("code") or coded.group("code2"), coded.group("name")
            elif department is None and text.startswith("主管部门") and value and not LABEL.match(value):
                department = value
            if text.startswith(IMPLEMENTING_UNIT_CELL) and implementing is None:
                implementing = next((c for c in cells[k + 1 :] if c), None) or _wrapped(block, row, k + 1)
    return code, department, implementing


def _wrapped(block: Sequence[Line], row: int, column: int) -> str | None:
    """A value centred on its label's line and wrapped above and below it ("福州市民政" / "局")."""

    def beside(ln):
        return (
            len(ln.cells) > column
            and compact(ln.cells[column])
            and not any(compact(c) for i, c in enumerate(ln.cells) if i != column)
        )

    parts = [
        compact(ln.cells[column]) for ln in block[max(row - 1, 0) : row + 2] if ln is not block[row] and beside(ln)
    ]
    return "".join(parts) or None


def _goal(rows: Sequence[Line]) -> str | None:
    """年度总体目标: the wide cell's lines after the funding rows (the last printing 其他资金 or a
    figure), up to the indicator table; the vertical label beside it (年/度/总/体/目/标) dropped."""
    last = max(
        (
            i
            for i, ln in enumerate(rows)
            if "其他资金" in compact(ln.text) or any(is_number(compact(c)) for c in ln.cells)
        ),
        default=0,
    )
    parts = [
        c.strip() for line in rows[last + 1 :] if not PERSONAL.search(line.text) for c in line.cells[1:] if c.strip()
    ]
    return unwrap(join_wrapped(parts)) or None
