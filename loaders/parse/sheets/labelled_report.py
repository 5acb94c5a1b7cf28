"""Reports declared as data (``vocabulary.sheets.ReportForm``): one report per project, every
part found by the labels its declaration gives.

The 项目支出绩效自评分析报告 is one such declaration (``REPORT_FORMS``). A report opens at
its title line (a line of one cell) and runs to the next one. It is claimed only when it
prints a 预算执行 table (a header row printing the declared words, e.g. 资金来源 |
年初预算数 | 全年预算数 | 全年执行数 | 结余 | 执行率 | 得分) or an 指标完成 table (一级指标 |
二级指标 | 指标名称 | 年度指标 | 实际完成值 | 权重 | 得分 …).

Both tables keep their empty cells (tab-separated), so their columns are mapped by the
declared roles against the labels of the header row and of the sub-header under it
(目标申报/预算编制, 年初指标/调整后指标). The 预算执行 figures come from its declared total
row (合计), in the unit the header prints ("全年预算数(元)"). 总分 and 等级 are stated only
in the prose of the conclusion ("总得分 84 分，属于"良""); the name and units in the cover
lines. Nothing here names a label: a new report layout of this form is a declaration.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from loaders.model import Indicator, Line, ParseIssue, Project
from loaders.parse.grid.amounts import is_blank, is_number, parse_number, to_yuan
from loaders.parse.sheets.assembly import read_sheets, roles_by_column, sheet_blocks
from loaders.parse.sheets.cells import cell, compact, execution_rate, unwrap
from loaders.parse.sheets.evaluated import evaluated_project
from loaders.parse.vocabulary import sheets as vocabulary
from loaders.parse.vocabulary import unit_in
from loaders.parse.vocabulary.sheets import PERSONAL, ReportForm


def read(lines: Sequence[Line], forms: Sequence[ReportForm] | None = None) -> tuple[list[Project], list[ParseIssue]]:
    """The reports of every declared form (``vocabulary.sheets.REPORT_FORMS`` unless given)."""
    projects: list[Project] = []
    issues: list[ParseIssue] = []
    for form in vocabulary.REPORT_FORMS if forms is None else forms:
        found, problems = read_form(lines, form)
        projects.extend(found)
        issues.extend(problems)
    return projects, issues


def read_form(lines: Sequence[Line], form: ReportForm) -> tuple[list[Project], list[ParseIssue]]:
    """The reports of one declared form."""
    blocks = sheet_blocks(lines, lambda i: len(lines[i].cells) == 1 and bool(form.title.match(compact(lines[i].text))))

    def claims(block: Sequence[Line]) -> bool:
        # a title without the report's tables is a table of contents or a mention
        return _fund_header(block, form) is not None or _indicator_header(block, form) is not None

    return read_sheets(blocks, lambda block: _report(block, form), form.table, claims=claims)


# --------------------------------------------------------------------------- cells


def _safe(text: str | None) -> str | None:
    """The text, or None when it carries personal data (a contact, a phone number)."""
    return text if text and not PERSONAL.search(text) else None


def _columns(header: Sequence[str], sub: Sequence[str], roles) -> dict[str, int]:
    """Column index per role: a sub-header label wins over the merged header cell above it."""
    width = max(len(header), len(sub))
    texts = [(sub[i] if i < len(sub) else "", header[i] if i < len(header) else "") for i in range(width)]
    return roles_by_column(texts, roles)


def _table_rows(block: Sequence[Line], start: int) -> list[Line]:
    """The rows of a table from ``start`` up to the first line that is prose (fewer than 3 cells)."""
    rows = []
    for line in block[start:]:
        if len(line.cells) < 3:
            break
        rows.append(line)
    return rows


def _sub_header(block: Sequence[Line], at: int) -> tuple[str, ...]:
    """The sub-header row under a header: a row with labels but no figures."""
    if at + 1 < len(block):
        cells = block[at + 1].cells
        if not any(is_number(c) for c in cells) and not compact(cells[0] if cells else ""):
            return cells
    return ()


# --------------------------------------------------------------------------- report


def _report(block: Sequence[Line], form: ReportForm) -> tuple[Project, list[ParseIssue]]:
    issues: list[ParseIssue] = []
    table = form.table
    funds_at, indicators_at = _fund_header(block, form), _indicator_header(block, form)
    cover = _cover(block, form)
    name = cover.get("name") or ""
    funds = _funds(block, funds_at, name, issues, form) if funds_at is not None else {}
    if funds_at is None:
        issues.append(ParseIssue("warning", table, block[0].lineno, f"{name}: no 预算执行 table"))
    indicators = _indicators(block, indicators_at, issues, form) if indicators_at is not None else []
    if indicators_at is None:
        issues.append(ParseIssue("warning", table, block[0].lineno, f"{name}: no 指标完成 table"))
    score, grade = _conclusion(block, form)
    _check_scores(name, score, funds.get("score"), indicators, block[0].lineno, issues, table)
    return evaluated_project(
        name,
        form.layout,
        cover.get("budget_unit"),
        funds,
        block[0],
        implementing_unit=cover.get("implementing_unit"),
        score=score,
        grade=grade,
        annual_goal=_text_after(block, form.annual_goal, form.heading),
        actual_result=_text_after(block, form.actual_result, form.heading),
        indicators=tuple(indicators),
    ), issues


def _cover(block: Sequence[Line], form: ReportForm) -> dict[str, str]:
    """Each declared cover field ('项目名称：X'): the first occurrence of each of its patterns, the
    first pattern (in declared order) printed winning."""
    found: dict[re.Pattern, str] = {}
    for line in block:
        text = line.text.strip()
        for _, patterns in form.cover:
            for pattern in patterns:
                match = pattern.match(text)
                if match and pattern not in found and _safe(match.group(1)):
                    found[pattern] = unwrap(match.group(1))
    fields = {}
    for field, patterns in form.cover:
        value = next((found[p] for p in patterns if found.get(p)), None)
        if value:
            fields[field] = value
    return fields


def _text_after(block: Sequence[Line], heading: re.Pattern, any_heading: re.Pattern) -> str | None:
    """The paragraph under a heading line, unless the next line is another heading."""
    for i, line in enumerate(block[:-1]):
        if heading.match(compact(line.text)):
            text = block[i + 1].text.strip()
            return None if any_heading.match(text) else _safe(text)
    return None


def _conclusion(block: Sequence[Line], form: ReportForm) -> tuple[Decimal | None, str | None]:
    """总分 and 等级 from the sentence that states them ("总得分 84 分，属于"良"")."""
    for line in block:
        text = compact(line.text)
        score = form.total_score.search(text)
        if score:
            grade = form.grade.search(text[score.end() :])
            return Decimal(score.group(1)), grade.group(1) if grade else None
    return None, None


def _check_scores(
    name: str, score, budget_score, indicators: Sequence[Indicator], lineno: int, issues: list[ParseIssue], table: str
) -> None:
    """The stated 总分 should be the 预算执行 得分 plus the indicators' 得分: say so when not."""
    if score is None or budget_score is None or not indicators:
        return
    total = budget_score + sum(i.score or 0 for i in indicators)
    if total != score:
        issues.append(
            ParseIssue(
                "info",
                table,
                lineno,
                f"{name}: 总分 {score} ≠ 预算执行得分 {budget_score} + 指标得分 {total - budget_score}",
            )
        )


