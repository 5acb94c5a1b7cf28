"""A 项目绩效评价报告 in labelled sections: 项目概况, 长期/年度 indicator tables and 年度预算执行情况自评.

A sheet opens at its 项目名称 row and is claimed only when it carries one of the
self-evaluation section labels (年度绩效目标及完成情况自评, 年度预算执行情况自评).
Within it:

* 长期绩效目标 — 目标名称 | 一级 | 二级 | 三级指标 | 单位 | 目标值 | 目标值确定依据; read
  only to give each annual indicator its long-term target (matched by 三级指标 name).
* 年度绩效目标及完成情况自评 — the same levels, then 目标值(A) | 完成值(B) | 分值 | 得分.
  Merged 目标名称/一级/二级 cells are printed once and an empty 单位 cell is dropped by
  the extraction, so rows are read from the right (得分, 分值, 完成值, 目标值) and the
  remaining left cells are told apart by what they look like (a unit, a level label).
  A printed unit is kept with the value ("820" + "份" → "820份"): there is no unit field.
* 年度预算执行情况自评 — 预算数(A) | 执行数(B) | 单位 | 执行率(B/A), mapped by label; the
  figures are converted with the unit the row (or header) prints. No 结余, 总分 or 等级
  is printed by this layout, so those stay None.

Code, not a declaration: merged level cells print once and an empty 单位 cell is dropped,
so an indicator row has no fixed columns to declare; it is read from the right and its left
cells told apart by what they look like.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import NamedTuple

from loaders.model import Indicator, Line, ParseIssue, Project
from loaders.parse.grid.amounts import is_blank, is_number, parse_number, to_yuan
from loaders.parse.sheets.assembly import read_sheets, roles_by_column, sheet_blocks, value_beside
from loaders.parse.sheets.cells import cell, compact, execution_rate, unwrap
from loaders.parse.sheets.evaluated import evaluated_project
from loaders.parse.vocabulary.sheets import (
    AFTER_BUDGET,
    ANNUAL_SECTION,
    BUDGET_COLUMNS,
    BUDGET_SECTION,
    BUDGET_UNIT_CELL,
    GOAL_NAME,
    HEADER_WORD,
    IMPLEMENTING_UNIT_CELL,
    LEVEL1,
    LONG_TERM_SECTION,
    MONEY_UNIT,
    NAME_LABEL,
    SELF_EVALUATION,
)
from loaders.parse.vocabulary.sheets import SECTIONED_REPORT_UNIT as UNIT

# the stored projects.sheet_layout value, from when readers were named by publisher: kept so that
# loaded rows and the marts keep their meaning (docs/projects.md)
LAYOUT = "hubei_evaluation_report"
TABLE = "绩效评价报告"


def read(lines: Sequence[Line]) -> tuple[list[Project], list[ParseIssue]]:
    blocks = sheet_blocks(lines, lambda i: _name_of(lines[i]) is not None)
    return read_sheets(blocks, _sheet, TABLE, claims=_claims)


def _claims(block: Sequence[Line]) -> bool:
    """A sheet of this layout carries one of the self-evaluation section labels."""
    return any(SELF_EVALUATION.search(compact(line.text)) for line in block)


# --------------------------------------------------------------------------- cells


def _name_of(line: Line) -> str | None:
    """The project name of a 项目名称 row ('项目名称 | X' or '项目名称：X'), else None."""
    if not line.cells:
        return None
    match = NAME_LABEL.match(compact(line.cells[0]))
    if match is None:
        return None
    name = match.group(1) or next((c for c in line.cells[1:] if c.strip()), "")
    name = unwrap(name)
    return name or None


def _with_unit(value: str | None, unit: str | None) -> str | None:
    """The value with its printed unit where the value ends in a digit ("100" + "%" → "100%")."""
    if not value or not unit or not value[-1].isdigit():
        return value
    return value + unit


def _section(block: Sequence[Line], opening: re.Pattern, closing: Sequence[re.Pattern]) -> list[Line] | None:
    """The lines after the label matching ``opening`` up to the next label of ``closing``."""
    start = next((i for i, line in enumerate(block) if opening.search(compact(line.text))), None)
    if start is None:
        return None
    body = []
    for line in block[start + 1 :]:
        first = compact(line.cells[0]) if line.cells else ""
        if any(p.search(first) for p in closing):
            break
        body.append(line)
    return body


# --------------------------------------------------------------------------- sheet


def _sheet(block: Sequence[Line]) -> tuple[Project, list[ParseIssue]]:
    issues: list[ParseIssue] = []
    name = _name_of(block[0]) or ""
    annual = _section(block, ANNUAL_SECTION, (BUDGET_SECTION, LONG_TERM_SECTION, AFTER_BUDGET))
    indicators = _indicators(annual or [], issues)
    if annual is None:
        issues.append(ParseIssue("warning", TABLE, block[0].lineno, f"{name}: no 年度绩效目标 table"))
    long_term = _section(block, LONG_TERM_SECTION, (ANNUAL_SECTION, BUDGET_SECTION))
    if long_term:
        indicators = _with_long_term(indicators, long_term)
    funds = _funds(block, name, issues)
    return evaluated_project(
        name,
        LAYOUT,
        value_beside(block, BUDGET_UNIT_CELL),
        funds,
        block[0],
        implementing_unit=value_beside(block, IMPLEMENTING_UNIT_CELL),
        indicators=tuple(indicators),
    ), issues


# --------------------------------------------------------------------------- indicators


def _indicators(body: Sequence[Line], issues: list[ParseIssue]) -> list[Indicator]:
    found: list[Indicator] = []
    level1 = level2 = None
    for line in body:
        cells = [c.strip() for c in line.cells]
        while cells and not cells[0]:
            cells.pop(0)  # a merged cell printed empty: its level carries forward
        if not cells or _is_header(cells):
            continue
        if all(_is_head(c) for c in cells):
            level1, level2 = _levels(cells, level1, level2)
            continue
        row = _indicator_row(cells)
        if row is None:
            issues.append(ParseIssue("warning", TABLE, line.lineno, f"indicator row not read: {line.text[:60]!r}"))
            continue
        level1, level2 = _levels(row.heads, level1, level2)
        found.append(
            Indicator(
                level1,
                level2,
                row.indicator,
                _with_unit(row.target, row.unit),
                None,
                _with_unit(row.actual, row.unit),
                row.weight,
                row.score,
                None,
                line.page,
                line.lineno,
            )
        )
    return found


def _is_header(cells: Sequence[str]) -> bool:
    return all(HEADER_WORD.match(compact(c)) for c in cells if c)


def _is_head(cell: str) -> bool:
    """A 目标名称 / 一级 / 二级 label cell (二级 labels all end in 指标, 'xx效益 指标')."""
    text = compact(cell)
    return bool(GOAL_NAME.match(text) or LEVEL1.match(text) or (text.endswith("指标") and len(text) <= 12))


def _levels(heads: Sequence[str], level1: str | None, level2: str | None) -> tuple[str | None, str | None]:
    """New 一级/二级 labels from the leading cells of a row; what is not printed carries forward."""
    labels = [compact(h) for h in heads if h and not GOAL_NAME.match(compact(h))]
    if len(labels) >= 2:
        return labels[-2], labels[-1]
    if len(labels) == 1:
        return (labels[0], None) if LEVEL1.match(labels[0]) else (level1, labels[0])
    return level1, level2


class _Row(NamedTuple):
    heads: list[str]  # the 目标名称/一级/二级 cells printed on this row
    indicator: str
    unit: str | None
    target: str | None
    actual: str | None
    weight: Decimal
    score: Decimal


def _indicator_row(cells: list[str]) -> _Row | None:
    """An annual indicator row read from the right (得分, 分值, 完成值, 目标值), or None."""
    if len(cells) < 5 or not (is_number(cells[-1]) and is_number(cells[-2])):
        return None
    weight, score = parse_number(cells[-2]), parse_number(cells[-1])
    actual, target, left = cells[-3] or None, cells[-4] or None, cells[:-4]
    unit = None
    if len(left) >= 2 and UNIT.match(compact(left[-1])):
        unit, left = compact(left[-1]), left[:-1]
    indicator = unwrap(left[-1]) if left else ""
    if not indicator:
        return None
    return _Row(left[:-1], indicator, unit, target, actual, weight, score)


def _with_long_term(indicators: list[Indicator], body: Sequence[Line]) -> list[Indicator]:
    """Each annual indicator with the 长期 target of the first unused long-term row of the same name."""
    unused = list(body)
    result = []
    for indicator in indicators:
        key = compact(indicator.indicator)
        for line in unused:
            cells = [c.strip() for c in line.cells]
            names = [compact(c) for c in cells]
            if key in names:
                rest = cells[names.index(key) + 1 :]
                unit = compact(rest.pop(0)) if len(rest) > 1 and UNIT.match(compact(rest[0])) else None
                target = _with_unit(rest[0], unit) if rest and rest[0] else None
                indicator = replace(indicator, long_term_target_value=target)
                unused.remove(line)
                break
        result.append(indicator)
    return result


# --------------------------------------------------------------------------- funds


def _funds(block: Sequence[Line], name: str, issues: list[ParseIssue]) -> dict:
    """预算数/执行数/执行率 of the 年度预算执行情况自评 table, in yuan; {} when unreadable."""
    body = _section(block, BUDGET_SECTION, (AFTER_BUDGET, ANNUAL_SECTION, LONG_TERM_SECTION))
    where = block[0].lineno
    if body is None:
        issues.append(ParseIssue("warning", TABLE, where, f"{name}: no 年度预算执行情况自评 table"))
        return {}
    header_index = next(
        (i for i, ln in enumerate(body) if "预算数" in compact(ln.text) and "执行数" in compact(ln.text)), None
    )
    if header_index is None:
        issues.append(ParseIssue("warning", TABLE, where, f"{name}: 预算数/执行数 header not found"))
        return {}
    header = body[header_index]
    columns = roles_by_column([[label] for label in header.cells], BUDGET_COLUMNS)
    row = next((ln for ln in body[header_index + 1 :] if any(is_number(c) for c in ln.cells)), None)
    if row is None:
        issues.append(ParseIssue("warning", TABLE, header.lineno, f"{name}: no figures under 预算数/执行数"))
        return {}
    try:
        return _read_funds(row.cells, columns, header.cells)
    except ValueError as exc:
        issues.append(ParseIssue("warning", TABLE, row.lineno, f"{name}: 预算执行 row not read: {exc}"))
        return {}


def _read_funds(cells: Sequence[str], columns: dict[str, int], header: Sequence[str]) -> dict:
    if "full_year" not in columns or "executed" not in columns:
        raise ValueError("no 预算数 or 执行数 column")
    unit = _money_unit(cell(cells, columns, "unit"), header)
    figures = {}
    for key in ("full_year", "executed", "balance"):
        text = cell(cells, columns, key)
        if key != "balance" and (text is None or not is_number(text)):
            raise ValueError(f"{key} cell {text!r} is not a number")
        if text is not None and not is_blank(text):
            figures[key] = to_yuan(parse_number(text), unit)
    printed = cell(cells, columns, "rate")
    if printed and not is_blank(printed):
        figures["rate_printed"] = printed
        figures["rate"] = execution_rate(printed, figures["full_year"], figures["executed"])
    return figures


def _money_unit(cell: str | None, header: Sequence[str]) -> str:
    """The unit the row prints in its 单位 column, else the one a header cell names."""
    for text in [cell or ""] + [compact(h) for h in header]:
        match = MONEY_UNIT.search(compact(text))
        if match:
            return match.group(1)
    raise ValueError(f"no money unit printed (单位 cell {cell!r})")
