"""收入表 printed by source of income, one row each (类别 | 项目 | 金额, Jiangsu's 收入预算总表).

Rows such as ``收入总计 9,146.79`` / ``小计 9,066.79`` / ``一般公共预算资金 | 公共财政拨款(补助)资金 |
9,066.79`` / ``其他资金 | 其他收入 | 80.00``: each group of 项目 opens with its 小计, its 类别 printed
somewhere beside it (a merged cell, centred, perhaps wrapped: ``一般公共预`` / ``算资金``). The facts
are those of the 合计 row of a 收入表 printed with one column per source: ``total`` and one measure
per 类别 or 项目 the vocabulary names exactly (``INCOME_SOURCE_ROWS``). Every 小计 is checked against
its 项目 and the 收入总计 against the 小计. A 项目 with no measure of its own is counted in those
sums and named in an info note, as are 其中 rows (part of the row above them, in no sum). Any other
table of the kind goes to ``functional``.

Which column a label stands in is told by its place in the line: the 类别 column is the leftmost
holding words. A 项目 wrapped around its figure (``公共财政拨款(补助)`` / figure / ``资金``) takes the
pieces printed just above and below where its own line prints none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from loaders.model import FunctionalAmount, Line, ParseIssue
from loaders.parse.grid.amounts import is_blank, is_number, parse_number, to_yuan
from loaders.parse.grid.checks import last_digit, tolerance
from loaders.parse.grid.coded_rows import is_numbering_row
from loaders.parse.grid.lines import content_lines
from loaders.parse.tables import functional
from loaders.parse.tables.base import TableContext, TableFacts
from loaders.parse.vocabulary import FUNCTIONAL_CODE, compact, is_total_label
from loaders.parse.vocabulary.measures import INCOME_SOURCE_ROWS
from loaders.parse.vocabulary.tables import OF_WHICH
from loaders.parse.vocabulary.tables import SUMMARY_NUMBERING as NUMBERING

SUBTOTAL = "小计"


@dataclass(frozen=True)
class Piece:
    """A label printed on a line: its table column and text."""

    column: int
    text: str


@dataclass(frozen=True)
class SourceLine:
    """One line of the table body: the labels it prints and its figure (None where blank)."""

    line: Line
    words: tuple[Piece, ...]
    figure: str | None


@dataclass
class Group:
    """The 项目 under one 小计, with the 类别 pieces printed beside them."""

    subtotal: SourceLine
    category: list[str] = field(default_factory=list)
    items: list[tuple[str, SourceLine]] = field(default_factory=list)


def parse(ctx: TableContext) -> TableFacts:
    by_source = read_sources(ctx)
    return by_source if by_source is not None else functional.parse(ctx)


def _source_lines(lines: Sequence[Line]) -> list[SourceLine] | None:
    """The body lines (from the first figure on); None when a line prints more than one figure or a
    code (a table by 功能分类, or by source in columns)."""
    out: list[SourceLine] = []
    for line in lines:
        filled = [
            ((line.columns[k] if line.columns and k < len(line.columns) else k), compact(c))
            for k, c in enumerate(line.cells)
            if c.strip()
        ]
        figures = [t for _, t in filled if is_number(t) or is_blank(t)]
        words = tuple(Piece(c, t) for c, t in filled if not (is_number(t) or is_blank(t)))
        if not out and not figures:
            continue  # the header (项目名称 | 金额) and anything above the first figure
        if is_numbering_row(line.cells):
            continue
        if len(figures) > 1 or any(FUNCTIONAL_CODE.match(p.text) for p in words):
            return None
        out.append(SourceLine(line, words, figures[0] if figures else None))
    return out


def _groups(body: list[SourceLine], category_col: int) -> tuple[list[SourceLine], list[Group]] | None:
    """The lines before the first 小计 (收入总计), and the groups each 小计 opens."""
    head: list[SourceLine] = []
    groups: list[Group] = []
    for n, sl in enumerate(body):
        items = [p.text for p in sl.words if p.column != category_col]
        if SUBTOTAL in items:
            groups.append(Group(sl))
        elif not groups:
            head.append(sl)
            continue
        elif sl.figure is not None:
            groups[-1].items.append((_item_label(body, n, category_col), sl))
        groups[-1].category += [p.text for p in sl.words if p.column == category_col]
    return (head, groups) if groups else None


def _item_label(body: list[SourceLine], n: int, category_col: int) -> str:
    """A 项目's label: on its own line, else the pieces just above and below it (a label wrapped
    around its figure), where those lines print no figure and no 小计."""

    def piece(k: int) -> str:
        if not 0 <= k < len(body) or body[k].figure is not None:
            return ""
        texts = [p.text for p in body[k].words if p.column != category_col]
        return "" if SUBTOTAL in texts else "".join(texts)

    own = "".join(p.text for p in body[n].words if p.column != category_col)
    return own or piece(n - 1) + piece(n + 1)


def _key(label: str) -> str | None:
    """The measure of a 类别 or 项目 the vocabulary names exactly (a piece of another label is none)."""
    text = NUMBERING.sub("", label)
    return next((measure for name, measure in INCOME_SOURCE_ROWS if text == name), None)


def read_sources(ctx: TableContext) -> TableFacts | None:
    body = _source_lines(content_lines(ctx.lines))
    if not body:
        return None
    words = [p.column for sl in body for p in sl.words]
    if not words:
        return None
    found = _groups(body, min(words))
    if found is None:
        return None
    head, groups = found
    totals = [sl for sl in head if sl.figure is not None and any(is_total_label(p.text) for p in sl.words)]
    if len(totals) != 1 or len([sl for sl in head if sl.figure is not None]) != 1:
        return None
    facts = TableFacts()
    digit = last_digit((c for sl in body for c in sl.line.cells), ctx.unit)
    kept_out: list[str] = []
    stored: set[str] = set()

    def amount(sl: SourceLine) -> Decimal | None:
        try:
            value = parse_number(sl.figure or "")
        except ValueError:
            facts.issues.append(ParseIssue("warning", ctx.title, sl.line.lineno, f"unreadable cell {sl.figure!r}"))
            return None
        return to_yuan(value, ctx.unit) if value is not None else None

    def store(measure: str, name: str, sl: SourceLine, value: Decimal) -> None:
        stored.add(measure)
        facts.rows.append(FunctionalAmount(ctx.kind, None, name, measure, value, True, sl.line.page, sl.line.lineno))

    total_line = totals[0]
    total = amount(total_line)
    if total is not None:
        store("total", next(p.text for p in total_line.words if is_total_label(p.text)), total_line, total)
    subtotals: list[Decimal] = []
    for group in groups:
        category = "".join(group.category)
        subtotal = amount(group.subtotal)
        counted = [(label, amount(sl), sl) for label, sl in group.items if not label.startswith(OF_WHICH)]
        # 其中 rows are part of the row above them: neither counted nor read, but named
        kept_out += [label for label, sl in group.items if label.startswith(OF_WHICH) and sl.figure]
        parts = [v for _, v, _ in counted if v is not None]
        if subtotal is not None:
            subtotals.append(subtotal)
            measure = _key(category)
            if measure and measure not in stored:
                store(measure, category, group.subtotal, subtotal)
            elif subtotal:
                kept_out.append(f"{category or SUBTOTAL} {SUBTOTAL}")
            if parts and abs(subtotal - _sum(parts)) > tolerance(len(parts), digit):
                facts.issues.append(_mismatch(ctx, group.subtotal, f"{category} {SUBTOTAL}", subtotal, parts, "项目"))
        elif parts:
            facts.issues.append(
                ParseIssue("warning", ctx.title, group.subtotal.line.lineno, f"{category}: 项目 printed, 小计 blank")
            )
        for label, value, sl in counted:
            measure = _key(label)
            if value is None:
                continue
            if measure and measure not in stored:
                store(measure, label, sl, value)
            elif value:
                kept_out.append(label or "(no label)")
    if total is not None and abs(total - _sum(subtotals)) > tolerance(len(subtotals), digit):
        facts.issues.append(_mismatch(ctx, total_line, "收入总计", total, subtotals, "小计"))
    if kept_out:
        facts.issues.append(
            ParseIssue(
                "info",
                ctx.title,
                groups[0].subtotal.line.lineno,
                "rows without a measure of their own (counted in their 小计, or 其中 rows): " + "; ".join(kept_out),
            )
        )
    return facts


def _sum(values: Sequence[Decimal]) -> Decimal:
    return sum(values, Decimal(0))


def _mismatch(ctx: TableContext, sl: SourceLine, what: str, parent: Decimal, parts: Sequence[Decimal], of: str):
    return ParseIssue(
        "warning",
        ctx.title,
        sl.line.lineno,
        f"does not add up: {what} is {parent} but Σ {of} rows make {_sum(parts)} (difference {parent - _sum(parts)})",
    )