# --------------------------------------------------------------------------- funds


def _fund_header(block: Sequence[Line], form: ReportForm) -> int | None:
    return _header(block, form.fund_header, 2)


def _header(block: Sequence[Line], words: Sequence[str], min_cells: int) -> int | None:
    """The first row printing every one of ``words`` over more than ``min_cells`` cells."""
    return next(
        (i for i, ln in enumerate(block) if all(w in compact(ln.text) for w in words) and len(ln.cells) > min_cells),
        None,
    )


def _funds(block: Sequence[Line], at: int, name: str, issues: list[ParseIssue], form: ReportForm) -> dict:
    """The total row of the 预算执行 table in yuan; {} (and a warning) when it cannot be read."""
    header, sub = block[at].cells, _sub_header(block, at)
    columns = _columns(header, sub, form.fund_columns)
    rows = [ln for ln in _table_rows(block, at + 1) if any(is_number(c) for c in ln.cells)]
    row = next((ln for ln in rows if compact(ln.cells[0]).startswith(form.total_row)), rows[0] if rows else None)
    if row is None:
        issues.append(ParseIssue("warning", form.table, block[at].lineno, f"{name}: no figures in the 预算执行 table"))
        return {}
    try:
        unit = _money_unit(header + sub, block[max(0, at - 3) : at])
        return _read_funds(row.cells, columns, unit)
    except ValueError as exc:
        issues.append(ParseIssue("warning", form.table, row.lineno, f"{name}: 预算执行 row not read: {exc}"))
        return {}


