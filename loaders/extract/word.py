"""Word documents (.docx) → Lines with python-docx: paragraphs and table rows in document order.

A paragraph is one prose Line (a single cell); a table row is one Line whose cells are
the row's grid columns. A cell merged across columns (gridSpan) holds its text at its
first column and '' in the columns it covers; a cell merged down rows (vMerge) holds its
text in its first row and '' below, as a spreadsheet does. ``Line.spans`` records each
cell's column span, 0 for a covered position.

Word has no pages or printed line numbers to point at: ``lineno`` counts the document's
body blocks (each paragraph, empty ones included, and each table row) from 1. Headers,
footers and text boxes are not read.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile

from loaders.extract.limits import check_archive, check_line_count
from loaders.extract.spreadsheet import column_spans
from loaders.model import Line, ParseError

COVERED = (0, 0)


def _text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _cell_text(tc) -> str:
    """The cell's paragraphs, those of a table nested in it included, as one line."""
    from docx.text.paragraph import Paragraph

    return _text(" ".join(Paragraph(p, None).text for p in tc.xpath(".//w:p")))


def table_rows(tbl) -> list[tuple[tuple[str, ...], tuple[tuple[int, int], ...]]]:
    """Each row of a table as (cells, spans) on the table's column grid."""
    grid: list[list[tuple[str, tuple[int, int], str | None]]] = []
    for tr in tbl.tr_lst:
        row = [("", COVERED, None)] * tr.grid_before
        for tc in tr.tc_lst:
            span, merge = max(tc.grid_span, 1), tc.vMerge
            text = "" if merge == "continue" else _cell_text(tc)
            row.append((text, (1, span), merge))
            row.extend([("", COVERED, None)] * (span - 1))
        grid.append(row)
    rows = []
    for r, row in enumerate(grid):
        cells, spans = [], []
        for c, (text, span, merge) in enumerate(row):
            if merge == "continue":
                span = COVERED
            elif merge == "restart":
                below = 1
                while r + below < len(grid) and c < len(grid[r + below]) and grid[r + below][c][2] == "continue":
                    below += 1
                span = (below, span[1])
            cells.append(text)
            spans.append(span)
        while cells and not cells[-1]:
            cells.pop()
            spans.pop()
        rows.append((tuple(cells), column_spans(spans)))
    return rows


def word_lines(data: bytes, source_name: str) -> list[Line]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from lxml.etree import XMLSyntaxError

    check_archive(data, source_name)  # no part may unpack like a bomb before python-docx reads it
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(document.iter_inner_content())
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as exc:
        raise ParseError(f"damaged or truncated Word document: {type(exc).__name__}: {exc}", file=source_name) from exc
    lines: list[Line] = []
    number = 0
    for block in blocks:
        if isinstance(block, Table):
            for cells, spans in table_rows(block._tbl):
                number += 1
                if cells:
                    lines.append(Line(text="\t".join(cells).strip(), cells=cells, lineno=number, spans=spans))
        else:
            number += 1
            text = _text(block.text)
            if text:
                lines.append(Line(text=text, cells=(text,), lineno=number))
        check_line_count(number, source_name)
    return lines
