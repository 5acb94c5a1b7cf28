"""PDF → Lines with pdfminer.six: characters placed by position, not by pdfminer's paragraphs.

Rows and cells come from ``pdf_geometry``; page headers/footers repeated on most pages
are kept once, where they first appear (a one-table document's title and unit are its
running head), and 续表 continuation titles removed so a table split across pages reads
as one. Each line carries its vertical middle on the page (``Line.y``).
Unreadable PDFs raise ParseError with the reason a user can act on.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from typing import NamedTuple

from loaders.extract.pdf_geometry import (
    Glyph,
    Rule,
    cell_columns,
    cells_by_rules,
    cluster_rows,
    columns_at,
    dedupe_overprinted,
    split_cells,
    table_columns,
)
from loaders.model import Line, ParseError

PAGE_NUMBER = re.compile(r"^[-—－]?\s*\d{1,4}\s*[-—－]?$|^第\s*\d+\s*页")
CONTINUED = re.compile(r"^[（(]?续表[)）]?")
CUT_FIGURE = re.compile(r"(?:\d,\d{3}|\d{3})\.\d?$")  # a figure cut inside its decimals: "350,034.4", "1682."
BARE_FIGURE = re.compile(r"^\d{1,4}$")


# where a glyph's box does not hold its baseline, the share of its height put above the baseline
ASCENT_SHARE = 0.8


def glyph_of(char, text: str, height: float) -> Glyph:
    """A pdfminer character as a Glyph, its box measured from the page top. A font with a bogus
    descent places the box off its own baseline (a year in a Latin font hanging a line below its
    title): such a box is put back on the baseline, where the glyphs of its line stand."""
    top, bottom = height - char.y1, height - char.y0
    a, b, c, _d, _e, f = char.matrix
    baseline = height - f
    if b == 0 and c == 0 and a > 0 and not top <= baseline <= bottom:  # upright text only
        size = bottom - top
        top, bottom = baseline - ASCENT_SHARE * size, baseline + (1 - ASCENT_SHARE) * size
    return Glyph(text, char.x0, char.x1, top, bottom)


def _glyphs_and_rules(layout) -> tuple[list[Glyph], list[Rule]]:
    """Characters, and the vertical ruling lines of table grids (lines and rectangle edges)."""
    from pdfminer.layout import LTChar, LTCurve, LTRect

    height = layout.height
    found: list[Glyph] = []
    rules: list[Rule] = []

    def walk(obj) -> None:
        if isinstance(obj, LTChar):
            text = obj.get_text()
            if text.strip():
                found.append(glyph_of(obj, text, height))
            return
        if isinstance(obj, LTRect) and obj.height > 2:
            rules.extend(
                (Rule(obj.x0, height - obj.y1, height - obj.y0), Rule(obj.x1, height - obj.y1, height - obj.y0))
            )
        elif isinstance(obj, LTCurve) and abs(obj.x1 - obj.x0) < 1 and obj.height > 2:
            rules.append(Rule((obj.x0 + obj.x1) / 2, height - obj.y1, height - obj.y0))
        for child in getattr(obj, "_objs", ()) or ():
            walk(child)

    walk(layout)
    return found, rules


def _layouts(data: bytes, max_pages: int = 0):
    """Each page's characters and graphics as pdfminer interprets them, without layout analysis.

    ``laparams=None``: pdfminer's grouping of characters into lines and boxes is work this
    module never used (it places every character by position itself), and it cost 25–30%
    of the extraction on real PDFs.
    """
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    for page in PDFPage.get_pages(io.BytesIO(data), maxpages=max_pages):
        interpreter.process_page(page)
        yield device.get_result()


def _pages(data: bytes, source_name: str, max_pages: int = 0) -> list[list[Row]]:
    """Each page's rows (cell texts, column spans, vertical middle); ``max_pages`` > 0 reads only the first ones."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ParseError("not a PDF (the file has a .pdf name but no %PDF header)", file=source_name)
    pages = []
    carried: list[float] | None = None  # the columns of a table running on at the foot of the page
    try:
        for layout in _layouts(data, max_pages):
            glyphs, rules = _glyphs_and_rules(layout)
            rows, carried = _rows(cluster_rows(dedupe_overprinted(glyphs)), rules, carried)
            pages.append(rows)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ParseError(
            f"encrypted PDF: cannot extract text without the password ({type(exc).__name__})", file=source_name
        ) from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise ParseError(f"damaged or truncated PDF: {type(exc).__name__}: {exc}", file=source_name) from exc
    if not pages:
        raise ParseError("damaged or truncated PDF: no pages", file=source_name)
    if not any(rows for rows in pages):
        raise ParseError("no text layer: needs OCR (a scanned PDF)", file=source_name)
    return pages


