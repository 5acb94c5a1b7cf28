"""项目支出绩效目标表 printed as one wide table: a row per project (a budget's annex).

Columns, found by their header labels (the header is repeated on every page):
项目名称（资金使用单位） | 总计 | 财政拨款 … | 绩效目标 | 绩效指标. Every cell is centred
on its row, so wrapped names, goals and indicator cells are told apart by ``centered``.

* a 合计 row, then rows naming a 资金使用单位 with its subtotal and no goal or indicators,
  each followed by its projects: the unit becomes the projects' ``implementing_unit`` and
  both totals are checked against the rows they add up;
* the printed 合计 and unit subtotals are kept as statistics (section ``project_targets``);
* 绩效指标 is one text: "1、1-产出指标；11-数量指标；name；实施周期指标值:…；年度指标值:…。2、…",
  read into indicators (一级, 二级 without their numbers, 实施期 and 年度 values).

A page whose cells cannot be balanced around their rows is a warning and loads no
project; a goal or an indicator text that does not read as the template is left out.

Code, not a declaration: a row per project with every cell centred on its row, unit rows
between the projects and totals to keep and check; the column roles themselves are declared
(``TARGET_TABLE_COLUMNS``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import NamedTuple

from loaders.model import Indicator, Line, ParseIssue, Project, StatisticItem
from loaders.parse.grid.amounts import is_number, parse_number, to_yuan
from loaders.parse.sheets.anchored import anchored_rows
from loaders.parse.sheets.assembly import columns_by_label, header_labels
from loaders.parse.sheets.cells import SENTENCE_END, compact, padded
from loaders.parse.sheets.targets import target_indicator
from loaders.parse.vocabulary.sheets import ITEM, PERSONAL, TOTAL_ROW
from loaders.parse.vocabulary.sheets import TARGET_TABLE_COLUMNS as COLUMNS
from loaders.parse.vocabulary.sheets import TARGET_TABLE_UNIT as UNIT

LAYOUT = "target_table"
TABLE = "项目支出绩效目标表"

FIRST_ITEM = re.compile(r"^1、\d+-")
HALF_DIGIT = Decimal("0.005")  # half the last digit of an amount printed with two decimals


SECTION = "project_targets"  # the printed totals, kept as statistics: 合计 → total, a unit → unit:<name>


class TargetTable(NamedTuple):
    """The projects of the table, its printed totals (合计 and each 资金使用单位's subtotal, as
    printed: the sum of rounded project amounts may differ from them by rounding) and problems."""

    projects: list[Project]
    totals: list[StatisticItem]
    issues: list[ParseIssue]


def read(lines: Sequence[Line]) -> tuple[list[Project], list[ParseIssue]]:
    table = read_table(lines)
    return table.projects, table.issues


def read_table(lines: Sequence[Line]) -> TargetTable:
    projects: list[Project] = []
    issues: list[ParseIssue] = []
    headers = [i for i, line in enumerate(lines) if _is_header(line)]
    if not headers:
        return TargetTable(projects, [], issues)
    unit = _unit(lines[max(0, headers[0] - 6) : headers[0]])
    if unit is None:
        issues.append(
            ParseIssue("warning", TABLE, lines[headers[0]].lineno, "no 单位 printed above the table: amounts not read")
        )
    unit_name: str | None = None
    rows: list[_Row] = []
    spans = [_header(lines, at) for at in headers]
    for n, (at, (_, top, columns)) in enumerate(zip(headers, spans, strict=False)):
        if top is None:
            continue
        end = spans[n + 1][0] if n + 1 < len(spans) else len(lines)  # the next page's header rows
        body = _body(lines, top, end, len(lines[at].cells))
        try:
            found, problems = _page(body, columns, unit)
        except ValueError as exc:
            issues.append(ParseIssue("warning", TABLE, lines[at].lineno, f"page not read: {exc}"))
            continue
        issues.extend(problems)
        rows.extend(found)
        for row in found:
            if not row.has_text and not TOTAL_ROW.match(row.name):
                unit_name = row.name  # a 资金使用单位 row: its projects follow
            elif row.has_text:
                projects.append(_project(row, unit_name))
    if unit is not None:
        issues.extend(_check_totals(rows, to_yuan(HALF_DIGIT, unit)))
    return TargetTable(projects, _printed_totals(rows), issues)


def _printed_totals(rows: Sequence[_Row]) -> list[StatisticItem]:
    """The 合计 and unit rows as printed, the first of each where a table repeats them."""
    totals: dict[str, StatisticItem] = {}
    for row in rows:
        if row.has_text or row.amount is None:
            continue
        item = "total" if TOTAL_ROW.match(row.name) else f"unit:{row.name}"
        totals.setdefault(item, StatisticItem("table", SECTION, item, row.amount, None, row.line.page, row.line.lineno))
    return list(totals.values())


# --------------------------------------------------------------------------- table shape


def _is_header(line: Line) -> bool:
    cells = [compact(c) for c in line.cells]
    return len(cells) >= 4 and any(c.startswith("绩效指标") for c in cells) and any("绩效目标" in c for c in cells)


def _header(lines: Sequence[Line], at: int) -> tuple[int, int | None, dict[str, int]]:
    """(first header row, index after the header rows, column per key): labels wrapped over
    the lines around ``at``; None for the body when a column is missing."""
    width = len(lines[at].cells)
    start = at
    while start > 0 and _label_row(lines[start - 1], width):
        start -= 1
    end = at + 1
    while end < len(lines) and _label_row(lines[end], width) and not _is_header(lines[end]):
        end += 1
    columns = columns_by_label(header_labels(lines[start:end], width), COLUMNS)
    return start, (end if len(columns) == len(COLUMNS) else None), columns


def _label_row(line: Line, width: int) -> bool:
    """A header line: no more cells than the header, short labels in several of them, no figures
    (a body line of a wrapped name fills one cell only)."""
    cells = [compact(c) for c in line.cells]
    return (
        len(cells) <= width
        and sum(bool(c) for c in cells) >= 2
        and not any(is_number(c) for c in cells)
        and all(len(c) <= 8 for c in cells)
    )


def _body(lines: Sequence[Line], top: int, end: int, width: int) -> list[Line]:
    """The rows under a header, their cells padded to the header's width."""
    body = []
    for line in lines[top:end]:
        if len(line.cells) > width or (len(line.cells) == 1 and line.text.endswith("。") and len(line.text) > 30):
            break  # the table ends where its grid does, or prose starts
        body.append(replace(line, cells=padded(line.cells, width)))
    return body


