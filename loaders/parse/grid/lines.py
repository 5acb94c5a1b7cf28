"""Lines of a table's region as rows: without the region's metadata lines, the 栏次 row told
apart, labels broken over lines joined back to their row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from loaders.model import Line
from loaders.parse.grid.amounts import is_blank, is_number
from loaders.parse.vocabulary import compact as clean
from loaders.parse.vocabulary.tables import META_LINE


def content_lines(lines: Sequence[Line]) -> list[Line]:
    """The region without its metadata lines (部门名称, 年度, 金额单位)."""
    return [
        line
        for line in lines
        if not META_LINE.search(line.text.replace(" ", "")[:40]) or len([c for c in line.cells if c.strip()]) > 3
    ]


def _is_fragment(line: Line) -> bool:
    """A piece of a label broken over lines: one filled cell, no figure, no closing blank cell."""
    filled = [c for c in line.cells if c.strip()]
    return (
        len(filled) == 1
        and line.cells[-1].strip() != ""
        and not is_number(clean(filled[0]))
        and not is_blank(filled[0])
        and len(clean(filled[0])) <= 24
    )


def is_column_numbers(line: Line) -> bool:
    """The 栏次 row that numbers the columns: "1 2 3 4 5"."""
    filled = [clean(c) for c in line.cells if c.strip()]
    return len(filled) >= 3 and all(c.isdigit() and len(c) <= 2 for c in filled)


def _completes(line: Line) -> bool:
    """Whether a line can be the rest of a row whose label was broken: figures, and not a total row."""
    first = clean(next((c for c in line.cells if c.strip()), ""))
    return any(is_number(clean(c)) for c in line.cells) and "合计" not in first and "总计" not in first


def join_broken_rows(lines: Sequence[Line]) -> list[Line]:
    """Rows whose labels were broken over lines put back together.

    PDF text prints a long label in pieces ("一、一般公共服务支" / "出") before the rest
    of its row. In the table body (from the first line with a figure; header labels are
    left alone) the pieces are joined into one cell, if a line with figures (not a
    合计 row) follows them. When the rest of the row starts
    with a figure and the line before the pieces ended on a figure (its row printed no
    closing blank cell), they continue that row, as the right half of a two-sided table
    does; otherwise they open the row printed after them.
    """
    rows: list[Line] = []
    pending: list[Line] = []
    in_body = False
    for line in lines:
        in_body = in_body or any(is_number(clean(c)) for c in line.cells)
        if in_body and _is_fragment(line):
            pending.append(line)
            continue
        if pending and line.cells and not is_column_numbers(line) and _completes(line):
            first = pending[0]
            lead = tuple(c for c in first.cells[: next(i for i, c in enumerate(first.cells) if c.strip())])
            label = "".join(clean(p.text) for p in pending)
            previous = rows[-1] if rows else None
            continues = (
                is_number(clean(line.cells[0]))
                and previous is not None
                and previous.cells
                and is_number(clean(previous.cells[-1]))
            )
            if continues:
                rows[-1] = replace(
                    previous, text=f"{previous.text} {label} {line.text}", cells=(*previous.cells, label, *line.cells)
                )
            else:
                rows.append(replace(first, text=f"{label} {line.text}", cells=(*lead, label, *line.cells)))
            pending = []
            continue
        rows.extend(pending)
        pending = []
        rows.append(line)
    return rows + pending
