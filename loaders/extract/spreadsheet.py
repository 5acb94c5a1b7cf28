"""Workbooks (.xls, .xlsx, .ods) → Lines with python-calamine: one Line per non-empty row.

A sheet's rows keep their columns: every position of the sheet's used range is a cell
('' when empty), trailing empty cells dropped as on every other source. A merged cell
(合并单元格: a title or a header label over several columns, 项目 over two header
rows) holds its text at its top-left position and '' where it covers, so a label
spanning columns is never shifted onto its neighbour; ``Line.spans`` records each
cell's column span and 0 for a covered position, as the HTML reader does, for the grid.
calamine reports merges for .xls and .xlsx; those of an .ods are read from its content.xml.

Provenance: ``page`` is the sheet's position in the workbook (1-based) and ``lineno``
the row number as the spreadsheet shows it. Hidden sheets are not read (they are not
published); chart and macro sheets hold no cells.

Numbers become text as a reader would print them: the shortest decimal with at most
15 significant digits (what Excel displays), so a stored 1214.6799999999998 reads as
1214.68 and never as a float artefact.
"""

from __future__ import annotations

import datetime
import io
import unicodedata
import zipfile
from decimal import Decimal

from lxml.etree import XMLSyntaxError, iterparse

from loaders.extract.limits import check_archive, check_line_count, max_lines
from loaders.model import Line, ParseError

MAX_COLUMNS = 1000  # wider used ranges are formatting artefacts or garbage, never a table
CELLS_PER_LINE = 50  # a sheet may hold GOVFIN_MAX_LINES × this many cells
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"  # stored first in an .ods
PLAIN, COVERED = (1, 1), (0, 0)
ZIP_MAGIC = b"PK\x03\x04"


def cell_text(value) -> str:
    """One cell's value as printed text."""
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFKC", value).split())
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        return format(Decimal(format(value, ".15g")), "f")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def merged_spans(ranges, height: int) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, column) → (rows, columns) for the top-left of each merge, COVERED for the rest;
    merges are clipped to the sheet's rows and MAX_COLUMNS (a merge can span a whole sheet)."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for (top, left), (bottom, right) in ranges or ():
        bottom, right = min(bottom, height - 1), min(right, MAX_COLUMNS - 1)
        if top > bottom or left > right:
            continue
        for row in range(top, bottom + 1):
            for col in range(left, right + 1):
                spans[(row, col)] = COVERED
        spans[(top, left)] = (bottom - top + 1, right - left + 1)
    return spans


def column_spans(extents) -> tuple[int, ...]:
    """``Line.spans`` from (rows, columns) extents: the columns of a merge's top-left cell, 0 where
    a merge covers; () when every cell spans one column."""
    spans = tuple(0 if extent == COVERED else extent[1] for extent in extents)
    return spans if any(span != 1 for span in spans) else ()


def sheet_lines(rows, merges, sheet_no: int) -> list[Line]:
    """The Lines of one sheet, from its rows (as from A1) and its merged ranges."""
    spans = merged_spans(merges, len(rows))
    lines: list[Line] = []
    for r, row in enumerate(rows):
        cells = [cell_text(v) for v in row[:MAX_COLUMNS]]
        for c in range(len(cells)):
            if spans.get((r, c)) == COVERED:
                cells[c] = ""  # a merge keeps its value at the top-left only
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        line_spans = column_spans(spans.get((r, c), PLAIN) for c in range(len(cells)))
        text = "\t".join(cells).strip()
        lines.append(Line(text=text, cells=tuple(cells), lineno=r + 1, page=sheet_no, spans=line_spans))
    return lines


def ods_merges(data: bytes) -> list[list[tuple[tuple[int, int], tuple[int, int]]]]:
    """Merged ranges of each sheet of an OpenDocument spreadsheet, as calamine gives them for
    Excel files (calamine reports none for .ods): from the cells' number-columns-spanned and
    number-rows-spanned, counting repeated rows and cells."""
    table = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as content:
        sheets: list[list] = []
        for _, sheet in iterparse(content, tag=f"{table}table"):
            merges, r = [], 0
            for row in sheet.iter(f"{table}table-row"):
                c = 0
                for cell in row:
                    cols = int(cell.get(f"{table}number-columns-spanned", 1))
                    rows = int(cell.get(f"{table}number-rows-spanned", 1))
                    if cols > 1 or rows > 1:
                        merges.append(((r, c), (r + rows - 1, c + cols - 1)))
                    c += int(cell.get(f"{table}number-columns-repeated", 1))
                r += int(row.get(f"{table}number-rows-repeated", 1))
            sheets.append(merges)
            sheet.clear()
    return sheets


def spreadsheet_lines(data: bytes, source_name: str) -> list[Line]:
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    if data.startswith(ZIP_MAGIC):  # XLSX, ODS: no part may unpack like a bomb (an .xls is no ZIP)
        check_archive(data, source_name)
    lines: list[Line] = []
    try:
        opendocument = ods_merges(data) if ODS_MIMETYPE in data[:200] else None
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as book:
            for sheet_no, meta in enumerate(book.sheets_metadata, start=1):
                if meta.visible != SheetVisibleEnum.Visible or meta.typ != SheetTypeEnum.WorkSheet:
                    continue
                sheet = book.get_sheet_by_index(sheet_no - 1)
                end = sheet.end
                if end is None:
                    continue
                check_line_count(len(lines) + end[0] + 1, source_name)
                if (end[0] + 1) * (end[1] + 1) > max_lines() * CELLS_PER_LINE:
                    raise ParseError(
                        f"too large a sheet for one disclosure: {end[0] + 1:,} rows × "
                        f"{end[1] + 1:,} columns in sheet {meta.name}",
                        file=source_name,
                    )
                rows = sheet.to_python(skip_empty_area=False, nrows=min(end[0] + 1, max_lines()))
                merges = sheet.merged_cell_ranges
                if merges is None and opendocument is not None:
                    merges = opendocument[sheet_no - 1]
                lines.extend(sheet_lines(rows, merges, sheet_no))
    except CalamineError as exc:
        raise ParseError(f"cannot read the workbook: {type(exc).__name__}: {exc}", file=source_name) from exc
    except (ValueError, OSError, KeyError, zipfile.BadZipFile, XMLSyntaxError) as exc:  # damaged or encrypted
        raise ParseError(f"damaged, truncated or password-protected workbook: {exc}", file=source_name) from exc
    if not lines:
        raise ParseError("the workbook has no visible sheet with cells", file=source_name)
    return lines