def _unit(before: Sequence[Line]) -> str | None:
    for line in before:
        match = UNIT.search(compact(line.text))
        if match:
            return match.group(1)
    return None


# --------------------------------------------------------------------------- one page


class _Row(NamedTuple):
    """One printed row: a project, a 资金使用单位 (no goal, no indicators) or the 合计."""

    name: str
    amount: Decimal | None
    has_text: bool  # a goal or an indicator cell is printed
    goal: str | None
    indicators: tuple[Indicator, ...]
    line: Line  # the anchor: the line printing the amounts


def _page(body: Sequence[Line], columns: dict[str, int], unit: str | None):
    """The rows printed on one page (amounts in yuan), and the problems met reading them."""

    goal_lines = [i for i in range(len(body)) if body[i].cells[columns["goal"]].strip()]
    openings = {
        "goal": (_after_sentence(body, goal_lines, columns["goal"]), False),
        "indicators": (lambda i: bool(FIRST_ITEM.match(compact(body[i].cells[columns["indicators"]]))), True),
    }
    table = anchored_rows(body, columns, "total", ("name", "goal", "indicators"), openings)
    if not table.anchors:
        return [], []
    problems: list[ParseIssue] = []
    names, goals, indicators = (table.splits[key] for key in ("name", "goal", "indicators"))
    if names.imbalance > 1:
        raise ValueError(f"project names do not centre on their amounts (off by {names.imbalance} lines)")
    ends = all(table.cell(cell[-1], "goal").endswith(SENTENCE_END) for cell in goals.cells if cell)
    # long goals drift a line off centre: two lines are allowed when every cell ends a sentence
    goals_read = goals.imbalance <= (2 if ends else 1)
    if not goals_read:
        problems.append(
            ParseIssue(
                "warning",
                TABLE,
                table.line(0).lineno,
                f"绩效目标 cells do not centre on their rows (off by {goals.imbalance}): not read",
            )
        )
    found = []
    for k in range(len(table.anchors)):
        name = table.text(k, "name")
        amount = parse_number(table.figure(k, "total"))
        goal = table.text(k, "goal") or None
        parts = [(table.cell(i, "indicators"), body[i]) for i in indicators.cells[k]]
        read_indicators: tuple[Indicator, ...] = ()
        if parts:
            read_indicators, problem = _indicators(parts, name)
            problems += [problem] if problem else []
        yuan = to_yuan(amount, unit) if unit and amount is not None else None
        found.append(
            _Row(name, yuan, bool(goal or parts), goal if goals_read else None, read_indicators, table.line(k))
        )
    return found, problems


