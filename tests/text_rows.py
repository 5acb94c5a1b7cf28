"""How the PDF fixture (``tests/pdf_fixtures.py``) turns a text disclosure into the rows it draws.

Standard library only, and nothing from ``loaders``: were the fixture to draw the cells the
extractor under test made of the text, a bug that moves or drops cells would be drawn into
the PDF too, and a test comparing the PDF's facts with the text's would compare the misread
with itself. These are the rules a person copying the text onto a page would follow:

- the text as printed: NFKC, markup (``<b>``, markdown ``#``) removed, fake-bold doubling
  (``合计合计``, ``1,433.901,433.90``) printed once, watermark lines (a short line without
  digits repeated on page after page) left off;
- cells split at tabs or ``|`` when the document uses them, else at runs of two spaces;
- "loose" text (a PDF's raw text, its figures one space apart throughout) split at every single
  space, where two spaces in a row are a blank cell and a figure glued to the next cell's
  label is cut off it; its prose sentences stay whole.

A row is a tuple of cells; a line of one cell is text (a title, a sentence), not a table row.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

TAG = re.compile(r"<[^>]{1,200}>")
MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
GAP = re.compile(r"\s{2,}")
AMOUNT = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+\.\d+"
SINGLE_SPACED = re.compile(rf"(?:^|\s)(?:{AMOUNT}) (?:{AMOUNT})(?:\s|$)")
WIDE_GAP = re.compile(rf"(?:{AMOUNT})\s{{4,}}(?:{AMOUNT})")
GLUED = re.compile(rf"({AMOUNT})(?=[一二三四五六七八九十]+、|([\u4e00-\u9fff]{{2,}})\2(?:\s|$))")
DOUBLED = re.compile(r"(?<!\S)(\S{2,})\1(?!\S)")
FIGURE = re.compile(r"^-?[\d,]+(?:\.\d+)?%?$")
# a line that labels a table (部门名称：, 单位：万元, a title with 表) repeats by design: never a watermark
LABEL = re.compile(r"[:：\t|]|表|单位|部门|年度|合计|总计|项目|科目|指标|\((万)?元\)")


def printed(line: str) -> str:
    """The line as a page prints it: NFKC, without markup."""
    line = TAG.sub("", unicodedata.normalize("NFKC", line))
    return MARKDOWN_HEADING.sub("", line).replace("\xa0", " ").rstrip("\r\n")


def bold_once(line: str) -> str:
    """Each run printed twice for fake bold, once."""
    return DOUBLED.sub(lambda m: _once(m.group(0)), line) if len(line) >= 4 else line


def _once(token: str) -> str:
    """One copy of a token printed twice; years, codes and words like 谢谢 are not bold doubling."""
    half = token[: len(token) // 2]
    if len(token) < 4 or len(token) % 2 or token[len(token) // 2 :] != half or not re.search(r"\w", half):
        return token
    if re.fullmatch(r"[\d,.\-]+", half):
        return half if re.fullmatch(AMOUNT, half) else token
    return half


def watermarks(lines: list[str]) -> set[str]:
    counts = Counter(t.strip() for t in lines if t.strip())
    return {t for t, n in counts.items() if n >= 4 and 3 <= len(t) <= 30 and not re.search(r"\d|" + LABEL.pattern, t)}


def is_loose(lines: list[str]) -> bool:
    """Figures one space apart on three lines or more, and far more often than columns apart."""
    single = sum(1 for t in lines if SINGLE_SPACED.search(t))
    wide = sum(1 for t in lines if WIDE_GAP.search(t))
    return single >= 3 and single > 2 * wide


def separated_cells(line: str) -> tuple[str, ...]:
    if "\t" in line:
        cells = line.split("\t")
    elif "|" in line:
        cells = line.split("|")
        if line.lstrip().startswith("|") and not cells[0].strip():
            cells = cells[1:]
    else:
        cells = GAP.split(line.strip())
    cells = [" ".join(c.split()) for c in cells]
    while len(cells) > 1 and not cells[-1]:
        cells.pop()
    return tuple(cells)


def loose_cells(line: str) -> tuple[str, ...]:
    """Every single space a cell boundary, so a blank cell is an empty cell, trailing blanks one empty cell."""
    cells = line.split(" ")
    ended_blank = cells[-1] == ""
    while cells and cells[-1] == "":
        cells.pop()
    return (*cells, "") if ended_blank and cells else tuple(cells) or ("",)


def is_sentence(cells: tuple[str, ...], text: str) -> bool:
    """A prose line of loose text (split at its spaces), printed as text, not as a row."""
    filled = [c for c in cells if c.strip()]
    return (
        len(filled) >= 2
        and len(text) >= 15
        and any(mark in text for mark in "，。、；")
        and not any(FIGURE.match(c.strip()) for c in filled)
    )


def text_rows(text: str) -> list[tuple[str, ...]]:
    """The rows of ``text``: tuples of cells, one cell for a line of text."""
    lines = [printed(t) for t in text.splitlines()]
    noise = watermarks(lines)
    separated = any("\t" in t or "|" in t for t in lines[:400])
    loose = not separated and is_loose(lines)
    rows = []
    for line in lines:
        if not line.strip() or line.strip() in noise:
            continue
        line = bold_once(GLUED.sub(r"\1 ", line) if loose else line)
        cells = loose_cells(line) if loose else separated_cells(line.rstrip())
        rows.append((line.strip(),) if loose and is_sentence(cells, line.strip()) else cells)
    return rows
