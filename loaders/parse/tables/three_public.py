"""财政拨款"三公"经费支出表: 预算数 and 决算数 of 合计, 出国, 用车(小计, 购置, 运行), 接待.

Final accounts print the items as columns: column order is read from the header, never
assumed (documents put 接待 before 用车, or print only one half); the 用车 group expands
to its three children. Budgets (预算公开表10) print the items as rows, each with its
合计 first and then the funding sources; the phase comes from the header (预算数).
"""
from __future__ import annotations

import re
from decimal import Decimal

from loaders.model import ParseIssue, ThreePublicAmount
from loaders.parse.amounts import is_number, parse_number, to_yuan
from loaders.parse.header import reading_order
from loaders.parse.tables.base import TableContext, TableFacts, clean, content_lines

TOP_LEVEL = (("因公出国", "overseas_travel"), ("公务用车购置及运行", "vehicles_group"),
             ("公务用车购置和运行", "vehicles_group"), ("公务接待", "official_reception"),
             ("合计", "total"), ("总计", "total"))
VEHICLE_CHILDREN = ("vehicles_total", "vehicle_purchase", "vehicle_operation")


def _halves(labels: list[str]) -> list[str]:
    phases = [("budget" if "预算" in l else "actual") for l in labels if l in ("预算数", "决算数", "预算", "决算")
              or l.endswith(("预算数", "决算数"))]
    return phases or ["budget"]


def _layout(labels: list[str]) -> list[str]:
    """Item per column of one half, from the first half's top-level labels."""
    items: list[str] = []
    for label in labels:
        item = next((key for needle, key in TOP_LEVEL if needle in label), None)
        if item is None:
            continue
        if item in items or (item == "vehicles_group" and "vehicles_total" in items):
            break  # the second half starts
        items.extend(VEHICLE_CHILDREN if item == "vehicles_group" else [item])
    return items


ROW_ITEMS = (("公务用车购置及运行", "vehicles_total"), ("公务用车购置和运行", "vehicles_total"),
             ("公务用车购置", "vehicle_purchase"), ("公务用车运行", "vehicle_operation"),
             ("因公出国", "overseas_travel"), ("公务接待", "official_reception"), ("合计", "total"), ("总计", "total"))
ROW_LABEL_PREFIX = re.compile(r"^(?:[\d①②③]+|\(\d\)|其中:?)")


def _row_item(cell: str) -> str | None:
    label = ROW_LABEL_PREFIX.sub("", clean(cell))
    return next((key for needle, key in ROW_ITEMS if label.startswith(needle)), None)


def _item_rows(ctx: TableContext, lines) -> TableFacts | None:
    """The budget layout, one item per row; None when the items are not rows."""
    rows = [(l, _row_item(l.cells[0])) for l in lines if l.cells and _row_item(l.cells[0])
            and all(is_number(clean(c)) or not clean(c) for c in l.cells[1:])]  # not the 合计 | 一般公共预算 header
    if len({item for _, item in rows}) < 3:
        return None
    facts = TableFacts()
    header = lines[:lines.index(rows[0][0])]
    phase = _halves(reading_order(header))[0]
    for line, item in rows:
        cell = next((c for c in line.cells[1:] if c.strip()), "")
        try:
            value = parse_number(cell)
        except ValueError:
            facts.issues.append(ParseIssue("warning", ctx.title, line.lineno, f"unreadable cell {cell!r}"))
            continue
        facts.rows.append(ThreePublicAmount(ctx.kind, phase, item, to_yuan(value or Decimal(0), ctx.unit),
                                            line.page, line.lineno))
    return facts


def parse(ctx: TableContext) -> TableFacts:
    facts = TableFacts()
    lines = content_lines(ctx.lines)
    by_rows = _item_rows(ctx, lines)
    if by_rows is not None:
        return by_rows
    data = [l for l in lines if l.cells and sum(is_number(clean(c)) for c in l.cells) >= 3
            and not all(clean(c).isdigit() and len(clean(c)) <= 2 for c in l.cells if clean(c))]
    if not data:
        return facts
    header = lines[:lines.index(data[0])]
    labels = reading_order(header)
    items, phases = _layout(labels), _halves(labels)
    columns = [(phase, item) for phase in phases for item in items]
    line = data[0]
    cells = list(line.cells)
    if len(cells) < len(columns):
        cells += [""] * (len(columns) - len(cells))
    if len(cells) > len(columns) and not columns:
        facts.issues.append(ParseIssue("warning", ctx.title, line.lineno, "三公 header not recognised"))
        return facts
    for (phase, item), cell in zip(columns, cells):
        try:
            value = parse_number(cell)
        except ValueError:
            facts.issues.append(ParseIssue("warning", ctx.title, line.lineno, f"unreadable cell {cell!r}"))
            continue
        facts.rows.append(ThreePublicAmount(ctx.kind, phase, item, to_yuan(value if value is not None else Decimal(0), ctx.unit),
                                            line.page, line.lineno))
    return facts
