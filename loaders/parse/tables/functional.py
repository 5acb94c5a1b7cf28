"""Tables keyed by 功能分类 code: 收入决算表, 支出决算表, 一般公共预算财政拨款支出表, 政府性基金, 国有资本经营."""
from __future__ import annotations

from decimal import Decimal

from loaders.model import FunctionalAmount, ParseIssue
from loaders.parse.amounts import is_blank, parse_number, to_yuan
from loaders.parse.header import column_labels, match_measure, reading_order
from loaders.parse.tables.base import FUNCTIONAL_CODE, TOTAL_LABELS, TableContext, TableFacts, clean, content_lines

ZERO = Decimal(0)

# needle → measure; the more specific needles first
MEASURES = (
    ("本年收入合计", "total"), ("本年支出合计", "total"), ("收入合计", "total"), ("支出合计", "total"),
    ("财政拨款收入", "fiscal_appropriation"), ("一般公共预算", "general_public_budget"),
    ("上级补助收入", "superior_subsidy"), ("事业收入", "business"), ("经营收入", "operating"),
    ("对附属单位补助支出", "subsidy_affiliated"), ("对附属单", "subsidy_affiliated"),
    ("附属单位上缴收入", "affiliated"), ("附属单位", "affiliated"), ("其他收入", "other"),
    ("上缴上级支出", "remit_superior"), ("经营支出", "operating_expenditure"),
    ("基本支出", "basic"), ("项目支出", "project"), ("年初结转和结余", "carryover_begin"),
    ("年末结转和结余", "carryover_end"), ("本年收入", "current_year_income"),
    ("小计", "total"), ("合计", "total"), ("金额", "total"),
)


def _is_data(cells: tuple[str, ...]) -> bool:
    first = clean(cells[0]) if cells else ""
    return bool(FUNCTIONAL_CODE.match(first)) or first in TOTAL_LABELS


def _measures(header, n_cols: int) -> list[str]:
    aligned = [match_measure(label, MEASURES) for label in column_labels(header, 2, n_cols)]
    if all(aligned) and len(set(aligned)) == len(aligned):
        return aligned
    ordered = []
    for label in reading_order(header):
        measure = match_measure(label, MEASURES)
        if measure and (not ordered or ordered[-1] != measure):
            ordered.append(measure)
    return ordered


def parse(ctx: TableContext) -> TableFacts:
    facts = TableFacts()
    lines = content_lines(ctx.lines)
    data_start = next((i for i, line in enumerate(lines) if _is_data(line.cells)), None)
    if data_start is None:
        return facts
    header = [l for l in lines[:data_start] if "栏次" not in clean(l.text)]
    data = [l for l in lines[data_start:] if _is_data(l.cells)]
    # the header decides how many columns there are: trailing blank cells may be cut from data rows
    n_cols = max([len(l.cells) - 2 for l in data] + [len(l.cells) - 2 for l in header])
    measures = _measures(header, max(n_cols, 1))
    if not measures:
        facts.issues.append(ParseIssue("warning", ctx.title, lines[0].lineno, "no column labels recognised"))
        return facts
    for line in data:
        cells = line.cells
        label = clean(cells[0])
        is_total = label in TOTAL_LABELS
        if is_total:
            # aligned layouts leave the name cell of the 合计 row empty; collapsed ones drop it
            values = cells[2:] if len(cells) > 1 and is_blank(cells[1]) else cells[1:]
            code, name = None, label
        else:
            code, name, values = label, clean(cells[1]) if len(cells) > 1 else "", cells[2:]
        for measure, cell in zip(measures, list(values) + [""] * (len(measures) - len(values))):
            try:
                value = parse_number(cell)
            except ValueError:
                facts.issues.append(ParseIssue("warning", ctx.title, line.lineno, f"unreadable cell {cell!r}"))
                continue
            facts.rows.append(FunctionalAmount(ctx.kind, code, name, measure,
                                               to_yuan(value if value is not None else ZERO, ctx.unit),
                                               is_total, line.page, line.lineno))
    return facts
