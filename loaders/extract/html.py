"""HTML pages → Lines: each <tr> a line of its <td>/<th> cells, other blocks a prose line.

Parsed with BeautifulSoup over lxml, never with regular expressions. A cell spanning
several columns (colspan) is followed by covered empty cells and its span kept on the
Line; a cell spanning rows (rowspan) leaves an empty covered cell in the rows below, so
columns stay aligned with the rows under it. Line numbers count the emitted lines in
document order.
"""

from __future__ import annotations

import unicodedata

from bs4 import BeautifulSoup

from loaders.model import Line

BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "caption", "title")


def _text(node) -> str:
    return " ".join(unicodedata.normalize("NFKC", node.get_text(" ", strip=True)).split())


def _span(cell, name: str) -> int:
    value = str(cell.get(name) or "1").strip()
    return max(int(value), 1) if value.isdigit() else 1


def _cells(row, pending: dict[int, int]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Texts and column spans of a row; ``pending`` holds columns still covered by a rowspan above."""
    cells: list[str] = []
    spans: list[int] = []

    def fill_covered() -> None:
        while pending.get(len(cells), 0) > 0:
            pending[len(cells)] -= 1
            cells.append("")
            spans.append(0)

    for cell in row.find_all(("td", "th"), recursive=False):
        fill_covered()
        width, height = _span(cell, "colspan"), _span(cell, "rowspan")
        for k in range(width):
            if height > 1:
                pending[len(cells) + k] = height - 1
        cells.append(_text(cell))
        spans.append(width)
        cells.extend([""] * (width - 1))
        spans.extend([0] * (width - 1))
    fill_covered()
    while len(cells) > 1 and cells[-1] == "" and spans[-1] != 0:
        cells.pop()
        spans.pop()
    return tuple(cells), tuple(spans)


def html_lines(text: str, repair=None) -> list[Line]:
    soup = BeautifulSoup(text, "lxml")
    for junk in soup(["script", "style", "noscript"]):
        junk.decompose()
    lines: list[Line] = []
    covered: dict[int, dict[int, int]] = {}  # per <table>: column → rows still covered by a rowspan
    for node in soup.find_all(["tr", *BLOCKS]):
        if node.name != "tr" and node.find_parent("table") is not None:
            continue
        spans: tuple[int, ...] = ()
        if node.name == "tr":
            cells, spans = _cells(node, covered.setdefault(id(node.find_parent("table")), {}))
        else:
            cells = (_text(node),)
        if repair is not None:
            cells = tuple(repair(c) for c in cells)
        joined = "\t".join(cells).strip()
        if joined:
            multi = len(cells) > 1
            lines.append(
                Line(
                    text=joined,
                    cells=cells if multi else (joined,),
                    lineno=len(lines) + 1,
                    spans=spans if multi and any(s != 1 for s in spans) else (),
                )
            )
    return lines
