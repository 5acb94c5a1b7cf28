"""项目支出绩效目标申报表 (project performance TARGET sheets) printed as raw PDF text.

Each sheet follows a title containing 绩效目标申报表 and opens at its 项目名称 row:

* 项目名称 (wrapped lines are joined), then 主管部门及代码 … 实施单位 … on one row;
* 项目资金 in the unit printed with it ("(元)", "(万元)", "单位：元"): 实施期资金总额 and
  年度资金总额, each label followed by its amount;
* 总体目标: the 实施期目标 and 年度目标 texts side by side, each wrapped at its own width;
* the indicator table, read by ``target_indicators``: a 实施期 and a 年度 half of
  二级指标 | 三级指标 | 指标值 per row;
* a footer (负责人 / 经办人 / 联系电话 / 填报日期) that is personal data: a sheet ends there
  and no line naming a contact or printing a phone number is ever read.

Everything is found by its label in ``Line.text`` with our own tokenising: the cells of
single-space PDF text (``Line.cells``) have no reliable boundaries.

Code, not a declaration: single-space PDF text has no cells to give column roles to; fields
are found in the line's text and the indicator table's two halves split at their labels.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from loaders.model import Indicator, Line, ParseIssue, Project
from loaders.parse.grid import settings as tuning
from loaders.parse.grid.amounts import is_blank, parse_number, to_yuan
from loaders.parse.sheets.cells import SHEET_ERRORS, compact, join_wrapped, unwrap
from loaders.parse.sheets.target_indicators import read_indicators
from loaders.parse.vocabulary import unit_in
from loaders.parse.vocabulary.sheets import (
    AMOUNT,
    DEPARTMENT,
    FIELD_LABEL,
    FOOTER,
    GLUED_LABEL,
    GOAL_LABEL,
    IMPLEMENTING,
    PAGE_NUMBER,
    PAIRED_GOALS,
    PERSONAL,
    SECTION,
    TABLE_HEADER,
    VERTICAL_LABEL,
)
from loaders.parse.vocabulary.sheets import TARGET_SHEET_FUNDING as FUNDING
from loaders.parse.vocabulary.sheets import TARGET_SHEET_FUNDING_VALUE as FUNDING_VALUE
from loaders.parse.vocabulary.sheets import TARGET_SHEET_NAME_LABEL as NAME_LABEL
from loaders.parse.vocabulary.sheets import TARGET_SHEET_TITLE as TITLE

TABLE = "项目支出绩效目标申报表"
LAYOUT = "target_declaration"


CODED = re.compile(r"^(?P<code>\d{2,})\s*[-－—]\s*(?P<name>.+)$")


class SheetError(ValueError):
    """The sheet cannot be read: it becomes a warning naming the line."""

    def __init__(self, message: str, lineno: int):
        super().__init__(message)
        self.lineno = lineno


# --------------------------------------------------------------------------- sheets


def read(lines: Sequence[Line]) -> tuple[list[Project], list[ParseIssue]]:
    projects: list[Project] = []
    issues: list[ParseIssue] = []
    for sheet in _sheets(lines, _page_noise(lines)):
        try:
            project, problems = _read_sheet(sheet)
        except SHEET_ERRORS as exc:
            lineno = getattr(exc, "lineno", sheet[0].lineno)
            issues.append(ParseIssue("warning", TABLE, lineno, f"sheet not read: {exc}"))
            continue
        projects.append(project)
        issues.extend(problems)
    return projects, issues


def _page_noise(lines: Sequence[Line]) -> set[int]:
    """Indexes of page numbers ("-24-") and the running heads printed beside them."""
    numbers = [i for i, line in enumerate(lines) if PAGE_NUMBER.match(line.text)]
    beside = Counter(lines[j].text for i in numbers for j in (i - 1, i + 1) if 0 <= j < len(lines))
    heads = {text for text, n in beside.items() if n >= 2 and not TITLE.search(text)}
    return set(numbers) | {i for i, line in enumerate(lines) if line.text in heads}


def _sheets(lines: Sequence[Line], noise: set[int]) -> list[list[Line]]:
    """Each sheet's lines, from its 项目名称 row to its footer (excluded)."""
    sheets: list[list[Line]] = []
    current: list[Line] | None = None
    expecting = 0  # > 0 while a 项目名称 may still follow a title or a footer
    for index, line in enumerate(lines):
        text = line.text
        if index in noise or not text:
            continue
        if TITLE.search(text):
            current, expecting = None, tuning.current().sheet_title_gap
        elif NAME_LABEL.match(text) and (expecting or current is not None):
            current = [line]
            sheets.append(current)
        elif current is None:
            expecting = max(expecting - 1, 0)
        elif FOOTER.search(text):
            current, expecting = None, tuning.current().sheet_title_gap
        elif SECTION.match(text) and any(TABLE_HEADER.search(ln.text) for ln in current):
            current, expecting = None, 0
        else:
            current.append(line)
    return sheets


