"""基本支出决算明细表: (code, name, amount) triples side by side, by 经济分类 code.

Blocks of 人员经费 and 公用经费 stand next to each other; some documents print a
second amount column (其中：基本支出) beside each 金额. Cells printed blank, '——' or
0 are not rows.
"""
from __future__ import annotations

import re

from loaders.model import EconomicAmount, ParseIssue
from loaders.parse.amounts import is_blank, is_number, parse_number, to_yuan
from loaders.parse.tables.base import TableContext, TableFacts, clean, content_lines

ECONOMIC_CODE = re.compile(r"^3\d{2}(\d{2})?$")
TOTALS = {"人员经费合计": "personnel", "公用经费合计": "public"}


def expense_category(code: str | None) -> str | None:
    if not code:
        return None
    return {"301": "personnel", "303": "personnel", "302": "public",
            "309": "capital", "310": "capital"}.get(code[:3], "other")


def parse(ctx: TableContext) -> TableFacts:
    facts = TableFacts()
    lines = content_lines(ctx.lines)
    head = clean("".join(l.text for l in lines[:6]))
    measures = ("amount", "basic") if "其中" in head and "基本支出" in head else ("amount",)
    for line in lines:
        cells = [clean(c) for c in line.cells]
        i = 0
        while i < len(cells):
            cell = cells[i]
            if ECONOMIC_CODE.match(cell) and i + 1 < len(cells) and not is_number(cells[i + 1]):
                code, name, i = cell, cells[i + 1], i + 2
            elif cell in TOTALS:
                code, name, i = None, cell, i + 1
                while i < len(cells) and is_blank(cells[i]) and any(not is_blank(c) for c in cells[i:]):
                    i += 1  # totals may sit in the last column
            else:
                i += 1
                continue
            for measure in measures:
                if i >= len(cells) or ECONOMIC_CODE.match(cells[i]) or cells[i] in TOTALS:
                    break
                raw, i = cells[i], i + 1
                try:
                    value = parse_number(raw)
                except ValueError:
                    facts.issues.append(ParseIssue("warning", ctx.title, line.lineno, f"unreadable cell {raw!r}"))
                    continue
                if value is None or value == 0:
                    continue
                category = TOTALS.get(name) or expense_category(code)
                facts.rows.append(EconomicAmount(ctx.kind, code, name, category, measure,
                                                 to_yuan(value, ctx.unit), code is None or len(code) == 3,
                                                 line.page, line.lineno))
    return facts
