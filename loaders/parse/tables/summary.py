"""收支总表 (收入支出决算总表, 财政拨款收入支出决算总表): income items left, expenditure items right.

Read from the grid by its header (``summary_grid``) wherever cells keep their columns;
otherwise positionally, as below.

Each row holds up to two items, each a label, a 行次 and one or more amounts. Some
extractions drop the empty cells of an empty income side, so sides are told apart by
whether anything, even a blank cell, stands before the label in its row.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from loaders.model import ParseIssue, SummaryAmount
from loaders.parse.grid.amounts import INTEGER, is_blank, is_number, parse_number, to_yuan
from loaders.parse.tables.base import TableContext, TableFacts, clean, content_lines, join_broken_rows
from loaders.parse.tables.summary_grid import read_summary
from loaders.parse.vocabulary import SUMMARY_ITEM_KEYS, label_key
from loaders.parse.vocabulary.tables import SKIP
from loaders.parse.vocabulary.tables import SUMMARY_NUMBERING as NUMBERING

ITEM_KEYS = SUMMARY_ITEM_KEYS
EXPENDITURE_MEASURES = ("total", "general_public_budget", "government_fund", "state_capital")


def item_key(label: str) -> str | None:
    """A stable key for the known rows (总计, 本年收入合计, 一般公共预算财政拨款收入 …)."""
    text = NUMBERING.sub("", label_key(label))
    for needle, key in ITEM_KEYS:
        if text in (needle, needle + "收入", needle + "拨款"):
            return key
    return None


def _is_label(cell: str) -> bool:
    text = clean(cell)
    return bool(text) and not is_number(text) and not is_blank(text) and text not in SKIP


def parse(ctx: TableContext) -> TableFacts:
    read = read_summary(ctx)
    if read is None:
        return _positional(ctx)
    cells, issues = read
    facts = TableFacts(issues=issues)
    carryover: dict[str, str] = {}
    for cell in cells:
        facts.rows.append(
            _amount(ctx, cell.side, cell.label, cell.row_number, cell.measure, cell.value, cell.line, carryover)
        )
    facts.rows = _grand_totals(facts.rows)
    return facts


def _amount(
    ctx: TableContext,
    side: str,
    label: str,
    row_number: int | None,
    measure: str,
    value: Decimal,
    line,
    carryover: dict[str, str],
) -> SummaryAmount:
    """One printed amount with its item key; ``carryover`` remembers the 结转 block a side is in."""
    key = item_key(label)
    if key in ("carryover_begin", "carryover_end"):
        carryover[side] = key
    elif key == "grand_total":
        carryover.pop(side, None)
    elif key and side in carryover:
        key = f"{carryover[side]}:{key}"  # 年初结转和结余 其中 一般公共预算财政拨款
    return SummaryAmount(
        ctx.kind, side, label, key, row_number, measure, to_yuan(value, ctx.unit), line.page, line.lineno
    )


def _positional(ctx: TableContext) -> TableFacts:
    """Items in printed order, for text whose cells lost their columns (loose, collapsed rows)."""
    facts = TableFacts()
    lines = join_broken_rows(content_lines(ctx.lines))
    has_row_numbers = any("行次" in clean(ln.text) for ln in lines[:8])
    started = False
    carryover: dict[str, str] = {}  # side → the carry-over block its sub-items belong to
    for line in lines:
        cells = [clean(c) for c in line.cells]
        if not started:
            if (
                "栏次" in cells
                or "档次" in cells
                or (cells and cells[0] not in SKIP and any(is_number(c) for c in cells))
            ):
                started = True
            if "栏次" in cells or "档次" in cells:
                continue
        if not started or len(cells) < 2 or not any(is_number(c) for c in cells):
            continue  # the header repeated on a continuation page, or a row printing no figure
        i, seen_content = 0, False
        while i < len(cells):
            cell = cells[i]
            if not _is_label(cell):
                seen_content = True  # a blank cell before a label is the blank income side
                i += 1
                continue
            label, side = cell, "expenditure" if seen_content else "income"
            seen_content = True
            i += 1
            row_number = None
            if has_row_numbers and i < len(cells) and INTEGER.match(cells[i]):
                row_number, i = int(Decimal(cells[i])), i + 1
            amounts = []
            while i < len(cells) and not _is_label(cells[i]):
                amounts.append(cells[i])
                i += 1
            measures = ("amount",) if side == "income" or ctx.kind != "fiscal_summary" else EXPENDITURE_MEASURES
            for measure, cell_value in zip(measures, amounts or [""], strict=False):
                try:
                    value = parse_number(cell_value)
                except ValueError:
                    facts.issues.append(
                        ParseIssue("warning", ctx.title, line.lineno, f"unreadable cell {cell_value!r}")
                    )
                    continue
                if value is None:
                    continue
                facts.rows.append(_amount(ctx, side, label, row_number, measure, value, line, carryover))
    facts.rows = _grand_totals(facts.rows)
    return facts


def _grand_totals(rows: list[SummaryAmount]) -> list[SummaryAmount]:
    """收入合计 / 支出合计 / 合计 printed as the grand total (Fujian, Jiangsu, Chongqing): the last one on a
    side that prints no 总计 (a 本年收入合计 printed above it stays the current year's total)."""
    grand: set[int] = set()
    for side in ("income", "expenditure"):
        side_rows = [r for r in rows if r.side == side]
        if any(r.item_key == "grand_total" for r in side_rows):
            continue
        totals = [r for r in side_rows if NUMBERING.sub("", label_key(r.item)) in ("收入合计", "支出合计", "合计")]
        if totals:
            last = totals[-1].lineno
            grand.update(id(r) for r in totals if r.lineno == last)
    return [replace(r, item_key="grand_total") if id(r) in grand else r for r in rows]
