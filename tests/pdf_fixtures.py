"""Render a text disclosure into a real PDF, as government sites publish them (no binary fixtures).

Table rows are drawn as ruled grids with each cell in its column; totals in fake bold
(every glyph drawn twice, 0.3 pt apart); a running header and a page-number footer on
every page; a table that crosses a page break continues under a 续表 line. The CJK font
is reportlab's built-in STSong-Light CID font, which needs no font file.

The rows drawn are the text's own, split by ``tests/text_rows.py``; nothing here comes
from ``loaders`` (tests/test_pdf_extract.py checks it), so a PDF test reads a page drawn
independently of the extractor it tests.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

try:
    from text_rows import text_rows  # tests/ on the path: pytest, bench/extraction_identity.py
except ModuleNotFoundError:
    from tests.text_rows import text_rows

FONT = "STSong-Light"
SIZE = 7.0
ROW = 11.0
LINES_PER_PAGE = 60
PROSE_CHUNK = 70


def _register() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _rows(path: Path) -> list[tuple[str, ...]]:
    """The text's rows; a line of text broken into chunks a page is wide."""
    rows: list[tuple[str, ...]] = []
    for cells in text_rows(path.read_text(encoding="utf-8")):
        if len(cells) > 1:
            rows.append(cells)
        else:
            rows.extend((cells[0][i : i + PROSE_CHUNK],) for i in range(0, len(cells[0]), PROSE_CHUNK))
    return rows


def render_pdf(
    path: Path,
    running_head: str = "部门决算公开 内部测试版",
    fake_bold: bool = True,
    encrypt: str | None = None,
    lines_per_page: int = LINES_PER_PAGE,
) -> bytes:
    """The text document at ``path`` drawn as a multi-page ruled PDF."""
    _register()
    rows = _rows(path)
    widths: dict[int, float] = {}
    for cells in rows:
        if len(cells) > 1:
            for i, cell in enumerate(cells):
                widths[i] = max(widths.get(i, 30.0), len(cell) * SIZE + 8)
    page_width = max(PROSE_CHUNK * SIZE, sum(widths.values())) + 60
    page_height = (lines_per_page + 6) * ROW
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(page_width, page_height), encrypt=encrypt)
    page = 0

    def start_page() -> float:
        nonlocal page
        page += 1
        pdf.setFont(FONT, SIZE)
        pdf.drawString(30, page_height - 20, running_head)
        pdf.drawString(page_width / 2, 15, f"-{page}-")
        return page_height - 20 - 2 * ROW

    y = start_page()
    previous_was_table = False
    for _n, cells in enumerate(rows):
        if y < 40:
            pdf.showPage()
            y = start_page()
            if previous_was_table and len(cells) > 1:
                pdf.drawString(30, y, "续表")
                y -= ROW
        bold = fake_bold and any(k in cells[0] for k in ("合计", "总计"))
        if len(cells) > 1:
            x = 30.0
            edges = [x]
            for i, cell in enumerate(cells):
                _draw(pdf, x + 3, y, cell, bold)
                x += widths[i]
                edges.append(x)
            for edge in edges:
                pdf.line(edge, y - 3, edge, y + ROW - 3)
            pdf.line(edges[0], y - 3, edges[-1], y - 3)
        else:
            _draw(pdf, 30, y, cells[0], bold)
        previous_was_table = len(cells) > 1
        y -= ROW
    pdf.save()
    return buffer.getvalue()


def _draw(pdf, x: float, y: float, text: str, bold: bool) -> None:
    pdf.drawString(x, y, text)
    if bold:
        pdf.drawString(x + 0.3, y, text)


def image_only_pdf() -> bytes:
    """A 'scanned' page: shapes, no text layer."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for i in range(20):
        pdf.rect(50 + i * 10, 100 + i * 20, 200, 10, fill=1)
    pdf.save()
    return buffer.getvalue()


def ruled_table_pdf(prose: list[str], rows, width: float = 78.0, height: float = 16.0) -> bytes:
    """Prose lines, then one table whose every cell is ruled on all sides, a merged cell as one box.

    ``rows`` lists each row's printed cells: a string, or ``(text, colspan, rowspan)`` for a
    merged cell; a cell covered by a rowspan from above is not listed again (as in HTML).
    """
    _register()
    rows = [[(c, 1, 1) if isinstance(c, str) else (*c, 1, 1)[:3] for c in row] for row in rows]
    n_cols = max(sum(cols for _, cols, _ in row) for row in rows)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(n_cols * width + 60, (len(prose) + len(rows)) * height + 80))
    pdf.setFont(FONT, 6.5)
    y = (len(prose) + len(rows)) * height + 50
    for text in prose:
        pdf.drawString(30, y, text)
        y -= height
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        col = 0
        for text, cols, span_rows in row:
            while (r, col) in taken:
                col += 1
            taken.update((r + i, col + j) for i in range(span_rows) for j in range(cols))
            x, top = 30 + col * width, y - r * height
            pdf.rect(x, top - span_rows * height, cols * width, span_rows * height)
            pdf.drawString(x + 3, top - height + 5, text)
            col += cols
    pdf.save()
    return buffer.getvalue()