def _read_sheet(sheet: Sequence[Line]) -> tuple[Project, list[ParseIssue]]:
    # contact lines inside a sheet (项目负责人：… 电话：…) are dropped before anything is read
    sheet = [sheet[0], *(line for line in sheet[1:] if not PERSONAL.search(line.text))]
    name = _name(sheet)
    if not name:
        raise SheetError("no 项目名称 printed", sheet[0].lineno)
    header = next((i for i, line in enumerate(sheet) if TABLE_HEADER.search(line.text)), None)
    funding_end = header if header is not None else len(sheet)
    amounts, problems = _funding(sheet[:funding_end], sheet[0].lineno)
    if header is None and not any(amounts.values()):
        raise SheetError(f"{name}: neither 项目资金 amounts nor an indicator table found", sheet[0].lineno)
    indicators, problem = _indicator_table(sheet, header)
    problems += [problem] if problem else []
    issues = [ParseIssue(severity, TABLE, lineno, f"{name}: {message}") for severity, lineno, message in problems]
    code, budget_unit, implementing = _units(sheet)
    return Project(
        seq=0,
        name=name,
        phase="target",
        sheet_layout=LAYOUT,
        department_code=code,
        budget_unit=budget_unit,
        implementing_unit=implementing,
        budget_full_year_yuan=amounts["annual"],
        annual_goal=_annual_goal(sheet[:funding_end]),
        page=sheet[0].page,
        lineno=sheet[0].lineno,
        indicators=tuple(indicators),
        implementation_period_total_yuan=amounts["period"],
    ), issues


def _indicator_table(sheet: Sequence[Line], header: int | None) -> tuple[list[Indicator], tuple | None]:
    """The indicators under the table header, and a problem when the table is missing or cut short."""
    if header is None:
        return [], ("warning", sheet[-1].lineno, "no indicator table (sheet truncated?)")
    indicators, complete = read_indicators(sheet[header + 1 :], paired=sheet[header].text.count("三级指标") > 1)
    if not complete:
        cut = "indicator table ends before its 满意度指标 rows (sheet truncated?)"
        return indicators, ("warning", sheet[-1].lineno, cut)
    return indicators, None


# --------------------------------------------------------------------------- header fields


def _name(sheet: Sequence[Line]) -> str:
    first = NAME_LABEL.sub("", sheet[0].text)
    contact = PERSONAL.search(first)  # a contact printed on the name's row is cut off, never kept
    parts = [first[: contact.start()] if contact else first]
    for line in sheet[1:]:
        if FIELD_LABEL.match(line.text):
            break
        parts.append(line.text)
    return unwrap(join_wrapped(parts))


