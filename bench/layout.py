"""How each text layout prints cells, amounts and table headings, after the seed documents.

- ``tab``: seed 000 — cells separated by tabs, blank lines between heading lines, amounts
  with thousands separators, empty cells for zero.
- ``pipe``: seed 001 — cells joined by `` | `` with empty cells collapsed to trailing
  ``|`` (a leading empty cell disappears), no table titles (only 公开NN表), zeros as ``0.0``.
- ``markdown``: seed 004 — tab cells, ``#`` headings, ``<b>`` around 合计 rows and the
  watermark line 仅供内部审核 at page breaks.
- ``loose``: seed 002 (budgets only) — raw PDF text: cells joined by one space (a blank
  cell is an extra space), bold rows and headings printed twice ("合计合计 1.001.00"),
  long row labels broken over lines above their figures, page numbers at page breaks.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from decimal import Decimal

LAYOUTS = ("tab", "pipe", "markdown")
BUDGET_ONLY_LAYOUTS = ("loose",)
LABEL_WIDTH = 12  # characters of a row label per printed line in the loose layout
WATERMARK = "仅供内部审核"


def amount(cents: int, layout: str) -> str:
    """A cell holding ``cents`` hundredths of the unit, printed the layout's way."""
    value = Decimal(cents) / 100
    if layout == "pipe":
        if not cents:
            return "0.0"
        text = f"{value:.2f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    return f"{value:,.2f}" if cents else ""


def prose_amount(cents: int) -> str:
    """An amount inside a sentence: 1,214.68 (and 0 for nothing, as the prose writes it)."""
    return f"{Decimal(cents) / 100:,.2f}" if cents else "0"


class Page:
    """Lines of one document being written in one layout."""

    def __init__(self, layout: str, rng: random.Random):
        self.layout, self.rng = layout, rng
        self.lines: list[str] = []

    def text(self, *lines: str) -> None:
        for line in lines:
            self.lines.append(line)
            if self.layout != "pipe":
                self.lines.append("")

    def heading(self, text: str, level: int = 2) -> None:
        if self.layout == "loose":
            text = text + text  # headings are bold: fake-bold PDF text extracts twice
        self.text(("#" * level + " " + text) if self.layout == "markdown" else text)

    def row(self, cells: Sequence[object], bold: bool = False) -> None:
        cells = ["" if c is None else str(c) for c in cells]
        if self.layout == "pipe":
            filled = [c for c in cells if c != ""]
            empty = len(cells) - len(filled)
            self.lines.append(" | ".join(filled) + " |" + (" " + "|" * empty if empty else ""))
            return
        if self.layout == "loose":
            self._loose_row(cells, bold)
            return
        if bold and self.layout == "markdown":
            cells = [f"<b>{c}</b>" if c else c for c in cells]
        self.lines.append("\t".join(cells))

    def _loose_row(self, cells: list[str], bold: bool) -> None:
        if bold:
            cells = [c + c for c in cells]
        label = cells[0] if cells else ""
        if len(label) > LABEL_WIDTH and not label[:1].isdigit() and len(cells) > 1 and cells[1]:
            # a wrapped label cell: its lines first, then the rest of the row
            self.lines.extend(label[i : i + LABEL_WIDTH] for i in range(0, len(label), LABEL_WIDTH))
            cells = cells[1:]
        self.lines.append(" ".join(cells))
        self.lines.append("")

    def page_break(self) -> None:
        """Where a PDF page ended: a blank line, and the watermark in the markdown layout."""
        if self.layout == "markdown":
            self.lines.extend(["", WATERMARK, "", WATERMARK, ""])
        elif self.layout == "tab":
            self.lines.append("")
        elif self.layout == "loose":
            self.pages = getattr(self, "pages", 0) + 1
            self.lines.extend(["", f"-{self.pages}-", ""])

    def table_heading(
        self, title: str, label: str, department: str, year: int, unit: str, width: int, unit_label: str = "金额单位"
    ) -> None:
        """Title, 公开NN表 label, 部门名称, 年度 and 金额单位 lines, as each layout prints them."""
        if self.layout == "pipe":
            self.row([label] + [""] * (width - 1))
            self.row([f"部门:{department}", f"{unit_label}:{unit}"] + [""] * (width - 2))
            return
        if self.layout == "markdown" and self.rng.random() < 0.4:
            self.heading(title, 3)
        else:
            self.text(title)
        if self.layout == "markdown" and self.rng.random() < 0.15:
            self.text(label[:-1] + "  ", "表")  # the label broken over two lines, as in seed 004
        else:
            self.text(label)
        self.text(f"部门名称：{department}", f"{year}年度", f"{unit_label}：{unit}")

    def note(self, text: str) -> None:
        if self.layout == "pipe":
            self.row([f"注:{text}"])
        else:
            self.text("", f"注：{text}")

    def render(self) -> str:
        return "\n".join(self.lines) + "\n"
