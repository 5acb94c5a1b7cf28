"""财政项目支出绩效评价报告: a finance bureau's evaluation of one project.

The report is prose about one project (often a 专项资金 spread over several items):

* the cover names it: 评价项目名称 (wrapped over lines, ending "…绩效评价"), 评价项目单位;
* a 项目支出情况表 (序号 | 项目名称 | 预算批复 | 预算到位 | 实际执行 | 执行率 | 指标结余 | 原因)
  lists its items under numbered categories (一、二 … then 1、2 …) and a 合计 row; names
  wrap over lines centred on their figures and are gathered by ``centered``;
* the conclusion states the score and grade ("项目综合评分92.25分，评价级次为优").

One Project is read: the evaluated project with the 合计 figures, its score and grade.
The items are not loaded as projects of their own (their sums would count the money
twice); the table's arithmetic (合计 = Σ categories, a category = Σ its items) is checked
and every difference is a warning.

Code, not a declaration: one project per document, whose items are centred on their figures
and checked against their categories and 合计; the column roles are declared (``COLUMNS``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from loaders.model import Line, ParseIssue, Project
from loaders.parse.grid.amounts import is_blank, is_number, parse_number, to_yuan
from loaders.parse.sheets.anchored import anchored_rows
from loaders.parse.sheets.assembly import columns_by_label, header_labels
from loaders.parse.sheets.cells import SHEET_ERRORS, compact, execution_rate, unwrap
from loaders.parse.vocabulary.sheets import (
    CATEGORY,
    COLUMNS,
    COVER_LABEL,
    COVER_NAME,
    COVER_UNIT,
    EVALUATION_SUFFIX,
    PERSONAL,
    SCORE,
    UNIT,
)
from loaders.parse.vocabulary.sheets import EVALUATION_REPORT_GRADE as GRADE
from loaders.parse.vocabulary.sheets import EVALUATION_REPORT_TITLE as TITLE

LAYOUT = "evaluation_report"
TABLE = "项目支出绩效评价报告"

ITEM = re.compile(r"^\d+$")


class _Row(NamedTuple):
    seq: str
    name: str
    budget: Decimal
    executed: Decimal
    balance: Decimal | None
    rate: str
    line: Line


def read(lines: Sequence[Line]) -> tuple[list[Project], list[ParseIssue]]:
    title = next((i for i, line in enumerate(lines[:40]) if TITLE.search(compact(line.text))), None)
    if title is None:
        return [], []
    name, unit_name = _cover(lines[title : title + 20])
    if not name:
        return [], []  # a report without this cover (评价项目名称) is another layout's
    try:
        return _report(lines, title, name, unit_name)
    except SHEET_ERRORS as exc:
        return [], [ParseIssue("warning", TABLE, lines[title].lineno, f"report not read: {exc}")]


def _report(
    lines: Sequence[Line], title: int, name: str, unit_name: str | None
) -> tuple[list[Project], list[ParseIssue]]:
    issues: list[ParseIssue] = []
    rows, unit = _table(lines)
    total = next((r for r in rows if r.name in ("合计", "总计")), None)
    if total is None:
        issues.append(ParseIssue("warning", TABLE, lines[title].lineno, f"{name}: no 项目支出情况表 合计 row"))
    else:
        issues += _check(rows, total)
    score, grade = _conclusion(lines)

    def yuan(v):
        return to_yuan(v, unit) if v is not None and unit else None

    rate = execution_rate(total.rate, total.budget, total.executed) if total and total.rate else None
    project = Project(
        seq=0,
        name=name,
        phase="self_evaluation",
        sheet_layout=LAYOUT,
        budget_unit=unit_name,
        budget_full_year_yuan=yuan(total.budget) if total else None,
        executed_yuan=yuan(total.executed) if total else None,
        balance_yuan=yuan(total.balance) if total else None,
        execution_rate=rate,
        execution_rate_printed=total.rate if total else None,
        score=score,
        grade=grade,
        page=lines[title].page,
        lineno=lines[title].lineno,
    )
    return [project], issues


def _cover(cover: Sequence[Line]) -> tuple[str | None, str | None]:
    """评价项目名称 (its wrapped lines joined, "…绩效评价" dropped) and 评价项目单位."""
    name = unit = None
    for i, line in enumerate(cover):
        text = compact(line.text)
        match = COVER_NAME.match(text)
        if match and name is None:
            parts = [match.group(1)]
            for more in cover[i + 1 :]:
                if COVER_LABEL.match(compact(more.text)) or len(more.cells) > 1:
                    break
                parts.append(compact(more.text))
            name = EVALUATION_SUFFIX.sub("", "".join(parts)) or None
        unit_match = COVER_UNIT.match(text)
        if unit_match and unit is None and not PERSONAL.search(text):
            unit = unwrap(unit_match.group(1)) or None
    return name, unit


def _conclusion(lines: Sequence[Line]) -> tuple[Decimal | None, str | None]:
    """The score and grade the report states; none when it states two different scores."""
    found = {}
    for line in lines:
        text = compact(line.text)
        score = SCORE.search(text)
        if score:
            grade = GRADE.search(text[score.end() :])
            found.setdefault(Decimal(score.group(1)), grade.group(1) if grade else None)
    if len(found) != 1:
        return None, None
    return next(iter(found.items()))


# --------------------------------------------------------------------------- 项目支出情况表


def _table(lines: Sequence[Line]) -> tuple[list[_Row], str | None]:
    """The rows of the 项目支出情况表 (header repeated on each page) and its unit."""
    header = next((i for i, line in enumerate(lines) if _is_header(line)), None)
    if header is None:
        return [], None
    width = len(lines[header].cells)
    unit = next(
        (
            UNIT.search(compact(ln.text)).group(1)
            for ln in lines[max(header - 4, 0) : header]
            if UNIT.search(compact(ln.text))
        ),
        None,
    )
    segments: list[list[Line]] = []
    labels: list[Line] = []
    columns: dict[str, int] = {}
    for line in lines[header - 1 :]:
        if len(line.cells) != width:
            if segments and segments[-1]:
                break  # prose again: the table has ended
            continue
        if _is_label(line):
            labels.append(line)
            continue
        if labels:  # a (repeated) header just ended: a new page of rows
            columns = columns_by_label(header_labels(labels, width), COLUMNS, exclusive=True)
            labels = []
            segments.append([])
        if segments:
            segments[-1].append(line)
    if not {"name", "budget", "executed"} <= columns.keys():
        raise ValueError("项目支出情况表 without 项目名称, 预算 and 执行 columns")
    rows: list[_Row] = []
    for body in segments:
        rows += _segment(body, columns)
    return rows, unit


def _is_header(line: Line) -> bool:
    text = compact(line.text)
    return "项目名称" in text and ("预算批复" in text or "预算数" in text) and "执行" in text and len(line.cells) >= 4


def _is_label(line: Line) -> bool:
    """A header line: no figures, and a column label (or the 序/号 of a wrapped 序号) in it."""
    cells = [compact(c) for c in line.cells]
    return not any(is_number(c) for c in cells) and any(
        c in ("序", "号") or any(p.search(c) for _, p in COLUMNS) for c in cells if c
    )


def _segment(body: Sequence[Line], columns: dict[str, int]) -> list[_Row]:
    table = anchored_rows(body, columns, "budget", ("name", "seq"))
    if not table.anchors:
        return []
    names, seqs = table.splits["name"], table.splits["seq"]
    if names.imbalance > 1 or seqs.imbalance > 1:
        raise ValueError(f"project names do not centre on their figures (off by {names.imbalance} lines)")
    rows = []
    for k in range(len(table.anchors)):

        def number(key, k=k):
            return parse_number(table.figure(k, key)) if not is_blank(table.figure(k, key)) else Decimal(0)

        rows.append(
            _Row(
                "".join(compact(text) for text in table.texts(k, "seq")),
                table.text(k, "name"),
                number("budget"),
                number("executed"),
                number("balance") if "balance" in columns else None,
                compact(table.figure(k, "rate")),
                table.line(k),
            )
        )
    return rows


def _check(rows: Sequence[_Row], total: _Row) -> list[ParseIssue]:
    """合计 = Σ categories (or Σ items when there are none); each category = Σ its items."""
    issues: list[ParseIssue] = []
    groups: list[tuple[_Row | None, list[_Row]]] = []
    for row in rows:
        if row is total:
            continue
        if CATEGORY.match(row.seq):
            groups.append((row, []))
        elif groups:
            groups[-1][1].append(row)
        else:
            groups.append((None, [row]))
    for head, items in groups:
        if head is not None and items:
            issues += _differs(head, items)
    parts = [head for head, _ in groups if head is not None] or [r for _, items in groups for r in items]
    return issues + (_differs(total, parts) if parts else [])


def _differs(row: _Row, parts: Sequence[_Row]) -> list[ParseIssue]:
    issues = []
    for field in ("budget", "executed"):
        printed, summed = getattr(row, field), sum(getattr(p, field) for p in parts)
        # each printed cell is rounded to its last digit (0.01): (n + 1) half-cents of tolerance
        if abs(printed - summed) > Decimal("0.005") * (len(parts) + 1):
            issues.append(
                ParseIssue("warning", TABLE, row.line.lineno, f"{row.name}: {field} {printed} ≠ Σ of its rows {summed}")
            )
    return issues
