"""部门决算公开相关信息统计表: 政府采购, 机关运行经费, 国有资产占用 (vehicles) as labelled rows."""

from __future__ import annotations

from loaders.model import ParseIssue, StatisticItem
from loaders.parse.grid.amounts import is_number, parse_number, to_yuan
from loaders.parse.grid.lines import content_lines
from loaders.parse.tables.base import TableContext, TableFacts
from loaders.parse.vocabulary import compact as clean
from loaders.parse.vocabulary.tables import ITEMS, NUMBERING, SECTIONS, VEHICLE


def parse(ctx: TableContext) -> TableFacts:
    facts = TableFacts()
    lines = content_lines(ctx.lines)
    has_row_numbers = any("行次" in clean(ln.text) for ln in lines)
    section = None
    for line in lines:
        cells = [clean(c) for c in line.cells]
        if not cells or not cells[0]:
            continue
        rest = cells[1:]
        for needle, name in SECTIONS:
            if needle in cells[0] and not any(is_number(c) for c in rest):
                section = name
        if section is None:
            continue
        if has_row_numbers and rest and rest[0].isdigit() and len(rest[0]) <= 2:
            rest = rest[1:]  # the 行次 column
        printed = next((c for c in rest if c), None)
        if printed is None or not is_number(printed):
            continue
        label = NUMBERING.sub("", cells[0])
        item = next((key for needle, key in ITEMS[section] if needle in label), None)
        if item is None and section == "assets" and VEHICLE.match(label):
            item = "vehicles:" + VEHICLE.match(label).group(1)
        if item is None:
            continue
        try:
            value = parse_number(printed)
        except ValueError:
            facts.issues.append(ParseIssue("warning", ctx.title, line.lineno, f"unreadable cell {printed!r}"))
            continue
        counted = section == "assets"
        facts.rows.append(
            StatisticItem(
                "table",
                section,
                item,
                None if counted else to_yuan(value, ctx.unit),
                value if counted else None,
                line.page,
                line.lineno,
            )
        )
    return facts
