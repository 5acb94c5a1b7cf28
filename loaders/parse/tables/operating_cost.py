"""机关运行经费 table: its total, and each row by its label: a unit, or a 经济分类 item (30201 办公费).

Budgets print it per unit (单位名称 | 金额) or by economic code (科目编码 | 科目名称 |
机关运行经费支出, Jiangsu); a row's figure is the first after its label, its item the
合计 (``total``), ``economic:<code>`` where a code leads the row, else ``unit:<name>``.
"""

from __future__ import annotations

from loaders.model import ParseIssue, StatisticItem
from loaders.parse.grid.amounts import is_number, parse_number, to_yuan
from loaders.parse.grid.lines import content_lines
from loaders.parse.tables.base import TableContext, TableFacts
from loaders.parse.vocabulary import ECONOMIC_CODE, is_total_label
from loaders.parse.vocabulary import compact as clean
from loaders.parse.vocabulary.tables import HEADER_LABELS


def parse(ctx: TableContext) -> TableFacts:
    facts = TableFacts()
    for line in content_lines(ctx.lines):
        cells = [clean(c) for c in line.cells if clean(c)]
        code = cells[0] if cells and ECONOMIC_CODE.match(cells[0]) else None
        rest = cells[1:] if code else cells
        label_at = next((i for i, c in enumerate(rest) if not is_number(c)), None)
        if label_at is None or rest[label_at] in HEADER_LABELS:
            continue
        figures = [c for c in rest[label_at + 1 :] if is_number(c)]
        if not figures or label_at > 0:
            continue
        label = rest[label_at]
        try:
            amount = parse_number(figures[0])
        except ValueError:
            facts.issues.append(ParseIssue("warning", ctx.title, line.lineno, f"unreadable cell {figures[0]!r}"))
            continue
        item = (
            "total"
            if is_total_label(label) or label.endswith(("合计", "总计"))
            else f"economic:{code}"
            if code
            else f"unit:{label}"
        )
        facts.rows.append(
            StatisticItem("table", "operating_cost", item, to_yuan(amount, ctx.unit), None, line.page, line.lineno)
        )
    return facts