class Row(NamedTuple):
    """One printed row of a page: its cells (by the row's own rules), the first table column and span
    of each (empty outside a ruled table), its vertical middle from the top."""

    cells: tuple[str, ...]
    columns: tuple[int, ...]
    spans: tuple[int, ...]
    middle: float
    printed: tuple[str, ...] = ()  # the cells before NFKC


def _rows(
    glyph_rows: list[list[Glyph]], rules: list[Rule], carried: list[float] | None = None
) -> tuple[list[Row], list[float] | None]:
    """Each row's cells: ruled rows on their table's columns, others split at gaps; and the columns of
    the table at the foot of the page (None when the page ends outside a table).

    ``carried``: the columns of the table the page before ended in, which this page may continue.
    """
    middles = [sum(g.middle for g in row) / len(row) for row in glyph_rows]
    own = [columns_at(rules, middle) for middle in middles]
    tables = table_columns(own, carried=carried)
    rows = []
    for row, middle, row_rules, columns in zip(glyph_rows, middles, own, tables, strict=False):
        if columns is None:
            texts, placed = [t for _, t in split_cells(row)], []
        else:
            texts, placed = cells_by_rules(row, row_rules), cell_columns(row_rules, columns)
        rows.append(
            Row(
                tuple(unicodedata.normalize("NFKC", t) for t in texts),
                tuple(c for c, _ in placed),
                tuple(s for _, s in placed),
                middle,
                tuple(texts),
            )
        )
    return rows, (tables[-1] if tables else None)


def _running_heads(pages: list[list[Row]]) -> set[str]:
    """Texts at the top or bottom of most pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    edges = Counter()
    for rows in pages:
        for row in rows[:2] + rows[-2:]:
            edges["".join(row.cells)] += 1
    return {text for text, n in edges.items() if n >= max(3, len(pages) * 0.5)}


def extract_pdf_lines(data: bytes, source_name: str, max_pages: int = 0) -> list[Line]:
    """The lines of every page, or of the first ``max_pages`` (0: all), running heads removed."""
    pages = _pages(data, source_name, max_pages)
    heads = _running_heads(pages)
    lines: list[Line] = []
    number = 0
    seen_heads: set[str] = set()
    for page_no, rows in enumerate(pages, start=1):
        for at, row in enumerate(rows):
            number += 1
            joined = "".join(row.cells)
            # a running head is read once, where it first appears: a title, 部门名称 or 单位
            # printed atop every page of a one-table document is still that document's title
            if joined in seen_heads or _is_page_number(row, rows[max(0, at - 2) : at]) or CONTINUED.match(joined):
                continue
            if joined in heads:
                seen_heads.add(joined)
            lines.append(
                Line(
                    text="\t".join(row.cells),
                    cells=row.cells,
                    lineno=number,
                    page=page_no,
                    columns=row.columns,
                    spans=row.spans,
                    y=round(row.middle, 2),
                    printed=_printed(row),
                )
            )
    return lines


def _is_page_number(row: Row, before: list[Row]) -> bool:
    """A page number is one figure ("- 3 -"); a table row of figures alone ("2 | 10") is not, nor
    is the tail of a figure wrapped in its cell ("350,034.4" over "2", the row's label between):
    a lone figure in a ruled table's column, or under a figure cut inside its decimals."""
    joined = "".join(row.cells)
    if not PAGE_NUMBER.match(joined) or sum(any(ch.isdigit() for ch in c) for c in row.cells) > 1:
        return False
    if not BARE_FIGURE.match(joined.strip()):
        return True  # "- 3 -", "第3页"
    return not row.columns and not any(CUT_FIGURE.search(cell) for above in before for cell in above.cells)


def _printed(row: Row) -> str:
    """The row as printed where NFKC changed it, else ''."""
    printed = "\t".join(row.printed)
    return printed if row.printed and printed != "\t".join(row.cells) else ""