def _after_sentence(body: Sequence[Line], texts: Sequence[int], column: int):
    """A goal cell opens on a line whose predecessor in the column ended a sentence."""
    previous = {b: a for a, b in itertools.pairwise(texts)}
    return lambda i: i not in previous or body[previous[i]].cells[column].strip().endswith(SENTENCE_END)


def _indicators(parts: Sequence[tuple[str, Line]], name: str) -> tuple[tuple[Indicator, ...], ParseIssue | None]:
    """The numbered items of one 绩效指标 cell (its lines' texts joined), or none and a warning
    when the cell does not read whole as the template."""
    cell = "".join(text for text, _ in parts)
    items = list(ITEM.finditer(cell))
    whole = (
        items
        and items[0].start() == 0
        and items[-1].end() == len(cell)
        and all(a.end() == b.start() for a, b in itertools.pairwise(items))
        and [int(m.group("n")) for m in items] == list(range(1, len(items) + 1))
    )
    if not whole:
        return (), ParseIssue(
            "warning",
            TABLE,
            parts[0][1].lineno,
            f"{name}: 绩效指标 cell does not read as numbered items: {cell[:60]!r}",
        )
    starts = [sum(len(text) for text, _ in parts[:k]) for k in range(len(parts))]
    found = []
    for match in items:
        if PERSONAL.search(match.group(0)):
            continue
        line = parts[max(k for k, start in enumerate(starts) if start <= match.start())][1]
        found.append(
            target_indicator(
                match.group("level1").strip(),
                match.group("level2").strip(),
                match.group("name").strip(),
                match.group("annual").strip() or None,
                line,
                long_term=match.group("period").strip() or None,
            )
        )
    return tuple(found), None


# --------------------------------------------------------------------------- rows


def _project(row: _Row, unit_name: str | None) -> Project:
    return Project(
        seq=0,
        name=row.name,
        phase="target",
        sheet_layout=LAYOUT,
        implementing_unit=unit_name,
        budget_full_year_yuan=row.amount,
        annual_goal=row.goal,
        page=row.line.page,
        lineno=row.line.lineno,
        indicators=row.indicators,
    )


def _check_totals(rows: Sequence[_Row], half_digit: Decimal) -> list[ParseIssue]:
    """合计 = the units' subtotals (or the projects when no unit row); a unit = its projects."""
    issues: list[ParseIssue] = []
    groups: list[tuple[_Row | None, list[_Row]]] = []
    for row in rows:
        if TOTAL_ROW.match(row.name):
            continue
        if not row.has_text:
            groups.append((row, []))
        elif groups:
            groups[-1][1].append(row)
        else:
            groups.append((None, [row]))
    for head, members in groups:
        if head is not None:
            issues += _differs(head, members, half_digit)
    parts = [head for head, _ in groups if head is not None] or [r for _, members in groups for r in members]
    total = next((r for r in rows if TOTAL_ROW.match(r.name)), None)
    return issues + (_differs(total, parts, half_digit) if total is not None and parts else [])


def _differs(row: _Row, parts: Sequence[_Row], half_digit: Decimal) -> list[ParseIssue]:
    """A warning when a printed total is not its rows' sum within their rounding ((n + 1) half digits)."""
    if row.amount is None or any(p.amount is None for p in parts):
        return []
    summed = sum(p.amount for p in parts)
    if abs(row.amount - summed) <= half_digit * (len(parts) + 1):
        return []
    return [
        ParseIssue(
            "warning", TABLE, row.line.lineno, f"{row.name}: printed {row.amount} yuan but its rows add up to {summed}"
        )
    ]