def _money_unit(header: Sequence[str], before: Sequence[Line]) -> str:
    """The unit the header cells print ("全年预算数(元)"), else a 单位： line just above the table."""
    for text in list(header) + [ln.text for ln in before]:
        unit = unit_in(text)
        if unit:
            return unit
    raise ValueError("no money unit printed")


def _read_funds(cells: Sequence[str], columns: dict[str, int], unit: str) -> dict:
    if "full_year" not in columns or "executed" not in columns:
        raise ValueError("no 全年预算数 or 全年执行数 column")
    figures: dict = {}
    for key in ("declared", "compiled", "full_year", "executed", "balance"):
        text = cell(cells, columns, key)
        if text is None:
            continue  # the layout has no such column
        if not is_blank(text) and not is_number(text):
            raise ValueError(f"{key} cell {text!r} is not a number")
        # an empty amount cell in a row that prints figures is zero, as in the other tables
        figures[key] = to_yuan(parse_number(text) or Decimal(0), unit)
    if figures.get("full_year") is None or figures.get("executed") is None:
        raise ValueError("全年预算数 or 全年执行数 missing")
    printed = cell(cells, columns, "rate")
    if printed and not is_blank(printed):
        figures["rate_printed"] = printed
        figures["rate"] = execution_rate(printed, figures["full_year"], figures["executed"])
    score = cell(cells, columns, "score")
    if score and not is_blank(score):
        figures["score"] = parse_number(score)
    return figures


# --------------------------------------------------------------------------- indicators


def _indicator_header(block: Sequence[Line], form: ReportForm) -> int | None:
    return _header(block, form.indicator_header, 4)


def _indicators(block: Sequence[Line], at: int, issues: list[ParseIssue], form: ReportForm) -> list[Indicator]:
    sub = _sub_header(block, at)
    columns = _columns(block[at].cells, sub, form.indicator_columns)
    if "indicator" not in columns or "score" not in columns:
        issues.append(ParseIssue("warning", form.table, block[at].lineno, "指标 table without 指标名称 or 得分 column"))
        return []
    found: list[Indicator] = []
    level1 = level2 = None
    for line in _table_rows(block, at + (2 if sub else 1)):
        level1, level2 = _carry(line.cells, columns, level1, level2)
        indicator = _row(line.cells, columns, level1, level2, line)
        if indicator is None:
            issues.append(ParseIssue("warning", form.table, line.lineno, f"indicator row not read: {line.text[:60]!r}"))
            continue
        found.append(indicator)
    return found


def _carry(cells: Sequence[str], columns: dict[str, int], level1, level2) -> tuple[str | None, str | None]:
    """一级/二级 of a row: merged cells are printed once, on the first row of their group."""
    printed1 = compact(cell(cells, columns, "level1") or "")
    printed2 = compact(cell(cells, columns, "level2") or "")
    if printed1:
        return printed1, printed2 or None  # a new 一级 starts its own 二级
    return level1, printed2 or level2


def _row(cells: Sequence[str], columns: dict[str, int], level1, level2, line: Line) -> Indicator | None:
    name = unwrap(cell(cells, columns, "indicator") or "")
    weight, score = cell(cells, columns, "weight"), cell(cells, columns, "score")
    if not name or weight is None or not is_number(weight) or (score and not is_number(score)):
        return None

    def text(key):
        return cell(cells, columns, key) or None

    return Indicator(
        level1,
        level2,
        name,
        text("target"),
        text("adjusted"),
        text("actual"),
        parse_number(weight),
        # a blank 得分 beside a printed 权重 scores nothing, as on the national sheet
        parse_number(score) if score else Decimal(0),
        _safe(text("reason")),
        line.page,
        line.lineno,
    )
