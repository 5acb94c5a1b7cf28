"""机关运行经费 statistics table (budget 预算公开表11): the department total and each unit's amount."""
from __future__ import annotations

from loaders.model import ParseIssue, StatisticItem
from loaders.parse.amounts import is_number, parse_number, to_yuan
from loaders.parse.tables.base import TableContext, TableFacts, clean, content_lines

HEADER_LABELS = {"单位名称", "项目", "合计"}


def parse(ctx: TableContext) -> TableFacts:
    facts = TableFacts()
    for line in content_lines(ctx.lines):
        cells = [clean(c) for c in line.cells]
        labels = [c for c in cells if c and not is_number(c)]
        figures = [c for c in cells if is_number(c)]
        if len(labels) != 1 or not figures or labels[0] in HEADER_LABELS or cells.index(labels[0]) > cells.index(figures[0]):
            continue
        label = labels[0]
        try:
            amount = parse_number(figures[0])
        except ValueError:
            facts.issues.append(ParseIssue("warning", ctx.title, line.lineno, f"unreadable cell {figures[0]!r}"))
            continue
        item = "total" if label.endswith(("合计", "总计")) else f"unit:{label}"
        facts.rows.append(StatisticItem("table", "operating_cost", item, to_yuan(amount, ctx.unit), None,
                                        line.page, line.lineno))
    return facts
