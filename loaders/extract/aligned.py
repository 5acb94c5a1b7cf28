"""Space-aligned text (``pdftotext -layout``, portal exports) → cells cut at the block's column positions.

Splitting each line at its runs of spaces loses blank cells: ``201  一般公共服务支出
1,170.31        711.98`` would put 711.98 under 基本支出. Instead the lines of one block
(consecutive lines laid out in columns) are measured in display columns (a CJK
character is two wide), the columns are the runs of positions the block's figure rows
occupy, and each piece of text goes to the column it overlaps most, so a blank cell
stays blank in its column. Knows nothing of budgets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

GAP = re.compile(r"\s{2,}")
FIGURE = re.compile(r"^-?[\d,]*\.?\d+%?$")


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each run of text separated by 2+ spaces, in display columns."""
    out: list[tuple[int, int, str]] = []
    column, start, current, spaces = 0, None, [], 0
    for ch in text:
        if ch == " ":
            spaces += 1
        else:
            if start is not None and spaces >= 2:
                out.append((start, column - spaces, "".join(current).strip()))
                start, current = None, []
            if start is None:
                start = column
            elif spaces:
                current.append(" ")
            current.append(ch)
            spaces = 0
        column += _width(ch)
    if start is not None:
        out.append((start, column - spaces, "".join(current).strip()))
    return out


def is_aligned(text: str) -> bool:
    """A line laid out in columns: two or more pieces separated by runs of spaces."""
    return bool(GAP.search(text.strip()))


def block_columns(lines: Sequence[str]) -> list[tuple[int, int]]:
    """Column spans of a block: runs of positions occupied in its figure rows (all rows if too few)."""
    rows = [tokens(t) for t in lines]
    figure_rows = [r for r in rows if any(FIGURE.match(tok.replace(" ", "")) for _, _, tok in r)]
    occupied: set[int] = set()
    for row in figure_rows if len(figure_rows) >= 2 else rows:
        for start, end, _ in row:
            occupied.update(range(start, end))
    spans: list[tuple[int, int]] = []
    for x in sorted(occupied):
        if spans and x == spans[-1][1]:
            spans[-1] = (spans[-1][0], x + 1)
        else:
            spans.append((x, x + 1))
    return spans


def _fits(text: str, columns: Sequence[tuple[int, int]]) -> bool:
    """Whether each piece of the line falls inside one column, one piece per column."""
    taken: set[int] = set()
    for start, end, _ in tokens(text):
        inside = [i for i, (a, b) in enumerate(columns) if a <= start and end <= b]
        if len(inside) != 1 or inside[0] in taken:
            return False
        taken.add(inside[0])
    return True


def cut(text: str, columns: Sequence[tuple[int, int]]) -> tuple[str, ...]:
    """The cells of one line on the block's columns; a piece goes to the column it overlaps most."""
    cells: list[list[str]] = [[] for _ in columns]
    for start, end, token in tokens(text):
        overlaps = [min(end, b) - max(start, a) for a, b in columns]
        best = max(range(len(columns)), key=lambda i: (overlaps[i], -abs(columns[i][0] - start)))
        if overlaps[best] <= 0:
            best = min(range(len(columns)), key=lambda i: min(abs(columns[i][0] - end), abs(columns[i][1] - start)))
        cells[best].append(token)
    return tuple(" ".join(parts) for parts in cells)


def _unconfirmed(rows: Sequence[Sequence[tuple[int, int, str]]]) -> set[int]:
    """Rows (by index) with a figure under no text of the block's other rows.

    With one figure row the columns come from every row; a figure lying under no header piece
    (figures right-aligned, labels left-aligned) is placed by a guess, and so is its row.
    """
    figure = [any(FIGURE.match(t.replace(" ", "")) for _, _, t in row) for row in rows]
    labels = [(a, b) for row, f in zip(rows, figure, strict=True) if not f for a, b, _ in row]
    return {
        i
        for i, row in enumerate(rows)
        if figure[i]
        and any(
            FIGURE.match(t.replace(" ", "")) and not any(min(end, b) - max(start, a) > 0 for a, b in labels)
            for start, end, t in row
        )
    }


def _lone_figure(text: str) -> bool:
    """An indented line of one figure: a sparse row printing a single cell, under a block's columns."""
    pieces = tokens(text)
    return text.startswith("  ") and len(pieces) == 1 and bool(FIGURE.match(pieces[0][2].replace(" ", "")))


def aligned_blocks(
    texts: Sequence[str], minimum: int = 3, guessed: set[int] | None = None
) -> dict[int, tuple[str, ...]]:
    """Cells by line index for every block of ``minimum`` or more aligned lines (blank lines inside allowed).

    ``guessed`` collects the lines whose figures' columns no header text confirms (see ``_unconfirmed``).
    """
    out: dict[int, tuple[str, ...]] = {}
    block: list[int] = []

    def close() -> None:
        if len(block) >= minimum:
            columns = block_columns([texts[i] for i in block])
            figure_rows = [i for i in block if any(FIGURE.match(t.replace(" ", "")) for _, _, t in tokens(texts[i]))]
            # gaps without alignment (pieces merely separated by spaces) are left to the caller's split
            fitting = sum(_fits(texts[i], columns) for i in figure_rows)
            if len(columns) >= 2 and fitting >= 0.9 * len(figure_rows):
                for i in block:
                    out[i] = cut(texts[i], columns)
                if guessed is not None and len(figure_rows) < 2:
                    guessed.update(block[k] for k in _unconfirmed([tokens(texts[i]) for i in block]))
        block.clear()

    for i, text in enumerate(texts):
        if not text.strip():
            continue
        if is_aligned(text) or (block and _lone_figure(text)):
            block.append(i)
        else:
            close()
    close()
    return out
