"""Write a text disclosure as the Office files departments publish (no binary fixtures).

Each tab-separated line becomes a row of cells, amounts ("1,214.68") numeric cells as
Excel stores them, codes and labels text. A workbook puts each table on its own sheet,
its title merged across the columns and, in the header rows above the first figure,
each label merged over the empty cells after it (收入 over 项目/行次/金额). A Word
document prints prose as paragraphs and each run of table lines as a Word table with
the same merges. Prose lines sit in column A of the workbook.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

AMOUNT = re.compile(r"^-?\d{1,3}(,\d{3})*\.\d+$|^-?\d+\.\d+$")
TABLE_LABEL = re.compile(r"^公开\d{2}表$")
TITLE_WIDTH = 8


def cell_value(cell: str):
    cell = cell.strip()
    return float(cell.replace(",", "")) if AMOUNT.match(cell) else cell


def rows_of(text: str, numeric: bool = True) -> list[list]:
    """One list of cell values per line of the text ([] for a blank line); amounts as floats if ``numeric``."""
    value = cell_value if numeric else str.strip
    return [[value(c) for c in line.split("\t")] if line.strip() else [] for line in text.split("\n")]


def sheets_of(rows: list[list]) -> list[list[list]]:
    """The rows cut into sheets: a sheet per table, from its title (two lines above 公开NN表)."""
    starts = [i - 2 for i, row in enumerate(rows) if len(row) == 1 and TABLE_LABEL.match(str(row[0]))]
    bounds = [0, *starts, len(rows)]
    return [rows[a:b] for a, b in itertools.pairwise(bounds) if b > a]


def header_merges(rows: list[list], bands: bool = False) -> list[tuple[int, int, int]]:
    """(row, first column, last column) to merge: a title row, and in a header row (above the
    first figure) a label over the empty cells after it that head sub-columns labelled in the
    header row below (预算数 over 合计 … 公务接待费), as a spreadsheet prints a banded header."""
    merges = []
    if rows and len(rows[0]) == 1 and isinstance(rows[0][0], str) and rows[0][0].endswith("表"):
        merges.append((0, 0, TITLE_WIDTH - 1))
    if not bands:
        return merges
    table_rows = [i for i, row in enumerate(rows) if len(row) > 1]
    for r, below in itertools.pairwise(table_rows):
        row, under = rows[r], rows[below]
        if any(isinstance(v, float) for v in row) or _figures_or_numbers(under):
            break
        for c, value in enumerate(row):
            end = c
            while (
                value != ""
                and end + 1 < len(row)
                and row[end + 1] == ""
                and end + 1 < len(under)
                and under[end + 1] != ""
            ):
                end += 1
            if end > c:
                merges.append((r, c, end))
    return merges


def _figures_or_numbers(row: list) -> bool:
    """A row of figures, or the 栏次 row numbering the columns (1 2 3 …)."""
    filled = [v for v in row if v != ""]
    return any(isinstance(v, float) for v in filled) or (bool(filled) and all(str(v).isdigit() for v in filled))


def write_xlsx(path: Path, text: str, bands: bool = False) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for n, rows in enumerate(sheets_of(rows_of(text)), start=1):
        sheet = book.create_sheet(f"表{n}")
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):  # blank lines stay blank rows
                if value != "":
                    cell = sheet.cell(row=r, column=c, value=value)
                    if isinstance(value, str) and value.startswith("="):
                        cell.data_type = "s"  # "=30家" is a printed target, not a formula
        for r, first, last in header_merges(rows, bands):
            sheet.merge_cells(start_row=r + 1, start_column=first + 1, end_row=r + 1, end_column=last + 1)
    book.save(path)
    return path


def write_xls(path: Path, text: str, bands: bool = False) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for n, rows in enumerate(sheets_of(rows_of(text)), start=1):
        sheet = book.add_sheet(f"表{n}")
        merged = {(r, first): last for r, first, last in header_merges(rows, bands)}
        for r, row in enumerate(rows):
            covered = -1
            for c, value in enumerate(row):
                if c <= covered:
                    continue
                if (r, c) in merged:
                    sheet.write_merge(r, r, c, merged[(r, c)], value)
                    covered = merged[(r, c)]
                elif value != "":
                    sheet.write(r, c, value)
    book.save(str(path))
    return path


def write_ods(path: Path, text: str, bands: bool = False) -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    for n, rows in enumerate(sheets_of(rows_of(text)), start=1):
        table = Table(name=f"表{n}")
        merged = {(r, first): last for r, first, last in header_merges(rows, bands)}
        for r, row in enumerate(rows):
            tr = TableRow()
            width = max(len(row), merged[(r, 0)] + 1 if (r, 0) in merged else 0)
            covered = -1
            for c in range(width):
                value = row[c] if c < len(row) else ""
                if c <= covered:
                    tr.addElement(CoveredTableCell())
                    continue
                span = {"numbercolumnsspanned": merged[(r, c)] - c + 1} if (r, c) in merged else {}
                covered = merged.get((r, c), covered)
                if isinstance(value, float):
                    cell = TableCell(valuetype="float", value=repr(value), **span)
                    cell.addElement(P(text=repr(value)))
                else:
                    cell = TableCell(valuetype="string", **span)
                    if value:
                        cell.addElement(P(text=value))
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def write_docx(path: Path, text: str, bands: bool = False) -> Path:
    """Prose as paragraphs, each run of consecutive table lines as one Word table."""
    from docx import Document

    document = Document()
    rows = rows_of(text, numeric=False)
    i = 0
    while i < len(rows):
        row = rows[i]
        if len(row) <= 1:
            if row and row[0] != "":
                document.add_paragraph(str(row[0]))
            i += 1
            continue
        run = []
        while i < len(rows) and len(rows[i]) > 1:
            run.append(rows[i])
            i += 1
        width = max(len(r) for r in run)
        table = document.add_table(rows=len(run), cols=width)
        for r, values in enumerate(run):
            for c, value in enumerate(values):
                if value != "":
                    table.cell(r, c).text = value
        for r, first, last in header_merges(run, bands):
            table.cell(r, first).merge(table.cell(r, last))
    document.save(path)
    return path
