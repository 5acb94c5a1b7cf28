"""Cells of "loose" text: PDF text joined by single spaces, where a blank cell is an extra space.

Some extraction tools (pdfminer's plain ``extract_text`` among them) print a table row
as its cells joined by one space, so a blank cell shows as two spaces in a row and
blank cells at either end as leading or trailing spaces: ``"2010302 行政管理 23.02  23.02"``
is code, name, 23.02, (blank), 23.02. They also glue a cell to the next where the
PDF put no gap between them (``"1,433.90一、一般公共服务支出"``). A document is
read this way only when its figures are single-space separated throughout; aligned
layouts (runs of spaces between columns) keep their own splitting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

AMOUNT = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+\.\d+"
SINGLE_SPACED = re.compile(rf"(?:^|\s)(?:{AMOUNT}) (?:{AMOUNT})(?:\s|$)")
# aligned layouts put wide gaps between columns; loose text has at most a blank cell or two (2–3 spaces)
WIDE_GAP = re.compile(rf"(?:{AMOUNT})\s{{4,}}(?:{AMOUNT})")
# an amount glued to the label of the next cell: a numbered item ("一、") or a doubled (bold) label
GLUED_ORDINAL = re.compile(rf"({AMOUNT})(?=[一二三四五六七八九十]+、)")
GLUED_DOUBLED = re.compile(rf"({AMOUNT})(?=([\u4e00-\u9fff]{{2,}})\2(?:\s|$))")


def is_loose(texts: Sequence[str]) -> bool:
    """True when the document separates figures by single spaces rather than by gaps."""
    single = sum(1 for t in texts if SINGLE_SPACED.search(t))
    wide = sum(1 for t in texts if WIDE_GAP.search(t))
    return single >= 3 and single > 2 * wide


def unglue(text: str) -> str:
    """A space between an amount and a label printed against it."""
    text = GLUED_ORDINAL.sub(r"\1 ", text)
    return GLUED_DOUBLED.sub(r"\1 ", text)


def loose_cells(text: str) -> tuple[str, ...]:
    """Cells of one loose line; blank cells kept, trailing blanks reduced to one marker.

    The marker (a final empty cell) says the row printed all its cells: a row that
    ends in a figure may continue on the next line (a label broken over lines).
    """
    cells = text.replace("\u3000", " ").split(" ")
    ended_blank = bool(cells) and cells[-1] == ""
    while cells and cells[-1] == "":
        cells.pop()
    if not cells:
        return ("",)
    return tuple(cells) + (("",) if ended_blank else ())
