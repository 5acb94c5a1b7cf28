"""项目支出绩效自评表 whose columns are read by their header labels (the 2021+ template).

The funding header names its columns, each label wrapped over up to three lines:
年初预算数 | 全年预算数(A) | 全年执行数(B) | 分值 | 执行率(B/A) | 得分 (no 结余 column).
The indicator table (一级 | 二级 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因)
prints long texts wrapped and centred on their row, so each text column is split by
``centered`` around the rows' 分值 figures. A 二级 label spanning several rows is kept
on the row it centres on; 一级 follows from the 二级 (数量指标 → 产出指标).
The 总分 row prints 分值 and 得分: the score is the 得分.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from loaders.model import Indicator, Line
from loaders.parse.grid.amounts import is_blank, is_number, parse_number
from loaders.parse.grid.settings import current
from loaders.parse.sheets.anchored import anchored_rows
from loaders.parse.sheets.assembly import columns_by_label, header_labels
from loaders.parse.sheets.cells import SENTENCE_END, compact, execution_rate, join_wrapped, padded, unwrap
from loaders.parse.vocabulary.sheets import (
    FUNDING_LABELS,
    INDICATOR_LABELS,
    LEVEL1_OF,
    PERSONAL,
    SHEET_LABEL,
    WHOLE_LABEL,
)
from loaders.parse.vocabulary.sheets import TARGET_INDICATORS_LEVEL2 as LEVEL2

TEXT_COLUMNS = ("level1", "level2", "name", "target", "actual", "reason")


def funding(block: Sequence[Line], money: Line) -> dict | None:
    """The 年度资金总额 row read by the labels of the header rows above it; None when the
    header labels no 全年预算数, 全年执行数 and 得分 columns (the older positional layout)."""
    at = block.index(money)
    width = len(money.cells)
    rows: list[Line] = []
    for line in reversed(block[max(at - 4, 0) : at]):
        # a PDF row has a cell per ruled column; a text row may drop its trailing empty cells
        spans = len(line.cells) == width if line.y is not None else len(line.cells) <= width
        if not spans or any(is_number(compact(c)) for c in line.cells) or SHEET_LABEL.search(line.text):
            break  # the 主管部门/实施单位 rows above the header are not part of it
        rows.insert(0, line)
    found = columns_by_label(header_labels(rows, width), FUNDING_LABELS)
    columns = {key: found.get(key) for key, _ in FUNDING_LABELS}
    if columns["executed"] is None or columns["score"] is None or columns["full_year"] is None:
        return None
    cells = [compact(c) for c in padded(money.cells, width)]
    amounts = ("declared", "compiled", "full_year", "executed", "balance", "score")
    printed = {key: cells[columns[key]] for key in amounts if columns[key] is not None}
    labelled_columns = {c for c in columns.values() if c is not None}
    if any(text and not is_number(text) and not is_blank(text) for text in printed.values()) or any(
        is_number(text) for c, text in enumerate(cells) if c not in labelled_columns
    ):
        return None  # the row's figures do not stand under their labels: read by position instead
    funds = {key: parse_number(text) if is_number(text) else None for key, text in printed.items()}
    if None not in (funds["full_year"], funds["executed"], funds.get("balance")) and abs(
        funds["full_year"] - funds["executed"] - funds["balance"]
    ) > Decimal("0.01"):
        return None
    rate = cells[columns["rate"]] if columns["rate"] is not None else ""
    if rate:
        funds["rate_printed"] = rate
        funds["rate"] = execution_rate(rate, funds["full_year"], funds["executed"])
    return funds


def goal_and_result(block: Sequence[Line]) -> tuple[str | None, str | None] | None:
    """年度总体目标: the 预期目标 and 实际完成情况 columns under their header, each wrapped over
    lines up to the indicator table; None when the sheet has no such header."""
    at = next(
        (i for i, ln in enumerate(block) if "预期目标" in compact(ln.text) and "实际完成" in compact(ln.text)), None
    )
    if at is None:
        return None
    header = [compact(c) for c in block[at].cells]
    goal_col = next(i for i, c in enumerate(header) if "预期目标" in c)
    result_col = next(i for i, c in enumerate(header) if "实际完成" in c)
    goals, results = [], []
    for line in block[at + 1 :]:
        if len(line.cells) > len(header) or "一级指" in compact(line.text) or PERSONAL.search(line.text):
            break
        cells = padded(line.cells, len(header))
        goals.append(cells[goal_col])
        results.append(cells[result_col])
    return unwrap(join_wrapped(goals)) or None, unwrap(join_wrapped(results)) or None


def total_score(figures: Sequence[str], block: Sequence[Line]) -> Decimal | None:
    """总分's 得分. A row printing two figures prints 分值 and 得分 in the order the indicator
    header names them (总分 | 100 | 97.86): the score is never the 分值."""
    if len(figures) < 2:
        return parse_number(figures[0]) if figures else None
    found = indicator_header(block)
    if found is not None:
        columns = found[2]
        if "weight" in columns and "score" in columns:
            return parse_number(figures[1] if columns["weight"] < columns["score"] else figures[0])
    raise ValueError(f"总分 prints {len(figures)} figures and no 分值/得分 header tells them apart")


def indicator_header(block: Sequence[Line]) -> tuple[int, int, dict[str, int]] | None:
    """(first header row, first body row, column per key) of the indicator table."""
    # the header line naming 三级指标 (一级指标 may be wrapped over two lines: 一级 / 指标)
    at = next((i for i, ln in enumerate(block) if "三级指标" in compact(ln.text) or "一级指" in compact(ln.text)), None)
    if at is None:
        return None
    width = len(block[at].cells)

    # a header row spans the table (goal rows above it have two or three cells)
    def is_label(ln):
        return (
            width / 2 < len(ln.cells) <= width
            and not any(is_number(compact(c)) for c in ln.cells)
            and not any(len(compact(c)) > 10 or c.strip().endswith(SENTENCE_END) for c in ln.cells)
        )  # not a goal's text

    top = at
    while top > 0 and at - top < 2 and is_label(block[top - 1]):
        top -= 1
    bottom = at + 1
    while bottom < len(block) and bottom - at < 4 and is_label(block[bottom]):
        so_far = header_labels(block[top:bottom], width)
        if any(_body_text(so_far[i], compact(c)) for i, c in enumerate(block[bottom].cells[:width]) if compact(c)):
            break  # the first body line
        bottom += 1
    return top, bottom, columns_by_label(header_labels(block[top:bottom], width), INDICATOR_LABELS, exclusive=True)


def _body_text(label: str, text: str) -> bool:
    """Text printed under a whole label, unless it only completes it ("年度指标" + "值")."""
    return bool(WHOLE_LABEL.search(label)) and not (len(text) <= 2 and WHOLE_LABEL.search(label + text))


def indicators(block: Sequence[Line], total_index: int) -> list[Indicator]:
    """The indicator rows, their wrapped cells gathered around each row's 分值 (a target sheet's
    too: it has no 得分 column); [] when the table's cells cannot be told apart (the sheet
    still loads, without indicators)."""
    found = indicator_header(block)
    if found is None:
        return []
    _, start, columns = found
    if not {"name", "weight"} <= columns.keys():
        return []
    width = max(columns.values()) + 1
    body = [replace(ln, cells=padded(ln.cells, width)) for ln in block[start:total_index]]
    table = anchored_rows(body, columns, "weight", TEXT_COLUMNS)
    if not table.anchors:
        return []
    if any(
        s.imbalance > current().sheet_max_imbalance
        for key, s in table.splits.items()
        if key in ("name", "target", "actual")
    ):
        return []
    rows = []
    for k in range(len(table.anchors)):
        name = table.text(k, "name")
        if not name or PERSONAL.search(name):
            continue
        level2 = LEVEL2.match(compact(table.text(k, "level2")))
        level1 = LEVEL1_OF[level2.group("kind")] if level2 else None
        weight = parse_number(table.figure(k, "weight"))
        score = table.figure(k, "score") if "score" in columns else None
        reason = table.text(k, "reason")
        rows.append(
            Indicator(
                level1=level1,
                level2=(level2.group("kind") + "指标") if level2 else None,
                indicator=name,
                target_value=table.text(k, "target") or None,
                adjusted_target_value=None,
                actual_value=table.text(k, "actual") or None,
                # a blank 得分 beside a printed 分值 scores nothing, as on the positional sheets; a target
                # sheet has no 得分 column
                weight=weight,
                score=None if score is None else parse_number(score) if is_number(compact(score)) else Decimal(0),
                deviation_reason=reason if reason and not PERSONAL.search(reason) else None,
                page=table.line(k).page,
                lineno=table.line(k).lineno,
            )
        )
    return rows
