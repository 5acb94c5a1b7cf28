"""HTML pages → Lines: each <tr> a line of its <td>/<th> cells, other blocks a prose line.

Parsed with BeautifulSoup over lxml, never with regular expressions. A cell spanning
several columns (colspan) is followed by empty cells so columns stay aligned with
the rows below it. Line numbers count the emitted lines in document order.
"""
from __future__ import annotations

import unicodedata

from bs4 import BeautifulSoup

from loaders.model import Line

BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "caption", "title")


def _text(node) -> str:
    return " ".join(unicodedata.normalize("NFKC", node.get_text(" ", strip=True)).split())


def _cells(row) -> tuple[str, ...]:
    cells: list[str] = []
    for cell in row.find_all(("td", "th"), recursive=False):
        cells.append(_text(cell))
        span = cell.get("colspan")
        if span and str(span).isdigit():
            cells.extend([""] * (int(span) - 1))
    while len(cells) > 1 and cells[-1] == "":
        cells.pop()
    return tuple(cells)


def html_lines(text: str, repair=None) -> list[Line]:
    soup = BeautifulSoup(text, "lxml")
    for junk in soup(["script", "style", "noscript"]):
        junk.decompose()
    lines: list[Line] = []
    for node in soup.find_all(["tr", *BLOCKS]):
        if node.name != "tr" and node.find_parent("table") is not None:
            continue
        cells = _cells(node) if node.name == "tr" else (_text(node),)
        if repair is not None:
            cells = tuple(repair(c) for c in cells)
        joined = "\t".join(cells).strip()
        if joined:
            lines.append(Line(text=joined, cells=cells if len(cells) > 1 else (joined,), lineno=len(lines) + 1))
    return lines
