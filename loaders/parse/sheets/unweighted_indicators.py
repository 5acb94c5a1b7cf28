"""The indicator table of a 绩效目标表 that prints no 分值: 一级 | 二级 | 三级指标 | 指标值.

Without a figure on every row, a row is found where its two one-cell-a-row columns,
三级指标 and 指标值, centre on the same middle (``centered.pair_centred``): a name wrapped
over three lines beside a one-line value, a value wrapped over two beside a one-line name.
A 二级 label (数量指标, "服务对象满意" / "度指标") may span several rows and is printed once,
centred on them (``centered.span_centred``); 一级 follows from the 二级 (数量指标 → 产出指标),
as on the sheets that print 分值. Columns 指标方向 and 度量单位, where printed, are joined
to the value as printed ("≥" + "95" + "%" → "≥95%"). Weight and score stay None.

A table whose rows or labels cannot be told apart gives no indicators and a reason, never
a guess.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace

from loaders.model import Indicator, Line
from loaders.parse.grid.settings import current
from loaders.parse.sheets.cells import compact, join_wrapped, padded, unwrap
from loaders.parse.sheets.centered import pair_centred, position, span_centred
from loaders.parse.sheets.targets import target_indicator
from loaders.parse.vocabulary.sheets import DIRECTION, END, LEVEL1_OF, MEASURE_UNIT, PERSONAL
from loaders.parse.vocabulary.sheets import INDICATOR_KIND as KIND

LABELS = tuple(kind + "指标" for kind in LEVEL1_OF)  # the 二级 labels in full: 数量指标 …


class Unreadable(ValueError):
    """The table's rows cannot be told apart: why, for the sheet's warning."""


def read(block: Sequence[Line], start: int, columns: dict[str, int]) -> list[Indicator]:
    """The indicators of the table whose body opens at ``block[start]``, columns by key
    (``self_evaluation_labelled.indicator_header``); raises Unreadable with the reason."""
    if not {"name", "target"} <= columns.keys():
        raise Unreadable("no 三级指标 or 指标值 column")
    extra = _extra_columns(block[max(start - 3, 0) : start], columns)
    keys = {**columns, **extra}
    width = max(keys.values()) + 1
    body = []
    for index, line in enumerate(block[start:], start=start):
        if END.match(compact(line.cells[0])):
            break  # the table ends at its 备注 row
        if len(line.cells) < current().indicator_min_cells:
            # where prose starts; rows resuming just after (a page break) would be lost unseen
            if any(
                len(ln.cells) >= current().indicator_min_cells
                for ln in block[index + 1 : index + 1 + current().indicator_resume]
            ):
                raise Unreadable(f"the table is interrupted at line {line.lineno} (a page break?)")
            break
        body.append(replace(line, cells=padded(line.cells, width)))
    if not body:
        raise Unreadable("no indicator rows")

    def cell(i: int, key: str) -> str:
        return body[i].cells[keys[key]].strip() if key in keys else ""

    def lines_of(key: str) -> list[int]:
        return [i for i in range(len(body)) if cell(i, key)]

    at, measured = _positions(body)
    names, values = lines_of("name"), lines_of("target")
    # the lines of one wrapped cell follow each other at about the leading; two leadings is a row border
    leading = _leading([names, values], at) if measured else 1.0
    rows = pair_centred(
        names, values, at, leading / 2, current().indicator_cell_gap * leading if measured else float("inf")
    )
    if rows is None:
        raise Unreadable("三级指标 and 指标值 cells do not centre on common rows")
    middles = [(at(names[0]) + at(names[-1])) / 2 for names, _ in rows]
    # a label centres on its rows' middle within a leading (rows of unequal height shift it); counted
    # in lines, a label over two rows sits half a line off
    kinds = _level2_of_rows(body, lines_of("level2"), keys.get("level2"), middles, at, leading if measured else 0.5)

    def joined(lines, key):
        return unwrap(join_wrapped([cell(i, key) for i in lines]))

    found = []
    for (names, values), kind in zip(rows, kinds, strict=True):
        name = joined(names, "name")
        spanned = range(min(names[0], values[0]), max(names[-1], values[-1]) + 1)
        value = "".join(compact(cell(i, "direction")) for i in spanned) + joined(values, "target")
        value += "".join(compact(cell(i, "unit")) for i in spanned)
        if PERSONAL.search(name) or PERSONAL.search(value):
            continue
        anchor = body[names[len(names) // 2]]
        level1, level2 = (LEVEL1_OF[kind], kind + "指标") if kind else (None, None)
        found.append(target_indicator(level1, level2, name, value or None, anchor))
    return found


def _extra_columns(header: Sequence[Line], columns: dict[str, int]) -> dict[str, int]:
    """指标方向 and 度量单位 columns beside 指标值, where the header prints them."""
    found: dict[str, int] = {}
    for line in header:
        for c, text in enumerate(compact(t) for t in line.cells):
            for key, pattern in (("direction", DIRECTION), ("unit", MEASURE_UNIT)):
                if pattern.search(text) and c not in columns.values():
                    found.setdefault(key, c)
    return found


def _positions(body: Sequence[Line]):
    """A line's position (its height on the page where every line has one, else its index) and
    whether it is measured."""
    if all(line.y is not None for line in body):
        return (lambda i: position(body[i].page, body[i].y)), True
    return float, False


def _leading(columns: Sequence[Sequence[int]], at) -> float:
    """The step between two lines of one column that lie closest: a wrapped cell's leading (or,
    where no cell wraps, the row height)."""
    steps = [at(b) - at(a) for lines in columns for a, b in itertools.pairwise(lines) if at(b) > at(a)]
    return min(steps) if steps else 1.0


def _level2_of_rows(
    body, lines: Sequence[int], column: int | None, middles: Sequence[float], at, tolerance: float
) -> list[str | None]:
    """Each row's 二级 kind (数量, 服务对象满意度 …): a label's wrapped lines joined while they
    spell the start of a known label ("服务对象满意" + "度指标"), then spread over its rows; each
    label must sit within ``tolerance`` of its rows' middle."""
    if column is None:
        return [None] * len(middles)
    labels: list[tuple[str, list[int]]] = []
    for i in lines:
        text = compact(body[i].cells[column])
        if labels and any(full.startswith(labels[-1][0] + text) for full in LABELS):
            labels[-1] = (labels[-1][0] + text, [*labels[-1][1], i])  # the label's next wrapped line
        else:
            labels.append((text, [i]))
    kinds = []
    for text, _ in labels:
        match = KIND.match(text)
        if match is None:
            raise Unreadable(f"二级指标 {text!r} is not a known label")
        kinds.append(match.group("kind"))
    centres = [(at(ls[0]) + at(ls[-1])) / 2 for _, ls in labels]
    owners = span_centred(centres, middles)
    if owners is None:
        raise Unreadable("more 二级指标 labels than rows")
    for k, (text, _) in enumerate(labels):
        spanned = [m for m, owner in zip(middles, owners, strict=True) if owner == k]
        if abs(centres[k] - (spanned[0] + spanned[-1]) / 2) > tolerance:
            raise Unreadable(f"二级指标 {text!r} does not centre on the rows around it")
    return [kinds[k] for k in owners]