def _units(sheet: Sequence[Line]) -> tuple[str | None, str | None, str | None]:
    """(department code, 主管部门, 实施单位) as printed; 实施单位 may sit on its own row."""
    code = department = implementing = None
    at = next((i for i, line in enumerate(sheet) if "主管部门" in line.text), None)
    if at is not None:
        match = DEPARTMENT.search(sheet[at].text)
        dept = unwrap(match.group("dept"))
        coded = CODED.match(dept)
        code, department = (coded.group("code"), coded.group("name")) if coded else (None, dept or None)
        implementing = unwrap(match.group("unit") or "") or None
        if match.group("unit") == "" and at + 1 < len(sheet) and not FIELD_LABEL.match(sheet[at + 1].text):
            implementing = unwrap(sheet[at + 1].text) or None  # the unit printed under its label
    if implementing is None:
        own_row = next((IMPLEMENTING.match(line.text) for line in sheet if IMPLEMENTING.match(line.text)), None)
        implementing = (unwrap(own_row.group("unit")) or None) if own_row else None
    return code, department, implementing


def _unit(sheet: Sequence[Line]) -> str | None:
    """The unit the 项目资金 block prints, if any."""
    for line in sheet:
        unit = unit_in(line.text)
        if unit and (len(compact(line.text)) <= 12 or "资金" in line.text):
            return unit
    return None


def _funding(block: Sequence[Line], lineno: int) -> tuple[dict[str, Decimal | None], list[tuple[str, int, str]]]:
    """实施期资金总额 and 年度资金总额 in yuan, and the problems (severity, line, message) met."""
    amounts: dict[str, Decimal | None] = {"period": None, "annual": None}
    problems: list[tuple[str, int, str]] = []
    unit = _unit(block)
    if unit is None:  # the template's unit: 元
        problems.append(("info", lineno, "no unit printed with 项目资金; amounts read as 元"))
    for key, label in FUNDING.items():
        line = next((ln for ln in block if label in ln.text), None)
        if line is None:
            if key == "annual":
                problems.append(("warning", lineno, "no 年度资金总额 printed"))
            continue
        printed = FUNDING_VALUE[key].search(GLUED_LABEL.sub(" ", line.text)).group("value")
        if not printed or is_blank(printed) or FIELD_LABEL.match(printed):
            continue  # a blank cell: nothing printed
        match = AMOUNT.fullmatch(printed)
        if match is None:
            problems.append(("warning", line.lineno, f"{label} is not an amount: {printed!r}"))
            continue
        amounts[key] = to_yuan(parse_number(match.group("number")), match.group("unit") or unit or "元")
    return amounts, problems


def _annual_goal(block: Sequence[Line]) -> str | None:
    """The 年度目标 text of 总体目标 (the right-hand one when 实施期目标 is printed beside it)."""
    start = next((i for i, line in enumerate(block) if GOAL_LABEL.match(line.text)), None)
    if start is None:
        return None
    paired = any(PAIRED_GOALS.search(line.text) for line in block[max(start - 2, 0) : start + 1])
    first = GOAL_LABEL.sub("", block[start].text).strip()
    follow = []
    for line in block[start + 1 :]:
        if line.text in VERTICAL_LABEL or TABLE_HEADER.search(line.text) or FIELD_LABEL.match(line.text):
            break
        follow.append(line.text)
    if not paired:
        return unwrap(join_wrapped([first, *follow])) or None
    goal = _right_goal(first, follow)
    return unwrap(goal) or None


def _right_goal(first: str, follow: Sequence[str]) -> str:
    """The right of two texts printed side by side, each wrapped at its own column width."""
    if not follow:
        tokens = first.split()
        if len(tokens) < 2:
            return first
        splits = [(" ".join(tokens[:k]), " ".join(tokens[k:])) for k in range(1, len(tokens))]
        same = [right for left, right in splits if compact(left) == compact(right)]
        # otherwise the most even split: the two columns hold texts of similar length
        return same[0] if same else min(splits, key=lambda s: abs(len(s[0]) - len(s[1])))[1]
    units = [first, *follow] if first else list(follow)
    for k in range(1, len(units)):
        left, right = join_wrapped(units[:k]), join_wrapped(units[k:])
        if compact(left) == compact(right):
            return right
    if first:
        return join_wrapped(follow)  # the left text fits the label's line; the right one wraps below
    return join_wrapped(units[(len(units) + 1) // 2 :])
